"""A deterministic corpus of clinic web copy for the benchmark.

Pages are Markdown (with front matter, lists, tables, links, code fences) and
HTML (head with meta tags, scripts and styles, navigation, sections, entities),
2 KB to 200 KB, built from the templates below with a seeded RNG. Most
sentences are honest copy; a share carry the overclaims medlint looks for,
some of them negated or hedged, so the rules have real work to do.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 4
MIN_BYTES = 2_000
MAX_BYTES = 200_000

TREATMENTS = [
    "stem cell therapy",
    "PRP injections",
    "platelet-rich plasma therapy",
    "physiotherapy",
    "spinal decompression",
    "radiofrequency ablation",
    "hyaluronic acid injections",
    "prolotherapy",
    "exosome therapy",
    "acupuncture",
    "sports massage",
    "shockwave therapy",
    "epidural steroid injections",
    "bone marrow concentrate injections",
    "chiropractic care",
    "hydrotherapy",
]
CONDITIONS = [
    "lower back pain",
    "sciatica",
    "a herniated disc",
    "knee osteoarthritis",
    "a rotator cuff tear",
    "tennis elbow",
    "plantar fasciitis",
    "degenerative disc disease",
    "spinal stenosis",
    "neck pain",
    "hip arthritis",
    "a torn meniscus",
    "Achilles tendinopathy",
    "chronic shoulder pain",
]
BODY = ["lower back", "knee", "shoulder", "hip", "neck", "elbow", "ankle", "wrist", "upper back", "heel"]
CLINICS = [
    "Harbourside Spine Centre",
    "Maple Grove Regenerative Clinic",
    "Northgate Joint & Sports Medicine",
    "Silverlake Pain Institute",
    "Cedar Hill Physiotherapy",
    "Bayview Orthobiologics",
    "Old Mill Musculoskeletal Clinic",
    "Kestrel Valley Health",
]
CITIES = ["Ashford", "Brookvale", "Carlow Bay", "Dunmore", "Eastwick", "Fairhaven", "Glenrock", "Hollins Ford"]
DOCTORS = ["Dr. Amara Okafor", "Dr. Lukas Brandt", "Dr. Priya Raman", "Dr. Tomas Ruiz", "Dr. Helen Marsh", "Dr. Wen Li"]
TIMES = ["two weeks", "six weeks", "three months", "a few days", "one to two weeks", "six to eight weeks"]
PRICES = ["$450", "$1,200", "$2,800", "$3,500", "$650 per session", "$5,000 for a full course"]

HONEST = [
    "Many people with {condition} find that {treatment} eases their symptoms, though results vary.",
    "Before recommending {treatment}, our team reviews your history and examines your {body}.",
    "Most patients return to light activity within {time}, but your own recovery depends on your health.",
    "{treatment} is not a cure for {condition}, and we will tell you if another option suits you better.",
    "We cannot guarantee results; what we can promise is a clear plan and a physician who answers your questions.",
    "Early studies suggest that {treatment} may help some people with {condition}, and larger trials are under way.",
    "Like any procedure, {treatment} carries risks: soreness, bruising and, rarely, infection.",
    "Your physician will explain the expected benefits and the possible side effects before you agree to anything.",
    "Appointments at {clinic} last about forty-five minutes, and you are welcome to bring a friend or relative.",
    "If your pain gets worse, spreads down a leg or comes with numbness, call us or your GP the same day.",
    "The treatment room is on the ground floor, and there is step-free access from the car park.",
    "Research on {treatment} for {condition} is still developing, so we review new evidence every year.",
    "A randomised trial (Okonkwo et al., 2021) reported modest improvements in pain scores after twelve weeks.",
    "We work alongside your GP and physiotherapist so that everyone involved in your care knows the plan.",
    "Some insurers cover part of the cost of {treatment}; our front desk can help you check your policy.",
    "{doctor} has treated people with {condition} for more than fifteen years and trained in sports medicine.",
    "Recovery after {treatment} usually involves a short rest, then a graded exercise plan tailored to your {body}.",
    "A typical course costs {price}, and we give you a written estimate before treatment begins.",
    "Exercise, weight management and good sleep all play a part in long-term joint health.",
    "It is normal to feel some stiffness in the {body} for a day or two after the session.",
    "We record your pain and function scores at each visit so that we can see whether the treatment is helping.",
    "Not everyone is a candidate: people with active infections or certain blood disorders may need another approach.",
    "Our clinic in {city} is open Monday to Saturday, with early appointments for people who work.",
    "The procedure uses a fine needle guided by ultrasound, so it is minimally invasive.",
    "Ask us about the evidence: we are happy to share the studies behind every treatment we offer.",
]
CLAIMS = [
    "Our non-invasive {treatment} is an injection that treats {condition} at its source.",
    "{treatment} has no side effects, so you can get back to your life straight away.",
    "Studies show that {treatment} works for almost everyone with {condition}.",
    "Because we use your own cells, there is no chance of rejection.",
    "With {treatment}, the risks of surgery are entirely avoided.",
    "{treatment} is 100% safe and completely painless.",
    "We guarantee results, or your next session is free.",
    "{treatment} cures {condition} for good.",
    "Clinically proven to regenerate damaged cartilage in the {body}.",
    "This miracle treatment restores your {body} to how it was in your twenties.",
    "Injected directly into the spinal cord, the cells rebuild worn discs.",
    "{treatment} is a risk-free alternative to surgery.",
    "Unlike surgery, {treatment} permanently eliminates pain in the {body}.",
    "Thousands of satisfied patients prove that {treatment} works.",
    "Our sperm cells treatment helps the body heal {condition} naturally.",
]
HEADINGS = [
    "What is {treatment}?",
    "How {treatment} works",
    "Who can benefit?",
    "What to expect at your visit",
    "Recovery and aftercare",
    "Risks and side effects",
    "What does the research say?",
    "Costs and insurance",
    "Meet {doctor}",
    "Frequently asked questions",
    "Treating {condition} in {city}",
    "Why patients choose {clinic}",
]
LIST_ITEMS = [
    "A consultation with {doctor}",
    "Ultrasound-guided injection of the {body}",
    "A written aftercare plan",
    "Follow-up call after {time}",
    "Bring your recent scans and a list of medicines",
    "Wear loose clothing that gives access to the {body}",
    "Avoid anti-inflammatory tablets for a few days unless your doctor advises otherwise",
    "Free parking behind the clinic",
    "Guaranteed pain relief from the first session",
    "No downtime and no side effects",
]
TESTIMONIALS = [
    "After {time} I could walk the dog again without stopping. - a patient treated for {condition}",
    "The team explained every step and never rushed me. - a patient from {city}",
    "My {body} finally feels like mine again, it's a miracle cure! - a patient treated with {treatment}",
]
CODE_SNIPPETS = [
    'const booking = { clinic: "{clinic}", service: "{treatment}", guaranteed: true };',
    "{% include 'booking-widget.html' with service='{treatment}' %}",
    '<iframe src="https://maps.example.org/embed?q={city}" loading="lazy"></iframe>',
]
WORDS = tuple(
    [
        "the",
        "a",
        "of",
        "and",
        "to",
        "in",
        "is",
        "with",
        "for",
        "your",
        "our",
        "on",
        "at",
        "as",
        "by",
        "we",
        "you",
        "it",
        "this",
        "that",
        "from",
        "be",
        "are",
        "can",
    ]
)


@dataclass(frozen=True)
class CorpusInfo:
    """Where a generated corpus lives and what it holds."""

    root: Path
    files: int
    total_bytes: int
    shards: tuple[Path, ...]


class _Writer:
    """Fills templates from a seeded RNG, so the same seed gives the same corpus."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.page_treatment = ""
        self.page_condition = ""

    def fill(self, template: str) -> str:
        rng = self.rng
        values = {
            "treatment": self.page_treatment if rng.random() < 0.6 else rng.choice(TREATMENTS),
            "condition": self.page_condition if rng.random() < 0.6 else rng.choice(CONDITIONS),
            "body": rng.choice(BODY),
            "clinic": rng.choice(CLINICS),
            "city": rng.choice(CITIES),
            "doctor": rng.choice(DOCTORS),
            "time": rng.choice(TIMES),
            "price": rng.choice(PRICES),
        }
        text = template
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text[0].upper() + text[1:]

    def sentence(self, claim_rate: float = 0.08) -> str:
        rng = self.rng
        if rng.random() < claim_rate:
            text = self.fill(rng.choice(CLAIMS))
        elif rng.random() < 0.25:
            # Filler prose: realistic length without repeating the same sentences.
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
            words[rng.randrange(len(words))] = rng.choice(TREATMENTS).split()[0]
            text = " ".join(words).capitalize() + "."
        else:
            text = self.fill(rng.choice(HONEST))
        if rng.random() < 0.05:
            text = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
        return text

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 7)))


