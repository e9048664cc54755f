"""Errors a user can act on. The CLI prints each as one line and exits 2."""

from __future__ import annotations

import regex

from medlint.own_patterns import compiled
from medlint.paths import shown

# A value quoted in a message (its repr) longer than this is cut to its start and its length: the
# line must stay one readable line when a config or rule file holds a runaway string.
_LONGEST_QUOTE = 80
_LONG_QUOTE = compiled(r"(['\"])([^'\"\n]{" + str(_LONGEST_QUOTE + 1) + r",})\1")


def _with_short_quotes(problem: str) -> str:
    def cut(match: regex.Match[str]) -> str:
        mark, quoted = match.group(1), match.group(2)
        return f"{mark}{quoted[:_LONGEST_QUOTE]}...{mark} ({len(quoted):,} characters)"

    return _LONG_QUOTE.sub(cut, problem)


class MedlintError(Exception):
    """A problem with the user's input, configuration or rules (never a bug).

    ``str(error)`` is the whole one-line message, starting with the file it is about.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem = _with_short_quotes(problem)
        super().__init__(f"{shown(source)}: {problem}" if source else problem)


class ConfigError(MedlintError):
    """A configuration file is invalid."""


class RuleError(MedlintError):
    """A rule file or a rule in it is invalid."""

    def __init__(self, source: str, problem: str, rule_id: str | None = None) -> None:
        where = f"rule {rule_id!r}: " if rule_id else ""
        super().__init__(source, where + problem)
        self.rule_id = rule_id


class InputError(MedlintError):
    """A file to be checked could not be read or decoded."""
