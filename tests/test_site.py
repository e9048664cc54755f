"""A site must not contradict itself: facts compared across pages, a facts file, and --site."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from tests.conftest import FIXTURES, REPO_ROOT, RunCli, write

from medlint import lint_paths, lint_text
from medlint.config import load_config
from medlint.findings import Finding

SITE = FIXTURES / "site"
SLOT_OF_FACT = {
    "price per injection": "price-per-treatment",
    "recovery time": "recovery-time",
    "number of sessions": "number-of-sessions",
    "FDA approval status": "fda-status",
}


def _config(folder: Path, **extra: object) -> Path:
    """Only the shipped consistency and site packs, plus any extra config keys."""
    rules = [str(REPO_ROOT / "rules" / "consistency.yaml"), str(REPO_ROOT / "rules" / "site.yaml")]
    path = folder / ".medlint.yaml"
    path.write_text(yaml.safe_dump({"builtin_rules": False, "rules": rules, **extra}), encoding="utf-8")
    return path


def _json(result: Result) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return findings


def _quote_span(page: Path, quote: str) -> tuple[int, int]:
    text = page.read_text(encoding="utf-8")
    start = text.index(quote)
    return start, start + len(quote)


def _pages_and_texts(findings: Iterable[Finding]) -> list[tuple[str, str]]:
    """Each finding as its page's file name and its words, sorted: what a cross-page test compares."""
    return sorted((Path(f.path).name, f.text) for f in findings)


def _consistency_findings(folder: Path, config: Path) -> list[Finding]:
    """What the site's pages in ``folder`` report about each other, checked with ``config``."""
    return [f for f in lint_paths([folder], config=load_config(config)).findings if f.category == "consistency"]


@pytest.fixture
def site_config(tmp_path: Path) -> Path:
    return _config(tmp_path)


def test_every_conflict_in_site_expected_is_reported_on_every_page_with_pointers(site_config: Path) -> None:
    expected = yaml.safe_load((FIXTURES / "site-expected.yaml").read_text(encoding="utf-8"))["site"]["conflicts"]
    findings = lint_paths([SITE], config=load_config(site_config)).findings
    for conflict in expected:
        slot = SLOT_OF_FACT[conflict["fact"]]
        pages = [(FIXTURES / p["file"], p["quote"]) for p in conflict["pages"]]
        for page, quote in pages:
            start, end = _quote_span(page, quote)
            [finding] = [f for f in findings if f.rule == slot and f.path.endswith(page.name) and f.start < end]
            assert finding.start < end and start < finding.end, (slot, quote, finding.text)
            assert finding.category == "consistency"
            others = {Path(r.path).name for r in finding.related}
            # It points to a page that states the fact differently, and says where in its message.
            assert others and page.name not in others
            assert any(f"{r.path}:{r.line}" in finding.message for r in finding.related)
    conflict_rules = set(SLOT_OF_FACT.values())
    assert len([f for f in findings if f.rule in conflict_rules]) == sum(len(c["pages"]) for c in expected)


def test_the_message_quotes_both_statements(site_config: Path) -> None:
    findings = lint_paths([SITE], config=load_config(site_config)).findings
    [price] = [f for f in findings if f.rule == "price-per-treatment" and f.path.endswith("index.md")]
    assert price.message.startswith(
        "price per injection (stem cells): '$1,500 per injection' here; "
        f"'$2,000 per injection' in {SITE / 'faq.md'}:7 (and 1 more)."
    )


def test_consistent_site_reports_nothing(site_config: Path) -> None:
    result = lint_paths([FIXTURES / "site-consistent"], config=load_config(site_config))
    assert result.files_checked == 3
    assert result.findings == []


def test_site_reports_only_the_files_given_but_compares_with_every_page(site_config: Path, run_cli: RunCli) -> None:
    index = SITE / "index.md"
    alone = run_cli("check", "--config", str(site_config), "--select", "site", "--format", "json", str(index))
    assert _json(alone) == []  # on its own, the page agrees with itself
    result = run_cli(
        "check", "--config", str(site_config), "--select", "site", "--format", "json", "--site", str(SITE), str(index)
    )
    findings = _json(result)
    assert {f["path"] for f in findings} == {str(index)}
    assert {f["rule"] for f in findings} == {"price-per-treatment", "number-of-sessions", "recovery-time", "fda-status"}
    pointed = {Path(r["path"]).name for f in findings for r in f["related"]}
    assert pointed == {"faq.md", "pricing.html"}
    assert result.exit_code == 1


def test_site_root_in_the_config_is_relative_to_the_config(tmp_path: Path, run_cli: RunCli) -> None:
    web = tmp_path / "web"
    write(web / "pricing.md", "# Prices\n\nPRP costs $900 per injection.\n")
    write(web / "faq.md", "# FAQ\n\nA PRP injection is $950 per injection.\n")
    write(web / "about.md", "# About us\n\nStem cell therapy is $2,000 per injection.\n")
    config = _config(tmp_path, site="web")
    result = run_cli("check", "--config", str(config), "--select", "site", "--format", "json", str(web / "faq.md"))
    [finding] = _json(result)
    assert (Path(finding["path"]).name, finding["text"]) == ("faq.md", "$950 per injection")
    # PRP is compared with PRP only: the stem cell price is another fact.
    assert [Path(r["path"]).name for r in finding["related"]] == ["pricing.md"]
    assert finding["message"].startswith("price per injection (PRP): '$950 per injection' here; '$900 per injection'")


def test_pages_of_a_site_root_in_the_config_are_named_from_the_current_folder(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "web" / "pricing.md", "# Prices\n\nPRP costs $900 per injection.\n")
    draft = write(tmp_path / "drafts" / "new.md", "# New\n\nPRP is now $700 per injection.\n")
    _config(tmp_path, site="web")
    monkeypatch.chdir(tmp_path)
    [finding] = _json(run_cli("check", "--select", "site", "--format", "json", "drafts/new.md"))
    assert [r["path"] for r in finding["related"]] == [str(Path("web", "pricing.md"))]
    monkeypatch.chdir(draft.parent)
    [finding] = _json(run_cli("check", "--select", "site", "--format", "json", "new.md"))
    assert [r["path"] for r in finding["related"]] == [str(Path("..", "web", "pricing.md"))]


def test_a_missing_site_root_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    page = write(tmp_path / "page.md", "PRP costs $900 per injection.\n")
    config = _config(tmp_path, site="no-such-folder")
    result = run_cli("check", "--config", str(config), str(page))
    assert result.exit_code == 2
    assert f"{config}: site:" in result.output and "is not a folder" in result.output
    missing = run_cli("check", "--site", str(tmp_path / "gone"), str(page))
    assert missing.exit_code == 2


def test_the_same_fact_written_differently_agrees(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "a.md", "Each injection costs $1,500. Most people are back to work in 2 days.\n")
    write(tmp_path / "b.md", "The price is 1,500 dollars per injection. Plan for 48 hours of rest.\n")
    write(tmp_path / "c.md", "Patients need one to three sessions; results vary. A 90% success rate.\n")
    write(tmp_path / "d.md", "Plan for 1-3 sessions. We report a success rate of 90 percent.\n")
    write(tmp_path / "e.md", "Vague copy: a few days of downtime, several sessions.\n")
    write(tmp_path / "f.md", "Each injection costs $1,600. Plan for 2-4 sessions. An 80% success rate.\n")
    result = lint_paths([tmp_path], config=load_config(site_config))
    reported: dict[str, set[tuple[str, str]]] = {}
    for finding in (f for f in result.findings if f.category == "consistency"):
        pointed = {Path(r.path).name for r in finding.related}
        reported.setdefault(finding.rule, set()).add((Path(finding.path).name, ",".join(sorted(pointed))))
    # Pages that say the same thing in other words point only to the page that differs.
    assert reported == {
        "price-per-treatment": {("a.md", "f.md"), ("b.md", "f.md"), ("f.md", "a.md")},
        "number-of-sessions": {("c.md", "f.md"), ("d.md", "f.md"), ("f.md", "c.md")},
        "success-rate": {("c.md", "f.md"), ("d.md", "f.md"), ("f.md", "c.md")},
    }


def test_values_that_differ_by_unit_are_compared_in_one_unit(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "a.md", "Most patients are back to work in 2 weeks.\n")
    write(tmp_path / "b.md", "Plan for 14 days of downtime.\n")
    write(tmp_path / "c.md", "Plan for a month of recovery.\n")
    result = lint_paths([tmp_path], config=load_config(site_config))
    reported = _pages_and_texts(f for f in result.findings if f.rule == "recovery-time")
    assert reported == [
        ("a.md", "back to work in 2 weeks"),
        ("b.md", "14 days of downtime"),
        ("c.md", "a month of recovery"),
    ]


def test_one_page_stating_two_prices_points_to_its_own_line(site_config: Path) -> None:
    text = "# Prices\n\nEach injection costs $1,500.\n\nLater we say $2,000 per injection.\n"
    findings = [f for f in lint_text(text, "prices.md", config=load_config(site_config)) if f.category == "consistency"]
    assert [(f.line, f.related[0].line) for f in findings] == [(3, 5), (5, 3)]
    assert "here; '$2,000 per injection' in line 5." in findings[0].message


@pytest.mark.parametrize(
    ("name", "page"),
    [
        (
            "menu.md",
            "| Drip | Price |\n| --- | --- |\n"
            "| Hangover Rescue | $149 per session |\n| NAD+ Renew | $450 per session |\n",
        ),
        ("menu.md", "Our drips:\n\n- Hangover Rescue: $149 per session\n- NAD+ Renew \u2014 $450 per session\n"),
        (
            "menu.html",
            "<table><tr><th>Drip</th><th>Price</th></tr>\n<tr><td>Hangover Rescue</td><td>$149 per session</td></tr>\n"
            "<tr><td>NAD+ Renew</td><td>$450 per session</td></tr></table>\n",
        ),
        (
            "menu.html",
            "<dl>\n<dt>Hangover Rescue</dt>\n<dd>$149 per session</dd>\n"
            "<dt>NAD+ Renew</dt>\n<dd>$450 per session</dd>\n</dl>\n",
        ),
    ],
)
def test_the_rows_of_a_price_list_are_different_items(site_config: Path, name: str, page: str) -> None:
    assert [f for f in lint_text(page, name, config=load_config(site_config)) if f.category == "consistency"] == []


def test_a_price_list_item_is_compared_with_the_same_item_elsewhere(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "menu.md", "| Drip | Price |\n| --- | --- |\n| Hangover Rescue | $149 per session |\n")
    write(
        tmp_path / "offers.html",
        "<ul><li>Hangover Rescue: $199 per session</li><li>Hydration: $99 per session</li></ul>\n",
    )
    write(tmp_path / "faq.md", "- Each injection costs $1,500.\n- Later: each injection costs $2,000.\n")
    result = lint_paths([tmp_path], config=load_config(site_config))
    reported = sorted(
        (Path(f.path).name, f.message.split(":")[0]) for f in result.findings if f.category == "consistency"
    )
    # Items named alike are one fact; list items that are sentences are compared as sentences are.
    assert reported == [
        ("faq.md", "price per injection"),
        ("faq.md", "price per injection"),
        ("menu.md", "price per session (hangover rescue)"),
        ("offers.html", "price per session (hangover rescue)"),
    ]


def test_a_definition_lists_price_is_the_item_its_term_names(tmp_path: Path, site_config: Path) -> None:
    write(
        tmp_path / "prices.html",
        "<h1>PRP injections</h1>\n<p>Platelet-rich plasma (PRP) uses your own blood.</p>\n<dl>\n"
        "  <dt>Knee injection</dt><dd>$750 per injection</dd>\n"
        "  <dt>Shoulder injection</dt><dd>$650 per injection</dd><dd>Guided by ultrasound.</dd>\n</dl>\n",
    )
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $650 per injection.\n")
    findings = _consistency_findings(tmp_path, site_config)
    # The knee's price is not the page's PRP price: nothing disagrees.
    assert findings == []
    write(
        tmp_path / "menu.md",
        "# PRP menu\n\n| Treatment | Price |\n| --- | --- |\n| Knee injection | $900 per injection |\n",
    )
    findings = _consistency_findings(tmp_path, site_config)
    assert _pages_and_texts(findings) == [
        ("menu.md", "$900 per injection"),
        ("prices.html", "$750 per injection"),
    ]
    assert all(f.message.startswith("price per injection (PRP, knee): ") for f in findings)


def test_a_price_list_item_is_the_item_of_its_pages_treatment(tmp_path: Path) -> None:
    # A PRP page's "Knee" row and a stem cell page's "Knee" row are two prices, not one stated twice.
    write(
        tmp_path / "prp.md",
        "# PRP injections\n\nPlatelet-rich plasma (PRP) uses your own blood.\n\n"
        "- Knee: $500 per injection\n- Hip: $600 per injection\n",
    )
    write(
        tmp_path / "stem-cells.md",
        "# Stem cell therapy\n\nStem cell therapy uses bone marrow concentrate.\n\n"
        "- Knee: $2,000 per injection\n- Hip: $2,500 per injection\n",
    )
    config = load_config(_config(tmp_path, facts={"price-per-treatment": {"PRP": "$500 per injection"}}))
    reported = [
        (Path(f.path).name, f.line, f.message.split(":")[0])
        for f in lint_paths([tmp_path], config=config).findings
        if f.category == "consistency"
    ]
    # Only the PRP hip price differs from the approved PRP price.
    assert reported == [("prp.md", 6, "price per injection (PRP, hip)")]


