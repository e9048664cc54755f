"""Sentence-aware choices, Title Case headings and findings that appear after a change.

Driven through ``medlint fix --interactive`` and ``check --fix`` with scripted
answers and a rule file of the tests' own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.fix_helpers import make_config, medlint, medlint_process

from medlint.interactive import reads_as_sentence

RULES = """\
pack: sentence-test
rules:
  - id: sperm-cells
    kind: substitution
    category: terminology
    severity: error
    message: "'{match}' where stem cells are meant."
    swap:
      sperm cells: stem cells
    suggestions: ["stem cells have potential that is being studied"]
  - id: non-invasive
    kind: substitution
    category: invasiveness
    severity: error
    message: "'{match}' for an injection."
    swap:
      non-invasive: minimally invasive
    suggestions: ["less invasive than surgery"]
  - id: cures-back-pain
    category: efficacy
    severity: warning
    message: "'{match}' promises a cure."
    phrases: ["cures back pain"]
    suggestions:
      - "Some patients report less back pain; results vary."
      - "may ease back pain"
  - id: stem-cells-heal
    category: efficacy
    severity: warning
    message: "'{match}' promises healing."
    phrases: ["stem cells heal"]
    suggestions: ["stem cells may help"]
  - id: quick-relief
    category: efficacy
    severity: info
    message: "'{match}' on a stem cell page promises speed."
    phrases: ["quick relief"]
    only_if:
      - pattern: 'stem\\s+cells'
        within: document
    suggestions: ["gradual relief"]
  - id: relief-needs-risks
    kind: requires
    category: regulatory
    severity: warning
    message: "'{match}' needs {expected}."
    phrases: ["relieve back pain", "relieves back pain"]
    needs:
      risks:
        description: a statement of the risks
        patterns: ['risks?']
        suggestions:
          - "Like any injection, this treatment carries risks; your physician will explain them."
