"""The Python API: lint a string or a set of paths with the project's configuration."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

from medlint.config import Config, ConfigWarning, common_folder, find_config, load_config, unused_configs_note
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

    Config files found beside the one read (``.medlint.yaml`` and a ``pyproject.toml`` with
    ``[tool.medlint]`` in one folder), whose settings are not applied, are reported as a
    ``medlint.ConfigWarning`` (the command line's ``medlint: warning:`` line).
    """
    names = [str(p) for p in paths]
    if config is None:
        found = find_config(common_folder(names))
        note = unused_configs_note(found) if found is not None else None
        if note:
            warnings.warn(note, ConfigWarning, stacklevel=2)
        config = load_config(found)
    engine = Engine.build(build_ruleset(config), config.accept)
    return check_paths(names, config, engine, cache=ResultCache.for_engine(engine) if cache else None)
