"""Shared masking machinery: mark spans as non-prose, then build the prose view."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from medlint.document import TYPOGRAPHIC_FOLD, Block

_NOT_NEWLINE = regex.compile(r"[^\n]+")
_MARKED = regex.compile(rb"\x01+")

# Template tags of Jinja, Liquid, Nunjucks, Django and Hugo shortcodes.
TEMPLATE_TAG = regex.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", regex.DOTALL)
URL = regex.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
)


@dataclass(frozen=True)
class MaskedText:
    prose: str
    blocks: tuple[Block, ...]


class Mask:
    """Collects which characters of a text are not prose, and the prose blocks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._hidden = bytearray(len(text))
        self.blocks: list[Block] = []

    def hide(self, start: int, end: int) -> None:
        if end > start:
            self._hidden[start:end] = b"\x01" * (end - start)

    def show(self, start: int, end: int) -> None:
        if end > start:
            self._hidden[start:end] = bytes(end - start)

    def is_hidden(self, offset: int) -> bool:
        return bool(self._hidden[offset])

    def hide_pattern(self, pattern: regex.Pattern[str], start: int = 0, end: int | None = None) -> None:
        stop = len(self.text) if end is None else end
        for match in pattern.finditer(self.text, start, stop):
            self.hide(match.start(), match.end())

    def add_block(self, start: int, end: int, kind: str) -> None:
        """Record a prose block, trimmed of blanks and markup at both ends."""
        text, hidden = self.text, self._hidden
        while start < end and (hidden[start] or text[start].isspace()):
            start += 1
        while end > start and (hidden[end - 1] or text[end - 1].isspace()):
            end -= 1
        if end <= start:
            return
        block = Block(start, end, kind)
        if not self.blocks or self.blocks[-1] != block:
            self.blocks.append(block)

    def result(self) -> MaskedText:
        text = self.text
        parts: list[str] = []
        last = 0
        for run in _MARKED.finditer(self._hidden):
            start, end = run.span()
            parts.append(text[last:start])
            parts.append(_NOT_NEWLINE.sub(lambda m: " " * len(m.group()), text[start:end]))
            last = end
        parts.append(text[last:])
        prose = "".join(parts).translate(TYPOGRAPHIC_FOLD)
        return MaskedText(prose=prose, blocks=tuple(self.blocks))


def paragraphs_by_blank_lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of text between blank lines (trimmed of surrounding whitespace)."""
    stop = len(text) if end is None else end
    spans = []
    for match in regex.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", text[start:stop]):
        spans.append((start + match.start(), start + match.end()))
    return spans
