"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines...).

One test case per checked file; each finding at or above the fail level is a
``<failure>`` of it, lower ones are listed in ``<system-out>``; a file that
could not be read is an ``<error>``. A file with nothing to report passes.
Characters XML 1.0 cannot hold (control characters) are replaced.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator

from medlint.findings import Finding
from medlint.own_patterns import compiled
from medlint.reporters import ReportContext
from medlint.runner import RunResult

_NOT_XML = compiled(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_path[finding.path].append(finding)
    paths = list(dict.fromkeys([*result.checked, *by_path]))
    errors = {error.source: error.problem for error in result.errors}
    fail_level = context.fail_on
    failures = sum(1 for f in result.findings if f.severity >= fail_level)

    suites = ET.Element(
        "testsuites",
        name="medlint",
        tests=str(len(paths) + len(errors)),
        failures=str(failures),
        errors=str(len(errors)),
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="medlint",
        tests=str(len(paths) + len(errors)),
        failures=str(failures),
        errors=str(len(errors)),
        skipped="0",
    )
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="medlint", name=_clean(path), file=_clean(path))
        quiet = []
        for finding in by_path.get(path, []):
            if finding.severity < fail_level:
                quiet.append(_describe(finding))
                continue
            failure = ET.SubElement(
                case,
                "failure",
                message=_clean(f"{finding.line}:{finding.column} {finding.message}"),
                type=finding.rule,
            )
            failure.text = _clean(_describe(finding))
        if quiet:
            ET.SubElement(case, "system-out").text = _clean("\n".join(quiet))
    for source, problem in errors.items():
        case = ET.SubElement(suite, "testcase", classname="medlint", name=_clean(source), file=_clean(source))
        ET.SubElement(case, "error", message=_clean(problem), type="unreadable")
    ET.indent(suites)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _describe(finding: Finding) -> str:
    lines = [
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.label} [{finding.rule}] {finding.message}",
        f"  text: {finding.text}",
    ]
    if finding.fix is not None:
        lines.append(f"  fix: replace with '{finding.fix.replacement}'")
    lines.extend(
        f"  suggestion: {s}" for s in finding.suggestions if finding.fix is None or s != finding.fix.replacement
    )
    return "\n".join(lines)
