"""Astro components (``.astro``): a ``---`` fence of JavaScript, then an HTML template.

The fence is the component's script (imports, props, data fetching): code,
masked whole, unlike a Markdown page's front matter. The template is read as
HTML, with Astro's ``{...}`` expressions masked as JSX's are, and capitalised
tags read as components (``<Layout title="...">``), whose text-like string
props are prose, as in MDX.
"""

from __future__ import annotations

from functools import partial

import regex

from medlint.formats.html import mask_html_region
from medlint.formats.jsx import hide_jsx_expressions
from medlint.formats.masking import Mask, MaskedText, UnbuildablePage
from medlint.own_patterns import compiled

# The opening ``---`` line, at the top (blank lines may come first).
_OPENING_FENCE = compiled(r"\A(?:\ufeff)?[ \t\r\n]*---[ \t]*(?:\r\n|\n|\r)")
# What the script scan stops at: a quote, a comment, a brace, or a ``---`` line (the closing fence).
_SCRIPT_TOKEN = compiled(r"""["'`{}]|//|/\*|(?:(?<=[\r\n])|\A)---[ \t]*(?=\r\n|\n|\r|\Z)""", regex.DOTALL)
_STRING_END = {"'": compiled(r"(?:[^'\\\r\n]|\\.)*'?"), '"': compiled(r'(?:[^"\\\r\n]|\\.)*"?')}
# A template literal's text, up to its end or its next ``${`` (a nested expression).
_TEMPLATE_PART = compiled(r"(?:[^`\\$]|\\.|\$(?!\{))*(?:`|\$\{)?", regex.DOTALL)
_LINE_COMMENT = compiled(r"[^\r\n]*")
_BLOCK_COMMENT = compiled(r".*?(?:\*/|\Z)", regex.DOTALL)
# Where Astro reads a brace as text: raw elements (``<script>``, ``<style>``, ``is:raw``) and comments...
_RAW_OPENING = compiled(r"<(script|style)\b[^>]*>|<!--|<([A-Za-z][\w.:-]*)\b[^>]*?\sis:raw\b[^>]*>", regex.IGNORECASE)
# ...and a quoted attribute value (``<a title="{">``), up to the brace.
_IN_QUOTED_ATTRIBUTE = compiled(r"""<[A-Za-z][^<>]*?=[ \t]*(?:"[^"]*|'[^']*)\Z""")
_UNCLOSED_EXPRESSION = (
    "this '{' is never closed (Astro cannot build the page); close it with '}', or write '&#123;' for a brace in text"
)


def mask_astro(text: str) -> MaskedText:
    mask = Mask(text)
    template_start = _script_end(text)
    mask.hide(0, template_start)
    unclosed = hide_jsx_expressions(mask, template_start, is_text=partial(_brace_is_text, text, template_start))
    if unclosed is not None:
        # Astro reads the rest of the page as the expression's code, which does not compile.
        raise UnbuildablePage(unclosed, _UNCLOSED_EXPRESSION)
    mask_html_region(mask, template_start, len(text), components=True)
    return mask.result()


def _brace_is_text(text: str, template_start: int, brace: int) -> bool:
    """Whether Astro reads the brace at ``brace`` (one no brace closes) as text, not an expression."""
    line_start = max(text.rfind("\n", template_start, brace) + 1, template_start)
    if _IN_QUOTED_ATTRIBUTE.search(text, line_start, brace):
        return True
    openings = list(_RAW_OPENING.finditer(text, template_start, brace))
    if not openings:
        return False
    last = openings[-1]
    name = last.group(1) or last.group(2)
    if name is None:  # a comment
        return "-->" not in text[last.end() : brace]
    return f"</{name.lower()}" not in text[last.end() : brace].lower()


def _script_end(text: str) -> int:
    """Where the template starts: after the closing fence, or 0 when there is no script.

    A ``---`` line inside a string, a template literal or a comment does not
    close the script, as it does not for Astro. A script never closed is an
    error, as Astro's: read as all code, the page would pass unread.
    """
    opening = _OPENING_FENCE.match(text)
    if opening is None:
        return 0
    # Open template literals, each with the depth of braces in its current ``${...}``.
    templates: list[int] = []
    position = opening.end()
    while (token := _SCRIPT_TOKEN.search(text, position)) is not None:
        position, found = token.end(), token.group()
        if found.startswith("---"):
            return _after_line_end(text, position)
        position = _skip(text, found, position, templates)
    raise UnbuildablePage(
        text.find("---", opening.start()),
        "the component script's '---' fence is never closed (Astro cannot build the page); close it with a '---' line",
    )


def _skip(text: str, found: str, position: int, templates: list[int]) -> int:
    """Where the scan goes on after ``found``, which ends at ``position``."""
    if found in _STRING_END:
        return _match_end(_STRING_END[found], text, position)
    if found == "//":
        return _match_end(_LINE_COMMENT, text, position)
    if found == "/*":
        return _match_end(_BLOCK_COMMENT, text, position)
    if found == "{" and templates:
        templates[-1] += 1
    elif found == "}" and templates:
        templates[-1] -= 1
        if templates[-1] < 0:  # the end of a ``${...}``: back in the template's text
            templates.pop()
            return _template_text(text, position, templates)
    elif found == "`":
        return _template_text(text, position, templates)
    return position


def _template_text(text: str, position: int, templates: list[int]) -> int:
    end = _match_end(_TEMPLATE_PART, text, position)
    if text.endswith("${", position, end):
        templates.append(0)
    return end


def _match_end(pattern: regex.Pattern[str], text: str, position: int) -> int:
    """Where ``pattern`` (which matches the empty string too) ends from ``position``."""
    found = pattern.match(text, position)
    return position if found is None else found.end()


def _after_line_end(text: str, position: int) -> int:
    if text.startswith("\r\n", position):
        return position + 2
    return position + 1 if text.startswith(("\n", "\r"), position) else position
