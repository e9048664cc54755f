"""The prose mask: claims in prose are reported, the same claims in markup are not.

Every test writes a real document, runs the real CLI with a small rule set and
checks which lines report the phrase "miracle cure".
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from tests.conftest import RunCli, painless_in_each_scope, write
from tests.fix_helpers import make_config, medlint

from medlint import lint_text


def reported_lines(run_cli: RunCli, config: Path, path: Path) -> list[int]:
    result = run_cli("check", "--config", str(config), "--format", "json", str(path))
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)["findings"]
    return sorted(f["line"] for f in findings if f["rule"] == "miracle-cure")


def test_markdown_prose_is_checked_and_markup_is_not(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        ---
        title: A miracle cure for back pain
        description: "Our miracle cure, explained"
        slug: miracle-cure
        tags: [miracle cure]
        ---
        # The miracle cure

        A paragraph about the miracle cure.

        - a list item: miracle cure
        > a quote: miracle cure

        | Claim | Verdict |
        |-------|---------|
        | miracle cure | no |

        ![a miracle cure before and after](img/miracle-cure.png)

        Inline `miracle cure` code, a [link](https://example.com/miracle-cure "t"), <https://x.org/miracle-cure>,
        https://example.com/miracle-cure and {{ "miracle cure" }} and {% miracle cure %}.

        ```
        miracle cure in a fence
        ```

            miracle cure in an indented block

        <!-- miracle cure in a comment -->
        <div class="miracle cure">
        <p>An HTML block with a miracle cure.</p>
        <script>var claim = "miracle cure";</script>
        </div>
        [ref]: https://example.com/miracle-cure
        """,
    )
    # title, description, heading, paragraph, list, quote, table cell, alt text, HTML block
    assert reported_lines(run_cli, core_config, page) == [2, 3, 7, 9, 11, 12, 16, 18, 31]


def test_toml_front_matter_multi_line_strings_are_prose_for_prose_keys(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        +++
        title = \'\'\'
        Knees: a miracle cure
        \'\'\'
        description = \"\"\"Our miracle cure, and
        what it costs\"\"\"
        slug = \"\"\"
        miracle cure\"\"\"
        +++
        Body.
        """,
    )
    assert reported_lines(run_cli, core_config, page) == [3, 5]


def test_html_prose_title_meta_and_alt_are_checked(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.html",
        """\
        <!DOCTYPE html>
        <html><head>
        <title>The miracle cure clinic</title>
        <meta name="description" content="Ask about our miracle cure.">
        <meta name="keywords" content="miracle cure">
        <style>.miracle-cure { color: red } /* miracle cure */</style>
        <script>const s = "miracle cure";</script>
        </head>
        <body>
        <h1>A miracle cure?</h1>
        <p>We offer a <strong>miracle</strong> cure.</p>
        <img src="miracle-cure.png" alt="miracle cure results">
        <a href="https://example.com/miracle-cure" title="about the miracle cure">read more</a>
        <pre>miracle cure</pre><code>miracle cure</code>
        <!-- miracle cure -->
        <p data-claim="miracle cure">Plain text.</p>
        </body></html>
        """,
    )
    assert reported_lines(run_cli, core_config, page) == [3, 4, 10, 11, 12, 13]


def test_mdx_imports_and_expressions_are_masked(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.mdx",
        """\
        import { Claim } from "./miracle-cure"
        export const meta = { claim: "miracle cure" }

        # A miracle cure

        <Claim text={"miracle cure"} />
        {/* a miracle cure comment */}

        Text with a miracle cure.
        """,
    )
    assert reported_lines(run_cli, core_config, page) == [4, 9]


def test_template_comments_and_highlighted_code_are_not_prose(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    page = write(
        tmp_path / "post.md",
        """\
        A miracle cure, says the headline.

        {% comment %}
        Old copy: a miracle cure.
        {% endcomment %}

        {%- highlight html -%}
        <p>A miracle cure</p>
        {%- endhighlight -%}

        {{< highlight html >}}
        <p>A miracle cure</p>
        {{< /highlight >}}

        {% if page.cta %}Our miracle cure.{% endif %}

        {% comment %} left open: a miracle cure
        """,
    )
    html = write(
        tmp_path / "page.html",
        """\
        <p>{% comment %}a miracle cure{% endcomment %}</p>
        <p>A miracle cure.</p>
        """,
    )
    assert reported_lines(run_cli, core_config, page) == [1, 15, 17]
    assert reported_lines(run_cli, core_config, html) == [2]


def test_plain_text_masks_only_urls_and_addresses(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.txt",
        """\
        A miracle cure for all.
        See https://example.com/miracle-cure or write to miracle.cure@example.com.
        {{ miracle cure }} is prose in a text file.
        """,
    )
    assert reported_lines(run_cli, core_config, page) == [1, 3]


def test_a_phrase_split_by_a_line_break_or_markup_is_found(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        We sell a miracle
        cure. And a **miracle** *cure*. And a <em>miracle</em>&nbsp;cure.
        """,
    )
    assert reported_lines(run_cli, core_config, page) == [1, 2, 2]


