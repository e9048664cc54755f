"""Inline suppressions, in each format's comment syntax, driven through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import APPROVAL_RULE, CORE_RULES, RunCli, write

from medlint import lint_paths, lint_text
from medlint.config import load_config


def _findings(run_cli: RunCli, config: Path, *args: str) -> list[tuple[str, int, int]]:
    result = run_cli("check", "--config", str(config), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_disable_next_line_hides_only_the_next_line(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        # Reviews

        <!-- medlint-disable-next-line miracle-cure -- a patient's words, quoted as written -->
        "It was a miracle cure," one patient wrote.

        Ours is a miracle cure too.
        """,
    )
    assert _findings(run_cli, core_config, str(page)) == [("miracle-cure", 6, 11)]


def test_next_line_skips_blank_lines(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        <!-- medlint-disable-next-line miracle-cure -- quoted from a review -->

        A miracle cure, she said.
        A miracle cure, he said.
        """,
    )
    assert _findings(run_cli, core_config, str(page)) == [("miracle-cure", 4, 3)]


def test_a_region_runs_from_disable_to_enable(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.html",
        """\
        <p>A miracle cure.</p>
        <!-- medlint-disable miracle-cure,terminology -- the 1998 brochure, reproduced as an archive -->
        <p>A miracle cure made of sperm cells.</p>
        <p>Another miracle cure.</p>
        <!-- medlint-enable miracle-cure -->
        <p>A miracle cure from sperm cells.</p>
        """,
    )
    # The enable ends only miracle-cure: terminology stays off to the end of the file.
    assert _findings(run_cli, core_config, str(page)) == [("miracle-cure", 1, 6), ("miracle-cure", 6, 6)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("page.mdx", "{/* medlint-disable-next-line efficacy -- quoted from the trial's title */}\nA miracle cure?\n"),
        ("page.txt", "# medlint-disable-next-line core-test -- quoted from the trial's title\nA miracle cure?\n"),
        ("page.md", "<!-- medlint-disable-next-line ALL -- quoted from the trial's title -->\nA miracle cure?\n"),
    ],
)
def test_each_format_has_its_comment_and_rules_are_named_by_id_pack_category_or_all(
    run_cli: RunCli, core_config: Path, tmp_path: Path, name: str, text: str
) -> None:
    page = write(tmp_path / name, text)
    assert _findings(run_cli, core_config, str(page)) == []


def test_a_phrase_inside_a_plain_text_directive_is_not_a_claim(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = write(
        tmp_path / "page.txt",
        "# medlint-disable-next-line miracle-cure -- the book is called 'The miracle cure myth'\n"
        "Read 'The miracle cure myth' (2019).\n",
    )
    assert _findings(run_cli, core_config, str(page)) == []


@pytest.mark.parametrize("action", ["disable", "disable-next-line"])
def test_a_plain_text_directive_is_not_part_of_the_next_lines_sentence(tmp_path: Path, action: str) -> None:
    # Were it prose, its "no-side-effects" would run into the claim below and deny it: the claim would
    # go unreported, and the suppression be called unused.
    text = f"# medlint-{action} no-side-effects -- quoted\nPRP has no side effects.\n"
    assert {f.rule for f in lint_text(text, "page.txt")} & {"no-side-effects", "unused-suppression"} == set()
    # A directive for another rule leaves the claim to be reported, on its own line.
    other = text.replace("no-side-effects --", "no-side-effects-vs-risks --")
    assert [(f.rule, f.line) for f in lint_text(other, "page.txt") if f.rule == "no-side-effects"] == [
        ("no-side-effects", 2)
    ]


def test_a_suppression_without_reason_is_reported_and_still_hides(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = write(tmp_path / "page.md", "Intro.\n\n<!-- medlint-disable-next-line miracle-cure -->\nA miracle cure.\n")
    result = run_cli("check", "--config", str(core_config), "--no-color", str(page))
    assert result.exit_code == 1
    assert f"{page}:3:1: warning [suppression-missing-reason]" in result.stdout
    assert "miracle-cure]" not in result.stdout


@pytest.mark.parametrize(
    ("name", "directive", "suggested"),
    [
        (
            "page.md",
            "<!-- medlint-disable-next-line miracle-cure -->",
            "<!-- medlint-disable-next-line miracle-cure -- why this wording is justified here -->",
        ),
        (
            "page.mdx",
            "{/* medlint-disable-next-line miracle-cure */}",
            "{/* medlint-disable-next-line miracle-cure -- why this wording is justified here */}",
        ),
        (
            "page.txt",
            "# medlint-disable-next-line miracle-cure",
            "# medlint-disable-next-line miracle-cure -- why this wording is justified here",
        ),
    ],
)
def test_a_missing_reason_is_suggested_in_the_files_own_comment_syntax(
    name: str, directive: str, suggested: str
) -> None:
    text = f"Intro.\n\n{directive}\nA miracle cure, one patient wrote.\n"
    [finding] = [f for f in lint_text(text, name) if f.rule == "suppression-missing-reason"]
    assert finding.suggestions == (suggested,)


def test_a_suppression_that_hides_nothing_is_reported(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        <!-- medlint-disable-next-line miracle-cure -- was a quote, since reworded -->
        A promising treatment.

        <!-- medlint-disable-next-line miracle-cures -- typo in the rule id -->
        A miracle cure.

        <!-- medlint-enable sperm-cells -->

        <!-- medlint-disable-next-line testimonial -- nothing is spelt like it -->
        A happy patient.
        """,
    )
    result = run_cli("check", "--config", str(core_config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("unused-suppression", 1, "No 'miracle-cure' finding on the next line; this suppression hides nothing."),
        (
            "unused-suppression",
            4,
            "'miracle-cures' names no rule, pack or category in force; this suppression hides nothing. "
            "Did you mean 'miracle-cure'?",
        ),
        ("miracle-cure", 5, "'miracle cure' promises a cure no treatment can promise."),
        (
            "unused-suppression",
            7,
            "'medlint-enable sperm-cells' ends nothing: no 'medlint-disable' above is open for it.",
        ),
        (
            "unused-suppression",
            9,
            "'testimonial' names no rule, pack or category in force; this suppression hides nothing.",
        ),
    ]


def test_only_the_unused_rule_of_a_list_is_reported(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        "<!-- medlint-disable-next-line miracle-cure, sperm-cells -- quoted -->\nA miracle cure.\n",
    )
    result = run_cli("check", "--config", str(core_config), "--format", "json", str(page))
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("unused-suppression", 1, 1)
    assert "'sperm-cells'" in finding["message"]


def test_comments_in_code_are_examples_not_directives(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        To excuse a quote, write `<!-- medlint-disable-next-line miracle-cure -- why -->` above it:

        ```html
        <!-- medlint-disable-next-line miracle-cure -- why -->
        ```
        A miracle cure.

            <!-- medlint-disable ALL -- indented code -->
        A miracle cure.
        """,
    )
    assert _findings(run_cli, core_config, str(page)) == [("miracle-cure", 6, 3), ("miracle-cure", 9, 3)]


def test_a_suppression_in_a_footnotes_later_paragraph_hides_the_line_after_it(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    # A footnote's later paragraphs are indented four spaces: code to CommonMark, prose to readers
    # (and to medlint), so a comment there is a directive; a code span in them is still an example.
    page = write(
        tmp_path / "page.md",
        """\
        Most patients recover within a week.[^1]

        [^1]: From our 2023 patient survey.

            <!-- medlint-disable-next-line miracle-cure -- a patient's words, quoted as written -->
            "A miracle cure," one patient wrote.

            Write `<!-- medlint-disable-next-line miracle-cure -- why -->` to excuse a quote.
            Another called it a miracle cure.
        """,
    )
    assert _findings(run_cli, core_config, str(page)) == [("miracle-cure", 9, 25)]


def test_html_comments_inside_scripts_are_not_directives(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.html",
        "<script>const note = '<!-- medlint-disable ALL -- not a comment -->';</script>\n<p>A miracle cure.</p>\n",
    )
    assert _findings(run_cli, core_config, str(page)) == [("miracle-cure", 2, 6)]


def test_not_suppressible_rules_keep_their_findings(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "rules.yaml", CORE_RULES)
    config = write(
        tmp_path / ".medlint.yaml",
        "builtin_rules: false\nrules: [rules.yaml]\nnot_suppressible: [efficacy]\n",
    )
    page = write(
        tmp_path / "page.md",
        """\
        <!-- medlint-disable-next-line miracle-cure -- marketing insists -->
        A miracle cure made of sperm cells.

        <!-- medlint-disable-next-line core-test -- marketing insists -->
        A miracle cure made of sperm cells.

        <!-- medlint-disable-next-line miracle-cure -- in case marketing insists -->
        Fine words.
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("suppression-not-allowed", 1),
        ("miracle-cure", 2),
        ("sperm-cells", 2),
        ("suppression-not-allowed", 4),
        ("miracle-cure", 5),
        ("suppression-not-allowed", 7),
    ]
    messages = [f["message"] for f in json.loads(result.stdout)["findings"] if f["rule"].startswith("suppression")]
    stays = "'miracle-cure' cannot be suppressed (not_suppressible in the config); the finding stays."
    # With no finding there, nothing stays: the suppression is wrong all the same.
    hides_nothing = (
        "'miracle-cure' cannot be suppressed (not_suppressible in the config); this suppression can hide nothing."
    )
    assert messages == [stays, stays, hides_nothing]


def test_suppression_rules_are_listed_and_can_be_ignored_or_regraded(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    listing = json.loads(run_cli("rules", "--config", str(core_config), "--format", "json").stdout)
    assert {"suppression-missing-reason", "unused-suppression", "suppression-not-allowed"} <= {r["id"] for r in listing}
    page = write(tmp_path / "page.md", "<!-- medlint-disable-next-line miracle-cure -- stale -->\nFine words.\n")
    assert run_cli("check", "--config", str(core_config), str(page)).exit_code == 1
    assert run_cli("check", "--config", str(core_config), "--ignore", "suppression", str(page)).exit_code == 0
    regraded = write(
        tmp_path / "strict.yaml",
        "builtin_rules: false\nrules: [rules.yaml]\nseverity: {unused-suppression: error}\n",
    )
    result = run_cli("check", "--config", str(regraded), "--fail-on", "error", "--no-color", str(page))
    assert result.exit_code == 1 and "error [unused-suppression]" in result.stdout


def test_a_suppression_cannot_hide_a_suppression_finding(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        "<!-- medlint-disable suppression -- hide them all -->\n<!-- medlint-disable-next-line miracle-cure -->\nOk.\n",
    )
    rules = [r for r, _, _ in _findings(run_cli, core_config, str(page))]
    assert "suppression-missing-reason" in rules and "unused-suppression" in rules


def test_run_level_findings_are_suppressed_after_the_run(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "rules.yaml", APPROVAL_RULE)
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    first = write(tmp_path / "plans.md", "<!-- medlint-disable-next-line regulatory -- x -->\nWe plan FDA approval.\n")
    second = write(tmp_path / "history.md", "The first device was FDA approved.\n")
    third = write(tmp_path / "today.md", "Our treatment is not approved by the FDA.\n")
    found = _findings(run_cli, config, str(first), str(second), str(third))
    # Each page's statement is reported; the suppression hides nothing on its page, and says so.
    assert ("approval-status", 1, 22) in found and ("approval-status", 1, 18) in found
    assert ("unused-suppression", 1, 1) in found


def test_a_suppressed_statement_is_not_compared_with_other_pages(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "rules.yaml", APPROVAL_RULE)
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    quoted = write(
        tmp_path / "history.md",
        "<!-- medlint-disable-next-line approval-status -- describes the 2015 device, since withdrawn -->\n"
        "The first device was FDA approved.\n",
    )
    region = write(
        tmp_path / "press.md",
        "<!-- medlint-disable regulatory -- headlines, quoted as printed -->\n"
        '"Stem cell jab FDA approved", said one paper.\n<!-- medlint-enable regulatory -->\n',
    )
    today = write(tmp_path / "today.md", "Our treatment is not approved by the FDA.\n")
    # The quoted statements are not the site's: nothing disagrees, and both suppressions hid something.
    assert _findings(run_cli, config, str(quoted), str(region), str(today)) == []
    # Compared against as part of the site (--site), they are not the site's either.
    result = run_cli("check", "--config", str(config), "--site", str(tmp_path), "--format", "json", str(today))
    assert json.loads(result.stdout)["findings"] == []


@pytest.mark.parametrize("suppressed", [0, 1])
def test_a_suppressed_statement_does_not_contradict_the_rest_of_its_page(tmp_path: Path, suppressed: int) -> None:
    statements = ["Our injection has no side effects.", "Results vary; risks include infection."]
    quiet = "<!-- medlint-disable-next-line ALL -- quoted from a 2015 leaflet -->\n"
    lines = [quiet + s if i == suppressed else s for i, s in enumerate(statements)]
    findings = lint_text("\n\n".join(lines) + "\n", "page.md")
    # Each statement points at the other; with one suppressed, neither is reported, and the suppression hid something.
    rules = {f.rule for f in findings}
    assert "no-side-effects-vs-risks" not in rules and "unused-suppression" not in rules
    assert "no-side-effects-vs-risks" in {f.rule for f in lint_text("\n\n".join(statements) + "\n", "page.md")}


def test_the_statements_a_suppression_leaves_are_paired_among_themselves() -> None:
    text = (
        "PRP has no side effects.\n\n"
        "<!-- medlint-disable-next-line no-side-effects-vs-risks -- quoted -->\n"
        "Like any injection, the risks include infection.\n\n"
        "Side effects may include soreness.\n"
    )
    pairs = [(f.line, f.related[0].line) for f in lint_text(text, "page.md") if f.rule == "no-side-effects-vs-risks"]
    # The suppressed line 4 was the nearest statement against line 1: line 6 answers it instead.
    assert pairs == [(1, 6), (6, 1)]


def test_suppressed_spellings_do_not_count_towards_the_pages_spelling(run_cli: RunCli, tmp_path: Path) -> None:
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: plasma-spelling
            kind: consistency
            category: consistency
            message: "Write the term one way throughout the page."
            forms: [[PRP], [platelet-rich plasma]]
        """,
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = write(
        tmp_path / "page.md",
        """\
        Platelet-rich plasma is drawn from your blood.

        PRP is then injected into the tendon.

        PRP may ease tendon pain.

        <!-- medlint-disable plasma-spelling -- the papers' titles, as published -->
        We read "Platelet-rich plasma in tendons" and "Platelet-rich plasma in knees".
        <!-- medlint-enable plasma-spelling -->
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["text"]) for f in json.loads(result.stdout)["findings"]]
    # The page writes PRP twice and the long form once: the quoted titles would have made the long form win.
    assert found == [("plasma-spelling", 1, "Platelet-rich plasma")]


