"""Matching a rule's regex over a page: by RE2 where it can, by the ``regex`` module where it must.

A rule's regex (``regex`` module syntax: lookarounds, possessive groups) tries
every position of a page in turn; with big alternations that is 5-10 MB/s per
rule, and a run has a hundred and more rules. RE2 scans at hundreds of MB/s.
Each pattern has an RE2 translation (medlint.re2_translation):

- an *exact* one (most phrase rules) is the match: RE2 finds it, and only the
  characters either side are checked here for being word characters; the
  ``regex`` module is not needed (nor compiled) unless a non-ASCII word
  character stands right after a match;
- any other is a *guide*: it matches a superset of the pattern at every start
  position, so the real regex is tried only where RE2 says a match may start.

On ASCII prose a pattern that ignores case is matched, where it can be, in a
case-sensitive form over the prose lowercased (medlint.re2_translation's
``translate_lowered``): RE2 compiles it in about half the time, and it matches
at the same places. Either way the matches are exactly those of
``pattern.finditer(prose)``. A
process reads its first two thousand characters with a pattern by the
``regex`` module when an earlier run kept that module's compiled form:
compiling for RE2 would cost more than it saves on one short page.
Without the ``google-re2`` package (or for a pattern RE2 cannot take), the
pattern simply scans with the ``regex`` module.
"""

from __future__ import annotations

import bisect
import importlib
import time
from collections.abc import Iterator
from typing import Any, Protocol

import msgspec
import regex

from medlint.document import Document
from medlint.own_patterns import compiled
from medlint.pattern_analysis import PatternAnalysis
from medlint.patterns import LazyPattern
from medlint.prefilter import phrases_may_occur
from medlint.re2_translation import DOTTED_I, Translation, for_ascii_text


class Match(Protocol):
    """What callers read from a match, whichever engine made it."""

    def start(self) -> int: ...

    def end(self) -> int: ...

    def span(self) -> tuple[int, int]: ...

    def group(self) -> str: ...


class ExactMatch:
    """A match RE2 found exactly: the ``regex`` module's Match, for what callers read of it."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text = text
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - a dependency; without it every pattern scans as before
        return None


# Imported on first use: a one-page check whose patterns an earlier run kept needs no RE2 at all.
_NOT_YET: Any = object()
re2: Any = _NOT_YET


def _re2() -> Any:
    """The ``re2`` module, or None without it."""
    global re2
    if re2 is _NOT_YET:
        re2 = _optional("re2")
    return re2


# Memory for each pattern's compiled form and state cache (RE2's default; with less it falls back
# to a slower matcher).
_RE2_MEMORY = 8 << 20
_WORD_CHARACTER = compiled(r"\w")
# How much RE2 may read for one guided scan: this many times the page, and this many bytes more.
_GUIDE_READING_PER_BYTE = 8
_GUIDE_READING_SPARE = 1 << 16


class _Searcher:
    """An RE2 pattern over bytes, through the binding's fast path where it has one."""

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        regexp = getattr(compiled, "_regexp", None)
        anchor = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
        self._fast = regexp.Match if regexp is not None and anchor is not None else None
        self._anchor = anchor
        if self._fast is not None:
            try:  # the fast path is the binding's internals: use it only if it answers as expected
                int(self._fast(anchor, b"", 0, 0)[0][0])
            except Exception:
                self._fast = None

    def spans(self, data: bytes, position: int) -> list[tuple[int, int]] | None:
        """Byte spans of the whole match and each group, leftmost at or after ``position``; None if none."""
        if self._fast is not None:
            found: list[tuple[int, int]] = self._fast(self._anchor, data, position, len(data))
            return None if found[0][0] < 0 else found
        match = self._compiled.search(data, position)
        return None if match is None else [match.span(i) for i in range(match.re.groups + 1)]


_searchers: dict[tuple[str, bool, bool], _Searcher | None] = {}

