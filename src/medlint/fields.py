"""Read typed fields from a parsed YAML mapping, with errors that name file and rule."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn, TypeVar

import regex

from medlint.errors import RuleError
from medlint.own_patterns import compiled

T = TypeVar("T")

# A message placeholder ("{match}"): in wording used as written it would reach the page as is.
# Not a template's own variable ("{{phone}}" on a Jekyll or Hugo page), which the site fills.
_PLACEHOLDER = compiled(r"(?<!\{)\{\w+\}(?!\})")


class FieldReader:
    """Typed access to one rule's (or one file's) fields; every failure is a RuleError."""

    def __init__(self, fields: Mapping[str, Any], source: str, rule_id: str | None = None) -> None:
        self.fields = fields
        self.source = source
        self.rule_id = rule_id

    def fail(self, problem: str) -> NoReturn:
        raise RuleError(self.source, problem, self.rule_id)

    def reject_unknown(self, allowed: frozenset[str] | set[str]) -> None:
        unknown = sorted(set(self.fields) - set(allowed), key=str)  # YAML keys need not be strings
        if unknown:
            from medlint.ruleset import spelt_like  # only a mistake needs it

            name = unknown[0]
            close = spelt_like(name, allowed) if isinstance(name, str) else []
            # A near miss ('phrase' for 'phrases') is named alone; the full list would bury it.
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(sorted(allowed))}"
            self.fail(f"unknown field {name!r} ({hint})")

    def raw(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def string(self, name: str, default: str | None = None) -> str:
        value = self.fields.get(name, default)
        if value is None:
            self.fail(f"missing required field {name!r}")
        if not isinstance(value, str):
            self.fail(f"field {name!r} must be a string")
        return value

    def string_list(self, name: str) -> list[str]:
        value = self.fields.get(name, [])
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"field {name!r} must be a list of strings")
        return list(value)

    def wording_list(self, name: str) -> list[str]:
        """``string_list`` for wording used as written (suggestions): a ``{placeholder}`` in it is an error."""
        values = self.string_list(name)
        for value in values:
            self.check_wording(value, name)
        return values

    def check_wording(self, value: str, name: str) -> None:
        """Fail if ``value``, wording put on the page as written, holds a message placeholder."""
        found = _PLACEHOLDER.search(value)
        if found:
            self.fail(f"{name!r} is used as written: {found.group()} in {value!r} is filled only in 'message'")

    def boolean(self, name: str, default: bool) -> bool:
        value = self.fields.get(name, default)
        if not isinstance(value, bool):
            self.fail(f"field {name!r} must be true or false")
        return value

    def mapping(self, name: str) -> dict[str, Any]:
        value = self.fields.get(name, {})
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.fail(f"field {name!r} must be a mapping")
        return dict(value)

    def guard(self, build: Callable[[], T], name: str, sources: Sequence[str] = ()) -> T:
        """Run ``build``; a bad regex or unknown named pattern becomes a RuleError.

        ``sources`` are the patterns as the rule writes them, when ``build`` compiles a
        pattern made of them: the error then names the one at fault, with the position in it.
        """
        try:
            return build()
        except regex.error as error:
            self.fail(f"bad regex in {name!r}: {_in_own_terms(error, sources)}")
        except KeyError as error:
            self.fail(f"unknown named pattern {{@{error.args[0]}}} in {name!r}")
        except ValueError as error:
            self.fail(f"{name!r}: {error}")


def _in_own_terms(error: regex.error, sources: Sequence[str]) -> str:
    """A regex error said of the written pattern that causes it, not of what medlint built from it."""
    for source in sources:
        try:
            # A {@name} reference is literal text to the regex module: the pattern's own syntax is checked.
            regex.compile(source)
        except regex.error as own:
            return f"{source!r}: {own}"
    return str(error)
