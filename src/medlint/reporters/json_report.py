"""Machine-readable output. The shape is documented in docs/json-format.md and kept stable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from medlint import __version__
from medlint.finding_log import counts_of
from medlint.findings import Finding, Severity
from medlint.reporters import ReportContext
from medlint.reporters.json_stream import PLACEHOLDER, dumps_streaming
from medlint.runner import RunResult

SCHEMA_VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.label,
        "message": finding.message,
        "text": finding.text,
        "suggestions": list(finding.suggestions),
        "fix": None if finding.fix is None else finding.fix.replacement,
        "fix_refused": finding.fix_refused or None,
        "related": [{"path": r.path, "line": r.line, "column": r.column, "text": r.text} for r in finding.related],
    }


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    counts = counts_of(result.findings)
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "medlint", "version": __version__},
        "findings": PLACEHOLDER,
        "errors": [{"path": e.source, "message": e.problem} for e in result.errors],
        "summary": {
            "files": result.files_checked,
            "findings": counts.total,
            "errors": counts.by_severity[Severity.ERROR],
            "warnings": counts.by_severity[Severity.WARNING],
            "info": counts.by_severity[Severity.INFO],
            "fixable": counts.fixable,
            "unreadable": len(result.errors),
            "excluded": len(result.excluded),
            "left_out": sum(f.by_config + f.by_gitignore for f in result.left_out),
        },
    }
    return dumps_streaming(document, (finding_to_dict(f) for f in result.findings))
