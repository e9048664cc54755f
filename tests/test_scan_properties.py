"""Property tests: random text and random markup never crash a check, and every finding is
where it says, on prose; the fast scanning paths find exactly what the plain regexes find."""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import re2  # type: ignore[import-untyped, unused-ignore]  # google-re2 ships none; google-re2-stubs (a bench extra) has them
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint import guided, lint_text, prefilter
from medlint.config import Config, load_config
from medlint.context import (
    _CLAUSE_BREAK,
    _DENIAL_ITEM,
    _DISOWNING_FRAME,
    _FRAME_WORDS,
    _NAMED_CLAIM,
    Condition,
    _denies_nothing,
    clause_words,
    list_start,
)
from medlint.document import _SENTENCE_END, LONGEST_SENTENCE, TYPOGRAPHIC_FOLD, Block, Document
from medlint.errors import InputError
from medlint.formats import format_for, parse_document
from medlint.formats.markdown import _LINK_TARGET, _blocks_holding, _hard_breaks, _line_offsets, _link_targets
from medlint.formats.masking import _IN_WORD_MARKUP, URL, _web_address_starts, in_word_markup, url_spans
from medlint.patterns import LazyPattern, stdlib_regex_parser
from medlint.re2_translation import for_ascii_text
from medlint.rule_loader import builtin_rules_dir, load_rules
from medlint.runner import build_ruleset


@pytest.fixture(autouse=True, scope="module")
def _re2_on_every_page() -> Iterator[None]:
    """These tests compare RE2's paths with plain scans: a short page is not left to the regex module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(guided, "_READ_BEFORE_COMPILING", -1)
        yield


RULES = """\
rules:
  - id: miracle-cure
    category: efficacy
    message: "'{match}'"
    phrases: ["miracle cure", "non-invasive"]
    negation: true
  - id: zero-risk
    category: absolute-safety
    message: "'{match}'"
    patterns: ['(?:zero|no)\\s+(?:risk|chance)\\s+of\\s+\\w+', '100\\s*%\\s+safe']
    unless: [{pattern: '\\(\\w+,? \\d{4}\\)', within: paragraph}]
  - id: stem-cells
    category: terminology
    message: "'{match}'"
    swap: {sperm cells: stem cells}
    only_if: [{phrases: [injection], within: document}]
"""

WORDS = [
    "miracle", "cure", "non-invasive", "non invasive", "zero", "risk", "of", "rejection", "no", "chance",
    "100%", "safe", "sperm", "cells", "injection", "not", "a", "the", "(Smith, 2020)", "café", "naïve",
    "’", "—", "İ", "ß", "K", "\u00a0", "stem-cell", "cellé", "\u0301", "a", "www.x.org", "a@b.co", "http://x.y/z",
    # Words markup splits, which a browser draws whole.
    "mir<b>acle</b>", "<em>mira</em>cle", "cu&shy;re", "c\u00adu\u200bre", "non-<i>inva</i>sive", "sp<!-- -->erm",
    "ce**ll**s", "zer<wbr>o", "inj&#8203;ection", "ri&#x200B;sk",
    # Letters written as character references, which a browser draws in their place.
    "&#109;iracle", "cur&#x65;", "sp&#101;&#114;m", "<b>ce</b>&#108;ls", "caf&eacute;", "&#83;afe",
    # Styling shortcodes and JSX components inside a word.
    "mi[hl]ra[/hl]cle", "cu{{< mark >}}r{{< /mark >}}e", "sp<Hl>er</Hl>m", "ce{/* x */}lls",
    # Tooltips inside a sentence, read apart from it.
    '<abbr title="miracle cure">100%</abbr>', '[cure](/x "no risk of rejection")', '<a title="s&#97;fe">a</a>',
    '<Tip text="non-invasive">cure</Tip>',
]  # fmt: skip
FRAGMENTS = [
    "# ", "## ", "- ", "1. ", "> ", "```\n", "~~~\n", "`", "**", "_", "[", "](", ")", "<p>", "</p>", "<em>",
    "</em>", "<!-- ", " -->", "<script>", "</script>", "<img alt=\"", "\">", "&amp;", "&nbsp;", "{{ ", " }}",
    "---\n", "title: ", "|", "\n", "\n\n", "\r\n", "\t", "<div>", "</div>", "<pre>", "</pre>", "<", ">",
]  # fmt: skip

pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(FRAGMENTS), st.text(max_size=4))
documents = st.lists(pieces, max_size=60).map(lambda parts: " ".join(parts))
formats = st.sampled_from(["page.md", "page.html", "page.txt", "page.mdx"])


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    (folder / ".medlint.yaml").write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    return load_config(folder / ".medlint.yaml")


_REFERENCE_AT = regex.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_REFERENCE_BEFORE = regex.compile(r"(?r)&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);\Z")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents, name=formats)
def test_findings_lie_in_the_file_and_on_prose(config: Config, text: str, name: str) -> None:
    try:
        findings = lint_text(text, name, config=config)
    except InputError as refused:
        # A page its own tool refuses (an MDX brace or front matter never closed) is named, not read.
        assert str(refused).startswith(f"{name}: line ") and "never closed" in str(refused)
        return
    document = parse_document(name, text, format_for(name) or "text")
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        # A match is made on the prose view: its first and last characters are prose, not masked markup
        # (read through a word markup splits, whose characters the prose view holds together).
        # A letter written as a reference is drawn by the reference, whole inside the span.
        first = _REFERENCE_AT.match(text, finding.start)
        last = _REFERENCE_BEFORE.match(text, 0, finding.end)
        for offset, reference in ((finding.start, first), (finding.end - 1, last)):
            drawn = html.unescape(reference.group()) if reference else text[offset]
            at = reference.start() if reference else offset
            assert not document.prose_at(at).isspace()
            assert document.prose_at(at) == drawn.translate(TYPOGRAPHIC_FOLD)


def _built_in_values() -> Iterator[object]:
    """Every value held by the built-in rules' checks: their fields, and the items of their lists, all the way down."""

    def walk(value: object) -> Iterator[object]:
        yield value
        if isinstance(value, tuple | list):
            for item in value:
                yield from walk(item)
        elif hasattr(value, "__struct_fields__"):
            for field in value.__struct_fields__:
                yield from walk(getattr(value, field))

    for rule in build_ruleset(Config()):
        yield from walk(rule.check)


