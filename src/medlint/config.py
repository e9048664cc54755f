"""Project configuration: ``.medlint.yaml`` or ``[tool.medlint]`` in pyproject.toml.

Found by walking up from the checked paths; ``--config`` names one directly. Of
several in one folder, the first of CONFIG_NAMES is read, and a run warns of the others.
Every key is validated, and an unknown key is an error, not silently ignored.
Paths in a config file are relative to the folder that holds it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from medlint.errors import ConfigError
from medlint.findings import Severity
from medlint.paths import not_utf8, read_text
from medlint.paths import resolved as safe_resolved
from medlint.yaml_text import YamlCache, YamlSyntaxError

CONFIG_NAMES = (".medlint.yaml", ".medlint.yml", "pyproject.toml")
KEYS = frozenset(
    {
        "select",
        "ignore",
        "severity",
        "rules",
        "builtin_rules",
        "include",
        "exclude",
        "extensions",
        "accept",
        "fail_on",
        "respect_gitignore",
        "not_suppressible",
        "site",
        "locations",
        "facts",
        "prefer",
        "required",
    }
)


class Config(msgspec.Struct, frozen=True):
    """Settings for a run. ``root`` is the folder relative paths are taken from."""

    root: Path = msgspec.field(default_factory=Path.cwd)
    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # --select and --ignore, kept apart from the file's lists so a typo is blamed on the right place.
    option_select: tuple[str, ...] = ()
    option_ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = msgspec.field(default_factory=dict)
    rules: tuple[Path, ...] = ()
    builtin_rules: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extensions: Mapping[str, str] = msgspec.field(default_factory=dict)
    accept: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    respect_gitignore: bool = True
    not_suppressible: tuple[str, ...] = ()
    # Cross-page checks compare the checked files with every page under this folder.
    site: Path | None = None
    # The site's clinics, by name: a bare mention ("## Austin", "Austin: $750") names where a price is charged.
    locations: tuple[str, ...] = ()
    # Approved values of fact slots: slot -> value, or slot -> {subject or key: value}.
    facts: Mapping[str, Any] = msgspec.field(default_factory=dict)
    # Preferred spelling per consistency rule: rule id -> form.
    prefer: Mapping[str, str] = msgspec.field(default_factory=dict)
    # Companions (disclaimers) that pages with claims must carry; None: every one the rules define.
    required: tuple[str, ...] | None = None


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or its parents (pyproject only with [tool.medlint]).

    Of several in one folder, the first in CONFIG_NAMES' order (``unused_configs`` names the others).
    """
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        found = _configs_in(candidate)
        if found:
            return found[0]
    return None


def unused_configs(used: Path) -> list[Path]:
    """The other config files beside ``used``, which a run found and does not read."""
    return [path for path in _configs_in(used.parent) if path != used]


class ConfigWarning(UserWarning):
    """A run found config files it does not read: ``lint_paths`` warns of it as the command line does."""


def unused_configs_note(used: Path) -> str | None:
    """The warning for config files beside ``used`` (settings there would be silently ignored), if any."""
    unused = unused_configs(used)
    if not unused:
        return None
    others = " and ".join(describe_config(path) for path in unused)
    return f"{used.parent}: using {describe_config(used)}, not {others} beside it; keep one config file per folder"


def _configs_in(folder: Path) -> list[Path]:
    found = []
    for name in CONFIG_NAMES:
        path = folder / name
        try:
            if path.is_file() and (name != "pyproject.toml" or _has_tool_section(path)):
                found.append(path)
            elif path.is_symlink() and not path.exists():
                found.append(path)  # a config meant to apply, pointing nowhere: an error, not the defaults
            elif path.exists() and not path.is_file() and not path.is_dir():
                found.append(path)  # a pipe, a socket or a device: an error saying so, not the defaults
            elif name != "pyproject.toml" and path.is_dir():
                found.append(path)  # a folder given a config's name (by a mistaken mkdir or unzip): the same
        except OSError as error:
            if error.errno != errno.ENAMETOOLONG:
                raise
            continue  # a name too long for the system (in a folder just under PATH_MAX): no file has it
    return found


