"""Words that markup splits in the file but a browser draws whole: "<b>Pain</b>less", "pain&shy;less".

The prose view reads such a word as the reader sees it; findings point at the file's
characters, and a fix rewrites the word only where dropping what is inside it changes
nothing a reader sees (a soft hyphen), refusing, and saying why, where a tag would go.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.fix_helpers import make_config, medlint

from medlint import lint_text
from medlint.config import load_config


@pytest.mark.parametrize(
    ("page", "name", "word"),
    [
        ("<p>Our treatment is pain&shy;less.</p>", "page.html", "pain&shy;less"),
        ("<p>Our treatment is pain&#173;less.</p>", "page.html", "pain&#173;less"),
        ("<p>Our treatment is pain\u00adless.</p>", "page.html", "pain\u00adless"),
        ("<p>Our treatment is pain\u200bless.</p>", "page.html", "pain\u200bless"),
        ("<p>Our treatment is pain\u2060less.</p>", "page.html", "pain\u2060less"),
        ("<p>Our treatment is pain&#8203;less.</p>", "page.html", "pain&#8203;less"),
        ("<p>Our treatment is pain&#x200B;less.</p>", "page.html", "pain&#x200B;less"),
        ("<p>Our treatment is pain<wbr>less.</p>", "page.html", "pain<wbr>less"),
        ("<p>Our treatment is <b>Pain</b>less.</p>", "page.html", "Pain</b>less"),
        ('<p>Our treatment is pa<span class="hl">in</span>less.</p>', "page.html", 'pa<span class="hl">in</span>less'),
        ("<p>Our treatment is pain<!-- x -->less.</p>", "page.html", "pain<!-- x -->less"),
        ("Our treatment is **Pain**less.\n", "page.md", "Pain**less"),
        ("Our treatment is *Pain*less.\n", "page.md", "Pain*less"),
        ("Our treatment is pain*less*, as 2*3 is 6.\n", "page.md", "pain*less"),
        ("Our treatment is pain<!-- -->less.\n", "page.md", "pain<!-- -->less"),
        ("Our treatment is pain[less](/faq).\n", "page.md", "pain[less"),
        ("Our treatment is [Pain](/faq)less.\n", "page.md", "Pain](/faq)less"),
        ("Our treatment is pain[less][faq].\n\n[faq]: /faq\n", "page.md", "pain[less"),
        ("Our treatment is pain&shy;less.\n", "page.md", "pain&shy;less"),
        ("Our treatment is pain\u00adless.\n", "page.txt", "pain\u00adless"),
        ("<p>Our treatment is pain&#108;ess.</p>", "page.html", "pain&#108;ess"),
        ("<p>Our treatment is pa&#x69;&#x6E;less.</p>", "page.html", "pa&#x69;&#x6E;less"),
        ("<p>Our treatment is &#80;ainless.</p>", "page.html", "&#80;ainless"),
        ("<p>Our treatment is <b>pa</b>&#105;nless.</p>", "page.html", "pa</b>&#105;nless"),
        ("Our treatment is pain&#108;ess.\n", "page.md", "pain&#108;ess"),
        ('<img alt="A pain&#108;ess treatment" src="knee.jpg">', "page.html", "pain&#108;ess"),
        ("<p>Our treatment is [hl]Pain[/hl]less.</p>", "page.html", "Pain[/hl]less"),
        (
            'Our treatment is pa[highlight color="red"]in[/highlight]less.\n',
            "page.md",
            'pa[highlight color="red"]in[/highlight]less',
        ),
        ("Our treatment is {{< mark >}}Pain{{< /mark >}}less.\n", "page.md", "Pain{{< /mark >}}less"),
        ("Our treatment is {{% b %}}Pain{{% /b %}}less.\n", "page.md", "Pain{{% /b %}}less"),
        ("Our treatment is <Hl>Pain</Hl>less.\n", "page.mdx", "Pain</Hl>less"),
        (
            'Our treatment is pa<Highlight tone="mint">in</Highlight>less.\n',
            "page.mdx",
            'pa<Highlight tone="mint">in</Highlight>less',
        ),
        ("Our treatment is pain{/* note */}less.\n", "page.mdx", "pain{/* note */}less"),
        ("<p>Our treatment is <Hl>Pain</Hl>less.</p>\n", "page.astro", "Pain</Hl>less"),
    ],
)
def test_a_word_markup_splits_is_read_whole(tmp_path: Path, page: str, name: str, word: str) -> None:
    config = load_config(make_config(tmp_path))

    findings = [f for f in lint_text(page, name, config=config) if f.rule == "painless"]

    assert [f.text for f in findings] == [word]
    finding = findings[0]
    assert page[finding.start : finding.end] == word
    assert finding.column == page.index(word) + 1 and finding.end_column == page.index(word) + len(word) + 1
    assert "'painless'" in finding.message.lower()


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("<p>It has no<!-- note -->side effects. Sperm<b>cells</b> are not used.</p>", "page.html"),
        ("It has no<!-- note -->side effects.\n\nNo sperm cells<sup>1</sup>.\n", "page.md"),
    ],
)
def test_markup_drawn_as_nothing_between_two_words_makes_one_word(tmp_path: Path, page: str, name: str) -> None:
    rules = (
        "rules:\n  - {id: nse, category: absolute-safety, message: m, phrases: ['no side effects', 'sperm cells']}\n"
    )
    config = load_config(make_config(tmp_path, rules))

    # "noside effects" and "Spermcells" are what a browser draws; "cells<sup>1</sup>" stays a word.
    assert [f.text for f in lint_text(page, name, config=config)] == ([] if name == "page.html" else ["sperm cells"])


def test_a_rewrite_drops_what_draws_nothing_inside_the_word(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<p>We inject sp&shy;erm cells.</p>\n<p>We inject sperm\u00adcells and sper\u200bm cells.</p>\n",
        encoding="utf-8",
    )

    result = medlint("fix", "--config", make_config(tmp_path / "cfg"), page)

    assert result.exit_code == 0, result.output
    assert (
        page.read_text(encoding="utf-8")
        == "<p>We inject stem cells.</p>\n<p>We inject sperm\u00adcells and stem cells.</p>\n"
    )


def test_a_rewrite_that_would_drop_a_tag_inside_a_word_is_refused_and_says_why(tmp_path: Path) -> None:
    text = "<p>We inject <b>sp</b>erm cells and spe<!-- x -->rm cells.</p>\n"
    page = tmp_path / "page.html"
    page.write_text(text, encoding="utf-8")
    config = make_config(tmp_path / "cfg")

    fixed = medlint("fix", "--config", config, page)
    session = medlint("fix", "-i", "--no-color", "--config", config, page, input="1\n1\n")

    assert fixed.exit_code == 1 and "sperm-cells" in fixed.output
    assert page.read_text(encoding="utf-8") == text
    assert "'</b>' stands inside the words to rewrite, and a rewrite would drop it; edit it by hand" in session.stdout
    assert "'<!-- x -->' stands inside the words to rewrite" in session.stdout


@pytest.mark.parametrize(
    ("page", "name", "claim"),
    [
        ("<p>The treatment is 100% [highlight]safe[/highlight].</p>", "page.html", "100% [highlight]safe"),
        ("<p>It has no [b]side effects[/b].</p>", "page.html", "no [b]side effects"),
        ("The treatment is 100% {{< mark >}}safe{{< /mark >}}.\n", "page.md", "100% {{< mark >}}safe"),
        ("It has no {{% b %}}side effects{{% /b %}}.\n", "page.md", "no {{% b %}}side effects"),
    ],
)
def test_a_shortcode_that_styles_words_mid_sentence_leaves_one_phrase(page: str, name: str, claim: str) -> None:
    found = [f.text for f in lint_text(page, name) if f.rule in ("completely-safe", "no-side-effects")]

    assert found == [claim]


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ('Our treatment is pain<Icon name="leaf" />less.\n', "page.mdx"),
        ("<p>Our treatment is pain[caption]less[/caption].</p>", "page.html"),
    ],
)
def test_markup_that_draws_something_inside_a_word_still_parts_it(tmp_path: Path, page: str, name: str) -> None:
    config = load_config(make_config(tmp_path))

    assert [f.text for f in lint_text(page, name, config=config) if f.rule == "painless"] == []


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("<p>It has no [caption]side effects[/caption].</p>", "page.html"),
        ("It has no {{< figure src=knee.jpg >}} side effects.\n", "page.md"),
    ],
)
def test_a_shortcode_that_draws_something_still_parts_the_words_around_it(page: str, name: str) -> None:
    assert [f.text for f in lint_text(page, name) if f.rule == "no-side-effects"] == []


@pytest.mark.parametrize(
    ("page", "word"),
    [
        ("<p>Enjoy our caf&eacute;s. Our treatment is pa&iacute;nless.</p>", "pa&iacute;nless"),
        ("<p>Enjoy our caf&#233;s. Our treatment is pa&#237;nless.</p>", "pa&#237;nless"),
    ],
)
def test_a_reference_for_an_accented_letter_inside_a_word_keeps_the_word_whole(
    tmp_path: Path, page: str, word: str
) -> None:
    rules = "rules:\n  - {id: accented, category: absolute-safety, message: m, phrases: ['cafés', 's', 'paínless']}\n"
    config = load_config(make_config(tmp_path, rules))

    # "cafés" is one word to a reader: no lone "s" after "caf".
    found = [f.text for f in lint_text(page, "page.html", config=config)]

    assert found == [page[page.index("caf") : page.index("s.") + 1], word]


def test_a_rewrite_spells_anew_a_letter_written_as_a_reference(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>We inject sp&#101;rm cells.</p>\n", encoding="utf-8")

    result = medlint("fix", "--config", make_config(tmp_path / "cfg"), page)

    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == "<p>We inject stem cells.</p>\n"


@pytest.mark.parametrize(
    "page", ["<h2>100&#37; safe</h2>", "<p>It is 100&#x25; safe.</p>", "<p>It is 100&percnt; safe.</p>"]
)
def test_a_percent_sign_written_as_a_reference_stays_with_its_figure(page: str) -> None:
    found = [f.text for f in lint_text(page, "page.html") if f.rule == "completely-safe"]

    assert found == [page[page.index("100") : page.index("safe") + 4]]


def test_a_rewrite_that_would_drop_the_tag_of_a_tooltip_is_refused_and_says_why(tmp_path: Path) -> None:
    text = '<p>We inject sperm <abbr title="stem cells, we mean">cells</abbr> here.</p>\n'
    page = tmp_path / "page.html"
    page.write_text(text, encoding="utf-8")

    session = medlint("fix", "-i", "--no-color", "--config", make_config(tmp_path / "cfg"), page, input="1\n")

    assert page.read_text(encoding="utf-8") == text
    assert "'<abbr title=\"stem cells, we mean\">' stands inside the words to rewrite" in session.stdout
