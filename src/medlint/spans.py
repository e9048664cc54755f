"""Whether a span of a document is prose a fix may rewrite."""

from __future__ import annotations

import bisect

import regex

from medlint.document import TYPOGRAPHIC_FOLD, Document, Join
from medlint.formats.masking import ZERO_WIDTH_CHARACTERS, ZERO_WIDTH_REFERENCE
from medlint.own_patterns import compiled

# What a rewrite of a word drawn whole may drop from inside it: what draws nothing at all.
_DRAWN_AS_NOTHING = compiled(
    r"(?:[" + ZERO_WIDTH_CHARACTERS + r"]|" + ZERO_WIDTH_REFERENCE + r"|<wbr\s*/?>)+", regex.IGNORECASE
)
# A character reference ("&nbsp;", "&#8209;", "&mdash;") is text written as markup: masked in the
# prose view, yet a rewrite that replaces it whole leaves nothing broken behind.
_CHARACTER_REFERENCE = compiled(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def in_prose(document: Document, start: int, end: int) -> bool:
    """Whether ``document.text[start:end]`` is prose: nothing in it is masked.

    A masked character (code, markup, a URL, a template tag) shows as a blank
    in the prose view; whitespace looks the same either way, so only non-blank
    characters are compared. A phrase can match across markup (``sperm
    <em>cells</em>`` reads as "sperm cells"), and such a span is not prose; a
    character reference wholly inside the span (``sperm&nbsp;cells``) is, and
    so is a word drawn whole whose markup draws nothing (``pain&shy;less``; see
    markup_in_words). A label that names a Markdown reference definition (``![Sperm cells][]``) is
    prose that is read but not rewritten: the definition would no longer match.
    """
    if not 0 <= start <= end <= len(document.text):
        return False
    if any(label_start < end and start < label_end for label_start, label_end in document.labels):
        return False
    joins = document.joins_in(start, end)
    if joins:
        return markup_in_words(document, start, end) is None and _prose_through_joins(document, start, end, joins)
    return _prose_outside(document, start, end)


def markup_in_words(document: Document, start: int, end: int) -> str | None:
    """The markup inside a word drawn whole (``</b>`` in "<b>Pain</b>less") that ``start:end`` would rewrite.

    A soft hyphen, a zero-width character (or its reference) and a ``<wbr>`` draw nothing: a
    rewrite of the whole word may drop them, and a reference for one of its letters ("&eacute;"),
    which the rewrite spells anew. A tag or a comment is the writer's: no rewrite may drop it, nor a
    span end inside it or between the word's characters it parts.
    """
    text = document.text
    for join in document.joins_in(start, end):
        for number, (gap_start, gap_end) in enumerate(join.gaps):
            if gap_end <= start or gap_start >= end:
                continue
            if join.is_aside(number) and gap_start <= start and end <= gap_end:
                continue  # words of a tooltip: whether they are prose is read character by character
            gap = text[gap_start:gap_end]
            dropped = _DRAWN_AS_NOTHING.fullmatch(gap) or _CHARACTER_REFERENCE.fullmatch(gap)
            if gap_start < start or gap_end > end or not dropped:
                return gap
    return None


def _read_as_written(character: str, read: str) -> bool:
    """Whether the prose reads a character of the file as the character itself: folded (a curly
    quote as a straight one), blanked white space, or an en dash inside a word as a hyphen."""
    folded = character.translate(TYPOGRAPHIC_FOLD)
    return folded.isspace() or read == folded or (character == "\u2013" and read == "-")


def _prose_through_joins(document: Document, start: int, end: int, joins: list[Join]) -> bool:
    """``_prose_outside`` for a span through split words, whose characters the prose view moved.

    Each character is read where the prose view holds it; a gap a rewrite may drop (markup_in_words
    has checked it) is passed over.
    """
    droppable = sorted(gap for join in joins for number, gap in enumerate(join.gaps) if not join.is_aside(number))
    text = document.text
    i = start
    while i < end:
        index = bisect.bisect_right(droppable, (i, len(text))) - 1
        if index >= 0 and i < droppable[index][1]:
            i = droppable[index][1]
            continue
        if not _read_as_written(text[i], document.prose_at(i)):
            reference = _CHARACTER_REFERENCE.match(text, i, end)
            if reference is None:
                return False
            i = reference.end()
            continue
        i += 1
    return True


def _prose_outside(document: Document, start: int, end: int) -> bool:
    text, prose = document.text, document.prose
    i = start
    while i < end:
        if not _read_as_written(text[i], prose[i]):
            reference = _CHARACTER_REFERENCE.match(text, i, end)
            if reference is None:
                return False
            i = reference.end()
            continue
        i += 1
    return True
