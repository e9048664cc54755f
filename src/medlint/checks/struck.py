"""Struck-through text: words a page shows crossed out are not what it says now.

A sale price is written beside the former one struck through: ``~~$900~~ $750``
in Markdown, ``<s>$900</s> $750`` or ``<del>$900</del>`` in HTML. A fact
compared across pages is the price the page states now, so fact checks read the
page with its struck words blanked: the former price is no statement, and the
current one beside it reads as if it stood alone ("Injections: $750").
"""

from __future__ import annotations

from typing import Any

import regex
from msgspec import NODEFAULT
from msgspec.structs import fields

from medlint.document import Document
from medlint.own_patterns import compiled

# Any struck markup at all: most pages have none, and are read as they are.
_ANY_STRIKE = compiled(r"~~|<(?:s|del|strike)\b", regex.IGNORECASE)
# GFM strikethrough, within one paragraph (no blank line inside).
_MARKDOWN_STRIKE = compiled(r"(?<!~)~~(?!~)(?=\S)((?:(?!~~)[^\n]|\n(?![ \t]*\n)){1,2000}?)(?<=\S)~~(?!~)")
# An HTML element that strikes its words; what it holds is read up to a bounded length.
_HTML_STRIKE = compiled(
    r"<(s|del|strike)\b[^<>]*>((?:(?!</(?:s|del|strike)\s*>)[\s\S]){0,2000}?)</\1\s*>", regex.IGNORECASE
)
_MARKDOWN_FORMATS = frozenset({"markdown", "mdx"})
_CACHE_KEY = ("struck out", 0)


def as_it_reads_now(document: Document) -> Document:
    """``document`` with the prose of its struck-through words blanked (itself when it has none)."""
    known: Document | None = document.context_answers.get(_CACHE_KEY)
    if known is None:
        known = document.context_answers[_CACHE_KEY] = _blanked(document, struck_spans(document))
    return known


def struck_spans(document: Document) -> list[tuple[int, int]]:
    """Where the words a page strikes through stand (their markup left out)."""
    text = document.text
    if _ANY_STRIKE.search(text) is None:
        return []
    spans = [m.span(2) for m in _HTML_STRIKE.finditer(text)]
    if document.format in _MARKDOWN_FORMATS:
        spans += [m.span(1) for m in _MARKDOWN_STRIKE.finditer(text)]
    return sorted(spans)


def _blanked(document: Document, spans: list[tuple[int, int]]) -> Document:
    if not spans:
        return document
    prose = list(document.prose)
    for start, end in spans:
        for offset in range(start, end):
            if prose[offset] != "\n":
                prose[offset] = " "
    # What a field's factory makes is worked out from the prose (line starts, matches, answers): made afresh.
    values: dict[str, Any] = {
        f.name: getattr(document, f.name) if f.default_factory is NODEFAULT else f.default_factory()
        for f in fields(Document)
    }
    values["prose"] = "".join(prose)
    # Made anew, not by structs.replace: msgspec runs __post_init__ (which finds the line starts) on a
    # replace only from 0.21 on, and before that a struck page's positions raised an IndexError.
    return Document(**values)
