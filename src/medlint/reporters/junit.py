"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines...).

One test suite per checked file. Each finding at or above the fail level is a
test case of it with one ``<failure>``; lower ones are listed in the suite's
``<system-out>``; a file with no such finding has one passing case, and a file
that could not be read one case with an ``<error>``. So every count is of test
cases, as viewers expect: a suite's failures never outnumber its tests.
Paths are relative to the repository root, as in ``sarif`` and ``github``: GitLab
links a case's ``file`` to the repository's file of that path, and the GitHub
actions that annotate from JUnit reports (action-junit-report, test-reporter)
look it up from the repository root, so a path relative to a subfolder, or
``./``-prefixed, or absolute, names no file of the pull request.
Characters XML 1.0 cannot hold (control characters) are replaced.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator

from medlint.findings import Finding
from medlint.own_patterns import compiled
from medlint.paths import undecodable_escaped
from medlint.reporters import ReportContext
from medlint.reporters.locations import relative_path, source_root
from medlint.reporters.text import not_fixed
from medlint.runner import RunResult

_NOT_XML = compiled(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", undecodable_escaped(text))


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    root = source_root()
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_path[finding.path].append(finding)
    suites = ET.Element("testsuites", name="medlint")
    for path in dict.fromkeys([*result.checked, *by_path]):
        _file_suite(suites, relative_path(path, root), by_path.get(path, []), context)
    for error in result.errors:
        source = relative_path(error.source, root)
        suite = _suite(suites, source)
        case = ET.SubElement(suite, "testcase", classname=_clean(source), name="medlint")
        ET.SubElement(case, "error", message=_clean(error.problem), type="unreadable")
    for suite in suites:
        suite.set("tests", str(len(suite.findall("testcase"))))
        suite.set("failures", str(len(suite.findall("testcase/failure"))))
        suite.set("errors", str(len(suite.findall("testcase/error"))))
    for name in ("tests", "failures", "errors"):
        suites.set(name, str(sum(int(suite.get(name, "0")) for suite in suites)))
    ET.indent(suites)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _suite(suites: ET.Element, path: str) -> ET.Element:
    return ET.SubElement(suites, "testsuite", name=_clean(path), file=_clean(path), skipped="0")


def _file_suite(suites: ET.Element, path: str, findings: list[Finding], context: ReportContext) -> None:
    suite = _suite(suites, path)
    failing = [f for f in findings if f.severity >= context.fail_on]
    for finding in failing:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_clean(path),
            name=_clean(f"{finding.rule} at {finding.line}:{finding.column}"),
            file=_clean(path),
            line=str(finding.line),
        )
        failure = ET.SubElement(
            case, "failure", message=_clean(f"{finding.line}:{finding.column} {finding.message}"), type=finding.rule
        )
        failure.text = _clean(_describe(finding, path))
    if not failing:
        ET.SubElement(suite, "testcase", classname=_clean(path), name="medlint", file=_clean(path))
    quiet = [_describe(f, path) for f in findings if f.severity < context.fail_on]
    if quiet:
        ET.SubElement(suite, "system-out").text = _clean("\n".join(quiet))


def _describe(finding: Finding, path: str) -> str:
    lines = [
        f"{path}:{finding.line}:{finding.column}: {finding.severity.label} [{finding.rule}] {finding.message}",
        f"  text: {finding.text}",
    ]
    if finding.fix is not None:
        lines.append(f"  fix: replace with '{finding.fix.replacement}'")
    if finding.fix_refused:
        lines.append(f"  {not_fixed(finding)}")
    lines.extend(
        f"  suggestion: {s}" for s in finding.suggestions if finding.fix is None or s != finding.fix.replacement
    )
    return "\n".join(lines)
