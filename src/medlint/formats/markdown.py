"""Markdown and MDX: block structure parsed as CommonMark reads it, inline markup masked in place.

``markdown_blocks`` gives the blocks and their line ranges (fenced and indented
code, HTML blocks, headings, lists and tables); inline code, link destinations,
autolinks and inline HTML are masked by scanning each prose block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache, partial
from itertools import accumulate

import regex

from medlint.formats.frontmatter import mask_front_matter
from medlint.formats.html import mask_html_region
from medlint.formats.markdown_blocks import (
    CODE,
    FENCE,
    HEADING,
    HTML,
    PARAGRAPH,
    RULE,
    TABLE,
    TOP,
    LinkDefinition,
    MarkdownBlock,
    normalise_label,
    parse_outline,
)
from medlint.formats.masking import Mask, MaskedText, UnbuildablePage, lines_holding, opens_a_line, url_spans
from medlint.formats.shortcodes import mask_shortcodes, mask_template_tags
from medlint.own_patterns import compiled

_CODE_SPAN_OPEN = compiled(r"`+")
_LINK_TARGET = compiled(r"\]\((?><[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE_LABEL = compiled(r"\]\[[^\]\n]*\]")
# A link reference definition (``[label]: url "title"``); not a footnote's (``[^1]: text``), whose
# text readers see at the foot of the page.
_REFERENCE_DEFINITION = compiled(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S.*$", regex.MULTILINE)
# The label that opens a footnote (``[^1]:``): markup, not words. (A reference to it, ``[^1]``,
# keeps its "^1" in the prose: a paragraph block ends after it, where citation checks look.)
_FOOTNOTE_LABEL = compiled(r"^ {0,3}\[\^[^\]\s]+\]:", regex.MULTILINE)
_AUTOLINK = compiled(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_PUNCTUATION_MARKUP = compiled(r"!?\[|\]|(?<!\w)[*_]+|[*_]+(?!\w)|~~|\\(?=[^\w\s])")
# An asterisk inside a word ("*Pain*less", "un*believ*able"): emphasis, as CommonMark reads it
# (underscores inside a word are not), where the line holds another run to pair with.
_IN_WORD_EMPHASIS = compiled(r"(?<=\w)\*++(?=\w)")
_LINE_MARKER = compiled(
    r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]|$))?", regex.MULTILINE
)
# Matched from the end of the line (?r): the same matches, but a line full of '{#' or ' #'
# is read once instead of once per opener.
_HEADING_CLOSER = compiled(r"(?r)[ \t]+#+[ \t]*$", regex.MULTILINE)
_TABLE_RULE = compiled(r"^[ \t|:-]+$|^[ \t]*=+[ \t]*$", regex.MULTILINE)
_HEADING_ATTRIBUTES = compiled(r"(?r)[ \t]*\{[#.][^}\n]*\}[ \t]*$", regex.MULTILINE)
# An attribute list after a paragraph, a list item, a link or an image: Kramdown's (Jekyll's)
# ``{: #id .class}``, and the ``{#id .class}`` of Pandoc and markdown-it-attrs. Ids and classes
# are often slugs of the claims a heading or a link makes (``{: #guaranteed-results}``).
_ATTRIBUTE_LIST = compiled(r"\{(?::|[ \t]*+[.#][\w-])[^{}\n]*+\}")
_LONE_CR = compiled(r"\r(?!\n)")
# A container directive's fence line (``:::tip Title``, ``::: warning``, ``:::note[Title]``, ``:::``).
_CONTAINER_FENCE = compiled(
    r"^[ \t]*+(?:>[ \t]?)*+:{3,}+[ \t]*+(?:[A-Za-z][\w-]*+[ \t]*+(?:\[(?P<bracketed>[^\]\n]*+)\]|(?P<title>[^\n]*?))"
    r"[ \t]*+)?$",
    regex.MULTILINE,
)
# What a hard line break ends with: two spaces or a backslash at the end of a line.
_HARD_BREAK_ENDS = (" \n", "\\\n")
# A shortcut reference image, ``![label]`` not followed by a destination or a label: its label
# holds no unescaped bracket. Preceded by an even number of backslashes, or the "!" is escaped.
_SHORTCUT_IMAGE = compiled(r"(?<!\\)(?:\\\\)*+!\[((?:[^\[\]\\]|\\.){1,999}+)\](?![(\[])", regex.DOTALL)
# A reference link: ``[text][label]``, ``[label][]`` or ``[label]`` (not an inline link's ``[text](``).
_REFERENCE_LINK = compiled(
    r"(?<![\\!\]])\[(?P<text>(?:[^\[\]\\\n]|\\.){1,999}+)\](?:\[(?P<label>[^\[\]\n]*)\]|(?![(\[:]))"
)
# A link or image whose text is also its label (``[text][]``, ``![text]``): the text names a definition.
_LABEL_AS_TEXT = compiled(r"(?<!\\)(?:\\\\)*+!?\[((?:[^\[\]\\]|\\.){1,999}+)\](?:\[\]|(?![(\[]))", regex.DOTALL)
# _LINK_TARGET in pieces, for _link_targets. Possessive: giving back never helps these match.
# A destination in angle brackets may hold spaces (``![alt](<my photo.png>)``).
_LINK_DESTINATION = compiled(r"<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*\))*+")
_SPACE = compiled(r"\s*+")
_TITLE_CLOSER = {'"': '"', "'": "'", "(": ")"}
# How far back from an image's ``](`` its ``![`` is looked for (alt texts are short).
_LONGEST_ALT = 1_000
# A line-start pattern can only match (non-empty) where a line begins with one of these: found
# as a line end before one (the regex module finds a line end fast; "^" it tries at every place).
_LINE_MARKER_START = compiled(r"\n(?=[ \t>#*+\d-])")
_TABLE_RULE_START = compiled(r"\n(?=[ \t|:=-])")
# A Kramdown (Jekyll) comment: ``{::comment}`` to ``{:/comment}`` (or ``{:/}``), never shown. One
# never closed hides only its tag, as a Liquid comment never closed does.
_KRAMDOWN_COMMENT = compiled(r"\{::comment\}(?:(?!\{::comment\}).)*?\{:/(?:comment)?\}", regex.DOTALL)
_MDX_STATEMENT = compiled(r"^(?:import|export)\b.*?(?=\n[ \t]*\n|\Z)", regex.MULTILINE | regex.DOTALL)
# Inline markup patterns that never match across a line end, in the order they are applied,
# each with the strings one of which every match holds (None: no such strings).
_SINGLE_LINE_MARKUP: tuple[tuple[regex.Pattern[str], tuple[str, ...] | None], ...] = (
    (_REFERENCE_LABEL, ("][",)),
    (_FOOTNOTE_LABEL, ("[^",)),
    (_HEADING_CLOSER, ("#",)),
    (_HEADING_ATTRIBUTES, ("{",)),
    (_ATTRIBUTE_LIST, ("{",)),
    (_PUNCTUATION_MARKUP, None),
)


def mask_markdown(text: str) -> MaskedText:
    mask = Mask(text)
    _mask_markdown(mask, mdx=False)
    return mask.result()


def mask_mdx(text: str) -> MaskedText:
    mask = Mask(text)
    _mask_markdown(mask, mdx=True)
    return mask.result()


def _mask_markdown(mask: Mask, mdx: bool) -> None:
    text = mask.text
    body_start = mask_front_matter(mask)
    # The block parser sees the body with the front matter blanked, so its line numbers match ours.
    source = "\n" * text.count("\n", 0, body_start) + text[body_start:]
    if "\r" in source:
        # CommonMark takes a lone CR for a line end; we count lines by LF only.
        source = _LONE_CR.sub(" ", source)
    offset = _line_offsets(text)
    outline = parse_outline(source, indented_code=not mdx)
    blocks, definitions = outline.blocks, outline.definitions
    # Before the rest: a shortcode's prose values inside code or a template tag are hidden again.
    mask_shortcodes(mask, body_start, len(text))
    mask_template_tags(mask, body_start, len(text))
    if mdx:
        _mask_mdx_code(mask, body_start, _code_in(text, offset, blocks))

    prose_blocks: list[tuple[int, int, str]] = []
    jsx_blocks: list[tuple[int, int]] = []
    footnote_paragraphs = _footnote_paragraphs(text, offset, blocks, definitions)
    for index, block in enumerate(blocks):
        start, end = offset(block.start), offset(block.end)
        if index in footnote_paragraphs:
            # "[^1]: ..." then an indented paragraph: the note's next paragraph, not code.
            prose_blocks.append((start, end, "paragraph"))
        elif block.kind in (FENCE, CODE):
            mask.hide(start, end)
            if block.kind == FENCE and _never_closed(text, offset, block):
                mask.warn(start, _UNCLOSED_FENCE.format(fence=block.fence))
        elif block.kind == HTML:
            mask_html_region(mask, start, end, components=mdx)
            if mdx:  # MDX reads the text between a JSX block's tags as Markdown ("<Note>\n**No** risk")
                jsx_blocks.append((start, end))
        elif block.kind == TABLE:
            mask.hide_pattern(_TABLE_RULE, start, end)
            # Each row a block of its own.
            prose_blocks.extend((row, row_end, "table") for row, row_end in _text_spans(block, offset))
        elif block.kind in (PARAGRAPH, HEADING):
            kind = "heading" if block.kind == HEADING else (block.container or "paragraph")
            prose_blocks.append((start, end, kind))
        elif block.kind == RULE:
            mask.hide(start, end)
    for label, definition in definitions.items():
        # "[^2]: https://..." reads to CommonMark as a link reference; it is a footnote, shown as text.
        if label.startswith("^"):
            prose_blocks.append((offset(definition.start), offset(definition.end), "paragraph"))
    block_spans = sorted({(start, end) for start, end, _ in prose_blocks})
    _mask_inline(mask, block_spans, frozenset(definitions), mdx, jsx_blocks)
    if definitions:
        _record_reference_links(mask, block_spans, definitions)
    _mask_container_fences(mask, block_spans)
    for start, end, kind in prose_blocks:
        mask.add_block(start, end, kind)
    # Only a line holding "]:" can hold a definition: a scan of the regex reads every line.
    for line_start, line_end in lines_holding(text, ("]:",), body_start):
        mask.hide_pattern(_REFERENCE_DEFINITION, line_start, line_end)
    if not mdx and "{::comment}" in text:
        mask.hide_pattern(_KRAMDOWN_COMMENT, body_start)


# A tag's start up to inside a quoted prop value, at the end of what is searched: the tag's name, then
# props (quoted, an expression without braces inside, or none), then a prop whose quote is still open.
_QUOTED_PROP_BEFORE = compiled(
    r"""<[A-Za-z][\w.:-]*+(?:\s++[\w:.-]++(?:\s*+=\s*+(?:"[^"\n]*+"|'[^'\n]*+'|\{[^{}\n]*+\}))?)*"""
    r"""\s++[\w:.-]++\s*+=\s*+(?:"[^"\n]*+|'[^'\n]*+)\Z"""
)
# How far back from a brace the start of the tag whose prop may hold it is looked for.
_LONGEST_TAG = 1_000


def _in_quoted_prop(text: str, brace: int) -> bool:
    """Whether the brace at ``brace`` stands in a quoted prop's value (``<Badge label="{">``): text to MDX."""
    line_start = max(text.rfind("\n", max(0, brace - _LONGEST_TAG), brace) + 1, brace - _LONGEST_TAG, 0)
    return _QUOTED_PROP_BEFORE.search(text, line_start, brace) is not None


_UNCLOSED_EXPRESSION = (
    "this '{' is never closed (MDX cannot compile the page); close it with '}', or write '\\{' for a brace in text"
)


def _mask_mdx_code(mask: Mask, body_start: int, code: list[tuple[int, int]]) -> None:
    """Hide MDX's imports, exports and ``{...}`` expressions, but the text they render; a brace in
    ``code`` is text. Raises UnbuildablePage for a brace never closed, which MDX refuses to compile."""
    from medlint.formats.jsx import hide_jsx_expressions, show_metadata_values  # MDX's alone: not for Markdown

    text = mask.text
    statements = [statement.span() for statement in _MDX_STATEMENT.finditer(text, body_start)]
    for statement in statements:
        mask.hide(*statement)
    unclosed = hide_jsx_expressions(mask, body_start, code, escapes=True, is_text=partial(_in_quoted_prop, text))
    if unclosed is not None:
        raise UnbuildablePage(unclosed, _UNCLOSED_EXPRESSION)
    for statement in statements:  # after the braces of its object are hidden
        show_metadata_values(mask, *statement)


def _code_in(text: str, offset: Callable[[int], int], blocks: Sequence[MarkdownBlock]) -> list[tuple[int, int]]:
    """Where ``blocks`` hold code or a link's destination, sorted: fenced blocks, code spans (those
    between a JSX block's tags too, which MDX reads as Markdown) and link targets."""
    regions: list[tuple[int, int]] = []
    for block in blocks:
        if block.kind in (FENCE, CODE):
            regions.append((offset(block.start), offset(block.end)))
            continue
        for start, end in _text_spans(block, offset):
            if "`" in text[start:end]:
                regions.extend(code_spans(text, start, end))
            if block.kind != HTML and text.find("](", start, end) != -1:
                # A link's destination is read whole by the link, braces too ("/book?{slot}").
                regions.extend((target, target_end) for target, target_end, _ in _link_targets(text, start, end))
    return sorted(regions)


def _text_spans(block: MarkdownBlock, offset: Callable[[int], int]) -> list[tuple[int, int]]:
    """Where a block's inline text stands: a table's header and body rows, one span each (the
    line between is its delimiter row); a paragraph, a heading or an HTML block whole; no code."""
    if block.kind == TABLE:
        return [(offset(line), offset(line + 1)) for line in (block.start, *range(block.start + 2, block.end))]
    if block.kind in (PARAGRAPH, HEADING, HTML):
        return [(offset(block.start), offset(block.end))]
    return []


def _record_reference_links(mask: Mask, blocks: list[tuple[int, int]], definitions: dict[str, LinkDefinition]) -> None:
    """Record where each reference link (``[text][label]``, ``[label][]``, ``[label]``) leads.

    Its destination is written in its definition, often at the page's foot, far from the
    sentence a citation condition reads.
    """
    text = mask.text
    for start, end in _blocks_holding(text, blocks, "]"):
        for link in _REFERENCE_LINK.finditer(text, start, end):
            label = link.group("label") or link.group("text")
            definition = definitions.get(normalise_label(label))
            if definition is not None and not label.startswith("^"):
                # With its title, as an inline link writes it: [text](url "Lee et al. 2021").
                title = f' "{definition.title}"' if definition.title else ""
                mask.link_to(link.start(), link.end("text") + 1, definition.destination + title)


def _mask_container_fences(mask: Mask, blocks: list[tuple[int, int]]) -> None:
    """Hide the fences of container directives (``:::tip Title`` ... ``:::``); a title is a heading.

    Docusaurus, VitePress and markdown-it-container open an admonition with a
    line of its own; CommonMark reads it, and the line after, as one paragraph.
    The fence's line is a line of its own, so its title or the ``No`` that
    opens it does not run into the admonition's first sentence.
    """
    text = mask.text
    for start, end in _blocks_holding(text, blocks, ":::"):
        for fence in _CONTAINER_FENCE.finditer(text, start, end):
            title = next((fence.span(g) for g in ("bracketed", "title") if fence.group(g)), None)
            if title is not None and text[title[0] : title[1]].strip():
                mask.hide(fence.start(), title[0])
                mask.hide(title[1], fence.end())
                mask.add_value_block(*title, "heading")
            else:
                mask.hide(fence.start(), fence.end())
            mask.break_line(fence.start())
            mask.break_line(fence.end())


def _footnote_paragraphs(
    text: str, offset: Callable[[int], int], blocks: Sequence[MarkdownBlock], definitions: dict[str, LinkDefinition]
) -> set[int]:
    """The indices of the indented blocks (code to CommonMark) that continue a footnote: its later paragraphs."""
    # Where each footnote, and each paragraph continuing one, ends (the line after its last).
    footnote_ends = {definition.end for label, definition in definitions.items() if label.startswith("^")}
    found: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind == CODE and _continues_footnote(text, offset, block, footnote_ends):
            found.add(index)
            footnote_ends.add(block.end)
        elif (
            block.kind in (PARAGRAPH, HEADING)
            # inside a list or a quote, a "[^1]:" line opens no footnote
            and block.container == TOP
            and _FOOTNOTE_LABEL.match(text, offset(block.start))
        ):
            footnote_ends.add(block.end)
    return found


def _continues_footnote(text: str, offset: Callable[[int], int], block: MarkdownBlock, footnote_ends: set[int]) -> bool:
    """Whether the indented ``block`` follows a footnote (or a paragraph of one) across blank lines.

    CommonMark has no footnotes: the indented paragraphs that continue one are
    indented code to it. A footnote's own indented code (eight spaces) is rare.
    """
    line = block.start
    while line > 0 and not text[offset(line - 1) : offset(line)].strip():
        line -= 1
    return line != block.start and line in footnote_ends


_UNCLOSED_FENCE = (
    "this code fence ('{fence}') is never closed: the rest of the page is code, as Markdown shows it, and not checked"
)


def _never_closed(text: str, offset: Callable[[int], int], fence: MarkdownBlock) -> bool:
    """Whether a fenced code block runs to the end of the text without its closing fence, and hides
    some of it (CommonMark ends such a block at the end of the text)."""
    last_line = text[offset(fence.end - 1) : offset(fence.end)].strip()
    closing = fence.end - fence.start >= 2 and last_line.startswith(fence.fence) and set(last_line) <= set(fence.fence)
    return not closing and offset(fence.end) >= len(text.rstrip()) and bool(text[offset(fence.start + 1) :].strip())


def _line_offsets(text: str) -> Callable[[int], int]:
    """Where each (0-based) line of ``text`` starts, as the block parser counts them; the
    end of the text for the line after the last."""
    line_starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))

    def offset(line: int) -> int:
        return line_starts[line] if line < len(line_starts) else len(text)

    return offset