"""


def session(tmp_path: Path, answers: str, page: Path, rules: str = RULES) -> str:
    config = make_config(tmp_path / "cfg", rules)
    result = medlint("fix", "-i", "--no-color", "--config", config, page, input=answers)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def draft(tmp_path: Path, text: str, name: str = "page.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def choices(out: str) -> list[str]:
    return [line for line in out.splitlines() if line[:4].strip().rstrip(".").isdigit()]


# --- 1. every choice shows the sentence it gives ---------------------------


def test_each_choice_shows_the_sentence_it_gives(tmp_path: Path) -> None:
    page = draft(tmp_path, "Our sperm cells come from your own bone marrow. Call us.\n")

    out = session(tmp_path, "s\n", page)

    assert "  Our >>sperm cells<< come from your own bone marrow.\n" in out
    assert choices(out) == [
        "  1. Our >>stem cells<< come from your own bone marrow.",
        "  2. >>Stem cells have potential that is being studied.<<",
    ]


def test_a_span_broken_across_lines_is_shown_on_one_line_like_its_sentence(tmp_path: Path) -> None:
    page = draft(tmp_path, "Our sperm\ncells come from your own\nbone marrow. Call us.\n")

    out = session(tmp_path, "s\n", page)

    assert "  Our >>sperm cells<< come from your own bone marrow.\n" in out


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "page.mdx",
            'import Callout from "./Callout"\n\n'
            '<Callout title="Before flu season">\n  Our sperm cells help.\n</Callout>\n',
        ),
        (
            "page.astro",
            '---\nimport Callout from "./Callout.astro";\n---\n'
            '<Callout title="Before flu season">\n  Our sperm cells help.\n</Callout>\n',
        ),
    ],
)
def test_a_components_title_is_not_part_of_the_sentence_it_holds(tmp_path: Path, name: str, text: str) -> None:
    page = draft(tmp_path, text, name)

    out = session(tmp_path, "2\n", page)

    assert "  Our >>sperm cells<< help.\n" in out
    assert "  2. >>Stem cells have potential that is being studied.<<" in choices(out)
    assert page.read_text(encoding="utf-8") == text.replace(
        "Our sperm cells help.", "Stem cells have potential that is being studied."
    )


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        (
            "page.md",
            "- **Our injection** cures back pain for good.\n",
            "**Our injection** >>cures back pain<< for good.",
        ),
        (
            "page.html",
            "<ul><li><strong>Our injection</strong> cures back pain for good.</li></ul>\n",
            "<strong>Our injection</strong> >>cures back pain<< for good.",
        ),
    ],
)
def test_a_sentence_is_shown_with_the_markup_written_against_it(
    tmp_path: Path, name: str, text: str, shown: str
) -> None:
    page = draft(tmp_path, text, name)

    out = session(tmp_path, "s\n", page)

    assert f"\n  {shown}\n" in out


def test_a_sentence_suggestion_replaces_the_whole_sentence(tmp_path: Path) -> None:
    page = draft(
        tmp_path, "# Care\n\nFirst we talk. Our NON-INVASIVE treatment uses sperm cells from you. Then we book.\n"
    )

    session(tmp_path, "s\n2\n", page)

    assert page.read_text(encoding="utf-8") == (
        "# Care\n\nFirst we talk. Stem cells have potential that is being studied. Then we book.\n"
    )


@pytest.mark.parametrize(
    ("line", "rewritten"),
    [
        # A customer's words: the rewritten first sentence stays inside the quotation.
        (
            '> "Your injection cures back pain for good. I have not had a bad day since." - Ann',
            '> "Some patients report less back pain; results vary. I have not had a bad day since." - Ann',
        ),
        (
            "> \u201cYour injection cures back pain for good.\u201d \u2014 Ann",
            "> \u201cSome patients report less back pain; results vary.\u201d \u2014 Ann",
        ),
        (
            'I said: "Really. Your injection cures back pain for good."',
            'I said: "Really. Some patients report less back pain; results vary."',
        ),
        (
            "(Your injection cures back pain for good.) Call us.",
            "(Some patients report less back pain; results vary.) Call us.",
        ),
        # Marks the sentence opens and closes itself are rewritten with it.
        (
            '"Miracle" or not, your injection cures back pain for good.',
            "Some patients report less back pain; results vary.",
        ),
        ("Don't wait: your injection cures back pain for good.", "Some patients report less back pain; results vary."),
    ],
)
def test_a_sentence_rewritten_in_a_quotation_keeps_the_quotation_marks(
    tmp_path: Path, line: str, rewritten: str
) -> None:
    page = draft(tmp_path, f"# Reviews\n\n{line}\n")

    session(tmp_path, "1\n", page)

    assert page.read_text(encoding="utf-8") == f"# Reviews\n\n{rewritten}\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Dr. Harlow says our injection cures back pain for good.",
        "Our injection (e.g. the one Prof. Lee gives) cures back pain for good.",
        "As Smith et al. report, our injection cures back pain for good.",
    ],
)
def test_a_title_or_abbreviation_does_not_end_the_sentence_it_is_in(tmp_path: Path, sentence: str) -> None:
    page = draft(tmp_path, f"Book today. {sentence} Call us.\n", "page.txt")

    out = session(tmp_path, "1\n", page)

    assert f"  {sentence.replace('cures back pain', '>>cures back pain<<')}\n" in out
    rewritten = "Book today. Some patients report less back pain; results vary. Call us.\n"
    assert page.read_text(encoding="utf-8") == rewritten


def test_a_capitalised_suggestion_with_a_full_stop_is_a_sentence(tmp_path: Path) -> None:
    page = draft(tmp_path, "Book today.\nOur injection cures back pain for good! Call us.\n", "page.txt")

    out = session(tmp_path, "1\n", page)

    assert choices(out) == [
        "  1. >>Some patients report less back pain; results vary.<<",
        "  2. Our injection >>may ease back pain<< for good!",
    ]
    assert (
        page.read_text(encoding="utf-8") == "Book today.\nSome patients report less back pain; results vary. Call us.\n"
    )


def test_a_phrase_suggestion_replaces_the_match_in_its_case(tmp_path: Path) -> None:
    page = draft(tmp_path, "Cures back pain in weeks.\n", "page.txt")

    session(tmp_path, "2\n", page)

    assert page.read_text(encoding="utf-8") == "May ease back pain in weeks.\n"


THERE_ARE_RULES = """\
rules:
  - id: no-risk
    category: absolute-safety
    message: "'{match}' denies every risk."
    phrases: ["no side effects"]
    suggestions: ["Side effects are usually mild.", "a small risk of side effects", "possible side effects"]
