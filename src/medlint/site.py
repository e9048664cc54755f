"""Site-wide settings and pages: what the config tells cross-page checks, and ``--site``.

The config's ``facts``, ``prefer`` and ``required`` reach the check kinds as
rule settings (``load_rules(paths, rule_settings(config))``), where each kind
reads its part when it compiles a rule. ``check_settings`` then makes sure
every name they use belongs to a loaded rule, so a typo in the config is an
error rather than a silently ignored setting.

With ``--site ROOT`` (or ``site:`` in the config) the run reports on the
files it was given, but run-level checks (facts) also see every other page
under ROOT: those pages are read and their facts collected, nothing more.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.config import Config
from medlint.discovery import Target, discover
from medlint.engine import DocumentResult, Engine
from medlint.errors import ConfigError, InputError
from medlint.formats import parse_document
from medlint.paths import resolved
from medlint.ruleset import RuleSet
from medlint.sources import decode_source, read_bytes

if TYPE_CHECKING:
    from medlint.result_cache import ResultCache


def rule_settings(config: Config) -> dict[str, Any]:
    """What check kinds read from the config while compiling rules."""
    settings: dict[str, Any] = {"facts": config.facts, "prefer": config.prefer, "required": config.required}
    if config.locations:  # only a config naming its clinics changes the rules (and their cached form)
        settings["locations"] = config.locations
    settings["config"] = str(config.path) if config.path is not None else "config"
    return settings


def check_settings(config: Config, rules: RuleSet) -> None:
    """Every fact slot, preferred-spelling rule and required companion the config names must exist."""
    source = str(config.path) if config.path is not None else "config"
    slots = sorted(r.id for r in rules if r.kind == "fact")
    for slot in config.facts:
        if slot not in slots:
            raise ConfigError(source, f"facts: no fact rule {slot!r} (fact rules: {', '.join(slots) or 'none'})")
    spelled = sorted(r.id for r in rules if r.kind == "consistency")
    for rule_id in config.prefer:
        if rule_id not in spelled:
            known = ", ".join(spelled) or "none"
            raise ConfigError(source, f"prefer: no consistency rule {rule_id!r} (consistency rules: {known})")
    if config.required is not None:
        companions = sorted({name for r in rules if r.kind == "requires" for name in r.check.defined})
        for name in config.required:
            if name not in companions:
                known = ", ".join(companions) or "none"
                raise ConfigError(source, f"required: no companion {name!r} is defined by a rule (defined: {known})")


def site_results(
    config: Config, engine: Engine, checked: Set[Path], cache: ResultCache | None = None
) -> Iterator[DocumentResult | InputError]:
    """Facts of every page under the site root that was not checked: compared against, not reported on."""
    if config.site is None or not engine.rules.run_rules:
        return
    if not config.site.is_dir():
        source = str(config.path) if config.path is not None else "--site"
        raise ConfigError(source, f"site: {config.site} is not a folder")
    for target in discover([_shown(config.site)], config):
        if isinstance(target, InputError):
            yield target
        elif isinstance(target, Target) and target.path not in checked:
            yield _collect(target, engine, cache)


def outside_site(root: Path, checked: Sequence[str]) -> str | None:
    """A warning for checked files outside ``--site ROOT`` (a mistyped root?); None if all are in it.

    Such a file is still compared with the site's pages, but is not one of them.
    """
    roots = {Path(os.path.abspath(root)), resolved(root)}
    outside = [name for name in checked if name != "<stdin>" and not _under(Path(name), roots)]
    if not outside:
        return None
    which = outside[0] if len(outside) == 1 else f"{len(outside)} checked files (first: {outside[0]})"
    verb = "is" if len(outside) == 1 else "are"
    return f"{which} {verb} outside --site {root}: compared with the pages there, though not one of them"


def _under(path: Path, roots: Set[Path]) -> bool:
    """Whether ``path``, as named or as its symlinks lead, lies in one of ``roots``."""
    forms = {Path(os.path.abspath(path)), resolved(path)}
    return any(root == form or root in form.parents for form in forms for root in roots)


def _shown(root: Path) -> str:
    """The site root as its pages are named in reports: relative to the current folder.

    A ``site:`` in the config is read relative to the config file, so it is an absolute path;
    its pages are named as the checked files are, from where medlint runs.
    """
    if not root.is_absolute():
        return str(root)
    try:
        return os.path.relpath(root)
    except ValueError:  # another drive (Windows): the whole path
        return str(root)


def _collect(target: Target, engine: Engine, cache: ResultCache | None) -> DocumentResult | InputError:
    try:
        data = read_bytes(target.path, target.display)
        cached = cache.get(target, data, "collect") if cache is not None else None
        if cached is not None:
            return cached
        source = decode_source(data, target.display)
        document = parse_document(target.display, source.text, target.format)
    except InputError as error:
        return error
    result = engine.collect(document)
    if cache is not None:
        cache.put(target, data, "collect", result)
    return result
