"""Results of unchanged files come from earlier runs: faster, and never different."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import APPROVAL_RULE, CORE_RULES, FIXTURES, RunCli, write

from medlint.api import lint_paths
from medlint.config import find_config, load_config


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("MEDLINT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Three pages and a config of the small core rules."""
    root = tmp_path / "site"
    write(root / "rules.yaml", CORE_RULES)
    write(root / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    write(root / "a.md", "# Backs\n\nOur miracle cure fixes backs.\n")
    write(root / "b.md", "# Knees\n\nSperm cells repair knees.\n")
    write(root / "c.html", "<p>Nothing to see here.</p>\n")
    return root


def _lint(root: Path) -> tuple[list[tuple[str, str, int]], int]:
    result = lint_paths([root], config=load_config(find_config(root)), cache=True)
    return [(Path(f.path).name, f.rule, f.line) for f in result.findings], result.files_from_cache


def test_a_second_run_takes_unchanged_files_from_the_cache_and_reports_the_same(cache: Path, site: Path) -> None:
    first, from_cache = _lint(site)
    assert from_cache == 0
    assert first == [("a.md", "miracle-cure", 3), ("b.md", "sperm-cells", 3)]
    second, from_cache = _lint(site)
    assert (second, from_cache) == (first, 3)


def test_an_edited_file_is_checked_again_and_its_entry_replaced(cache: Path, site: Path) -> None:
    _lint(site)
    write(site / "c.html", "<p>Nothing to see here.</p>\n<p>A miracle cure.</p>\n")
    findings, from_cache = _lint(site)
    assert from_cache == 2
    assert ("c.html", "miracle-cure", 2) in findings
    assert len(list(cache.glob("results-*/*.pickle"))) == 3, "one entry per file, however often it changes"
    write(site / "c.html", "<p>Nothing to see here.</p>\n")
    findings, from_cache = _lint(site)
    assert from_cache == 2
    assert [f for f in findings if f[0] == "c.html"] == []


def test_changed_rules_or_settings_use_none_of_the_old_results(cache: Path, site: Path) -> None:
    _lint(site)
    write(site / "rules.yaml", CORE_RULES.replace('phrases: ["miracle cure"]', 'phrases: ["miracle cure", "fixes"]'))
    findings, from_cache = _lint(site)
    assert from_cache == 0
    assert ("a.md", "miracle-cure", 3) in findings and len(findings) == 3

    write(site / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\nseverity: {sperm-cells: error}\n")
    result = lint_paths([site], config=load_config(find_config(site)), cache=True)
    assert result.files_from_cache == 0
    assert {f.severity.label for f in result.findings if f.rule == "sperm-cells"} == {"error"}


def test_the_same_text_under_another_name_reports_its_own_name(cache: Path, site: Path) -> None:
    _lint(site)
    shutil.copy(site / "a.md", site / "copy.md")
    findings, from_cache = _lint(site)
    assert from_cache == 3
    assert ("copy.md", "miracle-cure", 3) in findings


def test_a_page_whose_suppression_waits_on_other_pages_is_taken_from_the_cache_too(cache: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root / "rules.yaml", APPROVAL_RULE)
    write(root / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    # Whether this suppression hides anything is known only once the other pages are read.
    write(root / "plans.md", "<!-- medlint-disable-next-line regulatory -- x -->\nWe plan FDA approval.\n")
    write(root / "history.md", "The first device was FDA approved.\n")
    write(root / "today.md", "Our treatment is not approved by the FDA.\n")

    def run() -> tuple[list[tuple[str, str, int]], int]:
        result = lint_paths([root], config=load_config(find_config(root)), cache=True)
        return [(Path(f.path).name, f.rule, f.line) for f in result.findings], result.files_from_cache

    first, from_cache = run()
    assert from_cache == 0
    assert ("plans.md", "unused-suppression", 1) in first and ("today.md", "approval-status", 1) in first
    assert run() == (first, 3)


def test_the_command_line_caches_unless_told_not_to(
    cache: Path, site: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached = run_cli("check", "--no-cache", "--format", "json", str(site))
    assert not list(cache.glob("results-*")), "--no-cache neither reads nor keeps results"
    first = run_cli("check", "--format", "json", str(site))
    [folder] = cache.glob("results-*")
    assert len(list(folder.glob("*.pickle"))) == 3
    second = run_cli("check", "--format", "json", str(site))
    assert uncached.exit_code == first.exit_code == second.exit_code == 1
    assert uncached.output == first.output == second.output

    shutil.rmtree(cache)
    monkeypatch.setenv("MEDLINT_NO_CACHE", "1")
    assert run_cli("check", "--format", "json", str(site)).output == first.output
    assert not cache.exists(), "MEDLINT_NO_CACHE=1 turns every cache off"


def test_workers_share_the_cache(cache: Path, run_cli: RunCli, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    shutil.copytree(FIXTURES / "drafts", drafts)
    for page in list(drafts.iterdir()):  # enough files for a pool
        for copy in range(4):
            shutil.copy(page, drafts / f"{copy}-{page.name}")
    first = run_cli("check", "--jobs", "2", "--format", "json", str(drafts))
    [folder] = cache.glob("results-*")
    pages = [p for p in drafts.iterdir() if p.suffix in (".md", ".html", ".txt")]
    assert len(list(folder.glob("*.pickle"))) == len(pages) >= 24
    second = run_cli("check", "--jobs", "2", "--format", "json", str(drafts))
    assert first.exit_code == second.exit_code == 1
    assert json.loads(first.output) == json.loads(second.output)


def test_a_tampered_or_damaged_entry_runs_nothing_and_the_file_is_checked_afresh(
    cache: Path, site: Path, tmp_path: Path
) -> None:
    first, _ = _lint(site)
    entries = sorted((next(cache.glob("results-*"))).glob("*.pickle"))
    marker = tmp_path / "ran"
    entries[0].write_bytes(pickle.dumps(_RunsCommand(f"touch {marker}")))
    entries[1].write_bytes(b"\x80\x05not a pickle")
    findings, from_cache = _lint(site)
    assert not marker.exists(), "a cache entry must not be able to run code"
    assert (findings, from_cache) == (first, 1)


# Checked through the Python API in a process of its own: a module imported there stays imported.
_LINT_WITH_THE_CACHE = """\
import signal, sys
# As an interactive caller has it (a suite run in the background starts its processes with Ctrl-C ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
from medlint.api import lint_paths
result = lint_paths([sys.argv[1]], cache=True)
print(len(result.findings), result.files_from_cache, signal.getsignal(signal.SIGINT) is signal.default_int_handler)
"""


@pytest.mark.parametrize("module", ["medlint.__main__", "medlint.entry"])
def test_an_entry_naming_a_module_that_acts_when_imported_does_not_import_it(
    cache: Path, site: Path, module: str
) -> None:
    # Importing medlint.__main__ runs the command line (here with the script's arguments: exit 2);
    # importing medlint.entry takes over Ctrl-C in the caller's process (it would end it, 130).
    _lint(site)
    [entry, *_] = sorted(next(cache.glob("results-*")).glob("*.pickle"))
    entry.write_bytes(b"c" + module.encode() + b"\nmain\n.")
    done = subprocess.run(
        [sys.executable, "-c", _LINT_WITH_THE_CACHE, str(site)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "2 2 True\n", "")


def test_an_unwritable_cache_folder_changes_nothing(
    cache: Path, site: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write(cache.parent / "not-a-folder", "a file where the cache folder would be\n")
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(blocker))
    result = run_cli("check", "--format", "json", str(site))
    assert result.exit_code == 1
    assert json.loads(result.output)["summary"]["findings"] == 2


def test_a_result_cut_short_by_a_time_budget_is_not_kept(cache: Path, tmp_path: Path, run_cli: RunCli) -> None:
    write(
        tmp_path / "slow.yaml",
        "rules:\n  - id: runaway\n    category: efficacy\n    message: m\n    patterns: ['(a|a)+(?=c)b']\n",
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [slow.yaml]\n")
    page = write(tmp_path / "page.txt", "a" * 40 + "b\n")  # backtracks exponentially
    for _ in range(2):
        result = run_cli("check", "--config", str(config), str(page))
        assert "rule 'runaway' stopped after" in result.output
    assert not list(cache.glob("results-*/*.pickle"))


def test_site_pages_compared_against_are_cached_too(cache: Path, run_cli: RunCli) -> None:
    site = FIXTURES / "site"
    reported = sorted(p for p in site.rglob("*.md"))[0]
    first = run_cli("check", "--site", str(site), "--format", "json", str(reported))
    entries = list(cache.glob("results-*/*.pickle"))
    pages = [p for p in site.rglob("*") if p.suffix in (".md", ".html", ".txt")]
    assert len(entries) == len(pages)
    second = run_cli("check", "--site", str(site), "--format", "json", str(reported))
    assert first.output == second.output


class _RunsCommand:
    """A pickle that, loaded by a plain unpickler, would run a shell command."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))


def test_a_one_file_check_keeps_its_result_without_importing_what_it_does_not_use(tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "Our clinic offers PRP injections for knee pain. Results vary.\n")
    cache_folder = tmp_path / "cache"
    script = (
        # What the interpreter's own start-up imported (a site's .pth hook may) is not medlint's doing.
        "import sys\nat_start = set(sys.modules)\nfrom medlint.cli import main\n"
        "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('tempfile', 'signal', 'multiprocessing') if m in set(sys.modules) - at_start))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MEDLINT_NO_CACHE"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(page)],
        capture_output=True,
        text=True,
        env={**env, "MEDLINT_CACHE_DIR": str(cache_folder)},
    )
    assert done.stdout.splitlines() == ["No problems found in 1 file.", "[]"]
    kept = list(cache_folder.glob("results-*/*.pickle"))
    assert len(kept) == 1 and not list(cache_folder.rglob("*.tmp")), "the result is written whole, nothing left over"


_COUNTING_CODE_READS = """\
import os, sys
package = os.path.dirname(__import__("medlint").__file__)
walks = []
real = os.walk
os.walk = lambda top, *args, **kwargs: (walks.append(top) if top == package else None) or real(top, *args, **kwargs)
from medlint.cli import main
try:
    main(["check", sys.argv[1]])
finally:
    print("code read:", len(walks))
"""


def test_a_check_keeping_its_results_reads_medlints_code_once(tmp_path: Path) -> None:
    # Kept results and the kept rule set are each keyed by medlint's code: every source file's
    # size and time (about 5 M instructions to read). A check reads them once, however many ask.
    page = write(tmp_path / "page.md", "Our clinic offers PRP injections for knee pain. Results vary.\n")
    env = {k: v for k, v in os.environ.items() if k != "MEDLINT_NO_CACHE"}
    env["MEDLINT_CACHE_DIR"] = str(tmp_path / "cache")
    command = [sys.executable, "-c", _COUNTING_CODE_READS, str(page)]
    for run in ("first", "with its result kept"):
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        assert done.stdout.splitlines() == ["No problems found in 1 file.", "code read: 1"], (run, done.stderr)
