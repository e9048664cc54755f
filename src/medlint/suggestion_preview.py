"""``medlint test-rules --suggestions``: each choice ``fix -i`` offers on a rule's bad examples, in place.

A rule author reads every suggestion as the sentence it would give, for every
form of the match the examples hold, without running a session per example.
The choices are the session's own (``choices_for``), so a phrase the session
leaves out is left out here too.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from medlint.document import Document
from medlint.findings import Finding, Fix
from medlint.fixer import apply_fixes
from medlint.formats import parse_document
from medlint.interactive import choices_for, shown_span
from medlint.rule_tests import EXAMPLE_PATH, findings_for
from medlint.ruleset import Rule


class RenderedChoice(msgspec.Struct, frozen=True):
    kind: str  # "fix", "phrase", "sentence" or "added"
    sentence: str  # the sentence as the choice leaves it, on one line


class FindingPreview(msgspec.Struct, frozen=True):
    """One finding in one bad example, and the choices offered for it."""

    rule: Rule
    example: int  # 1-based
    matched: str
    choices: tuple[RenderedChoice, ...]
    notes: tuple[str, ...]

    def lines(self) -> list[str]:
        where = f"{self.rule.source}: rule {self.rule.id!r}: bad example {self.example}"
        head = f"{where}: {' '.join(self.matched.split())!r}"
        if not self.choices and not self.notes:
            return [head, "  (no choice offered)"]
        width = max((len(c.kind) for c in self.choices), default=0) + 1
        shown = [f"  {n}. {(c.kind + ':').ljust(width)} {c.sentence}" for n, c in enumerate(self.choices, 1)]
        return [head, *shown, *(f"  (left out: {note})" for note in self.notes)]


def preview_rule(rule: Rule) -> Iterator[FindingPreview]:
    """The choices for every finding with a remedy in every bad example of ``rule``."""
    adds = rule.kind == "requires"
    for index, text in enumerate(rule.examples.bad, start=1):
        document = parse_document(EXAMPLE_PATH, text, rule.examples.format)
        for finding in findings_for(rule, text):
            if finding.fix is None and not finding.suggestions:
                continue
            choices, notes = choices_for(document, finding, adds)
            rendered = tuple(_render(document, finding, c.fix, adds) for c in choices)
            yield FindingPreview(rule, index, finding.text, rendered, tuple(notes))


def _render(document: Document, finding: Finding, fix: Fix, adds: bool) -> RenderedChoice:
    first, last = shown_span(document, finding.start, finding.end)
    first, last = min(first, fix.start), max(last, fix.end)
    grown = len(fix.replacement) - (fix.end - fix.start)
    sentence = " ".join(apply_fixes(document.text, [fix])[first : last + grown].split())
    return RenderedChoice(_kind(finding, fix, adds), sentence)


def _kind(finding: Finding, fix: Fix, adds: bool) -> str:
    if fix == finding.fix:
        return "fix"
    if adds:
        return "added"
    return "phrase" if (fix.start, fix.end) == (finding.start, finding.end) else "sentence"
