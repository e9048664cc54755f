"""fact: a fact every page of a site must state the same way (price, sessions, recovery...).

A fact rule (a "slot") says how a page states the fact and how to compare two
statements of it, in one of two ways:

- ``patterns`` with a ``(?P<value>...)`` group and a ``normalise`` kind
  (money, number, duration, percent, text): "$1,500" and "1,500 dollars"
  agree, "$1,500" and "$2,000" do not;
- ``values``: a mapping of each possible value to the phrases that state it
  (``approved: [FDA approved]``, ``not approved: [not approved by the FDA]``).

An optional ``(?P<key>...)`` group qualifies the fact ("per injection" and
"per session" are different prices), and ``subjects`` tells treatments apart
(a PRP price and a stem cell price are different facts): the subject is the
one named in the statement's sentence, else its paragraph, else the one the
page names most (none, if two are named as often). ``items`` tells apart what one treatment is priced for (a
knee injection and a hip injection are two prices): a statement is the item's
that its own words name, or the words right after it ("$750 per injection for
the knee"), else the one words before it in its sentence name, back to the
statement before ("Knee: $750 per injection, hip: $900 per injection"); a price
list's row or item named by one is that item's too. ``options`` (with or without
image guidance, sedation) are read as items are, as a dimension of their own. ``locations`` tell apart the
clinics of a site that has several (a `location` group names the place): a
statement is the place's its sentence names, else its paragraph's, else its
section heading's, and is compared only with the same place's statements. A bare name ("## Austin",
"Austin: $750") places a statement nothing else places only if the site names it as a place elsewhere.

``collect`` keeps one small record per statement. ``finish`` indexes them by
(key, subject) -> value -> places, once, so the cost grows with the number of
statements, not with pairs of pages. When a slot has an approved value (the
config's ``facts:``), every statement of another value is reported with the
approved one as the suggestion; otherwise, when statements disagree, each is
reported with where the other value is stated.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property, partial
from typing import Any, ClassVar, TypeVar

import msgspec
import regex
from msgspec.structs import replace

from medlint import guided
from medlint.analysis_cache import analysis_of
from medlint.checks.base import ParseContext
from medlint.checks.nested import nested, read_matcher, spans_in_scope
from medlint.checks.phrase import PHRASE_FIELDS, PhraseMatcher, read_phrase_matcher
from medlint.checks.struck import as_it_reads_now
from medlint.checks.tables import Tables
from medlint.checks.testimonials import in_testimonial
from medlint.context import is_question
from medlint.document import Block, Document
from medlint.errors import ConfigError
from medlint.fields import FieldReader
from medlint.findings import Finding, Related
from medlint.messages import render
from medlint.normalise import LOWEST, NORMALISERS, as_lowest, durations_agree, values_agree
from medlint.own_patterns import compiled
from medlint.patterns import MATCH_TIMEOUT_SECONDS, LazyPattern, alternation, bounded
from medlint.ruleset import Rule

# The currency signs normalised amounts start with (medlint.normalise.money).
_CURRENCY_SIGNS = "$\u00a3\u20ac"
# Statements of other values named in one finding; the rest are counted.
MAX_POINTERS = 3


class FactRecord(msgspec.Struct, frozen=True):
    """One statement of a fact on one page: small and picklable, no document text."""

    key: str
    subject: str
    value: str
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    # The price-list item that states it (a table row's or list item's name), within its subject.
    item: str = ""
    # Where it is charged (a clinic of several), and whether only the words around its sentence say so.
    place: str = ""
    place_is_setting: bool = False
    # The value's own words within ``text`` ("$750" of "$750 per injection"), where the rule's
    # pattern names them: an approved value is suggested in their place, not in place of all.
    written: str = ""
    # Bare names that may be its place ("Austin: $750", a "## Austin" heading), nearest first: each is
    # its place only if the site names it as one elsewhere ("our Austin clinic") or in the config.
    maybe_places: tuple[str, ...] = ()
    # The item its sentence's words name, for a list item labelled by one of those bare names: its
    # item if the name is a place.
    unlabelled_item: str = ""

    def related(self) -> Related:
        return Related(self.path, self.line, self.column, self.text)


# A statement, and whether it is on a page being reported on (or only compared against).
_Place = tuple[FactRecord, bool]
# A statement as a page's words make it: its span, key and value, the span of a footnote mark in it,
# and the span of the value's own words (where the pattern has a `value` group).
_Statement = tuple[int, int, str, str, "tuple[int, int] | None", "tuple[int, int] | None"]


class Approved(msgspec.Struct, frozen=True):
    value: str
    display: str

    def agrees(self, value: str) -> bool:
        # An approved amount written without a currency ("1800") accepts any currency sign; an approved
        # "3 months" accepts "12 weeks"; a lowest value ("from $1,800") is the approved one's only if it is that.
        if value.endswith(LOWEST):
            return self.agrees(value.removesuffix(LOWEST))
        if _currency(value) and _currency(self.value) and _currency(value) != _currency(self.value):
            return True  # no rate of exchange is known: an amount in another currency is not weighed
        return value == self.value or value.lstrip(_CURRENCY_SIGNS) == self.value or durations_agree(value, self.value)


# What stands between two mentions that are one name: a space or a hyphen ("Ozempic-assisted" aside).
_ONE_NAME_GAP = compiled(r"[ \t\u00a0-]{1,2}")


class Subjects(msgspec.Struct, frozen=True):
    names: tuple[str, ...]
    pattern: LazyPattern

    def find(self, document: Document) -> list[tuple[int, int, int]]:
        """(start, end, subject index) of every mention, in order.

        A mention right after another ("Ozempic weight-loss programme", "Wegovy weight-loss
        injections") is part of one name, which the first, more particular, word names: the
        brand's programme is the brand's, not medical weight loss in general.
        """
        # Every fact rule sharing the subjects reads them on a page: found once, kept with its matches.
        # (A NUL opens no pattern's source: the key is no pattern's.)
        key = ("\0subjects " + self.pattern.source, False, True)
        kept: list[tuple[int, int, int]] | None = document.pattern_matches.get(key)
        if kept is not None:
            return kept
        found: list[tuple[int, int, int]] = []
        prose = document.prose
        for start, end, name in guided.finditer_named(self.pattern, document, MATCH_TIMEOUT_SECONDS):
            assert name is not None
            if found and _ONE_NAME_GAP.fullmatch(prose, found[-1][1], start):
                continue
            found.append((start, end, int(name[1:])))
        document.pattern_matches[key] = found
        return found


class _Mentions:
    """Where a page names each subject, looked up per statement."""

    def __init__(self, subjects: Subjects, document: Document, tables: Tables) -> None:
        self.subjects = subjects
        self.document = document
        self.tables = tables
        self.found = subjects.find(document)
        self._starts = [start for start, _, _ in self.found]
        self._headings, self._heading_subjects = self._sections()

    @cached_property
    def main(self) -> str:
        if not self.found:
            return ""
        counts = Counter(index for _, _, index in self.found)
        top = counts.most_common(2)
        if len(top) == 2 and top[0][1] == top[1][1]:
            return ""  # "We offer PRP and physiotherapy": a page naming several as often is about none of them
        return self.subjects.names[top[0][0]]

    def place(self, start: int, end: int) -> tuple[str, str]:
        """The subject of the statement at [start, end) and the price-list item that states it.

        The subject is the one its sentence names, else its table row's or list item's name, else
        its table column's header (a table comparing treatments), else its paragraph, else, in a list
        or table, the paragraph just before it (which introduces it), else the last heading before it
        that names one (a price list with a heading per treatment), else the
        page's main one. A row or item named only by its subject ("| PRP | $900 per injection |")
        is that subject's price, compared with the price stated in a sentence.
        """
        document = self.document
        in_sentence = self._nearest(*document.sentence_bounds(start, end), start)
        label = item_label_span(document, start, end, self.tables)
        named = self._nearest(*label, label[1]) if label is not None else None
        if label is None or (named is None and in_sentence is not None):
            item = ""  # a list item whose sentence names its subject is a sentence, compared as one
        else:
            item = _item_name(document, label, self._mentions_in(*label) if named is not None else ())
        header = _column_header(document, self.tables, start)
        if header is not None:
            item = _with_column(item, _item_name(document, header, self._mentions_in(*header)))
        for index in (in_sentence, named, self._in_column(start)):
            if index is not None:
                return self.subjects.names[index], item
        return self._name(start), item

    def _name(self, start: int) -> str:
        index = self._nearest(*self.document.paragraph_bounds(start), start)
        if index is None:
            index = self._introduced(start)
        if index is None:
            index = self._in_section(start)
        return self.subjects.names[index] if index is not None else self.main

    def _introduced(self, start: int) -> int | None:
        """The one subject the paragraph right before a list or table names ("PRP costs ..." over its
        price list), if the statement stands in one."""
        paragraph = self._introductions.paragraph(start)
        return None if paragraph is None else self._only(paragraph.start, paragraph.end)

    @cached_property
    def _introductions(self) -> _Introductions:
        return _Introductions(self.document)

    def _in_column(self, start: int) -> int | None:
        block = self.document.block_at(start)
        header = self.tables.column_header(start) if block is not None and block.kind == "table" else None
        return self._only(*header) if header is not None else None

    def _only(self, lo: int, hi: int) -> int | None:
        """The one subject [lo, hi) names; None if it names none or several ("PRP or stem cells?")."""
        named = {
            index
            for _, _, index in self.found[bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)]
        }
        return named.pop() if len(named) == 1 else None

    def _mentions_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        first = bisect.bisect_left(self._starts, lo)
        last = bisect.bisect_left(self._starts, hi)
        return [(s, e) for s, e, _ in self.found[first:last]]

    def _sections(self) -> tuple[list[int], list[int | None]]:
        """Each heading's start, and the subject of the section it opens.

        A heading naming one subject opens that subject's section; one naming none goes on with the
        section it is in; one naming several ("PRP or stem cells?") is about no one of them.
        """
        starts: list[int] = []
        subjects: list[int | None] = []
        current: int | None = None
        for block in self.document.blocks:
            if block.kind != "heading":
                continue
            if self._mentions_in(block.start, block.end):
                current = self._only(block.start, block.end)
            starts.append(block.start)
            subjects.append(current)
        return starts, subjects

    def _in_section(self, offset: int) -> int | None:
        index = bisect.bisect_right(self._headings, offset) - 1
        return self._heading_subjects[index] if index >= 0 else None

    def _nearest(self, lo: int, hi: int, offset: int) -> int | None:
        """The mention in [lo, hi) closest before ``offset``, else the first after it."""
        before = bisect.bisect_left(self._starts, offset) - 1
        if before >= 0 and self._starts[before] >= lo:
            return self.found[before][2]
        after = bisect.bisect_left(self._starts, offset)
        if after < len(self._starts) and self._starts[after] < hi:
            return self.found[after][2]
        return None


class _Introductions:
    """The paragraph right before a list or table: what introduces it ("PRP costs ..." or "Prices at
    our Austin clinic:" over a price list). Found once a page, so a list of thousands of prices is
    not walked back once a price."""

    def __init__(self, document: Document) -> None:
        self._blocks = document.blocks
        self._starts = [block.start for block in document.blocks]
        # For each block, the last block before it that is no list or table (-1 for none).
        self._before: list[int] = []
        last = -1
        for index, block in enumerate(document.blocks):
            self._before.append(last)
            if block.kind not in ("list", "table"):
                last = index

    def paragraph(self, start: int) -> Block | None:
        """The paragraph introducing the list or table ``start`` stands in; None if it stands in none."""
        index = bisect.bisect_right(self._starts, start) - 1
        if index < 0 or self._blocks[index].kind not in ("list", "table"):
            return None
        before = self._before[index]
        if before < 0 or self._blocks[before].kind != "paragraph":
            return None
        return self._blocks[before]


# What joins a statement to the item named right after it: "$750 per injection for the knee",
# "$750 per injection (knee)", "$750 per injection – hip", "$750 per injection, for either shoulder".
_ITEM_AFTER = compiled(
    r"[^\S\n]*+(?:[(\u2013\u2014-]|,?[^\S\n]*+(?:for|in|on|into|to|of)\b)[^\S\n]*+"
    r"(?:(?:the|a|an|your|each|one|either|left|right|single|painful)[^\S\n]++){0,2}",
    regex.IGNORECASE,
)


class _Items:
    """The item (a joint, an area) each statement of one page prices, from the words of its sentence."""

    def __init__(
        self,
        items: Subjects,
        document: Document,
        statements: Sequence[_Statement],
        after: regex.Pattern[str] = _ITEM_AFTER,
        subjects: Subjects | None = None,
    ) -> None:
        self.items = items
        self.document = document
        self.statements = statements
        self.after = after  # what joins a statement to an item named right after it
        self.subjects = subjects  # a subject named again opens a clause of its own

    def named(self, item: str) -> str:
        """A price list's item by the one name it is given ("Knee injection", "Knees" -> "knee")."""
        words = [word for word in item.split() if word not in _NOT_AN_ITEM]
        match = self.items.pattern.compiled.fullmatch(" ".join(words)) if words else None
        return self.items.names[int(match.lastgroup[1:])] if match is not None and match.lastgroup else item

    def stated(self, index: int) -> str:
        """The item the sentence of statement ``index`` says it prices; "" for none, or for several."""
        start, end = self.statements[index][:2]
        sentence_start, hi = self.document.sentence_bounds(start, end)
        lo = sentence_start
        if index > 0:
            lo = max(lo, self.statements[index - 1][1])
        if index + 1 < len(self.statements):
            hi = min(hi, max(end, self.statements[index + 1][0]))
        # Only the words around the statement are read: most of a page names no price.
        mentions = self._mentions(lo, hi)
        within = {name for s, name in mentions if start <= s < end}
        if not within:
            after = next(((s, name) for s, name in mentions if s >= end), None)
            if after is not None and self.after.fullmatch(self.document.prose, end, after[0]):
                within = {after[1]}
            else:
                within = {name for s, name in mentions if s < start}
        if not within and lo > sentence_start:
            within = self._led_in(index, sentence_start)
        return self.items.names[within.pop()] if len(within) == 1 else ""

    def _led_in(self, index: int, sentence_start: int) -> set[int]:
        """For a price after another in its sentence, with nothing named since the sentence's first
        price, the item named before that one: theirs too ("A knee injection is priced by clinic
        (Austin: $700 per injection, Denver: $850 per injection)"). Not past a subject named again
        ("A guided PRP injection is $850, and PRP costs $700"): that opens a clause of its own."""
        start = self.statements[index][0]
        first = index
        while first > 0 and self.statements[first - 1][0] >= sentence_start:
            first -= 1
        lead_in, lead_end = self.statements[first][:2]
        mentions = self._mentions(sentence_start, start)
        if any(s >= lead_in for s, _ in mentions):
            return set()
        if self.subjects is not None:
            named = self.subjects.find(self.document)
            again = bisect.bisect_left(named, (lead_end,))
            if again < len(named) and named[again][0] < start:
                return set()
        return {name for _, name in mentions}

    def _mentions(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Where the items are named in [lo, hi), and which."""
        return [
            (match.start(), int(match.lastgroup[1:]))
            for match in self.items.pattern.compiled.finditer(self.document.prose, lo, hi)
            if match.lastgroup
        ]

    def left_out_of(self, name: str) -> str:
        """A price list item's name less the words that name one of these ("with image guidance knee" ->
        "knee"), and less words that name no item."""
        words = self.items.pattern.compiled.sub(" ", name).split()
        return " ".join(words) if not set(words) <= _NOT_AN_ITEM else ""


_T = TypeVar("_T")


def _between(mentions: Sequence[tuple[int, _T]], lo: int, hi: int) -> Sequence[tuple[int, _T]]:
    """The mentions (in order of where they start) that start in [lo, hi)."""
    return mentions[bisect.bisect_left(mentions, lo, key=_start) : bisect.bisect_left(mentions, hi, key=_start)]


def _start(mention: tuple[int, object]) -> int:
    return mention[0]


# What joins a statement to the place or option named right after it: "$750 per injection at our Austin
# clinic", "$750 per injection (Austin clinic)", "$850 per injection with ultrasound guidance".
_RIGHT_AFTER = compiled(r"[^\S\n]*+(?:\([^\S\n]*+)?")


class _Locations:
    """The place (a clinic of several) each statement of one page gives a price for, or "" for none.

    The place is the one named in the statement's sentence: in its own words, right after it, else
    the nearest before it, back to the statement before. Else the place its paragraph, else the
    paragraph introducing its list or table ("Prices at our Austin clinic:"), else the heading of
    its section, else its page names, in words that set the scene rather than state a price ("Our
    Denver clinic opened in 2021. PRP costs $800 per injection."): a place named in another
    statement's sentence is that statement's ("At our Austin clinic PRP is $750 per injection.
    Denver patients pay $800 per injection." gives the second price no place), and a paragraph,
    heading or page naming two gives none. Only the paragraphs that state a price are read,
    each once, and the rest of the page only for a statement they place nowhere.
    """

    def __init__(self, pattern: LazyPattern, document: Document, statements: Sequence[_Statement]) -> None:
        self.lazy_pattern = pattern
        self.pattern = pattern.compiled
        self.document = document
        self.statements = statements
        self._starts = [statement[0] for statement in statements]
        self._paragraphs: dict[tuple[int, int], list[tuple[int, str]]] = {}

    def _in(self, lo: int, hi: int) -> list[tuple[int, str]]:
        return [
            (match.start(), " ".join(match.group("location").split()))
            for match in self.pattern.finditer(self.document.prose, lo, hi)
        ]

    def _on_page(self) -> list[tuple[int, str]]:
        """``_in`` over the whole page, found by RE2 where it can: most pages that state a price are read whole."""
        return [
            (match.start(), " ".join(match.group("location").split()))
            for match in guided.finditer_with_groups(self.lazy_pattern, self.document)
        ]

    def stated(self, index: int) -> tuple[str, bool, tuple[str, ...]]:
        """The statement's place, whether only the words around its sentence name it, and for a statement
        they place nowhere, the bare names that may be its place, nearest first."""
        place, setting = self._stated(index)
        if place:
            return place, setting, ()
        start = self.statements[index][0]
        lo = self.document.sentence_bounds(start, self.statements[index][1])[0]
        if index > 0:
            lo = max(lo, self.statements[index - 1][1])
        labels = [m.group(1).split() for m in _BARE_NAME_LABEL.finditer(self.document.prose, lo, start)]
        # The name may end a longer label ("Prices Austin:" of "PRP Prices Austin:"): its last words are named too.
        ends = tuple(" ".join(words[at:]) for words in labels[-1:] for at in range(len(words)))
        return "", False, (*ends, *self._bare_headings(start))

    def _bare_headings(self, offset: int) -> tuple[str, ...]:
        starts, names = self._bare_sections
        index = bisect.bisect_right(starts, offset) - 1
        return names[index] if index >= 0 else ()

    @cached_property
    def _bare_sections(self) -> tuple[list[int], list[tuple[str, ...]]]:
        """Each heading's start, and the bare names ("## Austin", "<h2>Round Rock clinic</h2>") of the
        headings whose sections hold it, itself first: "### Knee" under "## Austin" is in Austin's,
        "## At every clinic" after it is not."""
        starts: list[int] = []
        names: list[tuple[str, ...]] = []
        open_: list[tuple[int, str]] = []  # the headings whose sections are open, outermost first
        document = self.document
        for block in document.blocks:
            if block.kind != "heading":
                continue
            level = _heading_level(document.text, block)
            while open_ and open_[-1][0] >= level:
                open_.pop()
            named = _BARE_NAME_HEADING.fullmatch(document.prose, block.start, block.end)
            open_.append((level, " ".join(named.group(1).split()) if named is not None else ""))
            starts.append(block.start)
            names.append(tuple(name for _, name in reversed(open_) if name))
        return starts, names

    def _stated(self, index: int) -> tuple[str, bool]:
        start, end = self.statements[index][:2]
        bounds = self.document.paragraph_bounds(start)
        in_paragraph = self._paragraphs.get(bounds)
        if in_paragraph is None:
            in_paragraph = self._paragraphs[bounds] = self._in(*bounds)
        if in_paragraph:
            lo, hi = self.document.sentence_bounds(start, end)
            if index > 0:
                lo = max(lo, self.statements[index - 1][1])
            if index + 1 < len(self.statements):
                hi = min(hi, max(end, self.statements[index + 1][0]))
            mentions = _between(in_paragraph, lo, hi)
            within = {name for s, name in mentions if start <= s < end}
            if within:
                return (within.pop() if len(within) == 1 else ""), False
            after = next(((s, name) for s, name in mentions if s >= end), None)
            if after is not None and _RIGHT_AFTER.fullmatch(self.document.prose, end, after[0]):
                return after[1], False
            before = [name for s, name in mentions if s < start]
            if before:
                return before[-1], False
            named = self._setting(in_paragraph)
            if named:
                return (named.pop() if len(named) == 1 else ""), True
        place = self._introduced(start)
        if place is None:
            place = self._section(start)
        return (self._page_place if place is None else place), True

    def _introduced(self, start: int) -> str | None:
        """The place the paragraph right before a list or table names ("Prices at our Austin clinic:"
        over its price list), if the statement stands in one and the paragraph names any."""
        paragraph = self._introductions.paragraph(start)
        if paragraph is None:
            return None
        named = self._setting(self._in(paragraph.start, paragraph.end))
        return (named.pop() if len(named) == 1 else "") if named else None

    @cached_property
    def _introductions(self) -> _Introductions:
        return _Introductions(self.document)

    def _setting(self, mentions: Sequence[tuple[int, str]]) -> set[str]:
        """The places named outside every statement's sentence: the scene, not one price's place."""
        return {name for s, name in mentions if not self._in_a_statements_sentence(s)}

    def _in_a_statements_sentence(self, offset: int) -> bool:
        lo, hi = self.document.sentence_bounds(offset)
        index = bisect.bisect_left(self._starts, lo)
        return index < len(self._starts) and self._starts[index] < hi

    @cached_property
    def _page_place(self) -> str:
        """The one place the page names outside its statements' sentences ("" for none, or several)."""
        named = self._setting(self._on_page())
        return named.pop() if len(named) == 1 else ""

    @cached_property
    def _sections(self) -> tuple[list[int], list[str | None]]:
        """Each heading's start, and the place of the section it opens: the one it names, else the
        place of the section it is in ("" after a heading naming two, or none on a page where another
        heading names one; None if none names one). A
        heading's section is in those of the headings above it of a higher level: "### Knee" under
        "## Austin" is in Austin's, "## At every clinic" after it is not."""
        starts: list[int] = []
        places: list[str | None] = []
        open_: list[tuple[int, str | None]] = []  # the open sections' levels and places, outermost first
        for block in self.document.blocks:
            if block.kind != "heading":
                continue
            level = _heading_level(self.document.text, block)
            while open_ and open_[-1][0] >= level:
                open_.pop()
            named = self._setting(self._in(block.start, block.end))
            # A heading naming no place goes on with the section it is in.
            inherited = open_[-1][1] if open_ else None
            current = (named.pop() if len(named) == 1 else "") if named else inherited
            open_.append((level, current))
            starts.append(block.start)
            places.append(current)
        if any(places):
            # A page with a section per clinic is no one clinic's: a section naming none is no clinic's.
            places = ["" if place is None else place for place in places]
        return starts, places

    def _section(self, offset: int) -> str | None:
        starts, places = self._sections
        index = bisect.bisect_right(starts, offset) - 1
        return places[index] if index >= 0 else None


# A bare name that may be a place: a label before a colon ("Austin: $750 per injection"), and a heading
# ("## Austin", "## Round Rock clinic", "## Austin, TX"). One to three capitalised words.
_BARE_NAME = r"(?-i:([A-Z][\w'\u2019-]*[a-z](?:[^\S\n]+[A-Z][\w'\u2019-]*[a-z]){0,2}))"
_BARE_NAME_LABEL = compiled(rf"(?<![\w'\u2019-]){_BARE_NAME}[^\S\n]*:")
_BARE_NAME_HEADING = compiled(
    rf"\s*{_BARE_NAME}(?:,?[^\S\n]+(?-i:[A-Z]{{2}})|[^\S\n]+(?:clinic|office|location|centre|center|branch))?[\s:]*",
    regex.IGNORECASE,
)
# What opens a heading, before its words: "## " in Markdown, "<h2>" in HTML (and JSX), inline tags
# after it aside ("<h2><a href=...>"); and what underlines a Markdown heading ("===" for 1, "---" for 2).
_MARKDOWN_HEADING = compiled(r"[ \t]{0,3}(#{1,6})[ \t]")
_HTML_HEADING = compiled(r"<h([1-6])\b[^>]*>(?:[^<]|<(?!/?h[1-6]\b)[^<>]*>)*$", regex.IGNORECASE)
_UNDERLINE = compiled(r"[^\n]*\n[ \t]{0,3}(=+|-+)[ \t]*(?:\n|$)")


def _heading_level(text: str, block: Block) -> int:
    """The level of a heading (1 for one whose level is not written)."""
    before = text[max(0, block.start - 200) : block.start]
    html = _HTML_HEADING.search(before)
    if html is not None:
        return int(html.group(1))
    markdown = _MARKDOWN_HEADING.match(before, before.rfind("\n") + 1)
    if markdown is not None:
        return len(markdown.group(1))
    underline = _UNDERLINE.match(text, block.end)
    return 2 if underline is not None and underline.group(1)[0] == "-" else 1


# A list item's name: a few words before a colon or dash ("NAD+ Renew: $450 per session").
_ITEM_NAME = compiled(r"\s*([^\n.!?:]{1,80}?)\s*(?::|\s[-\u2013\u2014]|[\u2013\u2014])\s*")
# Words that name the amount or its unit rather than an item ("Price:", "Per session:", "Single
# injection:"): a label of only these names no item, and the statement keeps the page's subject.
_NOT_AN_ITEM = frozenset({
    "a", "an", "the", "our", "your", "each", "per", "for", "of", "at", "from", "only", "just", "now", "today",
    "total", "full", "usual", "regular", "standard", "price", "prices", "pricing", "cost", "costs", "fee",
    "fees", "rate", "rates", "charge", "charges", "investment", "payment", "amount", "one", "single", "first",
    "initial", "course", "package", "injection", "injections", "session", "sessions", "treatment",
    "treatments", "procedure", "procedures", "visit", "visits", "level", "levels", "therapy", "therapies",
})  # fmt: skip
# The most a list item may hold before its statement for those words to be its name (markup blanked).
_LONGEST_ITEM_NAME = 200


def item_label_span(document: Document, start: int, end: int, tables: Tables) -> tuple[int, int] | None:
    """Where the name of the table row or list item that states [start, end) stands, if it has one.

    The rows of a price list are different items, not one fact stated
    differently: "| Hangover Rescue | $149 per session |" (the row's first
    cell), "- NAD+ Renew: $450 per session" (the words before a colon or
    dash), "<dt>Knee injection</dt><dd>$750</dd>" (a definition's term,
    unless the definition names its own item before a colon).
    """
    block = document.block_at(start)
    if block is None:
        return None
    if block.kind == "list":
        before = document.prose[block.start : min(start, block.start + _LONGEST_ITEM_NAME + 1)]
        named = _ITEM_NAME.fullmatch(before) if len(before) <= _LONGEST_ITEM_NAME else None
        return (block.start + named.start(1), block.start + named.end(1)) if named else tables.term_name(start)
    return tables.row_name(start) if block.kind == "table" else None


def _names_only(label: str, place: str) -> bool:
    """Whether a list item's or row's name (casefolded, less its subject's words) names only the place,
    with words that name no item: "- Austin:", "| PRP Prices Austin |" ("prices austin")."""
    words = label.split()
    place_words = place.casefold().split()
    size = len(place_words)
    for at in range(len(words) - size + 1) if size else ():
        if words[at : at + size] == place_words:
            return set(words[:at] + words[at + size :]) <= _NOT_AN_ITEM
    return False


def _item_name(document: Document, span: tuple[int, int], leave_out: Sequence[tuple[int, int]] = ()) -> str:
    """The item's name, less the words ``leave_out`` spans (its subject's) and those that name no item."""
    lo, hi = span
    text = document.prose[lo:hi]
    for start, end in leave_out:
        text = text[: start - lo] + " " * (end - start) + text[end - lo :]
    words = [w for w in (word.strip("()[],;") for word in text.casefold().split()) if w]
    return " ".join(words) if not set(words) <= _NOT_AN_ITEM else ""


class FactCheck(msgspec.Struct, frozen=True):
    FIELDS: ClassVar[frozenset[str]] = PHRASE_FIELDS | {
        "fact", "normalise", "values", "subjects", "items", "options", "locations", "same_page"
    }  # fmt: skip
    level: ClassVar[str] = "run"

    label: str
    normaliser: str
    matcher: PhraseMatcher | None
    values: tuple[tuple[str, PhraseMatcher], ...]
    subjects: Subjects | None
    same_page: bool
    approved: Mapping[str, Approved] = msgspec.field(default_factory=dict)
    # Values whose statements are pointed to but not reported: what is true ("is injected") is no fault.
    quiet: frozenset[str] = frozenset()
    approved_default: Approved | None = None
    # What one treatment is priced for (a joint, an area): statements naming two are two facts.
    items: Subjects | None = None
    # With or without an option priced apart (image guidance, sedation): read as items are, a dimension of its own.
    options: Subjects | None = None
    # Where a price is charged (a clinic of several): each pattern names the place in a 'location' group.
    locations: LazyPattern | None = None
    # The clinics the config names: a site of several, whatever its pages say.
    places: tuple[str, ...] = ()
    # A clinic's own approved values (by its casefolded name): per subject, key or item, and for all.
    approved_at: Mapping[str, tuple[Mapping[str, Approved], Approved | None]] = msgspec.field(default_factory=dict)

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> FactCheck:
        label = reader.string("fact", context.rule_id.replace("-", " "))
        has_patterns = bool(reader.raw("phrases") or reader.raw("patterns"))
        if has_patterns == ("values" in reader.fields):
            reader.fail("give either 'patterns' (with a 'value' group and 'normalise') or 'values'")
        matcher: PhraseMatcher | None = None
        values: list[tuple[str, PhraseMatcher]] = []
        quiet: set[str] = set()
        if has_patterns:
            normaliser = reader.string("normalise", "text")
            if normaliser not in NORMALISERS:
                reader.fail(f"unknown normalise {normaliser!r} (choose from {', '.join(sorted(NORMALISERS))})")
            matcher = read_phrase_matcher(reader, context)
        else:
            normaliser = "values"
            if "normalise" in reader.fields:
                reader.fail("'normalise' applies to 'patterns'; 'values' name the values themselves")
            for name, value in reader.mapping("values").items():
                matcher_of_value, sub = read_matcher(reader, f"values.{name}", value, context, frozenset({"report"}))
                values.append((str(name), matcher_of_value))
                if not sub.boolean("report", True):
                    quiet.add(str(name))
            if len(values) < 2:
                reader.fail("'values' must name at least two values")
            if len(quiet) == len(values):
                reader.fail("at least one of 'values' must be reported ('report: false' on every one)")
        check = cls(
            label=label,
            normaliser=normaliser,
            matcher=matcher,
            values=tuple(values),
            subjects=_subjects(reader, context),
            items=_subjects(reader, context, "items"),
            options=_subjects(reader, context, "options"),
            locations=_locations(reader, context),
            places=tuple(context.settings.get("locations", ())) if "locations" in reader.fields else (),
            same_page=reader.boolean("same_page", True),
            quiet=frozenset(quiet),
        )
        return check.with_approved(context)

    def with_approved(self, context: ParseContext) -> FactCheck:
        """This slot with the approved value(s) from the config's ``facts:``, read by its normaliser."""
        facts: Mapping[str, Any] = context.settings.get("facts", {})
        if context.rule_id not in facts:
            return self
        source = str(context.settings.get("config", ""))
        raw = facts[context.rule_id]
        if isinstance(raw, Mapping):
            places = {place.casefold() for place in self.places}
            at = {str(k): v for k, v in raw.items() if str(k).casefold() in places}
            for name, value in raw.items():
                if isinstance(value, Mapping) and str(name) not in at:
                    known = ", ".join(self.places) or "none"
                    raise ConfigError(
                        source,
                        f"facts: {context.rule_id}: {name!r} is given values of its own, as only a clinic the "
                        f"config's locations name can be (locations: {known})",
                    )
            general = {str(k): v for k, v in raw.items() if str(k) not in at}
            approved_at = {
                name.casefold(): self._approved_by(source, f"{context.rule_id}: {name}", value)
                for name, value in at.items()
            }
            by, default = self._approved_by(source, context.rule_id, general) if general else ({}, None)
            return replace(self, approved=by, approved_default=default, approved_at=approved_at)
        return replace(self, approved_default=self._approved(source, context.rule_id, raw))

    def _approved_by(self, source: str, slot: str, raw: Any) -> tuple[Mapping[str, Approved], Approved | None]:
        """Approved values per subject, key or item, or one for all: the site's, or one clinic's."""
        if not isinstance(raw, Mapping):
            return {}, self._approved(source, slot, raw)
        seen: set[str] = set()
        for name in raw:
            self._check_qualifier(source, slot, str(name))
            if str(name).casefold() in seen:  # subjects and keys compare without case
                raise ConfigError(source, f"facts: {slot}: {str(name)!r} is given twice")
            seen.add(str(name).casefold())
        return {str(k).casefold(): self._approved(source, slot, v) for k, v in raw.items()}, None

    def _check_qualifier(self, source: str, slot: str, name: str) -> None:
        """A name an approved value is given for must be one of the slot's subjects, or a key it can read.

        Otherwise the value would never apply, and the slot would go on comparing pages unseen.
        """
        subjects = {s.casefold(): s for s in (self.subjects.names if self.subjects is not None else ())}
        if self.items is not None and name.casefold() in {item.casefold() for item in self.items.names}:
            return
        if name.casefold() in subjects:
            return
        has_keys = self.matcher is not None and "key" in self.matcher.pattern.compiled.groupindex
        if not subjects and not has_keys:
            raise ConfigError(source, f"facts: {slot}: the slot has one value per site, not one per subject or key")
        import difflib  # here: only a mistake in a rule needs it

        close = difflib.get_close_matches(name.casefold(), subjects, n=1, cutoff=0.8)
        if has_keys and not close:
            return  # a key the slot reads ("injection"), which only the pages can tell
        hint = f"; did you mean {subjects[close[0]]!r}?" if close else f" (subjects: {', '.join(subjects.values())})"
        raise ConfigError(source, f"facts: {slot}: {name!r} is not a subject of the slot{hint}")

    def _approved(self, source: str, slot: str, raw: Any) -> Approved:
        display = str(raw).strip()
        if self.normaliser == "values":
            names = [name for name, _ in self.values]
            for name in names:
                if name.casefold() == display.casefold():
                    return Approved(name, name)
            raise ConfigError(source, f"facts: {slot}: {display!r} is not one of {', '.join(map(repr, names))}")
        value = NORMALISERS[self.normaliser](display)
        if value is None:
            raise ConfigError(source, f"facts: {slot}: cannot read {display!r} as a {self.normaliser} value")
        return Approved(value, display)

    # -- collecting -------------------------------------------------------

    def collect(self, document: Document, rule: Rule) -> list[FactRecord]:
        document = as_it_reads_now(document)  # a struck-through former price is not the page's
        statements = sorted(self._statements(document, rule), key=lambda s: (s[0], -s[1]))
        if not statements:
            return []  # most pages state most facts nowhere: who or what a statement is about is not asked
        tables = Tables(document)
        mentions = _Mentions(self.subjects, document, tables) if self.subjects is not None else None
        subjects = self.subjects
        items = _Items(self.items, document, statements, subjects=subjects) if self.items is not None else None
        options = (
            _Items(self.options, document, statements, _RIGHT_AFTER, subjects)
            if self.options is not None and statements
            else None
        )
        locations = (
            _Locations(self.locations, document, statements) if self.locations is not None and statements else None
        )
        records: list[FactRecord] = []
        last_end = -1
        for index, (start, end, key, value, mark, written) in enumerate(statements):
            if start < last_end:  # two patterns read the same statement
                continue
            last_end = end
            if in_testimonial(document, start, end):  # a patient's experience, not the site's fact
                continue
            if is_question(document, start, end):  # an FAQ's "Does PRP cost $2,000?" asks, it states nothing
                continue
            # Reported where the file has the words (a statement holding a word markup splits).
            file_start, file_end = document.file_span(start, end)
            line, column = document.position(file_start)
            end_line, end_column = document.position(file_end)
            # A price-list item is named within its subject: a PRP page's "Knee" row is not a stem cell page's.
            subject, label = (
                mentions.place(start, end) if mentions is not None else ("", _item_of(document, tables, start, end))
            )
            # A clinic's price of an item is compared with the same clinic's price of it alone.
            place, setting, maybe = locations.stated(index) if locations is not None else ("", False, ())
            # A list item named by its clinic alone ("- Denver: $850 per injection for the knee") names
            # no item: its sentence's words do. A bare name ("- Austin:") may turn out to be a clinic.
            unlabelled = ""
            if label and _names_only(label, place):
                label = ""
            elif label and any(_names_only(label, name) for name in maybe):
                unlabelled = self._item(index, "", items, options)
            item = self._item(index, label, items, options)
            records.append(
                FactRecord(
                    key=key,
                    subject=subject,
                    value=value,
                    path=document.path,
                    start=file_start,
                    end=file_end,
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    text=_quoted(document, start, end, mark),
                    item=item,
                    place=place,
                    place_is_setting=setting,
                    written=document.quote(*written) if written is not None else "",
                    maybe_places=maybe,
                    unlabelled_item=unlabelled,
                )
            )
        return records

    @staticmethod
    def _item(index: int, label: str, items: _Items | None, options: _Items | None) -> str:
        """The item statement ``index`` prices: its list item's or row's ``label``, else the one its sentence names."""
        option = options.stated(index) if options is not None else ""
        if label and option and options is not None:
            label = options.left_out_of(label)  # "- With image guidance: $750": the option, no item
        item = (items.named(label) if label else items.stated(index)) if items is not None else label
        return ", ".join(name for name in (item, option) if name) if option else item

    def _statements(self, document: Document, rule: Rule) -> Iterator[_Statement]:
        if self.matcher is not None:
            normalise = NORMALISERS[self.normaliser]
            for match in self.matcher.matches_with_groups(document):
                if not rule.in_scope(document.kind_at(match.start())):
                    continue
                groups = match.re.groupindex
                named = "value" in groups and bool(match.group("value"))
                raw = match.group("value") if named else match.group()
                value = normalise(raw)
                if value is not None:
                    if "from" in groups and match.group("from"):
                        value = as_lowest(value)  # "from $750": the least it costs
                    key = match.group("key") if "key" in groups and match.group("key") else ""
                    mark = match.span("mark") if "mark" in groups and match.group("mark") else None
                    yield match.start(), match.end(), _key(key), value, mark, match.span("value") if named else None
            return
        for name, matcher in self.values:
            for found in spans_in_scope(matcher, document, rule):
                yield found.start(), found.end(), "", name, None, None

    # -- comparing --------------------------------------------------------

    def finish(self, rule: Rule, records: Sequence[tuple[Any, bool]]) -> Iterator[Finding]:
        facts = [(record, report) for record, report in records if isinstance(record, FactRecord)]
        facts = self._bare_places(facts)
        # A place only the words around a statement name (a page's "Visit our Austin clinic") tells
        # clinics apart on a site that names several; on a site of one, it is that one clinic's price.
        several = len({record.place for record, _ in facts if record.place} | set(self.places)) > 1
        groups: dict[tuple[str, str, str, str], dict[str, list[tuple[FactRecord, bool]]]] = {}
        for record, report in facts:
            place = record.place if several or not record.place_is_setting else ""
            groups.setdefault((record.key, record.subject, record.item, place), {}).setdefault(record.value, []).append(
                (record, report)
            )
        # A "from" price naming no item is the least each joint or area it is given for costs ("PRP
        # injections from $750"): their prices are weighed against it too (at the same clinic, or at
        # any, if it names none).
        lowest: dict[tuple[str, str, str], dict[str, list[tuple[FactRecord, bool]]]] = {}
        for (key, subject, item, place), by_value in groups.items():
            if not item:
                for value, places in by_value.items():
                    if value.endswith(LOWEST):
                        lowest.setdefault((key, subject, place), {})[value] = places
        reported: set[tuple[str, int]] = set()
        for (key, subject, item, place), by_value in groups.items():
            if self.normaliser == "duration":
                by_value = _months_as_days(by_value)
            # An approved item's price is no one clinic's: a clinic's own price is weighed against its own.
            approved = self._approved_at(key, subject, item, place) if place and self.approved_at else None
            if approved is None:
                approved = (self.approved.get(item) if item and not place else None) or self._approved_for(key, subject)
            # Only a joint's or area's price, not a column's ("Members") nor another price list's row; and
            # a clinic's price: a "from" price naming no clinic is the least at each.
            bounded = approved is None and (
                (self.items is not None and item in self.items.names) or (bool(place) and not item)
            )
            least = {**lowest.get((key, subject, ""), {}), **lowest.get((key, subject, place), {})} if bounded else {}
            if least:
                by_value = {**least, **by_value}
            subject = ", ".join(name for name in (subject, item, place) if name)
            if approved is not None:
                yield from self._against_approved(rule, key, subject, by_value, approved)
            elif len(by_value) > 1:
                for finding in self._disagreements_per_currency(rule, key, subject, by_value):
                    # A "from" price weighed against several items' prices is reported once.
                    if (finding.path, finding.start) not in reported:
                        reported.add((finding.path, finding.start))
                        yield finding

    def _bare_places(self, facts: list[_Place]) -> list[_Place]:
        """Statements placed by a bare name ("Austin: $750", "## Austin") that the site names as a place
        elsewhere ("at our Austin clinic") or the config's ``locations`` does: "## Knee" names none."""
        if not any(record.maybe_places for record, _ in facts):
            return facts
        known = {record.place for record, _ in facts if record.place} | set(self.places)
        if not known:
            return facts
        placed: list[_Place] = []
        for record, report in facts:
            place = next((name for name in record.maybe_places if name in known), "")
            if place:
                # A list item named by its clinic alone ("- Austin: $750 per injection") names the item
                # its sentence's words do, if any ("- Austin: $750 per injection for the knee").
                item = record.unlabelled_item if _names_only(record.item, place) else record.item
                # A bare name is weaker than "our Austin clinic": on a site of one clinic it is no distinction.
                record = replace(record, place=place, place_is_setting=True, item=item)
            placed.append((record, report))
        return placed

    def _disagreements_per_currency(
        self, rule: Rule, key: str, subject: str, by_value: Mapping[str, list[tuple[FactRecord, bool]]]
    ) -> Iterator[Finding]:
        """Disagreements among amounts in one currency at a time: "£750 (about $950)" is no contradiction.

        No rate of exchange is known, so amounts in two currencies cannot be compared; a value in
        none (a free consultation, nothing in any currency) is compared with each, and reported once.
        """
        currencies = {_currency(value) for value in by_value} - {""} if self.normaliser == "money" else set()
        if len(currencies) < 2:
            yield from self._disagreements(rule, key, subject, by_value)
            return
        reported: set[tuple[str, int]] = set()
        for currency in sorted(currencies):
            in_currency = {value: places for value, places in by_value.items() if _currency(value) in ("", currency)}
            for finding in self._disagreements(rule, key, subject, in_currency):
                if (finding.path, finding.start) not in reported:
                    reported.add((finding.path, finding.start))
                    yield finding

    def _approved_at(self, key: str, subject: str, item: str, place: str) -> Approved | None:
        """The clinic's own approved value of the item, subject or key, or its one for all; None if it has none."""
        own = self.approved_at.get(place.casefold())
        if own is None:
            return None
        by, default = own
        return (by.get(item) if item else None) or by.get(subject.casefold()) or by.get(key) or default

    def _approved_for(self, key: str, subject: str) -> Approved | None:
        return self.approved.get(subject.casefold()) or self.approved.get(key) or self.approved_default

    def _against_approved(
        self,
        rule: Rule,
        key: str,
        subject: str,
        by_value: Mapping[str, list[tuple[FactRecord, bool]]],
        approved: Approved,
    ) -> Iterator[Finding]:
        for value, places in by_value.items():
            if approved.agrees(value) or value in self.quiet:
                continue
            for record, report in places:
                if report:
                    lead = f"{self._label(key, subject)}: '{record.text}' here, but the approved facts say "
                    lead += f"'{approved.display}'."
                    yield _finding(rule, record, lead, (_with_approved(record, approved),), ())

    def _disagreements(
        self, rule: Rule, key: str, subject: str, by_value: Mapping[str, list[tuple[FactRecord, bool]]]
    ) -> Iterator[Finding]:
        # For each value: where it is first stated, and first stated on another page than that.
        first: dict[str, FactRecord] = {}
        elsewhere: dict[str, FactRecord] = {}
        per_page: Counter[tuple[str, str]] = Counter()
        for value, places in by_value.items():
            first[value] = places[0][0]
            for record, _ in places:
                per_page[value, record.path] += 1
                if value not in elsewhere and record.path != first[value].path:
                    elsewhere[value] = record
        total = sum(len(places) for places in by_value.values())
        on_page = Counter(record.path for places in by_value.values() for record, _ in places)
        lowest = [value for value in by_value if value.endswith(LOWEST)]
        label = self._label(key, subject)
        for value, places in by_value.items():
            if value in self.quiet:
                continue
            agreeing = _agreeing(value, by_value if value.endswith(LOWEST) else lowest)
            if len(agreeing) == len(by_value) - 1:
                continue
            for record, report in places:
                if not report:
                    continue
                # The first few other values to point to: a page with hundreds of values names a few.
                shown: list[FactRecord] = []
                for other in by_value:
                    if other == value or other in agreeing:
                        continue
                    place = first[other]
                    if place.path == record.path and other in elsewhere:
                        place = elsewhere[other]  # a pointer to another page says more
                    if place.path == record.path and not self.same_page:
                        continue
                    shown.append(place)
                    if len(shown) == MAX_POINTERS:
                        break
                if not shown:
                    continue
                countable = total - len(places) - sum(len(by_value[other]) for other in agreeing)
                if not self.same_page:
                    # Statements of other values on this very page are not counted.
                    countable -= on_page[record.path] - per_page[value, record.path]
                    countable += sum(per_page[other, record.path] for other in agreeing)
                where = "; ".join(f"'{p.text}' in {_where(p, record)}" for p in shown)
                more = countable - len(shown)
                lead = f"{label}: '{record.text}' here; {where}" + (f" (and {more} more)" if more > 0 else "") + "."
                yield _finding(rule, record, lead, (), tuple(p.related() for p in shown))

    def _label(self, key: str, subject: str) -> str:
        label = " ".join(self.label.replace("{key}", key).split())
        return f"{label} ({subject})" if subject else label


def _currency(value: str) -> str:
    """The currency sign a normalised amount starts with ('$750' -> '$'; '0', nothing, has none)."""
    return value[: len(value) - len(value.lstrip(_CURRENCY_SIGNS))]


def _agreeing(value: str, others: Iterable[str]) -> set[str]:
    """The other values that agree with ``value`` though they differ: a lowest one and those at or above it.

    Only a lowest value ("from $750") agrees with another, so a value that is none is weighed against
    the lowest values alone: a page of hundreds of prices costs no more than before.
    """
    return {other for other in others if other != value and values_agree(value, other)}


def _months_as_days(by_value: dict[str, list[_Place]]) -> dict[str, list[_Place]]:
    """Statements in months joined to the first statement in days they agree with ('3 months', '12 weeks').

    They follow its own statements, so that where it is first stated is in its own words.
    """
    merged = {value: list(places) for value, places in by_value.items()}
    in_days = [value for value in merged if not value.endswith("mo")]
    for value in [value for value in merged if value.endswith("mo")]:
        same = next((days for days in in_days if durations_agree(value, days)), None)
        if same is not None:
            merged[same].extend(merged.pop(value))
    return merged


def _item_of(document: Document, tables: Tables, start: int, end: int) -> str:
    span = item_label_span(document, start, end, tables)
    item = _item_name(document, span) if span is not None else ""
    header = _column_header(document, tables, start)
    return _with_column(item, _item_name(document, header)) if header is not None else item


def _column_header(document: Document, tables: Tables, start: int) -> tuple[int, int] | None:
    """The header of the table column that states the fact at ``start``, if it stands in a table."""
    block = document.block_at(start)
    return tables.column_header(start) if block is not None and block.kind == "table" else None


def _with_column(item: str, column: str) -> str:
    """A row's item, in a column that names what its prices are ("Members", "Intro offer"): the
    column's price of the item, compared only with the same column's. A column named by words that
    name no item ("Price", "Standard", "Cost per session") or by its subject alone changes nothing."""
    return f"{item} ({column})" if item and column else item or column


# Units written short, and the word a qualifier compares by ("$299/mo" is a price per month).
_SHORT_UNITS = {"mo": "month", "mos": "month", "mth": "month", "mths": "month", "wk": "week", "wks": "week"}


def _key(raw: str) -> str:
    """'Injections' -> 'injection', 'mo' -> 'month': a qualifier compares by its singular, lower-case,
    written-out form."""
    words = raw.casefold().split()
    if words and words[-1] in _SHORT_UNITS:
        words[-1] = _SHORT_UNITS[words[-1]]
    elif words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _quoted(document: Document, start: int, end: int, mark: tuple[int, int] | None) -> str:
    """The statement's words as its finding quotes them, less a footnote mark: "$750<sup>1</sup> per
    injection" is "$750 per injection", not "$750 1 per injection"."""
    if mark is None:
        return document.quote(start, end)
    return " ".join(part for part in (document.quote(start, mark[0]), document.quote(mark[1], end)) if part)


def _with_approved(record: FactRecord, approved: Approved) -> str:
    """The statement with the approved value in place of its own: "$650 per injection" for "$700 per
    injection", "back to work in 2 days" for "back to work in 5 days", and "one to three sessions"
    for "one session" (the noun after a count takes or loses its s). The approved value alone where
    the rule's pattern does not say which words are the value."""
    if not record.written or record.written not in record.text:
        return approved.display
    before, after = record.text.split(record.written, 1)
    noun = after.split(" ", 2)[1] if after.startswith(" ") and len(after) > 1 else ""
    if noun.isalpha() and (record.value == "1") != (approved.value == "1"):
        if record.value == "1" and not noun.endswith("s"):
            after = after.replace(noun, noun + "s", 1)
        elif approved.value == "1" and noun.endswith("s"):
            after = after.replace(noun, noun[:-1], 1)
    return before + approved.display + after


def _where(place: FactRecord, here: FactRecord) -> str:
    return f"line {place.line}" if place.path == here.path else f"{place.path}:{place.line}"


def _finding(
    rule: Rule, record: FactRecord, lead: str, suggestions: tuple[str, ...], related: tuple[Related, ...]
) -> Finding:
    why = render(rule.message, match=record.text, value=record.value)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        path=record.path,
        start=record.start,
        end=record.end,
        line=record.line,
        column=record.column,
        end_line=record.end_line,
        end_column=record.end_column,
        text=record.text,
        message=f"{lead} {why}".strip(),
        suggestions=suggestions + rule.suggestions,
        related=related,
    )


def _subjects(reader: FieldReader, context: ParseContext, field_name: str = "subjects") -> Subjects | None:
    raw = reader.mapping(field_name)
    if not raw:
        return None
    names: list[str] = []
    alternatives: list[str] = []
    written: list[str] = []  # the patterns as the rule writes them
    for index, (name, value) in enumerate(raw.items()):
        if isinstance(value, (str, list)):
            value = {"phrases": value}
        sub = nested(reader, f"{field_name}.{name}", value)
        sub.reject_unknown(frozenset({"phrases", "patterns"}))
        phrases, patterns = sub.string_list("phrases"), sub.string_list("patterns")
        if not phrases and not patterns:
            sub.fail("needs at least one of 'phrases' or 'patterns'")
        body = sub.guard(partial(alternation, phrases, patterns, context.macros), "patterns")
        names.append(str(name))
        alternatives.append(f"(?P<s{index}>{body})")
        written += patterns
    # The word edges once around all the subjects, not around each: the regex module, which reads a
    # short page, then tries a position's edge once rather than once per subject.
    source = bounded("|".join(alternatives))
    known, analysis = analysis_of(source, False, context.analysis_cache)
    pattern = LazyPattern(source, analysis=analysis, cache=context.analysis_cache)
    if not known:
        reader.guard(lambda: pattern.compiled, field_name, written)
    return Subjects(tuple(names), pattern)


def _locations(reader: FieldReader, context: ParseContext) -> LazyPattern | None:
    """The patterns that name where a price is charged, as one, each with its 'location' group."""
    written = reader.string_list("locations")
    if not written:
        return None
    body = reader.guard(partial(alternation, (), written, context.macros), "locations", written)
    if "(?P<location>" not in body:
        reader.fail("each of 'locations' must name the place in a (?P<location>...) group")
    named: Sequence[str] = context.settings.get("locations", ())
    if named:
        # The clinics the config names are places wherever they stand ("## Austin", "Austin: $750"), as
        # written: "Bath" is a place, "a warm bath" is not. After the rule's own, which say more.
        names = "|".join(r"[^\S\n]+".join(regex.escape(word) for word in name.split()) for name in named)
        body += f"|(?-i:(?P<location>{names}))"
    source = bounded(body)
    known, analysis = analysis_of(source, False, context.analysis_cache)
    pattern = LazyPattern(source, analysis=analysis, cache=context.analysis_cache)
    if not known:
        reader.guard(lambda: pattern.compiled, "locations", written)
    return pattern
