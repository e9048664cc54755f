"""A cache folder in a bad state (leftovers of killed runs, a file in its place, no room, no home)
never breaks a run: each is checked as if there were no cache, and nothing is left behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PAGE = "This miracle cure works.\n"
RULES = """\
rules:
  - id: miracle-cure
    category: efficacy
    message: "'{match}' promises a cure."
    phrases: ["miracle cure"]
"""
TWO_DAYS = 2 * 24 * 3600


def _environment(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_NO_CACHE", "NO_COLOR", "FORCE_COLOR")}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _check(site: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medlint", "check", *args, "page.md"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "rules.yaml").write_text(RULES, encoding="utf-8")
    (site / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    (site / "page.md").write_text(PAGE, encoding="utf-8")
    return site


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_temporaries_left_by_killed_runs_are_removed_and_saves_in_progress_are_not(tmp_path: Path) -> None:
    site, cache = _site(tmp_path), tmp_path / "cache"
    env = _environment(MEDLINT_CACHE_DIR=str(cache))
    assert _check(site, env).returncode == 1
    [results] = cache.glob("results-*")
    # What a run killed while saving leaves: its temporary, never renamed over the file it was for.
    left = [
        cache / ".yaml-0.1.0-2.pickle-0123456789ab.tmp",
        cache / ".rules-84d470867f993873c27b8d0f.pickle-0123456789ab.tmp",
        results / f".{'a' * 40}.pickle-0123456789ab.tmp",
    ]
    in_progress = results / f".{'b' * 40}.pickle-0123456789ab.tmp"
    not_ours = cache / ".notes-0123456789ab.tmp"
    for path in [*left, in_progress, not_ours]:
        path.write_bytes(b"half a pickle")
    for path in cache.rglob("*"):  # a day later
        if path != in_progress:
            _age(path, TWO_DAYS)
    assert _check(site, env).returncode == 1
    assert [path for path in left if path.exists()] == []
    assert in_progress.exists()
    assert not_ours.exists()


def test_a_pipe_in_place_of_a_cache_file_is_not_waited_on(tmp_path: Path) -> None:
    # Put there by mistake, or by another user sharing the folder: reading one waits for a writer for ever.
    site, cache = _site(tmp_path), tmp_path / "cache"
    env = _environment(MEDLINT_CACHE_DIR=str(cache))
    first = _check(site, env)
    assert first.returncode == 1
    kept = [path for path in cache.rglob("*") if path.is_file()]
    assert any(path.name.endswith(".lock") for path in kept) and any(path.suffix == ".pickle" for path in kept)
    for path in kept:
        path.unlink()
        os.mkfifo(path)
    again = _check(site, env)
    assert (again.returncode, again.stdout) == (1, first.stdout)


def _workers(pid: int) -> list[int]:
    """The Python processes ``pid`` started, from any of its threads (a git child is not one)."""
    python = os.path.realpath(sys.executable)
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            for child in children.read_text().split():
                with contextlib.suppress(OSError):
                    if os.path.realpath(f"/proc/{child}/exe") == python:
                        found.append(int(child))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers in Linux's /proc")
def test_a_worker_killed_mid_run_is_one_line_not_a_hang(tmp_path: Path) -> None:
    # The out-of-memory killer on a shared runner takes a worker, and the files it had taken.
    site = _site(tmp_path)
    for n in range(300):
        (site / f"page{n}.md").write_text("# Page\n\n" + "Our clinic offers care. " * 2000 + PAGE, encoding="utf-8")
    env = _environment(MEDLINT_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "medlint", "check", "--no-cache", "--jobs", "2", "."]
    with subprocess.Popen(command, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as run:
        try:
            deadline = time.monotonic() + 60
            while not _workers(run.pid) and time.monotonic() < deadline and run.poll() is None:
                time.sleep(0.01)
            time.sleep(0.1)  # at work on its first files (the 15 MB take the two of them seconds)
            workers = _workers(run.pid)
            assert workers, "the run started workers"
            os.kill(workers[0], signal.SIGKILL)
            out, err = run.communicate(timeout=120)
        finally:
            if run.poll() is None:  # hung: end it and its workers, not leave them running
                for pid in _workers(run.pid):
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
                run.kill()
    assert run.returncode == 2, err
    assert err == (
        "medlint: error: a worker process was killed before it finished (out of memory?); nothing was reported. "
        "Run again, perhaps with fewer --jobs\n"
    )
    assert out == ""
