"""Inline suppressions: comments that turn rules off for one line or a region, with a reason.

In each format's comment syntax (RULES is a comma-separated list of rule ids,
packs or categories, or ``ALL``; the reason follows `` -- ``):

    <!-- medlint-disable RULES -- reason -->            HTML, Markdown, MDX
    <!-- medlint-enable RULES -->                       (or no RULES: everything)
    <!-- medlint-disable-next-line RULES -- reason -->
    {/* medlint-disable-next-line RULES -- reason */}    MDX
    # medlint-disable-next-line RULES -- reason          plain text, on a line of its own

"Next line" is the next line that is not blank. A disabled region runs to the
matching enable or to the end of the file. Comments inside code (fenced or
indented blocks, code spans) are examples, not directives.

Suppressions are themselves checked, by three rules of the ``suppressions``
pack: a suppression with no reason, one that hides nothing (or names no rule in
force), and one that tries to hide a rule the config marks ``not_suppressible``
(the finding stays). These rules can be ignored or re-graded like any other,
but not suppressed.

Findings of run-level rules (across pages) are made after every document has
been checked, so the directives that may still hide one travel with the
document's result (``Pending``) and are settled in ``settle_run``.

A statement a suppression covers (a quoted claim, say) is not the page's. What
a run-level rule collects from a page is hidden as its findings are, or left
out when it stands in ``Document.quoted`` words, so it is not compared with
other pages; and checks that weigh a page's statements
against each other (a contradiction, one spelling per page, a claim that needs
a disclaimer) ask
``Document.not_the_pages`` and leave it out: ``Document.suppressed``, which the
engine sets from ``suppressed_in`` before any rule runs, and ``Document.quoted``
(the text of a finding a suppression hides, for any rule: ``quoted_in``), set
before those checks run, after the others.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import ClassVar, Generic, Protocol, TypeVar

import msgspec
import regex
from msgspec.structs import replace

from medlint.checks.base import Record
from medlint.document import Document, lone_cr_as_lf
from medlint.findings import Finding, Severity
from medlint.formats.html_tokens import tokens
from medlint.formats.markdown import code_regions
from medlint.formats.plaintext import DIRECTIVE_LINE
from medlint.own_patterns import compiled
from medlint.ruleset import Examples, Rule, RuleSet, did_you_mean, selects
from medlint.span_set import SpanSet

MISSING_REASON = "suppression-missing-reason"
UNUSED = "unused-suppression"
NOT_ALLOWED = "suppression-not-allowed"
PACK = "suppressions"
CATEGORY = "suppression"
REASON_PLACEHOLDER = "why this wording is justified here"

_DIRECTIVE = compiled(
    r"\A\s*medlint-(?P<action>disable-next-line|disable|enable)(?![\w-])(?P<rules>.*?)"
    r"(?:(?<=\s)--(?=\s|\Z)(?P<reason>.*))?\Z",
    regex.DOTALL,
)
# What a writer used to another linter's comments types: `medlint-disable-line` (ESLint),
# `medlint-ignore`, `medlint-off`. Not a directive, and so it would hide nothing without a word.
_DIRECTIVE_LIKE = compiled(
    r"\A\s*(?P<name>medlint-(?:disable|enable|ignore|off|on|suppress|skip|noqa)[\w-]*)", regex.IGNORECASE
)
UNKNOWN = "unknown"  # the action of such a comment
_HTML_COMMENT = (compiled(r"<!--"), compiled(r"-->"))
_JSX_COMMENT = (compiled(r"\{\s*+/\*"), compiled(r"\*/\s*+\}"))
_SELECTOR_SPLIT = compiled(r"[\s,]+")
# A reason set off by something other than ' -- ' ("no-side-effects: quoted", "- quoted", an editor's
# "—" for "--"): rule ids hold none of these, so what follows is the reason, put in the wrong place.
_WRONG_SEPARATOR = compiled(r"\s*:\s*|\s+-\s+|\s*[\u2013\u2014]\s*")


class SuppressionCheck:
    """The kind of the built-in suppression rules: the engine runs no matching for them."""

    FIELDS: ClassVar[frozenset[str]] = frozenset()
    level: ClassVar[str] = "suppression"
    fixable: ClassVar[bool] = False


def _rule(
    rule_id: str,
    message: str,
    rationale: str,
    suggestions: tuple[str, ...],
    bad: tuple[str, ...],
    good: tuple[str, ...] = ("Most patients recover within a week.",),
) -> Rule:
    return Rule(
        id=rule_id,
        pack=PACK,
        kind="suppression",
        category=CATEGORY,
        severity=Severity.WARNING,
        message=message,
        check=SuppressionCheck(),
        rationale=rationale,
        suggestions=suggestions,
        # Examples are plain text, as `medlint test-rules` checks them.
        examples=Examples(bad=bad, good=good),
        suppressible=False,
        source="medlint (built in)",
    )


SUPPRESSION_RULES: tuple[Rule, ...] = (
    _rule(
        MISSING_REASON,
        "This suppression gives no reason; add one after ' -- '.",
        "A suppression hides a claim a reviewer would otherwise see. The reason is what lets the "
        "next writer, reviewer or compliance officer judge whether the exception still holds.",
        (f"<!-- medlint-disable-next-line RULE -- {REASON_PLACEHOLDER} -->",),
        ("# medlint-disable-next-line ALL\nMost patients recover within a week.",),
        ("# medlint-disable-next-line ALL -- quoted from the device label\nMost patients recover within a week.",),
    ),
    _rule(
        UNUSED,
        "This suppression hides nothing.",
        "A suppression that matches no finding is stale (the wording it excused was changed) or "
        "misspelt (it names no rule), and a stale one would silently hide a future problem. "
        "Remove the comment, or correct the rule id, pack or category it names.",
        (),
        ("# medlint-disable-next-line ALL -- quoted from the device label\nMost patients recover within a week.",),
    ),
    _rule(
        NOT_ALLOWED,
        "This rule cannot be suppressed here; the finding stays.",
        "The project's config lists the rule under 'not_suppressible': its findings are for the "
        "people who own that risk (often a compliance team) to resolve, not to hide in the page. "
        "Rewrite the claim, or ask the config's owners about the rule.",
        (),
        (),  # needs a config that marks a rule not_suppressible
    ),
)


class Directive(msgspec.Struct, frozen=True):
    """One suppression comment, where it stands in the text."""

    action: str  # "disable", "enable" or "disable-next-line"; UNKNOWN for `medlint-disable-line` and such
    selectors: tuple[str, ...]  # of an UNKNOWN one: the word written
    reason: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    misplaced_reason: str = ""  # a reason set off by ``separator`` rather than ' -- ': read as none
    separator: str = ""


class Scope(msgspec.Struct, frozen=True):
    """Where one selector of one directive hides findings: offsets ``start`` up to ``end``."""

    directive: int
    selector: str
    start: int
    end: int


class Pending(msgspec.Struct, frozen=True):
    """What a document's suppressions still mean for run-level findings.

    ``scopes`` are those that name a run-level rule (they may hide one of its
    findings); ``waiting`` are the indices of those among them not yet reported
    on, because so far they hid nothing.
    """

    path: str
    directives: tuple[Directive, ...]
    scopes: tuple[Scope, ...]
    waiting: frozenset[int]


class _Placed(Protocol):
    """What a suppression needs of a finding, or of a statement a run-level rule collected."""

    @property
    def rule(self) -> str: ...

    @property
    def category(self) -> str: ...

    @property
    def start(self) -> int: ...


_Item = TypeVar("_Item", bound=_Placed)
_RecordType = TypeVar("_RecordType", bound=Record)


class _Statement(msgspec.Struct, Generic[_RecordType], frozen=True):
    """A run-level rule's record, placed as a finding of that rule would be."""

    rule: str
    category: str
    start: int
    record: _RecordType


