"""SARIF 2.1.0, as GitHub code scanning (and other SARIF viewers) read it.

Every rule in force is described in ``tool.driver.rules`` (help from its
rationale, suggestions and references); each finding is a result with a
region, a fingerprint that survives lines moving, its safe fix if it has one,
and related locations. Paths are relative to the repository root
(``%SRCROOT%``); columns count UTF-16 code units (``columnKind``), as GitHub does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from medlint import __version__
from medlint.baseline import fingerprint
from medlint.findings import Finding, Severity
from medlint.messages import render
from medlint.reporters import ReportContext
from medlint.reporters.json_stream import PLACEHOLDER, dumps_streaming
from medlint.reporters.locations import position, relative_path, source_root, utf16_column
from medlint.reporters.text import not_fixed
from medlint.review import text_reader
from medlint.rule_docs import rule_markdown
from medlint.ruleset import Rule
from medlint.runner import RunResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    root = source_root()
    rules = list(context.rules)
    index = {rule.id: i for i, rule in enumerate(rules)}
    descriptors = [_descriptor(rule) for rule in rules]
    for finding in result.findings:  # a finding of a rule not in the set still needs a descriptor
        if finding.rule not in index:
            index[finding.rule] = len(descriptors)
            descriptors.append(_bare_descriptor(finding))
    text_of = text_reader(result)

    def location(path: str) -> dict[str, Any]:
        # A URI holds bytes: a name that is not UTF-8 (its bytes held as surrogates) keeps them.
        relative = relative_path(path, root).encode("utf-8", "surrogateescape")
        if relative.startswith(b"/"):
            return {"uri": "file://" + quote(relative)}
        return {"uri": quote(relative), "uriBaseId": ROOT_ID}

    def region(path: str, line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
        return {
            "startLine": line,
            "startColumn": utf16_column(context.line_of(path, line), column),
            "endLine": end_line,
            "endColumn": utf16_column(context.line_of(path, end_line), end_column),
        }

    def fixes(finding: Finding) -> list[dict[str, Any]]:
        if finding.fix is None:
            return []
        fix = finding.fix
        if (fix.start, fix.end) == (finding.start, finding.end):
            span = (finding.line, finding.column, finding.end_line, finding.end_column)
        else:
            text = text_of(finding.path)
            if text is None:
                return []
            span = (*position(text, fix.start), *position(text, fix.end))
        replacement = {"deletedRegion": region(finding.path, *span), "insertedContent": {"text": fix.replacement}}
        return [
            {
                "description": {"text": f"Replace with '{fix.replacement}'"},
                "artifactChanges": [{"artifactLocation": location(finding.path), "replacements": [replacement]}],
            }
        ]

    def sarif_result(finding: Finding) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": LEVEL[finding.severity],
            "message": {"text": _message(finding)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location(finding.path),
                        "region": {
                            **region(finding.path, finding.line, finding.column, finding.end_line, finding.end_column),
                            "snippet": {"text": finding.text},
                        },
                    }
                }
            ],
            "partialFingerprints": {"medlintContext/v1": fingerprint(finding, text_of(finding.path))},
            "properties": {"category": finding.category, "suggestions": list(finding.suggestions)},
        }
        if finding.fix_refused:  # for tools; the message says it for people
            entry["properties"]["fixRefused"] = finding.fix_refused
        if finding.fix is not None:
            entry["fixes"] = fixes(finding)
        if finding.related:
            entry["relatedLocations"] = [
                {
                    "id": number,
                    "message": {"text": related.text},
                    "physicalLocation": {
                        "artifactLocation": location(related.path),
                        "region": {
                            "startLine": related.line,
                            "startColumn": utf16_column(context.line_of(related.path, related.line), related.column),
                        },
                    },
                }
                for number, related in enumerate(finding.related, 1)
            ]
        return entry

    notifications = [
        {
            "level": "error",
            "message": {"text": error.problem},
            "locations": [{"physicalLocation": {"artifactLocation": location(error.source)}}],
        }
        for error in result.errors
    ]
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "medlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {ROOT_ID: {"uri": root.as_uri() + "/"}},
                "columnKind": "utf16CodeUnits",
                "invocations": [
                    {"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}
                ],
                "results": PLACEHOLDER,
            }
        ],
    }
    return dumps_streaming(document, (sarif_result(f) for f in result.findings))


def _message(finding: Finding) -> str:
    message = finding.message
    if finding.fix_refused:
        message += f" {not_fixed(finding, sentence=True)}"
    if not finding.suggestions:
        return message
    return f"{message} Consider: " + " / ".join(f"'{s}'" for s in finding.suggestions)


def _descriptor(rule: Rule) -> dict[str, Any]:
    short = render(rule.message, match="…", replacement="…", other="…", value="…", expected="…")
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.rationale or short},
        "help": {"text": _help_text(rule, short), "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "category": rule.category,
            "pack": rule.pack,
            "tags": list(dict.fromkeys(["medlint", rule.pack, rule.category])),
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
            "precision": "high",
        },
    }
    url = next((r.url for r in rule.references if r.url), None)
    if url:
        descriptor["helpUri"] = url
    return descriptor


def _bare_descriptor(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.rule,
        "shortDescription": {"text": finding.rule},
        "defaultConfiguration": {"level": LEVEL[finding.severity]},
        "properties": {"category": finding.category, "tags": list(dict.fromkeys(["medlint", finding.category]))},
    }


def _help_text(rule: Rule, short: str) -> str:
    parts = [short]
    if rule.rationale:
        parts.append(rule.rationale)
    if rule.suggestions:
        parts.append("Write instead:\n" + "\n".join(f"- {s}" for s in rule.suggestions))
    if rule.references:
        parts.append(
            "References:\n" + "\n".join(f"- {r.title} ({r.url})" if r.url else f"- {r.title}" for r in rule.references)
        )
    return "\n\n".join(parts)
