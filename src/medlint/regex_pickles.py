"""Pickles medlint keeps in files (compiled ``regex`` patterns, results, rule sets, parsed YAML): read
so that a file cannot run code.

The ``regex`` module pickles a compiled pattern as a call to its own
constructor with the compiled program, so loading one skips the module's
parser (written in Python, and most of what compiling costs). A pickle may
name any callable, so these files are read by unpicklers that accept that
constructor, or medlint's own records (msgspec structs) and enums, and nothing else.
"""

from __future__ import annotations

import enum
import importlib
import io
import pickle
from typing import Any

import msgspec
import regex


class _RegexUnpickler(pickle.Unpickler):
    """Reads the regex module's pickles: its constructor is the one callable a file may name."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return importlib.import_module(module).compile
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a medlint cache")


def load_patterns(data: bytes) -> dict[Any, Any]:
    """The dict a pattern file holds; empty if it is damaged, not a dict, or names anything else."""
    try:
        loaded = _RegexUnpickler(io.BytesIO(data)).load()
    except Exception:  # damaged, or written by something else: compile afresh
        return {}
    return loaded if isinstance(loaded, dict) else {}


def dump_patterns(patterns: dict[Any, Any]) -> bytes:
    return pickle.dumps(patterns, pickle.HIGHEST_PROTOCOL)


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain data (strings, bytes, containers): no callable at all may be named."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a medlint cache")


def load_pattern_entries(data: bytes) -> dict[str, bytes]:
    """Each pattern's own pickle by its key, unread: a run unpickles only the patterns it uses.

    Empty if the file is damaged or holds anything but strings mapped to bytes.
    """
    return {key: value for key, value in _plain_dict(data).items() if isinstance(key, str) and isinstance(value, bytes)}


def load_text_entries(data: bytes) -> dict[str, str]:
    """The strings a file of ``dump_plain(dict)`` holds by their key; empty if it is damaged or holds
    anything but strings mapped to strings. (A pickle of strings loads some thirty times faster than
    the same strings in a JSON object, whose escaped quotes each cost a slow step.)"""
    return {key: value for key, value in _plain_dict(data).items() if isinstance(key, str) and isinstance(value, str)}


def _plain_dict(data: bytes) -> dict[Any, Any]:
    """The dict a file of plain data holds; empty if it is damaged, not a dict, or names any callable."""
    try:
        loaded = _PlainUnpickler(io.BytesIO(data)).load()
    except Exception:  # damaged, or written by something else: start afresh
        return {}
    return loaded if isinstance(loaded, dict) else {}


def dump_plain(value: dict[str, str] | dict[str, bytes]) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def load_pattern(data: bytes) -> Any:
    """One entry of ``load_pattern_entries``: a compiled pattern, or None if it is damaged or anything else."""
    try:
        return _RegexUnpickler(io.BytesIO(data)).load()
    except Exception:
        return None


def dump_pattern(pattern: regex.Pattern[str]) -> bytes:
    return pickle.dumps(pattern, pickle.HIGHEST_PROTOCOL)


def is_compiled_from(pattern: object, source: str | bytes, flags: int) -> bool:
    """Whether a loaded object is ``source`` compiled with (at least) ``flags``."""
    return isinstance(pattern, regex.Pattern) and pattern.pattern == source and pattern.flags & flags == flags


# medlint's modules that act when imported: the first runs the command line, the second takes over
# Ctrl-C. They hold no record, and a file naming them must not import them.
_ACTS_WHEN_IMPORTED = frozenset({"medlint.__main__", "medlint.entry"})


class DataUnpickler(pickle.Unpickler):
    """Builds medlint's own records (msgspec structs) and enums, and nothing else: making one sets its fields."""

    def find_class(self, module: str, name: str) -> Any:
        if (module == "medlint" or module.startswith("medlint.")) and module not in _ACTS_WHEN_IMPORTED:
            found = getattr(importlib.import_module(module), name, None)
            if self.may_build(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a medlint cache")

    def may_build(self, found: object) -> bool:
        return isinstance(found, type) and (issubclass(found, msgspec.Struct) or issubclass(found, enum.Enum))
