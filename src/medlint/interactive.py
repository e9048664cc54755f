"""``medlint fix --interactive``: walk a writer through every finding that has a remedy.

For each finding with a fix or suggestions the session shows where it is, the
sentence with the span marked, the problem, and numbered choices, each as the
sentence it would give (the change marked), so no one accepts blind. The
writer types a number (accept), ``e`` (type their own wording; ``e new words``
in one go), ``s`` (skip) or ``q`` (quit). Input is read a whole line at a
time, so a session can be driven by piped or scripted input; the end of input
counts as ``q``. What was accepted in a file is saved when the session leaves
that file, so quitting keeps everything accepted so far.

How a wording goes in:

- a phrase replaces the matched words, in their case (Title Case in a Title
  Case heading);
- a whole sentence (a capital and a full stop, or a clause much longer than
  the match that reads as a sentence) replaces the sentence that holds the
  match; a sentence holding markup or code is never rewritten, so that choice
  is left out with a note;
- for a rule that asks for a companion statement (a ``requires`` rule: "add a
  statement of the risks"), the wording is a sentence added after the claim;
- for a suppression comment with no reason, ``e`` takes the reason, which goes
  in after `` -- `` (a reason after another separator is offered, moved there).

After each accepted change the file is linted again, and findings the change
brought up are asked about too; a rule is never asked about twice at the same
place, so rules that undo each other cannot loop.

The session only reads lines and writes text through the callables it is
given; saving is the caller's job, so this module never touches files.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

import click
import msgspec
from msgspec.structs import replace

from medlint.casing import keep_line_breaks, match_case_at
from medlint.document import Document
from medlint.findings import Finding, Fix, Severity
from medlint.fitting import fitted
from medlint.fixer import Linter, Parser, apply_fixes
from medlint.own_patterns import compiled
from medlint.paths import shown, undecodable_escaped, visible
from medlint.phrase_fit import fits_after
from medlint.spans import in_prose, markup_in_words
from medlint.suppressions import MISSING_REASON, UNKNOWN, UNUSED, Directive, parse_directives, with_reason

MARKUP_SPAN = "the span includes markup or code; choose a number or edit the file by hand"
# A suggested phrase that cannot follow the words before the match ("will may help"): left out unsaid.
_UNFIT_PHRASE = "the phrase does not read after the words before it"
# A suggested sentence would replace a whole heading or title with a sentence: left out unsaid.
_UNFIT_SENTENCE = "a sentence does not read as a heading or title"
_NOT_SENTENCES = frozenset({"heading", "title"})
HELP = "  number: use that wording · e: type your own · s: skip · q: quit and save what you accepted"
_REMOVE_HELP = "  1: remove the comment, which hides nothing · s: skip · q: quit and save what you accepted"
_REASON_HELP = (
    "  e: type why this wording is justified here, to go in after ' -- ' (`e your reason` in one go)"
    " · s: skip · q: quit and save what you accepted"
)

_SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}

# Blocks a statement cannot be added to: it belongs in the body text.
_NO_ADDING = frozenset({"heading", "title", "alt", "description", "table"})

_AUXILIARIES = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did",
        "may", "might", "can", "cannot", "could", "will", "would", "shall", "should", "must",
        "isn't", "aren't", "wasn't", "don't", "doesn't", "didn't", "can't", "won't", "shouldn't",
    }
)  # fmt: skip
# Common verbs of the statements rules suggest ("results vary", "some patients report...").
_VERBS = frozenset(
    {
        "vary", "varies", "differ", "differs", "report", "reports", "suggest", "suggests",
        "notice", "notices", "show", "shows", "carry", "carries", "consider", "considers",
        "help", "helps", "need", "needs", "depend", "depends", "remain", "remains",
    }
)  # fmt: skip
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "there", "this", "these", "those"})
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose", "where", "when"})
# First words of a phrase that continues a sentence rather than starting one.
_CONTINUATIONS = _AUXILIARIES | _RELATIVES | frozenset(
    {
        "and", "or", "but", "nor", "so", "than", "as", "to", "in", "into", "on", "at", "by", "for",
        "from", "with", "without", "of", "about", "after", "before", "under", "over", "through", "via",
    }
)  # fmt: skip
_WORD_EDGES = ",;:()[]\"'\u201c\u201d\u2018\u2019"
_TERMINAL = ".!?"
_CLOSING = "\"')]\u201d\u2019"
# A quotation's marks, and brackets, as the prose reads them (curly quotes straight).
_QUOTATION_MARKS = (('"', '"'), ("'", "'"), ("(", ")"), ("[", "]"))
_STANDALONE_MARK = {mark: compiled(rf"(?<!\w){mark}|{mark}(?!\w)") for mark in ('"', "'")}
# Emphasis and inline tags written against a sentence's first or last word ("**PRP** is", "</strong>").
_INLINE_MARKUP = r"(?:[*_~]+|</?(?i:strong|b|em|i|u|a|span|mark|small|sup|sub)\b[^<>]*>)+"
_INLINE_MARKUP_BEFORE = compiled(_INLINE_MARKUP + r"\Z")
_INLINE_MARKUP_AFTER = compiled(_INLINE_MARKUP)
# A tag that opens or ends a block of text: a statement added at a sentence's end stays before it, and
# a sentence shown with its markup is shown without it.
_BLOCK_TAG = compiled(
    r"(?i)</?(?:p|li|dd|dt|td|th|div|blockquote|section|article|aside|figcaption|caption|summary|details"
    r"|h[1-6]|header|footer|main|nav|ul|ol|dl|table|tr)\b[^<>]*>"
)


def reads_as_sentence(wording: str, matched: str) -> bool:
    """Whether ``wording`` is a sentence of its own rather than a phrase for ``matched``.

    A capital and a full stop (or ! or ?) make a sentence. Otherwise a wording
    at least twice as many words as the match (four at least) reads as one
    when it opens with a subject and has a verb before any comma or relative
    clause: "stem cells have potential that is being studied" does,
    "may help some patients" and "a treatment option that may help" do not.
    """
    text = wording.strip()
    if text[:1].isupper() and text.rstrip(_CLOSING)[-1:] in _TERMINAL:
        return True
    words = [w.strip(_WORD_EDGES).lower() for w in text.split()]
    if len(words) < max(4, 2 * len(matched.split())):
        return False
    first = words[0]
    if not first or first in _CONTINUATIONS or first.endswith(("ed", "ing")):
        return False
    if first in _SUBJECT_PRONOUNS:
        return True
    for raw, word in zip(text.split()[1:], words[1:], strict=True):
        if word in _RELATIVES:
            return False
        if word in _AUXILIARIES or word in _VERBS:
            return True
        if raw.endswith((",", ";", ":")):
            return False
    return False


def as_sentence(wording: str) -> str:
    """``wording`` with a capital first letter and a full stop (unless it ends with one)."""
    text = " ".join(wording.split())
    text = text[:1].upper() + text[1:]
    return text if text.rstrip(_CLOSING)[-1:] in _TERMINAL else text + "."


def sentence_span(document: Document, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``start:end``, without the blanks (or markup) around it."""
    first, last = document.sentence_bounds(start, end)
    prose = document.prose
    while first < start and prose[first].isspace():
        first += 1
    while last > end and prose[last - 1].isspace():
        last -= 1
    return first, last


