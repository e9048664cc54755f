"""How the built-in packs behave on real copy: context, citations, formats and safe fixes."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from tests.conftest import RunCli

from medlint import Finding, lint_paths, lint_text
from medlint.config import Config
from medlint.rule_loader import builtin_rules_dir, load_rules

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


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


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("page.md", "PRP is clinically proven to ease knee pain.[^1]\n\n[^1]: Lee et al., 2021.\n"),
        ("page.md", "PRP is clinically proven to ease knee pain.<sup>1</sup>\n"),
        ("page.html", "<p>PRP is clinically proven to ease knee pain.<sup>1</sup></p>"),
        ("page.html", '<p>PRP is clinically proven to ease knee pain.<sup><a href="#ref-1">1</a></sup></p>'),
        ("page.mdx", "PRP is clinically proven to ease knee pain.<sup>1</sup>\n"),
    ],
)
def test_a_footnote_marker_after_the_full_stop_cites_the_sentence_before_it(path: str, text: str) -> None:
    # A rule that wants its citation in the claim's sentence: the marker written against the full stop
    # is that sentence's, where writers and style guides put it.
    assert "clinically-proven" not in rules_in(lint_text(text, path))


@pytest.mark.parametrize(
    "text",
    [
        "PRP is clinically proven to ease knee pain. Ask us about it.[^1]\n\n[^1]: Lee et al., 2021.\n",
        "<p>PRP is clinically proven to ease knee pain.</p><p>(Lee et al., 2021)</p>",
    ],
)
def test_a_marker_of_a_later_sentence_or_paragraph_cites_neither(text: str) -> None:
    path = "page.html" if text.startswith("<") else "page.md"
    assert "clinically-proven" in rules_in(lint_text(text, path))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # The link's destination, written after the paragraph's last word, is the citation.
        ("page.md", "Studies show PRP may ease tendon pain, see [Lee 2021](https://pubmed.ncbi.nlm.nih.gov/1/)\n"),
        ("page.md", "PRP is clinically proven to ease knee pain [Lee](https://doi.org/10.1000/x)\n\nCall us.\n"),
        # The link's opening tag, written before the paragraph's first word.
        ("page.html", '<p><a href="https://pubmed.ncbi.nlm.nih.gov/1/">Studies show</a> PRP may ease tendon pain.</p>'),
    ],
)
def test_a_link_at_the_edge_of_its_paragraph_cites_it(path: str, text: str) -> None:
    assert not rules_in(lint_text(text, path)) & {"studies-show", "clinically-proven"}


def test_a_link_that_opens_the_next_paragraph_does_not_cite_this_one() -> None:
    text = '<p>Studies show PRP eases tendon pain.</p><p><a href="https://pubmed.ncbi.nlm.nih.gov/1/">Lee</a></p>'
    assert "studies-show" in rules_in(lint_text(text, "page.html"))


# The claims that need a citation: a link clears one only when it plausibly points at evidence.
_CITED_RULES = {"no-side-effects", "completely-safe", "studies-show", "clinically-proven", "superlative-claim"}


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("page.md", "Our [PRP](/prp) has no side effects."),
        ("page.md", "Our [PRP](https://ourclinic.example/services/prp) has no side effects."),
        ("page.md", "Our [PRP](#prp) has no side effects."),
        ("page.md", "PRP has no side effects ([read our patient reviews](/reviews))."),
        ("page.md", "PRP has no side effects ([read a case study](/case-studies/1))."),
        ("page.md", "PRP has no side effects ([see our Summer 2025 offer](/offers))."),
        ("page.html", '<p>PRP has no side effects (<a href="/offers">Spring 2025 prices</a>).</p>'),
        ("page.md", "Studies show PRP works. Read more in [our guide to knee care](https://example.org/guides/12)."),
        ("page.html", '<p>Our <a href="/services/prp">PRP</a> has no side effects.</p>'),
        ("page.html", '<p>Our <a href="https://ourclinic.example/prp">PRP</a> has no side effects.</p>'),
        ("page.html", "<p>Our Regenokine<sup>&reg;</sup> has no side effects.</p>"),
        ("page.html", "<p>Our Regenokine<sup>TM</sup> has no side effects.</p>"),
        ("page.mdx", 'Our <Link href="/prp">PRP</Link> has no side effects.\n'),
        ("page.mdx", 'Our <a href="/prp">PRP</a> has no side effects.\n'),
        ("page.txt", "Our PRP has no side effects: https://ourclinic.example/book"),
        # Pages for patients summarise the evidence; they are not the studies a claim rests on.
        (
            "page.md",
            "Studies show PRP eases knee pain ([Mayo Clinic](https://www.mayoclinic.org/tests-procedures/prp)).",
        ),
        ("page.html", '<p>Clinically proven (<a href="https://orthoinfo.aaos.org/en/treatment/prp/">AAOS</a>).</p>'),
    ],
)
def test_a_link_to_the_clinics_own_page_is_no_citation(path: str, text: str) -> None:
    assert rules_in(lint_text(text, path)) & _CITED_RULES


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("page.md", "There are no side effects and [100% safe](/x) care."),
        ("page.md", "[100% safe](/x) care, and there are no side effects."),
        ("page.md", "There are no side effects and *[100% safe](/x)* care."),
        ("page.md", "There are no side effects with [3 sessions](/book)."),
        ("page.md", "There are no side effects with [24-hour support](/contact)."),
        ("page.html", '<p>There are no side effects and <a href="/x">100% safe</a> care.</p>'),
    ],
)
def test_a_link_whose_text_starts_with_a_number_is_no_numbered_reference(path: str, text: str) -> None:
    # "[100% safe](/x)" once read as the reference "[100]" and cleared every claim in its sentence.
    assert "no-side-effects" in rules_in(lint_text(text, path))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("page.md", "PRP has no side effects ([source](https://pubmed.ncbi.nlm.nih.gov/1/))."),
        ("page.md", "PRP has no side effects ([NICE](https://www.nice.org.uk/guidance/ng59))."),
        ("page.md", "PRP has no side effects ([FDA](https://www.fda.gov/x)) in this use."),
        ("page.md", "PRP has no side effects ([a 2019 systematic review](https://ourclinic.example/r))."),
        ("page.md", "PRP has no side effects ([Lee 2021](/evidence/lee))."),
        ("page.md", "PRP has no side effects ([Lee and Park, 2019b; Chen 2020](/evidence))."),
        ("page.html", '<p>PRP has no side effects (<a href="/evidence/lee">Lee et al. 2021</a>).</p>'),
        ("page.md", "PRP has no side effects ([1](#ref-1))."),
        (
            "page.html",
            "<p>PRP has no side effects (<a href='https://www.cochranelibrary.com/cdsr/doi/1'>Cochrane</a>).</p>",
        ),
        ("page.html", '<p>PRP has no side effects.<sup><a href="#ref-1">1</a></sup></p>'),
        ("page.html", '<p>PRP has no side effects <a href="#fn1" class="footnote-ref">1</a>.</p>'),
        ("page.html", '<p>PRP has no side effects (<a href="/research/trial-2020">see the trial</a>).</p>'),
        ("page.mdx", 'PRP has no side effects (<Link href="https://www.nejm.org/doi/full/10.1056/x">NEJM</Link>).\n'),
        ("page.mdx", 'PRP has no side effects (<Cite href={"https://clinicaltrials.gov/study/NCT1"}>NCT1</Cite>).\n'),
        ("page.txt", "PRP has no side effects, see https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/"),
        ("page.txt", "PRP has no side effects (doi:10.1000/182)."),
        (
            "page.md",
            "Studies show PRP eases knee pain ([Mayo Clinic Proceedings](https://www.mayoclinicproceedings.org/article/1)).",
        ),
        ("page.md", "Studies show PRP eases knee pain ([AAOS guideline](https://www.aaos.org/quality/oak3)).\n"),
    ],
)
def test_a_link_to_evidence_is_a_citation(path: str, text: str) -> None:
    assert not rules_in(lint_text(text, path)) & _CITED_RULES


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Our [PRP][1] has no side effects.\n\n[1]: /prp\n", False),
        ("Our [PRP] has no side effects.\n\n[PRP]: https://ourclinic.example/prp\n", False),
        ("PRP has no side effects ([Lee][lee]).\n\n[lee]: https://pubmed.ncbi.nlm.nih.gov/1/\n", True),
        ("PRP has no side effects ([PubMed][]).\n\n[pubmed]: https://pubmed.ncbi.nlm.nih.gov/1/\n", True),
        ("PRP has no side effects ([PubMed]).\n\nCall us.\n\n[PubMed]: <https://doi.org/10.1000/182>\n", True),
        ("PRP has no side effects, see [Lee][2]\n\n[2]: https://doi.org/10.1000/182 'Lee 2021'\n", True),
        # A definition's title reads as an inline link's does: "Lee et al. 2021" names the study.
        ('PRP has no side effects [see the research][r].\n\n[r]: /evidence "Lee et al. 2021"\n', True),
        ("PRP has no side effects [see the research][].\n\n[see the research]: /evidence 'Lee et al.'\n", True),
        ('PRP has no side effects [see our page][r].\n\n[r]: /evidence "Our prices"\n', False),
    ],
)
def test_a_reference_link_cites_as_the_link_its_definition_gives(text: str, cited: bool) -> None:
    for path in ("page.md", "page.mdx"):
        assert ("no-side-effects" not in rules_in(lint_text(text, path))) == cited, path


def test_a_citation_in_another_paragraph_does_not_count() -> None:
    text = "Studies show PRP eases tendon pain.\n\nSee [our fees](https://example.com/fees)."
    findings = lint_text(text, "page.md")
    assert [f.text for f in findings if f.rule == "studies-show"] == ["Studies show"]


def test_in_lines_without_sentence_punctuation_each_line_stands_alone() -> None:
    # A keyword list: no sentence end for over a thousand characters, so a line break ends the sentence,
    # and "search for a cure" on one line does not excuse the cure claimed on the next.
    filler = "knee clinic near me\n" * 60
    text = filler + "the search for a cure\nstem cell cure for arthritis\n" + filler
    findings = lint_text(text, "keywords.txt")
    assert [(f.line, f.text) for f in findings if f.rule == "cure-claim"] == [(62, "cure")]


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


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("<p>We don&#8217;t guarantee results.</p>", "page.html"),
        ("<p>It isn&rsquo;t a cure for arthritis.</p>", "page.html"),
        ("<p>We don&#x2019;t claim that it is a miracle cure.</p>", "page.html"),
        ("We can&#39;t promise results, and no clinic can guarantee them.\n", "page.md"),
    ],
)
def test_a_denial_written_with_a_character_reference_still_denies(text: str, path: str) -> None:
    # WordPress writes apostrophes as "&#8217;": blanked in the prose, the word would read "don       t".
    assert [f.rule for f in lint_text(text, path) if f.category != "consistency"] == []


def test_a_claim_beside_a_character_reference_is_still_reported() -> None:
    findings = lint_text("<p>Patients&#8217; results are guaranteed.</p>", "page.html")
    assert [(f.rule, f.text) for f in findings] == [("guaranteed-results", "guaranteed")]


def _as_wordpress(text: str) -> str:
    """``text`` as WordPress renders it: a paragraph, each apostrophe written as ``&#8217;``."""
    escaped = text.replace("\u2019", "'").replace("&", "&amp;").replace("<", "&lt;")
    return "<p>" + escaped.replace("'", "&#8217;") + "</p>"


