"""Astro components (``.astro``): a ``---`` fence of JavaScript, then an HTML template.

The fence is the component's script (imports, props, data fetching): code,
masked whole, unlike a Markdown page's front matter. The template is read as
HTML, with Astro's ``{...}`` expressions masked as JSX's are, and capitalised
tags read as components (``<Layout title="...">``), whose text-like string
props are prose, as in MDX.
"""

from __future__ import annotations

import regex

from medlint.formats.html import mask_html_region
from medlint.formats.masking import Mask, MaskedText, hide_jsx_expressions
from medlint.own_patterns import compiled

# The component script: ``---`` lines around it, at the top (blank lines may come first).
_SCRIPT_FENCE = compiled(
    r"\A(?:\ufeff)?[ \t\r\n]*---[ \t]*\r?\n.*?^---[ \t]*(?:\r?\n|\Z)", regex.DOTALL | regex.MULTILINE
)


def mask_astro(text: str) -> MaskedText:
    mask = Mask(text)
    fence = _SCRIPT_FENCE.match(text)
    template_start = fence.end() if fence else 0
    mask.hide(0, template_start)
    hide_jsx_expressions(mask, template_start)
    mask_html_region(mask, template_start, len(text), components=True)
    return mask.result()
