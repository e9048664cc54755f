"""existence: report every place a phrase or pattern occurs (in its context)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import msgspec

from medlint.checks.base import Hit, ParseContext
from medlint.checks.phrase import PHRASE_FIELDS, PhraseMatcher, read_phrase_matcher
from medlint.document import Document
from medlint.fields import FieldReader
from medlint.ruleset import Rule


class ExistenceCheck(msgspec.Struct, frozen=True):
    FIELDS: ClassVar[frozenset[str]] = PHRASE_FIELDS
    level: ClassVar[str] = "document"
    weighs_statements: ClassVar[bool] = False

    matcher: PhraseMatcher

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> ExistenceCheck:
        return cls(read_phrase_matcher(reader, context))

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]:
        for match in self.matcher.matches(document):
            yield Hit(match.start(), match.end())
