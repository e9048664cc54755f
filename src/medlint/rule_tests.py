"""Run every rule's examples: each ``bad`` text must trigger the rule, each ``good`` text must not.

Shared by ``medlint test-rules`` and the test suite, so a rule cannot rot
silently: a pattern that stops matching its own bad example, or starts
matching its good one, fails both.

Each example is checked as a plain-text document (or in the format the rule's
``examples`` name) with only its own rule in force, the way ``medlint.lint_text``
checks a string.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from medlint.engine import Engine
from medlint.findings import Finding
from medlint.formats import parse_document
from medlint.rule_loader import builtin_rules_dir, load_rules, rule_files
from medlint.ruleset import Rule, RuleSet

EXAMPLE_PATH = "<example>"


class ExampleResult(msgspec.Struct, frozen=True):
    """One example of one rule, and what the rule reported on it."""

    rule: Rule
    expect: str  # "bad" (must be reported) or "good" (must not be)
    index: int  # 1-based, within its list
    text: str
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return bool(self.findings) == (self.expect == "bad")

    def describe(self) -> str:
        """One line saying what went wrong (or right) with this example."""
        where = f"{self.rule.source}: rule {self.rule.id!r}: {self.expect} example {self.index}"
        quoted = _short(self.text)
        if self.passed:
            return f"{where}: ok"
        if self.expect == "bad":
            return f"{where} is not reported: {quoted}"
        spans = ", ".join(repr(" ".join(f.text.split())) for f in self.findings)
        return f"{where} is reported ({spans}): {quoted}"


def _short(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 3] + "...")


def findings_for(rule: Rule, text: str) -> list[Finding]:
    """What ``rule`` alone reports on ``text`` (document- and run-level checks both run)."""
    engine = Engine.build(RuleSet((rule,)))
    result = engine.check_document(parse_document(EXAMPLE_PATH, text, rule.examples.format))
    findings = list(result.findings) + engine.finish_run([(result, True)])
    return [f for f in findings if f.rule == rule.id]


def run_rule_examples(rule: Rule) -> list[ExampleResult]:
    """Check every example of one rule."""
    results = []
    for expect, texts in (("bad", rule.examples.bad), ("good", rule.examples.good)):
        for index, text in enumerate(texts, start=1):
            results.append(ExampleResult(rule, expect, index, text, tuple(findings_for(rule, text))))
    return results


def run_examples(rules: Iterable[Rule]) -> list[ExampleResult]:
    return [result for rule in rules for result in run_rule_examples(rule)]


def rules_to_test(
    paths: Sequence[Path], extra: Sequence[Path] = (), include_builtin: bool = True
) -> tuple[RuleSet, list[Rule]]:
    """Load rule files for testing: (every loaded rule, the rules whose examples to run).

    With no ``paths``, the built-in rules (unless ``include_builtin`` is false)
    and ``extra`` (a config's rule files) are tested. With ``paths``, only
    their rules are tested. The built-in files are loaded beside them, because
    a site's rules may use the built-in named patterns and references, unless
    ``include_builtin`` is false: then the rules load as `check` loads them.
    """
    builtin = rule_files([builtin_rules_dir()]) if include_builtin else []
    defaults = [*builtin, *rule_files(extra)]
    chosen = rule_files(paths) if paths else defaults
    chosen_keys = {p.resolve() for p in chosen}
    support = [p for p in builtin if p.resolve() not in chosen_keys]
    rules = load_rules([*support, *chosen])
    sources = {str(p) for p in chosen}
    return rules, [r for r in rules if r.source in sources]


class Summary(msgspec.Struct, frozen=True):
    rules: int
    examples: int
    failures: tuple[ExampleResult, ...]

    def line(self) -> str:
        failed = len(self.failures)
        verdict = "all passed" if not failed else f"{failed} failed"
        rules = "1 rule" if self.rules == 1 else f"{self.rules} rules"
        examples = "1 example" if self.examples == 1 else f"{self.examples} examples"
        return f"{rules}, {examples}: {verdict}"


def summarise(rules: Sequence[Rule], results: Sequence[ExampleResult]) -> Summary:
    return Summary(len(rules), len(results), tuple(r for r in results if not r.passed))
