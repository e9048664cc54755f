"""Baselines: record the findings a site has today, then report only new ones.

``medlint baseline PATHS --output FILE`` writes every current finding to FILE;
``medlint check --baseline FILE`` hides the findings recorded there. An entry
matches a finding by path, rule, matched text and the words around it (a hash
of the matched text and up to five words either side within its paragraph,
lower-cased, markup and spacing ignored), never by line number, so entries
survive lines moving and paragraphs reflowing. Editing the words right around
a recorded finding makes it new again: the changed sentence deserves a fresh
look. A finding about a whole page (a missing disclaimer, shown at the page's
first claim) matches by path and rule alone.

Paths in the file are relative to the file's folder, with forward slashes, so
a baseline committed to a repository works from any working folder and on any
system. Entries that no longer match (the claim was fixed, or its page
deleted) are counted as fixed; ``medlint baseline`` again drops them. Recording
into an existing baseline keeps its entries of files the run did not check
(a pre-commit run names only the changed files), unless the file is gone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from medlint.document import TYPOGRAPHIC_FOLD
from medlint.errors import MedlintError
from medlint.findings import Finding
from medlint.own_patterns import compiled
from medlint.paths import read_text

FORMAT_VERSION = 1
CONTEXT_WORDS = 5
_WINDOW = 400  # characters searched for context words on each side
_WORD = compiled(r"\w+")
_BLANK_LINE = compiled(r"\n[ \t\r]*\n")
_ENTRY_FIELDS = {"path": str, "rule": str, "text": str, "context": str, "line": int}


class BaselineError(MedlintError):
    """A baseline file cannot be read or written."""


class Entry(msgspec.Struct, frozen=True):
    path: str
    rule: str
    text: str
    context: str
    line: int

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.context)


class Outcome(msgspec.Struct, frozen=True):
    """What applying a baseline did: the findings left, and how many were hidden or fixed."""

    findings: list[Finding]
    hidden: int
    fixed: list[Entry]


def fingerprint(finding: Finding, text: str | None, whole_page: bool = False) -> str:
    """A hash of the rule, the matched text and the words around it in ``text``.

    A ``whole_page`` finding (a missing disclaimer) is about its page, not the first claim it
    is shown at, which a new claim above moves: its hash is of the rule alone.
    """
    if whole_page:
        return hashlib.sha256(f"{finding.rule}\0<page>".encode()).hexdigest()[:16]
    before = after = ""
    if text is not None:
        # Context stays within the paragraph: a page growing elsewhere changes no fingerprint.
        preceding = _BLANK_LINE.split(text[max(0, finding.start - _WINDOW) : finding.start])[-1]
        following = _BLANK_LINE.split(text[finding.end : finding.end + _WINDOW])[0]
        before = " ".join(_words(preceding)[-CONTEXT_WORDS:])
        after = " ".join(_words(following)[:CONTEXT_WORDS])
    matched = " ".join(_words(finding.text)) or finding.text.strip().lower()
    key = "\0".join((finding.rule, matched, before, after))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text.translate(TYPOGRAPHIC_FOLD))]


def entry_path(path: str, folder: Path) -> str:
    """A finding's path as stored: relative to the baseline's folder, forward slashes."""
    if path.startswith("<"):  # stdin and other unnamed text
        return path
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).as_posix()
    try:
        # ../ for files beside the baseline's folder: still portable between checkouts.
        return Path(os.path.relpath(resolved, folder.resolve())).as_posix()
    except ValueError:  # another drive, on Windows
        return resolved.as_posix()


def entries_for(
    findings: Iterable[Finding],
    folder: Path,
    text_of: Callable[[str], str | None],
    page_rules: frozenset[str] = frozenset(),
) -> list[Entry]:
    """The entries recording ``findings``; ``page_rules`` report on whole pages (see ``fingerprint``)."""
    entries = [
        Entry(entry_path(f.path, folder), f.rule, f.text, fingerprint(f, text_of(f.path), f.rule in page_rules), f.line)
        for f in findings
    ]
    return sorted(entries, key=entry_order)


def entry_order(entry: Entry) -> tuple[str, int, str, str]:
    """The order entries are written in: by file, then line, for readable diffs."""
    return (entry.path, entry.line, entry.rule, entry.context)


def write_baseline(target: Path, entries: Sequence[Entry]) -> None:
    """Write the baseline atomically: a complete new file, or the old one untouched."""
    document = {
        "medlint_baseline": FORMAT_VERSION,
        "findings": [
            {"path": e.path, "rule": e.rule, "text": e.text, "context": e.context, "line": e.line} for e in entries
        ],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a name that is not UTF-8: its bytes, held as surrogates, as JSON escapes
            text = json.dumps(document, indent=2)
    data = (text + "\n").encode("utf-8")
    if _not_a_file(target):  # /dev/stdout, a pipe: written into, as a shell's '>' would, never replaced
        _write_into(target, data)
        return
    target = Path(os.path.realpath(target))  # through a symlink: the file it names is replaced, the link stays
    folder = target.parent
    if not folder.is_dir():
        raise BaselineError(str(target), f"cannot write: folder {str(folder)!r} does not exist")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name[:80]}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise BaselineError(str(target), f"cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), _mode_for(target))
        os.replace(temp, target)
    except BaseException as error:  # a Ctrl-C too: no temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if not isinstance(error, OSError):
            raise
        raise BaselineError(str(target), f"cannot write: {error.strerror or error}") from None


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or a new file's as the umask gives them: the temporary file
    is made readable by its owner alone, and a team's baseline is no secret."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _not_a_file(target: Path) -> bool:
    try:
        return not stat.S_ISREG(target.stat().st_mode)
    except OSError:  # nothing there yet (or a link to nothing): a new file is made
        return False


def _write_into(target: Path, data: bytes) -> None:
    try:
        # Opening a pipe to write waits for a reader: without waiting, a pipe no process reads is an error.
        descriptor = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        problem = "a pipe that nothing reads" if error.errno == errno.ENXIO else (error.strerror or str(error))
        raise BaselineError(str(target), f"cannot write: {problem}") from None
    try:
        with open(descriptor, "wb") as handle:
            os.set_blocking(descriptor, True)
            handle.write(data)
    except OSError as error:
        raise BaselineError(str(target), f"cannot write: {error.strerror or error}") from None


def read_baseline(path: Path) -> list[Entry]:
    """The entries of a baseline file; anything malformed is a BaselineError naming the problem."""
    name = str(path)
    try:
        raw = read_text(path)
    except FileNotFoundError:
        raise BaselineError(name, "baseline file not found (create it with `medlint baseline --output`)") from None
    except UnicodeDecodeError:
        raise BaselineError(name, "not a medlint baseline (not UTF-8 text)") from None
    except OSError as error:
        raise BaselineError(name, f"cannot read: {error.strerror or error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BaselineError(name, f"not a medlint baseline (bad JSON at line {error.lineno}: {error.msg})") from None
    except RecursionError:  # "[[[[..." a hundred thousand deep
        raise BaselineError(name, "not a medlint baseline (JSON nested too deeply)") from None
    if not isinstance(data, Mapping) or "medlint_baseline" not in data:
        raise BaselineError(name, "not a medlint baseline (no 'medlint_baseline' key)")
    version = data["medlint_baseline"]
    if type(version) is not int or version != FORMAT_VERSION:  # not True, not 1.0
        raise BaselineError(name, f"unsupported baseline version {version!r} (expected 1)")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(name, "'findings' must be a list")
    return [_entry(item, number, name) for number, item in enumerate(findings, 1)]


def _entry(item: Any, number: int, name: str) -> Entry:
    if not isinstance(item, Mapping):
        raise BaselineError(name, f"finding {number} must be a mapping")
    for field, kind in _ENTRY_FIELDS.items():
        value = item.get(field)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise BaselineError(name, f"finding {number}: {field!r} must be a {kind.__name__}")
    return Entry(item["path"], item["rule"], item["text"], item["context"], item["line"])


def apply_baseline(
    findings: Sequence[Finding],
    entries: Sequence[Entry],
    folder: Path,
    text_of: Callable[[str], str | None],
    checked: Iterable[str],
    page_rules: frozenset[str] = frozenset(),
    rules_run: frozenset[str] | None = None,
    site_rules: frozenset[str] = frozenset(),
) -> Outcome:
    """Hide the findings ``entries`` record; count entries of checked (or deleted) files left over.

    An entry of a rule the run did not run (``--select``, an ``ignore`` added since) is not fixed:
    only a run of ``rules_run`` (None: every rule) could have found it. Nor is one of a rule in
    ``site_rules`` (rules that compare pages) while a page holding one of its entries was left out
    of the run: the other side of a disagreement may be on that page (see ``unjudged_rules``).
    """
    remaining = Counter(e.key for e in entries)
    unmatched: list[tuple[Finding, list[tuple[str, str, str]]]] = []
    hidden = 0
    for finding in findings:
        keys = _keys(finding, folder, text_of, page_rules)
        key = next((k for k in keys if remaining[k] > 0), None)
        if key is not None:
            remaining[key] -= 1
            hidden += 1
        else:
            unmatched.append((finding, keys))
    moved = _moved_pages(unmatched, entries, remaining, folder, page_rules) if unmatched else set()
    hidden += len(moved)
    kept = [finding for index, (finding, _) in enumerate(unmatched) if index not in moved]
    seen = {entry_path(p, folder) for p in checked}
    unjudged = unjudged_rules(entries, folder, seen, site_rules)
    fixed = []
    for entry in entries:
        if rules_run is not None and entry.rule not in rules_run:
            continue
        if entry.rule in unjudged and _exists(folder, entry.path):
            continue
        if remaining[entry.key] > 0 and (entry.path in seen or not _exists(folder, entry.path)):
            remaining[entry.key] -= 1
            fixed.append(entry)
    return Outcome(kept, hidden, fixed)


def _moved_pages(
    unmatched: Sequence[tuple[Finding, list[tuple[str, str, str]]]],
    entries: Sequence[Entry],
    remaining: Counter[tuple[str, str, str]],
    folder: Path,
    page_rules: frozenset[str],
) -> set[int]:
    """Which of the ``unmatched`` findings (by index) a page's entries recorded before it was moved
    or renamed: entries under a path that no longer exists, with the same rule and words. A
    whole-page finding (whose words are the rule's alone) is matched only from the page that its
    page's other findings show it was moved from. Matched entries are taken from ``remaining``.
    """
    gone = {path for path in {e.path for e in entries} if not _exists(folder, path)}
    by_words: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for entry in entries:
        if entry.path in gone and entry.rule not in page_rules:
            by_words.setdefault((entry.rule, entry.context), []).append(entry.key)
    if not by_words:
        return set()
    matched: set[int] = set()
    came_from: dict[str, str] = {}  # a finding's path -> the gone path its page's entries stand under
    for index, (finding, keys) in enumerate(unmatched):
        if finding.rule in page_rules:
            continue
        _, rule, context = keys[-1]
        key = next((k for k in by_words.get((rule, context), ()) if remaining[k] > 0), None)
        if key is not None:
            remaining[key] -= 1
            matched.add(index)
            came_from.setdefault(finding.path, key[0])
    for index, (finding, keys) in enumerate(unmatched):
        old = came_from.get(finding.path)
        if finding.rule not in page_rules or old is None:
            continue
        key = next(((old, rule, context) for _, rule, context in keys if remaining[(old, rule, context)] > 0), None)
        if key is not None:
            remaining[key] -= 1
            matched.add(index)
    return matched


def _keys(
    finding: Finding, folder: Path, text_of: Callable[[str], str | None], page_rules: frozenset[str]
) -> list[tuple[str, str, str]]:
    """The entry keys that record ``finding``: a whole-page finding's, then the key of its words,
    which baselines recorded before whole-page findings were keyed by page hold."""
    path = entry_path(finding.path, folder)
    words = (path, finding.rule, fingerprint(finding, text_of(finding.path)))
    if finding.rule not in page_rules:
        return [words]
    return [(path, finding.rule, fingerprint(finding, None, whole_page=True)), words]


def entries_not_checked(
    entries: Iterable[Entry], folder: Path, checked: Iterable[str], rules_run: frozenset[str] | None = None
) -> list[Entry]:
    """The entries of files a run did not check, or of rules it did not run (``rules_run``, None:
    every rule), whose files still exist: re-recording keeps them."""
    seen = {entry_path(p, folder) for p in checked}
    return [
        e
        for e in entries
        if (e.path not in seen or (rules_run is not None and e.rule not in rules_run)) and _exists(folder, e.path)
    ]


def unjudged_rules(
    entries: Iterable[Entry], folder: Path, seen: set[str], site_rules: frozenset[str]
) -> frozenset[str]:
    """The rules of ``site_rules`` (they compare pages: a price stated differently on two pages)
    whose entries a run of the pages ``seen`` cannot find fixed: an existing page holding one of
    their entries was left out of it (a pre-commit run names only the changed pages). Both sides of
    a disagreement are recorded, so a run without such a page may lack the other side, and a
    finding it does not make is not gone. The caller passes no ``site_rules`` when the run compares
    the checked pages with the whole site (``site:``, ``--site``)."""
    if not site_rules:
        return frozenset()
    return frozenset(e.rule for e in entries if e.rule in site_rules and e.path not in seen and _exists(folder, e.path))


def entries_not_refound(
    entries: Iterable[Entry],
    folder: Path,
    checked: Iterable[str],
    recorded: Iterable[Entry],
    site_rules: frozenset[str],
    rules_run: frozenset[str] | None = None,
) -> list[Entry]:
    """The entries of checked pages, of rules a run of these pages cannot find fixed (see
    ``unjudged_rules``), that it did not record again: re-recording keeps them. Those of rules
    the run did not run are ``entries_not_checked``'s."""
    entries = list(entries)
    seen = {entry_path(p, folder) for p in checked}
    unjudged = unjudged_rules(entries, folder, seen, site_rules)
    if rules_run is not None:
        unjudged &= rules_run
    if not unjudged:
        return []
    found = Counter(e.key for e in recorded)
    kept = []
    for entry in entries:
        if entry.rule not in unjudged or entry.path not in seen:
            continue
        if found[entry.key] > 0:
            found[entry.key] -= 1
        else:
            kept.append(entry)
    return kept


def _exists(folder: Path, path: str) -> bool:
    if path.startswith("<"):
        return True
    try:
        return (folder / path).exists()
    except (OSError, ValueError):  # a name too long, or holding a NUL: no such file
        return False
