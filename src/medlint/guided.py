"""Exact regex matching, guided by a linear-time approximation (RE2).

A rule's regex (the ``regex`` module: lookarounds, possessive groups, the
things rule authors use) tries every position of a page in turn; with big
alternations that is 5-10 MB/s per rule, and a run has a hundred rules. RE2
scans at hundreds of MB/s but lacks lookarounds. So each pattern gets an RE2
*approximation* that matches a superset of it at every start position:
lookarounds and anchors are dropped, classes widened, back-references made
wildcards. ``finditer`` asks RE2 for the leftmost position where the
approximation matches, tries the real regex there, and moves on: no real
match can start before the approximation's leftmost one, so the real regex
is only tried where it might match, and the matches are exactly those of
``pattern.finditer``.

Without the ``google-re2`` package (or for a pattern RE2 cannot take), the
pattern simply scans as before.
"""

from __future__ import annotations

import bisect
import importlib
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from medlint.document import Document
from medlint.patterns import stdlib_regex_parser


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - a dependency; without it every pattern scans as before
        return None


re2: Any = _optional("re2")

_WHITE_SPACE = r"\t\n\x0b\x0c\r \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_NOT_WHITE_SPACE = f"[^{_WHITE_SPACE}]"
# Inside a negated class a category must shrink, outside it must grow (so the whole still grows).
_CATEGORY_INSIDE_NEGATION = {
    "CATEGORY_DIGIT": r"\p{Nd}",
    "CATEGORY_SPACE": _WHITE_SPACE,
    "CATEGORY_WORD": r"\pL\p{Nd}_",
}
_CATEGORY_IN_CLASS = {"CATEGORY_SPACE": _WHITE_SPACE}
_CATEGORY_ALTERNATIVE = {
    "CATEGORY_DIGIT": _NOT_WHITE_SPACE,
    "CATEGORY_WORD": _NOT_WHITE_SPACE,
    "CATEGORY_NOT_SPACE": _NOT_WHITE_SPACE,
    "CATEGORY_NOT_DIGIT": r"[^\p{Nd}]",
    "CATEGORY_NOT_WORD": r"[^\pL\p{Nd}_]",
}
_GROUP_NAME = regex.compile(r"(?<!\\)\(\?P?<(?![=!])[A-Za-z_]\w*>")
_IGNORECASE = 2  # re.IGNORECASE, as sre_parse records it in a group's flags
_ASCII = 256  # re.ASCII
# The regex module matches "i" with "İ" and "ı" with "I" ignoring case; RE2 does not.
_DOTTED_I = ("\u0130", "\u0131")
_MAXREPEAT = 1000  # RE2's largest repeat count
# Memory for each pattern's compiled form and state cache (RE2's default; with less it falls back
# to a slower matcher).
_RE2_MEMORY = 8 << 20


class _Unsupported(Exception):
    pass


def _parse(pattern: str, flags: int) -> Any:
    parser = _sre_parse()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return parser.parse(pattern, flags)
        except Exception:
            # The regex module allows a group name twice (in alternatives); re does not.
            return parser.parse(_GROUP_NAME.sub("(?:", pattern), flags)


_sre_parse = stdlib_regex_parser


def _char(code: int) -> str:
    if chr(code) in _DOTTED_I:
        raise _Unsupported("dotted or dotless i")
    return f"\\x{{{code:x}}}"


def _literal(code: int) -> str:
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    return _char(code)


def _class(items: list[tuple[Any, Any]]) -> str:
    negated = bool(items) and items[0][0].name == "NEGATE"
    if negated:
        items = items[1:]
    members: list[str] = []
    alternatives: list[str] = []
    for op, argument in items:
        name = op.name
        if name == "LITERAL":
            members.append(_char(argument))
        elif name == "RANGE":
            low, high = argument
            members.append(f"{_char(low)}-{_char(high)}")
        elif name == "CATEGORY" and negated and argument.name in _CATEGORY_INSIDE_NEGATION:
            members.append(_CATEGORY_INSIDE_NEGATION[argument.name])
        elif name == "CATEGORY" and not negated and argument.name in _CATEGORY_IN_CLASS:
            members.append(_CATEGORY_IN_CLASS[argument.name])
        elif name == "CATEGORY" and not negated and argument.name in _CATEGORY_ALTERNATIVE:
            alternatives.append(_CATEGORY_ALTERNATIVE[argument.name])
        else:
            raise _Unsupported(name)
    if negated:
        if not members:
            raise _Unsupported("empty negated class")
        return "[^" + "".join(members) + "]"
    parts = (["[" + "".join(members) + "]"] if members else []) + alternatives
    if not parts:
        raise _Unsupported("empty class")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _sequence(items: list[tuple[Any, Any]]) -> str:
    out: list[str] = []
    for op, argument in items:
        name = op.name
        if name == "LITERAL":
            if argument == ord("{"):
                raise _Unsupported("a literal brace may be fuzzy-match syntax to the regex module")
            out.append(_literal(argument))
        elif name == "NOT_LITERAL":
            out.append(f"[^{_char(argument)}]")
        elif name == "ANY":
            out.append("(?s:.)")
        elif name == "IN":
            out.append(_class(list(argument)))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: dropping a condition only widens
        elif name == "SUBPATTERN":
            _group, add_flags, del_flags, body = argument
            if (add_flags | del_flags) & _ASCII:
                raise _Unsupported("ASCII-only classes in a group")
            inner = _sequence(list(body))
            if add_flags & _IGNORECASE:
                out.append(f"(?i:{inner})")
            elif del_flags & _IGNORECASE:
                out.append(f"(?-i:{inner})")
            else:
                out.append(f"(?:{inner})")
        elif name == "ATOMIC_GROUP":
            out.append(f"(?:{_sequence(list(argument))})")
        elif name == "BRANCH":
            out.append("(?:" + "|".join(_sequence(list(branch)) for branch in argument[1]) + ")")
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = argument
            inner = f"(?:{_sequence(list(body))})"
            low = min(low, _MAXREPEAT)
            if high == _sre_parse().MAXREPEAT or high > _MAXREPEAT:
                out.append(inner + ("*" if low == 0 else "+" if low == 1 else f"{{{low},}}"))
            else:
                out.append(inner + f"{{{low},{high}}}")
        elif name == "GROUPREF":
            out.append("(?s:.*)")
        elif name == "GROUPREF_EXISTS":
            _group, yes, no = argument
            out.append("(?:" + _sequence(list(yes)) + "|" + (_sequence(list(no)) if no else "") + ")")
        else:
            raise _Unsupported(name)
    return "".join(out)


