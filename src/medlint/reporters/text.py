"""Human-readable output: one block per finding, then a summary line."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import click

from medlint.discovery import LeftOut
from medlint.finding_log import counts_of
from medlint.findings import Finding, Severity
from medlint.paths import shown, visible
from medlint.reporters import ReportContext
from medlint.runner import RunResult
from medlint.suppressions import MISSING_REASON

_SEVERITY_STYLE = {
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow", "bold": True},
    Severity.INFO: {"fg": "blue", "bold": True},
}


def not_fixed(finding: Finding, sentence: bool = False) -> str:
    """Why ``--fix`` leaves a finding alone, as every report words it ("" if it does not);
    with ``sentence``, as a sentence to follow the message."""
    if not finding.fix_refused:
        return ""
    said = f"not fixed: {finding.fix_refused}; edit it by hand"
    return f"N{said[1:]}." if sentence else said


def report(result: RunResult, context: ReportContext) -> Iterator[str]:
    reasons_missing = 0
    by_rule: dict[str, _RuleCount] = {}
    for finding in result.findings:
        reasons_missing += finding.rule == MISSING_REASON
        if context.statistics:
            counted = by_rule.setdefault(finding.rule, _RuleCount(finding.severity))
            counted.found += 1
            counted.fixable += finding.fix is not None
        else:
            yield _finding(finding, context) + "\n"
    if by_rule:
        yield _statistics(by_rule, context) + "\n"
    closing = summary(result, context)
    if result.findings:
        # `fix --interactive` saves to files, and refuses a run that reads stdin: not offered for one.
        closing += "\n" + (_EXPLAIN + "." if context.stdin else f"{_EXPLAIN}; {_WALK_THROUGH}.")
    if reasons_missing:
        which = "1 suppression gives" if reasons_missing == 1 else f"{reasons_missing} suppressions give"
        ask = "" if context.stdin else "`medlint fix --interactive` asks for each, or "
        closing += f"\n{which} no reason: {ask}write it after ' -- ' in the comment."
    yield closing + "\n"


class _RuleCount:
    __slots__ = ("fixable", "found", "severity")

    def __init__(self, severity: Severity) -> None:
        self.severity = severity
        self.found = 0
        self.fixable = 0


def _statistics(by_rule: dict[str, _RuleCount], context: ReportContext) -> str:
    """One line per rule, the most found first: how many, the rule, its severity, how many are fixable."""
    rows = sorted(by_rule.items(), key=lambda item: (-item[1].found, item[0]))
    count_width = len(str(rows[0][1].found))
    rule_width = max(len(rule) for rule, _ in rows)
    lines = []
    for rule, counted in rows:
        label = counted.severity.label
        severity = _style(label, context, **_SEVERITY_STYLE[counted.severity]) + " " * (7 - len(label))
        fixable = f"  {counted.fixable} fixable" if counted.fixable else ""
        lines.append(f"{counted.found:>{count_width}}  {rule:<{rule_width}}  {severity}{fixable}".rstrip())
    return "\n".join(lines) + "\n"


_EXPLAIN = "`medlint explain RULE` tells why a rule matters"
_WALK_THROUGH = "`medlint fix --interactive` walks through the suggestions"


def _style(text: str, context: ReportContext, **style: object) -> str:
    return click.style(text, **style) if context.color else text  # type: ignore[arg-type]


def _finding(finding: Finding, context: ReportContext) -> str:
    where = _style(f"{shown(finding.path)}:{finding.line}:{finding.column}:", context, bold=True)
    severity = _style(finding.severity.label, context, **_SEVERITY_STYLE[finding.severity])
    rule = _style(f"[{finding.rule}]", context, dim=True)
    lines = [f"{where} {severity} {rule} {finding.message}"]
    lines.extend(_excerpt(finding, context))
    for related in finding.related:
        lines.append(f"   = see {shown(related.path)}:{related.line}:{related.column}: {related.text!r}")
    if finding.fix is not None:
        lines.append(_style(f"   = fix: replace with {finding.fix.replacement!r}", context, fg="green"))
        extra = [s for s in finding.suggestions if s != finding.fix.replacement]
    else:
        extra = list(finding.suggestions)
    if finding.fix_refused:
        lines.append(_style(f"   = {not_fixed(finding)}", context, fg="yellow"))
    for suggestion in extra:
        lines.append(_style(f"   = suggestion: {suggestion}", context, fg="cyan"))
    return "\n".join(lines) + "\n"


# Source lines longer than this are cut to a window around the span, so the
# marker stays under the words on an ordinary terminal (on a narrower one, its width:
# a line the terminal wrapped would leave the marker under other words).
_EXCERPT_WIDTH = 100
_CONTEXT_CHARS = 30
_NARROWEST = 30


def _excerpt(finding: Finding, context: ReportContext) -> list[str]:
    source = context.line_of(finding.path, finding.line)
    if source is None:
        return []
    gutter = str(finding.line)
    pad = " " * len(gutter)
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(source)
    width = _EXCERPT_WIDTH
    if context.columns:  # less the gutter (" 12 | ") and a column, as a terminal wraps at its last one
        width = max(_NARROWEST, min(width, context.columns - len(gutter) - 5))
    # A page may be one long line with thousands of findings: only the window around each is read.
    if len(source) > 2 * width or _width(source) > width:
        around = _CONTEXT_CHARS
        if context.columns:  # words each side of the span, as many as fit (an ellipsis each side takes one)
            around = max(0, min(around, (width - 2 - _width(source[start:end])) // 2))
        window_start = max(0, start - around)
        window_end = min(len(source), max(end, start + 1) + around)
        if context.columns and window_end - window_start > width - 2:
            # A span wider than the terminal: its start, marked to the edge, then "…".
            window_end = window_start + width - 2
            end = min(end, window_end)
        # Cut between words, not inside one.
        space = source[window_start:start].replace("\t", " ").find(" ")
        window_start = window_start + space + 1 if window_start > 0 and space != -1 else window_start
        space = source[max(end, start + 1) : window_end].replace("\t", " ").rfind(" ")
        window_end = max(end, start + 1) + space if window_end < len(source) and space != -1 else window_end
        prefix = "…" if window_start > 0 else ""
        suffix = "…" if window_end < len(source) else ""
        shown = prefix + visible(source[window_start:window_end]) + suffix
        start, end = start - window_start + len(prefix), end - window_start + len(prefix)
    else:
        shown = visible(source)
    lead = _width(shown[:start])
    span = max(1, _width(shown[start:end]))
    marker = " " * lead + _style("^" * span, context, **_SEVERITY_STYLE[finding.severity])
    return [f" {gutter} | {shown}", f" {pad} | {marker}"]


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide characters (CJK, most emoji) take two."""
    if text.isascii():
        return len(text)  # no ASCII character is wide or combining
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def summary(result: RunResult, context: ReportContext) -> str:
    files = result.files_checked
    file_word = "file" if files == 1 else "files"
    counts = counts_of(result.findings)
    if not files:
        # Not "no problems found": nothing could be read, all was excluded, or no file was there to check.
        text = "No file was checked."
    elif not counts.total:
        text = f"No problems found in {files} {file_word}."
    else:
        parts = [
            f"{n} {label}{'' if n == 1 else 's'}"
            for severity, label in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))
            if (n := counts.by_severity[severity])
        ]
        parts = [p.replace("infos", "info") for p in parts]
        affected = len(counts.paths)
        problems = counts.total
        text = (
            f"Found {problems} problem{'' if problems == 1 else 's'} ({', '.join(parts)}) "
            f"in {affected} of {files} {file_word}."
        )
        fixable = counts.fixable
        if fixable and context.stdin:  # stdin's text is not saved anywhere: --fix prints it, fixed
            text += f" {fixable} fixable with `--fix`, which prints the fixed text."
        elif fixable:
            text += f" {fixable} fixable with `{context.fix_hint}`."
        if counts.fix_refused:
            refused = counts.fix_refused
            text += f" {refused} not fixable here without breaking the markup (see 'not fixed')."
    if result.errors:
        count = len(result.errors)
        text += f" {count} file{'' if count == 1 else 's'} could not be read."
    if result.excluded:
        text += " " + excluded_note(result)
    if not files:
        text += "".join(" " + left_out_note(folder, result.excluding_config) for folder in result.left_out)
    return _style(text, context, bold=True)


def left_out_note(folder: LeftOut, config: str) -> str:
    """Why a folder named on the command line had no page checked: the config, or a .gitignore."""
    pages = folder.by_config + folder.by_gitignore
    where = f"{'The page' if pages == 1 else f'The {pages} pages'} in {folder.display} {'is' if pages == 1 else 'are'}"
    reasons = []
    if folder.by_config:
        reasons.append(f"the include/exclude of {config or 'the config'}")
    if folder.by_gitignore:
        reasons.append(".gitignore (`respect_gitignore: false` in the config, or naming a file, checks it)")
    return f"{where} left out by {' and by '.join(reasons)}."


def excluded_note(result: RunResult) -> str:
    """The sentence saying how many files named on the command line the config excluded."""
    count = len(result.excluded)
    named = "1 file named is" if count == 1 else f"{count} files named are"
    config = f"the include/exclude of {result.excluding_config}" if result.excluding_config else "the config"
    return f"{named} excluded by {config}."
