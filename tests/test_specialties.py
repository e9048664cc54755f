"""The built-in rules on the copy of other specialties: dentistry, aesthetics, eye surgery, fertility, hearing..."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import Severity, lint_text
from medlint.cli import main

# Words that assume the page is about injections, stem cells or back pain.
NARROW_WORDING = re.compile(
    r"inject|needle|stem cell|regenerative|back pain|back or joint|cartilage|disc", re.IGNORECASE
)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("cure-claim", "Our custom oral appliance cures sleep apnea."),
        ("regrow-tissue", "Turn back the clock with our anti-wrinkle treatment."),
        ("instant-results", "Feel instant relief from your very first adjustment."),
        ("gold-standard", "Radiofrequency ablation is the gold standard for arthritis pain."),
        ("doctors-agree", "Top surgeons agree this is the future of breast surgery."),
        ("no-side-effects", "Laser eye surgery has no side effects."),
        ("risk-free", "Our hair transplant is risk-free."),
        ("risks-avoided", "With laser eye surgery, the infection risks of contact lenses are entirely avoided."),
        ("fda-approved", "Our IV vitamin drips are FDA approved."),
        ("clinically-proven", "Our hearing aids are clinically proven to prevent dementia."),
        ("no-rejection", "Titanium implants carry no risk of rejection."),
    ],
)
def test_messages_and_suggestions_fit_any_specialty(rule: str, text: str) -> None:
    found = [f for f in lint_text(text) if f.rule == rule]
    assert found, f"{rule} did not report {text!r}"
    finding = found[0]
    assert not NARROW_WORDING.search(finding.message), finding.message
    assert not [s for s in finding.suggestions if NARROW_WORDING.search(s) and "cells" not in s], finding.suggestions


@pytest.mark.parametrize(
    ("html", "span"),
    [
        (
            "<p>&ldquo;Everyone tells me I look 20 again!&rdquo; &ndash; Jessica. "
            "You&rsquo;ll get the same amazing results.</p>",
            "You&rsquo;ll get the same amazing results",
        ),
        (
            "<p>&#8220;I could see perfectly the next morning!&#8221; &#8211; Tom R. "
            "Your results will be just like Tom&#8217;s.</p>",
            "Your results will be just like Tom&#8217;s",
        ),
        ("<p>See our before and after gallery: this is what you can expect!</p>", "this is what you can expect"),
    ],
)
def test_a_testimonial_offered_as_the_readers_result_is_reported(html: str, span: str) -> None:
    found = [f.text for f in lint_text(html, "page.html") if f.rule == "typical-testimonial"]
    assert found == [span]


def test_what_to_expect_on_the_day_is_not_a_testimonial() -> None:
    text = "<h2>What to expect</h2><p>Here is what you can expect on the day of surgery.</p>"
    assert not [f for f in lint_text(text, "page.html") if f.rule == "typical-testimonial"]


def test_a_superlative_a_cited_guideline_makes_is_not_unsupported() -> None:
    page = (
        "<p>CPAP is the most effective treatment for moderate to severe sleep apnoea, and it reduces daytime "
        'sleepiness for most people who use it (<a href="https://www.nice.org.uk/guidance/ng202">NICE NG202</a>).</p>'
    )
    assert "superlative-claim" not in {f.rule for f in lint_text(page, "page.html")}
    assert "superlative-claim" in {
        f.rule for f in lint_text("<p>Our clinic is the most effective choice.</p>", "p.html")
    }


@pytest.mark.parametrize(
    "page",
    [
        "# Chiropractic care\n\nManipulation gives a small improvement in back pain. It does not work for everyone, "
        "and mild soreness is a common side effect.\n",
        "# Breast augmentation\n\nImplants restore volume after pregnancy. Our gallery shows individual patients; "
        "your result will be different. Risks include capsular contracture and rupture.\n",
        "# TMS\n\nTMS improves mood for about half of patients. It does not work for everyone. Headaches are "
        "common in the first week, and seizures are rare.\n",
    ],
)
def test_results_vary_and_risks_said_in_other_words_are_disclaimers(page: str) -> None:
    assert "outcome-claims-need-disclaimers" not in {f.rule for f in lint_text(page, "page.md")}


@pytest.mark.parametrize(
    ("path", "text", "span"),
    [
        (
            "page.md",
            "## Why choose us?\n\n- Voted the best implant dentist in Texas\n",
            "the best implant dentist in Texas",
        ),
        ("page.html", "<h2>Dallas&#8217;s #1 Plastic Surgeon</h2>", "#1 Plastic Surgeon"),
        (
            "page.html",
            '<meta name="description" content="The most successful IVF clinic in the country.">',
            "The most successful IVF clinic in the country",
        ),
        ("page.md", "Voted the best implant dentist in Texas.\n", "the best implant dentist in Texas"),
        ("page.md", "We are the top-rated clinic in the U.S.\n", "the top-rated clinic in the U.S."),
    ],
)
def test_a_clinic_ranking_itself_first_in_a_place_is_a_superlative(path: str, text: str, span: str) -> None:
    assert [f.text for f in lint_text(text, path) if f.rule == "superlative-claim"] == [span]


def test_the_best_option_in_your_case_ranks_nothing() -> None:
    text = "The best treatment in your case depends on your scans; ask which surgeon in the team will operate."
    assert "superlative-claim" not in {f.rule for f in lint_text(text)}


def test_an_implant_said_to_last_for_ever_is_a_permanence_claim() -> None:
    page = (
        '---\ntitle: Dental implants\ndescription: "Same-day implants that last a lifetime."\n---\n\n'
        "Our implants never need replacing, and our hair therapy stops hair loss permanently.\n"
    )
    found = [f.text for f in lint_text(page, "page.md") if f.rule == "lasting-results"]
    assert found == ["last a lifetime", "never need replacing", "stops hair loss permanently"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("<title>Bladeless LASIK &#8211; Throw Away Your Glasses Forever!</title>", "Throw Away Your Glasses Forever"),
        ("<p>Say goodbye to glasses and contacts forever!</p>", "Say goodbye to glasses and contacts forever"),
        ("<p>Throw away your CPAP machine forever.</p>", "Throw away your CPAP machine forever"),
    ],
)
def test_a_promise_to_end_glasses_or_cpap_for_good_is_reported(text: str, span: str) -> None:
    found = [f for f in lint_text(text, "page.html") if f.rule == "no-more-treatment"]
    assert [f.text for f in found] == [span]
    assert "these treatments" not in found[0].message


def test_everyday_instructions_about_lenses_are_not_a_promise() -> None:
    text = "Throw away your contact lenses after each use. We can't promise that you will never need glasses again."
    assert "no-more-treatment" not in {f.rule for f in lint_text(text)}


@pytest.mark.parametrize(
    "text",
    [
        "<p>Doctors agree that our technique is the best way to look younger.</p>",
        "<p>Audiologists recommend our hearing aids more than any other brand.</p>",
    ],
)
def test_expert_consensus_about_a_technique_or_device_is_reported(text: str) -> None:
    assert "doctors-agree" in {f.rule for f in lint_text(text, "page.html")}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("<p>It is far better than finasteride, with none of the side effects.</p>", "with none of the side effects"),
        ("<p>The procedure is completely painless and leaves no scars.</p>", "leaves no scars"),
        ("<li>Zero downtime and no bruising</li>", "no bruising"),
        ("<li>Scarless surgery</li>", "Scarless"),
    ],
)
def test_scars_bruising_and_side_effects_ruled_out_are_reported(text: str, span: str) -> None:
    assert [f.text for f in lint_text(text, "page.html") if f.rule == "no-side-effects"] == [span]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("It works on all skin types with zero downtime.", "works on all skin types"),
        ("Our hearing aids work for every type of hearing loss.", "work for every type of hearing loss"),
    ],
)
def test_a_treatment_said_to_work_on_every_skin_or_hearing_loss_is_reported(text: str, span: str) -> None:
    assert [f.text for f in lint_text(text) if f.rule == "works-for-everyone"] == [span]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Our laser erases acne scars in a single session.", "erases acne scars"),
        ("Get rid of stubborn cellulite with our radiofrequency treatment.", "Get rid of stubborn cellulite"),
        ("Acne scars erased in one visit.", "scars erased"),
    ],
)
def test_a_skin_mark_said_to_be_erased_is_reported(text: str, span: str) -> None:
    assert [f.text for f in lint_text(text) if f.rule == "erase-skin-marks"] == [span]


def test_softening_marks_over_sessions_is_not_a_promise_to_erase_them() -> None:
    assert lint_text("Laser resurfacing can soften the look of acne scars over several sessions.") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Dental implants feel just like your natural teeth.", "feel just like your natural teeth"),
        (
            "Our implants look, feel and function exactly like natural teeth.",
            "feel and function exactly like natural teeth",
        ),
        ("Same-day implants that are indistinguishable from your own teeth.", "indistinguishable from your own teeth"),
    ],
)
def test_replacement_teeth_said_to_be_the_same_as_natural_ones_get_a_warning(text: str, span: str) -> None:
    found = [f for f in lint_text(text) if f.rule == "same-as-natural-teeth"]
    assert [f.text for f in found] == [span]
    assert found[0].severity == Severity.WARNING


def test_teeth_close_to_or_shaded_to_match_natural_ones_are_not_reported() -> None:
    close = "Most patients find that implants feel close to natural teeth after a few weeks of use."
    assert lint_text(close) == []
    assert lint_text("Our crowns are shaded to match your natural teeth.") == []


# Claims from a round of overclaiming copy across specialties that no rule reported.
@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("completely-safe", "Sleep dentistry means you won't feel a thing."),
        ("promised-outcome", "Fillers take ten years off your face in ten minutes."),
        ("no-more-treatment", "Avoid knee replacement surgery with one stem cell injection."),
        ("works-for-everyone", "Exosome therapy regrows hair in every patient."),
        ("cellular-anti-aging", "The NAD+ drip rejuvenates every cell in your body."),
        ("comparative-superiority", "Our non-surgical facelift gives the same results as surgery."),
        ("repairs-tissue", "Spinal decompression repairs herniated discs without surgery."),
        ("repairs-tissue", "Non-surgical spinal decompression repairs bulging discs."),
        ("works-for-everyone", "Stem cell therapy is the future of medicine and works when nothing else has."),
    ],
)
def test_claims_found_in_specialty_copy_are_reported(rule: str, text: str) -> None:
    assert rule in {f.rule for f in lint_text(text)}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Our drips are 100% natural, so there are no side effects to worry about.",
            "natural, so there are no side effects",
        ),
        (
            "Our hormones are 100% natural, which means no harmful side effects.",
            "natural, which means no harmful side effects",
        ),
        ("Because they're natural, they are safer than synthetic hormones.", "Because they're natural, they are safer"),
    ],
)
def test_natural_given_as_the_reason_nothing_can_go_wrong_is_one_finding(text: str, span: str) -> None:
    found = [(f.rule, f.text) for f in lint_text(text) if f.category == "absolute-safety"]
    assert found == [("natural-means-safe", span)]


def test_a_natural_product_that_is_not_a_hormone_gets_a_suggestion_about_it() -> None:
    drip = [
        f
        for f in lint_text("Our drips are 100% natural, so there are no side effects.")
        if f.rule == "natural-means-safe"
    ]
    assert drip and not [s for s in drip[0].suggestions if "ormone" in s]
    pellets = [f for f in lint_text("Bioidentical hormones are safe because your body recognises them.")]
    assert any("hormone therapy" in s for s in pellets[0].suggestions)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Dental implants are the permanent solution to tooth loss.", "permanent solution"),
        ("Say goodbye to stained teeth forever.", "Say goodbye to stained teeth forever"),
        ("- Wrinkles gone for good", "gone for good"),
        ("Transplanted hair grows for life.", "grows for life"),
        ("Veneers give you a permanent, flawless smile.", "permanent, flawless smile"),
        ("Veneers are a lifetime solution for a perfect smile.", "lifetime solution"),
    ],
)
def test_permanence_in_dental_aesthetic_and_hair_copy_gets_a_suggestion_that_fits(text: str, span: str) -> None:
    found = [f for f in lint_text(text, "page.md") if f.rule == "lasting-results"]
    assert [f.text for f in found] == [span]
    assert found[0].suggestions
    assert not [s for s in found[0].suggestions if re.search(r"\b(?:pain|relief)\b", s)], found[0].suggestions


def test_a_cleared_device_that_permanently_removes_hair_is_reported_at_the_promise() -> None:
    found = [
        f
        for f in lint_text("Our FDA-cleared diode laser permanently removes unwanted hair.")
        if f.rule == "lasting-results"
    ]
    assert [f.text for f in found] == ["permanently removes"]
    assert "may reduce" in found[0].suggestions


def test_approved_hormone_products_beside_compounded_ones_are_neither_a_claim_nor_a_contradiction() -> None:
    page = (
        "# Bioidentical hormones\n\nCustom-compounded hormone creams are not FDA approved. FDA-approved bioidentical "
        "products, such as estradiol patches and micronised progesterone, are usually our first choice.\n"
    )
    assert not {"fda-approved", "fda-approved-vs-not-approved"} & {f.rule for f in lint_text(page, "page.md")}
    pellets = "# Pellets\n\nOur compounded pellets are not FDA approved. Our bioidentical pellets are FDA approved.\n"
    assert "fda-approved" in {f.rule for f in lint_text(pellets, "page.md")}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Regular adjustments boost your immune system so you get sick less often.", "boost your immune system"),
        ("A healthy spine means a healthy immune system!", "healthy spine means a healthy immune system"),
    ],
)
def test_a_chiropractic_immunity_claim_gets_a_suggestion_that_names_no_vitamins(text: str, span: str) -> None:
    found = [f for f in lint_text(text) if f.rule == "immune-boost"]
    assert [f.text for f in found] == [span]
    assert [s for s in found[0].suggestions if not re.search(r"vitamin|zinc|drip", s, re.IGNORECASE)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("- Completely painless procedure, start to finish\n", "Completely painless procedure"),
        ("- Absolutely no pain thanks to our numbing cream\n", "Absolutely no pain"),
        ("Our whitening is totally painless and takes a few minutes.\n", "totally painless"),
    ],
)
def test_a_promise_of_no_pain_is_offered_wording_about_pain_not_risk(text: str, span: str) -> None:
    found = [f for f in lint_text(text, "page.md") if f.rule == "completely-safe"]
    assert [f.text for f in found] == [span]
    assert found[0].suggestions
    assert not [s for s in found[0].suggestions if "risk" in s], found[0].suggestions


@pytest.mark.parametrize(
    "text",
    [
        "Laser hair removal is pain-free for most people.\n",
        "Treatment is painless for most patients, though some feel a snapping sensation.\n",
        "For most patients, the procedure is painless.\n",
        "- Pain-free treatment for most clients\n",
        "Whitening is painless in most cases; some people have sensitive teeth for a day or two.\n",
    ],
)
def test_no_pain_said_of_most_people_is_the_usual_experience_not_a_promise(text: str) -> None:
    assert "completely-safe" not in {f.rule for f in lint_text(text, "page.md")}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Laser hair removal is pain-free.\n", "is pain-free"),
        ("Laser hair removal is completely painless for most people.\n", "completely painless"),
        ("For most people, the procedure is 100% pain-free.\n", "100% pain-free"),
    ],
)
def test_no_pain_promised_to_all_or_absolutely_is_still_reported(text: str, span: str) -> None:
    assert [f.text for f in lint_text(text, "page.md") if f.rule == "completely-safe"] == [span]


def test_an_ageing_clock_turned_back_is_one_finding_about_ageing() -> None:
    text = "Our NAD+ drip turns back your biological clock."
    found = [(f.rule, f.text) for f in lint_text(text) if f.category == "efficacy"]
    assert found == [("cellular-anti-aging", "turns back your biological clock")]


@pytest.mark.parametrize(
    ("text", "span", "word"),
    [
        ("After three visits my migraines were gone for good!", "migraines were gone for good", "headaches"),
        ("Our NAD+ drip clears brain fog for good.", "brain fog for good", "brain fog"),
        ("Our laser snoring treatment permanently eliminates snoring.", "permanently eliminates snoring", "snore"),
    ],
)
def test_an_end_to_headaches_fog_or_snoring_is_offered_a_sentence_about_it(text: str, span: str, word: str) -> None:
    found = [f for f in lint_text(text) if f.rule == "eliminate-pain"]
    assert [f.text for f in found] == [span]
    sentences = [s for s in found[0].suggestions if s.endswith(".")]
    assert sentences and all(word in s and "pain" not in s for s in sentences), sentences


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("- Protect your heart and brain\n", "Protect your heart and brain"),
        (
            "Testosterone therapy protects against heart disease and dementia.\n",
            "protects against heart disease and dementia",
        ),
        ("Our pellets help prevent cognitive decline.\n", "prevent cognitive decline"),
    ],
)
def test_hormones_sold_as_protection_for_the_heart_and_brain_are_reported(text: str, span: str) -> None:
    page = "# Bioidentical hormones and TRT\n\n" + text
    assert [f.text for f in lint_text(page, "page.md") if f.rule == "hormone-disease-prevention"] == [span]


def test_approved_and_lifestyle_prevention_on_a_hormone_page_is_not_reported() -> None:
    page = (
        "# Menopause\n\nOestrogen helps prevent bone loss after menopause. Regular exercise and not smoking lower "
        "your risk of heart disease. Hormone therapy should not be used to prevent heart disease or dementia.\n"
    )
    assert "hormone-disease-prevention" not in {f.rule for f in lint_text(page, "page.md")}


def test_teeth_straightened_for_good_are_offered_a_sentence_about_retainers() -> None:
    found = [f for f in lint_text("Invisalign straightens teeth permanently.") if f.rule == "lasting-results"]
    assert [f.text for f in found] == ["straightens teeth permanently"]
    assert any("retainer" in s for s in found[0].suggestions)


def test_a_drip_sold_to_treat_a_condition_is_one_disease_claim() -> None:
    found = [
        (f.rule, f.text)
        for f in lint_text("Our NAD+ drip cures migraines.")
        if f.rule != "outcome-claims-need-disclaimers"
    ]
    assert found == [("drip-disease-claim", "cures migraines")]
    assert (
        lint_text("Steroid injections can treat arthritis flare-ups in the knee, with risks your doctor will explain.")
        == []
    )


@pytest.mark.parametrize(
    ("text", "span", "word"),
    [
        ("NAD+ cures brain fog for good.", "cures brain fog for good", "brain fog"),
        ("Chiropractic cures migraines forever.", "cures migraines forever", "headaches"),
        ("PRP cures arthritis permanently.", "cures arthritis permanently", "not a cure"),
        ("Our drip cures hangovers once and for all.", "cures hangovers once and for all", "brain fog"),
    ],
)
def test_a_cure_said_to_last_for_ever_is_one_finding(text: str, span: str, word: str) -> None:
    found = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in found] == [("lasting-results", span)]
    assert any(word in s for s in found[0].suggestions), found[0].suggestions


def test_a_cure_and_a_separate_end_to_pain_are_two_findings() -> None:
    text = "Our injections cure arthritis, and your back pain will be gone for good."
    found = [(f.rule, f.text) for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert found == [("cure-claim", "cure"), ("eliminate-pain", "pain will be gone for good")]


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("Glutathione drips whiten your skin.", "skin-lightening-drip", "whiten your skin"),
        (
            "Our glutathione IV will brighten your complexion from within.",
            "skin-lightening-drip",
            "brighten your complexion",
        ),
        ("A B12 shot gives you instant energy.", "energy-boost", "instant energy"),
        ("Our B12 jab boosts your energy levels all week.", "energy-boost", "boosts your energy levels"),
    ],
)
def test_skin_lightening_drips_and_energy_shots_are_reported_once(text: str, rule: str, span: str) -> None:
    found = [(f.rule, f.text) for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert found == [(rule, span)]


def test_a_drip_said_to_whiten_skin_for_good_is_one_finding() -> None:
    found = [(f.rule, f.text) for f in lint_text("Our glutathione drip whitens skin permanently.")]
    assert found == [("skin-lightening-drip", "whitens skin")]


@pytest.mark.parametrize(
    ("text", "span", "rewrite"),
    [
        ("Zero downtime.", "Zero downtime", "little or no downtime"),
        ("Botox has no downtime whatsoever.", "no downtime whatsoever", "little or no downtime"),
        ("There is no recovery time at all after fillers.", "no recovery time at all", "little or no recovery time"),
        (
            "Absolutely no downtime: walk out and go straight back to work.",
            "Absolutely no downtime",
            "little or no downtime",
        ),
    ],
)
def test_downtime_promised_to_nobody_is_reported_with_a_hedged_rewrite(text: str, span: str, rewrite: str) -> None:
    found = [f for f in lint_text(text) if f.rule == "no-downtime-at-all"]
    assert [f.text for f in found] == [span]
    assert rewrite in found[0].suggestions


@pytest.mark.parametrize(
    "text",
    [
        "No downtime.",
        "Little or no downtime.",
        "Most people go back to work the same day.",
        "We cannot promise zero downtime: bruising can last a week.",
    ],
)
def test_downtime_said_as_what_is_usual_is_not_reported(text: str) -> None:
    assert lint_text(text) == []


def test_a_medicine_given_by_infusion_is_not_sold_as_a_vitamin_drip() -> None:
    page = (
        "<p>Ketamine infusions cure depression. Around half of people with hard-to-treat depression improve "
        "with TMS, which is FDA-cleared for depression that has not improved with antidepressants.</p>"
    )
    found = [(f.rule, f.text) for f in lint_text(page, "page.html") if f.rule != "outcome-claims-need-disclaimers"]
    assert found == [("cure-claim", "cure")]


@pytest.mark.parametrize(
    ("text", "span", "phrase"),
    [
        ("Instantly cures your hangover.", "Instantly cures", "may ease the symptoms of"),
        ("Our drips instantly cure hangovers and jet lag.", "instantly cure", "may ease the symptoms of"),
        ("Finally, an instant cure for migraines.", "an instant cure", "a possible treatment"),
        # Healing a disease is curing it, said at once: no wording about the speed alone.
        (
            "Our laser instantly heals arthritis.",
            "instantly heals arthritis",
            "It may ease symptoms for some people, but it is not a cure, and any improvement takes time.",
        ),
    ],
)
def test_a_cure_promised_at_once_is_one_finding_with_a_rewrite_of_both(text: str, span: str, phrase: str) -> None:
    found = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in found] == [("instant-cure", span)]
    assert phrase in found[0].suggestions
    assert not [s for s in found[0].suggestions if "weeks" in s], found[0].suggestions


def test_an_instant_cure_is_rewritten_once_in_the_interactive_session(tmp_path: Path) -> None:
    page = tmp_path / "hangover.md"
    page.write_text(
        "# Hangover drips\n\nInstantly cures your hangover.\n\n"
        "Individual results vary, and every treatment has risks.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["fix", "-i", "--no-color", str(page)], input="1\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Accepted 1 change, skipped 0" in result.stdout
    assert "May ease the symptoms of your hangover." in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "span", "phrase"),
    [
        ("Our laser is FDA approved, so you know it works.", "is FDA approved, so you know it works", "is FDA-cleared"),
        (
            "Our hearing aids are FDA-registered, which means they're safe.",
            "are FDA-registered, which means they're safe",
            "are FDA-cleared",
        ),
        ("Our laser is FDA approved.", "is FDA approved", "is FDA-cleared"),
        ("We treat you with an FDA-approved diode laser.", "FDA-approved", "FDA-cleared"),
    ],
)
def test_a_device_called_approved_or_its_status_offered_as_proof_is_reported(text: str, span: str, phrase: str) -> None:
    found = [f for f in lint_text(text) if f.rule != "outcome-claims-need-disclaimers"]
    assert [(f.rule, f.text) for f in found] == [("fda-status-as-proof", span)]
    assert [s for s in found[0].suggestions if s.startswith(phrase)], found[0].suggestions


@pytest.mark.parametrize(
    "text",
    [
        "Our laser is FDA-cleared for hair removal.",
        "Our FDA-cleared diode laser treats unwanted hair in a series of sessions.",
        "Our diode laser is cleared by the FDA for permanent hair reduction, which means fewer hairs grow back.",
        "The excimer laser we use is FDA approved for LASIK.",
        "FDA clearance does not mean that a device will work for you.",
    ],
)
def test_a_device_cleared_for_a_named_use_is_not_reported(text: str) -> None:
    assert not {"fda-status-as-proof", "fda-approved"} & {f.rule for f in lint_text(text)}


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        (
            "The highest success rates in the UK, year after year.",
            "superlative-claim",
            "The highest success rates in the UK",
        ),
        (
            "With our embryo screening, you will take home a healthy baby.",
            "promised-outcome",
            "you will take home a healthy baby",
        ),
    ],
)
def test_fertility_rankings_and_babies_promised_are_reported(text: str, rule: str, span: str) -> None:
    assert [f.text for f in lint_text(text) if f.rule == rule] == [span]


@pytest.mark.parametrize(
    "statement",
    [
        "Freezing eggs does not guarantee a baby.",
        "Not every cycle ends in a pregnancy.",
        "Not every treatment works for every couple.",
    ],
)
def test_a_fertility_page_saying_results_vary_in_its_own_words_needs_no_disclaimer(statement: str) -> None:
    page = f"# IVF\n\nIVF is successful for many couples. {statement} OHSS is a risk of the injections.\n"
    assert "outcome-claims-need-disclaimers" not in {f.rule for f in lint_text(page, "page.md")}
    assert "outcome-claims-need-disclaimers" in {
        f.rule for f in lint_text("# IVF\n\nIVF is successful for many couples. OHSS is a risk.\n", "page.md")
    }


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Hear Perfectly Again with our new range.", "Hear Perfectly Again"),
        ("Rechargeable hearing aids that restore your hearing to normal.", "restore your hearing to normal"),
        ("Hear like you did in your twenties.", "Hear like you did in your twenties"),
    ],
)
def test_natural_hearing_promised_back_is_reported_with_a_sentence_about_hearing_aids(text: str, span: str) -> None:
    found = [f for f in lint_text(text) if f.rule == "promised-outcome"]
    assert [f.text for f in found] == [span]
    assert any("do not restore natural hearing" in s for s in found[0].suggestions), found[0].suggestions


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (
            "Wearing hearing aids stops cognitive decline and keeps your brain young.",
            ["stops cognitive decline", "keeps your brain young"],
        ),
        ("Treat your hearing loss now and cut your risk of dementia in half.", ["cut your risk of dementia"]),
        ("Untreated hearing loss has been linked to a higher risk of dementia.", []),
        ("Some studies suggest that treating hearing loss may slow memory decline in people at higher risk.", []),
        ("Hearing aids have not been shown to prevent dementia.", []),
    ],
)
def test_hearing_aids_sold_as_dementia_prevention_are_reported(text: str, spans: list[str]) -> None:
    assert [f.text for f in lint_text(text) if f.rule == "hearing-aids-prevent-dementia"] == spans


def test_experts_agreeing_on_a_ranking_of_products_is_a_consensus_claim() -> None:
    found = [(f.rule, f.text) for f in lint_text("- Audiologists agree: the best hearing aids on the market\n", "p.md")]
    assert found == [
        ("doctors-agree", "Audiologists agree"),
        ("superlative-claim", "the best hearing aids on the market"),
    ]
    assert lint_text("Most doctors agree that the best first step for back pain is to stay active.") == []


@pytest.mark.parametrize(
    "text",
    [
        "# Hearing aids\n\nRegular exercise lowers your risk of dementia, and so does not smoking.\n",
        "# Ear wax\n\nRemoving a build-up of ear wax usually restores your hearing to normal.\n",
        "# Ear wax\n\nEar wax removal restores your hearing to normal in minutes.\n",
        "# Cataracts\n\nMost people see normally again within a few days of cataract surgery.\n",
    ],
)
def test_what_usually_happens_to_hearing_and_sight_and_advice_on_dementia_are_not_claims(text: str) -> None:
    assert not {"promised-outcome", "hearing-aids-prevent-dementia"} & {f.rule for f in lint_text(text, "p.md")}


def test_virtually_no_risk_is_one_finding_with_a_rewrite_that_reads() -> None:
    found = [
        f
        for f in lint_text("Keyhole gastric sleeve surgery with virtually no risk.")
        if f.category == "absolute-safety"
    ]
    assert [(f.rule, f.text) for f in found] == [("low-risk", "virtually no risk")]
    assert "some risk" in found[0].suggestions
    assert "a treatment that carries some risks" not in found[0].suggestions


def test_a_balloon_said_to_end_hunger_for_good_is_a_promised_outcome() -> None:
    found = [
        f
        for f in lint_text("With our gastric balloon, you will never feel hungry again.")
        if f.rule == "promised-outcome"
    ]
    assert [f.text for f in found] == ["you will never feel hungry again"]
    assert any("appetite" in s for s in found[0].suggestions)


@pytest.mark.parametrize(
    ("page", "against"),
    [
        (
            "# Surgery\n\nKeyhole surgery with zero complications.\n\n"
            "Like any major operation, it carries risks, including bleeding and infection.\n",
            "risks, including bleeding",
        ),
        (
            "# Balloon\n\nOur gastric balloon has no side effects.\n\n"
            "The balloon often causes nausea and vomiting in the first few days.\n",
            "often causes nausea",
        ),
    ],
)
def test_risks_listed_after_a_comma_or_as_common_contradict_a_promise_of_none(page: str, against: str) -> None:
    found = [f.text for f in lint_text(page, "page.md") if f.rule == "no-side-effects-vs-risks"]
    assert len(found) == 2 and found[1] == against, found


def test_weight_said_to_come_back_for_some_is_a_statement_that_results_vary() -> None:
    page = (
        "# Weight loss surgery\n\nMost people see their blood sugar improve. Some people regain weight over time, "
        "and surgery carries risks such as leaks.\n"
    )
    assert "outcome-claims-need-disclaimers" not in {f.rule for f in lint_text(page, "page.md")}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("100% invisible hearing aids.", "100% invisible"),
        ("Our clear aligners are completely invisible.", "completely invisible"),
        ("Tiny in-canal hearing aids that are totally undetectable.", "totally undetectable"),
    ],
)
def test_a_device_called_invisible_to_everyone_is_reported(text: str, span: str) -> None:
    # One finding, about how it looks: "100% invisible hearing" is no claim of perfect hearing.
    found = [(f.rule, f.text) for f in lint_text(text) if f.category == "efficacy"]
    assert found == [("invisible-device", span)]


def test_invisible_as_the_name_of_a_kind_of_device_is_not_reported() -> None:
    text = "Our invisible hearing aids sit deep in the canal. Clear aligners are nearly invisible.\n"
    assert [f for f in lint_text(text) if f.rule == "invisible-device"] == []


def test_a_hundred_percent_invisible_hearing_aid_is_rewritten_as_discreet(tmp_path: Path) -> None:
    page = tmp_path / "hearing.md"
    page.write_text(
        "# Hearing aids\n\nOur 100% invisible hearing aids are fitted by our audiologists.\n\n"
        "Individual results vary, and every treatment has risks.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["fix", "-i", "--no-color", str(page)], input="1\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Our discreet hearing aids are fitted by our audiologists." in page.read_text(encoding="utf-8")


def test_a_list_of_conditions_reads_with_the_adjustments_its_section_names() -> None:
    # "Support for children with glue ear" names no manipulation; the first item of its section does. Under a
    # heading of its own, the list is about something else.
    one_section = (
        "## How we help little ones\n\n"
        "- Gentle adjustments for colic and unsettled babies\n"
        "- Support for children with glue ear, ear infections and bedwetting\n"
        "- Better focus and calmer behaviour for children with ADHD\n"
    )
    found = [(f.line, f.text) for f in lint_text(one_section, "kids.md") if f.rule == "manipulation-disease-claim"]
    assert found == [(3, "colic"), (4, "glue ear, ear infections and bedwetting"), (5, "ADHD")]

    two_sections = (
        "## Our chiropractic care\n\nGentle adjustments for back and neck pain.\n\n"
        "## Other help for your family\n\n- Support for children with glue ear from the NHS audiology service\n"
    )
    assert [f.rule for f in lint_text(two_sections, "family.md") if f.rule == "manipulation-disease-claim"] == []