class _Tally(msgspec.Struct):
    used: set[int] = msgspec.field(default_factory=set)  # indices of scopes that hid something
    blocked: dict[int, set[str]] = msgspec.field(default_factory=dict)  # scope -> rules it could not hide


def parse_directives(document: Document) -> list[Directive]:
    """The suppression comments of a document, in order."""
    text = lone_cr_as_lf(document.text)  # comments on lines of their own, in a CR-only file too
    if "medlint-" not in text:
        return []
    if document.format in ("html", "astro"):
        spans = _html_comments(text)
    elif document.format in ("markdown", "mdx"):
        spans = _markdown_comments(text, mdx=document.format == "mdx")
    else:
        spans = [(m.start(), m.end(), m.group(1).rstrip(" \t\r")) for m in DIRECTIVE_LINE.finditer(text)]
    directives = []
    for start, end, body in spans:
        match = _DIRECTIVE.match(body)
        misplaced = separator = ""
        if match is not None:
            action, written = match.group("action"), match.group("rules")
            wrong = _WRONG_SEPARATOR.search(written) if match.group("reason") is None else None
            if wrong is not None and written[wrong.end() :].strip():
                written, misplaced = written[: wrong.start()], " ".join(written[wrong.end() :].split())
                separator = wrong.group().strip()
            selectors = tuple(s for s in _SELECTOR_SPLIT.split(written.strip()) if s)
            reason = " ".join((match.group("reason") or "").split())
        elif (unknown := _DIRECTIVE_LIKE.match(body)) is not None:
            action, selectors, reason = UNKNOWN, (unknown.group("name"),), ""
        else:
            continue
        line, column = document.position(start)
        end_line, end_column = document.position(end)
        directives.append(
            Directive(
                action=action,
                selectors=selectors,
                reason=reason,
                start=start,
                end=end,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                text=text[start:end],
                misplaced_reason=misplaced,
                separator=separator,
            )
        )
    return directives


