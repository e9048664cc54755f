"""A linear-time HTML tokenizer: where each tag, comment and declaration starts and ends.

The standard library's ``html.parser`` rescans the rest of the input at every
``<`` that does not close, so a page with many stray ``<`` takes quadratic
time, and some junk (``<![<![``) makes it raise. This scanner follows the
HTML5 tokenizer where it matters for finding prose (tags end at the first
``>`` outside a quoted attribute value; script and style hold raw text up to
their end tag; ``<!--`` runs to ``-->``; a construct left open at the end of
the input runs to the end) and never looks at a character more than a fixed
number of times.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import msgspec
import regex

from medlint.own_patterns import compiled

# A start tag: its name, then attributes, up to the first '>' outside a quoted value.
# Quotes only quote right after '='; possessive quantifiers keep it from backtracking.
_START_TAG = compiled(
    r"""<([A-Za-z][^\t\n\f\r />]*+)(?:[^"'>=]++|=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]*+)|["'])*+(>)?"""
)
_END_TAG = compiled(r"</([A-Za-z][^\t\n\f\r />]*+)")
# Attributes of a start tag, as html.parser reads them.
_ATTRIBUTE = compiled(
    r"""((?<=['"\t\n\f\r /])[^\t\n\f\r />][^\t\n\f\r /=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)
# What opens a construct starting "<!" and what closes it (anything else is a declaration, up to ">").
_BANG_CONSTRUCTS = (("<!--", "-->", "comment"), ("<![CDATA[", "]]>", "cdata"))
# Elements whose content is raw text: no tags inside, up to the matching end tag.
RAW_TEXT = frozenset({"script", "style"})
_RAW_END = {name: compiled(rf"</{name}(?=[\t\n\f\r />]|$)", regex.IGNORECASE) for name in RAW_TEXT}


class Token(msgspec.Struct, frozen=True):
    """One piece of markup: ``text[start:end]``.

    ``kind`` is ``start`` (a start tag; ``name`` lower-cased, ``self_closing``
    for ``<br/>``), ``end`` (an end tag), ``comment``, ``cdata`` (``<![CDATA[...]]>``)
    or ``declaration`` (``<!DOCTYPE>``, ``<?...>`` and other bogus comments, up to ``>``).
    One the input ends inside runs to its end, not ``closed``.
    """

    kind: str
    start: int
    end: int
    name: str = ""
    self_closing: bool = False
    closed: bool = True  # False: the input ends before its closing ``>`` (or ``-->``)


def tokens(text: str, start: int = 0, end: int | None = None, *, unclosed_as_text: bool = False) -> Iterator[Token]:
    """The markup in ``text[start:end]``, in order; what lies between tokens is text.

    With ``unclosed_as_text``, a tag, comment or declaration that ``end`` comes before it closes
    is text, as Markdown reads raw HTML inside a paragraph (``Our <!-- note`` shows as typed).
    """
    stop = len(text) if end is None else end
    position = start
    find = text.find
    # Each construct left unclosed was read to the end: past this much rereading, the rest is text
    # (linear time on a paragraph of many "<!--" or '<a x="').
    rereading = 4 * (stop - start) + 4096
    while True:
        opening = find("<", position, stop)
        if opening == -1 or opening + 1 >= stop:
            return
        after = text[opening + 1]
        if after.isascii() and after.isalpha():  # a start tag, the most common: read here, for speed
            match = _START_TAG.match(text, opening, stop)
            assert match is not None  # '<' and a letter always start one
            tag_end = match.end()
            closed = match.group(2) is not None
            if closed or not unclosed_as_text:
                name = match.group(1).lower()
                self_closing = closed and text[tag_end - 2] == "/"
                yield Token("start", opening, tag_end, name, self_closing, closed)
                position = _raw_text_end(text, name, tag_end, stop) if closed and not self_closing else tag_end
                continue
            token: Token | None = Token("start", opening, tag_end, closed=False)
        elif after == "/":
            close = find(">", opening, stop)
            tag_end = stop if close == -1 else close + 1
            if close != -1 or not unclosed_as_text:
                tag = _END_TAG.match(text, opening, stop)
                kind, name = ("end", tag.group(1).lower()) if tag is not None else ("declaration", "")
                yield Token(kind, opening, tag_end, name, closed=close != -1)
                position = tag_end
                continue
            token = Token("end", opening, tag_end, closed=False)
        else:
            token, position = _token_at(text, opening, stop)
            if token is not None and (token.closed or not unclosed_as_text):
                yield token
                continue
        position = opening + 1
        if token is not None:
            rereading -= token.end - opening
            if rereading < 0:
                return


def _raw_text_end(text: str, name: str, position: int, stop: int) -> int:
    """Where scanning goes on after the start tag ``name`` ending at ``position``: past a script's
    or a style's raw text, up to its end tag."""
    if name not in RAW_TEXT:
        return position
    raw_end = _RAW_END[name].search(text, position, stop)
    return stop if raw_end is None else raw_end.start()


def _token_at(text: str, opening: int, stop: int) -> tuple[Token | None, int]:
    """The comment, CDATA or declaration that the ``<`` at ``opening`` starts (None: it starts
    none), and where scanning goes on."""
    find = text.find
    after = text[opening + 1]
    if after == "!":
        closer, kind = next(
            ((c, k) for prefix, c, k in _BANG_CONSTRUCTS if text.startswith(prefix, opening, stop)),
            (">", "declaration"),
        )
        close = find(closer, opening + 2, stop)
        token_end = stop if close == -1 else close + len(closer)
        return Token(kind, opening, token_end, closed=close != -1), token_end
    if after == "?":
        close = find(">", opening, stop)
        token_end = stop if close == -1 else close + 1
        return Token("declaration", opening, token_end, closed=close != -1), token_end
    return None, opening + 1


def attributes(tag_text: str) -> list[tuple[str, str | None]]:
    """The attributes of a start tag's text: lower-cased names, unescaped values."""
    name_end = regex.match(r"<[^\t\n\f\r />]*", tag_text)
    found: list[tuple[str, str | None]] = []
    body_start = name_end.end() if name_end else 0
    for match in _ATTRIBUTE.finditer(tag_text, body_start):
        name, assignment, value = match.group(1), match.group(2), match.group(3)
        if not assignment:
            found.append((name.lower(), None))
            continue
        if value[:1] == value[-1:] and value[:1] in ("'", '"') and len(value) >= 2:
            value = value[1:-1]
        found.append((name.lower(), html.unescape(value)))
    return found
