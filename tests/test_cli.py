"""The check, rules and explain commands, driven as a user drives them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.conftest import CORE_RULES, FIXTURES, REPO_ROOT, RunCli, write

import medlint
from medlint.config import load_config

if TYPE_CHECKING:
    from os import _ScandirIterator  # what os.scandir returns: an iterator and a context manager


def test_exit_codes_follow_the_fail_level(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.md", "A promising treatment.\n")
    warning_only = write(tmp_path / "typo.md", "Sperm cells in discs.\n")
    assert run_cli("check", "--config", str(core_config), str(clean)).exit_code == 0
    assert run_cli("check", "--config", str(core_config), str(warning_only)).exit_code == 1
    assert run_cli("check", "--config", str(core_config), "--fail-on", "error", str(warning_only)).exit_code == 0


def test_select_and_ignore_take_ids_packs_and_categories(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "A miracle cure made of sperm cells.\n")

    def rules(*options: str) -> list[str]:
        result = run_cli("check", "--config", str(core_config), "--format", "json", *options, str(page))
        return [f["rule"] for f in json.loads(result.output)["findings"]]

    assert rules() == ["miracle-cure", "sperm-cells"]
    assert rules("--select", "terminology") == ["sperm-cells"]
    assert rules("--select", "core-test") == ["miracle-cure", "sperm-cells"]
    assert rules("--ignore", "miracle-cure,terminology") == []


def test_a_severity_set_for_a_rule_wins_over_its_pack_and_category(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = write(tmp_path / "page.md", "A miracle cure made of sperm cells.\n")
    config = tmp_path / ".medlint.yaml"
    config.write_text(
        core_config.read_text(encoding="utf-8")
        + "severity:\n  miracle-cure: warning\n  sperm-cells: error\n  core-test: info\n  terminology: warning\n",
        encoding="utf-8",
    )

    result = run_cli("check", "--config", str(config), "--format", "json", str(page))

    severities = {f["rule"]: f["severity"] for f in json.loads(result.output)["findings"]}
    assert severities == {"miracle-cure": "warning", "sperm-cells": "error"}


def test_json_output_has_the_documented_shape(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "Sperm cells heal.\n")
    document = json.loads(run_cli("check", "--config", str(core_config), "--format", "json", str(page)).output)
    assert document["version"] == 1
    assert document["summary"] == {
        "files": 1,
        "findings": 1,
        "errors": 0,
        "warnings": 1,
        "info": 0,
        "fixable": 1,
        "unreadable": 0,
        "excluded": 0,
        "left_out": 0,
    }
    [finding] = document["findings"]
    assert finding == {
        "path": str(page),
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 12,
        "rule": "sperm-cells",
        "category": "terminology",
        "severity": "warning",
        "message": "'Sperm cells' where stem cells are meant.",
        "text": "Sperm cells",
        "suggestions": ["Stem cells"],
        "fix": "Stem cells",
        "fix_refused": None,
        "related": [],
    }


def test_stdin_takes_its_format_from_stdin_filename(run_cli: RunCli, core_config: Path) -> None:
    markdown = "`miracle cure` in code, and a miracle cure in prose.\n"
    result = run_cli(
        "check", "--config", str(core_config), "--format", "json", "--stdin-filename", "draft.md", "-", input=markdown
    )
    [finding] = json.loads(result.output)["findings"]
    assert (finding["path"], finding["column"]) == ("draft.md", 31)
    # With no paths, --stdin-filename alone reads stdin; with paths but not '-', it would be ignored: an error.
    alone = run_cli(
        "check", "--config", str(core_config), "--format", "json", "--stdin-filename", "draft.md", input=markdown
    )
    assert [f["path"] for f in json.loads(alone.output)["findings"]] == ["draft.md"]
    misplaced = run_cli("check", "--config", str(core_config), "--stdin-filename", "draft.md", "page.md")
    assert misplaced.exit_code == 2
    assert misplaced.output == (
        "medlint: error: --stdin-filename names the text read from stdin: add '-' to the paths to read it\n"
    )


def test_folders_are_searched_for_known_formats_honouring_excludes_and_gitignore(
    run_cli: RunCli, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\nexclude: ['drafts/old/**']\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    write(site / ".gitignore", "public/\n")
    for name in (
        "a.md",
        "b.html",
        "c.txt",
        "d.mdx",
        "drafts/new.md",
        "drafts/old/x.md",
        "public/built.html",
        "node_modules/pkg/readme.md",
        "_site/a.html",
        ".next/server/pages/a.html",
        ".docusaurus/a.md",
        "notes.rst",
        "img.png",
    ):
        write(site / name, "A miracle cure.\n")
    result = run_cli("check", "--format", "json", str(site))
    paths = sorted(Path(f["path"]).relative_to(site).as_posix() for f in json.loads(result.output)["findings"])
    assert paths == ["a.md", "b.html", "c.txt", "d.mdx", "drafts/new.md"]


def test_a_subfolder_gitignore_brings_back_what_a_parent_gitignore_leaves_out(run_cli: RunCli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    (site / ".git").mkdir()
    write(site / ".gitignore", "*.md\n!/index.md\n")
    write(site / "blog" / ".gitignore", "!post.md\n")
    for name in ("index.md", "notes.md", "blog/post.md", "blog/draft.md"):
        write(site / name, "A miracle cure.\n")
    result = run_cli("check", "--format", "json", str(site))
    paths = sorted(Path(f["path"]).relative_to(site).as_posix() for f in json.loads(result.output)["findings"])
    assert paths == ["blog/post.md", "index.md"]


def test_a_named_file_the_config_excludes_is_not_checked_and_the_summary_says_so(
    run_cli: RunCli, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\nexclude: ['old/**']\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    old, new = write(site / "old" / "x.md", "A miracle cure.\n"), write(site / "new.md", "Fine words.\n")
    alone = run_cli("check", "--no-color", str(old))
    assert alone.exit_code == 0
    # The summary names the config, which was found by walking up and may not be where the writer looks.
    config = site / ".medlint.yaml"
    excluded_by = f"excluded by the include/exclude of {config}."
    assert alone.output.splitlines()[-1] == f"No file was checked. 1 file named is {excluded_by}"
    both = run_cli("check", "--no-color", str(old), str(new))
    assert both.output.splitlines()[-1] == f"No problems found in 1 file. 1 file named is {excluded_by}"
    # The JSON summary counts them too, so CI can tell "all excluded" from "nothing named".
    report = json.loads(run_cli("check", "--format", "json", str(old), str(new)).output)
    assert (report["summary"]["files"], report["summary"]["excluded"]) == (1, 1)


def test_a_named_folder_the_config_excludes_whole_is_not_reported_as_free_of_problems(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # "No problems found in 0 files" read as a pass, though nothing was read.
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\nexclude: ['old/**']\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    write(site / "old" / "x.md", "A miracle cure.\n")
    result = run_cli("check", "--no-color", str(site / "old"))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        f"No file was checked. The page in {site / 'old'} is left out by the include/exclude of "
        f"{site / '.medlint.yaml'}."
    )


def test_a_named_file_outside_the_configs_include_is_not_checked(run_cli: RunCli, tmp_path: Path) -> None:
    # pre-commit names every changed file: a site that checks only content/ does not want its README checked.
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\ninclude: ['content/**']\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    readme, page = write(site / "README.md", "A miracle cure.\n"), write(site / "content" / "a.md", "A miracle cure.\n")
    result = run_cli("check", "--no-color", "--format", "json", str(readme), str(page))
    report = json.loads(result.output)
    assert [Path(f["path"]).name for f in report["findings"]] == ["a.md"]
    outside = write(tmp_path / "elsewhere.md", "A miracle cure.\n")  # not under the config's folder: checked
    assert run_cli("check", "--config", str(site / ".medlint.yaml"), str(outside)).exit_code == 1


def test_text_named_with_stdin_filename_is_left_out_as_the_named_file_would_be(run_cli: RunCli, tmp_path: Path) -> None:
    # An editor or hook pipes the buffer under its file's name: ``cat x | medlint check - --stdin-filename x``
    # is ``medlint check x``, with the config found from x and its include/exclude applied (as ESLint and ruff do).
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\ninclude: ['content/**']\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    draft = "A miracle cure.\n"
    named = run_cli("check", "--no-color", "--stdin-filename", str(site / "README.md"), "-", input=draft)
    assert named.exit_code == 0
    config = site / ".medlint.yaml"
    assert named.output.splitlines()[-1] == (
        f"No file was checked. 1 file named is excluded by the include/exclude of {config}."
    )
    page = run_cli("check", "--no-color", "--stdin-filename", str(site / "content" / "a.md"), input=draft)
    assert page.exit_code == 1 and "[miracle-cure]" in page.output
    # ``fix`` hands an excluded file's text back unchanged, so an editor that replaces its buffer keeps it.
    fixed = run_cli("fix", "--no-color", "--stdin-filename", str(site / "README.md"), "-", input=draft)
    assert fixed.exit_code == 0
    assert fixed.stdout == draft


def test_a_folder_named_whose_pages_are_all_left_out_says_why_nothing_was_checked(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A writer checks the drafts folder the site's .gitignore keeps out of git, or an excluded archive.
    write(tmp_path / ".medlint.yaml", "exclude: ['archive/**']\n")
    write(tmp_path / ".gitignore", "drafts/\n")
    write(tmp_path / "drafts" / "wip.md", "A miracle cure.\n")
    write(tmp_path / "drafts" / "notes.md", "Sperm cells.\n")
    write(tmp_path / "drafts" / "photo.jpg", "not a page\n")
    write(tmp_path / "archive" / "1998.html", "<p>A miracle cure.</p>\n")
    monkeypatch.chdir(tmp_path)

    drafts = run_cli("check", "--no-color", "drafts")
    archive = run_cli("check", "--no-color", "archive")

    assert (drafts.exit_code, drafts.output.splitlines()[-1]) == (
        0,
        "No file was checked. The 2 pages in drafts are left out by .gitignore "
        "(`respect_gitignore: false` in the config, or naming a file, checks it).",
    )
    assert (archive.exit_code, archive.output.splitlines()[-1]) == (
        0,
        "No file was checked. The page in archive is left out by the include/exclude of .medlint.yaml.",
    )
    assert run_cli("check", "--no-color", "drafts/wip.md").exit_code == 1
    report = json.loads(run_cli("check", "--format", "json", "drafts", "archive").output)["summary"]
    assert (report["files"], report["excluded"], report["left_out"]) == (0, 0, 3)
    write(tmp_path / "about.md", "Our clinic opened in 2012.\n")  # a page checked: nothing to explain
    checked = run_cli("check", "--no-color", "drafts", "about.md")
    assert checked.output.splitlines()[-1] == "No problems found in 1 file."


@pytest.mark.parametrize("tool", ["tool = 1\n", 'tool = "medlint"\n'])
def test_a_pyproject_whose_tool_is_not_a_table_is_no_config(run_cli: RunCli, tmp_path: Path, tool: str) -> None:
    write(tmp_path / "pyproject.toml", tool)
    page = write(tmp_path / "page.md", "Our injection is non-invasive.\n")
    result = run_cli("check", "--format", "json", str(page))
    report = json.loads(result.output)
    # Checked as with no config at all: the built-in rules, no error, the finding failing the run.
    assert (result.exit_code, report["errors"]) == (1, [])
    assert [f["rule"] for f in report["findings"]] == ["non-invasive-injection"]


def test_config_is_found_walking_up_and_in_pyproject(run_cli: RunCli, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "rules.yaml").parent.mkdir(parents=True)
    (project / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    write(
        project / "pyproject.toml", '[tool.medlint]\nbuiltin-rules = false\nrules = ["rules.yaml"]\nfail-on = "error"\n'
    )
    page = write(project / "content" / "deep" / "page.md", "Sperm cells.\n")
    result = run_cli("check", "--format", "json", str(page))
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["sperm-cells"]
    assert result.exit_code == 0  # fail-on error from pyproject; the finding is a warning


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("selct: [claims]\n", "unknown key 'selct'; did you mean 'select'? (known keys: accept, "),
        ("failon: error\n", "unknown key 'failon'; did you mean 'fail_on'?"),
        ("fail_on: fatal\n", "'fail_on': unknown severity 'fatal'"),
        ("select: [claims\n", "bad YAML: line 2"),
        ("extensions: {'.mdoc': docx}\n", "unknown format 'docx'"),
        # Values and keys of types YAML allows but a config does not use.
        ("extensions: {'.x': [a]}\n", "unknown format ['a']"),
        ("1: x\nselct: y\n", "unknown key 1"),
        ("? [a]\n: b\n", "bad YAML: line 1, column 3: found unhashable key"),
        ("select: [claims]\nselect: [evidence]\n", "bad YAML: line 2, column 1: key 'select' appears twice"),
        # Aliases of aliases: 400 bytes that mean 387 million values, once written out (as a cache would).
        (
            "ignore: [&l0 [x, x, x, x, x, x, x, x, x], "
            + ", ".join(f"&l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9))
            + "]\n",
            "bad YAML: its aliases expand to more than 1,000,000 values",
        ),
        ("ignore: &a [*a]\n", "bad YAML: its aliases expand to more than 1,000,000 values"),
        # Fifty thousand "[" crash PyYAML's C parser, and Python with it, before it can say what is wrong.
        ("ignore: " + "[" * 50_000 + "\n", "bad YAML: nested more than 100 levels deep"),
    ],
)
def test_a_bad_config_is_one_line_and_exit_2(run_cli: RunCli, tmp_path: Path, config: str, expected: str) -> None:
    config_file = write(tmp_path / ".medlint.yaml", config)
    page = write(tmp_path / "page.md", "Text.\n")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert str(config_file) in result.output and expected in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("rule_yaml", "expected"),
    [
        ("rules:\n  - id: x\n    category: efficacy\n    message: m\n    phrases: [a\n", "bad YAML: line"),
        (
            "rules:\n  - id: odd\n    category: efficacy\n    message: m\n    phrases: [a]\n    colour: red\n",
            "rule 'odd': unknown field 'colour'",
        ),
        (
            # A near miss is named, not buried in the list of every field.
            "rules:\n  - id: near\n    category: efficacy\n    message: m\n    phrase: [a]\n",
            "rule 'near': unknown field 'phrase' (did you mean 'phrases'?)",
        ),
        (
            # YAML would keep the second list and lose the first unseen.
            "rules:\n  - id: twice\n    category: efficacy\n    message: m\n    phrases: [a]\n    phrases: [b]\n",
            "bad YAML: line 6, column 5: key 'phrases' appears twice in one mapping",
        ),
        (
            "rules:\n  - id: rx\n    category: efficacy\n    message: m\n    patterns: [ok, '(unclosed']\n",
            "rule 'rx': bad regex in 'patterns': '(unclosed': missing ) at position 9",  # in the pattern as written
        ),
        (
            "rules:\n  - id: rc\n    category: efficacy\n    message: m\n    phrases: [ok]\n    unless: ['b[c']\n",
            "rule 'rc': bad regex in 'unless': 'b[c': unterminated character set at position 3",
        ),
        (
            "rules:\n  - id: nm\n    category: efficacy\n    message: m\n    patterns: ['{@nowhere}']\n",
            "rule 'nm': unknown named pattern {@nowhere}",
        ),
        (
            "rules:\n  - id: kd\n    kind: magic\n    category: efficacy\n    message: m\n",
            "rule 'kd': unknown kind 'magic'",
        ),
        (
            "rules:\n  - id: sv\n    category: efficacy\n    severity: fatal\n    message: m\n    phrases: [a]\n",
            "rule 'sv': unknown severity 'fatal'",
        ),
        (
            "rules:\n  - id: at\n    category: efficacy\n    message: '{match.foo}'\n    phrases: [a]\n",
            "rule 'at': message has an unknown placeholder",
        ),
        (
            # A width would be spaces on every finding; this one would take all memory building them.
            "rules:\n  - id: wd\n    category: efficacy\n    message: '{match!r:>99999999999}'\n    phrases: [a]\n",
            "rule 'wd': message has {match!r:>99999999999}: a placeholder is its name alone, as {match}",
        ),
        (
            "rules:\n  - id: br\n    category: efficacy\n    message: '100% {sure'\n    phrases: [a]\n",
            "rule 'br': message has a lone '{' or '}' (expected '}' before end of string);"
            " write '{{' or '}}' for a brace",
        ),
        (
            # Only substitution rules fill {replacement}: it would be printed as written.
            "rules:\n  - id: rp\n    category: efficacy\n    message: '{match} -> {replacement}'\n    phrases: [a]\n",
            "rule 'rp': message has the placeholder {replacement}, which existence rules do not fill"
            " (they fill {match})",
        ),
        (
            # Suggestions and replacements reach the page as written, and --fix would write "{match}" into it.
            "rules:\n  - id: sg\n    category: efficacy\n    message: m\n    phrases: [a]\n"
            "    suggestions: ['nearly {match}']\n",
            "rule 'sg': 'suggestions' is used as written: {match} in 'nearly {match}' is filled only in 'message'",
        ),
        (
            "rules:\n  - id: sw\n    kind: substitution\n    category: efficacy\n    message: m\n"
            "    swap: {pain free: '{match} mostly'}\n",
            "rule 'sw': 'swap' is used as written: {match} in '{match} mostly' is filled only in 'message'",
        ),
        (
            "rules:\n  - id: ot\n    kind: fact\n    category: consistency\n    fact: fee\n"
            "    message: '{match} vs {other}'\n    values: {a: [a], b: [b]}\n",
            "rule 'ot': message has the placeholder {other}, which fact rules do not fill (they fill {match}, {value})",
        ),
        (
            "rules:\n  - id: up\n    category: efficacy\n    message: m\n    phrases: [a]\n"
            "    unless: [{phrases: 5}]\n",
            "rule 'up': 'unless': phrases must be a list of strings",
        ),
        (
            "rules:\n  - id: ui\n    category: efficacy\n    message: m\n    phrases: [a]\n"
            "    unless: [{phrases: [1]}]\n",
            "rule 'ui': 'unless': phrases must be a list of strings",
        ),
        (
            # It would replace the built-in {@citation} in every evidence rule.
            "patterns:\n  citation: '\\[\\d+\\]'\nrules: []\n",
            "named pattern 'citation' is already defined in",
        ),
        (
            # Each would report an empty span at every word edge of every page.
            "rules:\n  - id: ep\n    category: efficacy\n    message: m\n    phrases: [a, '']\n",
            "rule 'ep': 'phrases' has an empty phrase",
        ),
        (
            "rules:\n  - id: er\n    category: efficacy\n    message: m\n    patterns: [ok, '(?:pain)?']\n",
            "rule 'er': pattern '(?:pain)?' matches empty text; a match must hold at least one character",
        ),
        (
            # The string "no" would have read as true.
            "rules:\n  - id: ur\n    category: efficacy\n    message: m\n    phrases: [a]\n"
            "    unless: [{pattern: b, raw: 'no'}]\n",
            "rule 'ur': 'unless': raw must be true or false",
        ),
        ("1: a\nb: c\nrules: []\n", "unknown field 1"),
        ("rules:\n  - id: nk\n    category: efficacy\n    message: m\n    phrases: [a]\n    1: x\n", "unknown field 1"),
        (
            "rules:\n  - id: ek\n    category: efficacy\n    message: m\n    phrases: [a]\n"
            "    examples: {1: x, bad: [a]}\n",
            "unknown field 1 in 'examples'",
        ),
    ],
)
def test_a_broken_rule_file_names_file_rule_and_problem(
    run_cli: RunCli, tmp_path: Path, rule_yaml: str, expected: str
) -> None:
    write(tmp_path / "site-rules.yaml", rule_yaml)
    write(tmp_path / ".medlint.yaml", "rules: [site-rules.yaml]\n")
    page = write(tmp_path / "page.md", "Text.\n")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("medlint: error: ") and str(tmp_path / "site-rules.yaml") in line
    assert expected in line


def test_a_rule_file_named_twice_is_read_once_and_an_empty_rule_folder_is_an_error(
    run_cli: RunCli, tmp_path: Path
) -> None:
    write(tmp_path / "house" / "agency.yaml", CORE_RULES)
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    # The file and the folder that holds it: not a clash of the file's rule ids with themselves.
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [house/agency.yaml, house/]\n")
    result = run_cli("check", "--format", "json", str(page))
    assert result.exit_code == 1, result.output
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["miracle-cure"]

    # Rules kept in a subfolder would silently not be read.
    (tmp_path / "nested" / "clinic").mkdir(parents=True)
    write(tmp_path / "nested" / "clinic" / "agency.yaml", CORE_RULES)
    write(tmp_path / ".medlint.yaml", "rules: [nested/]\n")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    assert result.output == (
        f"medlint: error: {tmp_path / 'nested'}: rule folder holds no .yaml or .yml file "
        "(subfolders and hidden files are not read)\n"
    )

    # The site's root as a rule folder: its config and pre-commit config are not rule files.
    write(tmp_path / ".pre-commit-config.yaml", "repos: []\n")
    write(tmp_path / ".medlint.yaml", "rules: [.]\n")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    assert result.output == (
        f"medlint: error: {tmp_path}: rule folder holds no .yaml or .yml file "
        "(subfolders and hidden files are not read)\n"
    )
    write(tmp_path / "clinic-rules.yaml", CORE_RULES)
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [.]\n")
    result = run_cli("check", "--format", "json", str(page))
    assert result.exit_code == 1, result.output
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["miracle-cure"]


def test_a_missing_rules_entry_names_the_config_that_lists_it(run_cli: RunCli, tmp_path: Path) -> None:
    page = write(tmp_path / "content" / "page.md", "A miracle cure.\n")
    config = write(tmp_path / ".medlint.yaml", "rules: [medlint-rules/]\n")
    result = run_cli("check", str(page))
    assert result.exit_code == 2
    assert result.output == (
        f"medlint: error: {config}: rules: {tmp_path.resolve() / 'medlint-rules'} not found "
        "(paths are relative to the config file's folder)\n"
    )


def test_a_missing_path_is_reported_and_the_rest_still_checked(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    result = run_cli("check", "--config", str(core_config), "--no-color", str(page), str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert "miracle-cure" in result.output
    assert f"{tmp_path / 'nope.md'}: no such file or directory" in result.output


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["check", "--format", "xml"], "Invalid value for '--format': 'xml' is not one of 'text'"),
        (["check", "--fail-on", "critical"], "Invalid value for '--fail-on'"),
        (["check", "--site", "{tmp}/nowhere"], "Directory '{tmp}/nowhere' does not exist"),
        (["check", "--config", "{tmp}"], "File '{tmp}' is a directory"),
        (["check", "--nope"], "No such option '--nope'"),
        (["explain"], "name the rule to explain, as a finding shows it in brackets; `medlint rules` lists them"),
        (["check", "--diff-base"], "Option '--diff-base' requires an argument. See 'medlint check --help'."),
        (["server", "start", "--idle-minutes"], "requires an argument. See 'medlint server start --help'."),
        (["check", "--fix", "--staged"], "--fix cannot be combined with --staged: it fixes whole files"),
        (
            ["check", "--diff", "--baseline", "b.json"],
            "--diff cannot be combined with --baseline: it fixes whole files",
        ),
        (
            ["test-rules", "--rule", "sperm-cell"],
            "--rule: no rule 'sperm-cell' among those tested; did you mean 'sperm-cells'?",
        ),
        (["chek"], "No such command 'chek'. Did you mean 'check'?"),
        (["server", "start", "--idle-minutes", "inf"], "'--idle-minutes': inf is not in the range 0<x<=10080."),
        (["server", "start", "--idle-minutes", "nan"], "--idle-minutes: nan is not a number of minutes."),
        (["check", "--diff", "--format", "json"], "--diff prints a patch, not a report: --format json does not apply"),
        (["fix", "--diff", "--format", "sarif"], "--diff prints a patch, not a report: --format sarif does not apply"),
        (
            ["fix", "-i", "--format", "json"],
            "--interactive asks at the terminal, with no report: --format json does not apply",
        ),
    ],
)
def test_a_usage_error_is_one_line_naming_the_problem(
    run_cli: RunCli, tmp_path: Path, arguments: list[str], expected: str
) -> None:
    result = run_cli(*(a.replace("{tmp}", str(tmp_path)) for a in arguments))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("medlint: error: ") and expected.replace("{tmp}", str(tmp_path)) in line


def test_a_misspelt_rule_lists_what_was_meant_in_one_sentence(run_cli: RunCli, tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "Text.\n")

    result = run_cli("check", "--select", "non-invasiv", str(page))

    assert result.exit_code == 2
    assert result.output == (
        "medlint: error: --select: no rule, pack or category is called 'non-invasiv'; did you mean "
        "'non-invasive-injectable', 'non-invasive-injection' or 'non-invasive-vs-minimally-invasive'?\n"
    )


@pytest.mark.parametrize(
    ("config", "options", "where"),
    [
        ("", ("check", "--select", ""), "--select"),  # `--select "$RULES"` with the variable unset
        ("", ("check", "--select", " , "), "--select"),
        ("", ("fix", "--select", "claims,"), "--select"),
        ("", ("baseline", "--ignore", ""), "--ignore"),
        ("select: ['']\n", ("check",), "{tmp}/.medlint.yaml: select"),
    ],
)
def test_an_empty_rule_name_is_an_error_not_every_rule(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, options: tuple[str, ...], where: str
) -> None:
    monkeypatch.chdir(tmp_path)  # `baseline` writes medlint-baseline.json here, should the option be taken
    write(tmp_path / ".medlint.yaml", config)
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    result = run_cli(*options, str(page))
    assert (result.exit_code, result.output) == (
        2,
        f"medlint: error: {where.replace('{tmp}', str(tmp_path))}: '' is an empty name; "
        "name rule ids, packs or categories (`medlint rules` lists them)\n",
    )


def test_an_empty_select_list_in_the_config_is_an_error_not_every_rule(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / ".medlint.yaml", "select: []\n")
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    result = run_cli("check", str(page))
    assert (result.exit_code, result.output) == (
        2,
        f"medlint: error: {tmp_path / '.medlint.yaml'}: 'select' is an empty list, which selects no rule; "
        "leave it out to run every rule\n",
    )


def test_medlint_alone_shows_its_help_and_every_command_has_a_whole_summary(run_cli: RunCli) -> None:
    alone = run_cli()
    listed = run_cli("--help")

    assert alone.exit_code == 2 and alone.output.startswith("Usage: medlint [OPTIONS] COMMAND")
    assert "error" not in alone.output
    commands = listed.output.partition("Commands:\n")[2].splitlines()
    assert len(commands) == 7 and not any(line.endswith("...") for line in commands), commands


def test_a_run_that_could_read_nothing_does_not_say_no_problems_were_found(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    result = run_cli("check", "--config", str(core_config), "--no-color", str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert "No file was checked. 1 file could not be read." in result.output
    assert "No problems found" not in result.output


def test_rules_lists_and_explain_explains(run_cli: RunCli, core_config: Path) -> None:
    listing = run_cli("rules", "--config", str(core_config))
    assert listing.exit_code == 0
    assert listing.output.splitlines()[1].split()[:4] == ["miracle-cure", "core-test", "efficacy", "error"]
    explained = run_cli("explain", "sperm-cells", "--config", str(core_config))
    assert "## sperm-cells" in explained.output and "Sperm cells repair discs." in explained.output
    assert "**Fix:**\n\n- 'sperm cells' → 'stem cells'" in explained.output
    unknown = run_cli("explain", "sperm", "--config", str(core_config))
    assert unknown.exit_code == 2 and "did you mean 'sperm-cells'?" in unknown.output
    misspelt = run_cli("explain", "sperm-cels", "--config", str(core_config))
    assert misspelt.output == "medlint: error: no rule 'sperm-cels'; did you mean 'sperm-cells'?\n"
    for kind, name in (("pack", "core-test"), ("category", "efficacy")):
        group = run_cli("explain", name, "--config", str(core_config))
        assert (group.exit_code, group.output) == (
            2,
            f"medlint: error: '{name}' is a {kind}, not a rule: `medlint rules --select {name}` lists its rules\n",
        )


def test_explain_explains_a_rule_the_config_ignores_and_says_it_is_not_in_force(
    run_cli: RunCli, core_config: Path
) -> None:
    # A writer looks up a finding from CI or a baseline entry, in a folder whose config leaves it out.
    core_config.write_text(core_config.read_text(encoding="utf-8") + "ignore: [sperm-cells]\n", encoding="utf-8")

    explained = run_cli("explain", "sperm-cells", "--config", str(core_config))

    assert explained.exit_code == 0
    assert explained.stdout.startswith("## sperm-cells\n") and "Sperm cells repair discs." in explained.stdout
    assert explained.stderr == (
        f"medlint: note: 'sperm-cells' is not in force here: the select or ignore of {core_config} leave it out\n"
    )
    assert run_cli("explain", "miracle-cure", "--config", str(core_config)).stderr == ""


def test_rules_listing_has_a_header_columns_sized_to_fit_and_no_trailing_spaces(
    run_cli: RunCli, tmp_path: Path
) -> None:
    rules = write(
        tmp_path / "rules.yaml",
        "pack: a-rather-long-pack-name\nrules:\n"
        "  - {id: our-claim, category: a-category-of-our-own, message: m, phrases: [wonder shot]}\n",
    )
    config = write(tmp_path / ".medlint.yaml", f"builtin_rules: false\nrules: [{rules}]\n")
    lines = run_cli("rules", "--config", str(config), "--select", "our-claim").output.splitlines()
    assert lines[0].split() == ["rule", "pack", "category", "severity", "fix"]
    assert lines[1].split() == ["our-claim", "a-rather-long-pack-name", "a-category-of-our-own", "warning"]
    assert lines[0].index("category") == lines[1].index("a-category-of-our-own")
    assert all(line == line.rstrip() for line in lines)
    assert lines[-1] == "1 rule. `medlint explain RULE` for details."


def test_builtin_rules_explain_with_rationale_and_references(run_cli: RunCli) -> None:
    listing = json.loads(run_cli("rules", "--format", "json").output)
    assert len(listing) >= 1
    first = listing[0]["id"]
    explained = run_cli("explain", first).output
    assert f"## {first}" in explained and "**Message:**" in explained


def _subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


def test_colour_only_when_forced_and_never_with_no_color(core_config: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    command = [sys.executable, "-m", "medlint", "check", "--config", str(core_config), str(page)]
    piped = subprocess.run(command, capture_output=True, text=True, env=_subprocess_env())
    forced = subprocess.run(command, capture_output=True, text=True, env=_subprocess_env(FORCE_COLOR="1"))
    refused = subprocess.run(
        command, capture_output=True, text=True, env=_subprocess_env(FORCE_COLOR="1", NO_COLOR="1")
    )
    unset = subprocess.run(command, capture_output=True, text=True, env=_subprocess_env(FORCE_COLOR="1", NO_COLOR=""))
    assert "\x1b[" not in piped.stdout
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in refused.stdout
    assert "\x1b[" in unset.stdout  # NO_COLOR set empty is no request (no-color.org)
    assert piped.returncode == forced.returncode == 1


def test_the_bundled_drafts_produce_findings_in_every_format() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--format", "json", str(FIXTURES / "drafts")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=_subprocess_env(),
    )
    assert result.returncode == 1, result.stderr
    formats = {Path(f["path"]).suffix for f in json.loads(result.stdout)["findings"]}
    assert formats == {".md", ".html", ".txt"}


@pytest.mark.parametrize(
    ("config", "options", "expected"),
    [
        ("select: [claim]\n", (), ".medlint.yaml: select: no rule, pack or category is called 'claim'"),
        (
            "ignore: [cure-claims]\n",
            (),
            ".medlint.yaml: ignore: no rule, pack or category is called 'cure-claims'; did you mean 'cure-claim'",
        ),
        ("severity: {nope: info}\n", (), ".medlint.yaml: severity: no rule, pack or category is called 'nope'"),
        ("not_suppressible: [nope]\n", (), "not_suppressible: no rule, pack or category is called 'nope'"),
        ("", ("--select", "nonexistent"), "error: --select: no rule, pack or category is called 'nonexistent'"),
        ("", ("--ignore", "bogus-rule"), "error: --ignore: no rule, pack or category is called 'bogus-rule'"),
    ],
)
def test_a_misspelt_rule_name_is_an_error_not_a_green_run(
    run_cli: RunCli, tmp_path: Path, config: str, options: tuple[str, ...], expected: str
) -> None:
    write(tmp_path / ".medlint.yaml", config)
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    result = run_cli("check", *options, str(page))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert expected in line


def test_a_select_the_configs_ignore_empties_blames_the_config_not_the_option(run_cli: RunCli, tmp_path: Path) -> None:
    # A writer checks one rule by name in a site whose config ignores it.
    config = write(tmp_path / ".medlint.yaml", "ignore: [gold-standard]\n")
    page = write(tmp_path / "page.md", "It is the gold standard.\n")

    result = run_cli("check", "--select", "gold-standard", str(page))

    assert (result.exit_code, result.output) == (
        2,
        f"medlint: error: --select gold-standard: the ignore of {config} leaves out every rule it names, so there "
        "is no rule to check with (the config's ignore applies to --select too)\n",
    )


@pytest.mark.parametrize(
    ("config", "options", "expected"),
    [
        ("", ("check", "--ignore", "ALL"), "--ignore leaves no rule to check with; see `medlint rules`"),
        ("", ("fix", "--select", "claims", "--ignore", "claims"), "--select and --ignore leave no rule to check"),
        ("ignore: [ALL]\n", ("baseline",), "the config's select and ignore leave no rule to check with"),
    ],
)
def test_a_selection_that_leaves_no_rule_is_an_error_not_a_green_run(
    run_cli: RunCli, tmp_path: Path, config: str, options: tuple[str, ...], expected: str
) -> None:
    write(tmp_path / ".medlint.yaml", config)
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    result = run_cli(*options, str(page))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("medlint: error: ") and expected in line
    assert run_cli("rules", *options[1:]).exit_code == 0  # listing no rules is an answer, not a mistake


def test_a_big_folder_is_walked_resolving_each_folder_not_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\nexclude: ['vendor/**/*.md']\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    for index in range(100):
        write(site / "vendor" / "docs" / f"page{index}.md", "A miracle cure.\n")
        write(site / "vendor" / "notes" / f"note{index}.txt", "Opening hours: nine to five.\n")
    write(site / "index.md", "A miracle cure.\n")
    real_realpath = os.path.realpath
    calls: list[str | os.PathLike[str]] = []

    def counting(path: str | os.PathLike[str], *, strict: bool = False) -> str:
        calls.append(path)
        return real_realpath(path, strict=strict)

    monkeypatch.setattr(os.path, "realpath", counting)
    result = medlint.lint_paths([site], config=load_config(site / ".medlint.yaml"))
    assert sorted(Path(f.path).name for f in result.findings) == ["index.md"]
    assert result.files_checked == 101  # the notes are checked; the vendored pages are excluded
    # One per folder and a few for the run, where each of the 200 files was resolved, some twice.
    assert len(calls) < 50


def test_a_linked_page_is_excluded_and_ignored_as_before(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\nexclude: ['archive/**']\n")
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    write(site / ".gitignore", "drafts/\n")
    write(site / "archive" / "old.md", "A miracle cure.\n")
    write(site / "drafts" / "new.md", "A miracle cure.\n")
    (site / "pages").mkdir()
    (site / "pages" / "old.md").symlink_to(site / "archive" / "old.md")  # excluded by where it leads
    (site / "pages" / "new.md").symlink_to(site / "drafts" / "new.md")  # .gitignore reads the link's own place
    # A linked folder's pages are where the link leads: in drafts/, which .gitignore leaves out.
    (site / "pages" / "linked-drafts").symlink_to(site / "drafts", target_is_directory=True)
    result = medlint.lint_paths([site], config=load_config(site / ".medlint.yaml"))
    shown = sorted(Path(f.path).relative_to(site).as_posix() for f in result.findings)
    assert shown == ["pages/new.md"]


def test_a_walked_file_has_the_format_its_name_gives_when_named(tmp_path: Path) -> None:
    from medlint.formats import format_for, format_of_name

    names = [".md", "a.", "a..md", "notes.MD", "b.tar.md", ".hidden.html", "page.htm", "x.mdoc", "README", ".."]
    extra = {".mdoc": "markdown"}
    assert [format_of_name(n, extra) for n in names] == [format_for(n, extra) for n in names]
    assert [format_of_name(n) for n in names] == [None, None, "markdown", "markdown", "markdown", "html", "html"] + [
        None
    ] * 3


def test_folders_no_include_pattern_can_reach_are_not_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    (site / "rules.yaml").parent.mkdir()
    (site / "rules.yaml").write_text(CORE_RULES, encoding="utf-8")
    for name in ("content/blog/a.md", "content/b.md", "vendor/pkg/docs/c.md", "vendor/pkg/d.txt", "e.md"):
        write(site / name, "A miracle cure.\n")
    real_scandir = os.scandir
    listed: list[str] = []

    def listing(path: str | os.PathLike[str] = ".") -> _ScandirIterator[str]:
        if Path(path).is_relative_to(site):  # not medlint's own folder, read for its code's fingerprint
            listed.append(Path(path).relative_to(site).as_posix())
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", listing)

    def found(include: str) -> list[str]:
        write(site / ".medlint.yaml", f"builtin_rules: false\nrules: [rules.yaml]\ninclude: {include}\n")
        listed.clear()
        result = medlint.lint_paths([site], config=load_config(site / ".medlint.yaml"))
        return sorted(Path(f.path).relative_to(site).as_posix() for f in result.findings)

    assert found("['content/**/*.md']") == ["content/b.md", "content/blog/a.md"]
    assert sorted(listed) == [".", "content", "content/blog"]  # vendor/ is never listed
    # A pattern with no slash matches at any depth, as in .gitignore: every folder is walked.
    assert found("['content/**/*.md', '*.txt']") == ["content/b.md", "content/blog/a.md", "vendor/pkg/d.txt"]
    assert "vendor/pkg/docs" in listed


def test_of_two_config_files_in_one_folder_the_documented_first_is_read(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = write(tmp_path / "page.md", "No side effects, and a miracle injection that cures arthritis.\n")
    write(tmp_path / ".medlint.yaml", "ignore: [no-side-effects]\n")
    write(tmp_path / ".medlint.yml", "ignore: [miracle-breakthrough]\n")
    write(tmp_path / "pyproject.toml", '[tool.medlint]\nignore = ["cure-claim"]\n')
    monkeypatch.chdir(tmp_path)
    rules = {f["rule"] for f in json.loads(run_cli("check", "--format", "json", str(page)).stdout)["findings"]}
    assert "no-side-effects" not in rules and {"miracle-breakthrough", "cure-claim"} <= rules
    (tmp_path / ".medlint.yaml").unlink()
    rules = {f["rule"] for f in json.loads(run_cli("check", "--format", "json", str(page)).stdout)["findings"]}
    assert "miracle-breakthrough" not in rules and {"no-side-effects", "cure-claim"} <= rules


def test_ctrl_c_in_a_piped_run_is_one_line_on_stderr_with_no_blank_line_before_it(
    core_config: Path, tmp_path: Path
) -> None:
    import fcntl
    import signal
    import termios
    import time

    for index in range(300):
        write(tmp_path / "pages" / f"page{index:03}.md", "A miracle cure made of sperm cells.\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", "--config", str(core_config), str(tmp_path / "pages")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**_subprocess_env(), "MEDLINT_CACHE_DIR": str(tmp_path / "cache")},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # Ctrl-C as at a terminal
    )
    assert process.stdout is not None
    try:
        # The report fills the pipe no one reads: medlint waits in a write, as at a paused pager.
        deadline = time.monotonic() + 60
        waiting = bytearray(4)
        while int.from_bytes(waiting, sys.byteorder) < 65536:  # a full pipe (Linux holds 64 KiB)
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.01)
            fcntl.ioctl(process.stdout.fileno(), termios.FIONREAD, waiting)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    assert (process.returncode, err) == (130, b"medlint: interrupted\n")


# The command as its installed script runs it, with a Ctrl-C (a real SIGINT to the process) that
# arrives while medlint's own modules are being imported, before `main` has started.
_CTRL_C_WHILE_IMPORTING = """\
import os, signal, sys

