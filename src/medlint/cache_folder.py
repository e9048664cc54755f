"""Where medlint keeps what it remembers across runs, and how files there are written.

The caches living here (the results of unchanged files, built rule sets, pattern
analyses and compiled patterns, parsed YAML) are only ever optimisations: a
missing, damaged or unwritable file changes nothing but speed, and deleting the
folder is always safe.

Every file is written whole or not at all (a temporary file renamed over it).
A file that gathers entries from many runs (the parsed YAML, the patterns) is
re-read, merged and written by one process at a time (``MergingLock``): many
medlint processes sharing a cache folder (a CI job's parallel steps) then keep
all of each other's entries.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import sys
import time
from pathlib import Path

from medlint import TYPE_CHECKING
from medlint.cache_location import cache_dir_name

if TYPE_CHECKING:  # imported for annotations only: the server's client imports this module
    import re
    from collections.abc import Iterable
    from hashlib import blake2b as Blake2b
    from typing import Any

DISABLE_VARIABLE = "MEDLINT_NO_CACHE"
# Libraries whose upgrade changes what a check finds or prints.
_LIBRARIES = ("regex", "re2", "yaml", "click", "pathspec", "msgspec")
# How long a save waits for another process's save of the same file (each takes milliseconds) before
# giving up: a process stopped while holding the lock must not hang every later run.
LOCK_WAIT_SECONDS = 5.0


# A save takes milliseconds: a temporary file of a save this old was left by a run that was killed
# (SIGKILL, a CI job cancelled, a machine reset), and no process will rename it. The cache folder is
# looked through for them at most once in SWEEP_EVERY_SECONDS, as the marker file's time says.
STALE_TEMPORARY_SECONDS = 3600
SWEEP_EVERY_SECONDS = 24 * 3600
_SWEEP_MARKER = ".swept-temporaries"
# The temporaries ``_new_file`` makes for medlint's own files, and no others: a cache folder may be
# one shared with other programs (MEDLINT_CACHE_DIR=/tmp).
_OWN_TEMPORARY = r"\.(?:analysis|compiled-each|own-patterns|yaml|rules)-.+-[0-9a-f]{12}\.tmp"
_OWN_RESULT_TEMPORARY = r"\.[0-9a-f]{40}\.pickle-[0-9a-f]{12}\.tmp"
_RESULT_FOLDER = r"results-[0-9a-f]{24}"


def cache_dir() -> Path:
    """``$MEDLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``."""
    return Path(cache_dir_name())


def caching_disabled() -> bool:
    """``MEDLINT_NO_CACHE`` set to anything but empty turns every cache off."""
    return bool(os.environ.get(DISABLE_VARIABLE))


def read_kept(path: Path) -> bytes:
    """The bytes of a file kept in the cache folder; OSError if there is none, or it is no regular file.

    A pipe put there (by mistake, or by another user sharing the folder) would make reading wait for
    a writer for ever, and a device would never end: neither is read.
    """
    with open(os.open(path, os.O_RDONLY | _NONBLOCKING), "rb") as kept:
        if not stat.S_ISREG(os.fstat(kept.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return kept.read()


# Opening a pipe to read waits for a writer unless told not to (Windows has no pipes to meet there).
_NONBLOCKING = getattr(os, "O_NONBLOCK", 0)


def read_json_object(folder: Path | None, name: str) -> dict[str, Any]:
    """The JSON object kept in ``folder/name``; empty when there is none, or it is unreadable or not an object."""
    if folder is None:
        return {}
    try:
        loaded = json.loads(read_kept(folder / name).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_atomically(folder: Path, name: str, data: bytes) -> bool:
    """Write ``folder/name`` whole or not at all (a temporary file, then a rename); False on any failure."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = _new_file(folder, name)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, folder / name)
        except OSError:
            os.unlink(temporary)
            raise
    except OSError:
        return False
    return True


def sweep_stale_temporaries(root: Path) -> None:
    """Remove the temporary files killed runs left in the cache folder ``root``, once a day.

    Only medlint's own, and only those older than STALE_TEMPORARY_SECONDS: another process's save
    in progress is never touched. Removing one whose process was only paused makes its rename
    fail, which a save takes as a cache it could not write.
    """
    marker = root / _SWEEP_MARKER
    now = time.time()
    try:
        if now - marker.stat().st_mtime < SWEEP_EVERY_SECONDS:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    try:
        marker.touch()  # first, so that runs starting meanwhile do not sweep as well
    except OSError:
        return  # a folder that cannot be written holds no temporaries of ours to remove
    import re  # here: needed once a day

    own, own_result, result_folder = (
        re.compile(_OWN_TEMPORARY),
        re.compile(_OWN_RESULT_TEMPORARY),
        re.compile(_RESULT_FOLDER),
    )
    _remove_old(root, own, now)
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        for entry in entries:
            if result_folder.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                _remove_old(Path(entry.path), own_result, now)


