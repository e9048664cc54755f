"""docs/rules.md is generated from the rule files and must not go stale."""

from __future__ import annotations

from pathlib import Path

from medlint.rule_docs import rules_markdown
from medlint.rule_loader import builtin_rules_dir, load_rules

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
REGENERATE = "python -m medlint.rule_docs"


def test_rules_doc_is_up_to_date() -> None:
    expected = rules_markdown(load_rules([builtin_rules_dir()]))
    assert DOC.is_file(), f"docs/rules.md is missing; generate it with `{REGENERATE}`"
    assert DOC.read_text(encoding="utf-8") == expected, (
        f"docs/rules.md is stale: the rule files changed. Regenerate it with `{REGENERATE}` and commit it."
    )


def test_rules_doc_has_a_section_per_rule() -> None:
    text = DOC.read_text(encoding="utf-8")
    for rule in load_rules([builtin_rules_dir()]):
        assert f"\n## {rule.id}\n" in text


def test_the_readme_lists_every_built_in_pack() -> None:
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    packs = {rule.pack for rule in load_rules([builtin_rules_dir()])}
    missing = sorted(pack for pack in packs if f"`{pack}`" not in readme)
    assert missing == [], f"README's table of packs does not name: {missing}"
