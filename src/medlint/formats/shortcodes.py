"""Shortcodes, WordPress's (``[button text="Book now" url="/book"]``) and Hugo's
(``{{< figure src="knee.jpg" caption="Day one" >}}``): markup, but for a few values.

A shortcode's name, most of its positional values and most attributes (``url``,
``class``, ``ids``, ``align``...) are never shown on the page; the text a
visitor reads is what its opening and closing tags enclose, and the values of
attributes that plugins print as text (a ``caption``, a button's ``text``, a
tab's ``title``, an image's ``alt``). Those values are prose, as an HTML
``alt`` attribute is. So is a Hugo shortcode's quoted positional value that
reads as words (``{{% notice tip "No downtime at all" %}}``: the box's title),
where a slug, a file name or an option (``"linenos=table"``) is not.

With no list of the names a site registers, a bracketed word counts as a
shortcode only if it has a ``name=value`` attribute or a ``[/name]`` closes it
somewhere in the text: ``[sic]``, ``[1]`` and Markdown's ``[link text]`` stay
prose. Hugo's are template tags, hidden with the others; the same attribute
values are shown again (``mask_template_tags``), and those passed to a Liquid
include (``{% include note.html content="..." %}``), which its template prints.
"""

from __future__ import annotations

import regex

from medlint.formats.masking import Mask
from medlint.own_patterns import compiled

