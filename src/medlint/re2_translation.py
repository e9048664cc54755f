"""Rule regexes in RE2's syntax: exactly where RE2 can say the same, a superset elsewhere.

Rule patterns are written for the ``regex`` module (lookarounds, possessive
groups, Unicode classes). RE2 scans in linear time at hundreds of MB/s but
has no lookarounds or back-references. ``translate`` reads a pattern's parse
tree (as Python's ``re`` parses it) and writes an RE2 pattern that matches a
superset of it at every start position: lookarounds and anchors dropped,
classes widened, back-references made wildcards.

Most rule patterns need none of that: a phrase rule is an alternation of
words between two word-boundary lookarounds. Such a translation is marked
``exact``: its group 1 is the very match the ``regex`` module would make,
once the two characters either side are confirmed not to be word characters
(RE2 is only told they are not ASCII word characters). medlint.guided uses
exact translations on their own and the others to find where to try the
real pattern.
"""

from __future__ import annotations

from typing import Any

import msgspec
import regex

from medlint.patterns import parse_tree as parse
from medlint.patterns import stdlib_regex_parser

WHITE_SPACE = r"\t\n\x0b\x0c\r \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_NOT_WHITE_SPACE = f"[^{WHITE_SPACE}]"
# The regex module's \s on ASCII text (tab to carriage return, and space): RE2 compiles the short
# class several times faster than the whole Unicode one, which a long phrase list repeats many times.
ASCII_WHITE_SPACE = r"\t-\r "
# Each category as RE2 writes it, and whether that is exactly the regex module's set (checked
# over every code point: ``\s`` is; ``\d`` differs in a few dozen digits of newer Unicode; ``\w``
# also holds marks and connectors). Inside a negated class a category must shrink, outside it
# must grow, so that the whole still grows.
_CATEGORY_INSIDE_NEGATION = {
    "CATEGORY_DIGIT": (r"\p{Nd}", False),
    "CATEGORY_SPACE": (WHITE_SPACE, True),
    "CATEGORY_WORD": (r"\pL\p{Nd}_", False),
}
_CATEGORY_IN_CLASS = {"CATEGORY_SPACE": (WHITE_SPACE, True)}
# The characters of WHITE_SPACE, and of ASCII_WHITE_SPACE, as ranges of code points.
_SPACE_RANGES = (
    (0x9, 0xD), (0x20, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
    (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)  # fmt: skip
_ASCII_SPACE_RANGES = ((0x9, 0xD), (0x20, 0x20))
_CATEGORY_ALTERNATIVE = {
    "CATEGORY_DIGIT": (_NOT_WHITE_SPACE, False),
    "CATEGORY_WORD": (_NOT_WHITE_SPACE, False),
    "CATEGORY_NOT_SPACE": (_NOT_WHITE_SPACE, True),
    "CATEGORY_NOT_DIGIT": (r"[^\p{Nd}]", False),
    "CATEGORY_NOT_WORD": (r"[^\pL\p{Nd}_]", False),
}
# A character that is not an ASCII word character: every non-word character is one, so a
# boundary written with it is a superset; a non-ASCII neighbour is then checked directly.
NOT_ASCII_WORD = r"(?-i:[^A-Za-z0-9_])"
_IGNORECASE = 2  # re.IGNORECASE, as sre_parse records it in a group's flags
_ASCII = 256  # re.ASCII
_DOTALL = 16  # re.DOTALL
# The regex module matches "i" with "İ" and "ı" with "I" ignoring case; RE2 does not.
DOTTED_I = ("\u0130", "\u0131")
# The only characters beyond ASCII that RE2 matches with ASCII ones ignoring case: the long s and
# the Kelvin sign (with s and k).
_FOLDS_TO_ASCII = (0x17F, 0x212A)
_MAXREPEAT = 1000  # RE2's largest repeat count


class Translation(msgspec.Struct, frozen=True):
    """An RE2 pattern for a rule regex.

    ``leads``/``trails``: the regex opens with ``(?<![\\w])`` / closes with
    ``(?![\\w])``, written here as one consumed character (or the text's edge).
    ``exact``: group 1 is exactly the regex's match once the characters either
    side are confirmed; otherwise the pattern is only a guide to where one may start.
    """

    source: str
    leads: bool
    trails: bool
    exact: bool

    def same_kind(self, other: Translation) -> bool:
        """Whether two translations differ in their source only."""
        return (self.leads, self.trails, self.exact) == (other.leads, other.trails, other.exact)


class _Unsupported(Exception):
    pass


def translate(pattern: str, ignorecase: bool) -> Translation | None:
    """The RE2 translation of a ``regex`` pattern, or None if RE2 cannot take it."""
    return _translate(pattern, ignorecase, ascii_text=False)


def translate_for_ascii(pattern: str, ignorecase: bool) -> Translation | None:
    r"""An RE2 translation for ASCII text (exact where RE2 can say the same), or None if there is none.

    Most pages' prose is ASCII (curly quotes and dashes are folded), and on
    ASCII text ``\w``, ``\d`` and ``\b`` mean what RE2 means by them, so
    patterns with those (but no other lookarounds) are matched by RE2 alone,
    and the others are guided by a translation as narrow as the pattern (for
    any text, ``\d`` and ``\w`` are widened to any character but white space).
    """
    return _translate(pattern, ignorecase, ascii_text=True)


def translate_lowered(pattern: str, ignorecase: bool) -> Translation | None:
    """The translation medlint.guided uses on ASCII text, written case-sensitively for that text lowercased.

    RE2 compiles a case-insensitive pattern much more slowly than a case-sensitive one (each
    letter becomes a class of its two cases). On ASCII text lowercased, a letter matched ignoring
    case is matched by its lowercase alone, and a class by itself and the lowercase of its
    capitals; a case-sensitive part stays as it is if it cannot tell cases apart (any class of
    both cases, a digit, a space), and otherwise there is no such form (None). The form matches
    the lowercased text exactly where the other matches the text, with the same groups.
    None too for a case-sensitive pattern, which gains nothing.
    """
    if not ignorecase:
        return None
    mirrored = translate_for_ascii(pattern, ignorecase)
    ascii_text = mirrored is not None
    if mirrored is None:
        mirrored = translate(pattern, ignorecase)
    if mirrored is None:
        return None
    lowered = _translate(pattern, ignorecase, ascii_text=ascii_text, lowered=True)
    if lowered is None or not lowered.same_kind(mirrored):
        return None  # not the same kind of translation: keep to the one that is checked against the regex module
    return lowered


def _has_posix_class(pattern: str) -> bool:
    """Whether ``pattern`` holds a POSIX class inside a class ("[[:alpha:]]", "[[:^digit:]]"), which the
    regex module reads and Python's parser does not; a class that opens with a colon ("[:-]") is none."""
    at = pattern.find("[:")
    while at != -1:
        name_start = at + 3 if pattern.startswith("^", at + 2) else at + 2
        name_end = name_start
        while name_end < len(pattern) and pattern[name_end].isascii() and pattern[name_end].isalpha():
            name_end += 1
        if name_end > name_start and pattern.startswith(":]", name_end):
            return True
        at = pattern.find("[:", at + 2)
    return False


def _translate(pattern: str, ignorecase: bool, ascii_text: bool, lowered: bool = False) -> Translation | None:
    if _has_posix_class(pattern):
        return None  # a POSIX class ([[:alpha:]]) to the regex module, literal characters to re
    try:
        parsed = parse(pattern, _IGNORECASE if ignorecase else 0)
        if parsed.getwidth()[0] == 0:
            return None  # may match empty: leave the scan's empty-match rules to the regex module
        items = list(parsed)
        leads = bool(items) and _word_assertion(items[0], -1)
        trails = len(items) > 1 and _word_assertion(items[-1], 1)
        dotall = bool(parsed.state.flags & _DOTALL)
        writer_kind = _AsciiWriter if ascii_text else _Writer
        writer = writer_kind(ignorecase, dotall, lowered)
        inner = items[int(leads) : len(items) - int(trails)]
        body = writer.sequence(inner)
        cut = False
        if not writer.exact:
            kept, cut = _opening(inner, _GUIDE_OPENING, parsed.state)
            if cut:
                writer = writer_kind(ignorecase, dotall, lowered)
                body = writer.sequence(kept)
                writer.exact = False  # the opening alone may be written exactly: it is still only a guide
    except Exception:  # _Unsupported, or anything the parse tree holds that is not understood
        return None
    prefix = rf"(?:\A|{NOT_ASCII_WORD})" if leads else ""
    suffix = rf"(?:\z|{NOT_ASCII_WORD})" if trails and not cut else ""
    flags = "(?i)" if ignorecase and not lowered else ""
    return Translation(flags + prefix + f"({body})" + suffix, leads, trails, writer.exact)


# How many characters a guide reads of each place a match may start (at least): see _opening.
# Counted in instructions, a guide cut at 20 characters made the 17 KB page's check 4.3% cheaper
# and a 24-page sample's 0.6%; at 16 the sample cost 3.4% more, as common openings ("the risks
# of") stood in many more places for the regex module to try; at 24 the page gained 1.3%.
_GUIDE_OPENING = 20


def _opening(items: list[tuple[Any, Any]], width: int, state: Any) -> tuple[list[tuple[Any, Any]], bool]:
    """The items every match opens with, at least ``width`` characters of them; and whether any were cut.

    A guide only says where a match may start, and a pattern's opening matches
    wherever the whole does: the rest of a long pattern (its lists of nouns, its
    trailing clauses) only made RE2's program, and so its compiling, bigger.
    Alternatives and groups are cut inside, each branch at its own width;
    nothing after a cut item is kept, as it would have to follow a shorter match.
    """
    parser = stdlib_regex_parser()
    kept: list[tuple[Any, Any]] = []
    for item in items:
        if width <= 0:
            return kept, True
        op, argument = item
        cut = False
        if op.name == "BRANCH":
            branches = []
            for branch in argument[1]:
                opening, branch_cut = _opening(list(branch), width, state)
                branches.append(parser.SubPattern(state, opening))
                cut = cut or branch_cut
            item = (op, (argument[0], branches))
        elif op.name == "SUBPATTERN":
            group, add_flags, del_flags, body = argument
            opening, cut = _opening(list(body), width, state)
            item = (op, (group, add_flags, del_flags, parser.SubPattern(state, opening)))
        kept.append(item)
        if cut:
            return kept, True
        width -= parser.SubPattern(state, [item]).getwidth()[0]
    return kept, False


def may_match_empty(pattern: str, ignorecase: bool) -> bool:
    """Whether a pattern may match the empty string (assumed so when unsure)."""
    if _has_posix_class(pattern) or regex.search(r"\{[eisd]", pattern):
        return True  # POSIX classes or fuzzy matching: read differently by re, so assume the worst
    try:
        return bool(parse(pattern, _IGNORECASE if ignorecase else 0).getwidth()[0] == 0)
    except Exception:  # syntax only the regex module knows: assume the worst
        return True


class _Writer:
    """Writes parse-tree items as RE2 syntax, noting whether anything had to be widened."""

    def __init__(self, ignorecase: bool, dotall: bool = False, lowered: bool = False) -> None:
        self.exact = True
        self._ignorecase = [ignorecase]
        self._dotall = [dotall]
        # Written for ASCII text lowercased, case-sensitively (see translate_lowered).
        self._lowered = lowered

    def _char(self, code: int) -> str:
        char = chr(code)
        if char in DOTTED_I:
            raise _Unsupported("dotted or dotless i")
        if self._ignorecase[-1] and not char.isascii():
            if self._lowered and code in _FOLDS_TO_ASCII:
                raise _Unsupported("a letter matched ignoring case by an ASCII one")
            self.exact = False  # case folding beyond ASCII is the regex module's own
        return f"\\x{{{code:x}}}"

    def _literal(self, code: int) -> str:
        char = chr(code)
        if self._lowered and _is_ascii_letter(code):
            if not self._ignorecase[-1]:
                raise _Unsupported("a letter matched case-sensitively")
            return char.lower()
        if char.isascii() and char.isalnum():
            return char
        return self._char(code)

    def _not_literal(self, code: int) -> str:
        if self._lowered and _is_ascii_letter(code):
            if not self._ignorecase[-1]:
                raise _Unsupported("a letter excluded case-sensitively")
            return f"[^{chr(code).lower()}]"
        return f"[^{self._char(code)}]"

    def _members(self, items: list[tuple[Any, Any]]) -> list[tuple[int, int]]:
        """The ranges a class's characters make (a character is a range of one), case-closed when lowered."""
        ranges = [(argument, argument) if op.name == "LITERAL" else argument for op, argument in items]
        if not self._lowered:
            return ranges
        capitals = [(max(low, 0x41), min(high, 0x5A)) for low, high in ranges if low <= 0x5A and high >= 0x41]
        smalls = [(max(low, 0x61), min(high, 0x7A)) for low, high in ranges if low <= 0x7A and high >= 0x61]
        if self._ignorecase[-1]:
            if any(low <= code <= high for low, high in ranges for code in _FOLDS_TO_ASCII):
                raise _Unsupported("a letter matched ignoring case by an ASCII one")
            return ranges + [(low + 0x20, high + 0x20) for low, high in capitals]
        letters = {code for low, high in capitals + smalls for code in range(low, high + 1)}
        if any(code ^ 0x20 not in letters for code in letters):
            raise _Unsupported("a class that tells cases apart, matched case-sensitively")
        return ranges

    def _member(self, low: int, high: int) -> str:
        return self._char(low) if low == high else f"{self._char(low)}-{self._char(high)}"

    def _category(self, table: dict[str, tuple[str, bool]], name: str) -> str:
        written, exact = table[name]
        self.exact = self.exact and exact
        return written

    def _class(self, items: list[tuple[Any, Any]]) -> str:
        negated = bool(items) and items[0][0].name == "NEGATE"
        if negated and _is_space_less(items[1:]):
            return _space_less(_SPACE_RANGES, items[1:])
        if negated:
            items = items[1:]
        members: list[str] = []
        alternatives: list[str] = []
        characters = [item for item in items if item[0].name in ("LITERAL", "RANGE")]
        members.extend(self._member(low, high) for low, high in self._members(characters))
        for op, argument in items:
            name = op.name
            if name in ("LITERAL", "RANGE"):
                pass
            elif name == "CATEGORY" and negated and argument.name in _CATEGORY_INSIDE_NEGATION:
                members.append(self._category(_CATEGORY_INSIDE_NEGATION, argument.name))
            elif name == "CATEGORY" and not negated and argument.name in _CATEGORY_IN_CLASS:
                members.append(self._category(_CATEGORY_IN_CLASS, argument.name))
            elif name == "CATEGORY" and not negated and argument.name in _CATEGORY_ALTERNATIVE:
                alternatives.append(self._category(_CATEGORY_ALTERNATIVE, argument.name))
            else:
                raise _Unsupported(name)
        return _join_class(members, alternatives, negated)

    def sequence(self, items: list[tuple[Any, Any]]) -> str:
        out: list[str] = []
        for op, argument in items:
            name = op.name
            if name == "LITERAL":
                if argument == ord("{"):
                    raise _Unsupported("a literal brace may be fuzzy-match syntax to the regex module")
                out.append(self._literal(argument))
            elif name == "NOT_LITERAL":
                out.append(self._not_literal(argument))
            elif name == "ANY":
                self.exact = False  # "." skips line breaks unless DOTALL: widened to any character
                out.append("(?s:.)")
            elif name == "IN":
                out.append(self._class(list(argument)))
            elif name in ("AT", "ASSERT", "ASSERT_NOT"):
                self.exact = False  # zero width: dropping a condition only widens
            elif name == "SUBPATTERN":
                out.append(self._group(argument))
            elif name == "ATOMIC_GROUP":
                self.exact = False  # RE2 backtracks into what the regex module would not
                out.append(f"(?:{self.sequence(list(argument))})")
            elif name == "BRANCH":
                out.append("(?:" + "|".join(self.sequence(list(branch)) for branch in argument[1]) + ")")
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                out.append(self._repeat(name, argument))
            elif name == "GROUPREF":
                self.exact = False
                out.append("(?s:.*?)")  # lazy: RE2 need not run to the end of the page to place a start
            elif name == "GROUPREF_EXISTS":
                self.exact = False
                _group, yes, no = argument
                out.append("(?:" + self.sequence(list(yes)) + "|" + (self.sequence(list(no)) if no else "") + ")")
            else:
                raise _Unsupported(name)
        return "".join(out)

    def _group(self, argument: Any) -> str:
        _group, add_flags, del_flags, body = argument
        if (add_flags | del_flags) & _ASCII:
            raise _Unsupported("ASCII-only classes in a group")
        if add_flags & _IGNORECASE:
            self._ignorecase.append(True)
            flags = "(?:" if self._lowered else "(?i:"
        elif del_flags & _IGNORECASE:
            self._ignorecase.append(False)
            flags = "(?:" if self._lowered else "(?-i:"
        else:
            self._ignorecase.append(self._ignorecase[-1])
            flags = "(?:"
        self._dotall.append(bool(add_flags & _DOTALL) or (self._dotall[-1] and not del_flags & _DOTALL))
        try:
            return flags + self.sequence(list(body)) + ")"
        finally:
            self._ignorecase.pop()
            self._dotall.pop()

    def _repeat(self, name: str, argument: Any) -> str:
        low, high, body = argument
        if name == "POSSESSIVE_REPEAT":
            self.exact = False
        items = list(body)
        written = self.sequence(items)
        # "s?" rather than "(?:s){0,1}": RE2 parses the short form with less work (1.3% of a one-page check).
        one_atom = len(items) == 1 and items[0][0].name in _WRITTEN_AS_ONE_ATOM and bool(written)
        inner = written if one_atom else f"(?:{written})"
        lazy = "?" if name == "MIN_REPEAT" else ""
        if low > _MAXREPEAT:
            self.exact = False
            low = _MAXREPEAT
        if high == stdlib_regex_parser().MAXREPEAT or high > _MAXREPEAT:
            if high != stdlib_regex_parser().MAXREPEAT:
                self.exact = False
            return inner + ("*" if low == 0 else "+" if low == 1 else f"{{{low},}}") + lazy
        return inner + ("?" if (low, high) == (0, 1) else f"{{{low},{high}}}") + lazy


# Items the writers write as one character, one class or one group, which a quantifier may follow.
_WRITTEN_AS_ONE_ATOM = frozenset({"LITERAL", "NOT_LITERAL", "IN", "ANY", "SUBPATTERN", "BRANCH", "ATOMIC_GROUP"})

# On ASCII text each category is exactly its ASCII set.
_ASCII_CATEGORY = {
    "CATEGORY_DIGIT": "0-9",
    "CATEGORY_WORD": "A-Za-z0-9_",
    "CATEGORY_SPACE": ASCII_WHITE_SPACE,
}
_ASCII_NOT_CATEGORY = {
    "CATEGORY_NOT_DIGIT": "0-9",
    "CATEGORY_NOT_WORD": "A-Za-z0-9_",
    "CATEGORY_NOT_SPACE": ASCII_WHITE_SPACE,
}
# Zero-width items RE2 reads as the regex module does on ASCII text.
_ASCII_ANCHORS = {"AT_BOUNDARY": r"\b", "AT_NON_BOUNDARY": r"\B", "AT_BEGINNING_STRING": r"\A", "AT_END_STRING": r"\z"}


class _AsciiWriter(_Writer):
    """Writes a pattern as RE2 reads it on ASCII text, its classes exactly (any other class is unsupported)."""

    def _char(self, code: int) -> str:
        if self._ignorecase[-1] and code > 0x7F:
            raise _Unsupported("a non-ASCII letter may fold to an ASCII one")
        return f"\\x{{{code:x}}}"

    def _class(self, items: list[tuple[Any, Any]]) -> str:
        negated = bool(items) and items[0][0].name == "NEGATE"
        if negated and _is_space_less(items[1:]):
            return _space_less(_ASCII_SPACE_RANGES, items[1:])
        members: list[str] = []
        alternatives: list[str] = []
        characters = [item for item in items[int(negated) :] if item[0].name in ("LITERAL", "RANGE")]
        members.extend(self._member(low, high) for low, high in self._members(characters))
        for op, argument in items[int(negated) :]:
            name = op.name
            if name in ("LITERAL", "RANGE"):
                pass
            elif name == "CATEGORY" and argument.name in _ASCII_CATEGORY:
                members.append(_ASCII_CATEGORY[argument.name])
            elif name == "CATEGORY" and argument.name in _ASCII_NOT_CATEGORY and not negated:
                alternatives.append(f"[^{_ASCII_NOT_CATEGORY[argument.name]}]")
            else:
                raise _Unsupported(name)
        return _join_class(members, alternatives, negated)

    def sequence(self, items: list[tuple[Any, Any]]) -> str:
        out: list[str] = []
        for item in items:
            op, argument = item
            name = op.name
            if name == "AT" and argument.name in _ASCII_ANCHORS:
                out.append(_ASCII_ANCHORS[argument.name])
            elif name == "ANY":
                out.append("(?s:.)" if self._dotall[-1] else ".")  # without DOTALL, neither takes a line break
            else:
                # Lookarounds and other anchors dropped, back-references made wildcards, backtracking
                # RE2 would do that the regex module won't: widened as for any text (no longer exact).
                out.append(super().sequence([item]))
        return "".join(out)


def _is_ascii_letter(code: int) -> bool:
    return 0x41 <= code <= 0x5A or 0x61 <= code <= 0x7A


def _is_space_less(items: list[tuple[Any, Any]]) -> bool:
    r"""Whether a negated class's items are ``\S`` and characters: white space less those (``[^\S\n]``)."""
    names = [(op.name, getattr(argument, "name", None)) for op, argument in items]
    return ("CATEGORY", "CATEGORY_NOT_SPACE") in names and all(
        name in ("LITERAL", "RANGE") or category == "CATEGORY_NOT_SPACE" for name, category in names
    )


def _space_less(space: tuple[tuple[int, int], ...], items: list[tuple[Any, Any]]) -> str:
    r"""``[^\S...]`` as the white space it matches: ``space`` less the class's characters.

    White space has no other case, so the class is the same ignoring case or not, and on the
    text lowercased.
    """
    left = list(space)
    for op, argument in items:
        if op.name not in ("LITERAL", "RANGE"):
            continue
        low, high = (argument, argument) if op.name == "LITERAL" else argument
        left = [part for start, end in left for part in ((start, min(end, low - 1)), (max(start, high + 1), end))]
        left = [(start, end) for start, end in left if start <= end]
    if not left:
        raise _Unsupported("empty class")
    return "[" + "".join(f"\\x{{{low:x}}}" + (f"-\\x{{{high:x}}}" if high > low else "") for low, high in left) + "]"


def _join_class(members: list[str], alternatives: list[str], negated: bool) -> str:
    """A class from its members, with widened categories as alternatives beside it."""
    if negated:
        if alternatives or not members:
            raise _Unsupported("an empty negated class, or one holding negated categories")
        return "[^" + "".join(members) + "]"
    parts = (["[" + "".join(members) + "]"] if members else []) + alternatives
    if not parts:
        raise _Unsupported("empty class")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _word_assertion(item: tuple[Any, Any], direction: int) -> bool:
    r"""Whether an item is ``(?<![\w])`` (direction -1) or ``(?![\w])`` (direction 1)."""
    op, argument = item
    if op.name != "ASSERT_NOT" or argument[0] != direction:
        return False
    body = list(argument[1])
    return (
        len(body) == 1
        and body[0][0].name == "IN"
        and [(o.name, getattr(a, "name", a)) for o, a in body[0][1]] == [("CATEGORY", "CATEGORY_WORD")]
    )


def for_ascii_text(source: str) -> str:
    """A translation as it may be written for ASCII text only: its white-space classes shrunk.

    White space is only ever written as class members (``[...]`` or ``[^...]``),
    and on ASCII text the non-ASCII members can never be the character read, so
    the pattern matches exactly where it did.
    """
    return source.replace(WHITE_SPACE, ASCII_WHITE_SPACE)