def approximate(pattern: regex.Pattern[str]) -> tuple[str, bool] | None:
    r"""An RE2 pattern matching a superset of ``pattern`` at every start position, or None.

    The second value says the approximation takes one character more at the
    start: a pattern opening with ``(?<![\w])`` (every phrase rule does) gets
    ``(?:\A|[^\pL\p{Nd}_])`` instead of nothing, which keeps RE2 from stopping
    inside every word that merely ends like a phrase starts.
    """
    if pattern.flags & ~(regex.IGNORECASE | regex.UNICODE | regex.VERSION0 | regex.DEFAULT_VERSION):
        return None
    if "[:" in pattern.pattern:
        return None  # a POSIX class ([[:alpha:]]) to the regex module, literal characters to re
    ignorecase = bool(pattern.flags & regex.IGNORECASE)
    try:
        parsed = _parse(pattern.pattern, _IGNORECASE if ignorecase else 0)
        if parsed.getwidth()[0] == 0:
            return None  # may match empty: leave the scan's empty-match rules to finditer
        items = list(parsed)
        leads = bool(items) and _not_after_word(items[0])
        trails = len(items) > 1 and _not_before_word(items[-1])
        body = _sequence(items[1:] if leads else items)
    except Exception:  # _Unsupported, or anything the parse tree holds that is not understood
        return None
    prefix = r"(?:\A|[^\pL\p{Nd}_])" if leads else ""
    suffix = r"(?:\z|[^\pL\p{Nd}_])" if trails else ""
    return ("(?i)" if ignorecase else "") + prefix + body + suffix, leads


def _word_assertion(item: tuple[Any, Any], direction: int) -> bool:
    op, argument = item
    if op.name != "ASSERT_NOT" or argument[0] != direction:
        return False
    body = list(argument[1])
    return (
        len(body) == 1
        and body[0][0].name == "IN"
        and [(o.name, getattr(a, "name", a)) for o, a in body[0][1]] == [("CATEGORY", "CATEGORY_WORD")]
    )


def _not_after_word(item: tuple[Any, Any]) -> bool:
    return _word_assertion(item, -1)


def _not_before_word(item: tuple[Any, Any]) -> bool:
    return _word_assertion(item, 1)


_compiled: dict[tuple[str, int], tuple[Any, bool] | None] = {}
_scanned_plainly: dict[tuple[str, int], int] = {}
GUIDE_AFTER_CHARACTERS = 100_000


def _approximation(pattern: regex.Pattern[str]) -> tuple[Any, bool] | None:
    key = (pattern.pattern, pattern.flags)
    if key not in _compiled:
        compiled = None
        found = approximate(pattern) if re2 is not None else None
        if found is not None:
            options = re2.Options()
            options.log_errors = False
            options.never_capture = True
            options.max_mem = _RE2_MEMORY
            try:
                compiled = (_Searcher(re2.compile(found[0], options)), found[1])
            except Exception:  # RE2 refuses it (too big, or syntax it lacks): scan as before
                compiled = None
        _compiled[key] = compiled
    return _compiled[key]


class _Searcher:
    """Leftmost match start of an RE2 pattern in bytes, through the binding's fast path where it has one."""

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

    def start(self, data: bytes, position: int) -> int:
        """Byte offset of the leftmost match at or after ``position``, or -1."""
        if self._fast is not None:
            return int(self._fast(self._anchor, data, position, len(data))[0][0])
        match = self._compiled.search(data, position)
        return -1 if match is None else int(match.start())


