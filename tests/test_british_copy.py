"""British clinic and health-brand copy, as a UK agency would check it against the CAP Code: aesthetics,
dentistry, IVF, physiotherapy, hair loss, weight loss, private GPs and supplements, in British spelling
("anaesthetic", "paediatric", "programme", "jabs", "two stone"). Each overclaim is reported by its rule;
honest copy, hedged or plain, is not reported at all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from medlint import lint_text

OVERCLAIMS = [
    # aesthetics
    ("Our anti-wrinkle jabs are completely pain-free.", "completely-safe"),
    ("Dermal fillers are 100% safe in our Harley Street clinic.", "completely-safe"),
    ("Our fillers are suitable for all skin types and safe for everyone.", "safe-for-everyone"),
    ("Results guaranteed or your money back.", "guaranteed-results"),
    ("Our chemical peel is clinically proven to remove acne scars.", "clinically-proven"),
    ("Our laser treatment permanently removes cellulite.", "lasting-results"),
    ("Our thread lift takes ten years off your face instantly.", "promised-outcome"),
    ("Profhilo is a miracle treatment for ageing skin.", "miracle-breakthrough"),
    ("Our non-surgical facelift is completely risk-free.", "completely-safe"),
    ("Anti-wrinkle injections have no side effects.", "no-side-effects"),
    ("Our skin booster cures rosacea.", "cure-claim"),
    ("Our aesthetics clinic is the best in London.", "superlative-claim"),
    ("Nine out of ten clients see a dramatic improvement after one session.", "unsourced-statistic"),
    ("Our skin peel erases acne scars for good.", "lasting-results"),
    ("Our collagen powder makes wrinkles disappear in days.", "erase-skin-marks"),
    ("Our microneedling makes acne scars vanish.", "erase-skin-marks"),
    ("Our fat-dissolving jabs melt fat in one session.", "fat-burning"),
    ("Our HIFU facelift gives the same results as surgery with no downtime.", "comparative-superiority"),
    ("Lip fillers that last forever.", "lasting-results"),
    ("Lip fillers with no downtime and guaranteed results.", "guaranteed-results"),
    ("Fat freezing: no surgery and permanent results.", "lasting-results"),
    ("Anti-wrinkle injections with no side effects and instant results.", "instant-results"),
    ("Our lip fillers are guaranteed to look natural.", "guaranteed-results"),
    ("Our miracle fat-freezing treatment removes fat for good.", "miracle-breakthrough"),
    ("Our tummy tuck leaves no scarring whatsoever.", "no-side-effects"),
    ("Our liposuction is safe, painless and leaves no scars.", "completely-safe"),
    ("Suitable for all skin types, with zero irritation.", "no-side-effects"),
    ("Our chemical peel causes no redness and no peeling.", "no-side-effects"),
    ("Our cream is dermatologically tested and guaranteed to clear eczema.", "guaranteed-results"),
    ("Studies show our cream reduces wrinkles by 80%.", "studies-show"),
    ("Patients see results instantly.", "instant-results"),
    ("Our serum works on every skin type.", "works-for-everyone"),
    ("Clinically tested and proven to cure acne.", "clinically-proven"),
    ("Cure your eczema naturally with our balm.", "cure-claim"),
    ("Our patients' results speak for themselves: everyone sees the same transformation.", "typical-testimonial"),
    ("See the amazing results our clients get: you'll look just like them.", "typical-testimonial"),
    ("Every patient gets the same transformation as the photos in our gallery.", "typical-testimonial"),
    ("Sarah lost three stone in twelve weeks, and so can you!", "typical-testimonial"),
    ("Before and after: this is the result you can expect.", "typical-testimonial"),
    ("Our acne treatment clears your skin for good.", "lasting-results"),
    ("Our laser hair removal is completely permanent.", "lasting-results"),
    # dentistry
    ("Our teeth whitening is completely safe for everyone.", "safe-for-everyone"),
    ("Dental implants that last a lifetime, guaranteed.", "lasting-results"),
    ("Our composite bonding is pain-free and permanent.", "completely-safe"),
    ("Our gum treatment cures periodontitis permanently.", "lasting-results"),
    ("Laser therapy cures periodontal disease.", "cure-claim"),
    ("Straight teeth in six weeks, guaranteed.", "guaranteed-results"),
    ("Our sedation dentistry means treatment is completely painless.", "completely-safe"),
    ("Root canal treatment at our practice is 100% painless.", "completely-safe"),
    ("Our anaesthetic-free laser fillings are totally painless.", "completely-safe"),
    ("Our implants feel exactly like natural teeth.", "same-as-natural-teeth"),
    ("Teeth straightening without any discomfort.", "completely-safe"),
    ("Painless composite bonding in a single visit.", "completely-safe"),
    ("Our aligners give everyone a perfect smile.", "promised-outcome"),
    ("Our dentists are the best in the UK.", "superlative-claim"),
    ("Our children's dentistry is risk-free.", "risk-free"),
    ("Our whitening gel is clinically proven to whiten teeth eight shades.", "clinically-proven"),
    ("Our teeth whitening is guaranteed to last for years.", "guaranteed-results"),
    ("Our invisible braces straighten any smile, whatever your age.", "works-for-everyone"),
    ("Pain-free dental implants in a single day.", "completely-safe"),
    ("Our dentists guarantee pain-free treatment.", "guaranteed-results"),
    ("Our paediatric dental sealants prevent tooth decay for life.", "lasting-results"),
    # fertility
    ("Our IVF programme guarantees you a baby.", "guaranteed-results"),
    ("Our IVF success rates are the highest in the UK.", "superlative-claim"),
    ("Our IVF clinic has the best success rates in Britain.", "superlative-claim"),
    ("The best hair transplant results in London, guaranteed.", "superlative-claim"),
    ("Most of our patients conceive on their first cycle.", "typical-outcome"),
    ("Our fertility supplement boosts egg quality and doubles your chances of conceiving.", "unsourced-statistic"),
    ("Our fertility acupuncture cures unexplained infertility.", "cure-claim"),
    ("Our clinic has a 90% success rate.", "unsourced-statistic"),
    ("Our IVF treatment is completely safe with no side effects.", "completely-safe"),
    ("Our IVF treatment is safe, with no side effects.", "no-side-effects"),
    ("Our fertility diet detoxes your body and boosts fertility naturally.", "detox-claim"),
    ("Our embryo screening guarantees a healthy baby.", "guaranteed-results"),
    ("With our fertility programme, pregnancy is guaranteed.", "guaranteed-results"),
    ("Our IVF treatment works for every couple.", "works-for-everyone"),
    ("With our egg freezing, your fertility is preserved forever.", "lasting-results"),
    ("The only fertility clinic you will ever need.", "superlative-claim"),
    # physiotherapy
    ("Our physiotherapy cures back pain for good.", "lasting-results"),
    ("Shockwave therapy permanently eliminates tendon pain.", "eliminate-pain"),
    ("Our sports massage heals injuries twice as fast.", "accelerated-healing"),
    ("Our laser therapy repairs damaged cartilage.", "repairs-tissue"),
    ("Our physio programme will fix your knee without surgery.", "promised-outcome"),
    ("Our spinal decompression is a miracle cure for sciatica.", "miracle-breakthrough"),
    ("Our physiotherapists are the best in the country.", "superlative-claim"),
    ("Instant relief from neck pain after one session.", "instant-results"),
    ("Our acupuncture is pain-free and has no side effects.", "no-side-effects"),
    ("Our physio treatment is guaranteed to work.", "guaranteed-results"),
    ("Our clinic eliminates chronic pain completely.", "eliminate-pain"),
    ("Our physio clinic can cure your back pain in three sessions.", "cure-claim"),
    ("Our cold laser therapy heals arthritis.", "cure-claim"),
    ("Our osteopaths treat asthma and migraines.", "manipulation-disease-claim"),
    # hair loss
    ("Our hair loss treatment regrows hair in every patient.", "works-for-everyone"),
    ("Our hair transplant is completely pain-free with no downtime.", "completely-safe"),
    ("Our scalp treatment cures male pattern baldness.", "cure-claim"),
    ("Our hair growth serum stops hair loss permanently.", "lasting-results"),
    ("Our hair transplant results last a lifetime.", "lasting-results"),
    ("Our FUE hair transplant is scar-free and painless.", "no-side-effects"),
    ("Our FUE hair transplant is scar-free and painless.", "completely-safe"),
    ("Our hair loss supplement is clinically proven to double hair growth.", "clinically-proven"),
    ("Our hair clinic has a 100% success rate.", "hundred-percent-effective"),
    ("The last hair loss treatment you'll ever need.", "superlative-claim"),
    ("Our laser cap reverses hair loss in weeks.", "reverse-condition"),
    ("Our miracle hair serum regrows a full head of hair.", "miracle-breakthrough"),
    ("Our hair-loss tablets guarantee new growth in 90 days.", "guaranteed-results"),
    ("Say goodbye to hair loss for ever.", "lasting-results"),
    # weight loss
    ("Our weight-loss jabs melt fat without diet or exercise.", "fat-burning"),
    ("Our weight-loss jabs melt fat without diet or exercise.", "effortless-weight-loss"),
    ("Lose two stone in a month with our programme.", "rapid-weight-loss"),
    ("Drop a dress size in a week with our detox programme.", "rapid-weight-loss"),
    ("Our slimming jabs guarantee you'll drop a dress size every week.", "rapid-weight-loss"),
    ("Our weight-loss injections are completely safe.", "completely-safe"),
    ("Keep the weight off for good with our plan.", "permanent-weight-loss"),
    ("Our slimming tablets burn fat while you sleep.", "fat-burning"),
    ("Our detox programme flushes toxins from your liver.", "detox-claim"),
    ("Our weight-loss programme is guaranteed to work or your money back.", "guaranteed-results"),
    ("Our weight-loss jab is the same as Wegovy.", "compounded-glp1-as-brand"),
    ("Our gastric balloon is a safe, pain-free alternative to surgery.", "completely-safe"),
    ("Reverse your type 2 diabetes with our programme.", "reverse-metabolic-disease"),
    ("Our keto plan boosts your metabolism permanently.", "metabolism-claim"),
    ("Our juice cleanse resets your metabolism and flushes out toxins.", "detox-claim"),
    # private GP and screening
    ("Our health check guarantees peace of mind.", "guaranteed-results"),
    ("Our private GP service is NHS-approved.", "nhs-endorsement"),
    ("NHS-approved weight-loss jabs, prescribed online.", "nhs-endorsement"),
    ("Our hair loss clinic is endorsed by the NHS.", "nhs-endorsement"),
    ("Our private GPs are the best doctors in London.", "superlative-claim"),
    ("Our vitamin injections boost immunity and prevent colds.", "infection-protection"),
    ("Our IV drips boost your immune system against flu.", "infection-protection"),
    ("Our private GP clinic offers a cure for chronic fatigue.", "cure-claim"),
    ("Our B12 jabs cure tiredness.", "cure-claim"),
    ("Boost your immunity naturally with our vitamin drip.", "immune-boost"),
    ("Our IV therapy is a proven hangover cure.", "cure-claim"),
    ("Our blood test detects every disease before symptoms appear.", "hundred-percent-effective"),
    ("Our full-body MRI scan rules out every illness.", "hundred-percent-effective"),
    ("Our GP-recommended health check catches cancer early every time.", "hundred-percent-effective"),
    ("Our private health screen picks up all cancers at an early stage.", "hundred-percent-effective"),
    ("Our private GP health MOT finds every problem before it starts.", "hundred-percent-effective"),
    # supplements and pharmacy
    ("Our collagen supplement reverses ageing.", "reverse-condition"),
    ("Our multivitamin boosts immunity.", "immune-boost"),
    ("Our detox tea cleanses your body of toxins.", "detox-claim"),
    ("Our supplement is clinically proven to improve memory.", "clinically-proven"),
    ("Our supplement is scientifically proven to boost energy.", "clinically-proven"),
    ("Our natural supplement is safe because it is natural.", "natural-means-safe"),
    ("Our turmeric capsules cure arthritis.", "cure-claim"),
    ("Our probiotic cures IBS.", "cure-claim"),
    ("Our vitamin D supplement prevents COVID.", "infection-protection"),
    ("Our omega-3 capsules are a miracle for joint pain.", "miracle-breakthrough"),
    ("Our immunity gummies protect you from colds and flu.", "infection-protection"),
    ("GP-recommended supplements with no side effects.", "no-side-effects"),
    ("GP-recommended vitamins for tiredness.", "doctor-recommended"),
    ("Doctors agree our supplement is the best.", "doctors-agree"),
    ("Our whitening toothpaste is dentist-approved.", "doctor-recommended"),
    ("Our collagen drink is recommended by dermatologists.", "doctor-recommended"),
    ("Our haemorrhoid cream cures piles for good.", "lasting-results"),
    ("Our laser eye surgery gives everyone perfect vision.", "promised-outcome"),
    ("Our haemorrhoid treatment is painless with no downtime.", "completely-safe"),
    ("Our treatment is 100% effective.", "hundred-percent-effective"),
    ("Guaranteed results? Every treatment we offer has them.", "guaranteed-results"),
]

HONEST = [
    "Most patients feel a sharp scratch during anti-wrinkle injections; we can use a numbing cream.",
    "Fillers can cause swelling and bruising, which usually settle within a week.",
    "A tummy tuck leaves a scar along the bikini line that fades over a year or more.",
    "Most patients have little or no scarring after keyhole surgery, but some scars are visible.",
    "Results vary from person to person, and we cannot guarantee a particular outcome.",
    "Everyone's skin is different, so we always do a patch test first.",
    "Most people notice a difference after about three months of treatment.",
    "Fillers usually last six to twelve months, depending on the product and the area treated.",
    "Your practitioner will discuss the risks, including infection and, rarely, blocked blood vessels.",
    "Some redness is common after a chemical peel, and you should avoid the sun for a week.",
    "Most people have little or no redness after a light peel, though some have a day or two of it.",
    "Laser treatment may improve the look of acne scars, but it is unlikely to remove them completely.",
    "Collagen supplements have not been shown to reduce wrinkles in good-quality trials.",
    "No cream can make wrinkles disappear, though sunscreen slows new ones forming.",
    "We offer a cooling-off period of at least 48 hours before any cosmetic procedure.",
    "All our aesthetic treatments are carried out by registered nurses or doctors.",
    "Teeth whitening must be carried out by a dentist or dental hygienist in the UK.",
    "Whitening can make your teeth sensitive for a few days.",
    "Implants can fail, particularly in smokers and people with gum disease.",
    "Most people feel some pressure, but not pain, during a filling under local anaesthetic.",
    "Aligners may cause some discomfort for a day or two after each new set.",
    "We will give you a written treatment plan and a full breakdown of costs.",
    "Composite bonding can chip and may need repairing after a few years.",
    "Whitening usually lasts between a few months and three years.",
    "Invisible braces are not suitable for every bite; some people need fixed braces.",
    "Dental implants are placed under local anaesthetic, and you may feel sore for a few days.",
    "Root canal treatment is done under local anaesthetic, and the tooth may be tender afterwards.",
    "Our paediatric dentists see children from their first tooth.",
    "Your dentist will check whether your gums are healthy enough for implants.",
    "Our success rates are published by the HFEA and broken down by age.",
    "Our IVF success rates for women under 35 are in line with the national average, according to HFEA data.",
    "IVF does not always work, and many couples need more than one cycle.",
    "The chance of a live birth falls with age, especially after 40.",
    "Fertility treatment can cause side effects, including ovarian hyperstimulation syndrome.",
    "Egg freezing does not guarantee a future pregnancy.",
    "We cannot guarantee a pregnancy, but we will explain your chances honestly.",
    "Egg freezing does not preserve your fertility forever, but it may give you more options later.",
    "Fissure sealants can help prevent decay in children's back teeth, but they wear and need checking.",
    "We will talk you through the costs of each cycle before you start.",
    "Acupuncture has not been shown to improve IVF success rates.",
    "Counselling is available to everyone having fertility treatment at our centre.",
    "Our physiotherapists will assess you and agree a programme of exercises with you.",
    "Physiotherapy may help many people with back pain, though recovery times vary.",
    "Shockwave therapy can be uncomfortable, and it does not help everyone.",
    "Physiotherapy can help many kinds of back pain, but it may take several weeks.",
    "Some soreness after treatment is normal and usually settles within two days.",
    "If your pain gets worse, please contact your GP or call NHS 111.",
    "Exercise is one of the best ways to manage long-term knee pain, according to NICE.",
    "We cannot promise that physiotherapy will avoid the need for surgery.",
    "Hair loss has many causes, and treatment depends on the cause.",
    "Minoxidil may slow hair loss in some people, and it needs to be used continuously.",
    "A hair transplant leaves small scars that are usually hidden by surrounding hair.",
    "Hair transplants are not suitable for everyone, and some people need a second procedure.",
    "Transplanted hair can take up to a year to grow, and results vary.",
    "Finasteride is a prescription medicine and can have side effects; your doctor will discuss them.",
    "Weight-loss medicines work best alongside a reduced-calorie diet and more exercise.",
    "Most people regain some weight after stopping weight-loss injections.",
    "Weight-loss injections can cause nausea, constipation and, rarely, pancreatitis.",
    "No jab melts fat without diet or exercise; weight-loss medicines work alongside both.",
    "We will check your BMI and medical history before prescribing.",
    "A safe rate of weight loss for most people is about 0.5 to 1 kg a week.",
    "Most people lose a dress size over two or three months, if at all.",
    "Your liver and kidneys remove waste from your body; no detox product is needed.",
    "Our private GPs can refer you to a specialist if needed.",
    "A health check cannot rule out every illness.",
    "Your GP may arrange blood tests to rule out any other cause of your tiredness.",
    "No screening test picks up every cancer, and some results are false alarms.",
    "A health MOT can find some problems early, but it cannot find everything.",
    "Regular dental check-ups help us pick up any problems early.",
    "Full-body scans can find harmless changes that lead to unnecessary tests.",
    "Appointments are available on the same day, subject to availability.",
    "Our GPs are registered with the General Medical Council.",
    "Our clinic is registered with the Care Quality Commission and is not part of the NHS.",
    "We also see NHS patients for cataract surgery under contract with the local health board.",
    "Prices include your consultation but not any tests your GP recommends.",
    "Most people get all the vitamins they need from a balanced diet.",
    "Vitamin D supplements are recommended for everyone in the UK during autumn and winter.",
    "Supplements should not replace a varied diet.",
    "Liposuction carries risks, including bruising, swelling and, rarely, infection.",
    "Our prices include a free follow-up appointment two weeks after treatment.",
    "Please bring a list of any medicines you take to your first appointment.",
    "We are open late on Thursdays for working parents.",
    "All our practitioners are insured and registered with their professional body.",
    "There is no good evidence that vitamin C prevents colds.",
    "Speak to your GP or pharmacist before taking supplements if you take other medicines.",
    "Folic acid is recommended before pregnancy and for the first 12 weeks.",
    "Haemorrhoids often get better on their own within a few days.",
    "Banding for haemorrhoids can be uncomfortable for a day or two.",
    "Most people have no pain and swelling after the first day.",
    "Serious side effects and complications are rare, but they can happen.",
    "Few people get through an extraction without any discomfort, so we numb the area first.",
    "Registering with our practice is quick and painless.",
    "Paying is quick, painless and secure.",
    "Laser eye surgery is not suitable for everyone; we will assess your eyes first.",
    "Laser eye surgery cannot give everyone perfect vision, and some people still need reading glasses.",
    "IVF does not work for every couple, and many need more than one cycle.",
    "Many patients notice an improvement after a few weeks, but this is not guaranteed.",
    "Ask your pharmacist whether this cream is suitable for your skin.",
    "Your GP may recommend a vitamin D supplement in winter.",
    "Our dentists recommend brushing twice a day with a fluoride toothpaste.",
    "Pain-free? Not quite: most people feel some discomfort.",
    "No side effects? Every medicine has some.",
    "Risk-free? Every procedure carries some risk, and we will explain them.",
    "Risk-free? Any injection can cause infection, though it is rare.",
    "We do not claim that our treatments are pain-free.",
    "Results vary, and the photos show individual patients, not typical results.",
    "Not everyone gets the same result, so we will talk you through what is realistic for you.",
    "You will feel like yourself again within a few days.",
    "Our fees are listed in full on our prices page.",
    "Our clinic is on Harley Street and open six days a week.",
    "Laser hair removal reduces hair growth, but most people need top-up sessions.",
    "Acne treatments can take eight to twelve weeks to work.",
    "Eczema cannot be cured, but treatment can help keep it under control.",
    "A hair transplant is not always the last treatment you will ever need; many people also take medicine.",
]


# Feature lists and headings, checked as Markdown pages.
OVERCLAIMING_PAGES = [
    ("## Why choose our clinic?\n\n- Painless\n- No downtime\n- Natural results\n", "painless-label"),
    ("# Laser hair removal\n\n## Completely pain-free\n\nBook a patch test today.\n", "painless-label"),
]

HONEST_PAGES = [
    "## Painless?\n\nMost people feel a sharp scratch, and we can use numbing cream first.\n",
    "## Is it painless?\n\nNot quite: most people feel some pressure.\n",
    "- Painless online booking\n- Free parking\n",
]


@pytest.mark.parametrize(("text", "rule"), OVERCLAIMS)
def test_a_british_overclaim_is_reported_by_its_rule(text: str, rule: str) -> None:
    assert rule in {f.rule for f in lint_text(text)}


@pytest.mark.parametrize("text", HONEST)
def test_honest_british_copy_is_not_reported(text: str) -> None:
    assert [(f.rule, f.text) for f in lint_text(text)] == []


@pytest.mark.parametrize(("page", "rule"), OVERCLAIMING_PAGES)
def test_a_british_overclaim_in_a_list_or_heading_is_reported(page: str, rule: str) -> None:
    assert rule in {f.rule for f in lint_text(page, "page.md")}


@pytest.mark.parametrize("page", HONEST_PAGES)
def test_an_honest_british_list_or_heading_is_not_reported(page: str) -> None:
    assert [(f.rule, f.text) for f in lint_text(page, "page.md")] == []


def test_british_copy_figures(report_figure: Callable[[str], None]) -> None:
    caught = [text for text, rule in OVERCLAIMS if rule in {f.rule for f in lint_text(text)}]
    flagged = [text for text in HONEST if lint_text(text)]
    report_figure(
        f"tests/test_british_copy.py: {len(caught)}/{len(OVERCLAIMS)} overclaims reported by their rule, "
        f"{len(flagged)} of {len(HONEST)} honest sentences reported"
    )
    assert len(OVERCLAIMS) >= 100 and len(HONEST) >= 60
    assert (len(caught), flagged) == (len(OVERCLAIMS), [])


def test_a_massage_said_to_speed_healing_is_not_answered_with_peptides() -> None:
    (finding,) = [
        f for f in lint_text("Our sports massage heals injuries twice as fast.") if f.rule == "accelerated-healing"
    ]
    assert "massage" in finding.message
    assert not [s for s in finding.suggestions if "BPC-157" in s], finding.suggestions
