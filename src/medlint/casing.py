"""Give a replacement the case of the text it replaces (and of the heading it stands in), and its line breaks."""

from __future__ import annotations

import re

from medlint.document import Block, Document

_GAP = re.compile(r"\s+")

# Blocks whose capitalisation is a style of its own ("Minimally Invasive Treatment").
TITLE_BLOCKS = frozenset({"heading", "title"})

# Words a Title Case heading keeps in lower case unless they start it.
SMALL_WORDS = frozenset(
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
        "of", "off", "on", "per", "to", "up", "via", "with", "from", "into", "onto", "than", "vs",
    }
)  # fmt: skip

_OPENING = "([{\"'\u201c\u2018"


def match_case(original: str, replacement: str) -> str:
    """``Non-invasive`` -> ``Minimally invasive``; ``NON-INVASIVE`` -> ``MINIMALLY INVASIVE``.

    Title Case originals give Title Case replacements; otherwise only the first
    letter's case is carried over, so a replacement's own capitals ("FDA") stay.
    """
    letters = [c for c in original if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = original.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return " ".join(_capitalize(w) for w in replacement.split(" "))
    if letters[0].isupper():
        return _capitalize(replacement)
    if replacement[:1].isupper() and not replacement[:2].isupper():
        return replacement[:1].lower() + replacement[1:]
    return replacement


def match_case_at(document: Document, start: int, end: int, replacement: str) -> str:
    """``replacement`` for ``document.text[start:end]``, cased for where it stands.

    Like ``match_case``; in a heading or title written in Title Case (most of
    its words capitalised) the replacement is Title Case too, so
    "Non-invasive Treatment" becomes "Minimally Invasive Treatment".
    """
    original = document.prose[start:end]
    block = document.block_at(start)
    shouted = block is not None and _is_shouted(document, block)
    if (_starts_with_acronym(original) or _starts_with_figure(original)) and not shouted:
        # "IV stem cell infusions", "COPD": the capitals are the acronym's, not the sentence's, and "100%
        # invisible" has none to carry over, so the replacement is capitalised only where the match starts its sentence.
        before = document.prose[document.sentence_bounds(start)[0] : start]
        original = "X" if not before.strip(" \t\n" + _OPENING) else "x"
    cased = match_case(original, replacement)
    if block is None or block.kind not in TITLE_BLOCKS or _all_upper(cased):
        return cased
    if not is_title_case(document.prose[block.start : block.end]):
        return cased
    starts_block = not document.prose[block.start : start].strip()
    return title_case(cased, starts_block)


def keep_line_breaks(original: str, replacement: str) -> str:
    """``replacement`` with the line breaks that ``original`` has between its words.

    "sperm\\ncells" -> "stem\\ncells": joining the lines could change what the
    markup around them means (a Markdown line after an HTML comment is HTML).
    With as many gaps on both sides each gap keeps its own whitespace; otherwise
    the first line break goes to the replacement's last gap.
    """
    old_gaps = _GAP.findall(original.strip())
    if not any(_breaks_line(gap) for gap in old_gaps):
        return replacement
    words = replacement.split(" ")
    if len(words) < 2:
        return replacement
    new_gaps = [" "] * (len(words) - 1)
    if len(old_gaps) == len(new_gaps):
        new_gaps = [gap if _breaks_line(gap) else " " for gap in old_gaps]
    else:
        new_gaps[-1] = next(gap for gap in old_gaps if _breaks_line(gap))
    return "".join(word + gap for word, gap in zip(words, [*new_gaps, ""], strict=True))


def _breaks_line(gap: str) -> bool:
    # A lone CR ends a line too: in a file saved by a classic Mac editor it is every line's end.
    return "\n" in gap or "\r" in gap


def is_title_case(text: str) -> bool:
    """Whether most words of ``text`` that a Title Case heading capitalises are capitalised.

    Needs two such words: one capital could just start a sentence-case heading.
    """
    words = [w.lstrip(_OPENING) for w in text.split()]
    words = [w for w in words if w[:1].isalpha()]
    significant = [w for w in words if w.lower() not in SMALL_WORDS]
    if len(significant) < 2:
        return False
    capitalised = sum(1 for w in significant if w[:1].isupper())
    return capitalised * 2 > len(significant)


def title_case(text: str, first: bool = True) -> str:
    """Capitalise each word but the small ones ("of", "with"...); ``first``: ``text`` starts its heading.

    Only first letters change, so "FDA" and "minimally-invasive" keep their other letters.
    """
    words = text.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        core = word.lstrip(_OPENING)
        small = core.lower() in SMALL_WORDS and (index > 0 or not first)
        if small and core[:1].islower():
            out.append(word)
        elif small:
            out.append(word[: len(word) - len(core)] + core[:1].lower() + core[1:])
        else:
            out.append(word[: len(word) - len(core)] + _capitalize(core))
    return " ".join(out)


def _starts_with_acronym(text: str) -> bool:
    """Whether ``text`` opens with an acronym ("FDA approved", "COPD"), not a capitalised word."""
    first = text.split()[0] if text.split() else ""
    letters = [c for c in first if c.isalpha()]
    return 1 < len(letters) <= 5 and all(c.isupper() for c in letters) and "-" not in first


def _starts_with_figure(text: str) -> bool:
    """Whether ``text`` opens with a figure ("100% invisible"), whose case says nothing, unless it is in capitals."""
    return text[:1].isdigit() and not _all_upper(text)


def _is_shouted(document: Document, block: Block) -> bool:
    """Whether a block is written in capitals: read once a block, which may hold thousands of matches."""
    key = ("shouted", block.start, block.end)
    known: bool | None = document.context_answers.get(key)
    if known is None:
        known = document.context_answers[key] = _all_upper(document.prose[block.start : block.end])
    return known


def _all_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]
