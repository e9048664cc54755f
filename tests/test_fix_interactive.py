"""``medlint fix --interactive`` driven by scripted input: accept, edit, skip, quit."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.fix_helpers import FIX_RULES, make_config, medlint, medlint_process

DRAFT = "# Care\n\nNon-invasive care with sperm cells. It cures back pain.\n"


def session(tmp_path: Path, answers: str, *paths: Path) -> tuple[int, str, str]:
    config = make_config(tmp_path / "cfg")
    result = medlint("fix", "-i", "--no-color", "--config", config, *paths, input=answers)
    return result.exit_code, result.stdout, result.stderr


def draft(tmp_path: Path, text: str = DRAFT, name: str = "page.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_session_shows_place_sentence_problem_and_choices(tmp_path: Path) -> None:
    page = draft(tmp_path)

    code, out, _err = session(tmp_path, "s\ns\ns\n", page)

    assert code == 0
    assert out.splitlines()[:6] == [
        "",
        f"{page}:3:1: error [non-invasive] 'Non-invasive' for an injection: a needle is minimally invasive.",
        "  >>Non-invasive<< care with sperm cells.",
        "  1. >>Minimally invasive<< care with sperm cells.",
        "  2. >>Less invasive than surgery<< care with sperm cells.",
        "  [1-2] accept, e edit, s skip, q quit, ? help > ",
    ]
    assert "  It >>cures back pain<<." in out
    assert "Accepted 0 changes, skipped 3; saved 0 files." in out
    assert page.read_text(encoding="utf-8") == DRAFT


def test_accept_fix_suggestion_in_matching_case_and_skip(tmp_path: Path) -> None:
    page = draft(tmp_path)

    session(tmp_path, "2\ns\n2\n", page)

    assert page.read_text(encoding="utf-8") == (
        "# Care\n\nLess invasive than surgery care with sperm cells. It can help with back pain.\n"
    )


def test_later_findings_are_shown_where_they_now_are(tmp_path: Path) -> None:
    page = draft(tmp_path)

    _code, out, _err = session(tmp_path, "2\n1\nq\n", page)

    assert "  Less invasive than surgery care with >>sperm cells<<." in out
    assert f"{page}:3:38: error [sperm-cells]" in out


def test_edit_in_two_steps_and_inline(tmp_path: Path) -> None:
    page = draft(tmp_path)

    code, out, _err = session(tmp_path, "e\nGentle\ne stem cells\ne   may help with back pain  \n", page)

    assert code == 0
    assert "your wording for the marked words, or a whole new sentence (empty to go back) > " in out
    assert page.read_text(encoding="utf-8") == "# Care\n\nGentle care with stem cells. It may help with back pain.\n"


def test_a_typed_phrase_that_opens_a_sentence_gets_its_capital_and_keeps_the_rest_as_typed(tmp_path: Path) -> None:
    page = draft(tmp_path, "# Care\n\nNon-invasive care. Ours is non-invasive care with sperm cells.\n")

    session(tmp_path, "e gentle\ne no-needle\ne stem cells\n", page)

    # Lowercase where typed mid-sentence; the opening word alone gets its capital, as the sentence had one.
    assert page.read_text(encoding="utf-8") == "# Care\n\nGentle care. Ours is no-needle care with stem cells.\n"


def test_a_typed_word_with_a_capital_inside_stays_as_typed_at_a_sentence_start(tmp_path: Path) -> None:
    page = draft(tmp_path, "# Care\n\nSperm cells are taken from your skin.\n")

    session(tmp_path, "e iPS cells\n", page)

    assert page.read_text(encoding="utf-8") == "# Care\n\niPS cells are taken from your skin.\n"


def test_empty_wording_goes_back_to_the_choices(tmp_path: Path) -> None:
    page = draft(tmp_path)

    session(tmp_path, "e\n\n1\nq\n", page)

    assert (
        page.read_text(encoding="utf-8") == "# Care\n\nMinimally invasive care with sperm cells. It cures back pain.\n"
    )


def test_quit_saves_what_was_accepted_and_stops(tmp_path: Path) -> None:
    first = draft(tmp_path, name="a.md")
    second = draft(tmp_path, name="b.md")

    code, out, _err = session(tmp_path, "1\nq\n", first, second)

    assert code == 0
    assert (
        first.read_text(encoding="utf-8") == "# Care\n\nMinimally invasive care with sperm cells. It cures back pain.\n"
    )
    assert second.read_text(encoding="utf-8") == DRAFT
    assert f"{second}:" not in out
    assert "Accepted 1 change, skipped 0; saved 1 file." in out


def test_end_of_input_is_quit_and_keeps_answers(tmp_path: Path) -> None:
    page = draft(tmp_path)

    code, _out, _err = session(tmp_path, "s\n1\n", page)

    assert code == 0
    assert page.read_text(encoding="utf-8") == "# Care\n\nNon-invasive care with stem cells. It cures back pain.\n"


def test_unclear_answers_ask_again(tmp_path: Path) -> None:
    page = draft(tmp_path)

    _code, out, _err = session(tmp_path, "7\nyes\n?\n1\nq\n", page)

    assert out.count("please answer 1-2, e, s or q") == 2
    assert "number: use that wording" in out
    assert page.read_text(encoding="utf-8").startswith("# Care\n\nMinimally invasive care")


def test_each_file_is_saved_when_the_session_leaves_it(tmp_path: Path) -> None:
    first = draft(tmp_path, name="a.md")
    second = draft(tmp_path, name="b.md")

    session(tmp_path, "1\ns\ns\ns\n1\n", first, second)

    assert first.read_text(encoding="utf-8") == DRAFT.replace("Non-invasive", "Minimally invasive")
    assert second.read_text(encoding="utf-8") == DRAFT.replace("sperm cells", "stem cells")


def test_spans_that_run_into_markup_are_shown_but_not_rewritten(tmp_path: Path) -> None:
    page = draft(tmp_path, "We use sperm **cells**. Non-invasive!\n")

    _code, out, _err = session(tmp_path, "1\n", page)

    assert "no safe rewrite here" in out
    assert page.read_text(encoding="utf-8") == "We use sperm **cells**. Minimally invasive!\n"


def test_typed_wording_that_would_break_the_markup_around_it_is_refused(tmp_path: Path) -> None:
    html = '<p>Intro.</p>\n<img src="a.png" alt="Our non-invasive injection.">\n'
    markdown = '![Our non-invasive injection](a.png "A non-invasive option")\n'
    page = draft(tmp_path, html, "page.html")
    image = draft(tmp_path, markdown, "image.md")

    _code, out, _err = session(tmp_path, 'e the "best" care\ns\ne a ] b\ns\ne a "quoted" one\ns\n', page, image)

    assert out.count("would add or change markup (a quote, bracket, tag or code); edit it by hand") == 3
    assert page.read_text(encoding="utf-8") == html
    assert image.read_text(encoding="utf-8") == markdown


@pytest.mark.parametrize("name", ["page.md", "page.html"])
def test_typed_wording_that_would_break_a_front_matter_value_is_refused(tmp_path: Path, name: str) -> None:
    text = '---\ntitle: "Non-invasive care"\ndescription: A non-invasive option\n---\n\nText.\n'
    page = draft(tmp_path, text, name)

    _code, out, _err = session(tmp_path, 'e the "best"\ns\ne best: fast\ne it #1\ns\n', page)

    assert out.count("would add or change markup") == 3
    assert page.read_text(encoding="utf-8") == text


def test_an_apostrophe_goes_into_a_toml_multi_line_string(tmp_path: Path) -> None:
    # Only three quotes end a TOML ''' string, over one line or several.
    text = "+++\ntitle = '''Non-invasive care'''\ndescription = '''\nA non-invasive option.\n'''\n+++\n\nText.\n"
    page = draft(tmp_path, text)

    _code, out, _err = session(tmp_path, "e the patient's own\ne the '''best\ne a patient's own\n", page)

    assert out.count("would add or change markup") == 1
    assert page.read_text(encoding="utf-8") == (
        "+++\ntitle = '''The patient's own care'''\ndescription = '''\nA a patient's own option.\n'''\n+++\n\nText.\n"
    )


def test_typed_wording_with_quotes_in_prose_goes_in(tmp_path: Path) -> None:
    page = draft(tmp_path, '<p>Our non-invasive injection.</p>\n<img alt="A non-invasive option">\n', "page.html")

    session(tmp_path, 'e a "gentle" & brief\ne the patient\'s own\n', page)

    assert page.read_text(encoding="utf-8") == (
        '<p>Our a "gentle" & brief injection.</p>\n<img alt="A the patient\'s own option">\n'
    )


def test_an_accepted_change_retires_findings_on_the_same_words(tmp_path: Path) -> None:
    rules = """\