def describe_config(path: Path) -> str:
    """A config file's name as a person looks for it: pyproject.toml by its section."""
    return f"{path.name} [tool.medlint]" if path.name == "pyproject.toml" else path.name


def common_folder(paths: Iterable[str]) -> Path:
    """The deepest folder holding every given path (the working folder for none or stdin).

    A file counts by the folder it is named in, not where a symlink leads: a page linked in from
    elsewhere (or a link to /dev/zero) is still the project's, checked with the project's config.
    """
    named = [Path(p) for p in paths if p != "-"]
    if not named:
        return Path.cwd()
    # os.path's isdir: False for a name no file can have (too long), which is then reported as unreadable.
    folders = [safe_resolved(p) if os.path.isdir(p) else safe_resolved(p.parent) for p in named]
    common = folders[0]
    for folder in folders[1:]:
        while common not in (folder, *folder.parents):
            common = common.parent
    return common


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    data = _read(path)
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path) -> Config:
    source = str(path)
    unknown = sorted(set(data) - KEYS, key=str)  # YAML keys need not be strings
    if unknown:
        from medlint.ruleset import did_you_mean  # only a mistake needs it

        key = unknown[0]
        hint = did_you_mean(key, KEYS, otherwise="") if isinstance(key, str) else ""
        said = f"unknown key {key!r}" + (f"; {hint}" if hint else "")
        raise ConfigError(source, f"{said} (known keys: {', '.join(sorted(KEYS))})")
    root = path.parent.resolve()
    return Config(
        root=root,
        path=path,
        select=_selection(data, source),
        ignore=_strings(data, "ignore", source),
        severity=_severities(data.get("severity", {}), source),
        rules=tuple(root / p for p in _strings(data, "rules", source)),
        builtin_rules=_boolean(data, "builtin_rules", True, source),
        include=_strings(data, "include", source),
        exclude=_strings(data, "exclude", source),
        extensions=_extensions(data.get("extensions", {}), source),
        accept=_strings(data, "accept", source),
        fail_on=_severity(data.get("fail_on", "warning"), "fail_on", source),
        respect_gitignore=_boolean(data, "respect_gitignore", True, source),
        not_suppressible=_strings(data, "not_suppressible", source),
        site=root / _string(data, "site", source) if "site" in data else None,
        locations=_location_names(data.get("locations", []), source),
        facts=_facts(data.get("facts", {}), source),
        prefer=_prefer(data.get("prefer", {}), source),
        required=_strings(data, "required", source) if "required" in data else None,
    )