def _remove_old(folder: Path, names: re.Pattern[str], now: float) -> None:
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(".") and names.fullmatch(entry.name)):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMPORARY_SECONDS:
                    os.unlink(entry.path)


class MergingLock:
    """Held while this process re-reads ``folder/name``, merges its own entries in and writes it back.

    ``held`` is False when the file must not be written now: the folder cannot be written (read-only,
    full, missing and not creatable), or another process kept the lock past LOCK_WAIT_SECONDS. A
    folder whose file system cannot lock (some network mounts) is written unlocked, as before locks.

    An advisory ``flock`` on a hidden file beside ``name``: Linux and macOS release it when the
    process ends, however it ends, so a killed run leaves nothing to clean up.
    """

    def __init__(self, folder: Path, name: str) -> None:
        self._path = folder / f".{name}.lock"
        self._handle: int | None = None

    def __enter__(self) -> bool:
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | _NONBLOCKING
            self._handle = os.open(self._path, flags, 0o600)
        except OSError:
            return False  # nothing could be written here either
        return _wait_for_lock(self._handle)

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing releases the lock
            self._handle = None


def _wait_for_lock(handle: int) -> bool:
    """Take an exclusive lock on an open file, waiting at most LOCK_WAIT_SECONDS; whether to write."""
    try:
        import fcntl  # here: only a save needs it; absent on Windows, where saves are unlocked
    except ImportError:
        return True
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.001
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:  # another process is saving
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.02)
        except OSError:  # a file system without locks: write as best it can
            return True


def _new_file(folder: Path, name: str) -> tuple[int, Path]:
    """A file no one else has opened, beside ``name`` in ``folder``, as ``tempfile.mkstemp`` makes one.

    Not by tempfile itself: its imports (and seeding its random names) cost a one-file check,
    which writes its result here, several milliseconds.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = folder / f".{name}-{os.urandom(6).hex()}.tmp"
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary name beside {name}")


def hashed(data: bytes = b"", digest_size: int = 32) -> Blake2b:
    """A BLAKE2b hash (``hashlib.blake2b``), the one every cache key and fingerprint here is made with.

    Importing hashlib imports OpenSSL's hashes whatever hash is asked for, and loading OpenSSL
    costs a one-page check about 1% of its instructions; BLAKE2 is Python's own (``_blake2``,
    which hashlib itself hands out), and hashes the rule files' text in half the instructions
    OpenSSL's SHA-256 takes.
    """
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(data, digest_size=digest_size)


def files_fingerprint(paths: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """A short hash of some files' bytes (a missing file counts by its name) and of ``extra``."""
    digest = hashed()
    for path in paths:
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:  # no source beside a module (a frozen build): its name and the versions say enough
            digest.update(b"\x00missing")
    for item in extra:
        digest.update(b"\x00" + item.encode())
    return digest.hexdigest()[:16]


_code_fingerprint: str | None = None


def code_fingerprint() -> str:
    """medlint's code, its libraries' and Python's version: what a kept result or a kept rule set
    was made with, found once a process (a check with its results kept asks twice: about 5 M
    instructions each). A running server, which outlives edits and upgrades, reads
    ``current_code_fingerprint`` before each check, and runs none once it has changed."""
    global _code_fingerprint
    if _code_fingerprint is None:
        _code_fingerprint = current_code_fingerprint()
    return _code_fingerprint


def current_code_fingerprint() -> str:
    """medlint's code, its libraries' and Python's version, as they are now.

    Each source file counts by its path, size and modification time: reading their bytes
    would cost a one-file check more than the caches save it (about 17 ms), and an edit or
    an upgrade changes a file's time, if not its size. A library is found, not imported: one
    a check has not needed yet counts the same.
    """
    import importlib.util  # here: this module is imported by every run, a server's client too

    package = os.path.dirname(__file__)
    files = [os.path.join(top, name) for top, _, names in os.walk(package) for name in names if name.endswith(".py")]
    for library in _LIBRARIES:
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            files.append(spec.origin)
    digest = hashed(sys.version.encode())
    for path in sorted(files):
        try:
            status = os.stat(path)
        except OSError:  # removed meanwhile: its absence is the change
            continue
        # As the path's bytes: medlint installed in a folder whose name is not UTF-8 is still medlint.
        digest.update(os.fsencode(f"\x00{path}\x00{status.st_size}\x00{status.st_mtime_ns}"))
    return digest.hexdigest()[:16]
