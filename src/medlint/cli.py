"""The command line: ``medlint check``, ``rules``, ``explain``.

Only this module talks to the terminal. Every user error becomes one line on
stderr and exit code 2; findings go to stdout in the chosen format.
"""

from __future__ import annotations

import io
import os
import select
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from medlint import __version__

if TYPE_CHECKING:
    from medlint.ruleset import Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
OUTPUT_FORMATS = ("text", "json", "sarif", "github", "rdjson", "junit")


class _Named(click.Path):
    """A path option or argument, where an empty one is an error rather than the current folder.

    ``--config "$CONFIG"`` or ``check "$FILES"`` with the variable unset would otherwise quietly
    search for the config or check the whole folder.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            self.fail("an empty name (an unset variable?).", param, ctx)
        return super().convert(value, param, ctx)


class _NonEmpty(click.types.StringParamType):
    """Text that names something (a file, a git ref), so may not be empty."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            self.fail("an empty name (an unset variable?).", param, ctx)
        return super().convert(value, param, ctx)


_NAME = _NonEmpty()


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> (a, b, c); an empty name (``--select ""``, ``a,``) is kept, to be refused."""
    return tuple(part.strip() for value in values for part in value.split(","))


def _fail(message: str) -> NoReturn:
    click.echo(f"medlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _paths_to_read(paths: tuple[str, ...], stdin_filename: str | None) -> tuple[str, ...]:
    """The paths named (default: the current folder); with only --stdin-filename, stdin."""
    if stdin_filename is None:
        return paths or (".",)
    if not paths:
        return ("-",)
    if "-" not in paths:
        _fail("--stdin-filename names the text read from stdin: add '-' to the paths to read it")
    return paths


def _say_when_stdin_is_typed(paths: tuple[str, ...]) -> None:
    """At a terminal, reading stdin looks like a hang: say what medlint waits for, and how to end it."""
    if "-" in paths and sys.stdin is not None and sys.stdin.isatty():
        click.echo("medlint: reading the text to check from the terminal; end it with Ctrl-D", err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn any MedlintError (bad config, rules, input) into one line and exit 2."""
    from medlint.errors import MedlintError

    try:
        yield
    except MedlintError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        interrupted()


def interrupted(detail: str = "") -> NoReturn:
    """A Ctrl-C: one line, below the terminal's "^C" when there is one, and exit 130, as a shell reports it."""
    below_the_caret_c = "\n" if sys.stderr is not None and sys.stderr.isatty() else ""
    click.echo(f"{below_the_caret_c}medlint: interrupted{detail}", err=True)
    sys.exit(EXIT_INTERRUPTED)


def terminal_columns() -> int:
    """The width excerpts keep within: COLUMNS when set, else the terminal's; 0 when not writing to one."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else 0
    except (OSError, ValueError):  # (no stdout, or one with no file behind it)
        return 0


def use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):  # set and not empty, as no-color.org asks
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


class _Command(click.Command):
    """A command whose usage errors all know it, so the line ends "See 'medlint check --help'".

    A Ctrl-C is taken here, before click's own handling adds a blank line to stderr however it is read.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            interrupted()
        except EOFError as error:  # here, before click's own handling adds a blank line to stderr
            cut_short = _bytecode_cut_short(error)
            if cut_short is None:
                raise
            _fail(cut_short)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:  # click's option parser raises some with no command
            if error.ctx is None:
                error.ctx = ctx
            raise