def _markdown_page(writer: _Writer, target: int) -> str:
    rng = writer.rng
    title = writer.fill("{treatment} for {condition} | {clinic}")
    parts = [
        "---",
        f'title: "{title}"',
        f'description: "{writer.sentence()}"',
        f"layout: {rng.choice(['service', 'post', 'landing'])}",
        f"date: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "tags: [spine, regenerative, " + rng.choice(["knee", "back", "shoulder"]) + "]",
        "---",
        "",
        f"# {title.split(' | ')[0]}",
        "",
        writer.paragraph(),
        "",
    ]
    size = sum(len(p) + 1 for p in parts)
    while size < target:
        block = _markdown_section(writer)
        parts.append(block)
        size += len(block) + 1
    return "\n".join(parts) + "\n"


def _markdown_section(writer: _Writer) -> str:
    rng = writer.rng
    lines = [f"## {writer.fill(rng.choice(HEADINGS))}", ""]
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.55:
            paragraph = writer.paragraph()
            if rng.random() < 0.3:
                link = f"https://example.org/guides/{rng.randint(1, 999)}"
                paragraph += f" Read more in [our guide to {rng.choice(BODY)} care]({link})."
            if rng.random() < 0.2:
                paragraph = paragraph.replace(" the ", " **the** ", 1).replace(" your ", " *your* ", 1)
            lines += [paragraph, ""]
        elif choice < 0.72:
            marker = rng.choice(["-", "*", "1."])
            lines += [f"{marker} {writer.fill(rng.choice(LIST_ITEMS))}" for _ in range(rng.randint(3, 7))] + [""]
        elif choice < 0.8:
            lines += [f"> {writer.fill(rng.choice(TESTIMONIALS))}", ""]
        elif choice < 0.87:
            lines += ["| Treatment | Typical recovery | Cost |", "| --- | --- | --- |"]
            lines += [
                f"| {rng.choice(TREATMENTS)} | {rng.choice(TIMES)} | {rng.choice(PRICES)} |" for _ in range(3)
            ] + [""]
        elif choice < 0.93:
            lines += ["```html", writer.fill(rng.choice(CODE_SNIPPETS)), "```", ""]
        else:
            lines += [
                f"![{writer.fill('A physician examining a patient’s {body}')}](/img/{rng.randint(1, 99)}.jpg)",
                "",
            ]
    return "\n".join(lines)


