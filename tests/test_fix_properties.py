"""Properties of the fixer on generated drafts: nothing outside fix spans changes,
markup and code are never edited, and a second pass finds nothing to do."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.fix_helpers import make_config, make_engine, medlint

from medlint.document import Document
from medlint.engine import Engine
from medlint.findings import Finding
from medlint.fixer import MAX_PASSES, apply_fixes, choose_fixes, engine_linter, file_parser, fix_text
from medlint.spans import in_prose

SUFFIX = {"markdown": "md", "html": "html", "text": "txt"}

# Pieces of drafts: phrases the rules fix (in several spellings), phrases
# they only suggest for, and the same phrases inside code, URLs, markup and
# template tags, where nothing may change.
PIECES = [
    "Our",
    "injection",
    "is",
    "non-invasive",
    "Non-invasive",
    "NON-INVASIVE",
    "non invasive",
    "noninvasive",
    "non\u2011invasive",
    "sperm cells",
    "Sperm\ncells",
    "sperm-cells",
    "SPERM CELLS",
    "painless",
    "cures back pain",
    "😀",
    "🧬",
    "“Doctor’s”",
    "café",
    ".",
    ",",
    "\n",
    "\r\n",
    "\n\n",
    "`non-invasive sperm cells`",
    "https://example.org/non-invasive/sperm-cells",
    "<b>",
    "</b>",
    "<!-- non-invasive -->",
    '<a href="non-invasive.html">',
    "{{ sperm cells }}",
    "sperm <em>cells</em>",
    "sperm **cells**",
    "non-`invasive`",
    "{% if non-invasive %}",
    "**",
    "_",
    # Words markup splits, drawn whole: a rewrite may drop what draws nothing, never a tag or comment.
    "sp&shy;erm cells",
    "no\u00adn-invasive",
    "sperm\u200bcells",
    "<b>sp</b>erm cells",
    "non-inva<!-- x -->sive",
    "sperm [cells](/faq)",
    "sp[erm](/faq) cells",
    # Letters written as references, styling shortcodes and components inside a word, and tooltips
    # inside a sentence, read apart from it.
    "sp&#101;rm cells",
    "non-inv&#x61;sive",
    "sp[hl]er[/hl]m cells",
    "sp<Hl>er</Hl>m cells",
    '<abbr title="non-invasive">sperm</abbr> cells',
    '<a href="/x" title="sperm cells">non-invasive</a>',
    '[sperm](/faq "non-invasive") cells',
]

drafts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map(" ".join)
formats = st.sampled_from(sorted(SUFFIX))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return make_engine(tmp_path_factory.mktemp("rules"))


def _lint(engine: Engine, text: str, fmt: str) -> tuple[Document, list[Finding]]:
    document = file_parser(f"draft.{SUFFIX[fmt]}", fmt)(text)
    return document, list(engine_linter(engine)(document))


def _masked_runs(document: Document) -> list[str]:
    """Maximal runs of characters that are not prose (code, markup, URLs, tags).

    Markup inside a word that draws nothing (a soft hyphen) is the word's: a rewrite of it may drop it.
    """
    runs: list[str] = []
    current: list[str] = []
    for i, char in enumerate(document.text):
        if in_prose(document, i, i + 1) or any(
            in_prose(document, s, e) for j in document.joins_in(i, i + 1) for s, e in j.gaps if s <= i < e
        ):
            if current:
                runs.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        runs.append("".join(current))
    return runs


@settings(max_examples=150, deadline=None)
@given(text=drafts, fmt=formats)
def test_one_pass_changes_only_the_chosen_spans(engine: Engine, text: str, fmt: str) -> None:
    document, findings = _lint(engine, text, fmt)
    chosen = choose_fixes(document, findings)

    fixed = apply_fixes(text, chosen)

    offered = {f.fix for f in findings if f.fix is not None}
    shift = 0
    previous_end = 0
    for fix in chosen:
        assert fix in offered
        assert in_prose(document, fix.start, fix.end)
        assert fix.start >= previous_end  # sorted, no overlaps
        # Every character between two fixes is where it was, shifted by the edits before it.
        assert fixed[previous_end + shift : fix.start + shift] == text[previous_end : fix.start]
        assert fixed[fix.start + shift : fix.start + shift + len(fix.replacement)] == fix.replacement
        shift += len(fix.replacement) - (fix.end - fix.start)
        previous_end = fix.end
    assert fixed[previous_end + shift :] == text[previous_end:]


@settings(max_examples=150, deadline=None)
@given(text=drafts, fmt=formats)
def test_fixing_never_edits_markup_or_code_and_is_idempotent(engine: Engine, text: str, fmt: str) -> None:
    parse = file_parser(f"draft.{SUFFIX[fmt]}", fmt)
    lint = engine_linter(engine)
    original = parse(text)

    first = fix_text(text, parse, lint)
    second = fix_text(first.text, parse, lint)

    assert second.text == first.text
    assert second.fixed == 0
    position = 0
    for run in _masked_runs(original):
        found = first.text.find(run, position)
        assert found >= 0, f"masked text {run!r} was changed"
        position = found + len(run)
    assert first.text.count("\r\n") <= text.count("\r\n")
    assert not any(f.fix is not None for f in first.remaining)


@settings(max_examples=60, deadline=None)
@given(text=drafts, fmt=formats, data=st.data())
def test_overlap_resolution_does_not_depend_on_finding_order(
    engine: Engine, text: str, fmt: str, data: st.DataObject
) -> None:
    document, findings = _lint(engine, text, fmt)
    shuffled = data.draw(st.permutations(findings))

    assert choose_fixes(document, shuffled) == choose_fixes(document, findings)


OVERLAPPING_RULES = """\
rules:
  - id: b-short
    kind: substitution
    category: invasiveness
    message: "'{match}'"
    swap: {non-invasive: minimally invasive}
  - id: a-long
    kind: substitution
    category: invasiveness
    message: "'{match}'"
    swap: {non-invasive injection: minimally invasive injection}
  - id: c-therapy
    kind: substitution
    category: editorial
    message: "'{match}'"
    swap: {injection therapy: injection treatment}
