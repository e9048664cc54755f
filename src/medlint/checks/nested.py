"""Phrase matchers defined inside a rule (a contradiction's sides, a fact's values...).

Each nested mapping takes the usual phrase fields (``phrases``, ``patterns``,
``negation``, ``hedges``, ``exceptions``, ``unless``, ``only_if``) plus any
extra fields its kind allows, and a problem in it names the nested field:
``rule 'x': against: needs at least one of 'phrases' or 'patterns'``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NoReturn

from medlint import guided
from medlint.checks.base import ParseContext
from medlint.checks.phrase import PHRASE_FIELDS, PhraseMatcher, read_phrase_matcher
from medlint.document import Document
from medlint.fields import FieldReader
from medlint.findings import Related
from medlint.ruleset import Rule


class NestedReader(FieldReader):
    """A FieldReader for a mapping inside a rule; failures say which field it was."""

    def __init__(self, fields: Mapping[str, Any], parent: FieldReader, where: str) -> None:
        super().__init__(fields, parent.source, parent.rule_id)
        self.where = where

    def fail(self, problem: str) -> NoReturn:
        super().fail(f"{self.where}: {problem}")


def nested(reader: FieldReader, name: str, value: Any) -> NestedReader:
    if not isinstance(value, Mapping):
        reader.fail(f"{name!r} must be a mapping with 'phrases' or 'patterns'")
    return NestedReader(value, reader, name)


def read_matcher(
    reader: FieldReader, name: str, value: Any, context: ParseContext, extra: frozenset[str] = frozenset()
) -> tuple[PhraseMatcher, NestedReader]:
    """A PhraseMatcher from a nested mapping (a list is shorthand for its ``phrases``)."""
    if isinstance(value, (list, str)):
        value = {"phrases": value}
    sub = nested(reader, name, value)
    sub.reject_unknown(PHRASE_FIELDS | extra)
    return read_phrase_matcher(sub, context), sub


def spans_in_scope(matcher: PhraseMatcher, document: Document, rule: Rule) -> Iterator[guided.Match]:
    """Matches in the prose kinds the rule looks at (a rule's ``scope`` narrows what counts)."""
    for match in matcher.matches(document):
        if rule.in_scope(document.kind_at(match.start())):
            yield match


def related_at(document: Document, start: int, end: int) -> Related:
    line, column = document.position(start)
    return Related(document.path, line, column, document.quote(start, end))
