"""MDX's and Astro's ``{...}`` expressions: code, but for the JSX text they render.

An expression is JavaScript, hidden whole, except what a visitor sees of it:

- the text children of the JSX elements in it (``{isNew && <p>Our new cure</p>}``,
  ``{items.map(i => <li>...</li>)}``), with each block element's text a block of
  its kind, as in HTML, and the prose attributes of their tags (``alt``, a
  component's ``title``);
- a string literal that is what the expression renders, where it stands as
  text does: the whole expression (``{"100% safe"}``), a branch of a ternary
  (``{cond ? "Painless!" : null}``), or the value after ``&&``, ``||`` or ``??``,
  when the expression is a child, not a prop's value (``title={...}``).

Identifiers, imports, object keys, class names and the arguments of calls
(``t("painless")``) stay hidden.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

import msgspec
import regex

from medlint.formats.frontmatter import PROSE_KEYS
from medlint.formats.html import BLOCK_KIND, show_prose_attributes
from medlint.formats.masking import Mask
from medlint.own_patterns import compiled

# One token of JavaScript: blanks, a string, a template literal, a comment, a two-character
# operator, a name or number, or any other single character.
_JS_TOKEN = compiled(
    r"""\s++|"(?:[^"\\\n]|\\.)*+"?|'(?:[^'\\\n]|\\.)*+'?|`(?:[^`\\]|\\.)*+`?|//[^\n]*+|/\*.*?(?:\*/|\Z)"""
    r"""|&&|\|\||\?\?|=>|[\w$.]++|.""",
    regex.DOTALL,
)
# A JSX tag's name after its "<" (none for a fragment, ``<>``).
_TAG_NAME = compiled(r"[A-Za-z][\w.:-]*+")
# What a tag's attributes hold that may hide its ">": a quoted value, a brace, or the end itself.
_TAG_PART = compiled(r"""[^"'{}>]++|"[^"]*+"?|'[^']*+'?|[{}>]""")
_CHILD_MARKUP = compiled(r"[<{]")
_BRACE = compiled(r"[{}]")
# An escape in a JavaScript string ("\u00a0", "\x27", "\n"): read as the character it stands for.
_JS_ESCAPE = compiled(r"\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", regex.DOTALL)
_JS_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "f": "\f", "b": "\b", "0": "\0"}
# A page's metadata exported from MDX (Next.js's ``export const metadata = {...}``): its title and
# description are the page's <title> and meta description, as front matter's are; an Open Graph
# image's alt text is alt text. A key and its string value (not a template literal).
_METADATA_EXPORT = compiled(r"export[ \t]++const[ \t]++(?:metadata|meta|frontmatter)\b")
_METADATA_ENTRY = compiled(
    r"""(?<![\w$.])(["']?)([A-Za-z]++)\1[ \t]*+:\s*+("(?:[^"\\\n]|\\.)*+"|'(?:[^'\\\n]|\\.)*+')"""
)
_METADATA_KINDS = {**PROSE_KEYS, "alt": "alt"}
# What an expression that renders text holds: a tag or a string.
_RENDERS_TEXT = compiled(r"""<[A-Za-z>]|["']""")
# Tokens after which a "<" opens JSX, not a comparison (``a < b``).
_OPENS_JSX = frozenset({"(", "[", ",", "?", ":", "{", "&&", "||", "??", "=>", "=", "return"})
# Tokens after which a string literal is what the expression renders, and those that may follow it.
_RENDERED_AFTER = frozenset({"{", "?", ":", "&&", "||", "??"})
_RENDERED_BEFORE = frozenset({"}", ":"})
_BRACKETS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


class _Code(msgspec.Struct):
    """An expression being read: its bracket depth, and the last token that was not blank."""

    child: bool  # rendered as a child (not a prop's value): its string literals may be text
    depth: int = 0
    last: str = "{"
    candidate: tuple[int, int] | None = None  # a string literal that is text if the next token allows


class _Element(msgspec.Struct):
    """A JSX element whose children are being read."""

    content_start: int
    kind: str | None  # the kind of prose block its text is (None: inline, no block of its own)


