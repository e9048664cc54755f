"""``medlint test-rules``: a website checks its own rule files the way the built-in ones are checked."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests.conftest import RunCli


def write(path: Path, text: str) -> Path:
    """Write dedented text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD_RULES = """\
pack: site
rules:
  - id: our-miracle
    category: efficacy
    severity: error
    message: "'{match}' overstates the treatment."
    phrases: ["wonder injection"]
    negation: true
    examples:
      bad: ["Try our wonder injection today."]
      good: ["This is not a wonder injection."]
  - id: our-study
    category: evidence
    message: "'{match}' needs a source."
    phrases: ["our study shows"]
    unless:
      - pattern: '{@citation}'
        within: paragraph
        raw: true
    examples:
      bad: ["Our study shows great results."]
      good: ["Our study shows some benefit (Lee et al., 2022)."]
"""

# The second rule's examples contradict it: the bad one cannot match, the good one does.
FAILING_RULES = """\
rules:
  - id: our-cure
    category: efficacy
    message: "'{match}' promises a cure."
    phrases: ["instant cure"]
    examples:
      bad: ["An instant cure for back pain."]
      good: ["There is no instant fix."]
  - id: rotten-rule
    category: efficacy
    message: "'{match}' promises a cure."
    phrases: ["miracle fix"]
    examples:
      bad: ["A wonderful fix for back pain."]
      good: ["Our miracle fix works."]
"""


def test_passing_rule_file(tmp_path: Path, run_cli: RunCli) -> None:
    rules = write(tmp_path / "site-rules.yaml", GOOD_RULES)
    result = run_cli("test-rules", str(rules))
    assert result.exit_code == 0, result.output
    # Only the given file is tested, though the built-in named pattern {@citation} is available to it.
    assert result.output.strip().splitlines()[-1] == "2 rules, 4 examples: all passed"


def test_one_rule_is_counted_as_one(tmp_path: Path, run_cli: RunCli) -> None:
    one_rule = GOOD_RULES.split("  - id: our-study")[0].replace('      good: ["This is not a wonder injection."]\n', "")
    result = run_cli("test-rules", str(write(tmp_path / "one.yaml", one_rule)))
    assert result.output.strip().splitlines()[-1] == "1 rule, 1 example: all passed"


def test_failing_examples_are_listed_one_per_line(tmp_path: Path, run_cli: RunCli) -> None:
    rules = write(tmp_path / "site-rules.yaml", FAILING_RULES)
    result = run_cli("test-rules", str(rules))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        f"{rules}: rule 'rotten-rule': bad example 1 is not reported: 'A wonderful fix for back pain.'",
        f"{rules}: rule 'rotten-rule': good example 1 is reported ('miracle fix'): 'Our miracle fix works.'",
        "2 rules, 4 examples: 2 failed",
    ]


# A rule on alt text, whose bad example is HTML (with backticks, which explain must show as written).
ALT_TEXT_RULE = """\
        rules:
          - id: painless-alt
            category: absolute-safety
            message: "'{match}' in alt text."
            phrases: [painless]
            scope: [alt]
            examples:
              format: html
              bad: ['<img src="a.png" alt="A painless `jab`">']
"""


def test_examples_of_an_alt_text_rule_run_in_the_format_they_name(tmp_path: Path, run_cli: RunCli) -> None:
    # As plain text there is no alt text, so a rule scoped to it could never report a bad example.
    rules = write(
        tmp_path / "alt-rules.yaml",
        ALT_TEXT_RULE
        + """\
              good: ['<p>A painless jab <img src="a.png" alt="A jab"></p>']
        """,
    )
    result = run_cli("test-rules", str(rules))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 rule, 2 examples: all passed"

    broken = write(tmp_path / "broken.yaml", rules.read_text(encoding="utf-8").replace("format: html", "format: htm"))
    result = run_cli("test-rules", str(broken))
    assert result.exit_code == 2
    assert result.output == (
        f"medlint: error: {broken}: rule 'painless-alt': examples: unknown format 'htm'"
        " (choose from astro, html, markdown, mdx, text)\n"
    )