def test_a_fact_stated_in_accepted_wording_is_not_compared(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "rules.yaml", APPROVAL_RULE)
    config = write(
        tmp_path / ".medlint.yaml",
        'builtin_rules: false\nrules: [rules.yaml]\naccept: ["the laser we use is FDA approved"]\n',
    )
    laser = write(tmp_path / "laser.md", "For scars, the laser we use is FDA approved.\n")
    today = write(tmp_path / "today.md", "Our stem cell treatment is not approved by the FDA.\n")
    assert _findings(run_cli, config, str(laser), str(today)) == []


def test_plain_text_directives_work_with_windows_line_endings(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = write(
        tmp_path / "page.txt",
        """\
        # medlint-disable-next-line miracle-cure -- quoted from the trial's title
        A miracle cure?
        A miracle cure.
        """,
        newline="\r\n",
    )
    assert _findings(run_cli, core_config, str(page)) == [("miracle-cure", 3, 3)]


def test_the_suppression_rules_explain_themselves_and_their_examples_hold(run_cli: RunCli) -> None:
    from medlint.rule_tests import run_examples
    from medlint.suppressions import SUPPRESSION_RULES

    results = run_examples(SUPPRESSION_RULES)
    assert results and all(r.passed for r in results), [r.describe() for r in results if not r.passed]
    explained = run_cli("explain", "suppression-missing-reason")
    assert explained.exit_code == 0
    assert "## suppression-missing-reason" in explained.stdout and "compliance officer" in explained.stdout


def test_a_page_level_need_skips_a_suppressed_claim_and_is_reported_at_the_next() -> None:
    # The quoted claim is the page's first; hiding the need there hid it for the whole page.
    page = (
        "# Knee care\n\n"
        "<!-- medlint-disable-next-line ALL -- a claim we quote to rebut it -->\n"
        '"PRP is a miracle cure."\n\n'
        "Our PRP injections heal knees.\n"
    )

    needs = [f for f in lint_text(page, "page.md") if f.rule == "outcome-claims-need-disclaimers"]

    assert [(f.line, f.text) for f in needs] == [(6, "heal")]


@pytest.mark.parametrize("then", ["", "Our PRP injections heal knees.\n"])
def test_a_claim_suppressed_for_its_own_pack_does_not_make_the_page_need_a_disclaimer(then: str) -> None:
    # The suppression names the claims pack only, yet the quote is no more the page's for the
    # disclaimer rule (consistency pack) than for the rules it names.
    page = (
        "# Knee care\n\n"
        "<!-- medlint-disable-next-line claims -- the headline we quote, to rebut it -->\n"
        '"PRP is a miracle cure," said the headline.\n\n' + then
    )

    findings = lint_text(page, "page.md")

    assert [(f.rule, f.line, f.text) for f in findings if f.rule != "complete-healing"] == (
        [("outcome-claims-need-disclaimers", 6, "heal")] if then else []
    )


def test_a_denial_suppressed_for_its_own_rule_does_not_contradict_the_rest_of_its_page() -> None:
    page = (
        "<!-- medlint-disable-next-line no-side-effects -- the 2015 leaflet, quoted -->\n"
        'The 2015 leaflet said "no side effects".\n\n'
        "Results vary; risks include infection.\n"
    )

    assert [f.rule for f in lint_text(page, "page.md")] == []


@pytest.mark.parametrize("suppressed", [True, False])
def test_a_statement_in_words_a_suppression_hides_for_another_rule_is_not_compared_with_other_pages(
    run_cli: RunCli, tmp_path: Path, suppressed: bool
) -> None:
    # The suppression names the claim rule, not the site rule that compares invasiveness: the old
    # brochure's words are a quote all the same, as they are when the page's own statements are weighed.
    # (A patient's testimonial would be left out of the comparison without a suppression.)
    directive = "<!-- medlint-disable-next-line non-invasive-injection -- our 2019 brochure, quoted -->\n"
    review = write(
        tmp_path / "site" / "reviews.md",
        "# Stem cell therapy\n\nOur 2019 brochure said:\n\n"
        + (directive if suppressed else "")
        + '"Stem cell injections are non-invasive and quick."\n',
    )
    therapy = write(
        tmp_path / "site" / "therapy.md", "# Stem cell injections\n\nStem cell injections are minimally invasive.\n"
    )
    config = write(tmp_path / ".medlint.yaml", "rules: []\n")

    compared = [
        (Path(f.path).name, f.line)
        for f in lint_paths([review, therapy], config=load_config(config)).findings
        if f.rule == "invasiveness"
    ]
    result = run_cli(
        "check", "--config", str(config), "--site", str(tmp_path / "site"), "--format", "json", str(therapy)
    )
    against_site = [f["line"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "invasiveness"]

    # The page that is right ("minimally invasive") is pointed to, not reported.
    assert compared == ([] if suppressed else [("reviews.md", 5)])
    assert against_site == []
    result = run_cli(
        "check", "--config", str(config), "--site", str(tmp_path / "site"), "--format", "json", str(review)
    )
    against_site = [f["line"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "invasiveness"]
    assert against_site == ([] if suppressed else [5])


@pytest.mark.parametrize("directive", ["disable-next-line", "disable"])
def test_a_suppression_that_keeps_a_page_from_needing_a_disclaimer_is_not_reported_unused(directive: str) -> None:
    # The suppression leaves the claim out of the page's needs, so no need is found: it did hide
    # one, and reporting it as hiding nothing asked the writer to delete the comment that works.
    page = (
        "# Knee care\n\n"
        f"<!-- medlint-{directive} outcome-claims-need-disclaimers -- the study's own summary, quoted -->\n"
        "PRP injections heal knees.\n"
    )

    rules = [f.rule for f in lint_text(page, "page.md")]

    assert "unused-suppression" not in rules and "outcome-claims-need-disclaimers" not in rules
    assert "outcome-claims-need-disclaimers" in [f.rule for f in lint_text(page.split("-->\n")[1], "page.md")]


@pytest.mark.parametrize(
    ("name", "text", "word"),
    [
        # ESLint's same-line form: the writer believes the claim is excused.
        (
            "page.md",
            "It has no side effects. <!-- medlint-disable-line no-side-effects -- quoted -->\n",
            "disable-line",
        ),
        ("page.html", "<!-- medlint-ignore no-side-effects -- quoted -->\n<p>It has no side effects.</p>\n", "ignore"),
        ("page.mdx", "{/* medlint-disable-line ALL -- quoted */}\nIt has no side effects.\n", "disable-line"),
        ("page.txt", "# medlint-off\nIt has no side effects.\n", "off"),
    ],
)
def test_a_comment_like_a_suppression_that_is_none_is_reported_not_silently_ignored(
    name: str, text: str, word: str
) -> None:
    found = [(f.rule, f.line, f.message) for f in lint_text(text, name)]
    assert [(rule, line) for rule, line, _ in found if rule == "no-side-effects"] == [
        ("no-side-effects", 1 if name == "page.md" else 2)
    ]
    [unknown] = [f for f in found if f[0] == "unused-suppression"]
    assert unknown[1:] == (
        1,
        f"'medlint-{word}' is not a medlint directive, so this comment hides nothing; use "
        "'medlint-disable-next-line RULES -- reason' on the line above the claim, or "
        "'medlint-disable RULES -- reason' ... 'medlint-enable RULES' around it.",
    )


def test_a_comment_that_only_mentions_medlint_is_no_suppression() -> None:
    assert lint_text("<!-- medlint-rules/ holds our own rules -->\nOpening hours: nine to five.\n", "page.md") == []


@pytest.mark.parametrize("separator", [":", " -", " \u2014"])  # the last: an editor's dash for "--"
def test_a_reason_set_off_by_another_mark_is_one_finding_and_the_rule_is_still_suppressed(separator: str) -> None:
    text = f"<!-- medlint-disable-next-line no-side-effects{separator} quoting a patient -->\nIt has no side effects.\n"

    [finding] = lint_text(text, "page.md")

    assert (finding.rule, finding.line) == ("suppression-missing-reason", 1)
    assert finding.message == (
        f"This suppression's reason follows '{separator.strip()}', so it is read as none; put ' -- ' before it."
    )
    assert finding.suggestions == ("<!-- medlint-disable-next-line no-side-effects -- quoting a patient -->",)


def test_the_report_says_how_to_give_a_missing_reason(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(tmp_path / "page.md", "Intro.\n\n<!-- medlint-disable-next-line miracle-cure -->\nA miracle cure.\n")
    result = run_cli("check", "--config", str(core_config), "--no-color", str(page))
    assert result.stdout.rstrip().endswith(
        "1 suppression gives no reason: `medlint fix --interactive` asks for each, "
        "or write it after ' -- ' in the comment."
    )
