"""Turn a file's text into a Document: pick the format, mask what is not prose."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePath

from medlint.document import Document, lone_cr_as_lf
from medlint.formats.masking import MaskedText, UnbuildablePage

FORMAT_BY_SUFFIX: Mapping[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".mdx": "mdx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".astro": "astro",
    ".txt": "text",
    ".text": "text",
}
FORMATS = frozenset(FORMAT_BY_SUFFIX.values())


def format_for(path: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The format of a file by its suffix (config mappings first), or None if unknown."""
    return format_of_name(PurePath(path).name, extra)


def format_of_name(name: str, extra: Mapping[str, str] | None = None) -> str | None:
    """``format_for`` a bare file name, as a folder's listing gives it (no path to parse)."""
    dot = name.rfind(".")
    suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""  # PurePath's suffix
    if extra and suffix in extra:
        return extra[suffix]
    return FORMAT_BY_SUFFIX.get(suffix)


def _masker(fmt: str) -> Callable[[str], MaskedText]:
    # Imported on demand: a text-only run never loads the Markdown parser.
    if fmt in ("markdown", "mdx"):
        from medlint.formats import markdown

        return markdown.mask_mdx if fmt == "mdx" else markdown.mask_markdown
    if fmt == "html":
        from medlint.formats import html

        return html.mask_html
    if fmt == "astro":
        from medlint.formats import astro

        return astro.mask_astro
    from medlint.formats import plaintext

    return plaintext.mask_text


def parse_document(path: str, text: str, fmt: str) -> Document:
    """Build the Document for ``text`` read from ``path`` in format ``fmt``.

    Raises InputError, naming the file and the line, for a page its own tool
    refuses to build (an Astro script never closed): there is no page to read.
    """
    lines = lone_cr_as_lf(text)
    try:
        masked = _masker(fmt)(lines)
    except UnbuildablePage as problem:
        from medlint.errors import InputError

        line = lines.count("\n", 0, problem.offset) + 1
        raise InputError(path, f"line {line}: {problem.problem}") from None
    return Document(
        path=path,
        text=text,
        prose=masked.prose,
        format=fmt,
        blocks=masked.blocks,
        references=masked.references,
        labels=masked.labels,
        link_destinations=masked.link_destinations,
        joins=masked.joins,
        warnings=masked.warnings,
    )
