"""Formats for pull-request CI: SARIF, GitHub workflow commands, reviewdog's rdjson, JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import CORE_RULES, FIXTURES, REPO_ROOT, RunCli, write

from medlint.reporters.json_stream import PLACEHOLDER, dumps_streaming

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

RELATED_RULES = """\
  - id: cure-with-risks
    kind: contradiction
    category: consistency
    severity: warning
    message: "'{match}' on a page that also lists side effects."
    claim: [cure everything]
    against: [side effects]
  - id: hundred-percent
    category: efficacy
    severity: info
    message: "'{match}': 100% claims need a source, 50%, too."
    phrases: ["works every time"]
"""


@pytest.fixture
def ci_config(tmp_path: Path) -> Path:
    write(tmp_path / "rules.yaml", CORE_RULES + RELATED_RULES)
    return write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A page with an emoji before a finding (two UTF-16 units, four UTF-8 bytes), a fix and a contradiction."""
    monkeypatch.chdir(tmp_path)
    return write(
        tmp_path / "docs" / "page.md",
        """\
        # Results

        😀 A miracle cure. Sperm cells, too.

        We cure everything. Mild side effects are possible.
        It works every time.
        """,
    )


def _run(run_cli: RunCli, config: Path, fmt: str, *paths: str) -> Result:
    return run_cli("check", "--config", str(config), "--format", fmt, *paths)


def test_sarif_is_valid_and_github_ready(run_cli: RunCli, ci_config: Path, page: Path) -> None:
    result = _run(run_cli, ci_config, "sarif", "docs")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, SCHEMA)
    [run] = sarif["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == page.parents[1].as_uri() + "/"
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: (i, r) for i, r in enumerate(rules)}
    index, miracle = by_id["miracle-cure"]
    assert miracle["defaultConfiguration"] == {"level": "error"}
    assert miracle["properties"]["category"] == "efficacy" and "efficacy" in miracle["properties"]["tags"]
    assert "promising treatment" in miracle["help"]["text"] and "## miracle-cure" in miracle["help"]["markdown"]
    assert miracle["shortDescription"]["text"] == "'…' promises a cure no treatment can promise."

    results = {r["ruleId"]: r for r in run["results"]}
    cure = results["miracle-cure"]
    assert cure["ruleIndex"] == index and cure["level"] == "error"
    location = cure["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/page.md", "uriBaseId": "%SRCROOT%"}
    # Character column 5 follows an emoji: 6 in UTF-16 code units.
    assert location["region"] == {
        "startLine": 3,
        "startColumn": 6,
        "endLine": 3,
        "endColumn": 18,
        "snippet": {"text": "miracle cure"},
    }
    assert len(cure["partialFingerprints"]["medlintContext/v1"]) == 16

    [fix] = results["sperm-cells"]["fixes"]
    [change] = fix["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 31},
            "insertedContent": {"text": "Stem cells"},
        }
    ]
    contradiction = results["cure-with-risks"]
    related = contradiction["relatedLocations"][0]
    assert related["physicalLocation"]["region"]["startLine"] == 5
    assert results["hundred-percent"]["level"] == "note"


def test_sarif_of_the_bundled_drafts_validates(run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "sarif", str(FIXTURES / "drafts"))
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, SCHEMA)
    located = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in sarif["runs"][0]["results"]
    }
    relative = (FIXTURES / "drafts" / "stem-cell-benefits.html").relative_to(REPO_ROOT).as_posix()
    assert (relative, 50, 11) in located  # the "Non-invasive Treatment" heading


def test_sarif_reports_unreadable_files_as_notifications(run_cli: RunCli, ci_config: Path, page: Path) -> None:
    (page.parent / "broken.md").write_bytes(b"\x00\x01")
    result = _run(run_cli, ci_config, "sarif", "docs")
    assert result.exit_code == 2
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, SCHEMA)
    [invocation] = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "binary" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_github_annotations_are_escaped(run_cli: RunCli, ci_config: Path, page: Path, tmp_path: Path) -> None:
    odd = write(tmp_path / "docs" / "a, b: c.md", "It works every time. 100% sure.\n")
    result = _run(run_cli, ci_config, "github", "--fail-on", "info", str(odd), "docs/page.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::notice file=docs/a%2C b%3A c.md,line=1,col=4,endLine=1,endColumn=20,"
        "title=medlint hundred-percent (efficacy)::'works every time': 100%25 claims need a source, 50%25, too."
    )
    assert (
        "::error file=docs/page.md,line=3,col=6,endLine=3,endColumn=18,title=medlint miracle-cure (efficacy)::"
        "'miracle cure' promises a cure no treatment can promise.%0AConsider: 'promising treatment'"
    ) in lines
    assert any(
        line.startswith("::warning file=docs/page.md,line=3,col=20,endLine=3,endColumn=31,")
        and line.endswith("%0AFix: replace with 'Stem cells' (medlint check --fix).")
        for line in lines
    )
    assert lines[-1].startswith("Found ")


