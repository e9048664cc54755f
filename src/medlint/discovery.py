"""Which files a run checks: walk folders, keep known formats, honour globs and .gitignore."""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from medlint.config import Config
from medlint.errors import ConfigError, InputError
from medlint.formats import format_for, format_of_name
from medlint.paths import resolved, small_file_bytes

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


class Target(msgspec.Struct, frozen=True):
    """A file to check: where it is, how to show it, and its format."""

    path: Path
    display: str
    format: str


class Excluded(msgspec.Struct, frozen=True):
    """A file named on the command line that the config's ``include`` or ``exclude`` leaves out
    (pre-commit names them all)."""

    display: str


class LeftOut(msgspec.Struct, frozen=True):
    """A folder named on the command line that holds pages, none of them checked: the config's
    ``include`` or ``exclude`` left out ``by_config`` of them, a .gitignore ``by_gitignore``."""

    display: str
    by_config: int
    by_gitignore: int


def discover(paths: Sequence[str], config: Config) -> Iterator[Target | InputError | Excluded | LeftOut]:
    """Targets in a stable order; unreadable or missing paths come back as errors."""
    include = _spec(config.include, "include", config)
    exclude = _spec(config.exclude, "exclude", config)
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            is_file = not is_dir and (path.exists() or path.is_symlink())
        except OSError as error:  # a name no file can have (too long): asking about it fails
            yield InputError(raw, error.strerror or str(error))
            continue
        if is_dir:
            left_out = [0, 0]  # pages the config, and a .gitignore, left out
            found = False
            for target in _walk(path, config, include, exclude, left_out):
                if isinstance(target, InputError) or target.path not in seen:
                    if isinstance(target, Target):
                        seen.add(target.path)
                        found = True
                    yield target
            if not found and any(left_out):
                yield LeftOut(raw, *left_out)
        elif is_file:
            relative = _relative(path, config.root)
            if relative is not None and _left_out(relative, include, exclude):
                yield Excluded(raw)
                continue
            if resolved(path) in seen:
                continue
            seen.add(resolved(path))
            # A file named on the command line is checked whatever its suffix.
            yield Target(resolved(path), raw, format_for(raw, config.extensions) or "text")
        else:
            yield InputError(raw, "no such file or directory")


def left_out_by_config(name: str, config: Config) -> bool:
    """Whether the config's ``include`` or ``exclude`` leaves out the file ``name`` (one named on the
    command line, or the name given to stdin), as it would leave it out of a walk of its folder."""
    relative = _relative(Path(name), config.root)
    if relative is None:
        return False
    return _left_out(relative, _spec(config.include, "include", config), _spec(config.exclude, "exclude", config))


def _left_out(relative: str, include: pathspec.PathSpec[Any] | None, exclude: pathspec.PathSpec[Any] | None) -> bool:
    """Whether the config leaves out a file named on the command line, as its walk would: a hook
    names every changed file, and a site's ``include: [content/**]`` means its README is no page."""
    if exclude is not None and exclude.match_file(relative):
        return True
    return include is not None and not include.match_file(relative)


