"""Bad input never crashes a run: each unreadable file is one line, the rest is still checked.

Tests run as root, where ``chmod 000`` does not stop a read, so "unreadable"
is made honestly in other ways: a symlink to nothing, a symlink loop, a pipe
named like a page (reading it would block forever), a binary file, text that
is not UTF-8 and declares no charset.
"""

from __future__ import annotations

import importlib.util
import json
import os
import py_compile
import resource
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT

RULES = """\
rules:
  - id: miracle-cure
    category: efficacy
    message: "'{match}' promises a cure."
    phrases: ["miracle cure"]
  - id: runaway
    category: editorial
    message: "'{match}'"
    # Never matches, but backtracks exponentially on a run of a's before a b.
    patterns: ['(a|a)+(?=c)b']
"""


def _medlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medlint", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def _site(tmp_path: Path, rules: str = RULES) -> Path:
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "good.md").write_text("# Knees\n\nThis miracle cure works.\n", encoding="utf-8")
    return site


def _errors(stderr: str) -> dict[str, str]:
    """The error lines, by the file they name."""
    found = {}
    for line in stderr.splitlines():
        assert line.startswith("medlint: "), line
        if line.startswith("medlint: error: "):
            path, _, problem = line.removeprefix("medlint: error: ").partition(": ")
            found[Path(path).name] = problem
    return found


def _assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


