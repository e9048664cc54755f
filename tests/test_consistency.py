"""A page must not contradict itself: contradictions, one spelling per term, required disclaimers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from tests.conftest import FIXTURES, REPO_ROOT, RunCli, write

from medlint import Finding, lint_paths, lint_text
from medlint.config import load_config
from medlint.engine import Engine
from medlint.formats import parse_document
from medlint.runner import build_ruleset

CONTRADICTIONS = FIXTURES / "contradictions"


@pytest.fixture
def consistency_config(tmp_path: Path) -> Path:
    """Only the shipped consistency and site packs, so other packs do not blur what is tested."""
    config = tmp_path / ".medlint.yaml"
    rules = [str(REPO_ROOT / "rules" / "consistency.yaml"), str(REPO_ROOT / "rules" / "site.yaml")]
    config.write_text(yaml.safe_dump({"builtin_rules": False, "rules": rules}), encoding="utf-8")
    return config


def _pairs(findings: Iterable[Finding], rule: str) -> set[tuple[str, int, str, int, str]]:
    """(file, line, text) of each finding of ``rule`` with (line, text) of the place it points to."""
    return {
        (Path(f.path).name, f.line, f.text, r.line, r.text)
        for f in findings
        if f.rule == rule
        for r in f.related
        if r.path == f.path
    }


@pytest.mark.parametrize(
    ("page", "rule", "claim", "against"),
    [
        ("needle.md", "non-invasive-vs-needle", (3, "non-invasive"), (1, "Injections")),
        ("surgical.html", "non-surgical-vs-surgical", (6, "non-surgical"), (7, "surgical procedure")),
        ("risks.md", "no-side-effects-vs-risks", (3, "no side effects"), (7, "risk of infection")),
        ("donor.md", "own-cells-vs-donor", (3, "your own stem cells"), (5, "umbilical cord")),
        ("fda.txt", "fda-approved-vs-not-approved", (3, "is FDA approved"), (5, "not approved by the FDA")),
    ],
)
def test_each_contradiction_is_reported_at_both_sides_pointing_to_the_other(
    consistency_config: Path, page: str, rule: str, claim: tuple[int, str], against: tuple[int, str]
) -> None:
    result = lint_paths([CONTRADICTIONS / page], config=load_config(consistency_config))
    assert _pairs(result.findings, rule) == {(page, *claim, *against), (page, *against, *claim)}
    [first, second] = sorted((f for f in result.findings if f.rule == rule), key=lambda f: f.line)
    assert first.message.startswith(f"'{first.text}' contradicts line {second.line}: '{second.text}'.")
    assert second.message.startswith(f"'{second.text}' contradicts line {first.line}: '{first.text}'.")


def test_negated_hedged_and_contrasted_statements_are_not_contradictions(consistency_config: Path) -> None:
    result = lint_paths([CONTRADICTIONS / "honest.md"], config=load_config(consistency_config))
    assert result.files_checked == 1
    assert result.findings == []


def test_non_invasive_and_minimally_invasive_on_one_page(consistency_config: Path) -> None:
    page = FIXTURES / "drafts" / "stem-cell-benefits.html"
    findings = lint_paths([page], config=load_config(consistency_config)).findings
    assert _pairs(findings, "non-invasive-vs-minimally-invasive") == {
        (page.name, 50, "Non-invasive", 51, "minimally-invasive"),
        (page.name, 51, "minimally-invasive", 50, "Non-invasive"),
    }
    # The needle rule leaves this page to the pair above rather than reporting the same word twice.
    assert not [f for f in findings if f.rule == "non-invasive-vs-needle"]


def test_the_drafts_consistency_entries_of_expected_yaml_are_found(consistency_config: Path) -> None:
    expected = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))["findings"]
    wanted = [e for e in expected if e["category"] == "consistency"]
    assert wanted, "expected.yaml lists consistency findings"
    for entry in wanted:
        path = FIXTURES / entry["file"]
        text = path.read_text(encoding="utf-8")
        start = text.index(entry["quote"])
        end = start + len(entry["quote"])
        findings = lint_paths([path], config=load_config(consistency_config)).findings
        overlapping = [f for f in findings if f.start < end and start < f.end and f.category == "consistency"]
        assert overlapping, f"{entry['file']}: nothing reported at {entry['quote']!r}"


def test_the_cost_faq_contradicts_itself_on_surgery_and_risks(consistency_config: Path) -> None:
    page = FIXTURES / "drafts" / "stem-cell-cost-faq.html"
    findings = lint_paths([page], config=load_config(consistency_config)).findings
    assert (page.name, 22, "non-surgical", 40, "surgical procedure") in _pairs(findings, "non-surgical-vs-surgical")
    assert (page.name, 44, "no adverse effects", 47, "chances of bleeding") in _pairs(
        findings, "no-side-effects-vs-risks"
    )


def test_honest_pages_produce_no_consistency_findings(consistency_config: Path) -> None:
    folders = [FIXTURES / "clean", FIXTURES / "site-consistent"]
    result = lint_paths(folders, config=load_config(consistency_config))
    assert result.files_checked == sum(1 for folder in folders for page in folder.iterdir() if page.is_file())
    assert result.findings == []


# -- terminology ------------------------------------------------------------


def test_the_majority_spelling_wins_and_the_minority_gets_a_fix(consistency_config: Path) -> None:
    text = (
        "Stem cell therapy is offered here. Stem cell therapies are new.\n\n"
        "Our stem-cell therapy takes an hour. Ask about stem cell therapy.\n"
    )
    findings = [f for f in lint_text(text, "page.md", config=load_config(consistency_config))]
    [finding] = findings
    assert (finding.rule, finding.line, finding.text) == ("stem-cell-therapy-hyphen", 3, "stem-cell therapy")
    assert "this page also writes 'stem cell therapy' (used 3 of 4 times on this page)" in finding.message
    assert finding.fix is not None and finding.fix.replacement == "stem cell therapy"
    [kept] = finding.related
    assert (kept.line, kept.column, kept.text) == (1, 1, "Stem cell therapy")


def test_a_tie_goes_to_the_spelling_the_page_uses_first(consistency_config: Path) -> None:
    text = "Our stem-cell therapy is new. Stem cell therapy helps some.\n"
    [finding] = lint_text(text, "page.md", config=load_config(consistency_config))
    assert finding.text == "Stem cell therapy"
    assert finding.fix is not None and finding.fix.replacement == "Stem-cell therapy"


def test_the_rules_preferred_spelling_wins_over_the_majority_and_keeps_the_plural(consistency_config: Path) -> None:
    text = "The disk is worn. Two disks bulge. The disc hurts.\n"
    findings = lint_text(text, "page.md", config=load_config(consistency_config))
    assert [(f.text, f.fix.replacement if f.fix else None) for f in findings] == [("disk", "disc"), ("disks", "discs")]
    assert all("(the preferred spelling)" in f.message for f in findings)


@pytest.mark.parametrize(
    "apart",
    [
        "| Stem cell | Therapy |\n|---|---|\n| yes | no |\n",
        "- Stem cell\n- Therapy sessions\n",
        "## Stem cell\nTherapy is weekly.\n",
    ],
)
def test_words_in_two_cells_or_items_are_not_a_spelling(consistency_config: Path, apart: str) -> None:
    text = "Our stem-cell therapy helps knees. We offer stem-cell therapy weekly.\n\n" + apart
    assert lint_text(text, "page.md", config=load_config(consistency_config)) == []


def test_one_spelling_alone_is_never_reported_even_if_not_preferred(consistency_config: Path) -> None:
    assert lint_text("The disk is worn. Two disks bulge.\n", "page.md", config=load_config(consistency_config)) == []


def test_the_config_can_override_the_preferred_spelling(tmp_path: Path, consistency_config: Path) -> None:
    config = consistency_config.read_text(encoding="utf-8") + "prefer:\n  disc-spelling: disk\n"
    consistency_config.write_text(config, encoding="utf-8")
    text = "The disk is worn. Two discs bulge. The disc hurts.\n"
    findings = lint_text(text, "page.md", config=load_config(consistency_config))
    assert [(f.text, f.fix.replacement if f.fix else None) for f in findings] == [("discs", "disks"), ("disc", "disk")]


def test_prp_definitions_and_headings_do_not_count_as_a_second_spelling(consistency_config: Path) -> None:
    defined = "# Platelet-Rich Plasma\n\nPlatelet-rich plasma (PRP) is made from blood. PRP is then injected.\n"
    assert lint_text(defined, "page.md", config=load_config(consistency_config)) == []
    mixed = "PRP is made from blood. PRP is injected. Platelet-rich plasma takes an hour.\n"
    [finding] = lint_text(mixed, "page.md", config=load_config(consistency_config))
    assert finding.rule == "prp-spelled-out" and finding.text == "Platelet-rich plasma"
    assert finding.fix is not None and finding.fix.replacement == "PRP"


def test_fix_applies_the_majority_spelling(tmp_path: Path, consistency_config: Path, run_cli: RunCli) -> None:
    page = write(tmp_path / "page.md", "A worn disc. The disc recovers and the degenerative disk eases.\n")
    result = run_cli("check", "--config", str(consistency_config), "--fix", str(page))
    assert page.read_text(encoding="utf-8") == "A worn disc. The disc recovers and the degenerative disc eases.\n"
    assert result.exit_code == 0, result.output


# -- required companions ------------------------------------------------------


def test_missing_disclaimers_are_reported_once_per_page_at_the_first_claim(consistency_config: Path) -> None:
    text = "# Relief at last\n\nOur injections relieve pain. They heal discs and relieve stiffness.\n"
    [finding] = lint_text(text, "page.md", config=load_config(consistency_config))
    assert (finding.rule, finding.line, finding.text) == ("outcome-claims-need-disclaimers", 1, "Relief")
    assert "no statement of the risks and no statement that results vary" in finding.message
    assert len(finding.suggestions) == 2


def test_a_page_with_both_disclaimers_or_no_claims_is_not_reported(consistency_config: Path) -> None:
    config = load_config(consistency_config)
    honest = "Our injections may relieve pain. Results vary, and there is a risk of infection.\n"
    assert lint_text(honest, "page.md", config=config) == []
    assert lint_text("Back pain is common and usually settles within weeks.\n", "page.md", config=config) == []
    assert lint_text("Relief, if it happens, may be partial.\n", "page.md", config=config) == []
    # "risk-free" is not a statement of the risks, and a hedged sentence is not a claim.
    [finding] = lint_text("Our injections relieve pain and are risk-free. Results vary.\n", "page.md", config=config)
    assert "no statement of the risks" in finding.message and "results vary" not in finding.message


@pytest.mark.parametrize(
    "denial",
    ["with zero side effects", "without side effects", "with zero risk", "with 0 complications", "side effects: none"],
)
def test_risks_denied_are_no_statement_of_the_risks(consistency_config: Path, denial: str) -> None:
    # "zero side effects" was read as the page's statement of the risks: the finding asked only
    # for a statement that results vary, as if the risks had been stated.
    text = f"Our injections relieve pain, {denial}. Results vary from person to person.\n"
    [finding] = lint_text(text, "page.md", config=load_config(consistency_config))
    assert finding.rule == "outcome-claims-need-disclaimers"
    assert "no statement of the risks" in finding.message and "results vary" not in finding.message
    stated = f"Our injections relieve pain, {denial}. Bruising is common. Results vary.\n"  # a risk named
    assert lint_text(stated, "page.md", config=load_config(consistency_config)) == []


def test_a_treatment_sold_as_the_way_to_avoid_surgery_needs_disclaimers(
    run_cli: RunCli, consistency_config: Path
) -> None:
    # A sentence naming surgery was taken for one about established care, so the commonest
    # selling point of a clinic page made no outcome claim; the natural history of a condition
    # that names surgery still makes none.
    pages = consistency_config.parent / "site"
    page = write(pages / "ozone.md", "# Ozone\n\nOzone injections relieve back pain without surgery.\n")
    write(pages / "discs.md", "# Discs\n\nMost herniated discs heal without surgery within a few months.\n")
    result = run_cli("check", "--config", str(consistency_config), "--format", "json", str(pages))
    found = [(f["path"], f["text"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [(str(page), "relieve")]


@pytest.mark.parametrize(
    "risk",
    [
        "Some soreness afterwards is common.",
        "Swelling at the injection site is common.",
        "Bruising for a day or two is possible.",
        "Headaches during the first week are rare.",
    ],
)
def test_a_side_effect_said_with_when_or_where_it_happens_states_the_risks(
    run_cli: RunCli, consistency_config: Path, risk: str
) -> None:
    # "soreness is common" counted, "some soreness afterwards is common" did not: an honest page
    # was told it had no statement of the risks.
    page = write(consistency_config.parent / "shockwave.md", f"Shockwave relieves tendon pain. {risk} Results vary.\n")
    result = run_cli("check", "--config", str(consistency_config), str(page))
    assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")


@pytest.mark.parametrize("claim", ["Shockwave therapy eases tendon pain.", "Our injections ease chronic back pain."])
def test_easing_a_named_pain_is_an_outcome_claim(run_cli: RunCli, consistency_config: Path, claim: str) -> None:
    # "eases your pain" was a claim, "eases tendon pain" was not: a page of such promises needed no
    # statement of the risks, nor that results vary.
    page = write(consistency_config.parent / "page.md", f"{claim}\n\nBook a visit.\n")
    result = run_cli("check", "--config", str(consistency_config), "--format", "json", str(page))
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["text"]) == ("outcome-claims-need-disclaimers", claim.split(" ", 2)[2][:-1])


@pytest.mark.parametrize(
    "claim",
    [
        "Our injections relieve pain with no downtime.",
        "Our injections relieve knee pain, and there is no surgery.",
        "Our injections relieve pain for everyone, not just athletes.",
    ],
)
def test_a_selling_point_denied_beside_a_claim_does_not_hedge_it(
    run_cli: RunCli, consistency_config: Path, claim: str
) -> None:
    # Any "no" or "not" in the sentence cleared the claim, as if it were denied: "relieve pain with
    # no downtime" made a page need no statement of the risks or that results vary.
    page = write(consistency_config.parent / "page.md", f"{claim}\n")
    result = run_cli("check", "--config", str(consistency_config), "--format", "json", str(page))
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["outcome-claims-need-disclaimers"]


def test_the_config_chooses_which_disclaimers_are_required(consistency_config: Path) -> None:
    consistency_config.write_text(
        consistency_config.read_text(encoding="utf-8") + "required: [results-vary]\n", encoding="utf-8"
    )
    text = "Our injections relieve pain. There is a risk of infection.\n"
    [finding] = lint_text(text, "page.md", config=load_config(consistency_config))
    assert "no statement that results vary" in finding.message and "risks" not in finding.message
    consistency_config.write_text(
        consistency_config.read_text(encoding="utf-8").replace("[results-vary]", "[]"), encoding="utf-8"
    )
    assert lint_text(text, "page.md", config=load_config(consistency_config)) == []


def test_an_unknown_required_companion_is_a_config_error(
    consistency_config: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    consistency_config.write_text(
        consistency_config.read_text(encoding="utf-8") + "required: [risk-statement]\n", encoding="utf-8"
    )
    page = write(tmp_path / "page.md", "Our injections relieve pain.\n")
    result = run_cli("check", "--config", str(consistency_config), str(page))
    assert result.exit_code == 2
    assert f"{consistency_config}: required: no companion 'risk-statement'" in result.output


# -- a site's own rules, no Python ------------------------------------------


SITE_RULES = """\
pack: lakeside
rules:
  - id: day-case-vs-overnight
    kind: contradiction
    category: consistency
    severity: error
    message: "Say whether patients go home the same day."
    claim:
      phrases: [day case, same-day discharge]
      negation: true
    against:
      patterns: ['overnight\\s+stay|stay\\s+overnight']
      negation: true
    examples:
      bad: ["It is a day case. Plan for an overnight stay."]
      good: ["It is a day case; no overnight stay is needed."]
  - id: lakeside-spelling
    kind: consistency
    category: consistency
    message: "Spell the clinic's service one way."
    forms: [[e-consult, e-consults], [eConsult, eConsults]]
    prefer: eConsult
    case_sensitive: true
  - id: doctor-advice
    kind: requires
    category: regulatory
    message: "This page promises '{match}' but has no {expected}."
    phrases: [guaranteed]
    needs:
      consult:
        description: advice to consult a doctor
        phrases: [talk to your doctor, consult your doctor]
        suggestions: ["Talk to your doctor before starting any treatment."]