_BUILTIN = load_rules([builtin_rules_dir()])
_WITH_APOSTROPHES = [
    (rule.id, expect, text)
    for rule in _BUILTIN
    if rule.examples.format == "text"
    for expect, texts in (("bad", rule.examples.bad), ("good", rule.examples.good))
    for text in texts
    if "'" in text or "\u2019" in text
]


@pytest.mark.parametrize(("rule", "expect", "text"), _WITH_APOSTROPHES)
def test_an_apostrophe_written_as_a_character_reference_reads_as_one(rule: str, expect: str, text: str) -> None:
    # Blanked in the prose, "won&#8217;t" read "won       t": no pattern for "won't" matched a WordPress page.
    reported = rule in rules_in(lint_text(_as_wordpress(text), "page.html"))
    assert reported == (expect == "bad"), _as_wordpress(text)


_TEXT_EXAMPLES = [
    (rule.id, expect, text)
    for rule in _BUILTIN
    if rule.examples.format == "text"
    for expect, texts in (("bad", rule.examples.bad), ("good", rule.examples.good))
    for text in texts
]


_BETWEEN_WORDS = re.compile(r"(?<=\S) (?=\S)")


@pytest.mark.parametrize(("rule", "expect", "text"), _TEXT_EXAMPLES)
def test_a_double_space_between_words_changes_nothing(rule: str, expect: str, text: str) -> None:
    # Copy pasted from a word processor often has two spaces where one belongs.
    doubled = _BETWEEN_WORDS.sub("  ", text)
    assert (rule in rules_in(lint_text(doubled))) == (expect == "bad"), doubled


@pytest.mark.parametrize(("rule", "expect", "text"), [e for e in _TEXT_EXAMPLES if "\n\n" not in e[2]])
def test_a_no_break_space_written_as_a_reference_reads_as_a_space(rule: str, expect: str, text: str) -> None:
    # Visual editors write "&nbsp;" between words: blanked in the prose, it is a run of six spaces.
    page = _BETWEEN_WORDS.sub("&nbsp;", _as_wordpress(text))
    assert (rule in rules_in(lint_text(page, "page.html"))) == (expect == "bad"), page


@pytest.mark.parametrize("dash", ["\u2013", "&ndash;", "&#8212;", "&mdash;"])
def test_a_dash_written_as_a_reference_ends_a_clause_as_the_dash_does(dash: str) -> None:
    # "most" qualifies the clause after the dash, not the promise before it.
    page = f"<p>Our injection has no side effects {dash} most patients drive home the same day.</p>"
    assert "no-side-effects" in rules_in(lint_text(page, "page.html"))


@pytest.mark.parametrize(
    ("page", "rule", "quoted"),
    [
        ("We offer a treatment with no side **effects**.\n", "no-side-effects", "no side effects"),
        ("It is a risk-*free* procedure.\n", "risk-free", "risk-free"),
        ("<p>A <b>side-effect</b> free treatment.</p>\n", "no-side-effects", "side-effect free"),
        ("<p>It is risk&#8209;free.</p>\n", "risk-free", "risk-free"),
    ],
)
def test_markup_or_a_reference_between_a_claims_words_does_not_hide_it(page: str, rule: str, quoted: str) -> None:
    path = "page.html" if page.startswith("<") else "page.md"
    found = [f for f in lint_text(page, path) if f.rule == rule]
    assert [f.message.split("'")[1] for f in found] == [quoted]


@pytest.mark.parametrize(
    ("page", "rule"),
    [
        ("| Risk | Free consultation |\n| --- | --- |\n| low | yes |\n", "risk-free"),
        ("| Item | Note |\n|---|---|\n| no side | effects listed below |\n", "no-side-effects"),
        ("| Pain | Free |\n|---|---|\n| 2 | yes |\n", "outcome-claims-need-disclaimers"),
        ("| Non | Invasive injection |\n|---|---|\n", "non-invasive-injection"),
        ("- Low risk\n- Free parking\n", "risk-free"),
        ("- Clinically\n- Proven results\n", "clinically-proven"),
        ("<ul><li>Low risk</li><li>Free parking</li></ul>\n", "risk-free"),
        ("<table><tr><td>Risk</td><td>Free parking</td></tr></table>\n", "risk-free"),
        ("<h2>Risk</h2>Free consultations every Monday.\n", "risk-free"),
        ("<p>We discuss the risk</p><p>Free parking for all patients.</p>\n", "risk-free"),
        ("<p>Low risk<br>free parking for all patients.</p>\n", "risk-free"),
        ("<p>no side<br>effects</p>\n", "no-side-effects"),
        ("Low risk\n![](a.png)\nFree parking for all patients.\n", "risk-free"),
        ("Our risk `x = 1` free parking for patients.\n", "risk-free"),
        ('We list each risk {{< ref "x" >}} free of charge.\n', "risk-free"),
        ('<p>We list each risk [gallery ids="4"] free of charge.</p>\n', "risk-free"),
        ("## Risk\nFree consultations are offered every Monday.\n", "risk-free"),
        # A Markdown hard line break (two spaces, or a backslash, before the line's end) is a <br>.
        ("Low risk  \nFree parking for all patients.\n", "risk-free"),
        ("> no side   \n> effects listed below\n", "no-side-effects"),
        ("Low risk\\\nFree parking for all patients.\n", "risk-free"),
    ],
)
def test_markup_that_parts_two_words_is_not_a_space_between_them(page: str, rule: str) -> None:
    # A table's cells, list items, a heading and its text, a <br>, code or an image between two
    # words are read apart; only inline markup (emphasis, <b>, a link, &nbsp;) joins them.
    path = "page.html" if page.startswith("<") else "page.md"
    assert rule not in rules_in(lint_text(page, path)), page


@pytest.mark.parametrize("path", ["page.md", "page.txt", "page.html"])
def test_a_line_that_ends_in_spaces_breaks_a_claim_only_where_markdown_renders_a_break(path: str) -> None:
    assert "no-side-effects" in rules_in(lint_text("It has no side \neffects at all.\n", path))
    two_spaces = rules_in(lint_text("It has no side  \neffects at all.\n", path))
    assert ("no-side-effects" in two_spaces) == (path != "page.md")


@pytest.mark.parametrize(
    ("page", "rule"),
    [
        ("<p>Every injection carries some risk&mdash;free consultations explain it.</p>\n", "risk-free"),
        ("<p>Every injection carries some risk &#8211; free consultations explain it.</p>\n", "risk-free"),
        ("<p>Low risk &bull; Free parking &bull; Late hours</p>\n", "risk-free"),
        ("<p>Low risk &#124; Free parking</p>\n", "risk-free"),
        ("<p>Clinically &middot; Proven &middot; Trusted</p>\n", "clinically-proven"),
        ("<p>Pain&#47;free days tracker</p>\n", "outcome-claims-need-disclaimers"),
        ("No side &amp; effects.\n", "no-side-effects"),
    ],
)
def test_a_reference_for_punctuation_between_two_words_is_not_a_space(page: str, rule: str) -> None:
    # Blanked like a no-break space, a dash or a bullet written as a reference still parts the words,
    # as the character itself does ("risk\u2014free").
    path = "page.html" if page.startswith("<") else "page.md"
    assert rule not in rules_in(lint_text(page, path)), page