def _html_page(writer: _Writer, target: int) -> str:
    rng = writer.rng
    title = writer.fill("{treatment} for {condition} | {clinic}").replace("&", "&amp;")
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '  <meta charset="utf-8">',
        f"  <title>{title}</title>",
        f'  <meta name="description" content="{writer.sentence()}">',
        '  <link rel="stylesheet" href="/css/site.css">',
        "  <style>body { font-family: sans-serif; } .badge { color: #0a6; }</style>",
        '  <script type="application/ld+json">{"@type": "MedicalClinic", "name": "'
        + rng.choice(CLINICS).replace("&", "and")
        + '"}</script>',
        "</head>",
        "<body>",
        '  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/treatments">Treatments</a></li>'
        '<li><a href="/contact">Contact</a></li></ul></nav></header>',
        "  <main>",
        f"    <h1>{title.split(' | ')[0]}</h1>",
        f"    <p>{writer.paragraph()}</p>",
    ]
    tail = [
        "  </main>",
        f"  <footer><p>&copy; 2024 {rng.choice(CLINICS).replace('&', '&amp;')}. All rights reserved.</p></footer>",
        '  <script>document.querySelectorAll("a").forEach(function (a) { a.rel = "noopener"; });</script>',
        "</body>",
        "</html>",
    ]
    parts = list(head)
    size = sum(len(p) + 1 for p in head + tail)
    while size < target:
        block = _html_section(writer)
        parts.append(block)
        size += len(block) + 1
    return "\n".join(parts + tail) + "\n"