def _mask_inline(
    mask: Mask,
    prose_blocks: list[tuple[int, int]],
    references: frozenset[str],
    mdx: bool,
    html_blocks: Sequence[tuple[int, int]] = (),
) -> None:
    """Hide inline markup in prose blocks (each ``start:end`` a run of whole lines), and in
    ``html_blocks``, whose HTML is masked already (MDX's JSX blocks, whose text is Markdown).

    Each step runs over every block before the next step starts; blocks do not
    overlap, so the result is that of running all steps block by block. A step
    whose pattern cannot cross a line end runs over the whole text once, keeping
    the matches that start inside a block, and only over the lines that hold
    what every match must hold: a few scans per document, not one per paragraph.
    """
    text = mask.text
    blocks = sorted([*prose_blocks, *html_blocks]) if html_blocks else prose_blocks
    inside = bytearray(len(text))
    for start, end in blocks:
        inside[start:end] = b"\x01" * (end - start)
    for start, end in _blocks_holding(text, blocks, "`"):
        for span in code_spans(text, start, end):
            mask.hide(*span)
    _hide_in_blocks(mask, _AUTOLINK, ("<",), inside)
    # Without these characters the HTML step finds nothing the URL step below misses.
    for start, end in _blocks_holding(text, prose_blocks, "<", "&", "{"):
        mask_html_region(mask, start, end, record_blocks=False, components=mdx)
    for start, end in _blocks_holding(text, blocks, "]("):
        floor = start
        for target_start, target_end, title in _link_targets(text, start, end):
            mask.hide(target_start, target_end)
            alt = _image_alt(text, target_start, start, floor)
            if alt is not None:  # an image's alt text is alt prose, as an HTML alt attribute is
                mask.add_block(*alt, "alt")
                mask.set_aside(*alt)  # a picture between a sentence's words: read apart from it
            if title is not None:  # a link or image title is prose, as an HTML title attribute is
                mask.show(*title)
                mask.add_block(*title, "alt")
                mask.set_aside(*title)  # a tooltip: not read in the sentence the link stands in
            floor = target_end
    for start, end in _blocks_holding(text, blocks, "]["):
        floor = start
        position = text.find("][", start, end)
        while position != -1:  # ![alt][ref]
            alt = _image_alt(text, position, start, floor)
            if alt is not None:
                mask.add_block(*alt, "alt")
                mask.set_aside(*alt)
            floor = position + 2
            position = text.find("][", floor, end)
    if references:  # ![label], an image whose label names a reference definition
        for start, end in _blocks_holding(text, blocks, "!["):
            for image in _SHORTCUT_IMAGE.finditer(text, start, end):
                if normalise_label(image.group(1)) in references:
                    mask.add_block(*image.span(1), "alt")
        for start, end in _blocks_holding(text, blocks, "]"):
            for link in _LABEL_AS_TEXT.finditer(text, start, end):
                if normalise_label(link.group(1)) in references:
                    mask.keep_as_written(*link.span(1))
    for pattern, needles in _SINGLE_LINE_MARKUP:
        _hide_in_blocks(mask, pattern, needles, inside)
    _hide_in_word_emphasis(mask, inside)
    for start, end in url_spans(text):
        if inside[start]:
            mask.hide(start, end)
    for start, end in _blocks_holding(text, blocks, *_HARD_BREAK_ENDS):
        for break_start, break_end in _hard_breaks(text, start, end):
            if not mask.is_hidden(break_start) and opens_a_line(text, break_end, end):
                mask.break_line(break_end)
    for pattern, first in ((_LINE_MARKER, _LINE_MARKER_START), (_TABLE_RULE, _TABLE_RULE_START)):
        _hide_at_line_starts(mask, pattern, first, inside)
    position = text.find("|")
    while position != -1:
        if inside[position]:
            mask.hide(position, position + 1)
        position = text.find("|", position + 1)


