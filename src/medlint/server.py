"""`medlint server`: a warm process that runs checks for pre-commit, editors and scripts.

A one-file check spends most of its time before reading the file: starting
Python, importing click, regex and msgspec, loading the rules, compiling
the RE2 forms of their patterns. A server does all that once. While one runs,
`medlint check` with neither stdout nor stderr at a terminal (pre-commit, an
editor, a script) sends its arguments, working folder and environment to the server,
which runs exactly the command the caller would have run and sends back its
output and exit code (medlint.server_client). Everything else stays in the
caller's process: runs at a terminal (colour, progress), stdin, fixes.

The server is opt-in: `medlint server start`, or ``MEDLINT_SERVER=1`` for a
caller to start one after its own run when none is running. It listens on a
Unix socket in the cache folder, in a folder only its user can enter; it
runs one check at a time (a check asked for meanwhile is answered ``busy``, and
its caller runs it itself, while ``status`` and ``stop`` are answered at once),
abandons a check whose caller hangs up (Ctrl-C, a killed hook) as a run here stops
on Ctrl-C (and then hands over to a fresh server: the interrupt may have landed
half-way through an import), and exits after ``--idle-minutes`` without a request. Each request
loads the config and rule files as a run would (built
rules are reused while their files are unchanged). When medlint's own code
or one of its libraries changes (an upgrade, an edit to an editable install)
the server tells the caller to run the check itself, and exits.
"""

from __future__ import annotations

import contextlib
import io
import os
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import msgspec

from medlint import __version__
from medlint.cache_folder import code_fingerprint, current_code_fingerprint
from medlint.server_client import (
    HEARTBEAT_SECONDS,
    RUNNING,
    no_socket_reason,
    owned_here,
    read_message,
    send,
    socket_path,
    write_message,
)

IDLE_MINUTES = 30
# How often a running check looks whether its caller has hung up.
HANGUP_POLL_SECONDS = 0.1


class ServerInfo(msgspec.Struct):
    """What `medlint server status` reports."""

    pid: int
    version: str
    started: float
    requests: int


def running(path: str | None = None) -> ServerInfo | None:
    """The server listening for this installation, if one answers."""
    path = path or socket_path()
    answer = send(path, ["ping"], timeout=5) if path is not None and owned_here(path) else None
    if answer is None or len(answer) != 5 or answer[0] != "info":
        return None
    try:
        return ServerInfo(int(answer[1]), answer[2], float(answer[3]), int(answer[4]))
    except ValueError:
        return None


class ServerFailed(OSError):
    """The server started in the background exited at once; the message is its error."""


def start_in_background(idle_minutes: float = IDLE_MINUTES, wait_seconds: float = 10) -> ServerInfo | None:
    """Start a detached server (unless one runs) and wait until it answers; None if it did not.

    ServerFailed if it exited with an error meanwhile (a cache folder it cannot make), with its
    error: the reason is known at once, and waiting out ``wait_seconds`` would only hide it.
    """
    path = socket_path()
    if path is None:
        return None
    info = running(path)
    if info is not None:
        return info
    import tempfile  # here: only starting a server needs it

    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "medlint", "server", "run", "--idle-minutes", str(idle_minutes)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,  # not stopped with the terminal or hook that started it
            close_fds=True,
        )
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            info = running(path)
            if info is not None:
                return info
            if process.poll():  # exit 0 is a server that found another one running: wait for it
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines() or ["no reason given"]
                raise ServerFailed(lines[-1].removeprefix("medlint: error: "))
            time.sleep(0.05)
    return None


def stop(path: str | None = None) -> bool:
    """Ask the server to exit; whether one was running."""
    path = path or socket_path()
    return path is not None and send(path, ["stop"], timeout=5) is not None


