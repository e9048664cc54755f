"""reviewdog's Diagnostic Format (rdjson): ``reviewdog -f=rdjson`` posts these as review comments.

One DiagnosticResult holding a Diagnostic per finding: message, location with
an end-exclusive range, severity, the rule as ``code``, and the safe fix as a
suggestion (reviewdog turns it into a suggested change). rdjson counts columns
in UTF-8 bytes; paths are relative to the working folder, which reviewdog
joins to that folder's place in the repository (a path relative to the
repository root, from a subfolder, would name no file of the pull request).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from medlint.finding_log import counts_of
from medlint.findings import Finding, Severity
from medlint.reporters import ReportContext
from medlint.reporters.json_stream import PLACEHOLDER, dumps_streaming
from medlint.reporters.locations import position, source_root, utf8_column, working_relative_path
from medlint.reporters.text import not_fixed
from medlint.review import text_reader
from medlint.runner import RunResult

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    root = source_root()
    text_of = text_reader(result)
    urls = {rule.id: next((r.url for r in rule.references if r.url), "") for rule in context.rules}

    def point(path: str, line: int, column: int) -> dict[str, int]:
        return {"line": line, "column": utf8_column(context.line_of(path, line), column)}

    def diagnostic(finding: Finding) -> dict[str, Any]:
        path = working_relative_path(finding.path, root)
        span = {
            "start": point(finding.path, finding.line, finding.column),
            "end": point(finding.path, finding.end_line, finding.end_column),
        }
        code: dict[str, str] = {"value": finding.rule}
        if urls.get(finding.rule):
            code["url"] = urls[finding.rule]
        # No field holds why --fix leaves it: the message says so, as a reviewer reads it there.
        message = f"{finding.message} {not_fixed(finding, sentence=True)}" if finding.fix_refused else finding.message
        entry: dict[str, Any] = {
            "message": message,
            "location": {"path": path, "range": span},
            "severity": SEVERITY[finding.severity],
            "source": {"name": "medlint"},
            "code": code,
            "original_output": f"{finding.path}:{finding.line}:{finding.column}: {finding.message}",
        }
        if finding.fix is not None:
            fix = finding.fix
            fix_span = span
            if (fix.start, fix.end) != (finding.start, finding.end):
                text = text_of(finding.path)
                if text is not None:
                    start, end = position(text, fix.start), position(text, fix.end)
                    fix_span = {"start": point(finding.path, *start), "end": point(finding.path, *end)}
            entry["suggestions"] = [{"range": fix_span, "text": fix.replacement}]
        return entry

    document: dict[str, Any] = {"source": {"name": "medlint"}, "diagnostics": PLACEHOLDER}
    by_severity = counts_of(result.findings).by_severity
    if worst := max((s for s, n in by_severity.items() if n), default=None):
        document["severity"] = SEVERITY[worst]
    return dumps_streaming(document, (diagnostic(f) for f in result.findings))
