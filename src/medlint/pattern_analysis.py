"""What medlint works out about a rule pattern before matching it.

Each answer is a pure function of the pattern's text and case flag: the
literals and phrases every match holds (medlint.prefilter skips a page without them), the
pattern in RE2's syntax for any text and for ASCII text (medlint.guided
matches with them, and a case-sensitive form for ASCII text lowercased, which RE2
compiles faster), and whether it may match the empty string. Working them out reads the pattern's parse tree,
which costs about what compiling it does, so medlint.analysis_cache keeps the
answers across runs.
"""

from __future__ import annotations

from typing import Any

import msgspec

from medlint.prefilter import required_literals, required_phrases
from medlint.re2_translation import Translation, may_match_empty, translate, translate_for_ascii, translate_lowered

_IGNORING_CASE = "(?i)"


class PatternAnalysis(msgspec.Struct, frozen=True):
    literals: frozenset[str] | None
    translation: Translation | None
    ascii_translation: Translation | None
    may_be_empty: bool
    # The translation used on ASCII text, written for that text lowercased, as its source alone:
    # "" when it is the other's without its leading "(?i)" (most patterns: their letters are
    # lowercase already, and kept rule sets stay small), None when there is none.
    lowered_source: str | None = None
    # Strings of several words one of which every match holds (medlint.prefilter.required_phrases).
    phrases: frozenset[str] | None = None

    def lowered_translation(self) -> Translation | None:
        """The translation used on ASCII text, for that text lowercased (re2_translation.translate_lowered)."""
        usual = self.ascii_translation or self.translation
        if self.lowered_source is None or usual is None:
            return None
        source = self.lowered_source or usual.source[len(_IGNORING_CASE) :]
        return Translation(source, usual.leads, usual.trails, usual.exact)

    def to_json(self) -> dict[str, Any]:
        return {
            "literals": None if self.literals is None else sorted(self.literals),
            "re2": _translation_to_json(self.translation),
            "re2_ascii": _translation_to_json(self.ascii_translation),
            "empty": self.may_be_empty,
            "re2_lowered": self.lowered_source,
            "phrases": None if self.phrases is None else sorted(self.phrases),
        }

    @classmethod
    def from_json(cls, data: Any) -> PatternAnalysis | None:
        """The analysis a cache entry holds, or None if the entry is not one (a damaged cache)."""
        try:
            literals, phrases = data["literals"], data["phrases"]
            return cls(
                literals=None if literals is None else frozenset(str(s) for s in literals),
                translation=_translation_from_json(data["re2"]),
                ascii_translation=_translation_from_json(data["re2_ascii"]),
                may_be_empty=bool(data["empty"]),
                lowered_source=None if data["re2_lowered"] is None else str(data["re2_lowered"]),
                phrases=None if phrases is None else frozenset(str(s) for s in phrases),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _translation_to_json(translation: Translation | None) -> list[Any] | None:
    if translation is None:
        return None
    return [translation.source, translation.leads, translation.trails, translation.exact]


def _translation_from_json(data: Any) -> Translation | None:
    if data is None:
        return None
    source, leads, trails, exact = data
    return Translation(str(source), bool(leads), bool(trails), bool(exact))


def analyse(source: str, case_sensitive: bool) -> PatternAnalysis:
    translation = translate(source, ignorecase=not case_sensitive)
    ascii_translation = translate_for_ascii(source, ignorecase=not case_sensitive)
    lowered = translate_lowered(source, ignorecase=not case_sensitive)
    usual = ascii_translation or translation
    lowered_source = None
    if lowered is not None and usual is not None:
        lowered_source = "" if usual.source == _IGNORING_CASE + lowered.source else lowered.source
    return PatternAnalysis(
        literals=required_literals(source),
        translation=translation,
        ascii_translation=ascii_translation,
        may_be_empty=may_match_empty(source, ignorecase=not case_sensitive),
        lowered_source=lowered_source,
        phrases=required_phrases(source),
    )
