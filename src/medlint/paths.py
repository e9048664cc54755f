"""Path helpers that survive what real repositories hold."""

from __future__ import annotations

import os
from pathlib import Path


def resolved(path: Path) -> Path:
    """``path.resolve()``, but a symlink loop gives the path as far as it resolves instead of raising.

    ``Path.resolve`` raises RuntimeError on a loop (``a.md -> b.md -> a.md``);
    the file is then reported as unreadable when it is read, like any other.
    """
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.realpath(path))


def shown(path: str) -> str:
    """``path`` as a report line shows it: a control character in a file name (a line end, an
    escape) is written as its escape, so a name cannot split a report line or drive the terminal."""
    if path.isprintable():
        return path
    return "".join(repr(c)[1:-1] if _is_control(c) else c for c in path)


def _is_control(character: str) -> bool:
    return ord(character) < 32 or 127 <= ord(character) < 160
