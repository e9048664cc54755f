"""Fill a rule's message template."""

from __future__ import annotations


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **values: str) -> str:
    """Fill the ``{name}`` placeholders given; leave any other braces as written.

    A message is one line: a value quoted from a page ("sperm" at a line's end,
    "cells" on the next) has its white space runs made single spaces.
    """
    one_line = {name: " ".join(value.split()) for name, value in values.items()}
    try:
        return template.format_map(_KeepUnknown(one_line))
    except (ValueError, IndexError):
        return template