def serve(idle_minutes: float = IDLE_MINUTES) -> bool:
    """Listen until stopped, idle for ``idle_minutes``, or medlint's code changes.

    False, at once, if another server holds this installation's socket.
    """
    import fcntl

    name = socket_path()
    if name is None:
        raise OSError(no_socket_reason())
    name = os.path.abspath(name)
    path = Path(name)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # only this user may connect: a request can read any file the user can
    with open(path.with_suffix(".lock"), "w") as lock:
        try:  # held while serving: of servers started at once, one serves and the others leave
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # left by a server that did not exit cleanly
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        os.chdir("/")  # each check runs in its caller's folder; between checks, hold on to none
        try:
            listener.bind(name)
            listener.listen(16)
            listener.settimeout(idle_minutes * 60)
            server = _Server(name)
            server.loop(listener)
        finally:
            listener.close()
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    if server.retired:
        # Socket and lock are free: a fresh server takes over, so callers keep a warm one.
        with contextlib.suppress(OSError, ServerFailed):
            start_in_background(idle_minutes)
    return True


class _Server:
    """Answers requests on an accepted connection, one at a time, with a warm command line."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.started = time.time()
        self.requests = 0
        self.code = code_fingerprint()  # what its checks key their kept results and rule sets by
        # Set once a check has been stopped from outside: the interrupt lands wherever the check
        # was, half-way through an import or a cache's update perhaps, so this process runs no
        # more checks and a fresh server takes over.
        self.retired = False
        # The warm part: what a check needs is imported now.
        from medlint.cli import main
        from medlint.engine import Engine  # noqa: F401
        from medlint.formats import markdown  # noqa: F401

        self.main = main
        # Held while a check runs. Checks run one at a time (each takes over the process's folder,
        # environment and output), on a thread of their own, so that this loop still answers: a
        # status, a stop, or "busy" to a check that would otherwise wait for another caller's,
        # perhaps one whose caller was interrupted and no longer reads the answer.
        self.busy = threading.Lock()

    def loop(self, listener: socket.socket) -> None:
        while not self.retired:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                if self.busy.locked():
                    continue  # a check longer than the idle time is still running
                return  # idle for too long
            connection.settimeout(60)
            try:
                request = read_message(connection)
            except (OSError, ValueError):
                connection.close()
                continue
            answer, keep_serving = self.answer(request, connection)
            if answer is None:  # a check, now running: its thread answers and closes the connection
                continue
            with connection, contextlib.suppress(OSError):
                write_message(connection, answer)
            if not keep_serving:
                return

    def answer(self, request: list[str], connection: socket.socket | None = None) -> tuple[list[str] | None, bool]:
        """The answer to a request, and whether to go on serving after it; None for a check now running."""
        info = ["info", str(os.getpid()), __version__, repr(self.started), str(self.requests)]
        if request == ["stop"]:
            return info, False
        if request == ["ping"]:
            return info, True
        if current_code_fingerprint() != self.code or self.retired:
            return ["stale"], False  # medlint was upgraded or edited, or a check stopped: the caller runs it itself
        run = _parse_run(request)
        if run is None:
            return ["error", "malformed request"], True
        if connection is not None and _hung_up(connection):
            # Its caller gave up before the check began (this server was stopped, or slow to accept):
            # no one would read the answer, and a check stopped half-way would retire this server.
            return ["error", "the caller has gone"], True
        if connection is None or not self.busy.acquire(blocking=False):
            return ["busy"], True  # the caller runs the check itself rather than wait
        self.requests += 1
        threading.Thread(target=self._check, args=(connection, *run), daemon=True).start()
        return None, True

    def _check(self, connection: socket.socket, arguments: list[str], cwd: str, env: dict[str, str]) -> None:
        """Run one check and send its answer (on its own thread; ``self.busy`` is held), saying
        ``running`` meanwhile, so the caller can tell a long check from a stopped server."""
        writing = threading.Lock()
        finished = threading.Event()

        def say(message: list[str], last: bool = False) -> None:
            with writing, contextlib.suppress(OSError):
                if finished.is_set():
                    return  # the answer has gone: nothing more for this caller
                if last:
                    finished.set()
                write_message(connection, message)

        interruptible = _Interruptible()

        def heartbeat() -> None:
            last_said = time.monotonic()
            while not finished.wait(HANGUP_POLL_SECONDS):
                if _hung_up(connection):  # no one reads the answer: stop the check, free the server
                    interruptible.interrupt()
                    return
                if time.monotonic() - last_said >= HEARTBEAT_SECONDS:
                    say([RUNNING])
                    last_said = time.monotonic()

        connection.settimeout(60)
        beating = threading.Thread(target=heartbeat, daemon=True)
        try:
            say([RUNNING])
            beating.start()
            try:
                code, stdout, stderr = self.run(arguments, cwd, env, interruptible)
                answer = ["done", str(code), stdout, stderr]
            except Exception as error:  # the caller runs the check itself, where the error shows as it should
                answer = ["error", f"{type(error).__name__}: {error}"]
            except KeyboardInterrupt:  # its caller hung up, after the command line had ended
                answer = ["error", "interrupted"]
            say(answer, last=True)
        finally:
            finished.set()
            if beating.is_alive():
                beating.join()
            connection.close()
            if interruptible.interrupted:
                self.retired = True
                _wake(self.address)  # the loop, waiting for a caller, sees it now
            self.busy.release()

    def run(
        self, arguments: list[str], cwd: str, env: dict[str, str], interruptible: _Interruptible | None = None
    ) -> tuple[int, str, str]:
        """Run the command line as the caller would have: its folder, its environment, pipes for output.

        ``interruptible`` may stop it with a KeyboardInterrupt, which it handles as a Ctrl-C (exit 130).
        """
        stdout, stderr = io.StringIO(), io.StringIO()
        window = interruptible.window() if interruptible is not None else contextlib.nullcontext()
        with _caller_environment(cwd, env), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                with window:
                    self.main.main(arguments, prog_name="medlint", standalone_mode=True)
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        return code, stdout.getvalue(), stderr.getvalue()


class _Interruptible:
    """A Ctrl-C for a check running on another thread, raised only while it runs the command line.

    The command line handles a KeyboardInterrupt as a run here handles Ctrl-C: worker processes
    stop, nothing half-written is left, exit 130. Outside the window (restoring the server's folder
    and environment) it is never raised. It lands at the check's next Python instruction: a check
    blocked in one system call (opening a pipe no one writes to) stops when that call returns.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: int | None = None
        self.interrupted = False

    @contextlib.contextmanager
    def window(self) -> Iterator[None]:
        with self._lock:
            self._thread = threading.get_ident()
        try:
            yield
        finally:
            with self._lock:
                self._thread = None

    def interrupt(self) -> None:
        import ctypes  # here: only an abandoned check needs it

        with self._lock:
            if self._thread is None:
                return
            stop = ctypes.py_object(KeyboardInterrupt)
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), stop)
            self._thread = None  # once: a second one could land outside the window
            self.interrupted = True
            _stop_workers()


