"""Where findings are made: run a rule set over documents.

``check_document`` runs every document-level rule over one document and turns
hits into Findings; it also collects what run-level rules need from it.
``finish_run`` lets run-level rules compare what they collected across
documents. Filters (accepted terms, scope) are applied here, so every check
kind gets them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import msgspec
import regex
from msgspec.structs import replace

from medlint.checks.base import Hit, Record
from medlint.document import Document
from medlint.findings import Finding
from medlint.fitting import fitted, why_unfit
from medlint.messages import render
from medlint.patterns import MATCH_TIMEOUT_SECONDS, combine, compile_pattern
from medlint.ruleset import Rule, RuleSet
from medlint.span_set import SpanSet
from medlint.suppressions import (
    Pending,
    apply_document,
    hide_records,
    quoted_in,
    settle_run,
    suppressed_in,
    suppressed_rules,
)

# A finding, or a record of a run-level rule: anything with a span on its page.
_Spanned = TypeVar("_Spanned", bound=Record)


class DocumentResult(msgspec.Struct, frozen=True):
    """What checking one document produced. Picklable, and small: no document text."""

    path: str
    findings: tuple[Finding, ...]
    records: Mapping[str, list[Any]] = msgspec.field(default_factory=dict)
    notices: tuple[str, ...] = ()
    # Suppressions that may still hide a run-level finding of this document.
    pending: Pending | None = None


class Engine(msgspec.Struct, frozen=True):
    """A rule set, ready to check documents."""

    rules: RuleSet
    accepted: regex.Pattern[str] | None = None

    @classmethod
    def build(cls, rules: RuleSet, accept: Iterable[str] = ()) -> Engine:
        terms = list(accept)
        return cls(rules, compile_pattern(combine(terms, [], {})) if terms else None)

    def check_document(self, document: Document) -> DocumentResult:
        notices: list[str] = document.warning_notices()
        rules = self.rules.document_rules
        document.suppressed = suppressed_in(document, self.rules)
        findings = self._findings(document, [r for r in rules if not r.check.weighs_statements], notices)
        # What a suppression hides is a quote, not the page's, for every check that weighs statements.
        document.quoted = quoted_in(findings, document.suppressed)
        findings += self._findings(document, [r for r in rules if r.check.weighs_statements], notices)
        findings = self._unaccepted(document, without_superseded(findings, self.rules))
        records = self._records(document, notices)
        # Suppression comments live in the original text (the prose view blanks them).
        findings, records, pending = apply_document(document, findings, records, self.rules)
        findings.sort(key=lambda f: f.sort_key)
        return DocumentResult(document.path, tuple(findings), records, tuple(notices), pending)

    def _findings(self, document: Document, rules: Sequence[Rule], notices: list[str]) -> list[Finding]:
        findings: list[Finding] = []
        for rule in rules:
            try:
                findings.extend(
                    make_finding(rule, document, hit)
                    for hit in rule.check.hits(document, rule)
                    if rule.in_scope(document.kind_at(hit.start))
                )
            except (TimeoutError, MemoryError) as error:
                notices.append(_stopped(rule, document, error))
        return findings

    def collect(self, document: Document) -> DocumentResult:
        """Only what run-level rules need from a page that is compared against, not reported on (--site)."""
        notices: list[str] = []
        self._mark_quotes(document, notices)
        records = hide_records(document, self._records(document, notices), self.rules)
        return DocumentResult(document.path, (), records, tuple(notices))

    def _mark_quotes(self, document: Document, notices: list[str]) -> None:
        """Set what the page's suppressions cover, as ``check_document`` does, on a page only compared against.

        Only the rules a suppression of the page names are run, and only on a page that has one.
        """
        document.suppressed = suppressed_in(document, self.rules)
        named = suppressed_rules(document, self.rules)
        if not named:
            return
        rules = [r for r in self.rules.document_rules if r.id in named and not r.check.weighs_statements]
        document.quoted = quoted_in(self._findings(document, rules, notices), document.suppressed)

    def _records(self, document: Document, notices: list[str]) -> dict[str, list[Record]]:
        """What run-level rules collect from a page, but for statements in accepted wording or in a quote."""
        records: dict[str, list[Record]] = {}
        for rule in self.rules.run_rules:
            try:
                records[rule.id] = self._unaccepted(
                    document, self._unquoted(document, rule, rule.check.collect(document, rule))
                )
            except (TimeoutError, MemoryError) as error:
                notices.append(_stopped(rule, document, error))
        return records

    @staticmethod
    def _unquoted(document: Document, rule: Rule, records: Sequence[Record]) -> Sequence[Record]:
        """The records but those in the words of a finding a suppression hides (a quote is not the page's).

        A record a suppression of its own rule covers stays, for that suppression to hide (and count as used).
        """
        return [r for r in records if document.suppressed(rule.id, r.start) or not document.quoted(r.start)]

    def finish_run(self, results: Sequence[tuple[DocumentResult, bool]]) -> list[Finding]:
        """Findings of run-level rules; ``results`` pairs each result with 'report on it'."""
        findings: list[Finding] = []
        for rule in self.rules.run_rules:
            records = [(record, report) for result, report in results for record in result.records.get(rule.id, [])]
            findings.extend(rule.check.finish(rule, records))
        pending = (r.pending for r, report in results if report and r.pending is not None)
        findings = settle_run(findings, pending, self.rules)
        return sorted(findings, key=lambda f: f.sort_key)

    def _unaccepted(self, document: Document, items: Sequence[_Spanned]) -> list[_Spanned]:
        """Findings or records, but those inside wording the config accepts."""
        if self.accepted is None or not items:
            return list(items)
        # Found once a page: the findings and every run-level rule's records ask the same.
        key = ("accepted wording", 0)
        if key not in document.context_answers:
            document.context_answers[key] = [
                document.file_span(*m.span()) for m in self.accepted.finditer(document.prose)
            ]
        spans: list[tuple[int, int]] = document.context_answers[key]
        return [i for i in items if not any(s <= i.start and i.end <= e for s, e in spans)]


def without_superseded(findings: Sequence[Finding], rules: RuleSet) -> list[Finding]:
    """The findings but those another rule in force reports more specifically on overlapping words.

    A rule's ``supersedes`` names the rules it replaces there ("no risk of infection" is a
    no-side-effects finding, not a risk-free one too): a writer sees one finding per problem.
    """
    superseding = {rule.id: rule.supersedes for rule in rules if rule.supersedes}
    hidden_spans: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        for superseded in superseding.get(finding.rule, ()):
            hidden_spans.setdefault(superseded, []).append((finding.start, finding.end))
    if not hidden_spans:
        return list(findings)
    # By bisection: a page of thousands of claims would ask every finding of one rule about every other's.
    hidden = {rule: SpanSet(spans) for rule, spans in hidden_spans.items()}
    return [f for f in findings if f.rule not in hidden or not hidden[f.rule].overlaps(f.start, f.end)]


def make_finding(rule: Rule, document: Document, hit: Hit) -> Finding:
    """The one place a check's hit becomes a Finding with positions and wording.

    A hit is a span of the prose view; the finding's span and fix are the file's (see Document.file_span).
    """
    start, end = document.file_span(hit.start, hit.end)
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    text = document.text[start:end]
    fix = hit.fix
    if fix is not None and document.joins:
        fix_start, fix_end = document.file_span(fix.start, fix.end)
        fix = replace(fix, start=fix_start, end=fix_end)
    # A fix whose span runs into markup or code, or whose wording would end the markup around
    # it (a quote in a quoted value), would break it: offer none, and say why. In a JavaScript
    # string the wording's quotes are escaped instead.
    fitting = None if fix is None else fitted(document, fix, markup=True)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        path=document.path,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text,
        message=hit.message
        if hit.message is not None
        else render(rule.message, match=document.quote(hit.start, hit.end)),
        suggestions=rule.suggestions_for(
            hit.suggestions if hit.suggestions is not None else rule.suggestions, document.prose[hit.start : hit.end]
        ),
        fix=fitting,
        related=hit.related,
        fix_refused=why_unfit(document, fix) if fix is not None and fitting is None else "",
    )


def _stopped(rule: Rule, document: Document, error: Exception) -> str:
    """The notice for a rule whose pattern was stopped on a page: by its time budget, or because the
    regex module ran out of room (a pattern that recurses into itself without end, as '(?R)?x')."""
    if isinstance(error, MemoryError):
        stopped, why = "stopped", "its pattern recurses without end"
    else:
        stopped, why = f"stopped after {MATCH_TIMEOUT_SECONDS:g}s", "its pattern backtracks too much"
    return f"{rule.source}: rule {rule.id!r} {stopped} on {document.path} ({why}); other rules still ran"
