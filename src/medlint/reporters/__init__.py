"""Output formats. Each reporter turns a run's result into text for stdout."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from medlint.findings import Severity
from medlint.ruleset import RuleSet
from medlint.runner import RunResult

# format name -> module in this package defining ``report(result, context) -> str``
REPORTERS = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "rdjson": "rdjson",
    "junit": "junit",
}


@dataclass(frozen=True)
class ReportContext:
    """What a reporter may need beyond the findings."""

    rules: RuleSet
    color: bool = False
    line_of: Callable[[str, int], str | None] = field(default=lambda path, line: None)
    fix_hint: str = "medlint check --fix"
    fail_on: Severity = Severity.WARNING  # the run's fail level (JUnit counts failures by it)


def report(name: str, result: RunResult, context: ReportContext) -> str:
    module = importlib.import_module(f"medlint.reporters.{REPORTERS[name]}")
    output: str = module.report(result, context)
    return output
