"""Whether a span of a document is prose a fix may rewrite."""

from __future__ import annotations

import re

from medlint.document import TYPOGRAPHIC_FOLD, Document

# A character reference ("&nbsp;", "&#8209;", "&mdash;") is text written as markup: masked in the
# prose view, yet a rewrite that replaces it whole leaves nothing broken behind.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def in_prose(document: Document, start: int, end: int) -> bool:
    """Whether ``document.text[start:end]`` is prose: nothing in it is masked.

    A masked character (code, markup, a URL, a template tag) shows as a blank
    in the prose view; whitespace looks the same either way, so only non-blank
    characters are compared. A phrase can match across markup (``sperm
    <em>cells</em>`` reads as "sperm cells"), and such a span is not prose; a
    character reference wholly inside the span (``sperm&nbsp;cells``) is.
    A label that names a Markdown reference definition (``![Sperm cells][]``) is
    prose that is read but not rewritten: the definition would no longer match.
    """
    if not 0 <= start <= end <= len(document.text):
        return False
    if any(label_start < end and start < label_end for label_start, label_end in document.labels):
        return False
    text, prose = document.text, document.prose
    i = start
    while i < end:
        folded = text[i].translate(TYPOGRAPHIC_FOLD)
        if not folded.isspace() and prose[i] != folded:
            reference = _CHARACTER_REFERENCE.match(text, i, end)
            if reference is None:
                return False
            i = reference.end()
            continue
        i += 1
    return True