def shown_span(document: Document, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``start:end`` as shown to the writer: with the markup written against it.

    An edit never reaches past the sentence's words, but a sentence shown from
    its first word would open with the bold label's closing ``**`` and not its
    opening one ("Oral food challenges** are...").
    """
    first, last = sentence_span(document, start, end)
    text, prose = document.text, document.prose
    run_first, run_last = first, last
    while run_first > 0 and prose[run_first - 1] == " " and not text[run_first - 1].isspace():
        run_first -= 1
    while run_last < len(text) and prose[run_last] == " " and not text[run_last].isspace():
        run_last += 1
    # Only emphasis and inline tags: not a block's tags ("<p>"), nor a string's quotes in code.
    opening = _INLINE_MARKUP_BEFORE.search(text, run_first, first)
    closing = _INLINE_MARKUP_AFTER.match(text, last, run_last)
    return (first if opening is None else opening.start()), (last if closing is None else closing.end())


class Choice(msgspec.Struct, frozen=True):
    """One numbered choice: an edit of the current text."""

    fix: Fix


class FileReview(msgspec.Struct):
    """One file as the writer left it."""

    path: str
    original: str
    text: str
    accepted: int = 0

    @property
    def changed(self) -> bool:
        return self.text != self.original


class HandWork(msgspec.Struct, frozen=True):
    """A finding the session had no rewrite for, where it is in the file as saved."""

    path: str
    line: int
    column: int
    rule: str
    text: str


class SessionSummary(msgspec.Struct):
    shown: int = 0
    accepted: int = 0
    skipped: int = 0
    files_changed: int = 0
    quit: bool = False
    # Ctrl-C quits too, but the command then exits 130 so that a script does not carry on.
    interrupted: bool = False
    # Findings left for the writer: no fix or suggestion, or none that could go in safely.
    by_hand: list[HandWork] = msgspec.field(default_factory=list)
    # Findings with choices left unanswered because the writer quit (at their prompt or before it).
    unanswered: int = 0


def _has_remedy(finding: Finding) -> bool:
    # A suppression that hides nothing can be removed, as ESLint and ruff remove unused directives.
    return finding.fix is not None or bool(finding.suggestions) or finding.rule == UNUSED


def reviewable(findings: Iterable[Finding]) -> list[Finding]:
    """Findings a writer can act on here, in text order."""
    return sorted((f for f in findings if _has_remedy(f)), key=lambda f: f.sort_key)


def _hand_work(document: Document, finding: Finding) -> HandWork:
    """``finding`` as the summary lists it, at its place in ``document`` (the file as the writer left it)."""
    line, column = document.position(min(finding.start, len(document.text)))
    return HandWork(finding.path, line, column, finding.rule, finding.text)


def removal(document: Document, directive: Directive) -> Fix:
    """The edit that removes a suppression comment: its whole line when it stands alone on one."""
    text = document.text
    line_start = text.rfind("\n", 0, directive.start) + 1
    line_end = text.find("\n", directive.end)
    line_end = len(text) if line_end == -1 else line_end
    before, after = text[line_start : directive.start], text[directive.end : line_end]
    if not before.strip() and not after.strip():
        if line_end < len(text):
            return Fix(line_start, line_end + 1, "")
        # The last line, with no line break of its own: the one before it goes (CRLF whole).
        crlf = text[line_start - 2 : line_start] == "\r\n"
        return Fix(max(0, line_start - (2 if crlf else 1)), line_end, "")
    if before.strip():  # after words: the comment and the blanks before it
        return Fix(line_start + len(before.rstrip()), directive.end, "")
    return Fix(directive.start, directive.end + len(after) - len(after.lstrip()), "")


def wording_fix(
    document: Document, finding: Finding, wording: str, adds: bool = False, typed: bool = False
) -> Fix | str:
    """The edit that puts ``wording`` in for ``finding``, or why it cannot go in safely.

    ``adds``: the wording is a statement to add after the sentence (a
    ``requires`` rule's companion), not a replacement. ``typed``: the writer's
    own words, which keep the case they were typed in.
    """
    refused = _not_text(wording) if typed else None
    if refused is not None:
        return refused
    fix = _wording_edit(document, finding, wording, adds, typed)
    if isinstance(fix, str):
        return fix
    # A quote in a JavaScript string comes back escaped; one that would end any other markup is refused.
    fitting = fitted(document, fix)
    if fitting is None:
        return f"{_quoted(wording)} would add or change markup (a quote, bracket, tag or code); edit it by hand"
    return fitting


def _not_text(typed: str) -> str | None:
    """Why what the writer typed cannot go into the page, if it holds what no words hold.

    A NUL would make the page read as binary, a carriage return end a line mid-sentence, an escape
    drive the terminal of whoever shows the page: typed by mistake (or piped in), never words.
    """
    if any(_unwritable(c) for c in typed):
        shown_typed = _quoted(undecodable_escaped(visible(typed)))
        return f"{shown_typed} holds a control character or a byte that is not text; type it again"
    return None


def _unwritable(character: str) -> bool:
    """A control character other than a tab, or an undecodable byte (held as a lone surrogate)."""
    return (character < " " and character != "\t") or "\x7f" <= character <= "\x9f" or "\ud800" <= character <= "\udfff"


def _wording_edit(document: Document, finding: Finding, wording: str, adds: bool, typed: bool) -> Fix | str:
    start, end = finding.start, finding.end
    first, last = sentence_span(document, start, end)
    if adds:
        kind = document.kind_at(start)
        if kind in _NO_ADDING:
            return f"{_quoted(wording)} is a statement to add, and this claim is in a {kind}; add it by hand"
        if document.text[first:last].rstrip(_CLOSING)[-1:] not in _TERMINAL:
            return f"{_quoted(wording)} is a statement to add, and the sentence has no full stop; add it by hand"
        after = _past_closing_markup(document, last)
        return Fix(after, after, " " + as_sentence(wording))
    if reads_as_sentence(wording, document.text[start:end]):
        if not typed and _in_heading(document, start):
            return _UNFIT_SENTENCE
        if not in_prose(document, first, last):
            return f"{_quoted(wording)} rewrites the whole sentence, which holds markup or code; edit it by hand"
        first, last = _inside_quotation(document, first, last)
        return Fix(first, last, as_sentence(wording))
    if not in_prose(document, start, end):
        return MARKUP_SPAN
    if typed:
        # As typed, but for the capital a sentence opens with: "e gentle" for "Studies show it works."
        # A word with a capital of its own inside ("iPS cells", "mRNA", "pH") is written as typed.
        head = wording.split(maxsplit=1)[0] if wording.strip() else ""
        opens = start == first and document.text[start:end][:1].isupper() and head.islower() and head[:1].isalpha()
        return Fix(start, end, wording[:1].upper() + wording[1:] if opens else wording)
    cased = match_case_at(document, start, end, wording)
    if not fits_after(document.prose[first:start], cased):
        return _UNFIT_PHRASE
    return Fix(start, end, keep_line_breaks(document.text[start:end], cased))


def _inside_quotation(document: Document, first: int, last: int) -> tuple[int, int]:
    """The sentence ``first:last`` less the quotation marks or brackets of a quotation it opens or
    closes: a sentence written in place of one a customer is quoted saying stays inside the quotation
    ('"They cured my migraines. I have not had one since." - Luis'), and the marks stay balanced."""
    prose = document.prose  # curly quotes read straight here, at the same offsets
    for opening, closing in _QUOTATION_MARKS:
        if last - first < 3:
            break
        opens = prose[first] == opening
        closes = prose[last - 1] == closing and prose[last - 2] in _TERMINAL
        if opens and closes:
            first, last = first + 1, last - 1
        elif opens != closes and _unpaired(prose[first:last], opening, closing):
            first, last = (first + 1, last) if opens else (first, last - 1)
    return first, last


def _unpaired(sentence: str, opening: str, closing: str) -> bool:
    """Whether ``sentence`` holds more of one mark than the other (a quote mark inside a word, as in
    "don't", is an apostrophe and not counted)."""
    if opening == closing:
        return len(_STANDALONE_MARK[opening].findall(sentence)) % 2 == 1
    return sentence.count(opening) != sentence.count(closing)


def _past_closing_markup(document: Document, offset: int) -> int:
    """``offset`` moved past the inline markup written against a sentence's end (``**``,
    ``</strong>``, a footnote marker): a statement added there follows the bold label, not inside it.
    A tag that closes a block (``</li>``, ``</p>``) stops it: the statement belongs inside the block."""
    text, prose = document.text, document.prose
    while offset < len(text) and prose[offset] == " " and not text[offset].isspace():
        if _BLOCK_TAG.match(text, offset):
            break
        offset += 1
    return offset


def _in_heading(document: Document, offset: int) -> bool:
    """Whether ``offset`` is in a heading or title its markup marks as one (plain text's are guessed)."""
    return document.format != "text" and document.kind_at(offset) in _NOT_SENTENCES


def choices_for(document: Document, finding: Finding, adds: bool = False) -> tuple[list[Choice], list[str]]:
    """The numbered choices (the fix first, then each suggestion) and notes on those left out.

    Choices that would touch markup or code, or change nothing, are left out.
    """
    candidates: list[Fix | str] = []
    if finding.fix is not None:
        candidates.append(finding.fix)
    candidates.extend(wording_fix(document, finding, s, adds) for s in finding.suggestions)
    kept: list[Choice] = []
    notes: list[str] = []
    for candidate in candidates:
        if isinstance(candidate, str):
            if candidate not in notes and candidate not in (MARKUP_SPAN, _UNFIT_PHRASE, _UNFIT_SENTENCE):
                notes.append(candidate)
            continue
        same = any(c.fix == candidate for c in kept)
        unchanged = document.text[candidate.start : candidate.end] == candidate.replacement
        if not same and not unchanged and in_prose(document, candidate.start, candidate.end):
            kept.append(Choice(candidate))
    return kept, notes


def _why_not_editable(document: Document, finding: Finding) -> str:
    """Why the words of ``finding`` are not rewritten here: markup inside a word, or any markup or code."""
    markup = markup_in_words(document, finding.start, finding.end)
    if markup is not None:
        return f"{visible(' '.join(markup.split()))!r} stands inside the words to rewrite, and a rewrite would drop it"
    return "the span includes markup or code"


def _quoted(wording: str, width: int = 40) -> str:
    text = " ".join(wording.split())
    return f"'{text if len(text) <= width else text[: width - 1].rstrip() + '…'}'"


def _shift(offset: int, fix: Fix) -> int:
    """Where ``offset`` is after ``fix`` (an offset inside the replaced span goes to its start)."""
    if offset <= fix.start:
        return offset
    if offset >= fix.end:
        return offset + len(fix.replacement) - (fix.end - fix.start)
    return fix.start


def _kept(offset: int, fix: Fix) -> bool:
    """Whether a place asked about still stands after ``fix``: not one inside a span it removed,
    where what followed now starts (and has not been asked about)."""
    return bool(fix.replacement) or not fix.start <= offset < fix.end


def _touches(start: int, end: int, fix: Fix) -> bool:
    return (fix.start < end and start < fix.end) or start < fix.start < end


def _moved(findings: Iterable[Finding], fix: Fix) -> list[Finding]:
    """``findings`` where they are after ``fix``; those whose words it rewrote are gone."""
    moved: list[Finding] = []
    for finding in findings:
        if _touches(finding.start, finding.end, fix):
            continue
        own = finding.fix
        if own is not None:
            clear = not _touches(own.start, own.end, fix)
            own = Fix(_shift(own.start, fix), _shift(own.end, fix), own.replacement) if clear else None
        moved.append(replace(finding, start=_shift(finding.start, fix), end=_shift(finding.end, fix), fix=own))
    return moved


def _next(pending: Sequence[Finding], asked: Collection[tuple[str, int]], cursor: int) -> Finding | None:
    """The next finding not yet handled: in text order from ``cursor``, then any left before it."""
    fresh = [f for f in pending if (f.rule, f.start) not in asked]
    ahead = [f for f in fresh if f.start >= cursor]
    if ahead:
        return ahead[0]
    return fresh[0] if fresh else None


class _Place(msgspec.Struct):
    """Where the session is in one file."""

    document: Document
    pending: list[Finding]
    # Findings with no fix or suggestion: the writer's to rewrite, shown in the closing summary.
    unhelped: list[Finding]
    asked: list[tuple[str, int]] = msgspec.field(default_factory=list)  # (rule, start) handled, in current offsets
    stuck: list[tuple[str, int]] = msgspec.field(default_factory=list)  # (rule, start) shown with no choice to offer
    cursor: int = 0


class Session:
    """One interactive run over several files.

    ``adds`` names the rules whose suggestions are statements to add after the
    sentence (``requires`` rules), not replacements.
    """

    def __init__(
        self,
        read_line: Callable[[], str],
        echo: Callable[[str], None],
        color: bool = False,
        adds: Collection[str] = (),
    ) -> None:
        self._read_line = read_line
        self._echo = echo
        self._color = color
        self._adds = frozenset(adds)
        self.summary = SessionSummary()

    def review(
        self,
        path: str,
        text: str,
        parse: Parser,
        findings: Sequence[Finding],
        lint: Linter | None = None,
    ) -> FileReview:
        """Walk through ``findings`` of one file; returns the file as the writer left it.

        With ``lint`` the text is linted again after each accepted change, and
        new findings are asked about as well (each rule once per place).
        """
        review = FileReview(path, text, text)
        place = _Place(parse(text), reviewable(findings), [f for f in findings if not _has_remedy(f)])
        carried: list[Finding] | None = None  # findings ``lint`` does not make (run-level ones)
        try:
            while not self.summary.quit:
                finding = _next(place.pending, place.asked, place.cursor)
                if finding is None:
                    break
                place.asked.append((finding.rule, finding.start))
                place.cursor = finding.start
                fix = self._handle(place, finding)
                if fix is None:
                    continue
                if lint is not None and carried is None:
                    made = {(f.rule, f.start, f.end) for f in lint(place.document)}
                    carried = [f for f in place.pending if (f.rule, f.start, f.end) not in made]
                review.text = apply_fixes(place.document.text, [fix])
                review.accepted += 1
                self.summary.accepted += 1
                place.document = parse(review.text)
                place.asked = [(rule, _shift(start, fix)) for rule, start in place.asked if _kept(start, fix)]
                place.stuck = [(rule, _shift(start, fix)) for rule, start in place.stuck if _kept(start, fix)]
                place.cursor = min(_shift(place.cursor, fix), fix.start)
                if lint is None or carried is None:
                    place.pending = _moved(place.pending, fix)
                    place.unhelped = _moved(place.unhelped, fix)
                else:
                    carried = _moved(carried, fix)
                    found = [*lint(place.document), *carried]
                    place.pending = reviewable(found)
                    place.unhelped = [f for f in found if not _has_remedy(f)]
        except KeyboardInterrupt:
            # Ctrl-C while a change is applied or the file linted again, not only at a prompt:
            # ``review.text`` holds every change accepted so far, whole, so it is kept.
            self.summary.quit = self.summary.interrupted = True
        if review.changed:
            self.summary.files_changed += 1
        self._close(place)
        return review

    def pass_over(self, findings: Sequence[Finding]) -> None:
        """Count the findings of a file the session did not walk through (none had a remedy, or it quit)."""
        self.summary.by_hand += [
            HandWork(f.path, f.line, f.column, f.rule, f.text) for f in findings if not _has_remedy(f)
        ]
        if self.summary.quit:
            self.summary.unanswered += len(reviewable(findings))

    def _close(self, place: _Place) -> None:
        """Note what is left in a file the session leaves: the writer's to rewrite, or not answered."""
        stuck = set(place.stuck)
        left = [f for f in place.pending if (f.rule, f.start) in stuck]
        for finding in sorted([*place.unhelped, *left], key=lambda f: f.sort_key):
            self.summary.by_hand.append(_hand_work(place.document, finding))
        if self.summary.quit:
            asked = set(place.asked)
            self.summary.unanswered += sum((f.rule, f.start) not in asked for f in place.pending)

    def _handle(self, place: _Place, finding: Finding) -> Fix | None:
        """Show one finding and ask; the accepted edit, or None."""
        if finding.rule == MISSING_REASON:
            return self._handle_reason(place, finding)
        if finding.rule == UNUSED:
            return self._handle_unused(place, finding)
        document = place.document
        adds = finding.rule in self._adds
        choices, notes = choices_for(document, finding, adds)
        editable = adds or in_prose(document, finding.start, finding.end)
        if not choices and not notes and editable:
            # No suggestion fits here (or each already reads as the text does): the writer's to rewrite.
            place.stuck.append((finding.rule, finding.start))
            return None
        self._show(document, finding, choices, notes)
        self.summary.shown += 1
        if not choices:
            place.stuck.append((finding.rule, finding.start))
            if not editable:  # (otherwise the notes say why each choice was left out)
                self._echo(f"  (no safe rewrite here: {_why_not_editable(document, finding)}; edit it by hand)\n")
            return None
        fix = self._ask(
            choices,
            lambda wording: wording_fix(document, finding, wording, adds, typed=True),
            lambda fix: self._preview(document, finding, fix),
        )
        return self._count(fix)

    def _count(self, fix: Fix | None) -> Fix | None:
        """Count the answer to a finding's prompt: ``fix`` accepted, or skipped, or not answered (quit)."""
        if fix is None and not self.summary.quit:
            self.summary.skipped += 1
        elif fix is None:
            self.summary.unanswered += 1  # quit at this finding's prompt
        return fix

    def _handle_reason(self, place: _Place, finding: Finding) -> Fix | None:
        """A suppression with no reason: the writer types one, which goes in after ' -- '.

        A reason written after another separator (``: quoted``) is offered as
        a choice, moved after ' -- '. The placeholder of the rule's suggestion
        is never offered: it would silence the finding and justify nothing.
        """
        document = place.document
        directive = next((d for d in parse_directives(document) if d.start == finding.start), None)
        if directive is None:  # (the comment is not where the finding says: nothing to edit safely)
            place.stuck.append((finding.rule, finding.start))
            return None
        choices = []
        if directive.misplaced_reason:
            moved = with_reason(directive, directive.misplaced_reason)
            if moved is not None:
                choices.append(Choice(Fix(directive.start, directive.end, moved)))
        self._show_problem(document, finding)
        self._echo(f"  {self._marked(directive.text)}\n")
        for number, choice in enumerate(choices, 1):
            self._echo(f"  {number}. {self._new(choice.fix.replacement)}\n")
        self.summary.shown += 1

        def typed(reason: str) -> Fix | str:
            refused = _not_text(reason)
            if refused is not None:
                return refused
            text = with_reason(directive, reason)
            if text is None:
                closer = "-->" if directive.text.startswith("<!--") else "*/"
                return f"a reason cannot hold '{closer}', which would close the comment; put it in other words"
            return Fix(directive.start, directive.end, text)

        fix = self._ask(
            choices,
            typed,
            lambda fix: self._new(fix.replacement),
            edit="e add a reason",
            wording_prompt="  why this wording is justified here (empty to go back) > ",
            help_line=_REASON_HELP,
        )
        return self._count(fix)

    def _handle_unused(self, place: _Place, finding: Finding) -> Fix | None:
        """A suppression that hides nothing: offer to remove it (with its line, when it has one of its own).

        Only a whole comment is removed: one that names several rules is offered
        for removal when none of them hides anything. A comment that is no
        directive (``medlint-disable-line``) is the writer's to correct.
        """
        document = place.document
        directive = next((d for d in parse_directives(document) if d.start == finding.start), None)
        unused_here = sum(f.rule == UNUSED and f.start == finding.start for f in place.pending)
        whole = directive is not None and (directive.action == "enable" or unused_here >= len(directive.selectors))
        if directive is None or directive.action == UNKNOWN or not whole:
            place.stuck.append((finding.rule, finding.start))
            return None
        place.asked.extend((f.rule, f.start) for f in place.pending if f.rule == UNUSED and f.start == finding.start)
        fix = removal(document, directive)
        own_line = "\n" in document.text[fix.start : fix.end]
        self._show_problem(document, finding)
        self._echo(f"  {self._marked(directive.text)}\n")
        self._echo(f"  1. remove the comment{' and its line' if own_line else ''}\n")
        self.summary.shown += 1
        return self._count(self._ask([Choice(fix)], _no_typing, lambda fix: "", edit="", help_line=_REMOVE_HELP))

    def _style(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self._color else text  # type: ignore[arg-type]

    def _show_problem(self, document: Document, finding: Finding) -> None:
        line, column = document.position(finding.start)
        severity = self._style(finding.severity.label, fg=_SEVERITY_COLOR[finding.severity], bold=True)
        where = self._style(f"{shown(finding.path)}:{line}:{column}:", bold=True)
        self._echo(f"\n{where} {severity} [{finding.rule}] {finding.message}\n")

    def _marked(self, text: str) -> str:
        """The words a finding is about, marked, on one line (a line break inside reads as a space)."""
        span = visible(" ".join(text.split()))
        return self._style(span, bold=True, underline=True) if self._color else f">>{span}<<"

    def _new(self, text: str) -> str:
        """New words, marked, on one line."""
        new = " ".join(text.split())
        return self._style(new, fg="green", bold=True) if self._color else f">>{new}<<"

    def _show(self, document: Document, finding: Finding, choices: Sequence[Choice], notes: Sequence[str]) -> None:
        self._show_problem(document, finding)
        first, last = shown_span(document, finding.start, finding.end)
        marked = self._marked(document.text[finding.start : finding.end])
        self._echo(f"  {_render(document.text, first, finding.start, finding.end, last, marked)}\n")
        for number, choice in enumerate(choices, 1):
            self._echo(f"  {number}. {self._preview(document, finding, choice.fix)}\n")
        for note in notes:
            self._echo(f"  (left out: {note})\n")

    def _preview(self, document: Document, finding: Finding, fix: Fix) -> str:
        """The sentence as ``fix`` leaves it, on one line, the new words marked."""
        first, last = shown_span(document, finding.start, finding.end)
        first, last = min(first, fix.start), max(last, fix.end)
        marked = self._new(fix.replacement)
        # An added sentence brings its own space (" Like any injection...").
        spaced = fix.replacement[:1].isspace(), fix.replacement[-1:].isspace()
        return _render(document.text, first, fix.start, fix.end, last, marked, spaced)

    def _ask(
        self,
        choices: Sequence[Choice],
        typed: Callable[[str], Fix | str],
        preview: Callable[[Fix], str],
        edit: str = "e edit",
        wording_prompt: str = "  your wording for the marked words, or a whole new sentence (empty to go back) > ",
        help_line: str = HELP,
    ) -> Fix | None:
        """Ask until answered: a choice, the writer's own words (``typed`` makes the edit), skip or quit."""
        count = len(choices)
        numbers = "" if not count else "1" if count == 1 else f"1-{count}"
        offer = ", ".join(part for part in (f"[{numbers}] accept" if count else "", edit) if part)
        answers = ", ".join(part for part in (numbers, "e" if edit else "", "s or q") if part)
        while True:
            self._echo(f"  {offer}, s skip, q quit, ? help > ")
            line = self._line()
            if not line:  # end of input (or Ctrl-C): stop here, keeping what was accepted
                self._echo("\n")
                self.summary.quit = True
                return None
            answer = line.strip()
            if answer.isdigit() and 1 <= int(answer) <= count:
                return choices[int(answer) - 1].fix
            lowered = answer.lower()
            if lowered in ("s", "skip"):
                return None
            if lowered in ("q", "quit"):
                self.summary.quit = True
                return None
            if edit and (lowered == "e" or lowered.startswith("e ")):
                wording = answer[1:].strip() or self._ask_wording(wording_prompt)
                if self.summary.quit:
                    return None
                if not wording:
                    continue
                fix = typed(wording)
                if isinstance(fix, str):
                    self._echo(f"  {fix}\n")
                    continue
                self._echo(f"  now: {preview(fix)}\n")
                return fix
            if lowered in ("?", "h", "help"):
                self._echo(f"{help_line}\n")
            else:
                self._echo(f"  please answer {answers}\n")

    def _ask_wording(self, prompt: str) -> str:
        # (For a wording: a sentence replaces the whole sentence, not the marked words; the prompt says so.)
        self._echo(prompt)
        line = self._line()
        if not line:  # end of input (Ctrl-D) or Ctrl-C: quit, as at the choices; an empty line goes back
            self._echo("\n")
            self.summary.quit = True
        return line.strip()

    def _line(self) -> str:
        """One line of input; "" at the end of input or on Ctrl-C (which then also means quit)."""
        try:
            return self._read_line()
        except KeyboardInterrupt:
            self.summary.quit = self.summary.interrupted = True
            return ""
        except EOFError:
            return ""


def _no_typing(_words: str) -> str:
    return "there is nothing to type here"  # (never asked: the prompt offers no `e`)


def _render(
    text: str, first: int, start: int, end: int, last: int, middle: str, spaced: tuple[bool, bool] = (False, False)
) -> str:
    """``text[first:last]`` on one line with ``text[start:end]`` shown as ``middle``.

    ``spaced``: whether ``middle`` stands for words with a space before and after.
    """
    before, after = (visible(" ".join(text[a:b].split())) for a, b in ((first, start), (end, last)))
    # Keep the spaces that stood around the span after collapsing whitespace.
    gap_before = " " if before and (spaced[0] or text[start - 1 : start].isspace()) else ""
    gap_after = " " if after and (spaced[1] or text[end : end + 1].isspace()) else ""
    return f"{before}{gap_before}{middle}{gap_after}{after}"
