"""Front matter (YAML ``---`` or TOML ``+++``): keys are not prose; a few values are."""

from __future__ import annotations

import msgspec
import regex
from msgspec.structs import replace

from medlint.formats.masking import Mask, UnbuildablePage
from medlint.own_patterns import compiled

PROSE_KEYS = {
    "title": "title",
    "subtitle": "title",
    "description": "description",
    "summary": "description",
    "excerpt": "description",
    "abstract": "description",
    "lead": "description",
}
# YAML's fence may close with "..." (the end of a YAML document), as Jekyll reads it.
_FENCE = compiled(
    r"\A(?:\ufeff)?(?:---[ \t]*\r?\n.*?^(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n.*?^\+\+\+)[ \t]*(?:\r?\n|\Z)",
    regex.DOTALL | regex.MULTILINE,
)
# An opening fence whose first line (after blank lines) is a YAML or TOML entry: front matter, not a
# thematic break ("---" then a blank line and a heading) that happens to open the page.
_OPENING_WITH_ENTRY = compiled(
    r"\A(?:\ufeff)?(?:(---)[ \t]*\r?\n(?:[ \t]*\r?\n)*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\r?$)"
    r"|(\+\+\+)[ \t]*\r?\n(?:[ \t]*\r?\n)*[A-Za-z_][\w-]*[ \t]*=)",
    regex.MULTILINE,
)
_UNCLOSED = (
    "the front matter opened by '{fence}' is never closed (site generators refuse the page);"
    " close it with a '{fence}' line"
)
# Keys whose value a page shows to readers, wherever they stand (a FAQ item's ``q``, a card's
# ``title``), with the kind of prose that value is when nested; at the top, PROSE_KEYS's kind wins.
TEXT_KEYS = {
    "title": "heading",
    "subtitle": "heading",
    "heading": "heading",
    "description": "paragraph",
    "summary": "paragraph",
    "excerpt": "paragraph",
    "abstract": "paragraph",
    "lead": "paragraph",
    "text": "paragraph",
    "body": "paragraph",
    "caption": "paragraph",
    # A FAQ's questions and answers are its FAQPage structured data too, checked as JSON-LD's are.
    "q": "description",
    "a": "description",
    "question": "description",
    "answer": "description",
    "quote": "blockquote",
    "alt": "alt",
}
# Keys of lists of reader-facing lines: each string item is prose (tags, categories and aliases are not).
LIST_KEYS = frozenset({"faq", "faqs", "benefits", "highlights", "features", "testimonials", "reviews", "bullets"})
_ENTRY = compiled(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", regex.MULTILINE)
_INDENTED_LINE = compiled(r"^([ \t]+)(\S.*?)\r?$|^\S.*$", regex.MULTILINE)
_BLOCK_SCALAR = compiled(r"[|>][+-]?\d*")
# A YAML line: its indent, the list-item dashes opening it, then a ``key: value`` entry or a bare value.
_YAML_LINE = compiled(
    r"^([ \t]*)((?:-[ \t]+)*)(?:([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|(?=\r?$)))?(.*?)[ \t]*\r?$", regex.MULTILINE
)
_TOML_TABLE = compiled(r"^[ \t]*\[", regex.MULTILINE)
# One token of a flow collection (``[a, "b"]``, ``{q: x, a: y}``): blanks, a comment, a quoted
# scalar (to its end, or the front matter's), an indicator, or a plain scalar (on one line: up to an
# indicator, a ": " or a " #"). In TOML, "=" separates a key from its value.
_FLOW_TOKEN = (
    r"""[ \t\r\n]++|(?<![^ \t\r\n,\[{])\#[^\n]*+|"(?:[^"\\]|\\.)*+"?|'(?:[^']|'')*+'?|[\[\]{},{eq}]"""
    r"""|:(?=[ \t\r\n,\[\]{}]|$)|(?:[^ \t\r\n,\[\]{}:{eq}]|:(?![ \t\r\n,\[\]{}]|$)"""
    r"""|[ \t]++(?=[^ \t\r\n,\[\]{}:\#{eq}]))++"""
)
_YAML_FLOW_TOKEN = compiled(_FLOW_TOKEN.replace("{eq}", ""), regex.MULTILINE)
_TOML_FLOW_TOKEN = compiled(_FLOW_TOKEN.replace("{eq}", "="), regex.MULTILINE)
# A comment after a plain value.
_COMMENT = compiled(r"[ \t]+#.*")


class Value(msgspec.Struct, frozen=True):
    """A front-matter value shown as prose: where its text is, its kind, and how it is written."""

    start: int
    end: int
    kind: str
    style: str  # a quote ('"', "'", '"""', "'''"), "plain", "flow" (a plain flow item) or "block"


def mask_front_matter(mask: Mask) -> int:
    """Hide the front matter but its prose values; return the offset where the body starts."""
    text = mask.text
    match = _FENCE.match(text)
    if not match:
        _refuse_unclosed(text)
        return 0
    start, end = match.span()
    mask.hide(start, end)
    for value in prose_values(text, start, end):
        mask.show(value.start, value.end)
        mask.add_block(value.start, value.end, value.kind)
    return end


def prose_values(text: str, start: int, end: int) -> list[Value]:
    """The prose values of the front matter at ``start``-``end`` (its fences included).

    A value is prose when its key names reader-facing text (``TEXT_KEYS``, at any
    depth, as in a FAQ item's ``q``), and so is each string item of a list under
    such a key or under a list key (``LIST_KEYS``: ``benefits: [...]``).
    """
    body_start = text.index("\n", start) + 1 if "\n" in text[start:end] else end
    if text.startswith("+++", start) or text.startswith("\ufeff+++", start):
        return _toml_values(text, body_start, end)
    return _yaml_values(text, body_start, end)


def _kind(key: str, top: bool) -> str | None:
    key = key.lower()
    return (PROSE_KEYS.get(key) if top else None) or TEXT_KEYS.get(key)


def _toml_values(text: str, start: int, end: int) -> list[Value]:
    values: list[Value] = []
    first_table = _TOML_TABLE.search(text, start, end)
    inside_until = start  # the end of an array or inline table that spans lines
    for line in _ENTRY.finditer(text, start, end):
        if line.start() < inside_until:
            continue
        top = first_table is None or line.start() < first_table.start()
        key = line.group(1).lower()
        kind = _kind(key, top)
        value_start, value_end = line.span(2)
        raw = line.group(2)
        if raw[:1] in ("[", "{"):
            inside_until = _flow_values(text, value_start, end, _lists_prose(key), values, toml=True)
        elif kind is not None:
            values.append(_scalar(text, value_start, value_end, kind, end))
    return values


def _yaml_values(text: str, start: int, end: int) -> list[Value]:
    values: list[Value] = []
    keys: list[tuple[int, str]] = []  # the keys above the current line, with their indent
    continued: Value | None = None  # a plain prose value whose next lines may continue it
    block_indent = -1  # the indent a block scalar's lines need, or -1
    inside_until = start  # the end of a flow collection that spans lines
    for line in _YAML_LINE.finditer(text, start, end):
        if line.start() < inside_until:
            continue
        indent = len(line.group(1))
        rest = line.group(4)
        if block_indent >= 0 and (not (line.group(2) or line.group(3) or rest) or indent > block_indent):
            continue  # a block scalar's own line (handled with its key)
        block_indent = -1
        if not (line.group(2) or line.group(3) or rest) or rest.startswith("#"):
            continue
        content_indent = indent + len(line.group(2))
        if continued is not None and not line.group(2) and not line.group(3) and indent > keys[-1][0]:
            # A plain value's next line: the same value, one block.
            continued = Value(continued.start, line.end(4), continued.kind, "plain")
            values[-1] = continued
            continue
        continued = None
        item_indent = indent if line.group(2) else content_indent
        while keys and (keys[-1][0] > item_indent or (keys[-1][0] == item_indent and not line.group(2))):
            keys.pop()
        key = line.group(3)
        if key is None:  # a list item's bare value, a flow collection on a line of its own (or a stray line)
            parent_lists = bool(keys) and _lists_prose(keys[-1][1])
            if rest[:1] in ("[", "{") and (line.group(2) or (keys and indent > keys[-1][0])):
                inside_until = _flow_values(text, line.start(4), end, parent_lists, values)
            elif line.group(2) and parent_lists:
                values.append(_scalar(text, line.start(4), line.end(4), "list", end))
            continue
        keys.append((content_indent, key.lower()))
        kind = _kind(key, content_indent == 0)
        if rest[:1] in ("[", "{"):
            inside_until = _flow_values(text, line.start(4), end, _lists_prose(key.lower()), values)
        elif kind is not None and _BLOCK_SCALAR.fullmatch(rest):
            block_indent = content_indent
            values.extend(_block_lines(text, line.end(), end, content_indent, kind))
        elif kind is not None and rest:
            value = _scalar(text, line.start(4), line.end(4), kind, end)
            values.append(value)
            continued = value if value.style == "plain" else None
    return values


def _scalar(text: str, start: int, end: int, kind: str, limit: int) -> Value:
    """A scalar value's text: inside its quotes, or up to a comment."""
    value = text[start:end]
    if value[:3] in ('"""', "'''"):  # a TOML multi-line string: up to its closing quotes
        close = text.find(value[:3], start + 3, limit)
        return Value(start + 3, end if close == -1 else close, kind, value[:3])
    if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
        return Value(start + 1, end - 1, kind, value[:1])
    comment = _COMMENT.search(text, start, end)
    return Value(start, comment.start() if comment else end, kind, "plain")


def _lists_prose(key: str) -> bool:
    """Whether the string items of a list under ``key`` are prose: a list key's, or a text key's."""
    return key in LIST_KEYS or _kind(key, False) is not None


class _Flow(msgspec.Struct, frozen=True):
    """A flow collection being read: a sequence's items are prose if ``lists``; a mapping's values
    by their key (``key``: the last read, "" before one)."""

    mapping: bool
    lists: bool
    key: str = ""
    after_key: bool = False  # between a key and its value (after the ":")


def _flow_values(text: str, start: int, end: int, lists: bool, values: list[Value], toml: bool = False) -> int:
    """Add the prose of the flow collection opening at ``start`` (``[a, "b"]``, ``{q: x, a: y}``,
    nested, over lines) to ``values``; return where it ends (``end`` if never closed).

    A sequence's string items are list items where ``lists`` says so (under a list key, or a
    text key); a mapping's values are prose by their key (``TEXT_KEYS``), as a block mapping's
    are, and a sequence under a list key in it is. In TOML (``toml``), a key takes "=" and only
    quoted strings are text (a bare value is a number, a date or a boolean).
    """
    stack: list[_Flow] = []
    position = start
    for token in (_TOML_FLOW_TOKEN if toml else _YAML_FLOW_TOKEN).finditer(text, start, end):
        position = token.end()
        value = token.group()
        first = value[0]
        if first in " \t\r\n" or first == "#" or (toml and first == ":"):
            continue
        if first in "[{":
            lists_here = lists
            if stack:
                frame = stack[-1]
                lists_here = _lists_prose(frame.key) if frame.mapping else frame.lists
            stack.append(_Flow(first == "{", lists_here))
            continue
        if not stack:
            break
        frame = stack[-1]
        if first in "]}":
            stack.pop()
            if not stack:
                return position
            stack[-1] = replace(stack[-1], after_key=False) if stack[-1].mapping else stack[-1]
        elif first == ",":
            stack[-1] = replace(frame, key="", after_key=False)
        elif first in (":", "="):
            stack[-1] = replace(frame, after_key=True)
        elif frame.mapping and not frame.after_key:
            stack[-1] = replace(frame, key=_unquoted(value).lower())
        elif toml and first not in "\"'":
            continue
        else:
            kind = _kind(frame.key, False) if frame.mapping else ("list" if frame.lists else None)
            if kind is not None:
                scalar = _scalar(text, token.start(), token.end(), kind, end)
                values.append(replace(scalar, style="flow") if scalar.style == "plain" else scalar)
    return end if stack else position


def _unquoted(scalar: str) -> str:
    return scalar[1:-1] if len(scalar) >= 2 and scalar[0] in "\"'" and scalar[-1] == scalar[0] else scalar


def _block_lines(text: str, start: int, end: int, key_indent: int, kind: str) -> list[Value]:
    """A block scalar's lines (more indented than its key), as one value."""
    first = last = None
    for line in _INDENTED_LINE.finditer(text, start + 1, end):
        if line.group(2) is None or len(line.group(1)) <= key_indent:
            break
        first = line.start(2) if first is None else first
        last = line.end(2)
    return [] if first is None or last is None else [Value(first, last, kind, "block")]


def _refuse_unclosed(text: str) -> None:
    """Raise UnbuildablePage for front matter never closed.

    Hugo, Docusaurus, Astro and Eleventy refuse such a page (Jekyll shows its settings
    as text); read as Markdown, its settings would be checked as claims
    ("non-invasive: true"). As for an Astro script never closed, the page
    is named and not checked.
    """
    opening = _OPENING_WITH_ENTRY.match(text)
    if opening is not None:
        fence = opening.group(1) or opening.group(2)
        raise UnbuildablePage(text.find(fence), _UNCLOSED.format(fence=fence))


def breaks_value(text: str, offset: int, wording: str) -> bool:
    """Whether ``wording``, put in at ``offset`` inside a front-matter value, would end it or make it invalid.

    A quote ends a quoted value (a backslash starts an escape in a double-quoted
    one); ``: `` and `` #`` start a key or a comment in a plain one. A TOML
    multi-line string (three single or double quotes, over one line or several) is
    ended only by its three quotes, so an apostrophe in it is wording like any other.
    """
    match = _FENCE.match(text)
    if not match or offset >= match.end():
        return False
    for value in prose_values(text, *match.span()):
        if value.start <= offset <= value.end:
            return _breaks(value.style, wording)
    return False


def _breaks(style: str, wording: str) -> bool:
    if style in ('"""', "'''"):
        # A quote next to the closing (or opening) quotes would run into them.
        quote = style[0]
        edges = wording[:1] == quote or wording[-1:] == quote
        return style in wording or edges or (quote == '"' and "\\" in wording)
    if "\n" in wording:
        return True
    if style in ('"', "'"):
        return style in wording or (style == '"' and "\\" in wording)
    if style == "block":
        return False
    plain_breaks = ": " in wording or " #" in wording or wording.rstrip().endswith(":")
    return plain_breaks or (style == "flow" and any(mark in wording for mark in ",[]{}"))
