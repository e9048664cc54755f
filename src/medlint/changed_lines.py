"""Which lines a change touched, asked of git: for ``--diff-base REF`` and ``--staged``.

``--diff-base REF`` compares the working tree with the merge base of REF and
HEAD (``git diff --merge-base REF``), so a pull request is judged on what its
own commits (and any uncommitted edits) touch, not on what landed on REF since
it branched. Untracked files count as new. ``--staged`` compares the index with
HEAD, which is what a commit is about to record; as medlint reads the working
tree, each staged line is then moved to where it stands there (``git diff``,
index to working tree), and a staged line edited again since is left out.

Added and changed lines count; a deletion leaves no line to report on. A new
file's every line is added.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Sequence
from pathlib import Path

import msgspec

from medlint.errors import MedlintError
from medlint.findings import Finding
from medlint.own_patterns import compiled

_HUNK = compiled(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


class GitError(MedlintError):
    """git could not say what changed (not a repository, unknown ref, git missing)."""


class ChangedLines(msgspec.Struct, frozen=True):
    """Lines added or changed per file; ``None`` for a file that is new as a whole."""

    files: dict[Path, frozenset[int] | None]
    root: Path  # the repository's top folder

    def outside(self, path: str) -> bool:
        """Whether a checked file lies outside the repository, where git can say nothing of its lines:
        not under its top folder, or in another repository within it (a submodule, a nested clone)."""
        root = self.root.resolve()
        try:
            folder = Path(path).resolve().parent
            folder.relative_to(root)
        except (OSError, RuntimeError, ValueError):
            return True
        return _in_nested_repository(folder, root)

    def covers(self, finding: Finding) -> bool:
        """Whether any line of the finding was added or changed."""
        try:
            path = Path(finding.path).resolve()
        except (OSError, RuntimeError):
            return False
        if path not in self.files:
            return False
        lines = self.files[path]
        return lines is None or any(n in lines for n in range(finding.line, finding.end_line + 1))


@functools.cache  # a site's pages share their folders: each is looked at once
def _in_nested_repository(folder: Path, root: Path) -> bool:
    """Whether ``folder``, within the repository at ``root``, is in a repository of its own."""
    if folder == root or folder == folder.parent:
        return False
    return (folder / ".git").exists() or _in_nested_repository(folder.parent, root)


def changed_lines(
    *, base: str | None = None, staged: bool = False, cwd: Path | None = None, checked: Path | None = None
) -> ChangedLines:
    """Ask git what changed relative to ``base`` (working tree) or, with ``staged``, in the index.

    The repository is the working folder's (``cwd``); when that is in none, the one holding
    ``checked``, the folder of the paths checked (``medlint check --staged ~/site`` from elsewhere).
    """
    option = "--staged" if staged else f"--diff-base {base}"
    root = _repository_root(cwd or Path.cwd(), checked, option)
    if staged:
        diff = _git(["diff", "--cached", *_DIFF_OPTIONS], root, option)
        untracked: list[str] = []
    else:
        assert base is not None
        diff = _diff_since(base, root, option)
        listed = _git(["ls-files", "--others", "--exclude-standard", "-z"], root, option)
        untracked = [name for name in listed.split("\0") if name]
    changed = {(root / name).resolve(): lines for name, lines in parse_diff(diff).items()}
    if staged:
        # medlint reads the working tree: each staged line is looked for where it stands there.
        unstaged = _hunks(_git(["diff", *_DIFF_OPTIONS], root, option))
        moves = {(root / name).resolve(): hunks for name, hunks in unstaged.items()}
        changed = {path: _in_working_tree(lines, moves.get(path, [])) for path, lines in changed.items()}
    files: dict[Path, frozenset[int] | None] = {**changed, **{(root / name).resolve(): None for name in untracked}}
    return ChangedLines(files, root)


def _repository_root(folder: Path, checked: Path | None, option: str) -> Path:
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], folder, option, "not in a git repository").strip())
    except GitError:
        if checked is None or checked == folder:
            raise
        return _repository_root(checked, None, option)


def _diff_since(base: str, root: Path, option: str) -> str:
    """The diff of the working tree against the merge base of ``base`` and HEAD.

    In a shallow clone (a CI checkout's default) the ref or the merge base is often not
    there: the error then says so, and how to fetch the history, not just what is missing.
    """
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], root, option, f"unknown git ref {base!r}")
        return _git(["diff", "--merge-base", base, *_DIFF_OPTIONS], root, option)
    except GitError as error:
        if _is_shallow(root):
            raise GitError(option, f"{error.problem} in this shallow clone: {_FETCH_HISTORY}") from None
        raise


_FETCH_HISTORY = (
    "fetch the history first (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)"
)


def _is_shallow(root: Path) -> bool:
    try:
        return _git(["rev-parse", "--is-shallow-repository"], root, "").strip() == "true"
    except GitError:
        return False


# Fixed prefixes and no colour, whatever the user's git config says.
_DIFF_OPTIONS = (
    "--unified=0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


class Hunk(msgspec.Struct, frozen=True):
    """One change of a ``git diff --unified=0``: ``old_count`` lines from ``old_start`` became ``new_count``.

    With ``old_count`` 0 the new lines were inserted after old line ``old_start``.
    """

    old_start: int
    old_count: int
    new_start: int
    new_count: int

    @property
    def old_after(self) -> int:
        """The first old line after the change."""
        return self.old_start + (self.old_count or 1)


def parse_diff(diff: str) -> dict[str, frozenset[int]]:
    """Added or changed line numbers per new-side path of a ``git diff --unified=0``."""
    return {
        name: frozenset(line for hunk in hunks for line in range(hunk.new_start, hunk.new_start + hunk.new_count))
        for name, hunks in _hunks(diff).items()
    }


def _hunks(diff: str) -> dict[str, list[Hunk]]:
    """The hunks of a ``git diff --unified=0`` per new-side path, in order."""
    files: dict[str, list[Hunk]] = {}
    current: list[Hunk] | None = None
    for line in diff.split("\n"):
        if line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            current = None if name == "/dev/null" else files.setdefault(name.removeprefix("b/"), [])
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                old_count, new_count = (1 if n is None else int(n) for n in (match.group(2), match.group(4)))
                current.append(Hunk(int(match.group(1)), old_count, int(match.group(3)), new_count))
    return files


def _in_working_tree(lines: frozenset[int], hunks: list[Hunk]) -> frozenset[int]:
    """Line numbers of the index as they stand in the working tree; lines edited there since are left out."""
    moved: set[int] = set()
    shift = 0
    index = 0
    for line in sorted(lines):
        while index < len(hunks) and line >= hunks[index].old_after:
            shift += hunks[index].new_count - hunks[index].old_count
            index += 1
        changed = index < len(hunks) and hunks[index].old_count and hunks[index].old_start <= line
        if not changed:
            moved.add(line + shift)
    return frozenset(moved)


def _unquote(name: str) -> str:
    """A path as git writes it: C-quoted (octal bytes, backslash escapes) when unusual."""
    if not (len(name) >= 2 and name.startswith('"') and name.endswith('"')):
        return name
    body = name[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            following = body[i + 1]
            if following in "01234567":
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out.append(_ESCAPES.get(following, ord(following)))
            i += 2
            continue
        out.extend(char.encode("utf-8"))
        i += 1
    return out.decode("utf-8", errors="surrogateescape")


def _git(args: Sequence[str], cwd: Path, option: str, failure: str | None = None) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise GitError(option, "git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        detail = _refused(done.stderr) or failure or _last_line(done.stderr) or f"git {args[0]} failed"
        raise GitError(option, detail)
    return done.stdout


_DUBIOUS = compiled(r"dubious ownership in repository at '([^\n]*)'")


def _refused(stderr: str) -> str | None:
    """What to do when git refuses a repository another user owns (a CI container's checkout, a
    shared folder), which would otherwise read as 'not in a git repository'."""
    found = _DUBIOUS.search(stderr)
    if found is None:
        return None
    folder = found.group(1)
    return (
        f"git refuses the repository at {folder}, which another user owns; if you trust it: "
        f"git config --global --add safe.directory {folder}"
    )


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else ""