def _stop_workers() -> None:
    """End the check's worker processes (the server's only children), as Ctrl-C at a terminal ends
    a run's: the check, waiting for their next batch of files, then stops at once, not seconds later."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:  # no check has used workers
        return
    for worker in multiprocessing.active_children():
        with contextlib.suppress(OSError):
            worker.terminate()


def _wake(address: str) -> None:
    """Connect to the server's own socket, so that its loop, waiting for a caller, goes round."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(5)
        connection.connect(address)


def _hung_up(connection: socket.socket) -> bool:
    """Whether the caller has closed its end: it sends nothing after its request, so anything
    readable is the end of the stream (or an error)."""
    try:
        poller = select.poll()  # not select.select: it fails on a descriptor past 1023
        poller.register(connection, select.POLLIN)
        return bool(poller.poll(0)) and not connection.recv(1, socket.MSG_PEEK)
    except (OSError, ValueError):
        return True


def _parse_run(request: list[str]) -> tuple[list[str], str, dict[str, str]] | None:
    """``run CWD N ARG... NAME VALUE...`` as (arguments, folder, environment); None if malformed."""
    if len(request) < 3 or request[0] != "run" or not request[2].isdigit():
        return None
    count = int(request[2])
    arguments, pairs = request[3 : 3 + count], request[3 + count :]
    if len(arguments) != count or len(pairs) % 2:
        return None
    return arguments, request[1], dict(zip(pairs[::2], pairs[1::2], strict=True))


@contextlib.contextmanager
def _caller_environment(cwd: str, env: dict[str, str]) -> Iterator[None]:
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