def test_a_match_through_a_character_reference_keeps_the_files_offsets() -> None:
    page = "<p>After one injection you&#8217;ll be pain-free in days.</p>"
    found = [f for f in lint_text(page, "page.html") if f.rule == "promised-outcome"]
    assert [(f.column, f.text) for f in found] == [(24, "you&#8217;ll be pain-free")]


def test_a_message_quotes_an_apostrophe_written_as_a_reference_as_one_apostrophe() -> None:
    page = "<p>After one injection you&#8217;ll be pain-free in days.</p>"
    found = [f for f in lint_text(page, "page.html") if f.rule == "promised-outcome"]
    assert [f.message.split("' promises")[0] for f in found] == ["'you'll be pain-free"]


def test_faq_questions_ask_rather_than_claim() -> None:
    faq = (
        "Is stem cell therapy FDA approved?\n\nCan PRP cure arthritis?\n\nIs the procedure completely painless?\n\n"
        "Will a detox drip flush toxins?\n\nIs compounded semaglutide the same as Ozempic?"
    )
    claim_packs = Config(select=("claims", "evidence", "regenerative", "spine", "editorial", "wellness"))
    assert lint_text(faq, config=claim_packs) == []
    rhetorical = "Why worry about side effects when our therapy is 100% safe?"
    assert "completely-safe" in rules_in(lint_text(rhetorical))


# --- wellness: IV drips, weight loss, hormones, peptides ------------------------

IV_MENU = """\
Our Immunity drip boosts your immune system against COVID and flu. The Glow drip will detox your liver,
and it bypasses the digestive system, so you get 100% of the nutrients. Our lipo shots melt belly fat.
Lose 30 pounds in 30 days with compounded semaglutide, the same as Ozempic. No diet or exercise needed.
"""


def test_a_wellness_page_has_each_claim_reported_once_by_its_rule() -> None:
    found = [(f.rule, f.text) for f in lint_text(IV_MENU)]
    assert found == [
        ("infection-protection", "boosts your immune system against COVID and flu"),
        ("detox-claim", "detox your liver"),
        ("iv-absorption", "bypasses the digestive system, so you get 100% of the nutrients"),
        ("fat-burning", "melt belly fat"),
        ("rapid-weight-loss", "Lose 30 pounds in 30 days"),
        ("compounded-glp1-as-brand", "the same as Ozempic"),
        ("effortless-weight-loss", "No diet or exercise needed"),
    ]


def test_a_peptide_claim_under_a_peptides_heading_starts_at_the_peptide_named() -> None:
    findings = lint_text("Peptides\nBPC-157 heals tendon injuries in record time.")
    assert [f.text for f in findings if f.rule == "accelerated-healing"] == ["BPC-157 heals tendon injuries"]


def test_a_promise_never_to_regain_is_reported_with_what_is_never_regained() -> None:
    findings = lint_text("Enjoy your new shape, and you will never regain a pound.")
    assert [(f.rule, f.text) for f in findings] == [("permanent-weight-loss", "will never regain a pound")]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Our Immune Shield drip protects you from colds and flu.", "protects you from colds and flu"),
        (
            "It shields your family against colds, flu and COVID-19.",
            "shields your family against colds, flu and COVID-19",
        ),
        ("Our shot fights viruses and infections.", "fights viruses and infections"),
    ],
)
def test_an_infection_claim_spans_the_whole_list_of_infections(text: str, claim: str) -> None:
    # A rewrite of "protects you from colds" alone would leave "and flu" behind: "provides fluids and vitamins and flu".
    findings = [f for f in lint_text(text, "page.md") if f.rule == "infection-protection"]
    assert [f.text for f in findings] == [claim]


def test_honest_wellness_copy_is_not_reported() -> None:
    honest = (
        "An IV drip gives fluids and vitamins straight into a vein. There is no good evidence that it removes "
        "toxins or protects you from flu; vaccination lowers that risk. Vitamin C contributes to the normal "
        "function of the immune system. Compounded semaglutide is not FDA-approved and is not a generic version "
        "of Wegovy. In trials, people lost weight gradually over more than a year, alongside a reduced-calorie "
        "diet and more activity, and many regained weight after stopping (Wilding et al., 2022)."
    )
    assert lint_text(honest) == []


def test_a_promise_to_end_fatigue_is_reported_like_one_to_end_pain() -> None:
    findings = lint_text("Our NAD+ drip banishes fatigue. Say goodbye to brain fog!")
    assert [(f.rule, f.text) for f in findings] == [
        ("eliminate-pain", "banishes fatigue"),
        ("eliminate-pain", "Say goodbye to brain fog"),
    ]
    assert lint_text("Tiredness that lasts for weeks needs a check-up, not a drip.") == []


def test_doctor_formulated_offered_as_proof_is_reported() -> None:
    findings = lint_text("Our supplements are doctor-formulated, so you know they work.")
    assert [(f.rule, f.text) for f in findings] == [("doctor-recommended", "doctor-formulated")]
    assert lint_text("Our drips are prepared by a pharmacist and given by a registered nurse.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Compounded semaglutide, the same medicine as Wegovy, is FDA approved for weight loss.",
        "Our semaglutide contains the active ingredient in Ozempic and is FDA-approved for weight loss.",
    ],
)
def test_a_brand_named_only_for_comparison_does_not_excuse_an_approval_claim(text: str) -> None:
    assert "fda-approved" in rules_in(lint_text(text))


def test_a_brand_approved_for_a_use_is_still_a_true_statement() -> None:
    text = "Medicines such as Wegovy are FDA-approved for weight management in adults with obesity."
    assert lint_text(text) == []


def test_an_approved_brand_offered_as_proof_is_not_called_unapproved() -> None:
    # Botox is approved: what is wrong is offering the approval as proof that it works for the reader.
    findings = [
        f
        for f in lint_text("Botox is FDA approved, so you know it works.")
        if f.rule != "outcome-claims-need-disclaimers"
    ]
    assert [(f.rule, f.text) for f in findings] == [
        ("fda-approval-as-proof", "Botox is FDA approved, so you know it works")
    ]
    assert not [s for s in findings[0].suggestions if "not approved" in s], findings[0].suggestions
    assert any("frown lines" in s for s in findings[0].suggestions), findings[0].suggestions
    # A compounded copy is not the approved medicine: its approval is still called false.
    copy = "Our compounded semaglutide is FDA approved, so you know it works."
    assert "fda-approved" in rules_in(lint_text(copy))


@pytest.mark.parametrize(
    ("text", "claim", "wording", "fixed"),
    [
        (
            "Botox is FDA approved.",
            "is FDA approved",
            "is FDA-approved for specific uses",
            "Botox is FDA-approved for specific uses.",
        ),
        (
            "Juvéderm fillers are approved by the FDA.",
            "are approved by the FDA",
            "are FDA-approved for specific uses",
            "Juvéderm fillers are FDA-approved for specific uses.",
        ),
    ],
)
def test_an_approved_brand_with_no_use_is_asked_for_one_not_called_unapproved(
    text: str, claim: str, wording: str, fixed: str
) -> None:
    # The approval is true; "is not approved by the FDA", offered for an unapproved treatment, would be false here.
    [finding] = lint_text(text)
    assert (finding.rule, finding.text, finding.suggestions) == ("fda-approval-without-use", claim, (wording,))
    assert lint_text(fixed) == []
    # A treatment no brand names still has its claimed approval called false.
    [unapproved] = lint_text("Our stem cell therapy is FDA approved.")
    assert unapproved.rule == "fda-approved" and "is not approved by the FDA" in unapproved.suggestions