"""


def test_a_phrase_for_one_thing_is_not_offered_after_there_are(tmp_path: Path) -> None:
    config = make_config(tmp_path / "cfg", THERE_ARE_RULES)
    page = draft(tmp_path, "Most patients love the results; there are no side effects.\n")
    out = medlint("fix", "-i", "--no-color", "--config", config, page, input="s\n").stdout
    assert choices(out) == [
        "  1. >>Side effects are usually mild.<<",
        "  2. Most patients love the results; there are >>possible side effects<<.",
    ]

    page = draft(tmp_path, "There is no downtime and no side effects.\n")
    out = medlint("fix", "-i", "--no-color", "--config", config, page, input="s\n").stdout
    assert "  2. There is no downtime and >>a small risk of side effects<<." in choices(out)


def test_clinically_proven_becomes_not_proven_where_it_is_said_of_the_treatment(tmp_path: Path) -> None:
    page = draft(tmp_path, "Our PRP injections are clinically proven to ease knee pain.\n")
    out = medlint("fix", "-i", "--no-color", page, input="2\n").stdout
    assert "  2. Our PRP injections are >>not proven<< to ease knee pain." in choices(out)
    assert page.read_text(encoding="utf-8") == "Our PRP injections are not proven to ease knee pain.\n"

    # Before a noun, "not proven" does not read after a determiner ("Our not proven formula"): only the sentence.
    page = draft(tmp_path, "Our clinically proven formula gives you energy all day.\n")
    out = medlint("fix", "-i", "--no-color", page, input="s\n").stdout
    assert choices(out) == ["  1. >>Early studies suggest it may help some patients, but it is not proven.<<"]


def test_an_insurance_phrase_reads_in_the_middle_of_its_sentence(tmp_path: Path) -> None:
    text = "The fees are not covered by any health insurance company, so we offer clear self-pay packages.\n"
    page = draft(tmp_path, text)
    out = medlint("fix", "-i", "--no-color", "--select", "insurance-absolute", page, input="s\n").stdout
    assert (
        "  2. The fees are >>usually not covered by health insurance<<, so we offer clear self-pay packages."
        in choices(out)
    )


def test_a_phrase_just_put_in_is_not_offered_again_beside_it(tmp_path: Path) -> None:
    # regrow-tissue and repairs-tissue both offer "may ease symptoms from damaged tissue".
    page = draft(
        tmp_path,
        "Our injections regrow cartilage and repair herniated discs.\n\n"
        "Individual results vary, and every treatment has risks.\n",
    )
    out = medlint("fix", "-i", "--no-color", page, input="2\ns\n").stdout
    assert page.read_text(encoding="utf-8").startswith(
        "Our injections may ease symptoms from damaged tissue and repair herniated discs.\n"
    )
    twice = "Our injections may ease symptoms from damaged tissue and >>may ease symptoms from damaged tissue<<."
    assert not [c for c in choices(out) if twice in c]
    assert choices(out)[-2].startswith("  1. Our injections may ease symptoms from damaged tissue and >>are being")


def test_a_promise_of_safety_beside_listed_risks_is_offered_wording_that_fits_it(tmp_path: Path) -> None:
    page = draft(tmp_path, "Our injection is completely safe. Risks include bleeding and infection.\n")
    out = medlint("fix", "-i", "--no-color", page, input="s\ns\n").stdout
    assert choices(out) == [
        "  1. Our injection is >>generally well tolerated, but not risk-free<<.",
        "  2. >>Like any medical treatment, it is not risk-free.<<",
    ]


def test_a_statement_a_rule_requires_is_added_after_the_claim(tmp_path: Path) -> None:
    page = draft(tmp_path, "Stem cell injections relieve back pain for many of our patients. Call us.\n")

    out = session(tmp_path, "1\n", page)

    assert choices(out) == [
        "  1. Stem cell injections relieve back pain for many of our patients. "
        ">>Like any injection, this treatment carries risks; your physician will explain them.<<"
    ]
    assert page.read_text(encoding="utf-8") == (
        "Stem cell injections relieve back pain for many of our patients. "
        "Like any injection, this treatment carries risks; your physician will explain them. Call us.\n"
    )


def test_a_statement_added_after_a_bold_label_follows_the_label_not_inside_it(tmp_path: Path) -> None:
    page = draft(tmp_path, "- **Stem cell injections relieve back pain.** They act on inflammation.\n")

    session(tmp_path, "1\n", page)

    assert page.read_text(encoding="utf-8") == (
        "- **Stem cell injections relieve back pain.** "
        "Like any injection, this treatment carries risks; your physician will explain them. "
        "They act on inflammation.\n"
    )


def test_a_statement_added_at_the_end_of_an_html_list_item_stays_inside_it(tmp_path: Path) -> None:
    item = "<ul>\n  <li><strong>PRP</strong> Stem cell injections relieve back pain.</li>\n</ul>\n"
    page = draft(tmp_path, item, "page.html")

    session(tmp_path, "1\n", page)

    assert page.read_text(encoding="utf-8") == (
        "<ul>\n  <li><strong>PRP</strong> Stem cell injections relieve back pain. "
        "Like any injection, this treatment carries risks; your physician will explain them.</li>\n</ul>\n"
    )


def test_a_statement_is_not_added_to_a_heading(tmp_path: Path) -> None:
    page = draft(tmp_path, "# Injections Relieve Back Pain\n\nCall us.\n")

    out = session(tmp_path, "", page)

    assert "is a statement to add, and this claim is in a heading; add it by hand" in out
    assert "accept, e edit" not in out
    assert "Accepted 0 changes, skipped 0; saved 0 files." in out
    assert page.read_text(encoding="utf-8") == "# Injections Relieve Back Pain\n\nCall us.\n"


def test_a_sentence_with_markup_is_never_rewritten_whole(tmp_path: Path) -> None:
    text = "Our **sperm cells** come from [your marrow](https://example.org/marrow). Call us.\n"
    page = draft(tmp_path, text)

    out = session(tmp_path, "2\n1\n", page)

    assert choices(out) == ["  1. Our **>>stem cells<<** come from [your marrow](https://example.org/marrow)."]
    assert (
        "  (left out: 'stem cells have potential that is being…' rewrites the whole sentence, "
        "which holds markup or code; edit it by hand)"
    ) in out
    assert "please answer 1, e, s or q" in out
    assert page.read_text(encoding="utf-8") == text.replace("sperm cells", "stem cells")


def test_typed_sentence_replaces_the_sentence_and_shows_it(tmp_path: Path) -> None:
    page = draft(tmp_path, "Hello. It cures back pain, we think. Bye.\n", "page.txt")

    out = session(tmp_path, "e Many patients feel better.\n", page)

    assert "  now: >>Many patients feel better.<<\n" in out
    assert page.read_text(encoding="utf-8") == "Hello. Many patients feel better. Bye.\n"


def test_typed_sentence_is_refused_where_the_sentence_holds_markup(tmp_path: Path) -> None:
    page = draft(tmp_path, "It cures back pain, says `Dr X`.\n")

    out = session(tmp_path, "e Many patients feel better.\ne may help\n", page)

    assert "'Many patients feel better.' rewrites the whole sentence, which holds markup or code" in out
    assert page.read_text(encoding="utf-8") == "It may help, says `Dr X`.\n"


@pytest.mark.parametrize(
    ("wording", "matched", "sentence"),
    [
        ("Some patients report less back pain; results vary.", "cures", True),
        ("stem cells have potential that is being studied", "sperm cells", True),
        ("we cannot guarantee results, but we will explain what to expect", "guaranteed results", True),
        ("side effects are usually mild, such as soreness", "no side effects", True),
        ("may help reduce symptoms in some patients", "cures", False),
        ("a treatment option that may help some patients", "miracle cure", False),
        ("carries risks such as infection and bleeding, which your physician will explain", "risk-free", False),
        ("injected directly into the affected area", "infused", False),
        ("less invasive than surgery", "non-invasive", False),
        ("stem cells", "sperm cells", False),
    ],
)
def test_which_wordings_read_as_sentences(wording: str, matched: str, sentence: bool) -> None:
    assert reads_as_sentence(wording, matched) is sentence


# --- 2. Title Case headings get Title Case replacements ---------------------


def test_safe_fix_keeps_a_title_case_heading_in_title_case(tmp_path: Path) -> None:
    text = (
        "# Non-invasive Treatment\n\n"
        "## Why Non-invasive Care Works for You\n\n"
        "## Non-invasive care for you\n\n"
        "## NON-INVASIVE CARE\n\n"
        "Non-invasive Treatment is what we call it.\n"
    )
    page = draft(tmp_path, text)
    config = make_config(tmp_path / "cfg", RULES)

    result = medlint("check", "--fix", "--no-color", "--config", config, page)

    assert result.exit_code == 0, result.stdout
    assert page.read_text(encoding="utf-8") == (
        "# Minimally Invasive Treatment\n\n"
        "## Why Minimally Invasive Care Works for You\n\n"
        "## Minimally invasive care for you\n\n"
        "## MINIMALLY INVASIVE CARE\n\n"
        "Minimally invasive Treatment is what we call it.\n"
    )


def test_html_title_in_title_case(tmp_path: Path) -> None:
    page = draft(
        tmp_path,
        "<html><head><title>Non-invasive Spine Care</title></head><body><p>Hi.</p></body></html>\n",
        "page.html",
    )
    config = make_config(tmp_path / "cfg", RULES)

    result = medlint("check", "--diff", "--no-color", "--config", config, page)

    assert "+<html><head><title>Minimally Invasive Spine Care</title>" in result.stdout


def test_interactive_choices_in_a_title_case_heading_are_title_case(tmp_path: Path) -> None:
    page = draft(tmp_path, "# Non-invasive Treatment\n\nCall us.\n")

    out = session(tmp_path, "2\n", page)

    assert choices(out) == [
        "  1. >>Minimally Invasive<< Treatment",
        "  2. >>Less Invasive than Surgery<< Treatment",
    ]
    assert page.read_text(encoding="utf-8") == "# Less Invasive than Surgery Treatment\n\nCall us.\n"


# --- 3. findings that appear after a change are asked about too ------------


def test_a_finding_made_by_an_accepted_change_is_asked_next(tmp_path: Path) -> None:
    page = draft(tmp_path, "Our sperm cells heal discs.\n", "page.txt")

    out = session(tmp_path, "1\n1\n", page)

    assert "[stem-cells-heal] 'stem cells heal' promises healing." in out
    assert "  Our >>stem cells heal<< discs.\n" in out
    assert page.read_text(encoding="utf-8") == "Our stem cells may help discs.\n"
    assert "Accepted 2 changes, skipped 0; saved 1 file." in out


def test_a_new_finding_earlier_in_the_file_is_asked_after_the_last_one(tmp_path: Path) -> None:
    page = draft(tmp_path, "Quick relief for your back.\n\nOur sperm cells come from you.\n")

    out = session(tmp_path, "1\n1\n", page)

    assert out.index("[sperm-cells]") < out.index("[quick-relief]")
    assert page.read_text(encoding="utf-8") == "Gradual relief for your back.\n\nOur stem cells come from you.\n"


def test_a_skipped_finding_is_not_asked_again_after_a_change(tmp_path: Path) -> None:
    page = draft(tmp_path, "It cures back pain with sperm cells.\n", "page.txt")

    out = session(tmp_path, "s\n1\n1\n1\n", page)

    assert out.count("[cures-back-pain]") == 1
    assert out.count("accept, e edit") == 2
    assert page.read_text(encoding="utf-8") == "It cures back pain with stem cells.\n"
    assert "Accepted 1 change, skipped 1; saved 1 file." in out


LOOPING_RULES = """\
rules:
  - id: keyhole
    kind: substitution
    category: invasiveness
    message: "'{match}'"
    swap: {keyhole: minimally invasive}
  - id: minimally-invasive
    kind: substitution
    category: invasiveness
    message: "'{match}'"
    swap: {minimally invasive: keyhole}
