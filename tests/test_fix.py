"""``medlint check --fix`` / ``--diff`` and ``medlint fix``: what is written, byte for byte."""

from __future__ import annotations

import codecs
import difflib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.fix_helpers import make_config, medlint, medlint_process

from medlint.formats import format_for, parse_document

REPO_ROOT = Path(__file__).resolve().parents[1]


def fix(path: Path, config: Path, *extra: str) -> tuple[int, str, str]:
    result = medlint("check", "--fix", "--no-color", "--config", config, *extra, path)
    return result.exit_code, result.stdout, result.stderr


# Each format: a draft with fixable phrases in prose and the same phrases in
# places a fix must never touch, and exactly what it must become.
ROUND_TRIPS = {
    "page.md": (
        "---\ntitle: Non-invasive care\nslug: non-invasive-care\n---\n"
        "# Non-invasive stem cell care\n\n"
        "Our NON-INVASIVE injection uses sperm cells from your own hip.\n"
        "It cures back pain.\n\n"
        "Run `medlint --rule non-invasive` or see [the guide](https://example.org/non-invasive).\n\n"
        "```\nnon-invasive sperm cells\n```\n\n"
        '{{ non-invasive }} and <span data-x="non-invasive">non-invasive</span>\n',
        "---\ntitle: Minimally invasive care\nslug: non-invasive-care\n---\n"
        "# Minimally invasive stem cell care\n\n"
        "Our MINIMALLY INVASIVE injection uses stem cells from your own hip.\n"
        "It cures back pain.\n\n"
        "Run `medlint --rule non-invasive` or see [the guide](https://example.org/non-invasive).\n\n"
        "```\nnon-invasive sperm cells\n```\n\n"
        '{{ non-invasive }} and <span data-x="non-invasive">minimally invasive</span>\n',
    ),
    "page.html": (
        "<!doctype html>\n<html><head><title>Non-invasive care</title>\n"
        '<meta name="description" content="A non-invasive option.">\n'
        "<style>.non-invasive { color: red }</style></head>\n"
        '<body><p class="non-invasive">Our non-invasive injection uses <b>sperm cells</b>.</p>\n'
        '<img src="non-invasive.png" alt="A non-invasive injection">\n'
        "<script>var sperm_cells = 'non-invasive';</script>\n"
        "<!-- non-invasive --><code>non-invasive</code></body></html>\n",
        "<!doctype html>\n<html><head><title>Minimally invasive care</title>\n"
        '<meta name="description" content="A minimally invasive option.">\n'
        "<style>.non-invasive { color: red }</style></head>\n"
        '<body><p class="non-invasive">Our minimally invasive injection uses <b>stem cells</b>.</p>\n'
        '<img src="non-invasive.png" alt="A minimally invasive injection">\n'
        "<script>var sperm_cells = 'non-invasive';</script>\n"
        "<!-- non-invasive --><code>non-invasive</code></body></html>\n",
    ),
    "notes.txt": (
        "Non-invasive injections.\nSperm cells, sperm\ncells and sperm-cells.\nSee https://example.org/non-invasive\n",
        "Minimally invasive injections.\nStem cells, stem\ncells and stem cells.\nSee https://example.org/non-invasive\n",
    ),
}


@pytest.mark.parametrize("name", sorted(ROUND_TRIPS))
def test_fix_round_trip_for_every_format(tmp_path: Path, name: str) -> None:
    before, after = ROUND_TRIPS[name]
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / name
    draft.write_text(before, encoding="utf-8", newline="")

    code, out, err = fix(draft, config)

    assert draft.read_bytes().decode("utf-8") == after
    assert "Fixed" in out and "in 1 file." in out
    assert "[non-invasive]" not in out and "[sperm-cells]" not in out
    assert err == ""
    # What is left is a warning with no fix (the default fail_on is warning).
    assert code == (1 if "cures back pain" in after else 0)


@pytest.mark.parametrize("name", sorted(ROUND_TRIPS))
def test_second_fix_changes_nothing(tmp_path: Path, name: str) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / name
    draft.write_text(ROUND_TRIPS[name][0], encoding="utf-8", newline="")
    fix(draft, config)
    once = draft.read_bytes()

    _code, out, _err = fix(draft, config)

    assert draft.read_bytes() == once
    assert "Fixed 0 problems in 0 files." in out


