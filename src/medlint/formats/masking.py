"""Shared masking machinery: mark spans as non-prose, then build the prose view."""

from __future__ import annotations

import bisect
import html
from collections.abc import Callable, Iterator, Sequence

import msgspec
import regex

from medlint.document import INLINE_SHORTCODES, SENTENCE_STOP, TYPOGRAPHIC_FOLD, Block, Join
from medlint.own_patterns import compiled

_NOT_NEWLINE = compiled(r"[^\n]+")
_MARKED = compiled(rb"\x01+")

# Template tags of Jinja, Liquid, Nunjucks, Django and Hugo shortcodes.
TEMPLATE_TAG = compiled(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", regex.DOTALL)
_TEMPLATE_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
# Template blocks whose body is not prose either: a Liquid or Django comment, and code to
# highlight (Liquid's highlight tag, Hugo's highlight shortcode). The opening tag names the block.
_NON_PROSE_BLOCK = compiled(r"\{%-?\s*(comment|highlight)\b|\{\{[<%]\s*(highlight)\b")
_NON_PROSE_BLOCK_END = {
    "comment": compiled(r"\{%-?\s*endcomment\s*-?%\}"),
    "highlight": compiled(r"\{%-?\s*endhighlight\s*-?%\}|\{\{[<%]\s*/\s*highlight\s*[>%]\}\}"),
}
URL = compiled(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
)
# Every URL match holds one of these, and none crosses a line end.
URL_NEEDLES = ("://", "www.", "@")
_WEB_ADDRESS_START = compiled(r"\b(?:https?|ftp)://|\bwww\.")
_LOCAL_PART_BEFORE = compiled(r"(?r)[\w.+-]+")
_WORD_BOUNDARY = compiled(r"\b")
# Characters drawn as nothing: a soft hyphen (shown only where a line breaks), zero-width spaces,
# joiners and the word joiner, and a byte-order mark; and the character references for them.
ZERO_WIDTH_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
ZERO_WIDTH_REFERENCE = (
    r"&(?:shy|zwj|zwnj|ZeroWidthSpace|NoBreak|#0*+(?:173|820[345]|8288|65279)"
    r"|#[xX]0*+(?:[aA][dD]|200[bBcCdD]|2060|[fF][eE][fF][fF]));"
)
# Markup a browser draws as nothing between two characters of a word: an inline element's tags
# ("Gu<span class=hl>aranteed</span>"), a JSX component's that wraps letters ("<Hl>Pain</Hl>less";
# one that closes itself draws an icon or a widget), a styling shortcode's ("[hl]Pain[/hl]less",
# "{{< mark >}}Pain{{< /mark >}}less"), a comment (a JSX one too), a <wbr>, the characters above,
# and Markdown's emphasis and links inside a word ("**Pain**less", "pain[less](/faq)"). Only where
# it is masked (or is such a character) and stands between two characters of words does it join
# them (see Mask.result).
_INLINE_ELEMENTS = "a|abbr|b|bdi|bdo|cite|data|dfn|em|font|i|ins|mark|q|small|span|strong|time|u"
_IN_WORD_MARKUP = compiled(
    # Case-blind in scoped groups only: a pattern-wide IGNORECASE makes the scan of a page 3x slower.
    r"(?<=[\w'-])(?:<(?i:/?(?:" + _INLINE_ELEMENTS + r")(?=[\s/>])|wbr\b)[^<>]*+>|<!--.*?-->"
    r"|</?[A-Z][\w.]*+(?=[\s/>])[^<>]*+(?<!/)>|\{/\*.*?\*/\}"
    r"|\[/?(?i:"
    + INLINE_SHORTCODES
    + r")[^\[\]\n]*+\]|\{\{[<%]\s*+/?\s*+(?i:"
    + INLINE_SHORTCODES
    + r")[^{}\n]*?[>%]\}\}"
    r"|(?i:" + ZERO_WIDTH_REFERENCE + r")|[" + ZERO_WIDTH_CHARACTERS + r"]|\*++"
    # A Markdown link's brackets, target or label inside a word: "pain[less](/faq)", "pain[less][faq]".
    # Each before a word's next character, or a reference that may draw one ("<b>pa</b>&iacute;nless").
    r"|\[|\](?:\([^()\n]*+\)|\[[^\[\]\n]*+\])?)++(?=[\w'&-])",
    regex.DOTALL,
)
# The characters a match of _IN_WORD_MARKUP starts with.
_IN_WORD_OPENERS = "<&*[]{" + ZERO_WIDTH_CHARACTERS
# The rest of a word in the prose view, after markup inside it.
_WORD_REST = compiled(r"[\w'-]*+")


def url_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """The spans ``URL.finditer(text, start, end)`` gives, in linear time.

    Run as a scan, the e-mail half of URL tries every position of a long run
    of word characters and dots, each time to the end of the run: quadratic
    (seconds for 40 KB of ``a.a.a.``). A match can only start where a web
    address starts, or in the run of name characters just before an ``@``,
    at its first word boundary (if the address after the ``@`` fails there,
    it fails from any later start in the run too). Trying URL only there, in
    order, gives the same matches.
    """
    stop = len(text) if end is None else end
    candidates = [(web, -1) for web in _web_address_starts(text, start, stop)]
    at = text.find("@", start, stop)
    while at != -1:
        local = _LOCAL_PART_BEFORE.match(text, start, at)
        if local is not None:
            candidates.append((local.start(), at))
        at = text.find("@", at + 1, stop)
    candidates.sort()
    position = start
    for candidate, at in candidates:
        if at != -1:
            if at < position:
                continue
            # The run may begin inside the previous match: start at its first boundary after that.
            boundary = _WORD_BOUNDARY.search(text, max(candidate, position), at)
            if boundary is None or boundary.start() >= at:
                continue
            candidate = boundary.start()
        elif candidate < position:
            continue
        match = URL.match(text, candidate, stop)
        if match is not None and match.end() > match.start():
            yield match.span()
            position = match.end()


def _web_address_starts(text: str, start: int, stop: int) -> Iterator[int]:
    """Where ``_WEB_ADDRESS_START.finditer(text, start, stop)`` finds matches (not in order).

    Each match holds "://" or "www." at a fixed place: the pattern is tried
    only there, as a scan of the regex would try it at every character.
    """
    found = text.find("://", start, stop)
    while found != -1:
        for scheme in ("https", "http", "ftp"):
            web = found - len(scheme)
            if web >= start and text.startswith(scheme, web, found) and _WEB_ADDRESS_START.match(text, web, stop):
                yield web
                break
        found = text.find("://", found + 3, stop)
    found = text.find("www.", start, stop)
    while found != -1:
        if _WEB_ADDRESS_START.match(text, found, stop):
            yield found
        found = text.find("www.", found + 4, stop)


def lines_holding(text: str, needles: tuple[str, ...], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The lines of ``text[start:end]`` (clipped to it, line ends left out) that hold any of ``needles``.

    A pattern that never matches across a line end and whose every match holds
    a needle finds the same matches in these lines as in the whole range, at
    the cost of a few substring searches where no needle occurs. Linear in the
    text: each line is taken once per needle, however many needles it holds.
    """
    stop = len(text) if end is None else end
    lines: set[tuple[int, int]] = set()
    for needle in needles:
        found = text.find(needle, start, stop)
        while found != -1:
            line_start = max(start, text.rfind("\n", start, found) + 1)
            line_end = text.find("\n", found, stop)
            line_end = stop if line_end == -1 else line_end
            lines.add((line_start, line_end))
            found = text.find(needle, line_end, stop)
    return sorted(lines)


class UnbuildablePage(ValueError):
    """Markup the page's own tool refuses to build (an Astro script never closed): nothing to read as prose.

    ``offset`` is where the broken construct starts; medlint.formats names the file and its line.
    """

    def __init__(self, offset: int, problem: str) -> None:
        super().__init__(problem)
        self.offset = offset
        self.problem = problem


class MaskedText(msgspec.Struct, frozen=True):
    prose: str
    blocks: tuple[Block, ...]
    # Character references blanked in the prose ("&#8217;"), each with the character it stands for.
    references: tuple[tuple[int, int, str], ...] = ()
    # Prose that must stay as written: a Markdown label that names a reference definition.
    labels: tuple[tuple[int, int], ...] = ()
    # A Markdown reference link's text (``[PRP]`` of ``[PRP][1]``) with the destination its definition gives.
    link_destinations: tuple[tuple[int, int, str], ...] = ()
    # Words a browser draws whole that markup inside splits in the file (see Join).
    joins: tuple[Join, ...] = ()
    # Markup never closed that hides the rest of the page, where it opens, and what it hides.
    warnings: tuple[tuple[int, str], ...] = ()


class Mask:
    """Collects which characters of a text are not prose, and the prose blocks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._hidden = bytearray(len(text))
        self.blocks: list[Block] = []
        self._value_blocks: list[Block] = []
        self._recorded: set[Block] = set()
        self._references: list[tuple[int, int, str]] = []
        self._labels: list[tuple[int, int]] = []
        self._link_destinations: list[tuple[int, int, str]] = []
        self._warnings: list[tuple[int, str]] = []
        # Prose shown inside markup that stands apart from the sentence around it (a tooltip).
        self._asides: list[tuple[int, int]] = []
        # Where a line break in the markup (``<br>``, a Markdown hard break) starts a line of its own.
        self._line_breaks: list[int] = []
        self._line_breaks_sorted = True

    def hide(self, start: int, end: int) -> None:
        if end > start:
            self._hidden[start:end] = b"\x01" * (end - start)

    def show(self, start: int, end: int) -> None:
        if end > start:
            self._hidden[start:end] = bytes(end - start)

    def keep_as_written(self, start: int, end: int) -> None:
        """Prose that is read but never rewritten: editing it would break what it names."""
        if end > start:
            self._labels.append((start, end))

    def warn(self, offset: int, problem: str) -> None:
        """Markup opened at ``offset`` and never closed hides the rest of the page, as it is shown:
        the page is read so, and the user told where (see Document.warnings)."""
        self._warnings.append((offset, problem))

    def set_aside(self, start: int, end: int) -> None:
        """Prose shown inside markup (a tooltip) that a reader does not read as part of the sentence
        around the markup: the sentence closes up over it, and it is read on its own (see Join)."""
        if end > start:
            self._asides.append((start, end))

    def link_to(self, start: int, end: int, destination: str) -> None:
        """The link written as ``text[start:end]`` leads to ``destination``, defined elsewhere."""
        self._link_destinations.append((start, end, destination))

    def is_hidden(self, offset: int) -> bool:
        return bool(self._hidden[offset])

    def hide_pattern(self, pattern: regex.Pattern[str], start: int = 0, end: int | None = None) -> None:
        stop = len(self.text) if end is None else end
        for match in pattern.finditer(self.text, start, stop):
            self.hide(match.start(), match.end())

    def hide_references(
        self, pattern: regex.Pattern[str], start: int, end: int, decode: Callable[[str], str] = html.unescape
    ) -> None:
        """Hide each character reference ``pattern`` finds, keeping the character ``decode`` reads it as."""
        for match in pattern.finditer(self.text, start, end):
            self.hide(match.start(), match.end())
            self._references.append((match.start(), match.end(), fold_typography(decode(match.group()))))

    def hide_urls(self, start: int = 0, end: int | None = None) -> None:
        """``hide_pattern(URL, start, end)`` in linear time (see url_spans)."""
        for url_start, url_end in url_spans(self.text, start, end):
            self.hide(url_start, url_end)

    def hide_template_tags(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """``hide_pattern(TEMPLATE_TAG, start, end)`` in linear time; the spans hidden, in order.

        The regex rescans to the end of the text at every opener that is never
        closed (``{{`` typed in prose, minified JavaScript); here an opener
        whose closer no longer occurs is given up at once. A block whose body
        is not prose (a comment, code to highlight) is one span, tags and body.
        """
        text = self.text
        stop = len(text) if end is None else end
        hidden: list[tuple[int, int]] = []
        given_up: set[str] = set()
        position = text.find("{", start, stop)
        while position != -1:
            opener = text[position : position + 2]
            closer = _TEMPLATE_CLOSERS.get(opener)
            if closer is None or opener in given_up:
                position = text.find("{", position + 1, stop)
                continue
            close = text.find(closer, position + 2, stop)
            if close == -1:
                given_up.add(opener)
                position = text.find("{", position + 1, stop)
                continue
            after = close + 2
            block = _NON_PROSE_BLOCK.match(text, position, after)
            if block is not None:
                name = block.group(1) or block.group(2)
                block_end = None if name in given_up else _NON_PROSE_BLOCK_END[name].search(text, after, stop)
                if block_end is None:
                    given_up.add(name)  # never closed: only the tag is not prose
                else:
                    after = block_end.end()
            self.hide(position, after)
            hidden.append((position, after))
            position = text.find("{", after, stop)
        return hidden

    def break_line(self, at: int) -> None:
        """A line break at ``at`` that starts a line of its own: blocks recorded over it are split there.

        "No surgery<br>Guaranteed results" is two lines to a reader, as two
        paragraphs would be: the "No" of one neither negates nor qualifies the other.
        """
        self._line_breaks.append(at)
        self._line_breaks_sorted = False

    def add_block(self, start: int, end: int, kind: str) -> None:
        """Record a prose block, trimmed of blanks and markup at both ends, split at line breaks."""
        breaks = self._line_breaks
        if breaks:
            if not self._line_breaks_sorted:
                breaks.sort()
                self._line_breaks_sorted = True
            first = bisect.bisect_right(breaks, start)
            for at in breaks[first : bisect.bisect_left(breaks, end)]:
                self._record(self.blocks, start, at, kind)
                start = at
        self._record(self.blocks, start, end, kind)

    def add_value_block(self, start: int, end: int, kind: str) -> None:
        """Record the prose of a markup value (a shortcode's caption, a component's title).

        Where it is all its paragraph holds, the two blocks have one span: the
        value's comes last, as the innermost, so it is read as the kind it is.
        """
        self._record(self._value_blocks, start, end, kind)

    def _record(self, blocks: list[Block], start: int, end: int, kind: str) -> None:
        text, hidden = self.text, self._hidden
        # A hidden run is skipped with one search, not a byte at a time: a block inside thousands of
        # nested expressions ({<div>{...}</div>}) starts after all their hidden openings.
        while start < end and (hidden[start] or text[start].isspace()):
            if hidden[start]:
                start = hidden.find(0, start, end)
                if start == -1:
                    return
            else:
                start += 1
        while end > start and (hidden[end - 1] or text[end - 1].isspace()):
            if hidden[end - 1]:
                end = hidden.rfind(0, start, end) + 1  # (end <= start: no shown byte)
            else:
                end -= 1
        if end <= start:
            return
        block = Block(start, end, kind)
        # A region masked twice (Markdown's HTML blocks) records its attribute prose once.
        if block not in self._recorded:
            self._recorded.add(block)
            blocks.append(block)

    def result(self) -> MaskedText:
        text = self.text
        parts: list[str] = []
        last = 0
        for run in _MARKED.finditer(self._hidden):
            start, end = run.span()
            parts.append(text[last:start])
            # Most hidden runs (a tag, a link target) hold no line end: blank them whole.
            if text.find("\n", start, end) == -1:
                parts.append(" " * (end - start))
            else:
                parts.append(_NOT_NEWLINE.sub(_blank, text[start:end]))
            last = end
        parts.append(text[last:])
        # A reference shown again later (prose after all) has no stand-in to keep.
        references = tuple(sorted(r for r in self._references if self._hidden[r[0]]))
        prose = _hyphens_in_words(_apostrophes_in_words(fold_typography("".join(parts)), references))
        # A block shown at first and hidden since (an MDX expression inside code) holds no prose.
        blocks = [b for b in (*self.blocks, *self._value_blocks) if self._hidden.find(0, b.start, b.end) != -1]
        asides = _aside_gaps(text, self._hidden, prose, self._asides, references, blocks) if self._asides else []
        joins = _split_words(text, self._hidden, prose, references, asides)
        if joins:
            prose = _joined(prose, joins)
            references = _outside(references, joins)
            if asides:
                blocks = _moved_into_tails(blocks, joins)
        return MaskedText(
            prose=prose,
            blocks=tuple(blocks),
            references=references,
            labels=tuple(self._labels),
            link_destinations=tuple(sorted(self._link_destinations)),
            joins=joins,
            warnings=tuple(sorted(set(self._warnings))),
        )


def _split_words(
    text: str,
    hidden: bytearray,
    prose: str,
    references: tuple[tuple[int, int, str], ...],
    asides: Sequence[tuple[int, int, int]] = (),
) -> tuple[Join, ...]:
    """The words that markup drawn as nothing splits in the file: "<b>Pain</b>less", "pain&shy;less".

    A browser draws "Painless"; the prose view would read two words. A character reference for a
    letter inside a word ("caf&eacute;s", "pain&#108;ess") splits it too: it is a gap that draws its
    letter. A word that also holds another character reference ("don&#8217;t") is left as it is:
    its stand-in keeps its place.
    """
    letters = _letter_references(prose, references)
    letter_starts = {start: letter for start, _, letter in letters}
    letter_ends = {end: letter for _, end, letter in letters}
    # Each gap: its span, the letter it draws, and where the run it joins ends (-1: the word's end).
    candidates: list[tuple[int, int, str, int]] = [(start, end, letter, -1) for start, end, letter in letters]
    candidates += [(start, end, "", run_end) for start, end, run_end in asides]
    for start, end in in_word_markup(text):
        before, after = letter_ends.get(start, prose[start - 1]), letter_starts.get(end, prose[end])
        if _joins_words(before) and _joins_words(after) and _drawn_as_nothing(text, hidden, start, end):
            candidates.append((start, end, "", -1))
    candidates.sort()
    joins: list[Join] = []
    gaps: list[tuple[int, int, str, bool]] = []
    word_end = -1
    for start, end, letter, run_end in candidates:
        if gaps and (start < gaps[-1][1] or (len(gaps) >= _MOST_GAPS and start <= word_end)):
            continue  # inside an aside's markup, taken whole; or a run of many asides, left in place
        if gaps and start > word_end:
            joins.append(_join(gaps, word_end))
            gaps = []
        gaps.append((start, end, letter, run_end != -1))
        word_end = max(word_end, run_end if run_end != -1 else _word_end(prose, end))
    if gaps:
        joins.append(_join(gaps, word_end))
    return tuple(j for j in joins if _only_gap_references(j, references))


def in_word_markup(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_IN_WORD_MARKUP.finditer(text)`` gives, trying the regex only where it can match.

    A match starts with one of a few characters, after one that may end a word
    (any but ASCII punctuation and blanks): a scan would try every character.
    """
    candidates = []
    for opener in _IN_WORD_OPENERS:
        at = text.find(opener, 1)
        while at != -1:
            before = text[at - 1]
            if before.isalnum() or before in "_'-" or not before.isascii():
                candidates.append(at)
            at = text.find(opener, at + 1)
    candidates.sort()
    position = 0
    # A comment read from one opening runs to the first close after it, and what may follow that close
    # is the same from any opening before it: where one after a word fails, so do the rest whose first
    # close it is. They are not tried: each would read on to it, for a run of "x<!--" a time that grows
    # as the square of the run.
    fails_before = {"<!--": -1, "{/*": -1}
    skip_until = -1  # the furthest of those
    for candidate in candidates:
        if candidate >= position:
            if candidate < skip_until and text.startswith(_COMMENT_OPENINGS, candidate):
                comment = _comment_opening(text, candidate)
                if candidate + len(comment) <= fails_before[comment]:
                    continue
            gap = _IN_WORD_MARKUP.match(text, candidate)
            if gap is not None:
                yield gap.span()
                position = gap.end()
            elif text.startswith(_COMMENT_OPENINGS, candidate) and _AFTER_WORD.match(text, candidate):
                comment = _comment_opening(text, candidate)
                close = text.find(_COMMENT_CLOSES[comment], candidate + len(comment))
                fails_before[comment] = len(text) if close == -1 else close
                skip_until = max(skip_until, fails_before[comment])


_COMMENT_CLOSES = {"<!--": "-->", "{/*": "*/}"}
_COMMENT_OPENINGS = tuple(_COMMENT_CLOSES)
_AFTER_WORD = compiled(r"(?<=[\w'-])")


def _comment_opening(text: str, at: int) -> str:
    return "<!--" if text.startswith("<!--", at) else "{/*"


def _join(gaps: list[tuple[int, int, str, bool]], end: int) -> Join:
    drawn = tuple(letter for _, _, letter, _ in gaps)
    asides = tuple(aside for _, _, _, aside in gaps)
    spans = tuple((start, gap_end) for start, gap_end, _, _ in gaps)
    return Join(spans[0][0], end, spans, drawn if any(drawn) else (), asides if any(asides) else ())


# Markup that ends a block or a line (a table cell's, a paragraph's, a <br>): an aside whose hidden
# markup holds one stands at a block's edge, with nothing of its sentence on the other side.
_BLOCK_MARKUP = compiled(
    r"<(?:br|hr|/?(?:p|div|li|ul|ol|dl|dt|dd|td|th|tr|table|thead|tbody|tfoot|caption|h[1-6]|blockquote"
    r"|section|article|header|footer|nav|aside|main|figure|figcaption|pre|details|summary|button|form|label"
    r"|option))(?=[\s/>])",
    regex.IGNORECASE,
)
# Where a sentence ends, in the prose view: an aside's run goes up to the end of its sentence.
_SENTENCE_PUNCTUATION = compiled(SENTENCE_STOP + r"[.!?]*+[\"')\]]*+(?=\s|$)")
# How far past an aside its run may go, at most: a sentence's length.
_LONGEST_RUN = 400
# The most gaps a join takes: the offsets of a split word are worked out gap by gap, and asides
# one after another (a run of tooltips with no sentence end) would otherwise make one join of all.
_MOST_GAPS = 32


def _aside_gaps(
    text: str,
    hidden: bytearray,
    prose: str,
    asides: list[tuple[int, int]],
    references: tuple[tuple[int, int, str], ...],
    blocks: list[Block],
) -> list[tuple[int, int, int]]:
    """The markup holding each aside (a tooltip) inside a line of running text, and where its run ends.

    The markup is the tag around the aside, hidden but for the aside (and any other aside in it);
    the run goes on to the end of the sentence after it, but no further than its line, its block,
    or a character reference (whose stand-in keeps its place) but a blank one (``&nbsp;``), which
    moves with the run as the blanks it is in the prose view. An aside that holds a reference,
    spans lines, has no words before it on its line, or whose markup holds a block's edge (an icon
    opening a table cell, ``</td><td><img alt=...>``: nothing to close up) stays where it is.
    """
    values = dict(sorted((start, end) for start, end in asides if not hidden[start]))
    boundaries = sorted({offset for block in blocks for offset in (block.start, block.end)})
    reference_starts = [start for start, _, _ in references]
    # A blank (a no-break space) reads as the blanks that stand for it: no stand-in to keep.
    run_stops = [start for start, _, character in references if not character.isspace()]
    found: list[tuple[int, int, int]] = []
    for value_start, value_end in values.items():
        if found and value_start < found[-1][1]:
            continue  # another aside of the same tag
        start = value_start
        while start > 0 and hidden[start - 1]:
            start -= 1
        end = value_end
        while end < len(text) and (hidden[end] or end in values):
            end = values.get(end, end + 1)
        held = bisect.bisect_left(reference_starts, start)
        if (
            "\n" in text[start:end]
            or _BLOCK_MARKUP.search(text, start, end) is not None
            or (held < len(reference_starts) and reference_starts[held] < end)
            or not _words_before(prose, start)
        ):
            continue
        run_end = _run_end(prose, end, boundaries, run_stops)
        if prose[end:run_end].strip():
            found.append((start, end, run_end))
    return found


def _words_before(prose: str, position: int) -> bool:
    """Whether the line of ``position`` holds words before it (read back over blanks only: linear
    on a page of many tooltips on one line)."""
    before = position - 1
    while before >= 0 and prose[before] == " ":
        before -= 1
    return before >= 0 and prose[before] != "\n"


def _run_end(prose: str, position: int, boundaries: list[int], run_stops: list[int]) -> int:
    """Where the run of an aside whose markup ends at ``position`` ends (see _aside_gaps)."""
    limit = min(len(prose), position + _LONGEST_RUN)
    line_end = prose.find("\n", position, limit)
    if line_end != -1:
        limit = line_end
    for stops in (boundaries, run_stops):
        index = bisect.bisect_left(stops, position)
        if index < len(stops) and stops[index] < limit:
            limit = stops[index]
    sentence_end = _SENTENCE_PUNCTUATION.search(prose, position, limit)
    return limit if sentence_end is None else sentence_end.end()


def _moved_into_tails(blocks: list[Block], joins: tuple[Join, ...]) -> list[Block]:
    """The blocks, those of asides moved to where the prose view holds them (the end of their join)."""
    moves: list[tuple[int, int, int]] = []  # an aside's file span, and where it stands in the prose
    for join in joins:
        for number, (place, file_start, file_end) in enumerate(join.tail_places()):
            if join.is_aside(number):
                moves.append((file_start, file_end, place))
    starts = [start for start, _, _ in moves]
    moved = []
    for block in blocks:
        index = bisect.bisect_right(starts, block.start) - 1
        if index >= 0 and block.end <= moves[index][1]:
            shift = moves[index][2] - moves[index][0]
            block = Block(block.start + shift, block.end + shift, block.kind)
        moved.append(block)
    return moved


def _letter_references(prose: str, references: tuple[tuple[int, int, str], ...]) -> list[tuple[int, int, str]]:
    """The references for a letter, a digit, a percent or currency sign in a word ("caf&eacute;s", "100&#37;",
    "&pound;750").

    A run of such references side by side is in a word when a word's character touches either end
    of it; one alone in markup (a comment, a file name) has blanks on both sides.
    """
    found: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []
    for reference in references:
        if not _drawn_in_words(reference[2]):
            continue
        if run and run[-1][1] != reference[0]:
            _keep_if_in_a_word(prose, run, found)
            run = []
        run.append(reference)
    if run:
        _keep_if_in_a_word(prose, run, found)
    return found


def _keep_if_in_a_word(prose: str, run: list[tuple[int, int, str]], found: list[tuple[int, int, str]]) -> None:
    touches_a_word = _joins_words(_character_at(prose, run[0][0] - 1)) or _joins_words(_character_at(prose, run[-1][1]))
    if touches_a_word or (run[-1][2] in _CURRENCY_SIGNS and _figure_after(prose, run[-1][1])):
        found.extend(run)


# Currency signs, and how far past one (markup blanked) its amount is looked for:
# '<span class="currency">&pound;</span>750' is "£750" to a reader.
_CURRENCY_SIGNS = "$\u00a3\u20ac\u00a5"
_LONGEST_GAP_TO_AMOUNT = 80


def _figure_after(prose: str, position: int) -> bool:
    """Whether a figure follows ``position`` on its line, past blanks (markup) only."""
    stop = min(len(prose), position + _LONGEST_GAP_TO_AMOUNT)
    while position < stop and prose[position] == " ":
        position += 1
    return position < stop and prose[position].isdigit()


# Signs written against a figure: a percent sign ("100&#37;"), a currency's ("&pound;750", "&#36;750").
_SIGNS_BY_FIGURES = "%" + _CURRENCY_SIGNS


def _drawn_in_words(character: str) -> bool:
    """Whether a reference's character is one of a word's, or a sign written against a figure."""
    return len(character) == 1 and (character.isalnum() or character in _SIGNS_BY_FIGURES)


def _character_at(prose: str, offset: int) -> str:
    return prose[offset] if 0 <= offset < len(prose) else " "


def _word_end(prose: str, position: int) -> int:
    rest = _WORD_REST.match(prose, position)
    return position if rest is None else rest.end()


def _joins_words(character: str) -> bool:
    return character.isalnum() or character in "'-_"


def _drawn_as_nothing(text: str, hidden: bytearray, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is masked, or characters drawn as nothing (kept in the prose)."""
    if hidden.find(0, start, end) == -1:
        return True
    return all(hidden[i] or text[i] in ZERO_WIDTH_CHARACTERS for i in range(start, end))


def _only_gap_references(join: Join, references: tuple[tuple[int, int, str], ...]) -> bool:
    """Whether the join's references are all in its gaps, or blanks (an aside's run may hold a ``&nbsp;``)."""
    first = bisect.bisect_left(references, (join.start,))
    for start, _, character in references[first:]:
        if start >= join.end:
            return True
        if not character.isspace() and not any(gap_start <= start < gap_end for gap_start, gap_end in join.gaps):
            return False
    return True


def _joined(prose: str, joins: tuple[Join, ...]) -> str:
    """``prose`` with each split word's characters together, the blanks of its markup after them."""
    pieces: list[str] = []
    last = 0
    for join in joins:
        pieces.append(prose[last : join.start])
        blanks: list[str] = []
        position = join.start
        for number, (gap_start, gap_end) in enumerate(join.gaps):
            letter = join.drawn_by(number)
            pieces += [prose[position:gap_start], letter]
            gap = prose[gap_start + len(letter) : gap_end]
            if join.is_aside(number):
                blanks.append(gap)  # its prose, read on its own after the sentence
            else:
                blanks.append(_NOT_NEWLINE.sub(_blank, gap) if "\n" in gap else " " * len(gap))
            position = gap_end
        pieces.append(prose[position : join.end])
        pieces += blanks
        last = join.end
    pieces.append(prose[last:])
    return "".join(pieces)


def _outside(references: tuple[tuple[int, int, str], ...], joins: tuple[Join, ...]) -> tuple[tuple[int, int, str], ...]:
    """The references but those in a split word's markup: a soft hyphen is no character to read."""
    starts = [join.start for join in joins]

    def inside(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < joins[index].end

    return tuple(r for r in references if not inside(r[0]))


def _apostrophes_in_words(prose: str, references: tuple[tuple[int, int, str], ...]) -> str:
    """``prose`` with each apostrophe written as a reference inside a word made apostrophes, not blanks.

    Blanks split the word ("you&#8217;ll" would be "you       ll"), so no pattern
    for "you'll" could match a WordPress page. A run of apostrophes as long as
    the reference keeps the offsets; patterns accept a run (medlint.patterns).
    """
    pieces: list[str] = []
    last = 0
    for start, end, character in references:
        if character == "'" and start > 0 and end < len(prose) and prose[start - 1].isalnum() and prose[end].isalnum():
            pieces += [prose[last:start], "'" * (end - start)]
            last = end
    if not pieces:
        return prose
    pieces.append(prose[last:])
    return "".join(pieces)


# An en dash between two letters ("risk–free", "non–invasive") is a hyphen typed as a dash: a range
# stands between figures ("2–3 weeks"), and a dash between words has spaces round it.
_EN_DASH_IN_WORD = compiled(r"(?<=\p{L})\u2013(?=\p{L})")


def _hyphens_in_words(prose: str) -> str:
    """``prose`` with each en dash between two letters read as the hyphen it stands for."""
    return _EN_DASH_IN_WORD.sub("-", prose) if "\u2013" in prose else prose


def _blank(match: regex.Match[str]) -> str:
    return " " * (match.end() - match.start())


def fold_typography(text: str) -> str:
    """``text.translate(TYPOGRAPHIC_FOLD)``, fast on wide strings too.

    ``str.translate`` crawls once a text holds any non-Latin-1 character (a
    curly quote is enough); one ``str.replace`` per character present is many
    times faster, and the same, as every mapping is one character to one that
    is not itself mapped.
    """
    if text.isascii():
        # A substring test per character: a regex scan reads the text many times slower.
        return text.translate(_ASCII_FOLD) if any(code in text for code in _ASCII_FOLDED) else text
    for source, target in _FOLD_PAIRS:
        if source in text:
            text = text.replace(source, target)
    return text


_FOLD_PAIRS = tuple((chr(code), str(target)) for code, target in TYPOGRAPHIC_FOLD.items())
_ASCII_FOLD = {code: target for code, target in TYPOGRAPHIC_FOLD.items() if code < 128}
_ASCII_FOLDED = tuple(chr(code) for code in _ASCII_FOLD)


def paragraphs_by_blank_lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of text between blank lines (trimmed of surrounding whitespace)."""
    stop = len(text) if end is None else end
    spans = []
    # Possessive, a run of a line at a time: a repeated one-character alternative kept a backtracking
    # point per character, and a paragraph of a few megabytes ran out of memory.
    for match in regex.finditer(r"\S(?:[^\n]++|\n(?![ \t\r]*\n))*+", text[start:stop]):
        spans.append((start + match.start(), start + match.end()))
    return spans


# What may come between a line break and the text after it: blanks, tags, a no-break space,
# emphasis, a quote's marker; then the capital or figure that opens a line of its own ("<br><b>Guaranteed").
_OPENS_A_LINE = compiled(r"(?:\s|<[^<>]*+>|&nbsp;|&#160;|[*_~>])*+[\p{Lu}\d]")


def opens_a_line(text: str, position: int, end: int) -> bool:
    """Whether the text after a line break at ``position`` starts a line of its own (a capital or a figure)."""
    return _OPENS_A_LINE.match(text, position, end) is not None
