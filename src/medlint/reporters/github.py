"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

    ::error file=docs/a.md,line=3,col=5,endLine=3,endColumn=17,title=medlint non-invasive-injection::message

Severity maps to ``error``, ``warning`` or ``notice``. Paths are relative to the
repository root; columns count UTF-16 code units, as GitHub does, and are left
out when a finding spans lines (GitHub ignores them there). Values are escaped
as the Actions toolkit does: ``%``, CR and LF everywhere, and ``:`` and ``,``
in properties. A summary line ends the output.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.findings import Finding, Severity
from medlint.paths import undecodable_escaped
from medlint.reporters import ReportContext
from medlint.reporters.locations import relative_path, source_root, utf16_column
from medlint.reporters.text import not_fixed, summary
from medlint.runner import RunResult

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return undecodable_escaped(escape_data(value)).replace(":", "%3A").replace(",", "%2C")


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    root = source_root()
    for finding in result.findings:
        yield _annotation(finding, context, relative_path(finding.path, root)) + "\n"
    for error in result.errors:
        where = escape_property(relative_path(error.source, root))
        yield f"::error file={where},title=medlint::{escape_data(error.problem)}\n"
    yield summary(result, ReportContext(rules=context.rules, stdin=context.stdin)) + "\n"


def _annotation(finding: Finding, context: ReportContext, path: str) -> str:
    properties = [f"file={escape_property(path)}", f"line={finding.line}"]
    if finding.end_line == finding.line:
        line_text = context.line_of(finding.path, finding.line)
        properties += [
            f"col={utf16_column(line_text, finding.column)}",
            f"endLine={finding.end_line}",
            f"endColumn={utf16_column(line_text, finding.end_column)}",
        ]
    else:
        properties.append(f"endLine={finding.end_line}")
    properties.append(f"title={escape_property(f'medlint {finding.rule} ({finding.category})')}")
    message = finding.message
    if finding.fix is not None:
        message += f"\nFix: replace with '{finding.fix.replacement}' (medlint check --fix)."
    if finding.fix_refused:
        message += f"\n{not_fixed(finding, sentence=True)}"
    suggestions = [s for s in finding.suggestions if finding.fix is None or s != finding.fix.replacement]
    if suggestions:
        message += "\nConsider: " + " / ".join(f"'{s}'" for s in suggestions)
    return f"::{COMMAND[finding.severity]} {','.join(properties)}::{escape_data(message)}"
