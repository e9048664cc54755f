"""substitution: a phrase with a known better wording; the swap is a safe fix."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import ClassVar

import msgspec
import regex

from medlint.analysis_cache import AnalysisCache
from medlint.casing import keep_line_breaks, match_case_at
from medlint.checks.base import Hit, ParseContext
from medlint.checks.phrase import PHRASE_FIELDS, PhraseMatcher, read_phrase_matcher
from medlint.document import Document
from medlint.fields import FieldReader
from medlint.findings import Fix
from medlint.messages import render
from medlint.patterns import compile_pattern, phrase_to_regex
from medlint.ruleset import Rule


class SubstitutionCheck(msgspec.Struct, frozen=True):
    """``swap`` maps each wrong phrase to its replacement.

    With ``fix: false`` the replacement is offered as a suggestion only (for a
    swap that needs a writer's judgement); by default it is a mechanical fix.
    """

    FIELDS: ClassVar[frozenset[str]] = (PHRASE_FIELDS - {"phrases", "patterns"}) | {"swap", "fix"}
    level: ClassVar[str] = "document"
    weighs_statements: ClassVar[bool] = False

    matcher: PhraseMatcher
    replacements: Mapping[str, str]
    fixable: bool

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> SubstitutionCheck:
        swap = reader.mapping("swap")
        if not swap or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            reader.fail("'swap' must map each phrase to its replacement (strings)")
        for replacement in swap.values():
            reader.check_wording(replacement, "swap")
        matcher = read_phrase_matcher(reader, context, phrases=list(swap))
        return cls(matcher=matcher, replacements=dict(swap), fixable=reader.boolean("fix", True))

    def described(self) -> list[str]:
        """Each swap, as the rule documentation lists it."""
        return [f"'{wrong}' → '{right}'" for wrong, right in self.replacements.items()]

    def swap_for(self, matched: str) -> str:
        """The replacement ``swap`` gives for ``matched``, as written in the rule."""
        cache = self.matcher.pattern.cache
        for phrase, replacement in self.replacements.items():
            if _phrase_pattern(phrase, cache).fullmatch(matched.replace("\u2019", "'")):
                return replacement
        raise LookupError(matched)  # the combined pattern only matches swap phrases

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]:
        for match in self.matcher.matches(document):
            original = document.text[slice(*document.file_span(match.start(), match.end()))]
            swap = self.swap_for(match.group())
            # Cased for its place: Title Case in a Title Case heading or title. A case-sensitive
            # rule matched the phrase exactly as written, so its replacement is written as given.
            if self.matcher.pattern.case_sensitive:
                replacement = swap
            else:
                replacement = match_case_at(document, match.start(), match.end(), swap)
            # A phrase broken across lines is replaced with its line break kept in place.
            written = keep_line_breaks(original, replacement)
            fix = Fix(match.start(), match.end(), written) if self.fixable else None
            yield Hit(
                match.start(),
                match.end(),
                # The message names the swap as the rule writes it, mid-sentence: not cased for the page.
                message=render(rule.message, match=document.quote(match.start(), match.end()), replacement=swap),
                suggestions=(written, *rule.suggestions),
                fix=fix,
            )


@lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str, cache: AnalysisCache | None) -> regex.Pattern[str]:
    """A swap phrase's own pattern: made once, though every finding of the rule asks which phrase it
    is, and kept across runs with the rules' patterns (compiling one takes the ``regex`` module's
    parser, written in Python, about a million instructions)."""
    source = phrase_to_regex(phrase)
    return compile_pattern(source) if cache is None else cache.compiled(source, False)
