"""Rule sets built by earlier runs, kept by what they were built from.

Building the rules (reading each field, expanding named patterns, turning
phrases into regexes, finding each pattern's analysis) takes a one-file check
(the pre-commit case) tens of milliseconds, and what it makes depends only on
the rule files' text, the config's settings for them, and medlint's own code.
So a built rule set is kept in the cache folder as a pickle, one per such
fingerprint. It is read by an unpickler that accepts medlint's own classes and
the ``regex`` module's constructor and nothing else (no function may be named:
medlint.regex_pickles), so a cache file cannot run code.

Like every cache here, it is only an optimisation: a missing, damaged or
unwritable file changes nothing but speed.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

from medlint import __version__
from medlint.analysis_cache import AnalysisCache
from medlint.cache_folder import code_fingerprint, hashed, read_kept, write_atomically
from medlint.patterns import LazyPattern
from medlint.prefilter import known_literals, register
from medlint.regex_pickles import DataUnpickler
from medlint.ruleset import RuleSet

# Rule sets kept, the least recently used removed first: a site's, and a few edits of it.
KEEP = 16
# What a kept rule set says instead of its pattern cache: the run's own is put in its place.
_PATTERN_CACHE = "pattern cache"


def kept_rule_set(folder: Path | None, fingerprint: str, pattern_cache: AnalysisCache) -> RuleSet | None:
    """The rule set an earlier run built from this fingerprint, or None."""
    if folder is None:
        return None
    path = folder / _name(fingerprint)
    try:
        data = read_kept(path)
    except OSError:
        return None
    try:
        rules, literals = _RuleSetUnpickler(io.BytesIO(data), pattern_cache).load()
    except Exception:  # damaged, written by other code, or naming what it may not: build afresh
        return None
    if not isinstance(rules, RuleSet) or rules.source_fingerprint != fingerprint:
        return None
    if not isinstance(literals, frozenset) or not all(isinstance(literal, str) for literal in literals):
        return None
    # The words the rules' patterns require, registered at once as a build registers them: one
    # by one, as each rule first looks at a page, each would make the page's words be read again.
    register(literals)
    _touch(path)  # used last: removed last
    return rules


def keep_rule_set(folder: Path | None, rules: RuleSet) -> None:
    """Keep a freshly built rule set for the next run (atomically; any failure is ignored)."""
    if folder is None or not rules.source_fingerprint:
        return
    buffer = io.BytesIO()
    try:
        _RuleSetPickler(buffer, rules.pattern_cache).dump((rules, known_literals()))
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # something in it cannot be kept: the next run builds it too
    if write_atomically(folder, _name(rules.source_fingerprint), buffer.getvalue()):
        _remove_least_used(folder)


def _name(fingerprint: str) -> str:
    """One file per fingerprint and medlint (its version and code, its libraries, Python)."""
    key = "\x00".join([fingerprint, __version__, code_fingerprint()])
    return f"rules-{hashed(key.encode(), 12).hexdigest()}.pickle"


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)


def _remove_least_used(folder: Path) -> None:
    try:
        kept = sorted(folder.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for path in kept[KEEP:]:
            path.unlink()
    except OSError:
        pass  # another process removed one first


class _RuleSetPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, pattern_cache: AnalysisCache | None) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._pattern_cache = pattern_cache

    def persistent_id(self, obj: Any) -> str | None:
        return _PATTERN_CACHE if obj is not None and obj is self._pattern_cache else None


class _RuleSetUnpickler(DataUnpickler):
    """Builds medlint's own records (msgspec structs), enums and patterns, and the ``regex`` module's compiled ones."""

    def __init__(self, file: io.BytesIO, pattern_cache: AnalysisCache) -> None:
        super().__init__(file)
        self._pattern_cache = pattern_cache

    def persistent_load(self, pid: Any) -> AnalysisCache:
        if pid != _PATTERN_CACHE:
            raise pickle.UnpicklingError(f"unknown reference {pid!r} in a medlint cache")
        return self._pattern_cache

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return importlib.import_module(module).compile
        return super().find_class(module, name)

    def may_build(self, found: object) -> bool:
        return found is LazyPattern or super().may_build(found)