@pytest.mark.parametrize(
    ("text", "claim", "wording", "fixed"),
    [
        (
            "Botox is an FDA-approved medicine.",
            "an FDA-approved medicine",
            ("FDA-approved for specific uses",),
            "Botox is FDA-approved for specific uses.",
        ),
        (
            "Wegovy, an FDA-approved weekly injection, helps you lose weight.",
            "an FDA-approved weekly injection",
            ("FDA-approved for specific uses",),
            "Wegovy, FDA-approved for specific uses, helps you lose weight.",
        ),
        # Not "are FDA-approved for specific uses neurotoxins": the approval describes the noun after it.
        (
            "Botox and Dysport are FDA-approved neurotoxins.",
            "FDA-approved neurotoxins",
            ("FDA-approved for specific uses",),
            "Botox and Dysport are FDA-approved for specific uses.",
        ),
        # No wording reads in place of the adjective alone, so none is offered.
        ("We offer FDA-approved Botox and Juvéderm.", "FDA-approved", (), None),
        ("Botox is an FDA-approved neurotoxin that relaxes the muscles behind lines.", "FDA-approved", (), None),
        ("We use only FDA-approved fillers such as Restylane and Radiesse.", "FDA-approved", (), None),
        ("Our FDA-approved injectables include Botox and Juvéderm.", "FDA-approved", (), None),
        ("We offer FDA-approved weight loss medications like Wegovy and Zepbound.", "FDA-approved", (), None),
    ],
)
def test_an_approved_brand_called_fda_approved_is_never_offered_not_approved(
    text: str, claim: str, wording: tuple[str, ...], fixed: str | None
) -> None:
    # fda-approved offered "This treatment is not approved by the FDA for this use.", false for these brands.
    [finding] = lint_text(text)
    assert (finding.rule, finding.text, finding.suggestions) == ("fda-approval-without-use", claim, wording)
    if fixed is not None:
        assert text.replace(claim, wording[0]) == fixed
        assert lint_text(fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "We offer FDA-approved stem cell injections.",
        "We offer FDA-approved Botox and PRP injections.",
        "Botox and exosomes have been FDA approved.",
        "Botox and PRP are FDA approved.",
        # A medicine compared with a brand is not the brand.
        "Our semaglutide is an FDA-approved medicine like Wegovy.",
    ],
)
def test_a_treatment_named_beside_an_approved_brand_still_has_its_approval_called_false(text: str) -> None:
    assert "fda-approved" in rules_in(lint_text(text))
    assert "fda-approval-without-use" not in rules_in(lint_text(text))


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Our laser instantly heals arthritis.", "instantly heals arthritis"),
        ("Our cream instantly heals eczema.", "instantly heals eczema"),
        ("This light therapy instantly heals your psoriasis.", "instantly heals your psoriasis"),
        ("Our drips instantly cure hangovers.", "instantly cure"),
    ],
)
def test_a_cure_promised_at_once_is_said_to_be_a_cure_as_well_as_fast(text: str, claim: str) -> None:
    # The finding once said only "promises instant results", and eczema and psoriasis, healed at once, were
    # offered only "Any improvement usually builds over several weeks.", which leaves the cure standing.
    [finding] = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert (finding.rule, finding.text) == ("instant-cure", claim)
    assert "promises a cure, and at once" in finding.message
    assert "It may ease symptoms for some people, but it is not a cure, and any improvement takes time." in (
        finding.suggestions
    )
    assert not [s for s in finding.suggestions if s.startswith("Any improvement")], finding.suggestions


def test_scars_healed_at_once_are_offered_wording_about_scars() -> None:
    [finding] = [
        f for f in lint_text("This serum instantly heals acne scars.") if f.rule != "outcome-claims-need-disclaimers"
    ]
    assert (finding.rule, finding.text) == ("erase-skin-marks", "instantly heals acne scars")
    assert [s for s in finding.suggestions if "soften the look of scars" in s], finding.suggestions
    # Speed alone is still speed: a cut heals, and the wording is about how soon.
    [speed] = [f for f in lint_text("Our balm instantly heals cuts.") if f.rule != "outcome-claims-need-disclaimers"]
    assert (speed.rule, speed.text) == ("instant-results", "instantly heals")


def test_healing_helped_along_is_no_cure() -> None:
    assert "cure-claim" not in rules_in(lint_text("A plain moisturiser can help heal eczema over a few weeks."))
    assert "cure-claim" in rules_in(lint_text("Our light therapy heals psoriasis from the inside."))


@pytest.mark.parametrize(
    "text",
    [
        "Latisse is FDA approved to grow longer, fuller lashes.",
        "Kybella is FDA-approved as an injection to reduce fat under the chin.",
        "Latisse is FDA approved to grow longer lashes. Compounded lash serums are not FDA approved.",
    ],
)
def test_a_brand_approved_to_do_something_names_its_use(text: str) -> None:
    # "approved to grow lashes" names the use as "approved for frown lines" does; fda-approved offered
    # "Latisse is not approved by the FDA to grow longer lashes", and fda-approval-without-use asked for a use.
    assert lint_text(text) == []


def test_an_approved_brand_does_not_contradict_a_treatment_that_is_not_approved() -> None:
    # Two products: "Botox is not approved by the FDA", offered in place of the first, would be false.
    page = "Botox is FDA approved. PRP is not approved by the FDA.\n"
    assert "fda-approved-vs-not-approved" not in rules_in(lint_text(page))
    adjective = "We offer FDA-approved Botox. Our PRP facials are not FDA approved.\n"
    assert "fda-approved-vs-not-approved" not in rules_in(lint_text(adjective))


def test_a_contradicted_approval_is_offered_wording_that_reads_in_its_place() -> None:
    page = "Our stem cell therapy is FDA approved. Stem cell injections are not approved by the FDA.\n"
    claim, against = [f for f in lint_text(page) if f.rule == "fda-approved-vs-not-approved"]
    assert (claim.text, claim.suggestions[0]) == ("is FDA approved", "is not approved by the FDA")
    assert against.suggestions == ()
    # Not "We offer not approved by the FDA stem cell injections": the adjective gets a sentence.
    page = "We offer FDA-approved stem cell injections. Stem cell injections are not approved by the FDA.\n"
    claim, _ = [f for f in lint_text(page) if f.rule == "fda-approved-vs-not-approved"]
    assert (claim.text, claim.suggestions) == ("FDA-approved", ("This treatment is not approved by the FDA.",))


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # Not "...is not approved by the FDA for weight loss, just like Wegovy", which calls Wegovy unapproved.
        (
            "Our compounded semaglutide is FDA approved for weight loss, just like Wegovy.",
            "Our compounded semaglutide is not approved by the FDA.",
        ),
        (
            "Our compounded estradiol cream is FDA approved, just like estradiol patches.",
            "Our compounded estradiol cream is not approved by the FDA.",
        ),
    ],
)
def test_an_approval_claimed_by_likeness_to_an_approved_product_is_denied_without_it(text: str, fixed: str) -> None:
    [finding] = [f for f in lint_text(text) if f.rule == "fda-approved"]
    phrase = next(s for s in finding.suggestions if not s.endswith("."))
    assert text.replace(finding.text, phrase) == fixed


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Our 12-week program reverses high blood pressure.", "blood pressure"),
        ("Our supplement beats PCOS naturally.", "PCOS"),
        ("Our detox plan reverses fatty liver disease.", "fatty liver"),
        ("Our metabolic drip reverses hypothyroidism.", "thyroid"),
    ],
)
def test_a_metabolic_disease_said_to_be_reversed_is_offered_wording_about_that_disease(text: str, about: str) -> None:
    # Each was offered "may help improve blood sugar control" and a sentence about type 2 diabetes.
    [finding] = [f for f in lint_text(text) if f.rule == "reverse-metabolic-disease"]
    assert finding.suggestions and all(about in s for s in finding.suggestions), finding.suggestions
    assert not [s for s in finding.suggestions if "blood sugar" in s], finding.suggestions


@pytest.mark.parametrize(
    ("text", "rule", "use"),
    [
        ("Ozempic is an FDA-approved medicine, so you know it works.", "fda-approval-as-proof", "type 2 diabetes"),
        ("Our laser is an FDA-cleared device, so you know it works.", "fda-status-as-proof", "FDA-cleared"),
    ],
)
def test_an_approval_in_the_noun_form_offered_as_proof_is_reported_as_proof(text: str, rule: str, use: str) -> None:
    # "Ozempic is FDA-approved for specific uses, so you know it works." kept the proof.
    [finding] = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert (finding.rule, finding.text.endswith("so you know it works")) == (rule, True)
    assert [s for s in finding.suggestions if use in s], finding.suggestions


def test_more_approved_brands_are_not_called_unapproved() -> None:
    # "Spravato is not approved by the FDA for depression" was offered; esketamine spray is approved for it.
    assert lint_text("Spravato is FDA approved for depression that has not improved with other antidepressants.") == []
    [finding] = [
        f
        for f in lint_text("Trulicity is FDA approved, so you know it works.")
        if f.rule != "outcome-claims-need-disclaimers"
    ]
    assert finding.rule == "fda-approval-as-proof"
    assert [s for s in finding.suggestions if "type 2 diabetes, not for weight loss" in s], finding.suggestions
    # Likeness to an approved brand is no approval: IV ketamine is used off label.
    assert "fda-approved" in rules_in(lint_text("Our IV ketamine is FDA approved, just like Spravato."))


def test_a_guarantee_offered_as_an_object_is_not_replaced_by_a_clause() -> None:
    # "We offer we will explain what results to expect." does not read.
    text = "We offer guaranteed results or your money back."
    [finding] = [f for f in lint_text(text) if f.rule == "guaranteed-results"]
    assert finding.suggestions == ("Results vary from person to person, and we cannot promise them.",)
    [opening] = [f for f in lint_text("Results guaranteed, or your money back!") if f.rule == "guaranteed-results"]
    assert "we will explain what results to expect" in opening.suggestions


def test_pain_eliminated_permanently_is_rewritten_without_the_permanence() -> None:
    # "Our regenerative injections may help ease pain permanently." still promised relief for good.
    text = "Our regenerative injections eliminate back pain permanently."
    [finding] = [f for f in lint_text(text) if f.rule == "eliminate-pain"]
    assert (finding.text, "may help ease pain" in finding.suggestions) == ("eliminate back pain permanently", True)
    snoring = "Our laser snoring treatment eliminates snoring for good."
    [finding] = [f for f in lint_text(snoring) if f.rule == "eliminate-pain"]
    assert (finding.text, "may help ease symptoms" in finding.suggestions) == ("eliminates snoring for good", True)