# An opening tag: ``[name`` then anything up to ``]`` but brackets outside quotes. Not directly
# followed by ``(``: ``[text](url)`` is a Markdown link. Possessive: each scan stops at a bracket.
_OPENER = compiled(r"""\[([A-Za-z][\w-]*+)((?:\s[^\[\]"']*+|"[^"\n]*+"|'[^'\n]*+')*+)/?\](?!\()""")
_CLOSER = compiled(r"\[/([A-Za-z][\w-]*+)\]")
# One attribute of a tag's body, as WordPress reads them: ``name="value"``, ``name='value'``,
# ``name=value``, or a positional value.
_ATTRIBUTE = compiled(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'\]]+))|"[^"]*"|'[^']*'|[^\s"'\]]+""")
# Attributes whose values plugins print as text, and the kind of prose each is.
PROSE_ATTRIBUTES = {
    "alt": "alt",
    "tooltip": "alt",
    "title": "heading",
    "heading": "heading",
    "subheading": "heading",
    "subtitle": "heading",
    "question": "heading",
    "summary": "heading",  # a details shortcode's visible line
    "caption": "paragraph",
    "attr": "paragraph",  # Hugo's figure: the attribution printed under the caption
    "text": "paragraph",
    "label": "paragraph",
    "button_text": "paragraph",
    "description": "paragraph",
    "content": "paragraph",
    "answer": "paragraph",
    "quote": "blockquote",  # a testimonial's words
    # A pricing card's price ("$800 per injection"), printed as its text: compared across the site.
    "price": "paragraph",
    "cost": "paragraph",
}
# A lower-case letter or digit followed by a capital: where camelCase (``buttonText``) starts a word.
_CAMEL_HUMP = compiled(r"(?<=[a-z0-9])(?=[A-Z])")
# The name that opens a Hugo shortcode's tag (``{{< figure``, ``{{% notice``), after the delimiter;
# not a closing tag (``{{< /notice >}}``) nor an escaped one (``{{</* figure */>}}``).
_HUGO_NAME = compiled(r"[ \t\r\n]*+[A-Za-z][\w./-]*+")
# A Liquid include, whose template prints some of the values passed to it: Jekyll's
# ``{% include note.html content="..." %}``, Shopify's and Eleventy's ``{% render 'card', title: "..." %}``.
_LIQUID_INCLUDE = compiled(r"\{%-?[ \t\r\n]*+(?:include|include_relative|include_cached|render)[ \t\r\n]")
# A value passed to it, quoted (an unquoted one is a variable); one holding a template tag is code.
_LIQUID_PARAMETER = compiled(r"""([\w-]++)[ \t]*+[:=][ \t]*+(?:"([^"{}]*+)"|'([^'{}]*+)')""")
# What a quoted positional value of a Hugo shortcode that is not words holds: a character of a path,
# a URL, an option or a template (``"/img/a b.jpg"``, ``"hl_lines=2"``), or a dotted name (``"page.md"``).
_NOT_WORDS = compiled(r"[/\\=<>{}|_@#]|\w\.\w")
_LETTERS = compiled(r"\p{L}{2}")
# Hugo's shortcodes whose positional values are never printed as text: a page, a parameter's
# name, code's language and options, an embed's id.
_HUGO_CODE_SHORTCODES = frozenset(
    {"ref", "relref", "param", "highlight", "gist", "youtube", "vimeo", "tweet", "x", "instagram", "qr", "readfile"}
)
# Shortcodes whose body is code to highlight, not prose, and what closes each.
_CODE_BODY_END = {name: compiled(rf"\[/{name}\]", regex.IGNORECASE) for name in ("code", "sourcecode")}


def mask_shortcodes(mask: Mask, start: int, end: int) -> None:
    """Hide the shortcodes of ``mask.text[start:end]`` but their prose attribute values."""
    text = mask.text
    if text.find("[", start, end) == -1:
        return
    closers = {m.group(1).lower(): m.start() for m in _CLOSER.finditer(text, start, end)}
    opened: set[str] = set()
    position = start
    for tag in _OPENER.finditer(text, start, end):
        if tag.start() < position:
            continue  # inside a code body hidden whole
        name = tag.group(1).lower()
        attributes = list(_ATTRIBUTE.finditer(text, *tag.span(2)))
        if name not in closers and not any(a.group(1) for a in attributes):
            continue
        opened.add(name)
        mask.hide(*tag.span())
        if name in _CODE_BODY_END and closers.get(name, -1) > tag.end():  # some closer follows
            close = _CODE_BODY_END[name].search(text, tag.end(), end)
            if close is not None:
                mask.hide(tag.end(), close.start())
                position = close.start()
        _show_prose_values(mask, attributes, record_blocks=True)
    for closer in _CLOSER.finditer(text, start, end):
        if closer.group(1).lower() in opened:
            mask.hide(*closer.span())


def mask_template_tags(mask: Mask, start: int, end: int, *, record_blocks: bool = True) -> None:
    """Hide the template tags of ``mask.text[start:end]``, but the prose values of Hugo's shortcodes."""
    text = mask.text
    for tag_start, tag_end in mask.hide_template_tags(start, end):
        if text.startswith("{%", tag_start):
            if _LIQUID_INCLUDE.match(text, tag_start, tag_end) and text.find("%}", tag_start) == tag_end - 2:
                _show_liquid_values(mask, tag_start, tag_end, record_blocks)
            continue
        if text[tag_start + 2 : tag_start + 3] not in ("<", "%") or text.find("}}", tag_start) != tag_end - 2:
            continue  # not a shortcode, or a block hidden whole (a highlight's code)
        name = _HUGO_NAME.match(text, tag_start + 3, tag_end - 3)
        if name is None:
            continue  # a closing tag, or an escaped one (``{{</* figure */>}}``) shown as code
        attributes = list(_ATTRIBUTE.finditer(text, name.end(), tag_end - 3))
        _show_prose_values(mask, attributes, record_blocks)
        if name.group().strip().lower() not in _HUGO_CODE_SHORTCODES:
            _show_positional_prose(mask, attributes, record_blocks)


def _show_positional_prose(mask: Mask, attributes: list[regex.Match[str]], record_blocks: bool) -> None:
    """Show a Hugo shortcode's quoted positional values that read as words: a callout's title."""
    for attribute in attributes:
        value = attribute.group()
        if attribute.group(1) is not None or value[:1] not in "\"'" or value[-1:] != value[:1]:
            continue
        start, end = attribute.start() + 1, attribute.end() - 1
        if _reads_as_words(mask.text[start:end]):
            mask.show(start, end)
            mask.set_aside(start, end)
            if record_blocks:
                mask.add_value_block(start, end, "heading")


def _reads_as_words(value: str) -> bool:
    """Whether a positional value reads as words: two or more with letters, and nothing of code."""
    return _NOT_WORDS.search(value) is None and sum(1 for word in value.split() if _LETTERS.search(word)) >= 2


def _show_liquid_values(mask: Mask, start: int, end: int, record_blocks: bool) -> None:
    """Show the values of a Liquid include that its template prints as text (``content``, ``title``...)."""
    for parameter in _LIQUID_PARAMETER.finditer(mask.text, start, end):
        kind = prose_attribute_kind(parameter.group(1))
        if kind is None:
            continue
        value = parameter.span(2 if parameter.group(2) is not None else 3)
        mask.show(*value)
        if record_blocks:
            mask.add_value_block(*value, kind)


def prose_attribute_kind(name: str) -> str | None:
    """The kind of prose an attribute of this name shows (``buttonText``, ``button-text`` and
    ``button_text`` alike), or None if its value is not shown as text."""
    return PROSE_ATTRIBUTES.get(_CAMEL_HUMP.sub("_", name).lower().replace("-", "_"))


def _show_prose_values(mask: Mask, attributes: list[regex.Match[str]], record_blocks: bool) -> None:
    for attribute in attributes:
        kind = prose_attribute_kind(attribute.group(1) or "")
        if kind is None:
            continue
        value = next(g for g in (2, 3, 4) if attribute.group(g) is not None)
        mask.show(*attribute.span(value))
        # Inside a sentence (a tooltip's text, a footnote's), a value is read apart from it, as a prop is.
        mask.set_aside(*attribute.span(value))
        if record_blocks:
            mask.add_value_block(*attribute.span(value), kind)