def apply_document(
    document: Document,
    findings: Sequence[Finding],
    records: Mapping[str, Sequence[_RecordType]],
    rules: RuleSet,
) -> tuple[list[Finding], dict[str, list[_RecordType]], Pending | None]:
    """Hide the findings and run-level records a document's suppressions cover; report the suppressions' own problems.

    A scope that hid nothing but names a run-level rule is not reported yet: it
    waits, in the returned ``Pending``, for ``settle_run``.
    """
    directives, scopes, stray = _page_suppressions(document)
    if not directives:
        return list(findings), {rule: list(items) for rule, items in records.items()}, None
    tally = _Tally()
    kept, kept_records = _hide_on_page(scopes, findings, records, rules, tally)
    run_rules = rules.run_rules
    for_run = [i for i, s in enumerate(scopes) if any(selects(s.selector, r) for r in run_rules)]
    waiting = {i for i in for_run if i not in tally.used and i not in tally.blocked}
    problems = list(_directive_problems(document.path, directives, stray, rules))
    settled = [i for i in range(len(scopes)) if i not in waiting]
    problems.extend(_scope_problems(document.path, directives, scopes, settled, tally, rules))
    pending = None
    if for_run:
        pending = Pending(
            document.path,
            tuple(directives),
            tuple(scopes[i] for i in for_run),
            frozenset(n for n, i in enumerate(for_run) if i in waiting),
        )
    return kept + problems, kept_records, pending


def hide_records(
    document: Document, records: Mapping[str, Sequence[_RecordType]], rules: RuleSet
) -> dict[str, list[_RecordType]]:
    """The run-level records of a page only compared against (``--site``) that no suppression covers."""
    _, scopes, _ = _page_suppressions(document)
    return _hide_on_page(scopes, [], records, rules, _Tally())[1]


def suppressed_in(document: Document, rules: RuleSet) -> Callable[[str, int], bool]:
    """Whether a suppression comment of the page turns a rule (by id) off at an offset.

    Never for a rule the config marks ``not_suppressible``. Checks that weigh one
    statement against others (a contradiction, one spelling per page) leave out
    the statements this covers: a quoted claim is not the page's.
    """
    _, scopes, _ = _page_suppressions(document)
    if not scopes:
        return document.suppressed
    quiet: dict[str, SpanSet] = {}

    def suppressed(rule_id: str, offset: int) -> bool:
        if rule_id not in quiet:
            rule = rules.get(rule_id)
            covering = [(s.start, s.end) for s in scopes if rule is not None and selects(s.selector, rule)]
            quiet[rule_id] = SpanSet(covering if rule is not None and rule.suppressible else ())
        return quiet[rule_id].holds(offset)

    return suppressed


def suppressed_rules(document: Document, rules: RuleSet) -> set[str]:
    """The ids of the rules some suppression comment of the page turns off somewhere (never a not_suppressible one)."""
    _, scopes, _ = _page_suppressions(document)
    selectors = {s.selector for s in scopes}
    return {r.id for r in rules if r.suppressible and any(selects(selector, r) for selector in selectors)}


def quoted_in(findings: Sequence[Finding], suppressed: Callable[[str, int], bool]) -> Callable[[int], bool]:
    """Whether an offset lies in the text of a finding that a suppression hides, for any rule.

    A claim a suppression hides for one rule (``claims`` above a quoted headline)
    is a quote: it does not make the page need a disclaimer, nor contradict the
    page, though the suppression does not name the rule that weighs it.
    """
    hidden = [(f.start, f.end) for f in findings if suppressed(f.rule, f.start)]
    if not hidden:
        return lambda offset: False
    return SpanSet(hidden).holds


