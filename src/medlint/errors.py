"""Errors a user can act on. The CLI prints each as one line and exits 2."""

from __future__ import annotations

from medlint.paths import shown


class MedlintError(Exception):
    """A problem with the user's input, configuration or rules (never a bug).

    ``str(error)`` is the whole one-line message, starting with the file it is about.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
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