def _patterns() -> list[LazyPattern]:
    """The patterns of the built-in rules, and a few shapes user rules take."""
    found: dict[tuple[str, bool], LazyPattern] = {}
    for value in _built_in_values():
        if isinstance(value, LazyPattern):
            found.setdefault((value.source, value.case_sensitive), value)
        elif isinstance(value, regex.Pattern):
            case_sensitive = not value.flags & regex.IGNORECASE
            found.setdefault((value.pattern, case_sensitive), LazyPattern(value.pattern, case_sensitive))
    built_in = list(found.values())
    user_shapes = [
        r"(?<!\w)caf[ée]\b", r"\d+\s*%", r"[^\W\d]+ cure", r"(?i:MS)\b", r"(a|b)\1", r"[[:alpha:]]+ cure",
        r"(?<![\w])(?:a|stem cells?)(?![\w])", r"(?<![\w])(?:cell|cellé)(?![\w])", r"(?<![\w])(?:na[iï]ve?)(?![\w])",
        # Parts that tell cases apart, or that RE2 matches with ASCII letters ignoring case.
        r"(?-i:PRP)\s+\w+", r"[A-Z][a-z]+ cure", r"(?-i:[A-Za-z]+) [^a-z]\w*", r"[^aR]is[Z-a]\b", r"(?-i:[^\W\d])afe",
        r"\u212Aero|\u017Fafe", r"[\u2100-\u2200]ero\b", r"(?<![\w])(?:Stem (?-i:cells)|RISK)(?![\w])",
        # White space but some of it: a place named on one line ("in[^\S\n]+Austin").
        r"(?<![\w])in[^\S\n]+(?-i:[A-Z])\w+", r"cure[^\S\t\u00a0]{2}",
        # Phrases a page must hold before the pattern is scanned (prefilter.required_phrases).
        r"\bno\s+(?:risk|chance)[\s,-]?of\b", r"(?:zero\s*)?risk[ -]free|risk(?=\s)\s+free",
        r"(?:100\s?%|miracle)\s+(?:safe|cure)",
    ]  # fmt: skip
    return built_in + [LazyPattern(source) for source in user_shapes]


PATTERNS = _patterns()
USER_SHAPES = 22
SEPARATORS = [" ", ". ", "\n", ", "]
ASCII_WORDS = [word for word in WORDS if word.isascii()] + ["PRP", "Zero", "kero", "Stem", "CELLS", "prp", "RISK"]
# ASCII words as a page may write them: capitalised, in capitals, or mixed.
CASINGS: list[Callable[[str], str]] = [str, str.upper, str.title, str.swapcase]
cased_words = st.tuples(st.sampled_from(ASCII_WORDS), st.sampled_from(CASINGS))
scan_text = st.one_of(
    st.lists(st.sampled_from(WORDS + SEPARATORS), max_size=80).map("".join),
    st.lists(st.sampled_from(ASCII_WORDS + SEPARATORS), max_size=80).map("".join),
    st.lists(st.one_of(cased_words.map(lambda pair: pair[1](pair[0])), st.sampled_from(SEPARATORS)), max_size=80).map(
        "".join
    ),
)


@settings(max_examples=120, deadline=None)
@given(text=scan_text)
def test_guided_scanning_finds_exactly_what_a_plain_scan_finds(text: str) -> None:
    document = parse_document("page.txt", text, "text")
    for pattern in PATTERNS:
        plain = [(m.span(), m.group()) for m in pattern.compiled.finditer(document.prose)]
        assert [(m.span(), m.group()) for m in guided.finditer(pattern, document)] == plain, pattern.source


def _scans_the_same_when_handed_over(path: str, text: str, fmt: str) -> int:
    """Compare guided and plain scans when a guided scan has read too much and goes on by the
    regex module: after the first, second... guide match, wherever that happens. Returns the matches."""
    matched = 0
    for reading in (0, 1, 2, 4):
        document = parse_document(path, text, fmt)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(guided, "_GUIDE_READING_PER_BYTE", reading)
            patch.setattr(guided, "_GUIDE_READING_SPARE", 0)
            for pattern in PATTERNS:
                plain = [m.span() for m in pattern.compiled.finditer(document.prose)]
                assert [m.span() for m in guided.finditer(pattern, document)] == plain, (reading, pattern.source)
                matched += len(plain)
    return matched


