"""``medlint fix --interactive``: walk a writer through every finding that has a remedy.

For each finding with a fix or suggestions the session shows where it is, the
sentence with the span marked, the problem, and numbered choices. The writer
types a number (accept), ``e`` (type their own wording; ``e new words`` in one
go), ``s`` (skip) or ``q`` (quit). Input is read a whole line at a time, so a
session can be driven by piped or scripted input; the end of input counts as
``q``. What was accepted in a file is saved when the session leaves that file,
so quitting keeps everything accepted so far.

The session only reads lines and writes text through the callables it is
given; saving is the caller's job (``save``), so this module never touches files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import click

from medlint.casing import match_case
from medlint.document import Document
from medlint.findings import Finding, Fix, Severity
from medlint.fixer import Parser, apply_fixes, overlaps
from medlint.spans import in_prose

HELP = "  number: use that wording · e: type your own · s: skip · q: quit and save what you accepted"

_SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


@dataclass
class FileReview:
    """What a writer accepted in one file."""

    path: str
    original: str
    edits: list[Fix] = field(default_factory=list)  # offsets into ``original``, non-overlapping

    @property
    def text(self) -> str:
        return apply_fixes(self.original, self.edits)

    def current(self, offset: int) -> int:
        """Where an offset of the original text is now, after the accepted edits before it."""
        return offset + sum(len(e.replacement) - (e.end - e.start) for e in self.edits if e.end <= offset)

    def clashes(self, start: int, end: int) -> bool:
        probe = Fix(start, end, "")
        return any(overlaps(edit, probe) for edit in self.edits)


@dataclass
class SessionSummary:
    accepted: int = 0
    skipped: int = 0
    files_changed: int = 0
    quit: bool = False


def reviewable(findings: Iterable[Finding]) -> list[Finding]:
    """Findings a writer can act on here, in text order."""
    return sorted((f for f in findings if f.fix is not None or f.suggestions), key=lambda f: f.sort_key)


def choices_for(document: Document, finding: Finding) -> list[Fix]:
    """The numbered choices: the fix first, then each suggestion in the case of the span.

    A suggestion replaces the matched span. Choices that would touch markup or
    code, or change nothing, are left out.
    """
    options: list[Fix] = []
    if finding.fix is not None:
        options.append(finding.fix)
    span = document.text[finding.start : finding.end]
    options.extend(Fix(finding.start, finding.end, match_case(span, s)) for s in finding.suggestions)
    kept: list[Fix] = []
    for option in options:
        same = any(o.replacement == option.replacement for o in kept)
        unchanged = document.text[option.start : option.end] == option.replacement
        if not same and not unchanged and in_prose(document, option.start, option.end):
            kept.append(option)
    return kept


class Session:
    """One interactive run over several files."""

    def __init__(
        self,
        read_line: Callable[[], str],
        echo: Callable[[str], None],
        color: bool = False,
    ) -> None:
        self._read_line = read_line
        self._echo = echo
        self._color = color
        self.summary = SessionSummary()

    def review(self, path: str, text: str, parse: Parser, findings: Sequence[Finding]) -> FileReview:
        """Walk through ``findings`` of one file; returns what was accepted (maybe nothing)."""
        review = FileReview(path, text)
        original = parse(text)
        current = original
        for finding in reviewable(findings):
            if self.summary.quit:
                break
            options = choices_for(original, finding)
            start = min([finding.start, *(o.start for o in options)])
            end = max([finding.end, *(o.end for o in options)])
            if review.clashes(start, end):
                continue  # its text was already rewritten by an accepted choice
            editable = in_prose(original, finding.start, finding.end)
            if not options and editable:
                continue  # every suggestion already reads as the text does
            self._show(current, review, finding, options)
            if not options:
                self._echo("  (no safe rewrite here: the span includes markup or code; edit it by hand)\n")
                continue
            edit = self._ask(finding, options, editable)
            if edit is None:
                self.summary.skipped += 0 if self.summary.quit else 1
                continue
            review.edits.append(edit)
            review.edits.sort(key=lambda e: (e.start, e.end))
            self.summary.accepted += 1
            current = parse(review.text)
        if review.edits:
            self.summary.files_changed += 1
        return review

    def _style(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self._color else text  # type: ignore[arg-type]

    def _show(self, document: Document, review: FileReview, finding: Finding, options: Sequence[Fix]) -> None:
        start, end = review.current(finding.start), review.current(finding.end)
        line, column = document.position(start)
        severity = self._style(finding.severity.label, fg=_SEVERITY_COLOR[finding.severity], bold=True)
        where = self._style(f"{finding.path}:{line}:{column}:", bold=True)
        self._echo(f"\n{where} {severity} [{finding.rule}] {finding.message}\n")
        self._echo(f"  {self._sentence(document, start, end)}\n")
        for number, option in enumerate(options, 1):
            self._echo(f"  {number}. {self._style(option.replacement, fg='green')}\n")

    def _sentence(self, document: Document, start: int, end: int) -> str:
        """The sentence around the span on one line, the span marked."""
        first, last = document.sentence_bounds(start, end)
        text = document.text
        before, span, after = (" ".join(text[a:b].split()) for a, b in ((first, start), (start, end), (end, last)))
        marked = self._style(span, bold=True, underline=True) if self._color else f">>{span}<<"
        # Keep the spaces that stood around the span after collapsing whitespace.
        gap_before = " " if before and text[start - 1 : start].isspace() else ""
        gap_after = " " if after and text[end : end + 1].isspace() else ""
        return f"{before}{gap_before}{marked}{gap_after}{after}"

    def _ask(self, finding: Finding, options: Sequence[Fix], editable: bool) -> Fix | None:
        count = len(options)
        numbers = "1" if count == 1 else f"1-{count}"
        while True:
            self._echo(f"  [{numbers}] accept, e edit, s skip, q quit, ? help > ")
            line = self._line()
            if not line:  # end of input (or Ctrl-C): stop here, keeping what was accepted
                self._echo("\n")
                self.summary.quit = True
                return None
            answer = line.strip()
            if answer.isdigit() and 1 <= int(answer) <= count:
                return options[int(answer) - 1]
            lowered = answer.lower()
            if lowered in ("s", "skip"):
                return None
            if lowered in ("q", "quit"):
                self.summary.quit = True
                return None
            if (lowered == "e" or lowered.startswith("e ")) and not editable:
                self._echo("  the span includes markup or code; choose a number or edit the file by hand\n")
                continue
            if lowered == "e" or lowered.startswith("e "):
                wording = answer[1:].strip() or self._ask_wording()
                if self.summary.quit:
                    return None
                if wording:
                    return Fix(finding.start, finding.end, wording)
                continue
            self._echo(f"{HELP}\n" if lowered in ("?", "h", "help") else f"  please answer {numbers}, e, s or q\n")

    def _ask_wording(self) -> str:
        self._echo("  your wording (empty to go back) > ")
        return self._line().strip()

    def _line(self) -> str:
        """One line of input; "" at the end of input or on Ctrl-C (which then also means quit)."""
        try:
            return self._read_line()
        except KeyboardInterrupt:
            self.summary.quit = True
            return ""
        except EOFError:
            return ""
