"""`medlint server`: checks it runs report exactly what medlint reports on its own, and it never serves stale code."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, REPO_ROOT, write

from medlint.server_client import read_message, socket_path, write_message

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the server listens on a Unix socket")


def _env(cache: Path, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_SERVER", "NO_COLOR", "FORCE_COLOR")}
    return {**base, "MEDLINT_CACHE_DIR": str(cache), **extra}


def _medlint(*args: str, env: dict[str, str], cwd: Path = REPO_ROOT, stdin: str = "") -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "medlint", *args],
        input=stdin,
        capture_output=True,  # pipes, as pre-commit gives: the case the server is for
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def _checks_run(env: dict[str, str]) -> int:
    code, out, _ = _medlint("server", "status", env=env)
    assert code == 0, "the server is running"
    return int(out.split(", ")[-1].split()[0])


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """A temporary folder whose name leaves room for a server's socket below it.

    A Unix socket's path must fit in about a hundred characters: pytest's own folders can be
    longer (run in parallel, each worker's are a level deeper), and a cache folder there has
    no room for a server.
    """
    folder = Path(tempfile.mkdtemp(prefix="ml", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = _env(tmp_path / "served")
    code, _, err = _medlint("server", "start", env=env)
    assert code == 0, err
    yield env
    _medlint("server", "stop", env=env)


def test_checks_the_server_runs_report_exactly_what_medlint_reports_alone(
    server: dict[str, str], tmp_path: Path
) -> None:
    alone = _env(tmp_path / "alone")  # another cache folder: no server there
    broken = write(tmp_path / "broken.yaml", "select: [no-such-rule]\n")
    runs: list[tuple[tuple[str, ...], Path]] = [
        (("check", "fixtures/drafts"), REPO_ROOT),
        (("check", "--format", "json", "fixtures/drafts"), REPO_ROOT),
        (("check", "--select", "claims", "--format", "sarif", "drafts"), FIXTURES),
        (("check", "clean"), FIXTURES),  # nothing found: exit 0
        (("check", "drafts/no-such-page.md"), FIXTURES),  # unreadable: exit 2, on stderr
        (("check", "--config", str(broken), "drafts"), FIXTURES),  # bad config: exit 2
        (("check", "--no-such-option"), FIXTURES),  # usage error: exit 2
    ]
    for args, cwd in runs:
        assert _medlint(*args, env=server, cwd=cwd) == _medlint(*args, env=alone, cwd=cwd), args
    assert _checks_run(server) == len(runs)

    # stdin and fixes stay with the caller
    _medlint("check", "-", "--stdin-filename", "page.md", env=server, stdin="A miracle cure.\n")
    _medlint("check", "--diff", "fixtures/drafts", env=server)
    assert _checks_run(server) == len(runs)


def _medlint_bytes(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, bytes, bytes]:
    done = subprocess.run([sys.executable, "-m", "medlint", *args], capture_output=True, env=env, cwd=cwd, check=False)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_stream_that_cannot_hold_every_character_gets_the_same_report_either_way(
    server: dict[str, str], tmp_path: Path, encoding: str
) -> None:
    write(tmp_path / "page.md", "Our inj\u00e9ction has no side effects \u2014 none at all.\n")
    alone = _env(tmp_path / "alone", PYTHONIOENCODING=encoding)
    served = {**server, "PYTHONIOENCODING": encoding}
    code, out, err = _medlint_bytes("check", "page.md", env=alone, cwd=tmp_path)
    # Not cut off by a traceback at the dash the stream cannot encode.
    assert code == 1 and b"Traceback" not in err and b"Found 1 problem" in out
    assert _medlint_bytes("check", "page.md", env=served, cwd=tmp_path) == (code, out, err)


def test_a_path_naming_the_callers_own_stdin_is_read_by_the_caller(server: dict[str, str], tmp_path: Path) -> None:
    write(tmp_path / "page.md", "Our injection has no side effects.\n")
    before = _checks_run(server)
    config = "builtin_rules: true\nignore: [no-side-effects]\n"
    result = _medlint("check", "--config", "/dev/stdin", "page.md", env=server, cwd=tmp_path, stdin=config)
    assert result == (0, "No problems found in 1 file.\n", "")
    assert _checks_run(server) == before  # the server's /dev/stdin is not the caller's


def test_a_malformed_request_is_refused_and_the_server_goes_on(server: dict[str, str]) -> None:
    [path] = Path(server["MEDLINT_CACHE_DIR"], "servers").glob("*.sock")
    for garbage in (
        b"\xff\xff\xff\xff",
        b"\x00\x00\x00\x01\x00\x00\x00\x09not",
        b"\x00\x00\x00\x02\x00\x00\x00\x03run",
    ):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(str(path))
            connection.sendall(garbage)
            connection.shutdown(socket.SHUT_WR)
            connection.recv(1024)  # an answer, or the server closing the connection
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(str(path))
        write_message(connection, ["run", "/", "5", "check"])  # says five arguments, gives one
        assert read_message(connection) == ["error", "malformed request"]
    assert _medlint("check", "fixtures/clean", env=server)[0] == 0
    assert _checks_run(server) == 1


def test_a_rule_file_edited_between_checks_is_read_again(server: dict[str, str], tmp_path: Path) -> None:
    page = write(tmp_path / "site" / "page.md", "A miracle cure, and a wonder drug.\n")
    rules = write(tmp_path / "site" / "rules.yaml", _rule("miracle cure"))
    write(tmp_path / "site" / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    code, out, _ = _medlint("check", "--format", "json", str(page), env=server)
    assert code == 1 and '"text": "miracle cure"' in out
    rules.write_text(_rule("wonder drug"), encoding="utf-8")
    code, out, _ = _medlint("check", "--format", "json", str(page), env=server)
    assert code == 1 and '"text": "wonder drug"' in out and "miracle cure" not in out
    assert _checks_run(server) == 2


def _rule(phrase: str) -> str:
    return f"rules:\n  - id: hype\n    category: efficacy\n    message: m\n    phrases: ['{phrase}']\n"


def test_after_medlint_changes_the_server_hands_checks_back_and_exits(tmp_path: Path) -> None:
    # The server runs a copy of medlint's code, and that copy is changed: the code other checks
    # run meanwhile (another test's server, another test's caches) stays as it was.
    copy = tmp_path / "installed"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO_ROOT / "src" / "medlint", copy / "src" / "medlint", ignore=ignore)
    (copy / "rules").symlink_to(REPO_ROOT / "rules")
    code = {"PYTHONPATH": str(copy / "src")}
    server = _env(tmp_path / "served", **code)
    started, _, err = _medlint("server", "start", env=server)
    assert started == 0, err
    try:
        expected = _medlint("check", "fixtures/drafts", env=_env(tmp_path / "alone", **code))
        assert _medlint("check", "fixtures/drafts", env=server) == expected
        source = copy / "src" / "medlint" / "findings.py"
        before = source.stat()
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))  # as an upgrade or edit would
        assert _medlint("check", "fixtures/drafts", env=server) == expected  # run by the caller itself
        assert _medlint("server", "status", env=server)[0] == 1, "the stale server has exited"
    finally:
        _medlint("server", "stop", env=server)


def test_an_idle_server_exits_and_removes_its_socket(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = _env(cache)
    started = time.monotonic()
    assert _medlint("server", "run", "--idle-minutes", "0.02", env=env)[0] == 0
    assert time.monotonic() - started < 60
    assert not list((tmp_path / "cache" / "servers").glob("*.sock"))
    assert _medlint("server", "status", env=env) == (
        1,
        f"medlint: no server running for the cache folder {cache}\n",
        "",
    )


def test_medlint_server_1_starts_one_after_a_check_that_found_none(tmp_path: Path) -> None:
    env = _env(tmp_path / "cache", MEDLINT_SERVER="1")
    assert _medlint("check", "fixtures/clean", env=env)[0] == 0
    try:
        deadline = time.monotonic() + 30
        while _medlint("server", "status", env=env)[0] != 0:
            assert time.monotonic() < deadline, "a server started"
            time.sleep(0.2)
        assert _medlint("check", "fixtures/clean", env=env)[0] == 0
        assert _checks_run(env) == 1
    finally:
        _medlint("server", "stop", env=env)


def test_while_a_check_runs_the_server_still_answers_and_another_check_runs_in_its_caller(
    server: dict[str, str], tmp_path: Path
) -> None:
    # A check held up reading its config from a pipe nothing has written to yet: the server is busy.
    config = tmp_path / "config.yaml"
    os.mkfifo(config)
    writer = os.open(config, os.O_RDWR)  # held open to write: a pipe with no writer is an error at once
    [path] = Path(server["MEDLINT_CACHE_DIR"], "servers").glob("*.sock")
    environment = [part for item in server.items() for part in item]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as held:
        held.connect(str(path))
        arguments = ["check", "--config", str(config), "fixtures/clean"]
        write_message(held, ["run", str(REPO_ROOT), str(len(arguments)), *arguments, *environment])
        time.sleep(0.5)  # the server takes the check up

        started = time.monotonic()
        assert _medlint("server", "status", env=server)[0] == 0
        expected = _medlint("check", "fixtures/drafts", env=_env(tmp_path / "alone"))
        assert _medlint("check", "fixtures/drafts", env=server) == expected  # run by its caller, not queued
        assert time.monotonic() - started < 30

        os.write(writer, b"ignore: [claims]\n")  # the held check goes on
        os.close(writer)
        held.settimeout(60)
        pages = len(list((REPO_ROOT / "fixtures" / "clean").iterdir()))
        answer = read_message(held)
        while answer == ["running"]:  # said while the check runs
            answer = read_message(held)
        assert answer == ["done", "0", f"No problems found in {pages} files.\n", ""]
    assert _checks_run(server) == 1


def test_a_report_the_caller_cannot_write_whole_is_an_error_there(server: dict[str, str], tmp_path: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # as a full disk: a part is written

    with (tmp_path / "report.json").open("wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "medlint", "check", "--format", "json", "fixtures/drafts"],
            cwd=REPO_ROOT,
            env={**server, "PYTHONDONTWRITEBYTECODE": "1"},  # a .pyc would be kept cut short at the limit
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
            preexec_fn=limit,
        )
    assert done.stderr.decode() == "medlint: error: cannot write the output: File too large\n"
    assert done.returncode == 2
    assert _checks_run(server) == 1  # the server ran it


def _server_pid(env: dict[str, str]) -> int:
    code, out, _ = _medlint("server", "status", env=env)
    assert code == 0, "the server is running"
    return int(out.split("pid ")[1].split(",")[0])


def test_a_stopped_server_is_given_up_on_and_the_check_runs_in_its_caller(
    server: dict[str, str], tmp_path: Path
) -> None:
    # Ctrl-Z on `medlint server run`, or a hung server: it accepts (the system does) but never answers.
    pid = _server_pid(server)
    expected = _medlint("check", "fixtures/drafts", env=_env(tmp_path / "alone"))
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert _medlint("check", "fixtures/drafts", env=server) == expected
        assert time.monotonic() - started < 60
    finally:
        os.kill(pid, signal.SIGCONT)
    # The check sent while it was stopped has no one left to read the answer: it is dropped, not run
    # (stopped half-way, it would retire this server), and this server goes on serving.
    assert _server_pid(server) == pid
    assert _checks_run(server) == 0


def _impostor(path: Path, heard: list[list[str]]) -> socket.socket:
    """A listener at ``path`` that answers any check 'clean', noting what it was sent."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(4)
    listener.settimeout(30)

    def answer() -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = listener.accept()
                with connection:
                    heard.append(read_message(connection))
                    write_message(connection, ["done", "0", "No problems found.\n", ""])

    threading.Thread(target=answer, daemon=True).start()
    return listener


@pytest.mark.parametrize("whose", ["open to all", "another user's"])
def test_a_socket_another_user_could_have_made_is_not_sent_a_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whose: str
) -> None:
    # A cache folder shared on a CI runner: a socket there may be anyone's, and a check sends its
    # whole environment (tokens too) and believes the answer.
    if whose == "another user's" and os.geteuid() != 0:
        pytest.skip("giving a socket to another user needs root")
    env = _env(tmp_path / "c", SECRET_TOKEN="s3cret")
    monkeypatch.setenv("MEDLINT_CACHE_DIR", env["MEDLINT_CACHE_DIR"])
    name = socket_path()
    assert name is not None
    path = Path(name)
    path.parent.mkdir(parents=True)
    heard: list[list[str]] = []
    with _impostor(path, heard):
        if whose == "open to all":
            path.parent.chmod(0o777)
        else:
            path.parent.chmod(0o700)
            for owned in (path.parent, path):
                os.lchown(owned, 12345, 12345)
        code, out, _ = _medlint("check", "fixtures/drafts", env=env)
    assert code == 1 and "Found" in out
    assert heard == []


