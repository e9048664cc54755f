"""Where a finding is, as CI tools want it: repository-relative paths, and columns in their units.

medlint counts columns in characters (code points). GitHub (annotations and
code scanning) counts UTF-16 code units, so a character outside the Basic
Multilingual Plane (most emoji) counts twice; reviewdog counts UTF-8 bytes.
The converters here find once a line where its characters take more than one unit.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from medlint.own_patterns import compiled
from medlint.paths import resolved as resolved_path

_NOT_ASCII = compiled(r"[^\x00-\x7f]")

LineOf = Callable[[str, int], "str | None"]


def source_root(start: Path | None = None) -> Path:
    """The repository root around the working folder (the folder with ``.git``), else the folder itself."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes; absolute (POSIX form) if outside it."""
    if path.startswith("<"):  # stdin without --stdin-filename
        return path
    resolved = _in_place(path)
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return PurePosixPath(resolved.as_posix()).as_posix()


def working_relative_path(path: str, root: Path) -> str:
    """``path`` relative to the working folder with forward slashes (``../`` where it is above it),
    as reviewdog reads a relative path: it joins it to the working folder's place in the repository.
    Absolute (POSIX form) if outside ``root``, the repository."""
    if path.startswith("<"):  # stdin without --stdin-filename
        return path
    resolved = _in_place(path)
    try:
        resolved.relative_to(root)
    except ValueError:
        return PurePosixPath(resolved.as_posix()).as_posix()
    return Path(os.path.relpath(resolved, Path.cwd().resolve())).as_posix()


def _in_place(path: str) -> Path:
    """``path`` with its folders resolved but not the file itself: a linked file is named as the link
    (the file in the repository), a broken link or a symlink loop as itself, not as what it points to."""
    given = Path(path)
    if given.name in ("", ".", ".."):
        return resolved_path(given)
    return resolved_path(given.parent) / given.name


def utf16_column(line_text: str | None, column: int) -> int:
    """A 1-based character column as a 1-based column in UTF-16 code units."""
    if line_text is None:
        return column
    astral, _ = _wide_characters(line_text)
    return column + bisect_left(astral, column - 1)


def utf8_column(line_text: str | None, column: int) -> int:
    """A 1-based character column as a 1-based column in UTF-8 bytes."""
    if line_text is None:
        return column
    _, (wide, extra) = _wide_characters(line_text)
    return column + extra[bisect_left(wide, column - 1)]


_Measure = tuple[list[int], tuple[list[int], list[int]]]
_last_measured: list[tuple[str, _Measure]] = []  # the line measured last (by identity), and its measure


def _wide_characters(line_text: str) -> _Measure:
    """Where a line's characters take more than one unit, measured once a line (a minified page is
    one line of thousands of findings: measuring its start again for each made a report quadratic).

    The offsets of the characters outside the Basic Multilingual Plane (two UTF-16 units each), and of
    those outside ASCII with the bytes UTF-8 adds before each offset (``extra[k]``: before ``wide[k]``).
    The line is recognised by identity, not equality: comparing a long line with the last one would
    cost as much as measuring it.
    """
    if _last_measured and _last_measured[0][0] is line_text:
        return _last_measured[0][1]
    measure: _Measure
    if line_text.isascii():
        measure = ([], ([], [0]))
    else:
        astral: list[int] = []
        wide: list[int] = []
        extra = [0]
        for match in _NOT_ASCII.finditer(line_text):
            code = ord(match.group())
            offset = match.start()
            wide.append(offset)
            extra.append(extra[-1] + (1 if code < 0x800 else 2 if code < 0x10000 else 3))
            if code >= 0x10000:
                astral.append(offset)
        measure = (astral, (wide, extra))
    _last_measured[:] = [(line_text, measure)]
    return measure


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, character column) of an offset into ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
