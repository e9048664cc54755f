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

Words alone let through most rules that then find nothing: a page about
risks holds "risk" and "no" but not "no risk". So ``required_phrases`` reads
out strings of several words too (``no\\s+risk`` always holds "no risk", with
any run of white space for the space), and ``phrases_may_occur`` looks for them
in the page's prose, folded and with each run of white space read as one
space, before a pattern scans it.
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

    ``str.casefold`` does, but for two characters: the regex module lets ``i``
    match ``İ``, which case-folds to ``i`` and a combining dot, and ``I`` match
    the dotless ``ı``, which case-folds to itself.
    """
    folded = text.casefold()
    return folded if folded.isascii() else folded.replace("\u0307", "").replace("\u0131", "i")


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


# A run of pattern items is read out as its spellings while they are this few, and cut in two past
# it; a pattern's required phrases are never more (each may be a search of the page).
_MOST_SPELLINGS = 64
_WHITE_SPACE = frozenset({" "})
_NOTHING = frozenset({""})


def required_phrases(pattern: str) -> frozenset[str] | None:
    """Strings of more than a word, one of which every match of ``pattern`` holds; None if none is known.

    Each string is folded, and its spaces stand for any run of white space: ``phrases_may_occur``
    reads the page that way. Of the stretches of a pattern's text that span a space or a hyphen
    ("no risk", "risk-free"), the one chosen has the longest shortest spelling, then the fewest
    spellings: each spelling may be a search of the page.
    """
    if "[:" in pattern:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = list(_parser().parse(pattern))
        best = _most_telling(r for r in _phrase_requirements(parsed) if _usable(r))
    except Exception:  # a parse failure, or syntax the regex module reads differently (_Unsure)
        return None
    if best is None or _shortest(best) < MIN_LITERAL:
        return None
    # A page that holds "stem cells" holds "stem cell": one search for both.
    return frozenset(s for s in best if not any(t != s and t in s for t in best))


def _shortest(requirement: frozenset[str]) -> int:
    return min(len(s.strip()) for s in requirement)


def _usable(requirement: frozenset[str]) -> bool:
    """Whether the requirement may say more than the page's words do (a space or a hyphen inside), in few searches."""
    return len(requirement) <= _MOST_SPELLINGS and any(" " in s.strip() or "-" in s for s in requirement)


def _most_telling(requirements: Iterable[frozenset[str]]) -> frozenset[str] | None:
    return max(requirements, key=lambda r: (_shortest(r), -len(r)), default=None)