def _page_suppressions(document: Document) -> tuple[list[Directive], list[Scope], list[int]]:
    """The page's directives, their scopes and the enables that closed nothing: worked out once a page."""
    key = ("suppressions", 0)
    if key not in document.context_answers:
        directives = parse_directives(document)
        scopes, stray = _scopes(lone_cr_as_lf(document.text), directives) if directives else ([], [])
        document.context_answers[key] = (directives, scopes, stray)
    found: tuple[list[Directive], list[Scope], list[int]] = document.context_answers[key]
    return found


def _hide_on_page(
    scopes: Sequence[Scope],
    findings: Sequence[Finding],
    records: Mapping[str, Sequence[_RecordType]],
    rules: RuleSet,
    tally: _Tally,
) -> tuple[list[Finding], dict[str, list[_RecordType]]]:
    kept = _hide(findings, scopes, rules, tally)
    kept_records: dict[str, list[_RecordType]] = {}
    for rule_id, items in records.items():
        rule = rules.get(rule_id)
        category = rule.category if rule is not None else ""
        placed = [_Statement(rule_id, category, r.start, r) for r in items]
        kept_records[rule_id] = [s.record for s in _hide(placed, scopes, rules, tally)]
    return kept, kept_records


def settle_run(findings: Sequence[Finding], pending: Iterable[Pending], rules: RuleSet) -> list[Finding]:
    """Hide the run-level findings that scopes cover; report waiting scopes that hid nothing."""
    by_path: dict[str, Pending] = {p.path: p for p in pending}
    if not by_path:
        return list(findings)
    tallies = {path: _Tally() for path in by_path}
    kept: list[Finding] = []
    for finding in findings:
        waiting = by_path.get(finding.path)
        if waiting is None:
            kept.append(finding)
        else:
            kept.extend(_hide([finding], waiting.scopes, rules, tallies[finding.path]))
    for path, waiting in by_path.items():
        kept.extend(
            _scope_problems(path, waiting.directives, waiting.scopes, sorted(waiting.waiting), tallies[path], rules)
        )
    return kept


def with_suppression_rules(rules: RuleSet) -> RuleSet:
    """``rules`` plus the built-in suppression rules (add before selection, so they can be ignored)."""
    present = {r.id for r in rules}
    return replace(rules, rules=rules.rules + tuple(r for r in SUPPRESSION_RULES if r.id not in present))


def _scopes(text: str, directives: Sequence[Directive]) -> tuple[list[Scope], list[int]]:
    """Each selector's scope, in directive order; and the enables that closed nothing."""
    scopes: list[Scope] = []
    open_regions: dict[str, list[tuple[int, int]]] = {}  # selector -> (directive, start) of each open region
    next_lines: dict[int, tuple[int, int]] = {}  # comments that share a line share its next line
    stray: list[int] = []
    for index, directive in enumerate(directives):
        if directive.action == UNKNOWN:
            continue
        if directive.action == "disable-next-line":
            line_end = text.find("\n", directive.end)
            if line_end not in next_lines:
                next_lines[line_end] = _next_line(text, line_end)
            start, end = next_lines[line_end]
            scopes.extend(Scope(index, s, start, end) for s in directive.selectors)
        elif directive.action == "disable":
            for selector in directive.selectors:
                open_regions.setdefault(selector, []).append((index, directive.end))
        else:
            closed = 0
            for selector in directive.selectors or list(open_regions):
                for opener, start in open_regions.pop(selector, ()):
                    scopes.append(Scope(opener, selector, start, directive.start))
                    closed += 1
            if not closed:
                stray.append(index)
    for selector, regions in open_regions.items():
        scopes.extend(Scope(opener, selector, start, len(text)) for opener, start in regions)
    scopes.sort(key=lambda s: (s.directive, s.start))
    return scopes, stray


def _next_line(text: str, newline: int) -> tuple[int, int]:
    """The span of the first non-blank line after the line ending at ``newline`` (-1: the last line)."""
    while newline != -1:
        start = newline + 1
        end = text.find("\n", start)
        stop = len(text) if end == -1 else end
        if text[start:stop].strip():
            return start, stop
        newline = end
    return len(text), len(text)


