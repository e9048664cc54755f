"""Baselines: record a legacy site's findings, then report only new ones."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from tests.conftest import RunCli, write

LEGACY = """\
# Our clinic

Our therapy is a miracle cure for back pain.

Sperm cells repair discs.
"""


@pytest.fixture
def legacy_site(tmp_path: Path, core_config: Path) -> Path:
    write(tmp_path / "site" / "index.md", LEGACY)
    write(tmp_path / "site" / "about.html", "<p>A miracle cure since 1998.</p>\n")
    return tmp_path


@pytest.fixture
def short_folder() -> Iterator[Path]:
    """A temporary folder with a short name: a folder named in a message is named whole only up to
    80 characters, and pytest's own folders can be longer (run in parallel, a level deeper)."""
    folder = Path(os.path.realpath(tempfile.mkdtemp(prefix="ml")))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _baseline(run_cli: RunCli, root: Path) -> Path:
    target = root / "medlint-baseline.json"
    result = run_cli("baseline", "--config", str(root / ".medlint.yaml"), str(root / "site"), "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"medlint: recorded 3 findings in 2 of 2 files to {target}\n"
    return target


def _check(run_cli: RunCli, root: Path, *args: str) -> Result:
    return run_cli(
        "check", "--config", str(root / ".medlint.yaml"), "--format", "json", *args, str(root / "site"), input=""
    )


def test_a_baselined_site_passes_and_new_findings_fail(run_cli: RunCli, legacy_site: Path) -> None:
    baseline = _baseline(run_cli, legacy_site)
    entries = json.loads(baseline.read_text(encoding="utf-8"))
    assert entries["medlint_baseline"] == 1
    assert {(e["path"], e["rule"], e["text"]) for e in entries["findings"]} == {
        ("site/about.html", "miracle-cure", "miracle cure"),
        ("site/index.md", "miracle-cure", "miracle cure"),
        ("site/index.md", "sperm-cells", "Sperm cells"),
    }
    clean = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert clean.exit_code == 0 and json.loads(clean.stdout)["findings"] == []
    assert clean.stderr == f"medlint: baseline {baseline}: 3 known findings hidden\n"

    page = legacy_site / "site" / "index.md"
    page.write_text(LEGACY + "\nNew copy: a miracle cure in weeks.\n", encoding="utf-8")
    result = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert result.exit_code == 1
    [new] = json.loads(result.stdout)["findings"]
    assert (new["path"], new["line"], new["column"], new["rule"]) == (str(page), 7, 13, "miracle-cure")


def test_entries_survive_lines_moving_and_reflowing(run_cli: RunCli, legacy_site: Path) -> None:
    baseline = _baseline(run_cli, legacy_site)
    page = legacy_site / "site" / "index.md"
    moved = (
        "---\ntitle: Clinic\n---\n\n# Our clinic\n\nA new opening paragraph.\n\n"
        "Our therapy is a miracle\ncure for back pain.\n\nSperm cells   repair discs.\n"
    )
    page.write_text(moved, encoding="utf-8")
    result = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["findings"] == []


def test_an_edit_next_to_a_known_finding_makes_it_new(run_cli: RunCli, legacy_site: Path) -> None:
    baseline = _baseline(run_cli, legacy_site)
    page = legacy_site / "site" / "index.md"
    page.write_text(LEGACY.replace("for back pain", "for every kind of back pain"), encoding="utf-8")
    result = _check(run_cli, legacy_site, "--baseline", str(baseline))
    [found] = json.loads(result.stdout)["findings"]
    assert (found["line"], found["column"], found["rule"]) == (3, 18, "miracle-cure")
    # The old entry no longer matches: it is counted as fixed, the edited sentence is reported.
    assert "2 known findings hidden; 1 no longer found (fixed)" in result.stderr


def test_fixed_findings_are_counted(run_cli: RunCli, legacy_site: Path) -> None:
    baseline = _baseline(run_cli, legacy_site)
    (legacy_site / "site" / "about.html").unlink()
    page = legacy_site / "site" / "index.md"
    page.write_text(LEGACY.replace("Sperm cells", "Stem cells"), encoding="utf-8")
    result = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert result.exit_code == 0
    assert result.stderr == (
        f"medlint: baseline {baseline}: 1 known finding hidden; 2 no longer found (fixed): "
        f"`medlint baseline --output {baseline} {legacy_site / 'site'}` drops them\n"
    )


def test_an_entry_for_a_path_no_file_can_have_is_counted_fixed(run_cli: RunCli, legacy_site: Path) -> None:
    baseline = _baseline(run_cli, legacy_site)
    report = json.loads(baseline.read_text(encoding="utf-8"))
    entry = dict(report["findings"][0], path="a" * 5000)  # longer than any file name may be
    report["findings"].append(entry)
    baseline.write_text(json.dumps(report), encoding="utf-8")
    result = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert result.exit_code == 0
    assert "1 no longer found (fixed)" in result.stderr


def test_a_baseline_works_from_another_working_folder(
    run_cli: RunCli, legacy_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = _baseline(run_cli, legacy_site)
    monkeypatch.chdir(legacy_site / "site")
    result = run_cli("check", "--format", "json", "--baseline", "../medlint-baseline.json", ".")
    assert result.exit_code == 0, result.output
    assert baseline.is_file()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"medlint_baseline": 1, "findings": [', "not a medlint baseline (bad JSON at line 1: Expecting value)"),
        ('{"findings": []}', "not a medlint baseline (no 'medlint_baseline' key)"),
        ('{"medlint_baseline": 7, "findings": []}', "unsupported baseline version 7 (expected 1)"),
        ('{"medlint_baseline": 1, "findings": [{"path": "a.md"}]}', "finding 1: 'rule' must be a str"),
        (b"\xff\xfe\x00", "not a medlint baseline (not UTF-8 text)"),
        ("[" * 100_000, "not a medlint baseline (JSON nested too deeply)"),
        ('{"medlint_baseline": true, "findings": []}', "unsupported baseline version True (expected 1)"),
    ],
)
def test_a_corrupt_baseline_is_one_line_and_exit_2(
    run_cli: RunCli, legacy_site: Path, content: str | bytes, problem: str
) -> None:
    baseline = legacy_site / "broken.json"
    if isinstance(content, bytes):
        baseline.write_bytes(content)
    else:
        baseline.write_text(content, encoding="utf-8")
    result = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert result.exit_code == 2
    assert result.stderr == f"medlint: error: {baseline}: {problem}\n"
    assert result.stdout == ""


def test_a_missing_baseline_is_an_error(run_cli: RunCli, legacy_site: Path) -> None:
    result = _check(run_cli, legacy_site, "--baseline", str(legacy_site / "nope.json"))
    assert result.exit_code == 2
    assert "nope.json: baseline file not found" in result.stderr


def test_baseline_writes_nothing_when_it_cannot_finish(run_cli: RunCli, legacy_site: Path, short_folder: Path) -> None:
    config = str(legacy_site / ".medlint.yaml")
    target = legacy_site / "medlint-baseline.json"
    target.write_text("previous baseline\n", encoding="utf-8")
    (legacy_site / "site" / "binary.md").write_bytes(b"\x00\x01binary")
    result = run_cli("baseline", "--config", config, str(legacy_site / "site"), "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"medlint: error: {target}: not written, as some files could not be read"
    assert target.read_text(encoding="utf-8") == "previous baseline\n"

    missing = short_folder / "no-folder" / "baseline.json"
    (legacy_site / "site" / "binary.md").unlink()
    result = run_cli("baseline", "--config", config, str(legacy_site / "site"), "--output", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"medlint: error: {missing}: cannot write: folder '{missing.parent}' does not exist\n"
    assert list(legacy_site.glob("**/.baseline.json.*")) == []


def test_pages_outside_the_baseline_folder_are_stored_relative_to_it(run_cli: RunCli, legacy_site: Path) -> None:
    folder = legacy_site / "baselines"
    folder.mkdir()
    target = folder / "site.json"
    config = str(legacy_site / ".medlint.yaml")
    assert run_cli("baseline", "--config", config, str(legacy_site / "site"), "-o", str(target)).exit_code == 0
    paths = {e["path"] for e in json.loads(target.read_text(encoding="utf-8"))["findings"]}
    assert paths == {"../site/about.html", "../site/index.md"}
    assert _check(run_cli, legacy_site, "--baseline", str(target)).exit_code == 0


def test_re_recording_the_files_of_a_hook_run_keeps_the_other_files_entries(run_cli: RunCli, legacy_site: Path) -> None:
    # A pre-commit run names only the changed files, and its note suggests re-recording those:
    # that must drop the fixed entry without losing what the baseline holds for the other pages.
    baseline = _baseline(run_cli, legacy_site)
    config = str(legacy_site / ".medlint.yaml")
    page = legacy_site / "site" / "index.md"
    page.write_text(LEGACY.replace("Sperm cells", "Stem cells"), encoding="utf-8")
    hook = run_cli("check", "--config", config, "--baseline", str(baseline), str(page), input="")
    assert hook.exit_code == 0
    command = f"`medlint baseline --output {baseline} {page}` drops it"
    fixed = f"1 known finding hidden; 1 no longer found (fixed): {command}"
    assert hook.stderr == f"medlint: baseline {baseline}: {fixed}\n"

    result = run_cli("baseline", "--config", config, "--output", str(baseline), str(page))
    assert result.exit_code == 0
    assert result.stderr == (
        f"medlint: recorded 1 finding in 1 of 1 file to {baseline}; "
        "kept 1 entry of files or rules this run did not check\n"
    )
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["rule"]) for e in entries] == [
        ("site/about.html", "miracle-cure"),
        ("site/index.md", "miracle-cure"),
    ]
    whole_site = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert whole_site.exit_code == 0 and json.loads(whole_site.stdout)["findings"] == []
    assert whole_site.stderr == f"medlint: baseline {baseline}: 2 known findings hidden\n"


def test_re_recording_drops_the_entries_of_deleted_pages(run_cli: RunCli, legacy_site: Path) -> None:
    baseline = _baseline(run_cli, legacy_site)
    (legacy_site / "site" / "about.html").unlink()
    page = legacy_site / "site" / "index.md"
    result = run_cli("baseline", "--config", str(legacy_site / ".medlint.yaml"), "-o", str(baseline), str(page))
    assert result.stderr == f"medlint: recorded 2 findings in 1 of 1 file to {baseline}\n"
    assert {e["path"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]} == {"site/index.md"}


def test_baseline_says_which_named_files_the_config_excludes(run_cli: RunCli, legacy_site: Path) -> None:
    # A hook's note names every committed file, excluded ones too: baseline says it skipped them, as check does.
    config = legacy_site / ".medlint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "exclude: ['site/about.html']\n", encoding="utf-8")
    target = legacy_site / "medlint-baseline.json"
    pages = [str(legacy_site / "site" / "index.md"), str(legacy_site / "site" / "about.html")]
    result = run_cli("baseline", "--config", str(config), "--output", str(target), *pages)
    assert result.exit_code == 0
    assert result.stderr == (
        f"medlint: recorded 2 findings in 1 of 1 file to {target}. "
        f"1 file named is excluded by the include/exclude of {config}.\n"
    )


def test_a_baseline_written_through_a_symlink_keeps_the_link(run_cli: RunCli, legacy_site: Path) -> None:
    # A baseline kept elsewhere (a shared folder) and linked into the repository.
    shared = write(legacy_site / "shared" / "baseline.json", "")
    link = legacy_site / "medlint-baseline.json"
    link.symlink_to(shared)
    _baseline(run_cli, legacy_site)
    assert link.is_symlink()
    assert json.loads(shared.read_text(encoding="utf-8"))["medlint_baseline"] == 1


def test_a_baseline_written_to_a_pipe_goes_into_it_and_leaves_the_pipe(run_cli: RunCli, legacy_site: Path) -> None:
    # '--output /dev/stdout' is such a pipe, or a terminal: replacing it would replace the system's /dev/stdout.
    pipe = legacy_site / "baseline.pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there first, as `cat pipe` would be
    try:
        result = run_cli(
            "baseline", "--config", str(legacy_site / ".medlint.yaml"), str(legacy_site / "site"), "--output", str(pipe)
        )
        written = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.output
    assert json.loads(written)["medlint_baseline"] == 1
    assert pipe.is_fifo()


def test_a_baseline_gets_the_permissions_of_the_file_it_replaces_or_of_a_new_file(
    run_cli: RunCli, legacy_site: Path
) -> None:
    umask = os.umask(0o022)
    try:
        target = _baseline(run_cli, legacy_site)
        assert target.stat().st_mode & 0o777 == 0o644  # as any new file, for the team to read
        target.chmod(0o660)
        _baseline(run_cli, legacy_site)
        assert target.stat().st_mode & 0o777 == 0o660
    finally:
        os.umask(umask)


def test_the_note_on_fixed_entries_warns_that_re_recording_would_hide_the_new_findings(
    run_cli: RunCli, legacy_site: Path
) -> None:
    # The suggested command records every finding it sees: run while new claims stand on the
    # page, it would put them in the baseline along with dropping the fixed entry.
    baseline = _baseline(run_cli, legacy_site)
    config = str(legacy_site / ".medlint.yaml")
    page = legacy_site / "site" / "index.md"
    edited = LEGACY.replace("Sperm cells", "Stem cells") + "\nA miracle cure in weeks, a miracle cure for all.\n"
    page.write_text(edited, encoding="utf-8")
    hook = run_cli("check", "--config", config, "--baseline", str(baseline), str(page), input="")
    assert hook.exit_code == 1
    command = f"`medlint baseline --output {baseline} {page}` drops it"
    warning = "but would also record the 2 new findings above"
    assert hook.stderr.endswith(f"1 no longer found (fixed): {command}, {warning}\n")


def test_a_missing_disclaimer_stays_known_when_a_claim_is_added_above_the_first(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # A page without a statement of risks is reported once, at its first claim; a claim added
    # above moves it there, but the page's problem is the one the baseline recorded.
    page = tmp_path / "index.md"
    page.write_text("# PRP\n\nOur PRP injections heal torn tendons.\n", encoding="utf-8")
    baseline = tmp_path / "medlint-baseline.json"
    assert run_cli("baseline", "--output", str(baseline), str(page)).exit_code == 0
    page.write_text(
        "# PRP\n\nShockwave therapy relieves heel pain.\n\nOur PRP injections heal torn tendons.\n", encoding="utf-8"
    )
    result = run_cli("check", "--format", "json", "--baseline", str(baseline), str(page), input="")
    assert json.loads(result.stdout)["findings"] == []
    assert result.exit_code == 0
    assert "no longer found" not in result.stderr


def test_a_missing_disclaimer_recorded_by_its_first_claims_words_is_still_known(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # A baseline written before whole-page findings were keyed by page records the claim's words.
    page = tmp_path / "index.md"
    page.write_text("# PRP\n\nOur PRP injections heal torn tendons.\n", encoding="utf-8")
    rule = "outcome-claims-need-disclaimers"
    entry = {"path": "index.md", "rule": rule, "text": "heal", "context": "600f8a4cb191e6b9", "line": 3}
    baseline = tmp_path / "medlint-baseline.json"
    baseline.write_text(json.dumps({"medlint_baseline": 1, "findings": [entry]}), encoding="utf-8")
    result = run_cli("check", "--format", "json", "--select", rule, "--baseline", str(baseline), str(page), input="")
    assert json.loads(result.stdout)["findings"] == []
    assert result.stderr == f"medlint: baseline {baseline}: 1 known finding hidden\n"


def test_with_diff_base_a_known_finding_on_an_unchanged_line_is_known_not_fixed(
    run_cli: RunCli, legacy_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The action's `baseline` and `diff-base` inputs together: a pull request that adds one claim
    # and removes one known claim, on a site whose other known claims stay where they were.
    from tests.git_helpers import commit_all, git, init_repo

    init_repo(legacy_site)
    monkeypatch.chdir(legacy_site)
    baseline = _baseline(run_cli, legacy_site)
    commit_all(legacy_site, "site and baseline")
    git(legacy_site, "switch", "--quiet", "--create", "pull-request")
    page = legacy_site / "site" / "index.md"
    page.write_text(LEGACY.replace("Sperm cells repair discs.\n", "A miracle cure in weeks.\n"), encoding="utf-8")
    commit_all(legacy_site, "rewrite the last line")

    result = _check(run_cli, legacy_site, "--diff-base", "main", "--baseline", str(baseline))

    assert result.exit_code == 1
    assert [(f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [(5, "miracle-cure")]
    assert result.stderr == (
        f"medlint: baseline {baseline}: 1 no longer found (fixed): "
        f"`medlint baseline --output {baseline} {legacy_site / 'site'}` drops it, "
        "but would also record the new finding above\n"
    )


def test_entries_of_rules_a_run_does_not_run_are_neither_fixed_nor_dropped(run_cli: RunCli, legacy_site: Path) -> None:
    baseline = _baseline(run_cli, legacy_site)  # miracle-cure twice, sperm-cells once

    narrowed = _check(run_cli, legacy_site, "--select", "sperm-cells", "--baseline", str(baseline))

    assert narrowed.exit_code == 0
    assert narrowed.stderr == f"medlint: baseline {baseline}: 1 known finding hidden\n"  # no "2 fixed"

    (legacy_site / "site" / "index.md").write_text(LEGACY.replace("Sperm cells", "Stem cells"), encoding="utf-8")
    rerecorded = run_cli(
        "baseline", "--config", str(legacy_site / ".medlint.yaml"), "--select", "sperm-cells",
        "--output", str(baseline), str(legacy_site / "site"),
    )  # fmt: skip
    assert rerecorded.stderr == (
        f"medlint: recorded 0 findings in 0 of 2 files to {baseline}; "
        "kept 2 entries of files or rules this run did not check\n"
    )
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert sorted((e["path"], e["rule"]) for e in entries) == [
        ("site/about.html", "miracle-cure"),
        ("site/index.md", "miracle-cure"),
    ]


def test_baseline_help_says_what_an_existing_file_keeps(run_cli: RunCli) -> None:
    # It said "(replaced whole)", though re-recording keeps the entries of files a hook's run does not name.
    shown = " ".join(run_cli("baseline", "--help").output.split())
    assert "entries of files or rules this run does not check are kept" in shown
    assert "replaced whole" not in shown


def test_a_page_moved_or_renamed_keeps_its_known_findings(run_cli: RunCli, legacy_site: Path) -> None:
    # `git mv site/index.md site/archive/2019.md` in a hook's run: the page's legacy claims are not new.
    baseline = _baseline(run_cli, legacy_site)
    moved = legacy_site / "site" / "archive" / "2019.md"
    moved.parent.mkdir()
    (legacy_site / "site" / "index.md").rename(moved)

    result = _check(run_cli, legacy_site, "--baseline", str(baseline))

    assert result.exit_code == 0, result.stdout
    assert result.stderr == f"medlint: baseline {baseline}: 3 known findings hidden\n"
    # A claim added to the moved page is new; one that only another page's entry recorded is not hidden.
    moved.write_text(LEGACY + "\nSperm cells, again.\n", encoding="utf-8")
    write(legacy_site / "site" / "new.md", "Our therapy is a miracle cure for back pain.\n")
    added = _check(run_cli, legacy_site, "--baseline", str(baseline))
    assert sorted((Path(f["path"]).name, f["line"]) for f in json.loads(added.stdout)["findings"]) == [
        ("2019.md", 7),
        ("new.md", 1),
    ]


@pytest.mark.parametrize("name", ["site/index.md", "notes.txt"])
def test_baseline_never_writes_over_a_file_that_is_not_a_baseline(
    run_cli: RunCli, legacy_site: Path, name: str
) -> None:
    # `medlint baseline -o index.md about.md` (meant: check both) must not replace a page with JSON.
    target = legacy_site / name
    if not target.exists():
        write(target, "Notes for the next release.\n")
    before = target.read_bytes()
    result = run_cli("baseline", "--config", str(legacy_site / ".medlint.yaml"), "--output", str(target), str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"medlint: error: {target}: exists and is not a medlint baseline; not replaced (remove it, or choose"
        " another --output)\n"
    )
    assert target.read_bytes() == before


@pytest.mark.parametrize("content", ["", "\n", '{"medlint_baseline": 1, "findings": [\n<<<<<<< HEAD\n'])
def test_an_empty_or_damaged_baseline_is_recorded_afresh(run_cli: RunCli, legacy_site: Path, content: str) -> None:
    # An empty file, or a baseline a merge left conflict markers in, is what re-recording is for.
    target = write(legacy_site / "medlint-baseline.json", content)
    _baseline(run_cli, legacy_site)
    assert json.loads(target.read_text(encoding="utf-8"))["medlint_baseline"] == 1


def test_a_fact_compared_with_a_page_the_run_left_out_is_neither_fixed_nor_dropped(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # Two pages disagree on a price, and both disagreements are recorded. A pre-commit run names
    # only the changed page, so it cannot see the other price: the entry is not fixed, and the
    # re-recording a hook's note suggests must not drop it, or the next whole-site run reports it.
    config = write(tmp_path / ".medlint.yaml", "select: [price-per-treatment, miracle-breakthrough]\n")
    page = write(tmp_path / "site" / "index.md", "# PRP\n\nA PRP injection costs $650 per injection.\n")
    write(tmp_path / "site" / "prp.md", "# PRP\n\nEach session costs $700 per injection.\n")
    baseline = tmp_path / "medlint-baseline.json"
    recorded = run_cli("baseline", "--config", str(config), "-o", str(baseline), str(tmp_path / "site"))
    assert recorded.stderr == f"medlint: recorded 2 findings in 2 of 2 files to {baseline}\n"
    page.write_text(page.read_text(encoding="utf-8") + "\nA miracle cure.\n", encoding="utf-8")

    hook = run_cli("check", "--config", str(config), "--format", "json", "--baseline", str(baseline), str(page))
    assert [f["rule"] for f in json.loads(hook.stdout)["findings"]] == ["miracle-breakthrough"]
    assert hook.stderr == ""  # not "1 no longer found (fixed)": the other price is not in the run

    rerecorded = run_cli("baseline", "--config", str(config), "-o", str(baseline), str(page))
    assert rerecorded.stderr == (
        f"medlint: recorded 1 finding in 1 of 1 file to {baseline}; "
        "kept 1 entry of files or rules this run did not check; kept 1 entry of facts compared with "
        "pages this run left out (record every page, or set `site:` in the config, to record them afresh)\n"
    )
    whole_site = _check(run_cli, tmp_path, "--baseline", str(baseline))
    assert whole_site.exit_code == 0 and json.loads(whole_site.stdout)["findings"] == []
    assert whole_site.stderr == f"medlint: baseline {baseline}: 3 known findings hidden\n"

    # With `site:` the run compares the page with every page: a price made to agree is fixed.
    write(tmp_path / ".medlint.yaml", "select: [price-per-treatment, miracle-breakthrough]\nsite: site\n")
    page.write_text("# PRP\n\nA PRP injection costs $700 per injection.\n\nA miracle cure.\n", encoding="utf-8")
    compared = run_cli("check", "--config", str(config), "--baseline", str(baseline), str(page), input="")
    assert "1 known finding hidden; 1 no longer found (fixed)" in compared.stderr
