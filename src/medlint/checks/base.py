"""What a check kind is, and what it hands back to the engine.

A rule's ``kind`` names a check kind in ``medlint.checks.KINDS``. Each kind is
a class with:

- ``FIELDS``: the YAML fields it reads beyond the common ones (anything else is
  an error, so a typo in a rule file is reported, not ignored);
- ``from_fields(fields, context)``: build the check from those fields;
- a ``level``: ``"document"`` kinds look at one document at a time and yield
  Hits (DocumentCheck); ``"run"`` kinds implement ``collect`` and ``finish``
  to compare documents with each other (RunCheck).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import msgspec

if TYPE_CHECKING:
    from medlint.analysis_cache import AnalysisCache
    from medlint.document import Document
    from medlint.findings import Finding, Fix, Related
    from medlint.ruleset import Rule


class Hit(msgspec.Struct, frozen=True):
    """A span a check found, before the engine turns it into a Finding.

    ``message`` and ``suggestions`` override the rule's when a check has
    something more specific to say (``{match}`` is filled in by the engine).
    """

    start: int
    end: int
    message: str | None = None
    suggestions: tuple[str, ...] | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()


class ParseContext(msgspec.Struct, frozen=True):
    """What a kind may need while it reads a rule: where it is, named patterns, settings."""

    source: str
    rule_id: str
    macros: Mapping[str, str]
    settings: Mapping[str, Any] = msgspec.field(default_factory=dict)
    # Answers about patterns remembered from earlier runs (see medlint.analysis_cache).
    analysis_cache: AnalysisCache | None = None


class DocumentCheck(Protocol):
    FIELDS: ClassVar[frozenset[str]]
    level: ClassVar[str]
    # Whether the check weighs a page's statements against each other or against a need (and so
    # passes over the ones ``Document.suppressed`` covers): such checks run after the others.
    weighs_statements: ClassVar[bool]

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]: ...


class Record(Protocol):
    """What a run-level check keeps of one statement on a page, and where the statement stands.

    The span lets the engine treat a statement as it treats a finding: one that a
    suppression comment covers, or that stands in accepted wording, is not the
    page's to compare.
    """

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class RunCheck(Protocol):
    """A check across the documents of a run.

    ``collect`` is called once per document and returns small, picklable
    records (never the document itself), so memory stays flat and documents can
    be checked in worker processes. ``finish`` gets every record of the run,
    each with whether its document is reported on (with ``--site`` the other
    pages are only compared against), and yields findings.
    """

    FIELDS: ClassVar[frozenset[str]]
    level: ClassVar[str]

    def collect(self, document: Document, rule: Rule) -> Sequence[Record]: ...

    def finish(self, rule: Rule, records: Sequence[tuple[Any, bool]]) -> Iterator[Finding]: ...
