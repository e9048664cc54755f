"""Every built-in rule's examples run: each bad text triggers the rule, each good text does not.

Parametrized by rule id, so a failure names the rule. The same check is what
``medlint test-rules`` runs for a website's own rule files.
"""

from __future__ import annotations

import pytest

from medlint.checks.facts import FactCheck
from medlint.rule_loader import builtin_rules_dir, load_rules
from medlint.rule_tests import findings_for
from medlint.ruleset import Rule

BUILTIN = load_rules([builtin_rules_dir()])
# The packs of health-claim rules; each must have examples both ways.
CLAIM_PACKS = ("claims", "evidence", "regenerative", "spine", "editorial", "wellness")


def _ids(rules: list[Rule]) -> list[str]:
    return [r.id for r in rules]


# A rule with no bad example would pass the test below having checked nothing.
WITH_BAD_EXAMPLES = [r for r in BUILTIN if r.examples.bad]


@pytest.mark.parametrize("rule", WITH_BAD_EXAMPLES, ids=_ids(WITH_BAD_EXAMPLES))
def test_bad_examples_are_reported(rule: Rule) -> None:
    for text in rule.examples.bad:
        assert findings_for(rule, text), f"{rule.id}: bad example not reported: {text!r}"


def test_only_rules_that_compare_pages_with_other_pages_have_no_bad_example() -> None:
    """An example is one page: a fact rule that never compares a page with itself has nothing to
    report in it. Every other rule shows what it reports."""
    without = [r.id for r in BUILTIN if not r.examples.bad]
    other_pages_only = [r.id for r in BUILTIN if isinstance(r.check, FactCheck) and not r.check.same_page]
    assert without == other_pages_only


@pytest.mark.parametrize("rule", list(BUILTIN), ids=_ids(list(BUILTIN)))
def test_good_examples_are_not_reported(rule: Rule) -> None:
    for text in rule.examples.good:
        reported = [f.text for f in findings_for(rule, text)]
        assert reported == [], f"{rule.id}: good example reported {reported}: {text!r}"


@pytest.mark.parametrize("pack", CLAIM_PACKS)
def test_each_pack_is_a_file_selectable_by_name(pack: str) -> None:
    assert (builtin_rules_dir() / f"{pack}.yaml").is_file()
    members = {r.id for r in BUILTIN if r.pack == pack}
    assert len(members) >= 4
    assert members <= {r.id for r in BUILTIN.select([pack])}


CLAIM_RULES = [r for r in BUILTIN if r.pack in CLAIM_PACKS]
# Rules whose remedy no wording can replace the match with (suggestions are drop-in
# rewrites of the match): the message says what to do instead.
NO_REWRITE = {
    "unsourced-statistic": "the figure needs a source, not other words",
    "named-study-unreferenced": "the study needs a reference, not other words",
    "repeated-heading": "the duplicate heading is to be removed",
    "cut-off-sentence": "only the writer knows how the sentence ends",
}


@pytest.mark.parametrize("rule", CLAIM_RULES, ids=_ids(CLAIM_RULES))
def test_claim_rules_are_complete(rule: Rule) -> None:
    """Each rule tells the writer what is wrong, why, what to write, and on what guidance."""
    assert rule.examples.bad and rule.examples.good, "needs bad and good examples"
    assert len(rule.rationale.split()) >= 15, "needs a rationale paragraph"
    if rule.id in NO_REWRITE:
        assert not rule.suggestions, f"no wording replaces the match ({NO_REWRITE[rule.id]})"
    else:
        assert rule.suggestions or rule.fixable or rule.kind == "substitution", "needs a suggestion"
    assert rule.references and all(r.url.startswith("https://") for r in rule.references), "needs references with URLs"
    assert "\n" not in rule.message


def test_safe_fixes_are_only_mechanical_substitutions() -> None:
    fixable = {r.id for r in BUILTIN if r.pack in CLAIM_PACKS and r.fixable}
    assert fixable == {
        "sperm-cells",
        "stem-plant",
        "stem-therapy",
        "non-invasive-injection",
        "non-invasive-injectable",
        "compass-encompass",
    }
