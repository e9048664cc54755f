"""The Python API: lint_text and lint_paths."""

from __future__ import annotations

import dataclasses
import json
import pickle
import warnings
from pathlib import Path

import msgspec
import pytest
from tests.conftest import RunCli, write

from medlint import ConfigWarning, Finding, Severity, lint_paths, lint_text
from medlint.config import load_config


def test_lint_text_uses_the_suffix_for_the_format(core_config: Path) -> None:
    config = load_config(core_config)
    as_markdown = lint_text("`miracle cure` and a miracle cure", "page.md", config=config)
    as_text = lint_text("`miracle cure` and a miracle cure", "page.txt", config=config)
    assert [f.column for f in as_markdown] == [22]
    assert [f.column for f in as_text] == [2, 22]
    assert all(isinstance(f, Finding) and f.severity is Severity.ERROR for f in as_text)


def test_lint_paths_finds_the_config_and_reports_unreadable_files(tmp_path: Path, core_config: Path) -> None:
    write(tmp_path / "docs" / "a.md", "Sperm cells.\n")
    (tmp_path / "docs" / "broken.md").write_bytes(b"caf\xe9 miracle cure\n")
    result = lint_paths([tmp_path / "docs"])
    assert [(Path(f.path).name, f.rule) for f in result.findings] == [("a.md", "sperm-cells")]
    [error] = result.errors
    assert error.source.endswith("broken.md") and "not valid UTF-8" in error.problem
    assert result.files_checked == 1


def test_the_projects_own_readme_and_docs_check_clean() -> None:
    # A newcomer's first `medlint check` is often on this repository; the docs quote overclaims
    # as examples, and say so in a suppression, so they must report nothing (no stale suppression either).
    root = Path(__file__).resolve().parents[1]
    result = lint_paths([root / "README.md", root / "docs"])
    assert [(f.path, f.line, f.rule) for f in result.findings] == []
    assert result.files_checked == 1 + len(list((root / "docs").glob("*.md")))


def test_lint_paths_warns_of_a_config_file_beside_the_one_it_reads(tmp_path: Path) -> None:
    write(tmp_path / ".medlint.yaml", "ignore: [no-side-effects]\n")
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.medlint]\nignore = ["claims"]\n')
    write(tmp_path / "content" / "page.md", "Our injection has no side effects.\n")

    with pytest.warns(ConfigWarning) as caught:
        result = lint_paths([tmp_path / "content"])

    assert [str(w.message) for w in caught] == [
        f"{tmp_path}: using .medlint.yaml, not pyproject.toml [tool.medlint] beside it; keep one config file per folder"
    ]
    assert caught[0].filename == __file__  # blamed on the caller's line, as a library's warning is
    assert result.findings == []  # .medlint.yaml is the one read, as on the command line
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lint_paths([tmp_path / "content"], config=load_config(tmp_path / ".medlint.yaml"))  # a config given: none


def test_lint_text_reads_no_config_unless_given_the_sites_as_the_readme_shows(tmp_path: Path) -> None:
    write(tmp_path / ".medlint.yaml", "ignore: [no-side-effects]\n")
    draft = "Our injection has no side effects.\n"
    from medlint.config import find_config

    assert "no-side-effects" in {f.rule for f in lint_text(draft, str(tmp_path / "content" / "draft.md"))}
    config = load_config(find_config(Path(tmp_path / "content")))
    assert "no-side-effects" not in {f.rule for f in lint_text(draft, "content/draft.md", config=config)}


def test_a_finding_is_a_frozen_struct_that_compares_hashes_pickles_and_copies_as_the_readme_says(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = "Our injection is non-invasive. It has no side effects.\n"
    findings, again = lint_text(draft, "page.md"), lint_text(draft, "page.md")
    assert len(findings) >= 2 and findings == again and len(set(findings + again)) == len(findings)
    assert pickle.loads(pickle.dumps(findings)) == findings

    first = findings[0]
    changed = msgspec.structs.replace(first, message="Reworded.")
    assert (changed.message, changed.rule, changed == first) == ("Reworded.", first.rule, False)
    with pytest.raises(AttributeError):
        first.message = "Reworded."  # type: ignore[misc]  # frozen
    with pytest.raises(TypeError):
        dataclasses.replace(first, message="Reworded.")

    write(tmp_path / "page.md", draft)
    monkeypatch.chdir(tmp_path)
    [reported, *_] = json.loads(run_cli("check", "--format", "json", "page.md").stdout)["findings"]
    assert set(msgspec.structs.asdict(first)) == set(reported) | {"start", "end"}
