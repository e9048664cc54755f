"""A run's findings are kept on disk once there are many, and read back exactly as one sort would order them."""

from __future__ import annotations

import json
import os
import random
import select
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, RunCli

from medlint import lint_paths
from medlint.finding_log import SPILL_AFTER, FindingLog, counts_of
from medlint.findings import Severity


def test_findings_added_in_any_order_come_back_sorted_with_ties_in_the_order_added() -> None:
    findings = list(lint_paths([FIXTURES / "drafts"]).findings)
    assert len(findings) > 50
    shuffled = findings * 2  # every finding twice: ties must keep the order they were added in
    random.Random(7).shuffle(shuffled)
    expected = sorted(shuffled, key=lambda f: f.sort_key)

    log = FindingLog(spill_after=9)  # several batches on disk
    for start in range(0, len(shuffled), 13):
        log.extend(shuffled[start : start + 13])
    assert "batches on disk" in repr(log)
    assert list(log) == expected
    assert list(log) == expected, "a log can be read more than once"
    assert log == expected and len(log) == len(expected)
    assert log[0] == expected[0] and log[-1] == expected[-1] and log[5:9] == expected[5:9]
    assert [id(f) for f in log] != [id(f) for f in expected], "read back from disk, not held"

    counts = counts_of(log)
    assert counts == counts_of(expected)
    assert counts.total == len(expected)
    assert counts.paths == {f.path for f in expected}
    assert counts.by_severity[Severity.ERROR] == sum(f.severity is Severity.ERROR for f in expected)
    assert counts.any_at_least(Severity.ERROR) and not counts_of([]).any_at_least(Severity.INFO)


def _pages_with_many_findings(folder: Path) -> Path:
    """Four pages whose findings together are more than a run holds in memory."""
    folder.mkdir()
    sentence = "Our miracle injection is guaranteed to cure arthritis. "
    for page in range(4):
        (folder / f"page-{page}.md").write_text(f"# Page {page}\n\n{sentence * 2000}\n", encoding="utf-8")
    return folder


def test_a_run_with_more_findings_than_memory_holds_reports_what_each_page_reports(
    tmp_path: Path, run_cli: RunCli
) -> None:
    pages = _pages_with_many_findings(tmp_path / "site")
    whole = json.loads(run_cli("check", "--no-cache", "--format", "json", str(pages)).output)
    assert whole["summary"]["findings"] > SPILL_AFTER, "enough findings to put batches on disk"

    one_by_one: list[dict[str, object]] = []
    for page in sorted(pages.glob("*.md")):
        one_by_one += json.loads(run_cli("check", "--no-cache", "--format", "json", str(page)).output)["findings"]
    assert whole["findings"] == one_by_one
    assert whole["summary"]["errors"] == sum(f["severity"] == "error" for f in one_by_one)


def _small_file_size_limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


@pytest.mark.skipif(sys.platform == "win32", reason="file-size limits are POSIX")
def test_findings_that_cannot_be_put_on_disk_are_all_reported_all_the_same(tmp_path: Path) -> None:
    pages = _pages_with_many_findings(tmp_path / "site")
    command = [sys.executable, "-m", "medlint", "check", "--no-cache", "--format", "json", str(pages)]
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "cache")}
    free = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    # A file-size limit stops the batch half-written (EFBIG), as a full disk would; the report goes to a pipe.
    # (No bytecode written under the limit: Python would keep a .pyc cut short there.)
    limited = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**env, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
        preexec_fn=_small_file_size_limit,
    )
    assert free.returncode == limited.returncode == 1, limited.stderr
    assert limited.stderr == ""
    assert json.loads(limited.stdout)["summary"]["findings"] > SPILL_AFTER
    assert limited.stdout == free.stdout


def _spill_file(pid: int, folder: Path) -> Path | None:
    """The descriptor, in /proc, of the unnamed file process ``pid`` keeps its findings in (in ``folder``)."""
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:  # closed meanwhile
            continue
        if target.startswith(str(folder)):
            return descriptor
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="cuts the file through Linux's /proc")
def test_findings_on_disk_cut_short_mid_report_are_one_line_and_exit_2(tmp_path: Path) -> None:
    import fcntl

    # Another process truncates the run's unnamed findings file (it can, through /proc) while the
    # report is read back from it: the findings are lost, and medlint says so in one line.
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {id: cure, category: efficacy, message: m, phrases: [cure]}\n", encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    for page in range(3):  # 21,000 findings: a first batch on disk, of 42 chunks read one by one
        (tmp_path / f"page-{page}.md").write_text("A cure. " * 7000 + "\n", encoding="utf-8")
    spill_folder = tmp_path / "tmp"
    spill_folder.mkdir()
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(spill_folder)}
    # The smallest pipe: the report stops at its first write, long before its first chunk (500) is read.
    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
    command = [sys.executable, "-m", "medlint", "check", "--no-cache", "--format", "json", "."]
    with subprocess.Popen(command, cwd=tmp_path, env=env, stdout=write_end, stderr=subprocess.PIPE) as run:
        os.close(write_end)
        try:
            assert select.select([read_end], [], [], 60)[0], "the report started"
            spilled = _spill_file(run.pid, spill_folder)
            assert spilled is not None, "the findings went to disk"
            os.truncate(spilled, 0)
            with open(read_end, "rb") as report:
                out = report.read()
            err = run.stderr.read().decode() if run.stderr else ""
            run.wait(timeout=60)
        finally:
            if run.poll() is None:
                run.kill()
    assert run.returncode == 2, err
    assert err == (
        "medlint: error: the findings this run had put in a temporary file could not be read back "
        "(a batch of findings on disk ended early); the report is incomplete. Run again\n"
    )
    assert out.startswith(b"{")
