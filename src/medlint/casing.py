"""Give a replacement the case of the text it replaces."""

from __future__ import annotations


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


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]
