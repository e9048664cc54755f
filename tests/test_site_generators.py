"""Pages as Hugo, Docusaurus (MDX) and Astro sites publish them: the prose their markup shows is
checked, where it stands and as the kind of prose it is; names, paths, classes and code are not.

Each test writes a real page and runs the real CLI with one rule per scope, each reporting
"painless" (so a finding's rule id says which kind of prose it was read as).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import RunCli, painless_in_each_scope, write
from tests.fix_helpers import make_config, medlint

from medlint import lint_paths, lint_text
from medlint.config import Config
from medlint.errors import InputError

SCOPES = ("alt", "heading", "paragraph", "title", "description", "list", "table", "blockquote")
Found = list[tuple[str, int, int]]


def _found(run_cli: RunCli, config: Path, page: Path) -> Found:
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]


def _fixed(page: Path, folder: Path) -> str:
    """The page after ``medlint check --fix`` with a rule that swaps 'non-invasive' for 'minimally invasive'."""
    result = medlint("check", "--fix", "--no-color", "--config", make_config(folder), page)
    assert result.exit_code in (0, 1), result.output
    return page.read_text(encoding="utf-8")


# -- Hugo shortcodes -----------------------------------------------------------------------------


def test_hugo_shortcode_parameters_shown_as_text_are_prose_of_their_kind(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "content/treatments/knee.md",
        """\
        ---
        title: Knee injections
        ---
        Most patients go home the same day.

        {{< figure src="/img/knee.jpg" caption="Our painless procedure" alt="A painless knee injection" >}}

        {{% notice title="Is it painless?" %}}
        Most patients feel pressure, not pain.
        {{% /notice %}}

        {{< details summary="Painless, for most" >}}
        A local anaesthetic numbs the skin first.
        {{< /details >}}
        """,
    )
    assert _found(run_cli, config, page) == [
        ("paragraph-only", 6, 45),
        ("alt-only", 6, 72),
        ("heading-only", 8, 25),
        ("heading-only", 12, 22),
    ]


def test_hugo_shortcode_names_and_other_parameters_are_not_prose(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "content/treatments/knee.md",
        """\
        {{< figure src="/img/painless.jpg" class="painless" link="/painless/" width="600" >}}

        {{< painless-banner "painless" >}}

        {{</* figure caption="painless" */>}}

        ```go-html-template
        {{< figure caption="painless" >}}
        ```

        Write `{{< figure caption="painless" >}}` to add a caption.

        {{< highlight html >}}
        {{< figure caption="painless" >}}
        {{< /highlight >}}

        <script>var html = '{{< figure caption="painless" >}}';</script>
        """,
    )
    assert _found(run_cli, config, page) == []


def test_a_hugo_shortcode_positional_value_that_reads_as_words_is_prose(run_cli: RunCli, tmp_path: Path) -> None:
    # A callout's or notice's title, given by position: printed as the box's heading.
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "content/treatments/knee.md",
        """\
        {{< callout "Painless for most patients" >}}

        {{% notice tip "Is it painless?" %}}
        Most patients feel pressure, not pain.
        {{% /notice %}}

        {{< painless-banner "painless" >}}
        {{< img "/img/painless knee.jpg" "painless.jpg" "class=painless" >}}
        {{< ref "painless care" >}}
        {{< highlight go "painless mode, linenos=table" >}}
        x := 1
        {{< /highlight >}}
        """,
    )
    assert _found(run_cli, config, page) == [("heading-only", 1, 14), ("heading-only", 3, 23)]


def test_no_side_effects_in_a_hugo_callout_title_given_by_position_is_reported() -> None:
    page = '{{< callout warning "No side effects at all" >}}\nMost patients feel a little sore.\n{{< /callout >}}\n'

    assert [(f.rule, f.start) for f in lint_text(page, "knee.md")] == [("no-side-effects", page.index("No side"))]


def test_hugo_shortcode_parameters_in_an_html_layout_are_prose(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "layouts/partials/hero.html",
        """\
        <section class="hero">
          {{< figure src="/img/hero.jpg" title="Painless knee care" >}}
          <p>Book a visit.</p>
        </section>
        """,
    )
    assert _found(run_cli, config, page) == [("heading-only", 2, 41)]


def test_fixing_a_hugo_shortcode_caption_keeps_the_shortcode_whole(tmp_path: Path) -> None:
    page = write(
        tmp_path / "knee.md",
        """\
        {{< figure src="/img/non-invasive.jpg" caption="A non-invasive injection" class="non-invasive" >}}
        """,
    )
    assert _fixed(page, tmp_path / "cfg") == (
        '{{< figure src="/img/non-invasive.jpg" caption="A minimally invasive injection" class="non-invasive" >}}\n'
    )


# -- Kramdown (Jekyll) comments ------------------------------------------------------------------


def test_a_kramdown_comment_is_not_prose_and_one_never_closed_hides_only_its_tag() -> None:
    page = (
        "Intro.\n\n{::comment}\nDraft: no side effects, guaranteed results.\n{:/comment}\n\n"
        "Our care {::comment}todo{:/} is gentle.\n\n"
        "Text {::comment}\n\nOur injections are 100% safe.\n"
    )

    found = [(f.rule, f.line) for f in lint_text(page, "knee.md")]

    assert found == [("completely-safe", 11)]


# -- Liquid includes -----------------------------------------------------------------------------


def test_values_a_liquid_include_prints_are_prose_of_their_kind_and_the_others_are_not(
    run_cli: RunCli, tmp_path: Path
) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "_posts/knee.md",
        """\
        Most patients go home the same day.

        {% include note.html content="Our painless procedure" url="/painless/" class="painless" %}

        {%- render 'card', title: "Is it painless?", image: "painless.jpg" -%}

        {% include cta.html text=page.painless caption="{{ page.painless }}" %}

        ```liquid
        {% include note.html content="painless" %}
        ```
        """,
    )
    assert _found(run_cli, config, page) == [("paragraph-only", 3, 35), ("heading-only", 5, 34)]


def test_fixing_a_liquid_include_value_keeps_the_tag_whole(tmp_path: Path) -> None:
    page = write(tmp_path / "knee.html", '{% include note.html content="A non-invasive injection" %}\n')
    assert _fixed(page, tmp_path / "cfg") == '{% include note.html content="A minimally invasive injection" %}\n'


# -- Link previews -------------------------------------------------------------------------------


def test_the_alt_text_of_a_link_preview_image_is_alt_prose(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "public/knee/index.html",
        """\
        <head>
        <meta property="og:image" content="https://example.com/img/painless-knee.jpg">
        <meta property="og:image:alt" content="A painless knee injection">
        <meta name="twitter:image:alt" content="Painless recovery at home">
        <meta property="og:image:type" content="image/painless">
        </head>
        """,
    )
    assert _found(run_cli, config, page) == [("alt-only", 3, 42), ("alt-only", 4, 41)]


def test_fixing_the_alt_text_of_a_link_preview_image_keeps_the_tag_whole(tmp_path: Path) -> None:
    page = write(tmp_path / "knee.html", '<meta property="og:image:alt" content="A non-invasive injection">\n')
    assert _fixed(page, tmp_path / "cfg") == '<meta property="og:image:alt" content="A minimally invasive injection">\n'


# -- MDX components ------------------------------------------------------------------------------


def test_string_props_of_mdx_components_shown_as_text_are_prose_of_their_kind(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "docs/knee.mdx",
        """\
        import Callout from '@site/src/components/Callout';

        <Callout type="info" title="Is it painless?">
        Most patients feel pressure, not pain.
        </Callout>

        <Testimonial quote="Quick and painless, I was back at work the next day." author="Dana" />

        <Testimonial
          quote='Painless from start to finish.'
          buttonText="Book your painless visit"
        />

        Book now <Badge label="painless" /> with Dr. Lee.
        """,
    )
    assert _found(run_cli, config, page) == [
        ("heading-only", 3, 35),
        ("blockquote-only", 7, 31),
        ("blockquote-only", 10, 10),
        ("paragraph-only", 11, 25),
        ("paragraph-only", 14, 24),
    ]


def test_mdx_component_names_code_props_and_expressions_are_not_prose(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "docs/knee.mdx",
        """\
        import Painless from '@site/src/components/Painless';
        export const meta = {title: "painless"};

        <Painless className="painless" href="/painless" src="/img/painless.jpg" id="painless"
          style={{font: "painless"}}>
        Most patients feel pressure, not pain.
        </Painless>

        <Callout title={"painless"} caption={props.painless} onClick={() => track("painless")} />

        <Tabs values={[{label: "painless", value: "painless"}]} quote={`painless`}>
        Recovery takes a week.
        </Tabs>

        {/* <Callout title="painless" /> */}

        ```jsx
        <Callout title="painless" />
        ```
        """,
    )
    assert _found(run_cli, config, page) == []


def test_fixing_an_mdx_component_prop_keeps_the_component_whole(tmp_path: Path) -> None:
    page = write(
        tmp_path / "knee.mdx",
        """\
        <Callout title="A non-invasive injection" href="/non-invasive" />
        """,
    )
    assert _fixed(page, tmp_path / "cfg") == '<Callout title="A minimally invasive injection" href="/non-invasive" />\n'


# -- Footnotes -----------------------------------------------------------------------------------


def test_the_indented_paragraphs_of_a_footnote_are_prose(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "content/blog/prp.md",
        """\
        Most patients tolerate PRP well.[^survey]

        [^survey]: From our 2023 patient survey.

            Of 50 patients, 41 called the injection painless.

            Nine felt some pain for a day; ask us about numbing.

        ## Painless recovery

            painless = true  # an indented code block after a heading

        Back to prose.

            painless = true  # and after a paragraph
        """,
    )
    assert _found(run_cli, config, page) == [("paragraph-only", 5, 45), ("heading-only", 9, 4)]


def test_fixing_a_footnote_paragraph_keeps_its_indentation(tmp_path: Path) -> None:
    page = write(tmp_path / "prp.md", "Note.[^1]\n\n[^1]: Our survey.\n\n    It found the injection non-invasive.\n")
    assert _fixed(page, tmp_path / "cfg") == (
        "Note.[^1]\n\n[^1]: Our survey.\n\n    It found the injection minimally invasive.\n"
    )


# -- Astro ---------------------------------------------------------------------------------------

ASTRO_PAGE = """\
    ---
    import Layout from "../layouts/Layout.astro";
    import Hero from "../components/Hero.astro";
    const painless = "painless";
    const faqs = await getCollection("painless-faqs");
    ---
    <Layout title="Painless knee care" description={painless}>
      <Hero heading="A painless way back to running" image="/img/painless.jpg" class="painless" />
      <h2>Is it painless?</h2>
      <p class:list={["lead", {painless: true}]}>Most patients find it painless.</p>
      <ul>{faqs.map((faq) => <li>{faq.data.painless}</li>)}</ul>
      <style>.painless { color: teal; }</style>
      <script>const painless = document.querySelector(".painless");</script>
    </Layout>
    """


def test_an_astro_page_is_found_and_its_template_read_as_html(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    write(tmp_path / "src/pages/knee.astro", ASTRO_PAGE)
    result = run_cli("check", "--config", str(config), "--format", "json", str(tmp_path / "src"))
    found = [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    page = str(tmp_path / "src/pages/knee.astro")
    assert found == [
        (page, "heading-only", 7, 16),
        (page, "heading-only", 8, 20),
        (page, "heading-only", 9, 13),
        (page, "paragraph-only", 10, 68),
    ]


def test_fixing_an_astro_page_leaves_its_script_and_markup_alone(tmp_path: Path) -> None:
    page = write(
        tmp_path / "knee.astro",
        """\
        ---
        const slug = "non-invasive";
        ---
        <Hero heading="A non-invasive injection" href={`/${slug}`} />
        <p class="non-invasive">Our non-invasive injection.</p>
        """,
    )
    assert _fixed(page, tmp_path / "cfg") == (
        '---\nconst slug = "non-invasive";\n---\n'
        '<Hero heading="A minimally invasive injection" href={`/${slug}`} />\n'
        '<p class="non-invasive">Our minimally invasive injection.</p>\n'
    )


def test_a_fence_line_in_an_astro_script_string_or_comment_does_not_end_the_script(
    run_cli: RunCli, tmp_path: Path
) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "knee.astro",
        """\
        ---
        const banner = `
        ---
        Painless, ${slug ? `painless ${"}"}` : "painless"}
        ---
        `;
        // ---
        /*
        ---
        painless */
        ---
        <h2>Is it painless?</h2>
        """,
    )
    result = run_cli("check", "--config", str(config), "--format", "json", str(page))
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [("heading-only", 12, 11)]


def _check_in_a_process(*arguments: str) -> tuple[int, list[str], list[tuple[str, str, int]]]:
    """`medlint check --format json ARGUMENTS` as its own process: exit code, stderr's lines, and
    each finding's path, rule and line."""
    command = [sys.executable, "-m", "medlint", "check", "--format", "json", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    found = [(f["path"], f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]
    return result.returncode, result.stderr.splitlines(), found


def test_an_astro_script_never_closed_is_an_error_naming_the_page_and_the_others_are_still_checked(
    tmp_path: Path,
) -> None:
    # Astro refuses such a page; read as all code, its claims would pass unread.
    config = painless_in_each_scope(tmp_path, *SCOPES)
    broken = write(tmp_path / "knee.astro", '\n---\nimport Layout from "../Layout.astro";\n\n<h2>Painless care</h2>\n')
    other = write(tmp_path / "hip.astro", "---\nconst a = 1;\n---\n<h2>Painless care</h2>\n")

    code, errors, found = _check_in_a_process("--config", str(config), str(broken), str(other))

    assert code == 2
    assert errors == [
        f"medlint: error: {broken}: line 2: the component script's '---' fence is never closed"
        " (Astro cannot build the page); close it with a '---' line"
    ]
    assert found == [(str(other), "heading-only", 4)]


def test_linting_the_text_of_an_astro_page_whose_script_is_never_closed_raises_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^knee\.astro: line 1: the component script's '---' fence is never closed"):
        lint_text('---\nconst heading = "Painless";\n<h2>{heading}</h2>\n', "knee.astro")


# -- Front matter never closed -------------------------------------------------------------------

_FRONT_MATTER_NEVER_CLOSED = (
    "the front matter opened by '{fence}' is never closed (site generators refuse the page);"
    " close it with a '{fence}' line"
)


def test_front_matter_never_closed_is_an_error_naming_the_page_and_the_others_are_still_checked(tmp_path: Path) -> None:
    # Hugo, Docusaurus and Astro refuse such a page; read as Markdown, its settings were checked as claims.
    config = painless_in_each_scope(tmp_path, *SCOPES)
    broken = write(tmp_path / "knee.md", "---\ntitle: Knee PRP\nlayout: painless\n\n## Painless care\n")
    other = write(tmp_path / "hip.mdx", "---\ntitle: Hip PRP\n---\n## Painless care\n")

    code, errors, found = _check_in_a_process("--config", str(config), str(broken), str(other))

    assert code == 2
    assert errors == [f"medlint: error: {broken}: line 1: " + _FRONT_MATTER_NEVER_CLOSED.format(fence="---")]
    assert found == [(str(other), "heading-only", 4)]


@pytest.mark.parametrize(
    ("name", "page", "fence"),
    [
        ("knee.md", "---\ntitle: Knee PRP\nnon-invasive: true\n\nOur injections are 100% safe.\n", "---"),
        ("knee.mdx", "\ufeff---\n\ntitle: Knee PRP\n\nOur injections are 100% safe.\n", "---"),
        ("knee.md", "+++\ntitle = 'Knee PRP'\n\nOur injections are 100% safe.\n", "+++"),
        ("knee.html", "---\nlayout: default\n<p>Our injections are 100% safe.</p>\n", "---"),
    ],
)
def test_linting_a_page_whose_front_matter_is_never_closed_raises_an_input_error(
    name: str, page: str, fence: str
) -> None:
    problem = _FRONT_MATTER_NEVER_CLOSED.format(fence=fence)
    with pytest.raises(InputError) as raised:
        lint_text(page, name)

    assert str(raised.value) == f"{name}: line 1: {problem}"


@pytest.mark.parametrize(
    "page",
    [
        "---\n\n# Knee PRP\n\nOur injections are 100% safe.\n",  # a thematic break opens the page
        "---\ntitle: Knee PRP\n...\n\nOur injections are 100% safe.\n",  # closed as Jekyll allows
        "---\ntitle: Knee PRP\n---\n\nOur injections are 100% safe.\n",
    ],
)
def test_a_page_opened_by_a_thematic_break_or_closed_front_matter_is_checked(page: str) -> None:
    assert [(f.rule, f.line) for f in lint_text(page, "knee.md")] == [("completely-safe", 5)]


# -- MDX braces never closed ---------------------------------------------------------------------

_BRACE_NEVER_CLOSED = (
    "this '{' is never closed (MDX cannot compile the page); close it with '}', or write '\\{' for a brace in text"
)


def test_an_mdx_brace_never_closed_is_an_error_naming_the_page_and_the_line(tmp_path: Path) -> None:
    # MDX refuses to compile such a page; read as prose after the brace, its code would be checked as claims.
    broken = write(tmp_path / "knee.mdx", "# Knee PRP\n\nA dose of {units.\n\nOur injections are 100% safe.\n")
    other = write(tmp_path / "hip.mdx", "# Hip PRP\n\nA dose of {units}.\n\nOur injections are 100% safe.\n")

    code, errors, found = _check_in_a_process(str(broken), str(other))

    assert code == 2
    assert errors == [f"medlint: error: {broken}: line 3: {_BRACE_NEVER_CLOSED}"]
    assert found == [(str(other), "completely-safe", 5)]


@pytest.mark.parametrize(
    "page",
    [
        "Write {'{'} for a brace. Our care is 100% safe {props.dose}.\n",
        "Write `{` or \\{ for a brace. Our care is 100% safe {props.dose}.\n",
        "```css\n.knee {\n```\n\nOur care is 100% safe {props.dose}.\n",
        "{ok && <p>Don't worry.</p>} Our care is 100% safe {props.dose}.\n",
        "<Note>\nType `{` to open an object. Our care is 100% safe {props.dose}.\n</Note>\n",
        '<Badge tone={tone} label="{" /> Our care is 100% safe {props.dose}.\n',
        "Book [a visit](/book?slot={id) now. Our care is 100% safe {props.dose}.\n",
    ],
)
def test_braces_mdx_reads_as_text_or_closes_are_not_an_error(page: str) -> None:
    found = [(f.rule, f.text) for f in lint_text(page, "knee.mdx")]

    assert found == [("completely-safe", "100% safe")]


@pytest.mark.parametrize("name", ["knee.mdx", "knee.astro"])
@pytest.mark.parametrize("brace", ['{"}"}', "{'}'}", "{`}`}", '{x ? "}" : null}'])
def test_a_brace_in_a_string_of_an_expression_is_not_the_brace_that_closes_it(
    tmp_path: Path, name: str, brace: str
) -> None:
    # Paired with the brace in its string, the expression left a stray quotation mark in the text,
    # and the patient's words after it were read as the clinic's price.
    write(
        tmp_path / name,
        f'<p>Type {brace} to close an object. "I paid $400 per injection for PRP," says Tom.'
        " A PRP injection costs $600 per injection.</p>\n",
    )
    write(tmp_path / "prices.md", "A PRP injection costs $600 per injection.\n")

    found = [(Path(f.path).name, f.rule) for f in lint_paths([tmp_path], config=Config()).findings]

    assert [finding for finding in found if finding[1] == "price-per-treatment"] == []


# -- MDX: Markdown inside JSX blocks -------------------------------------------------------------


def test_markdown_between_the_tags_of_an_mdx_component_is_read_as_markdown() -> None:
    # MDX reads the lines between a component's tags as Markdown: emphasis, links and code are markup.
    page = (
        '<Callout type="note">\n'
        "**No** side effects after [PRP](/guaranteed-results), and `guaranteed: true` is code.\n"
        "</Callout>\n"
        "\n"
        "<details>\n"
        "  <summary>Does it hurt?</summary>\n"
        "  Our injections are *100%* safe, see [our FAQ](/no-side-effects).\n"
        "</details>\n"
    )

    found = [(f.rule, f.line) for f in lint_text(page, "knee.mdx")]

    assert found == [("no-side-effects", 2), ("completely-safe", 7)]


# -- Inline SVG ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        '<p>There are no <svg role="img"><title>needle icon</title><use href="#n"/></svg> side effects.</p>\n',
        "<p>There are no <svg><desc>It may vary by patient</desc></svg> side effects.</p>\n",
    ],
)
def test_an_inline_svg_icon_inside_a_sentence_is_read_apart_from_it(page: str) -> None:
    # As an image's alt text is: its title does not split the sentence, nor its words hedge it.
    found = [(f.rule, f.start) for f in lint_text(page, "page.html")]

    assert found == [("no-side-effects", page.index("no "))]


