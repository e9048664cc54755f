"""Fresh copy in the style of clinic, dental, fertility, cosmetic, chiropractic, supplement and
regenerative-medicine pages: each overclaim is reported by its rule, and honest, hedged copy
(denials, questions, others' claims quoted) is not reported at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint import lint_text
from medlint.config import Config

OVERCLAIMS = [
    ("Our treatment regrows hair.", "regrow-tissue"),
    ("Our PRP scalp injections regrow thick, healthy hair in weeks.", "regrow-tissue"),
    ("Our hair growth shampoo reverses baldness.", "reverse-condition"),
    ("Our PRP hair treatment stops hair loss in its tracks.", "reverse-condition"),
    ("Egg freezing lets you stop your biological clock.", "promised-outcome"),
    ("Freeze your eggs now and have a baby whenever you are ready.", "promised-outcome"),
    ("Botox prevents wrinkles from ever forming.", "lasting-results"),
    ("CoolSculpting destroys fat cells, so the fat never comes back.", "lasting-results"),
    ("Chiropractic care can fix scoliosis without surgery.", "cure-claim"),
    ("Our Schroth exercise programme corrects your child's scoliosis in months.", "cure-claim"),
    ("Risk-free? Absolutely.", "risk-free"),
    ("Risk-free? No problem!", "risk-free"),
    ("Guaranteed results? Nothing less.", "guaranteed-results"),
    ("Stem cell therapy can regenerate a damaged heart.", "regrow-tissue"),
    ("Our remineralising toothpaste regenerates enamel in two weeks.", "regrow-tissue"),
    ("Exosome facials rewind your skin's age.", "regrow-tissue"),
    ("When you see that your pain is gone for good, you will thank us.", "eliminate-pain"),
    ("Invisalign gives you a perfect smile in just six months.", "promised-outcome"),
    ("Our veneers deliver a flawless Hollywood smile.", "promised-outcome"),
    ("Dental implants never fail at our practice.", "hundred-percent-effective"),
    ("Our hair transplant results look completely natural, every time.", "hundred-percent-effective"),
    ("Our chiropractors treat colic, asthma and ADHD.", "manipulation-disease-claim"),
    ("Gentle adjustments help babies with colic and reflux.", "manipulation-disease-claim"),
    ("Chiropractic care for ear infections, bedwetting and allergies.", "manipulation-disease-claim"),
    ("Ozone therapy kills cancer cells without chemotherapy.", "alternative-cancer-claim"),
    ("Our high-dose vitamin C drip shrinks tumours naturally.", "alternative-cancer-claim"),
    ("Our stem cell facelift makes surgery obsolete.", "no-more-treatment"),
    ("With our fertility protocol, age is no longer a barrier to pregnancy.", "promised-outcome"),
    ("Our gum disease laser treatment saves every tooth.", "works-for-everyone"),
    ("Chiropractic care realigns your spine and removes the root cause of disease.", "root-cause"),
    ("Fertility acupuncture doubles IVF success rates.", "unsourced-statistic"),
    ("Hyperbaric oxygen therapy heals autism.", "unproven-therapy-claim"),
    ("Our herbal tonic heals autism.", "cure-claim"),
    ("Our glutathione drip whitens skin permanently.", "skin-lightening-drip"),
    ("Our home kit whitens your teeth for good.", "lasting-results"),
    ("Our testosterone clinic restores the energy of your twenties.", "promised-outcome"),
    ("Hormone pellets prevent breast cancer.", "hormone-disease-prevention"),
    ("Book a risk-free PRP session today.", "risk-free"),
    ("The no side effects claim elsewhere is false; ours is true: there are no side effects.", "no-side-effects"),
    ("Keeps your teeth white for life.", "lasting-results"),
    ("Our lip filler keeps your lips full forever.", "lasting-results"),
    ("Your cheeks will stay lifted for life after one session.", "lasting-results"),
    ("Permanent hair removal with our diode laser.", "lasting-results"),
    ("Never wax your bikini line again.", "lasting-results"),
    ("Laser hair removal gets rid of unwanted hair forever.", "lasting-results"),
]

HONEST = [
    "Minoxidil may slow hair loss, and some people regrow some hair.",
    "Minoxidil can regrow hair in some men and women, and it is licensed for that use.",
    "Finasteride can slow hair loss in some men, but it does not reverse baldness in most.",
    "The idea that supplements regrow hair is a myth.",
    "Egg freezing does not stop your biological clock, but it may improve your chances later.",
    "Freezing your eggs may give you more options when you are ready to try for a baby.",
    "Can Botox prevent wrinkles? It may soften lines, but it will not stop new ones forming.",
    "Nothing can prevent wrinkles from ever forming; sunscreen and not smoking slow them.",
    "Surgery can correct severe scoliosis, and bracing can stop a curve getting worse in a growing child.",
    "Some websites say chiropractic care can fix scoliosis; the evidence does not support that.",
    "Risk-free? No treatment is.",
    "Guaranteed results? No honest clinic offers them.",
    "A cure for back pain? Sadly, there isn't one.",
    "No side effects? We can't promise that.",
    "The no side effects claim you read elsewhere is false.",
    'The "risk-free" label some clinics use is misleading.',
    '"Guaranteed results" are not realistic.',
    "Researchers are studying whether stem cells can regenerate a damaged heart.",
    "Enamel cannot regenerate once it is lost, but fluoride helps harden what remains.",
    "No cream can rewind your skin's age, but sunscreen slows further damage.",
    "If you read that stem cells cure arthritis, ask for the published trials.",
    "When you hear online that PRP is risk-free, remember that every injection carries risks.",
    "No dentist can give you a perfect smile, but we can show you what aligners may change.",
    "Implants fail in a small share of patients, more often in smokers.",
    "We use sterile instruments every time.",
    "Our success rates, published by the HFEA, are on our results page.",
    "We publish our IVF success rates by age group, as the HFEA requires.",
    "Chiropractic care may help some kinds of low back pain, but it is not a treatment for asthma or ear infections.",
    "Children with asthma can have chiropractic care for back pain.",
    "Small medication adjustments help control high blood pressure.",
    "Vitamin C drips do not treat cancer, and high doses can interfere with chemotherapy.",
    "Laboratory studies suggest curcumin may kill cancer cells in test tubes, but this has not been shown in people.",
    "We treat cancer patients with gentle drips to ease nausea.",
    "Keyhole techniques have made open surgery unnecessary for many patients.",
    "We try to save every tooth we can, but some need to come out.",
    '"Permanent results" is a phrase you will not see on our website.',
    "Claims of a 100% success rate should make you suspicious.",
    "Testosterone therapy does not reverse ageing, and it has risks.",
    "Wrinkles return as Botox wears off, usually after three to four months.",
    "Osteopathy for babies with colic has not been shown to work, so we do not offer it.",
    "Egg freezing is sometimes described as stopping the biological clock, which it does not do.",
    "Risk-free trial: cancel your membership within 14 days for a full refund.",
    "Whitening results can last a year or more, depending on what you eat and drink.",
    "Our laser is FDA-cleared for permanent hair reduction, which means fewer hairs grow back, not none.",
    "Electrolysis is a permanent hair removal method, but each follicle is treated one at a time.",
    "Filler does not keep your lips full forever; most people return after six to twelve months.",
    "Keep wearing your retainer to keep your teeth straight for life.",
]


@pytest.mark.parametrize(("text", "rule"), OVERCLAIMS)
def test_an_overclaim_is_reported_by_its_rule(text: str, rule: str) -> None:
    assert rule in {f.rule for f in lint_text(text)}


@pytest.mark.parametrize("text", HONEST)
def test_honest_copy_is_not_reported(text: str) -> None:
    assert [(f.rule, f.text) for f in lint_text(text)] == []


def test_a_full_question_answered_no_is_left_to_the_rules_questions_setting(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - {id: asks, category: efficacy, message: m, phrases: [miracle cure], negation: true}\n",
        encoding="utf-8",
    )
    config = Config(root=tmp_path, rules=(rules,), builtin_rules=False)
    assert [f.rule for f in lint_text("Is PRP a miracle cure? No.", config=config)] == ["asks"]
    assert lint_text("A miracle cure? No.", config=config) == []


def test_a_question_heading_answered_no_in_the_paragraph_below_is_not_a_claim() -> None:
    page = (
        "## Risk-free?\n\nNo injection is risk-free, but serious problems are rare.\n\n## Guaranteed results?\n\nYes.\n"
    )
    assert [(f.rule, f.line) for f in lint_text(page, "faq.md")] == [("guaranteed-results", 5)]


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("Permanent hair removal in six sessions.", "Permanent hair removal", "permanent hair reduction"),
        (
            "Never shave again after our laser course.",
            "Never shave again",
            "Laser treatment can reduce hair growth for the long term, but some hair grows back and most people"
            " need top-up sessions.",
        ),
        (
            "Our whitening keeps your smile bright forever.",
            "keeps your smile bright forever",
            "Results fade over time, and how long they last varies from person to person.",
        ),
        (
            "Freeze away stubborn fat for good with CoolSculpting.",
            "Freeze away stubborn fat for good",
            "Treatment can reduce a pocket of fat, but the fat that remains can grow if you gain weight.",
        ),
    ],
)
def test_a_cosmetic_result_kept_for_ever_gets_wording_about_that_treatment(
    text: str, span: str, suggestion: str
) -> None:
    found = [f for f in lint_text(text) if f.rule == "lasting-results"]
    assert [f.text for f in found] == [span]
    assert suggestion in found[0].suggestions


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("This therapy will cure your arthritis.", "cure-claim", "will cure"),
        ("After treatment you'll be completely cured.", "cure-claim", "cured"),
        ("Our injections will heal your damaged knee.", "complete-healing", "heal your damaged knee"),
        ("PRP injections will regrow your cartilage.", "regrow-tissue", "regrow your cartilage"),
        ("The cells will repair your spine.", "repairs-tissue", "repair your spine"),
        ("These injections will reverse your hair loss.", "reverse-condition", "reverse your hair loss"),
        ("Our programme will reverse your prediabetes.", "reverse-metabolic-disease", "reverse your prediabetes"),
        ("Our treatment will eliminate your back pain.", "eliminate-pain", "eliminate your back pain"),
        ("This treatment will cure your sciatica for good.", "lasting-results", "cure your sciatica for good"),
    ],
)
def test_a_promise_to_the_reader_is_one_finding_by_the_rule_that_names_what_is_promised(
    text: str, rule: str, span: str
) -> None:
    claims = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in claims] == [(rule, span)]


def test_a_promise_no_more_specific_rule_reports_is_still_a_promised_outcome() -> None:
    claims = [
        f for f in lint_text("These sessions will end your migraines.") if f.rule != "outcome-claims-need-disclaimers"
    ]
    assert [(f.rule, f.text) for f in claims] == [("promised-outcome", "sessions will end your")]


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        # Patients free of pain afterwards: an outcome.
        ("Our patients walk out completely pain-free.", "pain-free-claim", "walk out completely pain-free"),
        ("After one injection, patients are completely pain-free.", "pain-free-claim", "are completely pain-free"),
        # A procedure that does not hurt: a promise about the procedure.
        ("Our anti-wrinkle jabs are completely pain-free.", "completely-safe", "completely pain-free"),
        ("Laser hair removal is pain-free with our cooled tip.", "completely-safe", "is pain-free"),
        ("Our laser sessions are virtually pain-free.", "completely-safe", "virtually pain-free"),
        # Safe for everyone, however strongly said.
        ("Our teeth whitening is completely safe for everyone.", "safe-for-everyone", "completely safe for everyone"),
        ("It is 100% safe for all patients.", "safe-for-everyone", "100% safe for all patients"),
        # Natural given as the reason something is safer.
        ("Because they're natural, they are safer.", "natural-means-safe", "Because they're natural, they are safer"),
    ],
)
def test_a_safety_or_pain_claim_is_one_finding_by_the_rule_that_fits_it(text: str, rule: str, span: str) -> None:
    claims = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in claims] == [(rule, span)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Finally, a miracle cure for back pain.", "a miracle cure"),
        ("A revolutionary cure for hair loss.", "A revolutionary cure"),
        ("Our miracle cure for back pain works in days.", "Our miracle cure"),
    ],
)
def test_a_miracle_cure_is_one_finding_about_the_whole_phrase(text: str, span: str) -> None:
    claims = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in claims] == [("miracle-breakthrough", span)]


def test_a_miracle_treatment_that_cures_is_two_claims() -> None:
    claims = [
        f
        for f in lint_text("This breakthrough treatment cures arthritis.")
        if f.rule != "outcome-claims-need-disclaimers"
    ]
    assert [(f.rule, f.text) for f in claims] == [
        ("miracle-breakthrough", "This breakthrough treatment"),
        ("cure-claim", "cures"),
    ]


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("PRP is 3 times more effective than physiotherapy.", "comparative-superiority", "3 times more effective than"),
        ("PRP is 3x more effective than steroids.", "comparative-superiority", "3x more effective than"),
        ("Scientifically tested and proven to work.", "clinically-proven", "Scientifically tested and proven"),
    ],
)
def test_a_claim_of_proof_or_of_a_better_result_is_one_finding(text: str, rule: str, span: str) -> None:
    claims = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in claims] == [(rule, span)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Results guaranteed or your money back!", "Results guaranteed or your money back"),
        ("We offer guaranteed results or your money back.", "guaranteed results or your money back"),
        ("Results are guaranteed, or your money back.", "Results are guaranteed, or your money back"),
        ("Guaranteed or money back.", "Guaranteed or money back"),
    ],
)
def test_a_guarantee_with_money_back_is_one_finding_about_the_whole_promise(text: str, span: str) -> None:
    claims = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in claims] == [("guaranteed-results", span)]