def test_explain_shows_markup_examples_as_code_and_keeps_every_line_in_its_item(
    tmp_path: Path, run_cli: RunCli
) -> None:
    rules = write(
        tmp_path / "house.yaml",
        ALT_TEXT_RULE
        + """\
          - id: twice-said
            category: efficacy
            message: m
            phrases: [miracle]
            examples:
              bad: ["A miracle.\\n\\nAnother miracle."]
        """,
    )
    config = write(tmp_path / "medlint.yaml", f"rules: [{rules}]\n")

    alt = run_cli("explain", "painless-alt", "--config", str(config))
    # As Markdown, a bare <img> would be rendered (and vanish), not shown.
    assert '- `` <img src="a.png" alt="A painless `jab`"> ``' in alt.output.splitlines()

    lines = run_cli("explain", "twice-said", "--config", str(config)).output.splitlines()
    at = lines.index("- A miracle.")
    assert lines[at : at + 3] == ["- A miracle.", "", "  Another miracle."]


def test_a_template_variable_in_a_replacement_is_written_as_given(tmp_path: Path, run_cli: RunCli) -> None:
    # "{{phone}}" is the site's template variable, filled when the page is built: not a message placeholder.
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: our-phone
            kind: substitution
            category: house-style
            message: "Write '{replacement}' for '{match}'."
            swap: {call the clinic: "call {{phone}}"}
            suggestions: ["call {{phone}} to ask"]
            examples:
              bad: ["Please call the clinic today."]
        """,
    )
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = write(tmp_path / "contact.md", "Please call the clinic today.\n")

    assert run_cli("test-rules", "--config", str(tmp_path / ".medlint.yaml")).exit_code == 0
    result = run_cli("check", "--fix", "--config", str(tmp_path / ".medlint.yaml"), str(page))

    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == "Please call {{phone}} today.\n"


def test_verbose_lists_passing_examples(tmp_path: Path, run_cli: RunCli) -> None:
    rules = write(tmp_path / "site-rules.yaml", GOOD_RULES)
    result = run_cli("test-rules", "--verbose", str(rules))
    assert f"{rules}: rule 'our-miracle': good example 1: ok" in result.output.splitlines()


def test_broken_rule_file_is_one_line_and_exit_2(tmp_path: Path, run_cli: RunCli) -> None:
    broken = write(
        tmp_path / "broken.yaml",
        """\
        rules:
          - id: our-claim
            category: efficacy
            message: "'{match}' is a claim."
            patterns: ['(unclosed']
        """,
    )
    result = run_cli("test-rules", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"medlint: error: {broken}: rule 'our-claim': bad regex in 'patterns'")


def test_folder_of_rule_files(tmp_path: Path, run_cli: RunCli) -> None:
    write(tmp_path / "rules" / "a.yaml", GOOD_RULES)
    write(tmp_path / "rules" / "b.yaml", FAILING_RULES)
    result = run_cli("test-rules", str(tmp_path / "rules"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "4 rules, 8 examples: 2 failed"


def test_default_is_builtin_rules_and_the_configs(tmp_path: Path, run_cli: RunCli) -> None:
    write(tmp_path / "site-rules.yaml", GOOD_RULES)
    config = write(tmp_path / ".medlint.yaml", "rules: [site-rules.yaml]\n")
    result = run_cli("test-rules", "--config", str(config))
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    count = int(summary.split()[0])
    assert count > 50 and summary.endswith("all passed")

    # Without the built-in packs, their named patterns ({@citation}) are not there to use.
    write(tmp_path / "own-rules.yaml", GOOD_RULES.split("  - id: our-study")[0])
    only_site = write(tmp_path / "only-site.yaml", "builtin_rules: false\nrules: [own-rules.yaml]\n")
    result = run_cli("test-rules", "--config", str(only_site))
    assert result.output.strip().splitlines()[-1] == "1 rule, 2 examples: all passed"


def test_without_builtin_rules_the_config_s_rules_are_tested_as_check_loads_them(
    tmp_path: Path, run_cli: RunCli
) -> None:
    # A site that turns the built-in rules off may reuse their ids and named-pattern names.
    write(
        tmp_path / "site-rules.yaml",
        """\
        patterns:
          citation: '\\(see our FAQ\\)'
        rules:
          - id: no-side-effects
            category: absolute-safety
            message: "'{match}' promises that nothing can go wrong."
            phrases: ["no side effects"]
            unless: [{pattern: '{@citation}'}]
            examples:
              bad: ["Our injections have no side effects."]
              good: ["Our injections have no side effects (see our FAQ)."]
        """,
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [site-rules.yaml]\n")
    page = write(tmp_path / "page.md", "Our injections have no side effects.\n")
    assert run_cli("check", "--config", str(config), str(page)).exit_code == 1

    result = run_cli("test-rules", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "1 rule, 2 examples: all passed"

    # And a rule that only loads beside the built-in packs fails here as it fails in `check`.
    write(
        tmp_path / "site-rules.yaml",
        """\
        rules:
          - id: our-price
            category: consistency
            message: "'{match}' is a price."
            patterns: ['{@money} only']
        """,
    )
    assert run_cli("check", "--config", str(config), str(page)).exit_code == 2
    result = run_cli("test-rules", "--config", str(config))
    assert result.exit_code == 2
    assert "unknown named pattern {@money}" in result.stderr


SUPERSEDING_RULES = """\
rules:
  - id: our-no-risk
    category: absolute-safety
    message: "'{match}' denies every risk."
    phrases: ["no risk"]
  - id: our-no-infection
    category: absolute-safety
    message: "'{match}' denies the risk of infection."
    phrases: ["no risk of infection"]
    supersedes: [our-no-risk]
