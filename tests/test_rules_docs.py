"""docs/rules.md is generated from the rule files (and the suppression rules) and must not go stale."""

from __future__ import annotations

from pathlib import Path

from medlint.rule_docs import documented_rules, rules_markdown
from medlint.rule_loader import builtin_rules_dir, load_rules

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
REGENERATE = "python -m medlint.rule_docs"


def test_rules_doc_is_up_to_date() -> None:
    expected = rules_markdown(documented_rules())
    assert DOC.is_file(), f"docs/rules.md is missing; generate it with `{REGENERATE}`"
    assert DOC.read_text(encoding="utf-8") == expected, (
        f"docs/rules.md is stale: the rule files changed. Regenerate it with `{REGENERATE}` and commit it."
    )


def test_rules_doc_has_a_section_for_every_rule_medlint_reports() -> None:
    text = DOC.read_text(encoding="utf-8")
    ids = {rule.id for rule in load_rules([builtin_rules_dir()])}
    ids |= {"suppression-missing-reason", "unused-suppression", "suppression-not-allowed"}
    missing = sorted(rule_id for rule_id in ids if f"\n## {rule_id}\n" not in text)
    assert missing == [], f"docs/rules.md has no section for {missing}"


def test_the_readme_lists_every_built_in_pack() -> None:
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    packs = {rule.pack for rule in load_rules([builtin_rules_dir()])}
    missing = sorted(pack for pack in packs if f"`{pack}`" not in readme)
    assert missing == [], f"README's table of packs does not name: {missing}"