rules:
  - id: long
    kind: substitution
    category: invasiveness
    message: "'{match}'"
    swap: {non-invasive injection: minimally invasive injection}
  - id: short
    kind: substitution
    category: invasiveness
    message: "'{match}'"
    swap: {non-invasive: minimally invasive}
"""
    config = make_config(tmp_path / "cfg", rules)
    page = draft(tmp_path, "A non-invasive injection.\n", "page.txt")

    result = medlint("fix", "-i", "--config", config, page, input="1\n1\n")

    assert result.stdout.count("accept, e edit") == 1
    assert page.read_text(encoding="utf-8") == "A minimally invasive injection.\n"


def test_crlf_and_bom_survive_a_session(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(b"\xef\xbb\xbfNon-invasive.\r\nSperm cells.\r\n")

    session(tmp_path, "1\ne Stem cells\n", page)

    assert page.read_bytes() == b"\xef\xbb\xbfMinimally invasive.\r\nStem cells.\r\n"


def test_session_in_a_real_process_with_piped_answers(tmp_path: Path) -> None:
    page = draft(tmp_path)
    config = make_config(tmp_path / "cfg")

    result = medlint_process("fix", "--interactive", "--config", config, page, input=b"1\n1\n2\n")

    assert result.returncode == 0, result.stderr
    assert page.read_text(encoding="utf-8") == (
        "# Care\n\nMinimally invasive care with stem cells. It can help with back pain.\n"
    )
    assert b"Accepted 3 changes, skipped 0; saved 1 file." in result.stdout


def _read_until(stream: int, marker: bytes, timeout: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, seen
        chunk = os.read(stream, 4096)
        assert chunk, seen
        seen += chunk
    return seen


def _session_process(page: Path, config: Path, *more: Path) -> subprocess.Popen[bytes]:
    """``medlint fix -i`` on ``page`` in a real process, its stdin, stdout and stderr pipes."""
    return subprocess.Popen(
        [sys.executable, "-m", "medlint", "fix", "-i", "--config", str(config), str(page), *map(str, more)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        # Ctrl-C as at a terminal, even where the tests run with it ignored (a background job).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def test_a_file_saved_elsewhere_during_the_session_is_not_overwritten(tmp_path: Path) -> None:
    page = draft(tmp_path)
    config = make_config(tmp_path / "cfg")
    process = _session_process(page, config)
    assert process.stdin is not None and process.stdout is not None
    try:
        _read_until(process.stdout.fileno(), b"> ")
        # The writer saves the draft in their editor while medlint waits for an answer.
        page.write_text(DRAFT + "A line they added.\n", encoding="utf-8")
        _out, err = process.communicate(b"1\nq\n", timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    assert process.returncode == 2
    assert page.read_text(encoding="utf-8") == DRAFT + "A line they added.\n"
    assert err.decode().splitlines() == [
        f"medlint: error: {page}: changed on disk since it was read; not written (run medlint again)"
    ]


def test_ctrl_c_keeps_what_was_accepted_and_exits_130(tmp_path: Path) -> None:
    page = draft(tmp_path)
    config = make_config(tmp_path / "cfg")
    process = _session_process(page, config)
    assert process.stdin is not None and process.stdout is not None
    try:
        _read_until(process.stdout.fileno(), b"help > ")
        process.stdin.write(b"1\n")
        process.stdin.flush()
        _read_until(process.stdout.fileno(), b"help > ")
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    # A script running `medlint fix -i && git commit` must not go on as if the review were done.
    assert process.returncode == 130, err
    assert err.decode().splitlines() == ["medlint: interrupted; what was accepted is saved"]
    assert page.read_text(encoding="utf-8") == DRAFT.replace("Non-invasive", "Minimally invasive")


def test_ctrl_c_between_files_keeps_what_was_accepted_and_says_so(tmp_path: Path) -> None:
    first = draft(tmp_path, "Our non-invasive care.\n", "a.md")
    # A long page takes a moment to read in: the Ctrl-C lands after the first file is saved, before a question.
    second = draft(tmp_path, "Plain words about the clinic and its staff.\n\n" * 40_000 + "Non-invasive.\n", "b.md")
    second_text = second.read_bytes()
    process = _session_process(first, make_config(tmp_path / "cfg"), second)
    assert process.stdin is not None and process.stdout is not None
    try:
        _read_until(process.stdout.fileno(), b"help > ")
        process.stdin.write(b"1\n")
        process.stdin.flush()
        deadline = time.monotonic() + 30
        while first.read_text(encoding="utf-8") == "Our non-invasive care.\n":
            assert time.monotonic() < deadline
            time.sleep(0.002)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    assert process.returncode == 130, err
    assert err.decode().splitlines() == ["medlint: interrupted; what was accepted is saved"]
    assert "Accepted 1 change, skipped 0; saved 1 file." in out.decode()
    assert "1 finding with choices not answered (you quit)" in out.decode()
    assert first.read_text(encoding="utf-8") == "Our minimally invasive care.\n"
    assert second.read_bytes() == second_text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md", "cfg"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a terminal")
def test_ctrl_d_at_the_wording_prompt_in_a_terminal_quits_and_keeps_what_was_accepted(tmp_path: Path) -> None:
    # In a terminal Ctrl-D ends input once, not for good: it went back to the choices and waited there.
    page = draft(tmp_path)
    config = make_config(tmp_path / "cfg")
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "medlint", "fix", "-i", "--config", str(config), str(page)],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    os.close(follower)
    assert process.stdout is not None
    try:
        _read_until(process.stdout.fileno(), b"help > ")
        os.write(leader, b"1\n")
        _read_until(process.stdout.fileno(), b"help > ")
        os.write(leader, b"e\n")
        _read_until(process.stdout.fileno(), b"(empty to go back) > ")
        os.write(leader, b"\x04")  # Ctrl-D
        out, _err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)

    assert process.returncode == 0
    assert b"Accepted 1 change, skipped 0; saved 1 file." in out
    assert b"2 findings with choices not answered (you quit)" in out
    assert page.read_text(encoding="utf-8") == DRAFT.replace("Non-invasive", "Minimally invasive")


FORMS_RULES = """\
pack: forms
rules:
  - id: cure
    category: efficacy
    message: "'{match}' promises a cure."
    patterns: ['(?:will\\s+)?cur(?:es?|ed)(?=\\s+(?:back\\s+pain|for))']
    suggestions:
      - "It may ease back pain for some patients."
      - {text: "may ease", when: '^(?:will\\s+cure|cures)$'}
      - {text: "possible treatment", when: '^cure$'}
      - "eases"