"""


def test_a_rule_that_supersedes_another_is_the_one_reported_on_shared_words(tmp_path: Path, run_cli: RunCli) -> None:
    write(tmp_path / "site-rules.yaml", SUPERSEDING_RULES)
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [site-rules.yaml]\n")
    page = write(tmp_path / "page.txt", "There is no risk of infection. There is no risk at all.\n")
    result = run_cli("check", "--config", str(config), "--format=json", str(page))
    reported = [(f["rule"], f["text"]) for f in json.loads(result.stdout)["findings"]]
    assert reported == [("our-no-infection", "no risk of infection"), ("our-no-risk", "no risk")]


def test_supersedes_naming_an_unknown_or_a_superseding_rule_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    unknown = write(tmp_path / "unknown.yaml", SUPERSEDING_RULES.replace("[our-no-risk]", "[our-no-rsik]"))
    result = run_cli("test-rules", str(unknown))
    assert result.exit_code == 2
    assert "'supersedes' names 'our-no-rsik', which is not a loaded rule" in result.stderr
    both = SUPERSEDING_RULES.replace('phrases: ["no risk"]', 'phrases: ["no risk"]\n    supersedes: [our-no-infection]')
    result = run_cli("test-rules", str(write(tmp_path / "both.yaml", both)))
    assert result.exit_code == 2
    assert "supersedes this rule too" in result.stderr


SUGGESTING_RULES = """\
rules:
  - id: our-cure
    category: efficacy
    message: "'{match}' promises a cure."
    patterns: ['cures', 'a\\s+cure']
    suggestions:
      - "It may ease symptoms for some patients."
      - {text: "may ease", when: '^cures$'}
    examples:
      bad: ["PRP cures back pain.", "PRP is a cure for back pain."]
  - id: our-wonder
    category: efficacy
    message: "'{match}' overstates."
    phrases: ["wonder injection"]
    suggestions: ["injection"]
    examples:
      bad: ["Try our wonder injection."]
"""


def test_suggestions_are_shown_as_the_sentences_they_give(tmp_path: Path, run_cli: RunCli) -> None:
    rules = write(tmp_path / "site-rules.yaml", SUGGESTING_RULES)
    result = run_cli("test-rules", "--suggestions", str(rules), "--rule", "our-cure")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("rule 'our-cure': bad example 1: 'cures'")
    assert lines[1:3] == [
        "  1. sentence: It may ease symptoms for some patients.",
        "  2. phrase:   PRP may ease back pain.",
    ]
    # The phrase fits only the verb: the noun gets the sentence alone.
    assert lines[3].endswith("rule 'our-cure': bad example 2: 'a cure'")
    assert lines[4:] == ["  1. sentence: It may ease symptoms for some patients."]
    assert "our-wonder" not in result.output


def test_suggestions_of_every_rule_by_default(tmp_path: Path, run_cli: RunCli) -> None:
    rules = write(tmp_path / "site-rules.yaml", SUGGESTING_RULES)
    result = run_cli("test-rules", "--suggestions", str(rules))
    assert "  1. phrase: Try our injection." in result.output


def test_an_unknown_rule_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    rules = write(tmp_path / "site-rules.yaml", SUGGESTING_RULES)
    result = run_cli("test-rules", "--suggestions", str(rules), "--rule", "no-such-rule")
    assert result.exit_code == 2
    assert "no-such-rule" in result.output


def test_a_suggestion_given_with_two_whens_is_offered_where_either_holds(tmp_path: Path, run_cli: RunCli) -> None:
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: our-cure
            category: efficacy
            message: "'{match}' promises a cure."
            phrases: [cures, will cure, a cure]
            suggestions:
              - {text: "may ease", when: '^cures$'}
              - {text: "may ease", when: '^will\\s+cure$'}
              - {text: "a possible treatment", when: '^a\\s+cure$'}
        """,
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = write(
        tmp_path / "page.md", "PRP cures knee pain.\n\nPRP will cure knee pain.\n\nPRP is a cure for knee pain.\n"
    )

    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    offered = [(f["text"], f["suggestions"]) for f in json.loads(result.stdout)["findings"]]
    explained = run_cli("explain", "-v", "--config", str(config), "our-cure").output

    # Once each, for both wordings its patterns name: the first pattern was dropped, the second offered twice.
    assert offered == [("cures", ["may ease"]), ("will cure", ["may ease"]), ("a cure", ["a possible treatment"])]
    assert "may ease (in place of the claims whose words hold `^cures$` or `^will\\s+cure$`)" in explained


