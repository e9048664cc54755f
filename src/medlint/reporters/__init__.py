"""Output formats. Each reporter turns a run's result into text for stdout, piece by piece."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator

import msgspec

from medlint.findings import Severity
from medlint.ruleset import RuleSet
from medlint.runner import RunResult

# format name -> module in this package defining ``report(result, context) -> Iterator[str]``
REPORTERS = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "rdjson": "rdjson",
    "junit": "junit",
}


class ReportContext(msgspec.Struct, frozen=True):
    """What a reporter may need beyond the findings."""

    rules: RuleSet
    color: bool = False
    line_of: Callable[[str, int], str | None] = lambda path, line: None
    fix_hint: str = "medlint check --fix"
    fail_on: Severity = Severity.WARNING  # the run's fail level (JUnit counts failures by it)
    columns: int = 0  # the terminal's width, which excerpts of source lines keep within; 0: not a terminal
    statistics: bool = False  # text: one line per rule instead of each finding (`check --statistics`)
    # The run read text from stdin (`check -`): `fix -i` cannot fix it, and `--fix` prints it rather than saving it.
    stdin: bool = False


# Pieces are written in chunks of about this many characters: a big report is never held whole.
CHUNK_CHARACTERS = 1 << 16


def report(name: str, result: RunResult, context: ReportContext) -> str:
    """The whole report as one text."""
    return "".join(report_chunks(name, result, context))


def report_chunks(name: str, result: RunResult, context: ReportContext) -> Iterator[str]:
    """The report in chunks, for writing out as it is made."""
    module = importlib.import_module(f"medlint.reporters.{REPORTERS[name]}")
    pieces: Iterable[str] = module.report(result, context)
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARACTERS:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)
