"""Remember, across runs, what medlint worked out about the rules' patterns.

Reading the required literals out of a rule's regex (medlint.prefilter) takes
most of the start-up of a one-file check, the pre-commit case, and its answer
depends only on the pattern text. So answers are kept in a small JSON file in
the user's cache folder, keyed by the pattern, per medlint and Python version.
The cache is only ever an optimisation: a missing, unreadable or unwritable
cache file changes nothing but speed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from medlint import __version__

_DISABLE = "MEDLINT_NO_CACHE"


def cache_dir() -> Path:
    """``$MEDLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``."""
    if os.environ.get("MEDLINT_CACHE_DIR"):
        return Path(os.environ["MEDLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "medlint"


class LiteralCache:
    """Pattern text -> its required literals (a sorted list), or None when none are known."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, list[str] | None] = {}
        self.dirty = False
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.entries = loaded
            except (OSError, ValueError):
                pass

    @classmethod
    def default(cls) -> LiteralCache:
        if os.environ.get(_DISABLE):
            return cls(None)
        import regex  # whether a pattern compiles is the regex module's answer: key by its version

        python = f"py{sys.version_info[0]}{sys.version_info[1]}"
        name = f"literals-{__version__}-{python}-regex{regex.__version__}.json"
        return cls(cache_dir() / name)

    def knows(self, pattern: str) -> bool:
        """Whether the pattern was seen (and so compiled cleanly) in an earlier run."""
        return pattern in self.entries

    def get(self, pattern: str) -> tuple[bool, frozenset[str] | None]:
        """(known, literals)."""
        if pattern not in self.entries:
            return False, None
        value = self.entries[pattern]
        return True, None if value is None else frozenset(value)

    def put(self, pattern: str, literals: frozenset[str] | None) -> None:
        self.entries[pattern] = None if literals is None else sorted(literals)
        self.dirty = True

    def save(self) -> None:
        """Write the file if anything was added (atomically; any failure is ignored)."""
        if not self.dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".literals-", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.entries, out)
            os.replace(temporary, self.path)
            self.dirty = False
        except OSError:
            pass
