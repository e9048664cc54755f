"""A document: the original text, its prose view, and where each line and block starts.

The prose view has exactly the length of the original text. Non-prose (code,
markup, URLs, template tags...) is blanked to spaces with newlines kept, and
typographic variants are folded (curly apostrophes to ``'``, Unicode hyphens to
``-``, no-break spaces to spaces), so a match at offset ``i`` in the prose is
the same characters at offset ``i`` in the original, and line:column maps
straight back to the file. The one exception is a word that markup drawn as
nothing splits ("<b>Pain</b>less", see Join): its characters stand together in
the prose, and ``file_span`` puts a match back on the file's characters.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cached_property
from typing import Any

import msgspec
import regex

from medlint.own_patterns import compiled

# Characters folded in the prose view: one character in, one character out.
TYPOGRAPHIC_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u00ad": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": " ",
        "\t": " ",
        "\r": " ",
        "\f": " ",
    }
)

BLOCK_KINDS = frozenset({"heading", "paragraph", "list", "blockquote", "table", "title", "description", "alt"})

_ATTRIBUTE_KINDS = frozenset({"alt", "title", "description"})
# A full stop that ends a sentence: not that of a title or an abbreviation written inside one
# ("Dr. Harlow", "Prof. Lee", "e.g. PRP", "Smith et al. found", "PRP vs. steroids").
SENTENCE_STOP = r"(?:[!?]|\.(?<!\b(?:Dr|Drs|Mr|Mrs|Ms|Mx|Prof|St|Jr|Sr|vs|e\.g|i\.e|cf|approx|al)\.))"
_SENTENCE_END = compiled(SENTENCE_STOP + r"[.!?]*[\"')\]]*(?=\s|$)")
_PUNCTUATION_BEFORE = compiled(r"(?r)[.!?][\"')\]]*")
# Characters a sentence reaches on either side of what it holds, at most (less where a line ends).
LONGEST_SENTENCE = 1_000
_LONE_CR = compiled(r"\r(?!\n)")
# Markup blanked, or a line broken, beside the hyphen of a hyphenated word ("risk-*free*").
_SPACE_BY_HYPHEN = compiled(r"(?<=\w-) (?=\w)|(?<=\w) (?=-\w)")
# Markup blanked between a currency sign and its amount ('<span class="currency">$</span>750'):
# a reader sees "$750", and a message quotes it so.
_SPACE_AFTER_CURRENCY = compiled(r"(?<=[$\u00a3\u20ac\u00a5]) (?=\d)")
# Shortcodes that style the words they enclose, as <b> or <mark> does, WordPress's ("100%
# [highlight]safe[/highlight]") and Hugo's ("{{< mark >}}safe{{< /mark >}}"): the words run on.
INLINE_SHORTCODES = (
    r"(?:b|i|u|em|strong|bold|italic|underline|mark|highlight|hl|tooltip|abbr|span|colou?r|font"
    r"|su_highlight|su_tooltip|su_label)(?=[\s\]/>%])"
)
# Blanked markup that parts the words on either side of it: a Markdown table's cell border, a line
# break or a block-level HTML tag, code, a template tag, a JSX expression, a shortcode; an image
# only where a line break stands beside it (see _image_on_a_line).
# Inline markup (emphasis, a link, <b>, a comment, &nbsp;, an inline shortcode) leaves a reader one phrase.
_BREAKING_MARKUP = compiled(
    # A JSX expression, but for the space JSX writes between words: {" "}, {'\u00a0'}.
    r"""\||`|!\[|\{(?!\s*(?:"(?:\s|\\u00a0|\\xa0)*"|'(?:\s|\\u00a0|\\xa0)*')\s*\})"""
    r"""(?!\{?[<%]\s*/?\s*""" + INLINE_SHORTCODES + ")"
    r"""|<(?:br|hr|img|/?(?:p|div|li|ul|ol|dl|dt|dd|td|th|tr|table|thead|tbody|tfoot|caption"""
    r"""|h[1-6]|blockquote|section|article|header|footer|nav|aside|main|figure|figcaption|pre|code|kbd|samp"""
    r"""|script|style|iframe|video|audio|picture|object|embed|svg|math|button|form|input|select|textarea"""
    r"""|option|label|details|summary))\b|\[/?(?!""" + INLINE_SHORTCODES + r""")[a-z][\w-]*(?=[\s\]/])""",
    regex.IGNORECASE,
)

# What of _BREAKING_MARKUP draws a picture: a Markdown image, an <img>, an inline SVG, a <picture>,
# an image button (<input type=image>).
# Between a sentence's words on its line, it is part of the sentence, with alt text or without.
_IMAGE_MARKUP = compiled(
    r"""!\[|<(?:img|/?(?:svg|picture))\b|<input\b[^<>]*?\stype\s*=\s*["']?image\b""", regex.IGNORECASE
)


def _image_on_a_line(prose: str, at: int, start: int, end: int) -> int:
    """Where the blanks around the picture whose markup starts at ``at`` end, if it stands between
    two words of one line of ``prose[start:end]`` (-1 if a line break or the span's end is there).

    A reader sees "no [picture] side effects" as one sentence, as a picture with alt text is read (its
    alt text set aside); a picture on a line of its own, between two lines, parts them.
    """
    before = at
    while before > start and prose[before - 1].isspace():
        before -= 1
    after = at
    while after < end and prose[after].isspace():
        after += 1
    if before == start or after == end or "\n" in prose[before:after]:
        return -1
    return after


# A Markdown hard line break: two or more spaces before a line's end render as a <br>.
_HARD_LINE_BREAK = compiled(r" {2,}\r?\n")
_HARD_LINE_BREAK_FORMATS = frozenset({"markdown", "mdx"})


def lone_cr_as_lf(text: str) -> str:
    """``text`` with each lone CR (the line end of classic Mac files) as LF: same length, same offsets.

    The formats find lines, blank lines and line-start markup by LF; this way a
    file whose lines end in CR alone reads line by line, as its editor shows it.
    """
    crs = text.count("\r")
    return _LONE_CR.sub("\n", text) if crs and crs != text.count("\r\n") else text


class Join(msgspec.Struct, frozen=True):
    """A word a browser draws whole that markup inside it splits in the file ("<b>Pain</b>less").

    ``gaps`` are the runs of markup that draw nothing ("</b>", "&shy;", a comment), in order; the
    first starts at ``start``. In the prose view the word's characters from ``start`` to ``end``
    stand together at ``start`` ("less"), the blanks of the gaps after them, so a pattern reads
    "Painless"; a span found there is put back on the file's characters by ``Document.file_span``.
    A gap may draw a letter: ``drawn`` holds what each gap draws ("" for none), as a character
    reference for one does ("caf&eacute;s" reads "cafés"), standing in its place among the word's.

    A gap may hold prose of its own that stands apart from the sentence around it: a tooltip
    (``100% <abbr title="guaranteed">safe</abbr>.``). Such a gap is an aside: the sentence's
    characters close up over it, up to its end ("100% safe."), and the gap's prose view (the
    tooltip, its tag blanked) follows them at the end of the join, to be read on its own.
    """

    start: int
    end: int
    gaps: tuple[tuple[int, int], ...]
    drawn: tuple[str, ...] = ()
    asides: tuple[bool, ...] = ()

    def drawn_by(self, gap: int) -> str:
        """What the ``gap``-th gap draws: "" for markup, its letter for a character reference."""
        return self.drawn[gap] if self.drawn else ""

    def is_aside(self, gap: int) -> bool:
        return bool(self.asides) and self.asides[gap]

    @property
    def tail_start(self) -> int:
        """Where the blanks of the gaps (and the prose of asides) start in the prose view."""
        return self.end - sum(end - start - len(self.drawn_by(n)) for n, (start, end) in enumerate(self.gaps))

    def tail_places(self) -> list[tuple[int, int, int]]:
        """For each gap, in order: where its piece of the tail starts in the prose, and its file span."""
        places, position = [], self.tail_start
        for number, (start, end) in enumerate(self.gaps):
            drawn = len(self.drawn_by(number))
            places.append((position, start + drawn, end))
            position += end - start - drawn
        return places


def _tail_offset(join: Join, offset: int, is_end: bool) -> int:
    """Where the prose ``offset`` in the tail of ``join`` (see Join) stands in the file."""
    places = join.tail_places()
    for place, file_start, file_end in places:
        length = file_end - file_start
        if offset < place + length or (is_end and offset == place + length):
            return file_start + offset - place
    return places[-1][2]


class Block(msgspec.Struct, frozen=True):
    """A run of prose of one kind (a heading, a paragraph, a list item, alt text...)."""

    start: int
    end: int
    kind: str


class Document(msgspec.Struct, dict=True, eq=False):
    """One checked file (or stdin), decoded, with its prose view.

    Compared by identity: two reads of one file are two documents. (``dict``: room for the
    ``cached_property`` answers below.)
    """

    path: str
    text: str
    prose: str
    format: str
    blocks: tuple[Block, ...] = ()
    # Character references blanked in the prose, with the character each stands for (medlint.formats).
    references: tuple[tuple[int, int, str], ...] = ()
    # Prose that fixes must leave as written: a Markdown label naming a reference definition.
    labels: tuple[tuple[int, int], ...] = ()
    # A Markdown reference link's text (``[PRP]`` of ``[PRP][1]``) with the destination its
    # definition gives (``[1]: /prp``): a raw condition reads the link as ``[PRP](/prp)``.
    link_destinations: tuple[tuple[int, int, str], ...] = ()
    # Words drawn whole that markup splits in the file, in order (medlint.formats.masking).
    joins: tuple[Join, ...] = ()
    # Markup never closed that hides the rest of the page (a code fence, a comment): where it
    # opens and what it hides. The page is read as it is shown; the user is told (a notice).
    warnings: tuple[tuple[int, str], ...] = ()
    # Answers of rule conditions asked about this document (medlint.context.Condition).
    condition_answers: dict[tuple[str, bool, bool, int, int], bool] = msgspec.field(default_factory=dict)
    # Every pattern's matches on this page, and the page's prose as RE2 reads it (medlint.guided).
    pattern_matches: dict[tuple[str, bool, bool], list[Any]] = msgspec.field(default_factory=dict)
    pattern_views: dict[str, Any] = msgspec.field(default_factory=dict)
    _line_starts: list[int] = msgspec.field(default_factory=list)
    _sentence_end_cache: dict[tuple[int, int], tuple[list[int], list[int]]] = msgspec.field(default_factory=dict)
    _block_starts: list[int] = msgspec.field(default_factory=list)
    _block_parents: list[int] = msgspec.field(default_factory=list)
    _sentence_bounds: dict[tuple[int, int], tuple[int, int]] = msgspec.field(default_factory=dict)
    # What medlint.context worked out around a place ("clause words", "disowned"...): rules that
    # match in the same place ask the same questions.
    context_answers: dict[tuple[str, int] | tuple[str, int, int], Any] = msgspec.field(default_factory=dict)
    # Whether a suppression comment turns a rule (by id) off at an offset: the engine sets it from the
    # page's comments (medlint.suppressions), for checks that weigh statements against each other.
    suppressed: Callable[[str, int], bool] = lambda rule_id, offset: False
    # Whether an offset lies in text a suppression hides a finding of, whatever the rule: a quote,
    # which those checks leave out too (set by the engine before they run).
    quoted: Callable[[int], bool] = lambda offset: False

    def __repr__(self) -> str:  # not the whole page, nor what was worked out about it
        return f"Document(path={self.path!r}, format={self.format!r}, {len(self.text)} characters)"

    def warning_notices(self) -> list[str]:
        """The page's warnings as notices: the page, the line and what is hidden."""
        return [f"{self.path}: line {self.position(offset)[0]}: {problem}" for offset, problem in self.warnings]

    def not_the_pages(self, rule_id: str, offset: int) -> bool:
        """Whether the statement at ``offset`` is left out when a rule weighs the page's statements."""
        return self.suppressed(rule_id, offset) or self.quoted(offset)

    def __post_init__(self) -> None:
        if len(self.prose) != len(self.text):
            raise ValueError("prose view must have the length of the text")
        starts = [0]
        find = lone_cr_as_lf(self.text).find  # a lone CR ends a line too, as editors show it
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts
        # Outer blocks sort before the blocks inside them, and attribute prose (alt,
        # title, description) after a block of the same span, so block_at finds the
        # innermost, most specific block.
        self.blocks = tuple(sorted(self.blocks, key=lambda b: (b.start, -b.end, b.kind in _ATTRIBUTE_KINDS)))
        self._block_starts = [b.start for b in self.blocks]
        # For each block, the innermost earlier block around its start (-1: none): block_at climbs
        # these from the last block starting at or before an offset, however many blocks lie between.
        self._block_parents = []
        open_blocks: list[int] = []
        for index, block in enumerate(self.blocks):
            while open_blocks and self.blocks[open_blocks[-1]].end <= block.start:
                open_blocks.pop()
            self._block_parents.append(open_blocks[-1] if open_blocks else -1)
            open_blocks.append(index)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``prose[start:end]`` stands in the file: the same span but for a word markup splits.

        The span's first and last characters are the file's own there, and whatever markup the word
        holds between them lies inside it ("<b>Pain</b>less" matched as "Painless" is "Pain</b>less").
        """
        if not self.joins:
            return start, end
        return self._file_offset(start, False), self._file_offset(end, True)

    def _file_offset(self, offset: int, is_end: bool) -> int:
        index = bisect.bisect_right(self._join_starts, offset) - 1
        if index < 0 or offset >= self.joins[index].end:
            return offset
        join = self.joins[index]
        if join.asides and (offset > join.tail_start or (offset == join.tail_start and not is_end)):
            return _tail_offset(join, offset, is_end)
        prose_at = file_at = join.start  # where the prose and the file stand after the gaps passed
        for number, (gap_start, gap_end) in enumerate(join.gaps):
            before = prose_at + gap_start - file_at  # where the gap's drawing stands in the prose
            drawn = len(join.drawn_by(number))
            # A span's end stays before markup that follows its last character; a start goes past it.
            if offset < before or (is_end and offset == before):
                break
            # A letter a reference draws: the span takes the whole reference.
            if offset < before + drawn or (is_end and drawn and offset == before + drawn):
                return gap_end if is_end else gap_start
            prose_at, file_at = before + drawn, gap_end
        return min(file_at + offset - prose_at, join.end)

    def prose_at(self, offset: int) -> str:
        """The prose view's character for the file's character at ``offset`` (a blank for markup)."""
        index = bisect.bisect_right(self._join_starts, offset) - 1 if self.joins else -1
        if index < 0 or offset >= self.joins[index].end:
            return self.prose[offset]
        join = self.joins[index]
        shift = 0
        for number, (gap_start, gap_end) in enumerate(join.gaps):
            if offset < gap_start:
                break
            drawn = join.drawn_by(number)
            if offset < gap_end and join.is_aside(number):
                return self.prose[join.tail_places()[number][0] + offset - gap_start]
            if offset < gap_end:
                return drawn[offset - gap_start] if offset - gap_start < len(drawn) else " "
            shift += gap_end - gap_start - len(drawn)
        return self.prose[offset - shift]

    def joins_in(self, start: int, end: int) -> list[Join]:
        """The split words (see Join) whose markup lies in, or runs into, the file's ``start:end``."""
        if not self.joins:
            return []
        first = max(bisect.bisect_right(self._join_starts, start) - 1, 0)
        last = bisect.bisect_left(self._join_starts, end)
        return [j for j in self.joins[first:last] if j.start < end and start < j.end]

    @cached_property
    def file_prose(self) -> str:
        """The prose view with each character in its file character's place: ``prose_at`` for every offset.

        The same as ``prose`` but in split words (see Join), whose characters the prose view moves.
        """
        if not self.joins:
            return self.prose
        pieces, position = [], 0
        for join in self.joins:
            pieces += [self.prose[position : join.start], "".join(map(self.prose_at, range(join.start, join.end)))]
            position = join.end
        return "".join(pieces) + self.prose[position:]

    @cached_property
    def _join_starts(self) -> list[int]:
        return [join.start for join in self.joins]

    @cached_property
    def folded(self) -> str:
        """The prose view, lower-cased: for cheap literal pre-checks."""
        return self.prose.lower()

    @cached_property
    def spaced_text(self) -> str:
        """The original text with each white-space character reference (``&nbsp;``) as that many spaces.

        What a ``raw`` condition reads: markup kept, as a citation's link target needs,
        but "et&nbsp;al.,&nbsp;2015" spaced as a reader sees it. Same length, same offsets.
        """
        spaces = [(start, end) for start, end, character in self.references if character.isspace()]
        if not spaces:
            return self.text
        parts, position = [], 0
        for start, end in spaces:
            parts += [self.text[position:start], " " * (end - start)]
            position = end
        return "".join(parts) + self.text[position:]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def quote(self, start: int, end: int) -> str:
        """The words of a span as a message quotes them: on one line, with markup between them left out.

        Read as ``reading`` reads them: an apostrophe written as a reference is one
        apostrophe ("you'll"), not the run of them the prose holds in its place. A
        hyphenated word keeps its hyphen's side whole: "risk-*free*" is "risk-free".
        """
        quoted = _SPACE_BY_HYPHEN.sub("", " ".join(self.reading(start, end).split()))
        return _SPACE_AFTER_CURRENCY.sub("", quoted) if " " in quoted else quoted

    def parts_words(self, start: int, end: int) -> bool:
        """Whether ``prose[start:end]`` crosses from one block to another, or over markup between its words.

        Blanked markup keeps its length, so a pattern's run of white space may pass over a table's cell
        border ("| no side | effects |"), a ``<br>`` (or Markdown's two spaces before a line's end), a
        code span or a picture on a line of its own, where a reader sees two phrases, or over a
        character reference for punctuation
        ("risk&mdash;free"), which is no space either.
        """
        if end - start < 2:
            return False
        first, last = self.block_at(start), self.block_at(end - 1)
        if first is not None and last is not None and first != last and not self._one_paragraph(first, last):
            return True
        if self._punctuation_reference_in(start, end):
            return True
        prose = self.prose
        image_run_end = -1  # the end of the blanks around the last inline image found (see _image_on_a_line)
        for markup in _BREAKING_MARKUP.finditer(self.text, start, end):
            if not prose[markup.start() : markup.end()].isspace():
                continue
            if _IMAGE_MARKUP.match(self.text, markup.start(), end) is None:
                return True
            if markup.start() < image_run_end:
                continue  # another tag of the same picture (<picture><img></picture>)
            image_run_end = _image_on_a_line(prose, markup.start(), start, end)
            if image_run_end == -1:
                return True
        return self.format in _HARD_LINE_BREAK_FORMATS and _HARD_LINE_BREAK.search(self.text, start, end) is not None

    def _punctuation_reference_in(self, start: int, end: int) -> bool:
        """Whether a reference in the span stands for punctuation or a symbol: a dash, a bullet, a pipe."""
        first = bisect.bisect_left(self._reference_starts, start)
        for ref_start, _, character in self.references[first:]:
            if ref_start >= end:
                return False
            folded = character.translate(TYPOGRAPHIC_FOLD)
            if not (folded.isspace() or folded.isalnum() or folded in "-'"):
                return True
        return False

    def _one_paragraph(self, first: Block, last: Block) -> bool:
        """Whether two paragraphs are one as written: a line break apart, no blank line or markup between.

        Markdown ends an HTML block at its line's end ("<!-- note --> Sperm" then "cells..."), where
        the writer wrote one paragraph.
        """
        between = self.text[first.end : last.start]
        return first.kind == last.kind == "paragraph" and not between.strip() and between.count("\n") <= 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based (line, column), as ``position`` gives them."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The original text of a 1-based line, without its line ending."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def block_at(self, offset: int) -> Block | None:
        """The prose block holding ``offset``, if any."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        while index >= 0:
            block = self.blocks[index]
            if offset < block.end:
                return block
            index = self._block_parents[index]
        return None

    def kind_at(self, offset: int) -> str:
        block = self.block_at(offset)
        return block.kind if block else "paragraph"

    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        """The block around ``offset``; between blocks, the blank-line-separated run."""
        block = self.block_at(offset)
        if block is not None:
            return block.start, block.end
        # The nearest blank lines, from the page's blank lines found once: searching the prose from
        # each finding would read a long run without one (a page no format splits into blocks) once
        # per finding.
        blank_lines = self._blank_lines
        index = bisect.bisect_right(blank_lines, offset - 2)
        start = blank_lines[index - 1] + 2 if index else 0
        index = bisect.bisect_left(blank_lines, offset, index)
        end = blank_lines[index] if index < len(blank_lines) else len(self.prose)
        return start, end

    def section_bounds(self, offset: int) -> tuple[int, int]:
        """The heading at or before ``offset`` and the prose up to the next heading (the page's start or
        end where there is none): a list's items are read with the heading they stand under."""
        starts = self._heading_starts
        index = bisect.bisect_right(starts, offset)
        return (starts[index - 1] if index else 0), (starts[index] if index < len(starts) else len(self.prose))

    @cached_property
    def _heading_starts(self) -> list[int]:
        return sorted(block.start for block in self.blocks if block.kind == "heading")

    @cached_property
    def _blank_lines(self) -> list[int]:
        """Where each "\\n\\n" of the prose starts (overlapping ones too: "\\n\\n\\n" is two)."""
        prose, found = self.prose, []
        at = prose.find("\n\n")
        while at >= 0:
            found.append(at)
            at = prose.find("\n\n", at + 1)
        return found

    def _sentence_ends(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """Where the sentence ends of ``prose[start:end]`` start and end, found once per paragraph."""
        key = (start, end)
        if key not in self._sentence_end_cache:
            spans = [m.span() for m in _SENTENCE_END.finditer(self.prose, start, end)]
            self._sentence_end_cache[key] = ([s for s, _ in spans], [e for _, e in spans])
        return self._sentence_end_cache[key]

    def reading(self, start: int, end: int) -> str:
        """``prose[start:end]`` as a reader reads it, for the words in it, not for offsets.

        A character reference is blanked in the prose so offsets stay the file's,
        which splits the word it stands in ("don&#8217;t" is "don       t"); here
        each one whole inside the span is its character again ("don't").
        """
        parts = []
        position = start
        for ref_start, ref_end, character in self.references_between(start, end):
            parts += [self.prose[position:ref_start], character]
            position = ref_end
        return "".join(parts) + self.prose[position:end] if parts else self.prose[start:end]

    @cached_property
    def _reference_starts(self) -> list[int]:
        return [start for start, _, _ in self.references]

    def references_between(self, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
        """The character references wholly inside ``prose[start:end]``, in order."""
        if not self.references:
            return ()
        first = bisect.bisect_left(self._reference_starts, start)
        last = bisect.bisect_left(self._reference_starts, end)
        return tuple(ref for ref in self.references[first:last] if ref[1] <= end)

    def sentence_bounds(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The sentence (within its paragraph) that holds ``start`` (and ``end``)."""
        end = start if end is None else end
        known = self._sentence_bounds.get((start, end))
        if known is None:
            known = self._sentence_bounds[(start, end)] = self._find_sentence_bounds(start, end)
        return known

    def _find_sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        para_start, para_end = self.paragraph_bounds(start)
        sentence_start = para_start
        if start > para_start:
            # The last sentence end at or before ``start``, from the paragraph's ends found once
            # (rescanning the paragraph up to each match is quadratic on one long paragraph).
            # Scanned up to ``start`` only, punctuation just before it would end a sentence there.
            if _PUNCTUATION_BEFORE.match(self.prose, para_start, start):
                sentence_start = start
            else:
                ends = self._sentence_ends(para_start, para_end)[1]
                index = bisect.bisect_right(ends, start) - 1
                if index >= 0:
                    sentence_start = ends[index]
        sentence_end = self._next_sentence_end(max(end, para_start), para_start, para_end)
        sentence_start, sentence_end = self._between_headings(sentence_start, sentence_end, start, end)
        # Text with no sentence punctuation (a keyword list, a page of line-broken fragments) would
        # make every match's sentence the whole paragraph, and every check around a match read it all.
        # Past LONGEST_SENTENCE on a side, the nearest line break on that side ends the sentence: in
        # such text a line is an item of its own, and a match's checks read one line, not a window.
        if start - sentence_start > LONGEST_SENTENCE:
            line_start = self.prose.rfind("\n", start - LONGEST_SENTENCE, start)
            sentence_start = line_start + 1 if line_start >= 0 else start - LONGEST_SENTENCE
        if sentence_end - end > LONGEST_SENTENCE:
            line_end = self.prose.find("\n", end, end + LONGEST_SENTENCE)
            sentence_end = line_end if line_end >= 0 else end + LONGEST_SENTENCE
        return sentence_start, max(sentence_end, end)

    def _between_headings(self, first: int, last: int, start: int, end: int) -> tuple[int, int]:
        """``first:last`` narrowed to leave out a heading inside it before ``start`` or after ``end``.

        A heading is never part of a sentence, but in MDX and Astro a component's title prop (a
        heading) opens the paragraph of the text the component holds: in
        ``<Callout title="Before flu season">Our drip detoxes your liver.`` the sentence starts at "Our".
        """
        index = bisect.bisect_left(self._block_starts, first)
        while index < len(self.blocks) and self.blocks[index].start < last:
            block = self.blocks[index]
            if block.kind == "heading":
                if block.end <= start:
                    first = max(first, block.end)
                elif block.start >= end:
                    return first, block.start
            index += 1
        return first, last

    def _next_sentence_end(self, origin: int, para_start: int, para_end: int) -> int:
        """Where a search for a sentence end from ``origin`` stops (the paragraph's end if none)."""
        starts, ends = self._sentence_ends(para_start, para_end)
        index = bisect.bisect_left(starts, origin)
        # ``origin`` inside an end found from further back: a search from here finds the same
        # end if it starts on the punctuation, else the next one.
        if index and ends[index - 1] > origin and self.prose[origin] in ".!?":
            return ends[index - 1]
        if index < len(starts):
            return ends[index]
        return para_end