def test_scope_sees_alt_text_as_alt_even_when_it_is_all_a_paragraph_holds(run_cli: RunCli, tmp_path: Path) -> None:
    rules = write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - id: alt-only
            category: editorial
            message: "'{match}' in alt text."
            phrases: ["miracle cure"]
            scope: [alt]
        """,
    )
    config = write(tmp_path / ".medlint.yaml", f"builtin_rules: false\nrules: [{rules.name}]\n")
    page = write(
        tmp_path / "page.html",
        """\
        <p><img src="a.png" alt="miracle cure"></p>
        <p>A miracle cure <img src="b.png" alt="before the miracle cure"> in prose.</p>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    assert [(f["line"], f["column"]) for f in json.loads(result.output)["findings"]] == [(1, 26), (2, 52)]


def test_an_escaped_bang_before_a_link_opens_no_image(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "alt", "paragraph")
    # CommonMark: "\\![text](url)" is a "!" and then a link, whose text is paragraph prose, not alt text.
    page = write(tmp_path / "page.md", "Wow\\![a painless visit](visit.md) and \\\\![a painless jab](a.png)\n")
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("paragraph-only", 1, 9), ("alt-only", 1, 45)]


def test_scope_alt_and_title_in_markdown_and_html(run_cli: RunCli, tmp_path: Path) -> None:
    # alt: image alt text and title attributes, in Markdown as in HTML; title: the page's own title.
    config = painless_in_each_scope(tmp_path, "alt", "title")
    markdown = write(
        tmp_path / "page.md",
        """\
        ---
        title: A painless visit
        ---
        Text ![a painless jab](a.png "painless care") and ![painless][b] [here](c "painless").

        [b]: b.png
        """,
    )
    html = write(
        tmp_path / "page.html",
        """\
        <title>A painless visit</title>
        <p>Text <img alt="a painless jab" title="painless care" src=a.png> <a title="painless" href=c>here</a>.</p>
        """,
    )

    def found(page: Path) -> list[tuple[str, int, int]]:
        result = run_cli("check", "--config", str(config), "--format", "json", str(page))
        return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]

    assert found(markdown) == [
        ("title-only", 2, 10),
        ("alt-only", 4, 10),
        ("alt-only", 4, 31),
        ("alt-only", 4, 53),
        ("alt-only", 4, 76),
    ]
    assert found(html) == [("title-only", 1, 10), ("alt-only", 2, 21), ("alt-only", 2, 42), ("alt-only", 2, 78)]


def test_markdown_link_and_image_titles_are_prose(run_cli: RunCli, core_config: Path, tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.md",
        """\
        See ![before](img/miracle-cure.png "Our miracle cure") here.
        And [a link](https://example.com/miracle-cure 'miracle cure explained').
        """,
    )
    assert reported_lines(run_cli, core_config, page) == [1, 2]


def test_shortcut_collapsed_and_angle_bracket_images_are_alt_text(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "alt", "paragraph")
    page = write(
        tmp_path / "recovery.md",
        """\
        Week one ![patient walking painless after PRP] and week two ![painless stairs][].

        Week six ![a painless jog](<images/week six.jpg> "Week six") at the park.

        No image here: ![painless, but no such reference] stays a paragraph.

        [patient walking painless after PRP]: /images/week-1.jpg
        [Painless  stairs]: /images/week-2.jpg
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [
        ("alt-only", 1, 28),
        ("alt-only", 1, 63),
        ("alt-only", 3, 14),
        ("paragraph-only", 5, 18),
    ]


def test_shortcode_attributes_shown_as_text_are_prose_and_the_others_are_not(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "alt", "heading", "paragraph")
    post = """\
        <p>[su_spoiler title="Is the injection painless?" style="painless"]Most say it is painless.[/su_spoiler]</p>
        <p>[button text="Book a painless visit" url="/book-painless" class="btn-painless"]</p>
        [caption id="attachment_7" align="alignleft"]<img src="knee.jpg" alt="painless knee"> Day one[/caption]
        [gallery ids="4,5" link="painless"]
        [code lang="js"]const painless = true;[/code]
        <p>Patients' painless stories [1] and [sic].</p>
        """
    html = write(tmp_path / "export.html", post)
    # The same post kept as Markdown by a WordPress-to-Markdown export.
    markdown = write(tmp_path / "export.md", post)

    def found(page: Path) -> list[tuple[str, int, int]]:
        result = run_cli("check", "--config", str(config), "--format", "json", str(page))
        return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]

    expected = [
        ("heading-only", 1, 40),
        ("paragraph-only", 1, 83),
        ("paragraph-only", 2, 25),
        ("alt-only", 3, 71),
        ("paragraph-only", 6, 14),
    ]
    assert found(html) == expected
    assert found(markdown) == expected


def test_an_indented_line_in_mdx_is_nested_jsx_not_code(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "list", "paragraph")
    page = write(
        tmp_path / "knee.mdx",
        """\
        import Tabs from '@theme/Tabs';
        import TabItem from '@theme/TabItem';

        <Tabs>
          <TabItem value="prp">

            PRP is painless for most patients.

            - Recovery is painless
            - Back to work in a day

          </TabItem>
        </Tabs>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("paragraph-only", 7, 12), ("list-only", 9, 19)]
    # The same lines in Markdown are an indented code block.
    markdown = write(tmp_path / "knee.md", page.read_text(encoding="utf-8"))
    result = run_cli("check", "--config", str(config), "--format", "json", str(markdown))
    assert json.loads(result.output)["findings"] == []


