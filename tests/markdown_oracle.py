"""markdown-it-py's reading of a page's blocks, as a MarkdownOutline: the reference that
medlint's own block parser is compared with."""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.token import Token

from medlint.formats.markdown_blocks import (
    BLOCKQUOTE,
    CODE,
    FENCE,
    HEADING,
    HTML,
    LIST,
    PARAGRAPH,
    RULE,
    TABLE,
    TOP,
    LinkDefinition,
    MarkdownBlock,
    MarkdownOutline,
)

_OPENS = {"bullet_list_open": LIST, "ordered_list_open": LIST, "blockquote_open": BLOCKQUOTE, "table_open": TABLE}
_CLOSES = frozenset({"bullet_list_close", "ordered_list_close", "blockquote_close", "table_close"})
_LEAVES = {"fence": FENCE, "code_block": CODE, "html_block": HTML, "hr": RULE}


def _parser(indented_code: bool) -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable("table")
    parser.core.ruler.disable(["inline", "text_join"])
    if not indented_code:
        parser.block.ruler.disable("code")
    return parser


def _lines(token: Token) -> tuple[int, int]:
    assert token.map is not None  # every block token has its lines
    return token.map[0], token.map[1]


def outline_by_markdown_it(text: str, indented_code: bool = True) -> MarkdownOutline:
    env: dict[str, Any] = {}
    last_line = text[text.rfind("\n") + 1 :]
    if ">" in last_line and not last_line.strip(" \t>"):
        # markdown-it-py, unlike markdown-it, ends an open fence before a last line that is empty
        # inside its block quotes and has no line end (reading past the page's end as a fence's
        # end): with a line end, it reads the page as markdown-it does.
        text += "\n"
    tokens = _parser(indented_code).parse(text, env)
    containers: list[str] = []
    blocks: list[MarkdownBlock] = []
    for index, token in enumerate(tokens):
        container = containers[-1] if containers else TOP
        if token.type in _OPENS:
            if token.type == "table_open":
                blocks.append(MarkdownBlock(TABLE, *_lines(token), container))
            containers.append(_OPENS[token.type])
        elif token.type in _CLOSES:
            containers.pop()
        elif token.type == "inline" and container != TABLE:
            kind = HEADING if tokens[index - 1].type == "heading_open" else PARAGRAPH
            blocks.append(MarkdownBlock(kind, *_lines(token), container))
        elif token.type in _LEAVES:
            fence = token.markup if token.type == "fence" else ""
            blocks.append(MarkdownBlock(_LEAVES[token.type], *_lines(token), container, fence))
    definitions = {
        label: LinkDefinition(str(found["href"]), str(found["title"]), found["map"][0], found["map"][1])
        for label, found in env.get("references", {}).items()
    }
    return MarkdownOutline(tuple(blocks), definitions)


def with_destinations_as_markdown_it_writes_them(outline: MarkdownOutline) -> MarkdownOutline:
    """``outline`` with each destination percent-encoded as markdown-it encodes it (medlint keeps
    destinations as written, escapes and entities decoded)."""
    definitions = {
        label: LinkDefinition(normalizeLink(found.destination), found.title, found.start, found.end)
        for label, found in outline.definitions.items()
    }
    return MarkdownOutline(outline.blocks, definitions)


def beyond_markdown_it_depth(text: str, indented_code: bool = True) -> bool:
    """Whether ``text`` nests containers so deep that markdown-it stops reading it (at its
    "maxNesting" levels of tokens; a list and its item are two): medlint's parser reads on."""
    parser = _parser(indented_code)
    limit = parser.options["maxNesting"]
    return any(token.level >= limit - 2 for token in parser.parse(text))