class _Commands(click.Group):
    """medlint's commands, whose usage errors are one line on stderr and exit 2, as every error is."""

    command_class = _Command
    group_class = type  # a group of commands (server) is one of these too

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False  # let click's errors reach this method
        if isinstance(sys.stdout, io.TextIOWrapper):
            # A report is never cut off by a character the terminal's encoding lacks: it shows as "?".
            sys.stdout.reconfigure(errors="replace")
            sys.stdout = _whole_writes(sys.stdout)
        try:
            code = super().main(*args, **kwargs)  # what --help and --version exit with
        except click.UsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # `medlint` alone (click 8.2 on): its help
                error.show()
                sys.exit(EXIT_ERROR)
            command = error.ctx.command_path if error.ctx is not None else "medlint"
            named = _file_taken_for_an_option(error, kwargs.get("args", args[0] if args else sys.argv[1:]))
            if named is not None:
                _fail(f"{error.format_message()} To check the file {named!r}, write it as './{named}'.")
            _fail(f"{error.format_message()} See '{command} --help'.")
        except click.ClickException as error:
            _fail(error.format_message())
        except click.Abort as abort:
            if isinstance(abort.__cause__, EOFError):
                # click takes any EOFError for the end of a prompt's input, but medlint's prompts end
                # their own: this one is a fault (a module's bytecode cut short), not a Ctrl-C.
                cut_short = _bytecode_cut_short(abort.__cause__)
                if cut_short is not None:
                    _fail(cut_short)
                raise abort.__cause__ from None
            interrupted()
        except OSError as error:  # click handles a closed pipe; this is a full disk, a file too large
            if error.filename is not None:
                # Not the output (stdout has no name): a path named on the command line that no
                # file can have (too long a name: ENAMETOOLONG), asked about before it is read.
                from medlint.errors import MedlintError

                _fail(str(MedlintError(str(error.filename), error.strerror or str(error))))
            _output_failed(error)
        except Exception as error:
            from medlint.errors import MedlintError

            if not isinstance(error, MedlintError):
                raise
            # One raised while a report is written, after `user_errors` (the run's findings, kept on
            # disk, could not be read back): one line, as any other.
            _fail(str(error))
        sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


def _bytecode_cut_short(error: EOFError) -> str | None:
    """What to say of a module whose compiled file (.pyc) ended early when imported (a disk that
    filled while Python wrote it), named from the import's own frame; None for any other EOFError."""
    trace = error.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code.co_name == "get_code" and isinstance(frame.f_locals.get("bytecode_path"), str):
            module, compiled = frame.f_locals.get("fullname"), frame.f_locals["bytecode_path"]
            return (
                f"{compiled}: the compiled form of {module} is cut short ({error}); delete it (Python "
                "compiles it again) or reinstall medlint"
            )
        trace = trace.tb_next
    return None


def _file_taken_for_an_option(error: click.UsageError, arguments: Sequence[str]) -> str | None:
    """The file, named with a leading dash (``-draft.md``, as a hook passes it), that click read as
    an unknown option; None if the unknown option is no file."""
    if not isinstance(error, click.NoSuchOption):
        return None
    for argument in arguments:
        if argument == "--":
            break
        if argument.startswith(error.option_name) and os.path.lexists(argument):
            return argument
    return None


class _WholeWrites(io.FileIO):
    """A file descriptor that writes all it is given, or raises.

    On a full disk (or past a file-size limit) the system writes what fits and
    says how much; Python's buffered and text streams then drop the rest without
    an error, and ``medlint check > report.sarif`` would leave half a report and
    exit as if it were whole. Writing the rest at once gives the error instead.
    """

    replaced: object = None  # the stream this one stands in for, on the same descriptor

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        while view:
            written = super().write(view)
            if written is None:  # a non-blocking descriptor that is full: wait for it
                select.select([], [self], [])
                continue
            view = view[written:]
        return total


