"""The Python API: lint a string or a set of paths with the project's configuration."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from medlint.config import Config, common_folder, find_config, load_config
from medlint.engine import Engine
from medlint.findings import Finding
from medlint.formats import format_for, parse_document
from medlint.result_cache import ResultCache
from medlint.runner import RunResult, build_ruleset, check_paths


def lint_text(
    text: str,
    path: str = "<text>",
    *,
    config: Config | None = None,
    format: str | None = None,
) -> list[Finding]:
    """Findings for ``text`` as if read from ``path`` (its suffix picks the format).

    Document-level and run-level rules both apply, the run being this one text.
    Raises medlint.errors.InputError for a page its own tool refuses to build
    (an Astro component whose ``---`` script is never closed).
    """
    config = config or Config()
    engine = Engine.build(build_ruleset(config), config.accept)
    fmt = format or format_for(path, config.extensions) or "text"
    result = engine.check_document(parse_document(path, text, fmt))
    findings = list(result.findings) + engine.finish_run([(result, True)])
    return sorted(findings, key=lambda f: f.sort_key)


def lint_paths(paths: Sequence[str | Path], *, config: Config | None = None, cache: bool = False) -> RunResult:
    """Check files and folders; the config is found from the paths unless given.

    With ``cache``, files unchanged since an earlier cached run are not checked
    again (their results are kept in the user's cache folder, as the command
    line does); the result is the same either way.
    """
    names = [str(p) for p in paths]
    if config is None:
        config = load_config(find_config(common_folder(names)))
    engine = Engine.build(build_ruleset(config), config.accept)
    return check_paths(names, config, engine, cache=ResultCache.for_engine(engine) if cache else None)
