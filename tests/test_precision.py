"""Honest copy must pass: a linter that cries wolf gets switched off.

Every sentence of fixtures/honest-sentences.txt, checked alone, and every
page of fixtures/clean/ must produce no finding at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from medlint import lint_paths, lint_text
from medlint.config import Config

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "fixtures"


def honest_sentences() -> list[str]:
    lines = (FIXTURES / "honest-sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def test_honest_sentences_produce_no_findings(report_figure: Callable[[str], None]) -> None:
    sentences = honest_sentences()
    assert len(sentences) >= 40
    reported = []
    for sentence in sentences:
        for finding in lint_text(sentence):
            reported.append(f"{finding.rule}: {finding.text!r} in {sentence!r}")
    report_figure(f"fixtures/honest-sentences.txt: {len(reported)} findings on {len(sentences)} sentences")
    assert reported == [], "findings on honest sentences:\n" + "\n".join(reported)


def test_clean_pages_produce_no_findings(report_figure: Callable[[str], None]) -> None:
    result = lint_paths([FIXTURES / "clean"], config=Config(root=REPO_ROOT))
    assert not result.errors
    assert result.files_checked >= 5
    reported = [f"{Path(f.path).name}:{f.line}:{f.column}: {f.rule}: {f.text!r}" for f in result.findings]
    report_figure(f"fixtures/clean: {len(reported)} findings on {result.files_checked} pages")
    assert reported == [], "findings on the clean pages:\n" + "\n".join(reported)
