"""A linear-time HTML tokenizer: where each tag, comment and declaration starts and ends.

The standard library's ``html.parser`` rescans the rest of the input at every
``<`` that does not close, so a page with many stray ``<`` takes quadratic
time, and some junk (``<![<![``) makes it raise. This scanner follows the
HTML5 tokenizer where it matters for finding prose (tags end at the first
``>`` outside a quoted attribute value; script and style hold raw text up to
their end tag; ``<!--`` runs to ``-->``; a construct left open at the end of
the input runs to the end) and never looks at a character more than a fixed
number of times.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import NamedTuple

import regex

from medlint.own_patterns import compiled

# A start tag: its name, then attributes, up to the first '>' outside a quoted value.
# Quotes only quote right after '='; possessive quantifiers keep it from backtracking.
_START_TAG = compiled(
    r"""<([A-Za-z][^\t\n\f\r />]*+)(?:[^"'>=]++|=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]*+)|["'])*+(>)?"""
)
_END_TAG = compiled(r"</([A-Za-z][^\t\n\f\r />]*+)")
# Attributes of a start tag, as html.parser reads them.
_ATTRIBUTE = compiled(
    r"""((?<=['"\t\n\f\r /])[^\t\n\f\r />][^\t\n\f\r /=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)
# Elements whose content is raw text: no tags inside, up to the matching end tag.
RAW_TEXT = frozenset({"script", "style"})
_RAW_END = {name: compiled(rf"</{name}(?=[\t\n\f\r />]|$)", regex.IGNORECASE) for name in RAW_TEXT}


class Token(NamedTuple):
    """One piece of markup: ``text[start:end]``.

    ``kind`` is ``start`` (a start tag; ``name`` lower-cased, ``self_closing``
    for ``<br/>``), ``end`` (an end tag), ``comment``, ``cdata`` (``<![CDATA[...]]>``)
    or ``declaration`` (``<!DOCTYPE>``, ``<?...>`` and other bogus comments, up to ``>``).
    """

    kind: str
    start: int
    end: int
    name: str = ""
    self_closing: bool = False


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """The markup in ``text[start:end]``, in order; what lies between tokens is text."""
    stop = len(text) if end is None else end
    position = start
    find = text.find
    while True:
        opening = find("<", position, stop)
        if opening == -1 or opening + 1 >= stop:
            return
        after = text[opening + 1]
        if after.isascii() and after.isalpha():
            match = _START_TAG.match(text, opening, stop)
            assert match is not None  # '<' and a letter always start one
            tag_end = match.end()
            name = match.group(1).lower()
            closed = match.group(2) is not None
            self_closing = closed and text[tag_end - 2] == "/"
            yield Token("start", opening, tag_end, name, self_closing)
            position = tag_end
            if name in RAW_TEXT and closed and not self_closing:
                raw_end = _RAW_END[name].search(text, position, stop)
                position = stop if raw_end is None else raw_end.start()
        elif after == "/":
            tag = _END_TAG.match(text, opening, stop)
            close = find(">", opening, stop)
            tag_end = stop if close == -1 else close + 1
            if tag is not None:
                yield Token("end", opening, tag_end, tag.group(1).lower())
            else:
                yield Token("declaration", opening, tag_end)
            position = tag_end
        elif after == "!":
            if text.startswith("<!--", opening, stop):
                close = find("-->", opening + 2, stop)
                token = Token("comment", opening, stop if close == -1 else close + 3)
            elif text.startswith("<![CDATA[", opening, stop):
                close = find("]]>", opening, stop)
                token = Token("cdata", opening, stop if close == -1 else close + 3)
            else:
                close = find(">", opening, stop)
                token = Token("declaration", opening, stop if close == -1 else close + 1)
            yield token
            position = token.end
        elif after == "?":
            close = find(">", opening, stop)
            position = stop if close == -1 else close + 1
            yield Token("declaration", opening, position)
        else:
            position = opening + 1


def attributes(tag_text: str) -> list[tuple[str, str | None]]:
    """The attributes of a start tag's text: lower-cased names, unescaped values."""
    name_end = regex.match(r"<[^\t\n\f\r />]*", tag_text)
    found: list[tuple[str, str | None]] = []
    body_start = name_end.end() if name_end else 0
    for match in _ATTRIBUTE.finditer(tag_text, body_start):
        name, assignment, value = match.group(1), match.group(2), match.group(3)
        if not assignment:
            found.append((name.lower(), None))
            continue
        if value[:1] == value[-1:] and value[:1] in ("'", '"') and len(value) >= 2:
            value = value[1:-1]
        found.append((name.lower(), html.unescape(value)))
    return found