@settings(max_examples=60, deadline=None)
@given(text=scan_text)
def test_a_guided_scan_handed_to_the_regex_module_midway_finds_the_same(text: str) -> None:
    _scans_the_same_when_handed_over("page.txt", text, "text")


def test_the_fixture_drafts_scan_the_same_when_handed_over_midway() -> None:
    drafts = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "drafts").iterdir())
    matched = 0
    for path in drafts:
        fmt = {"md": "markdown", "html": "html"}.get(path.suffix[1:], "text")
        matched += _scans_the_same_when_handed_over(path.name, path.read_text(encoding="utf-8"), fmt)
    assert matched > 20


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # Characters beyond Latin-1 in a pattern: on an ASCII page they never match, and RE2 reads the
        # page as UTF-8 for such a pattern, as Latin-1 for the others.
        (r"(?<![\w])(?:\d+\s*(?:-|\u2013|to)\s*\d+\s*(?:%|percent))(?![\w])", "From 70 - 90 % or 60 to 80 percent."),
        (r"(?<![\w])(?:[$\u00a3\u20ac]\s*\d+)(?![\w])", "From $750, or 600 euros."),
        (r"(?<![\w])(?:pain[\s\u2011-]free)(?![\w])", "A pain-free, pain free or Pain-Free visit."),
    ],
)
def test_an_ascii_page_matches_the_same_whatever_characters_a_pattern_names(source: str, text: str) -> None:
    document = parse_document("page.txt", text, "text")
    pattern = LazyPattern(source)
    plain = [m.span() for m in pattern.compiled.finditer(document.prose)]
    assert plain
    assert [m.span() for m in guided.finditer(pattern, document)] == plain


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"(?<![\w])(?:in[^\S\n]+(?-i:[A-Z])\w+)(?![\w])", "Prices in Austin,\nin\nDenver or in\tBoston."),
        (r"(?<![\w])(?:in[^\S\n]+(?-i:[A-Z])\w+)(?![\w])", "Prices in\u00a0Austin,\nin\nDenver, in\u2003Boston."),
        (r"cure[^\S\t\u00a0]{2}x", "cure \tx, cure  x, cure\r\nx, cure\n\tx."),
        (r"cure[^\S\t\u00a0]{2}x", "cure \tx, cure  x, cure\u00a0 x, cure\u2003\nx, cure\n\u2028x"),
    ],
)
def test_white_space_less_some_characters_is_matched_by_re2_as_by_the_regex_module(source: str, text: str) -> None:
    r"""``[^\S\n]`` is a class RE2 can write (white space but a line break): RE2 reads such a pattern too."""
    pattern = LazyPattern(source)
    analysis = pattern.analysed()
    assert analysis.translation is not None and analysis.ascii_translation is not None
    document = parse_document("page.txt", text, "text")
    plain = [m.span() for m in pattern.compiled.finditer(document.prose)]
    assert plain
    assert [m.span() for m in guided.finditer(pattern, document)] == plain


def test_re2_takes_most_built_in_patterns_exactly() -> None:
    built_in = [p.analysed() for p in PATTERNS[:-USER_SHAPES]]
    assert len(built_in) > 100
    translated = [a for a in built_in if a.translation is not None]
    exact_on_ascii = [a for a in built_in if a.ascii_translation is not None and a.ascii_translation.exact]
    assert len(translated) >= 0.9 * len(built_in)
    # 196 of 283 (69%): the conditions that read an approved brand behind a claim look behind, and are guides.
    assert len(exact_on_ascii) >= 0.68 * len(built_in)


def test_re2_reads_ascii_pages_lowercased_with_most_built_in_patterns() -> None:
    # A case-insensitive pattern costs RE2 about twice the compiling of a case-sensitive one.
    ignoring_case = [p.analysed() for p in PATTERNS[:-USER_SHAPES] if not p.case_sensitive]
    lowered = [a.lowered_translation() for a in ignoring_case]
    assert sum(translation is not None for translation in lowered) >= 0.9 * len(ignoring_case)
    assert not any(translation.source.startswith("(?i)") for translation in lowered if translation is not None)


def _re2_matches(source: str, data: bytes) -> list[list[tuple[int, int]]]:
    compiled = re2.compile(for_ascii_text(source))
    return [[match.span(group) for group in range(compiled.groups + 1)] for match in compiled.finditer(data)]


@settings(max_examples=60, deadline=None)
@given(text=scan_text)
def test_a_lowercased_form_matches_the_lowercased_page_where_its_pattern_matches_the_page(text: str) -> None:
    """Every match and group the same, on ASCII text (the only text the form is used on)."""
    text = text.encode("ascii", "ignore").decode("ascii")
    for pattern in PATTERNS:
        analysis = pattern.analysed()
        lowered = analysis.lowered_translation()
        if lowered is None:
            continue
        usual = analysis.ascii_translation or analysis.translation
        assert usual is not None and usual.source.startswith("(?i)") and usual.same_kind(lowered)
        expected = _re2_matches(usual.source, text.encode("ascii"))
        assert _re2_matches(lowered.source, text.lower().encode("ascii")) == expected, pattern.source