"""


def test_a_phrase_is_offered_only_for_the_form_of_the_match_it_fits(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", FORMS_RULES)
    page = draft(tmp_path, "Our care cures back pain.\n\nWe found a cure for back pain.\n")

    out = medlint("fix", "-i", "--no-color", "--config", config, page, input="s\ns\n").stdout

    assert "  2. Our care >>may ease<< back pain." in out
    assert "possible treatment back pain" not in out
    assert "  2. We found a >>possible treatment<< for back pain." in out
    assert "We found may ease" not in out
    assert "  3. Our care >>eases<< back pain." in out
    assert "a >>eases<<" not in out  # "a" opens a noun phrase


def test_reports_carry_only_the_suggestions_that_fit_the_match(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", FORMS_RULES)
    page = draft(tmp_path, "Our care will cure back pain. It is a cure for back pain.\n")

    report = json.loads(medlint("check", "--format", "json", "--config", config, page).stdout)

    assert [(f["text"], f["suggestions"]) for f in report["findings"]] == [
        ("will cure", ["It may ease back pain for some patients.", "may ease", "eases"]),
        ("cure", ["It may ease back pain for some patients.", "possible treatment", "eases"]),
    ]


def test_a_phrase_that_cannot_follow_the_word_before_the_match_is_left_out(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg")
    page = draft(tmp_path, "Our plan can cures back pain. Our plan cures back pain.\n")

    out = medlint("fix", "-i", "--no-color", "--config", config, page, input="s\ns\n").stdout

    # After "can" neither "may ease" (a second modal) nor "can help" reads; after "plan" both do.
    assert "can may ease" not in out and "can can help" not in out
    assert "  1. Our plan >>may ease back pain<<." in out
    assert "  2. Our plan >>can help with back pain<<." in out


def test_a_phrase_is_offered_after_this_these_or_those_standing_for_a_noun(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", FORMS_RULES)
    page = draft(tmp_path, "This cures back pain. These cure back pain for good. Those will cure back pain.\n")

    out = medlint("fix", "-i", "--no-color", "--config", config, page, input="s\ns\ns\n").stdout

    assert "  2. This >>may ease<< back pain." in out
    assert "  2. Those >>may ease<< back pain." in out
    assert "  3. This >>eases<< back pain." in out


@pytest.mark.parametrize(
    ("suggestion", "problem"),
    [
        ("{text: may ease}", "needs 'text' and 'when'"),
        ("{text: may ease, when: '(unclosed'}", "bad regex"),
        ("{text: may ease, when: cures, for: verbs}", "unknown field 'for' in a suggestion"),
    ],
)
def test_a_bad_suggestion_entry_is_one_error_line(tmp_path: Path, suggestion: str, problem: str) -> None:
    rules = FORMS_RULES.replace('- "eases"', f"- {suggestion}")
    config = make_config(tmp_path / "cfg", rules)
    page = draft(tmp_path, "Our care cures back pain.\n")

    result = medlint("check", "--config", config, page)

    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "fix-rules.yaml" in line and "cure" in line and problem in line


def test_a_span_or_sentence_with_a_character_reference_can_be_rewritten(tmp_path: Path) -> None:
    # "&nbsp;" and "&mdash;" are text written as markup: replaced whole, nothing is left broken.
    page = draft(tmp_path, "We use sperm&nbsp;cells. Non-invasive &mdash; it cures back pain.\n")

    _code, out, _err = session(tmp_path, "1\n1\n2\n", page)

    assert "no safe rewrite here" not in out
    assert page.read_text(encoding="utf-8") == (
        "We use stem cells. Minimally invasive &mdash; it can help with back pain.\n"
    )


def test_a_whole_sentence_suggestion_replaces_a_sentence_holding_a_character_reference(tmp_path: Path) -> None:
    page = draft(tmp_path, "<p>It is guaranteed to work &mdash; results vary.</p>\n", "page.html")

    _code, out, _err = medlint_session_builtin(page, "1\n")

    assert "holds markup or code" not in out
    assert page.read_text(encoding="utf-8") == (
        "<p>Results vary from person to person, and we cannot promise them.</p>\n"
    )


def medlint_session_builtin(page: Path, answers: str) -> tuple[int, str, str]:
    result = medlint("fix", "-i", "--no-color", "--select", "guaranteed-results", page, input=answers)
    return result.exit_code, result.stdout, result.stderr


def test_sperm_cells_before_a_noun_is_offered_as_stem_cell_therapy(tmp_path: Path) -> None:
    page = draft(tmp_path, "We offer sperm cells therapy and sperm cells injections for knee pain.\n")

    code, out, _err = medlint_session_builtin_rule(page, "sperm-cells", "1\n1\n")

    assert code == 0
    assert "  1. We offer >>stem cell therapy<< and sperm cells injections for knee pain." in out
    assert page.read_text(encoding="utf-8") == "We offer stem cell therapy and stem cell injections for knee pain.\n"


def medlint_session_builtin_rule(page: Path, rule: str, answers: str) -> tuple[int, str, str]:
    result = medlint("fix", "-i", "--no-color", "--select", rule, page, input=answers)
    return result.exit_code, result.stdout, result.stderr


def test_a_quote_goes_into_a_javascript_string_escaped(tmp_path: Path) -> None:
    text = (
        "export const metadata = { description: 'Our non-invasive injection.' }\n\n"
        '<Hero title="A non-invasive option" />\n\n{cond ? "Non-invasive care" : null}\n'
    )
    page = draft(tmp_path, text, "page.mdx")

    _code, out, _err = session(tmp_path, 'e the patient\'s own\ne a "gentle"\ns\ne a "gentle"\n', page)

    assert "  now: Our >>the patient\\'s own<< injection." in out
    assert out.count("would add or change markup") == 1  # a JSX attribute reads no escapes
    assert page.read_text(encoding="utf-8") == (
        "export const metadata = { description: 'Our the patient\\'s own injection.' }\n\n"
        '<Hero title="A non-invasive option" />\n\n{cond ? "A \\"gentle\\" care" : null}\n'
    )


HAND_RULES = (
    FIX_RULES
    + """\
  - id: proven
    category: evidence
    severity: warning
    message: "'{match}' needs a citation."
    phrases: ["clinically proven"]
