"""Whether new wording can go in where a fix puts it, and how it must be written there.

Wording is put into the page's source text, so a quote in it can end what
holds it: an HTML attribute, a quoted front-matter value, a JavaScript string
literal in MDX or Astro (``export const metadata = { description: "..." }``,
``{"Painless care"}``). In a JavaScript string a quote or backslash can be
escaped (``'We\\'ll keep you comfortable'``), so there it is; anywhere else
such a fix is refused.
"""

from __future__ import annotations

from medlint.document import Document
from medlint.findings import Fix
from medlint.formats import parse_document
from medlint.formats.frontmatter import breaks_value
from medlint.formats.masking import fold_typography
from medlint.own_patterns import compiled
from medlint.paths import visible
from medlint.spans import in_prose, markup_in_words

_FRONT_MATTER_FORMATS = frozenset({"markdown", "mdx", "html"})
# Formats whose prose includes JavaScript string literals, where a backslash escapes a quote.
_SCRIPT_FORMATS = frozenset({"mdx", "astro"})
# Wording that cannot end or open any markup around it (no quote, bracket, tag or code character).
_PLAIN_WORDING = compiled(r"(?:[^\W_]|[ \t,.;:!?%/-])*")
# What ends a quoted value or string, or escapes the next character in one.
_QUOTES_AND_BACKSLASH = "'\"\\"


def fitted(document: Document, fix: Fix, markup: bool = False) -> Fix | None:
    """``fix`` as it can go into ``document``: as it is, with its quotes escaped, or None when it cannot.

    ``markup``: the wording is a rule's, whose markup is meant (a swap that writes the site's
    ``{{phone}}`` template variable), so it need only leave the text around it read as before.
    """
    if not in_prose(document, fix.start, fix.end):
        return None
    if keeps_markup(document, fix) if not markup else _keeps_surroundings(document, fix):
        return fix
    if document.format not in _SCRIPT_FORMATS or not any(c in fix.replacement for c in "'\"\\"):
        return None
    for escaped in _escapings(fix.replacement):
        candidate = Fix(fix.start, fix.end, escaped)
        if _reads_as(document, candidate, fix.replacement):
            return candidate
    return None


def why_unfit(document: Document, fix: Fix) -> str:
    """Why ``fix`` cannot go in where ``fitted`` refused it, in a few words for a report."""
    if in_prose(document, fix.start, fix.end):
        if any(quote in fix.replacement for quote in "'\""):
            return "a quote in its wording would end the quoted value it goes in"
        return "its wording would end the markup around it"
    if any(start < fix.end and fix.start < end for start, end in document.labels):
        return "the words are also the label of a link's definition, which would no longer match"
    inside_word = markup_in_words(document, fix.start, fix.end)
    if inside_word is not None:
        return f"{visible(' '.join(inside_word.split()))!r} stands inside a word, and the fix would drop it"
    return "the words run into markup or code, which the fix would drop"


def keeps_markup(document: Document, fix: Fix) -> bool:
    """Whether ``fix`` puts in prose only, and the text around it is read as before.

    A quote typed into an HTML attribute, a bracket into a Markdown image's alt
    text or a quote into a quoted front-matter title would end it early and turn
    the rest into broken markup.
    """
    if document.format in _FRONT_MATTER_FORMATS and breaks_value(document.text, fix.start, fix.replacement):
        return False
    if _PLAIN_WORDING.fullmatch(fix.replacement):
        return True
    edited = _edited(document, fix)
    after = fix.start + len(fix.replacement)
    return in_prose(edited, fix.start, after) and _same_around(document, edited, fix)


def _keeps_surroundings(document: Document, fix: Fix) -> bool:
    """Whether the text around ``fix`` is read as before once it is in (its own markup may be new)."""
    if document.format in _FRONT_MATTER_FORMATS and breaks_value(document.text, fix.start, fix.replacement):
        return False
    if _PLAIN_WORDING.fullmatch(fix.replacement):
        return True
    edited = _edited(document, fix)
    return _same_around(document, edited, fix) and _quotes_read(edited, fix)


def _quotes_read(edited: Document, fix: Fix) -> bool:
    """Whether each quote and backslash ``fix`` wrote is read as itself once in.

    A quote that closes ``title="Painless"`` early leaves the rest as attribute junk, blanked both
    ways, so the text around reads as before though the markup is broken; in a JavaScript string
    a backslash escapes what follows (``{"A\\B"}`` shows "AB", and one at the end never closes it).
    """
    return all(
        edited.prose_at(fix.start + i) == character
        for i, character in enumerate(fix.replacement)
        if character in _QUOTES_AND_BACKSLASH
    )


def _escapings(wording: str) -> list[str]:
    """``wording`` escaped for a JavaScript string: fewest escapes first, as the literal's quote is unknown."""
    slashed = wording.replace("\\", "\\\\")
    doubles = slashed.replace('"', '\\"')
    ways = [doubles, slashed.replace("'", "\\'"), doubles.replace("'", "\\'")]
    return [way for i, way in enumerate(ways) if way != wording and way not in ways[:i]]


def _reads_as(document: Document, fix: Fix, wording: str) -> bool:
    """Whether the page, with ``fix`` in, reads ``wording`` where it went, and as before around it."""
    edited = _edited(document, fix)
    if not _same_around(document, edited, fix):
        return False
    start, end = fix.start, fix.start + len(fix.replacement)
    references = {ref_start: (ref_end, char) for ref_start, ref_end, char in edited.references}
    read: list[str] = []
    i = start
    while i < end:
        ref_end, char = references.get(i, (i + 1, edited.file_prose[i]))
        if ref_end > end:
            return False
        read.append(char)
        i = ref_end
    return "".join(read) == fold_typography(wording)


def _edited(document: Document, fix: Fix) -> Document:
    text = document.text[: fix.start] + fix.replacement + document.text[fix.end :]
    return parse_document(document.path, text, document.format)


def _same_around(document: Document, edited: Document, fix: Fix) -> bool:
    after = fix.start + len(fix.replacement)
    # Compared character by character in the file's places: a split word's are moved in the prose.
    before_same = edited.file_prose[: fix.start] == document.file_prose[: fix.start]
    return before_same and edited.file_prose[after:] == document.file_prose[fix.end :]
