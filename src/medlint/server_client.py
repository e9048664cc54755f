"""Hand a `medlint check` to a running medlint server, if there is one (see medlint.server).

This module is imported first on every run, so it imports only what costs
next to nothing: ``_socket`` (the core of the ``socket`` module, whose own
imports take 10 ms), ``codecs``, ``struct`` and ``zlib``; messages are plain lists of
strings rather than JSON, which would import ``re``. Every failure here (no
server, a stale one, a refused or broken connection) means "run in this
process", never an error: the server only ever saves time.

A message is a count, then each string as its length and its UTF-8 bytes.
Requests: ``ping``, ``stop``, ``run CWD N ARG... NAME VALUE...``. Answers:
``info PID VERSION STARTED REQUESTS``, ``done CODE STDOUT STDERR``,
``stale`` (the server's code is out of date), ``busy`` (it is running another caller's check)
or ``error MESSAGE``. While a check runs the server sends ``running`` every HEARTBEAT_SECONDS
before its answer: a server that falls silent for SILENT_SECONDS (stopped with Ctrl-Z or
SIGSTOP, hung) is given up on, and the caller runs the check itself rather than wait for ever.
"""

from __future__ import annotations

import _socket
import codecs
import os
import struct
import sys
import zlib

from medlint import TYPE_CHECKING, __version__
from medlint.cache_location import cache_dir_name

if TYPE_CHECKING:
    from typing import TextIO

_NUMBER = struct.Struct(">I")
# Unix socket paths longer than this do not fit in sockaddr_un on every system.
_MAX_SOCKET_PATH = 100
_MAX_MESSAGE = 1 << 30
HEARTBEAT_SECONDS = 1.0
SILENT_SECONDS = 10.0
RUNNING = "running"


def socket_path() -> str | None:
    """Where this installation's server listens: one per medlint version and Python environment.

    None where there can be none (no Unix sockets, or a path too long for one).
    """
    if os.name != "posix" or not hasattr(_socket, "AF_UNIX"):
        return None
    # The same medlint in another virtualenv may have other library versions: it gets its own server.
    environment = zlib.crc32(os.fsencode(f"{sys.executable}\x00{sys.prefix}"))
    path = os.path.join(cache_dir_name(), "servers", f"{__version__}-{environment:08x}.sock")
    return path if len(path) <= _MAX_SOCKET_PATH else None


def no_socket_reason() -> str:
    """Why ``socket_path`` is None here, in words that say what to change."""
    if os.name != "posix" or not hasattr(_socket, "AF_UNIX"):
        return "this system has no Unix sockets"
    return (
        f"the cache folder's path ({cache_dir_name()}) is too long for a Unix socket; "
        "set MEDLINT_CACHE_DIR to a shorter one"
    )


def forwardable(arguments: list[str]) -> bool:
    """Whether the server may run these arguments: a `check` whose output goes to pipes, not stdin or fixes.

    At a terminal the run stays here, where colour and the progress line are
    decided; reading stdin and writing fixes also stay with the caller.
    """
    if not arguments or arguments[0] != "check":
        return False
    if sys.stdout.isatty() or sys.stderr.isatty():
        return False
    return not any(
        a == "-" or a.startswith(("--fix", "--diff", "--stdin")) or _names_this_process(a) for a in arguments[1:]
    )


def _names_this_process(argument: str) -> bool:
    """A path the server cannot open as the caller would: a shell's ``<(...)``, ``/dev/stdin``."""
    path = argument.partition("=")[2] if argument.startswith("--") else argument
    return path.startswith(("/dev/", "/proc/"))


def send(path: str, request: list[str], timeout: float = SILENT_SECONDS) -> list[str] | None:
    """One request and its answer; None if the server cannot be reached, answers nonsense, or
    is silent for ``timeout`` seconds (a check may take minutes, saying ``running`` meanwhile)."""
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.settimeout(min(2, timeout))  # a server that does not even accept is gone
        connection.connect(path)
        connection.settimeout(timeout)
        write_message(connection, request)
        answer = read_message(connection)
        while answer == [RUNNING]:
            answer = read_message(connection)
        return answer
    except (OSError, ValueError):
        return None
    finally:
        connection.close()


def forward(arguments: list[str]) -> int | None:
    """Run `medlint ARGUMENTS` in the server and write its output here; its exit code, or None."""
    path = socket_path()
    if path is None or not owned_here(path):
        return None
    try:
        folder = os.getcwd()
    except OSError:  # the working folder was removed: a server could not work there either
        return None
    environment = [part for item in os.environ.items() for part in item]
    answer = send(path, ["run", folder, str(len(arguments)), *arguments, *environment])
    if answer is None or len(answer) != 4 or answer[0] != "done" or not answer[1].lstrip("-").isdigit():
        return None  # no server, a stale one, or it failed: run here instead
    _write(sys.stdout, answer[2])
    _write(sys.stderr, answer[3])
    return int(answer[1])


def owned_here(path: str) -> bool:
    """Whether ``path`` is a socket this user's own server made, in a folder no one else can enter.

    A check sends its whole environment (tokens included) and takes its answer on trust: a
    socket another user could have put there (a cache folder shared on a CI runner) is no server
    of ours, and the check runs here.
    """
    try:
        folder, socket = os.stat(os.path.dirname(path)), os.lstat(path)
    except OSError:
        return False
    user = os.getuid()
    return folder.st_uid == user and socket.st_uid == user and not folder.st_mode & 0o077


def _write(stream: TextIO, text: str) -> None:
    """Write as the command does here: UTF-8 where the stream claims only ASCII (as click takes a
    misconfigured locale to be), else the stream's encoding, with what it cannot hold replaced."""
    encoding = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    if encoding == "ascii":
        encoding = "utf-8"
    data = text.encode(encoding, "replace")
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file
        stream.write(data.decode(encoding))
        stream.flush()
        return
    stream.flush()
    # Written whole or not at all: on a full disk the system writes a part and says so, and a
    # buffered stream would drop the rest without an error.
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def write_message(connection: _socket.socket, fields: list[str]) -> None:
    encoded = [field.encode("utf-8", "surrogatepass") for field in fields]
    parts = [_NUMBER.pack(len(encoded))]
    for data in encoded:
        parts += [_NUMBER.pack(len(data)), data]
    connection.sendall(b"".join(parts))


def read_message(connection: _socket.socket) -> list[str]:
    (count,) = _NUMBER.unpack(_receive(connection, _NUMBER.size))
    fields = []
    for _ in range(count):
        (length,) = _NUMBER.unpack(_receive(connection, _NUMBER.size))
        fields.append(_receive(connection, length).decode("utf-8", "surrogatepass"))
    return fields


def _receive(connection: _socket.socket, size: int) -> bytes:
    if size > _MAX_MESSAGE:
        raise ValueError("message too long")
    parts = []
    while size:
        part = connection.recv(min(size, 1 << 20))
        if not part:
            raise ValueError("connection closed mid-message")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
