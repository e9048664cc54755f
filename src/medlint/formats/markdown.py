"""Markdown and MDX: block structure from markdown-it-py, inline markup masked in place.

markdown-it gives the blocks and their line ranges (so fenced and indented code,
HTML blocks, headings, lists and tables are found by a real CommonMark parser);
inline code, link destinations, autolinks and inline HTML are masked by scanning
each prose block, since markdown-it's inline tokens carry no offsets.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from medlint.formats.frontmatter import mask_front_matter
from medlint.formats.html import mask_html_region
from medlint.formats.masking import TEMPLATE_TAG, URL, Mask, MaskedText

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_CODE_SPAN_OPEN = regex.compile(r"`+")
_LINK_TARGET = regex.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE_LABEL = regex.compile(r"\]\[[^\]\n]*\]")
_REFERENCE_DEFINITION = regex.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", regex.MULTILINE)
_AUTOLINK = regex.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_PUNCTUATION_MARKUP = regex.compile(r"!?\[|\]|(?<!\w)[*_]+|[*_]+(?!\w)|~~|\\(?=[^\w\s])")
_LINE_MARKER = regex.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]|$))?", regex.MULTILINE
)
_HEADING_CLOSER = regex.compile(r"[ \t]+#+[ \t]*$", regex.MULTILINE)
_TABLE_RULE = regex.compile(r"^[ \t|:-]+$|^[ \t]*=+[ \t]*$", regex.MULTILINE)
_HEADING_ATTRIBUTES = regex.compile(r"[ \t]*\{[#.][^}\n]*\}[ \t]*$", regex.MULTILINE)
_MDX_STATEMENT = regex.compile(r"^(?:import|export)\b.*?(?=\n[ \t]*\n|\Z)", regex.MULTILINE | regex.DOTALL)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


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
    mask.hide_pattern(TEMPLATE_TAG, body_start)
    if mdx:
        mask.hide_pattern(_MDX_STATEMENT, body_start)
        _hide_jsx_expressions(mask, body_start)
    # markdown-it sees the body with the front matter blanked, so its line numbers match ours.
    source = "\n" * text.count("\n", 0, body_start) + text[body_start:]
    line_starts = _line_starts(text)

    def offset(line: int) -> int:
        return line_starts[line] if line < len(line_starts) else len(text)

    containers: list[str] = []
    tokens = _parser().parse(source)
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            containers.append("list")
        elif token.type == "blockquote_open":
            containers.append("blockquote")
        elif token.type == "table_open":
            containers.append("table")
            if token.map:
                mask.hide_pattern(_TABLE_RULE, offset(token.map[0]), offset(token.map[1]))
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close", "table_close"):
            if containers:
                containers.pop()
        elif token.type in ("fence", "code_block") and token.map:
            mask.hide(offset(token.map[0]), offset(token.map[1]))
        elif token.type == "html_block" and token.map:
            mask_html_region(mask, offset(token.map[0]), offset(token.map[1]))
        elif token.type == "inline" and token.map:
            start, end = offset(token.map[0]), offset(token.map[1])
            previous = tokens[index - 1].type if index else ""
            kind = "heading" if previous == "heading_open" else (containers[-1] if containers else "paragraph")
            _mask_inline(mask, start, end)
            mask.add_block(start, end, kind)
        elif token.type == "hr" and token.map:
            mask.hide(offset(token.map[0]), offset(token.map[1]))
    mask.hide_pattern(_REFERENCE_DEFINITION, body_start)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in regex.finditer(r"\n", text)]


def _mask_inline(mask: Mask, start: int, end: int) -> None:
    """Hide inline markup in the lines ``start:end`` of a prose block."""
    _hide_code_spans(mask, start, end)
    mask.hide_pattern(_AUTOLINK, start, end)
    mask_html_region(mask, start, end, record_blocks=False)
    mask.hide_pattern(_LINK_TARGET, start, end)
    mask.hide_pattern(_REFERENCE_LABEL, start, end)
    mask.hide_pattern(URL, start, end)
    mask.hide_pattern(_LINE_MARKER, start, end)
    mask.hide_pattern(_HEADING_CLOSER, start, end)
    mask.hide_pattern(_HEADING_ATTRIBUTES, start, end)
    mask.hide_pattern(_TABLE_RULE, start, end)
    mask.hide_pattern(_PUNCTUATION_MARKUP, start, end)
    _hide_table_pipes(mask, start, end)


def _hide_code_spans(mask: Mask, start: int, end: int) -> None:
    text = mask.text
    position = start
    while True:
        opening = _CODE_SPAN_OPEN.search(text, position, end)
        if opening is None:
            return
        ticks = opening.group()
        closing = regex.compile(r"(?<!`)" + ticks + r"(?!`)").search(text, opening.end(), end)
        if closing is None:
            position = opening.end()
            continue
        mask.hide(opening.start(), closing.end())
        position = closing.end()


def _hide_table_pipes(mask: Mask, start: int, end: int) -> None:
    text = mask.text
    position = text.find("|", start, end)
    while position != -1:
        mask.hide(position, position + 1)
        position = text.find("|", position + 1, end)


def _hide_jsx_expressions(mask: Mask, start: int) -> None:
    """Hide ``{...}`` expressions (balanced braces), including ``{/* comments */}``."""
    text = mask.text
    position = text.find("{", start)
    while position != -1:
        depth = 0
        for cursor in range(position, len(text)):
            char = text[cursor]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    break
        if depth != 0:
            return  # unbalanced to the end: leave the rest as prose
        mask.hide(position, cursor + 1)
        position = text.find("{", cursor + 1)
