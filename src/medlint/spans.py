"""Whether a span of a document is prose a fix may rewrite."""

from __future__ import annotations

from medlint.document import TYPOGRAPHIC_FOLD, Document


def in_prose(document: Document, start: int, end: int) -> bool:
    """Whether ``document.text[start:end]`` is prose: nothing in it is masked.

    A masked character (code, markup, a URL, a template tag) shows as a blank
    in the prose view; whitespace looks the same either way, so only non-blank
    characters are compared. A phrase can match across markup (``sperm
    <em>cells</em>`` reads as "sperm cells"), and such a span is not prose.
    A label that names a Markdown reference definition (``![Sperm cells][]``) is
    prose that is read but not rewritten: the definition would no longer match.
    """
    if not 0 <= start <= end <= len(document.text):
        return False
    if any(label_start < end and start < label_end for label_start, label_end in document.labels):
        return False
    text, prose = document.text, document.prose
    for i in range(start, end):
        folded = text[i].translate(TYPOGRAPHIC_FOLD)
        if not folded.isspace() and prose[i] != folded:
            return False
    return True