# RE2 takes about as long to compile a rule's pattern, and to build its automaton, as the regex
# module takes to read some two thousand characters with it: counted in instructions, whole
# one-page checks of 1.9 KB were cheaper by the regex module (792 M against 823 M), of 2.4 KB by
# RE2 (844 M against 856 M), and of 3.6 KB pages by 10% (907 M against 1,010 M). So, when the
# regex module's form is at hand (kept by an earlier run), a process reads its first this many
# characters with each pattern by the regex module, and compiles the RE2 form after: a check of a
# short page compiles no RE2 pattern, and a site's run compiles each once, as before.
_READ_BEFORE_COMPILING = 2_000
_read_without_re2: dict[tuple[str, bool, bool], int] = {}
_read_by_re2: set[tuple[str, bool, bool]] = set()  # from now on


def _worth_compiling(translation: Translation, ascii_text: bool, pattern: LazyPattern, length: int) -> bool:
    """Whether to match ``length`` more characters by RE2 (compiling it first if this process has not)."""
    key = (translation.source, translation.exact, ascii_text)
    if key in _read_by_re2:
        return True
    if pattern.compiled_at_hand():
        read = _read_without_re2.get(key, 0) + length
        if read <= _READ_BEFORE_COMPILING:
            _read_without_re2[key] = read
            return False
    _read_by_re2.add(key)
    return True


def _searcher(translation: Translation, ascii_text: bool) -> _Searcher | None:
    """The compiled RE2 form of a translation (remembered: a pure function of its text), or None.

    For ASCII text (``ascii_text``) it is written for ASCII only, and read as Latin-1 where it
    can be: both compile faster.
    """
    key = (translation.source, translation.exact, ascii_text)
    if key not in _searchers:
        if ascii_text:
            source = for_ascii_text(translation.source)
            _searchers[key] = (
                _compiled(source, translation.exact, latin1=True) if _within_latin1(source) else None
            ) or _compiled(source, translation.exact, latin1=False)
        else:
            _searchers[key] = _compiled(translation.source, translation.exact, latin1=False)
    return _searchers[key]


_ESCAPED_BEYOND_LATIN1 = compiled(r"\\x\{0*[1-9a-fA-F][0-9a-fA-F]{2,}\}")


def _within_latin1(source: str) -> bool:
    """Whether a translation names no character beyond Latin-1 (it writes such characters as
    ``\\x{...}``), so that RE2 can read it as Latin-1; else asking RE2 only parses it to refuse."""
    return _ESCAPED_BEYOND_LATIN1.search(source) is None


def _compiled(source: str, exact: bool, latin1: bool) -> _Searcher | None:
    """An RE2 pattern reading UTF-8, or Latin-1 (``latin1``); None if RE2 refuses it.

    ASCII text read as Latin-1 is the same characters as read as UTF-8, so a
    pattern matches at the same places either way; read as Latin-1, a class
    is a range of bytes rather than a machine for UTF-8 sequences, and RE2
    compiles the pattern and builds its automaton with fewer instructions
    (0.8% of a one-page check). A pattern naming a character beyond Latin-1
    (an en dash, a euro sign) cannot be written so, and reads UTF-8.
    """
    options = re2.Options()
    options.log_errors = False
    options.never_capture = not exact  # a guide is only asked where a match starts
    options.max_mem = _RE2_MEMORY
    try:
        if latin1:
            options.encoding = re2.Options.Encoding.LATIN1
            return _Searcher(re2.compile(source.encode("latin-1"), options))
        return _Searcher(re2.compile(source, options))
    except Exception:  # RE2 refuses it (too big, syntax it lacks, or beyond Latin-1): scan as before
        return None


class _Bytes(msgspec.Struct, frozen=True):
    """A document's prose as UTF-8, and how to turn byte offsets back into characters."""

    data: bytes
    wide_chars: tuple[int, ...] = ()  # character offset of each non-ASCII character
    wide_bytes: tuple[int, ...] = ()  # its byte offset
    extra: tuple[int, ...] = ()  # bytes beyond one, counted up to and including that character

    @property
    def is_ascii(self) -> bool:
        return not self.wide_chars

    def char_offset(self, byte_offset: int) -> int:
        if not self.wide_bytes:
            return byte_offset
        index = bisect.bisect_left(self.wide_bytes, byte_offset)
        return byte_offset - (self.extra[index - 1] if index else 0)

    def byte_offset(self, char_offset: int) -> int:
        if not self.wide_chars:
            return char_offset
        index = bisect.bisect_left(self.wide_chars, char_offset)
        return char_offset + (self.extra[index - 1] if index else 0)


