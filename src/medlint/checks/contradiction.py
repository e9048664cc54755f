"""contradiction: two statements that cannot both hold on one page.

A rule has two sides, ``claim`` and ``against``, each a phrase matcher
("non-invasive" / "injection", "no side effects" / "risk of infection"). When
a page has both, every claim is reported with a pointer to the nearest
statement against it, and each of those statements is reported with a pointer
back, so a writer sees both places whichever one they look at first.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import ClassVar

import msgspec

from medlint.checks.base import Hit, ParseContext
from medlint.checks.nested import read_matcher, related_at, spans_in_scope
from medlint.checks.phrase import PhraseMatcher
from medlint.document import Document
from medlint.fields import FieldReader
from medlint.messages import render
from medlint.ruleset import Rule
from medlint.span_set import SpanSet

SIDE_FIELDS = frozenset({"suggestions"})


class Side(msgspec.Struct, frozen=True):
    matcher: PhraseMatcher
    suggestions: tuple[str, ...] | None


class ContradictionCheck(msgspec.Struct, frozen=True):
    FIELDS: ClassVar[frozenset[str]] = frozenset({"claim", "against"})
    level: ClassVar[str] = "document"
    weighs_statements: ClassVar[bool] = True

    claim: Side
    against: Side

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> ContradictionCheck:
        sides = []
        for name in ("claim", "against"):
            if reader.raw(name) is None:
                reader.fail(f"missing required field {name!r}")
            matcher, sub = read_matcher(reader, name, reader.raw(name), context, SIDE_FIELDS)
            suggestions = tuple(sub.wording_list("suggestions")) if "suggestions" in sub.fields else None
            sides.append(Side(matcher, suggestions))
        return cls(claim=sides[0], against=sides[1])

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]:
        claims = [m.span() for m in spans_in_scope(self.claim.matcher, document, rule)]
        if not claims:
            return
        # A span both sides match ("invasive" inside "non-invasive") is the claim's. Looked up by bisection: a
        # long page can hold thousands of each side.
        claimed = SpanSet(claims)
        against = [
            s
            for s in (m.span() for m in spans_in_scope(self.against.matcher, document, rule))
            if not claimed.overlaps(*s)
        ]
        if not against:
            return
        # A statement a suppression comment covers (a quoted claim) is not the page's: the others are
        # paired among themselves. If the suppression names this rule it is still reported, against
        # its nearest other side, for the suppression to hide, so it is seen to have been needed.
        quiet = {s for s in claims + against if document.not_the_pages(rule.id, s[0])}
        yield from self._pairs(
            document, rule, [c for c in claims if c not in quiet], [a for a in against if a not in quiet]
        )
        for statements, side, others in ((claims, self.claim, against), (against, self.against, claims)):
            starts = [s for s, _ in others]
            for statement in statements:
                if statement in quiet and document.suppressed(rule.id, statement[0]):
                    yield self._hit(document, rule, statement, _nearest(others, starts, statement), side)

    def _pairs(
        self, document: Document, rule: Rule, claims: list[tuple[int, int]], against: list[tuple[int, int]]
    ) -> Iterator[Hit]:
        """Every claim against its nearest statement against it, and each of those back."""
        if not claims or not against:
            return
        starts = [s for s, _ in against]
        answered: dict[tuple[int, int], tuple[int, int]] = {}
        for claim in claims:
            other = _nearest(against, starts, claim)
            answered.setdefault(other, claim)
            yield self._hit(document, rule, claim, other, self.claim)
        for other, claim in sorted(answered.items()):
            yield self._hit(document, rule, other, claim, self.against)

    def _hit(self, document: Document, rule: Rule, here: tuple[int, int], there: tuple[int, int], side: Side) -> Hit:
        pointer = related_at(document, *there)
        text, other = document.quote(*here), pointer.text
        why = render(rule.message, match=text, other=other)
        return Hit(
            here[0],
            here[1],
            message=f"'{text}' contradicts line {pointer.line}: '{other}'. {why}",
            suggestions=side.suggestions,
            related=(pointer,),
        )


def _nearest(spans: list[tuple[int, int]], starts: list[int], target: tuple[int, int]) -> tuple[int, int]:
    index = bisect.bisect_left(starts, target[0])
    candidates = [spans[i] for i in (index - 1, index) if 0 <= i < len(spans)]
    return min(candidates, key=lambda s: (abs(s[0] - target[0]), s[0]))
