"""Markdown's block structure, as CommonMark with tables reads it.

Which lines of a page are paragraphs, headings, tables, code, HTML blocks and
thematic breaks, inside which container (a list or a block quote), and the
link reference definitions (``[label]: url "title"``). Inline markup is not
parsed here: medlint masks it by scanning the prose blocks
(``formats/markdown.py``).

Lines are counted from 0 and split at LF alone, as the caller counts them; a
block's ``end`` is the line after its last.

The page is read once, line by line, as CommonMark's parsing strategy has it:
a stack of open containers (block quotes and list items), each line matched
against them from the outermost, then either added to the open leaf block
(also lazily, as a paragraph's continuation) or read for new blocks. Where
CommonMark leaves room, the answers are markdown-it's (its tables, when a
list interrupts a paragraph, how a block quote ends), so that the two agree.
Every line costs time in proportion to its length (a blank line or a lazy
continuation line under any depth of containers costs a bisection), and there
is no recursion: any page is read in time linear in its size.
"""

from __future__ import annotations

from bisect import bisect_right

import msgspec

from medlint.formats.markdown_syntax import (
    TRIM,
    cell_count,
    delimiter_cells,
    fence_opening,
    html_ends,
    html_kind,
    is_heading,
    is_rule,
    is_underline,
    list_marker,
    read_definition,
)
from medlint.formats.markdown_syntax import normalise_label as normalise_label  # a link label as CommonMark matches it

# A block's kinds.
PARAGRAPH = "paragraph"
HEADING = "heading"  # ATX (``# Title``) or setext (a line underlined with ``===`` or ``---``)
TABLE = "table"  # header line, delimiter line, body lines
FENCE = "fence"  # fenced code, its fences included
CODE = "code"  # indented code
HTML = "html"  # an HTML block
RULE = "rule"  # a thematic break (``***``, ``---``, ``___``)

# A block's containers.
TOP = ""
LIST = "list"
BLOCKQUOTE = "blockquote"


class MarkdownBlock(msgspec.Struct, frozen=True, gc=False):
    """A leaf block: its kind, its lines, and the innermost container it stands in."""

    kind: str
    start: int
    end: int
    container: str = TOP
    # A fenced code block's opening fence as written, without indent or info string ("```", "~~~~").
    fence: str = ""


class LinkDefinition(msgspec.Struct, frozen=True, gc=False):
    """A link reference definition: where ``[text][label]`` leads, and the lines it takes."""

    destination: str
    title: str
    start: int
    end: int


class MarkdownOutline(msgspec.Struct, frozen=True, gc=False):
    """A page's leaf blocks in the order they stand, and its link reference definitions by
    normalised label (the first definition of a label wins)."""

    blocks: tuple[MarkdownBlock, ...]
    definitions: dict[str, LinkDefinition]


def parse_outline(text: str, indented_code: bool = True) -> MarkdownOutline:
    """The block structure of ``text``.

    With ``indented_code`` off (MDX, where indenting nests JSX), an indented
    line is read as the paragraph, list or component it is, never as code.
    """
    reader = _Reader(text, indented_code)
    reader.read()
    return MarkdownOutline(tuple(reader.blocks), reader.definitions)


class _Quote:
    """An open block quote on the stack of containers."""

    __slots__ = ("context", "last_empty", "list_indent")

    def __init__(self, last_empty: bool, context: int, list_indent: int) -> None:
        self.last_empty = last_empty  # whether its last line was empty (a lazy line cannot follow)
        self.context = context  # the content indent of the container it stands in
        self.list_indent = list_indent  # that container's list indent (markdown-it's listIndent)


class _Item:
    """An open list item on the stack of containers."""

    __slots__ = ("closed_at", "content", "context", "first_empty", "first_line", "list_indent", "marker", "ordered")

    def __init__(
        self,
        content: int,
        context: int,
        list_indent: int,
        marker: str,
        ordered: bool,
        first_line: int,
        first_empty: bool,
    ) -> None:
        self.content = content  # the indent its content lines need
        self.context = context  # the content indent of the container its list stands in
        self.list_indent = list_indent  # that container's list indent
        self.marker = marker  # "-", "*", "+", "." or ")": an item with another starts a new list
        self.ordered = ordered
        self.first_line = first_line
        self.first_empty = first_empty  # an item that starts empty ends at a blank line after it
        self.closed_at = -1  # the line it is closed at, once known


# Open leaf blocks.
_NONE = 0
_PARAGRAPH = 1
_FENCE = 2
_CODE = 3
_HTML = 4
_TABLE = 5
_DEFINITION = 6

