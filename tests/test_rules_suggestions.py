"""Suggestions are drop-in rewrites of what a rule matched.

``medlint fix --interactive`` puts a suggestion in place of the matched words
(in their case), or, when the suggestion is a sentence of its own, in place of
the sentence that holds them; a ``requires`` rule's suggestion is a statement
added after the claim. So for every built-in rule with suggestions and every
bad example, putting in the first suggestion for the first finding, the way
the session does, must leave a text the rule no longer reports there: the
suggestion neither repeats the claim nor leaves the rest of it behind. The
session leaves out a phrase that cannot follow the word before the match
("will may help"), so the first suggestion it offers is the one put in.
"""

from __future__ import annotations

import pytest

from medlint import lint_text
from medlint.findings import Finding, Fix
from medlint.fixer import apply_fixes
from medlint.formats import parse_document
from medlint.interactive import choices_for, wording_fix
from medlint.rule_loader import builtin_rules_dir, load_rules
from medlint.rule_tests import EXAMPLE_PATH, findings_for
from medlint.ruleset import Rule

BUILTIN = load_rules([builtin_rules_dir()])

# Rules whose first suggestion cannot replace the claim in a bad example, and why. None so far:
# each rule's first suggestion fits every bad example of the rule.
EXEMPT: dict[str, str] = {}


def _suggested(rule: Rule) -> bool:
    return rule.id not in EXEMPT and any(f.suggestions for t in rule.examples.bad for f in findings_for(rule, t))


RULES = [r for r in BUILTIN if _suggested(r)]


def first_suggestion_fix(rule: Rule, text: str, finding: Finding) -> Fix:
    """The edit the interactive session makes when the writer picks the first suggestion it offers.

    A phrase that cannot follow the words before the match is not offered; at least one suggestion must be.
    """
    document = parse_document(EXAMPLE_PATH, text, "text")
    offered = [wording_fix(document, finding, s, adds=rule.kind == "requires") for s in finding.suggestions]
    fixes = [fix for fix in offered if isinstance(fix, Fix)]
    assert fixes, f"{rule.id}: no suggestion is offered for {finding.text!r} in {text!r}: {offered}"
    return fixes[0]


def rewrite(rule: Rule, text: str, finding: Finding) -> tuple[str, int, int]:
    """``text`` with the first suggestion put in; and where the new words stand."""
    fix = first_suggestion_fix(rule, text, finding)
    rewritten = text[: fix.start] + fix.replacement + text[fix.end :]
    return rewritten, fix.start, fix.start + len(fix.replacement)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_first_suggestion_replaces_the_claim_in_every_bad_example(rule: Rule) -> None:
    problems = []
    for text in rule.examples.bad:
        findings = [f for f in findings_for(rule, text) if f.suggestions]
        if not findings:
            continue
        rewritten, start, end = rewrite(rule, text, findings[0])
        again = findings_for(rule, rewritten)
        still = [f.text for f in again if f.start < end and start < f.end]
        if still or len(again) >= len(findings_for(rule, text)):
            problems.append(f"{text!r} -> {rewritten!r}: still reported {[f.text for f in again]}")
    assert problems == [], f"{rule.id}: the first suggestion does not replace the claim:\n" + "\n".join(problems)


def test_every_rule_with_suggestions_is_checked() -> None:
    with_suggestions = {r.id for r in BUILTIN if r.suggestions}
    checked = {r.id for r in RULES} | set(EXEMPT)
    assert with_suggestions <= checked, sorted(with_suggestions - checked)
    assert len(RULES) >= 40