def test_rdjson_counts_utf8_bytes_and_carries_fixes(run_cli: RunCli, ci_config: Path, page: Path) -> None:
    result = _run(run_cli, ci_config, "rdjson", "docs")
    document = json.loads(result.stdout)
    assert document["source"]["name"] == "medlint" and document["severity"] == "ERROR"
    by_code = {d["code"]["value"]: d for d in document["diagnostics"]}
    cure = by_code["miracle-cure"]
    # The emoji is four UTF-8 bytes: character column 5 is byte column 8.
    assert cure["location"] == {
        "path": "docs/page.md",
        "range": {"start": {"line": 3, "column": 8}, "end": {"line": 3, "column": 20}},
    }
    assert cure["severity"] == "ERROR"
    assert by_code["sperm-cells"]["suggestions"] == [
        {"range": {"start": {"line": 3, "column": 22}, "end": {"line": 3, "column": 33}}, "text": "Stem cells"}
    ]
    assert by_code["hundred-percent"]["severity"] == "INFO"


def test_rdjson_paths_are_relative_to_the_working_folder_as_reviewdog_reads_them(
    run_cli: RunCli, ci_config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # reviewdog joins a relative path to the working folder's place in the repository: run from
    # content/, "content/page.md" became content/content/page.md, a file no pull request has.
    (tmp_path / ".git").mkdir()
    write(tmp_path / "content" / "page.md", "A miracle cure.\n")
    write(tmp_path / "blog" / "post.md", "Sperm cells.\n")
    monkeypatch.chdir(tmp_path / "content")

    result = _run(run_cli, ci_config, "rdjson", "page.md", "../blog/post.md")

    paths = [d["location"]["path"] for d in json.loads(result.stdout)["diagnostics"]]
    assert paths == ["../blog/post.md", "page.md"]
    # GitHub's annotations name files from the repository root, as GitHub reads them.
    annotations = _run(run_cli, ci_config, "github", "page.md").stdout
    assert annotations.startswith("::error file=content/page.md,")


def test_junit_has_a_suite_per_file_and_a_failing_case_per_finding(
    run_cli: RunCli, ci_config: Path, page: Path, tmp_path: Path
) -> None:
    write(tmp_path / "docs" / "clean.md", "A promising treatment.\n")
    # A control character is legal in a page, not in XML.
    (tmp_path / "docs" / "odd.txt").write_text("A miracle cure\x0c for all.\n", encoding="utf-8")
    result = _run(run_cli, ci_config, "junit", "docs")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"docs/clean.md", "docs/odd.txt", "docs/page.md"}
    # A clean file is one passing case.
    [clean] = suites["docs/clean.md"].findall("testcase")
    assert clean.find("failure") is None and suites["docs/clean.md"].get("failures") == "0"
    cases = suites["docs/page.md"].findall("testcase")
    assert all(len(case.findall("failure")) == 1 for case in cases)
    # The info finding is under the fail level: listed in system-out, not a failure.
    assert sorted(failure.attrib["type"] for case in cases for failure in case.findall("failure")) == [
        "cure-with-risks",
        "cure-with-risks",
        "miracle-cure",
        "sperm-cells",
    ]
    assert "hundred-percent" in (suites["docs/page.md"].findtext("system-out") or "")
    # Every count is of test cases: failures never outnumber tests.
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "5", "0")
    for suite in suites.values():
        assert int(suite.attrib["tests"]) == len(suite.findall("testcase")) >= int(suite.attrib["failures"])


