"""Editorial kinds that look at a document's blocks rather than at phrases.

- ``repetition``: a block (by default a heading) that repeats the one just
  before it, word for word: a heading pasted twice by a CMS or an editor.
- ``truncation``: a paragraph or list item whose last sentence stops without
  an ending: "...improve the structure and function of spinal".

Both read their settings from the rule's YAML fields, so a site can tune them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import msgspec
import regex

from medlint.checks.base import Hit, ParseContext
from medlint.document import Block, Document
from medlint.fields import FieldReader
from medlint.findings import Related
from medlint.own_patterns import compiled
from medlint.patterns import compile_pattern
from medlint.ruleset import Rule

# Blocks that are metadata or image text: a page title repeating its h1 is normal.
_NOT_BODY = frozenset({"title", "description", "alt"})
_WORD = compiled(r"\w+(?:['\u2019-]\w+)*")
_OUTER_PUNCTUATION = compiled(r"^[\W_]+|[\W_]+$")
# Words that mark a tail as a clause (a sentence that lost its ending) rather than a label.
_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "can",
        "could",
        "may",
        "might",
        "will",
        "would",
        "shall",
        "should",
        "must",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
    ]
)
_DECORATION = compiled(r"[\s\p{So}\p{Sk}\p{Cf}\p{Sm}]")


def _only_tags(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is nothing but HTML tags and white space.

    What removing ``<[^>]*>`` and stripping would tell, in linear time: that
    regex looks for a ``>`` anew from every ``<``, to the end when there is none.
    """
    position = start
    while True:
        opening = text.find("<", position, end)
        if text[position : end if opening == -1 else opening].strip():
            return False
        if opening == -1:
            return True
        closing = text.find(">", opening, end)
        if closing == -1:
            return False  # a '<' that opens no tag is text
        position = closing + 1


def _positive_int(reader: FieldReader, name: str, default: int) -> int:
    value = reader.raw(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        reader.fail(f"'{name}' must be a whole number of at least 1")
    return int(value)


def _regex_field(reader: FieldReader, name: str, default: str) -> regex.Pattern[str]:
    source = reader.string(name, default)
    return reader.guard(lambda: compile_pattern(source, case_sensitive=True, flags=regex.MULTILINE), name)


def _body_blocks(document: Document) -> list[Block]:
    """Prose blocks in reading order, without metadata and without nested duplicates."""
    blocks: list[Block] = []
    for block in document.blocks:
        if block.kind in _NOT_BODY:
            continue
        if blocks and block.start < blocks[-1].end:
            continue  # a block inside the previous one (alt text in a paragraph...)
        blocks.append(block)
    return blocks


class RepetitionCheck(msgspec.Struct, frozen=True):
    """Report a block whose text repeats an earlier block's.

    ``adjacent: true`` (default) compares each block with the one right before
    it; ``false`` reports any later repeat on the page. ``min_words`` skips
    short blocks ("Next", "FAQ"). The rule's ``scope`` chooses the blocks
    compared (default: headings).
    """

    FIELDS: ClassVar[frozenset[str]] = frozenset({"adjacent", "min_words", "case_sensitive"})
    level: ClassVar[str] = "document"
    weighs_statements: ClassVar[bool] = False

    adjacent: bool = True
    min_words: int = 2
    case_sensitive: bool = False

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> RepetitionCheck:
        return cls(
            adjacent=reader.boolean("adjacent", True),
            min_words=_positive_int(reader, "min_words", 2),
            case_sensitive=reader.boolean("case_sensitive", False),
        )

    def _key(self, document: Document, block: Block) -> str | None:
        words = _WORD.findall(document.prose[block.start : block.end])
        if len(words) < self.min_words:
            return None
        text = " ".join(words)
        return text if self.case_sensitive else text.lower()

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]:
        kinds = rule.scope or frozenset({"heading"})
        seen: dict[str, Block] = {}
        previous: tuple[str | None, Block] | None = None
        for block in _body_blocks(document):
            key = self._key(document, block) if block.kind in kinds else None
            earlier = None
            if key is not None:
                if self.adjacent:
                    if previous is not None and previous[0] == key:
                        earlier = previous[1]
                else:
                    earlier = seen.get(key)
                    seen.setdefault(key, block)
            previous = (key, block)
            if earlier is None:
                continue
            line, column = document.position(earlier.start)
            related = Related(document.path, line, column, document.text[earlier.start : earlier.end])
            yield Hit(block.start, block.end, related=(related,))


# A boundary that ends a sentence, not a label's colon.
_SENTENCE_END_MARK = compiled(r"[.!?]")


