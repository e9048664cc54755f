"""Parse YAML (rule files and configs) safely, remembering across runs what each text parsed to.

Every run reads the built-in rule files and usually a ``.medlint.yaml``;
importing PyYAML and parsing them is a good part of a one-file check's
start-up. What a text parses to depends on the text alone, so the result is
kept in the cache folder (medlint.cache_folder), as JSON keyed by a hash of
the text, and PyYAML is imported only for a text not seen before. The file
is a pickle of those strings, read by an unpickler that builds nothing else:
a one-file check reads it whole for its config, in a thirtieth of the time
the same strings take as one JSON object. The
file is written once a run, when the rule files are read (``save``; at exit
for a run that reads no rule files), not once a new text: whole or not at
all, and with what other processes saved meanwhile merged in. Only
results that JSON keeps exactly (mappings with string keys, lists, strings,
numbers, booleans, null) are kept; anything else is parsed every time.
Parsing is always YAML's safe subset: nothing in a file can run code.
"""

from __future__ import annotations

import atexit
import json
import math
from pathlib import Path
from typing import Any

from medlint import __version__
from medlint.cache_folder import MergingLock, cache_dir, caching_disabled, hashed, read_kept, write_atomically
from medlint.regex_pickles import dump_plain, load_text_entries

# Texts remembered (the least recently used dropped first): the built-in packs, a few configs and rule
# files. A run that reads more keeps them all: dropping one it read would have the next run parse it again.
MAX_TEXTS = 64
# Levels a rule file or config may nest (the built-in packs nest a few): few enough that what reads
# the parsed data level by level (JSON, the cache's checks) stays far from Python's recursion limit.
MAX_NESTING = 100
# Levels PyYAML's C parser may be handed unchecked: it recurses in C once per level, with no limit, and
# crashes Python near 40,000 levels on the main thread, near 2,000 on a thread of 512 KB (a server's
# check on macOS). A text that might nest deeper is first measured event by event.
_SAFE_TO_PARSE = 1_000
# Values a rule file or config may hold once its aliases are expanded (the built-in packs hold a few thousand).
MAX_VALUES = 1_000_000
# Changes when what a text parses to does (a text once accepted may now be an error): older answers are not read.
_PARSING = 2


class YamlSyntaxError(Exception):
    """The text is not valid YAML; the message says where and what is wrong."""


# One YamlCache a cache folder in a process (see YamlCache.default).
_SHARED: dict[Path | None, YamlCache] = {}


