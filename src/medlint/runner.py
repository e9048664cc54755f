"""A whole run: find the files, read and parse each, check it, compare across files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medlint.config import Config
from medlint.discovery import Target, discover
from medlint.engine import DocumentResult, Engine
from medlint.errors import InputError
from medlint.findings import Finding
from medlint.formats import format_for, parse_document
from medlint.rule_loader import builtin_rules_dir, load_rules
from medlint.ruleset import RuleSet
from medlint.site import check_settings, rule_settings, site_results
from medlint.sources import Source, decode_source, read_source
from medlint.suppressions import with_suppression_rules

STDIN = "-"


@dataclass
class RunResult:
    """Everything a reporter needs: findings, files that could not be read, notices.

    ``sources`` holds what was read from stdin (it cannot be read twice) and,
    when asked, every file's text (the fixer needs it).
    """

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    files_checked: int = 0
    sources: dict[str, Source] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)  # format of each kept source
    checked: list[str] = field(default_factory=list)  # display path of every file checked


def build_ruleset(config: Config, extra_rules: Sequence[Path] = ()) -> RuleSet:
    """Load built-in and configured rules, then apply selection and severity overrides."""
    paths = ([builtin_rules_dir()] if config.builtin_rules else []) + list(config.rules) + list(extra_rules)
    rules = with_suppression_rules(load_rules(paths, rule_settings(config)))
    check_settings(config, rules)
    return rules.select(config.select, config.ignore).with_overrides(config.severity, config.not_suppressible)


def check_paths(
    paths: Sequence[str],
    config: Config,
    engine: Engine,
    *,
    stdin_filename: str | None = None,
    read_stdin: Callable[[], bytes] = lambda: sys.stdin.buffer.read(),
    keep_sources: bool = False,
) -> RunResult:
    """Check every file under ``paths`` (``-`` reads stdin) with ``engine``."""
    result = RunResult()
    documents: list[tuple[DocumentResult, bool]] = []
    reported: set[Path] = set()
    for item in _targets(paths, config, stdin_filename):
        if isinstance(item, InputError):
            result.errors.append(item)
            continue
        try:
            source = _read(item, read_stdin)
        except InputError as error:
            result.errors.append(error)
            continue
        document = parse_document(item.display, source.text, item.format)
        checked = engine.check_document(document)
        documents.append((checked, True))
        reported.add(item.path)
        result.findings.extend(checked.findings)
        result.notices.extend(checked.notices)
        result.files_checked += 1
        result.checked.append(item.display)
        if keep_sources or item.path == Path(STDIN):
            result.sources[item.display] = source
            result.formats[item.display] = item.format
    # With a site root, the other pages there are compared against but not reported on.
    for page in site_results(config, engine, reported):
        if isinstance(page, InputError):
            result.notices.append(f"site page not compared: {page}")
        else:
            documents.append((page, False))
            result.notices.extend(page.notices)
    result.findings.extend(engine.finish_run(documents))
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def _targets(paths: Sequence[str], config: Config, stdin_filename: str | None) -> list[Target | InputError]:
    items: list[Target | InputError] = []
    if STDIN in paths:
        name = stdin_filename or "<stdin>"
        items.append(Target(Path(STDIN), name, format_for(name, config.extensions) or "text"))
    items.extend(discover([p for p in paths if p != STDIN], config))
    return items


def _read(target: Target, read_stdin: Callable[[], bytes]) -> Source:
    if target.path == Path(STDIN):
        return decode_source(read_stdin(), target.display)
    return read_source(target.path, target.display)
