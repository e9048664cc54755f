"""Big and malformed pages are checked in time linear in their size; many files in parallel.

No test here measures time. The inputs are sized so that a linear pass takes
well under a second and a quadratic one (what the standard library's HTML
parser, or a regex rescanning to the end of the text at every stray opener,
would do) takes minutes: a regression shows as a suite that hangs.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from tests.conftest import CORE_RULES, RunCli, write

from medlint import lint_text
from medlint.config import load_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLAIM = "This miracle cure is non-invasive."
_QUIET_LINE = "<!-- medlint-disable-next-line ALL -- a price list, quoted as printed -->\nPrices from $90.\n\n"


_QUIET_TEXT_LINE = "# medlint-disable-next-line ALL -- quoted\n"
_OPEN = "<!-- medlint-disable claims -- quoted -->\n"
_CLOSE_NOTHING = "<!-- medlint-enable spine -->\n"


def _big_cases() -> dict[str, tuple[str, str]]:
    line = " ".join(["Our clinic offers physiotherapy for back pain."] * 20_000)  # about 1 MB, no newline
    return {
        "one 1 MB line": ("page.txt", line + " " + CLAIM),
        "unclosed fence": ("page.md", CLAIM + "\n\n```\n" + "code line\n" * 100_000),
        "unclosed comment": ("page.html", "<p>" + CLAIM + "</p><!-- " + "x " * 200_000),
        "deeply nested html": ("page.html", "<div>" * 50_000 + "<p>" + CLAIM + "</p>" + "</div>" * 50_000),
        "stray tag openers": ("page.html", "<p>" + CLAIM + "</p>" + "<a" * 100_000),
        "stray end tags": ("page.html", "<p>" + CLAIM + "</p>" + "</" * 100_000),
        "junk declarations": ("page.html", "<p>" + CLAIM + "</p>" + "<![" * 60_000),
        "unclosed quoted attributes": ("page.html", "<p>" + CLAIM + "</p>" + '<a b="' * 40_000),
        "template openers": ("page.md", CLAIM + "\n\n" + "{{ " * 100_000),
        "heading attribute openers": ("page.md", CLAIM + "\n\n## x " + "{#" * 100_000),
        "name dots before an at sign": ("page.txt", CLAIM + " " + "a." * 100_000 + "@"),
        "unclosed link titles": ("page.md", CLAIM + "\n\n" + "](x (" * 40_000),
        # Each link's text is searched back for the "![" of an image: not past the link before it.
        "many links with no text": ("page.md", CLAIM + "\n\n" + "](x)" * 100_000),
        "many links with brackets for text": ("page.md", CLAIM + "\n\n" + "[]](x)" * 70_000),
        "many image openers with a reference": ("page.md", CLAIM + "\n\n" + "![a" * 100_000 + "\n\n[a]: b.png\n"),
        "unclosed angle-bracket destinations": ("page.md", CLAIM + "\n\n" + "![a](<b" * 60_000),
        "shortcode openers": ("page.html", "<p>" + CLAIM + "</p>" + '[a x="y' * 50_000 + "[b c=d " * 50_000),
        "shortcode code bodies": ("page.md", CLAIM + "\n\n[/code]" + "[code lang=js]" * 50_000 + "[/sourcecode]"),
        "structured data of many strings": (
            "page.html",
            "<p>"
            + CLAIM
            + '</p><script type="application/ld+json">'
            + '"text": "don\\u2019t ' * 50_000
            + '"name":' * 50_000,
        ),
        # A string left open to its line's end holds many quotes: each must not start a scan of its own.
        "structured data of escaped quotes in an unclosed string": (
            "page.html",
            "<p>" + CLAIM + '</p><script type="application/ld+json">{"text": "' + '\\"' * 50_000 + "</script>",
        ),
        "many reference closers": ("page.md", CLAIM + "\n\n" + "][x" * 100_000),
        # A link reference definition's label or title may run on over lines: read in, not re-copied, per line.
        "a link label never closed": ("page.md", CLAIM + "\n\n[" + "an open label\n" * 100_000),
        "a link title never closed": ("page.md", CLAIM + '\n\n[a]: /url "' + "an open title\n" * 100_000),
        # Long runs without a space: a rule guided by RE2 could see a possible start at each character.
        "a long run without a space": ("page.md", CLAIM + "\n\n" + "{%" * 100_000),
        "a long run without a space, not ASCII": ("page.md", CLAIM + " Caf\u00e9.\n\n" + "{%" * 100_000),
        "tag openers after prose on its line": ("page.md", CLAIM + "\n\nOpening hours <!--" + " <x" * 100_000),
        # Many of one thing that is checked against all the others of its kind.
        "many suppressed lines": ("page.txt", CLAIM + "\n" + (_QUIET_TEXT_LINE + CLAIM + "\n") * 16_000),
        "many enables that close nothing": ("page.md", CLAIM + "\n\n" + _OPEN * 32_000 + _CLOSE_NOTHING * 32_000),
        "suppressions on one line before blank lines": (
            "page.md",
            CLAIM + "\n\n" + "<!-- medlint-disable-next-line ALL -- quoted -->" * 16_000 + "\n" * 16_000 + CLAIM,
        ),
        "a paragraph with many alt texts": ("page.html", "<p>" + (CLAIM + ' <img alt="a knee"> ') * 16_000 + "</p>"),
        "many values of one fact": (
            "page.md",
            CLAIM + "\n\n" + "".join(f"Recovery takes {i} days. " for i in range(16_000)),
        ),
        # Each statement's row is read back for its item's name: not the whole row before it.
        "a table row of many prices": (
            "page.md",
            CLAIM + "\n\n| " + " | ".join(f"${i} per session" for i in range(16_000)) + " |\n|" + " --- |" * 16_000,
        ),
        # Each list item's price asks whether the page has definition lists: once a page, not once a price.
        "a list of many prices before a long comment": (
            "page.md",
            CLAIM
            + "\n\n"
            + "".join(f"- Knee care costs ${i} per session.\n" for i in range(16_000))
            + "\n<!-- "
            + "x" * 2_000_000
            + " -->\n",
        ),
        "spelling exceptions": ("page.md", CLAIM + "\n\n" + "platelet-rich plasma (PRP) and PRP. " * 16_000),
        # A suppression comment makes medlint read the page's comments as well as its prose.
        "suppression and junk declarations": ("page.html", _QUIET_LINE + "<p>" + CLAIM + "</p>" + "<![" * 60_000),
        "suppression and unclosed comments": ("page.md", _QUIET_LINE + CLAIM + "\n\n" + "a <!-- b " * 60_000),
        # Each comment's brace closes (a brace never closed is an error, as MDX's), its "*/" never does.
        "suppression and unclosed JSX comments": (
            "page.mdx",
            _QUIET_LINE.replace("<!--", "{/*").replace("-->", "*/}") + CLAIM + "\n\n" + "a {/* b } " * 60_000,
        ),
        # A comment inside a word is read to its close once, not once for each opening before the close.
        "comments in words closed once at the end": ("page.html", "<p>" + CLAIM + "</p>" + "x<!--x" * 300_000 + "-->"),
        "comments in words never closed": ("page.html", "<p>" + CLAIM + "</p>" + "x<!--x" * 300_000),
        # Front matter's flow collections are read token by token, however many and however nested.
        "front matter of many flow mappings": (
            "page.md",
            "---\nfaq: ["
            + "{q: Is it safe, a: 'Yes, it is.'}, " * 4_000
            + "]\nseo: "
            + "[{" * 16_000
            + "\n---\n"
            + CLAIM,
        ),
        # Each expression shows the text of the element it renders: trimmed of the openings before it once.
        "deeply nested JSX expressions": (
            "page.mdx",
            CLAIM + "\n\n" + "{a && <div>" * 15_000 + "Our care." + "</div>}" * 15_000,
        ),
        # Each brace pairs with the next as written; read as code, its comment runs to the line's end.
        "JSX comments whose brace closes as written only": ("page.mdx", CLAIM + "\n\n" + "a {/*} " * 30_000),
        # No sentence punctuation and no blank line: one paragraph, and every claim's sentence would be all of it.
        "lines without punctuation": ("page.txt", "knee clinic miracle cure\n" * 5_000),
        # Each denial's list reaches back a thousand characters: its walk back must not re-read the list.
        "a list of denials without punctuation": ("page.txt", CLAIM + "\n\n" + "no risk, " * 2_000),
    }


# Each rule set, and the rule of it that reports CLAIM.
_RULE_SETS = {"core rules": (CORE_RULES, "miracle-cure"), "built-in rules": (None, "miracle-breakthrough")}


@pytest.mark.parametrize("rules", sorted(_RULE_SETS))
@pytest.mark.parametrize("case", sorted(_big_cases()))
def test_big_and_malformed_pages_are_checked(case: str, rules: str, tmp_path: Path, run_cli: RunCli) -> None:
    rule_file, claim_rule = _RULE_SETS[rules]
    if rule_file is None:
        (tmp_path / ".medlint.yaml").write_text("builtin_rules: true\n", encoding="utf-8")
    else:
        (tmp_path / "rules.yaml").write_text(rule_file, encoding="utf-8")
        (tmp_path / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    name, text = _big_cases()[case]
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")

    result = run_cli("check", "--format", "json", str(page))

    report = json.loads(result.stdout)  # a warning (an unclosed fence) goes to stderr
    assert report["errors"] == [] and report["summary"]["files"] == 1
    assert "backtracks too much" not in result.stderr, "every rule read the whole page within its time budget"
    claims = [f for f in report["findings"] if f["rule"] == claim_rule]
    assert claims, f"the claim before the junk was not found ({case})"
    lines = text.split("\n")
    for finding in report["findings"]:
        # Every finding lies inside the file, and reads as what the file holds there.
        line = lines[finding["line"] - 1]
        assert finding["line"] == finding["end_line"]
        assert line[finding["column"] - 1 : finding["end_column"] - 1] == finding["text"]


def test_a_large_page_finds_what_a_small_one_does(core_config: Path) -> None:
    config = load_config(core_config)
    paragraph = "We treat knees. " * 40 + CLAIM + "\n\n"
    small = lint_text(paragraph, "page.md", config=config)
    large = lint_text(paragraph * 2_000, "page.md", config=config)
    assert len(large) == 2_000 * len(small) > 0


def test_a_paragraph_of_many_swaps_is_read_once_for_their_case(core_config: Path) -> None:
    # A swap is cased for its block (one in capitals is replaced in capitals): the block is read once,
    # not once for each swap in it.
    page = "Our sperm cells heal discs. " * 16_000
    findings = lint_text(page, "page.txt", config=load_config(core_config))
    fixes = [f.fix.replacement for f in findings if f.rule == "sperm-cells" and f.fix is not None]
    assert fixes == ["stem cells"] * 16_000


def test_claims_in_deeply_nested_blockquotes_are_read_in_linear_time(core_config: Path) -> None:
    # 25 quotes deep (where markdown-it, once the block parser, made no block at all and each claim's
    # paragraph was searched for from the claim: 12,000 claims took half a minute).
    page = ("> " * 25 + "Our miracle cure heals knees.\n") * 12_000
    findings = lint_text(page, "page.md", config=load_config(core_config))
    assert [(f.rule, f.line) for f in findings] == [("miracle-cure", line) for line in range(1, 12_001)]


_SUPERSEDING_RULES = """\
rules:
  - id: miracle-cure
    category: efficacy
    message: "'{match}' promises a cure."
    phrases: ["miracle cure"]
    supersedes: [cure]
  - id: cure
    category: efficacy
    message: "'{match}'"
    phrases: ["cure"]
