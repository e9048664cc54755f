"""The one-line tests of Markdown's block grammar, and link reference definitions.

Private to ``markdown_blocks``: whether a line (from a position, after its
containers' markers) opens a fence, an HTML block, a list item, a heading, a
thematic break or a table delimiter row; and reading ``[label]: destination
"title"`` from a run of lines. The answers follow CommonMark as markdown-it
reads it (its table extension included), so that medlint's outline and
markdown-it's agree line for line.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from medlint.own_patterns import compiled

# CommonMark's white space for trimming and for link labels (what JavaScript's trim() removes,
# without U+FEFF): narrower than str.split()'s, which also takes U+001C-U+001F and U+0085.
TRIM = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_TRIM_RUN = compiled("[" + regex.escape(TRIM) + "]+")

# HTML block starts (CommonMark's kinds 1 and 6 by tag name).
_RAW_TAGS = frozenset(("script", "pre", "style", "textarea"))
_BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    )
)
_TAG_NAME = compiled(r"[A-Za-z0-9]*")
_RAW_END = compiled(r"</(?:script|pre|style|textarea)>", regex.IGNORECASE | regex.ASCII)
# Kind 7: a complete open or close tag, alone on its line.
_ATTRIBUTE = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
_LONE_TAG_SOURCE = r"(?:<[A-Za-z][A-Za-z0-9\-]*" + _ATTRIBUTE + r"*\s*/?>|</[A-Za-z][A-Za-z0-9\-]*\s*>)\s*$"
_LONE_TAG = compiled(_LONE_TAG_SOURCE)

_DELIMITER_ROW = compiled(r"[-:| \t]*")
_DELIMITER_CELL = compiled(r":?-+:?")
_LABEL_STOP = compiled(r"[\[\]\\\n]")
_ESCAPE_OR_ENTITY = compiled(
    r"""\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])|&([a-z#][a-z0-9]{1,31});""", regex.IGNORECASE
)
_DECIMAL = compiled(r"#([0-9]{1,8})")
_HEX = compiled(r"#x([a-f0-9]{1,8})", regex.IGNORECASE)
_UNSAFE_SCHEME = compiled(r"(?:vbscript|javascript|file|data):")
_SAFE_DATA = compiled(r"data:image/(?:gif|png|jpeg|webp);")


def html_kind(line: str, pos: int) -> int:
    """The kind (1-7) of HTML block that ``line`` opens at ``pos`` (a ``<``), or 0."""
    second = line[pos + 1 : pos + 2]
    if second == "!":
        if line.startswith("<!--", pos):
            return 2
        if line.startswith("<![CDATA[", pos):
            return 5
        third = line[pos + 2 : pos + 3]
        return 4 if third.isascii() and third.isalpha() else 0
    if second == "?":
        return 3
    start = pos + 2 if second == "/" else pos + 1
    end = _TAG_NAME.match(line, start).end()  # type: ignore[union-attr]
    name = line[start:end].lower()
    after = line[end : end + 1]
    if name in _RAW_TAGS and second != "/" and (not after or after == ">" or after.isspace()):
        return 1
    if name in _BLOCK_TAGS and (not after or after == ">" or after.isspace() or line.startswith("/>", end)):
        return 6
    if line.rstrip().endswith(">") and _LONE_TAG.match(line, pos):
        return 7
    return 0


def html_ends(kind: int, line: str, pos: int) -> bool:
    """Whether ``line`` (from ``pos``) holds the end of an HTML block of ``kind`` 1-5."""
    if kind == 1:
        return _RAW_END.search(line, pos) is not None
    if kind == 2:
        return line.find("-->", pos) >= 0
    if kind == 3:
        return line.find("?>", pos) >= 0
    if kind == 4:
        return line.find(">", pos) >= 0
    return line.find("]]>", pos) >= 0


def list_marker(line: str, pos: int) -> tuple[int, str, int] | None:
    """A list item's marker at ``pos``: the position after it, its character (``-``, ``*``,
    ``+``, ``.`` or ``)``) and its number (-1 for a bullet); None if there is none."""
    end = len(line)
    char = line[pos]
    if char in "-*+":
        if pos + 1 < end and line[pos + 1] not in " \t":
            return None
        return pos + 1, char, -1
    if not ("0" <= char <= "9") or pos + 1 >= end:
        return None
    digits = pos + 1
    while digits < end and "0" <= line[digits] <= "9":
        digits += 1
    if digits >= end or digits - pos > 9 or line[digits] not in ".)":
        return None
    after = digits + 1
    if after < end and line[after] not in " \t":
        return None
    return after, line[digits], int(line[pos:digits])


def is_rule(line: str, pos: int) -> bool:
    """Whether the line from ``pos`` is a thematic break (``***``, ``- - -``, ``___``)."""
    marker = line[pos]
    if marker not in "*-_":
        return False
    rest = line[pos:]
    return rest.count(marker) >= 3 and not rest.replace(marker, "").strip(" \t")


def is_heading(line: str, pos: int) -> bool:
    """Whether the line from ``pos`` is an ATX heading (``#`` to ``######`` then a space or the end)."""
    end = len(line)
    stop = pos
    while stop < end and line[stop] == "#":
        stop += 1
    return 0 < stop - pos <= 6 and (stop == end or line[stop] in " \t")


def fence_opening(line: str, pos: int) -> int:
    """The length of the fence that opens at ``pos`` (three or more backticks or tildes; a
    backtick fence's info string holds no backtick), or 0."""
    marker = line[pos]
    if marker != "`" and marker != "~":
        return 0
    end = len(line)
    stop = pos
    while stop < end and line[stop] == marker:
        stop += 1
    if stop - pos < 3 or (marker == "`" and line.find("`", stop) >= 0):
        return 0
    return stop - pos


def is_underline(line: str, pos: int) -> bool:
    """Whether the line from ``pos`` underlines a setext heading (a run of ``=`` or ``-``)."""
    marker = line[pos]
    if marker != "=" and marker != "-":
        return False
    stop = pos
    end = len(line)
    while stop < end and line[stop] == marker:
        stop += 1
    return not line[stop:].strip(" \t")


def cell_count(row: str) -> int:
    """How many cells a trimmed table row splits into (a ``|`` after ``\\`` splits nothing; a
    leading and a trailing ``|`` open and close the row)."""
    count = row.count("|") - row.count("\\|") + 1
    if row.startswith("|"):
        count -= 1
    if count and row.endswith("|") and not row.endswith("\\|"):
        count -= 1
    return count


def delimiter_cells(line: str, pos: int) -> int:
    """How many cells a table's delimiter row (``|---|:-:|``) at ``pos`` has, or 0 if it is not one."""
    end = len(line)
    if pos + 1 >= end:
        return 0
    first = line[pos]
    second = line[pos + 1]
    if first not in "|-:" or second not in "|-: \t" or (first == "-" and second in " \t"):
        return 0
    if _DELIMITER_ROW.match(line, pos + 2).end() != end:  # type: ignore[union-attr]
        return 0
    cells = line[pos:].split("|")
    last = len(cells) - 1
    count = 0
    for index, cell in enumerate(cells):
        cell = cell.strip(TRIM)
        if not cell:
            if index == 0 or index == last:
                continue
            return 0
        if not _DELIMITER_CELL.fullmatch(cell):
            return 0
        count += 1
    return count


def normalise_label(label: str) -> str:
    """A link label as CommonMark matches it: trimmed, runs of white space one space, case folded."""
    return _TRIM_RUN.sub(" ", label.strip(TRIM)).lower().upper()


def _decode_one(match: regex.Match[str]) -> str:
    escaped = match.group(1)
    if escaped:
        return escaped
    name = match.group(2)
    number = _DECIMAL.fullmatch(name)
    code = -1
    if number:
        code = int(number.group(1))
    else:
        number = _HEX.fullmatch(name)
        if number:
            code = int(number.group(1), 16)
        else:
            from html.entities import html5

            return html5.get(name + ";", match.group(0))
    if (
        code > 0x10FFFF
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFF in (0xFFFE, 0xFFFF)
        or code <= 0x08
        or code == 0x0B
        or 0x0E <= code <= 0x1F
        or 0x7F <= code <= 0x9F
    ):
        return match.group(0)
    return chr(code)


def decode(text: str) -> str:
    """``text`` with backslash escapes and entity references (``&amp;``, ``&#38;``, ``&#x26;``) decoded."""
    if "\\" not in text and "&" not in text:
        return text
    return _ESCAPE_OR_ENTITY.sub(_decode_one, text)


def is_unsafe_destination(destination: str) -> bool:
    """Whether a destination names a scheme CommonMark renderers refuse (``javascript:`` and the
    like; images in ``data:`` excepted): markdown-it does not read such a definition."""
    lowered = destination.strip().lower()
    return _UNSAFE_SCHEME.match(lowered) is not None and _SAFE_DATA.match(lowered) is None


def read_definition(first: str, next_line: Callable[[], str | None]) -> tuple[str, str, str, int] | None:
    """A link reference definition read from ``first`` (a line from its ``[``, with its line end),
    asking ``next_line`` for each further line it may take (None where the definition's lines
    stop). Returns the label as written, the destination and title decoded, and how many lines
    the definition takes; None if the lines hold none."""
    lines = _DefinitionLines(first, next_line)
    label_end = lines.label_end()
    if label_end < 0 or lines.text[label_end + 1 : label_end + 2] != ":":
        return None
    found = lines.destination(lines.skip_blank(label_end + 2))
    if found is None or is_unsafe_destination(found[0]):
        return None
    destination, destination_end = found
    destination_lines = lines.taken
    title = ""
    end = destination_end
    title_start = lines.skip_blank(destination_end)
    if title_start != destination_end:  # a title is parted from the destination by white space
        found = lines.title(title_start)
        if found is not None:
            title, end = found
    if end == destination_end:
        lines.taken = destination_lines
    end = lines.skip_spaces(end)
    if title and not lines.line_ends_at(end):
        # Something after the title on its line: the definition may still end at its destination
        # (as markdown-it reads it, not after an empty title).
        title = ""
        end = lines.skip_spaces(destination_end)
        lines.taken = destination_lines
    if not lines.line_ends_at(end):
        return None
    label = lines.text[1:label_end]
    if not normalise_label(label):
        return None
    return label, destination, title, lines.taken


class _DefinitionLines:
    """The lines a link reference definition is read from: its first, then each further line as
    the reading comes to its end (``take_line``). ``text[:size]`` holds the lines taken; lines
    asked for ahead of that wait in ``text`` beyond ``size``."""

    def __init__(self, first: str, next_line: Callable[[], str | None]) -> None:
        self.text = first
        self.size = len(first)
        self.taken = 1
        self.next_line = next_line
        self.exhausted = False

    def take_line(self) -> bool:
        """Take the next line in; whether there was one."""
        if self.size == len(self.text) and not self._ask_ahead():
            return False
        line_end = self.text.find("\n", self.size)
        self.size = len(self.text) if line_end < 0 else line_end + 1
        self.taken += 1
        return True

    def _ask_ahead(self) -> bool:
        """Ask for as many further lines again as were taken, and join them to the text at once
        (joined one at a time, the text would be copied once a line); whether there were any."""
        batch: list[str] = []
        while not self.exhausted and len(batch) < self.taken:
            extra = self.next_line()
            if extra is None:
                self.exhausted = True
            else:
                batch.append(extra)
        if batch:
            self.text += "".join(batch)
        return bool(batch)

    def line_ends_at(self, index: int) -> bool:
        return index >= self.size or self.text[index] == "\n"

    def skip_spaces(self, index: int) -> int:
        text = self.text
        while index < self.size and (text[index] == " " or text[index] == "\t"):
            index += 1
        return index

    def skip_blank(self, index: int) -> int:
        """Past spaces, tabs and line ends (a line end takes the next line in, if there is one)."""
        while index < self.size:
            char = self.text[index]
            if char == "\n":
                self.take_line()
            elif char != " " and char != "\t":
                break
            index += 1
        return index

    def label_end(self) -> int:
        """Where the ``]`` that closes the label stands (the text starts at its ``[``); -1 if none does."""
        index = 1
        while index < self.size:
            found = _LABEL_STOP.search(self.text, index, self.size)
            if found is None:
                return -1
            index = found.start()
            char = self.text[index]
            if char == "[":
                return -1
            if char == "]":
                return index
            if char == "\\":
                index += 1  # the character it escapes
            if index < self.size and self.text[index] == "\n":
                self.take_line()
            index += 1
        return -1

    def destination(self, index: int) -> tuple[str, int] | None:
        """The destination at ``index`` (``<...>``, or a run without white space whose parentheses
        balance), decoded, and where it ends; None if there is none."""
        text = self.text
        size = self.size
        start = index
        if index < size and text[index] == "<":
            index += 1
            while index < size:
                char = text[index]
                if char == "\n" or char == "<":
                    return None
                if char == ">":
                    return decode(text[start + 1 : index]), index + 1
                index += 2 if char == "\\" and index + 1 < size else 1
            return None
        depth = 0
        while index < size:
            char = text[index]
            if char <= " " or char == "\x7f":
                break
            if char == "\\" and index + 1 < size:
                if text[index + 1] == " ":
                    break
                index += 2
                continue
            if char == "(":
                depth += 1
                if depth > 32:
                    return None
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            index += 1
        if index == start or depth:
            return None
        return decode(text[start:index]), index

    def title(self, index: int) -> tuple[str, int] | None:
        """The title opening at ``index`` (``"title"``, ``'title'`` or ``(title)``, over further lines
        if need be), decoded, and where it ends; None if none opens there or it never closes."""
        opening = self.text[index : index + 1] if index < self.size else ""
        if opening not in ('"', "'", "("):
            return None
        closing = ")" if opening == "(" else opening
        scan = index + 1
        while True:
            text = self.text
            size = self.size
            while scan < size:
                char = text[scan]
                if char == closing:
                    return decode(text[index + 1 : scan]), scan + 1
                if char == "(" and closing == ")":
                    return None
                if char == "\\" and scan + 1 < size:
                    scan += 1
                scan += 1
            if not self.take_line():
                return None