def _hide(findings: Sequence[_Item], scopes: Sequence[Scope], rules: RuleSet, tally: _Tally) -> list[_Item]:
    kept = []
    for finding, around in zip(findings, _scopes_around(findings, scopes), strict=True):
        rule = rules.get(finding.rule)
        covering = [i for i in around if _names(scopes[i].selector, finding, rule)]
        if not covering:
            kept.append(finding)
        elif rule is not None and not rule.suppressible:
            kept.append(finding)
            for i in covering:
                tally.blocked.setdefault(i, set()).add(finding.rule)
        else:
            tally.used.update(covering)
    return kept


def _scopes_around(findings: Sequence[_Placed], scopes: Sequence[Scope]) -> list[list[int]]:
    """For each finding, the indices of the scopes that cover it.

    One sweep over findings and scopes in order of their starts, keeping the
    scopes open at each finding, rather than every scope asked of every finding.
    """
    around: list[list[int]] = [[] for _ in findings]
    by_start = sorted(range(len(scopes)), key=lambda i: scopes[i].start)
    open_scopes: list[tuple[int, int]] = []  # a heap of (end, index)
    taken = 0
    for position, finding_index in sorted((f.start, i) for i, f in enumerate(findings)):
        while taken < len(by_start) and scopes[by_start[taken]].start <= position:
            heapq.heappush(open_scopes, (scopes[by_start[taken]].end, by_start[taken]))
            taken += 1
        while open_scopes and open_scopes[0][0] <= position:
            heapq.heappop(open_scopes)
        around[finding_index] = sorted(index for _, index in open_scopes)
    return around


def _names(selector: str, finding: _Placed, rule: Rule | None) -> bool:
    if rule is not None:
        return selects(selector, rule)
    return selector in ("ALL", finding.rule, finding.category)


def _directive_problems(
    path: str, directives: Sequence[Directive], stray: Iterable[int], rules: RuleSet
) -> Iterator[Finding]:
    """Problems of a directive as written: no reason, no rules, an enable that ends nothing."""
    for directive in directives:
        if directive.action == UNKNOWN:
            message = (
                f"'{directive.selectors[0]}' is not a medlint directive, so this comment hides nothing; "
                "use 'medlint-disable-next-line RULES -- reason' on the line above the claim, or "
                "'medlint-disable RULES -- reason' ... 'medlint-enable RULES' around it."
            )
            yield from _meta(UNUSED, path, directive, rules, message)
            continue
        if directive.action == "enable":
            continue
        if directive.misplaced_reason:
            message = (
                f"This suppression's reason follows '{directive.separator}', so it is read as none; "
                "put ' -- ' before it."
            )
            yield from _meta(MISSING_REASON, path, directive, rules, message, (_with_reason(directive),))
        elif not directive.reason:
            yield from _meta(MISSING_REASON, path, directive, rules, suggestions=(_with_reason(directive),))
        if not directive.selectors:
            yield from _meta(
                UNUSED,
                path,
                directive,
                rules,
                f"'medlint-{directive.action}' must name the rules it turns off (rule ids, packs or "
                "categories, or ALL); this suppression hides nothing.",
            )
    for index in stray:
        directive = directives[index]
        named = " " + ",".join(directive.selectors) if directive.selectors else ""
        message = f"'medlint-enable{named}' ends nothing: no 'medlint-disable' above is open for it."
        yield from _meta(UNUSED, path, directive, rules, message)


def _scope_problems(
    path: str,
    directives: Sequence[Directive],
    scopes: Sequence[Scope],
    indices: Iterable[int],
    tally: _Tally,
    rules: RuleSet,
) -> Iterator[Finding]:
    """For each scope in ``indices``: a rule it may not hide, or nothing hidden at all."""
    for i in indices:
        scope = scopes[i]
        directive = directives[scope.directive]
        named = [r for r in rules if r.pack != PACK and selects(scope.selector, r)]
        blocked = tally.blocked.get(i, set())
        locked = blocked | {r.id for r in named if r.id == scope.selector and not r.suppressible}
        if locked:
            names = ", ".join(f"'{r}'" for r in sorted(locked))
            outcome = "the finding stays" if blocked else "this suppression can hide nothing"
            message = f"{names} cannot be suppressed (not_suppressible in the config); {outcome}."
            yield from _meta(NOT_ALLOWED, path, directive, rules, message)
        elif i in tally.used:
            continue
        elif not named:
            spelt = (n for r in rules if r.pack != PACK for n in (r.id, r.pack, r.category))
            hint = did_you_mean(scope.selector, spelt, otherwise="")
            message = f"'{scope.selector}' names no rule, pack or category in force; this suppression hides nothing."
            if hint:
                message += f" {hint[0].upper()}{hint[1:]}"
            yield from _meta(UNUSED, path, directive, rules, message)
        else:
            where = "on the next line" if directive.action == "disable-next-line" else "in this region"
            message = f"No '{scope.selector}' finding {where}; this suppression hides nothing."
            yield from _meta(UNUSED, path, directive, rules, message)