def test_the_title_description_and_text_of_an_inline_svg_are_prose(run_cli: RunCli, tmp_path: Path) -> None:
    config = painless_in_each_scope(tmp_path, *SCOPES)
    page = write(
        tmp_path / "public/recovery.html",
        """\
        <p>Recovery after PRP:</p>
        <svg class="painless" viewBox="0 0 200 100" role="img">
          <title>Painless recovery chart</title>
          <desc>Most patients are painless by week two.</desc>
          <style>.painless { fill: teal; }</style>
          <path id="painless" d="M0 100 L200 0"/>
          <text x="10" y="20">Week 2: <tspan class="painless">painless</tspan></text>
        </svg>
        """,
    )
    assert _found(run_cli, config, page) == [
        ("alt-only", 3, 10),
        ("alt-only", 4, 27),
        ("heading-only", 7, 55),
    ]


def test_fixing_the_text_of_an_inline_svg_keeps_the_drawing_whole(tmp_path: Path) -> None:
    page = write(
        tmp_path / "recovery.html",
        '<svg class="non-invasive"><title>A non-invasive injection</title><path d="M0 0"/></svg>\n',
    )
    assert _fixed(page, tmp_path / "cfg") == (
        '<svg class="non-invasive"><title>A minimally invasive injection</title><path d="M0 0"/></svg>\n'
    )


