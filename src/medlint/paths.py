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