"""


def test_a_site_adds_contradiction_consistency_and_requires_rules_in_yaml(tmp_path: Path, run_cli: RunCli) -> None:
    write(tmp_path / "lakeside.yaml", SITE_RULES)
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [lakeside.yaml]\n")
    page = write(
        tmp_path / "page.md",
        """\
        # Day case knee injections

        Book an eConsult first. The treatment is a day case.

        Plan for an overnight stay. Results are guaranteed.

        Two e-consults are included.
        """,
    )
    result = run_cli("check", "--format", "json", str(page))
    findings = json.loads(result.output)["findings"]
    assert {(f["rule"], f["line"], f["text"], tuple(r["line"] for r in f["related"])) for f in findings} == {
        ("day-case-vs-overnight", 1, "Day case", (5,)),
        ("day-case-vs-overnight", 3, "day case", (5,)),
        ("day-case-vs-overnight", 5, "overnight stay", (1,)),
        ("lakeside-spelling", 7, "e-consults", (3,)),
        ("doctor-advice", 5, "guaranteed", ()),
    }
    spelling = next(f for f in findings if f["rule"] == "lakeside-spelling")
    assert spelling["fix"] == "eConsults"
    assert result.exit_code == 1


def test_a_page_with_every_companion_it_needs_is_not_searched_for_claims(tmp_path: Path, run_cli: RunCli) -> None:
    # A page that has all its disclaimers is never reported, whatever it claims: its claims are not read.
    # Here reading them would take the claim pattern's whole time budget (it backtracks without end).
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: needs-risks
            kind: requires
            category: regulatory
            message: "'{match}' needs a {expected}."
            patterns: ['aab|(a|a)+(?=c)b']
            needs:
              risks: {description: statement of the risks, phrases: [risks]}
        """,
    )
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    with_risks = write(tmp_path / "risks.md", "Risks include bruising. " + "a" * 40 + "b\n")
    without = write(tmp_path / "claim.md", "A claim: aab.\n")

    result = run_cli("check", "--format", "json", str(with_risks), str(without))

    assert [(Path(f["path"]).name, f["text"]) for f in json.loads(result.stdout)["findings"]] == [("claim.md", "aab")]
    assert "stopped" not in result.stderr


