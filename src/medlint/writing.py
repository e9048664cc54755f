"""Write a fixed file back without ever leaving it half-written.

The new bytes go to a temporary file in the same folder (same filesystem, so
the final rename is atomic), are flushed to disk, get the original's mode (and
owner, where allowed), and only then replace the original with ``os.replace``.
A symlink is followed: the file it points to is replaced, the link stays. A
file its user may not write is left alone, as writing it in place would.

A file with several hard links is written in place instead, as editors do, so
every name keeps showing one text: the space for the new bytes is reserved
first (``posix_fallocate``: a full disk or a size limit fails before a byte
changes), the bytes go in with one write, and should that fail the old bytes
are put back. Where space cannot be reserved (no ``posix_fallocate``), the
rename is used and the links part, as before.

Before replacing, the file on disk is compared with what was read: if someone
saved it in the meantime (a writer's editor during an interactive session), or
its encoding does not give back the same bytes, nothing is written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from medlint.errors import MedlintError
from medlint.sources import Source, regular_file_bytes


class WriteError(MedlintError):
    """A fixed file could not be written; the original is left as it was."""


def encode_fixed(source: Source, text: str) -> bytes:
    """``text`` in the encoding (and with the byte-order mark) ``source`` was read in."""
    try:
        return source.encode(text)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        raise WriteError(
            source.path, f"the fix adds {char!r}, which {source.encoding} cannot hold; file left unchanged"
        ) from None


def write_fixed(path: Path, source: Source, text: str) -> None:
    """Replace the file ``source`` was read from (at ``path``) with ``text``, atomically."""
    name = source.path
    data = encode_fixed(source, text)
    target = Path(os.path.realpath(path))
    try:
        current = regular_file_bytes(target)  # (a named pipe put in its place is not waited on)
    except OSError as error:
        raise WriteError(name, f"cannot read it again before writing: {_reason(error)}; not written") from None
    if current != source.encode(source.text):
        raise WriteError(name, "changed on disk since it was read; not written (run medlint again)")
    # The rename would replace a read-only file as readily as any other: refuse as writing in place would.
    if not os.access(target, os.W_OK):
        raise WriteError(name, "cannot write: the file is read-only; file left unchanged")
    try:
        if not (_linked(target) and _written_in_place(target, data, current)):
            _replace_atomically(target, data)
    except OSError as error:
        raise WriteError(name, f"cannot write: {_reason(error)}; file left unchanged") from None


def _linked(target: Path) -> bool:
    """Whether other names (hard links) share this file, which a rename would part from it."""
    return target.stat().st_nlink > 1


def _written_in_place(target: Path, data: bytes, old: bytes) -> bool:
    """Write ``data`` over the file's own bytes, keeping its inode; False (nothing changed) where
    the space cannot be reserved first. OSError if it fails, with the old bytes put back."""
    allocate = getattr(os, "posix_fallocate", None)
    if allocate is None:
        return False
    fd = os.open(target, os.O_WRONLY)
    try:
        try:
            allocate(fd, 0, max(len(data), len(old), 1))
        except OSError as error:
            if error.errno in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                return False  # a filesystem that cannot reserve (some network ones): rename instead
            raise  # a full disk, a size limit: nothing is written
        try:
            _write_whole(fd, data)
        except BaseException:
            with contextlib.suppress(OSError):
                _write_whole(fd, old)  # within the space reserved, so it fits
            raise
        return True
    finally:
        os.close(fd)


def _write_whole(fd: int, data: bytes) -> None:
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        offset += os.pwrite(fd, view[offset:], offset)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold a Ctrl-C, or a signal to end (SIGTERM: `kill`, a CI job's time-out; SIGHUP: a closed
    terminal), until the block is done, then act on it: a file being saved is saved, and counted,
    and no temporary file is left beside it.

    A write is atomic either way; held, a run interrupted while saving can say exactly what it saved.
    A second signal is not held: a write that hangs (a stalled network disk) can still be stopped.
    """
    import signal  # here: only runs that write files need it
    from types import FrameType

    numbers = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    # One the process ignores (`nohup`, `&` in a script) stays ignored; None: not Python's to restore.
    previous = [(n, handler) for n in numbers if (handler := signal.getsignal(n)) not in (None, signal.SIG_IGN)]
    held: list[int] = []

    def restore() -> None:
        for number, handler in previous:
            signal.signal(number, handler)

    def act_on(number: int) -> None:
        restore()
        if number == signal.SIGINT:
            raise KeyboardInterrupt
        signal.raise_signal(number)  # as it would have acted: by default, the process ends

    def hold(number: int, _frame: FrameType | None) -> None:
        if held:
            act_on(number)
        held.append(number)

    try:
        for number, _handler in previous:
            signal.signal(number, hold)
    except ValueError:  # not the main thread (a server's check): signals go elsewhere anyway
        yield
        return
    try:
        yield
    finally:
        restore()
    if held:
        act_on(held[0])


def _replace_atomically(target: Path, data: bytes) -> None:
    info = target.stat()
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name[:80]}.", suffix=".medlint", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != _owner(temp_name):
            # Only root (or the owner, for the group) may do this; a failure keeps our ownership.
            with contextlib.suppress(OSError):
                os.chown(temp_name, info.st_uid, info.st_gid)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(target.parent)


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