@pytest.mark.parametrize(
    "row",
    ["| Weight-loss programme | $349 per month |", "| Weight loss program | $349 per month |"],
)
def test_a_weight_loss_programmes_price_is_not_the_price_of_the_pages_other_treatment(tmp_path: Path, row: str) -> None:
    # A clinic's price list: the approved PRP price is no measure of the monthly weight-loss price.
    write(
        tmp_path / "prices.md",
        f"# Prices\n\n| Treatment | Price |\n| --- | --- |\n| PRP | $650 per injection |\n{row}\n",
    )
    write(tmp_path / "weight-loss.md", "# Medical weight loss\n\nOur weight-loss programme costs $299 per month.\n")
    config = load_config(_config(tmp_path, facts={"price-per-treatment": {"PRP": "$650"}}))
    reported = sorted(
        (Path(f.path).name, f.message.split(":")[0])
        for f in lint_paths([tmp_path], config=config).findings
        if f.rule == "price-per-treatment"
    )
    # Compared with the weight-loss page's monthly price, not with PRP's approved one.
    assert reported == [
        ("prices.md", "price per month (medical weight loss)"),
        ("weight-loss.md", "price per month (medical weight loss)"),
    ]


@pytest.mark.parametrize(
    ("name", "prices"),
    [
        (
            "prices.html",
            "<table><tr><th>Treatment</th><th>Price</th></tr>\n<tr><td>PRP</td><td>$900 per injection</td></tr>\n"
            "<tr><td>Stem cell therapy</td><td>$5,500 per injection</td></tr></table>\n",
        ),
        ("prices.md", "# Prices\n\n## PRP\n\n$900 per injection.\n\n## Stem cell therapy\n\n$5,500 per injection.\n"),
        ("prices.md", "# Prices\n\n- PRP: $900 per injection\n- Stem cell therapy: $5,500 per injection\n"),
    ],
)
def test_a_price_list_row_or_section_named_by_its_treatment_is_that_treatments_price(
    tmp_path: Path, site_config: Path, name: str, prices: str
) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    write(tmp_path / "stem-cells.md", "# Stem cell therapy\n\nStem cell therapy costs $5,500 per injection.\n")
    write(tmp_path / name, prices)
    findings = _consistency_findings(tmp_path, site_config)
    # The PRP row disagrees with the PRP page; the stem cell row agrees with the stem cell page.
    assert _pages_and_texts(findings) == [
        (name, "$900 per injection"),
        ("prp.md", "$750 per injection"),
    ]
    assert all(f.message.startswith("price per injection (PRP): ") for f in findings)


@pytest.mark.parametrize(
    ("name", "table"),
    [
        (
            "compare.md",
            "# PRP or stem cells?\n\n| | PRP | Stem cell therapy |\n| --- | --- | --- |\n"
            "| Price | $900 per injection | $5,000 per injection |\n| Sessions | 3 sessions | 1 session |\n",
        ),
        (
            "compare.html",
            "<h1>PRP or stem cells?</h1>\n<table>\n<tr><th></th><th>PRP</th><th>Stem cell therapy</th></tr>\n"
            "<tr><td>Price</td><td>$900 per injection</td><td>$5,000 per injection</td></tr>\n"
            "<tr><td>Sessions</td><td>3 sessions</td><td>1 session</td></tr>\n</table>\n",
        ),
    ],
)
def test_a_table_comparing_treatments_states_each_columns_facts_for_its_treatment(
    tmp_path: Path, site_config: Path, name: str, table: str
) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection. Most patients need 3 sessions.\n")
    write(tmp_path / "stem-cells.md", "# Stem cell therapy\n\nStem cell therapy costs $5,000 per injection.\n")
    write(tmp_path / name, table)
    findings = _consistency_findings(tmp_path, site_config)
    # Only the PRP column's price differs from the PRP page; nothing on the table contradicts itself.
    assert _pages_and_texts(findings) == [
        (name, "$900 per injection"),
        ("prp.md", "$750 per injection"),
    ]


def test_price_list_items_of_one_treatment_are_different_items(site_config: Path) -> None:
    page = "# PRP prices\n\n- PRP knee: $900 per injection\n- PRP elbow: $650 per injection\n"
    assert [
        f for f in lint_text(page, "prices.md", config=load_config(site_config)) if f.category == "consistency"
    ] == []


def test_non_invasive_on_one_page_is_reported_against_the_injection_another_page_describes(
    tmp_path: Path, site_config: Path
) -> None:
    write(tmp_path / "ozempic.md", "# Ozempic\n\nOur Ozempic weight-loss programme is non-invasive.\n")
    write(tmp_path / "dosing.md", "# Ozempic dosing\n\nOzempic is a weekly injection under the skin.\n")
    write(
        tmp_path / "knee.md",
        "# Knee pain\n\nShockwave therapy is non-invasive. If it does not help, a steroid is injected into the knee.\n",
    )
    write(tmp_path / "shockwave.md", "# Shockwave therapy\n\nShockwave therapy is non-invasive and takes minutes.\n")
    findings = [f for f in lint_paths([tmp_path], config=load_config(site_config)).findings if f.rule == "invasiveness"]
    # Only the page calling it non-invasive is wrong; it names the page that says how it is given.
    assert [(Path(f.path).name, f.text) for f in findings] == [("ozempic.md", "non-invasive")]
    assert "'is a weekly injection' in " in findings[0].message
    assert [Path(r.path).name for r in findings[0].related] == ["dosing.md"]


def test_a_treatment_called_non_invasive_is_not_weighed_against_another_treatment_that_is_injected(
    tmp_path: Path, site_config: Path
) -> None:
    write(tmp_path / "cool.md", "# Fat freezing\n\nCoolSculpting is a non-invasive fat reduction treatment.\n")
    write(tmp_path / "fillers.md", "# Fillers\n\nFillers are injected under the skin by a nurse.\n")
    write(tmp_path / "botox.md", "# Botox\n\nBotox is injected into the muscle with a fine needle.\n")
    assert [f for f in _consistency_findings(tmp_path, site_config) if f.rule == "invasiveness"] == []


def test_prices_per_unit_and_per_syringe_are_compared_brand_by_brand(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "botox.md", "# Botox\n\nBotox costs $12 per unit. Dysport costs $5 per unit.\n")
    write(tmp_path / "prices.md", "# Prices\n\nBotox is $15 per unit. Dermal fillers are $650 per syringe.\n")
    write(tmp_path / "lips.md", "# Lip filler\n\nLip filler costs $650 per syringe.\n")
    found = _pages_and_texts(f for f in _consistency_findings(tmp_path, site_config) if f.rule == "price-per-treatment")
    assert found == [("botox.md", "$12 per unit"), ("prices.md", "$15 per unit")]


def test_laser_eye_surgery_is_priced_per_eye_and_apart_from_a_skin_laser(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "lasik.md", "# LASIK\n\nLASIK costs $2,400 per eye. Most people are back at work in two days.\n")
    write(tmp_path / "prices.md", "# Prices\n\nLASIK is $2,150 per eye.\n")
    write(tmp_path / "skin.md", "# Skin\n\nAfter CO2 laser resurfacing, recovery takes 10 days.\n")
    found = _pages_and_texts(_consistency_findings(tmp_path, site_config))
    assert found == [("lasik.md", "$2,400 per eye"), ("prices.md", "$2,150 per eye")]


def test_a_gentler_laser_and_a_programme_fee_are_facts_of_their_own(tmp_path: Path, site_config: Path) -> None:
    write(
        tmp_path / "lasers.md",
        "# Lasers\n\nRecovery after CO2 laser resurfacing takes 10 to 14 days. "
        "Non-ablative laser treatments need only two or three days of downtime.\n",
    )
    write(
        tmp_path / "weight.md",
        "# Weight loss\n\nCompounded tirzepatide is $399 per month. With a brand-name medicine through insurance, "
        "the program fee is $99 per month.\n",
    )
    assert _consistency_findings(tmp_path, site_config) == []


def test_the_built_in_subjects_are_written_in_ascii() -> None:
    # Every page's subjects are found by one pattern; an accented letter in it has that scan run in a
    # costlier form, about 5 bytes of memory more per character of a long page.
    rules = yaml.safe_load((REPO_ROOT / "rules" / "site.yaml").read_text(encoding="utf-8"))["rules"]
    words = [w for r in rules for ws in (r.get("subjects") or {}).values() if isinstance(ws, list) for w in ws]
    assert words and [w for w in words if not w.isascii()] == []


def _recovery_times_across_two_pages(tmp_path: Path, site_config: Path, here: str, there: str) -> list[Finding]:
    """The recovery-time findings of a site whose two pages about PRP say ``here`` and ``there``."""
    write(tmp_path / "prp.md", f"# PRP injections\n\n{here}\n")
    write(tmp_path / "faq.md", f"# PRP questions\n\n{there}\n")
    return [f for f in lint_paths([tmp_path], config=load_config(site_config)).findings if f.rule == "recovery-time"]


@pytest.mark.parametrize(
    ("here", "there", "agree"),
    [
        ("Recovery takes 12 weeks.", "Recovery takes 3 months.", True),
        ("Recovery takes a year.", "Recovery takes 12 months.", True),
        ("Recovery takes 4 weeks.", "Recovery takes a month.", True),
        ("Recovery takes 6 months.", "Recovery takes 26 weeks.", True),
        ("Recovery takes two to three months.", "Recovery takes 8-12 weeks.", True),
        ("Recovery takes two weeks.", "Recovery takes 14 days.", True),
        ("Recovery takes 10 weeks.", "Recovery takes 2 months.", False),
        ("Recovery takes 3 weeks.", "Recovery takes a month.", False),
        ("Recovery takes 2 months.", "Recovery takes 3 months.", False),
    ],
)
def test_a_time_in_months_agrees_with_the_same_time_in_weeks_or_days(
    tmp_path: Path, site_config: Path, here: str, there: str, agree: bool
) -> None:
    findings = _recovery_times_across_two_pages(tmp_path, site_config, here, there)
    assert (findings == []) == agree, [f.message for f in findings]


@pytest.mark.parametrize(
    ("here", "there", "agree"),
    [
        ("There is no downtime after PRP.", "Plan for a week of downtime after PRP.", False),
        ("Most patients return to work the next day.", "Most patients are back to work in 2 days.", False),
        ("You can go back to work immediately.", "Most patients are back to work in 2 days.", False),
        ("There is no downtime.", "Most patients return to work the same day.", True),
        ("Most patients return to work the next day.", "Most patients are back to work in 24 hours.", True),
        ("There is little to no downtime.", "Most patients are back to work in 2 days.", True),
    ],
)
def test_no_downtime_and_the_next_day_are_times_compared_with_others(
    tmp_path: Path, site_config: Path, here: str, there: str, agree: bool
) -> None:
    findings = _recovery_times_across_two_pages(tmp_path, site_config, here, there)
    assert (findings == []) == agree, [f.message for f in findings]
    if not agree:
        assert sorted(Path(f.path).name for f in findings) == ["faq.md", "prp.md"]


def test_an_approved_time_in_months_accepts_the_same_time_in_weeks(tmp_path: Path) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nRecovery takes 12 weeks.\n\nRecovery takes 2 weeks.\n")
    config = load_config(_config(tmp_path, facts={"recovery-time": "3 months"}))
    findings = [f for f in lint_paths([tmp_path], config=config).findings if f.rule == "recovery-time"]
    assert [(f.line, f.suggestions[0]) for f in findings] == [(5, "Recovery takes 3 months")]


@pytest.mark.parametrize(
    "offer",
    [
        "PRP is now $750 per injection (usually $900 per injection).",
        "PRP is $750 per injection, reduced from $900 per injection.",
        "PRP was $900 per injection; it is now $750 per injection.",
        "The price of PRP has dropped from $900 to $750 per injection.",
        "Save $150: PRP is $750 per injection instead of $900 per injection.",
        "Other clinics charge $1,500 per injection, but our PRP is $750 per injection.",
    ],
)
def test_a_former_price_or_another_clinics_is_not_the_price(tmp_path: Path, site_config: Path, offer: str) -> None:
    write(tmp_path / "offer.md", f"# Spring offer on PRP\n\n{offer}\n")
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    findings = lint_paths([tmp_path], config=load_config(site_config)).findings
    assert [f.message for f in findings if f.rule == "price-per-treatment"] == []
    # The price the patient pays is still compared.
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $700 per injection.\n")
    findings = lint_paths([tmp_path], config=load_config(site_config)).findings
    assert sorted(f.text for f in findings if f.rule == "price-per-treatment") == [
        "$700 per injection",
        "$750 per injection",
    ]


@pytest.mark.parametrize(
    ("name", "offer"),
    [
        ("offer.md", "# Spring offer on PRP\n\nPRP is ~~$900 per injection~~ $750 per injection.\n"),
        ("offer.md", "# Spring offer on PRP\n\n- PRP injections: ~~$900~~ $750\n"),
        ("offer.html", "<h1>Spring offer on PRP</h1>\n<p>PRP is <s>$900 per injection</s> $750 per injection.</p>\n"),
        ("offer.html", "<h1>Spring offer on PRP</h1>\n<p>PRP injections: <del>$900</del> $750</p>\n"),
    ],
)
def test_a_struck_through_former_price_is_not_compared_but_the_price_beside_it_is(
    tmp_path: Path, site_config: Path, name: str, offer: str
) -> None:
    write(tmp_path / name, offer)
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    findings = lint_paths([tmp_path], config=load_config(site_config)).findings
    assert [f.message for f in findings if f.rule == "price-per-treatment"] == []
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $700 per injection.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted(Path(f.path).name for f in findings) == [name, "prp.md"]
    assert all("$900" not in f.message for f in findings)