def test_explain_names_the_claims_a_conditional_suggestion_replaces_not_its_pattern(
    tmp_path: Path, run_cli: RunCli
) -> None:
    write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: our-cure
            category: efficacy
            message: "'{match}' promises a cure."
            phrases: [cures, will cure, a cure, a miracle]
            suggestions:
              - "It may help some patients."
              - {text: "may ease", when: '^(?:cures|will\\s+cure)$'}
              - {text: "a possible treatment", when: '^a\\s+cure$'}
              - {text: "a newer option", when: '^a\\s+miracle$'}
            examples:
              bad: ["PRP cures knee pain.", "PRP will cure knee pain.", "PRP WILL CURE it.", "PRP is a cure."]
        """,
    )
    config = write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")

    plain = run_cli("explain", "--config", str(config), "our-cure")
    verbose = run_cli("explain", "--verbose", "--config", str(config), "our-cure")

    assert plain.exit_code == verbose.exit_code == 0
    listed = plain.stdout.split("**Write instead:**\n\n")[1].split("\n\n")[0].splitlines()
    assert listed == [
        "- It may help some patients.",
        "- may ease (in place of 'cures', 'will cure' and the like)",  # each claim once, whatever its case
        "- a possible treatment (in place of 'a cure' and the like)",
        # No bad example has the claim: the pattern is for -v.
        "- a newer option (in place of some forms of the claim only; `medlint explain -v` shows which)",
    ]
    assert "\\s+" not in plain.stdout
    assert (
        "- may ease (in place of 'cures', 'will cure' and the like)"
        " · offered where the matched words hold `^(?:cures|will\\s+cure)$`"
    ) in verbose.stdout.splitlines()
    assert "- a newer option (in place of the claims whose words hold `^a\\s+miracle$`)" in verbose.stdout


SEAM_RULES = """\
rules:
  - id: full-relief
    category: efficacy
    message: "'{match}' overstates."
    phrases: [had complete relief]
    suggestions: ["had some relief"]
    examples:
      bad: ["He's had complete relief since his injection.", "The clinic's had complete relief in most patients."]
  - id: proven-to-heal
    category: evidence
    message: "'{match}' overstates."
    phrases: [is proven to heal, proven to heal]
    suggestions: ["is being studied for", "not proven to heal"]
    examples:
      bad:
        - "Her knee is slow to mend; his is proven to heal in weeks."
        - "Two injections are given, and each is proven to heal the tendon."
        - "What PRP does is proven to heal tendons."
        - "PRP's proven to heal tendons."
        - "It does is proven to heal."
  - id: cures
    category: efficacy
    message: "'{match}' overstates."
    phrases: [cures, cure]
    suggestions: ["may help", "provides relief for", "sometimes eases", "sometimes ease"]
    examples:
      bad:
        - "Vitamin A cures acne."
        - "Two injections are given; each cures the pain."
        - "All we do cures pain."
        - "PRP can cure arthritis."
        - "A cure for acne."
  - id: sure-course
    category: efficacy
    message: "'{match}' overstates."
    phrases: [guaranteed course, many cured patients]
    suggestions: ["series", "an estimated 200 patients who improved", "a small number of patients who improved"]
    examples:
      bad: ["You will need a guaranteed course of injections.", "There are many cured patients in our records."]
