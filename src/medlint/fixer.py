"""Apply findings' fixes to a text: safely, deterministically, and to a fixed point.

Everything here is pure (text and findings in, text out), so the command line,
the interactive session and the tests share one definition of a safe fix:

- a fix may only touch prose: every non-blank character of its span must be
  prose in the document's prose view (code, URLs, markup and template tags are
  never edited, even when a phrase match runs across them), and its wording
  must not end the markup around it: a quote is escaped in a JavaScript
  string, and refused elsewhere (medlint.fitting, applied by the engine);
- fixes that overlap are resolved by position: the earliest start wins, then
  the longest span, then the rule id; the losers wait for the next pass;
- after each pass the text is linted again, until no applicable fix remains
  (or ``MAX_PASSES``), so fixing an already fixed text changes nothing.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Sequence

import msgspec
from msgspec.structs import replace

from medlint.document import Document
from medlint.engine import Engine
from medlint.findings import Finding, Fix
from medlint.fitting import why_unfit
from medlint.formats import parse_document
from medlint.runner import RunResult
from medlint.sources import Source, encode_text
from medlint.spans import in_prose

MAX_PASSES = 10

# How a file's text becomes a Document, and the findings in a Document.
Parser = Callable[[str], Document]
Linter = Callable[[Document], Sequence[Finding]]


class FixResult(msgspec.Struct, frozen=True):
    """The fixed text, how many fixes went in, and the findings left in it."""

    text: str
    fixed: int
    remaining: tuple[Finding, ...]
    passes: int

    @property
    def changed(self) -> bool:
        return self.fixed > 0


class FileFix(msgspec.Struct, frozen=True):
    """One file of a run, fixed: what was read and what it becomes."""

    path: str
    source: Source
    result: FixResult


def file_parser(path: str, fmt: str) -> Parser:
    """A Parser for one file's successive versions."""
    return lambda text: parse_document(path, text, fmt)


def engine_linter(engine: Engine) -> Linter:
    """The document-level findings, filtered as in a run (scope, accepted terms, suppressions)."""
    return lambda document: engine.check_document(document).findings


def fix_run(run: RunResult, engine: Engine) -> list[FileFix]:
    """Fix every file of a run that was checked with ``keep_sources=True``.

    The run's own findings (run-level ones included) drive the first pass;
    later passes re-lint each file on its own.
    """
    by_path: dict[str, list[Finding]] = {}
    for finding in run.findings:
        by_path.setdefault(finding.path, []).append(finding)
    fixes: list[FileFix] = []
    for path, source in run.sources.items():
        findings = by_path.get(path, [])
        if not any(f.fix is not None for f in findings):
            continue
        parse = file_parser(path, run.formats.get(path, "text"))
        result = fix_text(source.text, parse, engine_linter(engine), findings)
        if result.changed:
            fixes.append(FileFix(path, source, result))
    return fixes


def applicable(document: Document, fix: Fix) -> bool:
    """A fix that changes something and touches only prose."""
    return in_prose(document, fix.start, fix.end) and document.text[fix.start : fix.end] != fix.replacement


def overlaps(a: Fix, b: Fix) -> bool:
    """Spans overlap, or two edits would land at the same place (insertions included)."""
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def choose_fixes(document: Document, findings: Iterable[Finding]) -> list[Fix]:
    """The applicable fixes of ``findings`` that can go in together, in text order."""
    candidates = sorted(
        ((f.fix, f.rule) for f in findings if f.fix is not None and applicable(document, f.fix)),
        key=lambda item: (item[0].start, -(item[0].end - item[0].start), item[1], item[0].replacement),
    )
    chosen: list[Fix] = []
    for fix, _rule in candidates:
        # Candidates come sorted by start, so only the last chosen fix can overlap.
        if chosen and overlaps(chosen[-1], fix):
            continue
        chosen.append(fix)
    return chosen


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """Apply non-overlapping ``fixes`` (sorted by start); every other character stays."""
    parts: list[str] = []
    last = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < last:
            raise ValueError(f"overlapping fixes at offset {fix.start}")
        parts.append(text[last : fix.start])
        parts.append(fix.replacement)
        last = fix.end
    parts.append(text[last:])
    return "".join(parts)