def test_suggestions_fit_where_they_are_offered() -> None:
    """Spot checks of whole rewritten sentences, as a writer would see them."""
    by_id = {r.id: r for r in BUILTIN}
    cases = {
        ("sperm-cells", "It has been discovered that sperm cells have a large potential to treat back pain."): (
            "It has been discovered that stem cells have a large potential to treat back pain."
        ),
        # A clause-level claim gets a sentence, which replaces the sentence that holds it.
        ("comparative-superiority", "Our injections work better than any medication on the market."): (
            "It has not been compared directly with other treatments, so we cannot say it is better or safer."
        ),
        # A word-level claim gets words that read in its place.
        ("pain-free-claim", "95% of our patients are pain-free after a single injection."): (
            "95% of our patients report less pain after a single injection."
        ),
        ("surgical-injection", "The treatment is a quick surgical injection done in our office."): (
            "The treatment is an injection done in our office."
        ),
        ("cure-claim", "A single PRP session will cure your sciatica."): (
            "A single PRP session may ease the symptoms of your sciatica."
        ),
        # The rewrite names no condition the page is not about.
        ("anyone-candidate", "Everyone can benefit from an IV drip, whether you are an athlete or a busy parent."): (
            "Some people may be candidates; your clinician will assess whether it suits you."
        ),
        # The intensifier goes with the word it intensifies.
        ("non-invasive-vs-needle", "Our completely non-invasive treatment takes an hour. A needle is used."): (
            "Our minimally invasive treatment takes an hour. A needle is used."
        ),
        # A disease's name has no drop-in replacement: the sentence goes.
        (
            "unapproved-disease-claim",
            "Our stem cell clinic welcomes you. Ask us about our neuropathy and COPD protocols.",
        ): ("Our stem cell clinic welcomes you. Stem cell treatment is not approved for this condition."),
        (
            "unapproved-disease-claim",
            "Stem cells are an attractive option for treating cancer and multiple sclerosis.",
        ): ("Stem cell treatment is not approved for these diseases; some are being studied in clinical trials."),
        # Ageing is not degeneration: "may ease symptoms of degeneration" would change what the page is about.
        ("reverse-condition", "Testosterone therapy reverses aging in men over 40."): (
            "It has not been shown to reverse aging."
        ),
        # The phrase keeps the tense of the verb it replaces.
        ("rapid-weight-loss", "I lost 30 pounds in 30 days without changing my diet!"): (
            "I lost weight gradually without changing my diet!"
        ),
        ("rapid-weight-loss", "She loses 10 pounds in 2 weeks on the plan."): "She loses weight gradually on the plan.",
        # An acronym's capitals are not the sentence's.
        ("iv-infusion", "Our IV stem cell infusions reach every joint."): "Our local injections reach every joint.",
        # A figure has no case: the rewrite of a match that opens with one is capitalised where it opens a sentence.
        ("invisible-device", "100% invisible hearing aids, fitted by our audiologists."): (
            "Discreet hearing aids, fitted by our audiologists."
        ),
        ("invisible-device", "Our hearing aids are 100% invisible."): "Our hearing aids are discreet.",
        # The rewrite names no drug the page is not about: tirzepatide is not semaglutide.
        ("compounded-glp1-as-brand", "Our tirzepatide is just as effective as Zepbound."): (
            "This compounded medicine is not FDA-approved, has not been reviewed by the FDA for safety,"
            " effectiveness or quality, and is not a generic version of any brand-name medicine."
        ),
        # A drip was never studied in animals, nor is it a peptide: the rewrite claims no research about the product.
        ("accelerated-healing", "Our recovery drip speeds up muscle recovery after every workout."): (
            "There is no good evidence that this speeds healing or recovery; how quickly an injury or wound heals"
            " varies from person to person."
        ),
        # Nor what the product contains (a zinc shot holds no vitamin C) or treats (a supplement treats nothing).
        ("immune-boost", "Zinc shots supercharge your immunity."): (
            "There is no good evidence that this treatment boosts immunity in healthy people."
        ),
        # Nor a drip or shot where the page sells an adjustment.
        ("immune-boost", "Regular adjustments boost your immune system."): (
            "There is no good evidence that this treatment boosts immunity in healthy people."
        ),
        # Nor menopause treatment where the page sells a supplement.
        ("hormone-balance", "Our supplements balance your hormones naturally."): (
            "No supplement or medicine has been shown to 'balance' hormones in general; if you have symptoms, your"
            " doctor can check your hormone levels with a blood test."
        ),
    }
    for (rule_id, text), expected in cases.items():
        rule = by_id[rule_id]
        finding = findings_for(rule, text)[0]
        if finding.fix is not None:
            assert text[: finding.fix.start] + finding.fix.replacement + text[finding.fix.end :] == expected
        else:
            assert rewrite(rule, text, finding)[0] == expected


def offered(rule_id: str, text: str) -> list[str]:
    """``text`` as each choice ``fix -i`` offers for the rule's first finding leaves it."""
    rule = next(r for r in BUILTIN if r.id == rule_id)
    document = parse_document(EXAMPLE_PATH, text, "text")
    choices, _notes = choices_for(document, findings_for(rule, text)[0])
    return [apply_fixes(text, [choice.fix]) for choice in choices]