class YamlCache:
    """Text hash -> what the text parsed to, from earlier runs."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._parsed: dict[str, str] = self._read()
        # The texts this process has read: never the ones dropped to make room.
        self._used: set[str] = set()
        # Texts parsed since the last save, and whether a save at exit is arranged.
        self._added = False
        self._save_at_exit = False

    @classmethod
    def default(cls) -> YamlCache:
        """The process's cache for the cache folder: the config and the rule files share what they use."""
        folder = None if caching_disabled() else cache_dir()
        if folder not in _SHARED:
            _SHARED[folder] = cls(folder)
        return _SHARED[folder]

    @staticmethod
    def _name() -> str:
        return f"yaml-{__version__}-{_PARSING}.pickle"

    def _read(self) -> dict[str, str]:
        """The texts' JSON kept in the file by their hash; empty if there is none or it is damaged."""
        if self.folder is None:
            return {}
        try:
            return load_text_entries(read_kept(self.folder / self._name()))
        except OSError:
            return {}

    def parse(self, text: str) -> Any:
        """What ``yaml.safe_load(text)`` returns; YamlSyntaxError if it raises."""
        key = hashed(text.encode("utf-8")).hexdigest()
        self._used.add(key)
        kept = self._parsed.pop(key, None)
        if isinstance(kept, str):
            try:
                data = json.loads(kept)
            except ValueError:  # a damaged entry: parse the text again
                pass
            else:
                self._parsed[key] = kept  # last used last: the oldest are dropped first
                return data
        data = parse_yaml(text)
        if self.folder is not None and _json_exact(data):
            self._parsed[key] = json.dumps(data)
            self._added = True
            if not self._save_at_exit:
                # A backstop for a run that stops before its rule files are read; a saved cache writes nothing.
                atexit.register(self.save)
                self._save_at_exit = True
        return data

    def save(self) -> None:
        """Write the texts parsed since the last save, if any: one write for a run's config and rule files.

        What other processes saved since this one read the file is kept too, this process's texts being
        the newest, and one process at a time re-reads and writes the file, so runs parsing different
        files at once do not drop each other's texts.
        """
        if not self._added or self.folder is None:
            return
        self._added = False
        with MergingLock(self.folder, self._name()) as held:
            if not held:
                return
            saved = self._read()
            merged = {key: value for key, value in saved.items() if key not in self._parsed}
            merged.update(self._parsed)
            self._parsed = merged
            write_atomically(self.folder, self._name(), dump_plain(self._kept()))

    def _kept(self) -> dict[str, str]:
        """What to save: at most MAX_TEXTS texts, the least recently used dropped first, but none this
        process has read (this process still holds them all: a text read later in the run is found)."""
        excess = len(self._parsed) - MAX_TEXTS
        if excess <= 0:
            return self._parsed
        dropped = set([key for key in self._parsed if key not in self._used][:excess])
        return {key: value for key, value in self._parsed.items() if key not in dropped}


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` (libyaml's when installed), but a key given twice in a mapping is an error.

    YamlSyntaxError says where a text goes wrong. YAML itself would keep the last
    of two ``phrases:`` silently, and a rule would lose the first list unseen.
    """
    import yaml  # here: a run whose texts are all remembered never needs it

    loader = _unique_keys_loader()
    try:
        if _may_nest_beyond(text, _SAFE_TO_PARSE) and _events_nest_beyond(yaml.parse(text, Loader=loader), MAX_NESTING):
            raise YamlSyntaxError(f"nested more than {MAX_NESTING} levels deep")
        data = yaml.load(text, Loader=loader)
    except RecursionError:
        raise YamlSyntaxError("nested too deeply") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise YamlSyntaxError(f"{where}{problem}") from None
    shape = _shape(data)
    if shape is None or shape[0] > MAX_VALUES:
        # Aliases of aliases ("billion laughs") are a few lines that mean billions of values.
        raise YamlSyntaxError(f"its aliases expand to more than {MAX_VALUES:,} values")
    if shape[1] > MAX_NESTING:
        raise YamlSyntaxError(f"nested more than {MAX_NESTING} levels deep")
    return data


def _may_nest_beyond(text: str, limit: int) -> bool:
    """Whether the text might nest more than ``limit`` levels: a bound, cheap next to parsing.

    A flow collection opens with ``[`` or ``{``. A block collection nested in another starts further
    right on a later line, or on the same line after the indicators a line starts with (``- - x``,
    ``? - x``); each column can hold a mapping and the sequence that is its value (``a:`` over ``- b``).
    """
    brackets = text.count("[") + text.count("{")
    if brackets > limit:
        return True
    # Every line end YAML knows splits here (and a few more, which only loosen the bound).
    columns = max((len(line) - len(line.lstrip(" -?:")) for line in text.splitlines()), default=0)
    return brackets + 2 * (columns + 1) > limit


def _events_nest_beyond(events: Any, limit: int) -> bool:
    """Whether the collections of a YAML event stream nest more than ``limit`` deep (read without
    building anything, and only as far as that depth: an unclosed text is too deep, not unfinished)."""
    import yaml

    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return True
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return False


def _shape(value: Any) -> tuple[int, int] | None:
    """How many values ``value`` holds with every alias written out, and how deep it nests; None if
    it holds itself (endlessly).

    An alias is the same Python object in several places: each object is measured once, so
    measuring costs as much as the text, not as its expansion. No recursion: it may nest deep.
    """
    shapes: dict[int, tuple[int, int]] = {}
    open_items: set[int] = set()  # being measured: met again inside itself, it holds itself
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, children_measured = stack.pop()
        if not isinstance(item, (list, dict)) or id(item) in shapes:
            continue
        children = list(item.values()) if isinstance(item, dict) else item
        if children_measured:
            open_items.discard(id(item))
            inner = [shapes.get(id(c), (1, 0)) for c in children]
            shapes[id(item)] = (1 + sum(size for size, _ in inner), 1 + max((depth for _, depth in inner), default=0))
        elif id(item) in open_items:
            return None
        else:
            open_items.add(id(item))
            stack.append((item, True))
            stack.extend((c, False) for c in children if isinstance(c, (list, dict)))
    return shapes.get(id(value), (1, 0))


def _json_exact(value: Any) -> bool:
    """Whether JSON gives back exactly this value (and types): no dates, sets, or non-string keys."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_json_exact(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _json_exact(item) for key, item in value.items())
    return False


def _unique_keys_loader() -> Any:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeysLoader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *defaults" is meant to be overridden
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)):
                    continue  # a list or mapping as a key: the base constructor says what is wrong
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep)

        def flatten_mapping(self, node: Any) -> None:
            before = node.value
            super().flatten_mapping(node)
            if node.value is not before:  # mappings were merged in ("<<")
                node.value = _without_repeats(node.value)

    return UniqueKeysLoader


def _without_repeats(pairs: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """A merged mapping's key and value nodes, each pair kept where it first and last appears.

    PyYAML copies the pairs of every mapping merged in, repeats and all: forty lines, each merging the
    line above twice (``<<: [*a, *a]``), made 2**40 pairs, and a run that never ended. The first copy
    keeps the key's place in the mapping, the last the value that wins: what it parses to is unchanged.
    """
    first: dict[tuple[int, int], int] = {}
    last: dict[tuple[int, int], int] = {}
    for index, (key, value) in enumerate(pairs):
        first.setdefault((id(key), id(value)), index)
        last[(id(key), id(value))] = index
    if len(first) == len(pairs):
        return pairs
    return [
        pair
        for index, pair in enumerate(pairs)
        if index in (first[(id(pair[0]), id(pair[1]))], last[(id(pair[0]), id(pair[1]))])
    ]