"""


def test_rules_that_undo_each_other_are_asked_once_each(tmp_path: Path) -> None:
    page = draft(tmp_path, "A keyhole procedure.\n", "page.txt")

    out = session(tmp_path, "1\n1\n1\n1\n1\n", page, LOOPING_RULES)

    assert out.count("accept, e edit") == 2
    assert page.read_text(encoding="utf-8") == "A keyhole procedure.\n"
    assert "Accepted 2 changes, skipped 0; saved 0 files." in out


def test_the_reported_examples_in_a_real_process(tmp_path: Path) -> None:
    claim = draft(tmp_path, "Stem cell injections relieve back pain for many of our patients.\n", "a.md")
    cells = draft(tmp_path, "Our NON-INVASIVE treatment uses sperm cells from your own bone marrow.\n", "b.md")
    config = make_config(tmp_path / "cfg", RULES)

    result = medlint_process("fix", "--interactive", "--config", config, claim, cells, input=b"1\ns\n2\n")

    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "  2. >>Stem cells have potential that is being studied.<<" in out
    assert claim.read_text(encoding="utf-8") == (
        "Stem cell injections relieve back pain for many of our patients. "
        "Like any injection, this treatment carries risks; your physician will explain them.\n"
    )
    assert cells.read_text(encoding="utf-8") == "Stem cells have potential that is being studied.\n"
    assert "Accepted 2 changes, skipped 1; saved 2 files." in out
