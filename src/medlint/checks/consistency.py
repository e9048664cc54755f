"""consistency: one spelling of a term per page ("disc"/"disk", "stem cell therapy"/"stem-cell therapy").

``forms`` lists the competing spellings. Each form is a phrase or a list of
variants of it (singular, plural...). A page that uses more than one form is
reported at every use of a form other than the winner: the rule's ``prefer``
(or the config's ``prefer:`` for this rule) when that form is on the page,
otherwise the form used most (on a tie, the one used first).

Unlike phrase rules, hyphens and spaces are significant here (that is often
the difference between the forms); case is not, unless ``case_sensitive``.
The fix swaps in the winner's variant in the same position of its list
(``disks`` -> ``discs``), or its only variant; no position, no fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import ClassVar

import msgspec
import regex

from medlint import guided
from medlint.analysis_cache import analysis_of
from medlint.casing import match_case
from medlint.checks.base import Hit, ParseContext
from medlint.checks.nested import related_at
from medlint.document import Document
from medlint.errors import ConfigError
from medlint.fields import FieldReader
from medlint.findings import Fix
from medlint.messages import render
from medlint.patterns import MATCH_TIMEOUT_SECONDS, LazyPattern, combine
from medlint.prefilter import may_match, register
from medlint.ruleset import Rule
from medlint.span_set import SpanSet


class Form(msgspec.Struct, frozen=True):
    variants: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.variants[0]


class ConsistencyCheck(msgspec.Struct, frozen=True):
    FIELDS: ClassVar[frozenset[str]] = frozenset({"forms", "prefer", "fix", "case_sensitive", "exceptions"})
    level: ClassVar[str] = "document"
    weighs_statements: ClassVar[bool] = True

    forms: tuple[Form, ...]
    pattern: LazyPattern
    prefer: int | None
    fixable: bool
    exceptions: LazyPattern | None

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> ConsistencyCheck:
        raw = reader.raw("forms")
        if not isinstance(raw, list) or len(raw) < 2:
            reader.fail("'forms' must list at least two spellings")
        forms = tuple(Form(_variants(reader, item)) for item in raw)
        seen: dict[str, str] = {}
        for form in forms:
            for variant in form.variants:
                if variant.casefold() in seen:
                    reader.fail(f"forms: {variant!r} is listed twice")
                seen[variant.casefold()] = form.name
        case_sensitive = reader.boolean("case_sensitive", False)
        alternatives = [
            f"(?P<v{i}_{j}>{_exact(variant)})"
            for i, form in enumerate(forms)
            for j, variant in enumerate(form.variants)
        ]
        # Longest first, so "stem cell therapies" is not read as "stem cell therap...".
        alternatives.sort(key=len, reverse=True)
        source = r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])"
        known, analysis = analysis_of(source, case_sensitive, context.analysis_cache)
        pattern = LazyPattern(source, case_sensitive, analysis, context.analysis_cache)
        if not known:
            reader.guard(lambda: pattern.compiled, "forms")  # a new pattern is checked now, not mid-run
        register(analysis.literals, analysis.phrases)
        prefer = _preference(reader, forms, reader.raw("prefer"))
        configured = _configured_preference(context, forms)
        exceptions = reader.string_list("exceptions")
        return cls(
            forms=forms,
            pattern=pattern,
            prefer=configured if configured is not None else prefer,
            fixable=reader.boolean("fix", True),
            exceptions=_exceptions_pattern(reader, exceptions, context) if exceptions else None,
        )

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]:
        uses: list[tuple[int, int, int, int]] = []  # start, end, form, variant
        if not may_match(document, self.pattern.analysed().literals):
            return
        cleared = self._cleared(document)
        for start, end, name in guided.finditer_named(self.pattern, document, MATCH_TIMEOUT_SECONDS):
            if cleared.overlaps(start, end) or document.parts_words(start, end):
                continue
            if not rule.in_scope(document.kind_at(start)):
                continue
            assert name is not None
            form, variant = (int(n) for n in name[1:].split("_"))
            uses.append((start, end, form, variant))
        # A use a suppression comment covers (a quotation) is not the page's spelling: the others decide.
        # It is still reported if it differs and the suppression names this rule, for it to hide.
        uses = [use for use in uses if document.suppressed(rule.id, use[0]) or not document.quoted(use[0])]
        if len({form for _, _, form, _ in uses}) < 2:
            return
        own = [use for use in uses if not document.suppressed(rule.id, use[0])] or uses
        counts = Counter(form for _, _, form, _ in own)
        first_use = {form: start for start, _, form, _ in reversed(own)}
        if self.prefer is not None and self.prefer in counts:
            winner, why = self.prefer, "the preferred spelling"
        else:
            winner = max(counts, key=lambda f: (counts[f], -first_use[f]))
            why = f"used {counts[winner]} of {sum(counts.values())} times on this page"
        target = self.forms[winner]
        # Each report points to the winner's first use, where the reader can see the spelling kept.
        pointer = next(related_at(document, s, e) for s, e, f, _ in own if f == winner)
        for start, end, form, variant in uses:
            if form == winner:
                continue
            original = document.text[slice(*document.file_span(start, end))]
            replacement = self._replacement(target, variant)
            text = document.quote(start, end)
            lead = f"'{text}': this page also writes '{target.name}' ({why}); use one spelling."
            reason = render(rule.message, match=text, expected=target.name)
            wanted = replacement if replacement is not None else target.name
            # Text written exactly as the rule lists it keeps the winner's own case ("PRP").
            declared = self.forms[form].variants[variant]
            suggestion = wanted if original == declared else match_case(original, wanted)
            yield Hit(
                start,
                end,
                message=f"{lead} {reason}".strip(),
                suggestions=(suggestion, *rule.suggestions),
                fix=Fix(start, end, suggestion) if replacement is not None and self.fixable else None,
                related=(pointer,),
            )

    def _cleared(self, document: Document) -> SpanSet:
        if self.exceptions is None:
            return SpanSet(())
        # The whole page is read: by RE2 where it can, as the rule's own pattern is.
        return SpanSet(m.span() for m in guided.finditer(self.exceptions, document))

    @staticmethod
    def _replacement(target: Form, variant: int) -> str | None:
        if len(target.variants) == 1:
            return target.variants[0]
        return target.variants[variant] if variant < len(target.variants) else None


def _exceptions_pattern(reader: FieldReader, exceptions: list[str], context: ParseContext) -> LazyPattern:
    """The exceptions' pattern, with what is known about it (for RE2) kept across runs.

    One no earlier run has compiled is compiled now, and so kept, as the rule's own pattern is: a
    short page is then read by the regex module, which costs less than compiling for RE2.
    """
    source = combine(exceptions, [], {})
    known, analysis = analysis_of(source, False, context.analysis_cache)
    pattern = LazyPattern(source, False, analysis, context.analysis_cache)
    if not known:
        reader.guard(lambda: pattern.compiled, "exceptions")
    return pattern


def _variants(reader: FieldReader, item: object) -> tuple[str, ...]:
    if isinstance(item, str):
        item = [item]
    if not isinstance(item, list) or not item or not all(isinstance(v, str) and v.strip() for v in item):
        reader.fail("each of 'forms' must be a phrase or a list of phrases")
    return tuple(v.strip() for v in item)


def _exact(phrase: str) -> str:
    """The phrase as written; any run of spaces may be any whitespace (a line break)."""
    return r"\s+".join(regex.escape(word) for word in phrase.split())


def _find(forms: tuple[Form, ...], name: str) -> int | None:
    for index, form in enumerate(forms):
        if any(v.casefold() == name.casefold() for v in form.variants):
            return index
    return None


def _preference(reader: FieldReader, forms: tuple[Form, ...], value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, str) or _find(forms, value) is None:
        reader.fail(f"'prefer' must be one of the forms ({', '.join(f.name for f in forms)})")
    return _find(forms, value)


def _configured_preference(context: ParseContext, forms: tuple[Form, ...]) -> int | None:
    prefer: Mapping[str, str] = context.settings.get("prefer", {})
    if context.rule_id not in prefer:
        return None
    index = _find(forms, prefer[context.rule_id])
    if index is None:
        raise ConfigError(
            str(context.settings.get("config", "")),
            f"prefer: {prefer[context.rule_id]!r} is not a form of rule {context.rule_id!r} "
            f"(choose from {', '.join(f.name for f in forms)})",
        )
    return index