def hide_jsx_expressions(
    mask: Mask,
    start: int,
    text_spans: Sequence[tuple[int, int]] = (),
    escapes: bool = False,
    is_text: Callable[[int], bool] | None = None,
) -> int | None:
    """Hide ``{...}`` expressions (balanced braces), including ``{/* comments */}``; show the text they render.

    A brace in ``text_spans`` (sorted: code, where MDX reads a brace as text) opens none,
    nor, with ``escapes`` (Markdown's), one escaped (``\\{``), nor one no brace closes for
    which ``is_text`` says so. Returns where a brace never closed opens (the rest is left as
    it is), or None.
    """
    text = mask.text
    spans = list(text_spans)
    span_starts = [span_start for span_start, _ in spans]
    position = text.find("{", start)
    partners = _brace_partners(text, position) if position != -1 else {}
    unverified_until = -1  # braces paired as written before here are not read as code again
    while position != -1:
        if _in_spans(position, spans, span_starts) or (escapes and _escaped(text, position)):
            position = text.find("{", position + 1)
            continue
        close = partners.get(position)
        if close is not None and close >= unverified_until and _may_hide_a_brace(text, position, close):
            line_end = text.find("\n", close)
            stop = len(text) if line_end == -1 else line_end
            in_code = _closing_brace_in_plain_code(text, position, stop)
            if in_code is None:
                unverified_until = stop  # read to the line's end in vain: not again on this line
            close = in_code or close
        if close is None and is_text is not None and is_text(position):
            position = text.find("{", position + 1)
            continue
        if close is None:
            close = _closing_brace_in_code(text, position)
        if close is None:
            return position
        # An expression inside code (an export statement) renders nothing here.
        shown = not mask.is_hidden(position)
        mask.hide(position, close + 1)
        if shown and _RENDERS_TEXT.search(text, position, close):
            show_rendered_text(mask, position, close + 1, child=not _is_prop_value(text, position))
        position = text.find("{", close + 1)
    return None


def _brace_partners(text: str, start: int) -> dict[int, int]:
    """Each ``{`` from ``start`` on that a ``}`` closes, counting braces as written, with that ``}``."""
    partners: dict[int, int] = {}
    open_braces: list[int] = []
    for brace in _BRACE.finditer(text, start):
        if brace.group() == "{":
            open_braces.append(brace.start())
        elif open_braces:
            partners[open_braces.pop()] = brace.start()
    return partners


def _closing_brace_in_code(text: str, opening: int) -> int | None:
    """Where the ``}`` that closes the ``{`` at ``opening`` is, counting braces outside JavaScript's
    strings and comments, or None if none does.

    For a brace that counting them as written (``_brace_partners``) leaves open:
    ``{'{'}``, MDX's way to write a brace. Counting this way first would take an
    apostrophe in the JSX text of an expression (``{ok && <p>Don't</p>}``) for a string.
    """
    depth = 0
    for token in _JS_TOKEN.finditer(text, opening):
        if token.group() == "{":
            depth += 1
        elif token.group() == "}":
            depth -= 1
            if depth == 0:
                return token.start()
    return None


# What may hold a brace that does not count in JavaScript: a string, a template literal, a comment.
_BRACE_HIDERS = ('"', "'", "`", "/")


def _may_hide_a_brace(text: str, opening: int, close: int) -> bool:
    return any(text.find(hider, opening, close) != -1 for hider in _BRACE_HIDERS)


def _closing_brace_in_plain_code(text: str, opening: int, stop: int) -> int | None:
    """Where the ``}`` that closes the ``{`` at ``opening`` is, before ``stop``, counting braces
    outside JavaScript's strings and comments (``{"}"}``), when the expression holds no JSX up to
    there; else None.

    For a brace that counting braces as written pairs with one a string may hold. The close is
    looked for up to the end of that one's line (a string ends there); the caller reads no line
    to its end twice, so a line of such braces is read in linear time. JSX text may hold an
    apostrophe (``{ok && <p>Don't</p>}``): there, counting as written is kept.
    """
    depth = 0
    last = "{"
    for token in _JS_TOKEN.finditer(text, opening, stop):
        value = token.group()
        if value == "{":
            depth += 1
        elif value == "}":
            depth -= 1
            if depth == 0:
                return token.start()
        elif value == "<" and last in _OPENS_JSX and _opens_tag(text, token.end(), stop):
            return None
        if not value.isspace() and not value.startswith(("//", "/*")):
            last = value
    return None