def _blocks_holding(text: str, blocks: list[tuple[int, int]], *needles: str) -> Iterator[tuple[int, int]]:
    """The blocks (sorted by start; each a run of whole lines) in which one of ``needles`` starts.

    Each needle's next occurrence is looked for from a block's start only when
    the one found before lies before it: the text is searched once per needle.
    """
    found = [text.find(needle) for needle in needles]
    for start, end in blocks:
        holds = False
        for index, at in enumerate(found):
            if at != -1 and at < start:
                at = found[index] = text.find(needles[index], start)
            holds = holds or (at != -1 and at < end)
        if holds:
            yield start, end
        elif max(found) == -1:
            return


def _hard_breaks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of hard line breaks in ``text[start:end]``: two or more spaces, or a backslash, and a line end.

    Found from each line end with a space or a backslash before it: a regex for
    them would be tried at every space of the text.
    """
    spans = []
    for needle in _HARD_BREAK_ENDS:
        found = text.find(needle, start, end)
        while found != -1:
            line_end = found + 1
            if needle == " \n":
                while found > start and text[found - 1] == " ":
                    found -= 1
                if line_end - found < 2:
                    found = text.find(needle, line_end, end)
                    continue
            spans.append((found, line_end + 1))
            found = text.find(needle, line_end, end)
    return iter(sorted(spans))


def _hide_in_blocks(
    mask: Mask, pattern: regex.Pattern[str], needles: tuple[str, ...] | None, inside: bytearray
) -> None:
    text = mask.text
    lines = [(0, len(text))] if needles is None else lines_holding(text, needles)
    for line_start, line_end in lines:
        for match in pattern.finditer(text, line_start, line_end):
            start, end = match.span()
            if end > start and inside[start]:
                mask.hide(start, end)


def _hide_in_word_emphasis(mask: Mask, inside: bytearray) -> None:
    """Hide asterisks inside words that pair with another run on their line: a browser draws the word whole."""
    text = mask.text
    for line_start, line_end in lines_holding(text, ("*",)):
        for match in _IN_WORD_EMPHASIS.finditer(text, line_start, line_end):
            start, end = match.span()
            others = text.count("*", line_start, line_end) - (end - start)
            if others and inside[start]:
                mask.hide(start, end)


def _hide_at_line_starts(mask: Mask, pattern: regex.Pattern[str], first: regex.Pattern[str], inside: bytearray) -> None:
    """Hide a line-start pattern's matches in blocks, trying only lines whose first character can
    begin one: where ``first`` finds a line end before such a character."""
    text = mask.text
    # With a line end put before the text, its first line is found as every other is, at the
    # place of that line end in the longer text.
    for line_start in [m.start() for m in first.finditer("\n" + text)]:
        if inside[line_start]:
            match = pattern.match(text, line_start)
            if match is not None:
                mask.hide(line_start, match.end())


def _link_targets(text: str, start: int, end: int) -> Iterator[tuple[int, int, tuple[int, int] | None]]:
    """The spans ``_LINK_TARGET.finditer(text, start, end)`` gives, in linear time, each
    with the span of its title's text (None when it has no title).

    The regex looks for a title's closing quote anew at each ``](``; with many
    ``](`` before an unclosed title that is quadratic. Here each kind of closer
    is looked for once per stretch of text, and what follows it is checked once.
    """
    next_closer: dict[str, tuple[int, int]] = {}  # closer -> (searched from, found at or -1)
    closes_target: dict[int, int] = {}  # closer position -> end of the target after it, or -1
    position = text.find("](", start, end)
    while position != -1:
        after_destination = _end_of(_LINK_DESTINATION, text, position + 2, end)
        space_end = _end_of(_SPACE, text, after_destination, end)
        found = -1
        title: tuple[int, int] | None = None
        if space_end < end and text[space_end] == ")":
            found = space_end + 1
        elif space_end > after_destination and space_end < end and text[space_end] in _TITLE_CLOSER:
            closer = _TITLE_CLOSER[text[space_end]]
            searched_from, at = next_closer.get(closer, (end, -1))
            if not (searched_from <= space_end + 1 and (at == -1 or at >= space_end + 1)):
                at = text.find(closer, space_end + 1, end)
                next_closer[closer] = (space_end + 1, at)
            if at != -1:
                if at not in closes_target:
                    tail = _end_of(_SPACE, text, at + 1, end)
                    closes_target[at] = tail + 1 if tail < end and text[tail] == ")" else -1
                found = closes_target[at]
                title = (space_end + 1, at)
        if found != -1:
            yield position, found, title
            position = text.find("](", found, end)
        else:
            position = text.find("](", position + 1, end)


def _image_alt(text: str, target: int, start: int, floor: int) -> tuple[int, int] | None:
    """The span of the alt text of ``![alt](...)`` whose ``](`` is at ``target``, or None if no image ends there.

    The ``[`` (brackets inside balanced) is looked for back to the block
    ``start``, but not past ``floor``, where the link before this one ends, nor
    more than ``_LONGEST_ALT`` characters: each character is read for one link
    only, so a run of many ``](`` stays linear. An alt text that holds a whole
    link is not recognised.
    """
    depth = 0
    for at in range(target - 1, max(start, floor, target - _LONGEST_ALT) - 1, -1):
        char = text[at]
        if char == "]":
            depth += 1
        elif char == "[" and depth:
            depth -= 1
        elif char == "[":
            # "\\![text](url)" is a "!" and a link: an escaped "!" opens no image.
            before = at - 1
            while before > start and text[before - 1] == "\\":
                before -= 1
            opens_image = at > start and text[at - 1] == "!" and (at - 1 - before) % 2 == 0
            return (at + 1, target) if opens_image and text[at + 1 : target].strip() else None
    return None


def _end_of(pattern: regex.Pattern[str], text: str, position: int, end: int) -> int:
    """Where a pattern that may match empty stops, matched at ``position``."""
    match = pattern.match(text, position, end)
    return position if match is None else match.end()


@lru_cache(maxsize=64)
def _closing_ticks(ticks: str) -> regex.Pattern[str]:
    return regex.compile(r"(?<!`)" + ticks + r"(?!`)")


def code_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Code spans in ``text[start:end]``: a run of backticks up to the next run of as many."""
    position = start
    while True:
        opening = _CODE_SPAN_OPEN.search(text, position, end)
        if opening is None:
            return
        ticks = opening.group()
        closing = _closing_ticks(ticks).search(text, opening.end(), end)
        if closing is None:
            position = opening.end()
            continue
        yield opening.start(), closing.end()
        position = closing.end()


def code_regions(text: str, mdx: bool = False) -> list[tuple[int, int]]:
    """Where a Markdown text holds code, sorted: fenced and indented blocks, and code spans elsewhere.

    A footnote's later paragraphs, indented as CommonMark's code is, are prose.
    """
    offset = _line_offsets(text)
    outline = parse_outline(text, indented_code=not mdx)
    footnote_paragraphs = _footnote_paragraphs(text, offset, outline.blocks, outline.definitions)
    regions: list[tuple[int, int]] = []
    for index, block in enumerate(outline.blocks):
        if index in footnote_paragraphs:
            spans = [(offset(block.start), offset(block.end))]
        elif block.kind in (FENCE, CODE):
            regions.append((offset(block.start), offset(block.end)))
            continue
        elif block.kind == HTML:
            continue
        else:
            spans = _text_spans(block, offset)
        for start, end in spans:
            regions.extend(code_spans(text, start, end))
    return sorted(regions)
