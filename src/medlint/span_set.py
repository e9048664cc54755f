"""A set of text spans, asked whether a span overlaps it: by bisection, not one span after another.

Code regions a comment must not lie in, exception matches a use must not
touch, comments a finding must not start in: a page can hold thousands of
each, so asking every span for every candidate would be quadratic.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanSet:
    """The union of some ``(start, end)`` spans (overlapping or not, in any order)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[1] > s[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``start:end`` shares a character with the set."""
        # The last span starting before ``end``: if it ends by ``start``, every earlier one does too.
        index = bisect.bisect_left(self._starts, end) - 1
        return index >= 0 and self._ends[index] > start

    def holds(self, offset: int) -> bool:
        """Whether the character at ``offset`` is in the set."""
        return self.overlaps(offset, offset + 1)