@dataclass(frozen=True)
class _Bytes:
    """A document's prose as UTF-8, and how to turn byte offsets back into characters."""

    data: bytes
    wide_chars: tuple[int, ...] = ()  # character offset of each non-ASCII character
    wide_bytes: tuple[int, ...] = ()  # its byte offset
    extra: tuple[int, ...] = ()  # bytes beyond one, counted up to and including that character

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


_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
_last: tuple[str, _Bytes | None] | None = None


def _as_bytes(prose: str) -> _Bytes | None:
    """The UTF-8 view of a prose text (cached for the last one), or None if RE2 cannot be trusted on it."""
    global _last
    if _last is not None and _last[0] is prose:
        return _last[1]
    view: _Bytes | None
    if prose.isascii():
        view = _Bytes(prose.encode("ascii"))
    elif any(c in prose for c in _DOTTED_I):
        view = None
    else:
        chars: list[int] = []
        wide: list[int] = []
        extra: list[int] = []
        added = 0
        for match in _NON_ASCII.finditer(prose):
            chars.append(match.start())
            wide.append(match.start() + added)
            added += len(match.group().encode("utf-8")) - 1
            extra.append(added)
        view = _Bytes(prose.encode("utf-8"), tuple(chars), tuple(wide), tuple(extra))
    _last = (prose, view)
    return view


def finditer(
    pattern: regex.Pattern[str], document: Document, timeout: float | None = None
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(document.prose, timeout=timeout)``, guided where it can be.

    The time budget covers the whole iteration, as it does for ``finditer``.
    """
    global _memo
    prose = document.prose
    if _memo[0] is not prose:
        _memo = (prose, {})
    key = (pattern.pattern, pattern.flags)
    seen = _memo[1].get(key)
    if seen is not None:
        # Rules share patterns (a subject list, a phrase): scan a page for each only once.
        yield from seen
        return
    found: list[regex.Match[str]] = []
    for match in _finditer(pattern, prose, timeout):
        found.append(match)
        yield match
    _memo[1][key] = found


_memo: tuple[str | None, dict[tuple[str, int], list[regex.Match[str]]]] = (None, {})


def _finditer(pattern: regex.Pattern[str], prose: str, timeout: float | None) -> Iterator[regex.Match[str]]:
    key = (pattern.pattern, pattern.flags)
    if key not in _compiled:
        # Building a guide costs about as much as scanning 100 KB plainly: a run of one small
        # page (the pre-commit case) never builds one; a site builds each after a few pages.
        scanned = _scanned_plainly.get(key, 0) + len(prose)
        if scanned < GUIDE_AFTER_CHARACTERS:
            _scanned_plainly[key] = scanned
            yield from _plain(pattern, prose, timeout)
            return
    approximation = _approximation(pattern)
    view = _as_bytes(prose) if approximation is not None else None
    if approximation is None or view is None:
        yield from _plain(pattern, prose, timeout)
        return
    # The budget counts time spent matching, not time the caller spends between matches.
    spent = 0.0
    searcher, leads = approximation
    data = view.data
    position = 0  # bytes
    while position <= len(data):
        found = searcher.start(data, position)
        if found < 0:
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
            began = time.process_time()
            match = pattern.match(prose, candidate, timeout=None if timeout is None else timeout - spent)
            spent += time.process_time() - began
            if match is not None:
                break
        if match is None:
            position = _next_char(data, found)
            continue
        yield match
        # A next match may start right after this one: let the lead character be this one's last.
        end = match.end()
        position = view.byte_offset(end - 1 if leads and end > 0 else end)


def _plain(pattern: regex.Pattern[str], prose: str, timeout: float | None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(prose, timeout=timeout)``, the budget counting matching time only.

    The regex module's finditer counts the processor time of the whole process
    from its start, so a caller doing slow work between matches (context checks
    on a long page) used up a rule's budget and the rule was reported as
    backtracking. One search after another is the same scan when no match can
    be empty.
    """
    if timeout is None or _may_match_empty(pattern):
        yield from pattern.finditer(prose, timeout=timeout)
        return
    spent = 0.0
    position = 0
    while True:
        if spent >= timeout:
            raise TimeoutError("regex timed out")
        began = time.process_time()
        match = pattern.search(prose, position, timeout=timeout - spent)
        spent += time.process_time() - began
        if match is None:
            return
        yield match
        position = match.end()


_empty: dict[tuple[str, int], bool] = {}


def _may_match_empty(pattern: regex.Pattern[str]) -> bool:
    key = (pattern.pattern, pattern.flags)
    if key not in _empty:
        if "[:" in pattern.pattern or regex.search(r"\{[eisd]", pattern.pattern):
            return True  # POSIX classes or fuzzy matching: read differently by re, so assume the worst
        try:
            _empty[key] = (
                _parse(pattern.pattern, _IGNORECASE if pattern.flags & regex.IGNORECASE else 0).getwidth()[0] == 0
            )
        except Exception:  # syntax only the regex module knows: assume the worst
            _empty[key] = True
    return _empty[key]


def _next_char(data: bytes, position: int) -> int:
    """The byte offset of the character after the one at ``position``."""
    position += 1
    while position < len(data) and data[position] & 0xC0 == 0x80:
        position += 1
    return position
