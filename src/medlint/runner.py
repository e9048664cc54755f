"""A whole run: find the files, read and parse each, check it, compare across files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from msgspec.structs import replace

from medlint.config import Config
from medlint.discovery import Excluded, LeftOut, Target, discover, left_out_by_config
from medlint.engine import DocumentResult, Engine
from medlint.errors import ConfigError, InputError
from medlint.finding_log import FindingLog
from medlint.findings import Finding
from medlint.formats import format_for, parse_document
from medlint.rule_loader import builtin_rules_dir, load_rules
from medlint.ruleset import RuleSet, did_you_mean, unknown_selectors
from medlint.site import check_settings, rule_settings, site_results
from medlint.sources import Source, decode_source, read_source, stdin_bytes
from medlint.suppressions import with_suppression_rules

if TYPE_CHECKING:
    from medlint.result_cache import ResultCache

STDIN = "-"


class RunResult(msgspec.Struct):
    """Everything a reporter needs: findings, files that could not be read, notices.

    ``sources`` holds what was read from stdin (it cannot be read twice) and,
    when asked, every file's text (the fixer needs it).
    """

    findings: Sequence[Finding] = msgspec.field(default_factory=FindingLog)  # in report order
    errors: list[InputError] = msgspec.field(default_factory=list)
    notices: list[str] = msgspec.field(default_factory=list)
    files_checked: int = 0
    sources: dict[str, Source] = msgspec.field(default_factory=dict)
    formats: dict[str, str] = msgspec.field(default_factory=dict)  # format of each kept source
    checked: list[str] = msgspec.field(default_factory=list)  # display path of every file checked
    excluded: list[str] = msgspec.field(
        default_factory=list
    )  # files named on the command line that the config excludes
    excluding_config: str = ""  # the config file whose include/exclude left them out, as the summary names it
    left_out: list[LeftOut] = msgspec.field(default_factory=list)  # folders named whose every page was left out
    files_from_cache: int = 0  # of files_checked, those whose result an earlier run had kept


def _config_shown(config: Config) -> str:
    """The config file as a writer would type it: relative to the current folder where it is below it."""
    if config.path is None:
        return ""
    try:
        return config.path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(config.path)


def build_ruleset(config: Config, extra_rules: Sequence[Path] = ()) -> RuleSet:
    """Load built-in and configured rules, then apply selection and severity overrides."""
    _check_rule_paths(config)
    paths = ([builtin_rules_dir()] if config.builtin_rules else []) + list(config.rules) + list(extra_rules)
    rules = with_suppression_rules(load_rules(paths, rule_settings(config)))
    check_settings(config, rules)
    _check_selectors(config, rules)
    select = config.option_select or config.select
    ignore = (*config.ignore, *config.option_ignore)
    return rules.select(select, ignore).with_overrides(config.severity, config.not_suppressible)


def _check_rule_paths(config: Config) -> None:
    """A config's `rules:` entry that names nothing is the config's error: say which file to fix."""
    for path in config.rules:
        if not path.exists():
            source = str(config.path) if config.path is not None else "config"
            raise ConfigError(source, f"rules: {path} not found (paths are relative to the config file's folder)")


_NAME_RULES = "name rule ids, packs or categories (`medlint rules` lists them)"


def _check_selectors(config: Config, rules: RuleSet) -> None:
    """A misspelt rule, pack or category must not quietly select nothing (and pass the run)."""
    source = str(config.path) if config.path is not None else "config"
    lists = (
        (source, "select", config.select),
        (source, "ignore", config.ignore),
        (source, "severity", tuple(config.severity)),
        (source, "not_suppressible", config.not_suppressible),
        ("", "--select", config.option_select),  # the command line: the option names where
        ("", "--ignore", config.option_ignore),
    )
    for where, name, selectors in lists:
        for unknown in unknown_selectors(rules, selectors):
            if not unknown.strip():  # `--select ""`, an empty variable, a trailing comma: not "every rule"
                raise ConfigError(where, f"{name}: {unknown!r} is an empty name; {_NAME_RULES}")
            hint = did_you_mean(unknown, (n for r in rules for n in (r.id, r.pack, r.category)))
            raise ConfigError(where, f"{name}: no rule, pack or category is called {unknown!r}; {hint}")


def check_paths(
    paths: Sequence[str],
    config: Config,
    engine: Engine,
    *,
    stdin_filename: str | None = None,
    read_stdin: Callable[[], bytes] = lambda: stdin_bytes(),
    keep_sources: bool = False,
    jobs: int | None = 1,
    progress: Callable[[int, int], None] | None = None,
    cache: ResultCache | None = None,
) -> RunResult:
    """Check every file under ``paths`` (``-`` reads stdin) with ``engine``.

    ``jobs`` worker processes check the files (None: all cores for many files,
    one for a few; the command line's default); the result is the same for any
    number. ``progress`` is called with (files done, files in all) after each file.
    With a ``cache``, unchanged files' results come from earlier runs (and the
    run's are kept for later ones); the result is the same as without.
    """
    from medlint.parallel import check_targets, default_jobs

    result = RunResult()
    findings = FindingLog()
    documents: list[tuple[DocumentResult, bool]] = []
    reported: set[Path] = set()
    targets: list[Target] = []
    for item in _targets(paths, config, stdin_filename):
        if isinstance(item, InputError):
            result.errors.append(item)
        elif isinstance(item, Excluded):
            result.excluded.append(item.display)
            result.excluding_config = _config_shown(config)
        elif isinstance(item, LeftOut):
            result.left_out.append(item)
            result.excluding_config = _config_shown(config)
        elif item.path == Path(STDIN):
            try:
                source = _read(item, read_stdin)
                document = parse_document(item.display, source.text, item.format)
            except InputError as error:
                result.errors.append(error)
                continue
            checked = engine.check_document(document)
            _record(result, findings, documents, reported, item, checked, source)
        else:
            targets.append(item)
    workers = default_jobs(len(targets)) if jobs is None else jobs
    for done, outcome in enumerate(check_targets(targets, engine, workers, keep_sources, cache, result.notices), 1):
        if outcome.error is not None:
            result.errors.append(outcome.error)
        elif outcome.result is not None:
            _record(result, findings, documents, reported, outcome.target, outcome.result, outcome.source)
            result.files_from_cache += outcome.from_cache
        if progress is not None:
            progress(done, len(targets))
    # With a site root, the other pages there are compared against but not reported on.
    for page in site_results(config, engine, reported, cache):
        if isinstance(page, InputError):
            result.notices.append(f"site page not compared: {page}")
        else:
            documents.append((page, False))
            result.notices.extend(page.notices)
    findings.extend(engine.finish_run(documents))
    result.findings = findings
    return result


def _record(
    result: RunResult,
    findings: FindingLog,
    documents: list[tuple[DocumentResult, bool]],
    reported: set[Path],
    target: Target,
    checked: DocumentResult,
    source: Source | None,
) -> None:
    # Run-level checks need each page's records, not its findings: those go to the log alone.
    documents.append((replace(checked, findings=()), True))
    reported.add(target.path)
    findings.extend(checked.findings)
    result.notices.extend(checked.notices)
    result.files_checked += 1
    result.checked.append(target.display)
    if source is not None:
        result.sources[target.display] = source
        result.formats[target.display] = target.format


def _targets(
    paths: Sequence[str], config: Config, stdin_filename: str | None
) -> list[Target | InputError | Excluded | LeftOut]:
    items: list[Target | InputError | Excluded | LeftOut] = []
    if STDIN in paths:
        name = stdin_filename or "<stdin>"
        # Text named with --stdin-filename is that file, as an editor or hook means it: left out as it would be.
        if stdin_filename is not None and left_out_by_config(stdin_filename, config):
            items.append(Excluded(name))
        else:
            items.append(Target(Path(STDIN), name, format_for(name, config.extensions) or "text"))
    items.extend(discover([p for p in paths if p != STDIN], config))
    return items


def _read(target: Target, read_stdin: Callable[[], bytes]) -> Source:
    if target.path == Path(STDIN):
        try:
            data = read_stdin()
        except OSError as error:
            raise InputError(target.display, f"cannot read: {error.strerror or error}") from None
        return decode_source(data, target.display)
    return read_source(target.path, target.display)
