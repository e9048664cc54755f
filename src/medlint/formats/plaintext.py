"""Plain text: everything is prose except URLs, e-mail addresses and medlint's own comment lines."""

from __future__ import annotations

import regex

from medlint.formats.masking import Mask, MaskedText, paragraphs_by_blank_lines
from medlint.own_patterns import compiled

_HEADING_LIKE = compiled(r"[^\n.!?:;,]{2,90}")
# A suppression comment (medlint.suppressions), on a line of its own: "# medlint-disable-next-line ...".
DIRECTIVE_LINE = compiled(r"^[ \t]*#[ \t]*(medlint-[^\n]*)$", regex.MULTILINE)


def mask_text(text: str) -> MaskedText:
    mask = Mask(text)
    mask.hide_urls()
    # Not prose: its words ("no-side-effects") would run into the next line's sentence and deny its claim.
    for line in DIRECTIVE_LINE.finditer(text):
        mask.hide(line.start(), line.end())
    for start, end in paragraphs_by_blank_lines(text):
        mask.add_block(start, end, _kind_of(text[start:end]))
    return mask.result()


def _kind_of(paragraph: str) -> str:
    # A short single line with no sentence punctuation reads as a heading.
    stripped = paragraph.strip()
    if "\n" not in stripped and len(stripped.split()) <= 12 and _HEADING_LIKE.fullmatch(stripped):
        return "heading"
    return "paragraph"