def test_footnote_text_is_prose_and_footnote_labels_are_not(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "paragraph")
    page = write(
        tmp_path / "prp-faq.md",
        """\
        Most patients call the PRP injection painless.[^survey] Results vary.[^2]

        [^survey]: In our 2023 survey, 41 of 50 patients said it was painless.
        [^2]: Painless
        [^3]: https://example.com/painless-prp-study
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [(1, 38), (3, 62), (4, 7)]


def test_front_matter_of_an_html_page_is_read_as_in_markdown(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "title", "description", "paragraph")
    page = write(
        tmp_path / "knees.html",
        """\
        ---
        layout: painless-landing
        title: Painless knee injections
        description: "A painless way back to running"
        permalink: /painless-knees/
        ---
        <h1>{{ page.title }}</h1>
        <p>Most patients find the injection painless.</p>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("title-only", 3, 8), ("description-only", 4, 17), ("paragraph-only", 8, 37)]


def test_faq_structured_data_is_checked_as_search_result_text(run_cli: RunCli, tmp_path: Path) -> None:
    rules = write(
        tmp_path / "rules.yaml",
        """\
        rules:
          - {id: description-only, category: efficacy, message: m, phrases: [miracle cure], negation: true,
             scope: [description]}
        """,
    )
    config = write(tmp_path / ".medlint.yaml", f"builtin_rules: false\nrules: [{rules.name}]\n")
    page = write(
        tmp_path / "faq.html",
        """\
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "FAQPage", "url": "https://example.com/miracle-cure",
         "mainEntity": [
          {"@type": "Question", "name": "Is PRP a miracle cure?",
           "acceptedAnswer": {"@type": "Answer", "text": "No. PRP isn\\u2019t a miracle cure for arthritis."}},
          {"@type": "Question", "name": "Why PRP?",
           "acceptedAnswer": {"@type": "Answer", "text": "It is the \\"miracle cure\\" athletes use."}}]}
        </script>
        <script>var faq = {"text": "a miracle cure"};</script>
        <p>See the answers above.</p>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [(4, 43), (7, 63)]


def test_a_template_drawn_where_it_stands_is_prose_and_one_a_script_clones_is_not() -> None:
    # A declarative shadow root and Alpine's x-if are drawn on the page; a plain <template> only when cloned.
    page = (
        '<my-card><template shadowrootmode="open"><p>Our injections are 100% safe.</p></template></my-card>\n'
        '<template id="row"><p>Guaranteed results</p></template>\n'
        '<div x-data="{open: true}"><template x-if="open"><p>No side effects.</p></template></div>\n'
    )

    found = [(f.rule, f.line) for f in lint_text(page, "page.html")]

    assert found == [("completely-safe", 1), ("no-side-effects", 3)]


def test_html_in_a_structured_data_answer_is_markup_and_its_words_are_prose() -> None:
    # Search engines draw an FAQ answer's <p>, <b> and <a href> as markup: a link's slug is no claim,
    # and "no <b>side</b> effects" reads "no side effects", whether the tags are written as they are
    # or with JSON's escapes.
    page = (
        '<script type="application/ld+json">\n{"@type": "FAQPage", "mainEntity": [{"@type": "Question",'
        ' "name": "Does PRP hurt?", "acceptedAnswer": {"@type": "Answer", "text":'
        ' "<p>Most go home the same day. <a href=\\"/guaranteed-results\\">Read more<\\/a>.</p>'
        ' There are no <b>side<\\/b> effects. We see no \\u003cb\\u003eside\\u003c/b\\u003e effects."}}]}\n</script>\n'
    )

    found = [(f.rule, f.start) for f in lint_text(page, "faq.html")]

    assert found == [("no-side-effects", page.index("no <b>")), ("no-side-effects", page.index("no \\u003c"))]


def test_open_graph_and_twitter_titles_are_titles_and_their_descriptions_descriptions(
    run_cli: RunCli, tmp_path: Path
) -> None:
    config = painless_in_each_scope(tmp_path, "title", "description")
    page = write(
        tmp_path / "knees.html",
        """\
        <head>
        <meta property="og:title" content="Painless knee injections">
        <meta name="twitter:title" content="Painless knees">
        <meta property="og:description" content="A painless way back to running.">
        <meta property="og:image:alt" content="painless">
        </head>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("title-only", 2, 36), ("title-only", 3, 37), ("description-only", 4, 44)]