def test_a_server_that_cannot_start_says_why_at_once(tmp_path: Path) -> None:
    cache = write(tmp_path / "cache", "a file where the cache folder should be\n")
    started = time.monotonic()
    code, out, err = _medlint("server", "start", env=_env(cache))
    assert time.monotonic() - started < 8  # not the whole wait for a server that has already given up
    assert (code, out) == (2, "")
    assert err == (
        f"medlint: error: the server did not start: cannot serve: [Errno 20] Not a directory: '{cache}/servers'\n"
    )


def test_a_check_from_a_removed_working_folder_is_one_line_saying_so(server: dict[str, str], tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    gone = tmp_path / "gone"
    # A shell left in a folder a checkout or a clean-up removed. Said the same with a server or without.
    script = f'mkdir "{gone}" && cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m medlint check "{page}"'
    for env in (server, _env(tmp_path / "alone")):
        done = subprocess.run(["sh", "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            "medlint: error: the working folder has been removed (by a checkout or a clean-up?): "
            "cd to a folder that exists\n"
        )


def test_a_cache_folder_too_deep_for_a_socket_is_named_with_what_to_change(tmp_path: Path) -> None:
    cache = tmp_path / ("deep" * 30)  # a socket's path must fit in about a hundred characters
    code, out, err = _medlint("server", "start", env=_env(cache))
    assert (code, out) == (2, "")
    assert err == (
        f"medlint: error: the server did not start: the cache folder's path ({cache}) is too long for a Unix "
        "socket; set MEDLINT_CACHE_DIR to a shorter one\n"
    )


def _interruptible_check(arguments: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``medlint check`` started in the background, which a Ctrl-C (SIGINT) stops as at a terminal."""
    return subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", *arguments],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for_the_server_to_take_a_check(server: dict[str, str]) -> None:
    deadline = time.monotonic() + 30
    while _checks_run(server) == 0:
        assert time.monotonic() < deadline, "the server never took the check up"
        time.sleep(0.05)


def test_ctrl_c_while_the_server_runs_the_check_is_one_line_and_130(server: dict[str, str], tmp_path: Path) -> None:
    # The check is held up reading its config from a pipe nothing has written to yet.
    config = tmp_path / "config.yaml"
    os.mkfifo(config)
    writer = os.open(config, os.O_RDWR)  # held open to write: a pipe with no writer is an error at once
    process = _interruptible_check(["--config", str(config), "fixtures/clean"], REPO_ROOT, server)
    try:
        _wait_for_the_server_to_take_a_check(server)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        os.write(writer, b"ignore: [claims]\n")  # let the server's check end
        os.close(writer)

    assert (process.returncode, out, err.decode().strip()) == (130, b"", "medlint: interrupted")
    # The server that stopped the check hands over to a fresh one (which the fixture then stops). A
    # fresh server compiles medlint's modules as it starts when bytecode is not written: on a loaded
    # machine that takes a while (once over a minute, while other test runs shared both cores).
    deadline = time.monotonic() + 180
    answers = [_answer_to_a_check_when_served(server, ["check", "fixtures/clean"], REPO_ROOT)]
    while (answers[-1] or [])[:2] != ["done", "0"]:
        assert time.monotonic() < deadline, f"no fresh server took over; the last answers: {answers[-5:]}"
        time.sleep(0.1)
        answers.append(_answer_to_a_check_when_served(server, ["check", "fixtures/clean"], REPO_ROOT))


def _check_workers(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, the server: its check's workers. Not the fresh server it
    starts when it retires (its child until it exits, and seconds from answering on a loaded machine),
    which leads a session of its own where workers stay in the server's."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # "PID (COMMAND) STATE PPID PGRP SESSION ...": the command may hold spaces and parentheses.
            fields = stat.read_text().rpartition(")")[2].split()
            child = int(stat.parent.name)
            if int(fields[1]) == pid and int(fields[3]) != child:
                workers.append(child)
    return workers


def _answer_to_a_check(env: dict[str, str], arguments: list[str], cwd: Path) -> list[str]:
    [path] = Path(env["MEDLINT_CACHE_DIR"], "servers").glob("*.sock")
    environment = [part for item in env.items() for part in item]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(60)
        connection.connect(str(path))
        write_message(connection, ["run", str(cwd), str(len(arguments)), *arguments, *environment])
        answer = read_message(connection)
        while answer == ["running"]:
            answer = read_message(connection)
        return answer


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_whose_caller_hung_up_is_abandoned_and_the_server_is_free_again(
    server: dict[str, str], tmp_path: Path, jobs: str
) -> None:
    # Pages of about a second each, 128 of them: two workers take 8 at a time, so a check waits
    # seconds for each batch, and the whole check takes a minute or more.
    page = "Our clinic offers a non-invasive injection with no side effects. It is clinically proven.\n\n" * 1000
    for number in range(128):
        write(tmp_path / "many" / f"page{number}.md", page)
    write(tmp_path / "one.md", "Our injection has no side effects.\n")
    server_pid = _server_pid(server)
    process = _interruptible_check(["--no-cache", "-j", jobs, "many"], tmp_path, server)
    try:
        _wait_for_the_server_to_take_a_check(server)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    interrupted = time.monotonic()
    # Workers left to finish their files would run for the minute or more the check takes; stopped,
    # they are gone in a moment, or in a few seconds on a loaded machine (the suite's other tests
    # on both cores, other work besides).
    while _check_workers(server_pid) and time.monotonic() - interrupted < 10:
        time.sleep(0.1)
    assert not _check_workers(server_pid), "the check's workers were stopped, not left to finish their files"
    # Free again within a page or two, not the minute or more the rest of the check would hold it:
    # 20 seconds leaves room for a loaded machine (its pages take longer too) and still tells the two apart.
    # The interrupt may have landed anywhere in the check (an import half done), so a fresh server
    # runs the next one: the same socket, another process.
    answer = _answer_to_a_check_when_served(server, ["check", "one.md"], tmp_path)
    while answer in (["busy"], ["stale"], None) and time.monotonic() - interrupted < 20:
        time.sleep(0.1)
        answer = _answer_to_a_check_when_served(server, ["check", "one.md"], tmp_path)
    assert answer is not None and answer[:2] == ["done", "1"], "the abandoned check no longer holds the server"
    assert time.monotonic() - interrupted < 20
    assert _server_pid(server) != server_pid, "the server that stopped a check has handed over to a fresh one"


def _answer_to_a_check_when_served(env: dict[str, str], arguments: list[str], cwd: Path) -> list[str] | None:
    """The server's answer, or None between one server's exit and the next one's start."""
    try:
        return _answer_to_a_check(env, arguments, cwd)
    except (OSError, ValueError):
        return None


def test_a_relative_cache_folder_is_taken_from_where_medlint_starts_and_named_so(tmp_path: Path) -> None:
    # As a CI job keeps `.medlint-cache` beside its checkout.
    name = f".medlint-cache-{tmp_path.name}"  # none of another test's making
    env = _env(Path(name))
    write(tmp_path / "page.md", "Our injection has no side effects.\n")
    code, _, err = _medlint("server", "start", env=env, cwd=tmp_path)
    assert code == 0, err
    try:
        assert f" at {tmp_path / name / 'servers'}/" in err  # where it is, not a relative name
        assert _medlint("check", "page.md", env=env, cwd=tmp_path)[0] == 1
        assert _checks_run({**env, "MEDLINT_CACHE_DIR": str(tmp_path / name)}) == 1
        (tmp_path / "elsewhere").mkdir()
        code, out, _ = _medlint("server", "status", env=env, cwd=tmp_path / "elsewhere")
        # From another folder, another cache folder: which one it looked in says why it found none.
        assert (code, out) == (
            1,
            f"medlint: no server running for the cache folder {tmp_path / 'elsewhere' / name}\n",
        )
    finally:
        _medlint("server", "stop", env=env, cwd=tmp_path)
    assert not (Path("/") / name).exists()  # the server's own folder between checks
