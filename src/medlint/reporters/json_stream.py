"""Write a JSON document whose one long list is made item by item, as ``json.dumps(indent=2)`` would.

A site's report can hold a hundred thousand findings. Building the whole
document and dumping it at once held every finding's dict, and the text, in
memory together; here only the document around the list is dumped whole, and
each item is dumped as it is made, with the same layout to the byte.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring, encode_basestring_ascii  # the C encoders where there are
from typing import Any

# Stands in the document for the streamed list; never a value a report holds.
PLACEHOLDER = "\x00medlint: the streamed list goes here\x00"
_INDENT = 2


def dumps_streaming(document: Any, items: Iterable[Any]) -> Iterator[str]:
    """``json.dumps(document, indent=2, ensure_ascii=False) + "\\n"`` in pieces, where the one
    value of ``document`` equal to ``PLACEHOLDER`` stands for the list of ``items``."""
    text = _dumps(document)
    marker = _dumps(PLACEHOLDER)
    at = text.index(marker)
    line_start = text.rfind("\n", 0, at) + 1
    depth_indent = " " * (len(text[line_start:at]) - len(text[line_start:at].lstrip(" ")))
    item_indent = "\n" + depth_indent + " " * _INDENT
    yield text[:at]
    iterator = iter(items)
    first = next(iterator, PLACEHOLDER)
    if first is PLACEHOLDER:
        yield "[]"
    else:
        yield "[" + item_indent + _dumps(first).replace("\n", item_indent)
        for item in iterator:
            # JSON text holds no raw newline inside a string, so every newline starts a line to indent.
            yield "," + item_indent + _dumps(item).replace("\n", item_indent)
        yield "\n" + depth_indent + "]"
    yield text[at + len(marker) :] + "\n"


def _string(value: str) -> str:
    """A JSON string; a file name that is not UTF-8 (its bytes held as lone surrogates) as escapes
    such as ``\\udce9``, which JSON can hold and Python reads back to the same name, where kept
    as it is it could not be written as UTF-8 at all."""
    if value.isascii():
        return encode_basestring(value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return encode_basestring_ascii(value)
    return encode_basestring(value)


def _dumps(value: Any, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, for the plain data reports hold.

    With an indent, ``json`` encodes in Python, generically; a hundred thousand
    findings took it over two seconds. This writes the same text with the C
    string encoder. Anything but str-keyed dicts, lists, strings, ints, finite
    floats, booleans and None goes to ``json`` itself.
    """
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    inner = indent + " " * _INDENT
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            return "{}"
        members = [f"{inner}{_string(key)}: {_dumps(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(members) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _dumps(item, inner) for item in value) + "\n" + indent + "]"
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    return json.dumps(value, indent=_INDENT, ensure_ascii=False).replace("\n", "\n" + indent)
