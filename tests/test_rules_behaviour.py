"""How the built-in packs behave on real copy: context, citations, formats and safe fixes."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from medlint import Finding, lint_text
from medlint.config import Config


def write(path: Path, text: str) -> Path:
    """Write dedented text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def rules_in(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# --- evidence: a citation in the sentence or paragraph satisfies the rule ----


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("page.md", "Studies show PRP may ease tendon pain ([Lee et al., 2021](https://doi.org/10.1000/x))."),
        ("page.md", "Studies show PRP may ease tendon pain.[^1]\n\n[^1]: Lee et al., 2021."),
        (
            "page.html",
            '<p>Studies show PRP may ease tendon pain. <a href="https://pubmed.gov/1">Read the trial</a>.</p>',
        ),
        ("page.txt", "Studies show PRP may ease tendon pain [1]."),
        ("page.txt", "Studies show PRP may ease tendon pain (Lee, 2021)."),
        ("page.txt", "Studies show PRP may ease tendon pain. The largest trial is Lee et al. (2021)."),
    ],
)
def test_a_citation_satisfies_studies_show(path: str, text: str) -> None:
    assert "studies-show" not in rules_in(lint_text(text, path))


def test_a_citation_in_another_paragraph_does_not_count() -> None:
    text = "Studies show PRP eases tendon pain.\n\nSee [our fees](https://example.com/fees)."
    findings = lint_text(text, "page.md")
    assert [f.text for f in findings if f.rule == "studies-show"] == ["Studies show"]


# --- context decides what a phrase means ---------------------------------------


def test_sperm_cells_is_a_fix_on_a_treatment_page_and_fine_on_a_fertility_page() -> None:
    treatment = lint_text("Sperm cells are injected into the worn disc.", "page.txt")
    [finding] = [f for f in treatment if f.rule == "sperm-cells"]
    assert finding.fix is not None and finding.fix.replacement == "Stem cells"
    fertility = "Our fertility clinic tests sperm cells before IVF. Ask the clinic about treatment options."
    assert "sperm-cells" not in rules_in(lint_text(fertility, "page.txt"))


def test_non_invasive_is_fixed_for_an_injection_but_not_for_physiotherapy() -> None:
    [finding] = [
        f for f in lint_text("A non-invasive PRP injection.", "page.txt") if f.rule == "non-invasive-injection"
    ]
    assert finding.fix is not None and finding.fix.replacement == "minimally invasive"
    assert lint_text("Physiotherapy is non-invasive and helps many people.", "page.txt") == []


def test_hedged_wording_suggested_by_a_rule_is_not_reported_by_it() -> None:
    # The rewrite a rule offers must not trip the same rule.
    for text in [
        "Some patients report lasting relief.",
        "It may carry fewer risks than surgery for some patients.",
        "The injection may help address some causes of pain.",
        "Using your own cells lowers the risk of rejection.",
    ]:
        assert lint_text(text) == [], text


def test_faq_questions_ask_rather_than_claim() -> None:
    faq = "Is stem cell therapy FDA approved?\n\nCan PRP cure arthritis?\n\nIs the procedure completely painless?"
    claim_packs = Config(select=("claims", "evidence", "regenerative", "spine", "editorial"))
    assert lint_text(faq, config=claim_packs) == []
    rhetorical = "Why worry about side effects when our therapy is 100% safe?"
    assert "completely-safe" in rules_in(lint_text(rhetorical))


def test_disease_names_need_a_regenerative_page_and_a_treatment_claim() -> None:
    claim = "Our stem cell protocol treats Parkinson's disease."
    assert "unapproved-disease-claim" in rules_in(lint_text(claim))
    assert lint_text("Tell your doctor if you have diabetes or a history of cancer.") == []
    research = "Stem cells are being studied for Parkinson's disease in clinical trials."
    assert "unapproved-disease-claim" not in rules_in(lint_text(research))


def test_donor_tissue_called_own_across_a_line_break() -> None:
    text = "We inject stem cells from your own\numbilical cord blood."
    [finding] = [f for f in lint_text(text) if f.rule == "donor-cells-called-own"]
    assert finding.category == "biology"
    assert (finding.line, finding.end_line) == (1, 2)


def test_claims_inside_code_and_comments_are_not_reported() -> None:
    text = "Our approach is cautious.\n\n<!-- old tagline: guaranteed results -->\n\n`risk-free`\n"
    assert lint_text(text, "page.md") == []


# --- editorial kinds ---------------------------------------------------------------


def test_repeated_heading_in_markdown_and_html() -> None:
    markdown = "# Stem Cell Therapy for Back Pain\n\n## Stem Cell Therapy for Back Pain\n\nText follows here.\n"
    [finding] = [f for f in lint_text(markdown, "page.md") if f.rule == "repeated-heading"]
    assert (finding.line, finding.related[0].line) == (3, 1)
    html = "<title>PRP injections</title><h1>PRP injections</h1><p>Some text.</p>"
    assert "repeated-heading" not in rules_in(lint_text(html, "page.html"))


def test_cut_off_list_items_in_html_and_plain_text() -> None:
    html = (
        "<ul><li>Disc disease: discs lose height with age. Injections may help improve the function of spinal</li>"
        "<li>Call {{ clinic.phone }}</li><li>Any scans from the last two years</li>"
        "<li>Address: 14 Orchard Lane, Millbrook, near the train station and the bus stop</li></ul>"
    )
    cut = [f.text for f in lint_text(html, "page.html") if f.rule == "cut-off-sentence"]
    assert cut == ["Injections may help improve the function of spinal"]
    text = (
        "Conditions:\n\n"
        "  • Facet joints: inflammation of the joints can be treated with targeted stem cell\n"
        "  • Sciatica.\n"
    )
    assert [f.line for f in lint_text(text, "page.txt") if f.rule == "cut-off-sentence"] == [3]


def test_editorial_kinds_are_configured_by_a_sites_rule_file(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: repeated-paragraph
            kind: repetition
            category: editorial
            scope: [paragraph]
            adjacent: false
            min_words: 4
            message: "This paragraph repeats an earlier one."
          - id: short-cut-off
            kind: truncation
            category: editorial
            min_words: 3
            message: "'{match}' is cut off."
        """,
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = write(
        tmp_path / "page.txt",
        "Book your visit today, please.\n\nWe are open daily.\n\n"
        "Book your visit today, please.\n\nDone. You can call us on the phone\n",
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    assert result.exit_code == 1
    assert '"rule": "repeated-paragraph"' in result.stdout and '"line": 5' in result.stdout
    assert '"text": "You can call us on the phone"' in result.stdout


def test_bad_editorial_settings_are_reported(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    write(
        tmp_path / "rules.yaml",
        "rules:\n  - id: cut\n    kind: truncation\n    category: editorial\n    min_words: 0\n    message: x\n",
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    result = run_cli("check", "--config", str(config), str(config))
    assert result.exit_code == 2
    assert "rule 'cut': 'min_words' must be a whole number of at least 1" in result.stderr