"""


def test_overlapping_fixes_earliest_then_longest_then_again(tmp_path: Path) -> None:
    engine = make_engine(tmp_path, OVERLAPPING_RULES)
    parse = file_parser("d.txt", "text")
    lint = engine_linter(engine)
    document = parse("A non-invasive injection therapy.")

    chosen = choose_fixes(document, lint(document))
    result = fix_text(document.text, parse, lint)

    # Both swaps start at "non-invasive": the longer one wins; "injection therapy" overlaps it and waits.
    assert [document.text[f.start : f.end] for f in chosen] == ["non-invasive injection"]
    assert result.text == "A minimally invasive injection treatment."
    assert (result.fixed, result.passes) == (2, 2)


def test_rules_that_undo_each_other_stop(tmp_path: Path) -> None:
    rules = """\
rules:
  - {id: there, kind: substitution, category: editorial, message: m, swap: {alpha: beta}}
  - {id: back, kind: substitution, category: editorial, message: m, swap: {beta: alpha}}
"""
    engine = make_engine(tmp_path, rules)

    result = fix_text("alpha", file_parser("d.txt", "text"), engine_linter(engine))

    assert result.text in ("alpha", "beta")
    assert result.passes <= MAX_PASSES


@settings(max_examples=15, deadline=None)
@given(text=drafts, newline=st.sampled_from(["\n", "\r\n"]), fmt=formats)
def test_cli_second_fix_is_a_no_op(text: str, newline: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config = make_config(root / "cfg")
        draft = root / f"draft.{SUFFIX[fmt]}"
        draft.write_bytes(text.replace("\r\n", "\n").replace("\n", newline).encode("utf-8"))

        medlint("check", "--fix", "--config", config, draft)
        once = draft.read_bytes()
        second = medlint("check", "--fix", "--config", config, draft)

        assert draft.read_bytes() == once
        assert "Fixed 0 problems in 0 files." in second.stdout
        if newline == "\r\n":
            assert b"\n" not in once.replace(b"\r\n", b"")