"""
)


def test_the_summary_lists_findings_left_to_rewrite_by_hand_where_they_are(tmp_path: Path) -> None:
    page = draft(tmp_path, "# Care\n\nNon-invasive and clinically proven. We use sperm **cells**.\n")
    clean = draft(tmp_path, "Clinically proven.\n", "other.md")
    config = make_config(tmp_path / "cfg", HAND_RULES)

    result = medlint("fix", "-i", "--no-color", "--config", config, page, clean, input="1\n")

    assert "Accepted 1 change, skipped 0; saved 1 file." in result.stdout
    # Columns as the file was saved: "Minimally invasive" is six characters longer than "Non-invasive".
    assert result.stdout.endswith(
        "3 findings had no rewrite to offer; rewrite by hand:\n"
        f"  {page}:3:24: [proven] 'clinically proven'\n"
        f"  {page}:3:50: [sperm-cells] 'sperm **cells'\n"
        f"  {clean}:1:1: [proven] 'Clinically proven'\n"
    )


def test_the_summary_counts_findings_not_answered_after_quitting(tmp_path: Path) -> None:
    first = draft(tmp_path, name="a.md")
    second = draft(tmp_path, name="b.md")

    _code, out, _err = session(tmp_path, "1\nq\n", first, second)

    assert "Accepted 1 change, skipped 0; saved 1 file." in out
    # The finding at the prompt when q was typed is unanswered too.
    assert "5 findings with choices not answered (you quit); `medlint fix -i` again to go on." in out


def test_piped_answers_that_run_out_are_not_called_quitting(tmp_path: Path) -> None:
    first = draft(tmp_path, name="a.md")
    second = draft(tmp_path, name="b.md")

    _code, out, _err = session(tmp_path, "1\n", first, second)

    assert "Accepted 1 change, skipped 0; saved 1 file." in out
    assert "5 findings with choices not answered (the answers ran out); `medlint fix -i` again to go on." in out


def test_a_heading_is_not_offered_a_whole_sentence_in_its_place(tmp_path: Path) -> None:
    page = draft(tmp_path, "# Non-invasive Treatment\n\nEach knee injection takes ten minutes.\n")

    _code, out, _err = medlint_session_builtin_rule(page, "non-invasive-injection", "s\n")

    assert "  1. >>Minimally Invasive<< Treatment\n" in out
    assert "  2. " not in out and "It is minimally invasive" not in out


def test_a_finding_none_of_whose_suggestions_fits_is_listed_for_rewriting_by_hand(tmp_path: Path) -> None:
    rules = """\
