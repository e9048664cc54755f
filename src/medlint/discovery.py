"""Which files a run checks: walk folders, keep known formats, honour globs and .gitignore."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.config import Config
from medlint.errors import ConfigError, InputError
from medlint.formats import format_for
from medlint.paths import resolved

if TYPE_CHECKING:
    import pathspec

# Folders no one wants linted, pruned before their contents are listed: version control,
# dependencies, tool caches, and what site generators build (a copy of the pages, or their cache).
SKIPPED_FOLDERS = frozenset({
    ".git", ".hg", ".svn",
    "node_modules", ".venv", "venv", "site-packages", "__pycache__",
    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cache",
    "_site", ".jekyll-cache", ".next", ".nuxt", ".docusaurus", ".svelte-kit", ".astro", ".vercel", ".netlify",
})  # fmt: skip


@dataclass(frozen=True)
class Target:
    """A file to check: where it is, how to show it, and its format."""

    path: Path
    display: str
    format: str


@dataclass(frozen=True)
class Excluded:
    """A file named on the command line that the config's ``exclude`` leaves out (pre-commit names them all)."""

    display: str


def discover(paths: Sequence[str], config: Config) -> Iterator[Target | InputError | Excluded]:
    """Targets in a stable order; unreadable or missing paths come back as errors."""
    include = _spec(config.include, "include", config)
    exclude = _spec(config.exclude, "exclude", config)
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for target in _walk(path, config, include, exclude):
                if isinstance(target, InputError) or target.path not in seen:
                    if isinstance(target, Target):
                        seen.add(target.path)
                    yield target
        elif path.exists() or path.is_symlink():
            relative = _relative(path, config)
            if relative is not None and exclude is not None and exclude.match_file(relative):
                yield Excluded(raw)
                continue
            if resolved(path) in seen:
                continue
            seen.add(resolved(path))
            # A file named on the command line is checked whatever its suffix.
            yield Target(resolved(path), raw, format_for(raw, config.extensions) or "text")
        else:
            yield InputError(raw, "no such file or directory")


def _walk(
    top: Path, config: Config, include: pathspec.PathSpec[Any] | None, exclude: pathspec.PathSpec[Any] | None
) -> Iterator[Target | InputError]:
    visited: set[tuple[int, int]] = set()
    ignores = _GitIgnores(top) if config.respect_gitignore else None
    for folder, subfolders, files in os.walk(top, followlinks=True, onerror=None):
        folder_path = Path(folder)
        try:
            stat = folder_path.stat()
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop, or a folder seen already
            subfolders[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        if ignores is not None:
            ignores.enter(folder_path)
        kept = []
        for name in sorted(subfolders):
            child = folder_path / name
            relative = _relative(child, config)
            if name in SKIPPED_FOLDERS or (relative and exclude and exclude.match_file(relative + "/")):
                continue
            if ignores is not None and ignores.ignored(child, is_dir=True):
                continue
            kept.append(name)
        subfolders[:] = kept
        if not os.access(folder, os.R_OK | os.X_OK):
            yield InputError(str(folder_path), "permission denied (folder not searched)")
            continue
        for name in sorted(files):
            file_path = folder_path / name
            relative = _relative(file_path, config)
            fmt = format_for(name, config.extensions)
            if include is not None:
                if relative is None or not include.match_file(relative):
                    continue
                fmt = fmt or "text"
            if fmt is None:
                continue
            if relative and exclude and exclude.match_file(relative):
                continue
            if ignores is not None and ignores.ignored(file_path, is_dir=False):
                continue
            yield Target(resolved(file_path), os.path.normpath(str(file_path)), fmt)


def _spec(patterns: Sequence[str], key: str, config: Config) -> pathspec.PathSpec[Any] | None:
    if not patterns:
        return None
    try:
        return _gitignore_spec(patterns)
    except Exception:  # the pattern library raises re, re2 and its own errors alike
        bad = next((p for p in patterns if _compiled(p) is None), patterns[0])
        problem = f"{key}: {bad!r} is not a gitignore-style pattern medlint can read"
        raise ConfigError(str(config.path), problem) from None


def _gitignore_spec(lines: Sequence[str]) -> pathspec.PathSpec[Any]:
    # Imported when first needed: it is slow to import, and one file named on the command line needs none.
    import pathspec

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "possible nested set" for '[[': a warning on stderr helps no one
        return pathspec.GitIgnoreSpec.from_lines(lines)


def _compiled(line: str) -> pathspec.PathSpec[Any] | None:
    try:
        return _gitignore_spec([line])
    except Exception:
        return None


def _lenient_gitignore_spec(lines: Sequence[str]) -> pathspec.PathSpec[Any]:
    """A site's .gitignore as git reads it: a line git cannot use ('[z-a]', a lone '\\') matches nothing."""
    try:
        return _gitignore_spec(lines)
    except Exception:
        return _gitignore_spec([line for line in lines if _compiled(line) is not None])


def _relative(path: Path, config: Config) -> str | None:
    try:
        return resolved(path).relative_to(config.root).as_posix()
    except ValueError:
        return None


class _GitIgnores:
    """The .gitignore files that apply under a walked folder, up to its repository root."""

    def __init__(self, top: Path) -> None:
        self._specs: dict[Path, pathspec.PathSpec[Any]] = {}
        top = top.resolve()
        for folder in (top, *top.parents):
            self._load(folder)
            if (folder / ".git").exists():
                break

    def _load(self, folder: Path) -> None:
        ignore_file = folder / ".gitignore"
        if folder in self._specs or not ignore_file.is_file():
            return
        try:
            lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self._specs[folder] = _lenient_gitignore_spec(lines)

    def enter(self, folder: Path) -> None:
        self._load(folder.resolve())

    def ignored(self, path: Path, is_dir: bool) -> bool:
        resolved_path = resolved(path) if not path.is_symlink() else resolved(path.parent) / path.name
        # As git does: the deepest .gitignore with a pattern for the path decides, so a
        # subfolder's '!page.md' brings back what a parent folder's '*.md' left out.
        for folder in resolved_path.parents:
            spec = self._specs.get(folder)
            if spec is None:
                continue
            relative = resolved_path.relative_to(folder).as_posix()
            decision = spec.check_file(relative + ("/" if is_dir else "")).include
            if decision is not None:
                return decision
        return False