def _with_reason(directive: Directive) -> str:
    """The directive written again with a reason, in the comment syntax it was written in."""
    reason = directive.misplaced_reason or REASON_PLACEHOLDER
    body = " ".join([f"medlint-{directive.action}", ",".join(directive.selectors) or "RULE", "--", reason])
    if directive.text.startswith("<!--"):
        return f"<!-- {body} -->"
    if directive.text.startswith("{"):
        return f"{{/* {body} */}}"
    return f"# {body}"


def with_reason(directive: Directive, reason: str) -> str | None:
    """``directive`` as written, with ``reason`` after ' -- '; None if the reason would end its comment.

    A reason put after another separator (``: quoted``) is replaced, and the
    comment written again as ``_with_reason`` writes it; otherwise only the
    reason goes in, before the comment's close, and the rest stays as written.
    """
    reason = " ".join(reason.split())
    if reason.startswith("-- ") or reason == "--":  # the separator typed too: it goes in once
        reason = reason[3:]
    text = directive.text
    closers = {"<!--": "-->", "{": "*/"}
    closer = next((c for opener, c in closers.items() if text.startswith(opener)), "")
    if not reason or (closer and closer in reason):
        return None
    if directive.misplaced_reason:
        return _with_reason(replace(directive, misplaced_reason=reason))
    body_end = text.rfind(closer) if closer else len(text)
    head = text[:body_end].rstrip()
    gap = text[len(head) : body_end] or (" " if closer else "")
    separator = " " if head.endswith(" --") else " -- "
    return f"{head}{separator}{reason}{gap}{text[body_end:]}"


def _meta(
    rule_id: str,
    path: str,
    directive: Directive,
    rules: RuleSet,
    message: str | None = None,
    suggestions: tuple[str, ...] | None = None,
) -> Iterator[Finding]:
    rule = rules.get(rule_id)
    if rule is None:  # ignored, or not selected in this run
        return
    yield Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        path=path,
        start=directive.start,
        end=directive.end,
        line=directive.line,
        column=directive.column,
        end_line=directive.end_line,
        end_column=directive.end_column,
        text=directive.text,
        message=message or rule.message,
        suggestions=rule.suggestions if suggestions is None else suggestions,
    )


# --- finding comments in each format -------------------------------------------------------


def _html_comments(text: str) -> list[tuple[int, int, str]]:
    """Closed HTML comments, as the page's markup has them (none inside <script> or <style>)."""
    return [
        (token.start, token.end, text[token.start + 4 : token.end - 3])
        for token in tokens(text)
        if token.kind == "comment" and text.startswith("-->", token.end - 3)
    ]


def _markdown_comments(text: str, mdx: bool) -> list[tuple[int, int, str]]:
    """HTML comments (and in MDX, ``{/* */}`` comments) that are not inside code."""
    found = _delimited(text, *_HTML_COMMENT)
    if mdx:
        found = sorted(found + _delimited(text, *_JSX_COMMENT))
    code = SpanSet(code_regions(text, mdx))
    return [comment for comment in found if not code.overlaps(comment[0], comment[1])]


def _delimited(text: str, opener: regex.Pattern[str], closer: regex.Pattern[str]) -> list[tuple[int, int, str]]:
    """Each span from an opener to the first closer after it, with what lies between.

    What ``opener(.*?)closer`` finds, in linear time: that regex looks for a
    closer anew from every opener, to the end of the text when there is none.
    Here the first opener left unclosed ends the search: no later one can close.
    """
    found: list[tuple[int, int, str]] = []
    position = 0
    while (opening := opener.search(text, position)) is not None:
        closing = closer.search(text, opening.end())
        if closing is None:
            break
        found.append((opening.start(), closing.end(), text[opening.end() : closing.start()]))
        position = closing.end()
    return found
