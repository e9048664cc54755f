"""The fixing side of the command line: ``check --fix``, ``check --diff`` and ``fix``.

``--fix`` writes the safe fixes (each file atomically, see ``medlint.writing``),
lints again and reports what remains, then "Fixed N problems in M files".
With ``-`` among the paths, stdout carries the fixed stdin text (always, fixed
or not, so medlint works as a filter) and the report goes to stderr.
``--diff`` prints what ``--fix`` would change and writes nothing: exit 1 when
there is something to change, 0 when not.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
import msgspec
from msgspec.structs import replace

from medlint.engine import Engine
from medlint.errors import MedlintError
from medlint.finding_log import counts_of
from medlint.findings import Finding
from medlint.ruleset import RuleSet
from medlint.runner import STDIN, RunResult, check_paths
from medlint.sources import stdin_bytes

if TYPE_CHECKING:
    from medlint.interactive import SessionSummary
    from medlint.sources import Source

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Options(msgspec.Struct, frozen=True):
    """What ``check`` and ``fix`` share."""

    paths: tuple[str, ...]
    config_path: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    stdin_filename: str | None
    no_color: bool
    site: str | None = None  # compare facts with the pages under this root (``check --site``)

    @property
    def stdin_name(self) -> str | None:
        """The display name of stdin in this run, if it is read."""
        return (self.stdin_filename or "<stdin>") if STDIN in self.paths else None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _prepare(options: Options) -> tuple[Any, RuleSet, Engine, RunResult]:
    from medlint.cli import _rules_for_a_run, _settings, _with_cli_options, note_files_outside_the_site, user_errors

    with user_errors():
        config = _with_cli_options(
            _settings(options.config_path, options.paths, options.stdin_filename),
            options.select,
            options.ignore,
            options.fail_on,
        )
        if options.site is not None:
            config = replace(config, site=Path(options.site))
        rules = _rules_for_a_run(config)
        engine = Engine.build(rules, config.accept)
        run = check_paths(options.paths, config, engine, stdin_filename=options.stdin_filename, keep_sources=True)
        if options.site is not None:
            note_files_outside_the_site(options.site, run)
    return config, rules, engine, run


def run_diff(options: Options) -> NoReturn:
    """Print the patch ``--fix`` would apply; write nothing."""
    from medlint.fixer import diff_in_utf8, file_diff, fix_run
    from medlint.paths import shown
    from medlint.writing import encode_fixed

    _config, _rules, engine, run = _prepare(options)
    fixes = fix_run(run, engine)
    write_errors: list[MedlintError] = []
    recoded: list[str] = []
    for fixed in fixes:
        try:
            encode_fixed(fixed.source, fixed.result.text)  # as --fix would refuse it
        except MedlintError as error:
            write_errors.append(error)
            continue
        sys.stdout.buffer.write(file_diff(fixed.path, fixed.source, fixed.result.text))
        if diff_in_utf8(fixed.source):
            recoded.append(f"{shown(fixed.path)} is {fixed.source.encoding.upper()}")
    sys.stdout.flush()
    for file in recoded:
        # A patch of UTF-16 bytes would be unreadable, and no tool applies it either way: say so.
        click.echo(f"medlint: note: {file}: its diff shows the text as UTF-8, so patch cannot apply it", err=True)
    _echo_problems(run.notices, [*run.errors, *write_errors])
    count = sum(f.result.fixed for f in fixes)
    refused = counts_of(run.findings).fix_refused
    # Findings whose fix would break the markup there are in no patch: say how many, and where to see why.
    needs = "needs" if refused == 1 else "need"
    by_hand = f" {refused} more {needs} editing by hand (`medlint check` says why)." if refused else ""
    click.echo(f"Would fix {_plural(count, 'problem')} in {_plural(len(fixes), 'file')}.{by_hand}", err=True)
    if run.errors or write_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if fixes else EXIT_CLEAN)


def run_fix(options: Options, output_format: str) -> NoReturn:
    """Apply the safe fixes, lint again, and report what remains."""
    from medlint.cli import _output_failed, interrupted
    from medlint.fixer import fix_run
    from medlint.writing import encode_fixed, interrupts_held, write_fixed

    config, rules, engine, run = _prepare(options)
    fixes = fix_run(run, engine)
    stdin_name = options.stdin_name
    if stdin_name in run.sources:
        stdin_data = run.sources[stdin_name].encode(run.sources[stdin_name].text)
    elif stdin_name in run.excluded:
        # An editor replaces its text with what comes back: an excluded file comes back as it went in.
        try:
            stdin_data = stdin_bytes()
        except OSError:  # closed, or endless: nothing to give back
            stdin_data = b""
    else:
        stdin_data = b""
    write_errors: list[MedlintError] = []
    written = _Written()
    try:
        for fixed in fixes:
            with interrupts_held():
                try:
                    if fixed.path == stdin_name:
                        stdin_data = encode_fixed(fixed.source, fixed.result.text)
                    else:
                        write_fixed(Path(fixed.path), fixed.source, fixed.result.text)
                        written.saved += 1
                        written.saved_problems += fixed.result.fixed
                except MedlintError as error:
                    write_errors.append(error)
                    continue
                written.problems += fixed.result.fixed
                written.files += 1
        _finish_fix(options, output_format, config, rules, engine, run, stdin_data, written, write_errors)
    except KeyboardInterrupt:
        # Each file is written whole or not at all; say which, so the writer knows where things stand.
        interrupted(_written_so_far(written, len(fixes)))
    except OSError as error:
        if error.errno == errno.EPIPE:  # the reader stopped reading (`| head`): as any command
            raise
        # The report could not be written (a full disk): the fixes were, and that must not look undone.
        on_disk = f"{_plural(written.saved_problems, 'problem')} in {_plural(written.saved, 'file')}"
        _output_failed(error, f" (the files are fixed: {on_disk})" if written.saved else "")


def _written_so_far(written: _Written, to_write: int) -> str:
    """What an interrupted ``--fix`` leaves: "; no file was changed", or what it fixed and what not."""
    if not written.files:
        return "; no file was changed"
    done = f" after fixing {_plural(written.problems, 'problem')} in {_plural(written.files, 'file')}"
    left = to_write - written.files
    return done + (f"; {_plural(left, 'other file')} to fix left unchanged" if left > 0 else "")


class _Written(msgspec.Struct):
    """What ``--fix`` has fixed so far, and of it what is saved to files (not stdin's text)."""

    problems: int = 0
    files: int = 0
    saved_problems: int = 0
    saved: int = 0


def _finish_fix(
    options: Options,
    output_format: str,
    config: Any,
    rules: RuleSet,
    engine: Engine,
    run: RunResult,
    stdin_data: bytes,
    written: _Written,
    write_errors: list[MedlintError],
) -> NoReturn:
    """Send stdin's text on, lint the fixed files again and report what remains."""
    from medlint.cli import _fail, _line_reader, terminal_columns, use_color
    from medlint.reporters import ReportContext, report

    stdin_name = options.stdin_name
    fixed_problems, fixed_files = written.problems, written.files
    if stdin_name is not None:
        sys.stdout.buffer.write(stdin_data)
        sys.stdout.flush()

    # Lint again: the report shows only what is left (nothing changed: the first run says it).
    after = run
    if fixed_files:
        try:  # (not user_errors: a Ctrl-C here is reported with what was fixed)
            after = check_paths(
                options.paths, config, engine, stdin_filename=options.stdin_filename, read_stdin=lambda: stdin_data
            )
        except MedlintError as error:
            _fail(str(error))
    if after is not run and stdin_name is not None and stdin_name not in run.sources:
        # stdin could not be decoded: keep that error, not the empty text read in its place.
        after.errors = [*after.errors, *(e for e in run.errors if e.source == stdin_name)]
        after.findings = [f for f in after.findings if f.path != stdin_name]
        after.files_checked -= 1
    to_stderr = stdin_name is not None
    color = use_color(options.no_color) and not to_stderr
    columns = 0 if to_stderr else terminal_columns()
    context = ReportContext(
        rules=rules,
        color=color,
        line_of=_line_reader(after.sources),
        fail_on=config.fail_on,
        columns=columns,
        stdin=stdin_name is not None,
    )
    click.echo(report(output_format, after, context), nl=False, color=color, err=to_stderr)
    line = f"Fixed {_plural(fixed_problems, 'problem')} in {_plural(fixed_files, 'file')}."
    click.echo(line, err=to_stderr or output_format != "text")
    _echo_problems(after.notices, [*after.errors, *write_errors])
    if after.errors or write_errors:
        sys.exit(EXIT_ERROR)
    failing = counts_of(after.findings).any_at_least(config.fail_on)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def run_interactive(options: Options) -> NoReturn:
    """Walk the writer through each finding with a remedy; save each file when done with it."""
    from medlint.cli import interrupted, use_color
    from medlint.fixer import engine_linter, file_parser
    from medlint.interactive import Session, reviewable
    from medlint.sources import endless_device
    from medlint.writing import interrupts_held

    if options.stdin_name is not None:
        click.echo(
            "medlint: error: fix --interactive reads your answers from stdin, so it cannot fix stdin; name a file",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    stdin = sys.stdin
    if endless_device(stdin):  # (< /dev/zero) no answer would ever end: reading one would fill memory
        click.echo(
            "medlint: error: fix --interactive reads your answers from stdin, which is a device that never "
            "ends; answer at a terminal, or pipe the answers in",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    _config, rules, engine, run = _prepare(options)
    color = use_color(options.no_color)
    # A requires rule's suggestions are statements to add next to the claim, not replacements for it.
    adds = {rule.id for rule in rules.rules if rule.kind == "requires"}

    piped = not _is_terminal(stdin)
    ran_out = False  # the last read found the end of input

    def read_answer() -> str:
        nonlocal ran_out
        try:
            line = stdin.readline()
        except OSError:  # stdin closed (``<&-``): as at the end of input, the session quits
            line = ""
        ran_out = not line
        return line

    session = Session(read_answer, lambda text: click.echo(text, nl=False, color=color), color, adds)
    lint = engine_linter(engine)
    by_path: dict[str, list[Finding]] = {}
    for finding in run.findings:
        by_path.setdefault(finding.path, []).append(finding)
    write_errors: list[MedlintError] = []
    for path, source in run.sources.items():
        findings = by_path.get(path, [])
        if session.summary.quit or not reviewable(findings):
            session.pass_over(findings)
            continue
        review = None
        try:
            parse = file_parser(path, run.formats.get(path, "text"))
            review = session.review(path, source.text, parse, findings, lint)
            if review.changed:
                with interrupts_held():  # what the writer accepted is saved whole, even on Ctrl-C
                    _save_review(Path(path), source, review.text, write_errors)
        except KeyboardInterrupt:  # between files: as at a prompt, stop and say what was saved
            session.summary.quit = session.summary.interrupted = True
            if review is None:  # the file was still being read in: none of its findings was asked
                session.pass_over(findings)
    summary = session.summary
    saved = summary.files_changed - len(write_errors)
    if not run.files_checked:
        click.echo("No file was checked.")  # (as `check` says: nothing readable was found or named)
    elif not run.findings:  # (else it reads as if there were findings, none with a choice)
        click.echo(f"No problems found in {_plural(run.files_checked, 'file')}.")
    elif not summary.shown:
        click.echo(f"No finding had a choice to offer in {_plural(run.files_checked, 'file')}.")
    else:
        click.echo(
            f"\nAccepted {_plural(summary.accepted, 'change')}, skipped {summary.skipped}; "
            f"saved {_plural(saved, 'file')}."
        )
    # Piped answers that end before the findings do were not a writer quitting (Ctrl-D at a terminal is).
    _echo_left_over(summary, "the answers ran out" if piped and ran_out and not summary.interrupted else "you quit")
    _echo_problems(run.notices, run.errors)
    if summary.interrupted:
        interrupted("; what was accepted is saved")
    sys.exit(EXIT_ERROR if run.errors or write_errors else EXIT_CLEAN)


def _save_review(path: Path, source: Source, text: str, write_errors: list[MedlintError]) -> None:
    from medlint.writing import write_fixed

    try:
        write_fixed(path, source, text)
    except MedlintError as error:
        write_errors.append(error)
        click.echo(f"medlint: error: {error}", err=True)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or replaced: not a writer at a terminal
        return False


def _echo_left_over(summary: SessionSummary, why_unanswered: str) -> None:
    """What the writer still has to do: findings with no rewrite to offer, and any left unanswered."""
    from medlint.paths import shown, visible

    if summary.by_hand:
        count = _plural(len(summary.by_hand), "finding")
        click.echo(f"{count} had no rewrite to offer; rewrite by hand:")
        for work in summary.by_hand:
            words = " ".join(visible(work.text).split())
            quoted = words if len(words) <= 50 else words[:49].rstrip() + "…"
            click.echo(f"  {shown(work.path)}:{work.line}:{work.column}: [{work.rule}] '{quoted}'")
    if summary.unanswered:
        left = _plural(summary.unanswered, "finding")
        click.echo(f"{left} with choices not answered ({why_unanswered}); `medlint fix -i` again to go on.")


def _echo_problems(notices: Sequence[str], errors: Sequence[MedlintError]) -> None:
    for notice in notices:
        click.echo(f"medlint: warning: {notice}", err=True)
    for error in errors:
        click.echo(f"medlint: error: {error}", err=True)
