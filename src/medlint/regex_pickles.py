"""Compiled ``regex`` patterns kept in files: read so that a file cannot run code.

The ``regex`` module pickles a compiled pattern as a call to its own
constructor with the compiled program, so loading one skips the module's
parser (written in Python, and most of what compiling costs). A pickle may
name any callable, so these files are read by an unpickler that accepts that
constructor and nothing else.
"""

from __future__ import annotations

import importlib
import io
import pickle
from typing import Any

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


def is_compiled_from(pattern: object, source: str | bytes, flags: int) -> bool:
    """Whether a loaded object is ``source`` compiled with (at least) ``flags``."""
    return isinstance(pattern, regex.Pattern) and pattern.pattern == source and pattern.flags & flags == flags