"""


def test_a_page_of_many_claims_a_rule_supersedes_is_read_in_linear_time(tmp_path: Path) -> None:
    # Each finding of a superseded rule was compared with every finding of the rule superseding it:
    # 20,000 claims took 15 s. A line where only the superseded rule reports keeps its finding.
    (tmp_path / "rules.yaml").write_text(_SUPERSEDING_RULES, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    page = "Our miracle cure heals knees.\n" * 20_000 + "A cure for knees.\n"
    findings = lint_text(page, "page.txt", config=load_config(tmp_path / ".medlint.yaml"))
    assert [(f.rule, f.line) for f in findings] == [("miracle-cure", line) for line in range(1, 20_001)] + [
        ("cure", 20_001)
    ]


_CONTRADICTION_RULES = """\
rules:
  - id: safe-vs-risks
    kind: contradiction
    category: consistency
    message: "Safe, then risky."
    claim: {phrases: ["no side effects"]}
    against: {phrases: ["bruising"]}
"""


def test_a_page_of_many_statements_on_both_sides_of_a_contradiction_is_read_in_linear_time(tmp_path: Path) -> None:
    # Each statement against a claim was compared with every claim (to leave out the words both sides
    # match): 20,000 of each took 25 s, now 4 s. Every claim is paired with its nearest statement against it.
    (tmp_path / "rules.yaml").write_text(_CONTRADICTION_RULES, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    page = "There are no side effects. Bruising is common.\n" * 20_000
    findings = lint_text(page, "page.txt", config=load_config(tmp_path / ".medlint.yaml"))
    assert len(findings) == 40_000
    assert {(f.line, f.related[0].line) for f in findings} == {(line, line) for line in range(1, 20_001)}


def test_a_list_of_many_items_is_read_for_cut_off_sentences_in_linear_time() -> None:
    # Whether a list's other items end with a full stop was asked again for each item cut off after a label:
    # 20,000 items took over two minutes. One item that ends with a full stop makes the others' tails cut off.
    item = "- Facet joint pain {}: inflammation of the small joints in the spine can be treated with stem cell\n"
    items = "".join(item.format(number) for number in range(20_000))
    assert [f for f in lint_text(items, "list.md") if f.rule == "cut-off-sentence"] == []
    page = items + "- Sciatica: pain that travels down the leg.\n"
    assert len([f for f in lint_text(page, "list.md") if f.rule == "cut-off-sentence"]) == 20_000


def test_a_long_run_of_spaces_between_a_claims_words_is_read_once() -> None:
    # Blanked markup leaves runs of spaces. A lookbehind that a run reaches back over, tried at every
    # place in a run, read it again from each: 20,000 spaces took the rule past its time budget.
    page = "The treatment is a quick surgical injection done in our office.\n".replace(" ", " " * 20_000)
    assert [f.rule for f in lint_text(page, "page.txt") if f.rule == "surgical-injection"] == ["surgical-injection"]


def test_a_long_run_of_spaces_before_an_optional_comma_is_read_once() -> None:
    # '\s*,?\s+' splits a run of blanks every way before it fails: quadratic in the run.
    page = "Surgery is dangerous and often fails, unlike our treatment.\n".replace(" ", " " * 50_000)
    assert "disparage-alternatives" in {f.rule for f in lint_text(page, "page.txt")}


def test_a_plain_text_paragraph_of_megabytes_is_checked(tmp_path: Path, core_config: Path, run_cli: RunCli) -> None:
    # Plain text is split into paragraphs at blank lines by a pattern that kept a backtracking point per
    # character: a 6 MB paragraph (a pasted export, a log) ended the run with a MemoryError traceback.
    paragraph = ("Our clinic offers physiotherapy for back pain. " * 60 + "A miracle cure. ") * 2_000
    write(tmp_path / "export.txt", paragraph + "\n")
    write(tmp_path / "page.md", CLAIM + "\n")

    result = run_cli("check", "--config", str(core_config), "--format", "json", str(tmp_path))

    assert result.exit_code == 1
    counts: dict[str, int] = {}
    for finding in json.loads(result.stdout)["findings"]:
        counts[Path(finding["path"]).name] = counts.get(Path(finding["path"]).name, 0) + 1
    assert counts == {"export.txt": 2_000, "page.md": 1}


def test_a_minified_page_of_many_findings_is_reported_in_linear_time(
    tmp_path: Path, core_config: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A minified page is one line. Each finding's columns were converted to UTF-16 units or UTF-8 bytes
    # by measuring the line up to them afresh: 2,000 findings on a 6 MB line took minutes a format.
    monkeypatch.chdir(tmp_path)
    filler = "Our clinic offers physiotherapy for back pain. " * 60
    line = "\U0001f600 caf\u00e9 " + (filler + "A miracle cure. ") * 2_000
    (tmp_path / "page.txt").write_text(line + "\n", encoding="utf-8")
    last = line.rindex("miracle cure")  # the last finding's 0-based character offset
    before = line[:last]

    sarif = json.loads(run_cli("check", "--config", str(core_config), "--format", "sarif", "page.txt").stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == 2_000
    region = results[-1]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == len(before.encode("utf-16-le")) // 2 + 1
    assert region["endColumn"] == region["startColumn"] + len("miracle cure")

    github = run_cli("check", "--config", str(core_config), "--format", "github", "page.txt").stdout
    assert f"col={len(before.encode('utf-16-le')) // 2 + 1}," in github.splitlines()[-2]

    rdjson = json.loads(run_cli("check", "--config", str(core_config), "--format", "rdjson", "page.txt").stdout)
    start = rdjson["diagnostics"][-1]["location"]["range"]["start"]
    assert start == {"line": 1, "column": len(before.encode("utf-8")) + 1}


def test_folders_nested_a_thousand_deep_are_walked_in_time(tmp_path: Path, core_config: Path, run_cli: RunCli) -> None:
    # Each folder was resolved a component at a time, and its .gitignore files looked for at every
    # level above it: time grew with the cube of the depth (400 levels took 3 s, 1,500 over two minutes).
    site = tmp_path / "site"
    folders = [site.joinpath(*["d"] * depth) for depth in range(1_001)]
    for folder in folders:
        folder.mkdir()  # (one at a time: mkdir(parents=True) recurses once a level)
    middle, deep = folders[500], folders[1_000]
    (site / ".gitignore").write_text("draft.md\n", encoding="utf-8")
    (middle / ".gitignore").write_text("/d/d/keep.md\n!/d/d/d/draft.md\n", encoding="utf-8")
    for folder in (site, middle / "d" / "d", middle / "d" / "d" / "d", deep):
        for name in ("page.md", "draft.md", "keep.md"):
            (folder / name).write_text("A miracle cure.\n", encoding="utf-8")

    try:
        result = run_cli("check", "--config", str(core_config), "--format", "json", str(site))
    finally:  # removed a level at a time: pytest's own clean-up of old temporary folders recurses once a level
        for folder in reversed(folders):
            for entry in folder.iterdir():
                if not entry.is_dir():
                    entry.unlink()
            folder.rmdir()

    checked = {
        (len(Path(f["path"]).relative_to(site).parts) - 1, Path(f["path"]).name)
        for f in json.loads(result.stdout)["findings"]
    }
    assert checked == {
        (0, "page.md"), (0, "keep.md"),
        (502, "page.md"),  # keep.md is ignored there, as is draft.md (the top .gitignore)
        (503, "page.md"), (503, "keep.md"), (503, "draft.md"),  # brought back by the nearer .gitignore
        (1_000, "page.md"), (1_000, "keep.md"),
    }  # fmt: skip


def test_two_workers_report_exactly_what_one_does(run_cli: RunCli) -> None:
    folders = [str(FIXTURES / "drafts"), str(FIXTURES / "clean"), str(FIXTURES / "site")]
    outputs = {}
    for jobs in ("1", "2"):
        result = run_cli("check", "--no-cache", "--format", "json", "--jobs", jobs, *folders)
        outputs[jobs] = json.loads(result.output)
    assert outputs["1"]["summary"]["files"] > 10
    assert outputs["1"]["findings"]
    assert outputs["1"] == outputs["2"]


def test_two_workers_report_unreadable_files_like_one(tmp_path: Path, run_cli: RunCli) -> None:
    for index in range(6):
        (tmp_path / f"page{index}.md").write_text(f"Page {index}: {CLAIM}\n", encoding="utf-8")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "blob.md").write_bytes(b"\x00\x01\x02")
    results = {
        jobs: run_cli("check", "--no-cache", "--format", "json", "--jobs", jobs, str(tmp_path)) for jobs in ("1", "2")
    }
    assert results["1"].exit_code == results["2"].exit_code == 2
    assert results["1"].output == results["2"].output
    assert results["1"].stderr == results["2"].stderr
    assert results["1"].stderr.count("medlint: error:") == 2


_COUNTING_WORKERS = """
import os, sys
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core: at most two workers
forks = []
sys.addaudithook(lambda event, args: forks.append(event) if event == "os.fork" else None)
from medlint.cli import main
try:
    main(["check", "--no-cache", "--format", "json", *sys.argv[1:]])