def _phrase_requirements(items: Sequence[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Like ``_sequence``, but items next to each other make one string, white space included."""
    found: list[frozenset[str]] = []
    run: list[frozenset[str]] = []  # the spellings of each item since the last that matches too many texts
    for op, argument in items:
        spellings = _spellings_of(op, argument)
        if spellings is not None:
            run.append(spellings)
            continue
        found.extend(_stretches(run))
        run = []
        name = op.name
        if name in ("SUBPATTERN", "ATOMIC_GROUP"):
            found.extend(_phrase_requirements(list(argument[-1] if name == "SUBPATTERN" else argument)))
        elif name == "BRANCH":
            alternatives = [_most_telling(_phrase_requirements(list(branch))) for branch in argument[1]]
            if all(a is not None for a in alternatives):
                found.append(frozenset().union(*(a for a in alternatives if a is not None)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and argument[0] >= 1:
            found.extend(_phrase_requirements(list(argument[2])))
    found.extend(_stretches(run))
    return found


def _stretches(run: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """For each item of a run, the most telling stretch of the run that starts there, as its spellings."""
    best: list[frozenset[str]] = []
    for start in range(len(run)):
        spelled = _NOTHING
        candidates = []
        for spellings in run[start:]:
            joined = _joined(spelled, spellings)
            if joined is None:
                break
            spelled = joined
            if all(s.strip() for s in spelled):
                candidates.append(spelled)
        # The best of all (for a branch, whose alternatives' strings are one requirement), and the best
        # that can be a pattern's required phrases.
        if (most := _most_telling(candidates)) is not None:
            best.append(most)
        if (spanning := _most_telling(c for c in candidates if _usable(c))) is not None and spanning is not most:
            best.append(spanning)
    return best


def _spellings(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """Every text the items can match, folded, white space as one space; None if they are too many."""
    result = _NOTHING
    for op, argument in items:
        spellings = _spellings_of(op, argument)
        joined = None if spellings is None else _joined(result, spellings)
        if joined is None:
            return None
        result = joined
    return result


def _spellings_of(op: Any, argument: Any) -> frozenset[str] | None:
    """``_spellings`` of one item of a parse tree."""
    name = op.name
    if name == "LITERAL":
        char = chr(argument)
        if char == "{":
            raise _Unsure  # fuzzy-matching syntax to the regex module
        return _WHITE_SPACE if char.isspace() else frozenset({fold(char)})
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _NOTHING  # zero width: what stands either side stands together
    if name == "IN":
        return _class_spellings(argument)
    if name == "SUBPATTERN":
        return _spellings(list(argument[-1]))
    if name == "ATOMIC_GROUP":
        return _spellings(list(argument))
    if name == "BRANCH":
        union: set[str] = set()
        for branch in argument[1]:
            spellings = _spellings(list(branch))
            if spellings is None or len(union) + len(spellings) > _MOST_SPELLINGS:
                return None
            union |= spellings
        return frozenset(union)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = argument
        once = _spellings(list(body))
        if once is None:
            return None
        if once <= _WHITE_SPACE | _NOTHING:
            # White space repeated is still one run of it.
            return once if low >= 1 or once == _NOTHING else once | _NOTHING
        if high > 3:
            return None
        repeated: set[str] = set()
        times = _NOTHING
        for count in range(high + 1):
            if count >= low:
                repeated |= times
            if count < high:
                joined = _joined(times, once)
                if joined is None:
                    return None
                times = joined
        return frozenset(repeated) if len(repeated) <= _MOST_SPELLINGS else None
    return None  # any character, a negated class, a back-reference: too many texts


def _class_spellings(members: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, argument in members:
        name = op.name
        if name == "LITERAL":
            chars.add(chr(argument))
        elif name == "RANGE" and argument[1] - argument[0] < 16:
            chars.update(chr(code) for code in range(argument[0], argument[1] + 1))
        elif name == "CATEGORY" and argument.name == "CATEGORY_SPACE":
            chars.add(" ")
        else:
            return None  # a negated class, a wide range, word or digit characters
    return frozenset(" " if char.isspace() else fold(char) for char in chars)


def _joined(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    """Each of ``left`` followed by each of ``right``, runs of white space as one space; None if too many."""
    if len(left) * len(right) > _MOST_SPELLINGS:
        return None
    return frozenset(a + b[1:] if a.endswith(" ") and b.startswith(" ") else a + b for a in left for b in right)


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


def register(literals: frozenset[str] | None, phrases: frozenset[str] | None = None) -> frozenset[str] | None:
    """Make a pattern's literals, and its phrases' words, known to the shared index (done when a rule is compiled).

    Registered one by one as rules first look at a page, each would make the page's words be read again.
    """
    if literals is not None:
        _INDEX.add(literals)
    if phrases is not None:
        _INDEX.add(_words_of(phrases)[0])
    return literals


def may_match(document: Document, literals: frozenset[str] | None) -> bool:
    """False only if no match of a pattern with these required literals can be in the document."""
    if literals is None:
        return True
    _INDEX.add(literals)
    return not literals.isdisjoint(_INDEX.present(document))


def phrases_may_occur(document: Document, phrases: frozenset[str]) -> bool:
    """False only if no match of a pattern with these required phrases (``required_phrases``) can be in the page.

    A phrase whose words (those of ``MIN_LITERAL`` letters and more) are not all among the page's is
    not searched for: most of a long list of alternatives fall so, at the cost of a set test each.
    """
    words, spellings = _words_of(phrases)
    _INDEX.add(words)  # (registered with the rule already, but for a pattern no rule registers)
    present = _INDEX.present(document)
    text = document.pattern_views.get("phrases")
    if text is None:
        text = document.pattern_views["phrases"] = spaced(fold(document.prose))
    return any(needs <= present and phrase in text for phrase, needs in spellings)


# Each set of required phrases, with the words of each phrase (see phrases_may_occur).
_phrase_words: dict[frozenset[str], tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]] = {}


def _words_of(phrases: frozenset[str]) -> tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
    known = _phrase_words.get(phrases)
    if known is None:
        spellings = tuple(
            (phrase, frozenset(word for word in phrase.split() if len(word) >= MIN_LITERAL)) for phrase in phrases
        )
        known = _phrase_words[phrases] = frozenset().union(*(needs for _, needs in spellings)), spellings
    return known


def spaced(folded: str) -> str:
    """Folded text as required phrases are looked for in: each run of white space one space, one at each end."""
    return " " + " ".join(folded.split()) + " "
