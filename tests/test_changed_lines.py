"""--diff-base and --staged: only findings on lines a change touched, asked of real git."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.conftest import CORE_RULES, RunCli, write
from tests.git_helpers import commit_all, git, init_repo


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A website repository with the test rules and one committed page, as the working folder."""
    repo = init_repo(tmp_path / "site")
    write(repo / "rules.yaml", CORE_RULES)
    write(repo / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    write(repo / "page.md", "A miracle cure.\n\nFine words.\n\nMore fine words.\n")
    commit_all(repo, "site")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    return repo


def _found(run_cli: RunCli, *args: str) -> list[tuple[str, int, int]]:
    result = run_cli("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(f["path"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_diff_base_reports_lines_changed_since_the_merge_base(run_cli: RunCli, site: Path) -> None:
    git(site, "switch", "--quiet", "--create", "feature")
    write(site / "page.md", "A miracle cure.\n\nFine miracle cure.\n\nMore fine words.\nA new miracle cure.\n")
    commit_all(site, "feature edits")
    # main moves on after the branch point: its edits are not the pull request's.
    git(site, "switch", "--quiet", "main")
    write(site / "page.md", "A miracle cure, now on main.\n\nFine words.\n\nMore fine words.\n")
    commit_all(site, "main edits")
    git(site, "switch", "--quiet", "feature")
    # Uncommitted edits and untracked files count too.
    write(site / "draft.md", "Intro.\n\nA miracle cure.\n")
    assert _found(run_cli, "--diff-base", "main", ".") == [
        ("draft.md", 3, 3),
        ("page.md", 3, 6),
        ("page.md", 6, 7),
    ]
    assert len(_found(run_cli, ".")) == 4


def test_staged_reports_lines_in_the_index(run_cli: RunCli, site: Path) -> None:
    write(site / "page.md", "A miracle cure.\n\nA miracle cure, staged.\n\nMore fine words.\n")
    write(site / "new.md", "A miracle cure.\n")
    git(site, "add", "page.md", "new.md")
    assert _found(run_cli, "--staged", ".") == [("new.md", 1, 3), ("page.md", 3, 3)]


def test_staged_lines_are_found_where_they_stand_in_the_working_tree(run_cli: RunCli, site: Path) -> None:
    write(site / "page.md", "A miracle cure.\n\nFine words.\n\nMore fine words.\nA staged miracle cure.\n")
    git(site, "add", "page.md")
    # Unstaged: two lines above everything, and the staged line 6 left as it is.
    write(
        site / "page.md",
        "Intro.\nMore intro.\nA miracle cure.\n\nFine words.\n\nMore fine words.\nA staged miracle cure.\n",
    )
    assert _found(run_cli, "--staged", ".") == [("page.md", 8, 10)]
    # The staged line edited again: what is staged is not in the file medlint reads.
    write(site / "page.md", "A miracle cure.\n\nFine words.\n\nMore fine words.\nA staged miracle, edited.\n")
    assert _found(run_cli, "--staged", ".") == []


def test_staged_from_a_folder_in_no_repository_asks_the_repository_of_the_checked_paths(
    run_cli: RunCli, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(site / "page.md", "A miracle cure.\n\nA miracle cure, staged.\n\nMore fine words.\n")
    git(site, "add", "page.md")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # in no git repository: the site's is the one asked
    result = run_cli("check", "--format", "json", "--staged", str(site))
    assert result.exit_code == 1, result.output
    assert [(f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]] == [(3, 3)]


def test_a_file_outside_the_repository_is_said_to_be_so(run_cli: RunCli, site: Path, tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere" / "page.md", "A miracle cure.\n")
    result = run_cli("check", "--format", "json", "--diff-base", "main", str(outside))
    assert json.loads(result.stdout)["findings"] == []
    assert (
        result.stderr
        == f"medlint: {outside}: outside the git repository at {site}; --diff-base reports nothing in it\n"
    )


def test_unusual_file_names_are_followed(run_cli: RunCli, site: Path) -> None:
    name = "news, views & ünïcode.md"
    write(site / name, "Fine words.\n")
    commit_all(site, "add a page")
    write(site / name, "Fine words.\nA miracle cure.\n")
    assert _found(run_cli, "--diff-base", "HEAD", ".") == [(name, 2, 3)]


def test_a_deletion_leaves_nothing_to_report(run_cli: RunCli, site: Path) -> None:
    write(site / "page.md", "A miracle cure.\n\nFine words.\n")
    assert _found(run_cli, "--diff-base", "HEAD", ".") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--diff-base", "no-such-branch", "."), "medlint: error: --diff-base no-such-branch: unknown git ref"),
        (("--diff-base", "HEAD", "--staged", "."), "medlint: error: --diff-base and --staged cannot be combined"),
        (("--staged", "-"), "medlint: error: --diff-base and --staged need files in a git repository, not stdin"),
    ],
)
def test_bad_git_options_are_one_line_and_exit_2(
    run_cli: RunCli, site: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("check", *args, input="")
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_outside_a_repository_is_one_line_and_exit_2(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "page.md", "A miracle cure.\n")
    result = run_cli("check", "--diff-base", "main", "page.md")
    assert result.exit_code == 2
    assert result.stderr == "medlint: error: --diff-base main: not in a git repository\n"


def test_a_shallow_clone_without_the_base_says_to_fetch_the_history(
    run_cli: RunCli, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a CI checkout makes by default: the branch's last commit alone.
    git(site, "switch", "--quiet", "--create", "feature")
    write(site / "page.md", "A miracle cure.\n\nA new miracle cure.\n")
    commit_all(site, "feature edits")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", "--branch", "feature", site.as_uri(), str(clone))
    git(clone, "fetch", "--quiet", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    monkeypatch.chdir(clone)
    for base, missing in [("origin/main", "no merge base found"), ("HEAD~1", "unknown git ref 'HEAD~1'")]:
        result = run_cli("check", "--diff-base", base, ".")
        assert result.exit_code == 2
        assert result.stderr == (
            f"medlint: error: --diff-base {base}: {missing} in this shallow clone: fetch the history first "
            "(git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)\n"
        )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_repository_another_user_owns_is_named_with_how_to_trust_it(
    run_cli: RunCli, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A CI container's checkout, made by another user: git refuses it, and it is no lack of a repository.
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for path in [site, *site.rglob("*")]:
        os.lchown(path, 12345, 12345)
    for option in (["--staged"], ["--diff-base", "main"]):
        result = run_cli("check", *option, ".")
        assert result.exit_code == 2
        assert result.stderr == (
            f"medlint: error: {' '.join(option)}: git refuses the repository at {site}, which another user owns; "
            f"if you trust it: git config --global --add safe.directory {site}\n"
        )


def test_a_page_in_a_nested_repository_is_named_not_silently_passed(run_cli: RunCli, site: Path) -> None:
    # A submodule or a clone inside the site: its lines are no change of the site's repository.
    vendor = init_repo(site / "vendor")
    write(vendor / "theirs.md", "Fine words.\n")
    commit_all(vendor, "vendor")
    write(vendor / "theirs.md", "Fine words.\nA miracle cure.\n")
    write(site / "page.md", "A miracle cure.\n\nFine words.\n\nMore fine words.\nA new miracle cure.\n")
    result = run_cli("check", "--format", "json", "--diff-base", "main", ".")
    assert [(f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [("page.md", 6)]
    assert result.stderr == (
        f"medlint: vendor/theirs.md: outside the git repository at {site}; --diff-base reports nothing in it\n"
        "medlint: --diff-base: 1 finding on lines unchanged since main is not shown\n"
    )


def test_the_findings_left_out_are_counted_so_a_narrowed_run_does_not_read_as_clean(
    run_cli: RunCli, site: Path
) -> None:
    write(site / "page.md", "A miracle cure.\n\nA miracle cure, staged.\n\nMore fine words. A miracle cure.\n")
    git(site, "add", "page.md")

    staged = run_cli("check", "--no-color", "--staged", "page.md")
    since = run_cli("check", "--no-color", "--diff-base", "HEAD", "page.md")
    clean = run_cli("check", "--no-color", "--diff-base", "HEAD", "--select", "ALL", "--ignore", "miracle-cure")

    assert staged.exit_code == since.exit_code == 1
    assert staged.stderr == "medlint: --staged: 1 finding on lines the staged changes leave alone is not shown\n"
    assert since.stderr == "medlint: --diff-base: 1 finding on lines unchanged since HEAD is not shown\n"
    write(site / "page.md", "A miracle cure.\n\nFine words.\n\nMore fine words.\n")
    unchanged = run_cli("check", "--no-color", "--diff-base", "HEAD", "page.md")
    assert "No problems found in 1 file." in unchanged.stdout
    assert unchanged.stderr == "medlint: --diff-base: 1 finding on lines unchanged since HEAD is not shown\n"
    assert clean.stderr == ""