def _walk(
    top: Path,
    config: Config,
    include: pathspec.PathSpec[Any] | None,
    exclude: pathspec.PathSpec[Any] | None,
    left_out: list[int],
) -> Iterator[Target | InputError]:
    """The pages under ``top``; ``left_out`` counts the pages the config, and a .gitignore, leave out."""
    visited: set[tuple[int, int]] = set()
    ignores = _GitIgnores(top) if config.respect_gitignore else None
    roots = _include_roots(config.include) if include is not None else None
    real_top = resolved(top)
    # Each walked subfolder that is no symlink resolves to its folder's resolved path and its name:
    # known when it is listed, not resolved again (a component at a time, at every depth) when walked.
    known_real: dict[str, Path] = {}
    for folder, subfolders, files, links in _tree(str(top)):
        folder_path = Path(folder)
        if isinstance(files, OSError):
            yield InputError(str(folder_path), _unlisted(files))
            continue
        try:
            stat = folder_path.stat()
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop, or a folder seen already
            subfolders[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        # Resolved once per folder: an entry that is not a symlink resolves to this and its name
        # (resolving each file took most of a big walk's time).
        entries = _Folder(folder_path, config.root, links, known_real.pop(folder, None))
        if ignores is not None:
            ignores.enter(entries.real)
        ignored = ignores.deciding(entries.real) if ignores is not None else None
        kept = []
        for name in sorted(subfolders):
            relative = entries.relative(name, entries.is_link(name))
            if name in SKIPPED_FOLDERS or (relative and exclude and exclude.match_file(relative + "/")):
                continue
            if entries.is_link(name) and real_top.is_relative_to(entries.resolved(name, True)):
                continue  # a link up to the walk's own top or above it (/proc/self/root): a loop
            if relative and roots is not None and not _may_hold(relative, roots):
                continue  # no file below can match an include pattern
            if ignored is not None and ignored(name + "/"):
                continue
            kept.append(name)
            if not entries.is_link(name):
                known_real[os.path.join(folder, name)] = entries.real / name
        subfolders[:] = kept
        if not os.access(folder, os.R_OK | os.X_OK):
            yield InputError(str(folder_path), "permission denied (folder not searched)")
            continue
        for name in sorted(files):
            fmt = format_of_name(name, config.extensions)
            if include is None and fmt is None:
                continue  # not a page: nothing below needs its path
            link = entries.is_link(name)
            relative = entries.relative(name, link)
            if include is not None:
                if relative is None or not include.match_file(relative):
                    left_out[0] += fmt is not None  # a page; not every image and script of the site
                    continue
                fmt = fmt or "text"
            if fmt is None:
                continue
            if relative and exclude and exclude.match_file(relative):
                left_out[0] += 1
                continue
            if ignored is not None and ignored(name):
                left_out[1] += 1
                continue
            yield Target(entries.resolved(name, link), os.path.normpath(os.path.join(folder, name)), fmt)


def _unlisted(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied (folder not searched)"
    return f"cannot list the folder: {error.strerror or error}"


def _tree(top: str) -> Iterator[tuple[str, list[str], list[str] | OSError, frozenset[str]]]:
    """``os.walk(top, followlinks=True)``, each folder also with the names of its entries that are
    symlinks: the listing tells, where asking each file would cost a system call. A folder that
    cannot be listed comes with the error in place of its files."""
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except FileNotFoundError:  # gone since its parent was listed: nothing to check
            continue
        except OSError as error:  # reported: a folder left out unseen would look checked
            yield folder, [], error, frozenset()
            continue
        subfolders: list[str] = []
        files: list[str] = []
        links: set[str] = set()
        for entry in entries:
            (subfolders if _is_folder(entry) else files).append(entry.name)
            if _is_link(entry):
                links.add(entry.name)
        yield folder, subfolders, files, frozenset(links)
        # Depth first, in the order the caller leaves the subfolders in (it prunes and sorts them).
        pending.extend(os.path.join(folder, name) for name in reversed(subfolders))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # following a symlink
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


class _Folder:
    """A walked folder's entries: their resolved paths, and those paths relative to the config's root."""

    def __init__(self, folder: Path, root: Path, links: frozenset[str], real: Path | None = None) -> None:
        self.folder = folder
        self.links = links
        self.real = resolved(folder) if real is None else real
        self.root = root
        try:
            inside = self.real.relative_to(root).as_posix()
        except ValueError:
            inside = None
        # What a plain entry's relative path starts with; None when the folder is outside the root.
        self.prefix = None if inside is None else "" if inside == "." else inside + "/"

    def is_link(self, name: str) -> bool:
        return name in self.links

    def resolved(self, name: str, link: bool) -> Path:
        return resolved(self.folder / name) if link else self.real / name

    def relative(self, name: str, link: bool) -> str | None:
        if link:
            return _relative(self.folder / name, self.root)
        return None if self.prefix is None else self.prefix + name


def _include_roots(patterns: Sequence[str]) -> list[list[str]] | None:
    """The folders each include pattern is anchored in, as far as it names them literally
    (``content/**/*.md`` -> ``content``); None when some pattern may match a file in any folder.

    A pattern with no slash before its end matches at any depth, as in .gitignore; a negation,
    an escape or surrounding spaces are not read here, so they too leave every folder walked.
    """
    roots = []
    for pattern in patterns:
        if not pattern or pattern.startswith("#"):
            continue  # not a pattern, as in .gitignore
        if pattern.startswith("!") or "\\" in pattern or pattern != pattern.strip():
            return None
        anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
        if not anchored:
            return None
        parts = pattern.strip("/").split("/")
        literal = list(itertools.takewhile(lambda part: not any(c in part for c in "*?["), parts))
        roots.append(literal)
    return roots


def _may_hold(relative: str, roots: list[list[str]]) -> bool:
    """Whether a folder (relative to the root) is on the way to, or inside, one of ``roots``."""
    parts = relative.split("/")
    return any(parts[: len(root)] == root[: len(parts)] for root in roots)


def _spec(patterns: Sequence[str], key: str, config: Config) -> pathspec.PathSpec[Any] | None:
    if not patterns:
        return None
    try:
        return _gitignore_spec(patterns)
    except Exception:  # the pattern library raises re, re2 and its own errors alike
        pass
    try:  # too many patterns for one RE2 set: Python's regexes, one per pattern
        return _gitignore_spec(patterns, backend="simple")
    except Exception:
        bad = next((p for p in patterns if _compiled(p) is None), patterns[0])
        problem = f"{key}: {bad!r} is not a gitignore-style pattern medlint can read"
        raise ConfigError(str(config.path), problem) from None


def _gitignore_spec(lines: Sequence[str], backend: str | None = None) -> pathspec.PathSpec[Any]:
    # Imported when first needed: it is slow to import, and one file named on the command line needs none.
    import pathspec

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "possible nested set" for '[[': a warning on stderr helps no one
        if backend is None:
            return pathspec.GitIgnoreSpec.from_lines(lines)
        return pathspec.GitIgnoreSpec.from_lines(lines, backend=backend)


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
        pass
    try:
        # Too many patterns for one RE2 set (thousands of lines): Python's regexes, one per pattern.
        return _gitignore_spec(lines, backend="simple")
    except Exception:
        return _gitignore_spec([line for line in lines if _compiled(line) is not None], backend="simple")


def _relative(path: Path, root: Path) -> str | None:
    try:
        return resolved(path).relative_to(root).as_posix()
    except ValueError:
        return None


class _GitIgnores:
    """The .gitignore files that apply under a walked folder, up to its repository root."""

    def __init__(self, top: Path) -> None:
        self._specs: dict[Path, pathspec.PathSpec[Any]] = {}
        # Each walked folder's applying specs (see ``deciding``): a subfolder's are its own and its parent's.
        self._applying: dict[Path, list[tuple[pathspec.PathSpec[Any], str]]] = {}
        top = top.resolve()
        for folder in (top, *top.parents):
            self._load(folder)
            if os.path.exists(folder / ".git"):  # (os.path's: False for a name too long)
                break

    def _load(self, folder: Path) -> None:
        ignore_file = folder / ".gitignore"
        if folder in self._specs:
            return
        try:
            # (is_file raises for a name too long for the system; a named pipe put in the file's place
            # since it was found is not waited on)
            if not ignore_file.is_file():
                return
            lines = small_file_bytes(ignore_file).decode("utf-8", errors="replace").splitlines()
        except OSError:
            return
        self._specs[folder] = _lenient_gitignore_spec(lines)

    def enter(self, folder: Path) -> None:
        """Load the .gitignore of ``folder`` (resolved), which the walk is entering."""
        self._load(folder)

    def deciding(self, folder: Path) -> Callable[[str], bool]:
        """Whether an entry of ``folder`` (resolved; a folder's name ends in '/') is ignored.

        As git does: the deepest .gitignore with a pattern for the entry decides, so a
        subfolder's '!page.md' brings back what a parent folder's '*.md' left out. An entry
        is its folder's and its own name even when it is a symlink.
        """
        applying = self._applying.get(folder)
        if applying is None:
            applying = self._applying[folder] = self._applying_to(folder)

        def ignored(name: str) -> bool:
            for spec, prefix in applying:
                decision = spec.check_file(prefix + name).include
                if decision is not None:
                    return decision
            return False

        return ignored

    def _applying_to(self, folder: Path) -> list[tuple[pathspec.PathSpec[Any], str]]:
        """(spec, the folder's path relative to the spec's folder), deepest first."""
        parent = self._applying.get(folder.parent) if folder.parent != folder else None
        if parent is not None:  # the walk's folders: from the parent's, without walking up every level again
            below = [(spec, f"{prefix}{folder.name}/") for spec, prefix in parent]
            own = self._specs.get(folder)
            return below if own is None else [(own, ""), *below]
        applying = []
        for spec_folder in (folder, *folder.parents):
            spec = self._specs.get(spec_folder)
            if spec is not None:
                inside = folder.relative_to(spec_folder).as_posix()
                applying.append((spec, "" if inside == "." else inside + "/"))
        return applying
