"""Text read from stdin ('-') that cannot be read is one line naming it, exit 2, never a hang or a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero and a POSIX shell")


def test_a_closed_stdin_is_one_line(tmp_path: Path) -> None:
    # A service or a cron job may have no stdin at all ('<&-').
    done = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m medlint check - <&-'],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "No file was checked. 1 file could not be read.\n")
    assert done.stderr == "medlint: error: <stdin>: cannot read: stdin is closed\n"


def test_a_device_that_never_ends_on_stdin_is_one_line_not_read_until_memory_runs_out(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "medlint", "check", "--stdin-filename", "page.md", "-"],
            cwd=tmp_path,
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == "medlint: error: page.md: cannot read: stdin is a device, not text\n"


def test_dev_null_on_stdin_is_an_empty_page(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "-"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "No problems found in 1 file.\n", "")
