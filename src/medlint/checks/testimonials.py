"""Testimonials: a patient's own words are their experience, not the facts the site states.

"“I was back at work in two days!” — Sarah, 54" tells how one patient recovered;
the clinic's recovery time is what its own copy says. Fact checks leave out a
statement in a quotation (inside quotation marks within its paragraph, a
blockquote, an HTML ``<blockquote>`` or ``<q>``) that speaks in the first person
("I", "my", "me") or is attributed to someone ("— Sarah, 54", "says Tom").
A blockquote of the clinic's own words ("> PRP costs $750 per injection") is
none, nor is a quotation of a clinician ("says Dr Patel"): they are compared as
any other statement. Claim rules read testimonials as
they read the rest of a page.
"""

from __future__ import annotations

import bisect

import regex

from medlint.document import TYPOGRAPHIC_FOLD, Document
from medlint.own_patterns import compiled

# A person speaking of themselves: "I", "I'm", "my", "me".
_FIRST_PERSON = compiled(r"\bI\b|\b(?i:me|my|myself)\b")
# Who said it, just after the quotation: "— Sarah, 54", "- Tom R.", "says Sarah", "<cite>Sarah</cite>".
_ATTRIBUTION = compiled(r"[\s\"',.!]*+(?:[-\u2013\u2014~]+\s*|(?i:says|said|writes|wrote)\s+)[A-Z]")
# A quotation of a clinician is the clinic's word: "says Dr Patel", "— Professor Jones".
_CLINICIAN = compiled(r"(?:Dr|Doctor|Prof|Professor|Nurse|Consultant|Surgeon)\b")
_ANY_QUOTATION_TAG = compiled(r"<(?:blockquote|q)\b", regex.IGNORECASE)
# The last quotation element opened or closed before a place, read backwards.
_QUOTATION_TAG = compiled(r"(?r)<(/?)(blockquote|q)\b[^>]*>", regex.IGNORECASE)
_CLOSING_TAG = {name: compiled(rf"</{name}\s*>", regex.IGNORECASE) for name in ("blockquote", "q")}
_QUOTATION_MARK = compiled(r'"')
# How far back a quotation element's opening tag, and forward its closing tag, are looked for.
_LOOKAROUND = 3_000
# How much after a quotation its attribution is looked for in.
_ATTRIBUTION_WINDOW = 200


def in_testimonial(document: Document, start: int, end: int) -> bool:
    """Whether [start, end) stands in a quotation of someone speaking of their own experience."""
    for lo, hi in _quotations(document, start, end):
        after = document.reading(hi, min(hi + _ATTRIBUTION_WINDOW, len(document.prose)))
        attribution = _ATTRIBUTION.match(after.translate(TYPOGRAPHIC_FOLD))
        if attribution is not None and _CLINICIAN.match(after, attribution.end() - 1):
            continue  # the clinic's own doctor speaks for the clinic
        if attribution is not None or _FIRST_PERSON.search(document.reading(lo, hi).translate(TYPOGRAPHIC_FOLD)):
            return True
    return False


def _quotations(document: Document, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations around [start, end): its quotation marks' words, its blockquote or quotation element."""
    found = []
    marks = _in_quotation_marks(document, start, end)
    if marks is not None:
        found.append(marks)
    block = document.block_at(start)
    if block is not None and block.kind == "blockquote":
        found.append((block.start, block.end))
    element = _quotation_element(document, start)
    if element is not None:
        found.append(element)
    return found


def _in_quotation_marks(document: Document, start: int, end: int) -> tuple[int, int] | None:
    """The words between the quotation marks around [start, end) in its paragraph, if it stands in some."""
    lo, hi = document.paragraph_bounds(start)
    marks = _quotation_marks(document, lo, hi)
    before = bisect.bisect_left(marks, (start, start))
    if before % 2 == 0 or before == len(marks) or marks[before][0] < end:
        return None
    return marks[before - 1][1], marks[before][0]


def _quotation_marks(document: Document, lo: int, hi: int) -> list[tuple[int, int]]:
    """Where the double quotation marks of prose[lo:hi] stand: written, or as references ("&ldquo;").

    Found once a paragraph: a paragraph of thousands of statements is not read once for each.
    """
    key = ("quotation marks", lo)
    known: list[tuple[int, int]] | None = document.context_answers.get(key)
    if known is None:
        known = document.context_answers[key] = _marks_in(document, lo, hi)
    return known


def _marks_in(document: Document, lo: int, hi: int) -> list[tuple[int, int]]:
    marks = [(m.start(), m.end()) for m in _QUOTATION_MARK.finditer(document.prose, lo, hi)]
    first = bisect.bisect_left(document.references, (lo,))
    for ref_start, ref_end, character in document.references[first:]:
        if ref_start >= hi:
            break
        if character.translate(TYPOGRAPHIC_FOLD) == '"':
            marks.append((ref_start, ref_end))
    return sorted(marks)


def _quotation_element(document: Document, start: int) -> tuple[int, int] | None:
    """The content of the ``<blockquote>`` or ``<q>`` element that holds ``start``, if one does."""
    text = document.text
    key = ("has quotation elements", 0)
    if key not in document.context_answers:
        document.context_answers[key] = _ANY_QUOTATION_TAG.search(text) is not None
    if not document.context_answers[key]:
        return None
    tag = _QUOTATION_TAG.search(text, max(0, start - _LOOKAROUND), start)
    if tag is None or tag.group(1):
        return None
    close = _CLOSING_TAG[tag.group(2).lower()].search(text, start, start + _LOOKAROUND)
    return (tag.end(), close.start()) if close is not None else None