def _read(path: Path) -> Mapping[str, Any]:
    source = str(path)
    try:
        raw = read_text(path)
    except FileNotFoundError:
        missing = " (a symlink to a file that does not exist)" if path.is_symlink() else ""
        raise ConfigError(source, f"config file not found{missing}") from None
    except IsADirectoryError:
        raise ConfigError(source, "is a directory, not a file") from None
    except OSError as error:
        raise ConfigError(source, f"cannot read config: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(source, not_utf8(error)) from None
    if path.suffix.lower() == ".toml":  # pyproject.toml, or a TOML file named with --config
        return _tool_section(raw, source)
    try:
        data = YamlCache.default().parse(raw)
    except YamlSyntaxError as error:
        raise ConfigError(source, f"bad YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError(source, "the config must be a mapping of keys to values")
    return data


def _toml_loads(raw: str) -> dict[str, Any]:
    import tomllib  # here: only a TOML config needs it

    data: dict[str, Any] = tomllib.loads(raw)
    return data


def _tool_section(raw: str, source: str) -> Mapping[str, Any]:
    try:
        data = _toml_loads(raw)
    except ValueError as error:
        raise ConfigError(source, f"bad TOML: {error}") from None
    tool = data.get("tool", {})
    section = tool.get("medlint") if isinstance(tool, Mapping) else None
    if section is None:  # found files always have one: this one was named with --config
        raise ConfigError(source, "no [tool.medlint] table: medlint reads its settings from there in a TOML file")
    if not isinstance(section, Mapping):
        raise ConfigError(source, "[tool.medlint] must be a table")
    # TOML users write kebab-case keys; accept both spellings.
    return {str(k).replace("-", "_"): v for k, v in section.items()}


def _has_tool_section(path: Path) -> bool:
    try:
        raw = read_text(path)  # (a named pipe put in its place since it was found is not waited on)
        if "medlint" not in raw:  # most pyproject.toml files: no need to import and run a TOML parser
            return False
        tool = _toml_loads(raw).get("tool", {})
    except (OSError, UnicodeDecodeError, ValueError):
        return True  # let load_config report the problem
    return isinstance(tool, Mapping) and "medlint" in tool


def _strings(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(source, f"{key!r} must be a list of strings")
    return tuple(value)


def _selection(data: Mapping[str, Any], source: str) -> tuple[str, ...]:
    """The ``select`` list; given empty it would select no rule, which no one means (leaving it out runs every rule)."""
    select = _strings(data, "select", source)
    if "select" in data and not select:
        raise ConfigError(source, "'select' is an empty list, which selects no rule; leave it out to run every rule")
    return select


def _string(data: Mapping[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(source, f"{key!r} must be a path (a string)")
    return value


def _location_names(value: Any, source: str) -> tuple[str, ...]:
    """The clinics' names, each one line of words ("Round Rock"), spaced as one and given once."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(source, "'locations' must be a list of the site's clinics' names")
    names: list[str] = []
    for raw in value:
        name = " ".join(raw.split())
        if not any(c.isalnum() for c in name) or "\n" in raw.strip():
            raise ConfigError(source, f"locations: {raw!r} is not a place's name (a few words on one line)")
        if name.casefold() in {n.casefold() for n in names}:
            raise ConfigError(source, f"locations: {name!r} is given twice")
        names.append(name)
    return tuple(names)


def _facts(value: Any, source: str) -> dict[str, Any]:
    """slot -> approved value, or slot -> {subject or key: approved value}; values are read by each slot."""
    if not isinstance(value, Mapping):
        raise ConfigError(source, "'facts' must map fact slots (rule ids) to approved values")
    facts: dict[str, Any] = {}
    for slot, approved in value.items():
        if isinstance(approved, Mapping):
            facts[str(slot)] = {str(k): _approved_at(slot, k, v, source) for k, v in approved.items()}
            if not approved:
                raise ConfigError(source, f"facts: {slot}: each value must be a string or a number")
        elif _scalar(approved):
            facts[str(slot)] = str(approved)
        else:
            raise ConfigError(source, f"facts: {slot}: give a value, or a mapping of subject or key to value")
    return facts


def _approved_at(slot: Any, name: Any, value: Any, source: str) -> str | dict[str, str]:
    """A subject's or key's value, or a clinic's: its value, or its own mapping of subject or key to value."""
    if _scalar(value):
        return str(value)
    if isinstance(value, Mapping) and value and all(_scalar(v) for v in value.values()):
        return {str(k): str(v) for k, v in value.items()}
    raise ConfigError(source, f"facts: {slot}: {name}: each value must be a string or a number")


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _prefer(value: Any, source: str) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(source, "'prefer' must map consistency rule ids to their preferred form")
    return {str(k): v for k, v in value.items()}


def _boolean(data: Mapping[str, Any], key: str, default: bool, source: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(source, f"{key!r} must be true or false")
    return value


def _severity(value: Any, key: str, source: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as error:
        raise ConfigError(source, f"{key!r}: {error}") from None


def _severities(value: Any, source: str) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise ConfigError(source, "'severity' must map rule ids, packs or categories to a severity")
    return {str(k): _severity(v, f"severity.{k}", source) for k, v in value.items()}


def _extensions(value: Any, source: str) -> dict[str, str]:
    from medlint.formats import FORMATS

    if not isinstance(value, Mapping):
        raise ConfigError(source, "'extensions' must map file suffixes to formats")
    mapped = {}
    for suffix, fmt in value.items():
        if not isinstance(fmt, str) or fmt not in FORMATS:
            raise ConfigError(source, f"extensions: unknown format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
        key = str(suffix).lower()
        mapped[key if key.startswith(".") else "." + key] = fmt
    return mapped
