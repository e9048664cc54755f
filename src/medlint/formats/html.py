"""HTML: text content is prose; tags, comments, scripts, styles and code are not.

The values of ``alt`` and ``title`` attributes and of a meta description are
prose too: they are what search engines and screen readers show. So is the
``value`` of an input drawn as a button (``type="submit"``): its label.
"""

from __future__ import annotations

import json

import regex

from medlint.document import Block
from medlint.formats.frontmatter import mask_front_matter
from medlint.formats.html_tokens import Token, attributes, tokens
from medlint.formats.masking import Mask, MaskedText, opens_a_line
from medlint.formats.shortcodes import mask_shortcodes, mask_template_tags, prose_attribute_kind
from medlint.own_patterns import compiled

_UNCLOSED_COMMENT = (
    "this comment ('<!--') is never closed: the rest of the page is hidden, as a browser hides it, and not checked"
)
# Elements whose content is never prose.
_OPAQUE = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "svg", "math", "textarea", "template"})
# But for these elements of an inline SVG, and the kind of prose each is: an icon's or a chart's
# accessible name and description (read out as alt text is), and the words drawn on it.
_SVG_TEXT = {"title": "alt", "desc": "alt", "text": "heading"}
BLOCK_KIND = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "title": "title",
    "li": "list",
    "dt": "list",
    "dd": "list",
    "td": "table",
    "th": "table",
    "caption": "table",
    "blockquote": "blockquote",
    "p": "paragraph",
    "div": "paragraph",
    "section": "paragraph",
    "article": "paragraph",
    "main": "paragraph",
    "header": "paragraph",
    "footer": "paragraph",
    "aside": "paragraph",
    "figcaption": "paragraph",
    "body": "paragraph",
    "ul": "list",
    "ol": "list",
    "table": "table",
    "tr": "table",
    "hr": None,
    "head": "head",
    "nav": "paragraph",
    "figure": "paragraph",
    "form": "paragraph",
    "label": "paragraph",
    "button": "paragraph",
    "summary": "heading",
    "details": "paragraph",
    "option": "paragraph",
}
# Attributes whose values are read out or shown: alt text, tooltips, a screen reader's name for a
# control, a form field's hint; and a meta tag's content (for the meta tags below).
_PROSE_ATTRIBUTE = compiled(
    r"""\s(alt|title|aria-label|placeholder|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", regex.IGNORECASE
)
# Elements that style words inside a sentence: a tooltip on one (``title``) is read apart from it.
_INLINE_TEXT = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    ]
)
# A button drawn by an input (``<input type="submit" value="Book now">``): its value is its label.
_BUTTON_INPUT_TYPES = frozenset({"submit", "button", "reset"})
_VALUE_ATTRIBUTE = compiled(r"""\svalue\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", regex.IGNORECASE)
# Meta tags whose content search results and link previews show, and the kind of prose each is.
_PROSE_META = {
    "description": "description",
    "og:description": "description",
    "twitter:description": "description",
    "og:title": "title",
    "twitter:title": "title",
    # A link preview's image description, read out by screen readers as an image's alt text is.
    "og:image:alt": "alt",
    "twitter:image:alt": "alt",
}
# A JSX component's string-literal prop (``title="..."``, ``quote='...'``); an expression prop
# (``title={...}``) is code.
_COMPONENT_PROP = compiled(r"""[\s]([A-Za-z][\w-]*+)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)')""")
_ENTITY = compiled(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# JSON-LD keys whose string values search engines show as text: an FAQ's questions ("name") and
# answers ("text"), an article's headline and description, a review's body.
_JSON_LD_PROSE_KEYS = frozenset(
    {"name", "headline", "alternativeheadline", "description", "text", "caption", "reviewbody", "abstract"}
)
# A JSON string (group 1: its content; group 2: its closing quote, missing where the line ends
# first), and the colon after it when it is a key. An unclosed string is matched too, so the scan
# goes on after it: rescanning from each quote inside it ('\\"\\"...') would take quadratic time.
_JSON_STRING = compiled(r'"((?:[^"\\\n]|\\.)*+)(?:(")([ \t\r\n]*:)?)?')
# A tag in a text value: an FAQ's answer may hold HTML (<p>, <b>, <a href=...>), which search
# engines draw as markup. Written as it is or with JSON's escapes ("<\/p>", "\u003cb\u003e").
# Possessive, and stopping at any "<" or ">" however written: each character is read for one tag.
_JSON_LD_TAG = compiled(r"(?:<|\\u003[cC])(?:\\?/)?[A-Za-z](?:[^<>\n\\]|\\(?!u003[cCeE]).)*+(?:>|\\u003[eE])")
_JSON_ESCAPE = compiled(r'\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])')


# A <template> whose content is drawn where it stands: a declarative shadow root, or Alpine's or
# Vue's conditional or repeated block. Any other template's content is drawn only if a script
# clones it: not the page's text.
_RENDERED_TEMPLATE = compiled(
    r"\s(?:shadowrootmode|shadowroot|x-if|x-for|v-if|v-else-if|v-else|v-for)\b", regex.IGNORECASE
)


def _renders_in_place(tag: str, tag_text: str) -> bool:
    return tag == "template" and _RENDERED_TEMPLATE.search(tag_text) is not None


def _is_json_ld(tag_text: str) -> bool:
    kind = dict(attributes(tag_text)).get("type") or ""
    return kind.strip().lower() == "application/ld+json"


def show_json_ld_text(mask: Mask, start: int, end: int, record_blocks: bool) -> None:
    """Show the text values of the structured data in ``mask.text[start:end]`` (hidden as a script).

    Rich results (an FAQ's questions and answers) show these words to searchers, as
    they show the meta description, so they are checked as a description is.
    """
    key = ""
    for string in _JSON_STRING.finditer(mask.text, start, end):
        if string.group(2) is None:
            continue  # not JSON: no text to show
        if string.group(3) is not None:
            key = string.group(1).lower()
        elif key in _JSON_LD_PROSE_KEYS and string.group(1):
            value_start, value_end = string.span(1)
            mask.show(value_start, value_end)
            # An escape ("\u2019", "\"") is read as the character it stands for, but in a tag.
            position = value_start
            for tag in _JSON_LD_TAG.finditer(mask.text, value_start, value_end):
                mask.hide_references(_JSON_ESCAPE, position, tag.start(), _json_character)
                mask.hide(*tag.span())
                position = tag.end()
            mask.hide_references(_JSON_ESCAPE, position, value_end, _json_character)
            if record_blocks:
                mask.add_block(value_start, value_end, "description")


def _json_character(escape: str) -> str:
    return str(json.loads(f'"{escape}"'))


def mask_html(text: str) -> MaskedText:
    mask = Mask(text)
    # Jekyll and Eleventy read front matter in HTML pages as in Markdown ones.
    body_start = mask_front_matter(mask)
    # Before the markup: a shortcode's prose values inside a script or a comment are hidden again.
    mask_shortcodes(mask, body_start, len(text))
    mask_html_region(mask, body_start, len(text))
    return mask.result()


def mask_html_region(mask: Mask, start: int, end: int, *, record_blocks: bool = True, components: bool = False) -> None:
    """Mask the markup of ``mask.text[start:end]``; record its prose blocks if asked.

    Markdown uses this for inline HTML inside a block it has already recorded.
    With ``components`` (MDX), a capitalised tag is a JSX component, whose
    string props of text-like names (``title``, ``quote``, ``caption``...) are prose.
    """
    if record_blocks:
        mask_template_tags(mask, start, end)
    # Otherwise the Markdown page's template tags are masked already, and a shortcode's prose
    # shown: masking them again would show it again where a code span has hidden it since.
    _ProseMarker(mask, start, end, record_blocks, components).run()
    mask.hide_references(_ENTITY, start, end)
    mask.hide_urls(start, end)


class _ProseMarker:
    """Walks the markup of a region (see html_tokens: linear time whatever the input)."""

    def __init__(self, mask: Mask, start: int, end: int, record_blocks: bool, components: bool) -> None:
        self.record_blocks = record_blocks
        self.components = components
        self.mask = mask
        self.start = start
        self.end = end
        self._opaque_depth = 0
        self._opaque_since = 0
        self._json_ld = False  # the opaque element is a JSON-LD script
        self._opaque_tag = ""
        # In an inline SVG: the text element open (where its content starts, its name), the
        # spans of those closed, and the tags inside them (a <tspan>), to hide again.
        self._svg_text: tuple[int, str] | None = None
        self._svg_texts: list[Block] = []
        self._svg_tags: list[tuple[int, int]] = []
        self._block_start = start
        self._kinds: list[str] = ["paragraph"]

    def run(self) -> None:
        # Inside a Markdown block, raw HTML never closed there is text (CommonMark shows it as typed).
        unclosed_as_text = not self.record_blocks
        for token in tokens(self.mask.text, self.start, self.end, unclosed_as_text=unclosed_as_text):
            if self.mask.is_hidden(token.start):
                # Not markup but code (a Markdown code span, an MDX comment): no alt text to
                # show, and a `<pre>` there opens no element that would hide the prose after it.
                continue
            if token.kind == "start":
                self._start_tag(token)
            elif token.kind == "end":
                self._end_tag(token)
            else:  # a comment, CDATA or declaration: never prose
                self.mask.hide(token.start, token.end)
                if (
                    token.kind == "comment"
                    and not token.closed
                    and "\n" in self.mask.text[token.start : token.end].strip()
                ):
                    self.mask.warn(token.start, _UNCLOSED_COMMENT)
        if self._opaque_depth:
            self.mask.hide(self._opaque_since, self.end)
        self._close_block(self.end)

    # -- blocks -----------------------------------------------------------
    def _close_block(self, at: int) -> None:
        # The head holds no prose but the title and meta description, recorded on their own.
        if self.record_blocks and self._kinds[-1] != "head":
            self.mask.add_block(self._block_start, at, self._kinds[-1])

    def _enter_or_leave(self, tag: str, at: int, after: int, entering: bool) -> None:
        kind = BLOCK_KIND.get(tag, "")
        if kind == "":
            return  # inline element: same block
        self._close_block(at)
        if kind is not None:
            if entering:
                self._kinds.append(kind)
            elif len(self._kinds) > 1:
                self._kinds.pop()
        self._block_start = after

    # -- tags -------------------------------------------------------------
    def _start_tag(self, token: Token) -> None:
        tag, at, after = token.name, token.start, token.end
        self.mask.hide(at, after)
        if self._opaque_depth:
            self._svg_start_tag(token)
            if tag in _OPAQUE and not token.self_closing:
                self._opaque_depth += 1
            return
        self._show_prose_attributes(tag, self.mask.text[at:after], at)
        if tag == "br" and opens_a_line(self.mask.text, after, self.end):
            self.mask.break_line(at)
        if tag in _OPAQUE and not token.self_closing and not _renders_in_place(tag, self.mask.text[at:after]):
            self._opaque_depth = 1
            self._opaque_since = after
            self._opaque_tag = tag
            self._json_ld = tag == "script" and _is_json_ld(self.mask.text[at:after])
            return
        if not token.self_closing:
            self._enter_or_leave(tag, at, after, entering=True)
        elif BLOCK_KIND.get(tag, "") is None:
            self._close_block(at)
            self._block_start = after

    def _end_tag(self, token: Token) -> None:
        tag, at, after = token.name, token.start, token.end
        if self._opaque_depth:
            self._svg_end_tag(token)
            if tag in _OPAQUE:
                self._opaque_depth -= 1
                if self._opaque_depth == 0:
                    self.mask.hide(self._opaque_since, at)
                    if self._json_ld:
                        show_json_ld_text(self.mask, self._opaque_since, at, self.record_blocks)
                    self._show_svg_text()
            self.mask.hide(at, after)
            return
        self.mask.hide(at, after)
        self._enter_or_leave(tag, at, after, entering=False)

    # -- inline SVG -------------------------------------------------------
    def _in_svg_itself(self) -> bool:
        """Inside an SVG, but not in a style or script of its own."""
        return self._opaque_tag == "svg" and self._opaque_depth == 1

    def _svg_start_tag(self, token: Token) -> None:
        if not self._in_svg_itself():
            return
        if self._svg_text is not None:
            self._svg_tags.append((token.start, token.end))
        elif token.name in _SVG_TEXT and not token.self_closing:
            self._svg_text = (token.end, token.name)

    def _svg_end_tag(self, token: Token) -> None:
        if not self._in_svg_itself() or self._svg_text is None:
            return
        content_start, name = self._svg_text
        if token.name != name:
            self._svg_tags.append((token.start, token.end))
            return
        self._svg_texts.append(Block(content_start, token.start, _SVG_TEXT[name]))
        self._svg_text = None

    def _show_svg_text(self) -> None:
        """Show the text elements of the SVG just closed (hidden whole) again, but the tags in them."""
        for block in self._svg_texts:
            self.mask.show(block.start, block.end)
        for tag_start, tag_end in self._svg_tags:
            self.mask.hide(tag_start, tag_end)
        for block in self._svg_texts:
            self.mask.add_value_block(block.start, block.end, block.kind)
            # An icon between a sentence's words, as an image is: its words are read on their own.
            self.mask.set_aside(block.start, block.end)
        self._svg_texts, self._svg_tags, self._svg_text = [], [], None

    def _show_prose_attributes(self, tag: str, raw: str, at: int) -> None:
        show_prose_attributes(self.mask, tag, raw, at, self.components)


def show_prose_attributes(mask: Mask, tag: str, raw: str, at: int, components: bool) -> None:
    """Show the prose values of the start tag ``raw`` (at ``at``): alt text, a tooltip, a meta
    description; with ``components`` (MDX, Astro), a capitalised tag's text-like string props."""
    if components and raw[1:2].isupper():
        _show_component_props(mask, raw, at)
        return
    meta_kind = None
    if tag == "meta":  # only a meta tag's attributes are read: is it a description or a title?
        attrs = dict(attributes(raw))
        meta_kind = _PROSE_META.get((attrs.get("name") or attrs.get("property") or "").lower())
    # In JSX an expression value (``alt={caption}``) is code, not an unquoted value.
    for match in _PROSE_ATTRIBUTE.finditer(_without_expressions(raw) if components else raw):
        name = match.group(1).lower()
        if name == "content" and meta_kind is None:
            continue
        group = next(g for g in (2, 3, 4) if match.group(g) is not None)
        value_start, value_end = at + match.start(group), at + match.end(group)
        mask.show(value_start, value_end)
        # A title attribute is a tooltip on its element, as alt text is: not the page's title.
        kind = meta_kind if name == "content" and meta_kind else "alt"
        mask.add_block(value_start, value_end, kind)
        # Not in the middle of the sentence the element stands in: a tooltip, or an image's alt
        # text, which a reader sees as a picture between the sentence's words.
        if tag in _INLINE_TEXT or tag == "img" or (tag == "input" and _input_type(raw) == "image"):
            mask.set_aside(value_start, value_end)
    if tag == "input" and _input_type(raw) in _BUTTON_INPUT_TYPES:
        _show_button_label(mask, raw, at, components)


def _input_type(raw: str) -> str:
    """The ``type`` of the input whose start tag is ``raw``, lower-cased ("image" draws a picture)."""
    return (dict(attributes(raw)).get("type") or "").strip().lower()


def _show_button_label(mask: Mask, raw: str, at: int, components: bool) -> None:
    """Show an input button's value: the words on the button, read as a <button>'s text is."""
    value = _VALUE_ATTRIBUTE.search(_without_expressions(raw) if components else raw)
    if value is None:
        return
    group = next(g for g in (1, 2, 3) if value.group(g) is not None)
    value_start, value_end = at + value.start(group), at + value.end(group)
    mask.show(value_start, value_end)
    mask.add_block(value_start, value_end, "paragraph")


def _show_component_props(mask: Mask, raw: str, at: int) -> None:
    # Braces blanked: a string inside an expression prop (``style={{font: "x"}}``) is code.
    for prop in _COMPONENT_PROP.finditer(_without_expressions(raw)):
        kind = prose_attribute_kind(prop.group(1))
        if kind is None:
            continue
        group = 2 if prop.group(2) is not None else 3
        value_start, value_end = at + prop.start(group), at + prop.end(group)
        mask.show(value_start, value_end)
        # Recorded even inside a Markdown paragraph: a component on lines of its own is one.
        mask.add_value_block(value_start, value_end, kind)
        # Inside a sentence (words before it on its line), a prop is read apart from the sentence.
        mask.set_aside(value_start, value_end)


def _without_expressions(raw: str) -> str:
    """``raw`` with what its balanced ``{...}`` hold blanked, braces too (same length).

    Blanked with "=", which no attribute value starts with: ``alt={caption}`` has no value
    to read, where blanks would let the next attribute's name be read as one."""
    if "{" not in raw:
        return raw
    characters = list(raw)
    depth = 0
    for index, character in enumerate(raw):
        if character == "{":
            depth += 1
        if depth:
            characters[index] = "="
        if character == "}" and depth:
            depth -= 1
    return "".join(characters)
