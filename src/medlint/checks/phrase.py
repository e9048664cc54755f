"""Phrase matching shared by the phrase-level kinds (existence, substitution).

One compiled regex per rule runs over the prose view. Each match is then
checked against the rule's context: exceptions that contain it, negation or
hedging before it, and conditions that must or must not hold nearby.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar, cast

import msgspec
import regex

from medlint import guided
from medlint.analysis_cache import analysis_of
from medlint.checks.base import ParseContext
from medlint.context import (
    WITHIN,
    Condition,
    is_answered_no,
    is_denied_after,
    is_hedged,
    is_negated,
    is_question,
)
from medlint.document import Document
from medlint.fields import FieldReader
from medlint.patterns import (
    MATCH_TIMEOUT_SECONDS,
    LazyPattern,
    bounded,
    closed,
    combine,
    compile_pattern,
    expand_macros,
    phrase_to_regex,
    refuse_if_too_big,
)
from medlint.prefilter import may_match, register

PHRASE_FIELDS = frozenset(
    {"phrases", "patterns", "case_sensitive", "negation", "hedges", "exceptions", "unless", "only_if", "questions"}
)
DEFAULT_WINDOW = 6
AnyMatch = TypeVar("AnyMatch", bound=guided.Match)


class PhraseMatcher(msgspec.Struct, frozen=True):
    pattern: LazyPattern
    # Strings one of which every match holds (see medlint.prefilter); None: always scan.
    literals: frozenset[str] | None
    negation_window: int = 0
    hedge_window: int = 0
    exceptions: LazyPattern | None = None
    unless: tuple[Condition, ...] = ()
    only_if: tuple[Condition, ...] = ()
    # False: a match inside a yes/no question ("Is PRP FDA approved?") is not a claim.
    questions: bool = True

    def matches(self, document: Document) -> Iterator[guided.Match]:
        return self._accepted(document, guided.finditer(self.pattern, document, MATCH_TIMEOUT_SECONDS))

    def matches_with_groups(self, document: Document) -> Iterator[regex.Match[str]]:
        """``matches``, each the ``regex`` module's Match (for a caller that reads named groups)."""
        return self._accepted(document, guided.finditer_with_groups(self.pattern, document, MATCH_TIMEOUT_SECONDS))

    def _accepted(self, document: Document, found: Iterator[AnyMatch]) -> Iterator[AnyMatch]:
        if not may_match(document, self.literals):
            return
        if self.only_if and not all(c.holds(document, 0, 0) for c in self.only_if if c.within == "document"):
            return
        covered = 0  # the end of the last match found inside one that ran into the next block
        for match in found:
            verdict = self._verdict(document, match.start(), match.end())
            if verdict:
                if covered and match.start() < covered:
                    continue
                yield match
            elif verdict is None:
                # A match that runs from one block into the next is none, but the scan has gone past the
                # matches that start inside it: "...open all day" in one list item and "Doctors agree..." in
                # the next read as "all day Doctors agree", hiding "Doctors agree". Look for those.
                for inner in self._inside(document, max(match.start() + 1, covered), match.end()):
                    covered = max(covered, inner.end())
                    # The regex module's Match: what matches_with_groups yields, and a guided.Match too.
                    yield cast(AnyMatch, inner)

    def _inside(self, document: Document, position: int, end: int) -> Iterator[regex.Match[str]]:
        """The accepted matches that start from ``position`` and before ``end`` (rare: see ``_accepted``)."""
        compiled = self.pattern.compiled
        while position < end:
            match = compiled.search(document.prose, position, timeout=MATCH_TIMEOUT_SECONDS)
            if match is None or match.start() >= end:
                return
            if self._verdict(document, match.start(), match.end()):
                yield match
                position = max(match.end(), match.start() + 1)
            else:
                position = match.start() + 1

    def _verdict(self, document: Document, start: int, end: int) -> bool | None:
        """Whether the match counts; None where it runs from one block into the next (or over markup)."""
        if document.parts_words(start, end):
            return None
        if self.exceptions is not None and self._inside_exception(document, start, end):
            return False
        if self.negation_window and (
            is_negated(document, start, self.negation_window)
            or is_denied_after(document, start, end)
            or is_answered_no(document, start, end)
        ):
            return False
        if self.hedge_window and is_hedged(document, start, self.hedge_window):
            return False
        if not self.questions and is_question(document, start, end):
            return False
        if any(c.holds(document, start, end) for c in self.unless):
            return False
        return all(c.holds(document, start, end) for c in self.only_if if c.within != "document")

    def _inside_exception(self, document: Document, start: int, end: int) -> bool:
        assert self.exceptions is not None
        lo, hi = document.sentence_bounds(start, end)
        found = self.exceptions.compiled.finditer(document.prose, lo, hi)
        return any(m.start() < end and start < m.end() for m in found)