@pytest.mark.parametrize(
    "source",
    [r"(?-i:PRP)\s+\w+", r"(?-i:[A-Z])isk", r"(?-i:[^a])isk", r"\u212Aero", r"[\u2100-\u2200]ero"],
)
def test_a_pattern_whose_case_or_folding_matters_has_no_lowercased_form(source: str) -> None:
    assert LazyPattern(source).analysed().lowered_translation() is None


def test_a_phrase_rule_matched_exactly_by_re2_is_never_compiled_for_the_regex_module() -> None:
    pattern = LazyPattern(r"(?<![\w])(?:stem[\s-]+cells?)(?![\w])")
    document = parse_document("page.txt", "Stem cells, stem-cell and stemcells: stem cell.", "text")
    assert [m.group() for m in guided.finditer(pattern, document)] == ["Stem cells", "stem-cell", "stem cell"]
    translation = pattern.analysed().translation
    assert translation is not None and translation.exact
    assert pattern._compiled is None


def test_a_guided_pattern_is_compiled_for_the_regex_module_only_where_its_guide_matches() -> None:
    pattern = LazyPattern(r"(?<![\w])stem cells?(?! from)")
    translation = pattern.analysed().translation
    assert translation is not None and not translation.exact
    assert list(guided.finditer(pattern, parse_document("page.txt", "Our PRP injections help.", "text"))) == []
    assert pattern._compiled is None
    document = parse_document("page.txt", "Stem cells from fat; stem cell therapy.", "text")
    assert [m.group() for m in guided.finditer(pattern, document)] == ["Stem cell", "stem cell"]


# A guide that reads some 20 characters of a long pattern: its alternatives, a group and a repeat
# cut inside, and a condition ahead (which makes it a guide) left to the regex module.
LONG_GUIDE = (
    r"(?<![\w])(?:the\s+risks?\s+of|any\s+(?:real\s+)?chance\s+of)\s+(?:infection|nerve\s+damage|pain)"
    r"\s+(?:is|are|was)\s+(?:(?:very|extremely)\s+){0,2}low(?=\s+(?:here|today))(?![\w])"
)


def test_a_guide_reads_the_opening_of_a_long_pattern_and_the_regex_module_the_rest() -> None:
    pattern = LazyPattern(LONG_GUIDE)
    translation = pattern.analysed().ascii_translation
    assert translation is not None and not translation.exact
    # Each alternative cut at the 20th character (the opening is "the risk of "), and the rest left out,
    # even after "pain", which is shorter: it would have to follow "infectio" too.
    assert translation.source.endswith("(?:infectio|nerve[\\t-\\r ]+da|pain))")
    assert "low" not in translation.source
    text = (
        "The risks of infection are very low here. The risks of infection are low today, and any real chance "
        "of nerve damage was extremely very low here. Any chance of pain was low today; the risk of infection."
    )
    document = parse_document("page.txt", text, "text")
    plain = [m.group() for m in pattern.compiled.finditer(document.prose)]
    assert plain == [
        "The risks of infection are very low",
        "The risks of infection are low",
        "any real chance of nerve damage was extremely very low",
        "Any chance of pain was low",
    ]
    assert [m.group() for m in guided.finditer(pattern, document)] == plain


GUIDE_WORDS = [
    "the", "risk", "risks", "of", "any", "real", "chance", "infection", "nerve", "damage", "pain",
    "is", "are", "was", "very", "extremely", "low", "here", "today", ",", ".",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(GUIDE_WORDS), max_size=40))
def test_a_guide_cut_short_finds_exactly_what_a_plain_scan_finds(words: list[str]) -> None:
    pattern = LazyPattern(LONG_GUIDE)
    document = parse_document("page.txt", " ".join(words), "text")
    plain = [m.span() for m in pattern.compiled.finditer(document.prose)]
    assert [m.span() for m in guided.finditer(pattern, document)] == plain


# Alternations of named groups, as subjects and spellings are written: which group a text matches
# must not depend on where it stands (an edge of the page aside).
NAMED_SHAPES = [
    r"(?<![\w])(?:(?P<s0>stem[\s-]+cells?)|(?P<s1>cells?)|(?P<s2>PRP|prp\s+injection)|(?P<s3>injection))(?![\w])",
    r"(?<![\w])(?:(?P<a>\Azero)|(?P<b>zero(?P<c>\s+risk)?)|(?P<d>risk\Z)|(?P<e>risk)|(?P<f>\bno\b))(?![\w])",
    r"(?<![\w])(?:(?P<v0_0>non-invasive)|(?P<v0_1>non\s+invasive)|(?P<v1_0>caf[ée])|(?P<v1_1>na[iï]ve))(?![\w])",
]


