"""A cheap test of whether a pattern can match a document at all.

Most rules match nowhere on most pages, yet a regex scan of a whole page per
rule per page is most of the time a run takes. Every match of a pattern holds
some literal text: ``non[\\s-]?invasive`` always holds ``invasive``, and
``(?:guaranteed|proven) results`` always holds ``results``. ``required_literals``
reads those strings out of a pattern (its parse tree, as Python's ``re``
parses it), and ``may_match`` says whether any of them occurs in a
document's prose, from the page's distinct words, once per page for all rules:
a rule whose literals are absent is not run, and finds nothing either way.

Literals and words are compared case-folded, and a literal never holds white
space (a word never does), so the test is never wrong to skip a rule; it may
let through a rule that then finds nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from medlint.document import Document
from medlint.patterns import stdlib_regex_parser

# Shorter literals say little (most pages hold "no" somewhere): a pattern whose
# best literal is shorter always runs.
MIN_LITERAL = 3
# Words longer than this are checked directly, and not remembered.
_LONG_WORD = 48
_CACHE_LIMIT = 200_000
_NONE: frozenset[str] = frozenset()

_parser = stdlib_regex_parser


def fold(text: str) -> str:
    """Case-fold so that whatever a case-insensitive regex matches, contains the folded literal.

    ``str.casefold`` does, but for one character: the regex module lets ``i``
    match ``İ``, which case-folds to ``i`` and a combining dot.
    """
    folded = text.casefold()
    return folded if folded.isascii() else folded.replace("\u0307", "")


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings (folded) one of which every match of ``pattern`` holds; None if none is known.

    Patterns Python's ``re`` cannot parse (``regex``-only syntax such as
    ``\\p{L}`` or fuzzy matching) get None: they always run.
    """
    if "[:" in pattern:
        return None  # a POSIX class ([[:alpha:]]) to the regex module, literal characters to re
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = _parser().parse(pattern)
    except Exception:  # any parse failure: no literals known, the rule always runs
        return None
    try:
        best = _best(_sequence(list(parsed)))
    except _Unsure:
        return None
    if best is None or min(len(s) for s in best) < MIN_LITERAL:
        return None
    return best


class _Unsure(Exception):
    """The pattern holds something ``re`` reads differently from ``regex``."""


def _sequence(items: Sequence[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Every requirement of a sequence: each a set of strings one of which a match holds."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        # A run of literal characters; white space splits it (words never hold any).
        found.extend(frozenset({piece}) for piece in fold("".join(run)).split())
        run.clear()

    for op, argument in items:
        name = op.name
        if name == "LITERAL":
            char = chr(argument)
            if char == "{":
                # A literal brace is fuzzy-matching syntax ({e<=1}) to the regex module.
                raise _Unsure
            run.append(char)
            continue
        if name == "AT":
            continue  # zero width: the characters either side still stand together
        flush()
        if name in ("SUBPATTERN", "ATOMIC_GROUP"):
            body = argument[-1] if name == "SUBPATTERN" else argument
            found.extend(_sequence(list(body)))
        elif name == "BRANCH":
            alternatives = [_best(_sequence(list(branch))) for branch in argument[1]]
            if all(a is not None for a in alternatives):
                found.append(frozenset().union(*(a for a in alternatives if a is not None)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, body = argument
            if low >= 1:
                found.extend(_sequence(list(body)))
        # Anything else (classes, any-character, lookarounds, back-references) requires nothing.
    flush()
    return found


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling requirement: longest shortest string, then fewest strings."""
    if not requirements:
        return None
    return max(requirements, key=lambda r: (min(len(s) for s in r), -len(r)))


class LiteralIndex:
    """The literals of every pattern in use, and which of them a document's words hold.

    A word's literals are remembered across documents (a site repeats its
    vocabulary), so a page costs a set of its words and a lookup for each.
    """

    def __init__(self) -> None:
        self._literals: set[str] = set()
        # The sets added so far: a pattern's set is added again each time it is tested against a page.
        self._added: set[frozenset[str]] = set()
        # Each literal by its first MIN_LITERAL characters: a word's literals are found by reading the
        # word's pieces of that length once (most begin no literal), not its pieces of every length.
        self._by_start: dict[str, list[str]] = {}
        self._short: set[str] = set()  # (none from a pattern: required_literals keeps none so short)
        self._words: dict[str, frozenset[str]] = {}
        self._last: tuple[Document, int, frozenset[str]] | None = None

    def add(self, literals: Iterable[str]) -> None:
        if isinstance(literals, frozenset):
            if literals in self._added:
                return
            self._added.add(literals)
        new = set(literals) - self._literals
        if not new:
            return
        self._literals |= new
        by_start = self._by_start
        for literal in new:
            if len(literal) < MIN_LITERAL:
                self._short.add(literal)
            elif (starting := by_start.get(literal[:MIN_LITERAL])) is None:
                by_start[literal[:MIN_LITERAL]] = [literal]
            else:
                starting.append(literal)
        self._words.clear()
        self._last = None

    def literals(self) -> frozenset[str]:
        return frozenset(self._literals)

    def present(self, document: Document) -> frozenset[str]:
        """The known literals that occur in the document's prose."""
        last = self._last
        if last is not None and last[0] is document and last[1] == len(self._literals):
            return last[2]
        found: set[str] = set()
        cache = self._words
        for word in set(document.prose.split()):
            hits = cache.get(word)
            if hits is None:
                hits = self._literals_in(word)
                if len(word) <= _LONG_WORD:
                    if len(cache) >= _CACHE_LIMIT:
                        cache.clear()
                    cache[word] = hits
            if hits:
                found |= hits
        result = frozenset(found)
        self._last = (document, len(self._literals), result)
        return result

    def _literals_in(self, word: str) -> frozenset[str]:
        folded = fold(word)
        if len(folded) > _LONG_WORD:
            return frozenset(literal for literal in self._literals if literal in folded)
        hits = {literal for literal in self._short if literal in folded} if self._short else set()
        by_start = self._by_start
        for start in range(len(folded) - MIN_LITERAL + 1):
            starting = by_start.get(folded[start : start + MIN_LITERAL])
            if starting is not None:
                for literal in starting:
                    if folded.startswith(literal, start):
                        hits.add(literal)
        return frozenset(hits) if hits else _NONE


_INDEX = LiteralIndex()


def known_literals() -> frozenset[str]:
    """Every literal registered so far: what a kept rule set registers again (medlint.rule_set_cache)."""
    return _INDEX.literals()


def register(literals: frozenset[str] | None) -> frozenset[str] | None:
    """Make a pattern's literals known to the shared index (done when a rule is compiled)."""
    if literals is not None:
        _INDEX.add(literals)
    return literals


def may_match(document: Document, literals: frozenset[str] | None) -> bool:
    """False only if no match of a pattern with these required literals can be in the document."""
    if literals is None:
        return True
    _INDEX.add(literals)
    return not literals.isdisjoint(_INDEX.present(document))
