"""medlint's own regular expressions (not the rules'), compiled once per installation.

Masking, sentence splitting, negation and the fact normalisers use about
eighty fixed patterns, compiled when their modules are imported. The
``regex`` module's parser is written in Python, so compiling them all took
about 30 ms of every run: a fifth of a one-file check. Like the rules'
patterns (medlint.analysis_cache), they are kept in the cache folder as the
``regex`` module's own pickles, per medlint, Python and regex version, and
read back in about a millisecond.

The store is process-wide, as ``regex``'s own in-memory cache is: these
patterns are constants of the code. Patterns compiled in this process that
the file lacked are written back once, when the process exits. With caching
off (``MEDLINT_NO_CACHE``), or an unreadable or unwritable folder, patterns
are simply compiled.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path
from typing import Any, AnyStr

import regex

from medlint import __version__
from medlint.cache_folder import MergingLock, cache_dir, caching_disabled, read_kept, write_atomically
from medlint.regex_pickles import dump_patterns, is_compiled_from, load_patterns


class _Store:
    """Patterns read from the cache file, and those compiled since (to be written back)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.patterns: dict[tuple[Any, int], Any] = {}
        self.added = False
        self.patterns = self._read()

    def _read(self) -> dict[tuple[Any, int], Any]:
        """The patterns kept in the file: each the very pattern its key names."""
        if self.folder is None:
            return {}
        try:
            loaded = load_patterns(read_kept(self.folder / self.file_name()))
        except OSError:
            return {}
        return {
            key: pattern
            for key, pattern in loaded.items()
            if isinstance(key, tuple)
            and len(key) == 2
            and isinstance(key[1], int)
            and is_compiled_from(pattern, key[0], key[1])
        }

    @staticmethod
    def file_name() -> str:
        python = f"py{sys.version_info[0]}{sys.version_info[1]}"
        return f"own-patterns-{__version__}-{python}-regex{regex.__version__}.pickle"

    def get(self, source: AnyStr, flags: int) -> regex.Pattern[AnyStr]:
        key = (source, int(flags))  # a plain int: the unpickler builds no enums
        pattern = self.patterns.get(key)
        if pattern is None:
            pattern = regex.compile(source, flags)
            self.patterns[key] = pattern
            if not self.added and self.folder is not None:
                atexit.register(self.save)
            self.added = True
        return pattern

    def save(self) -> None:
        """Write back the patterns compiled here, with those other processes kept meanwhile (a run
        that imports fewer modules must not drop the patterns of the ones it skipped)."""
        if not self.added or self.folder is None:
            return
        self.added = False
        with MergingLock(self.folder, self.file_name()) as held:
            if held:
                merged = {**self._read(), **self.patterns}
                write_atomically(self.folder, self.file_name(), dump_patterns(merged))


_store: _Store | None = None


def compiled(source: AnyStr, flags: int = 0) -> regex.Pattern[AnyStr]:
    """``regex.compile(source, flags)``, read from the cache folder when an earlier run compiled it."""
    global _store
    if _store is None:
        _store = _Store(None if caching_disabled() else cache_dir())
    return _store.get(source, flags)