# How a line that leaves some container may still be taken (see _Reader.match).
_NOT = 0
_LAZY = 1  # a block quote's lazy line: any open paragraph takes it
_OUTDENTED = 2  # less indented than a list item's content: a paragraph takes it if nothing interrupts

# What a line that starts no block of a given kind may still interrupt.
_FOR_PARAGRAPH = 0
_FOR_DEFINITION = 1
_FOR_QUOTE = 2  # also a table's body row
_FOR_LIST = 3

_MAX_FILLED_CELLS = 0x10000


class _Reader:
    """One reading of a page: the open containers and leaf, and the blocks found so far."""

    def __init__(self, text: str, indented_code: bool) -> None:
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
        lines = text.split("\n")
        self.last_has_end = True
        if lines[-1] == "":
            lines.pop()
        elif not lines[-1].strip(" \t"):
            # A last line of spaces and tabs with no line end is no line.
            lines.pop()
        else:
            self.last_has_end = lines[-1].endswith("\r")
        if "\r" in text:
            lines = [_without_cr(line) for line in lines]
        self.lines = lines
        self.count = len(lines)
        self.code = indented_code
        self.frames: list[_Quote | _Item] = []
        self.quotes: list[int] = []  # indexes of the block quotes in frames
        self.blocks: list[MarkdownBlock] = []
        self.definitions: dict[str, LinkDefinition] = {}
        # The open leaf block.
        self.leaf = _NONE
        self.leaf_start = 0
        self.leaf_container = TOP
        self.fence_char = ""
        self.fence_length = 0
        self.code_end = 0
        self.html = 0
        self.cells = 0
        self.filled = 0
        self.definition_end = 0

    # -- The stack of containers -------------------------------------------------------------

    def context(self) -> tuple[int, int]:
        """The innermost container's content indent and list indent (markdown-it's blkIndent and listIndent)."""
        if not self.frames:
            return 0, -1
        top = self.frames[-1]
        if isinstance(top, _Quote):
            return 0, top.list_indent
        return top.content, top.context

    def container(self) -> str:
        if not self.frames:
            return TOP
        return BLOCKQUOTE if isinstance(self.frames[-1], _Quote) else LIST

    def pop_to(self, depth: int) -> None:
        """Close the containers from ``depth`` inwards."""
        del self.frames[depth:]
        quotes = self.quotes
        while quotes and quotes[-1] >= depth:
            quotes.pop()

    def match(self, number: int, commit: bool) -> tuple[int, int, int, int, int]:
        """How line ``number`` continues the open containers.

        Returns the depth of the first container it does not continue (the stack's depth if
        it continues them all), the line's content position, indent (in columns) and tab
        offset as that container's context sees them, and whether a paragraph may still take
        the line (_LAZY, _OUTDENTED) or not (_NOT). With ``commit``, block quotes note whether
        the line was empty in them.
        """
        line = self.lines[number]
        end = len(line)
        pos = 0
        indent = 0
        if end and (line[0] == " " or line[0] == "\t"):
            pos = end - len(line.lstrip(" \t"))
            indent = len(line[:pos].expandtabs(4)) if "\t" in line[:pos] else pos
        tab_base = 0
        frames = self.frames
        depth = len(frames)
        index = 0
        while index < depth:
            frame = frames[index]
            if isinstance(frame, _Item):
                if pos >= end:
                    # A blank line continues every list item down to the next block quote, which it ends.
                    after = bisect_right(self.quotes, index)
                    if after < len(self.quotes):
                        return self.quotes[after], pos, indent, tab_base, _NOT
                    index = depth
                    break
                if indent >= frame.content:
                    index += 1
                    continue
                return self.outdented(index, line, pos, indent, tab_base)
            outer_indent = frame.context
            if pos >= end:
                return index, pos, indent, tab_base, _NOT
            if line[pos] == ">" and indent >= outer_indent:
                pos, indent, tab_base = _after_quote_marker(line, pos, indent, tab_base)
                if commit:
                    frame.last_empty = pos >= end
                index += 1
                continue
            if frame.last_empty or self.ends_quote(line, pos, indent, outer_indent, frame.list_indent):
                return index, pos, indent, tab_base, _NOT
            return self.lazy(index, index, line, pos, indent, tab_base)
        top = frames[-1] if frames else None
        if isinstance(top, _Item) and top.closed_at == number:
            return depth - 1, pos, indent, tab_base, _NOT
        return depth, pos, indent, tab_base, _NOT

    def outdented(self, index: int, line: str, pos: int, indent: int, tab_base: int) -> tuple[int, int, int, int, int]:
        """Line less indented than the content of the list item at ``index``."""
        after = bisect_right(self.quotes, index)
        if after == len(self.quotes):
            return index, pos, indent, tab_base, _OUTDENTED
        quote = self.frames[self.quotes[after]]
        assert isinstance(quote, _Quote)
        if line[pos] == ">" or quote.last_empty or self.ends_quote(line, pos, indent, quote.context, quote.list_indent):
            return index, pos, indent, tab_base, _NOT
        return self.lazy(index, self.quotes[after], line, pos, indent, tab_base)

    def lazy(
        self, index: int, quote: int, line: str, pos: int, indent: int, tab_base: int
    ) -> tuple[int, int, int, int, int]:
        """Line that block quote ``quote`` takes lazily; the quotes inside it see it with no indent."""
        innermost = self.quotes[-1]
        innermost_quote = self.frames[innermost]
        assert isinstance(innermost_quote, _Quote)
        if innermost > quote and (innermost_quote.last_empty or self.ends_quote(line, pos, -1, 0, -1)):
            return index, pos, indent, tab_base, _NOT
        return index, pos, indent, tab_base, _LAZY

    # -- What interrupts what ----------------------------------------------------------------

    def ends_quote(self, line: str, pos: int, indent: int, context: int, list_indent: int) -> bool:
        """Whether a line that does not continue a block quote opens a block that ends it."""
        return self.interrupts(-1, line, pos, indent, context, list_indent, _FOR_QUOTE)

    def interrupts(
        self, number: int, line: str, pos: int, indent: int, context: int, list_indent: int, kind: int
    ) -> bool:
        """Whether ``line`` (number ``number``) opens a block that interrupts a block of ``kind``."""
        if self.code and indent - context >= 4:
            return False
        char = line[pos]
        if char == ">":
            return True
        if (char == "`" or char == "~") and fence_opening(line, pos):
            return True
        if (char == "*" or char == "-" or char == "_") and is_rule(line, pos):
            return True
        if kind == _FOR_LIST:
            return False
        if char in "-*+0123456789" and not (list_indent >= 0 and indent - list_indent >= 4 and indent < context):
            marker = list_marker(line, pos)
            if (
                marker is not None
                and (
                    kind != _FOR_PARAGRAPH
                    # After a paragraph, a list starts with 1 (or a bullet) and a non-empty item.
                    or indent < context
                    or ((marker[2] == -1 or marker[2] == 1) and line[marker[0] :].strip(" \t") != "")
                )
            ):
                return True
        if char == "<" and 0 < html_kind(line, pos) < 7:
            return True
        if char == "#" and is_heading(line, pos):
            return True
        return kind <= _FOR_DEFINITION and number >= 0 and self.table_at(number, line, pos, indent, context) > 0

    def table_at(self, number: int, line: str, pos: int, indent: int, context: int) -> int:
        """How many cells the table that starts at line ``number`` has (its header; the next line
        its delimiter row), or 0 if none starts there."""
        if line.find("|", pos) < 0 or number + 1 >= self.count:
            return 0
        if self.code and indent - context >= 4:
            return 0
        depth, next_pos, next_indent, _, _ = self.match(number + 1, False)
        if depth < len(self.frames) or next_indent < context or (self.code and next_indent - context >= 4):
            return 0
        cells = delimiter_cells(self.lines[number + 1], next_pos)
        if not cells or cell_count(line[pos:].strip(TRIM)) != cells:
            return 0
        return cells

    # -- Reading ------------------------------------------------------------------------------

    def read(self) -> None:
        lines = self.lines
        for number in range(self.count):
            depth, pos, indent, tab_base, lazy = self.match(number, True)
            if depth == len(self.frames):
                self.continue_or_start(number, pos, indent, tab_base)
                continue
            leaf = self.leaf
            if leaf == _DEFINITION and number < self.definition_end:
                continue
            if lazy and leaf == _PARAGRAPH:
                if lazy == _LAZY:
                    continue
                context, list_indent = self.context()
                if not self.interrupts(number, lines[number], pos, indent, context, list_indent, _FOR_PARAGRAPH):
                    continue
            self.close_leaf(number)
            frame = self.frames[depth]
            if isinstance(frame, _Item):
                self.next_item(number, depth, frame, pos, indent, tab_base)
            else:
                self.pop_to(depth)
                self.start(number, pos, indent, tab_base)
        self.close_leaf(self.count)

    def next_item(self, number: int, depth: int, item: _Item, pos: int, indent: int, tab_base: int) -> None:
        """After ``item`` (at ``depth``) ends before line ``number``: the list's next item, or the list's end."""
        context = item.context
        line = self.lines[number]
        marker = None
        if (
            pos < len(line)
            and indent >= context
            and not (self.code and indent - context >= 4)
            and not self.interrupts(number, line, pos, indent, context, item.list_indent, _FOR_LIST)
        ):
            marker = list_marker(line, pos)
        self.pop_to(depth)
        if marker is None or (marker[2] >= 0) != item.ordered or marker[1] != item.marker:
            self.start(number, pos, indent, tab_base)
            return
        self.open_item(number, line, pos, indent, tab_base, context, item.list_indent, marker)

    def open_item(
        self,
        number: int,
        line: str,
        pos: int,
        indent: int,
        tab_base: int,
        context: int,
        list_indent: int,
        marker: tuple[int, str, int],
    ) -> None:
        after = marker[0]
        first = indent + after - pos
        column = first
        end = len(line)
        content = after
        while content < end:
            char = line[content]
            if char == "\t":
                column += 4 - (column + tab_base) % 4
            elif char == " ":
                column += 1
            else:
                break
            content += 1
        width = 1 if content >= end else column - first
        if width > 4:
            width = 1
        self.frames.append(
            _Item(first + width, context, list_indent, marker[1], marker[2] >= 0, number, content >= end)
        )
        self.start(number, content, column, tab_base)

    def continue_or_start(self, number: int, pos: int, indent: int, tab_base: int) -> None:
        """Line ``number`` continues every open container: add it to the open leaf, or read it for new blocks."""
        leaf = self.leaf
        line = self.lines[number]
        end = len(line)
        if leaf == _NONE:
            if pos < end:
                self.start(number, pos, indent, tab_base)
                return
            frames = self.frames
            if frames:
                top = frames[-1]
                if isinstance(top, _Item) and top.first_empty and top.first_line == number - 1:
                    top.closed_at = number + 1  # an item that starts empty, then a blank line: it ends there
            return
        context, list_indent = self.context()
        if leaf == _PARAGRAPH:
            if pos >= end:
                self.close_leaf(number)
            elif indent - context <= 3:
                if is_underline(line, pos):
                    self.blocks.append(MarkdownBlock(HEADING, self.leaf_start, number, self.leaf_container))
                    self.leaf = _NONE
                elif self.interrupts(number, line, pos, indent, context, list_indent, _FOR_PARAGRAPH):
                    self.close_leaf(number)
                    self.start(number, pos, indent, tab_base)
        elif leaf == _FENCE:
            if pos < end and line[pos] == self.fence_char and not (self.code and indent - context >= 4):
                run = len(line) - len(line[pos:].lstrip(self.fence_char)) - pos
                if run >= self.fence_length and not line[pos + run :].strip(" \t"):
                    self.close_leaf(number + 1)
        elif leaf == _CODE:
            if pos < end:
                if indent - context >= 4:
                    self.code_end = number + 1
                else:
                    self.close_leaf(number)
                    self.start(number, pos, indent, tab_base)
        elif leaf == _HTML:
            if self.html >= 6:
                if pos >= end:
                    self.close_leaf(number)
            elif html_ends(self.html, line, pos):
                self.close_leaf(number + 1)
        elif leaf == _TABLE:
            if number == self.leaf_start + 1:
                return  # the delimiter row
            row = line[pos:].strip(TRIM)
            if (
                not row
                or self.interrupts(number, line, pos, indent, context, list_indent, _FOR_QUOTE)
                or (self.code and indent - context >= 4)
            ):
                self.close_leaf(number)
                if pos < end:
                    self.start(number, pos, indent, tab_base)
                return
            self.filled += self.cells - cell_count(row)
            if self.filled > _MAX_FILLED_CELLS:
                self.close_leaf(number)
                self.start(number, pos, indent, tab_base)
        elif leaf == _DEFINITION and number >= self.definition_end:
            self.leaf = _NONE
            if pos < end:
                self.start(number, pos, indent, tab_base)

    def start(self, number: int, pos: int, indent: int, tab_base: int) -> None:
        """Read line ``number`` from ``pos`` for new blocks in the innermost container (opening
        containers as their markers come)."""
        line = self.lines[number]
        end = len(line)
        while pos < end:
            context, list_indent = self.context()
            char = line[pos]
            cells = self.table_at(number, line, pos, indent, context)
            if cells:
                self.open_leaf(_TABLE, number)
                self.cells = cells
                self.filled = 0
                return
            if self.code and indent - context >= 4:
                self.open_leaf(_CODE, number)
                self.code_end = number + 1
                return
            if char == "`" or char == "~":
                length = fence_opening(line, pos)
                if length:
                    self.open_leaf(_FENCE, number)
                    self.fence_char = char
                    self.fence_length = length
                    return
            elif char == ">":
                self.quotes.append(len(self.frames))
                pos, indent, tab_base = _after_quote_marker(line, pos, indent, tab_base)
                self.frames.append(_Quote(pos >= end, context, list_indent))
                continue
            if (char == "*" or char == "-" or char == "_") and is_rule(line, pos):
                self.blocks.append(MarkdownBlock(RULE, number, number + 1, self.container()))
                return
            if char in "-*+0123456789":
                marker = list_marker(line, pos)
                if marker is not None:
                    self.open_item(number, line, pos, indent, tab_base, context, list_indent, marker)
                    return
            elif char == "[":
                if self.definition(number, line, pos):
                    return
            elif char == "<":
                kind = html_kind(line, pos)
                if kind:
                    self.open_leaf(_HTML, number)
                    self.html = kind
                    if kind < 6 and html_ends(kind, line, pos):
                        self.close_leaf(number + 1)
                    return
            elif char == "#" and is_heading(line, pos):
                self.blocks.append(MarkdownBlock(HEADING, number, number + 1, self.container()))
                return
            self.open_leaf(_PARAGRAPH, number)
            return

    def definition(self, number: int, line: str, pos: int) -> bool:
        """Read a link reference definition at line ``number``; whether there is one."""
        following = number + 1
        context, list_indent = self.context()

        def next_line() -> str | None:
            nonlocal following
            if following >= self.count:
                return None
            depth, at, indent, _, lazy = self.match(following, False)
            text = self.lines[following]
            if depth < len(self.frames):
                if lazy == _NOT or (
                    lazy == _OUTDENTED
                    and self.interrupts(following, text, at, indent, context, list_indent, _FOR_DEFINITION)
                ):
                    return None
            elif at >= len(text) or (
                not (self.code and indent - context >= 4)
                and self.interrupts(following, text, at, indent, context, list_indent, _FOR_DEFINITION)
            ):
                return None
            following += 1
            return text[at:] + self.line_end(following - 1)

        found = read_definition(line[pos:] + self.line_end(number), next_line)
        if found is None:
            return False
        label, destination, title, taken = found
        key = normalise_label(label)
        if key not in self.definitions:
            self.definitions[key] = LinkDefinition(destination, title, number, number + taken)
        self.leaf = _DEFINITION
        self.definition_end = number + taken
        return True

    def line_end(self, number: int) -> str:
        return "\n" if number + 1 < self.count or self.last_has_end else ""

    # -- Leaf blocks --------------------------------------------------------------------------

    def open_leaf(self, kind: int, number: int) -> None:
        self.leaf = kind
        self.leaf_start = number
        self.leaf_container = self.container()

    def close_leaf(self, end: int) -> None:
        """End the open leaf block before line ``end``."""
        leaf = self.leaf
        if leaf == _NONE:
            return
        self.leaf = _NONE
        if leaf == _DEFINITION:
            return
        start = self.leaf_start
        container = self.leaf_container
        if leaf == _PARAGRAPH:
            self.blocks.append(MarkdownBlock(PARAGRAPH, start, end, container))
        elif leaf == _FENCE:
            self.blocks.append(MarkdownBlock(FENCE, start, end, container, self.fence_char * self.fence_length))
        elif leaf == _CODE:
            self.blocks.append(MarkdownBlock(CODE, start, self.code_end, container))
        elif leaf == _HTML:
            self.blocks.append(MarkdownBlock(HTML, start, end, container))
        else:
            self.blocks.append(MarkdownBlock(TABLE, start, end, container))


def _without_cr(line: str) -> str:
    if line.endswith("\r"):
        line = line[:-1]
    # A CR that ends no line is a space here: lines are counted at LF.
    return line.replace("\r", " ") if "\r" in line else line


def _after_quote_marker(line: str, pos: int, indent: int, tab_base: int) -> tuple[int, int, int]:
    """The content position, indent and tab offset of a line after the block quote marker at ``pos``."""
    end = len(line)
    pos += 1
    start = column = indent + 1
    space_after = False
    shift = 0
    if pos < end:
        char = line[pos]
        if char == " ":
            pos += 1
            start += 1
            column += 1
            space_after = True
        elif char == "\t":
            space_after = True
            if (tab_base + column) % 4 == 3:
                pos += 1
                start += 1
                column += 1
            else:
                shift = 1
    while pos < end:
        char = line[pos]
        if char == "\t":
            column += 4 - (column + tab_base + shift) % 4
        elif char == " ":
            column += 1
        else:
            break
        pos += 1
    return pos, column - start, indent + 1 + (1 if space_after else 0)
