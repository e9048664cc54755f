"""HTML: text content is prose; tags, comments, scripts, styles and code are not.

The values of ``alt`` and ``title`` attributes and of a meta description are
prose too: they are what search engines and screen readers show.
"""

from __future__ import annotations

import regex

from medlint.formats.html_tokens import attributes, tokens
from medlint.formats.masking import Mask, MaskedText
from medlint.own_patterns import compiled

# Elements whose content is never prose.
_OPAQUE = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "svg", "math", "textarea", "template"})
_BLOCK_KIND = {
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
_PROSE_ATTRIBUTE = compiled(r"""\s(alt|title|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", regex.IGNORECASE)
_DESCRIPTION_META = frozenset({"description", "og:description", "twitter:description", "og:title", "twitter:title"})
_ENTITY = compiled(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def mask_html(text: str) -> MaskedText:
    mask = Mask(text)
    mask_html_region(mask, 0, len(text))
    return mask.result()


def mask_html_region(mask: Mask, start: int, end: int, *, record_blocks: bool = True) -> None:
    """Mask the markup of ``mask.text[start:end]``; record its prose blocks if asked.

    Markdown uses this for inline HTML inside a block it has already recorded.
    """
    mask.hide_template_tags(start, end)
    _ProseMarker(mask, start, end, record_blocks).run()
    mask.hide_pattern(_ENTITY, start, end)
    mask.hide_urls(start, end)


class _ProseMarker:
    """Walks the markup of a region (see html_tokens: linear time whatever the input)."""

    def __init__(self, mask: Mask, start: int, end: int, record_blocks: bool) -> None:
        self.record_blocks = record_blocks
        self.mask = mask
        self.start = start
        self.end = end
        self._at = start
        self._tag_text = ""
        self._opaque_depth = 0
        self._opaque_since = 0
        self._block_start = start
        self._kinds: list[str] = ["paragraph"]

    def run(self) -> None:
        text = self.mask.text
        for token in tokens(text, self.start, self.end):
            self._at = token.start
            if token.kind == "start":
                self._tag_text = text[token.start : token.end]
                # Only a meta tag's attributes are read (is it a description?).
                attrs = attributes(self._tag_text) if token.name == "meta" else []
                if token.self_closing:
                    self.handle_startendtag(token.name, attrs)
                else:
                    self.handle_starttag(token.name, attrs)
            elif token.kind == "end":
                self.handle_endtag(token.name)
            elif token.kind == "comment":
                self.handle_comment("")
            elif token.kind == "cdata":
                self.unknown_decl("")
            else:
                self.handle_decl("")
        if self._opaque_depth:
            self.mask.hide(self._opaque_since, self.end)
        self._close_block(self.end)

    # -- positions --------------------------------------------------------
    def _offset(self) -> int:
        return self._at

    def get_starttag_text(self) -> str:
        return self._tag_text

    def _tag_end(self, at: int) -> int:
        close = self.mask.text.find(">", at, self.end)
        return self.end if close < 0 else close + 1

    # -- blocks -----------------------------------------------------------
    def _close_block(self, at: int) -> None:
        # The head holds no prose but the title and meta description, recorded on their own.
        if self.record_blocks and self._kinds[-1] != "head":
            self.mask.add_block(self._block_start, at, self._kinds[-1])

    def _enter_or_leave(self, tag: str, at: int, after: int, entering: bool) -> None:
        kind = _BLOCK_KIND.get(tag, "")
        if kind == "":
            return  # inline element: same block
        self._close_block(at)
        if kind is not None:
            if entering:
                self._kinds.append(kind)
            elif len(self._kinds) > 1:
                self._kinds.pop()
        self._block_start = after

    # -- parser callbacks -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, self_closing=True)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        at = self._offset()
        raw = self.get_starttag_text() or ""
        after = min(at + len(raw), self.end)
        self.mask.hide(at, after)
        if self._opaque_depth:
            if tag in _OPAQUE and not self_closing:
                self._opaque_depth += 1
            return
        self._show_prose_attributes(tag, dict(attrs), raw, at)
        if tag in _OPAQUE and not self_closing:
            self._opaque_depth = 1
            self._opaque_since = after
            return
        if not self_closing:
            self._enter_or_leave(tag, at, after, entering=True)
        elif _BLOCK_KIND.get(tag, "") is None:
            self._close_block(at)
            self._block_start = after

    def handle_endtag(self, tag: str) -> None:
        at = self._offset()
        after = self._tag_end(at)
        if self._opaque_depth:
            if tag in _OPAQUE:
                self._opaque_depth -= 1
                if self._opaque_depth == 0:
                    self.mask.hide(self._opaque_since, at)
            self.mask.hide(at, after)
            return
        self.mask.hide(at, after)
        self._enter_or_leave(tag, at, after, entering=False)

    def handle_comment(self, data: str) -> None:
        at = self._offset()
        close = self.mask.text.find("-->", at, self.end)
        self.mask.hide(at, self.end if close < 0 else close + 3)

    def handle_decl(self, decl: str) -> None:
        at = self._offset()
        self.mask.hide(at, self._tag_end(at))

    def handle_pi(self, data: str) -> None:
        self.handle_decl(data)

    def unknown_decl(self, data: str) -> None:
        at = self._offset()
        close = self.mask.text.find("]]>", at, self.end)
        self.mask.hide(at, self.end if close < 0 else close + 3)

    def _show_prose_attributes(self, tag: str, attrs: dict[str, str | None], raw: str, at: int) -> None:
        meta_prose = tag == "meta" and (attrs.get("name") or attrs.get("property") or "").lower() in _DESCRIPTION_META
        for match in _PROSE_ATTRIBUTE.finditer(raw):
            name = match.group(1).lower()
            if name == "content" and not meta_prose:
                continue
            group = next(g for g in (2, 3, 4) if match.group(g) is not None)
            value_start, value_end = at + match.start(group), at + match.end(group)
            self.mask.show(value_start, value_end)
            kind = "alt" if name == "alt" else ("description" if name == "content" else "title")
            self.mask.add_block(value_start, value_end, kind)
