"""Human-readable output: one block per finding, then a summary line."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import click

from medlint.findings import Finding, Severity
from medlint.reporters import ReportContext
from medlint.runner import RunResult

_SEVERITY_STYLE = {
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow", "bold": True},
    Severity.INFO: {"fg": "blue", "bold": True},
}


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    for finding in result.findings:
        yield _finding(finding, context) + "\n"
    closing = summary(result, context)
    if result.findings:
        closing += "\n" + _NEXT_STEPS
    yield closing + "\n"


_NEXT_STEPS = (
    "`medlint explain RULE` tells why a rule matters; `medlint fix --interactive` walks through the suggestions."
)


def _style(text: str, context: ReportContext, **style: object) -> str:
    return click.style(text, **style) if context.color else text  # type: ignore[arg-type]


def _finding(finding: Finding, context: ReportContext) -> str:
    where = _style(f"{finding.path}:{finding.line}:{finding.column}:", context, bold=True)
    severity = _style(finding.severity.label, context, **_SEVERITY_STYLE[finding.severity])
    rule = _style(f"[{finding.rule}]", context, dim=True)
    lines = [f"{where} {severity} {rule} {finding.message}"]
    lines.extend(_excerpt(finding, context))
    for related in finding.related:
        lines.append(f"   = see {related.path}:{related.line}:{related.column}: {related.text!r}")
    if finding.fix is not None:
        lines.append(_style(f"   = fix: replace with {finding.fix.replacement!r}", context, fg="green"))
        extra = [s for s in finding.suggestions if s != finding.fix.replacement]
    else:
        extra = list(finding.suggestions)
    for suggestion in extra:
        lines.append(_style(f"   = suggestion: {suggestion}", context, fg="cyan"))
    return "\n".join(lines) + "\n"


# Source lines longer than this are cut to a window around the span, so the
# marker stays under the words on an ordinary terminal.
_EXCERPT_WIDTH = 100
_CONTEXT_CHARS = 30


def _excerpt(finding: Finding, context: ReportContext) -> list[str]:
    source = context.line_of(finding.path, finding.line)
    if source is None:
        return []
    gutter = str(finding.line)
    pad = " " * len(gutter)
    shown = source.replace("\t", " ")
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(shown)
    if _width(shown) > _EXCERPT_WIDTH:
        window_start = max(0, start - _CONTEXT_CHARS)
        window_end = min(len(shown), max(end, start + 1) + _CONTEXT_CHARS)
        # Cut between words, not inside one.
        space = shown.find(" ", window_start, start)
        window_start = space + 1 if window_start > 0 and space != -1 else window_start
        space = shown.rfind(" ", max(end, start + 1), window_end)
        window_end = space if window_end < len(shown) and space != -1 else window_end
        prefix = "…" if window_start > 0 else ""
        suffix = "…" if window_end < len(shown) else ""
        shown = prefix + shown[window_start:window_end] + suffix
        start, end = start - window_start + len(prefix), end - window_start + len(prefix)
    lead = _width(shown[:start])
    span = max(1, _width(shown[start:end]))
    marker = " " * lead + _style("^" * span, context, **_SEVERITY_STYLE[finding.severity])
    return [f" {gutter} | {shown}", f" {pad} | {marker}"]


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide characters (CJK, most emoji) take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def summary(result: RunResult, context: ReportContext) -> str:
    files = result.files_checked
    file_word = "file" if files == 1 else "files"
    if not result.findings:
        text = f"No problems found in {files} {file_word}."
    else:
        counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
        parts = [
            f"{n} {label}{'' if n == 1 else 's'}"
            for severity, label in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))
            if (n := counts[severity])
        ]
        parts = [p.replace("infos", "info") for p in parts]
        affected = len({f.path for f in result.findings})
        problems = len(result.findings)
        text = (
            f"Found {problems} problem{'' if problems == 1 else 's'} ({', '.join(parts)}) "
            f"in {affected} of {files} {file_word}."
        )
        fixable = sum(1 for f in result.findings if f.fix is not None)
        if fixable:
            text += f" {fixable} fixable with `{context.fix_hint}`."
    if result.errors:
        count = len(result.errors)
        text += f" {count} file{'' if count == 1 else 's'} could not be read."
    return _style(text, context, bold=True)
