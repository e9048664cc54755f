"""Testimonials: a patient's own words are their experience, not the facts the site states.

"“I was back at work in two days!” — Sarah, 54" tells how one patient recovered;
the clinic's recovery time is what its own copy says. Fact checks leave out a
statement in a quotation (inside quotation marks within its paragraph, a
blockquote, an HTML ``<blockquote>`` or ``<q>``) that speaks in the first person
("I", "my", "me") or is attributed to someone, after it ("— Sarah, 54", "says Tom")
or before it ("Tom said: "...", "As Maria, 47, put it:" above a blockquote); and
the words after a patient's name and "said:" in one sentence ("Tom said: it was $400").
Markup that says it holds a testimonial needs no more: a component
(``<Testimonial>``, ``<ReviewCard>``), an element whose class or id names one
(``class="testimonial"``, ``id="reviews"``; not "medically-reviewed"), a
schema.org review's ``reviewBody``. A blockquote of the clinic's own words
("> PRP costs $750 per injection") is none, nor is a quotation of a clinician
("says Dr Patel"): they are compared as any other statement. Claim rules read
testimonials as they read the rest of a page.
"""

from __future__ import annotations

import bisect

import regex

from medlint.document import TYPOGRAPHIC_FOLD, Document
from medlint.own_patterns import compiled
from medlint.span_set import SpanSet

# A person speaking of themselves: "I", "I'm", "my", "me".
_FIRST_PERSON = compiled(r"\bI\b|\b(?i:me|my|myself)\b")
# Who said it, just after the quotation: "— Sarah, 54", "- Tom R.", "says Sarah" (a caption "&mdash; Sarah").
_ATTRIBUTION = compiled(r"[\s\"',.!]*+(?:[-\u2013\u2014~]+\s*|(?i:says|said|writes|wrote)\s+)[A-Z]")
# A quotation of a clinician is the clinic's word: "says Dr Patel", "— Professor Jones".
_CLINICIAN = compiled(r"(?:Dr|Doctor|Prof|Professor|Nurse|Consultant|Surgeon)\b")
# Who said it, just before the quotation or the words they said, up to the colon (or the comma before
# a quotation mark): "Tom said", "As Maria, 47, put it", "One patient told us", "In Sarah's words";
# a few words may lead in ("After her third session, Maria said"). Matched whole, from the sentence's start.
# Not a person: the clinic itself ("We say:", "Our Team says:"), sources ("Studies say:", "The NHS says:").
_NOT_A_SPEAKER = (
    r"(?!(?:We|Our|The|This|That|It|They|You|Your|Everyone|Everybody|Nobody|Research|Studies|Science|Experts?"
    r"|Doctors?|Physicians?|Clinicians?|Surgeons?|Guidelines?|NICE|NHS|FDA|CDC|WHO)\b)"
)
_SPEAKER = (
    r"(?:" + _NOT_A_SPEAKER + r"(?:[A-Z][\w'.-]*+(?:\s+[A-Z][\w'.-]*+){0,2}+)(?:,\s*+[^,:\n]{1,30}?,)?"
    r"|(?i:an?|one|another|our)\s+(?:(?i:happy|recent|former|real|satisfied|of\s+our)\s+)?"
    r"(?i:patient|client|customer|reviewer|member)s?)"
)
# A title with a full stop just before a sentence's start ("Dr. | Patel said:").
_TITLE_BEFORE = compiled(r"\b(?:Dr|Prof|Mr|Mrs|Ms|Mx|St)\.\s*+\Z")
_ATTRIBUTION_BEFORE = compiled(
    r"(?:[^:\n]{0,80}?,\s+)?(?:(?i:as)\s+)?(?P<speaker>" + _SPEAKER + r")\s+"
    r"(?i:said|says|say|wrote|writes|write|told\s+(?:us|me)|tells\s+(?:us|me)|explains?|explained|recalls?|recalled"
    r"|puts\s+it|put\s+it|shared|shares|added|adds|remembers|remembered)"
    r"(?:\s+(?i:this\s+way|best|simply|like\s+this|well|afterwards|later))?\s*+"
    r"|(?:[^:\n]{0,80}?,\s+)?(?i:in)\s+(?P<owner>[A-Z][\w.-]*+(?:\s+[A-Z][\w.-]*+)?)(?:'s?|\u2019s?)\s+(?i:own\s+)?(?i:words)\s*+"
)
_ANY_QUOTATION_TAG = compiled(r"<(?:blockquote|q)\b", regex.IGNORECASE)
# A quotation element's opening or closing tag. The last before a place is found reading forwards
# through the window before it: the regex module reads backwards (?r) about 15 times slower.
_QUOTATION_TAG = compiled(r"<(/?)(blockquote|q)\b[^>]*>", regex.IGNORECASE)
_CLOSING_TAG = {name: compiled(rf"</{name}\s*>", regex.IGNORECASE) for name in ("blockquote", "q")}
_QUOTATION_MARK = compiled(r'"')
# Markup that says it holds a testimonial or a review: a component (<Testimonial>, <ReviewCard>),
# an element's class or id ("testimonial", "reviews"), a schema.org review's "reviewBody".
_ANY_TESTIMONIAL_MARKUP = compiled(r"testimonial|review", regex.IGNORECASE)
_TESTIMONIAL_TAG = compiled(
    r"<(?P<name>[A-Za-z][\w.:-]*)(?:(?<=<[\w.:-]*(?i:testimonial|review)[\w.:-]*)"
    r"|\s[^<>]*?\b(?:class|className|id)\s*=\s*[\"'{`][^\"'`}]*?(?<![a-z])(?i:testimonials?|reviews?)(?![a-z]))[^<>]*>",
)
_REVIEW_BODY = compiled(r'"reviewBody"\s*:\s*"((?:[^"\\\n]|\\.)*+)"?')
# The most an unclosed testimonial element is taken to hold.
_LONGEST_TESTIMONIAL = 5_000
# How far back a quotation element's opening tag, and forward its closing tag, are looked for.
_LOOKAROUND = 3_000
# How much after a quotation its attribution is looked for in.
_ATTRIBUTION_WINDOW = 200


