"""Remember, across runs, what medlint worked out about the rules' patterns.

Two things cost a one-file check (the pre-commit case) most of its time, and
both depend only on a pattern's text: analysing it (medlint.pattern_analysis:
its literals, its RE2 forms) and compiling it with the ``regex`` module, whose
parser is written in Python. So both are kept in the user's cache folder, per
medlint, Python and regex version: the analyses as JSON, the compiled patterns
as the pickles the ``regex`` module itself defines (its compiled program, so
loading one skips the parser). Those pickles are read by an unpickler that
accepts nothing but the ``regex`` module's own constructor, so a cache file
cannot run code.

The cache is only ever an optimisation: a missing, unreadable, damaged or
unwritable file changes nothing but speed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import regex

from medlint import __version__, pattern_analysis, prefilter, re2_translation
from medlint.cache_folder import (
    MergingLock,
    cache_dir,
    caching_disabled,
    files_fingerprint,
    read_json_object,
    read_kept,
    write_atomically,
)
from medlint.pattern_analysis import PatternAnalysis, analyse
from medlint.patterns import compile_pattern
from medlint.regex_pickles import dump_pattern, dump_plain, is_compiled_from, load_pattern, load_pattern_entries

# Patterns remembered, the least recently used dropped first: the built-in rules have about 200,
# so this holds them and many projects' own rules without letting edits grow the files forever.
# A run that uses more keeps all it used (a smaller limit would drop, each run, what the next needs).
MAX_PATTERNS = 2_000


class AnalysisCache:
    """Pattern (and case flag) -> its PatternAnalysis and its compiled form, from earlier runs."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        # Read on first use: a run whose rule set was kept (medlint.rule_set_cache) asks for none.
        self._analyses_read: dict[str, Any] | None = None
        self._analyses_dirty = False
        # Read on first use; an entry stays the bytes it was kept as until a page needs it.
        self._compiled: dict[str, regex.Pattern[str] | bytes] | None = None
        self._compiled_dirty = False
        # Keys this run has used: they are kept at the next save whatever the limit.
        self._used: set[str] = set()

    @classmethod
    def default(cls) -> AnalysisCache:
        return cls(None if caching_disabled() else cache_dir())

    @staticmethod
    def _name(kind: str, suffix: str) -> str:
        python = f"py{sys.version_info[0]}{sys.version_info[1]}"
        # Analyses also depend on the code that makes them: a changed analysis (an editable
        # install, a patched release) starts a new file rather than trusting old answers.
        code = f"-{_analysis_code_fingerprint()}" if kind == "analysis" else ""
        if kind == "compiled":
            kind = "compiled-each"  # each pattern pickled on its own (older files pickled the whole dict)
        return f"{kind}-{__version__}{code}-{python}-regex{regex.__version__}.{suffix}"

    @property
    def _analyses(self) -> dict[str, Any]:
        if self._analyses_read is None:
            self._analyses_read = read_json_object(self.folder, self._name("analysis", "json"))
        return self._analyses_read

    def get(self, source: str, case_sensitive: bool) -> PatternAnalysis | None:
        """The analysis of a pattern seen (and so compiled cleanly) in an earlier run, or None."""
        key = _key(source, case_sensitive)
        self._used.add(key)
        entry = self._analyses.pop(key, None)
        if entry is None:
            return None
        self._analyses[key] = entry  # last used last: the oldest are dropped first
        return PatternAnalysis.from_json(entry)

    def put(self, source: str, case_sensitive: bool, analysis: PatternAnalysis) -> None:
        key = _key(source, case_sensitive)
        self._used.add(key)
        self._analyses.pop(key, None)
        self._analyses[key] = analysis.to_json()
        self._analyses_dirty = True

    def compiled(self, source: str, case_sensitive: bool) -> regex.Pattern[str]:
        """The pattern compiled by the ``regex`` module: loaded if an earlier run compiled it."""
        if self._compiled is None:
            self._compiled = self._read_compiled()
        key = _key(source, case_sensitive)
        self._used.add(key)
        kept = self._compiled.pop(key, None)
        pattern = _unpickled(kept, key) if isinstance(kept, bytes) else kept
        if pattern is None:
            pattern = compile_pattern(source, case_sensitive)
            self._compiled_dirty = True
        self._compiled[key] = pattern
        return pattern

    def has_compiled(self, source: str, case_sensitive: bool) -> bool:
        """Whether the pattern's compiled form is at hand (kept by an earlier run, or compiled already)."""
        if self._compiled is None:
            self._compiled = self._read_compiled()
        return _key(source, case_sensitive) in self._compiled

    def _read_compiled(self) -> dict[str, regex.Pattern[str] | bytes]:
        if self.folder is None:
            return {}
        try:
            return dict(load_pattern_entries(read_kept(self.folder / self._name("compiled", "pickle"))))
        except OSError:
            return {}

    def save(self) -> None:
        """Write whatever was added since the files were read (atomically; any failure is ignored)."""
        if self.folder is None:
            return
        # What other processes kept since this one read the files (the workers of one run each save)
        # is kept too, this process's entries being the newest: the last to save does not drop theirs.
        # One process at a time re-reads, merges and writes a file: two reading it at once would each
        # write back only its own additions.
        if self._analyses_dirty:
            self._analyses_dirty = False
            name = self._name("analysis", "json")
            with MergingLock(self.folder, name) as held:
                if held:
                    analyses = self._kept(read_json_object(self.folder, name), self._analyses)
                    write_atomically(self.folder, name, json.dumps(analyses).encode("utf-8"))
        if self._compiled_dirty and self._compiled is not None:
            self._compiled_dirty = False
            name = self._name("compiled", "pickle")
            with MergingLock(self.folder, name) as held:
                if held:
                    kept = self._kept(self._read_compiled(), self._compiled)
                    entries = {k: v if isinstance(v, bytes) else dump_pattern(v) for k, v in kept.items()}
                    write_atomically(self.folder, name, dump_plain(entries))

    def _kept(self, saved: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
        """What to save: entries saved by others first, then this process's (the newest, in the order
        last used), the oldest dropped down to the limit or to what this run used, if that is more."""
        kept = {key: value for key, value in saved.items() if key not in mine}
        kept.update(mine)
        _drop_oldest(kept, max(MAX_PATTERNS, len(self._used)))
        return kept


def _analysis_code_fingerprint() -> str:
    """A short hash of the modules whose code decides a pattern's analysis."""
    return files_fingerprint(Path(str(m.__file__)) for m in (pattern_analysis, prefilter, re2_translation))[:12]


def _unpickled(data: bytes, key: str) -> regex.Pattern[str] | None:
    """A kept pattern, if it is what its key says (a pattern compiled from that source, with that case flag)."""
    pattern = load_pattern(data)
    case_sensitive = key.startswith("C:")
    if not is_compiled_from(pattern, key[2:], 0 if case_sensitive else regex.IGNORECASE):
        return None
    return pattern if bool(pattern.flags & regex.IGNORECASE) != case_sensitive else None


def _drop_oldest(entries: dict[str, Any], limit: int) -> None:
    while len(entries) > limit:
        del entries[next(iter(entries))]


def _key(source: str, case_sensitive: bool) -> str:
    return ("C:" if case_sensitive else "I:") + source


def analysis_of(source: str, case_sensitive: bool, cache: AnalysisCache | None) -> tuple[bool, PatternAnalysis]:
    """(known from an earlier run, analysis): answered from the cache where it can be, else worked out."""
    known = cache.get(source, case_sensitive) if cache is not None else None
    if known is not None:
        return True, known
    analysis = analyse(source, case_sensitive)
    if cache is not None:
        cache.put(source, case_sensitive, analysis)
    return False, analysis