def _named_patterns() -> list[LazyPattern]:
    built_in = [p for p in PATTERNS if regex.search(r"\(\?P<", p.source)]
    return built_in + [LazyPattern(source) for source in NAMED_SHAPES]


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(scan_text, min_size=1, max_size=3))
def test_named_matches_are_the_regex_modules_whatever_page_a_text_was_first_seen_on(texts: list[str]) -> None:
    for text in texts:
        document = parse_document("page.txt", text, "text")
        for pattern in _named_patterns():
            plain = [(m.start(), m.end(), m.lastgroup) for m in pattern.compiled.finditer(document.prose)]
            assert list(guided.finditer_named(pattern, document)) == plain, pattern.source


def test_the_fixture_drafts_named_matches_are_the_regex_modules() -> None:
    drafts = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "drafts").iterdir())
    matched = 0
    for path in drafts:
        fmt = {"md": "markdown", "html": "html"}.get(path.suffix[1:], "text")
        document = parse_document(path.name, path.read_text(encoding="utf-8"), fmt)
        for pattern in _named_patterns():
            plain = [(m.start(), m.end(), m.lastgroup) for m in pattern.compiled.finditer(document.prose)]
            assert list(guided.finditer_named(pattern, document)) == plain, (path.name, pattern.source)
            matched += len(plain)
    assert matched > 20


def test_a_named_text_seen_before_is_not_matched_again_by_the_regex_module() -> None:
    source = r"(?<![\w])(?:(?P<s0>stem[\s-]+cells?)|(?P<s1>platelet[\s-]+rich\s+plasma)|(?P<s2>PRP))(?![\w])"
    first = LazyPattern(source)
    page = "PRP or stem cells? Stem-cell and PRP injections, and platelet-rich plasma (PRP)."
    expected = [(m.start(), m.end(), m.lastgroup) for m in first.compiled.finditer(page)]
    assert list(guided.finditer_named(first, parse_document("page.txt", page, "text"))) == expected
    # The same words on another page, read with a pattern of the same text not yet compiled.
    again = LazyPattern(source)
    other = "Read: Stem-cell, PRP, platelet-rich plasma, stem cells and PRP."
    named = list(guided.finditer_named(again, parse_document("page.txt", other, "text")))
    assert [(other[start:end], name) for start, end, name in named] == [
        ("Stem-cell", "s0"), ("PRP", "s2"), ("platelet-rich plasma", "s1"), ("stem cells", "s0"), ("PRP", "s2")
    ]  # fmt: skip
    assert again._compiled is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a cellé", []),  # a non-ASCII word character after: the regex module decides (and takes the longer)
        ("a cellé.", []),
        ("écell", []),  # ... and before
        ("cell\u0301 cell", [(6, 10)]),  # a combining mark is a word character
        ("İ cell", [(2, 6)]),  # a dotted capital I on the page: RE2 is not used at all
        ("cell", [(0, 4)]),
    ],
)
def test_word_boundaries_beyond_ascii_are_the_regex_modules(text: str, expected: list[tuple[int, int]]) -> None:
    pattern = LazyPattern(r"(?<![\w])(?:cell)(?![\w])")
    document = parse_document("page.txt", text, "text")
    assert [m.span() for m in guided.finditer(pattern, document)] == expected
    assert expected == [m.span() for m in pattern.compiled.finditer(text)]


def _range_in(text: str, data: st.DataObject) -> tuple[int, int]:
    """A start and an end within ``text``, start first."""
    start = data.draw(st.integers(0, len(text)))
    return start, data.draw(st.integers(start, len(text)))


