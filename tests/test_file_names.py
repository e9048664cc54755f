"""A file's name never breaks a run or a report: names that are not UTF-8, or hold line ends,
tabs, colons or a leading dash, are checked, and every output format names them unambiguously."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT

PAGE = "This miracle cure works.\n"
RULES = """\
rules:
  - id: miracle-cure
    category: efficacy
    message: "'{match}' promises a cure."
    phrases: ["miracle cure"]
"""
NOT_UTF8 = os.fsdecode(b"caf\xe9.md")  # a Latin-1 name, as an old archive unpacks it


def _medlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medlint", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def _site(tmp_path: Path, *names: str) -> Path:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    for name in names:
        (site / name).write_text(PAGE, encoding="utf-8")
    return site


def test_a_name_that_is_not_utf8_is_checked_and_its_result_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, NOT_UTF8, "plain.md")
    cache = tmp_path / "cache"
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(cache))  # the runs' own cache, to see what they keep
    monkeypatch.delenv("MEDLINT_NO_CACHE", raising=False)
    kept: dict[Path, int] = {}
    for _ in range(2):  # the second run reads the kept results
        result = _medlint("check", "site", cwd=tmp_path)
        assert "Traceback" not in result.stderr
        assert result.returncode == 1, result.stderr
        assert "Found 2 problems" in result.stdout
        # One result kept per page, the one named in Latin-1 too; read again, not written again.
        entries = {entry: entry.stat().st_mtime_ns for entry in cache.glob("results-*/*.pickle")}
        assert len(entries) == 2
        assert not kept or entries == kept
        kept = entries


def test_a_baseline_of_a_name_that_is_not_utf8_is_written_and_hides_its_findings(tmp_path: Path) -> None:
    _site(tmp_path, NOT_UTF8, "plain.md")
    written = _medlint("baseline", "--output", "baseline.json", "site", cwd=tmp_path)
    assert "Traceback" not in written.stderr
    assert written.returncode == 0, written.stderr
    (tmp_path / "site" / "new.md").write_text(PAGE, encoding="utf-8")
    result = _medlint("check", "--baseline", "baseline.json", "site", cwd=tmp_path)
    assert "2 known findings hidden" in result.stderr
    assert "Found 1 problem " in result.stdout


def test_sarif_gives_a_name_that_is_not_utf8_as_its_bytes_percent_encoded(tmp_path: Path) -> None:
    _site(tmp_path, NOT_UTF8)
    result = _medlint("check", "--format", "sarif", "--no-cache", "site", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)["runs"][0]["results"]
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "site/caf%E9.md"


def _report(tmp_path: Path, output_format: str) -> str:
    """The report, which must be UTF-8 whatever the names it holds."""
    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--no-cache", "--format", output_format, "site"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    return result.stdout.decode("utf-8")


def test_every_format_names_a_file_that_is_not_utf8_by_its_bytes_not_a_question_mark(tmp_path: Path) -> None:
    # "?" for the byte would name another file, one that may well exist: caf?.md.
    _site(tmp_path, NOT_UTF8, "caf?.md")
    assert "site/caf\\xe9.md:1:6:" in _report(tmp_path, "text")
    findings = json.loads(_report(tmp_path, "json"))["findings"]
    assert sorted(f["path"] for f in findings) == ["site/caf?.md", f"site/{NOT_UTF8}"]
    diagnostics = json.loads(_report(tmp_path, "rdjson"))["diagnostics"]
    assert sorted(d["location"]["path"] for d in diagnostics) == ["site/caf?.md", f"site/{NOT_UTF8}"]
    assert "file=site/caf\\xe9.md,line=1" in _report(tmp_path, "github")
    assert 'file="site/caf\\xe9.md"' in _report(tmp_path, "junit")


def test_a_file_whose_name_starts_with_a_dash_is_named_in_the_usage_error(tmp_path: Path) -> None:
    # A hook passes a top-level '-draft.md' as it is, where it reads as options.
    site = _site(tmp_path, "-draft.md")
    result = _medlint("check", "-draft.md", cwd=site)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "medlint: error: No such option '-d'. To check the file '-draft.md', write it as './-draft.md'.\n"
    )
    assert _medlint("check", "./-draft.md", cwd=site).returncode == 1


def test_a_project_in_a_folder_whose_name_is_not_utf8_is_checked_with_its_own_rules(tmp_path: Path) -> None:
    # The rule files' paths went into the rule set's fingerprint as UTF-8: a traceback before any page was read.
    project = tmp_path / os.fsdecode(b"caf\xe9")
    project.mkdir()
    _site(project, "page.md")

    for output_format in ("text", "json", "sarif"):
        result = _medlint("check", "--format", output_format, "site", cwd=project)
        assert "Traceback" not in result.stderr
        assert (result.returncode, result.stderr) == (1, ""), output_format


def test_medlint_installed_in_a_folder_whose_name_is_not_utf8_runs(tmp_path: Path) -> None:
    # Its own files' paths went into the fingerprint of its code as UTF-8: every run was a traceback.
    installed = tmp_path / os.fsdecode(b"caf\xe9")
    shutil.copytree(
        REPO_ROOT / "src" / "medlint", installed / "src" / "medlint", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(REPO_ROOT / "rules", installed / "rules")  # the built-in rules, beside the source as in a checkout
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(installed / "src")}

    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "page.md"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "miracle" in result.stdout
