"""The results of unchanged files, kept across runs.

A file's result depends only on its bytes, its name and format, the rules and
settings, and medlint's own code. So each result is stored, with a hash of
the bytes it was made from, under a hash of the file's name and format (one
entry per file, replaced when the file changes), in a folder named by a hash
of everything else: a run with other rules, another config or another
medlint version simply looks in another folder. Re-checking a site where a few pages changed
then costs little more than reading and hashing the others.

Results a time budget cut short (a rule that backtracked) are not kept: they
might come out whole next time. Entries are pickles of medlint's own result
types, read by an unpickler that builds nothing but those (structs and enums
defined in medlint), so a cache file cannot run code. Any missing,
damaged or unwritable entry is checked afresh, as if there were no cache.
"""

from __future__ import annotations

import io
import os
import pickle
import time
from pathlib import Path

import msgspec

from medlint import __version__
from medlint.cache_folder import (
    cache_dir,
    caching_disabled,
    code_fingerprint,
    hashed,
    read_kept,
    sweep_stale_temporaries,
    write_atomically,
)
from medlint.discovery import Target
from medlint.engine import DocumentResult, Engine
from medlint.regex_pickles import DataUnpickler

# Folders of results made with other rules, settings or versions are removed once unused this long.
STALE_AFTER_SECONDS = 30 * 24 * 3600
_PREFIX = "results-"


class ResultCache(msgspec.Struct, frozen=True):
    """Results of one rule set and medlint version: one file per (content, name, format)."""

    folder: Path

    @classmethod
    def for_engine(cls, engine: Engine) -> ResultCache | None:
        """The cache for runs with this engine, or None when caching is off or the rules cannot be fingerprinted."""
        if caching_disabled() or not engine.rules.source_fingerprint:
            return None
        cache = cls(cache_dir() / f"{_PREFIX}{engine_fingerprint(engine)}")
        cache._mark_used()
        return cache

    def get(self, target: Target, data: bytes, purpose: str) -> DocumentResult | None:
        """The stored result for this file, if it was made from these very bytes."""
        try:
            raw = read_kept(self.folder / _entry_name(target, purpose))
            loaded = DataUnpickler(io.BytesIO(raw)).load()
        except Exception:  # missing, damaged, or not ours: check the file afresh
            return None
        if not (isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == _content_hash(data)):
            return None  # the file changed since (or the entry is not one)
        result = loaded[1]
        if not isinstance(result, DocumentResult) or result.path != target.display:
            return None
        return result

    def put(self, target: Target, data: bytes, purpose: str, result: DocumentResult) -> None:
        """Keep a file's result, in place of whatever was kept for an earlier version of it."""
        if result.notices:  # a rule was stopped by its time budget: next time it may finish
            return
        try:
            payload = pickle.dumps((_content_hash(data), result), pickle.HIGHEST_PROTOCOL)
        except Exception:  # a check kind whose records do not pickle: just not cached
            return
        write_atomically(self.folder, _entry_name(target, purpose), payload)

    def _mark_used(self) -> None:
        """Note this folder as in use, and remove folders of rule sets long unused."""
        sweep_stale_temporaries(self.folder.parent)
        try:
            if self.folder.is_dir():
                os.utime(self.folder)
                return
            _remove_stale(self.folder.parent)
        except OSError:
            pass


def engine_fingerprint(engine: Engine) -> str:
    """A hash of everything besides a file itself that its result depends on."""
    rules = engine.rules
    parts = [
        __version__,
        code_fingerprint(),
        rules.source_fingerprint,
        repr([(r.id, int(r.severity), r.suppressible) for r in rules]),
        engine.accepted.pattern if engine.accepted is not None else "",
    ]
    return hashed("\x00".join(parts).encode(), 12).hexdigest()


def _entry_name(target: Target, purpose: str) -> str:
    """One entry per file (name, format, purpose): a file edited a hundred times is kept once."""
    # A name that is not UTF-8 (``caf\xe9.md``) holds its undecodable bytes as surrogates.
    key = f"{purpose}\x00{target.format}\x00{target.display}".encode("utf-8", "surrogateescape")
    return hashed(key, 20).hexdigest() + ".pickle"


def _content_hash(data: bytes) -> str:
    return hashed(data, 24).hexdigest()


def _remove_stale(parent: Path) -> None:
    now = time.time()
    for folder in parent.glob(f"{_PREFIX}*"):
        if folder.is_dir() and now - folder.stat().st_mtime > STALE_AFTER_SECONDS:
            import shutil  # here: needed only when a stale folder is found

            shutil.rmtree(folder, ignore_errors=True)
