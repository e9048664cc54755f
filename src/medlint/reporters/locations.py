"""Where a finding is, as CI tools want it: repository-relative paths, and columns in their units.

medlint counts columns in characters (code points). GitHub (annotations and
code scanning) counts UTF-16 code units, so a character outside the Basic
Multilingual Plane (most emoji) counts twice; reviewdog counts UTF-8 bytes.
The converters here re-measure the start of the line up to a column.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

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
    resolved = Path(path).resolve()
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
    resolved = Path(path).resolve()
    try:
        resolved.relative_to(root)
    except ValueError:
        return PurePosixPath(resolved.as_posix()).as_posix()
    return Path(os.path.relpath(resolved, Path.cwd().resolve())).as_posix()


def utf16_column(line_text: str | None, column: int) -> int:
    """A 1-based character column as a 1-based column in UTF-16 code units."""
    if line_text is None:
        return column
    return len(line_text[: column - 1].encode("utf-16-le")) // 2 + 1


def utf8_column(line_text: str | None, column: int) -> int:
    """A 1-based character column as a 1-based column in UTF-8 bytes."""
    if line_text is None:
        return column
    return len(line_text[: column - 1].encode("utf-8")) + 1


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, character column) of an offset into ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