# -- An Astro expression never closed ------------------------------------------------------------

_ASTRO_PAGE = """\
---
import Layout from '../layouts/Layout.astro';
const price = 650;
---
<Layout title="PRP">
  <p>Each session costs {price.toLocaleString()</p>
  <p>Ask us what to expect.</p>
</Layout>
"""


def test_an_astro_expression_never_closed_is_an_error_naming_the_page_and_line(tmp_path: Path) -> None:
    broken = write(tmp_path / "prp.astro", _ASTRO_PAGE)
    other = write(tmp_path / "other.md", "# Painless recovery\n")
    config = painless_in_each_scope(tmp_path, "heading")
    code, errors, found = _check_in_a_process("--config", str(config), str(broken), str(other))
    assert code == 2
    assert errors == [
        f"medlint: error: {broken}: line 6: this '{{' is never closed (Astro cannot build the page);"
        " close it with '}', or write '&#123;' for a brace in text"
    ]
    assert found == [(str(other), "heading-only", 1)]


@pytest.mark.parametrize(
    "brace_as_text",
    [
        '<style>.knee::after { content: "{"; }</style>',
        "<script>const open = '{';</script>",
        "<!-- { a brace in a comment -->",
        '<a title="a { in a title" href="/prp">PRP</a>',
        "<pre is:raw>function open() {</pre>",
    ],
)
def test_a_brace_astro_reads_as_text_is_no_expression_never_closed(brace_as_text: str) -> None:
    page = f"---\nconst n = 1;\n---\n{brace_as_text}\n<p>It has no side effects.</p>\n"
    assert [(f.rule, f.line) for f in lint_text(page, "prp.astro") if f.rule == "no-side-effects"] == [
        ("no-side-effects", 5)
    ]