def test_fix_reports_only_what_remains(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "d.md"
    draft.write_text("A non-invasive shot that cures back pain.\n", encoding="utf-8")

    code, out, _err = fix(draft, config)

    assert code == 1
    assert "[cures-back-pain]" in out
    assert "[non-invasive]" not in out
    assert "Found 1 problem (1 warning) in 1 of 1 file." in out
    assert out.rstrip().endswith("Fixed 1 problem in 1 file.")


@pytest.mark.parametrize("command", [("fix",), ("check", "--fix")])
def test_the_junit_report_after_a_fix_fails_only_what_fails_the_run(tmp_path: Path, command: tuple[str, ...]) -> None:
    import xml.etree.ElementTree as ET

    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "d.md"
    draft.write_text("A non-invasive shot that cures back pain.\n", encoding="utf-8")

    result = medlint(*command, "--format", "junit", "--fail-on", "error", "--config", config, draft)

    # What is left is a warning, below the fail level: the run passes, and JUnit says so too.
    assert result.exit_code == 0
    assert ET.fromstring(result.stdout).get("failures") == "0"


def test_fix_counts_problems_and_files(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    (tmp_path / "a.txt").write_text("Non-invasive. Sperm cells.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Sperm cells.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Nothing to see.\n", encoding="utf-8")

    result = medlint("check", "--fix", "--config", config, tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt")

    assert "Fixed 3 problems in 2 files." in result.stdout
    assert result.exit_code == 0


def test_crlf_bom_and_missing_final_newline_survive(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "crlf.md"
    draft.write_bytes(codecs.BOM_UTF8 + b"# Title\r\n\r\nOur non-invasive\r\ninjection.\r\nSperm cells")

    fix(draft, config)

    assert draft.read_bytes() == codecs.BOM_UTF8 + b"# Title\r\n\r\nOur minimally invasive\r\ninjection.\r\nStem cells"


def test_phrase_broken_across_crlf_keeps_its_line_break(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "broken.txt"
    draft.write_bytes(b"We use sperm\r\ncells here.\r\n")

    fix(draft, config)

    assert draft.read_bytes() == b"We use stem\r\ncells here.\r\n"


def test_a_fix_does_not_join_lines_into_markup_that_unmasks_code(tmp_path: Path) -> None:
    # Joined onto the comment's line, the code span would become HTML-block text and be "fixed" next.
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "page.md"
    draft.write_text("<!-- note --> Sperm\ncells `non-invasive sperm cells`\n", encoding="utf-8")

    fix(draft, config)

    assert draft.read_text(encoding="utf-8") == "<!-- note --> Stem\ncells `non-invasive sperm cells`\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_encodings_with_bom_round_trip(tmp_path: Path, encoding: str) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "wide.txt"
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    draft.write_bytes(bom + "“Caf\u00e9” 😀 non-invasive — sperm cells\r\n".encode(encoding))

    fix(draft, config)

    data = draft.read_bytes()
    expected = bom + "“Caf\u00e9” 😀 minimally invasive — stem cells\r\n".encode(encoding)
    assert data == expected


def test_legacy_charset_is_written_back_in_that_charset(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "latin.html"
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9: non-invasive.</p></body></html>\n'
    draft.write_bytes(page.encode("latin-1"))

    fix(draft, config)

    assert draft.read_bytes() == page.replace("non-invasive", "minimally invasive").encode("latin-1")


# Bytes windows-1252 leaves undefined, which browsers show as the C1 controls of the same numbers.
WINDOWS_1252_PAGE = (
    b'<meta charset="windows-1252"><p>Caf\xe9 \x81\x8d\x8f\x90\x9d \x93non-invasive\x94 \x96 sperm cells.</p>\n'
)


@pytest.mark.parametrize("command", [("check", "--fix"), ("fix",)])
def test_undefined_windows_1252_bytes_are_written_back_as_they_were(tmp_path: Path, command: tuple[str, ...]) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "legacy.html"
    draft.write_bytes(WINDOWS_1252_PAGE)

    result = medlint(*command, "--no-color", "--config", config, draft)

    assert result.exit_code == 0, result.stderr
    fixed = WINDOWS_1252_PAGE.replace(b"non-invasive", b"minimally invasive").replace(b"sperm cells", b"stem cells")
    assert draft.read_bytes() == fixed


def test_undefined_windows_1252_bytes_are_read_as_browsers_read_them(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "legacy.html"
    draft.write_bytes(WINDOWS_1252_PAGE)

    report = json.loads(medlint("check", "--format", "json", "--config", config, draft).stdout)
    diff = medlint("check", "--diff", "--config", config, draft).stdout_bytes

    found = {(f["rule"], f["column"], f["text"]) for f in report["findings"]}
    assert found == {
        ("non-invasive", WINDOWS_1252_PAGE.index(b"non-invasive") + 1, "non-invasive"),
        ("sperm-cells", WINDOWS_1252_PAGE.index(b"sperm cells") + 1, "sperm cells"),
    }
    assert b"\n-" + WINDOWS_1252_PAGE in diff
    assert b'+<meta charset="windows-1252"><p>Caf\xe9 \x81\x8d\x8f\x90\x9d \x93minimally invasive\x94' in diff
    assert draft.read_bytes() == WINDOWS_1252_PAGE


def test_non_ascii_before_the_span_keeps_positions(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "emoji.md"
    text = "👩‍⚕️ “Doctor’s” pick 🧬🧬: the non‑invasive way — sperm cells!\n"
    draft.write_text(text, encoding="utf-8")

    fix(draft, config)

    assert draft.read_text(encoding="utf-8") == "👩‍⚕️ “Doctor’s” pick 🧬🧬: the minimally invasive way — stem cells!\n"


def test_span_running_across_markup_is_reported_not_fixed(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "emphasis.md"
    draft.write_text("We inject sperm **cells** today.\n", encoding="utf-8")

    code, out, _err = fix(draft, config, "--format", "json")

    assert draft.read_text(encoding="utf-8") == "We inject sperm **cells** today.\n"
    report = json.loads(out)
    assert [f["rule"] for f in report["findings"]] == ["sperm-cells"]
    assert report["findings"][0]["fix"] is None  # not claimed fixable when it is not safe
    assert code == 1


def test_a_label_that_names_a_reference_definition_is_reported_not_fixed(tmp_path: Path) -> None:
    # Rewriting "Sperm cells" in these would leave them naming no definition: the image or link breaks.
    config = make_config(tmp_path / "cfg")
    page = (
        "![Sperm cells][]\n\n![Sperm cells]\n\n[Sperm cells][]\n\nSee [sperm cells].\n\n"
        "![Sperm cells][sperm cells]\n\n[sperm cells]: cells.png\n"
    )
    draft = tmp_path / "labels.md"
    draft.write_text(page, encoding="utf-8")

    code, out, _err = fix(draft, config, "--format", "json")

    # Only the full reference's text is free to change: its label is written apart.
    assert draft.read_text(encoding="utf-8") == page.replace("![Sperm cells][sperm", "![Stem cells][sperm")
    report = json.loads(out)
    assert [(f["line"], f["fix"]) for f in report["findings"]] == [(1, None), (3, None), (5, None), (7, None)]
    assert code == 1


def test_suggestion_only_swaps_are_not_applied(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "d.txt"
    draft.write_text("A painless procedure.\n", encoding="utf-8")

    code, out, _err = fix(draft, config)

    assert draft.read_text(encoding="utf-8") == "A painless procedure.\n"
    assert "[painless]" in out and "Fixed 0 problems in 0 files." in out
    assert code == 1


def test_case_sensitive_swap_is_written_as_given(tmp_path: Path) -> None:
    # The swap exists to fix the case: re-casing it for the sentence would undo it.
    rules = """\
rules:
  - id: house-name
    kind: substitution
    category: terminology
    message: "Write '{replacement}', not '{match}'."
    case_sensitive: true
    swap: {ACME: Acme, "Acme clinic": "Acme Clinic"}
"""
    config = make_config(tmp_path / "cfg", rules)
    draft = tmp_path / "d.md"
    draft.write_text("# Visit ACME today\n\nVisit ACME or Acme clinic today.\n", encoding="utf-8")

    code, out, _err = fix(draft, config)

    assert draft.read_text(encoding="utf-8") == "# Visit Acme today\n\nVisit Acme or Acme Clinic today.\n"
    assert "Fixed 3 problems in 1 file." in out
    assert code == 0


def test_permissions_are_kept(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "d.txt"
    draft.write_text("Non-invasive.\n", encoding="utf-8")
    draft.chmod(0o640)

    fix(draft, config)

    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert draft.read_text(encoding="utf-8") == "Minimally invasive.\n"


def test_a_symlinked_draft_stays_a_link_and_its_target_is_fixed(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    real = tmp_path / "real" / "d.txt"
    real.parent.mkdir()
    real.write_text("Non-invasive.\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)

    fix(link, config)

    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "Minimally invasive.\n"


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "d.txt").write_text("Non-invasive.\n", encoding="utf-8")

    fix(folder, config)

    assert sorted(p.name for p in folder.iterdir()) == ["d.txt"]


def test_diff_prints_a_patch_and_writes_nothing(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "d.md"
    draft.write_text("# Title\n\nOur non-invasive injection.\n", encoding="utf-8")
    before = draft.stat().st_mtime_ns

    result = medlint("check", "--diff", "--config", config, draft)

    assert result.exit_code == 1
    assert draft.read_text(encoding="utf-8") == "# Title\n\nOur non-invasive injection.\n"
    assert draft.stat().st_mtime_ns == before
    name = str(draft).lstrip("/")
    assert result.stdout.splitlines() == [
        f"--- a/{name}",
        f"+++ b/{name}",
        "@@ -1,3 +1,3 @@",
        " # Title",
        " ",
        "-Our non-invasive injection.",
        "+Our minimally invasive injection.",
    ]
    assert "Would fix 1 problem in 1 file." in result.stderr


def _patch_folders(tmp_path: Path, name: str, data: bytes) -> tuple[str, Path, Path, Path]:
    """The patch program, a config, and a folder to check and a copy to patch, each holding ``name``."""
    patch = shutil.which("patch")
    if patch is None:
        pytest.skip("no patch program")
    config = make_config(tmp_path / "cfg")
    work, copy = tmp_path / "work", tmp_path / "copy"
    for folder in (work, copy):
        folder.mkdir()
        (folder / name).write_bytes(data)
    return patch, config, work, copy


def test_diff_applies_with_patch_and_marks_a_missing_final_newline(tmp_path: Path) -> None:
    patch, config, work, copy = _patch_folders(tmp_path, "d.txt", b"First line.\nNon-invasive, no newline")
    draft = work / "d.txt"

    result = medlint_process("check", "--diff", "--config", config, "d.txt", cwd=work)
    assert result.returncode == 1
    assert b"\\ No newline at end of file" in result.stdout

    subprocess.run([patch, "-p1", "-s"], input=result.stdout, cwd=copy, check=True)
    fix(draft, config)
    assert (copy / "d.txt").read_bytes() == draft.read_bytes() == b"First line.\nMinimally invasive, no newline"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom.md", codecs.BOM_UTF8 + b"Our non-invasive injection.\r\nMore.\r\n"),
        ("latin.html", b'<meta charset="iso-8859-1"><p>Caf\xe9: a non-invasive injection.</p>\n'),
    ],
)
def test_diff_is_in_the_files_own_bytes_so_patch_applies_it(tmp_path: Path, name: str, data: bytes) -> None:
    patch, config, work, copy = _patch_folders(tmp_path, name, data)

    result = medlint_process("check", "--diff", "--config", config, name, cwd=work)
    assert result.returncode == 1

    subprocess.run([patch, "-p1", "-s", "-F0"], input=result.stdout, cwd=copy, check=True)
    fix(work / name, config)
    assert (copy / name).read_bytes() == (work / name).read_bytes() == data.replace(b"non-", b"minimally ")


def test_diff_of_a_utf16_page_says_it_is_shown_in_utf8(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    page = tmp_path / "page.md"
    page.write_bytes("Our non-invasive café.\n".encode("utf-16"))

    result = medlint("check", "--diff", "--config", config, page)

    assert result.exit_code == 1
    assert result.stdout.endswith("-Our non-invasive café.\n+Our minimally invasive café.\n")
    assert result.stderr.splitlines() == [
        f"medlint: note: {page} is UTF-16-LE: its diff shows the text as UTF-8, so patch cannot apply it",
        "Would fix 1 problem in 1 file.",
    ]


def test_diff_on_a_clean_file_is_silent_and_exits_0(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "d.md"
    draft.write_text("A minimally invasive injection.\n", encoding="utf-8")

    result = medlint("check", "--diff", "--config", config, draft)

    assert (result.exit_code, result.stdout) == (0, "")
    assert "Would fix 0 problems in 0 files." in result.stderr


def test_fix_command_without_interactive_is_check_fix(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "d.txt"
    draft.write_text("Non-invasive sperm cells.\n", encoding="utf-8")

    result = medlint("fix", "--config", config, draft)

    assert draft.read_text(encoding="utf-8") == "Minimally invasive stem cells.\n"
    assert "Fixed 2 problems in 1 file." in result.stdout
    assert result.exit_code == 0


def test_stdin_fix_writes_fixed_text_to_stdout_and_report_to_stderr(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")

    result = medlint(
        "check", "--fix", "--config", config, "--stdin-filename", "page.md", "-",
        input=b"Our non-invasive cure.\r\n`non-invasive`\r\n",
    )  # fmt: skip

    assert result.stdout_bytes == b"Our minimally invasive cure.\r\n`non-invasive`\r\n"
    assert "Fixed 1 problem in 1 file." in result.stderr
    assert result.exit_code == 0


def test_stdin_fix_passes_unchanged_text_through(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    data = "\ufeffIt cures back pain. 😀\n".encode()

    result = medlint("check", "--fix", "--config", config, "-", input=data)

    assert result.stdout_bytes == data
    assert "[cures-back-pain]" in result.stderr
    assert result.exit_code == 1


def test_stdin_fix_keeps_utf16(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    data = "Sperm cells.\n".encode("utf-16")

    result = medlint_process("check", "--fix", "--config", config, "-", input=data)

    assert result.stdout == "Stem cells.\n".encode("utf-16")
    assert result.returncode == 0


def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00non-invasive")

    result = medlint_process("check", "--fix", "--config", config, binary)

    assert result.returncode == 2
    assert binary.read_bytes() == b"\x89PNG\x00\x00non-invasive"
    errors = result.stderr.decode().splitlines()
    assert errors == [f"medlint: error: {binary}: looks like a binary file (NUL bytes); not checked"]


def test_a_fix_the_file_encoding_cannot_hold_leaves_the_file_alone(tmp_path: Path) -> None:
    rules = """\
rules:
  - id: dash
    kind: substitution
    category: editorial
    message: "'{match}'"
    swap: {"non-invasive": "minimally\u2011invasive"}
"""
    config = make_config(tmp_path / "cfg", rules)
    draft = tmp_path / "latin.html"
    page = '<meta charset="iso-8859-1"><p>Caf\u00e9, non-invasive.</p>\n'.encode("latin-1")
    draft.write_bytes(page)

    result = medlint_process("check", "--fix", "--config", config, draft)

    assert result.returncode == 2
    assert draft.read_bytes() == page
    assert f"medlint: error: {draft}: the fix adds" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_interactive_refuses_stdin(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")

    result = medlint("fix", "-i", "--config", config, "-", input="1\n")

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot fix stdin" in result.stderr


def test_builtin_rules_fix_the_fixture_drafts(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    shutil.copytree(REPO_ROOT / "fixtures" / "drafts", drafts)
    (tmp_path / ".medlint.yaml").write_text("{}\n", encoding="utf-8")  # no config from above tmp_path
    originals = {p.name: p.read_bytes() for p in drafts.iterdir()}
    before = json.loads(medlint("check", "--format", "json", drafts).stdout)
    fixable_lines: dict[str, set[int]] = {}
    for finding in before["findings"]:
        if finding["fix"] is not None:
            lines = range(finding["line"], finding["end_line"] + 1)
            fixable_lines.setdefault(Path(finding["path"]).name, set()).update(lines)
    assert fixable_lines, "the fixture drafts have fixable problems"

    first = medlint("check", "--fix", drafts)
    assert first.exit_code in (0, 1), first.stderr

    after = json.loads(medlint("check", "--format", "json", drafts).stdout)
    assert [f for f in after["findings"] if f["fix"] is not None] == []
    for path in drafts.iterdir():
        text = path.read_text(encoding="utf-8")
        prose = parse_document(str(path), text, format_for(path.name) or "text").prose.lower()
        assert "non-invasive" not in prose and "noninvasive" not in prose, path.name
        # Only lines that held a fixable finding changed; every other line is byte for byte the same.
        old, new = originals[path.name].split(b"\n"), path.read_bytes().split(b"\n")
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        touched = {i + 1 for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag != "equal" for i in range(i1, i2)}
        assert touched <= fixable_lines.get(path.name, set()), path.name

    again = medlint("check", "--fix", drafts)
    assert "Fixed 0 problems in 0 files." in again.stdout


def test_fix_through_a_real_process_matches_in_process(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    for path in (one, two):
        path.write_text("Our Non-invasive sperm cells.\n", encoding="utf-8")

    fix(one, config)
    result = medlint_process("check", "--fix", "--config", config, two)

    assert result.returncode == 0
    assert one.read_bytes() == two.read_bytes() == b"Our Minimally invasive stem cells.\n"


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    draft = tmp_path / "quote.md"
    draft.write_text(
        "<!-- medlint-disable-next-line non-invasive -- a patient's own words -->\n"
        "She called it non-invasive.\n\nOur non-invasive shot.\n",
        encoding="utf-8",
    )

    code, out, _err = fix(draft, config)

    assert draft.read_text(encoding="utf-8") == (
        "<!-- medlint-disable-next-line non-invasive -- a patient's own words -->\n"
        "She called it non-invasive.\n\nOur minimally invasive shot.\n"
    )
    assert "Fixed 1 problem in 1 file." in out
    assert code == 0


def test_a_fix_replaces_a_character_reference_inside_the_match_but_not_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>Stem cell care: sperm&nbsp;cells, not sperm <em>cells</em>.</p>\n", encoding="utf-8")

    medlint("check", "--fix", "--no-color", "--select", "sperm-cells", page)

    assert page.read_text(encoding="utf-8") == "<p>Stem cell care: stem cells, not sperm <em>cells</em>.</p>\n"


QUOTED_SWAPS = """\
rules:
  - id: pain-free
    kind: substitution
    category: absolute-safety
    message: "'{match}' promises no pain."
    swap:
      pain free: "we'll keep you comfortable"
      painless: 'gentle "low-pain"'
"""


def test_a_swap_with_quotes_is_escaped_in_a_javascript_string(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", QUOTED_SWAPS)
    draft = tmp_path / "page.mdx"
    draft.write_text(
        "export const metadata = { title: \"Painless knees\", description: 'Pain free care.' }\n\n"
        '{"Painless care for you."}\n\nPain free care.\n',
        encoding="utf-8",
    )

    code, out, _err = fix(draft, config)

    assert draft.read_text(encoding="utf-8") == (
        'export const metadata = { title: "Gentle \\"low-pain\\" knees", description: \'We\\\'ll keep you comfortable'
        " care.' }\n\n"
        '{"Gentle \\"low-pain\\" care for you."}\n\nWe\'ll keep you comfortable care.\n'
    )
    assert "Fixed 4 problems in 1 file." in out
    assert code == 0


def test_a_swap_with_quotes_is_not_applied_where_a_quote_cannot_be_escaped(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", QUOTED_SWAPS)
    text = '<Hero title="Painless knees" />\n'
    draft = tmp_path / "page.mdx"
    draft.write_text(text, encoding="utf-8")
    markdown = tmp_path / "page.md"
    markdown.write_text("---\ntitle: 'Pain free knees'\n---\n\nText.\n", encoding="utf-8")

    code, out, _err = fix(draft, config)
    fix(markdown, config)

    assert draft.read_text(encoding="utf-8") == text
    assert markdown.read_text(encoding="utf-8") == "---\ntitle: 'Pain free knees'\n---\n\nText.\n"
    assert "Fixed 0 problems in 0 files." in out
    assert code == 1


@pytest.mark.parametrize("name", ["page.html", "page.astro", "page.mdx"])
def test_a_swap_with_quotes_is_not_applied_inside_an_html_attribute(tmp_path: Path, name: str) -> None:
    config = make_config(tmp_path / "cfg", QUOTED_SWAPS)
    # The match is the whole value: no word after it shows the quote ending the value early.
    text = '<h1 title="Painless">Knees</h1>\n\n<img alt=\'Pain free\' src="knee.png">\n'
    draft = tmp_path / name
    draft.write_text(text, encoding="utf-8")

    code, out, _err = fix(draft, config)

    assert draft.read_text(encoding="utf-8") == text
    assert "Fixed 0 problems in 0 files." in out
    assert code == 1


def test_a_swap_with_quotes_still_goes_into_prose_beside_an_attribute(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", QUOTED_SWAPS)
    draft = tmp_path / "page.html"
    draft.write_text('<p title="Knees">Painless knees, pain free.</p>\n', encoding="utf-8")

    fix(draft, config)

    assert draft.read_text(encoding="utf-8") == (
        '<p title="Knees">Gentle "low-pain" knees, we\'ll keep you comfortable.</p>\n'
    )


BACKSLASH_SWAPS = """\
rules:
  - id: no-risk
    kind: substitution
    category: absolute-safety
    message: "'{match}' promises no risk."
    swap:
      no risk: 'low risk, see A\\B'
      no pain: 'some pain \\'
"""


def test_a_swap_with_a_backslash_is_escaped_in_a_javascript_string(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", BACKSLASH_SWAPS)
    draft = tmp_path / "page.mdx"
    draft.write_text("{\"No risk\"} and {'no pain'}\n\nNo risk, no pain here.\n", encoding="utf-8")

    fix(draft, config)

    # In a string a lone backslash would drop the B, or escape the closing quote and break the page.
    assert draft.read_text(encoding="utf-8") == (
        "{\"Low risk, see A\\\\B\"} and {'some pain \\\\'}\n\nLow risk, see A\\B, some pain \\ here.\n"
    )


@pytest.mark.parametrize("tool", ["patch", "git apply"])
def test_diff_of_files_with_unusual_names_applies_with_patch_and_git_apply(tmp_path: Path, tool: str) -> None:
    # A tab would end the name in the header and a line end would end the header; patch splits
    # at a space; a backslash is no separator on POSIX.
    names = ["tab\there.md", "line\nend.md", 'a "quote".md', "back\\slash.md", "sp ace.md", "plain.md"]
    data = b"Our non-invasive injection.\n"
    patch, config, work, copy = _patch_folders(tmp_path, names[0], data)
    for name in names[1:]:
        for folder in (work, copy):
            (folder / name).write_bytes(data)
    command = [patch, "-p1", "-s"] if tool == "patch" else ["git", "apply", "--unsafe-paths", "-"]
    if tool == "git apply" and shutil.which("git") is None:
        pytest.skip("no git")

    result = medlint_process("check", "--diff", "--config", config, ".", cwd=work)
    assert result.returncode == 1

    subprocess.run(command, input=result.stdout, cwd=copy, check=True, capture_output=True)
    for name in names:
        assert (copy / name).read_bytes() == b"Our minimally invasive injection.\n", name


def test_a_fix_left_out_says_why_under_its_finding_and_in_the_summary(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", FIX_RULES_WITH_QUOTES)
    page = tmp_path / "page.html"
    text = '<p>We inject <b>sp</b>erm cells.</p>\n<h1 title="Painless">Knees</h1>\n<p>Painless knees.</p>\n'
    page.write_text(text, encoding="utf-8")

    code, out, _err = fix(page, config)
    as_json = medlint("check", "--format", "json", "--config", config, page)

    assert "   = not fixed: '</b>' stands inside a word, and the fix would drop it; edit it by hand\n" in out
    assert "   = not fixed: a quote in its wording would end the quoted value it goes in; edit it by hand\n" in out
    assert "2 not fixable here without breaking the markup (see 'not fixed')." in out
    assert "Fixed 1 problem in 1 file." in out
    assert code == 1
    page.write_text(text, encoding="utf-8")
    diff = medlint("check", "--diff", "--config", config, page)
    assert diff.stderr.splitlines()[-1] == (
        "Would fix 1 problem in 1 file. 2 more need editing by hand (`medlint check` says why)."
    )
    refused = [f["fix_refused"] for f in json.loads(as_json.stdout)["findings"]]
    assert refused == [
        "'</b>' stands inside a word, and the fix would drop it",
        "a quote in its wording would end the quoted value it goes in",
    ]


FIX_RULES_WITH_QUOTES = (
    QUOTED_SWAPS
    + """\
  - id: sperm-cells
    kind: substitution
    category: terminology
    message: "'{match}' where stem cells are meant."
    swap:
      sperm cells: stem cells
"""
)


def _pages_to_fix(tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    """A config, a folder, and its 300 pages with two problems each to fix."""
    pages = tmp_path / "pages"
    pages.mkdir()
    named = [pages / f"p{number:03}.md" for number in range(300)]
    for page in named:
        page.write_text("Our non-invasive care uses sperm cells.\n", encoding="utf-8")
    return make_config(tmp_path / "cfg"), pages, named


def _fix_in_the_background(
    config: Path, pages: Path, ctrl_c: signal.Handlers = signal.SIG_DFL
) -> subprocess.Popen[bytes]:
    """``medlint fix`` of ``pages`` started in the background, which a Ctrl-C (SIGINT) stops as at a
    terminal; with ``ctrl_c`` SIG_IGN it ignores one, as under `nohup` or after `&` in a script."""
    return subprocess.Popen(
        [sys.executable, "-m", "medlint", "fix", "--config", str(config), str(pages)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, ctrl_c),
    )


def _wait_for_the_first_save(process: subprocess.Popen[bytes], named: list[Path]) -> None:
    """Until a page is fixed. Only the pages are read: a save's temporary file may be gone by then."""
    deadline = time.monotonic() + 60
    while not any(b"stem" in page.read_bytes() for page in named):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.001)


def test_ctrl_c_while_fixing_says_which_files_were_fixed_and_leaves_none_half_written(tmp_path: Path) -> None:
    config, pages, named = _pages_to_fix(tmp_path)
    process = _fix_in_the_background(config, pages)
    try:
        _wait_for_the_first_save(process, named)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    fixed = sum(page.read_bytes() == b"Our minimally invasive care uses stem cells.\n" for page in pages.iterdir())
    unchanged = sum(page.read_bytes() == b"Our non-invasive care uses sperm cells.\n" for page in pages.iterdir())
    assert process.returncode == 130, err
    assert fixed + unchanged == len(list(pages.iterdir())) == 300  # every file whole, no temporary file left
    left = f"; {unchanged} other file{'' if unchanged == 1 else 's'} to fix left unchanged" if unchanged else ""
    files = f"{fixed} file{'' if fixed == 1 else 's'}"
    assert err.decode().splitlines() == [f"medlint: interrupted after fixing {2 * fixed} problems in {files}{left}"]


def test_a_fix_started_with_ctrl_c_ignored_is_not_stopped_by_one_while_it_saves(tmp_path: Path) -> None:
    # `nohup medlint fix`, or `medlint fix &` in a script: the shell has the process ignore Ctrl-C.
    config, pages, named = _pages_to_fix(tmp_path)
    process = _fix_in_the_background(config, pages, ctrl_c=signal.SIG_IGN)
    try:
        _wait_for_the_first_save(process, named)
        while process.poll() is None:  # a Ctrl-C at every moment of the saves
            process.send_signal(signal.SIGINT)
            time.sleep(0.001)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    assert process.returncode == 0, err
    assert all(page.read_bytes() == b"Our minimally invasive care uses stem cells.\n" for page in named)


# `medlint fix` as its installed script runs it, sent SIGTERM (`kill`, a CI job's time-out) while a
# page's new text is in its temporary file, just before the file takes the page's place.
_TERMINATED_WHILE_SAVING = """\
import os, signal, sys

replace = os.replace

def terminated_then_replace(source, target):
    os.kill(os.getpid(), signal.SIGTERM)
    replace(source, target)

os.replace = terminated_then_replace
from medlint.entry import main
sys.argv = ["medlint", "fix", "--config", sys.argv[1], sys.argv[2]]
sys.exit(main())
"""


def test_a_fix_ended_by_sigterm_while_saving_saves_the_page_whole_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    config = make_config(tmp_path / "cfg")
    pages = tmp_path / "pages"
    pages.mkdir()
    page = pages / "page.md"
    page.write_text("Our non-invasive care uses sperm cells.\n", encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-c", _TERMINATED_WHILE_SAVING, str(config), str(pages)],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1", "MEDLINT_NO_CACHE": "1"},
        timeout=60,
        check=False,
    )

    assert done.returncode == -signal.SIGTERM, done.stderr
    assert [path.name for path in pages.iterdir()] == ["page.md"]
    assert page.read_bytes() == b"Our minimally invasive care uses stem cells.\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="stalls the write with a Linux file lease")
def test_a_second_ctrl_c_stops_a_fix_whose_write_hangs(tmp_path: Path) -> None:
    import fcntl

    config = make_config(tmp_path / "cfg")
    pages = tmp_path / "pages"
    pages.mkdir()
    named = [pages / f"p{number:03}.md" for number in range(200)]
    for page in named:
        page.write_text("Our non-invasive care.\n", encoding="utf-8")
    last = named[-1]
    # The last page has a second name, so it is written in place; a read lease this process holds on
    # it makes opening it to write wait (the lease's break time, 45 s), as on a stalled network disk.
    os.link(last, tmp_path / "elsewhere.md")
    previous = signal.signal(signal.SIGIO, signal.SIG_IGN)  # what a lease's holder is told when it must go
    lease = os.open(last, os.O_RDONLY)
    process = None
    try:
        fcntl.fcntl(lease, fcntl.F_SETLEASE, fcntl.F_RDLCK)
        process = _fix_in_the_background(config, pages)
        deadline = time.monotonic() + 40
        while sum(b"minimally" in page.read_bytes() for page in named[:-1]) < 199:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.01)
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)  # held until the file is saved, which does not come
        time.sleep(0.3)
        assert process.poll() is None
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    finally:
        if process is not None and process.poll() is None:
            process.kill()
        os.close(lease)
        signal.signal(signal.SIGIO, previous)

    assert process.returncode == 130, err
    assert err.decode().splitlines() == [
        "medlint: interrupted after fixing 199 problems in 199 files; 1 other file to fix left unchanged"
    ]
    assert last.read_bytes() == b"Our non-invasive care.\n"