"""


def test_a_phrase_is_offered_after_a_word_it_can_follow_in_one_of_its_readings(tmp_path: Path, run_cli: RunCli) -> None:
    rules = write(tmp_path / "site-rules.yaml", SEAM_RULES)

    result = run_cli("test-rules", "--suggestions", str(rules))
    offered = {line.split("phrase:", 1)[1].strip() for line in result.output.splitlines() if "phrase:" in line}

    # Each of these reads: "'s" as "has" or "is", "his" and "each" as pronouns, "do" ending a "what
    # we do" clause, the letter A, an adverb or a noun of one thing in -s, "there are" a quantity.
    assert {
        "He's had some relief since his injection.",
        "The clinic's had some relief in most patients.",
        "Her knee is slow to mend; his is being studied for in weeks.",
        "Two injections are given, and each is being studied for the tendon.",
        "What PRP does is being studied for tendons.",
        "PRP's not proven to heal tendons.",
        "Vitamin A may help acne.",
        "Two injections are given; each provides relief for the pain.",
        "All we do may help pain.",
        "PRP can sometimes ease arthritis.",
        "You will need a series of injections.",
        "There are an estimated 200 patients who improved in our records.",
    } <= offered
    # These still do not read, and are left out.
    left_out = {
        "Her knee is slow to mend; his not proven to heal in weeks.",
        "Two injections are given, and each not proven to heal the tendon.",
        "It does is being studied for.",
        "A may help for acne.",
        "PRP can sometimes eases arthritis.",
        "A sometimes eases for acne.",
    }
    assert not left_out & offered


def test_the_rule_file_shown_in_the_rule_format_docs_loads_beside_the_built_in_rules(
    tmp_path: Path, run_cli: RunCli
) -> None:
    docs = (Path(__file__).parent.parent / "docs" / "rule-format.md").read_text(encoding="utf-8")
    sample = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    write(tmp_path / "house.yaml", sample)
    config = write(tmp_path / ".medlint.yaml", "rules: [house.yaml]\n")
    page = write(tmp_path / "page.md", "Our injections have no side effects.\n\nOur own trial found no side effects.\n")

    result = run_cli("check", "--config", str(config), "--format", "json", str(page))

    found = [(f["rule"], f["line"]) for f in json.loads(result.output)["findings"] if f["rule"] == "nothing-goes-wrong"]
    assert found == [("nothing-goes-wrong", 1)]
    assert run_cli("test-rules", "--config", str(config)).exit_code == 0


def test_explain_without_a_rule_says_where_rule_ids_are_found(run_cli: RunCli) -> None:
    result = run_cli("explain")
    assert result.exit_code == 2
    assert result.stderr == (
        "medlint: error: name the rule to explain, as a finding shows it in brackets; `medlint rules` lists them\n"
    )


def test_a_condition_within_a_section_reads_the_heading_and_the_blocks_under_it(
    tmp_path: Path, run_cli: RunCli
) -> None:
    # A list item names the condition and the heading above it the treatment; the next heading starts another
    # section, and a page without headings is one section.
    rules = write(
        tmp_path / "site-rules.yaml",
        """\
        rules:
          - id: colic-claim
            category: disease-claim
            message: "'{match}' ties adjustments to colic."
            phrases: [colic]
            only_if: [{phrases: [adjustments], within: section}]
            examples:
              format: markdown
              bad:
                - "## Gentle adjustments\\n\\nFor babies:\\n\\n- colic\\n- reflux"
                - "Gentle adjustments.\\n\\nAnd for babies with colic."
              good:
                - "## Gentle adjustments\\n\\nFor back pain.\\n\\n## Feeding\\n\\n- colic"
                - "## Feeding\\n\\n- colic\\n\\n## Gentle adjustments\\n\\nFor back pain."
        """,
    )
    result = run_cli("test-rules", str(rules))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "1 rule, 4 examples: all passed"

    widened = write(tmp_path / "wider.yaml", rules.read_text(encoding="utf-8").replace("section", "paragraph"))
    failed = run_cli("test-rules", str(widened))
    assert failed.exit_code == 1
    assert "bad example 1 is not reported" in failed.output


def test_a_conditions_phrases_are_whole_words_as_a_rules_are(tmp_path: Path, run_cli: RunCli) -> None:
    # "eta" clears a match in a sentence that says "eta", not in one that says "theta" or "betamax".
    rules = write(
        tmp_path / "site-rules.yaml",
        """\
        rules:
          - id: alpha-claim
            category: efficacy
            message: "'{match}' is a claim."
            phrases: [alpha]
            unless: [{phrases: [eta]}]
            examples:
              bad: ["The theta alpha here.", "An alpha in betamax."]
              good: ["An alpha, said eta."]
          - id: gamma-claim
            category: efficacy
            message: "'{match}' is a claim."
            phrases: [gamma]
            only_if: [{phrases: [eta]}]
            examples:
              bad: ["A gamma, said eta."]
              good: ["The theta gamma here."]
        """,
    )
    result = run_cli("test-rules", str(rules))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "2 rules, 5 examples: all passed"
