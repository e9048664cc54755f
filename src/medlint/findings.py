"""The data every check produces and every reporter and the fixer consume."""

from __future__ import annotations

import enum

import msgspec


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so ``>=`` compares with a fail level."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (choose from {choices})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Fix(msgspec.Struct, frozen=True):
    """Replace ``original[start:end]`` with ``replacement`` (character offsets)."""

    start: int
    end: int
    replacement: str


class Related(msgspec.Struct, frozen=True):
    """Another place a finding points to, such as the other side of a contradiction."""

    path: str
    line: int
    column: int
    text: str


class Finding(msgspec.Struct, frozen=True):
    """One problem at one place.

    Lines and columns are 1-based and count characters (code points) of the
    original file; ``end_column`` is exclusive. ``start``/``end`` are the same
    span as character offsets into the decoded text.
    """

    rule: str
    category: str
    severity: Severity
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    # Why the rule's fix is not offered here, when it would break the page ('</b>' inside the word).
    fix_refused: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.rule)