@pytest.mark.parametrize(
    ("lowest", "price", "agree"),
    [
        ("PRP injections from $750 per injection.", "PRP costs $900 per injection.", True),
        ("PRP injections start at $750.", "PRP costs $750 per injection.", True),
        ("Prices from just $750 per injection.", "PRP costs $750 to $900 per injection.", True),
        ("- Injections: as low as $750", "PRP costs $900 per injection.", True),
        ("Prices range from $750 to $900 per injection.", "PRP costs $750 to $900 per injection.", True),
        ("Prices range from $750 to $900 per injection.", "PRP costs $750 to $1,000 per injection.", False),
        # A lower price elsewhere, or another least price, contradicts what the least is.
        ("PRP injections from $750 per injection.", "PRP costs $600 per injection.", False),
        ("PRP injections from $750 per injection.", "PRP is from $700 per injection.", False),
    ],
)
def test_a_from_price_is_the_least_a_patient_pays_and_agrees_with_higher_prices(
    tmp_path: Path, site_config: Path, lowest: str, price: str, agree: bool
) -> None:
    write(tmp_path / "offer.md", f"# PRP injections\n\n{lowest}\n")
    write(tmp_path / "prp.md", f"# PRP prices\n\n{price}\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted(Path(f.path).name for f in findings) == ([] if agree else ["offer.md", "prp.md"])


def test_an_approved_price_accepts_a_from_price_only_at_that_price(tmp_path: Path) -> None:
    write(tmp_path / "offer.md", "# PRP injections\n\nPRP injections from $750 per injection.\n")
    write(tmp_path / "sale.md", "# PRP sale\n\nPRP injections from $600 per injection.\n")
    config = load_config(_config(tmp_path, facts={"price-per-treatment": "$750"}))
    findings = [f for f in lint_paths([tmp_path], config=config).findings if f.rule == "price-per-treatment"]
    assert [(Path(f.path).name, f.text) for f in findings] == [("sale.md", "from $600 per injection")]


@pytest.mark.parametrize(
    ("name", "reviews"),
    [
        (
            "reviews.md",
            "# What our PRP patients say\n\n> \u201cI was back at work in two weeks!\u201d\n> \u2014 Sarah, 54\n\n"
            "\u201cEach injection costs $900, and it was worth it.\u201d \u2014 James, 61\n\n"
            "> I paid $950 per injection and my knee is better than ever.\n",
        ),
        (
            "reviews.html",
            "<h1>What our PRP patients say</h1>\n<figure><blockquote><p>&ldquo;Back at work in two weeks, and no "
            "more knee pain.&rdquo;</p></blockquote><figcaption>&mdash; Sarah, 54</figcaption></figure>\n"
            "<p>&ldquo;I paid $900 per injection and it was worth it.&rdquo; &ndash; Tom</p>\n"
            "<p>Tom wrote: <q>I never thought $950 per injection would be money so well spent</q>.</p>\n",
        ),
    ],
)
def test_a_patients_testimonial_is_not_compared_with_the_clinics_stated_facts(
    tmp_path: Path, site_config: Path, name: str, reviews: str
) -> None:
    write(
        tmp_path / "prp.md",
        "# PRP injections\n\nPRP costs $750 per injection. Most patients are back at work in 2 days.\n",
    )
    write(tmp_path / name, reviews)
    findings = _consistency_findings(tmp_path, site_config)
    assert [f.message for f in findings] == []
    # The clinic's own words in a blockquote, or its doctor's, are its facts and still compared.
    write(
        tmp_path / "faq.md",
        "# PRP questions\n\n> PRP costs $800 per injection.\n\n"
        "\u201cIn my experience, recovery takes 3 weeks,\u201d says Dr Patel, our lead physician.\n",
    )
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted((Path(f.path).name, f.rule) for f in findings) == [
        ("faq.md", "price-per-treatment"),
        ("faq.md", "recovery-time"),
        ("prp.md", "price-per-treatment"),
        ("prp.md", "recovery-time"),
    ]


@pytest.mark.parametrize(
    "review",
    [
        'Tom said: "Each injection costs $900, and it was worth it."',
        "Tom said, \u201cEach injection costs $900, and recovery takes 3 weeks.\u201d",
        'As Maria, 47, put it: "PRP costs $900 per injection and recovery takes 3 weeks."',
        "One patient told us: \u201cPRP costs $900 per injection.\u201d",
        "In Sarah\u2019s words: \u201cPRP costs $900 per injection.\u201d",
        "Tom said: PRP costs $900 per injection and recovery takes 3 weeks.",
        'Mr. Jones said: "PRP costs $900 per injection."',
        "After her third session, Maria said: each injection costs $900.",
        "As Maria, 47, put it:\n\n> PRP costs $900 per injection and recovery takes 3 weeks.",
    ],
)
def test_a_testimonial_attributed_before_its_words_is_not_compared(
    tmp_path: Path, site_config: Path, review: str
) -> None:
    write(
        tmp_path / "prp.md",
        "# PRP injections\n\nPRP costs $750 per injection. Most patients are back at work in 2 days.\n",
    )
    write(tmp_path / "reviews.md", f"# What our PRP patients say\n\n{review}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


@pytest.mark.parametrize(
    "statement",
    [
        'Dr Patel said: "PRP costs $900 per injection."',
        'Dr. Patel said: "PRP costs $900 per injection."',
        "Prof. Lee says: PRP costs $900 per injection.",
        "We say: PRP costs $900 per injection.",
        "Please note: PRP costs $900 per injection.",
        'Tom said: "It helped." PRP costs $900 per injection.',
    ],
)
def test_the_clinics_words_after_a_colon_or_a_quotation_are_still_compared(
    tmp_path: Path, site_config: Path, statement: str
) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    write(tmp_path / "faq.md", f"# PRP questions\n\n{statement}\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert sorted(Path(f.path).name for f in findings) == ["faq.md", "prp.md"]


@pytest.mark.parametrize(
    ("name", "reviews"),
    [
        (
            "reviews.mdx",
            "# What PRP patients say\n\n"
            '<Testimonial quote="Back at work in two weeks, and pain-free!" author="Sarah, 54" />\n\n'
            '<TestimonialCard author="Tom">\nPaid $900 per injection, worth every penny.\n</TestimonialCard>\n',
        ),
        (
            "reviews.html",
            "<h1>PRP reviews</h1>\n"
            '<div class="testimonial"><div class="stars">5/5</div><p>Back to work in two weeks.</p></div>\n'
            '<script type="application/ld+json">{"@type": "Review", "reviewBody": "Paid $900 per injection, '
            'worth it.", "author": {"name": "Tom"}}</script>\n',
        ),
    ],
)
def test_a_testimonial_marked_up_as_one_is_not_compared(
    tmp_path: Path, site_config: Path, name: str, reviews: str
) -> None:
    write(
        tmp_path / "prp.md",
        "# PRP injections\n\nPRP costs $750 per injection. Most patients are back at work in 2 days.\n",
    )
    write(tmp_path / name, reviews)
    findings = _consistency_findings(tmp_path, site_config)
    assert [f.message for f in findings] == []
    # The page's own words after the testimonial, or on a "medically reviewed" article, are compared.
    write(
        tmp_path / "article.html",
        '<article class="medically-reviewed"><h1>PRP</h1><div class="testimonial"><p>Loved it.</p></div>'
        "<p>PRP costs $800 per injection.</p></article>\n",
    )
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted(Path(f.path).name for f in findings) == ["article.html", "prp.md"]


def test_a_testimonials_claims_are_still_reported_on_its_page() -> None:
    page = (
        "# Reviews\n\n> \u201cNo side effects at all, and I was back at work in two days!\u201d\n> \u2014 Sarah, 54\n"
    )
    assert [f.rule for f in lint_text(page, "reviews.md")] == ["no-side-effects"]


@pytest.mark.parametrize(
    "course",
    [
        "A package of three PRP sessions is $2,000.",
        "Save with a course: three sessions for $2,000 ($667 per session).",
        "Single sessions are $750, or $650 per session in a course of three.",
        "PRP is $650 per session when you book three.",
    ],
)
def test_a_course_price_is_not_a_single_sessions_price(tmp_path: Path, site_config: Path, course: str) -> None:
    write(tmp_path / "courses.md", f"# PRP courses\n\n{course}\n")
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per session.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert [f.message for f in findings] == []
    # A single session's price stated differently is still reported.
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $800 per session. Each session costs $750.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert "$800 per session" in {f.text for f in findings}


@pytest.mark.parametrize(
    ("here", "there", "reported"),
    [
        ("PRP costs \u00a3750 per injection.", "PRP costs \u00a3750 per injection (about $950 per injection).", []),
        ("PRP costs \u00a3750 per injection.", "Our Dublin clinic charges \u20ac870 per injection for PRP.", []),
        ("PRP injections from $750 per injection.", "PRP costs \u00a3600 per injection.", []),
        # Amounts in one currency are still compared, beside amounts in another.
        (
            "PRP costs \u00a3750 per injection.",
            "PRP costs \u00a3800 per injection (about $1,000 per injection).",
            [("a.md", "\u00a3750 per injection"), ("b.md", "\u00a3800 per injection")],
        ),
        # Nothing is nothing in any currency: a free consultation disagrees with each fee, once.
        (
            "Your first consultation is free.",
            "Initial consultation: \u00a3150 (or $190 for a consultation).",
            [
                ("a.md", "consultation is free"),
                ("b.md", "$190 for a consultation"),
                ("b.md", "consultation: \u00a3150"),
            ],
        ),
    ],
)
def test_amounts_in_different_currencies_are_not_compared(
    tmp_path: Path, site_config: Path, here: str, there: str, reported: list[tuple[str, str]]
) -> None:
    write(tmp_path / "a.md", f"# PRP injections\n\n{here}\n")
    write(tmp_path / "b.md", f"# PRP prices\n\n{there}\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert _pages_and_texts(findings) == reported


def test_an_approved_amount_is_not_weighed_against_an_amount_in_another_currency(tmp_path: Path) -> None:
    write(tmp_path / "prp.md", "# PRP\n\nPRP costs \u00a3800 per injection (about $1,000 per injection).\n")
    config = load_config(_config(tmp_path, facts={"price-per-treatment": "\u00a3750"}))
    findings = [f for f in lint_paths([tmp_path], config=config).findings if f.rule == "price-per-treatment"]
    assert [f.text for f in findings] == ["\u00a3800 per injection"]


@pytest.mark.parametrize(
    "before_tax",
    [
        "PRP costs \u00a3750 per injection + VAT.",
        "PRP costs \u00a3750 per injection plus VAT.",
        "PRP costs \u00a3750 per injection (excl. VAT).",
        "PRP injections: \u00a3750 ex VAT",
    ],
)
def test_a_price_before_tax_is_not_compared_with_the_price_with_it(
    tmp_path: Path, site_config: Path, before_tax: str
) -> None:
    write(tmp_path / "clinic.md", f"# PRP injections\n\n{before_tax}\n")
    write(tmp_path / "prp.md", "# PRP prices\n\nPRP costs \u00a3900 per injection, including VAT.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert [f.message for f in findings] == []
    write(tmp_path / "clinic.md", "# PRP injections\n\nPRP costs \u00a3950 per injection.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted(Path(f.path).name for f in findings) == ["clinic.md", "prp.md"]


@pytest.mark.parametrize(
    "later",
    [
        "Each additional injection is $500.",
        "Follow-up injections cost $600 per injection.",
        "Top-up sessions are $400 per session.",
        "A booster injection at six months costs $450.",
    ],
)
def test_a_follow_up_units_price_is_not_the_first_ones(tmp_path: Path, site_config: Path, later: str) -> None:
    write(tmp_path / "aftercare.md", f"# After your PRP injection\n\n{later}\n")
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection. PRP costs $750 per session.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert [f.message for f in findings] == []
    # The first unit's price stated beside it is still compared.
    write(
        tmp_path / "aftercare.md", f"# After your PRP injection\n\nPRP costs $800 per injection, and {later.lower()}\n"
    )
    findings = _consistency_findings(tmp_path, site_config)
    assert ("aftercare.md", "$800 per injection") in {(Path(f.path).name, f.text) for f in findings}


def test_a_question_in_an_faq_states_no_fact(tmp_path: Path, site_config: Path) -> None:
    write(
        tmp_path / "faq.md",
        "# PRP questions\n\n## Is PRP FDA approved?\n\nNo injection of PRP is a licensed drug.\n\n"
        "## Will I be back to work in 2 days?\n\nMost patients are back to work in a week.\n\n"
        "## Does PRP cost $2,000 per injection?\n\nNo: PRP costs $750 per injection.\n",
    )
    write(
        tmp_path / "prp.md",
        "# PRP\n\nPRP is not approved by the FDA. Most patients are back to work in a week. "
        "PRP costs $750 per injection.\n",
    )
    findings = _consistency_findings(tmp_path, site_config)
    assert [f.message for f in findings] == []
    # The answers are statements, and still compared.
    write(tmp_path / "prp.md", "# PRP\n\nMost patients are back to work in 2 days. PRP costs $800 per injection.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert _pages_and_texts(findings) == [
        ("faq.md", "$750 per injection"),
        ("faq.md", "back to work in a week"),
        ("prp.md", "$800 per injection"),
        ("prp.md", "back to work in 2 days"),
    ]


@pytest.mark.parametrize(
    ("later", "agree"),
    [
        ("Some patients need one or two further sessions a year later.", True),
        ("If pain returns, two more sessions usually help.", True),
        ("Most patients need two sessions.", False),
    ],
)
def test_further_sessions_are_not_the_number_of_sessions(
    tmp_path: Path, site_config: Path, later: str, agree: bool
) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nMost patients need three sessions.\n")
    write(tmp_path / "aftercare.md", f"# After PRP\n\n{later}\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted(Path(f.path).name for f in findings) == ([] if agree else ["aftercare.md", "prp.md"])


def test_a_free_consultation_on_one_page_disagrees_with_a_consultation_fee_on_another(
    tmp_path: Path, site_config: Path
) -> None:
    write(tmp_path / "index.md", "# Welcome\n\nBook your free consultation today.\n")
    write(tmp_path / "prices.md", "# Prices\n\nInitial consultation: $150.\n")
    write(tmp_path / "contact.md", "# Contact\n\nConsultations are complimentary.\n")
    findings = [
        f for f in lint_paths([tmp_path], config=load_config(site_config)).findings if f.rule == "consultation-fee"
    ]
    assert _pages_and_texts(findings) == [
        ("contact.md", "Consultations are complimentary"),
        ("index.md", "free consultation"),
        ("prices.md", "consultation: $150"),
    ]
    assert "'consultation: $150' in " in findings[0].message


def test_a_follow_up_consultations_fee_is_not_the_first_consultations(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "prices.md", "# Prices\n\nInitial consultation: $150.\n")
    write(tmp_path / "aftercare.md", "# Aftercare\n\nFollow-up consultation: $90. Review consultations are free.\n")
    findings = lint_paths([tmp_path], config=load_config(site_config)).findings
    assert [f.message for f in findings if f.rule == "consultation-fee"] == []
    write(tmp_path / "aftercare.md", "# Aftercare\n\nFollow-up consultation: $90. A consultation costs $120.\n")
    findings = lint_paths([tmp_path], config=load_config(site_config)).findings
    assert sorted(f.text for f in findings if f.rule == "consultation-fee") == [
        "consultation costs $120",
        "consultation: $150",
    ]


def test_an_inline_suppression_takes_a_statement_out_of_the_comparison(tmp_path: Path, site_config: Path) -> None:
    write(
        tmp_path / "offer.md",
        """\
        # Spring offer

        <!-- medlint-disable-next-line price-per-treatment -- a dated promotion, approved by the practice manager -->
        PRP is $700 per injection until June.
        """,
    )
    write(tmp_path / "prices.md", "# Prices\n\nPRP is $900 per injection.\n")
    findings = lint_paths([tmp_path], config=load_config(site_config)).findings
    # The promotion's price is not the site's price: neither page disagrees, and the suppression hid something.
    assert [f for f in findings if f.rule in ("price-per-treatment", "unused-suppression")] == []
    write(tmp_path / "offer.md", "# Spring offer\n\nPRP is $700 per injection until June.\n")
    findings = lint_paths([tmp_path], config=load_config(site_config)).findings
    assert _pages_and_texts(f for f in findings if f.rule == "price-per-treatment") == [
        ("offer.md", "$700 per injection"),
        ("prices.md", "$900 per injection"),
    ]


# -- the facts file ---------------------------------------------------------


def test_the_facts_file_reports_every_other_value_with_the_approved_one_as_suggestion(tmp_path: Path) -> None:
    facts = {"price-per-treatment": "$1,800", "fda-status": "not approved", "number-of-sessions": "one to three"}
    config = load_config(_config(tmp_path, facts=facts))
    findings = [f for f in lint_paths([SITE], config=config).findings if f.rule in facts]
    assert sorted((Path(f.path).name, f.rule, f.text) for f in findings) == [
        ("faq.md", "price-per-treatment", "$2,000 per injection"),
        ("index.md", "fda-status", "FDA approved"),
        ("index.md", "number-of-sessions", "one session"),
        ("index.md", "price-per-treatment", "$1,500 per injection"),
        ("pricing.html", "number-of-sessions", "three sessions"),
        ("pricing.html", "price-per-treatment", "$2,000 per injection"),
    ]
    price = next(f for f in findings if f.text == "$1,500 per injection")
    assert price.suggestions[0] == "$1,800 per injection"
    assert "but the approved facts say '$1,800'" in price.message
    # The consistent site states the approved facts, so it is clean against them.
    assert lint_paths([FIXTURES / "site-consistent"], config=config).findings == []


def test_facts_can_be_given_per_subject(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, facts={"price-per-treatment": {"PRP": 900, "stem cells": "$2,000"}}))
    text = "PRP is $900 per injection. Stem cell therapy is $2,500 per injection.\n"
    [finding] = [f for f in lint_text(text, "prices.md", config=config) if f.rule == "price-per-treatment"]
    assert finding.text == "$2,500 per injection" and finding.suggestions[0] == "$2,000 per injection"


def test_the_approved_value_goes_in_place_of_the_stated_one_not_of_the_whole_statement(
    tmp_path: Path, run_cli: RunCli
) -> None:
    # The approved value was suggested for the whole statement: `fix -i` made "costs $700 per
    # injection" "costs $650" and "you will be back to work in 5 days" "you will be 2 days".
    facts = {"price-per-treatment": "$650", "recovery-time": "2 days", "number-of-sessions": "one to three"}
    config = _config(tmp_path, facts=facts)
    page = write(
        tmp_path / "prp.md",
        "# PRP\n\nEach session costs $700 per injection. Most people need one session.\n\n"
        "Recovery is quick: you will be back to work in 5 days.\n",
    )

    result = run_cli("fix", "-i", "--config", str(config), str(page), input="1\n1\n1\n")

    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == (
        "# PRP\n\nEach session costs $650 per injection. Most people need one to three sessions.\n\n"
        "Recovery is quick: you will be back to work in 2 days.\n"
    )


@pytest.mark.parametrize(
    ("facts", "problem"),
    [
        ({"price": "$1"}, "facts: no fact rule 'price' (fact rules: anesthesia,"),
        ({"price-per-treatment": "about right"}, "facts: price-per-treatment: cannot read 'about right' as a money"),
        ({"fda-status": "pending"}, "facts: fda-status: 'pending' is not one of 'approved', 'not approved'"),
        ({"fda-status": ["approved"]}, "facts: fda-status: give a value, or a mapping of subject or key to value"),
        # An approved value for a subject the slot does not know would never apply.
        ({"price-per-treatment": {"stem cels": "$1"}}, "'stem cels' is not a subject of the slot; did you mean 'stem"),
        ({"fda-status": {"bogus": "approved"}}, "facts: fda-status: 'bogus' is not a subject of the slot (subjects: "),
        ({"consultation-fee": {"PRP": "$1"}}, "consultation-fee: the slot has one value per site, not one per subject"),
        ({"price-per-treatment": {"PRP": "$1", "prp": "$2"}}, "facts: price-per-treatment: 'prp' is given twice"),
        ("yes", "'facts' must map fact slots (rule ids) to approved values"),
    ],
)
def test_bad_facts_are_one_line_config_errors(tmp_path: Path, run_cli: RunCli, facts: object, problem: str) -> None:
    config = _config(tmp_path, facts=facts)
    page = write(tmp_path / "page.md", "PRP costs $900 per injection.\n")
    result = run_cli("check", "--config", str(config), str(page))
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"medlint: error: {config}: ") and problem in line


# -- a site's own fact slots, no Python ------------------------------------


SITE_FACTS = """\
pack: harbour
patterns:
  hours: '\\d{1,2}(?::\\d\\d)?\\s*(?:am|pm)'
rules:
  - id: opening-time
    kind: fact
    category: consistency
    severity: warning
    fact: opening time
    message: "Patients turn up at this time."
    normalise: text
    patterns: ['(?:open|opens|opening)\\s+(?:from|at)\\s+(?P<value>{@hours})']
  - id: parking
    kind: fact
    category: consistency
    fact: parking
    message: "Say the same about parking everywhere."
    values:
      free: {phrases: [free parking]}
      paid: {patterns: ['parking\\s+(?:costs|is\\s+charged|fee)']}
"""


def test_a_site_adds_fact_slots_in_yaml_and_approves_them_in_the_config(tmp_path: Path, run_cli: RunCli) -> None:
    write(tmp_path / "harbour.yaml", SITE_FACTS)
    write(
        tmp_path / ".medlint.yaml",
        "builtin_rules: false\nrules: [harbour.yaml]\nfacts:\n  parking: free\n",
    )
    web = tmp_path / "web"
    write(web / "index.md", "# Harbour Clinic\n\nWe open at 8am. There is free parking.\n")
    write(web / "visit.md", "# Visiting\n\nThe clinic opens at 9am.\n\nParking costs $5 an hour.\n")
    result = run_cli("check", "--format", "json", str(web))
    findings = _json(result)
    assert sorted((Path(f["path"]).name, f["rule"], f["text"]) for f in findings) == [
        ("index.md", "opening-time", "open at 8am"),
        ("visit.md", "opening-time", "opens at 9am"),
        ("visit.md", "parking", "Parking costs"),
    ]
    parking = next(f for f in findings if f["rule"] == "parking")
    assert parking["suggestions"] == ["free"]
    opening = next(f for f in findings if f["path"].endswith("index.md"))
    assert opening["related"][0]["line"] == 3 and opening["related"][0]["path"].endswith("visit.md")


def test_a_broken_fact_rule_is_reported_with_its_file_and_rule(tmp_path: Path, run_cli: RunCli) -> None:
    write(
        tmp_path / "bad.yaml",
        """\
        rules:
          - id: opening-time
            kind: fact
            category: consistency
            message: x
            normalise: clock
            patterns: ['open at (?P<value>\\d+)']
        """,
    )
    config = write(tmp_path / "only.yaml", "builtin_rules: false\nrules: [bad.yaml]\n")
    result = run_cli("check", "--config", str(config), str(tmp_path))
    assert result.exit_code == 2
    assert "bad.yaml: rule 'opening-time': unknown normalise 'clock'" in result.output


def test_a_checked_file_outside_the_site_folder_is_named_in_a_warning(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "content" / "pricing.md", "# Prices\n\nPRP costs $900 per injection.\n")
    write(tmp_path / "contents" / "faq.md", "# FAQ\n\nA PRP injection is $950 per injection.\n")
    monkeypatch.chdir(tmp_path)
    # --site content, meaning contents: compared with the wrong pages, and the warning says so.
    for command in (("check",), ("check", "--diff"), ("check", "--fix")):
        result = run_cli(*command, "--select", "site", "--site", "content", "contents/faq.md")
        warning = "medlint: warning: contents/faq.md is outside --site content: compared with the pages there"
        assert warning in result.stderr, command
    inside = run_cli("check", "--select", "site", "--site", "contents", "contents/faq.md")
    assert (inside.exit_code, inside.stderr) == (0, "")


def test_recovery_after_the_treatment_taking_weeks_disagrees_with_no_downtime(tmp_path: Path) -> None:
    home = write(tmp_path / "index.md", "# PRP\n\nPRP injections have no downtime.\n")
    about = write(tmp_path / "about.md", "# About\n\nRecovery after a PRP injection usually takes one to two weeks.\n")
    findings = [f for f in lint_paths([str(home), str(about)]).findings if f.rule == "recovery-time"]
    assert {(Path(f.path).name, f.text) for f in findings} == {
        ("index.md", "no downtime"),
        ("about.md", "Recovery after a PRP injection usually takes one to two weeks"),
    }


def test_a_monthly_weight_loss_price_is_compared_across_pages_apart_from_the_price_per_injection(
    tmp_path: Path, site_config: Path
) -> None:
    write(
        tmp_path / "semaglutide.md",
        "# Semaglutide for weight loss\n\nSemaglutide is a weekly injection prescribed after a consultation.\n\n"
        "Semaglutide is $299 per month, or $75 per injection.\n",
    )
    write(
        tmp_path / "pricing.md",
        "# Pricing\n\n| Medicine | Price |\n| --- | --- |\n| Semaglutide | $349 per month |\n"
        "| Tirzepatide | $449/month |\n\nEach semaglutide injection is $75. Membership is $49 a month.\n",
    )
    write(tmp_path / "tirzepatide.md", "# Tirzepatide\n\nTirzepatide costs $449 a month.\n")
    findings = _consistency_findings(tmp_path, site_config)
    # The monthly semaglutide prices disagree; its price per injection, tirzepatide's and the membership's
    # agree or stand apart.
    assert _pages_and_texts(findings) == [
        ("pricing.md", "$349 per month"),
        ("semaglutide.md", "$299 per month"),
    ]
    assert all(f.message.startswith("price per month (semaglutide): ") for f in findings)


def test_a_medicine_approved_under_its_brand_name_is_not_the_status_of_the_one_a_site_sells(
    tmp_path: Path, site_config: Path
) -> None:
    write(
        tmp_path / "faq.md",
        "# FAQ\n\n## Is semaglutide FDA approved?\n\n"
        "Semaglutide is FDA approved for chronic weight management under the brand name Wegovy.\n",
    )
    write(
        tmp_path / "pricing.md",
        "# Pricing\n\n| Medicine | Price |\n| --- | --- |\n| Semaglutide | $299 per month |\n\n"
        "Compounded medications are not FDA approved.\n",
    )
    assert _consistency_findings(tmp_path, site_config) == []
    # Said of the site's own semaglutide, approval is its status, compared as before.
    write(tmp_path / "offer.md", "# Offer\n\nOur semaglutide is FDA approved for weight loss.\n")
    assert {Path(f.path).name for f in _consistency_findings(tmp_path, site_config)} == {"offer.md", "pricing.md"}


@pytest.mark.parametrize(
    ("written", "unit"),
    [("$349/mo", "month"), ("$349 per mo", "month"), ("$349/mth", "month"), ("$89/wk", "week"), ("$89 per wk", "week")],
)
def test_a_price_per_unit_written_short_is_compared_with_the_price_written_out(
    tmp_path: Path, site_config: Path, written: str, unit: str
) -> None:
    write(tmp_path / "semaglutide.md", f"# Semaglutide\n\nSemaglutide is $299 per {unit} with us.\n")
    write(tmp_path / "pricing.md", f"# Pricing\n\nSemaglutide: {written}. Tirzepatide: $449 per month.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        ("pricing.md", written),
        ("semaglutide.md", f"$299 per {unit}"),
    ]
    assert all(f.message.startswith(f"price per {unit} (semaglutide): ") for f in findings)


def test_a_price_per_unit_written_short_agrees_with_the_same_price_written_out(
    tmp_path: Path, site_config: Path
) -> None:
    write(tmp_path / "semaglutide.md", "# Semaglutide\n\nSemaglutide is $299 per month, or $79 per week.\n")
    write(tmp_path / "pricing.md", "# Pricing\n\nSemaglutide: $299/mo ($79/wk).\n")

    assert _consistency_findings(tmp_path, site_config) == []


@pytest.mark.parametrize(
    "offer",
    [
        "PRP is $650 per injection for members.",
        "Members pay just $650 per injection.",
        "Member price: $650 per injection.",
        "Intro offer: $99 per injection for new patients.",
        "Intro offer: first injection is $99.",
        "New patients: $499 per injection.",
        "Introductory price \u2013 $499 per injection.",
        "PRP is $650 per injection with membership.",
        "PRP costs $750 per injection ($650 per injection for members).",
    ],
)
def test_a_price_only_members_new_patients_or_an_offer_pay_is_not_the_price_compared(
    tmp_path: Path, site_config: Path, offer: str
) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    write(tmp_path / "offers.md", f"# PRP offers\n\n{offer}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


@pytest.mark.parametrize(
    ("offer", "fee"),
    [
        ("New patients: free consultation.", "Initial consultation: $150."),
        ("Free consultation for new patients.", "Initial consultation: $150."),
        ("Consultations are free for members.", "A consultation is $150."),
    ],
)
def test_a_consultation_free_only_for_some_is_not_the_fee_compared(
    tmp_path: Path, site_config: Path, offer: str, fee: str
) -> None:
    write(tmp_path / "prices.md", f"# Prices\n\n{fee}\n")
    write(tmp_path / "offers.md", f"# Offers\n\n{offer}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


def test_the_price_non_members_pay_is_still_compared(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    write(tmp_path / "offers.md", "# PRP\n\nMembers pay $650 per injection; non-members pay $800 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        ("offers.md", "$800 per injection"),
        ("prp.md", "$750 per injection"),
    ]


@pytest.mark.parametrize(
    "after",
    [
        "\n<p>Members pay $650 per session.</p>\n",
        "<p>For members, parking is free.</p>\n",
        "\n\n## New patients\n\nBook online.\n",
    ],
)
def test_a_price_followed_by_a_block_about_members_or_new_patients_is_still_compared(
    tmp_path: Path, site_config: Path, after: str
) -> None:
    # The block after a price is not about it: "members" there makes it no member price.
    write(tmp_path / "pricing.html", f"<table><tr><td>Physiotherapy</td><td>$90/session</td></tr></table>{after}")
    write(tmp_path / "physio.md", "# Physiotherapy\n\nPhysiotherapy is $95 per session.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        ("physio.md", "$95 per session"),
        ("pricing.html", "$90/session"),
    ]


@pytest.mark.parametrize("sign", ["&pound;", "&#163;", "&#xA3;", "&#36;", "&dollar;", "&euro;"])
def test_a_price_whose_currency_sign_is_a_character_reference_is_compared(
    tmp_path: Path, site_config: Path, sign: str
) -> None:
    # Many CMSs write "&pound;750": the sign was blanked in the prose, and the price never read.
    write(tmp_path / "pricing.html", f"<p>PRP costs {sign}750 per injection.</p>\n")
    write(tmp_path / "prp.html", f"<p>PRP costs {sign}800 per injection.</p>\n")
    symbol = html.unescape(sign)

    findings = _consistency_findings(tmp_path, site_config)

    assert sorted((Path(f.path).name, f.text, f.column) for f in findings) == [
        ("pricing.html", f"{symbol}750 per injection", 14),
        ("prp.html", f"{symbol}800 per injection", 14),
    ]


@pytest.mark.parametrize(
    "price",
    [
        '<span class="woocommerce-Price-currencySymbol">&pound;</span>{amount}.00',
        '<span class="currency">&#163;</span><span class="amount">{amount}</span>',
        "&pound; {amount}",
    ],
)
def test_a_currency_sign_reference_set_apart_from_its_amount_by_markup_is_read_with_it(
    tmp_path: Path, site_config: Path, price: str
) -> None:
    # Shop plugins wrap the sign in a tag of its own: a reader still sees "£750".
    write(tmp_path / "pricing.html", f"<p>PRP costs {price.format(amount=750)} per injection.</p>\n")
    write(tmp_path / "prp.html", f"<p>PRP costs {price.format(amount=800)} per injection.</p>\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert sorted(Path(f.path).name for f in findings) == ["pricing.html", "prp.html"]
    assert all(f.text.startswith("£") for f in findings)


def test_a_currency_sign_reference_with_no_amount_after_it_is_no_price() -> None:
    page = "<p>All prices are in &pound; below.</p><p>Pay in &pound;. 750 patients a year choose PRP.</p>\n"

    assert [f.rule for f in lint_text(page, "prices.html") if f.category == "consistency"] == []


@pytest.mark.parametrize(
    "page",
    [
        "# PRP\n\n## New patients\n\nPRP costs $800 per injection.\n",
        "<h2>Members</h2>\n<p>PRP costs $800 per injection.</p>\n",
        "<p>Our members' lounge is open daily.</p><p>PRP costs $800 per injection.</p>\n",
    ],
)
def test_a_price_after_a_heading_or_paragraph_naming_members_is_still_compared(
    tmp_path: Path, site_config: Path, page: str
) -> None:
    # "Members pay $650" is a member price; members named on the line or block before is not.
    name = "prp.html" if page.startswith("<") else "prp.md"
    write(tmp_path / name, page)
    write(tmp_path / "pricing.md", "# Pricing\n\nPRP costs $750 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert sorted(Path(f.path).name for f in findings) == sorted(["pricing.md", name])


@pytest.mark.parametrize(
    "table",
    [
        "| Treatment | Standard | Members |\n| --- | --- | --- |\n| PRP | $750 per injection | $650 per injection |\n",
        "<table><tr><th>Treatment</th><th>Standard</th><th>Member price</th></tr>"
        "<tr><td>PRP</td><td>$750 per injection</td><td>$650 per injection</td></tr></table>\n",
        "| Treatment | Price | Intro offer |\n| --- | --- | --- |\n| PRP | $750 per injection | $99 per injection |\n",
    ],
)
def test_a_price_in_a_members_or_offer_column_is_compared_only_with_that_columns(
    tmp_path: Path, site_config: Path, table: str
) -> None:
    # The standard column's price is compared with the other pages'; the members' column's is another price.
    name = "pricing.html" if table.startswith("<") else "pricing.md"
    write(tmp_path / name, table)
    write(tmp_path / "prp.md", "# PRP\n\nPRP costs $800 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        (name, "$750 per injection"),
        ("prp.md", "$800 per injection"),
    ]


def test_a_price_whose_sign_is_set_apart_by_markup_is_quoted_as_a_reader_sees_it(
    tmp_path: Path, site_config: Path
) -> None:
    write(tmp_path / "pricing.html", '<p>PRP costs <span class="currency">$</span><b>750</b> per injection.</p>\n')
    write(tmp_path / "prp.md", "# PRP\n\nPRP costs $800 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    [pricing] = [f for f in findings if f.path.endswith("pricing.html")]
    assert pricing.text == "$750 per injection"
    assert pricing.message.startswith("price per injection (PRP): '$750 per injection' here; '$800 per injection'")


@pytest.mark.parametrize(
    ("name", "card"),
    [
        ("prp.md", '{{< price-card title="PRP" price="$800 per injection" >}}\n'),
        ("prp.mdx", '<PriceCard title="PRP" price="$800 per injection" />\n'),
        ("prp.html", '{% include price-card.html title="PRP" price="$800 per injection" %}\n'),
    ],
)
def test_a_price_passed_to_a_pricing_card_is_compared(tmp_path: Path, site_config: Path, name: str, card: str) -> None:
    # A shortcode's, component's or include's price is printed on the page, as its title is.
    write(tmp_path / name, f"# PRP\n\n{card}" if not name.endswith(".html") else f"<h1>PRP</h1>\n{card}")
    write(tmp_path / "pricing.md", "# Pricing\n\nPRP costs $750 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        ("pricing.md", "$750 per injection"),
        (name, "$800 per injection"),
    ]


@pytest.mark.parametrize(
    ("name", "page", "quotes"),
    [
        ("prp.md", "# PRP\n\nPRP costs $750* per injection.\n\n\\*With ultrasound guidance.\n", ["$750 per injection"]),
        ("prp.md", "# PRP\n\nPRP costs $750\u2020 per injection.\n", ["$750 per injection"]),
        ("prp.md", "# PRP\n\nPRP costs $750\u00b9 per injection.\n", ["$750 per injection"]),
        (
            "prp.md",
            "# PRP\n\nPRP costs $750[^1] per injection.\n\n[^1]: With ultrasound guidance.\n",
            ["$750 per injection"],
        ),
        ("prp.md", "# PRP\n\nEach injection costs $750*.\n", ["injection costs $750"]),
        ("prp.md", "# PRP\n\nPRP costs $750<sup>1</sup> per injection.\n", ["$750 per injection"]),
        ("prp.md", "# PRP\n\nEach PRP injection costs $750<sup>1</sup>.\n", ["injection costs $750"]),
        ("prp.html", "<h1>PRP</h1>\n<p>PRP costs $750<sup>1</sup> per injection.</p>\n", ["$750 per injection"]),
        ("prp.html", "<h1>PRP</h1>\n<p>PRP costs $750<sup>*</sup> per injection.</p>\n", ["$750 per injection"]),
        ("prp.html", "<h1>PRP</h1>\n<p>Each PRP injection costs $750<sup>1</sup>.</p>\n", ["injection costs $750"]),
        (
            "prp.html",
            "<h1>PRP</h1>\n<p>Initial consultation: $150<sup>2</sup>.</p><p>PRP costs $750 per injection.</p>\n",
            ["$750 per injection", "consultation: $150"],
        ),
    ],
)
def test_a_price_with_a_footnote_mark_is_compared_and_quoted_without_it(
    tmp_path: Path, site_config: Path, name: str, page: str, quotes: list[str]
) -> None:
    # The mark is read as a footnote's, not as part of the price: "$750<sup>1</sup>" is quoted "$750", not "$750 1".
    write(tmp_path / name, page)
    write(tmp_path / "pricing.md", "# Pricing\n\nPRP costs $800 per injection. Initial consultation: $200.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert sorted(f.text for f in findings if f.path.endswith(name)) == sorted(quotes)
    assert len(findings) == 2 * len(quotes)


@pytest.mark.parametrize(
    "offer", ["PRP costs $650* per injection for members.", "Members pay $650\u2020 per injection."]
)
def test_a_marked_price_only_some_pay_is_still_not_the_price_compared(
    tmp_path: Path, site_config: Path, offer: str
) -> None:
    write(tmp_path / "prp.md", f"# PRP\n\n{offer}\n\n\\* Or \u2020: see the terms.\n")
    write(tmp_path / "pricing.md", "# Pricing\n\nPRP costs $800 per injection.\n")

    assert _consistency_findings(tmp_path, site_config) == []


@pytest.mark.parametrize(
    "offer",
    [
        "New patients can book PRP at $499 per injection.",
        "New patients who book before March pay $499 per injection.",
        "For new patients, PRP is $499 per injection.",
        "If you are a member, PRP costs $650 per injection.",
        "Our introductory offer gives you your first PRP injection for $99 per injection.",
        "Members enjoy PRP for just $650 per injection.",
    ],
)
def test_a_price_the_sentences_offer_takers_pay_is_not_the_price_compared(
    tmp_path: Path, site_config: Path, offer: str
) -> None:
    # Whoever the sentence says pays the price: its subject, or a phrase set before it with a comma.
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    write(tmp_path / "offers.md", f"# PRP offers\n\n{offer}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "New patients are welcome, and PRP costs $800 per injection.",
        "We welcome new patients and members alike, but PRP still costs $800 per injection.",
        "New patients often ask about prices; PRP costs $800 per injection.",
        "New patients get a free consultation, while PRP costs $800 per injection.",
        "New patients pay the standard $800 per injection.",
        "Our team members will explain why PRP costs $800 per injection.",
        "Members of the public can book PRP at $800 per injection.",
    ],
)
def test_a_price_in_another_clause_than_the_offer_takers_is_still_compared(
    tmp_path: Path, site_config: Path, sentence: str
) -> None:
    write(tmp_path / "prp.md", "# PRP injections\n\nPRP costs $750 per injection.\n")
    write(tmp_path / "offers.md", f"# PRP offers\n\n{sentence}\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        ("offers.md", "$800 per injection"),
        ("prp.md", "$750 per injection"),
    ]


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("prp.md", "# PRP\n\nPRP costs $750 per injection for the knee, $900 per injection for the hip.\n"),
        ("prp.md", "# PRP\n\nKnee: $750 per injection, hip: $900 per injection.\n"),
        ("prp.md", "# PRP\n\nA knee injection costs $750 and a hip injection costs $900.\n"),
        ("prp.md", "# PRP\n\nPRP for the knee is $750 per injection, or $900 per injection for the hip.\n"),
        ("prp.md", "# PRP\n\nWe charge $750 per knee injection and $900 per shoulder injection.\n"),
        (
            "prp.md",
            "# PRP\n\nPRP costs $800 per injection.\n\n"
            "| Treatment area | Price |\n| --- | --- |\n| Knee | $750 per injection |\n| Hip | $900 per injection |\n",
        ),
        (
            "prp.html",
            "<h1>PRP</h1>\n<p>PRP costs $800 per injection.</p>\n<table><tr><th>Area</th><th>Price</th></tr>\n"
            "<tr><td>Knees</td><td>$750 per injection</td></tr>\n<tr><td>Hips</td><td>$900 per injection</td></tr>"
            "</table>\n",
        ),
    ],
)
def test_prices_of_one_treatment_for_different_joints_are_different_items(
    site_config: Path, name: str, page: str
) -> None:
    findings = lint_text(page, name, config=load_config(site_config))
    assert [f.message for f in findings if f.category == "consistency"] == []


def test_the_same_joint_priced_differently_on_two_pages_is_reported(tmp_path: Path, site_config: Path) -> None:
    write(
        tmp_path / "prices.md",
        "# PRP prices\n\n| Treatment area | Price |\n| --- | --- |\n"
        "| Knee injection | $750 per injection |\n| Hip injection | $900 per injection |\n",
    )
    write(tmp_path / "knee.md", "# Knee pain\n\nPRP for the knee costs $800 per injection; the hip costs more.\n")
    write(tmp_path / "prp.md", "# PRP\n\nPRP costs $800 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        ("knee.md", "$800 per injection"),
        ("prices.md", "$750 per injection"),
    ]
    assert all(f.message.startswith("price per injection (PRP, knee): ") for f in findings)


def test_a_from_price_naming_no_joint_is_the_least_each_joint_costs(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "prp.md", "# PRP\n\nPRP injections from $750 per injection.\n")
    write(tmp_path / "prices.md", "# PRP\n\nKnee: $900 per injection, hip: $950, wrist: $600 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    # The wrist's price is below the least any injection costs; the knee's and the hip's are not.
    assert _pages_and_texts(findings) == [
        ("prices.md", "$600 per injection"),
        ("prp.md", "from $750 per injection"),
    ]


def test_a_from_price_naming_no_joint_is_not_the_least_a_members_column_pays(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "prp.md", "# PRP\n\nPRP injections from $650 per injection.\n")
    write(
        tmp_path / "prices.md",
        "# PRP\n\n| Area | Standard | Members |\n| --- | --- | --- |\n"
        "| Wrist | $650 per injection | $550 per injection |\n",
    )

    assert _consistency_findings(tmp_path, site_config) == []


@pytest.mark.parametrize(
    "rough",
    [
        "PRP costs \u00a3600 per injection (about $760 per injection).",
        "PRP costs \u00a3600 per injection (approx. $760 per injection).",
        "PRP costs \u00a3600 per injection (\u2248 $760 per injection).",
        "PRP costs \u00a3600 per injection (roughly $760 per injection at today's rate).",
    ],
)
def test_a_rough_conversion_in_brackets_is_not_compared_with_the_prices_in_its_currency(
    tmp_path: Path, site_config: Path, rough: str
) -> None:
    write(tmp_path / "london.md", f"# London clinic\n\n{rough}\n")
    write(tmp_path / "prp.md", "# PRP\n\nPRP costs $750 per injection.\n")

    assert _consistency_findings(tmp_path, site_config) == []
    # The London price itself is still compared with London prices.
    write(tmp_path / "offers.md", "# PRP\n\nPRP costs \u00a3650 per injection.\n")
    assert sorted(f.text for f in _consistency_findings(tmp_path, site_config)) == [
        "\u00a3600 per injection",
        "\u00a3650 per injection",
    ]


@pytest.mark.parametrize(
    "package",
    [
        "Book three sessions and pay $650 per session.",
        "Three sessions for $2,000 is our best value.",
        "We offer $2,000 for three sessions, paid up front.",
        "Buying three sessions together saves $250.",
    ],
)
def test_sessions_bought_together_are_not_the_number_of_sessions(
    tmp_path: Path, site_config: Path, package: str
) -> None:
    write(tmp_path / "prp.md", "# PRP\n\nMost patients need one to three sessions.\n")
    write(tmp_path / "offers.md", f"# PRP offers\n\n{package}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []
    # The number a patient needs is still compared.
    write(tmp_path / "faq.md", "# PRP questions\n\nMost patients need two sessions.\n")
    assert sorted(Path(f.path).name for f in _consistency_findings(tmp_path, site_config)) == ["faq.md", "prp.md"]


def test_a_steroid_injection_into_a_joint_is_priced_apart_from_an_epidural(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "epidural.md", "# Epidurals\n\nAn epidural steroid injection is $600 per injection.\n")
    write(tmp_path / "knee.md", "# Knee pain\n\nA steroid injection is $250 per injection.\n")
    write(tmp_path / "blog.md", "# PRP or cortisone?\n\nA cortisone injection costs $250.\n")

    assert _consistency_findings(tmp_path, site_config) == []
    # Each is still compared with itself elsewhere.
    write(tmp_path / "spine.md", "# Back pain\n\nEpidural injections are $650 per injection.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted((Path(f.path).name, f.message.split(":")[0]) for f in findings) == [
        ("epidural.md", "price per injection (epidural steroid injections)"),
        ("spine.md", "price per injection (epidural steroid injections)"),
    ]


def test_a_page_naming_treatments_equally_often_is_about_none_of_them(tmp_path: Path, site_config: Path) -> None:
    # The about page's figure is the clinic's, not PRP's because PRP is named first.
    write(tmp_path / "about.md", "# About us\n\nWe offer PRP and physiotherapy.\n\nWe have a 90% satisfaction rate.\n")
    write(tmp_path / "contact.md", "# Contact\n\nWe have a 92% satisfaction rate.\n")
    write(tmp_path / "prp.md", "# PRP\n\nPRP is our most asked-about treatment. PRP has a 95% satisfaction rate.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [
        ("about.md", "90% satisfaction rate"),
        ("contact.md", "92% satisfaction rate"),
    ]


@pytest.mark.parametrize(
    "other",
    [
        "We prepare PRP with an FDA-approved device.",
        "Your blood is spun in an FDA-approved centrifuge before PRP is injected.",
        "The only stem cell treatments approved by the FDA are blood-forming stem cell transplants.",
        'Some clinics use the words "FDA approved" near their PRP offers.',
    ],
)
def test_approval_of_another_product_is_not_the_treatments_fda_status(
    tmp_path: Path, site_config: Path, other: str
) -> None:
    write(tmp_path / "prp.md", "# PRP\n\nPRP is not FDA-approved for knee pain.\n")
    write(tmp_path / "how.md", f"# How PRP is prepared\n\n{other}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config) if f.rule == "fda-status"] == []
    # The treatment called approved is still reported.
    write(tmp_path / "faq.md", "# PRP questions\n\nPRP is FDA-approved.\n")
    findings = _consistency_findings(tmp_path, site_config)
    assert sorted(Path(f.path).name for f in findings if f.rule == "fda-status") == ["faq.md", "prp.md"]


@pytest.mark.parametrize(
    "often",
    [
        "Physiotherapy usually means one session a week for six weeks.",
        "Plan for two sessions per week at first.",
        "We see most patients for one session every other week.",
        "Expect one session weekly until the pain settles.",
    ],
)
def test_how_often_sessions_are_given_is_not_how_many(tmp_path: Path, site_config: Path, often: str) -> None:
    write(tmp_path / "physio.md", f"# Physiotherapy\n\n{often}\n")
    write(tmp_path / "plans.md", "# Physiotherapy plans\n\nMost patients need six sessions of physiotherapy.\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


def test_sessions_of_different_lengths_are_different_items(tmp_path: Path, site_config: Path) -> None:
    write(
        tmp_path / "physio.md",
        "# Physiotherapy\n\nA 30-minute physiotherapy session is $70 per session; "
        "a 60-minute session is $120 per session.\n",
    )
    write(tmp_path / "massage.md", "# Sports massage\n\nPhysio: $75 per 30 min session, $120 per one-hour session.\n")

    findings = _consistency_findings(tmp_path, site_config)

    # Each length is compared with the same length elsewhere.
    assert _pages_and_texts(findings) == [
        ("massage.md", "$75 per 30 min session"),
        ("physio.md", "$70 per session"),
    ]
    assert all(f.message.startswith("price per session (physiotherapy, 30 minutes): ") for f in findings)


@pytest.mark.parametrize(
    "page",
    [
        "# PRP\n\nAt our Austin clinic a PRP injection is $750 per injection; "
        "at our Denver clinic it is $800 per injection.\n",
        "# PRP\n\nPRP costs $750 per injection at our Austin clinic and $800 per injection at our Denver clinic.\n",
        "# PRP\n\nIn Austin, each PRP injection costs $750. In Denver, each PRP injection costs $800.\n",
        "# PRP\n\nOur Austin clinic is on South Congress. PRP costs $750 per injection.\n\n"
        "Our clinic in Denver is downtown. PRP costs $800 per injection.\n",
        "# PRP\n\n## Our Austin clinic\n\nPRP costs $750 per injection.\n\n"
        "## Our Denver clinic\n\nPRP costs $800 per injection.\n",
    ],
)
def test_prices_at_different_clinics_on_one_page_are_different_items(site_config: Path, page: str) -> None:
    findings = lint_text(page, "prp.md", config=load_config(site_config))
    assert [f.message for f in findings if f.category == "consistency"] == []


def test_a_clinics_price_is_compared_with_the_same_clinics_price_elsewhere(tmp_path: Path, site_config: Path) -> None:
    # One page per clinic: the place its heading names is each price's.
    write(tmp_path / "austin.md", "# PRP injections at our Austin clinic\n\nEach PRP injection costs $750.\n")
    write(tmp_path / "denver.html", "<h1>PRP in Denver</h1>\n<p>PRP costs $800 per injection.</p>\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []

    write(
        tmp_path / "prices.md",
        "# Prices\n\nAt our Austin clinic PRP is $900 per injection; at our Denver clinic, $800 per injection.\n",
    )

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [("austin.md", "injection costs $750"), ("prices.md", "$900 per injection")]
    assert all(f.message.startswith("price per injection (PRP, Austin): ") for f in findings)


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("prp.md", "# PRP\n\nWith image guidance the injection is $750; without guidance the injection is $600.\n"),
        ("prp.md", "# PRP\n\nPRP costs $600 per injection, or $750 per injection with ultrasound guidance.\n"),
        ("prp.md", "# PRP\n\nUltrasound-guided PRP is $750 per injection. Unguided PRP is $600 per injection.\n"),
        (
            "prp.md",
            "# PRP\n\nUnder ultrasound guidance PRP is $850 per injection. PRP alone costs $700 per injection.\n",
        ),
        ("prp.md", "# PRP\n\nA guided PRP injection is $850 per injection, and PRP costs $700 per injection.\n"),
        ("prp.md", "# PRP\n\n- With image guidance: $750 per injection\n- Without guidance: $600 per injection\n"),
        (
            "prp.html",
            "<h1>PRP</h1>\n<p>PRP with sedation is $900 per injection; "
            "without sedation it is $750 per injection.</p>\n",
        ),
        (
            "prp.html",
            "<h1>PRP</h1>\n<table><tr><th>Option</th><th>Price</th></tr>\n"
            "<tr><td>With ultrasound guidance</td><td>$750 per injection</td></tr>\n"
            "<tr><td>Without guidance</td><td>$600 per injection</td></tr></table>\n",
        ),
    ],
)
def test_prices_with_and_without_an_option_are_different_items(site_config: Path, name: str, page: str) -> None:
    findings = lint_text(page, name, config=load_config(site_config))
    assert [f.message for f in findings if f.category == "consistency"] == []


def test_a_price_with_an_option_is_compared_with_the_same_options_price_elsewhere(
    tmp_path: Path, site_config: Path
) -> None:
    write(
        tmp_path / "prp.md",
        "# PRP\n\n- With image guidance: $750 per injection\n- Without guidance: $600 per injection\n",
    )
    write(tmp_path / "faq.md", "# FAQ\n\nUltrasound-guided PRP costs $850 per injection.\n")
    write(tmp_path / "prices.md", "# Prices\n\nPRP costs $700 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    # The guided prices disagree; the plain price names neither option, and is compared with neither.
    assert _pages_and_texts(findings) == [("faq.md", "$850 per injection"), ("prp.md", "$750 per injection")]
    assert all(f.message.startswith("price per injection (PRP, with guidance): ") for f in findings)


def test_a_site_of_two_clinics_reports_its_contradictions_and_no_other(site_config: Path) -> None:
    # Two clinics' prices, with and without image guidance, members' prices, footnote marks, a question,
    # a testimonial and other clinics' prices beside five real contradictions.
    findings = _consistency_findings(FIXTURES / "site-clinics", site_config)

    assert sorted((Path(f.path).name, f.rule, f.text) for f in findings) == [
        ("austin.md", "price-per-treatment", "$750 per injection"),
        ("denver.html", "consultation-fee", "consultation: $150"),
        ("denver.html", "price-per-treatment", "$950 per injection"),
        ("faq.md", "consultation-fee", "consultation costs $200"),
        ("faq.md", "price-per-treatment", "$700 per injection"),
        ("faq.md", "price-per-treatment", "$900 per injection"),
        ("faq.md", "recovery-time", "a week of downtime"),
        ("index.md", "price-per-treatment", "start from $750 per injection"),
        ("index.md", "recovery-time", "back to work in 2 days"),
    ]
    assert all(r.path != f.path for f in findings for r in f.related)
    labels = {f.message.split(":")[0] for f in findings if f.rule != "recovery-time"}
    assert labels == {
        "price per injection (PRP, knee, Austin)",
        "price per injection (PRP, knee, with guidance, Denver)",
        "consultation fee (Denver)",
    }


def test_a_clinic_group_site_reports_its_planted_contradictions_and_no_other() -> None:
    # Three clinics over Hugo, Jekyll, HTML and Astro pages, with the site's own config: every
    # planted contradiction is reported on each page that takes part in it, and nothing else is.
    site = FIXTURES / "site-group"
    conflicts = yaml.safe_load((FIXTURES / "site-group-expected.yaml").read_text(encoding="utf-8"))["conflicts"]

    findings = lint_paths([site], config=load_config(site / ".medlint.yaml")).findings

    def page(path: str) -> str:
        return Path(path).resolve().relative_to(site.resolve()).as_posix()

    expected = sorted((p["file"], c["rule"], p["quote"]) for c in conflicts for p in c["pages"])
    assert sorted((page(f.path), f.rule, f.text) for f in findings) == expected
    for finding in findings:
        statement = {"file": page(finding.path), "quote": finding.text}
        [conflict] = [c for c in conflicts if c["rule"] == finding.rule and statement in c["pages"]]
        # It points only to statements of the same contradiction.
        assert {page(r.path) for r in finding.related} <= {p["file"] for p in conflict["pages"]}


def test_a_place_named_for_another_price_is_not_this_ones(tmp_path: Path, site_config: Path) -> None:
    # The place a price's own sentence names is that price's, not its paragraph's.
    write(
        tmp_path / "prp.md",
        "# PRP\n\nAt our Austin clinic PRP is $750 per injection. Denver patients pay $800 per injection.\n",
    )
    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []

    # A page per clinic whose words, not its heading, say which: each price is its clinic's.
    write(
        tmp_path / "prp.md", "# PRP injections\n\nOur Denver clinic opened in 2021.\n\nPRP costs $800 per injection.\n"
    )
    write(
        tmp_path / "prp-2.md",
        "# PRP injections\n\nOur Austin clinic opened in 2019.\n\nPRP costs $750 per injection.\n",
    )
    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


def test_on_a_site_of_one_clinic_a_page_naming_it_is_compared_with_the_rest(tmp_path: Path, site_config: Path) -> None:
    write(
        tmp_path / "about.md",
        "# About us\n\nVisit our Austin clinic on South Congress.\n\nPRP costs $800 per injection.\n",
    )
    write(tmp_path / "prices.md", "# Prices\n\nPRP costs $750 per injection.\n")
    # A price its own sentence gives one clinic is that clinic's, even on a site that names no other.
    write(tmp_path / "offers.md", "# Offers\n\nAt our Austin clinic PRP is $700 per injection this spring.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [("about.md", "$800 per injection"), ("prices.md", "$750 per injection")]


def test_a_from_price_naming_no_clinic_is_the_least_at_each(tmp_path: Path, site_config: Path) -> None:
    write(tmp_path / "index.md", "# PRP in Austin and Denver\n\nPRP injections from $750 per injection.\n")
    write(tmp_path / "denver.md", "# PRP at our Denver clinic\n\nPRP costs $700 per injection.\n")
    write(tmp_path / "austin.md", "# PRP at our Austin clinic\n\nPRP for the knee costs $800 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [("denver.md", "$700 per injection"), ("index.md", "from $750 per injection")]


@pytest.mark.parametrize(
    ("name", "page"),
    [
        (
            "prices.md",
            "# PRP prices\n\nPrices at our Austin clinic:\n\n- Knee: $750 per injection\n- Hip: $900 per injection\n\n"
            "Prices at our Denver clinic:\n\n- Knee: $800 per injection\n- Hip: $950 per injection\n",
        ),
        (
            "prices.html",
            "<h1>PRP prices</h1>\n<p>At our Austin clinic:</p>\n<table><tr><th>Area</th><th>Price</th></tr>"
            "<tr><td>Knee</td><td>$750 per injection</td></tr></table>\n<p>At our Denver clinic:</p>\n"
            "<table><tr><th>Area</th><th>Price</th></tr><tr><td>Knee</td><td>$800 per injection</td></tr></table>\n",
        ),
    ],
)
def test_a_price_list_is_the_clinics_its_introduction_names(
    tmp_path: Path, site_config: Path, name: str, page: str
) -> None:
    write(tmp_path / name, page)
    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []

    write(tmp_path / "faq.md", "# FAQ\n\nAt our Austin clinic PRP for the knee is $700 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [("faq.md", "$700 per injection"), (name, "$750 per injection")]


@pytest.mark.parametrize(
    ("name", "page"),
    [
        (
            "prices.md",
            "# PRP prices\n\n## Austin\n\n- Knee: $750 per injection\n- Hip: $900 per injection\n\n"
            "## Round Rock\n\n- Knee: $800 per injection\n- Hip: $950 per injection\n",
        ),
        (
            "prices.html",
            "<h1>PRP prices</h1>\n<h2>Austin</h2>\n<table><tr><th>Area</th><th>Price</th></tr>"
            "<tr><td>Knee</td><td>$750 per injection</td></tr></table>\n<h2>Round Rock</h2>\n"
            "<table><tr><th>Area</th><th>Price</th></tr><tr><td>Knee</td><td>$800 per injection</td></tr></table>\n",
        ),
        (
            "prices.md",
            "# PRP prices\n\nA knee injection is priced by clinic (Austin: $750 per injection, "
            "Round Rock: $800 per injection).\n",
        ),
        (
            "prices.md",
            "# PRP prices\n\nFor the knee, Austin patients pay $750 per injection.\n\n"
            "Round Rock patients pay $800 per injection for the knee.\n",
        ),
    ],
)
def test_the_clinics_the_config_names_are_places_wherever_a_page_names_them(
    tmp_path: Path, name: str, page: str
) -> None:
    # A bare "## Austin" cannot be told from "## Pricing" by its words: the config names the clinics.
    write(tmp_path / name, page)
    config = _config(tmp_path, locations=["Austin", "Round  Rock"])
    assert [f.message for f in _consistency_findings(tmp_path, config)] == []

    write(tmp_path / "faq.md", "# FAQ\n\nAt our Austin clinic PRP for the knee is $700 per injection.\n")

    findings = _consistency_findings(tmp_path, config)

    assert _pages_and_texts(findings) == [("faq.md", "$700 per injection"), (name, "$750 per injection")]
    assert all(f.message.startswith("price per injection (PRP, knee, Austin): ") for f in findings)


def test_a_clinics_name_is_read_as_the_config_writes_it(tmp_path: Path) -> None:
    write(
        tmp_path / "prices.md", "# Prices\n\n## Bath\n\nEach session costs $80.\n\n## York\n\nEach session costs $90.\n"
    )
    # "a warm bath" names no clinic: its price is no clinic's, and is weighed against no clinic's.
    write(tmp_path / "spa.md", "# Recovery\n\nAfter a warm bath, each session costs $70.\n")
    config = _config(tmp_path, locations=["Bath", "York"])
    assert [f.message for f in _consistency_findings(tmp_path, config)] == []

    write(tmp_path / "visit.md", "# Visit us\n\nA short walk from Bath Abbey, each session costs $70.\n")

    findings = _consistency_findings(tmp_path, config)

    assert _pages_and_texts(findings) == [("prices.md", "session costs $80"), ("visit.md", "session costs $70")]


@pytest.mark.parametrize(
    "page",
    [
        "# PRP prices\n\n## Austin\n\nPRP costs $750 per injection.\n\n## Denver\n\nPRP costs $800 per injection.\n",
        "# PRP prices\n\n## Austin, TX\n\n| Treatment | Price |\n| --- | --- |\n| PRP | $750 per injection |\n\n"
        "## Denver clinic\n\n| Treatment | Price |\n| --- | --- |\n| PRP | $800 per injection |\n",
        "# PRP prices\n\nEach clinic sets its own price (Austin: $750 per injection; Denver: $800 per injection).\n",
    ],
)
def test_a_bare_name_the_site_calls_a_clinic_elsewhere_is_that_clinics(tmp_path: Path, page: str) -> None:
    # No list in the config: the clinics' own pages say "our Austin clinic", so "Austin" is a place.
    write(tmp_path / "austin.md", "# PRP at our Austin clinic\n\nPRP costs $750 per injection.\n")
    write(tmp_path / "denver.md", "# PRP at our Denver clinic\n\nPRP costs $800 per injection.\n")
    write(tmp_path / "prices.md", page)
    config = _config(tmp_path)
    assert [f.message for f in _consistency_findings(tmp_path, config)] == []

    write(tmp_path / "denver.md", "# PRP at our Denver clinic\n\nPRP costs $850 per injection.\n")

    findings = _consistency_findings(tmp_path, config)

    assert _pages_and_texts(findings) == [
        ("denver.md", "$850 per injection"),
        ("prices.md", "$800 per injection"),
    ]
    assert all(f.message.startswith("price per injection (PRP, Denver): ") for f in findings)


@pytest.mark.parametrize(
    "sentence",
    [
        "A knee injection is priced by clinic (Austin: $700 per injection, Denver: $850 per injection).",
        "For the knee, PRP costs $700 per injection in Austin and $850 per injection in Denver.",
    ],
)
def test_the_item_a_sentence_names_before_its_prices_is_each_ones(
    tmp_path: Path, run_cli: RunCli, sentence: str
) -> None:
    prices = write(tmp_path / "site" / "prices.md", f"# PRP prices\n\n{sentence}\n")
    write(
        tmp_path / "site" / "faq.md",
        "# FAQ\n\nAt our Denver clinic PRP for the knee is $800 per injection.\n\n"
        "At our Denver clinic PRP for the hip is $850 per injection.\n",
    )
    config = _config(tmp_path, locations=["Austin", "Denver"])

    site = str(tmp_path / "site")
    result = run_cli("check", "--config", str(config), "--format", "json", "--site", site, str(prices))

    # Denver's knee price disagrees with the FAQ's; its hip price, the same amount, is another item's.
    assert [(f["text"], f["message"].split(": ")[0]) for f in _json(result)] == [
        ("$850 per injection", "price per injection (PRP, knee, Denver)")
    ]


@pytest.mark.parametrize("locations", [["Austin", "Denver"], None])
@pytest.mark.parametrize("joint", [" for the knee", ""])
def test_a_list_item_named_by_its_clinic_prices_what_its_words_name(
    tmp_path: Path, run_cli: RunCli, locations: list[str] | None, joint: str
) -> None:
    # The label is the clinic, not the item: the knee after the price is the item, as on the clinics' pages.
    prices = write(
        tmp_path / "site" / "prices.md",
        f"# PRP prices\n\n- Austin: $700 per injection{joint}\n- Denver: $850 per injection{joint}\n",
    )
    for clinic, amount in (("Austin", 700), ("Denver", 800)):
        write(
            tmp_path / "site" / f"{clinic.lower()}.md",
            f"# PRP at our {clinic} clinic\n\nPRP{joint} is ${amount} per injection.\n",
        )
    config = _config(tmp_path, **({"locations": locations} if locations else {}))

    site = str(tmp_path / "site")
    result = run_cli("check", "--config", str(config), "--format", "json", "--site", site, str(prices))

    item = "knee, " if joint else ""
    assert [(f["text"], f["message"].split(": ")[0]) for f in _json(result)] == [
        ("$850 per injection", f"price per injection (PRP, {item}Denver)")
    ]


@pytest.mark.parametrize(
    ("locations", "page"),
    [
        (
            ["Austin", "Denver"],
            "# PRP\n\n| Clinic | Price |\n| --- | --- |\n"
            "| PRP Prices Austin | $750 per injection |\n| PRP Prices Denver | $850 per injection |\n",
        ),
        (None, "# PRP\n\n- PRP Prices Austin: $750 per injection\n- PRP Prices Denver: $850 per injection\n"),
        (None, "# PRP\n\nPRP Prices Austin: $750 per injection\n\nPRP Prices Denver: $850 per injection\n"),
    ],
)
def test_a_label_that_ends_in_a_clinics_name_is_that_clinics_price(
    tmp_path: Path, run_cli: RunCli, locations: list[str] | None, page: str
) -> None:
    prices = write(tmp_path / "site" / "prices.md", page)
    for clinic, amount in (("Austin", 750), ("Denver", 800)):
        write(
            tmp_path / "site" / f"{clinic.lower()}.md",
            f"# PRP at our {clinic} clinic\n\nPRP is ${amount} per injection.\n",
        )
    config = _config(tmp_path, **({"locations": locations} if locations else {}))

    site = str(tmp_path / "site")
    result = run_cli("check", "--config", str(config), "--format", "json", "--site", site, str(prices))

    assert [(f["text"], f["message"].split(": ")[0]) for f in _json(result)] == [
        ("$850 per injection", "price per injection (PRP, Denver)")
    ]


def test_a_bare_heading_the_site_calls_no_clinic_leaves_its_prices_compared(tmp_path: Path) -> None:
    write(tmp_path / "austin.md", "# PRP at our Austin clinic\n\nPRP costs $750 per injection.\n")
    write(
        tmp_path / "prices.md",
        "# PRP\n\n## Pricing\n\nPRP costs $750 per injection.\n\n## Aftercare\n\nPRP costs $800 per injection.\n",
    )

    findings = _consistency_findings(tmp_path, _config(tmp_path))

    assert _pages_and_texts(findings) == [
        ("austin.md", "$750 per injection"),
        ("prices.md", "$750 per injection"),
        ("prices.md", "$800 per injection"),
    ]


def test_approved_facts_can_be_given_per_clinic(tmp_path: Path) -> None:
    write(tmp_path / "austin.md", "# PRP at our Austin clinic\n\nPRP costs $750 per injection. Consultation: $150.\n")
    write(tmp_path / "denver.md", "# PRP at our Denver clinic\n\nPRP costs $800 per injection. Consultation: $150.\n")
    write(tmp_path / "prp.md", "# PRP\n\nPRP costs $750 per injection.\n")
    facts = {
        # The site's PRP price, except at Denver; a consultation fee per clinic.
        "price-per-treatment": {"PRP": "$750", "Denver": {"PRP": "$800"}},
        "consultation-fee": {"Austin": "$150", "Denver": "$200"},
    }
    config = _config(tmp_path, locations=["Austin", "Denver"], facts=facts)

    findings = _consistency_findings(tmp_path, config)

    [fee] = findings
    assert (Path(fee.path).name, fee.text, fee.suggestions[0]) == (
        "denver.md",
        "Consultation: $150",
        "Consultation: $200",
    )
    assert fee.message.startswith("consultation fee (Denver): 'Consultation: $150' here, but the approved facts say")


@pytest.mark.parametrize(
    ("facts", "problem"),
    [
        (
            {"price-per-treatment": {"Dallas": {"PRP": "$1"}}},
            "facts: price-per-treatment: 'Dallas' is given values of its own, as only a clinic the config's "
            "locations name can be (locations: Austin, Denver)",
        ),
        ({"price-per-treatment": {"Denver": {"PRP": "cheap"}}}, "price-per-treatment: Denver: cannot read 'cheap'"),
        ({"price-per-treatment": {"Denver": {"stem cels": "$1"}}}, "'stem cels' is not a subject of the slot; did"),
        ({"price-per-treatment": {"Denver": {"PRP": ["$1"]}}}, "price-per-treatment: Denver: each value must be a"),
    ],
)
def test_bad_per_clinic_facts_are_one_line_config_errors(
    tmp_path: Path, run_cli: RunCli, facts: object, problem: str
) -> None:
    config = _config(tmp_path, locations=["Austin", "Denver"], facts=facts)
    page = write(tmp_path / "page.md", "PRP costs $900 per injection.\n")
    result = run_cli("check", "--config", str(config), str(page))
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"medlint: error: {config}: ") and problem in line


@pytest.mark.parametrize(
    ("name", "page"),
    [
        (
            "prices.md",
            "# Prices\n\n## Austin\n\n### PRP\n\nPRP costs $750 per injection.\n\n"
            "## At every clinic\n\nStem cell injections cost $2,400 per injection.\n",
        ),
        (
            "prices.html",
            "<h1>Prices</h1>\n<h2><a href='/austin/'>Austin</a></h2>\n<h3>PRP</h3>\n"
            "<p>PRP costs $750 per injection.</p>\n"
            "<h2>At every clinic</h2>\n<p>Stem cell injections cost $2,400 per injection.</p>\n",
        ),
        (
            "prices.md",
            "Prices\n======\n\nAustin\n------\n\n### PRP\n\nPRP costs $750 per injection.\n\n"
            "At every clinic\n---------------\n\nStem cell injections cost $2,400 per injection.\n",
        ),
    ],
)
def test_a_clinics_section_ends_at_the_next_heading_of_its_level(tmp_path: Path, name: str, page: str) -> None:
    write(tmp_path / name, page)
    write(tmp_path / "faq.md", "# FAQ\n\nAt our Austin clinic PRP costs $800 per injection.\n")
    write(tmp_path / "stem-cells.md", "# Stem cells\n\nStem cell injections cost $2,600 per injection.\n")
    config = _config(tmp_path, locations=["Austin", "Denver"])

    findings = _consistency_findings(tmp_path, config)

    # "### PRP" is in Austin's section; "## At every clinic" is not, and its price is no one clinic's.
    assert _pages_and_texts(findings) == [
        ("faq.md", "$800 per injection"),
        (name, "$2,400 per injection"),
        (name, "$750 per injection"),
        ("stem-cells.md", "$2,600 per injection"),
    ]


@pytest.mark.parametrize(
    ("locations", "problem"),
    [
        (5, "'locations' must be a list of the site's clinics' names"),
        (["Austin", "  "], "locations: '  ' is not a place's name"),
        (["Austin", "austin"], "locations: 'austin' is given twice"),
    ],
)
def test_bad_location_names_are_one_line_config_errors(
    tmp_path: Path, run_cli: RunCli, locations: object, problem: str
) -> None:
    config = _config(tmp_path, locations=locations)
    page = write(tmp_path / "page.md", "PRP costs $900 per injection.\n")
    result = run_cli("check", "--config", str(config), str(page))
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"medlint: error: {config}: ") and problem in line


def test_a_location_pattern_without_its_group_is_a_rule_error(tmp_path: Path, run_cli: RunCli) -> None:
    write(
        tmp_path / "prices.yaml",
        "rules:\n  - id: clinic-price\n    kind: fact\n    category: consistency\n    message: x\n"
        "    normalise: money\n    patterns: ['(?P<value>[$]\\d+) per visit']\n"
        "    locations: ['at our \\w+ clinic']\n",
    )
    config = write(tmp_path / "only.yaml", "builtin_rules: false\nrules: [prices.yaml]\n")
    write(tmp_path / "page.md", "A visit is $80 per visit.\n")

    result = run_cli("check", "--config", str(config), str(tmp_path / "page.md"))

    assert result.exit_code == 2
    assert "rule 'clinic-price'" in result.output and "(?P<location>...)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "page",
    [
        "# Knee Pain Relief in Minutes\n\nPRP costs $750 per injection.\n",
        "# PRP Prices in Detail\n\nPRP costs $750 per injection.\n",
        "# PRP\n\nPRP costs $750 per injection in March.\n",
        "# PRP\n\nPRP costs $750 per injection in Austin and Denver.\n",
        "# PRP\n\nPRP costs $750 per injection at our main clinic.\n",
    ],
)
def test_words_that_name_no_one_clinic_leave_a_price_compared(tmp_path: Path, site_config: Path, page: str) -> None:
    write(tmp_path / "offer.md", page)
    write(tmp_path / "prp.md", "# PRP\n\nPRP costs $800 per injection.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert _pages_and_texts(findings) == [("offer.md", "$750 per injection"), ("prp.md", "$800 per injection")]


@pytest.mark.parametrize(
    "add_on",
    [
        "Ultrasound guidance adds $100 per injection.",
        "Image guidance is an extra $100 per injection.",
        "Guidance costs an additional $100 per injection.",
        "Add-on: $100 per injection for ultrasound guidance.",
    ],
)
def test_an_add_ons_price_is_not_the_treatments(tmp_path: Path, site_config: Path, add_on: str) -> None:
    write(tmp_path / "prp.md", f"# PRP\n\nPRP costs $750 per injection. {add_on}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


@pytest.mark.parametrize(
    ("name", "page"),
    [
        (
            "packages.md",
            "# PRP packages\n\n| Package | Price |\n| --- | --- |\n| 3 sessions | $1,800 |\n| 6 sessions | $3,200 |\n",
        ),
        ("packages.md", "# PRP packages\n\n- 3 sessions: $1,800\n- 6 sessions \u2013 $3,200\n"),
        (
            "packages.html",
            '<h1>PRP</h1>\n<div class="card"><h3>Single injection</h3><p class="price">$750</p></div>\n'
            '<div class="card"><h3>Three sessions</h3><p class="price">$1,950</p></div>\n',
        ),
    ],
)
def test_a_count_of_sessions_priced_is_what_the_price_buys_not_how_many_are_needed(
    tmp_path: Path, site_config: Path, name: str, page: str
) -> None:
    write(tmp_path / "prp.md", "# PRP\n\nMost patients need two sessions.\n")
    write(tmp_path / name, page)

    assert [f.message for f in _consistency_findings(tmp_path, site_config) if f.rule == "number-of-sessions"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Hyaluronic acid gel injections are $400 per injection, while PRP is $750 per injection.",
        "Sports massage is $90 per session and PRP is $750 per session.",
        "Shockwave therapy costs $150 per session; PRP costs $750 per session.",
        "Acupuncture is $80 per session, and PRP is $750 per session.",
    ],
)
def test_a_price_of_another_treatment_named_before_prp_is_not_prps(
    tmp_path: Path, site_config: Path, sentence: str
) -> None:
    write(tmp_path / "options.md", f"# Your options\n\n{sentence}\n")

    assert [f.message for f in _consistency_findings(tmp_path, site_config)] == []


@pytest.mark.parametrize(
    ("name", "page"),
    [
        (
            "denver.html",
            "<h1>Denver clinic</h1>\n<p>PRP costs $750 per injection at our Denver clinic.</p>\n"
            "<ul><li>Knee: $850 per injection</li><li>Elbow: $600 per injection</li></ul>\n"
            "<p>Stem cell therapy: one session is usually enough.</p>\n",
        ),
        (
            "denver.md",
            "# Denver clinic\n\nOur PRP prices:\n\n| Joint | Price |\n| --- | --- |\n| Knee | $850 per injection |\n\n"
            "Stem cell therapy is also offered here.\n",
        ),
    ],
)
def test_a_price_list_is_about_the_treatment_the_paragraph_before_it_names(
    tmp_path: Path, site_config: Path, name: str, page: str
) -> None:
    # The page names PRP and stem cells once each: no treatment is its main one, but the list's is PRP.
    write(tmp_path / name, page)
    write(tmp_path / "prices.md", "# PRP prices\n\nA knee injection costs $750.\n")

    findings = _consistency_findings(tmp_path, site_config)

    assert sorted(Path(f.path).name for f in findings) == sorted([name, "prices.md"])
    assert all(f.message.startswith("price per injection (PRP, knee): ") for f in findings)


def test_laser_and_oxygen_chamber_courses_are_counted_apart(tmp_path: Path) -> None:
    write(tmp_path / "laser.md", "# Laser hair removal\n\nMost people need six sessions of laser hair removal.\n")
    write(tmp_path / "hbot.md", "# Hyperbaric oxygen\n\nMost people have 20 sessions of HBOT.\n")
    result = lint_paths([tmp_path / "laser.md", tmp_path / "hbot.md"])
    assert [f for f in result.findings if f.rule == "number-of-sessions"] == []


def test_the_second_number_of_a_range_is_not_a_count_of_its_own() -> None:
    page = "After six sessions most people see less hair. A course of six to eight sessions is usual.\n"
    assert [f for f in lint_text(page) if f.rule == "number-of-sessions"] == []


def test_a_page_stating_no_fact_is_not_searched_for_the_facts_subjects(tmp_path: Path, run_cli: RunCli) -> None:
    # Only a statement is placed under a subject: a page stating no price is not read for the treatments
    # it names. Here reading them would take the subjects pattern's whole time budget (it backtracks
    # without end).
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: tonic-price
            kind: fact
            category: consistency
            message: m
            fact: price
            normalise: money
            patterns: ['(?P<value>\\$\\d+)']
            subjects: {tonic: {patterns: ['(a|a)+(?=c)b']}}
        """,
    )
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = write(tmp_path / "page.md", "A tonic " + "a" * 40 + "b, priced on request.\n")

    result = run_cli("check", "--format", "json", str(page))

    assert json.loads(result.stdout)["findings"] == []
    assert "stopped" not in result.stderr