_NON_ASCII = compiled(r"[^\x00-\x7f]")


def _as_bytes(prose: str) -> _Bytes | None:
    """The UTF-8 view of a prose text, or None if RE2 cannot be trusted on it."""
    if prose.isascii():
        return _Bytes(prose.encode("ascii"))
    if any(c in prose for c in DOTTED_I):
        return None
    chars: list[int] = []
    wide: list[int] = []
    extra: list[int] = []
    added = 0
    for match in _NON_ASCII.finditer(prose):
        chars.append(match.start())
        wide.append(match.start() + added)
        added += len(match.group().encode("utf-8")) - 1
        extra.append(added)
    return _Bytes(prose.encode("utf-8"), tuple(chars), tuple(wide), tuple(extra))


def finditer(pattern: LazyPattern, document: Document, timeout: float | None = None) -> Iterator[Match]:
    """``pattern.compiled.finditer(document.prose, timeout=timeout)``, by the fastest exact means.

    The time budget covers the whole iteration, as it does for ``finditer``.
    """
    return _remembered(pattern, document, timeout, groups=False)


def finditer_with_groups(
    pattern: LazyPattern, document: Document, timeout: float | None = None
) -> Iterator[regex.Match[str]]:
    """``finditer`` for a caller that reads groups: every match is the ``regex`` module's."""
    for match in _remembered(pattern, document, timeout, groups=True):
        assert isinstance(match, regex.Match)
        yield match


# The group each matched text was found by, per pattern (see finditer_named); dropped when this big.
_GROUP_NAMES_KEPT = 20_000
_group_names: dict[tuple[str, bool, str, bool, bool], str | None] = {}


def finditer_named(
    pattern: LazyPattern, document: Document, timeout: float | None = None
) -> Iterator[tuple[int, int, str | None]]:
    r"""The span and ``lastgroup`` of each match ``pattern.compiled.finditer(document.prose)`` makes.

    For a pattern RE2 matches exactly (an alternation of named phrases between word edges), the
    group is the regex module's for the first match of the same text in this process (and, for an
    ``\A`` or ``\Z`` inside, at the same edges of the page), and only that first match is made
    again by the regex module. An exact pattern looks neither behind nor ahead inside, and the
    characters either side of every match are no word characters, so which alternative (and
    which groups within it) matches a text is the same wherever the text stands: the first one
    that matches the whole text, as the regex module tries them.
    """
    prose = document.prose
    for match in finditer(pattern, document, timeout):
        start, end = match.span()
        if isinstance(match, regex.Match):
            yield start, end, match.lastgroup
            continue
        key = (pattern.source, pattern.case_sensitive, prose[start:end], start == 0, end == len(prose))
        if key in _group_names:
            yield start, end, _group_names[key]
            continue
        found = pattern.compiled.match(prose, start, timeout=timeout)
        assert found is not None and found.span() == (start, end)
        if len(_group_names) >= _GROUP_NAMES_KEPT:
            _group_names.clear()
        _group_names[key] = found.lastgroup
        yield start, end, found.lastgroup


def _remembered(pattern: LazyPattern, document: Document, timeout: float | None, groups: bool) -> Iterator[Match]:
    key = (pattern.source, pattern.case_sensitive, groups)
    seen = document.pattern_matches.get(key)
    if seen is not None:
        # Rules share patterns (a subject list, a phrase): scan a page for each only once.
        yield from seen
        return
    found: list[Match] = []
    for match in _finditer(pattern, document, timeout, groups):
        found.append(match)
        yield match
    document.pattern_matches[key] = found