finally:
    sys.stderr.write(f"worker processes started: {len(forks)}\\n")
"""


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs a process's CPUs to be settable")
def test_jobs_far_above_the_cores_starts_twice_as_many_workers_as_cores(tmp_path: Path, core_config: Path) -> None:
    # `--jobs 500` started one interpreter per file, each with its own copy of the rules.
    for index in range(40):
        (tmp_path / f"page{index}.md").write_text(f"Page {index}: {CLAIM}\n", encoding="utf-8")
    command = [sys.executable, "-c", _COUNTING_WORKERS, "--jobs", "500", "."]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 40
    assert result.stderr == "worker processes started: 2\n"


# The system refuses to start a process (a process limit, a sandbox) after ``sys.argv[1]`` have started.
_REFUSING_FORKS = """
import errno, sys
allowed = int(sys.argv.pop(1))
def refuse(event, args):
    global allowed
    if event == "os.fork":
        allowed -= 1
        if allowed < 0:
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
sys.addaudithook(refuse)
from medlint.cli import main
main(["check", "--no-cache", "--format", "json", *sys.argv[1:]])
"""


@pytest.mark.parametrize("started", [0, 1], ids=["none", "one of two"])
def test_workers_that_cannot_be_started_leave_the_files_checked_in_one_process(
    tmp_path: Path, core_config: Path, started: int
) -> None:
    # The error was reported as "cannot write the output"; a worker started before the refusal
    # waited for work for ever, and the run with it.
    for index in range(30):
        (tmp_path / f"page{index}.md").write_text(f"Page {index}: {CLAIM}\n", encoding="utf-8")
    one = subprocess.run(
        [sys.executable, "-c", _REFUSING_FORKS, "0", "--jobs", "1", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", _REFUSING_FORKS, str(started), "--jobs", "2", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (one.returncode, one.stderr) == (1, "")
    assert result.returncode == 1
    assert result.stdout == one.stdout
    assert json.loads(result.stdout)["summary"]["files"] == 30
    assert result.stderr == (
        "medlint: warning: could not start worker processes (Resource temporarily unavailable); "
        "checked the files in this one process\n"
    )


def _run_on_terminal(
    args: list[str], cwd: Path, ci: bool = False, columns: int = 80, **environment: str
) -> tuple[int, str]:
    """Run medlint with stderr on a pseudo-terminal (stdout to a pipe); return its exit code and stderr."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {**os.environ, "MEDLINT_PROGRESS_DELAY": "0", "TERM": "xterm", **environment}
    env.pop("CI", None)
    if ci:
        env["CI"] = "true"
    process = subprocess.Popen(
        [sys.executable, "-m", "medlint", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=terminal, env=env
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.stdout is not None
    process.stdout.read()
    os.close(controller)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def _pages(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for index in range(count):
        (folder / f"page{index:02d}.md").write_text(f"# Page {index}\n\n{CLAIM}\n", encoding="utf-8")
    return folder


def test_a_terminal_sees_progress_and_a_pipe_does_not(tmp_path: Path) -> None:
    _pages(tmp_path, 30)

    code, terminal = _run_on_terminal(["check", "--jobs", "1", "pages"], tmp_path)
    assert code == 1
    assert "30/30 files" in terminal and "files/s" in terminal

    piped = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--jobs", "1", "pages"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "MEDLINT_PROGRESS_DELAY": "0"},
        check=False,
    )
    assert piped.returncode == 1 and "files/s" not in piped.stderr


def test_progress_on_a_narrow_terminal_fits_its_width_and_a_dumb_one_gets_none(tmp_path: Path) -> None:
    _pages(tmp_path, 30)

    _, narrow = _run_on_terminal(["check", "--jobs", "1", "pages"], tmp_path, columns=30)
    _, dumb = _run_on_terminal(["check", "--jobs", "1", "pages"], tmp_path, TERM="dumb")

    # Each redraw starts with a carriage return and a clear: a line wider than the terminal wraps and stays.
    drawn = [part.removeprefix("\x1b[K") for part in narrow.split("\r") if part.startswith("\x1b[Kmedlint:")]
    assert drawn and all(len(line) <= 29 for line in drawn), drawn
    assert "medlint:" not in dumb and "\x1b[K" not in dumb


def test_machine_readable_output_and_ci_never_show_progress(tmp_path: Path) -> None:
    _pages(tmp_path, 30)
    _, as_json = _run_on_terminal(["check", "--format", "json", "pages"], tmp_path)
    assert "files/s" not in as_json
    _, in_ci = _run_on_terminal(["check", "pages"], tmp_path, ci=True)
    assert "files/s" not in in_ci
