"""Where a table cell's row name and column header stand, for facts stated in a table.

A price list names each row by its first cell ("| Hangover Rescue | $149 per session |"); a
comparison table names each column by its header ("| | PRP | Stem cell therapy |"). A Markdown
table is read from the file's lines (the prose blanks its pipes), an HTML table from its tags.
An HTML definition list names each definition by its term, as a row by its first cell
("<dt>Knee injection</dt><dd>$750</dd>").
Each table's header is found once, so a table of thousands of rows is read in linear time.
"""

from __future__ import annotations

import bisect
import itertools
from functools import cached_property

import regex

from medlint.document import Document
from medlint.own_patterns import compiled

Span = tuple[int, int]

_HTML_FORMATS = ("html", "astro")
_CELL_OPEN = compiled(r"<t[dh]\b[^>]*>", regex.IGNORECASE)
_DEFINITION_TAG = compiled(r"<(/?)(dt|dd|dl)\b[^>]*>", regex.IGNORECASE)
_PROSE_START = compiled(r"\S")
_PIPE = compiled(r"(?<!\\)\|")
_DELIMITER_ROW = compiled(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?")
# How far back from a cell its row's opening tag is looked for.
_ROW_LOOKBACK = 2_000
# The most of a cell read as its name.
_LONGEST_NAME = 1_000


class Tables:
    """The row names and column headers of one page's tables, looked up per cell."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._markdown_headers: dict[int, int | None] = {}  # a row's line start -> its header line's start
        self._html_headers: dict[int, list[int]] = {}  # a table's start -> its first row's cell tag ends
        # A row's line start -> its cells, and where each starts: a row of thousands of prices is split once.
        self._rows: dict[int, tuple[list[Span], list[int]]] = {}

    @cached_property
    def _lower(self) -> str:
        return self.document.text.lower()

    @cached_property
    def _has_definition_lists(self) -> bool:
        # Asked once a page: looking for "<dd" on each statement read a page of no lists whole each time.
        return "<dd" in self._lower

    def row_name(self, start: int) -> Span | None:
        """The first cell of the row holding ``start``, unless ``start`` is in that cell."""
        if self.document.format in _HTML_FORMATS:
            tags = self._html_cells_before(start)
            return self._html_cell(tags[0]) if len(tags) > 1 else None
        line = self._line_start(start)
        cells = self._cells(line)
        return _stripped(self.document, cells[0]) if self._column(line, start) else None

    def term_name(self, start: int) -> Span | None:
        """The term (``<dt>``) of the definition (``<dd>``) that holds ``start``, in any format's HTML."""
        if not self._has_definition_lists:
            return None
        term_end: int | None = None
        in_definition = False
        for tag in _DEFINITION_TAG.finditer(self.document.text, max(0, start - _ROW_LOOKBACK), start):
            closing, name = tag.group(1), tag.group(2).lower()
            if name == "dl":  # another list's terms name nothing here
                term_end, in_definition = None, False
            elif name == "dt" and not closing:
                term_end, in_definition = tag.end(), False
            elif name == "dd":
                in_definition = not closing
        return self._html_cell(term_end, "list") if in_definition and term_end is not None else None

    def column_header(self, start: int) -> Span | None:
        """The header cell of the column holding ``start``, unless ``start`` is in the header row."""
        if self.document.format in _HTML_FORMATS:
            return self._html_header(start)
        line = self._line_start(start)
        header = self._markdown_header(line)
        column = self._column(line, start)
        if header is None or column is None:
            return None
        header_cells = self._cells(header)
        return _stripped(self.document, header_cells[column]) if column < len(header_cells) else None

    # -- Markdown -------------------------------------------------------------

    def _line_start(self, offset: int) -> int:
        return offset - self.document.position(offset)[1] + 1

    def _cells(self, line: int) -> list[Span]:
        if line not in self._rows:
            cells = _markdown_cells_of(self.document.text, line)
            self._rows[line] = cells, [lo for lo, _ in cells]
        return self._rows[line][0]

    def _column(self, line: int, offset: int) -> int | None:
        """The index of the cell of the row at ``line`` that holds ``offset`` (its closing pipe too)."""
        self._cells(line)
        cells, starts = self._rows[line]
        index = bisect.bisect_right(starts, offset) - 1
        return index if index >= 0 and offset <= cells[index][1] else None

    def _markdown_header(self, line: int) -> int | None:
        """The start of the header line of the table whose row starts at ``line``."""
        text = self.document.text
        walked: list[int] = []
        header: int | None = None
        current = line
        while current > 0 and current not in self._markdown_headers:
            above = text.rfind("\n", 0, current - 1) + 1
            row = text[above : current - 1]
            if "|" not in row:
                break
            if _DELIMITER_ROW.fullmatch(row):
                header = text.rfind("\n", 0, max(above - 1, 0)) + 1 if above > 0 else None
                break
            walked.append(current)
            current = above
        else:
            header = self._markdown_headers.get(current) if current > 0 else None
        for known in [*walked, line]:
            self._markdown_headers[known] = header
        return header

    # -- HTML -----------------------------------------------------------------

    def _html_cells_before(self, start: int) -> list[int]:
        """The ends of the cell tags opened in ``start``'s row up to it."""
        row = self._lower.rfind("<tr", max(0, start - _ROW_LOOKBACK), start)
        if row < 0:
            return []
        return [m.end() for m in _CELL_OPEN.finditer(self.document.text, row, start)]

    def _html_cell(self, tag_end: int, kind: str = "table") -> Span | None:
        """The prose of the cell (or term) whose opening tag ends at ``tag_end``."""
        found = _PROSE_START.search(self.document.prose, tag_end, tag_end + _LONGEST_NAME)
        block = self.document.block_at(found.start()) if found else None
        if found is None or block is None or block.kind != kind:
            return None
        return block.start, min(block.end, block.start + _LONGEST_NAME)

    def _html_header(self, start: int) -> Span | None:
        cells = self._html_cells_before(start)
        if not cells:
            return None
        table = self._lower.rfind("<table", 0, start)
        if table < 0:
            return None
        if table not in self._html_headers:
            first_row = self._lower.find("<tr", table)
            row_end = self._lower.find("</tr", first_row) if first_row >= 0 else -1
            self._html_headers[table] = (
                [m.end() for m in _CELL_OPEN.finditer(self.document.text, first_row, row_end)] if row_end > 0 else []
            )
        header = self._html_headers[table]
        column = len(cells) - 1
        if column >= len(header) or header[column] >= cells[0]:  # in the header row itself
            return None
        return self._html_cell(header[column])


def _markdown_cells_of(text: str, line: int) -> list[Span]:
    """The spans between the pipes of the table row starting at ``line`` (an edge pipe opens no cell)."""
    end = text.find("\n", line)
    end = len(text) if end < 0 else end
    pipes = [m.start() for m in _PIPE.finditer(text, line, end)]
    leading = bool(pipes) and not text[line : pipes[0]].strip()
    bounds = [*pipes, end] if leading else [line - 1, *pipes, end]
    return [(lo + 1, hi) for lo, hi in itertools.pairwise(bounds)]


def _stripped(document: Document, span: Span) -> Span | None:
    lo, hi = span
    words = document.prose[lo:hi]
    if not words.strip():
        return None
    lo += len(words) - len(words.lstrip())
    hi -= len(words) - len(words.rstrip())
    return lo, min(hi, lo + _LONGEST_NAME)