def _in_spans(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def _escaped(text: str, position: int) -> bool:
    """Whether an odd run of backslashes stands before ``position``."""
    before = position
    while before > 0 and text[before - 1] == "\\":
        before -= 1
    return (position - before) % 2 == 1


def show_metadata_values(mask: Mask, start: int, end: int) -> None:
    """Show the title, description and image alt text of the MDX export statement ``mask.text[start:end]``."""
    text = mask.text
    if _METADATA_EXPORT.match(text, start, end) is None:
        return
    for entry in _METADATA_ENTRY.finditer(text, start, end):
        kind = _METADATA_KINDS.get(entry.group(2).lower())
        if kind is None:
            continue
        value_start, value_end = entry.start(3) + 1, entry.end(3) - 1
        _show_string(mask, value_start, value_end)
        mask.add_block(value_start, value_end, kind)


def _is_prop_value(text: str, brace: int) -> bool:
    """Whether the ``{`` at ``brace`` opens a prop's value (``title={...}``)."""
    before = brace - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    return before >= 0 and text[before] == "="


def show_rendered_text(mask: Mask, start: int, end: int, child: bool) -> None:
    """Show what the expression ``mask.text[start:end]`` (braces included) renders as text."""
    stop = end - 1  # the closing brace
    expression = _Code(child)
    stack: list[_Code | _Element] = [expression]
    position = start + 1
    while stack and position < stop:
        frame = stack[-1]
        if isinstance(frame, _Code):
            position = _read_code(mask, stack, frame, position, stop)
        else:
            position = _read_children(mask, stack, frame, position, stop)
    if len(stack) == 1 and expression.candidate is not None:
        _show_string(mask, *expression.candidate)  # the last thing before the closing brace


def _read_code(mask: Mask, stack: list[_Code | _Element], frame: _Code, position: int, stop: int) -> int:
    """Read one token of JavaScript at ``position``; where reading goes on."""
    text = mask.text
    token = _JS_TOKEN.match(text, position, stop)
    assert token is not None  # "." matches any character
    value, after = token.group(), token.end()
    if value.isspace() or value.startswith(("//", "/*")):
        return after
    if frame.candidate is not None:
        if value in _RENDERED_BEFORE and frame.depth == 0:
            _show_string(mask, *frame.candidate)
        frame.candidate = None
    if value[0] in "\"'":
        closed = len(value) >= 2 and value[-1] == value[0]
        if frame.child and frame.depth == 0 and frame.last in _RENDERED_AFTER and closed:
            frame.candidate = (position + 1, after - 1)
    elif value == "<" and frame.last in _OPENS_JSX and _opens_tag(text, after, stop):
        frame.last = ")"  # what follows an element is as after a closed bracket
        return _read_tag(mask, stack, position, stop)
    elif value in _BRACKETS:
        if value == "}" and frame.depth == 0:
            stack.pop()  # the end of a child expression: back in its element's children
            return after
        frame.depth += _BRACKETS[value]
    frame.last = value
    return after


def _show_string(mask: Mask, start: int, end: int) -> None:
    """Show a string literal's text, each escape read as its character (``{"100%\\u00a0safe"}``)."""
    mask.show(start, end)
    mask.hide_references(_JS_ESCAPE, start, end, _js_character)


def _js_character(escape: str) -> str:
    body = escape[1:]
    if body[:1] in ("u", "x") and len(body) > 1:
        code = int(body.strip("u{}x"), 16)
        return chr(code) if code <= 0x10FFFF else ""
    return _JS_ESCAPED.get(body, body)


def _opens_tag(text: str, after_angle: int, stop: int) -> bool:
    """Whether the "<" before ``after_angle`` opens a tag: a letter or a fragment's ">" follows."""
    if after_angle >= stop:
        return False
    char = text[after_angle]
    return char == ">" or (char.isascii() and char.isalpha())


def _read_tag(mask: Mask, stack: list[_Code | _Element], position: int, stop: int) -> int:
    """Read the start tag at ``position`` (its "<"); push its element unless it closes itself."""
    text = mask.text
    name_match = _TAG_NAME.match(text, position + 1, stop)
    name = name_match.group() if name_match else ""
    cursor = name_match.end() if name_match else position + 1
    braces = 0
    closed_by = ""
    while cursor < stop:
        part = _TAG_PART.match(text, cursor, stop)
        assert part is not None
        cursor = part.end()
        value = part.group()
        if value == "{":
            braces += 1
        elif value == "}":
            braces = max(braces - 1, 0)
        elif value == ">" and not braces:
            closed_by = "/>" if text[cursor - 2] == "/" else ">"
            break
    if name:
        show_prose_attributes(mask, name.lower(), text[position:cursor], position, components=True)
    if closed_by == ">":
        kind = BLOCK_KIND.get(name, "") if name[:1].islower() else ""
        stack.append(_Element(cursor, kind or None))
    return cursor


def _read_children(mask: Mask, stack: list[_Code | _Element], frame: _Element, position: int, stop: int) -> int:
    """Read an element's children from ``position``: text up to a tag or an expression."""
    text = mask.text
    found = _CHILD_MARKUP.search(text, position, stop)
    next_markup = stop if found is None else found.start()
    mask.show(position, next_markup)
    if next_markup >= stop:
        return stop
    if text[next_markup] == "{":
        stack.append(_Code(child=True))
        return next_markup + 1
    if text.startswith("</", next_markup):
        close = text.find(">", next_markup, stop)
        stack.pop()
        if frame.kind is not None:
            # The innermost block where it is all its Markdown paragraph holds.
            mask.add_value_block(frame.content_start, next_markup, frame.kind)
        return stop if close == -1 else close + 1
    if _opens_tag(text, next_markup + 1, stop):
        return _read_tag(mask, stack, next_markup, stop)
    mask.show(next_markup, next_markup + 1)  # a stray "<" in the text
    return next_markup + 1
