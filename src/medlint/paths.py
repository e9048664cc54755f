"""Path helpers that survive what real repositories hold."""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path


def resolved(path: Path) -> Path:
    """``path.resolve()``, but a symlink loop gives the path as far as it resolves instead of raising.

    ``Path.resolve`` raises RuntimeError on a loop (``a.md -> b.md -> a.md``);
    the file is then reported as unreadable when it is read, like any other.
    """
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.realpath(path))


def read_text(path: Path) -> str:
    """The UTF-8 text of a small file medlint is told to read: a config, a rule file, a baseline.

    Any line ending is read as a line feed, as a file opened in text mode reads.
    """
    return io.TextIOWrapper(io.BytesIO(small_file_bytes(path)), encoding="utf-8").read()


# Opening a named pipe to read waits for a writer unless told not to; opening a terminal must not make
# it this process's controlling one.
_OPEN_TO_READ = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def small_file_bytes(path: Path) -> bytes:
    """The bytes of a small file medlint is told to read (a config, a rule file, a baseline, a .gitignore).

    A file or a pipe (``--config /dev/stdin``, ``--config <(...)``) is read; a device or a
    socket named as one (``--baseline /dev/zero``, a terminal) raises an OSError saying so,
    where reading it would go on until memory ran out, or wait for typing. So does a pipe that
    nothing writes to (a named pipe no process has open), where opening it would wait forever.

    A device or a socket is refused before it is opened (opening some devices does something). The
    file is then opened without waiting and asked what it is from the open descriptor: a file swapped
    for a named pipe since it was stat'ed is read as a pipe, not waited on for ever.
    """
    _refuse_a_device(os.stat(path).st_mode, path)
    try:
        descriptor = os.open(path, _OPEN_TO_READ)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket, put in the file's place since the stat
            raise OSError(errno.EINVAL, "a device or a socket, not a file", str(path)) from None
        raise
    with open(descriptor, "rb", buffering=0) as opened:
        mode = os.fstat(descriptor).st_mode
        _refuse_a_device(mode, path)
        if stat.S_ISFIFO(mode):
            return _pipe_bytes(descriptor, opened, path)
        data = opened.readall()
    if data is None:  # a kernel's file that says it is regular and has nothing yet (/proc/kmsg): not waited on
        raise BlockingIOError(errno.EAGAIN, "nothing to read yet, and reading would wait for more", str(path))
    return data


def _refuse_a_device(mode: int, path: Path) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if not stat.S_ISREG(mode) and not stat.S_ISFIFO(mode):
        raise OSError(errno.EINVAL, "a device or a socket, not a file", str(path))


def _pipe_bytes(descriptor: int, pipe: io.FileIO, path: Path) -> bytes:
    """The bytes of a pipe opened without waiting for a writer, read to its end: a first read ends
    at once when no process holds the pipe open to write, and says "not yet" when one does."""
    try:
        first = os.read(descriptor, 65536)
    except BlockingIOError:  # a writer, with nothing written yet
        first = b""
    else:
        if not first:
            raise OSError(errno.ENODATA, "a pipe that nothing writes to", str(path))
    os.set_blocking(descriptor, True)
    return first + pipe.readall()


def shown(path: str) -> str:
    """``path`` as a report line shows it: a control character in a file name (a line end, an
    escape) is written as its escape, so a name cannot split a report line or drive the terminal,
    and a byte that is not UTF-8 as ``\\xe9``, as ``undecodable_escaped`` writes it."""
    if path.isprintable():
        return path
    return undecodable_escaped("".join(repr(c)[1:-1] if _is_control(c) else c for c in path))


def undecodable_escaped(path: str) -> str:
    """``path`` with each byte that is not UTF-8 written as ``\\xe9``: such a byte is held as a
    lone surrogate (U+DC80 to U+DCFF), which no UTF-8 output can hold, and "?" in its place would
    name another file."""
    if path.isascii():
        return path
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c for c in path)


# A control character of a page (a lone CR, an escape sequence, a bell) would move the cursor or drive
# the terminal: each is shown as its one-column picture (CR as U+240D), a tab as a space.
_VISIBLE = {c: 0x2400 + c for c in range(32)} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}
_VISIBLE[ord("\t")] = ord(" ")


def visible(text: str) -> str:
    """A page's ``text`` as a terminal may show it: one character for each, none of them a control."""
    return text.translate(_VISIBLE)


def _is_control(character: str) -> bool:
    return ord(character) < 32 or 127 <= ord(character) < 160


def not_utf8(error: UnicodeDecodeError) -> str:
    """What a config or rule file that ``read_text`` could not decode is, in words a user can act on."""
    data = error.object
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a byte-order mark: Notepad's "Unicode"
        return "UTF-16 text, not UTF-8; save it as UTF-8"
    return f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"
