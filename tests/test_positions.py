"""Line and column of every finding: 1-based, in characters of the original file."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from tests.conftest import RunCli, write


def findings(run_cli: RunCli, config: Path, path: Path) -> list[dict[str, object]]:
    result = run_cli("check", "--config", str(config), "--format", "json", str(path))
    assert result.exit_code == 1, result.output
    found: list[dict[str, object]] = json.loads(result.output)["findings"]
    return found


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        ("a.txt", "Intro line.\n“Quotes” 🙂 and a miracle cure.\n", 2, 18),
        ("a.md", "# Title\n\nIt’s 🙂🙂 a **miracle cure**.\n", 3, 13),
        ("a.html", "<p>\n  <b>Ünïcödé</b> — miracle cure\n</p>\n", 2, 20),
    ],
)
def test_positions_count_characters_not_bytes(
    run_cli: RunCli, core_config: Path, tmp_path: Path, newline: str, name: str, text: str, line: int, column: int
) -> None:
    page = write(tmp_path / name, text, newline=newline)
    [finding] = findings(run_cli, core_config, page)
    assert (finding["line"], finding["column"]) == (line, column)
    assert (finding["end_line"], finding["end_column"]) == (line, column + len("miracle cure"))
    assert finding["text"] == "miracle cure"


def test_a_file_whose_lines_end_in_cr_alone_reads_line_by_line(run_cli: RunCli, tmp_path: Path) -> None:
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - {id: heading-only, category: editorial, message: m, phrases: [miracle cure], scope: [heading]}
          - {id: sperm-cells, category: terminology, message: m, swap: {sperm cells: stem cells}}
        """,
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    # Saved by an old Mac editor: every line ends in CR alone.
    text = """\
        # The miracle cure?

        Our sperm cells
        repair discs.
        <!-- medlint-disable-next-line sperm-cells -- the old wording, quoted -->
        "Sperm cells", the flyer said.
        """
    page = write(tmp_path / "knee.md", text, newline="\r")
    result = run_cli("check", "--config", str(config), "--no-color", str(page))
    assert f"{page}:1:7: warning [heading-only] m" in result.output
    assert " 3 | Our sperm cells" in result.output
    found = [(f["rule"], f["line"], f["column"]) for f in findings(run_cli, config, page)]
    assert found == [("heading-only", 1, 7), ("sperm-cells", 3, 5)]
    run_cli("check", "--config", str(config), "--fix", str(page))
    fixed = textwrap.dedent(text).replace("Our sperm", "Our stem").replace("\n", "\r")
    assert page.read_bytes() == fixed.encode("utf-8")


def test_a_fix_across_a_lone_cr_keeps_the_line_break(run_cli: RunCli, tmp_path: Path) -> None:
    write(
        tmp_path / "rules.yaml",
        "rules:\n  - {id: sperm-cells, category: terminology, message: m, swap: {sperm cells: stem cells}}\n",
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = tmp_path / "knee.md"
    page.write_bytes(b"# Knee care\r\rWe offer sperm\rcells therapy for worn\rcartilage.\r")
    run_cli("check", "--config", str(config), "--fix", str(page))
    # As in a file whose lines end in LF: the phrase's words stay on their own lines.
    assert page.read_bytes() == b"# Knee care\r\rWe offer stem\rcells therapy for worn\rcartilage.\r"


def test_a_byte_order_mark_does_not_shift_the_first_line(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = tmp_path / "bom.md"
    page.write_bytes(b"\xef\xbb\xbfA miracle cure.\n")
    [finding] = findings(run_cli, core_config, page)
    assert (finding["line"], finding["column"]) == (1, 3)


def test_a_phrase_across_a_line_break_spans_two_lines(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "a.txt", "We offer a miracle\r\ncure today.\r\n")
    [finding] = findings(run_cli, core_config, page)
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (1, 12, 2, 5)


def test_text_output_marks_the_span_under_the_source_line(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "a.txt", "Our 🙂 miracle cure works.\n")
    result = run_cli("check", "--config", str(core_config), "--no-color", str(page))
    lines = result.output.splitlines()
    assert lines[0] == f"{page}:1:7: error [miracle-cure] 'miracle cure' promises a cure no treatment can promise."
    assert lines[1] == " 1 | Our 🙂 miracle cure works."
    # The emoji is two terminal columns wide, so the marker starts one column later.
    assert lines[2] == "   |        ^^^^^^^^^^^^"
    assert "suggestion: promising treatment" in result.output


def test_a_long_line_is_cut_to_a_window_with_the_marker_under_the_words(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    filler = "Our clinic offers many treatments for back pain, and every one is explained in plain words. "
    page = write(tmp_path / "a.txt", filler * 3 + "We sell a miracle cure. " + filler * 2 + "\n")
    result = run_cli("check", "--config", str(core_config), "--no-color", str(page))
    source, marker = result.output.splitlines()[1:3]
    assert source.startswith(" 1 | …") and source.endswith("…")
    assert len(source) < 110
    assert marker.index("^") == source.index("miracle cure")
    assert marker.count("^") == len("miracle cure")


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_on_a_narrow_terminal_excerpts_fit_its_width_and_keep_the_marker_under_the_words(
    run_cli: RunCli, core_config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    # A terminal wraps a line wider than itself, and the marker line then stands under other words.
    monkeypatch.setenv("COLUMNS", str(columns))
    filler = "Our clinic offers many treatments for back pain, and each is explained. "
    line = "We sell a miracle cure at our clinic in town, as the owner says."  # 64 characters: whole when wide
    page = write(tmp_path / "a.txt", f"{line}\n\n{filler}We sell a miracle cure. {filler}\n")
    result = run_cli("check", "--config", str(core_config), "--no-color", str(page))
    excerpts = [line for line in result.output.splitlines() if line[:5].strip(" |").isdigit() or line[:5] == "   | "]
    assert len(excerpts) == 4
    assert all(len(line) < columns for line in excerpts)
    for source, marker in zip(excerpts[::2], excerpts[1::2], strict=True):
        assert marker.index("^") == source.index("miracle cure")
        assert marker.count("^") == len("miracle cure")


def test_a_span_wider_than_the_terminal_is_marked_to_its_edge(
    run_cli: RunCli, core_config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    rules = write(
        tmp_path / "long.yaml",
        "rules:\n  - id: long-claim\n    category: efficacy\n    message: m\n"
        "    phrases: [a miracle cure that works for every patient who walks through our door]\n",
    )
    config = write(tmp_path / "long-config.yaml", f"builtin_rules: false\nrules: [{rules}]\n")
    page = write(
        tmp_path / "b.txt",
        "Intro text. We sell a miracle cure that works for every patient who walks through our door.\n",
    )
    result = run_cli("check", "--config", str(config), "--no-color", str(page))
    source, marker = result.output.splitlines()[1:3]
    assert source.startswith(" 1 | …a miracle cure that") and source.endswith("…") and len(source) < 40
    assert marker == "   |  " + "^" * (len(source) - len("   |  …"))