def test_phrases_read_in_every_form_of_the_match_and_claim_nothing_new() -> None:
    # "cure" after a plural is the verb: the noun's phrase does not fit it.
    assert offered("cure-claim", "Our injections cure arthritis.") == [
        "It may ease symptoms for some patients, but it is not a cure."
    ]
    assert "Finally, a possible treatment for knee pain." in offered("cure-claim", "Finally, a cure for knee pain.")
    # After "there are" as after "and": a plural, and no claim that the risk is small.
    assert "Most patients love it; there are possible side effects." in offered(
        "no-side-effects", "Most patients love it; there are no side effects."
    )
    # The clinic cannot know that many patients see less change.
    assert offered("typical-testimonial", "Mark is pain-free, and so will you.") == [
        "Mark is pain-free, and individual results vary.",
        "Mark is pain-free, and your results may differ.",
        "This is one patient's experience; individual results vary.",
    ]


def test_a_clinic_called_the_best_is_offered_wording_about_a_clinic() -> None:
    # "We are the best clinic in the state" once became "We can be one option among several in the state".
    [finding] = [
        f for f in lint_text("We are the best clinic in the state.\n", "about.md") if f.rule == "superlative-claim"
    ]
    assert finding.suggestions == (
        "Ask us how often we carry out this treatment and what results our patients have had.",
    )
    [treatment] = [
        f for f in lint_text("PRP is the best treatment for sciatica.\n", "prp.md") if f.rule == "superlative-claim"
    ]
    assert "can be one option among several" in treatment.suggestions


def test_a_denied_allergic_reaction_is_offered_wording_about_allergic_reactions() -> None:
    text = "PRP uses your own blood, so there is no risk of an allergic reaction.\n"
    [finding] = [f for f in lint_text(text, "prp.md") if f.rule == "no-rejection"]
    assert "a low risk of an allergic reaction" in finding.suggestions


def test_every_conditional_suggestion_is_offered_for_a_bad_example_of_its_rule() -> None:
    # `medlint explain` names the claims a suggestion with a `when` replaces from the rule's bad
    # examples: without one, a writer is told only "some forms of the claim", and the wording may be
    # offered nowhere at all (a `when` no match of the rule can hold).
    missing = [
        f"{rule.id}: {wording!r}"
        for rule in BUILTIN
        for wording, _when in rule.suggestion_conditions
        if not any(wording in f.suggestions for text in rule.examples.bad for f in findings_for(rule, text))
    ]
    assert missing == []


@pytest.mark.parametrize("text", ["Our hearing aids are FDA approved.\n", "Our dental implants are FDA approved.\n"])
def test_a_cleared_device_called_approved_is_offered_cleared_wording_not_a_denial(text: str) -> None:
    # Most hearing aids and dental implants reach the market by 510(k) clearance: "are not approved by
    # the FDA" would be as false as the claim, and drops that the device is regulated at all.
    findings = [f for f in lint_text(text, "devices.md") if f.category == "regulatory"]
    assert [f.rule for f in findings] == ["fda-status-as-proof"]
    wordings = findings[0].suggestions
    assert "are FDA-cleared for specific uses, and results vary from person to person" in wordings
    assert not any("not approved" in w for w in wordings)
    # The sentence offered speaks of the devices, as the page does.
    assert wordings[0].startswith("They are FDA-cleared") and "they will work" in wordings[0]


def test_a_drip_said_to_reverse_diabetes_is_offered_no_benefit_to_blood_sugar() -> None:
    # "Our IV drip may help improve blood sugar control for some people" was offered in place of
    # "reverses diabetes": a benefit no drip has shown, claimed anew by the rewrite.
    [finding] = [
        f for f in lint_text("Our IV drip reverses diabetes.\n", "drips.md") if f.rule == "reverse-metabolic-disease"
    ]
    assert finding.suggestions[0] == "has not been shown to reverse diabetes"
    assert not any("improve blood sugar" in s or "as they lose weight" in s for s in finding.suggestions)


@pytest.mark.parametrize(
    "text", ["Our breast implants are FDA approved.\n", "Cochlear implants are approved by the FDA.\n"]
)
def test_an_approved_device_named_without_a_use_is_offered_its_use_not_a_denial(text: str) -> None:
    # Breast and cochlear implants are approved (premarket approval) for named uses: "are not approved by the
    # FDA" would be false, and the claim's fault is the missing use.
    findings = [f for f in lint_text(text, "devices.md") if f.category == "regulatory"]
    assert [f.rule for f in findings] == ["fda-approval-without-use"]
    assert any("FDA-approved for specific uses" in w for w in findings[0].suggestions)
    assert not any("not approved" in w for w in findings[0].suggestions)