def _html_section(writer: _Writer) -> str:
    rng = writer.rng
    lines = ["    <section>", f"      <h2>{writer.fill(rng.choice(HEADINGS))}</h2>"]
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if choice < 0.55:
            paragraph = writer.paragraph().replace("&", "&amp;")
            if rng.random() < 0.3:
                paragraph += f' See <a href="/guides/{rng.randint(1, 999)}">our {rng.choice(BODY)} guide</a>.'
            if rng.random() < 0.2:
                paragraph = paragraph.replace(" the ", " <strong>the</strong> ", 1).replace(" your ", " <em>your</em> ")
            if rng.random() < 0.1:
                paragraph = paragraph.replace(". ", ".&nbsp;", 1)
            lines.append(f"      <p>{paragraph}</p>")
        elif choice < 0.72:
            items = "".join(f"<li>{writer.fill(rng.choice(LIST_ITEMS))}</li>" for _ in range(rng.randint(3, 7)))
            lines.append(f"      <ul>{items}</ul>")
        elif choice < 0.8:
            lines.append(f"      <blockquote><p>{writer.fill(rng.choice(TESTIMONIALS))}</p></blockquote>")
        elif choice < 0.87:
            rows = "".join(
                f"<tr><td>{rng.choice(TREATMENTS)}</td><td>{rng.choice(TIMES)}</td><td>{rng.choice(PRICES)}</td></tr>"
                for _ in range(3)
            )
            lines.append(f"      <table><tr><th>Treatment</th><th>Recovery</th><th>Cost</th></tr>{rows}</table>")
        elif choice < 0.93:
            lines.append(f"      <!-- {writer.sentence(claim_rate=0.5)} -->")
        else:
            alt = writer.fill("A physician examining a patient's {body}")
            lines.append(f'      <img src="/img/{rng.randint(1, 99)}.jpg" alt="{alt}">')
    lines.append("    </section>")
    return "\n".join(lines)


def page_size(rng: random.Random) -> int:
    """Log-normal sizes (median about 12 KB), clipped to the 2 KB-200 KB range."""
    return int(min(MAX_BYTES, max(MIN_BYTES, math.exp(rng.gauss(math.log(12_000), 1.0)))))