def read_phrase_matcher(reader: FieldReader, context: ParseContext, phrases: list[str] | None = None) -> PhraseMatcher:
    """Build a PhraseMatcher from a rule's phrase fields (``phrases`` may be given instead)."""
    field = "phrases" if phrases is None else "swap"
    if phrases is None:
        phrases = reader.string_list("phrases")
    patterns = reader.string_list("patterns")
    if not phrases and not patterns:
        reader.fail("needs at least one of 'phrases' or 'patterns'")
    if any(not phrase.strip() for phrase in phrases):
        reader.fail(f"{field!r} has an empty phrase")
    case_sensitive = reader.boolean("case_sensitive", False)
    source = reader.guard(lambda: combine(phrases, patterns, context.macros), "patterns")
    # Before it is analysed, which takes as long as compiling would for a list of thousands of phrases.
    reader.guard(lambda: refuse_if_too_big(source), "patterns" if patterns else field, patterns)
    known, analysis = analysis_of(source, case_sensitive, context.analysis_cache)
    pattern = LazyPattern(source, case_sensitive, analysis, context.analysis_cache)
    if not known:
        reader.guard(lambda: pattern.compiled, "patterns", patterns)  # a new pattern is checked now, not mid-run
    if analysis.may_be_empty and pattern.compiled.fullmatch(""):
        # Every place on a page would be a finding of nothing.
        culprit = next((p for p in patterns if compile_pattern(expand_macros(p, context.macros)).fullmatch("")), None)
        what = f"pattern {culprit!r}" if culprit is not None else f"{field!r}"
        reader.fail(f"{what} matches empty text; a match must hold at least one character")
    exceptions = reader.string_list("exceptions")
    return PhraseMatcher(
        pattern=pattern,
        literals=register(analysis.literals, analysis.phrases),
        negation_window=_window(reader, "negation"),
        hedge_window=_window(reader, "hedges"),
        exceptions=LazyPattern(combine(exceptions, [], {}), cache=context.analysis_cache) if exceptions else None,
        unless=read_conditions(reader, "unless", context),
        only_if=read_conditions(reader, "only_if", context),
        questions=reader.boolean("questions", True),
    )


def _window(reader: FieldReader, name: str) -> int:
    value = reader.raw(name, False)
    if value is True:
        return DEFAULT_WINDOW
    if value is False or value is None:
        return 0
    if isinstance(value, int) and value > 0:
        return value
    reader.fail(f"'{name}' must be true, false or a number of words")
    return 0


def read_conditions(reader: FieldReader, name: str, context: ParseContext) -> tuple[Condition, ...]:
    raw = reader.raw(name, [])
    if isinstance(raw, Mapping):
        raw = [raw]
    if not isinstance(raw, list):
        reader.fail(f"'{name}' must be a list of conditions")
    return tuple(_condition(reader, name, item, context) for item in raw)


def _condition(reader: FieldReader, name: str, item: Any, context: ParseContext) -> Condition:
    if isinstance(item, str):
        item = {"pattern": item}
    if not isinstance(item, Mapping):
        reader.fail(f"each '{name}' entry must be a mapping with 'pattern' or 'phrases'")
    unknown = set(item) - {"pattern", "phrases", "within", "raw"}
    if unknown:
        reader.fail(f"unknown field {sorted(unknown, key=str)[0]!r} in '{name}'")
    within = item.get("within", "sentence")
    if within not in WITHIN:
        reader.fail(f"'{name}': within must be one of {', '.join(WITHIN)}")
    phrases = item.get("phrases", []) or []
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        reader.fail(f"'{name}': phrases must be a list of strings")
    written = item.get("pattern")
    if isinstance(written, (list, dict, bool)):  # a number is read as the digits it is written with
        reader.fail(f"'{name}': pattern must be a string")
    patterns = [str(written)] if written else []
    # A phrase is words, as a rule's own phrases are: "eta" is no part of "theta". A pattern says for itself.
    alternatives = [bounded(phrase_to_regex(p)) for p in phrases] + [closed(p) for p in patterns]
    if not alternatives:
        reader.fail(f"each '{name}' entry needs 'pattern' or 'phrases'")
    pattern = read_pattern(reader, name, "|".join(f"(?:{a})" for a in alternatives), context, patterns)
    raw = item.get("raw", False)
    if not isinstance(raw, bool):
        reader.fail(f"'{name}': raw must be true or false")
    if not raw and pattern.analysis is not None:
        # For the test of a page's words before a search (medlint.context).
        register(pattern.analysis.literals, pattern.analysis.phrases)
    return Condition(
        pattern=pattern,
        within=within,
        raw=raw,
    )


def read_pattern(
    reader: FieldReader, name: str, source: str, context: ParseContext, written: list[str] | None = None
) -> LazyPattern:
    """A pattern a rule gives beside its matcher (a condition, a suggestion's ``when``), case-insensitive.

    Named patterns are expanded; a pattern no earlier run has compiled is compiled
    now, so that a bad one is reported when the rule is read, not mid-run.
    ``written`` are the patterns as the rule writes them, to name the one at fault.
    """
    expanded = reader.guard(lambda: expand_macros(source, context.macros), name)
    known, analysis = analysis_of(expanded, False, context.analysis_cache)
    pattern = LazyPattern(expanded, analysis=analysis, cache=context.analysis_cache, written=source)
    if not known:
        reader.guard(lambda: pattern.compiled, name, written if written is not None else [source])
    return pattern