rules:
  - id: proven
    category: evidence
    message: "'{match}' needs a citation."
    phrases: ["clinically proven"]
    suggestions: ["Studies of this treatment are still small and early."]
"""
    config = make_config(tmp_path / "cfg", rules)
    page = draft(tmp_path, "# Clinically Proven Care\n\nText.\n")

    result = medlint("fix", "-i", "--no-color", "--config", config, page, input="s\n")

    # The sentence cannot stand for the heading, so nothing is asked; the finding is still the writer's.
    assert result.stdout == (
        "No finding had a choice to offer in 1 file.\n"
        "1 finding had no rewrite to offer; rewrite by hand:\n"
        f"  {page}:1:3: [proven] 'Clinically Proven'\n"
    )


def test_a_clean_file_is_said_to_be_clean_not_to_have_findings_without_choices(tmp_path: Path) -> None:
    page = draft(tmp_path, "# Care\n\nOur clinic is open on Saturdays.\n")

    code, out, _err = session(tmp_path, "", page)

    assert code == 0
    assert out == "No problems found in 1 file.\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert session(tmp_path, "", empty)[1] == "No file was checked.\n"


def test_a_suppression_with_no_reason_gets_the_reason_typed(tmp_path: Path) -> None:
    text = "# Care\n\n<!-- medlint-disable-next-line cures-back-pain -->\nIt cures back pain, one patient wrote.\n"
    page = draft(tmp_path, text)

    code, out, _err = session(tmp_path, "1\ne\nquoted --> here\ne quoted from a patient's review\n", page)

    assert code == 0
    assert "  >><!-- medlint-disable-next-line cures-back-pain --><<" in out
    assert "  e add a reason, s skip, q quit, ? help > " in out
    assert "  please answer e, s or q" in out  # no numbered choice: the placeholder is never offered
    assert "a reason cannot hold '-->', which would close the comment" in out
    assert "Accepted 1 change, skipped 0; saved 1 file." in out
    assert page.read_text(encoding="utf-8") == text.replace(
        "cures-back-pain -->", "cures-back-pain -- quoted from a patient's review -->"
    )
    config = make_config(tmp_path / "cfg")
    assert medlint("check", "--no-color", "--config", config, page).exit_code == 0


@pytest.mark.parametrize(
    ("name", "directive", "answers", "fixed"),
    [
        (
            "page.mdx",
            "{/* medlint-disable-next-line cures-back-pain: a patient's words */}",
            "1\n",
            "{/* medlint-disable-next-line cures-back-pain -- a patient's words */}",
        ),
        (
            "page.txt",
            "# medlint-disable-next-line cures-back-pain --",
            "e a patient's words\n",
            "# medlint-disable-next-line cures-back-pain -- a patient's words",
        ),
        (
            "page.html",
            "<!--medlint-disable-next-line cures-back-pain-->",
            "e -- a patient's words\n",  # the separator typed as well goes in once
            "<!--medlint-disable-next-line cures-back-pain -- a patient's words -->",
        ),
    ],
)
def test_a_reason_goes_in_after_the_separator_in_the_comments_own_syntax(
    tmp_path: Path, name: str, directive: str, answers: str, fixed: str
) -> None:
    page = draft(tmp_path, f"Intro.\n\n{directive}\nIt cures back pain, one patient wrote.\n", name)

    code, _out, _err = session(tmp_path, answers, page)

    assert code == 0
    assert page.read_text(encoding="utf-8") == f"Intro.\n\n{fixed}\nIt cures back pain, one patient wrote.\n"


def test_a_suppression_that_hides_nothing_can_be_removed_with_its_line(tmp_path: Path) -> None:
    text = (
        "Intro.\r\n\r\n"
        "Text <!-- medlint-disable-next-line nosuch-rule -- x --> here.\r\n"
        "<!-- medlint-disable cures-back-pain -- old page -->\r\n"
        "Fine words.\r\n"
        "<!-- medlint-enable cures-back-pain -->\r\n"
        "<!-- medlint-enable -->"
    )
    page = draft(tmp_path, text)

    code, out, _err = session(tmp_path, "?\ne\n1\n1\n1\n1\n", page)

    assert code == 0
    assert "  1. remove the comment\n  [1] accept, s skip, q quit, ? help > " in out  # inline: only the comment
    assert "  please answer 1, s or q" in out  # nothing to type in place of a comment that hides nothing
    # The region's disable, then its enable (which then ends nothing), then the last line's enable.
    assert out.count("  1. remove the comment and its line\n") == 3
    assert "Accepted 4 changes, skipped 0; saved 1 file." in out
    assert page.read_bytes() == b"Intro.\r\n\r\nText here.\r\nFine words."


def test_a_comment_that_still_hides_something_or_is_no_directive_is_left_to_the_writer(tmp_path: Path) -> None:
    text = (
        "Intro.\n\n<!-- medlint-disable-next-line cures-back-pain, sperm-cells -- a quote -->\n"
        "It cures back pain, one patient wrote.\n\n<!-- medlint-disable-line cures-back-pain -->\n"
    )
    page = draft(tmp_path, text)

    code, out, _err = session(tmp_path, "1\n1\n", page)

    assert code == 0
    assert "remove the comment" not in out
    assert page.read_text(encoding="utf-8") == text
    assert "2 findings had no rewrite to offer; rewrite by hand:" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_file_replaced_by_a_named_pipe_during_the_session_is_not_waited_on(tmp_path: Path) -> None:
    page = draft(tmp_path, name="a.md")
    other = draft(tmp_path, "Our non-invasive care.\n", "b.md")
    process = _session_process(page, make_config(tmp_path / "cfg"), other)
    assert process.stdin is not None and process.stdout is not None
    try:
        _read_until(process.stdout.fileno(), b"help > ")
        # While medlint waits for an answer, a named pipe takes the draft's place (a tool's swap, a
        # mistake): no process writes to it, so reading it to compare before saving would wait for ever.
        page.unlink()
        os.mkfifo(page)
        out, err = process.communicate(b"1\n1\n1\n1\n", timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    assert process.returncode == 2, err
    assert err.decode().splitlines() == [
        f"medlint: error: {page}: cannot read it again before writing: "
        "not a regular file (a pipe, socket or device); not written"
    ]
    assert stat.S_ISFIFO(page.stat().st_mode)
    assert other.read_text(encoding="utf-8") == "Our minimally invasive care.\n", out.decode()


def _limit_memory() -> None:
    import resource

    # Were /dev/zero read as answers, the first line would grow until this limit, not the machine's.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_answers_from_a_device_that_never_ends_are_refused_in_one_line(tmp_path: Path) -> None:
    page = draft(tmp_path)
    config = make_config(tmp_path / "cfg")
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run(
            [sys.executable, "-m", "medlint", "fix", "-i", "--config", str(config), str(page)],
            stdin=zeros,
            capture_output=True,
            timeout=60,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
            preexec_fn=_limit_memory,
        )

    assert done.returncode == 2, done.stderr
    assert done.stderr.decode() == (
        "medlint: error: fix --interactive reads your answers from stdin, which is a device that never ends; "
        "answer at a terminal, or pipe the answers in\n"
    )
    assert page.read_text(encoding="utf-8") == DRAFT


def test_typed_words_holding_control_characters_are_asked_again_not_written(tmp_path: Path) -> None:
    # Piped answers, or a stray key: a NUL would make the page binary, a bell ring at whoever shows it.
    page = draft(tmp_path, "# Care\n\nOur care uses sperm cells.\n")

    code, out, _err = session(tmp_path, "e\nstem\x00cells\ne\nstem\x07 cells\ne\nstem cells\n", page)

    assert code == 0
    assert "'stem\u2400cells' holds a control character or a byte that is not text; type it again" in out
    assert "'stem\u2407 cells' holds a control character or a byte that is not text; type it again" in out
    assert page.read_text(encoding="utf-8") == "# Care\n\nOur care uses stem cells.\n"


def test_a_typed_reason_holding_a_control_character_is_asked_again(tmp_path: Path) -> None:
    text = "# Care\n\n<!-- medlint-disable-next-line cures-back-pain -->\nIt cures back pain, one patient wrote.\n"
    page = draft(tmp_path, text)

    code, out, _err = session(tmp_path, "1\ne\nquoted\x1b[2J here\ne quoted from a review\n", page)

    assert code == 0
    assert "'quoted\u241b[2J here' holds a control character or a byte that is not text; type it again" in out
    assert page.read_text(encoding="utf-8") == text.replace(
        "cures-back-pain -->", "cures-back-pain -- quoted from a review -->"
    )


def test_a_word_before_studies_goes_with_the_claim_the_phrase_replaces(tmp_path: Path) -> None:
    # "Clinical studies show" was matched from "studies", and the phrase put in its place read
    # "Clinical early studies suggest that...".
    page = draft(
        tmp_path,
        "# Knee care\n\nClinical studies show that PRP regrows cartilage.\n\n"
        "Recent research shows that PRP eases tennis elbow.\n",
    )

    result = medlint("fix", "-i", "--no-color", "--select", "studies-show", str(page), input="1\n1\n")

    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == (
        "# Knee care\n\nEarly studies suggest that PRP regrows cartilage.\n\n"
        "Early studies suggest that PRP eases tennis elbow.\n"
    )