def _page_findings(tmp_path: Path, rules: str, name: str, page: str) -> list[dict[str, object]]:
    """The JSON findings of ``page``, saved as ``name``, under ``rules`` alone; no traceback, nothing on stderr."""
    _site(tmp_path, rules)
    (tmp_path / name).write_text(page, encoding="utf-8")
    result = _medlint("check", "--format", "json", name, cwd=tmp_path)
    _assert_no_traceback(result)
    assert result.stderr == ""
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def test_unreadable_inputs_are_one_line_each_and_the_rest_is_checked(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (site / "legacy.txt").write_bytes("Caf\u00e9 miracle cure".encode("latin-1"))
    (site / "word.txt").write_bytes("A miracle cure, saved from Word.\r\n".encode("utf-16-le"))
    (site / "gone.md").symlink_to(site / "deleted.md")
    (site / "loop-a.md").symlink_to(site / "loop-b.md")
    (site / "loop-b.md").symlink_to(site / "loop-a.md")
    os.mkfifo(site / "pipe.md")
    (site / "sub").mkdir()
    (site / "sub" / "up").symlink_to(site, target_is_directory=True)  # a folder loop
    (site / "sub" / "also.md").write_text("Another miracle cure.\n", encoding="utf-8")

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    errors = _errors(result.stderr)
    assert set(errors) == {"photo.md", "legacy.txt", "word.txt", "gone.md", "loop-a.md", "loop-b.md", "pipe.md"}
    assert "binary" in errors["photo.md"]
    assert errors["word.txt"] == "looks like UTF-16 text with no byte-order mark; save it as UTF-8 to check it"
    assert "UTF-8" in errors["legacy.txt"]
    assert "no such file" in errors["gone.md"]
    assert "symbolic links" in errors["loop-a.md"]
    assert "not a regular file" in errors["pipe.md"]
    report = json.loads(result.stdout)
    # The readable pages are still checked and reported, the looped folder once.
    assert sorted(Path(f["path"]).name for f in report["findings"]) == ["also.md", "good.md"]
    assert report["summary"]["files"] == 2


@pytest.mark.parametrize("output_format", ["sarif", "github", "junit"])
def test_a_symlink_loop_is_one_line_in_every_ci_format_that_names_it_by_its_path(
    tmp_path: Path, output_format: str
) -> None:
    site = _site(tmp_path)
    (site / "loop-a.md").symlink_to(site / "loop-b.md")
    (site / "loop-b.md").symlink_to(site / "loop-a.md")

    result = _medlint("check", "--format", output_format, "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert set(_errors(result.stderr)) == {"loop-a.md", "loop-b.md"}
    assert "loop-a.md" in result.stdout
    assert "good.md" in result.stdout


@pytest.mark.parametrize("output_format", ["sarif", "github", "junit"])
def test_a_link_is_named_as_the_link_in_every_ci_format_not_as_what_it_points_to(
    tmp_path: Path, output_format: str
) -> None:
    # A CI annotation on the target would name a file that does not exist, or one outside the site.
    site = _site(tmp_path)
    (site / "broken.md").symlink_to("nowhere.md")
    elsewhere = tmp_path / "drafts" / "claims.md"
    elsewhere.parent.mkdir()
    elsewhere.write_text("A miracle cure, they say.\n", encoding="utf-8")
    (site / "linked.md").symlink_to(elsewhere)

    result = _medlint("check", "--format", output_format, "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert set(_errors(result.stderr)) == {"broken.md"}
    assert "site/broken.md" in result.stdout
    assert "site/linked.md" in result.stdout
    assert "nowhere.md" not in result.stdout
    assert "drafts/claims.md" not in result.stdout


def test_a_unix_socket_named_or_in_a_folder_is_not_a_regular_file_as_a_pipe_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Opening a socket fails (ENXIO): it was "cannot read: No such device or address".
    site = _site(tmp_path)
    (site / "sub").mkdir()
    monkeypatch.chdir(tmp_path)  # a socket's path is at most 107 bytes: bound by a short relative one
    with socket.socket(socket.AF_UNIX) as first, socket.socket(socket.AF_UNIX) as second:
        first.bind("site/sock.md")
        second.bind("site/sub/named.md")

        result = _medlint("check", "--format", "json", "site", "site/sub/named.md", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    problem = "not a regular file (a pipe, socket or device); not checked"
    assert _errors(result.stderr) == {"sock.md": problem, "named.md": problem}
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["findings"]] == ["good.md"]


@pytest.mark.parametrize(
    ("text", "encoding", "error"),
    [
        ("A miracle cure.\n", "utf-32-le", "looks like UTF-32 text with no byte-order mark"),
        ("A miracle cure.\n", "utf-32-be", "looks like UTF-32 text with no byte-order mark"),
        ("Чудесное лекарство, café ☀ 😀\n", "utf-32-le", "looks like UTF-32 text with no byte-order mark"),
        # A character with a NUL low byte (☀ is U+2600, 😀 a pair of which one ends in 00) hid UTF-16 too.
        ("A miracle cure, café ☀ 😀\n", "utf-16-le", "looks like UTF-16 text with no byte-order mark"),
        ("A miracle cure, café ☀ 😀\n", "utf-16-be", "looks like UTF-16 text with no byte-order mark"),
        ("Чудесное лекарство, которое работает.\n", "utf-16-be", "looks like UTF-16 text with no byte-order mark"),
        # Four-byte numbers, small ones: not text, whatever their NULs look like.
        ("".join(map(chr, range(1, 13))), "utf-32-le", "looks like a binary file (NUL bytes)"),
    ],
    ids=[
        "utf-32-le",
        "utf-32-be",
        "utf-32-le-cyrillic",
        "utf-16-le-symbols",
        "utf-16-be-symbols",
        "utf-16-be-cyrillic",
        "int32s",
    ],
)
def test_utf32_or_utf16_text_without_a_byte_order_mark_is_named_so_not_binary(
    tmp_path: Path, text: str, encoding: str, error: str
) -> None:
    # UTF-32 text has three NULs in four bytes for Latin text, and was called a binary file.
    site = _site(tmp_path)
    (site / "saved.md").write_bytes(text.encode(encoding))

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    advice = "; save it as UTF-8 to check it" if "text" in error else "; not checked"
    assert _errors(result.stderr) == {"saved.md": error + advice}
    assert json.loads(result.stdout)["summary"]["files"] == 1  # the other page is still checked


def test_a_folder_link_up_to_the_walked_folder_or_above_it_is_not_followed(tmp_path: Path) -> None:
    # /proc/self/root leads to "/": following it walked the whole machine, and never ended.
    site = _site(tmp_path)
    (tmp_path / "outside.md").write_text("Not in the site: a miracle cure.\n", encoding="utf-8")
    (site / "sub").mkdir()
    (site / "sub" / "root").symlink_to(tmp_path, target_is_directory=True)
    (site / "sub" / "gone.md").symlink_to(site / "deleted.md")

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert set(_errors(result.stderr)) == {"gone.md"}
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"site/good.md"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files and folders whatever their permissions")
def test_a_file_or_folder_without_read_permission_is_one_line_and_the_rest_is_checked(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "locked.md").write_text("A miracle cure.\n", encoding="utf-8")
    (site / "locked.md").chmod(0o000)
    (site / "private").mkdir()
    (site / "private" / "page.md").write_text("A miracle cure.\n", encoding="utf-8")
    (site / "private").chmod(0o000)
    try:
        result = _medlint("check", "--format", "json", "site", cwd=tmp_path)
    finally:
        (site / "private").chmod(0o755)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert _errors(result.stderr) == {
        "locked.md": "permission denied",
        "private": "permission denied (folder not searched)",
    }
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"site/good.md"}


@pytest.mark.skipif(not Path("/proc/self/root").is_symlink(), reason="needs Linux's /proc")
def test_proc_self_is_checked_to_an_end_with_one_line_per_unreadable_file(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "gone.md").symlink_to(site / "deleted.md")

    # /proc/self/cwd is the site's folder; /proc/self/root, and each task's, lead to "/".
    result = _medlint("check", "--format", "json", "/proc/self", cwd=site)

    _assert_no_traceback(result)
    assert result.returncode == 2
    # (Not as root, some of the process's own folders, such as map_files, may not be listed: a line each.)
    assert "medlint: error: /proc/self/cwd/gone.md: no such file" in result.stderr.splitlines()
    assert all(line.startswith("medlint: error: /proc/self/") for line in result.stderr.splitlines())
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"/proc/self/cwd/good.md"}


def test_a_file_name_with_a_line_end_stays_on_one_report_line(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "new\npage.md").write_text("A miracle cure.\n", encoding="utf-8")
    (site / "old\npage.md").write_bytes(b"\x00\x01binary")

    result = _medlint("check", "--no-color", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "medlint: error: site/old\\npage.md: looks like a binary file (NUL bytes); not checked"
    ]
    findings = [line for line in result.stdout.splitlines() if "[miracle-cure]" in line]
    assert [line.split(": ")[0] for line in findings] == ["site/good.md:3:6", "site/new\\npage.md:1:3"]
    json_report = json.loads(_medlint("check", "--format", "json", "site", cwd=tmp_path).stdout)
    assert {f["path"] for f in json_report["findings"]} == {"site/good.md", "site/new\npage.md"}


def test_a_declared_charset_is_used_for_text_that_is_not_utf8(tmp_path: Path) -> None:
    site = _site(tmp_path)
    page = '<html><head><meta charset="windows-1252"></head>'
    page += "<body><p>Caf\u00e9: a miracle cure \u2013 really.</p></body>"
    (site / "legacy.html").write_bytes(page.encode("cp1252"))

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert {(Path(f["path"]).name, f["text"]) for f in findings} == {
        ("good.md", "miracle cure"),
        ("legacy.html", "miracle cure"),
    }


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin1", "us-ascii", "windows-874"])
def test_a_page_declaring_a_legacy_charset_is_read_as_browsers_read_it(tmp_path: Path, declared: str) -> None:
    # The WHATWG encoding standard reads Latin-1 and ASCII pages as windows-1252, where 0x92 is a curly
    # apostrophe (as in windows-874, a label Python's codecs do not know). Read as Latin-1 it was the
    # control U+0092, and "you’ll look just like them" went unreported.
    page = f'<meta charset="{declared}"><p>Book today: you\x92ll look just like them.</p>\n'.encode("latin-1")
    (tmp_path / "legacy.html").write_bytes(page)

    result = _medlint("check", "--format", "json", "legacy.html", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == [("typical-testimonial", "you\u2019ll look just like them")]


@pytest.mark.parametrize(
    "declared, body, error",
    [
        # A charset Python has no codec for.
        ("undefined", b"<p>Caf\xe9 miracle cure</p>", "cannot be decoded as undefined"),
        # A page saved as Latin-1 that says it is UTF-8.
        (
            "utf-8",
            b"<p>Caf\xe9: a miracle cure</p>",
            "not valid UTF-8 (byte 0xe9 at offset 28), though it declares UTF-8; save it as UTF-8",
        ),
        # A charset no codec is known by: it was told to declare its charset.
        (
            "x-mac-klingon",
            b"<p>Caf\xe9 miracle cure</p>",
            "not valid UTF-8 (byte 0xe9 at offset 36), and it declares the charset 'x-mac-klingon', which medlint"
            " does not know; save it as UTF-8",
        ),
        # A page of 8-bit text that declares UTF-16 (an export's template): read as declared, it was
        # one line of unrelated characters, with nothing to report.
        (
            "utf-16",
            b"<p>Caf\xe9: a miracle cure</p>",
            "not valid UTF-8 (byte 0xe9 at offset 29), and its declared utf-16 is read as UTF-8, as browsers read it;"
            " save it as UTF-8",
        ),
    ],
)
def test_a_page_its_declared_charset_cannot_decode_is_one_line(
    tmp_path: Path, declared: str, body: bytes, error: str
) -> None:
    site = _site(tmp_path)
    (site / "legacy.html").write_bytes(f'<meta charset="{declared}">'.encode() + body)

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert error in _errors(result.stderr)["legacy.html"]
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["findings"]] == ["good.md"]


def test_an_empty_file_is_clean(tmp_path: Path) -> None:
    _site(tmp_path)
    (tmp_path / "empty.md").write_bytes(b"")

    result = _medlint("check", "empty.md", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 0
    assert "No problems found in 1 file." in result.stdout


def test_a_runaway_user_pattern_is_stopped_and_named_and_other_rules_still_run(tmp_path: Path) -> None:
    _site(tmp_path)
    (tmp_path / "page.txt").write_text("a" * 40 + "b. This miracle cure works.\n", encoding="utf-8")

    result = _medlint("check", "--format", "json", "page.txt", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["miracle-cure"]
    notices = [line for line in result.stderr.splitlines() if "runaway" in line]
    assert len(notices) == 1
    assert notices[0].startswith("medlint: warning: ")
    assert "rules.yaml" in notices[0] and "page.txt" in notices[0]


@pytest.mark.parametrize(
    "where, text",
    [
        ("config", "select: !!python/object/apply:os.system ['echo pwned']\n"),
        ("rules", "rules:\n  - !!python/object:builtins.dict {id: x}\n"),
    ],
)
def test_yaml_that_would_run_code_is_refused_with_one_line(tmp_path: Path, where: str, text: str) -> None:
    (tmp_path / "page.md").write_text("Fine.\n", encoding="utf-8")
    if where == "config":
        (tmp_path / ".medlint.yaml").write_text(text, encoding="utf-8")
        named = ".medlint.yaml"
    else:
        (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
        (tmp_path / ".medlint.yaml").write_text("rules: [rules.yaml]\n", encoding="utf-8")
        named = "rules.yaml"

    result = _medlint("check", "page.md", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert "pwned" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert named in lines[0] and "python/object" in lines[0]


def test_a_gitignore_line_git_cannot_use_is_skipped_and_the_rest_still_applies(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "draft.md").write_text("Another miracle cure.\n", encoding="utf-8")
    # git reads a reversed range or a lone backslash as a pattern that matches nothing.
    (site / ".gitignore").write_text("[z-a].md\n\\\n[[x\ndraft.md\n", encoding="utf-8")

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.stderr == ""
    assert result.returncode == 1
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["findings"]] == ["good.md"]


@pytest.mark.parametrize("key", ["include", "exclude"])
def test_a_config_glob_that_cannot_be_read_is_one_line_naming_the_config(tmp_path: Path, key: str) -> None:
    _site(tmp_path)
    (tmp_path / ".medlint.yaml").write_text(f"builtin_rules: false\nrules: [rules.yaml]\n{key}: ['[z-a]']\n")

    result = _medlint("check", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    problem = f"{key}: '[z-a]' is not a gitignore-style pattern medlint can read"
    assert result.stderr.splitlines() == [f"medlint: error: {tmp_path / '.medlint.yaml'}: {problem}"]


def _controls(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 32 and c != "\n") or 127 <= ord(c) < 160}


def test_control_characters_of_a_page_never_reach_the_terminal_and_the_marker_stays_under_the_words(
    tmp_path: Path,
) -> None:
    _site(tmp_path)
    # A classic Mac file (lone CRs), and a title-setting escape sequence with a bell.
    page = "Intro.\rOur \x1b]0;owned\x07miracle cure\x08 works.\rThe end.\r"
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")

    result = _medlint("check", "--no-color", "page.txt", cwd=tmp_path)

    _assert_no_traceback(result)
    assert _controls(result.stdout) == set()
    lines = result.stdout.splitlines()
    excerpt = lines[1]
    # A lone CR ends the line, as the file's editor shows it; the rest are shown as symbols.
    assert excerpt == " 2 | Our \u241b]0;owned\u2407miracle cure\u2408 works."
    marker = lines[2]
    assert excerpt[marker.index("^") : marker.rindex("^") + 1] == "miracle cure"


def test_interactive_fixing_shows_no_control_character_of_the_page(tmp_path: Path) -> None:
    # The built-in rules, whose miracle rule has suggestions to choose from.
    (tmp_path / "page.txt").write_text("Our \x1b[2J\x1b]0;owned\x07miracle cure works.\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "medlint", "fix", "-i", "--no-color", "page.txt"],
        cwd=tmp_path,
        input="s\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    _assert_no_traceback(result)
    assert ">>miracle cure<<" in result.stdout
    assert _controls(result.stdout) == set()


def test_a_user_pattern_that_recurses_without_end_is_stopped_and_named_and_other_rules_still_run(
    tmp_path: Path,
) -> None:
    rules = RULES.replace("'(a|a)+(?=c)b'", "'(?R)?cure'")  # calls itself before it reads a character
    _site(tmp_path, rules)
    (tmp_path / "page.txt").write_text("This miracle cure works.\n", encoding="utf-8")

    def limit_memory() -> None:
        # The regex module gives up on such a pattern with MemoryError when memory runs short: at
        # about 1 GB, or here, sooner than the rule's time budget would stop it.
        resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))

    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--format", "json", "page.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limit_memory,
    )

    _assert_no_traceback(result)
    assert result.returncode == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["miracle-cure"]
    [notice] = result.stderr.splitlines()
    assert notice.startswith("medlint: warning: ")
    assert "rules.yaml: rule 'runaway' stopped on page.txt (its pattern recurses without end)" in notice


VERBOSE_RULES = """\
patterns:
  drug: |-
    (?x) wonder \\s+ drug   # a named pattern, its comment closing the text
rules:
  - id: miracle-cure
    category: efficacy
    message: "'{match}' promises a cure."
    patterns:
      - |-
        (?x)
        miracle \\s+ cure   # the promise itself
      - "{@drug}"
    unless:
      - pattern: "(?x) in \\\\s+ quotes  # a quoted claim is not made"
"""


def test_a_verbose_pattern_that_ends_in_a_comment_is_read_as_written(tmp_path: Path) -> None:
    page = "A miracle cure, they said.\n\nA wonder drug too.\n\nA miracle cure in quotes.\n"

    findings = _page_findings(tmp_path, VERBOSE_RULES, "page.txt", page)

    assert [(f["line"], f["text"]) for f in findings] == [(1, "miracle cure"), (3, "wonder drug")]


NAMED_RANK = {
    "plain": "'ranked #1'",  # a literal space and "#1": no comment, though a verbose pattern uses it
    "verbose": "'(?x) ranked \\s+ \\#1  # the top rank'",
}
RANKED_FIRST = {
    "plain": "'{@rank} clinic'",
    "verbose": "'(?x) {@rank} \\s+ clinic  # a ranking claim'",
}


@pytest.mark.parametrize("outer", ["plain", "verbose"])
@pytest.mark.parametrize("named", ["plain", "verbose"])
def test_a_named_pattern_means_what_it_means_alone_in_a_plain_or_a_verbose_pattern(
    tmp_path: Path, outer: str, named: str
) -> None:
    rules = (
        f"patterns:\n  rank: {NAMED_RANK[named]}\n"
        "rules:\n  - id: ranked-first\n    category: efficacy\n    message: m\n"
        f"    patterns: [{RANKED_FIRST[outer]}]\n"
    )
    page = "The ranked #1 clinic.\n\nThe ranked#1 clinic.\n\nThe ranked #1clinic.\n\nThe ranked clinic.\n"

    findings = _page_findings(tmp_path, rules, "page.txt", page)

    assert [(f["line"], f["text"]) for f in findings] == [(1, "ranked #1 clinic")]


def test_a_verbose_named_pattern_ending_in_a_lone_backslash_is_an_error_not_a_line_end(tmp_path: Path) -> None:
    # Scoping the named pattern adds a line end after it; the backslash must not make that a character.
    rules = (
        "patterns:\n  cure: '(?x) cure \\'\n"
        "rules:\n  - id: cure\n    category: efficacy\n    message: m\n    patterns: ['miracle\\s+{@cure}']\n"
    )
    _site(tmp_path, rules)

    result = _medlint("check", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert "rule 'cure': bad regex in 'patterns'" in result.stderr


# A process under a file-size limit must not write Python's bytecode: Python would keep a .pyc cut
# short at the limit, and every later import of that module from the source tree would fail.
LIMITED_ENVIRONMENT = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def _run_with_file_size_limit(args: list[str], out: Path, cwd: Path, stdin: str) -> subprocess.CompletedProcess[bytes]:
    """medlint with stdout to ``out``, on a disk that takes 4 KB a file (RLIMIT_FSIZE: as a full disk does)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    with out.open("wb") as stdout:
        return subprocess.run(
            [sys.executable, "-m", "medlint", *args],
            cwd=cwd,
            env=LIMITED_ENVIRONMENT,
            input=stdin.encode("utf-8"),
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
            preexec_fn=limit,
        )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json", "page.md"],
        ["check", "--format", "sarif", "page.md"],
        ["check", "--fix", "--stdin-filename", "page.md", "-"],
        ["rules", "--format", "json"],
    ],
)
def test_output_that_cannot_be_written_whole_is_an_error_not_a_cut_report(tmp_path: Path, args: list[str]) -> None:
    page = "The injection is non-invasive, a miracle cure.\n" * 400
    (tmp_path / "page.md").write_text(page, encoding="utf-8")

    result = _run_with_file_size_limit(args, tmp_path / "out", tmp_path, stdin=page)

    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert result.returncode == 2
    assert stderr.splitlines()[-1] == "medlint: error: cannot write the output: File too large"


def test_fix_whose_report_cannot_be_written_says_the_files_are_fixed(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("Our non-invasive injection is a miracle cure.\n" * 40, encoding="utf-8")

    result = _run_with_file_size_limit(["fix", "page.md"], tmp_path / "out", tmp_path, stdin="")

    # The report of what is left did not fit: the fixes, made before it, must not look undone.
    assert result.stderr.decode().splitlines() == [
        "medlint: error: cannot write the output: File too large (the files are fixed: 40 problems in 1 file)"
    ]
    assert result.returncode == 2
    assert (tmp_path / "page.md").read_text(
        encoding="utf-8"
    ) == "Our minimally invasive injection is a miracle cure.\n" * 40


@pytest.mark.parametrize(
    ("closed", "args", "error"),
    [
        (1, ["check", "page.md"], "cannot write the output: Bad file descriptor"),
        (1, ["check", "--format", "json", "page.md"], "cannot write the output: Bad file descriptor"),
        (1, ["fix", "--diff", "page.md"], "cannot write the output: Bad file descriptor"),
        (1, ["rules"], "cannot write the output: Bad file descriptor"),
        (0, ["check", "-"], "<stdin>: cannot read: stdin is closed"),
        (0, ["check", "--fix", "--stdin-filename", "page.md", "-"], "page.md: cannot read: stdin is closed"),
    ],
)
def test_a_closed_stdin_or_stdout_is_one_line_and_exit_2(
    tmp_path: Path, closed: int, args: list[str], error: str
) -> None:
    # `medlint check page.md >&-` or `<&-` in a script: the descriptor is not there at all.
    (tmp_path / "page.md").write_text("The injection is non-invasive, a miracle cure.\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "medlint", *args],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(closed),
    )

    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"medlint: error: {error}"
    assert result.returncode == 2


def test_a_callers_own_stdout_file_is_written_to_and_left_open(tmp_path: Path) -> None:
    # A program that calls medlint's command line in its own process, with stdout a file of its own.
    (tmp_path / "page.md").write_text("Our injection is a miracle cure.\n", encoding="utf-8")
    script = (
        "import sys\nfrom medlint.cli import main\n"
        "sys.stdout = open('report.txt', 'w', encoding='utf-8')\n"
        "try:\n    main(['check', 'page.md'])\nexcept SystemExit as done:\n    code = done.code\n"
        "sys.stdout.flush()\nsys.stderr.write(f'exit {code}')\n"
    )

    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)

    assert result.stderr == "exit 1"
    assert "[miracle-breakthrough]" in (tmp_path / "report.txt").read_text(encoding="utf-8")


APOSTROPHE_RULES = """\
rules:
  - id: promised-cure
    category: efficacy
    message: "'{match}' promises a cure."
    patterns:
      - |-
        (?x) you ' ? ll \\s+ be \\s+ cured   # with or without the apostrophe
      - "(?#it's [sic)won't\\\\s+hurt\\\\s+a\\\\s+bit"
"""


def test_an_apostrophe_in_a_verbose_pattern_or_after_a_comment_keeps_its_meaning(tmp_path: Path) -> None:
    # "' ?" in a verbose pattern is an optional apostrophe: a run of them or none, not one or more.
    # A "[" in a comment opens no class, so the apostrophe after it matches a run too.
    page = "<p>Youll be cured.</p>\n<p>You&#8217;ll be cured.</p>\n<p>It won&#8217;t hurt a bit.</p>\n"

    findings = _page_findings(tmp_path, APOSTROPHE_RULES, "page.html", page)

    assert [f["line"] for f in findings] == [1, 2, 3]


SEPARATOR_RULES = """\
rules:
  - id: between-words
    category: efficacy
    message: m
    patterns:
      - "miracle cure"              # a plain pattern's literal space
      - 'wonder\\sdrug'             # a single \\s
      - 'pain[\\s-]free'            # a class of white space and hyphens
      - |-
        (?x) instant [\\s-]? relief  # verbose: white space before the quantifier is nothing
      - 'sure\\s{1}thing'           # a count means what it says
"""


def test_a_single_separator_in_a_user_pattern_matches_what_markup_leaves_between_words(tmp_path: Path) -> None:
    page = (
        "A miracle **cure**.\n\nA wonder  drug.\n\nIt is pain-*free*.\n\nInstant&nbsp;relief, instantrelief.\n\n"
        "A sure  thing.\n\nA miracle\ncure.\n"
    )

    findings = _page_findings(tmp_path, SEPARATOR_RULES, "page.md", page)

    assert [(f["line"], " ".join(str(f["text"]).split())) for f in findings] == [
        (1, "miracle **cure"),
        (3, "wonder drug"),
        (5, "pain-*free"),
        (7, "Instant&nbsp;relief"),
        (7, "instantrelief"),
        (11, "miracle cure"),
    ]


NAMED_CHARACTER_RULES = """\
rules:
  - id: named-characters
    category: efficacy
    message: m
    patterns:
      - 'Botox\\N{REGISTERED SIGN} cosmetic'   # a space in a character's name is part of the name
      - 'cure\\p{Dash Punctuation}all'          # and in a property's
"""


def test_a_space_inside_a_named_character_or_property_keeps_the_name_whole(tmp_path: Path) -> None:
    page = "Botox\u00ae Cosmetic, a cure\u2014all.\n"

    findings = _page_findings(tmp_path, NAMED_CHARACTER_RULES, "page.txt", page)

    assert [f["text"] for f in findings] == ["Botox\u00ae Cosmetic", "cure\u2014all"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--baseline", "/dev/zero"], "medlint: error: /dev/zero: cannot read: a device or a socket, not a file"),
        (["--config", "/dev/zero"], "medlint: error: /dev/zero: cannot read config: a device or a socket, not a file"),
    ],
)
def test_a_device_named_as_a_config_or_baseline_is_refused_not_read_without_end(
    tmp_path: Path, args: list[str], error: str
) -> None:
    (tmp_path / "page.md").write_text("A miracle cure.\n", encoding="utf-8")

    result = _medlint("check", *args, "page.md", cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.startswith(error)
    assert len(result.stderr.splitlines()) == 1


def test_a_config_that_is_a_symlink_to_nowhere_is_an_error_not_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("A miracle cure.\n", encoding="utf-8")
    (tmp_path / ".medlint.yaml").symlink_to(tmp_path / "shared" / "medlint.yaml")

    result = _medlint("check", "page.md", cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"medlint: error: {tmp_path / '.medlint.yaml'}: config file not found (a symlink to a file that does not exist)"
    ]


@pytest.mark.parametrize("name", [".medlint.yaml", ".medlint.yml"])
def test_a_folder_with_a_configs_name_is_an_error_naming_it_not_the_defaults(tmp_path: Path, name: str) -> None:
    # It was passed over as no config: the built-in rules ran, and a site's settings beside it were lost.
    (tmp_path / "page.md").write_text("A miracle cure.\n", encoding="utf-8")
    (tmp_path / name).mkdir()
    error = f"medlint: error: {tmp_path / name}: is a directory, not a file\n"

    for command in (["check", "page.md"], ["rules"]):
        result = _medlint(*command, cwd=tmp_path)

        _assert_no_traceback(result)
        assert (result.returncode, result.stderr) == (2, error)


def test_a_folder_named_with_config_is_an_error_and_a_rules_folder_is_read(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (tmp_path / "rules.yaml").rename(tmp_path / "pack.yaml")
    (tmp_path / "rules.yaml").mkdir()  # a rules folder, named as a file might be
    (tmp_path / "pack.yaml").rename(tmp_path / "rules.yaml" / "pack.yaml")

    named = _medlint("check", "--config", "rules.yaml", str(site), cwd=tmp_path)
    found = _medlint("check", "--format", "json", str(site), cwd=tmp_path)

    _assert_no_traceback(named)
    assert named.returncode == 2
    assert named.stderr.splitlines() == [
        "medlint: error: Invalid value for '--config': File 'rules.yaml' is a directory. See 'medlint check --help'."
    ]
    assert (found.returncode, found.stderr) == (1, "")
    assert [f["rule"] for f in json.loads(found.stdout)["findings"]] == ["miracle-cure"]


@pytest.mark.parametrize(
    "text",
    [
        # Nested by indicators alone, no bracket: PyYAML's C parser recursed until Python crashed.
        "ignore:\n  " + "- " * 50_000 + "x\n",
        "? " * 50_000 + "x\n",
        # Nested by indentation: a traceback from code reading the parsed data.
        "".join("  " * level + "a:\n" for level in range(600)),
        # Nested by brackets, under the old limit of a thousand levels: a traceback too.
        "ignore: " + "[" * 500 + "]" * 500 + "\n",
    ],
    ids=["dashes", "question marks", "indentation", "brackets"],
)
@pytest.mark.parametrize("where", ["config", "rules"])
def test_yaml_nested_deeply_is_one_line_naming_the_file(tmp_path: Path, where: str, text: str) -> None:
    (tmp_path / "page.md").write_text("Fine.\n", encoding="utf-8")
    if where == "config":
        named = tmp_path / ".medlint.yaml"
        named.write_text(text, encoding="utf-8")
    else:
        named = tmp_path / "rules.yaml"
        named.write_text(text.replace("ignore:", "rules:"), encoding="utf-8")
        (tmp_path / ".medlint.yaml").write_text("rules: [rules.yaml]\n", encoding="utf-8")

    result = _medlint("check", "page.md", cwd=tmp_path)

    _assert_no_traceback(result)
    assert (result.returncode, result.stderr) == (
        2,
        f"medlint: error: {named}: bad YAML: nested more than 100 levels deep\n",
    )


def test_rules_merging_the_rule_before_twice_are_read_in_time_and_checked(tmp_path: Path) -> None:
    # Merge keys are how a rule file shares defaults; merged copies of copies doubled at each rule.
    rules = ["  - &r0 {id: r0, category: efficacy, message: m, phrases: [tonic0]}\n"]
    rules += [f"  - &r{n} {{<<: [*r{n - 1}, *r{n - 1}], id: r{n}, phrases: [tonic{n}]}}\n" for n in range(1, 40)]
    _site(tmp_path, "rules:\n" + "".join(rules))
    (tmp_path / "page.md").write_text("Tonic39 works.\n", encoding="utf-8")

    result = _medlint("check", "--format", "json", "page.md", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 1
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["r39"]


@pytest.mark.parametrize(
    "encoding, problem",
    [
        ("latin-1", "not UTF-8 text (byte 0xe9 at offset 11); save it as UTF-8"),
        ("utf-16", "UTF-16 text, not UTF-8; save it as UTF-8"),  # Notepad's "Unicode", with its byte-order mark
    ],
)
@pytest.mark.parametrize("name", [".medlint.yaml", "rules.yaml"])
def test_a_config_or_rule_file_that_is_not_utf8_is_one_line_saying_what_to_do(
    tmp_path: Path, name: str, encoding: str, problem: str
) -> None:
    _site(tmp_path)
    (tmp_path / name).write_bytes("rules: [caf\u00e9.yaml]\n".encode(encoding))

    result = _medlint("check", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert (result.returncode, result.stderr) == (2, f"medlint: error: {tmp_path / name}: {problem}\n")


def test_links_to_devices_and_pipes_are_one_line_each_and_unicode_with_a_bom_is_checked(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "zero.md").symlink_to("/dev/zero")  # reading it would never end
    os.mkfifo(tmp_path / "pipe")
    (site / "to-pipe.md").symlink_to(tmp_path / "pipe")  # reading it would wait forever
    (site / "notepad.md").write_bytes("A miracle cure, saved as Unicode.\r\n".encode("utf-16"))
    (site / "big-endian.txt").write_bytes("A miracle cure.\n".encode("utf-32"))

    result = _medlint("check", "--format", "json", "site", str(site / "zero.md"), cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    unreadable = "not a regular file (a pipe, socket or device); not checked"
    assert _errors(result.stderr) == {"zero.md": unreadable, "to-pipe.md": unreadable}
    findings = json.loads(result.stdout)["findings"]
    assert sorted(Path(f["path"]).name for f in findings) == ["big-endian.txt", "good.md", "notepad.md"]


@pytest.mark.parametrize(
    "name, page",
    [
        ("deep.html", "<div>" * 10_000 + "<p>This miracle cure works.</p>" + "</div>" * 10_000),
        ("deep.md", "<div>" * 10_000 + "\n\nThis miracle cure works.\n\n" + "</div>" * 10_000),
        ("deep.mdx", "This miracle cure works.\n\n" + "<div>" * 10_000 + "x" + "</div>" * 10_000 + "\n"),
        ("deep.astro", "---\n---\n<p>This miracle cure works.</p>" + "<div>" * 10_000 + "</div>" * 10_000),
    ],
)
def test_html_nested_ten_thousand_deep_is_checked_in_every_format(tmp_path: Path, name: str, page: str) -> None:
    findings = _page_findings(tmp_path, RULES, name, page)
    assert [f["rule"] for f in findings] == ["miracle-cure"]


@pytest.mark.parametrize(
    "name, text, problem",
    [
        ("rules.yaml", "- id: x\n  phrases: [cure]\n", "a rule file must be a mapping with a 'rules' list"),
        ("rules.yaml", "just words\n", "a rule file must be a mapping with a 'rules' list"),
        ("rules.yaml", "rules: {id: x}\n", "'rules' must be a list of mappings"),
        (".medlint.yaml", "- rules.yaml\n", "the config must be a mapping of keys to values"),
    ],
)
def test_a_rule_file_or_config_of_the_wrong_shape_is_one_line_naming_it(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    site = _site(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")

    result = _medlint("check", str(site), cwd=tmp_path)

    _assert_no_traceback(result)
    assert (result.returncode, result.stderr) == (2, f"medlint: error: {tmp_path / name}: {problem}\n")


@pytest.mark.parametrize("link_to", ["a page elsewhere", "/dev/zero"])
def test_a_named_file_that_links_elsewhere_is_checked_with_its_folders_config(tmp_path: Path, link_to: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    site = _site(project)
    shared = tmp_path / "shared" / "page.md"
    shared.parent.mkdir()
    shared.write_text("Shared: a miracle cure.\n", encoding="utf-8")
    (site / "linked.md").symlink_to(shared if link_to == "a page elsewhere" else Path(link_to))

    result = _medlint("check", "--format", "json", "site/good.md", "site/linked.md", cwd=project)

    # The project's own rules (not the built-in ones a config-less folder gets) for every page.
    _assert_no_traceback(result)
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == {"miracle-cure"}


# A user pattern that backtracks exponentially on a run of a's before a b, in each place a rule's own
# regexes run besides its main pattern.
_RUNAWAY = "'(a|a)+(?=c)b'"


@pytest.mark.parametrize(
    "fields",
    [
        f"phrases: [tonic]\n    unless: [{{pattern: {_RUNAWAY}}}]\n",
        f"phrases: [tonic]\n    only_if: [{{pattern: {_RUNAWAY}, within: document}}]\n",
        f"phrases: [tonic]\n    only_if: [{{pattern: {_RUNAWAY}, within: paragraph, raw: true}}]\n",
        f"patterns: ['tonic[a ]+b']\n    suggestions: [{{text: elixir, when: {_RUNAWAY}}}]\n",
        "kind: fact\n    fact: price\n    normalise: money\n    patterns: ['(?P<value>\\$\\d+)']\n"
        f"    subjects: {{tonic: {{patterns: [{_RUNAWAY}]}}}}\n",
    ],
    ids=["unless", "only_if in the document", "only_if in the paragraph's text", "a suggestion's when", "subjects"],
)
def test_a_runaway_pattern_in_a_rules_conditions_is_stopped_and_named(tmp_path: Path, fields: str) -> None:
    rules = RULES.split("  - id: runaway")[0] + f"  - id: tonic\n    category: efficacy\n    message: m\n    {fields}"
    _site(tmp_path, rules)
    (tmp_path / "page.txt").write_text("A tonic " + "a" * 40 + "b for $90. This miracle cure works.\n")

    result = _medlint("check", "--format", "json", "page.txt", cwd=tmp_path)

    _assert_no_traceback(result)
    assert "miracle-cure" in [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert [line for line in result.stderr.splitlines() if "tonic" in line] == [
        f"medlint: warning: {tmp_path / 'rules.yaml'}: rule 'tonic' stopped after 2s on page.txt"
        " (its pattern backtracks too much); other rules still ran"
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        "(?:(?:(?:a{100}){100}){100}){100}",  # a hundred million a's written out
        "(?:(?:miracle ){1000,}){1000}",
    ],
)
def test_a_user_pattern_whose_counted_repeats_cannot_be_compiled_is_refused_at_once(
    tmp_path: Path, pattern: str
) -> None:
    huge = f"  - id: huge\n    category: efficacy\n    message: m\n    patterns: ['{pattern}']\n"
    rules = RULES.split("  - id: runaway")[0] + huge
    site = _site(tmp_path, rules)

    result = _medlint("check", str(site), cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"medlint: error: {tmp_path / 'rules.yaml'}: rule 'huge': 'patterns': its counted repeats")


def test_counted_repeats_that_compile_in_time_are_kept(tmp_path: Path) -> None:
    # Repeats with no least count, or small ones, are written out small: a rule may use them freely.
    rules = RULES.split("  - id: runaway")[0] + (
        "  - id: dates\n    category: efficacy\n    message: m\n"
        "    patterns: ['(?:(?:\\d{1,2}/){2}\\d{4} ){0,1000}since (?:\\w+\\s+){0,60}2019']\n"
    )
    site = _site(tmp_path, rules)
    (site / "dated.md").write_text("Open 01/02/2015 since the spring of 2019.\n", encoding="utf-8")

    result = _medlint("check", "--format", "json", str(site), cwd=tmp_path)

    _assert_no_traceback(result)
    assert sorted(f["rule"] for f in json.loads(result.stdout)["findings"]) == ["dates", "miracle-cure"]


def test_an_error_about_a_runaway_value_stays_one_short_line(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("select: [" + "x" * 200_000 + "]\n", encoding="utf-8")
    (tmp_path / "page.md").write_text("Fine.\n", encoding="utf-8")

    result = _medlint("check", "page.md", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"medlint: error: {tmp_path / '.medlint.yaml'}: select: no rule, pack or category")
    assert "'" + "x" * 80 + "...' (200,000 characters)" in line
    assert len(line) < 400


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["check", "--config", "pipe", "page.md"], "pipe: cannot read config: a pipe that nothing writes to"),
        (["check", "--baseline", "pipe", "page.md"], "pipe: cannot read: a pipe that nothing writes to"),
        (["baseline", "--output", "pipe", "page.md"], "pipe: cannot write: a pipe that nothing reads"),
    ],
)
def test_a_named_pipe_no_process_has_open_is_one_line_not_waited_on(
    tmp_path: Path, args: list[str], error: str
) -> None:
    os.mkfifo(tmp_path / "pipe")  # opening it to read, or to write, would wait for the other end forever
    (tmp_path / "page.md").write_text("A miracle cure.\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "medlint", *args], cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False
    )

    assert result.returncode == 2
    assert result.stderr == f"medlint: error: {error}\n"


def test_a_config_written_into_a_named_pipe_is_read(tmp_path: Path) -> None:
    _site(tmp_path)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    config = "builtin_rules: false\\nrules: [rules.yaml]\\n"
    write = subprocess.Popen(["sh", "-c", f'printf "{config}" > pipe'], cwd=tmp_path)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "medlint", "check", "--config", "pipe", "--format", "json", "site"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    finally:
        write.kill()
        write.wait()

    assert result.stderr == ""
    assert [finding["rule"] for finding in json.loads(result.stdout)["findings"]] == ["miracle-cure"]


def test_a_list_of_phrases_too_long_to_compile_is_refused_naming_phrases_not_repeats(tmp_path: Path) -> None:
    # A site's list of product names, pasted in whole: it has no counted repeat to make smaller.
    phrases = ", ".join(f'"brand{number} cream"' for number in range(12_000))
    many = f"  - id: brands\n    category: efficacy\n    message: m\n    phrases: [{phrases}]\n"
    site = _site(tmp_path, RULES.split("  - id: runaway")[0] + many)

    result = _medlint("check", str(site), cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"medlint: error: {tmp_path / 'rules.yaml'}: rule 'brands': 'phrases': they make one regex")
    assert line.endswith("items, too many to compile (at most 100,000); split them across several rules")


@pytest.mark.parametrize(
    ("name", "make", "error"),
    [
        (".medlint.yaml", "pipe", "cannot read config: a pipe that nothing writes to"),
        (".medlint.yaml", "device", "cannot read config: a device or a socket, not a file"),
        ("rules.yaml", "pipe", "cannot read: a pipe that nothing writes to"),
        ("rules.yaml", "device", "cannot read: a device or a socket, not a file"),
    ],
)
def test_a_config_or_rule_file_that_is_a_pipe_or_device_is_one_line_not_the_defaults(
    tmp_path: Path, name: str, make: str, error: str
) -> None:
    # The config found beside the pages was skipped (its settings lost without a word), and a rule
    # file the config names was "not found".
    site = _site(tmp_path)
    (tmp_path / name).unlink()
    if make == "pipe":
        os.mkfifo(tmp_path / name)
    else:
        (tmp_path / name).symlink_to("/dev/zero")

    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", str(site)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert (result.returncode, result.stderr) == (2, f"medlint: error: {tmp_path / name}: {error}\n")


def test_a_gitignore_of_thousands_of_lines_still_applies(tmp_path: Path) -> None:
    # Thousands of wildcard lines (a generated .gitignore) are too many for one RE2 set: that was a traceback.
    site = _site(tmp_path)
    (site / "draft.md").write_text("A miracle cure.\n", encoding="utf-8")
    lines = [f"/build-{number}/**/cache*tmp*[ab]" for number in range(2_000)]
    (tmp_path / ".gitignore").write_text("\n".join([*lines, "draft.md"]) + "\n", encoding="utf-8")

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.stderr == ""
    assert {Path(f["path"]).name for f in json.loads(result.stdout)["findings"]} == {"good.md"}


def test_a_config_excluding_thousands_of_globs_applies_them(tmp_path: Path) -> None:
    # It said the first glob "is not a gitignore-style pattern medlint can read": the set was too big for RE2.
    site = _site(tmp_path)
    (site / "draft.md").write_text("A miracle cure.\n", encoding="utf-8")
    globs = ", ".join(f'"/build-{number}/**/cache*tmp*[ab]"' for number in range(2_000))
    config = f"builtin_rules: false\nrules: [rules.yaml]\nexclude: [{globs}, site/draft.md]\n"
    (tmp_path / ".medlint.yaml").write_text(config, encoding="utf-8")

    result = _medlint("check", "--format", "json", "site", cwd=tmp_path)

    _assert_no_traceback(result)
    assert result.stderr == ""
    assert {Path(f["path"]).name for f in json.loads(result.stdout)["findings"]} == {"good.md"}


def test_a_module_whose_bytecode_was_cut_short_is_a_fault_not_an_interrupt(tmp_path: Path) -> None:
    # A disk that filled while Python wrote a module's bytecode leaves its .pyc cut short, and importing
    # it raises EOFError: click takes that for the end of a prompt's input, which read as a Ctrl-C (130).
    package = tmp_path / "src" / "medlint"
    shutil.copytree(REPO_ROOT / "src" / "medlint", package, ignore=shutil.ignore_patterns("__pycache__"))
    reporter = package / "reporters" / "sarif.py"  # imported only for a SARIF report
    bytecode = Path(importlib.util.cache_from_source(str(reporter)))
    py_compile.compile(str(reporter), cfile=str(bytecode))
    bytecode.write_bytes(bytecode.read_bytes()[:64])  # its header whole, its code cut short
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    (tmp_path / "page.md").write_text("A miracle cure.\n", encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "PYTHONDONTWRITEBYTECODE": "1"}

    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--format", "sarif", "page.md"],
        cwd=tmp_path,
        env={**environment, "MEDLINT_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert "interrupted" not in result.stderr
    # One line naming the file to delete, not a traceback.
    assert result.stderr == (
        f"medlint: error: {bytecode}: the compiled form of medlint.reporters.sarif is cut short "
        "(marshal data too short); delete it (Python compiles it again) or reinstall medlint\n"
    )


# Run medlint with a hook that, the moment medlint opens ``target`` (after any stat that found it a
# file), puts a named pipe no process writes to in its place: a tool's swap, an editor's save, a mistake.
_SWAPPED_FOR_A_PIPE_ON_OPEN = """\
import os, sys
target = os.path.abspath(sys.argv[1])
def swap(event, args):
    if event == "open" and isinstance(args[0], str) and os.path.abspath(args[0]) == target and os.path.isfile(target):
        os.unlink(target)
        os.mkfifo(target)
sys.addaudithook(swap)
from medlint.cli import main
sys.argv = ["medlint", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize(
    ("name", "args", "error"),
    [
        (".medlint.yaml", ["check", "site"], "cannot read config: a pipe that nothing writes to"),
        ("pyproject.toml", ["check", "site"], "cannot read config: a pipe that nothing writes to"),
        ("rules.yaml", ["check", "site"], "cannot read: a pipe that nothing writes to"),
        ("base.json", ["check", "--baseline", "base.json", "site"], "cannot read: a pipe that nothing writes to"),
        (".gitignore", ["check", "--format", "json", "site"], None),
    ],
)
def test_a_config_rule_baseline_or_gitignore_swapped_for_a_pipe_after_it_was_found_is_not_waited_on(
    tmp_path: Path, name: str, args: list[str], error: str | None
) -> None:
    # Each was stat'ed, then opened by its name to read: opening the pipe waited for a writer for ever.
    _site(tmp_path)
    if name == "pyproject.toml":
        (tmp_path / ".medlint.yaml").unlink()
        pyproject = '[tool.medlint]\nbuiltin_rules = false\nrules = ["rules.yaml"]\n'
        (tmp_path / name).write_text(pyproject, encoding="utf-8")
    elif name == "base.json":
        (tmp_path / name).write_text('{"medlint_baseline": 1, "findings": []}\n', encoding="utf-8")
    elif name == ".gitignore":
        (tmp_path / name).write_text("ignored.md\n", encoding="utf-8")
    (tmp_path / "swap.py").write_text(_SWAPPED_FOR_A_PIPE_ON_OPEN, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "swap.py", name, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )

    assert (tmp_path / name).is_fifo()
    _assert_no_traceback(result)
    if error is None:  # a .gitignore that cannot be read is skipped, as before: the pages are checked
        assert (result.returncode, result.stderr) == (1, "")
        assert [Path(f["path"]).name for f in json.loads(result.stdout)["findings"]] == ["good.md"]
    else:  # named as the command line names it, or as the config found by walking up is
        named = name if name in args else tmp_path / name
        assert (result.returncode, result.stderr) == (2, f"medlint: error: {named}: {error}\n")


# Run medlint with a hook that, as medlint opens ``target``, finds no memory left: as a page too big
# for a ulimit or a container's limit does, here at once and at a known point.
_OUT_OF_MEMORY_ON_OPEN = """\
import os, sys
target = os.path.abspath(sys.argv[1])
def exhaust(event, args):
    if event == "open" and isinstance(args[0], str) and os.path.abspath(args[0]) == target:
        raise MemoryError
sys.addaudithook(exhaust)
from medlint.entry import main
sys.argv = ["medlint", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_page_memory_runs_out_on_is_one_line_and_the_other_pages_are_checked(tmp_path: Path, jobs: str) -> None:
    # A MemoryError was a traceback and exit 1, which says "findings", and no other page was reported.
    site = _site(tmp_path)
    for index in range(3):
        (site / f"page{index}.md").write_text("Another miracle cure.\n", encoding="utf-8")
    (tmp_path / "exhaust.py").write_text(_OUT_OF_MEMORY_ON_OPEN, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "exhaust.py", "site/page1.md", "check", "--no-cache", "--format", "json", "-j", jobs, "site"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    _assert_no_traceback(result)
    assert result.returncode == 2
    assert _errors(result.stderr) == {"page1.md": "ran out of memory checking it; not checked"}
    findings = sorted(Path(f["path"]).name for f in json.loads(result.stdout)["findings"])
    assert findings == ["good.md", "page0.md", "page2.md"]


def test_memory_running_out_outside_any_page_is_one_line_and_exit_2(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (tmp_path / "exhaust.py").write_text(_OUT_OF_MEMORY_ON_OPEN, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "exhaust.py", ".medlint.yaml", "check", "--no-cache", str(site)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert (result.returncode, result.stderr) == (
        2,
        "medlint: error: ran out of memory; check fewer or smaller files at a time\n",
    )


def test_a_folder_just_under_the_systems_longest_path_is_checked(tmp_path: Path) -> None:
    # A path may be at most PATH_MAX (4,096 bytes on Linux) long. A folder just under it can be listed
    # and its pages read, but the names of a .gitignore or a config in it are too long to ask about:
    # asking raised, and the run stopped with one error about that name, no page checked.
    site = _site(tmp_path)
    folder = os.open(site, os.O_RDONLY)
    length = len(str(site))
    try:
        while length < 4_090 - 256:
            os.mkdir("x" * 250, dir_fd=folder)
            folder, parent = os.open("x" * 250, os.O_RDONLY, dir_fd=folder), folder
            os.close(parent)
            length += 251
        last = "y" * (4_090 - length - 1)  # the folder's path is 4,090 long; its .gitignore's 4,101
        os.mkdir(last, dir_fd=folder)
        deepest = os.open(last, os.O_RDONLY, dir_fd=folder)
        page = os.open("p.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=deepest)
        os.write(page, b"Another miracle cure.\n")
        os.close(page)
        os.close(deepest)
    finally:
        os.close(folder)
    deep_page = str(next(site.rglob("p.md")).relative_to(tmp_path))

    walked = _medlint("check", "--format", "json", "site", cwd=tmp_path)
    named = _medlint("check", "--format", "json", deep_page, cwd=tmp_path)

    _assert_no_traceback(walked)
    assert (walked.returncode, walked.stderr) == (1, "")
    findings = json.loads(walked.stdout)["findings"]
    assert sorted((f["path"], f["rule"]) for f in findings) == [
        ("site/good.md", "miracle-cure"),
        (deep_page, "miracle-cure"),
    ]
    _assert_no_traceback(named)
    assert (named.returncode, named.stderr) == (1, "")
    assert [(f["path"], f["rule"]) for f in json.loads(named.stdout)["findings"]] == [(deep_page, "miracle-cure")]
