"""Front matter (YAML ``---`` or TOML ``+++``): keys are not prose; a few values are."""

from __future__ import annotations

from typing import NamedTuple

import regex

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
# A flow sequence's items: quoted, or plain up to a comma or the closing bracket.
_FLOW_ITEM = compiled(r"""[ \t]*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,\]]*?)[ \t]*(?:,|\]|$)""")
# A comment after a plain value.
_COMMENT = compiled(r"[ \t]+#.*")


class Value(NamedTuple):
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
    for line in _ENTRY.finditer(text, start, end):
        top = first_table is None or line.start() < first_table.start()
        kind = _kind(line.group(1), top)
        lists = kind is not None or line.group(1).lower() in LIST_KEYS
        if kind is None and not lists:
            continue
        value_start, value_end = line.span(2)
        raw = line.group(2)
        if raw.startswith("[") and lists:
            values.extend(_flow_items(text, value_start + 1, value_end))
        elif kind is not None:
            values.append(_scalar(text, value_start, value_end, kind, end))
    return values


def _yaml_values(text: str, start: int, end: int) -> list[Value]:
    values: list[Value] = []
    keys: list[tuple[int, str]] = []  # the keys above the current line, with their indent
    continued: Value | None = None  # a plain prose value whose next lines may continue it
    block_indent = -1  # the indent a block scalar's lines need, or -1
    for line in _YAML_LINE.finditer(text, start, end):
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
        if key is None:  # a list item's bare value (or a stray line)
            if line.group(2) and keys and (keys[-1][1] in LIST_KEYS or _kind(keys[-1][1], False)):
                values.append(_scalar(text, line.start(4), line.end(4), "list", end))
            continue
        keys.append((content_indent, key.lower()))
        kind = _kind(key, content_indent == 0)
        if rest.startswith("[") and (kind is not None or key.lower() in LIST_KEYS):
            values.extend(_flow_items(text, line.start(4) + 1, line.end(4)))
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


def _flow_items(text: str, start: int, end: int) -> list[Value]:
    """The items of a flow sequence (``[a, "b"]``) opened just before ``start``, as list items."""
    values: list[Value] = []
    position = start
    while position < end:
        item = _FLOW_ITEM.match(text, position, end)
        if item is None or item.end() == position:
            break
        position = item.end()
        if item.group(1):
            value = _scalar(text, *item.span(1), "list", end)
            values.append(Value(value.start, value.end, "list", "flow" if value.style == "plain" else value.style))
        if text[position - 1 : position] == "]":
            break
    return values


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
