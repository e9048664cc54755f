"""Reader-facing values nested in front matter (a FAQ's answers, a list of benefits) are prose.

A Hugo or Astro FAQ template renders them on the page, and in its FAQPage
structured data; keys, slugs, dates, paths, layouts, tags and booleans are not prose.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml
from click.testing import CliRunner

from medlint import lint_text
from medlint.cli import main

HUGO_FAQ_PAGE = textwrap.dedent(
    """\
    ---
    title: "PRP for knees"
    layout: faq
    slug: no-side-effects
    date: 2024-05-01
    draft: false
    image: /img/no-side-effects.jpg
    tags: [no side effects, non-invasive]
    aliases:
      - /no-side-effects/
    benefits: ["Quick visit", no side effects]
    highlights:
      - Clinically proven to ease knee pain
    faq:
      - q: "Is PRP safe?"
        a: "Yes, PRP has no side effects."
        icon: no-side-effects.svg
      - question: Does it hurt?
        answer: >
          It is a quick visit with
          no side effects.
    testimonials:
      - quote: "No side effects at all!"
        name: Jane
        photo: /img/no-side-effects.jpg
        featured: true
    ---
    Body text.
    """
)


def _claims(page: str, path: str) -> list[tuple[str, int, int]]:
    wanted = {"no-side-effects", "clinically-proven", "non-invasive-injection"}
    return [(f.rule, f.line, f.column) for f in lint_text(page, path) if f.rule in wanted]


def test_claims_in_a_front_matter_faq_and_lists_are_reported_where_they_stand() -> None:
    assert _claims(HUGO_FAQ_PAGE, "content/prp.md") == [
        ("no-side-effects", 11, 27),  # a flow list's plain item
        ("clinically-proven", 13, 5),  # a block list's item
        ("no-side-effects", 16, 22),  # a FAQ answer, quoted
        ("no-side-effects", 21, 7),  # a folded answer's second line
        ("no-side-effects", 23, 13),  # a testimonial's quote
    ]


def test_keys_slugs_paths_tags_and_other_settings_in_front_matter_are_never_reported() -> None:
    findings = lint_text(HUGO_FAQ_PAGE, "content/prp.md")
    settings = {3, 4, 5, 6, 7, 8, 9, 10, 17, 24, 25, 26}
    assert [(f.rule, f.line) for f in findings if f.line in settings] == []


def test_toml_front_matter_faq_tables_and_lists_are_prose() -> None:
    page = textwrap.dedent(
        """\
        +++
        title = "PRP"
        slug = "no-side-effects"
        tags = ["no side effects"]
        benefits = ["no side effects"]
        [[faq]]
        q = "Is it safe?"
        a = "Yes, it has no side effects."
        +++
        Body.
        """
    )
    assert _claims(page, "content/prp.md") == [("no-side-effects", 5, 14), ("no-side-effects", 8, 18)]


def test_an_astro_content_page_faq_in_mdx_front_matter_is_prose() -> None:
    page = textwrap.dedent(
        """\
        ---
        title: Knee pain
        faq:
        - question: Is it an injection?
          answer: A non-invasive injection into the knee.
        ---
        import Faq from '../components/Faq.astro';

        <Faq items={frontmatter.faq} />
        """
    )
    assert _claims(page, "src/content/knee.mdx") == [("non-invasive-injection", 5, 13)]


FLOW_PAGE = textwrap.dedent(
    """\
    ---
    title: PRP for knees
    seo: {title: "PRP for knees", description: A non-invasive injection into the knee}
    tags: [{name: no side effects}, non-invasive]
    faq: [{q: "Is PRP safe?", a: "Yes, PRP has no side effects."}, {q: Does it hurt, a: Clinically proven}]
    reviews:
      - {quote: "No side effects at all!", name: Jane, photo: /img/no-side-effects.jpg}
    highlights: [
      {text: Clinically proven to ease knee pain},
    ]
    ---
    Body text.
    """
)


def test_flow_mappings_in_front_matter_are_read_as_block_mappings_are() -> None:
    # {q: ..., a: ...} is the same FAQ item as "- q: ...\n  a: ...": its text keys' values are prose.
    assert _claims(FLOW_PAGE, "content/prp.md") == [
        ("non-invasive-injection", 3, 46),  # a flow mapping's description, plain
        ("no-side-effects", 5, 44),  # a FAQ answer in a flow sequence of flow mappings, quoted
        ("clinically-proven", 5, 85),  # and plain
        ("no-side-effects", 7, 14),  # a block list's flow mapping
        ("clinically-proven", 9, 10),  # a flow collection over lines
    ]


def test_toml_inline_tables_are_read_as_tables_are() -> None:
    page = textwrap.dedent(
        """\
        +++
        title = "PRP"
        seo = {description = "A non-invasive injection", draft = false}
        faq = [{q = "Is it safe?", a = "Yes, it has no side effects."}, {q = "Slug", a = 3}]
        tags = [{name = "no side effects"}]
        +++
        Body.
        """
    )
    assert _claims(page, "content/prp.md") == [("non-invasive-injection", 3, 25), ("no-side-effects", 4, 45)]


def test_a_fix_in_a_flow_mapping_keeps_the_front_matter_valid(tmp_path: Path) -> None:
    page = tmp_path / "prp.md"
    page.write_text(FLOW_PAGE, encoding="utf-8")

    result = CliRunner().invoke(main, ["check", "--fix", "--no-cache", str(page)])

    assert result.exit_code in (0, 1), result.output
    fixed = page.read_text(encoding="utf-8")
    front_matter = yaml.safe_load(fixed.split("---\n")[1])
    assert front_matter["seo"]["description"] == "A minimally invasive injection into the knee"
    assert front_matter["tags"] == [{"name": "no side effects"}, "non-invasive"]