module, page = sys.argv[1:]

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == module:
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlC())
from medlint.entry import main
sys.argv = ["medlint", "check", "--no-cache", page]
sys.exit(main())
"""


@pytest.mark.parametrize("module", ["medlint.cache_location", "medlint.server_client", "medlint.cli"])
def test_ctrl_c_while_the_command_starts_is_one_line_and_130(tmp_path: Path, module: str) -> None:
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_IMPORTING, module, str(page)],
        capture_output=True,
        env=_subprocess_env(MEDLINT_CACHE_DIR=str(tmp_path / "cache")),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # Ctrl-C as at a terminal
        timeout=60,
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, b"medlint: interrupted\n", b"")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a terminal")
def test_text_typed_at_a_terminal_is_asked_for_and_piped_text_is_not(core_config: Path) -> None:
    command = [sys.executable, "-m", "medlint", "check", "--config", str(core_config), "-"]
    controller, terminal = os.openpty()
    try:
        process = subprocess.Popen(command, stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.write(controller, b"A miracle cure.\n\x04")  # a line, then Ctrl-D
        typed_out, typed_err = process.communicate(timeout=60)
    finally:
        os.close(terminal)
        os.close(controller)
    piped = subprocess.run(command, input=b"A miracle cure.\n", capture_output=True, timeout=60, check=False)

    assert typed_err == b"medlint: reading the text to check from the terminal; end it with Ctrl-D\n"
    assert process.returncode == piped.returncode == 1
    assert typed_out == piped.stdout and b"<stdin>:1:3:" in piped.stdout
    assert piped.stderr == b""


def test_two_config_files_in_one_folder_are_named_in_a_warning_saying_which_is_read(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".medlint.yaml", "ignore: [no-side-effects]\n")
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.medlint]\nignore = ["claims"]\n')
    write(tmp_path / "page.md", "Our injection has no side effects.\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "page.md")
    assert result.exit_code == 0  # .medlint.yaml is read, as documented
    assert result.stderr == (
        f"medlint: warning: {tmp_path}: using .medlint.yaml, not pyproject.toml [tool.medlint] beside it; "
        "keep one config file per folder\n"
    )
    # A pyproject.toml with no [tool.medlint], or a config named with --config, is no second config.
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n')
    assert run_cli("check", "page.md").stderr == ""
    write(tmp_path / ".medlint.yml", "ignore: [claims]\n")
    assert run_cli("check", "--config", ".medlint.yaml", "page.md").stderr == ""
    assert "using .medlint.yaml, not .medlint.yml beside it" in run_cli("rules").stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ("check", "--config", "", "page.md"),  # would search for a config instead
        ("check", ""),  # would check the whole folder
        ("check", "--baseline", "", "page.md"),
        ("check", "--stdin-filename", "", "-"),
        ("check", "--diff-base", "", "page.md"),
        ("baseline", "--output", "", "page.md"),
        ("rules", "--config", ""),
        ("fix", "--config", "", "page.md"),
    ],
)
def test_an_empty_name_as_from_an_unset_variable_is_an_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: tuple[str, ...]
) -> None:
    write(tmp_path / "page.md", "Our injection has no side effects.\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli(*arguments, input="")
    assert result.exit_code == 2
    assert result.stderr.startswith("medlint: error: Invalid value for ")
    assert ": an empty name (an unset variable?). See 'medlint " in result.stderr
    assert (tmp_path / "page.md").read_text(encoding="utf-8") == "Our injection has no side effects.\n"


def test_a_toml_config_named_with_config_is_read_from_its_tool_medlint_table(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "page.md", "Our injection has no side effects.\n")
    write(tmp_path / "medlint.toml", '[tool.medlint]\nignore = ["no-side-effects"]\n')
    write(tmp_path / "other" / "pyproject.toml", '[project]\nname = "site"\n')
    monkeypatch.chdir(tmp_path)
    # Read as TOML, not as YAML (which called it "bad YAML").
    assert run_cli("check", "--config", "medlint.toml", "page.md").exit_code == 0
    # Named on purpose, a pyproject.toml with no [tool.medlint] is not quietly the defaults.
    result = run_cli("check", "--config", "other/pyproject.toml", "page.md")
    assert (result.exit_code, result.stderr) == (
        2,
        "medlint: error: other/pyproject.toml: no [tool.medlint] table: "
        "medlint reads its settings from there in a TOML file\n",
    )


def test_a_config_that_turns_off_the_built_in_rules_and_names_none_is_an_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only the suppression rules would be left: every page would pass, checked for nothing.
    monkeypatch.chdir(tmp_path)  # where baseline would write
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\n")
    page = write(tmp_path / "page.md", "Our injection has no side effects.\n")
    for command in ("check", "baseline"):
        result = run_cli(command, "--config", str(config), str(page))
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr == (
            f"medlint: error: {config}: builtin_rules is false and 'rules' names no rule files: "
            "there is no rule to check with\n"
        )
    assert not (tmp_path / "medlint-baseline.json").exists()


def test_statistics_counts_findings_by_rule_instead_of_listing_them(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "A miracle cure.\n\nSperm cells. A miracle cure again.\n\nSperm cells, sperm cells, a miracle cure.\n",
        encoding="utf-8",
    )
    second = tmp_path / "other.txt"
    second.write_text("Sperm cells.\n", encoding="utf-8")

    result = run_cli("check", "--statistics", "--no-color", "--config", str(core_config), str(page), str(second))
    listed = run_cli("check", "--no-color", "--config", str(core_config), str(page), str(second))

    assert result.exit_code == listed.exit_code == 1
    # The most found first; the same summary as the full report, and no finding's block.
    assert result.stdout.splitlines()[:3] == [
        "4  sperm-cells   warning  4 fixable",
        "3  miracle-cure  error",
        "",
    ]
    assert listed.stdout.splitlines()[-2] in result.stdout.splitlines()
    assert f"{page}:" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "json"], "--statistics is a summary to read: --format json does not apply"),
        (["--fix"], "--statistics counts what a check finds: run it without --fix"),
    ],
)
def test_statistics_with_another_report_is_a_usage_error(
    run_cli: RunCli, core_config: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    page = tmp_path / "page.md"
    page.write_text("A miracle cure.\n", encoding="utf-8")
    result = run_cli("check", "--statistics", *args, "--config", str(core_config), str(page))
    assert result.exit_code == 2
    assert result.stderr == f"medlint: error: {message}\n"
    assert page.read_text(encoding="utf-8") == "A miracle cure.\n"


def test_the_closing_hints_for_stdin_name_only_what_works_on_stdin(run_cli: RunCli, core_config: Path) -> None:
    draft = "Sperm cells repair discs.\n\n<!-- medlint-disable-next-line miracle-cure -->\nA miracle cure.\n"
    page = write(core_config.parent / "draft.md", draft)
    on_file = run_cli("check", "--no-color", "--config", str(core_config), str(page)).output
    on_stdin = run_cli("check", "--no-color", "--config", str(core_config), "--stdin-filename", "d.md", input=draft)

    # A file: `check --fix` saves the fix, `fix -i` walks through it and asks for the reason.
    assert "1 fixable with `medlint check --fix`." in on_file
    assert on_file.count("`medlint fix --interactive`") == 2
    # stdin: `fix -i` refuses it and `--fix` saves nothing, so neither is offered as for a file...
    assert on_stdin.exit_code == 1
    assert "interactive" not in on_stdin.output
    assert "medlint check --fix" not in on_stdin.output
    assert "1 fixable with `--fix`, which prints the fixed text." in on_stdin.output
    assert "`medlint explain RULE` tells why a rule matters." in on_stdin.output
    assert "no reason: write it after ' -- ' in the comment." in on_stdin.output
    # ...and what the hints say of stdin holds.
    interactive = run_cli("fix", "-i", "--config", str(core_config), "--stdin-filename", "d.md", input=draft)
    assert interactive.exit_code == 2
    fixed = run_cli("check", "--fix", "--config", str(core_config), "--stdin-filename", "d.md", input=draft)
    assert fixed.stdout.startswith("Stem cells repair discs.\n")


def test_explain_shows_the_message_as_a_writer_reads_it_and_the_template_with_v(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    template = "'{match}' promises a cure no treatment can promise."
    explained = run_cli("explain", "miracle-cure", "--config", str(core_config)).output
    # As a finding on the first bad example ("A miracle cure for back pain.") words it.
    assert "**Message:** 'miracle cure' promises a cure no treatment can promise." in explained
    assert "{match}" not in explained
    verbose = run_cli("explain", "-v", "miracle-cure", "--config", str(core_config)).output
    assert f"**Message template:** {template}" in verbose
    listed = json.loads(run_cli("rules", "--format", "json", "--config", str(core_config)).output)
    assert [r["message"] for r in listed if r["id"] == "miracle-cure"] == [template]

    # A rule with no example to report: its placeholders read as the words a page would give.
    rules = write(
        tmp_path / "mine" / "rules.yaml",
        "rules:\n  - {id: wonder, category: efficacy, message: \"'{match}' oversells it.\", phrases: [wonder shot]}\n",
    )
    config = write(tmp_path / "mine" / ".medlint.yaml", f"builtin_rules: false\nrules: [{rules}]\n")
    assert "**Message:** '…' oversells it.\n" in run_cli("explain", "wonder", "--config", str(config)).output


def test_every_built_in_rule_is_explained_with_no_placeholder_in_its_message() -> None:
    from medlint.rule_docs import rule_markdown
    from medlint.rule_loader import builtin_rules_dir, load_rules

    filled = 0
    for rule in load_rules([builtin_rules_dir()]):
        message = next(line for line in rule_markdown(rule).splitlines() if line.startswith("**Message:**"))
        for name in ("match", "replacement", "expected", "other", "value"):
            assert "{" + name + "}" not in message, rule.id
        filled += message != f"**Message:** {rule.message}"
    assert filled > 50, "the built-in rules' messages quote what they found"


def test_explain_of_a_rule_whose_example_its_format_cannot_read_still_explains(run_cli: RunCli, tmp_path: Path) -> None:
    # An MDX example with a brace never closed: `test-rules` reports it; explain still shows the rule.
    rules = write(
        tmp_path / "rules.yaml",
        "rules:\n  - id: wonder\n    category: efficacy\n    message: \"'{match}' oversells it.\"\n"
        "    phrases: [wonder shot]\n    examples:\n      format: mdx\n      bad: ['{ A wonder shot.']\n",
    )
    config = write(tmp_path / ".medlint.yaml", f"builtin_rules: false\nrules: [{rules}]\n")

    explained = run_cli("explain", "wonder", "--config", str(config))

    assert explained.exit_code == 0, explained.output
    assert "**Message:** '…' oversells it.\n" in explained.stdout
    assert run_cli("test-rules", "--config", str(config)).exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{name}"],
        ["fix", "{name}"],
        ["check", "page.md", "{name}"],
        ["test-rules", "{name}"],
        ["baseline", "--output", "{name}", "page.md"],
    ],
)
def test_a_name_too_long_for_any_file_is_named_in_one_line_not_taken_for_the_output(
    run_cli: RunCli, core_config: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No file system holds a name of 300 characters: asking about it fails (ENAMETOOLONG) before it is
    # read, which was reported as "cannot write the output".
    monkeypatch.chdir(core_config.parent)
    write(core_config.parent / "page.md", "A miracle cure.\n")
    name = "a" * 300 + ".md"

    result = run_cli(*[arg.format(name=name) for arg in args], input="A miracle cure.\n")

    assert result.exit_code == 2
    assert result.stderr == f"medlint: error: {name}: File name too long\n"


def test_a_name_too_long_for_any_file_does_not_stop_the_other_files_being_checked(
    run_cli: RunCli, core_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a missing file does: one line for it, the rest checked and reported, exit 2.
    monkeypatch.chdir(core_config.parent)
    write(core_config.parent / "page.md", "A miracle cure.\n")
    name = "a" * 300 + ".md"

    result = run_cli("check", "--format", "json", "page.md", name)

    assert result.exit_code == 2
    assert result.stderr == f"medlint: error: {name}: File name too long\n"
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["page.md"]


def test_stdin_may_be_named_as_no_file_could_be(
    run_cli: RunCli, core_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name says how to read stdin (its format, its config); no file need have it.
    monkeypatch.chdir(core_config.parent)
    name = "a" * 300 + ".md"

    result = run_cli("check", "--format", "json", "--stdin-filename", name, "-", input="A miracle cure.\n")

    assert result.exit_code == 1, result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == [name]