url_text = st.lists(
    st.sampled_from(["a", "b", ".", "@", "-", "+", "www.", "http://", ":", "/", " ", "\n", "é", ")", "w", "s", "p",
                     "ftp", "https", "://", "_"])
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(parts=url_text, data=st.data())
def test_url_spans_are_the_url_regex_matches(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    start, end = _range_in(text, data)
    assert list(url_spans(text, start, end)) == [m.span() for m in URL.finditer(text, start, end)]
    web = regex.compile(r"\b(?:https?|ftp)://|\bwww\.")
    assert sorted(_web_address_starts(text, start, end)) == [m.start() for m in web.finditer(text, start, end)]


link_text = st.lists(st.sampled_from(["](", "]", "(", ")", '"', "'", " ", "\n", "a", "x y", "((", "<", ">", "<a b>"]))


@settings(max_examples=300, deadline=None)
@given(parts=link_text, data=st.data())
def test_link_targets_are_the_link_regex_matches(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    start, end = _range_in(text, data)
    found = list(_link_targets(text, start, end))
    assert [(s, e) for s, e, _ in found] == [m.span() for m in _LINK_TARGET.finditer(text, start, end)]
    for target_start, target_end, title in found:
        if title is not None:  # the text between a title's quotes (or parentheses), inside the target
            assert target_start < title[0] <= title[1] < target_end
            assert (text[title[0] - 1], text[title[1]]) in {('"', '"'), ("'", "'"), ("(", ")")}


def test_the_fixture_drafts_scan_the_same_guided_and_plain() -> None:
    drafts = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "drafts").iterdir())
    matched = 0
    for path in drafts:
        fmt = {"md": "markdown", "html": "html"}.get(path.suffix[1:], "text")
        document = parse_document(path.name, path.read_text(encoding="utf-8"), fmt)
        for pattern in PATTERNS:
            plain = [m.span() for m in pattern.compiled.finditer(document.prose)]
            assert [m.span() for m in guided.finditer(pattern, document)] == plain, (path.name, pattern.source)
            matched += len(plain)
    assert matched > 20


def _sentence_bounds_by_rescanning(document: Document, start: int, end: int) -> tuple[int, int]:
    """Sentence bounds as found by scanning the paragraph up to ``start`` every time (the reference)."""
    para_start, para_end = document.paragraph_bounds(start)
    sentence_start = para_start
    for match in _SENTENCE_END.finditer(document.prose, para_start, start):
        sentence_start = match.end()
    stop = _SENTENCE_END.search(document.prose, max(end, para_start), para_end)
    sentence_end = stop.end() if stop else para_end
    # Past LONGEST_SENTENCE on a side, the sentence ends at the nearest line break on that side, if any.
    if sentence_start < start - LONGEST_SENTENCE:
        breaks = [i for i in range(start - LONGEST_SENTENCE, start) if document.prose[i] == "\n"]
        sentence_start = breaks[-1] + 1 if breaks else start - LONGEST_SENTENCE
    if sentence_end > end + LONGEST_SENTENCE:
        breaks = [i for i in range(end, end + LONGEST_SENTENCE) if document.prose[i] == "\n"]
        sentence_end = breaks[0] if breaks else end + LONGEST_SENTENCE
    return sentence_start, max(sentence_end, end)


sentence_text = st.one_of(
    st.lists(st.sampled_from(["a", "b", " ", ".", "!", "?", ")", '"', "]", "\n", "\n\n", ".)"])).map("".join),
    # Long runs of words, so that sentences outgrow LONGEST_SENTENCE, with or without line breaks.
    st.lists(st.sampled_from(["ab " * 150, "ab", " ", "\n", ".", "\n\n"]), min_size=3, max_size=16).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(text=sentence_text, data=st.data())
def test_sentence_bounds_are_those_of_a_rescan(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    blocks = tuple(Block(a, b, "paragraph") for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b)
    document = Document("page.txt", text, text, "text", blocks)
    for _ in range(4):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert document.sentence_bounds(start, end) == _sentence_bounds_by_rescanning(document, start, end)


def _list_start_by_searching(document: Document, start: int) -> int:
    """Where a list of denials starts, searching the sentence from its start at every step (the reference)."""
    if not regex.match(r"(?i)(?:no|zero|without)\b", document.prose[start:]):
        return start
    sentence_start, _ = document.sentence_bounds(start)
    while (item := _DENIAL_ITEM.search(document.prose, sentence_start, start)) is not None:
        start = item.start()
    return start


denial_text = st.lists(
    st.sampled_from(["no", "No", "zero", "without", "casino", "side effects", "risk", "pain", ",", ", and", " and",
                     " or", " &", "downtime", "surgery", "we offer", ".", "\n\n", "  ", "\t"]),
    max_size=40,
).map(" ".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=denial_text)
def test_a_list_of_denials_starts_where_searching_finds(text: str) -> None:
    document = parse_document("page.txt", text, "text")
    for start in range(len(text) + 1):
        assert list_start(document, start) == _list_start_by_searching(document, start), start


markdown_lines = st.lists(
    st.sampled_from(["a", "b c", " ", "  ", "\\", "\n", "\n\n", "]", "](", "][", "![", "`", "<", "&", "{", ":", ":::",
                     "::::", "é"])
).map("".join)  # fmt: skip


def _line_blocks(text: str, data: st.DataObject) -> list[tuple[int, int]]:
    """Sorted runs of whole lines of ``text``, as Markdown's prose blocks are."""
    starts = [0] + [m.end() for m in regex.finditer(r"\n", text)] + [len(text)]
    cuts = sorted({*data.draw(st.lists(st.sampled_from(starts), max_size=8)), len(text)})
    return [(a, b) for a, b in itertools.pairwise(cuts) if data.draw(st.booleans())]


@settings(max_examples=300, deadline=None)
@given(text=markdown_lines, data=st.data())
def test_blocks_holding_a_sign_are_those_where_its_regex_matches(text: str, data: st.DataObject) -> None:
    blocks = _line_blocks(text, data)
    for needles, sign in [(("]",), r"\]"), ((":::",), ":::"), (("<", "&", "{"), "[<&{]"), (("](",), r"\]\(")]:
        found = [m.start() for m in regex.finditer(sign, text)]
        expected = [(s, e) for s, e in blocks if any(s <= at < e for at in found)]
        assert list(_blocks_holding(text, blocks, *needles)) == expected, needles


@settings(max_examples=300, deadline=None)
@given(text=markdown_lines, data=st.data())
def test_hard_breaks_are_the_hard_break_regex_matches(text: str, data: st.DataObject) -> None:
    hard_break = regex.compile(r"(?: {2,}+|\\)\n")
    for start, end in [*_line_blocks(text, data), _range_in(text, data)]:
        assert list(_hard_breaks(text, start, end)) == [m.span() for m in hard_break.finditer(text, start, end)]
    # The blocks holding one are among those where a line end has a space or a backslash before it.
    blocks = _line_blocks(text, data)
    holding = set(_blocks_holding(text, blocks, " \n", "\\\n"))
    assert {b for b in blocks if hard_break.search(text, *b)} <= holding


@given(text=markdown_lines)
def test_line_offsets_are_where_lines_start(text: str) -> None:
    offset = _line_offsets(text)
    starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
    assert [offset(line) for line in range(len(starts) + 2)] == [*starts, len(text), len(text)]


in_word_text = st.lists(
    st.sampled_from(["a", "é", " ", "-", "'", "_", ".", "<b>", "</b>", "<span class=x>", "<!-- c -->", "<wbr>", "&shy;",
                     "&#8203;", "*", "**", "[", "]", "](x)", "][y]", "\u00ad", "\u200b", "\u0301", "\n", ">", "<", "&",
                     "İ", "<I>", "</EM >"])
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(text=in_word_text)
def test_markup_inside_words_is_what_its_regex_finds(text: str) -> None:
    assert list(in_word_markup(text)) == [m.span() for m in _IN_WORD_MARKUP.finditer(text)]


def test_a_class_opening_with_a_colon_is_no_posix_class_and_is_translated_for_re2() -> None:
    # "[:-]" read as a POSIX class left a rule with no RE2 guide: its scans ran three times slower.
    colon_first = LazyPattern(r"(?<![\w])(?:price[:\u2013-]\s*\$\d+)(?![\w])")
    posix = LazyPattern(r"(?<![\w])(?:price[[:punct:]]\s*\$\d+)(?![\w])")
    document = parse_document("page.txt", "Our price: $750. The price- $800. A price\u2013$900.", "text")
    assert colon_first.analysed().translation is not None
    assert posix.analysed().translation is None
    found = [m.group() for m in guided.finditer(colon_first, document)]

    assert found == ["price: $750", "price- $800", "price\u2013$900"]


def _holds_a_frame_word(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of a parsed sequence holds one of context._FRAME_WORDS."""
    if any(all(any(w in s for w in _FRAME_WORDS) for s in needed) for needed in prefilter._sequence(items)):
        return True
    for op, argument in items:
        if op.name == "BRANCH" and all(_holds_a_frame_word(list(branch)) for branch in argument[1]):
            return True
        if op.name == "SUBPATTERN" and _holds_a_frame_word(list(argument[-1])):
            return True
        if op.name in ("MAX_REPEAT", "MIN_REPEAT") and argument[0] >= 1 and _holds_a_frame_word(list(argument[2])):
            return True
    return False


@pytest.mark.parametrize("pattern", [_DISOWNING_FRAME, _NAMED_CLAIM], ids=["frame", "named claim"])
def test_every_disowning_frame_holds_a_word_that_lets_it_be_looked_for(pattern: regex.Pattern[str]) -> None:
    # A clause before a match is read for disowning frames only if it holds one of these words.
    assert _holds_a_frame_word(list(stdlib_regex_parser().parse(pattern.pattern)))


@pytest.mark.parametrize(
    ("source", "phrases"),
    [
        (r"\bno\s+risk\b", {"no risk"}),
        (r"(?:guaranteed|proven)\s+results", {"guaranteed results", "proven results"}),
        (r"non[\s-]?invasive", {"non invasive", "non-invasive", "noninvasive"}),
        # The stretch with the longest shortest spelling, then the fewest spellings; one for "stem cell(s)".
        (
            r"\b(?:zero|no)\s+(?:chance|risk)\s+of\s+rejection",
            {"no risk of rejection", "zero risk of rejection", "no chance of rejection", "zero chance of rejection"},
        ),
        (r"(?<![\w])(?:stem\s+cells?|allograft)(?![\w])", {"stem cell", "allograft"}),
        (r"completely\s*+(?=safe)safe", {"completely safe", "completelysafe"}),
        # Nothing more than a word, or nothing certain: the words alone are looked for.
        (r"\bsafe\b", None),
        (r"no\s+\w+\s+risk", None),
        (r"a\s*b", None),
        (r"(?:risk){e<=1}\s+free", None),
    ],
)
def test_a_patterns_required_phrases_are_read_from_its_text(source: str, phrases: set[str] | None) -> None:
    assert prefilter.required_phrases(source) == (None if phrases is None else frozenset(phrases))


def _white_space_varied(text: str) -> str:
    """The text with each space a different run of white space, as markup and line wrapping leave it."""
    runs = itertools.cycle(["\n", "  ", "\t", "\u00a0", " \n  "])
    return "".join(next(runs) if char == " " else char for char in text)


def test_a_page_where_a_pattern_matches_holds_one_of_its_required_phrases() -> None:
    """The phrase test never skips a pattern that matches, whatever the white space and case of the page."""
    with_phrases = [pattern for pattern in PATTERNS if pattern.analysed().phrases]
    examples = [text for rule in load_rules([builtin_rules_dir()]) for text in rule.examples.bad]
    matching = [(text, [pattern for pattern in with_phrases if pattern.compiled.search(text)]) for text in examples]
    checked = 0
    for text, patterns in matching:
        for variant in (text, _white_space_varied(text), text.upper(), _white_space_varied(text.swapcase())):
            document = parse_document("page.txt", variant, "text")
            for pattern in patterns:
                if pattern.compiled.search(document.prose):
                    phrases = pattern.analysed().phrases
                    assert phrases is not None
                    assert prefilter.phrases_may_occur(document, phrases), (pattern.source, variant)
                    checked += 1
    assert len(with_phrases) > 100 and checked > 5_000


def _conditions() -> list[Condition]:
    found: dict[tuple[str, str], Condition] = {}
    for value in _built_in_values():
        if isinstance(value, Condition) and not value.raw and value.within != "document":
            found.setdefault((value.pattern.source, value.within), value)
    return list(found.values())


def test_a_condition_holds_exactly_where_a_search_of_its_span_finds_it() -> None:
    # A condition's pattern is not searched for in a sentence without one of the words its matches hold.
    conditions = _conditions()
    drafts = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "drafts").iterdir())
    pages = [
        (p.name, p.read_text(encoding="utf-8"), {"md": "markdown", "html": "html"}.get(p.suffix[1:], "text"))
        for p in drafts
    ]
    # Words a condition needs side by side, with line breaks and runs of white space between them.
    pages += [(f"spaced-{name}", _white_space_varied(text), fmt) for name, text, fmt in pages if fmt == "text"]
    # Letters the regex module matches ignoring case that are not the ASCII ones lower-cased.
    pages.append(
        ("cased.txt", "PUBLISHED STUDIES SHOW it Works. \u212aeep up: \u017ftudies \u017fhow it helps.\n", "text")
    )
    held = 0
    for name, text, fmt in pages:
        document = parse_document(name, text, fmt)
        asked: set[tuple[str, int, int]] = set()
        for word in regex.finditer(r"\w+", document.prose):
            start, end = word.span()
            for condition in conditions:
                lo, hi = condition.bounds(document, start, end)
                if (condition.pattern.source, lo, hi) in asked:
                    continue
                asked.add((condition.pattern.source, lo, hi))
                expected = condition.pattern.compiled.search(document.prose, lo, hi) is not None
                assert condition.holds(document, start, end) == expected, (name, start, condition.pattern.source)
                held += expected
    assert len(conditions) > 20 and held > 100


def _clause_words_read_in_full(document: Document, start: int) -> tuple[str, ...]:
    """context.clause_words as a scan of the whole clause for its breaks finds them."""
    sentence_start, _ = document.sentence_bounds(start)
    lead = document.reading(sentence_start, start)
    ahead = lead + document.prose[start : start + 32]
    breaks = [b for b in _CLAUSE_BREAK.finditer(ahead) if b.end() <= len(lead)]
    if breaks:
        lead = lead[breaks[-1].end() :]
    words = [w.lower() for w in regex.findall(r"[A-Za-z]+(?:'[a-z]+)?", lead)]
    return tuple(w for i, w in enumerate(words) if not _denies_nothing(words, i))


_CLAUSE_WORDS = "no NO And or but Though although zero without it is cures pain downtime guaranteed risk-free x_or o'no"
_CLAUSE_TEXT = st.lists(
    st.sampled_from(
        [
            *_CLAUSE_WORDS.split(),
            "or it is",
            "and is",
            "no pain and",
            ", so",
            "and5",
            "with",
            "just",
            "we",
            "caf\u00e9",
            ",",
            ";",
            " - ",
            ".",
            "?",
            "(",
            "\u2014",
        ]
    ),
    max_size=14,
).map(" ".join)


@given(_CLAUSE_TEXT)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_words_of_a_clause_are_those_a_full_scan_for_its_breaks_leaves(text: str) -> None:
    document = parse_document("clause.txt", text + " risk-free.\n", "text")
    for word in regex.finditer(r"\S+", document.prose):
        assert clause_words(document, word.start()) == _clause_words_read_in_full(document, word.start())


def test_the_fixture_drafts_clauses_have_the_words_a_full_scan_leaves() -> None:
    drafts = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "drafts").iterdir())
    for path in drafts:
        fmt = {"md": "markdown", "html": "html"}.get(path.suffix[1:], "text")
        document = parse_document(path.name, path.read_text(encoding="utf-8"), fmt)
        for word in regex.finditer(r"\w+", document.prose):
            assert clause_words(document, word.start()) == _clause_words_read_in_full(document, word.start())


# Literals and words from a few letters, so that literals share their first characters, stand
# inside each other and overlap in words; "İ" case-folds to "i" and a combining dot.
_literal_letters = st.sampled_from("safetyİ")
index_literals = st.lists(st.text(_literal_letters, min_size=1, max_size=8), min_size=1, max_size=20)
index_text = st.lists(st.text(st.sampled_from("safetyİSAFE-."), min_size=1, max_size=60), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(literals=index_literals, text=index_text, later=index_literals)
def test_the_page_word_index_finds_exactly_the_literals_a_pages_words_hold(
    literals: list[str], text: str, later: list[str]
) -> None:
    index = prefilter.LiteralIndex()
    document = parse_document("page.txt", text, "text")
    words = [prefilter.fold(word) for word in document.prose.split()]
    for known in (literals, literals + later):  # literals added once words were read are found too
        index.add(frozenset(known))
        assert index.present(document) == {literal for literal in known if any(literal in w for w in words)}