def test_tissue_healed_at_once_is_one_finding_whose_wording_follows_the_subject() -> None:
    # Two findings, "instantly heals" and "heals tendons", and "Our PRP instantly may support healing".
    [finding] = [
        f for f in lint_text("Our PRP instantly heals tendons.") if f.rule != "outcome-claims-need-disclaimers"
    ]
    assert (finding.rule, finding.text) == ("complete-healing", "instantly heals tendons")
    assert "may support healing in some patients" in finding.suggestions


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (
            "CoolSculpting is FDA-cleared, so it works for everyone.",
            "CoolSculpting is FDA-cleared for specific uses, and results vary from person to person.",
        ),
        (
            "Our laser is FDA approved, so it works for every patient who walks in.",
            "Our laser is FDA-cleared for specific uses, and results vary from person to person.",
        ),
    ],
)
def test_a_status_offered_as_proof_for_everyone_is_rewritten_whole(text: str, fixed: str) -> None:
    # "...and results vary from person to person for everyone." left the rest of the promise behind.
    [finding] = [f for f in lint_text(text) if f.rule == "fda-status-as-proof"]
    phrase = next(s for s in finding.suggestions if s.startswith("is FDA-cleared"))
    assert text.replace(finding.text, phrase) == fixed


def test_a_device_named_by_its_brand_is_not_called_unapproved() -> None:
    # "Emsculpt is not approved by the FDA to strengthen abdominal muscles" was offered for a true statement.
    assert lint_text("Emsculpt is FDA cleared to strengthen the abdominal muscles.") == []
    for text, phrase in [
        ("Emsculpt is FDA approved.", "is FDA-cleared for specific uses"),
        ("We use FDA-approved CoolSculpting to freeze stubborn fat.", "FDA-cleared"),
    ]:
        [finding] = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
        assert finding.rule == "fda-status-as-proof"
        assert [s for s in finding.suggestions if s.startswith(phrase)], finding.suggestions


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Our clinicians are NHS-approved.", "clinicians are NHS-approved"),
        ("Our hearing aids are NHS-approved.", "hearing aids are NHS-approved"),
    ],
)
def test_people_and_products_called_nhs_approved_are_not_said_to_be_registered_with_the_cqc(
    text: str, claim: str
) -> None:
    # "Our hearing aids are registered with the Care Quality Commission." was offered: the CQC registers
    # providers, not products, nor clinicians (the GMC and the other councils do).
    [finding] = [f for f in lint_text(text) if f.rule == "nhs-endorsement"]
    assert finding.text == claim
    assert not [s for s in finding.suggestions if s.startswith(("is registered", "are registered"))]
    [service] = [f for f in lint_text("Our private GP service is NHS-approved.") if f.rule == "nhs-endorsement"]
    assert "is registered with the Care Quality Commission" in service.suggestions


@pytest.mark.parametrize(
    ("text", "rule", "wording"),
    [
        ("Our zinc supplement protects you from colds and flu.", "infection-protection", "prevent infections"),
        ("Our Immune Shield shot fights off viruses.", "infection-protection", "prevent infections"),
        ("Our milk thistle supplement detoxes your liver.", "detox-claim", "remove toxins"),
    ],
)
def test_a_shot_or_supplement_is_not_said_to_provide_fluids(text: str, rule: str, wording: str) -> None:
    # "Our zinc supplement provides fluids and vitamins." was offered: only a drip gives fluids.
    [finding] = [f for f in lint_text(text) if f.rule == rule]
    assert f"has not been shown to {wording}" in finding.suggestions
    assert not [s for s in finding.suggestions if "fluids" in s], finding.suggestions


def test_a_filler_that_shows_at_once_is_not_said_to_build_over_weeks() -> None:
    # "Any improvement usually builds over several weeks." was offered for a filler, which shows at once.
    assert (
        lint_text("Dermal fillers such as Juvéderm give instant results, though swelling takes a week to settle.") == []
    )
    # A result that does build over weeks is still reported.
    [finding] = [f for f in lint_text("Sculptra gives instant results.") if f.rule == "instant-results"]
    assert finding.suggestions == ("Any improvement usually builds over several weeks.",)


def test_a_device_brand_offered_as_proof_is_reported_and_rewritten_whole() -> None:
    # Invisalign was not known as a device, so its clearance offered as proof went unreported.
    text = "Invisalign is FDA cleared, so it works for you."
    [finding] = [f for f in lint_text(text) if f.rule == "fda-status-as-proof"]
    phrase = next(s for s in finding.suggestions if s.startswith("is FDA-cleared"))
    fixed = "Invisalign is FDA-cleared for specific uses, and results vary from person to person."
    assert text.replace(finding.text, phrase) == fixed


def test_a_medicine_by_its_own_name_is_not_offered_a_denial_of_its_approval() -> None:
    # "Semaglutide is not approved by the FDA for weight loss." was offered: as Wegovy, it is.
    page = "Semaglutide is FDA approved for weight loss. Compounded semaglutide is not FDA approved.\n"
    claims = [f for f in lint_text(page) if f.text == "Semaglutide is FDA approved"]
    assert {f.rule for f in claims} == {"fda-approved", "fda-approved-vs-not-approved"}
    for finding in claims:
        assert not [s for s in finding.suggestions if "not approved by the FDA" in s], finding.suggestions
        assert [s for s in finding.suggestions if s.startswith("Only the brand-name medicines")]
    # The clinic's own, or a compounded one, is still denied approval.
    [own] = [f for f in lint_text("Our semaglutide is FDA approved.") if f.rule == "fda-approved"]
    assert "is not approved by the FDA" in own.suggestions


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Botox and PRP are FDA approved.", "PRP are FDA approved"),
        ("Our PRP and Botox injections are FDA approved.", "injections are FDA approved"),
        ("Our IV drips and Botox have been FDA approved.", "Botox have been FDA approved"),
    ],
)
def test_a_brand_and_an_unapproved_treatment_approved_together_are_not_both_called_unapproved(
    text: str, claim: str
) -> None:
    # "Botox and PRP are not approved by the FDA." was offered: false of Botox.
    not_all = (
        "Not all of these treatments are approved by the FDA, and those that are are approved only for specific uses."
    )
    [finding] = [f for f in lint_text(text) if f.rule == "fda-approved"]
    assert (finding.text, finding.suggestions) == (claim, (not_all,))
    # Beside a statement that the treatment is not approved, the contradiction gets the same wording.
    page = f"{text} PRP is not approved by the FDA for hair loss."
    [contradicted] = [f for f in lint_text(page) if f.rule == "fda-approved-vs-not-approved" and f.text == claim]
    assert contradicted.suggestions == (not_all,)


def test_a_medicine_approved_under_its_brand_name_is_not_its_compounded_copy() -> None:
    # Both sentences are true: the approved product is the brand, the compounded copy is not approved.
    page = (
        "## Is semaglutide FDA approved?\n\n"
        "Semaglutide is FDA approved for chronic weight management under the brand name Wegovy. "
        "Compounded semaglutide is not FDA approved.\n"
    )
    assert lint_text(page, "faq.md") == []
    claim = "Our compounded semaglutide is FDA approved for weight loss as Wegovy.\n"
    assert "fda-approved" in rules_in(lint_text(claim, "offer.md"))


def test_clinically_proven_on_a_supplement_page_says_what_proof_would_take() -> None:
    [finding] = lint_text("Our energy formula is clinically proven to fight fatigue.")
    assert finding.rule == "clinically-proven"
    assert "well-controlled human trials of this product for this use" in finding.message


def test_a_compounded_heading_above_does_not_make_a_brand_sentence_a_comparison() -> None:
    page = "## Compounded versions\n\nWe prescribe only Wegovy and Zepbound, which are FDA-approved for weight loss.\n"
    assert lint_text(page, "page.md") == []


def test_an_approved_brand_and_compounded_hormones_are_different_facts_across_pages(tmp_path: Path) -> None:
    write(tmp_path / "weight-loss.md", "Wegovy is FDA-approved for chronic weight management in adults with obesity.\n")
    write(tmp_path / "menopause.md", "Compounded bioidentical hormones are not FDA-approved.\n")
    result = lint_paths([tmp_path], config=Config(root=tmp_path))
    assert [(Path(f.path).name, f.rule) for f in result.findings] == []


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


def test_a_phrase_broken_across_lines_is_quoted_on_one_line_and_fixed_keeping_the_break() -> None:
    [finding] = [f for f in lint_text("Our injections of sperm\ncells repair discs.") if f.rule == "sperm-cells"]
    assert finding.message.startswith("'sperm cells' where stem cells are meant")
    assert finding.fix is not None and finding.fix.replacement == "stem\ncells"


def test_messages_quote_the_words_without_the_markup_between_them() -> None:
    findings = lint_text(
        "It is a **miracle cure** for sciatica: sperm <b>cells</b> injected into the spine.", "page.md"
    )
    messages = {f.rule: f.message for f in findings}
    assert messages["miracle-breakthrough"].startswith("'a miracle cure' presents")
    assert messages["sperm-cells"].startswith("'sperm cells' where stem cells are meant")
    # The finding's own text is the page's, markup and all: what a baseline or a fix works on.
    assert {f.text for f in findings if f.rule == "miracle-breakthrough"} == {"a **miracle cure"}