def fix_text(
    text: str,
    parse: Parser,
    lint: Linter,
    findings: Sequence[Finding] | None = None,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """Apply safe fixes to ``text`` and lint again until none is left.

    ``findings`` are those of ``text`` when already known (the first pass then
    needs no lint). Fixes that cannot be applied safely lose their ``fix`` in
    ``remaining``, so a report does not call them fixable.
    """
    document = parse(text)
    current = lint(document) if findings is None else findings
    fixed = 0
    passes = 0
    seen = {text}
    while passes < max_passes:
        chosen = choose_fixes(document, current)
        if not chosen:
            break
        new_text = apply_fixes(document.text, chosen)
        passes += 1
        if new_text in seen:  # a pair of rules undoing each other: stop, keep the last text
            break
        seen.add(new_text)
        fixed += len(chosen)
        document = parse(new_text)
        current = lint(document)
    remaining = tuple(_without_unsafe_fix(document, f) for f in current)
    return FixResult(document.text, fixed, remaining, passes)


def _without_unsafe_fix(document: Document, finding: Finding) -> Finding:
    if finding.fix is not None and not in_prose(document, finding.fix.start, finding.fix.end):
        return replace(finding, fix=None, fix_refused=why_unfit(document, finding.fix))
    return finding


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style patch (``a/`` and ``b/`` headers) from ``before`` to ``after``.

    Lines keep their own endings, so a CRLF file's patch has CRLF lines; a last
    line without a newline is marked as ``patch`` expects.
    """
    if before == after:
        return ""
    # On POSIX a backslash is part of a name, not a separator.
    name = (path.replace(os.sep, "/") if os.sep != "/" else path).lstrip("/")
    lines: list[str] = []
    for line in difflib.unified_diff(_lines(before), _lines(after), _quoted(f"a/{name}"), _quoted(f"b/{name}")):
        if line.endswith("\n"):
            lines.append(line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)


# How git writes a name holding a control character, a quote or a backslash in a patch header (C
# style, in quotes), and what ``git apply`` and ``patch`` read back: written as it is, a tab would
# end the name and a line end the header. A name with a space is quoted too, as ``patch`` needs.
_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
_C_ESCAPES |= {'"': '\\"', "\\": "\\\\"}


def _quoted(name: str) -> str:
    if name.isprintable() and not any(c in name for c in '"\\ '):
        return name
    return '"' + "".join(_C_ESCAPES.get(c) or (f"\\{ord(c):03o}" if _is_control(c) else c) for c in name) + '"'


def _is_control(character: str) -> bool:
    return ord(character) < 32 or ord(character) == 127


def file_diff(path: str, source: Source, after: str) -> bytes:
    """``unified_diff`` of ``source`` and ``after`` in the bytes of the file, so ``patch`` and ``git apply`` take it.

    Lines are in the file's own encoding and the first one keeps the byte-order
    mark, where the encoding writes a newline and ASCII as themselves (UTF-8, the
    Latin and most legacy charsets); UTF-16 and UTF-32 files get UTF-8 text.
    """
    if not _ascii_compatible(source.encoding):
        return unified_diff(path, source.text, after).encode("utf-8", "surrogateescape")
    mark = source.bom.decode(source.encoding) if source.bom else ""
    diff = unified_diff(path, mark + source.text, mark + after)
    headers, _, body = diff.partition("\n@@")
    return headers.encode("utf-8", "surrogateescape") + encode_text("\n@@" + body if body else "", source.encoding)


def diff_in_utf8(source: Source) -> bool:
    """Whether ``file_diff`` gives the file's lines as UTF-8 text rather than its own bytes (UTF-16, UTF-32)."""
    return not _ascii_compatible(source.encoding)


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "\n -~".encode(encoding) == b"\n -~"
    except (LookupError, UnicodeEncodeError):
        return False


def _lines(text: str) -> list[str]:
    # Split on "\n" only: str.splitlines would also break at form feeds and U+2028.
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out
