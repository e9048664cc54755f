"""A write that fails part-way leaves the original file exactly as it was.

Tests run as root, where file permissions do not stop writes, so the failure
used here is a real one that binds root too: a file-size limit
(RLIMIT_FSIZE) on the medlint process. Reading the large draft works; writing
its fixed copy into the temporary file fails with EFBIG after part of it is
written, which is the "disk full half-way" case.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.fix_helpers import make_config, medlint

from medlint.sources import read_source
from medlint.writing import WriteError, write_fixed

resource = pytest.importorskip("resource")

LIMIT = 64 * 1024


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def run_limited(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "medlint", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        preexec_fn=_limit_file_size,
        timeout=60,
        check=False,
    )


def test_a_failed_write_leaves_the_original_and_says_which_file(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    site = tmp_path / "site"
    site.mkdir()
    big = site / "big.md"
    big_bytes = ("Our non-invasive care.\n\n" + "Plain words about the clinic.\n" * 6000).encode("utf-8")
    assert len(big_bytes) > 2 * LIMIT
    big.write_bytes(big_bytes)
    small = site / "small.md"
    small.write_text("Sperm cells.\n", encoding="utf-8")

    result = run_limited("check", "--fix", "--config", config, "site", cwd=tmp_path)

    assert result.returncode == 2
    assert big.read_bytes() == big_bytes
    assert small.read_text(encoding="utf-8") == "Stem cells.\n"  # the other file was still fixed
    assert sorted(p.name for p in site.iterdir()) == ["big.md", "small.md"]  # no temporary file left
    assert result.stderr.splitlines() == [
        f"medlint: error: {os.path.join('site', 'big.md')}: cannot write: File too large; file left unchanged"
    ]
    assert "[non-invasive]" in result.stdout  # the report shows the file as it still is
    assert "Fixed 1 problem in 1 file." in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_leaves_the_original(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    folder = tmp_path / "locked"
    folder.mkdir()
    page = folder / "page.md"
    page.write_text("Non-invasive.\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = medlint("check", "--fix", "--config", config, page)
    finally:
        folder.chmod(0o755)

    assert result.exit_code == 2
    assert page.read_text(encoding="utf-8") == "Non-invasive.\n"
    assert f"{page}: cannot write" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_read_only_file_is_left_as_it_is(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    page = tmp_path / "page.md"
    page.write_text("Non-invasive.\n", encoding="utf-8")
    page.chmod(0o444)

    result = medlint("check", "--fix", "--config", config, page)

    assert result.exit_code == 2
    assert page.read_text(encoding="utf-8") == "Non-invasive.\n"
    assert result.stderr.splitlines() == [
        f"medlint: error: {page}: cannot write: the file is read-only; file left unchanged"
    ]


def test_write_fixed_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Non-invasive.\n", encoding="utf-8")
    source = read_source(page)
    page.write_text("Non-invasive, edited by hand.\n", encoding="utf-8")

    with pytest.raises(WriteError, match="changed on disk since it was read"):
        write_fixed(page, source, "Minimally invasive.\n")

    assert page.read_text(encoding="utf-8") == "Non-invasive, edited by hand.\n"


def test_write_fixed_replaces_the_file_in_one_step(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Non-invasive.\n", encoding="utf-8")
    inode = page.stat().st_ino
    source = read_source(page)

    write_fixed(page, source, "Minimally invasive.\n")

    assert page.read_text(encoding="utf-8") == "Minimally invasive.\n"
    assert page.stat().st_ino != inode  # a new file renamed over the old, never rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_a_file_with_hard_links_is_fixed_in_place_so_every_name_shows_the_fix(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    page = tmp_path / "page.md"
    page.write_text("Our non-invasive injection.\n", encoding="utf-8")
    shared = tmp_path / "shared.md"
    os.link(page, shared)  # the same page under a second name (a site that links its shared pages)
    inode = page.stat().st_ino

    result = medlint("check", "--fix", "--config", config, page)

    assert result.exit_code == 0, result.stderr
    assert shared.read_text(encoding="utf-8") == "Our minimally invasive injection.\n"
    assert (page.stat().st_ino, page.stat().st_nlink) == (inode, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cfg", "page.md", "shared.md"]


def test_a_linked_file_that_cannot_be_written_whole_is_left_as_it_was(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    site = tmp_path / "site"
    site.mkdir()
    big = site / "big.md"
    big_bytes = ("Our non-invasive care.\n\n" + "Plain words about the clinic.\n" * 6000).encode("utf-8")
    big.write_bytes(big_bytes)
    os.link(big, tmp_path / "shared.md")

    result = run_limited("check", "--fix", "--config", config, "site", cwd=tmp_path)

    assert result.returncode == 2
    assert big.read_bytes() == big_bytes == (tmp_path / "shared.md").read_bytes()
    assert big.stat().st_nlink == 2
    assert result.stderr.splitlines() == [
        f"medlint: error: {os.path.join('site', 'big.md')}: cannot write: File too large; file left unchanged"
    ]