def _finditer(pattern: LazyPattern, document: Document, timeout: float | None, groups: bool) -> Iterator[Match]:
    analysis = pattern.analysed()
    if analysis.phrases is not None and not phrases_may_occur(document, analysis.phrases):
        return  # the page's words are there, but not side by side as every match holds them
    usable = analysis.translation is not None or analysis.ascii_translation is not None
    view = _view(document) if usable else None
    if view is None:
        yield from _plain(pattern, document.prose, timeout)
        return
    # On ASCII prose (most pages) the ASCII form is as narrow as the pattern, and more often exact.
    translation = analysis.ascii_translation if view.is_ascii and analysis.ascii_translation else analysis.translation
    if translation is None:
        yield from _plain(pattern, document.prose, timeout)
        return
    if not _worth_compiling(translation, view.is_ascii, pattern, len(document.prose)) or _re2() is None:
        yield from _plain(pattern, document.prose, timeout)
        return
    lowered = _lowered_translation(pattern, analysis) if view.is_ascii else None
    if lowered is not None:
        # The same, written case-sensitively for the prose lowercased: RE2 compiles it faster.
        translation = lowered
        view = _lowered_view(document, view)
    searcher = _searcher(translation, view.is_ascii)
    if searcher is None:
        yield from _plain(pattern, document.prose, timeout)
    elif translation.exact and not groups:
        yield from _exact(pattern, translation, searcher, document.prose, view, timeout)
    else:
        yield from _guided(pattern, translation, searcher, document.prose, view, timeout)


def _view(document: Document) -> _Bytes | None:
    if "utf8" not in document.pattern_views:
        document.pattern_views["utf8"] = _as_bytes(document.prose)
    view = document.pattern_views["utf8"]
    assert view is None or isinstance(view, _Bytes)
    return view


_lowered: dict[tuple[str, bool], Translation | None] = {}


def _lowered_translation(pattern: LazyPattern, analysis: PatternAnalysis) -> Translation | None:
    """``analysis.lowered_translation()``, made once a process."""
    key = (pattern.source, pattern.case_sensitive)
    if key not in _lowered:
        _lowered[key] = analysis.lowered_translation()
    return _lowered[key]


def _lowered_view(document: Document, view: _Bytes) -> _Bytes:
    """An ASCII prose's bytes lowercased (offsets are unchanged)."""
    lowered = document.pattern_views.get("lowered")
    if lowered is None:
        lowered = document.pattern_views["lowered"] = _Bytes(view.data.lower())
    assert isinstance(lowered, _Bytes)
    return lowered


def _exact(
    pattern: LazyPattern,
    translation: Translation,
    searcher: _Searcher,
    prose: str,
    view: _Bytes,
    timeout: float | None,
) -> Iterator[Match]:
    data = view.data
    position = 0  # bytes
    while position <= len(data):
        spans = searcher.spans(data, position)
        if spans is None:
            return
        (lead, _), (body_start, body_end) = spans[0], spans[1]
        start, end = view.char_offset(body_start), view.char_offset(body_end)
        match: Match | None = ExactMatch(prose, start, end)
        if translation.leads and start > 0 and _is_word(prose, start - 1):
            match = None  # a non-ASCII word character before: no match starts here
        elif translation.trails and end < len(prose) and _is_word(prose, end):
            # A non-ASCII word character after: the regex module would have tried other
            # alternatives here, so ask it (rare enough that compiling it then is cheap).
            match = pattern.compiled.match(prose, start, timeout=timeout)
        if match is None:
            position = _next_char(data, lead)
            continue
        yield match
        stop = match.end()
        if translation.leads and stop == 1:
            yield from _after_first_character(pattern.compiled, prose, timeout)
            return
        # A next match may start right after this one: let the lead character be this one's last.
        position = view.byte_offset(stop - 1 if translation.leads else stop)


def _is_word(prose: str, index: int) -> bool:
    """Whether a character RE2 let through as a boundary is a word character after all (non-ASCII only)."""
    char = prose[index]
    return not char.isascii() and _WORD_CHARACTER.match(char) is not None