def test_a_broken_contradiction_rule_names_the_side(tmp_path: Path, run_cli: RunCli) -> None:
    write(
        tmp_path / "bad.yaml",
        """\
        rules:
          - id: half-pair
            kind: contradiction
            category: consistency
            message: "x"
            claim: {phrases: [day case]}
            against: {negation: true}
        """,
    )
    config = write(tmp_path / "only.yaml", "builtin_rules: false\nrules: [bad.yaml]\n")
    result = run_cli("check", "--config", str(config), str(tmp_path))
    assert result.exit_code == 2
    assert "rule 'half-pair': against: needs at least one of 'phrases' or 'patterns'" in result.output


# -- the shipped rules' own examples ----------------------------------------


def _shipped_rules() -> list[tuple[str, str, str]]:
    cases = []
    for name in ("consistency.yaml", "site.yaml"):
        data = yaml.safe_load((REPO_ROOT / "rules" / name).read_text(encoding="utf-8"))
        for rule in data["rules"]:
            examples = rule.get("examples", {})
            cases += [(rule["id"], "bad", text) for text in examples.get("bad", [])]
            cases += [(rule["id"], "good", text) for text in examples.get("good", [])]
    return cases


@pytest.fixture(scope="module")
def shipped_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    # Built once: rule files are parsed in pure Python, and there are many examples.
    folder = tmp_path_factory.mktemp("shipped")
    rules = [str(REPO_ROOT / "rules" / "consistency.yaml"), str(REPO_ROOT / "rules" / "site.yaml")]
    config_path = folder / ".medlint.yaml"
    config_path.write_text(yaml.safe_dump({"builtin_rules": False, "rules": rules}), encoding="utf-8")
    return Engine.build(build_ruleset(load_config(config_path)))


@pytest.mark.parametrize(("rule", "kind", "text"), _shipped_rules())
def test_shipped_examples(shipped_engine: Engine, rule: str, kind: str, text: str) -> None:
    checked = shipped_engine.check_document(parse_document("example.md", text, "markdown"))
    findings = [*checked.findings, *shipped_engine.finish_run([(checked, True)])]
    reported = [f for f in findings if f.rule == rule]
    assert bool(reported) == (kind == "bad"), [f.message for f in reported]