def test_a_swap_is_named_in_the_message_as_the_rule_writes_it_and_fixed_in_the_pages_case() -> None:
    [finding] = [f for f in lint_text("Stem therapy eases pain.\n", "page.md") if f.rule == "stem-therapy"]
    assert finding.message.endswith("the treatment is stem cell therapy.")
    assert finding.fix is not None and finding.fix.replacement == "Stem cell therapy"


def test_a_message_is_filled_with_the_quoted_words_on_one_line_and_its_braces_escaped(
    tmp_path: Path, run_cli: RunCli
) -> None:
    # (A placeholder is its name alone: a conversion or a format spec is a rule error, test_cli.)
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: no-risk
            category: efficacy
            phrases: [no risk]
            message: "'{match}' is {{not}} a promise, and {{{match}}} is not either"
        """,
    )
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = write(tmp_path / "page.md", "There is no\nrisk.\n")

    result = run_cli("check", "--format", "json", str(page))

    [finding] = json.loads(result.stdout)["findings"]
    assert finding["message"] == "'no risk' is {not} a promise, and {no risk} is not either"


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


def test_a_list_written_without_full_stops_is_not_cut_off_but_one_item_without_among_many_with_is() -> None:
    styled = (
        "<ul><li>A calm, unhurried hour just for you</li>"
        "<li>Smoother-looking skin: our massage is clinically proven to banish cellulite</li>"
        "<li>Lighter legs after a long day</li></ul>"
    )
    assert "cut-off-sentence" not in rules_in(lint_text(styled, "page.html"))
    punctuated = styled.replace("for you</li>", "for you.</li>").replace("long day</li>", "long day.</li>")
    cut = [f.text for f in lint_text(punctuated, "page.html") if f.rule == "cut-off-sentence"]
    assert cut == ["our massage is clinically proven to banish cellulite"]


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


def test_editorial_kinds_are_configured_by_a_sites_rule_file(tmp_path: Path, run_cli: RunCli) -> None:
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


def test_bad_editorial_settings_are_reported(tmp_path: Path, run_cli: RunCli) -> None:
    write(
        tmp_path / "rules.yaml",
        "rules:\n  - id: cut\n    kind: truncation\n    category: editorial\n    min_words: 0\n    message: x\n",
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    result = run_cli("check", "--config", str(config), str(config))
    assert result.exit_code == 2
    assert "rule 'cut': 'min_words' must be a whole number of at least 1" in result.stderr


# --- negation: how far a denial reaches ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # Each "no" denies its own noun: an earlier item's "no" does not deny a later one.
        ("There is no downtime and no risk.", "risk-free"),
        ("No incision and no side effects.", "no-side-effects"),
        ("No pain, no risk.", "risk-free"),
        ("There is no surgery, no scarring and no side effects.", "no-side-effects"),
        # A new subject and verb, or "just", start a new clause.
        ("It is not painful and it is risk-free.", "risk-free"),
        ("Nothing invasive, just a risk-free injection.", "risk-free"),
        # A phrase added after a comma asserts its own words: "fix -i" offers "generally well
        # tolerated, but not risk-free" for "100% safe" in "It is 100% safe, with zero nausea."
        ("It is generally well tolerated, but not risk-free, with zero nausea.", "no-side-effects"),
        ("It is not painful, with no side effects.", "no-side-effects"),
        # "Not just", "doesn't just": what follows is asserted.
        ("It is not just painless, it is risk-free.", "risk-free"),
        ("This is not just painless, it is permanent.", "completely-safe"),
        # A contrast ends what a disowning frame covers.
        ("We do not claim the injection is a cure, but it is risk-free.", "risk-free"),
        ("Unlike other clinics that promise miracles, our treatment is risk-free.", "risk-free"),
        # "What doctors won't tell you" insinuates that what follows is true.
        ("Doctors won't tell you that stem cells cure back pain.", "cure-claim"),
        # A list joined by "and" may mix a denial with claims; one after a full stop is a sentence of its own.
        ("Our drip does not hurt, boosts energy and cures hangovers.", "cure-claim"),
        ("Our drips do not hurt, and they cure a hangover.", "cure-claim"),
        ("Our drip does not hurt. It cures hangovers, boosts energy or clears skin.", "cure-claim"),
    ],
)
def test_a_denial_does_not_reach_a_separate_claim(text: str, rule: str) -> None:
    assert rule in rules_in(lint_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # The claim as the last of the alternatives, after "or", with or without a comma before it.
        "Vitamin drips do not boost energy, improve your skin, prevent infections or cure a hangover.",
        "Drips don\u2019t detoxify the body, treat hangovers reliably, prevent infections, or cure a hangover.",
        # The claim as a middle item, the "or" still to come.
        "Vitamin drips do not boost energy, cure a hangover, improve your skin or prevent infections.",
        "The injection is not a cure, a miracle or a guarantee of results.",
    ],
)
def test_a_negated_verb_denies_every_item_of_a_list_joined_by_or(text: str) -> None:
    assert lint_text(text) == []


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        # A frame disowns only what it governs: after ", and" or ", so", a subject of its own with the
        # claim as its verb is a new main clause, whatever the verb.
        ("There is no evidence that rejection happens, and our injections cure arthritis.", "cure-claim", "cure"),
        (
            "There is no evidence that PRP cures arthritis, and stem cells regrow cartilage.",
            "regrow-tissue",
            "regrow cartilage",
        ),
        ("There is little evidence that PRP causes harm, and PRP cures arthritis.", "cure-claim", "cures"),
        ("There is no evidence that our cells are rejected, so stem cells cure arthritis.", "cure-claim", "cure"),
        (
            "Be wary of clinics that promise quick fixes, and stem cells regrow cartilage.",
            "regrow-tissue",
            "regrow cartilage",
        ),
        # A claim named and judged before the match does not reach past its judgment.
        ("Claims that PRP is harmful are false, and stem cells regrow cartilage.", "regrow-tissue", "regrow cartilage"),
    ],
)
def test_a_frame_does_not_reach_a_new_main_clause_with_its_own_subject(text: str, rule: str, span: str) -> None:
    assert [f.text for f in lint_text(text) if f.rule == rule] == [span]


@pytest.mark.parametrize(
    "text",
    [
        # What the frame governs stays disowned: a list of subjects, a shared subject's second predicate.
        "We do not claim that PRP, stem cells, and exosomes cure arthritis.",
        "We do not claim that drips prevent colds, boost energy, and cure hangovers.",
        "We do not claim that PRP heals tendons, and can cure arthritis.",
        "There is no evidence that PRP cures arthritis or that it regrows cartilage.",
        "Claims that PRP is a cure, and stem cells regrow cartilage, are false.",
    ],
)
def test_a_frame_still_disowns_every_claim_it_governs(text: str) -> None:
    assert [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"] == []


@pytest.mark.parametrize(
    "text",
    [
        # "Most" qualifies its own clause; after ", and" a new subject and verb make a claim of their own.
        "Most patients feel better within days, and PRP has no side effects because it comes from your own body.",
        "Most people go home the same day, and the injection causes no side effects.",
    ],
)
def test_a_qualifier_does_not_reach_a_new_main_clause_after_and(text: str) -> None:
    assert "no-side-effects" in rules_in(lint_text(text, "page.md"))


@pytest.mark.parametrize(
    "text",
    [
        "Most patients recover quickly, and most have no side effects.",
        "Most patients recover quickly, and have no side effects.",
        "We do not claim that PRP is a cure, and that it is risk-free.",
    ],
)
def test_a_qualifier_or_frame_still_reaches_its_own_clause(text: str) -> None:
    assert lint_text(text, "page.md") == []


@pytest.mark.parametrize(
    "text",
    [
        "There is no risk.",
        "No downtime. No risk.",
    ],
)
def test_a_bare_denial_of_risk_is_a_claim(text: str) -> None:
    assert "risk-free" in rules_in(lint_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # Disowned or reported claims, however far from the negator.
        "We do not claim that stem cell injections cure arthritis, regenerate discs or reverse degeneration.",
        "We will never tell you that an injection is risk-free.",
        "If anyone tells you a treatment is guaranteed to work, ask for the evidence.",
        "Be wary of clinics that promise a cure for back pain.",
        "Anyone who promises a permanent cure for back pain is overstating the evidence.",
        "Claims that stem cells can cure Parkinson's disease or multiple sclerosis are not supported by evidence.",
        "Other clinics promise a cure; we do not.",
        # An indirect question reports what patients ask.
        "Patients often ask whether our stem cell therapy is FDA-approved: it is not.",
        "Patients sometimes ask whether PRP is a cure for arthritis. It is not.",
        # An open question: the match is what its "whether" clause asks, not what the page says.
        "Trials are testing whether exosomes work better than steroid injections.",
        "It is not yet known whether the treatment is more effective than physiotherapy.",
        "Your doctor will assess whether stem cell therapy is a cure for your condition.",
        "A consultation helps you decide whether PRP works better than a placebo for your knee.",
        "We will tell you if stem cell injections are a cure for your kind of arthritis.",
        # A list of denials under one negator stays denied.
        "We cannot promise no pain and no risk.",
        "We cannot promise that it is painless and risk-free.",
        "No treatment is free of pain and no injection is without risk.",
    ],
)
def test_disowned_and_reported_claims_are_not_reported(text: str) -> None:
    assert lint_text(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # A denial after the claim, of the claim as the subject of its clause.
        "A painless procedure is not something any clinic can promise.",
        "A guaranteed result is not something we offer.",
        "A permanent cure isn't possible with this treatment.",
        "Painless dentistry is not always possible, but we try.",
        "Guaranteed results cannot be promised by anyone.",
        "Pain-free treatment is something no clinic can promise.",
        "Realistically, a completely painless injection is not achievable.",
        "A painless procedure is not realistic to expect.",
        # A claim said not to exist.
        "A risk-free procedure does not exist.",
        "100% safe treatments don't exist, whatever an advert says.",
        # A contrast that does not claim it back.
        "A painless procedure is not something any clinic can promise, but we numb the skin first.",
        "Guaranteed results are not something any clinic can offer, but most patients improve.",
    ],
)
def test_a_denial_after_the_claim_denies_it(text: str) -> None:
    assert lint_text(text) == []


def test_a_denial_after_the_claim_with_its_apostrophe_written_as_a_reference_denies_it() -> None:
    page = "<p>A permanent cure isn&#8217;t possible with this treatment.</p>\n"
    assert "lasting-results" not in rules_in(lint_text(page, "page.html"))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # "Not only" asserts; other predicates say something else of the claim.
        ("Our painless procedure is not only fast but safe.", "completely-safe"),
        ("Our painless procedure is not expensive.", "completely-safe"),
        ("Guaranteed results are not unusual here.", "guaranteed-results"),
        ("Our painless procedure is not possible to beat.", "completely-safe"),
        ("Painless injections are not likely to cause bruising.", "completely-safe"),
        # A relative clause, or a claim that is not the subject, boasts.
        ("Painless treatment that is not possible anywhere else.", "completely-safe"),
        ("We offer painless dentistry which isn't possible elsewhere.", "completely-safe"),
        ("Painless dentistry is not something you will regret.", "completely-safe"),
        # Existing nowhere else boasts.
        ("A risk-free procedure like ours does not exist anywhere else.", "risk-free"),
        ("Painless treatment like this doesn't exist elsewhere.", "completely-safe"),
        # Denied of others only, or denied and then claimed back.
        ("Painless treatment is not something other clinics can promise.", "completely-safe"),
        ("A painless procedure is not something most clinics can promise.", "completely-safe"),
        ("Permanent results are not guaranteed by other clinics.", "lasting-results"),
        ("A permanent cure isn't possible with other treatments.", "lasting-results"),
        ("Guaranteed results are not typical elsewhere, but they are here.", "guaranteed-results"),
        ("A painless procedure is not something any clinic can promise, but we can.", "completely-safe"),
        ("Instant results are not always possible, but usually they are.", "instant-results"),
        ("A painless procedure is not something any clinic can promise; ours is.", "completely-safe"),
    ],
)
def test_what_follows_a_claim_without_denying_it_leaves_it_a_claim(text: str, rule: str) -> None:
    assert rule in rules_in(lint_text(text))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # The imperative is a pitch, not a report of what patients ask.
        ("Ask us whether our guaranteed results programme is right for you.", "guaranteed-results"),
        # What a question's subject is called is the page's own word for it, asked about or not.
        ("A consultation helps you decide whether our painless laser is right for you.", "completely-safe"),
        ("Find out whether PRP's guaranteed results are right for you.", "guaranteed-results"),
        ("Whether you choose PRP or stem cells, our treatment is safer than surgery.", "comparative-superiority"),
        ("It is clear if you ask patients that PRP is safer than surgery.", "comparative-superiority"),
        # The answer after the question is the page's own claim.
        ("Patients often ask whether PRP is safe: it is completely safe.", "completely-safe"),
    ],
)
def test_an_indirect_question_does_not_cover_a_pitch_or_its_answer(text: str, rule: str) -> None:
    assert rule in rules_in(lint_text(text))


def test_a_contraindication_and_a_research_statement_are_not_disease_claims() -> None:
    page = (
        "Stem cells are found in many tissues. Clinics and laboratories are looking at them for cancer, "
        "multiple sclerosis and other diseases.\n\n"
        "Patients with active cancer or an infection should not have this injection.\n"
    )
    assert "unapproved-disease-claim" not in rules_in(lint_text(page))
    assert "unapproved-disease-claim" in rules_in(lint_text("Our stem cell infusions treat multiple sclerosis."))


def test_established_treatments_and_cited_authorities_are_not_promoted_claims() -> None:
    assert lint_text("Spinal fusion surgery is a proven treatment for some spinal fractures.") == []
    assert (
        lint_text("Exercise therapy is the gold standard first step for back pain, according to NICE guidance.") == []
    )
    assert "proven-treatment" in rules_in(lint_text("PRP is a proven treatment for disc pain."))
    assert "gold-standard" in rules_in(lint_text("Surgery was the gold standard; now our PRP injections are."))


def test_what_the_fda_approved_for_other_uses_does_not_contradict_this_treatment() -> None:
    page = (
        "PRP is not approved by the FDA for treating back pain.\n\n"
        "The only stem cell treatments approved by the FDA are blood-forming stem cell transplants "
        "for certain blood cancers and immune disorders.\n"
    )
    assert lint_text(page) == []


def test_a_consultation_is_not_treatment() -> None:
    for text in [
        "Almost anyone with chronic back pain could be a candidate for an assessment.",
        "Almost anyone who is experiencing chronic back pain could be a candidate for a first consultation.",
    ]:
        assert lint_text(text) == [], text
    assert "anyone-candidate" in rules_in(lint_text("Almost anyone with back pain could be a candidate."))


# --- one finding per problem ----------------------------------------------------------


def test_clinically_proven_is_reported_once() -> None:
    findings = [
        f for f in lint_text("Our treatment is clinically proven to relieve sciatica.") if f.category != "regulatory"
    ]
    assert [(f.rule, f.text) for f in findings] == [("clinically-proven", "clinically proven")]


def test_non_invasive_is_one_phrase_finding_and_contradictions_point_elsewhere() -> None:
    page = "Our non-invasive treatment takes an hour.\n\nThe physician injects the concentrate into the disc.\n"
    findings = [f for f in lint_text(page, "page.md") if f.line == 1]
    phrase = [f for f in findings if not f.related]
    assert [f.rule for f in phrase] == ["non-invasive-injection"]
    assert all(f.related[0].line == 3 for f in findings if f.related)


# --- the page-level requirement anchors on an outcome claim -----------------------------


def test_missing_disclaimers_are_anchored_on_an_outcome_claim_not_on_what_the_clinic_offers() -> None:
    page = "## Which cells we use\n\nWe offer injections of your own cells. They relieve back pain.\n"
    [finding] = [f for f in lint_text(page, "page.md") if f.rule == "outcome-claims-need-disclaimers"]
    assert (finding.line, finding.text) == (3, "relieve")
    assert lint_text("## Which cells we use\n\nWe offer injections of your own cells.\n", "page.md") == []


# Pairs of rules that may report overlapping words with one category: two problems, not one.
TWO_PROBLEMS = {
    # Where the needle goes, and what the place is called.
    frozenset({"injected-into-spinal-cord", "lumbar-spinal-cord"}): "injection site and anatomy term",
    # "I lost 30 pounds in 30 days without changing my diet": how fast, and with how little effort.
    frozenset({"rapid-weight-loss", "effortless-weight-loss"}): "speed of weight loss and effort it takes",
}


def test_overlapping_rules_of_one_category_report_one_finding(tmp_path: Path) -> None:
    """No two phrase rules of a category report the same words of a bad example or new phrasing."""
    builtin = load_rules([builtin_rules_dir()])
    phrase_rules = {r.id for r in builtin if r.kind in ("existence", "substitution")}
    texts = [t for r in builtin for t in r.examples.bad]
    texts += [item["text"] for item in yaml.safe_load((FIXTURES / "new-phrasings.yaml").read_text(encoding="utf-8"))]
    pages = {str(write(tmp_path / f"{index}.txt", text)): text for index, text in enumerate(texts)}
    result = lint_paths([tmp_path], config=Config(root=tmp_path))
    by_page: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.rule in phrase_rules:
            by_page.setdefault(finding.path, []).append(finding)
    assert len(by_page) > len(texts) * 3 // 4, "most bad texts get a phrase finding"
    twice = []
    for path, findings in by_page.items():
        text = pages[path]
        for index, a in enumerate(findings):
            for b in findings[index + 1 :]:
                same_words = a.start < b.end and b.start < a.end
                one_problem = a.category == b.category and frozenset({a.rule, b.rule}) not in TWO_PROBLEMS
                if same_words and a.rule != b.rule and one_problem:
                    twice.append(f"{a.rule} {a.text!r} and {b.rule} {b.text!r} in {text!r}")
    assert twice == [], "one problem reported twice:\n" + "\n".join(twice)


def test_a_denied_risk_that_names_the_risk_is_reported_once(run_cli: RunCli) -> None:
    findings = lint_text("There is no risk of infection.")
    assert [(f.rule, f.text) for f in findings] == [("no-side-effects", "no risk of infection")]
    # With the more specific rule ignored, the problem is still reported by the general one.
    result = run_cli(
        "check", "--format=json", "--ignore=no-side-effects", "-", input="There is no risk of infection.\n"
    )
    assert [f["rule"] for f in json.loads(result.stdout)["findings"] if f["category"] == "absolute-safety"] == [
        "risk-free"
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Stem cell therapy can regenerate cartilage.", "regenerate cartilage"),
        ("PRP regenerates cartilage in just weeks.", "regenerates cartilage"),
        ("Our injections regenerate knee cartilage.", "regenerate knee cartilage"),
    ],
)
def test_a_claim_to_regenerate_cartilage_is_reported_without_a_qualifier(text: str, span: str) -> None:
    assert [f.text for f in lint_text(text) if f.rule == "regrow-tissue"] == [span]


def test_asking_whether_cells_regenerate_cartilage_is_not_a_claim() -> None:
    assert lint_text("Trials are testing whether stem cells can regenerate cartilage in worn knees.") == []


@pytest.mark.parametrize(
    "text",
    [
        "There is not enough evidence to say that PRP regenerates discs.",
        "There is little evidence that stem cells regrow cartilage.",
    ],
)
def test_a_claim_judged_short_of_evidence_is_not_reported(text: str) -> None:
    assert lint_text(text) == []


def test_a_little_evidence_or_a_contrast_leaves_the_claim() -> None:
    assert "regrow-tissue" in rules_in(lint_text("There is a little evidence that PRP regenerates discs."))
    contrast = "There is little evidence that others work, but PRP regrows cartilage."
    assert "regrow-tissue" in rules_in(lint_text(contrast))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Stop arthritis in its tracks with our stem cell therapy.", "Stop arthritis in its tracks"),
        ("PRP halts the progression of knee osteoarthritis.", "halts the progression of knee osteoarthritis"),
    ],
)
def test_a_promise_to_halt_arthritis_is_reported_like_one_to_reverse_it(text: str, span: str) -> None:
    assert [f.text for f in lint_text(text) if f.rule == "reverse-condition"] == [span]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("This programme resets your metabolism.", "resets your metabolism"),
        ("Our B12 shots boost your metabolism.", "boost your metabolism"),
        ("Try our metabolism-boosting injections.", "metabolism-boosting"),
    ],
)
def test_a_reset_or_boosted_metabolism_is_reported(text: str, span: str) -> None:
    assert [f.text for f in lint_text(text) if f.rule == "metabolism-claim"] == [span]


def test_exercise_that_raises_metabolism_is_not_a_product_claim() -> None:
    assert lint_text("Strength training can boost your metabolism a little by adding muscle.") == []


def test_a_denied_allergic_reaction_is_one_finding_not_two() -> None:
    # no-rejection names the risk "no risk of an allergic reaction" denies; risk-free on its
    # first two words was a second error with the same span's start.
    text = "PRP uses your own blood, so there is no risk of an allergic reaction.\n"
    assert [f.rule for f in lint_text(text, "prp.md") if f.category == "absolute-safety"] == ["no-rejection"]


def test_doctors_agreeing_about_the_clinics_results_is_a_claim_of_consensus() -> None:
    text = "We are proud that doctors agree our results are unmatched.\n"
    assert "doctors-agree" in rules_in(lint_text(text, "about.md"))


@pytest.mark.parametrize(
    "text",
    ["Our results are unmatched.\n", "Enjoy unrivalled results at our clinic.\n", "Patient care second to none.\n"],
)
def test_a_ranking_without_best_is_an_unsupported_superlative(text: str) -> None:
    assert "superlative-claim" in rules_in(lint_text(text, "about.md"))


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Come to the best clinic in Dallas-Fort Worth.\n", "the best clinic in Dallas-Fort Worth"),
        ("The best clinic in St Louis, and more.\n", "The best clinic in St Louis"),
        ("The best LASIK surgeon in St. Louis.\n", "The best LASIK surgeon in St. Louis"),
        ("Voted the best dentist in Salt Lake City by readers.\n", "the best dentist in Salt Lake City"),
        # The place ends where the sentence does, and a word that names no place is not part of it.
        ("The best clinic in Texas. Our team is here.\n", "The best clinic in Texas"),
        ("The best clinic in the U.S. Patients agree.\n", "The best clinic in the U.S."),
    ],
)
def test_a_ranking_quotes_the_whole_name_of_its_place(text: str, quoted: str) -> None:
    assert [f.text for f in lint_text(text, "about.md") if f.rule == "superlative-claim"] == [quoted]


def test_results_ranked_above_everyone_elses_are_offered_results_vary() -> None:
    [finding] = [f for f in lint_text("Our results are unmatched.\n", "about.md") if f.rule == "superlative-claim"]
    assert finding.suggestions == ("Results vary from patient to patient, and we will tell you what to expect.",)


def test_weight_loss_said_to_be_permanent_is_a_promise_of_permanent_weight_loss() -> None:
    page = "# Medical weight loss\n\nWeight loss with semaglutide is permanent.\n"
    assert "permanent-weight-loss" in rules_in(lint_text(page, "weight-loss.md"))
    honest = "Weight loss with semaglutide is not permanent: weight often returns when the medicine is stopped.\n"
    assert "permanent-weight-loss" not in rules_in(lint_text(honest, "weight-loss.md"))


def test_never_catching_a_cold_again_is_a_claim_of_protection_from_infection() -> None:
    page = "<p>Our Myers' cocktail boosts your immune system so you never catch a cold again.</p>\n"
    assert "infection-protection" in rules_in(lint_text(page, "iv-therapy.html"))
    assert "infection-protection" not in rules_in(
        lint_text("Nobody can promise that you will never catch a cold.\n", "faq.md")
    )


def test_a_prescription_medicine_offered_with_no_prescription_is_reported_on_its_page() -> None:
    page = (
        "# Semaglutide weight loss\n\nSemaglutide is a weekly injection.\n\n"
        "- No prescription needed: order online in minutes.\n- Shipped to your door.\n"
    )
    [finding] = [f for f in lint_text(page, "semaglutide.md") if f.rule == "no-prescription-needed"]
    assert finding.text == "No prescription needed"
    honest = page.replace("No prescription needed", "A prescription is required")
    assert "no-prescription-needed" not in rules_in(lint_text(honest, "semaglutide.md"))
    # A page selling no prescription medicine says nothing wrong by needing none.
    vitamins = "# Vitamin drips\n\nNo prescription needed: book online in minutes.\n"
    assert "no-prescription-needed" not in rules_in(lint_text(vitamins, "drips.md"))


def test_brand_results_at_half_the_price_present_a_compounded_drug_as_the_brand() -> None:
    page = "# New Year offer\n\nOur semaglutide gives you Ozempic results at half the price.\n"
    [finding] = [f for f in lint_text(page, "offers.md") if f.rule == "compounded-glp1-as-brand"]
    assert finding.text == "Ozempic results at half the price"


def test_nausea_ruled_out_on_a_glp1_page_is_a_claim_of_no_side_effects() -> None:
    page = (
        "# Semaglutide\n\nZero nausea with our special formula.\n\n"
        "If you have no nausea after two weeks, we raise the dose.\n"
    )
    assert [f.text for f in lint_text(page, "semaglutide.md") if f.rule == "no-side-effects"] == ["Zero nausea"]


def test_a_supplement_sold_as_natures_ozempic_is_reported() -> None:
    page = "# Offers\n\nBerberine is nature's Ozempic: a natural GLP-1 booster.\n"
    found = [f.text for f in lint_text(page, "offers.md") if f.rule == "supplement-as-glp1"]
    assert found == ["nature's Ozempic", "natural GLP-1 booster"]
    honest = "# Tirzepatide\n\nTirzepatide works like semaglutide, and it also acts on a second hormone.\n"
    assert "supplement-as-glp1" not in rules_in(lint_text(honest, "tirzepatide.md"))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Our injection is completely risk-free.", "completely-safe"),
        ("Your results are 100% guaranteed.", "hundred-percent-effective"),
    ],
)
def test_a_claim_two_rules_read_is_reported_once_by_the_more_particular(text: str, rule: str) -> None:
    # "completely risk-free" is also "risk-free", and "100% guaranteed" also "guaranteed": one claim each.
    assert [finding.rule for finding in lint_text(text)] == [rule]


def test_an_en_dash_inside_a_word_reads_as_a_hyphen_and_the_fix_still_goes_in() -> None:
    # "risk–free" typed with an en dash is the hyphenated claim; a range ("2–3") and a spaced dash are not words.
    page = "Our injection is risk–free and non–invasive. Recovery takes 2–3 weeks – results vary.\n"
    findings = {f.rule: f for f in lint_text(page, "page.md")}
    assert (findings["risk-free"].text, findings["non-invasive-injection"].text) == ("risk–free", "non–invasive")
    fix = findings["non-invasive-injection"].fix
    assert fix is not None and (page[fix.start : fix.end], fix.replacement) == ("non–invasive", "minimally invasive")