def _guided(
    pattern: LazyPattern,
    translation: Translation,
    searcher: _Searcher,
    prose: str,
    view: _Bytes,
    timeout: float | None,
) -> Iterator[Match]:
    # The budget counts time spent matching, not time the caller spends between matches.
    spent = 0.0
    leads = translation.leads
    data = view.data
    # RE2 reads at least up to the end of each guide match it reports. A wide guide on a long run
    # of text (``\d+`` written as "any non-space", on 100 KB without a space) can report a start at
    # every character and read to the run's end each time; past this much reading, the regex
    # module scans the rest itself, so the whole scan stays linear in the page.
    reading_left = _GUIDE_READING_PER_BYTE * len(data) + _GUIDE_READING_SPARE
    position = 0  # bytes
    while position <= len(data):
        spans = searcher.spans(data, position)
        if spans is None:
            return
        found = spans[0][0]
        reading_left -= spans[0][1] - position
        if reading_left < 0:
            # No match starts before ``found`` (nor, with a lead character, at it): scan on from there.
            resume = view.char_offset(found) + (1 if leads and found > 0 else 0)
            yield from _plain_from(pattern.compiled, prose, resume, None if timeout is None else timeout - spent)
            return
        start = view.char_offset(found)
        # With a lead character the real match starts after it, or (at the very start) at it.
        starts = (start, start + 1) if leads and found == 0 else (start + 1,) if leads else (start,)
        match = None
        for candidate in starts:
            if candidate > len(prose):
                break
            if timeout is not None and spent >= timeout:
                raise TimeoutError("regex timed out")
            # The regex module's form is loaded only here: most guides find nothing on a page.
            compiled = pattern.compiled
            began = time.process_time()
            match = compiled.match(prose, candidate, timeout=None if timeout is None else timeout - spent)
            spent += time.process_time() - began
            if match is not None:
                break
        if match is None:
            position = _next_char(data, found)
            continue
        yield match
        end = match.end()
        if leads and end == 1:
            yield from _after_first_character(pattern.compiled, prose, timeout)
            return
        # A next match may start right after this one: let the lead character be this one's last.
        position = view.byte_offset(end - 1 if leads else end)


def _plain(pattern: LazyPattern, prose: str, timeout: float | None) -> Iterator[Match]:
    """``pattern.finditer(prose, timeout=timeout)``, the budget counting matching time only.

    The regex module's finditer counts the processor time of the whole process
    from its start, so a caller doing slow work between matches (context checks
    on a long page) used up a rule's budget and the rule was reported as
    backtracking. One search after another is the same scan when no match can
    be empty.
    """
    compiled = pattern.compiled
    if timeout is None or pattern.analysed().may_be_empty:
        yield from compiled.finditer(prose, timeout=timeout)
        return
    yield from _plain_from(compiled, prose, 0, timeout)


def _plain_from(pattern: regex.Pattern[str], prose: str, start: int, timeout: float | None) -> Iterator[Match]:
    """``pattern.finditer(prose, start, timeout=timeout)`` for a pattern that never matches empty,
    the budget counting matching time only (see ``_plain``)."""
    spent = 0.0
    position = start
    while True:
        if timeout is not None and spent >= timeout:
            raise TimeoutError("regex timed out")
        began = time.process_time()
        match = pattern.search(prose, position, timeout=None if timeout is None else timeout - spent)
        spent += time.process_time() - began
        if match is None:
            return
        yield match
        position = match.end()


def _after_first_character(pattern: regex.Pattern[str], prose: str, timeout: float | None) -> Iterator[Match]:
    """The matches after a one-character match at the very start of a page, by the regex module.

    RE2 asked from offset 0 would find the start of the text again, and from
    offset 1 could not take the first character as the lead; such a pattern is
    one character wide, so its own scan is cheap.
    """
    yield from pattern.finditer(prose, 1, timeout=timeout)


def _next_char(data: bytes, position: int) -> int:
    """The byte offset of the character after the one at ``position``."""
    position += 1
    while position < len(data) and data[position] & 0xC0 == 0x80:
        position += 1
    return position