class TruncationCheck(msgspec.Struct, frozen=True):
    """Report a paragraph or list item whose last sentence is cut off.

    The tail of an item (the text after its last sentence boundary) is cut off
    when it does not end with one of ``endings`` and either has at least
    ``min_words`` words and follows a complete sentence or label in the same
    item (``boundaries``) and reads as a clause (it has one of ``verbs``, by
    default the auxiliary verbs: is, can, may, have...), or has at least
    ``dangling_min_words`` words and
    ends with one of the ``dangling`` words ("of", "the"...), unless it ends
    with one of ``complete_phrases`` ("goes in", "early on": a verb's particle
    or an adverb, which ends a sentence). A list item whose tail is a clause after
    a label is reported only where the list's other items end with one of
    ``endings``: a list written without full stops is a style. Short items
    without a full stop ("Contact us") are normal and not reported. In plain
    text, lines starting with ``item_marker`` are list items. The rule's
    ``scope`` chooses the blocks (default: paragraphs and list items).
    """

    FIELDS: ClassVar[frozenset[str]] = frozenset(
        {
            "min_words",
            "dangling_min_words",
            "endings",
            "boundaries",
            "dangling",
            "complete_phrases",
            "verbs",
            "item_marker",
        }
    )
    level: ClassVar[str] = "document"
    weighs_statements: ClassVar[bool] = False

    min_words: int
    dangling_min_words: int
    verbs: frozenset[str]
    endings: str
    boundaries: regex.Pattern[str]
    dangling: frozenset[str]
    complete_phrases: frozenset[tuple[str, ...]]
    item_marker: regex.Pattern[str]

    @classmethod
    def from_fields(cls, reader: FieldReader, context: ParseContext) -> TruncationCheck:
        return cls(
            min_words=_positive_int(reader, "min_words", 8),
            dangling_min_words=_positive_int(reader, "dangling_min_words", 3),
            verbs=frozenset(w.lower() for w in reader.string_list("verbs"))
            if "verbs" in reader.fields
            else _AUXILIARIES,
            endings=reader.string("endings", ".!?:;)]\"'\u201d\u2019\u2026"),
            boundaries=_regex_field(reader, "boundaries", r"[.!?:;]+[\"')\]\u201d\u2019]*(?=\s)"),
            dangling=frozenset(w.lower() for w in reader.string_list("dangling")),
            complete_phrases=frozenset(tuple(p.lower().split()) for p in reader.string_list("complete_phrases")),
            item_marker=_regex_field(
                reader, "item_marker", r"^[ \t]*(?:[\u2022\u25cf\u25aa*\u2013-]|\d{1,3}[.)])[ \t]+"
            ),
        )

    def _items(self, document: Document, block: Block) -> Iterator[tuple[int, int]]:
        """The list items of a block (the block itself when it has none)."""
        start = block.start
        for marker in self.item_marker.finditer(document.prose, block.start, block.end):
            if marker.start() > start:
                yield start, marker.start()
            start = marker.end()
        yield start, block.end

    def _cut_tail(self, document: Document, start: int, end: int) -> tuple[int, int, bool] | None:
        """The cut-off tail of an item, and whether it is sure to be one: it ends with a dangling word, or
        follows a sentence of its own item (not only a label: "Smoother skin: our massage is...")."""
        prose = document.prose
        while end > start and prose[end - 1].isspace():
            end -= 1
        # Markup right after the text (a template value, a code span, a link) may end it.
        after = end
        while after < len(prose) and prose[after] == " " and document.text[after] != "\n":
            after += 1
        if not _only_tags(document.text, end, after):
            return None
        # Decoration after the last word (emoji, arrows, blank braille cells) is not text.
        while end > start and _DECORATION.match(prose[end - 1]):
            end -= 1
        if end <= start or prose[end - 1] in self.endings:
            return None
        boundary = None
        for match in self.boundaries.finditer(prose, start, end):
            boundary = match
        tail_start = boundary.end() if boundary else start
        while tail_start < end and prose[tail_start].isspace():
            tail_start += 1
        words = _WORD.findall(prose, tail_start, end)
        if not words:
            return None
        if _OUTER_PUNCTUATION.sub("", words[-1]).lower() in self.dangling and not self._ends_complete(words):
            return (tail_start, end, True) if len(words) >= self.dangling_min_words else None
        if boundary is None or len(words) < self.min_words:
            return None
        # "Address: 14 Orchard Lane, Millbrook, near the station" is a label, not a sentence.
        if self.verbs and not any(w.lower() in self.verbs for w in words):
            return None
        return tail_start, end, _SENTENCE_END_MARK.search(boundary.group()) is not None

    def _ends_sentence(self, document: Document, start: int, end: int) -> bool:
        last = document.prose[start:end].rstrip()[-1:]
        return bool(last) and last in self.endings

    def _ends_complete(self, words: list[str]) -> bool:
        """Whether the words end with one of ``complete_phrases``."""
        read = tuple(_OUTER_PUNCTUATION.sub("", word).lower() for word in words)
        return any(read[-len(phrase) :] == phrase for phrase in self.complete_phrases if phrase)

    def hits(self, document: Document, rule: Rule) -> Iterator[Hit]:
        kinds = rule.scope or frozenset({"paragraph", "list", "blockquote"})
        for items in self._lists(document, kinds):
            # Counted once a list: asking every other item for each cut one was quadratic in a long list.
            ending = [self._ends_sentence(document, *item) for item in items]
            ended = sum(ending)
            for number, (start, end) in enumerate(items):
                cut = self._cut_tail(document, start, end)
                if cut is None:
                    continue
                tail_start, tail_end, sure = cut
                # Items written without full stops ("- Smoother skin: our massage is proven to banish
                # cellulite") are a list's style: a clause after a label is cut off only where the list's
                # other items end with one.
                if sure or len(items) == 1 or ended - ending[number] > 0:
                    yield Hit(tail_start, tail_end)

    def _lists(self, document: Document, kinds: frozenset[str]) -> Iterator[list[tuple[int, int]]]:
        """The items of each block, with a list's items (one block each, in Markdown and HTML) together."""
        items: list[tuple[int, int]] = []
        for block in _body_blocks(document):
            if block.kind != "list" and items:
                yield items
                items = []
            if block.kind not in kinds:
                continue
            if block.kind == "list":
                items.extend(self._items(document, block))
            else:
                yield list(self._items(document, block))
        if items:
            yield items