def in_testimonial(document: Document, start: int, end: int) -> bool:
    """Whether [start, end) stands in testimonial markup, or a quotation of someone speaking of their
    experience, or follows a patient's name and "said:" in its sentence ("Tom said: it cost $400")."""
    if _in_testimonial_markup(document, start):
        return True
    for lo, hi in _quotations(document, start, end):
        after = document.reading(hi, min(hi + _ATTRIBUTION_WINDOW, len(document.prose)))
        attribution = _ATTRIBUTION.match(after.translate(TYPOGRAPHIC_FOLD))
        if attribution is not None and _CLINICIAN.match(after, attribution.end() - 1):
            continue  # the clinic's own doctor speaks for the clinic
        if attribution is not None or _FIRST_PERSON.search(document.reading(lo, hi).translate(TYPOGRAPHIC_FOLD)):
            return True
        if _attributed_before(document, lo, quoted=True):
            return True
    sentence_start = document.sentence_bounds(start, end)[0]
    colon = document.prose.rfind(":", sentence_start, start)
    return colon != -1 and _said_by_a_patient(document, colon)


def _attributed_before(document: Document, quotation: int, quoted: bool) -> bool:
    """Whether the quotation whose words start at ``quotation`` follows a patient's name and "said:"
    ("Tom said: "...", "As Maria, 47, put it:" above a blockquote); with a quotation mark, a comma
    may stand for the colon ("Tom said, "...")."""
    prose = document.prose
    before = quotation
    while before > 0 and (prose[before - 1].isspace() or prose[before - 1] in '"\u201c'):
        before -= 1
        if quotation - before > _ATTRIBUTION_WINDOW:
            return False
    if before == 0 or prose[before - 1] not in (":,"[: 2 if quoted else 1]):
        return False
    return _said_by_a_patient(document, before - 1)


def _said_by_a_patient(document: Document, colon: int) -> bool:
    """Whether the sentence up to the colon (or comma) at ``colon`` names who says what follows, and that
    is not a clinician: "Tom said:", "As Maria, 47, put it:", "One patient told us:"."""
    sentence_start = document.sentence_bounds(colon)[0]
    if colon - sentence_start > _ATTRIBUTION_WINDOW:
        return False
    # A title's full stop ("Dr. Patel said:") ends no sentence to a reader: the title is the speaker's.
    title = _TITLE_BEFORE.search(document.prose, max(0, sentence_start - 12), sentence_start)
    if title is not None:
        sentence_start = title.start()
    lead = document.reading(sentence_start, colon).translate(TYPOGRAPHIC_FOLD)
    said = _ATTRIBUTION_BEFORE.fullmatch(lead.strip())
    if said is None:
        return False
    speaker = said.group("speaker") or said.group("owner") or ""
    return _CLINICIAN.match(speaker) is None


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
    # The last tag before start says whether start is inside a quotation.
    tags = list(_QUOTATION_TAG.finditer(text, max(0, start - _LOOKAROUND), start))
    tag = tags[-1] if tags else None
    if tag is None or tag.group(1):
        return None
    close = _CLOSING_TAG[tag.group(2).lower()].search(text, start, start + _LOOKAROUND)
    return (tag.end(), close.start()) if close is not None else None


def _in_testimonial_markup(document: Document, start: int) -> bool:
    """Whether ``start`` stands in markup that says it holds a testimonial (see _TESTIMONIAL_TAG)."""
    key = ("testimonial markup", 0)
    spans: SpanSet | None = document.context_answers.get(key)
    if spans is None:
        spans = document.context_answers[key] = SpanSet(_testimonial_markup(document.text))
    return spans.holds(start)


def _testimonial_markup(text: str) -> list[tuple[int, int]]:
    """Where the page's testimonial markup stands: each element whole, each review's body (found once a page)."""
    if _ANY_TESTIMONIAL_MARKUP.search(text) is None:
        return []
    spans = [m.span(1) for m in _REVIEW_BODY.finditer(text)] if '"reviewBody"' in text else []
    opening = {tag.start(): tag for tag in _TESTIMONIAL_TAG.finditer(text)}
    if opening:
        spans += _elements(text, opening)
    return spans


def _elements(text: str, opening: dict[int, regex.Match[str]]) -> list[tuple[int, int]]:
    """The span of each element the ``opening`` tags open, read in one pass over the tags of their names.

    An element is closed by the closing tag that matches it (nested elements of its name between);
    one never closed is taken to hold a bounded stretch after its tag.
    """
    names = sorted({tag.group("name").lower() for tag in opening.values()})
    same_names = regex.compile(rf"<(/?)({'|'.join(map(regex.escape, names))})\b[^<>]*?(/?)>", regex.IGNORECASE)
    open_elements: dict[str, list[int]] = {name: [] for name in names}
    spans = []
    for tag in same_names.finditer(text):
        stack = open_elements[tag.group(2).lower()]
        if tag.group(1):
            if stack:
                begun = stack.pop()
                if begun in opening:
                    spans.append((begun, tag.end()))
        elif tag.group(3):
            if tag.start() in opening:
                spans.append((tag.start(), tag.end()))  # a component with its words in its props
        else:
            stack.append(tag.start())
    for stack in open_elements.values():
        spans += [(begun, min(len(text), begun + _LONGEST_TESTIMONIAL)) for begun in stack if begun in opening]
    return spans
