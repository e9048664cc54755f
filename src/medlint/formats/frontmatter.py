"""Front matter (YAML ``---`` or TOML ``+++``): keys are not prose; a few values are."""

from __future__ import annotations

import regex

from medlint.formats.masking import Mask, UnbuildablePage
from medlint.own_patterns import compiled

PROSE_KEYS = {
    "title": "title",
    "subtitle": "title",
    "description": "description",
    "summary": "description",
    "excerpt": "description",
    "abstract": "description",
    "lead": "description",
}
# YAML's fence may close with "..." (the end of a YAML document), as Jekyll reads it.
_FENCE = compiled(
    r"\A(?:\ufeff)?(?:---[ \t]*\r?\n.*?^(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n.*?^\+\+\+)[ \t]*(?:\r?\n|\Z)",
    regex.DOTALL | regex.MULTILINE,
)
# An opening fence whose first line (after blank lines) is a YAML or TOML entry: front matter, not a
# thematic break ("---" then a blank line and a heading) that happens to open the page.
_OPENING_WITH_ENTRY = compiled(
    r"\A(?:\ufeff)?(?:(---)[ \t]*\r?\n(?:[ \t]*\r?\n)*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\r?$)"
    r"|(\+\+\+)[ \t]*\r?\n(?:[ \t]*\r?\n)*[A-Za-z_][\w-]*[ \t]*=)",
    regex.MULTILINE,
)
_UNCLOSED = (
    "the front matter opened by '{fence}' is never closed (site generators refuse the page);"
    " close it with a '{fence}' line"
)
_ENTRY = compiled(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", regex.MULTILINE)
_INDENTED_LINE = compiled(r"^([ \t]+)(\S.*?)\r?$|^\S.*$", regex.MULTILINE)
_BLOCK_SCALAR = compiled(r"[|>][+-]?\d*")


def mask_front_matter(mask: Mask) -> int:
    """Hide the front matter but its prose values; return the offset where the body starts."""
    text = mask.text
    match = _FENCE.match(text)
    if not match:
        _refuse_unclosed(text)
        return 0
    start, end = match.span()
    mask.hide(start, end)
    for entry in _ENTRY.finditer(text, start, end):
        kind = PROSE_KEYS.get(entry.group(1).lower())
        if kind is None:
            continue
        value = entry.group(2)
        if _BLOCK_SCALAR.fullmatch(value):
            _show_indented_lines(mask, entry.end(), end, kind)
            continue
        value_start, value_end = entry.span(2)
        if value[:3] in ('"""', "'''"):  # a TOML multi-line string: up to its closing quotes
            close = text.find(value[:3], value_start + 3, end)
            value_start, value_end = value_start + 3, value_end if close == -1 else close
        elif value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
            value_start, value_end = value_start + 1, value_end - 1
        mask.show(value_start, value_end)
        mask.add_block(value_start, value_end, kind)
    return end


def _refuse_unclosed(text: str) -> None:
    """Raise UnbuildablePage for front matter never closed.

    Hugo, Docusaurus, Astro and Eleventy refuse such a page (Jekyll shows its settings
    as text); read as Markdown, its settings would be checked as claims
    ("non-invasive: true"). As for an Astro script never closed, the page
    is named and not checked.
    """
    opening = _OPENING_WITH_ENTRY.match(text)
    if opening is not None:
        fence = opening.group(1) or opening.group(2)
        raise UnbuildablePage(text.find(fence), _UNCLOSED.format(fence=fence))


def _show_indented_lines(mask: Mask, start: int, end: int, kind: str) -> None:
    block_start = None
    last_end = start
    for line in _INDENTED_LINE.finditer(mask.text, start + 1, end):
        if line.group(2) is None:
            break
        if block_start is None:
            block_start = line.start(2)
        mask.show(line.start(2), line.end(2))
        last_end = line.end(2)
    if block_start is not None:
        mask.add_block(block_start, last_end, kind)


def breaks_value(text: str, offset: int, wording: str) -> bool:
    """Whether ``wording``, put in at ``offset`` inside a front-matter value, would end it or make it invalid.

    A quote ends a quoted value (a backslash starts an escape in a double-quoted
    one); ``: `` and `` #`` start a key or a comment in a plain one. A TOML
    multi-line string (three single or double quotes, over one line or several) is
    ended only by its three quotes, so an apostrophe in it is wording like any other.
    """
    match = _FENCE.match(text)
    if not match or offset >= match.end():
        return False
    for entry in _ENTRY.finditer(text, *match.span()):
        triple = entry.group(2)[:3]
        if triple in ('"""', "'''"):
            close = text.find(triple, entry.start(2) + 3, match.end())
            if entry.start(2) + 3 <= offset <= (entry.end(2) if close == -1 else close):
                # A quote next to the closing (or opening) quotes would run into them.
                quote = triple[0]
                edges = wording[:1] == quote or wording[-1:] == quote
                return triple in wording or edges or (quote == '"' and "\\" in wording)
            continue
        if entry.start(2) <= offset <= entry.end(2):
            quote = entry.group(2)[:1]
            if quote in ('"', "'"):
                return quote in wording or (quote == '"' and "\\" in wording) or "\n" in wording
            return ": " in wording or " #" in wording or wording.rstrip().endswith(":") or "\n" in wording
    return False