def _whole_writes(stream: io.TextIOWrapper) -> io.TextIOWrapper:
    """``stream`` (stdout) as a text stream over ``_WholeWrites``, with its encoding and buffering."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture)
        return stream
    stream.flush()
    raw = _WholeWrites(descriptor, "w", closefd=False)
    # Held, not dropped: a stream only sys.stdout refers to (a caller's own file) closes as it goes.
    raw.replaced = stream
    buffered = io.BufferedWriter(raw)
    return io.TextIOWrapper(
        buffered, encoding=stream.encoding, errors=stream.errors, line_buffering=stream.line_buffering
    )


def _output_failed(error: OSError, detail: str = "") -> NoReturn:
    """One line for output that could not be written (``medlint check > report.sarif`` on a full disk)."""
    # What stdout could not write stays in its buffer, and Python would fail again writing it at exit.
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    where = f"{error.filename}: " if error.filename else ""
    _fail(f"{where}cannot write the output: {error.strerror or error}{detail}")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
def main() -> None:
    """Find unsubstantiated health claims in marketing copy and suggest hedged wording."""


def _settings(config_path: str | None, paths: Sequence[str], stdin_filename: str | None = None) -> Any:
    """The config named, or the nearest one above the files named (stdin: its --stdin-filename's folder)."""
    from medlint.config import common_folder, find_config, load_config

    try:
        os.getcwd()
    except FileNotFoundError:  # else the first relative path fails somewhere, as an error about something else
        raise click.ClickException(
            "the working folder has been removed (by a checkout or a clean-up?): cd to a folder that exists"
        ) from None
    if stdin_filename is not None:
        paths = [stdin_filename if p == "-" else p for p in paths]
    found = Path(config_path) if config_path else find_config(common_folder(paths))
    if found is not None and not config_path:
        _warn_of_unused_configs(found)
    return load_config(found)


def _warn_of_unused_configs(used: Path) -> None:
    """One line for config files beside the one read: settings there would be silently ignored."""
    from medlint.config import unused_configs_note

    note = unused_configs_note(used)
    if note:
        click.echo(f"medlint: warning: {note}", err=True)


def _with_cli_options(config: Any, select: Sequence[str], ignore: Sequence[str], fail_on: str | None) -> Any:
    from msgspec.structs import replace

    from medlint.findings import Severity

    changes: dict[str, Any] = {"option_select": _split(select), "option_ignore": _split(ignore)}
    if fail_on:
        changes["fail_on"] = Severity.parse(fail_on)
    return replace(config, **changes)


def _rules_for_a_run(config: Any) -> Any:
    """The rules a check runs, or one line and exit 2 if the selection leaves none (a green run of nothing)."""
    from msgspec.structs import replace

    from medlint.runner import build_ruleset

    if not config.builtin_rules and not config.rules:
        # Only the suppression rules would run: every page would pass, checked for nothing.
        where = config.path if config.path is not None else "the config"
        _fail(f"{where}: builtin_rules is false and 'rules' names no rule files: there is no rule to check with")
    rules = build_ruleset(config)
    if not rules:
        given = {"--select": config.option_select, "--ignore": config.option_ignore}
        options = [name for name, values in given.items() if values]
        if not options:
            _fail("the config's select and ignore leave no rule to check with; see `medlint rules`")
        if config.ignore and build_ruleset(replace(config, ignore=())):
            # `--select gold-standard` where the config ignores it: the option is not what is wrong.
            names = ",".join(config.option_select) or "ALL"
            _fail(
                f"--select {names}: the ignore of {config.path} leaves out every rule it names, so there is no "
                "rule to check with (the config's ignore applies to --select too)"
            )
        verb = "leaves" if len(options) == 1 else "leave"
        _fail(f"{' and '.join(options)} {verb} no rule to check with; see `medlint rules`")
    return rules


def _line_reader(sources: dict[str, Any]) -> Callable[[str, int], str | None]:
    """Source lines for the text report, read once per file.

    Findings come file by file, so only the current file's lines are held.
    """
    from medlint.document import lone_cr_as_lf
    from medlint.errors import InputError
    from medlint.sources import read_source

    cache: dict[str, list[str]] = {}

    def line_of(path: str, line: int) -> str | None:
        if path not in cache:
            cache.clear()
            try:
                text = sources[path].text if path in sources else read_source(Path(path)).text
            except InputError:
                text = ""
            # Each line once, so that the reporters' measures of a line are kept (by line) across its findings.
            cache[path] = [each.rstrip("\r") for each in lone_cr_as_lf(text).split("\n")]
        lines = cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else None

    return line_of


selection_options = [
    click.option(
        "--select", multiple=True, metavar="RULES", help="Only these rule ids, packs or categories (comma-separated)."
    ),
    click.option(
        "--ignore", multiple=True, metavar="RULES", help="Skip these rule ids, packs or categories (comma-separated)."
    ),
    click.option(
        "--config",
        "config_path",
        type=_Named(dir_okay=False),
        help="Use this config file instead of searching for one.",
    ),
]


def _apply(options: list[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def decorate(function: Any) -> Any:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


@main.command(short_help="Check drafts for overclaims (and --fix the safe ones).")
@click.argument("paths", nargs=-1, type=_Named())
@_apply(selection_options)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that makes the exit code 1 [default: warning, or the config's fail_on].",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    type=_NAME,
    help="Name (and so format) for text read from '-' (alone: read stdin).",
)
@click.option(
    "--no-color", is_flag=True, help="No colour (also: a non-empty NO_COLOR; FORCE_COLOR forces it in a pipe)."
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes, report what is left (stdin: fixed text to stdout).")
@click.option("--diff", is_flag=True, help="Print a diff of what --fix would change; write nothing.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Instead of each finding, one line per rule: how many, and how many --fix can fix.",
)
@click.option(
    "--diff-base", metavar="REF", type=_NAME, help="Report only findings on lines added or changed since git REF."
)
@click.option("--staged", is_flag=True, help="Report only findings on lines staged for commit (git index).")
@click.option(
    "--baseline",
    "baseline_path",
    type=_Named(dir_okay=False),
    help="Hide the findings recorded in this file by `medlint baseline`.",
)
@click.option(
    "--site",
    metavar="ROOT",
    type=_Named(exists=True, file_okay=False),
    help="Compare facts with every page under ROOT, reporting only on PATHS (also: the config's site).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=None,
    help=(
        "Worker processes (at most twice the cores); 0 or unset: all cores when there are many files, one for a few."
    ),
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file afresh: neither read nor keep results of unchanged files (also: MEDLINT_NO_CACHE=1).",
)
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    output_format: str,
    fail_on: str | None,
    stdin_filename: str | None,
    no_color: bool,
    fix: bool,
    diff: bool,
    statistics: bool,
    diff_base: str | None,
    staged: bool,
    baseline_path: str | None,
    site: str | None,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Check drafts for overclaims. PATHS are files, folders, or - for stdin (default: .)."""
    from medlint.engine import Engine
    from medlint.finding_log import counts_of
    from medlint.reporters import ReportContext, report_chunks
    from medlint.result_cache import ResultCache
    from medlint.runner import check_paths

    targets = _paths_to_read(paths, stdin_filename)
    narrowing = diff_base is not None or staged or baseline_path is not None
    if narrowing and (fix or diff):
        given = {"--diff-base": diff_base is not None, "--staged": staged, "--baseline": baseline_path is not None}
        narrowed = " and ".join(name for name, on in given.items() if on)
        _fail(f"{'--diff' if diff else '--fix'} cannot be combined with {narrowed}: it fixes whole files")
    if (diff_base is not None or staged) and "-" in targets:
        _fail("--diff-base and --staged need files in a git repository, not stdin")
    if diff_base is not None and staged:
        _fail("--diff-base and --staged cannot be combined")
    if diff and output_format != "text":
        _fail(f"--diff prints a patch, not a report: --format {output_format} does not apply")
    if statistics and output_format != "text":
        _fail(f"--statistics is a summary to read: --format {output_format} does not apply")
    if statistics and (fix or diff):
        _fail(f"--statistics counts what a check finds: run it without {'--diff' if diff else '--fix'}")
    _say_when_stdin_is_typed(targets)
    if fix or diff:
        from medlint.fix_commands import Options, run_diff, run_fix

        options = Options(targets, config_path, select, ignore, fail_on, stdin_filename, no_color, site)
        if diff:
            run_diff(options)
        run_fix(options, output_format)
    with user_errors():
        config = _with_cli_options(_settings(config_path, targets, stdin_filename), select, ignore, fail_on)
        if site is not None:
            from msgspec.structs import replace

            config = replace(config, site=Path(site))
        rules = _rules_for_a_run(config)
        engine = Engine.build(rules, config.accept)
        progress = _progress(output_format)
        try:
            result = check_paths(
                targets,
                config,
                engine,
                stdin_filename=stdin_filename,
                jobs=jobs or None,
                progress=progress,
                cache=None if no_cache else ResultCache.for_engine(engine),
            )
        finally:
            if progress is not None:
                progress.close()
        if site is not None:
            note_files_outside_the_site(site, result)
        notes: list[str] = []
        if narrowing:
            from medlint.review import narrow, page_rule_ids, site_rule_ids

            notes = narrow(
                result,
                diff_base=diff_base,
                staged=staged,
                baseline=baseline_path,
                paths=paths,
                page_rules=page_rule_ids(rules),
                rules_run=frozenset(rule.id for rule in rules),
                site_rules=site_rule_ids(rules, config.site is not None),
            )
    color = use_color(no_color)
    context = ReportContext(
        rules=rules,
        color=color,
        line_of=_line_reader(result.sources),
        fail_on=config.fail_on,
        columns=terminal_columns(),
        statistics=statistics,
        stdin="-" in targets,
    )
    for chunk in report_chunks(output_format, result, context):
        click.echo(chunk, nl=False, color=color)
    for note in notes:
        click.echo(f"medlint: {note}", err=True)
    for notice in result.notices:
        click.echo(f"medlint: warning: {notice}", err=True)
    for error in result.errors:
        click.echo(f"medlint: error: {error}", err=True)
    if result.errors:
        sys.exit(EXIT_ERROR)
    failing = counts_of(result.findings).any_at_least(config.fail_on)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def note_files_outside_the_site(site: str, result: Any) -> None:
    """Warn of checked files outside ``--site``: facts compared with a folder that may not be meant."""
    from medlint.site import outside_site

    outside = outside_site(Path(site), result.checked)
    if outside is not None:
        result.notices.append(outside)


def _progress(output_format: str) -> Any:
    """A progress line for a person at a terminal; None for pipes, CI and machine-readable output."""
    from medlint.progress import Progress, wanted

    return Progress() if wanted(output_format) else None


@main.command("rules", short_help="List the rules in force.")
@_apply(selection_options)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def list_rules(select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None, output_format: str) -> None:
    """List the rules in force, with their pack, category and severity."""
    import json

    from medlint.runner import build_ruleset

    with user_errors():
        config = _with_cli_options(_settings(config_path, ["."]), select, ignore, None)
        rules = build_ruleset(config)
    if output_format == "json":
        rows = [
            {
                "id": r.id,
                "pack": r.pack,
                "kind": r.kind,
                "category": r.category,
                "severity": r.severity.label,
                "fixable": r.fixable,
                "message": r.message,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    table = [("rule", "pack", "category", "severity", "fix")]
    table += [(r.id, r.pack, r.category, r.severity.label, "yes" if r.fixable else "") for r in rules]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table if rules else []:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    click.echo(f"{len(rules)} {'rule' if len(rules) == 1 else 'rules'}. `medlint explain RULE` for details.")


@main.command(short_help="Show why a rule matters, with examples.")
@click.argument("rule_id", metavar="RULE", required=False)
@click.option("--config", "config_path", type=_Named(dir_okay=False), help="Use this config file.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Also show the pattern that decides which claims a suggestion is for."
)
def explain(rule_id: str | None, config_path: str | None, verbose: bool) -> None:
    """Show a rule's message, rationale, suggestions, references and examples.

    Any rule medlint or the config's rule files define, also one the config's select or ignore
    leave out (a finding from another run, a baseline entry): a note on stderr says so.
    """
    if rule_id is None:  # (the id a finding shows in brackets: "[no-side-effects]")
        _fail("name the rule to explain, as a finding shows it in brackets; `medlint rules` lists them")
    from msgspec.structs import replace

    from medlint.rule_docs import rule_markdown
    from medlint.runner import build_ruleset

    with user_errors():
        config = _settings(config_path, ["."])
        in_force = build_ruleset(config)  # first: a misspelt name in the config is an error here too
        rules = build_ruleset(replace(config, select=(), ignore=())) if config.select or config.ignore else in_force
    rule = rules.get(rule_id)
    if rule is None:
        from medlint.ruleset import did_you_mean

        for kind, names in (("pack", {r.pack for r in rules}), ("category", {r.category for r in rules})):
            if rule_id in names:
                _fail(f"{rule_id!r} is a {kind}, not a rule: `medlint rules --select {rule_id}` lists its rules")
        _fail(f"no rule {rule_id!r}; {did_you_mean(rule_id, (r.id for r in rules))}")
    click.echo(rule_markdown(rule, verbose))
    if in_force.get(rule_id) is None:
        from medlint.paths import shown

        where = shown(str(config.path))
        click.echo(
            f"medlint: note: {rule_id!r} is not in force here: the select or ignore of {where} leave it out", err=True
        )


@main.command("test-rules", short_help="Run the rules' own good and bad examples.")
@click.argument("paths", nargs=-1, type=_Named())
@click.option("--config", "config_path", type=_Named(dir_okay=False), help="Use this config file.")
@click.option("-v", "--verbose", is_flag=True, help="Also list the examples that pass.")
@click.option(
    "--suggestions",
    "show_suggestions",
    is_flag=True,
    help="Instead, show each choice `fix -i` offers on each bad example, as the sentence it gives.",
)
@click.option("--rule", "rule_ids", multiple=True, metavar="ID", help="Only this rule (repeatable).")
def test_rules(
    paths: tuple[str, ...], config_path: str | None, verbose: bool, show_suggestions: bool, rule_ids: tuple[str, ...]
) -> None:
    """Run every rule's examples (default: the built-in rules and the config's rule files)."""
    from medlint.rule_tests import rules_to_test, run_examples, summarise

    with user_errors():
        config = _settings(config_path, ["."])
        _, tested = rules_to_test([Path(p) for p in paths], config.rules, config.builtin_rules)
        tested = _only_rules(tested, rule_ids)
        if show_suggestions:
            _show_suggestions(tested)
            return
        results = run_examples(tested)
    summary = summarise(tested, results)
    for result in results:
        if verbose or not result.passed:
            click.echo(result.describe())
    click.echo(summary.line())
    sys.exit(EXIT_FINDINGS if summary.failures else EXIT_CLEAN)


def _only_rules(rules: list[Rule], rule_ids: tuple[str, ...]) -> list[Rule]:
    if not rule_ids:
        return rules
    unknown = sorted(set(rule_ids) - {r.id for r in rules})
    if unknown:
        from medlint.ruleset import did_you_mean

        hint = did_you_mean(unknown[0], (r.id for r in rules), "see `medlint rules`")
        _fail(f"--rule: no rule {unknown[0]!r} among those tested; {hint}")
    return [r for r in rules if r.id in rule_ids]


def _show_suggestions(rules: Sequence[Rule]) -> None:
    from medlint.suggestion_preview import preview_rule

    for rule in rules:
        for preview in preview_rule(rule):
            click.echo("\n".join(preview.lines()))


@main.command("baseline", short_help="Record today's findings for `check --baseline`.")
@click.argument("paths", nargs=-1, type=_Named())
@_apply(selection_options)
@click.option(
    "-o",
    "--output",
    type=_Named(dir_okay=False),
    default="medlint-baseline.json",
    show_default=True,
    help="The baseline file to write, atomically; its entries of files or rules this run does not check are kept.",
)
def baseline_command(
    paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None, output: str
) -> None:
    """Record today's findings, so `check --baseline FILE` reports only new ones."""
    from medlint.engine import Engine
    from medlint.finding_log import counts_of
    from medlint.reporters.text import excluded_note
    from medlint.review import page_rule_ids, record_baseline, site_rule_ids
    from medlint.runner import check_paths

    targets = paths or (".",)
    if "-" in targets:
        _fail("a baseline records files; stdin cannot be baselined")
    with user_errors():
        config = _with_cli_options(_settings(config_path, targets), select, ignore, None)
        rules = _rules_for_a_run(config)
        result = check_paths(targets, config, Engine.build(rules, config.accept))
        for error in result.errors:
            click.echo(f"medlint: error: {error}", err=True)
        if result.errors:
            _fail(f"{output}: not written, as some files could not be read")
        count, kept, compared = record_baseline(
            result,
            output,
            page_rule_ids(rules),
            frozenset(rule.id for rule in rules),
            site_rule_ids(rules, config.site is not None),
        )
    files = len(counts_of(result.findings).paths)
    kept_note = (
        f"; kept {kept} entr{'y' if kept == 1 else 'ies'} of files or rules this run did not check" if kept else ""
    )
    if compared:
        # A fact compared between pages: with one of them left out, the run cannot tell it was fixed.
        kept_note += (
            f"; kept {compared} entr{'y' if compared == 1 else 'ies'} of facts compared with pages this run "
            "left out (record every page, or set `site:` in the config, to record them afresh)"
        )
    excluded = f". {excluded_note(result)}" if result.excluded else ""
    click.echo(
        f"medlint: recorded {count} finding{'' if count == 1 else 's'} in {files} of {result.files_checked} "
        f"file{'' if result.files_checked == 1 else 's'} to {output}{kept_note}{excluded}",
        err=True,
    )


@main.command("fix", short_help="Apply the safe fixes, or with -i walk through each finding.")
@click.argument("paths", nargs=-1, type=_Named())
@_apply(selection_options)
@click.option("-i", "--interactive", is_flag=True, help="Walk through each finding: accept, edit, skip or quit.")
@click.option("--diff", is_flag=True, help="Print a diff of the safe fixes; write nothing.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="Format of the report of what is left.",
)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="As for `check`.")
@click.option(
    "--stdin-filename",
    metavar="NAME",
    type=_NAME,
    help="Name (and so format) for text read from '-' (alone: read stdin).",
)
@click.option(
    "--no-color", is_flag=True, help="No colour (also: a non-empty NO_COLOR; FORCE_COLOR forces it in a pipe)."
)
def fix_command(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    interactive: bool,
    diff: bool,
    output_format: str,
    fail_on: str | None,
    stdin_filename: str | None,
    no_color: bool,
) -> None:
    """Fix drafts: the safe fixes (as `check --fix`), or with -i, every suggestion one by one."""
    from medlint.fix_commands import Options, run_diff, run_fix, run_interactive

    if interactive and diff:
        _fail("--interactive and --diff cannot be combined")
    if (interactive or diff) and output_format != "text":
        what = "--diff prints a patch, not a report" if diff else "--interactive asks at the terminal, with no report"
        _fail(f"{what}: --format {output_format} does not apply")
    options = Options(
        _paths_to_read(paths, stdin_filename), config_path, select, ignore, fail_on, stdin_filename, no_color
    )
    if interactive:
        run_interactive(options)
    _say_when_stdin_is_typed(options.paths)
    if diff:
        run_diff(options)
    run_fix(options, output_format)


@main.group("server", short_help="Keep a warm medlint running for fast checks.")
def server_group() -> None:
    """A warm medlint that runs checks for pre-commit, editors and scripts.

    While a server runs, `medlint check` with neither stdout nor stderr at a
    terminal is run by it, skipping start-up (a tenth of a second or more).
    Opt in with `start`, or set MEDLINT_SERVER=1 for such a check to start one
    after itself.
    """


idle_option = click.option(
    "--idle-minutes",
    # At most a week: a timer must be a finite number of seconds ("inf" and "nan" are floats too).
    type=click.FloatRange(min=0, max=7 * 24 * 60, min_open=True),
    callback=lambda _context, _parameter, value: _finite(value, "--idle-minutes"),
    default=30,
    show_default=True,
    help="Exit after this long without a request (at most a week).",
)


def _finite(value: float, name: str) -> float:
    if value != value:  # nan compares unequal to itself, and passes any range
        raise click.BadParameter(f"{value!r} is not a number of minutes.", param_hint=name)
    return value


@server_group.command("start")
@idle_option
def server_start(idle_minutes: float) -> None:
    """Start a server in the background (nothing to do if one runs)."""
    from medlint.server import ServerFailed, start_in_background
    from medlint.server_client import no_socket_reason, socket_path

    if socket_path() is None:
        _fail(f"the server did not start: {no_socket_reason()}")
    try:
        info = start_in_background(idle_minutes)
    except (ServerFailed, OSError) as error:  # OSError: Python itself could not be started
        _fail(f"the server did not start: {getattr(error, 'strerror', None) or error}")
    if info is None:
        _fail(f"the server did not start (its socket would be {socket_path() or 'unavailable here'})")
    click.echo(f"medlint: server running, pid {info.pid}, at {socket_path()}", err=True)


@server_group.command("stop")
def server_stop() -> None:
    """Stop this installation's server."""
    from medlint.server import stop

    click.echo("medlint: server stopped" if stop() else "medlint: no server was running", err=True)


@server_group.command("status")
def server_status() -> None:
    """Say whether a server runs (exit 0) or not (exit 1)."""
    import time

    from medlint.cache_location import cache_dir_name
    from medlint.server import running

    info = running()
    if info is None:
        # The answer to the question asked, as "server running" is: stdout, with exit 1 to test on.
        # Named, as a server started with another MEDLINT_CACHE_DIR is not this folder's.
        click.echo(f"medlint: no server running for the cache folder {cache_dir_name()}")
        sys.exit(1)
    minutes = (time.time() - info.started) / 60
    checks = f"{info.requests} check{'' if info.requests == 1 else 's'} run"
    click.echo(f"medlint: server running, pid {info.pid}, up {minutes:.0f} min, {checks}")


@server_group.command("run")
@idle_option
def server_run(idle_minutes: float) -> None:
    """Serve in the foreground (what `start` runs in the background)."""
    from medlint.server import running, serve

    try:
        served = serve(idle_minutes)
    except OSError as error:
        _fail(f"cannot serve: {error}")
    if not served:
        info = running()
        where = f" (pid {info.pid})" if info is not None else ""
        click.echo(f"medlint: a server is already running{where}; this one is not needed", err=True)