def test_aria_labels_and_placeholders_are_alt_prose(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "alt", "paragraph")
    page = write(
        tmp_path / "book.html",
        """\
        <form action="/book">
          <input type="text" name="painless" placeholder="Ask about painless knee injections">
          <button aria-label="Book a painless consultation" data-event="painless-cta">Book</button>
        </form>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("alt-only", 2, 61), ("alt-only", 3, 30)]


def test_html_written_as_code_in_markdown_is_neither_prose_nor_markup(
    run_cli: RunCli, core_config: Path, tmp_path: Path
) -> None:
    # A tag in a code span or an MDX comment is shown as code: its alt text is not prose, and
    # a `<pre>` there opens no element that would hide the rest of the paragraph.
    text = """\
        Write `<pre>` around code; this is no miracle cure, but a miracle cure for typos.

        Use `<img alt="miracle cure">` for the photo.
        """
    markdown = write(tmp_path / "page.md", text)
    mdx = write(tmp_path / "page.mdx", text + '\n{/* <img alt="miracle cure"> */}\n')
    assert reported_lines(run_cli, core_config, markdown) == [1]
    assert reported_lines(run_cli, core_config, mdx) == [1]


def test_text_that_an_mdx_or_astro_expression_renders_is_prose_and_its_code_is_not(
    run_cli: RunCli, tmp_path: Path
) -> None:
    config = painless_in_each_scope(tmp_path, "list", "paragraph", "alt", "heading")
    template = """\
        {isNew && <p className="painless">Our new PRP shot is painless.</p>}
        <ul>
          {steps.map((step) => (
            <li key={step.id} onClick={() => track("painless")}>{step.name}: quick and painless</li>
          ))}
        </ul>
        {open ? <span>Painless!</span> : null} {ok ? "Painless, we promise" : t("painless")}
        {photo && <img src="painless.jpg" alt="a painless jab" className="painless" />}
        {promo && <Callout title="Painless care" variant="painless">Most say it is painless</Callout>}
        {obj.painless} {label === "painless" ? <b>Yes</b> : null} {{painless: true}}
        <Hero title={ready ? "painless" : "later"} />
        <img alt={photo.alt} data-painless />
        """

    def found(page: Path) -> list[tuple[str, int, int]]:
        result = run_cli("check", "--config", str(config), "--format", "json", str(page))
        return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]

    expected = [
        ("paragraph-only", 1, 55),
        ("list-only", 4, 80),
        ("paragraph-only", 7, 15),
        ("paragraph-only", 7, 47),
        ("alt-only", 8, 42),
        ("heading-only", 9, 27),
        ("paragraph-only", 9, 76),
    ]
    mdx = write(tmp_path / "page.mdx", 'import { Hero } from "./painless";\n\n' + textwrap.dedent(template))
    assert found(mdx) == [(rule, line + 2, column) for rule, line, column in expected]
    astro = write(tmp_path / "page.astro", "---\nconst painless = true;\n---\n" + textwrap.dedent(template))
    assert found(astro) == [(rule, line + 3, column) for rule, line, column in expected]
    # An escape in a rendered string is the character it stands for: a no-break space, an apostrophe.
    escaped = 'Our PRP is 100%{"\\u00a0"}safe. {ok && "Don\\x27t worry: it\\x27s 100% safe"}\n'
    assert [(f.rule, f.text) for f in lint_text(escaped, "page.mdx")] == [
        ("completely-safe", '100%{"\\u00a0"}safe'),
        ("completely-safe", "100% safe"),
    ]
    # JSX's own space between words joins them, as a space does.
    assert [f.text for f in lint_text("It is 100%{' '}safe.\n", "page.mdx")] == ["100%{' '}safe"]


def test_a_line_break_before_a_capital_starts_a_line_of_its_own() -> None:
    # A landing page's list of lines: the "No" of one line neither negates nor qualifies the next.
    hero = (
        "<p>No surgery<br>Guaranteed results</p>\n"
        "<p>No pills, no downtime<br/>\n  <strong>No side effects</strong></p>\n"
    )
    markdown = "No surgery  \nGuaranteed results\n\n> No pills, no downtime\\\n> No side effects\n"
    mdx = "<Hero>No surgery<br />Guaranteed results</Hero>\n"
    found = {
        path: [(f.rule, f.line, f.column) for f in lint_text(text, path)]
        for text, path in ((hero, "hero.html"), (markdown, "hero.md"), (mdx, "hero.mdx"))
    }
    assert found == {
        "hero.html": [("guaranteed-results", 1, 18), ("no-side-effects", 3, 11)],
        "hero.md": [("guaranteed-results", 2, 1), ("no-side-effects", 5, 3)],
        "hero.mdx": [("guaranteed-results", 1, 23)],
    }
    # A line broken inside a sentence stays one sentence: its qualifier still holds.
    for text, path in (
        ("<p>Most patients find the injection<br>painless.</p>", "a.html"),
        ("Most patients find the injection  \npainless.\n", "a.md"),
        ("Code: `No surgery<br>Guaranteed results`\n", "a.md"),
    ):
        assert lint_text(text, path) == [], text


def test_attribute_lists_of_kramdown_and_markdown_it_attrs_are_markup() -> None:
    # Jekyll pages (Kramdown) tag paragraphs, links and images with ids and classes, often slugs of
    # a claim; the words of the paragraph they follow are still prose.
    page = """\
        ## Side effects

        Bruising at the injection site is common and fades within a week.
        {: #no-side-effects-myth .callout}

        Read [our safety page](/safety){: #guaranteed-results-faq}.

        See the FAQ.
        {#faq-guaranteed-results .note}

        - Some patients feel sore for a day.
        {: .no-downtime-list}

        ![Knee](knee.jpg){: .painless-img} Our injection is 100% safe.
        {:.lead}
        """
    found = [(f.rule, f.line, f.column) for f in lint_text(textwrap.dedent(page), "side-effects.md")]
    # The claim is reported, and so is its contradiction with the bruising under "Side effects"; no slug is read.
    assert sorted(found) == [
        ("completely-safe", 14, 53),
        ("no-side-effects-vs-risks", 3, 1),
        ("no-side-effects-vs-risks", 14, 53),
    ]


def test_the_label_of_an_input_button_is_prose_and_other_input_values_are_not(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, "paragraph", "alt")
    page = write(
        tmp_path / "contact.html",
        """\
        <form action="/book">
          <input type="hidden" name="campaign" value="painless-prp">
          <input type="text" name="name" value="painless" placeholder="Your name">
          <input type="submit" value="Book your painless consult">
          <input class="btn" type=button value='Painless? Ask us'>
        </form>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("paragraph-only", 4, 41), ("paragraph-only", 5, 41)]


def test_a_container_directive_fence_is_a_line_of_its_own_and_its_title_a_heading(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # Docusaurus and VitePress admonitions: CommonMark reads the fence and the line after as one
    # paragraph, so the title's "No" reached the first sentence, and the fence was read as words.
    page = """\
        :::tip No surgery
        Guaranteed results for every patient.
        :::

        ::: warning
        Recovery is quick.
        :::

        :::info[Is PRP painless?]
        Most patients find it painless.
        :::
        """
    for name in ("knee.mdx", "knee.md"):
        found = [(f.rule, f.line) for f in lint_text(textwrap.dedent(page), name)]
        assert found == [("guaranteed-results", 2)], name
    config = painless_in_each_scope(tmp_path, "heading", "paragraph")
    result = run_cli("check", "--config", str(config), "--format", "json", str(write(tmp_path / "knee.mdx", page)))
    reported = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert reported == [("heading-only", 9, 16), ("paragraph-only", 10, 23)]


def test_the_metadata_an_mdx_page_exports_is_its_title_description_and_alt_text(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # Next.js's `export const metadata` is the page's <title> and meta description, as front matter
    # is elsewhere; the rest of the statement (keywords, URLs, other exports) stays code.
    config = painless_in_each_scope(tmp_path, "title", "description", "alt", "paragraph")
    page = write(
        tmp_path / "page.mdx",
        """\
        import { Hero } from "@/components/painless-hero";

        export const metadata = {
          title: "Painless PRP for knees",
          description: 'A painless way back to running \\u2014 ask us.',
          keywords: ["painless", "prp"],
          alternates: { canonical: "/painless-prp" },
          openGraph: {
            title: "Painless PRP",
            images: [{ url: "/og/painless.png", alt: "A painless knee injection" }],
          },
        };

        export const config = { title: "painless-config" };

        # PRP for knees
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [
        ("title-only", 4, 11),
        ("description-only", 5, 19),
        ("title-only", 9, 13),
        ("alt-only", 10, 49),
    ]
    promising = page.read_text(encoding="utf-8").replace("Painless PRP for knees", "Guaranteed results")
    assert [(f.rule, f.line) for f in lint_text(promising, "page.mdx")] == [
        ("guaranteed-results", 4),
        ("completely-safe", 10),
    ]


# -- Tooltips inside a sentence ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "name", "claim"),
    [
        ('<p>Our care is 100% <abbr title="guaranteed">safe</abbr>.</p>', "page.html", "100% <abbr"),
        ('Our care is 100% <abbr title="guaranteed">safe</abbr>.\n', "page.md", "100% <abbr"),
        ('<p>Our care is 100% <a href="/faq" title="guaranteed">safe</a> for all.</p>', "page.html", "100% <a"),
        ('Our care is 100% [safe](/faq "guaranteed") for all.\n', "page.md", "100% [safe"),
        ('Our care is 100% <Tip text="guaranteed">safe</Tip>.\n', "page.mdx", "100% <Tip"),
    ],
)
def test_a_tooltip_inside_a_sentence_is_read_apart_from_it(page: str, name: str, claim: str) -> None:
    findings = lint_text(page, name)

    # "100% safe" is what the sentence says; "guaranteed" is read on its own, where the file has it.
    safe = [f for f in findings if f.rule == "completely-safe"]
    tooltip = [f for f in findings if f.rule == "guaranteed-results"]
    assert [f.text[: len(claim)] for f in safe] == [claim] and safe[0].text.endswith("safe")
    assert [(f.text, f.start) for f in tooltip] == [("guaranteed", page.index("guaranteed"))]


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ('<p>Results are <a href="/faq" title="Not guaranteed">guaranteed</a> for every patient.</p>', "page.html"),
        ('Results are [guaranteed](/faq "Not guaranteed") for every patient.\n', "page.md"),
    ],
)
def test_the_words_of_a_tooltip_do_not_qualify_the_sentence_it_stands_in(page: str, name: str) -> None:
    shown = page.index(">guaranteed") + 1 if name == "page.html" else page.index("[guaranteed") + 1

    found = [(f.rule, f.start) for f in lint_text(page, name) if f.rule == "guaranteed-results"]

    assert found == [("guaranteed-results", shown)]


@pytest.mark.parametrize(
    ("page", "claim"),
    [
        ('<p>Our <abbr title="Platelet-rich plasma">PRP</abbr> is 100%&nbsp;safe.</p>\n', "100%&nbsp;safe"),
        ('<p>Our <abbr title="PRP">PRP</abbr> has no&nbsp;side effects.</p>\n', "no&nbsp;side effects"),
        ('<p>Our <abbr title="Platelet-rich plasma">PRP</abbr>&nbsp;has no side effects.</p>\n', "no side effects"),
        ('Our <abbr title="Platelet-rich plasma">PRP</abbr>&#160;is 100% safe.\n', "100% safe"),
    ],
)
def test_a_sentence_after_a_tooltip_reads_on_over_a_no_break_space(page: str, claim: str) -> None:
    # The no-break space is a space to a reader: the tooltip is set aside past it, not left inside the claim.
    name = "page.md" if page.startswith("Our") else "page.html"

    found = [f.text for f in lint_text(page, name) if f.rule in ("completely-safe", "no-side-effects")]

    assert found == [claim]


def test_a_fix_in_the_sentence_after_a_tooltip_goes_in_over_a_no_break_space(tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.html",
        '<p>Our <abbr title="Platelet-rich plasma">PRP</abbr> is a non&nbsp;invasive option.</p>\n',
    )
    result = medlint("fix", "--config", make_config(tmp_path / "cfg"), page)

    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == (
        '<p>Our <abbr title="Platelet-rich plasma">PRP</abbr> is a minimally invasive option.</p>\n'
    )


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ('<p>There are no <img src="needle.svg" alt="needle icon"> side effects.</p>\n', "page.html"),
        ("There are no ![needle icon](needle.svg) side effects.\n", "page.md"),
        ("There are no ![needle icon][needle] side effects.\n\n[needle]: needle.svg\n", "page.md"),
        ('There are no <img src="needle.svg" alt="needle icon" /> side effects.\n', "page.mdx"),
    ],
)
def test_an_image_inside_a_sentence_is_read_apart_from_it(page: str, name: str) -> None:
    # A reader sees a picture between "no" and "side effects", not the words of its alt text.
    found = [(f.rule, f.start) for f in lint_text(page, name)]

    assert found == [("no-side-effects", page.index("no "))]


@pytest.mark.parametrize("alt", ["needle icon", ""])
@pytest.mark.parametrize(
    ("template", "name"),
    [
        ('<p>There are no <img src="needle.svg" alt="{alt}"> side effects.</p>\n', "page.html"),
        ("There are no ![{alt}](needle.svg) side effects.\n", "page.md"),
        ('There are no <img src="needle.svg" alt="{alt}" /> side effects.\n', "page.mdx"),
        (
            '<p>There are no <picture><source srcset="n.webp"><img alt="{alt}"></picture> side effects.</p>\n',
            "page.html",
        ),
    ],
)
def test_an_image_inside_a_sentence_is_part_of_it_with_or_without_alt_text(template: str, name: str, alt: str) -> None:
    # A decorative image (empty alt text) stands between the words as any picture does: the
    # sentence around it is one sentence to a reader.
    page = template.format(alt=alt)

    found = [(f.rule, f.start) for f in lint_text(page, name)]

    assert found == [("no-side-effects", page.index("no "))]


@pytest.mark.parametrize("alt", ["needle icon", ""])
@pytest.mark.parametrize(
    ("template", "name"),
    [
        ("There are no\n![{alt}](needle.svg)\nside effects to the new drug trial.\n", "page.md"),
        ('<p>There are no<br>\n<img src="needle.svg" alt="{alt}">\nside effects listed.</p>\n', "page.html"),
    ],
)
def test_an_image_on_a_line_of_its_own_parts_the_lines_with_or_without_alt_text(
    template: str, name: str, alt: str
) -> None:
    page = template.format(alt=alt)

    assert "no-side-effects" not in [f.rule for f in lint_text(page, name)]


@pytest.mark.parametrize("alt", ["needle icon", ""])
@pytest.mark.parametrize("name", ["page.html", "page.mdx", "page.astro"])
def test_an_image_button_inside_a_sentence_is_read_as_an_image_is(name: str, alt: str) -> None:
    # <input type=image> draws its picture where it stands, as <img> does; its alt text is its name.
    page = f'<p>There are no <input type="image" src="go.png" alt="{alt}"> side effects.</p>\n'

    found = [(f.rule, f.start) for f in lint_text(page, name)]

    assert found == [("no-side-effects", page.index("no "))]


def test_the_alt_text_of_an_image_button_is_checked_where_it_stands() -> None:
    page = '<p>Our clinic <input type=image src="badge.png" alt="Guaranteed results"> treats knees.</p>\n'

    found = [(f.rule, f.text, f.start) for f in lint_text(page, "page.html")]

    assert found == [("guaranteed-results", "Guaranteed", page.index("Guaranteed"))]


@pytest.mark.parametrize(
    "page",
    [
        '<table><tr><td>There are no</td><td><img src="tick.svg" alt="yes"> side effects listed</td></tr></table>\n',
        '<p>There are no</p><p><img src="tick.svg" alt="yes"> side effects listed.</p>\n',
        '<p>There are no</p><p><abbr title="adverse events">side</abbr> effects listed.</p>\n',
        '<ul><li>There are no <img src="tick.svg" alt="yes"></li><li>side effects listed</li></ul>\n',
    ],
)
def test_an_image_or_tooltip_at_the_edge_of_a_block_does_not_join_it_to_the_block_beside_it(page: str) -> None:
    # An icon opening a table cell or a paragraph on one line of HTML: the sentence closing up over
    # it took the cell or paragraph before it in, and read "There are no side effects listed".
    assert "no-side-effects" not in [f.rule for f in lint_text(page, "page.html")]


def test_the_alt_text_of_an_image_inside_a_sentence_is_still_checked_where_it_stands() -> None:
    page = '<p>Our clinic <img src="badge.png" alt="Guaranteed results"> treats knees.</p>\n'

    found = [(f.rule, f.text, f.start) for f in lint_text(page, "page.html")]

    assert found == [("guaranteed-results", "Guaranteed", page.index("Guaranteed"))]


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ('Our care is 100% {{< tooltip text="as our audit shows" >}}safe{{< /tooltip >}} for knees.\n', "page.md"),
        ('<p>Our care is 100% [tooltip text="as our audit shows"]safe[/tooltip] for knees.</p>\n', "page.html"),
        ('Our care is 100% {{< tooltip "as our audit shows" >}}safe{{< /tooltip >}} for knees.\n', "page.md"),
    ],
)
def test_a_shortcode_value_inside_a_sentence_is_read_apart_from_it(page: str, name: str) -> None:
    # The tooltip's words are shown on hover, not between "100%" and "safe".
    found = [(f.rule, f.start) for f in lint_text(page, name)]

    assert found == [("completely-safe", page.index("100%"))]


def test_a_fix_inside_a_tooltip_or_in_the_sentence_after_it_goes_where_the_words_are(tmp_path: Path) -> None:
    page = write(
        tmp_path / "page.html",
        '<p>Our <a href="/prp" title="A non-invasive option">PRP</a> is a non-invasive option.</p>\n',
    )
    result = medlint("fix", "--config", make_config(tmp_path / "cfg"), page)

    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == (
        '<p>Our <a href="/prp" title="A minimally invasive option">PRP</a> is a minimally invasive option.</p>\n'
    )


def test_a_fix_with_an_apostrophe_in_the_sentence_after_a_tooltip_goes_in(tmp_path: Path) -> None:
    rules = (
        "rules:\n  - id: pain-free\n    kind: substitution\n    category: absolute-safety\n    message: m\n"
        '    swap:\n      pain free: "we\'ll keep you comfortable"\n'
    )
    page = write(tmp_path / "page.html", '<p>Our <abbr title="platelet-rich plasma">PRP</abbr> is pain free.</p>\n')

    result = medlint("fix", "--config", make_config(tmp_path / "cfg", rules), page)

    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == (
        '<p>Our <abbr title="platelet-rich plasma">PRP</abbr> is we\'ll keep you comfortable.</p>\n'
    )


# -- Raw HTML never closed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "Our clinic <!-- check this. Our injections are 100% safe.\n\nNext.\n",
        'Our clinic <span title="x and our injections are 100% safe.\n\nNext.\n',
        "Our clinic </span and our injections are 100% safe.\n",
    ],
)
def test_raw_html_a_markdown_paragraph_never_closes_is_read_as_the_text_it_shows(page: str) -> None:
    # CommonMark shows such a "<" as typed, and the words after it with it.
    found = [f.text for f in lint_text(page, "page.md") if f.rule == "completely-safe"]

    assert found == ["100% safe"]


def test_an_html_comment_never_closed_hides_the_rest_of_an_html_page_as_a_browser_does() -> None:
    page = "<p>Our clinic <!-- check this. Our injections are 100% safe.</p>\n"

    assert [f.text for f in lint_text(page, "page.html")] == []


_FENCE_HIDES = (
    "this code fence ('{fence}') is never closed: the rest of the page is code, as Markdown shows it, and not checked"
)
_COMMENT_HIDES = (
    "this comment ('<!--') is never closed: the rest of the page is hidden, as a browser hides it, and not checked"
)


@pytest.mark.parametrize(
    ("name", "page", "line", "problem"),
    [
        (
            "page.md",
            "Intro.\n\n```js\nconst dose = 1;\n\nOur injections are 100% safe.\n",
            3,
            _FENCE_HIDES.format(fence="```"),
        ),
        (
            "page.mdx",
            "Intro.\n\n~~~~\ncode\n~~~\n\nOur injections are 100% safe.\n",
            3,
            _FENCE_HIDES.format(fence="~~~~"),
        ),
        (
            "page.md",
            "Intro.\n\n<!-- draft\n\nOur injections are 100% safe.\n",
            3,
            _COMMENT_HIDES,
        ),
        (
            "page.html",
            "<p>Intro.</p>\n<!-- draft\n<p>Our injections are 100% safe.</p>\n",
            2,
            _COMMENT_HIDES,
        ),
    ],
)
def test_markup_never_closed_that_hides_the_rest_of_a_page_is_named_in_a_warning(
    run_cli: RunCli, tmp_path: Path, name: str, page: str, line: int, problem: str
) -> None:
    path = write(tmp_path / name, page)

    result = run_cli("check", "--format", "json", str(path))

    # Read as it is shown (the claim is hidden), and the user is told where and why.
    assert json.loads(result.stdout)["findings"] == []
    assert result.stderr.splitlines() == [f"medlint: warning: {path}: line {line}: {problem}"]


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("page.md", "Intro.\n\n```\ncode\n```\n"),
        ("page.md", "Intro.\n\n```\n"),
        ("page.md", "> ```\n> code\n\nOur clinic.\n"),
        ("page.html", "<p>Intro.</p>\n<!-- draft -->\n<!-- last"),
    ],
)
def test_markup_closed_or_hiding_nothing_gives_no_warning(
    run_cli: RunCli, tmp_path: Path, name: str, page: str
) -> None:
    result = run_cli("check", str(write(tmp_path / name, page)))

    assert result.stderr == ""


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("- Open all day\n- Doctors agree our treatment works\n", "page.md"),
        ("| Open all day |\n| --- |\n| Doctors agree our treatment works |\n", "page.md"),
        ("<ul><li>Open all day</li><li>Doctors agree our treatment works</li></ul>\n", "page.html"),
    ],
)
def test_a_match_that_runs_into_the_next_block_does_not_hide_one_inside_that_block(page: str, name: str) -> None:
    # "all day" closing one list item and "Doctors agree" opening the next read as "all day Doctors
    # agree", one match of "all ... doctors agree" that crosses the items and is dropped; the scan went
    # on after it, past "Doctors agree", and the claim was not reported.
    found = [(f.rule, f.text, f.start) for f in lint_text(page, name) if f.rule == "doctors-agree"]

    assert found == [("doctors-agree", "Doctors agree", page.index("Doctors"))]
