"""Fill a rule's message template."""

from __future__ import annotations

import string


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **values: str) -> str:
    """Fill the ``{name}`` placeholders given; leave any other braces as written."""
    try:
        return string.Formatter().vformat(template, (), _KeepUnknown(values))
    except (ValueError, IndexError):
        return template
