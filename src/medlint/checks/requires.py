"""requires: a claim needs a companion statement ("results vary", a risks statement, a citation).

The rule's own ``phrases``/``patterns`` are the claims that create the need
(without them, every page needs the companions). ``needs`` names each
companion and how to recognise it. ``within`` says where it must be:

- ``document`` (default): anywhere on the page; missing companions are
  reported once per page, at the first claim (or the start of the page);
- ``paragraph`` or ``sentence``: next to each claim; each claim without them
  is reported.

One finding names every companion missing at its place.

The config's ``required:`` list, when given, limits the companions demanded to
those it names, so a site decides which disclaimers its pages must carry.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import ClassVar

import msgspec

from medlint.checks.base import Hit, ParseContext
from medlint.checks.nested import read_matcher, spans_in_scope
from medlint.checks.phrase import PHRASE_FIELDS, PhraseMatcher, read_phrase_matcher
from medlint.document import Document
from medlint.fields import FieldReader
from medlint.messages import render
from medlint.own_patterns import compiled
from medlint.ruleset import Rule

COMPANION_FIELDS = frozenset({"description", "suggestions"})
_NAME = compiled(r"[a-z0-9][a-z0-9-]*")
_FIRST_WORD = compiled(r"\S+")


class Companion(msgspec.Struct, frozen=True):
    name: str
    description: str
    matcher: PhraseMatcher
    suggestions: tuple[str, ...]


class RequiresCheck(msgspec.Struct, frozen=True):
    FIELDS: ClassVar[frozenset[str]] = PHRASE_FIELDS | {"needs", "within"}
    level: ClassVar[str] = "document"
    weighs_statements: ClassVar[bool] = True

    claims: PhraseMatcher | None
    companions: tuple[Companion, ...]
    defined: tuple[str, ...]
    within: str

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> RequiresCheck:
        claims = read_phrase_matcher(reader, context) if reader.raw("phrases") or reader.raw("patterns") else None
        raw = reader.mapping("needs")
        if not raw:
            reader.fail("'needs' must name at least one companion statement")
        companions = []
        for name, value in raw.items():
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                reader.fail(f"needs: companion name {name!r} must be lower-case letters, digits and hyphens")
            matcher, sub = read_matcher(reader, f"needs.{name}", value, context, COMPANION_FIELDS)
            companions.append(
                Companion(
                    name=name,
                    description=sub.string("description", name.replace("-", " ")),
                    matcher=matcher,
                    suggestions=tuple(sub.wording_list("suggestions")),
                )
            )
        within = reader.string("within", "document")
        if within not in ("document", "paragraph", "sentence"):
            reader.fail("'within' must be document, paragraph or sentence")
        required: Sequence[str] | None = context.settings.get("required")
        chosen = tuple(c for c in companions if required is None or c.name in required)
        return cls(claims=claims, companions=chosen, defined=tuple(c.name for c in companions), within=within)

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]:
        if not self.companions:
            return
        if self.within == "document":
            # Only a companion missing from the whole page is reported: on a page that has them all (most
            # pages) the claims, common words each weighed in its context, need not be read at all.
            missing = [c for c in self.companions if not _on_page(c.matcher, document)]
            if not missing:
                return
            claims, silenced = self._claims(document, rule)
            # A need at a suppressed claim is found too, for its suppression to hide (and so count as used).
            for claim in claims[:1] + silenced:
                yield self._hit(document, rule, claim, missing)
            return
        claims, silenced = self._claims(document, rule)
        if not claims and not silenced:
            return
        found = {c.name: [m.start() for m in c.matcher.matches(document)] for c in self.companions}
        for claim in sorted(claims + silenced):
            missing = [c for c in self.companions if not _near(document, found[c.name], claim, self.within)]
            if missing:
                yield self._hit(document, rule, claim, missing)

    def _claims(self, document: Document, rule: Rule) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The claims that make the page's need, and those a suppression of the rule covers."""
        if self.claims is None:
            return _page_start(document), []
        # A claim on a line whose findings of this rule are suppressed, or that a suppression hides
        # for another rule (a quote being rebutted), is not the page's: the need, if any, is
        # reported at the page's next claim.
        spans = [m.span() for m in spans_in_scope(self.claims, document, rule)]
        claims = [span for span in spans if not document.not_the_pages(rule.id, span[0])]
        silenced = [span for span in spans if document.suppressed(rule.id, span[0])]
        return claims, silenced

    def _hit(self, document: Document, rule: Rule, claim: tuple[int, int], missing: list[Companion]) -> Hit:
        """One finding per place, naming every companion missing there."""
        text = document.quote(*claim)
        expected = " and no ".join(c.description for c in missing)
        suggestions = tuple(s for c in missing for s in c.suggestions)
        return Hit(
            claim[0],
            claim[1],
            message=render(rule.message, match=text, expected=expected),
            suggestions=suggestions + rule.suggestions,
        )


def _page_start(document: Document) -> list[tuple[int, int]]:
    match = _FIRST_WORD.search(document.prose)
    return [match.span()] if match else [(0, 0)]


def _on_page(matcher: PhraseMatcher, document: Document) -> bool:
    """Whether the page holds a match (the first one found answers)."""
    return next(iter(matcher.matches(document)), None) is not None


def _near(document: Document, found: list[int], claim: tuple[int, int], within: str) -> bool:
    if within == "paragraph":
        lo, hi = document.paragraph_bounds(claim[0])
    else:
        lo, hi = document.sentence_bounds(claim[0], claim[1])
    index = bisect.bisect_left(found, lo)
    return index < len(found) and found[index] < hi