def test_junit_paths_are_relative_to_the_repository_root_as_gitlab_and_github_read_them(
    run_cli: RunCli, ci_config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GitLab links a case's file to the repository's file of that path, and the actions that annotate
    # a pull request from JUnit look it up from the repository root: run from content/, "page.md"
    # named no file of the repository, nor did "./page.md" or an absolute path.
    (tmp_path / ".git").mkdir()
    write(tmp_path / "content" / "page.md", "A miracle cure.\n")
    write(tmp_path / "content" / "clean.md", "A promising treatment.\n")
    post = write(tmp_path / "blog" / "post.md", "Sperm cells.\n")
    (tmp_path / "content" / "binary.md").write_bytes(b"A miracle\x00 cure.\n")
    monkeypatch.chdir(tmp_path / "content")

    result = _run(run_cli, ci_config, "junit", "./page.md", "clean.md", str(post), "binary.md")

    root = ET.fromstring(result.stdout)
    expected = {"content/page.md", "content/clean.md", "blog/post.md", "content/binary.md"}
    assert {suite.get("name") for suite in root.iter("testsuite")} == expected
    assert {suite.get("file") for suite in root.iter("testsuite")} == expected
    assert {case.get("classname") for case in root.iter("testcase")} == expected
    assert {case.get("file") for case in root.iter("testcase") if case.find("error") is None} == expected - {
        "content/binary.md"
    }
    failures = {failure.get("type"): failure.text or "" for failure in root.iter("failure")}
    assert failures["miracle-cure"].startswith("content/page.md:1:3: ")
    assert failures["sperm-cells"].startswith("blog/post.md:1:1: ")
    # The same names as the annotations GitHub shows.
    annotations = _run(run_cli, ci_config, "github", "./page.md", str(post)).stdout
    assert "file=content/page.md," in annotations and "file=blog/post.md," in annotations


def test_new_formats_are_offered_by_the_cli(run_cli: RunCli) -> None:
    help_text = run_cli("check", "--help").stdout
    for name in ("sarif", "github", "rdjson", "junit"):
        assert name in help_text


@pytest.mark.parametrize("output_format", ["json", "sarif", "rdjson"])
@pytest.mark.parametrize("pages", ["drafts", "clean"])
def test_json_reports_written_as_they_are_made_keep_the_indented_layout(
    run_cli: RunCli, output_format: str, pages: str
) -> None:
    """Findings are written one by one (a big report is never held whole), with json.dumps's layout."""
    result = run_cli("check", "--no-cache", "--format", output_format, str(FIXTURES / pages))
    assert result.exit_code == (1 if pages == "drafts" else 0)
    stdout = result.stdout
    assert stdout == json.dumps(json.loads(stdout), indent=2, ensure_ascii=False) + "\n"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    document=st.dictionaries(st.text(max_size=8), _JSON_VALUES, max_size=4), items=st.lists(_JSON_VALUES, max_size=5)
)
def test_a_streamed_document_is_what_json_dumps_writes(document: dict[str, object], items: list[object]) -> None:
    streamed = "".join(dumps_streaming({**document, "items": PLACEHOLDER}, items))
    assert streamed == json.dumps({**document, "items": items}, indent=2, ensure_ascii=False) + "\n"


def test_every_ci_format_says_why_a_fix_is_left_for_the_writer(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fix would drop the tag that stands inside the word: --fix refuses it, and each report says why.
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "page.html", "<p>We inject <b>sp</b>erm cells.</p>\n")
    reason = "'</b>' stands inside a word, and the fix would drop it"
    said = f"Not fixed: {reason}; edit it by hand."

    sarif = json.loads(run_cli("check", "--format", "sarif", "page.html").stdout)
    jsonschema.validate(sarif, SCHEMA)
    [result] = sarif["runs"][0]["results"]
    assert result["properties"]["fixRefused"] == reason
    assert said in result["message"]["text"] and "fixes" not in result

    [diagnostic] = json.loads(run_cli("check", "--format", "rdjson", "page.html").stdout)["diagnostics"]
    assert diagnostic["message"].endswith(said) and "suggestions" not in diagnostic

    github = run_cli("check", "--format", "github", "page.html").stdout
    assert f"%0A{said}%0A" in github.splitlines()[0]

    junit = ET.fromstring(run_cli("check", "--format", "junit", "page.html").stdout)
    [failure] = junit.iter("failure")
    assert f"  not fixed: {reason}; edit it by hand" in (failure.text or "").splitlines()
