"""Turn rule phrases and patterns into regexes that survive real copy.

Matching runs on a document's prose view, where curly apostrophes are already
``'``, Unicode hyphens are ``-`` and markup is blanks. So a phrase only has to
allow for case, for spaces, hyphens and line breaks between its words, and for
an apostrophe that may be missing. Blanked markup and character references keep
their length in the prose ("no side **effects**" reads "no side   effects"), so
whatever stands between two words may be a run: see ``prose_runs``.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import regex

from medlint.own_patterns import compiled

if TYPE_CHECKING:
    from medlint.analysis_cache import AnalysisCache
    from medlint.pattern_analysis import PatternAnalysis

# A runaway user pattern (one that backtracks exponentially) is stopped after this long, on one
# document for a rule's main pattern, on one search for its conditions and suggestions' `when`.
MATCH_TIMEOUT_SECONDS = 2.0
_MACRO = compiled(r"\{@([A-Za-z_][\w-]*)\}")
# Inline flags that turn on verbose mode, where white space is ignored and "#" starts a comment.
_VERBOSE_FLAG = compiled(r"\(\?[A-Za-z]*x[A-Za-z]*[:)]")
# Flags opening a pattern that a scoped group can take instead (Python's re parses only those).
_LEADING_VERBOSE_FLAGS = compiled(r"\(\?([imsx]*x[imsx]*)\)")
_READ_BY_VERBOSE_MODE = compiled(r"[\s#]")
_ESCAPE_AT_END = compiled(r"(?<!\\)(?:\\\\)*\\\Z")
# The pieces prose_runs gives a run: an apostrophe, "\s" or "\ ", a class of only white space and
# hyphens ("[\s-]"), and in a plain pattern a literal space; each unrepeated or with "?" after it
# (in a verbose pattern, white space may come before the "?"). Escapes (a name's spaces in
# "\N{NO-BREAK SPACE}" or "\p{White Space}" with them), other classes and comments
# are passed over whole ((*SKIP)(*FAIL): no Python call for them), so a "'" or "[" in them is not
# read as one. Scanned once per pattern as a rule set is built.
_SEPARATORS = r"\[(?:\\[s\- ]|[ -])++\]"
_RUN_PIECE = r"(?P<piece>'|\\[s ]|" + _SEPARATORS + r"{plain_space})(?P<space>{spacing})(?P<optional>\?)?(?![?*+{{])"
_NAMED_ESCAPE = r"\\[NpP]\{{[^}}]*+\}}?"
_PASSED_OVER = (
    r"(?:" + _NAMED_ESCAPE + r"|\\.|\[\^?\]?(?:\\.|[^\]\\])*+\]?|\(\?\#[^)]*+\)?{comment})[?*+{{]?(*SKIP)(*FAIL)"
)
_PIECES = compiled(
    _RUN_PIECE.format(plain_space="| ", spacing="") + "|" + _PASSED_OVER.format(comment=""),
    regex.DOTALL,
)
_VERBOSE_PIECES = compiled(
    _RUN_PIECE.format(plain_space="", spacing=r"\s*+") + "|" + _PASSED_OVER.format(comment=r"|\#[^\n]*+"),
    regex.DOTALL,
)
_SEPARATOR_CLASS = compiled(_SEPARATORS)
_HYPHENS = compiled(r"[-\u2010\u2011]")
_ANCHOR_SEPARATOR = compiled(r"[\s'\u2019-]+")
_WORD_SEPARATOR = r"[\s-]+"
_HYPHEN_SEPARATOR = r"[\s-]*"


def phrase_to_regex(phrase: str) -> str:
    """A regex (without boundaries) for a literal phrase.

    ``non-invasive`` matches non-invasive, non invasive, noninvasive and a line
    break between the parts; ``stem cell`` matches stem-cell and stem\\ncell;
    ``patient's`` matches patient's, patient\u2019s and patients.
    """
    words = phrase.strip().split()
    parts = []
    for word in words:
        pieces = [p for p in _HYPHENS.split(word) if p]
        parts.append(_HYPHEN_SEPARATOR.join(_literal(piece) for piece in pieces))
    return _WORD_SEPARATOR.join(parts)


def _literal(piece: str) -> str:
    out = []
    for char in piece:
        if char in "'\u2019\u2018":
            out.append("'*")  # missing, or a run standing for a character reference
        else:  # letters and digits are never escaped: skip the call for them (most of every phrase)
            out.append(char if char.isalnum() else regex.escape(char))
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def closed(pattern: str) -> str:
    """``pattern``, safe to wrap in a group: a verbose pattern (``(?x)``) that ends in a ``# comment``
    gets the line end that closes the comment, which would otherwise hide the group's ``)``.
    Flags that open the pattern scope a group of their own (Python's re, which the
    pattern analyses parse with, refuses them inside a group)."""
    leading = _LEADING_VERBOSE_FLAGS.match(pattern)
    if leading is not None and not _ESCAPE_AT_END.search(pattern):  # "\" would escape the line end
        return f"(?{leading.group(1)}:{pattern[leading.end() :]}\n)"
    if "#" not in pattern or not _VERBOSE_FLAG.search(pattern):
        return pattern  # only verbose mode has comments to a line's end (and compiling costs a run)
    try:
        regex.compile(pattern)
        regex.compile(f"(?:{pattern})")
        return pattern
    except regex.error:
        pass
    try:
        regex.compile(f"(?:{pattern}\n)")  # in a comment or verbose mode, a line end is no character to match
    except regex.error:
        return pattern  # broken in itself: the error is reported as the pattern is compiled
    return pattern + "\n"


def self_contained(named: str) -> str:
    """A named pattern as a group that means what it means alone, whatever the mode around it.

    A verbose named pattern (opening with ``(?x)``) becomes a group with verbose mode
    of its own (``(?x:...)``), its last comment closed by a line end; any other gets
    verbose mode turned off (``(?-x:...)``) where it has what verbose mode would read
    differently (white space, ``#``), so a plain ``rank #1`` used in a verbose pattern
    is no comment and ``stem cell`` keeps its space.
    """
    if _VERBOSE_FLAG.search(named) is None and _READ_BY_VERBOSE_MODE.search(named) is not None:
        return f"(?-x:{named})"
    return "(?:" + closed(named) + ")"


def expand_macros(pattern: str, macros: Mapping[str, str], _seen: tuple[str, ...] = ()) -> str:
    """Replace ``{@name}`` with the named pattern (which may use other names).

    Each pattern's apostrophes and separators are read in its own mode (see
    prose_runs) before it is put in another. Raises KeyError for an unknown name
    and ValueError for a name that uses itself.
    """

    def replace(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise KeyError(name)
        if name in _seen:
            raise ValueError(f"pattern {{@{name}}} refers to itself")
        return self_contained(expand_macros(macros[name], macros, (*_seen, name)))

    return _MACRO.sub(replace, prose_runs(pattern))


@functools.lru_cache(maxsize=4096)  # a named pattern is read once, however many rules use it
def prose_runs(source: str) -> str:
    r"""``source`` with each apostrophe, and each single separator between words, taking a run.

    The prose view keeps every offset of the file, so what a reader sees as one
    character may be several: an apostrophe written as a reference inside a word
    ("don&#8217;t" reads "don", seven apostrophes, "t"), markup between two words ("side
    **effects**" reads ``side   effects``), a no-break space or hyphen written as a
    reference, or a writer's double space. So an apostrophe, a ``\s``, a class of
    white space and hyphens only (``[\s-]``) and, in a plain pattern, a literal
    space match a run: with no quantifier they take ``+``, and ``?`` becomes
    ``*``. Anything already repeated (``\s+``, ``\s{1,3}``), any other escape or
    class, and comments are left alone. In a verbose pattern (``(?x)``) a
    quantifier may stand after white space (``' ?``), and ``#`` opens a comment to
    the line's end.
    """
    if not _may_take_a_run(source):
        return source
    return (_VERBOSE_PIECES if _VERBOSE_FLAG.search(source) else _PIECES).sub(_run, source)


def _may_take_a_run(source: str) -> bool:
    """Whether ``source`` may hold a piece prose_runs changes. Most patterns repeat every separator
    already (``\\s+``); telling them apart by counting keeps a thousand patterns' scan off each start."""
    return (
        "'" in source
        or " " in source
        or source.count("\\s") != source.count("\\s+") + source.count("\\s*")
        or ("[" in source and _SEPARATOR_CLASS.search(source) is not None)
    )


def _run(piece: regex.Match[str]) -> str:
    text = piece.group("piece")
    if text == " ":
        text = "\\s"  # a line may break between words: the space a plain pattern writes is any white space
    if piece.group("optional"):
        return text + "*"  # (the white space before it is nothing in a verbose pattern)
    return text + "+" + piece.group("space")


def combine(phrases: Iterable[str], patterns: Iterable[str], macros: Mapping[str, str]) -> str:
    """One alternation of a rule's phrases and patterns, bounded at word edges."""
    return bounded(alternation(phrases, patterns, macros))


def alternation(phrases: Iterable[str], patterns: Iterable[str], macros: Mapping[str, str]) -> str:
    """One alternation of phrases and patterns, not yet bounded (see ``combine``)."""
    alternatives = [phrase_to_regex(p) for p in phrases]
    alternatives += [expand_macros(closed(p), macros) for p in patterns]
    return "|".join(f"(?:{a})" for a in alternatives)


def bounded(body: str) -> str:
    """``body`` matched only between word edges: the form RE2 can match exactly (medlint.re2_translation)."""
    return rf"(?<![\w]){'(?:' + body + ')'}(?![\w])"


# The regex module writes out what a counted repeat must match at least, so "(?:(?:a{100}){100}){100}"
# compiles to a million items and takes minutes: a pattern that would hold more than this many is
# refused before it is compiled (at about half a microsecond an item, 50 ms).
MOST_EXPANDED_ITEMS = 100_000
_LEAST_COUNT = compiled(r"\{(\d+)")
_GROUP_NAME = compiled(r"(?<!\\)\(\?P?<(?![=!])[A-Za-z_]\w*>")
_CONTINUE_ANCHOR = compiled(r"(?<!\\)\\G")


def compile_pattern(source: str, case_sensitive: bool = False, flags: int = 0) -> regex.Pattern[str]:
    """The ``regex`` module's form of a pattern; ValueError if its counted repeats make it too big to compile."""
    refuse_if_too_big(source)
    return regex.compile(source, flags | (0 if case_sensitive else regex.IGNORECASE))


def refuse_if_too_big(source: str) -> None:
    """ValueError if the regex module would write ``source`` out as too many items to compile in time."""
    items = expanded_items(source)
    if items > MOST_EXPANDED_ITEMS:
        if any(int(count) > 1 for count in _LEAST_COUNT.findall(source)):
            raise ValueError(
                f"its counted repeats write it out as about {items:,} items, too many to compile "
                f"(at most {MOST_EXPANDED_ITEMS:,}); nest fewer repeats or use smaller counts"
            )
        raise ValueError(  # no repeat to blame: a list of thousands of phrases is long in itself
            f"they make one regex of about {items:,} items, too many to compile "
            f"(at most {MOST_EXPANDED_ITEMS:,}); split them across several rules"
        )


def expanded_items(source: str) -> int:
    """About how many items the regex module writes a pattern out as: each repeat's least count times its body.

    A cheap bound from the text comes first (its length times every repeat count in it); only a
    pattern over the limit by that bound is parsed for the real figure.
    """
    bound = len(source)
    for count in _LEAST_COUNT.findall(source):
        bound *= max(int(count), 1)
        if bound > MOST_EXPANDED_ITEMS:
            break
    if bound <= MOST_EXPANDED_ITEMS:
        return bound
    try:
        # \G (where the last match ended) is the regex module's alone, and as wide as any anchor.
        return _items(parse_tree(_CONTINUE_ANCHOR.sub(r"\\A", source)))
    except Exception:  # other syntax only the regex module reads: the bound from the text stands
        return bound


def parse_tree(pattern: str, flags: int = 0) -> Any:
    """Python's parse tree of a ``regex`` pattern (group names used twice are made anonymous)."""
    parser = stdlib_regex_parser()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return parser.parse(pattern, flags)
        except Exception:
            # The regex module allows a group name twice (in alternatives); re does not.
            return parser.parse(_GROUP_NAME.sub("(?:", pattern), flags)


def _items(sequence: Any) -> int:
    total = 0
    for op, argument in sequence:
        name = op.name
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            least, _, body = argument
            total += max(least, 1) * _items(body)
        elif name == "SUBPATTERN":
            total += _items(argument[-1])
        elif name == "ATOMIC_GROUP":
            total += _items(argument)
        elif name == "BRANCH":
            total += sum(_items(branch) for branch in argument[1])
        elif name in ("ASSERT", "ASSERT_NOT"):
            total += _items(argument[1])
        else:
            total += 1
    return total


def anchor_words(phrases: Iterable[str]) -> frozenset[str] | None:
    """Lower-case words of which at least one must occur for any phrase to match.

    Used as a cheap pre-check before running a rule's regex; ``None`` means no
    such word is known (the rule has regex patterns) and the regex always runs.
    """
    anchors = set()
    for phrase in phrases:
        words = [w for w in _ANCHOR_SEPARATOR.split(phrase.lower()) if w]
        if not words:
            return None
        anchors.add(max(words, key=len))
    return frozenset(anchors)


class LazyPattern:
    """A rule's regex: its text, what is known about it, and the ``regex`` module's form on first use.

    Compiling with the ``regex`` module is most of a one-file check's start-up,
    and most patterns never need it: the literal pre-check skips them, or RE2
    matches them exactly (see medlint.guided). So a pattern already known to
    compile (see medlint.analysis_cache) is compiled only when a page needs it.
    """

    __slots__ = ("_compiled", "analysis", "cache", "case_sensitive", "source", "written")

    def __init__(
        self,
        source: str,
        case_sensitive: bool = False,
        analysis: PatternAnalysis | None = None,
        cache: AnalysisCache | None = None,
        written: str | None = None,
    ) -> None:
        self.source = source
        # As the rule writes it, before named patterns and runs (prose_runs) are filled in: for docs.
        self.written = source if written is None else written
        self.case_sensitive = case_sensitive
        self.analysis = analysis
        self.cache = cache  # compiled forms from earlier runs
        self._compiled: regex.Pattern[str] | None = None

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[Any, ...]]:
        # Kept without its compiled form (medlint.rule_set_cache): the pattern cache holds that. Read
        # back through the constructor: a kept rule set holds hundreds, and a state to set slot by
        # slot cost three times as much to load.
        written = None if self.written == self.source else self.written
        return (LazyPattern, (self.source, self.case_sensitive, self.analysis, self.cache, written))

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            if self.cache is not None:
                self._compiled = self.cache.compiled(self.source, self.case_sensitive)
            else:
                self._compiled = compile_pattern(self.source, self.case_sensitive)
        return self._compiled

    def compiled_at_hand(self) -> bool:
        """Whether ``compiled`` costs next to nothing: compiled already, or kept by an earlier run."""
        return self._compiled is not None or (
            self.cache is not None and self.cache.has_compiled(self.source, self.case_sensitive)
        )

    def analysed(self) -> PatternAnalysis:
        if self.analysis is None:
            from medlint.pattern_analysis import analyse  # it imports this module

            self.analysis = analyse(self.source, self.case_sensitive)
        return self.analysis


@functools.cache
def stdlib_regex_parser() -> Any:
    """Python's own regex parser (``re._parser``), which the pattern analyses read parse trees from."""
    return importlib.import_module("re._parser")