def generate(root: Path, files: int = 2400, seed: int = 7, shards: int = 8) -> CorpusInfo:
    """Write the corpus under ``root`` (skipped when a matching one is already there)."""
    stamp = {"version": GENERATOR_VERSION, "files": files, "seed": seed, "shards": shards}
    stamp_file = root / "corpus.json"
    if stamp_file.is_file():
        saved = json.loads(stamp_file.read_text())
        if saved.get("stamp") == stamp:
            return _info(root, saved)
    rng = random.Random(seed)
    writer = _Writer(rng)
    total = 0
    digest = hashlib.sha256()
    shard_dirs = [root / f"shard-{i:02d}" for i in range(shards)]
    for folder in shard_dirs:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
    for index in range(files):
        writer.page_treatment = rng.choice(TREATMENTS)
        writer.page_condition = rng.choice(CONDITIONS)
        # A few pages at the top of the range, so the largest size is always exercised.
        target = MAX_BYTES - 5_000 if index % 400 == 17 else page_size(rng)
        build: Callable[[_Writer, int], str]
        if rng.random() < 0.55:
            build, suffix = _markdown_page, "md"
        else:
            build, suffix = _html_page, "html"
        text = build(writer, target)
        data = text.encode("utf-8")
        slug = writer.page_treatment.lower().replace(" ", "-")
        (shard_dirs[index % shards] / f"{index:05d}-{slug}.{suffix}").write_bytes(data)
        total += len(data)
        digest.update(data)
    saved = {"stamp": stamp, "files": files, "bytes": total, "sha256": digest.hexdigest()}
    stamp_file.write_text(json.dumps(saved, indent=2))
    return _info(root, saved)


def _info(root: Path, saved: dict[str, object]) -> CorpusInfo:
    shards = tuple(sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("shard-")))
    files = saved["files"]
    total = saved["bytes"]
    assert isinstance(files, int) and isinstance(total, int)
    return CorpusInfo(root=root, files=files, total_bytes=total, shards=shards)


def big_page(size: int, seed: int = 11) -> str:
    """One Markdown page of about ``size`` characters (for the 5 MB / 50 MB runs)."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    writer.page_treatment, writer.page_condition = TREATMENTS[0], CONDITIONS[0]
    return _markdown_page(writer, size)


def stress_rules(count: int = 150, seed: int = 5) -> str:
    """A synthetic rule pack shaped like real ones: phrases, regexes, negation, conditions.

    Used to see how the machinery scales with the number of rules, whatever the
    shipped packs hold at the time.
    """
    rng = random.Random(seed)
    nouns = sorted({w.strip(".,").lower() for s in HONEST + CLAIMS for w in s.split() if w.isalpha() and len(w) > 3})
    lines = [
        "pack: bench-stress",
        "description: Synthetic rules for the benchmark.",
        "patterns:",
        "  cite: '\\(\\w+(?: et al\\.)?,? \\d{4}\\)|\\[\\d+\\]'",
        "rules:",
    ]
    for index in range(count):
        words = rng.sample(nouns, 3)
        rule = [
            f"  - id: stress-{index:03d}",
            f"    category: {rng.choice(['efficacy', 'absolute-safety', 'evidence', 'editorial'])}",
            "    message: \"'{match}' (synthetic rule)\"",
        ]
        shape = index % 5
        if shape == 0:
            rule.append(f"    phrases: ['{words[0]} {words[1]}', '{words[1]}-{words[2]}', '{words[2]} of {words[0]}']")
        elif shape == 1:
            rule.append(f"    phrases: ['{words[0]} {words[1]}']")
            rule.append("    negation: true")
        elif shape == 2:
            rule.append(f"    patterns: ['{words[0]}\\s+(?:\\w+\\s+){{0,3}}{words[1]}']")
            rule.append("    hedges: true")
        elif shape == 3:
            rule.append(f"    phrases: ['{words[0]} {words[2]}', '{words[1]} {words[2]}']")
            rule.append("    unless: [{pattern: '{@cite}', within: paragraph}]")
        else:
            rule.append(f"    patterns: ['(?:fully|completely|totally)\\s+{words[0]}', '{words[1]}s?\\s+{words[2]}']")
            rule.append(f"    only_if: [{{phrases: ['{words[2]}'], within: document}}]")
        lines += rule
    return "\n".join(lines) + "\n"
