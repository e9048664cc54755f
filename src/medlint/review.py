"""Narrow a run to what a reviewer should see: changed lines only, findings not in a baseline.

The CLI calls ``narrow`` after a run and before reporting; ``record_baseline``
is ``medlint baseline``. Both need the text of checked files (baseline entries
hash the words around a finding): ``text_reader`` gives it, from what the run
kept or from disk.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from medlint.baseline import (
    BaselineError,
    Entry,
    apply_baseline,
    entries_for,
    entries_not_checked,
    entries_not_refound,
    entry_order,
    read_baseline,
    write_baseline,
)
from medlint.changed_lines import changed_lines
from medlint.config import common_folder
from medlint.errors import InputError
from medlint.findings import Finding
from medlint.paths import small_file_bytes
from medlint.ruleset import Rule
from medlint.runner import RunResult
from medlint.sources import read_source


def text_reader(result: RunResult) -> Callable[[str], str | None]:
    """The decoded text of a checked file by its display path (read once, cached)."""
    cache: dict[str, str | None] = {}

    def text_of(path: str) -> str | None:
        if path not in cache:
            if path in result.sources:
                cache[path] = result.sources[path].text
            else:
                try:
                    cache[path] = read_source(Path(path)).text
                except InputError:
                    cache[path] = None
        return cache[path]

    return text_of


def narrow(
    result: RunResult,
    *,
    diff_base: str | None = None,
    staged: bool = False,
    baseline: str | None = None,
    paths: Sequence[str] = (),
    page_rules: frozenset[str] = frozenset(),
    rules_run: frozenset[str] | None = None,
    site_rules: frozenset[str] = frozenset(),
) -> list[str]:
    """Drop findings outside the changed lines or recorded in the baseline; notes for stderr.

    ``paths`` are those the run checked, for the command a note suggests; ``page_rules`` are
    the rules whose findings are about a whole page (see ``page_rule_ids``); ``rules_run`` the
    ids of the rules the run ran (None: all), whose entries alone can be found fixed;
    ``site_rules`` those that compare pages (see ``site_rule_ids``).
    """
    notes: list[str] = []
    covered: Callable[[Finding], bool] = _anywhere
    if diff_base is not None or staged:
        changed = changed_lines(base=diff_base, staged=staged, checked=common_folder(paths))
        covered = changed.covers
        option = "--staged" if staged else "--diff-base"
        notes.extend(
            f"{path}: outside the git repository at {changed.root}; {option} reports nothing in it"
            for path in result.checked
            if changed.outside(path)
        )
    found = result.findings  # the findings the changed lines narrow: a baseline's new ones only
    if baseline is not None:
        # Against every finding of the run, not only those on changed lines: an entry whose finding
        # stands on a line the change left alone is known, not fixed.
        path = Path(baseline)
        entries = read_baseline(path)
        outcome = apply_baseline(
            result.findings,
            entries,
            path.parent,
            text_reader(result),
            result.checked,
            page_rules,
            rules_run,
            site_rules,
        )
        found = outcome.findings
        shown = [f for f in outcome.findings if covered(f)]
        hidden = sum(1 for f in result.findings if covered(f)) - len(shown)  # of those the report would show
        result.findings = shown
        parts = [f"{hidden} known finding{_s(hidden)} hidden"] if hidden else []
        if outcome.fixed:
            fixed = (
                f"{len(outcome.fixed)} no longer found (fixed): "
                f"`{_baseline_command(baseline, paths)}` drops {_them(len(outcome.fixed))}"
            )
            if outcome.findings:  # re-recording would hide the new findings too
                fixed += f", but would also record the {_new_findings(len(outcome.findings))}"
                fixed += " above" if len(shown) == len(outcome.findings) else f" ({len(shown)} above)"
            parts.append(fixed)
        if parts:
            notes.append(f"baseline {baseline}: {'; '.join(parts)}")
    else:
        result.findings = [f for f in result.findings if covered(f)]
    if diff_base is not None or staged:
        # Else "No problems found in 1 file" reads as a clean page: say what the changed lines left out.
        untouched = sum(1 for f in found if not covered(f) and not changed.outside(f.path))
        if untouched:
            where = "the staged changes leave alone" if staged else f"unchanged since {diff_base}"
            verb = "is" if untouched == 1 else "are"
            notes.append(f"{option}: {untouched} finding{_s(untouched)} on lines {where} {verb} not shown")
    return notes


def _anywhere(_finding: Finding) -> bool:
    return True


def page_rule_ids(rules: Iterable[Rule]) -> frozenset[str]:
    """The rules that report a whole page once, at its first claim: a missing disclaimer."""
    return frozenset(r.id for r in rules if r.kind == "requires" and r.check.within == "document")


def site_rule_ids(rules: Iterable[Rule], whole_site: bool) -> frozenset[str]:
    """The rules whose findings compare pages (facts such as a price), which a run of only some
    pages cannot find fixed; none when the run compares its pages with the whole site."""
    return frozenset() if whole_site else frozenset(r.id for r in rules if r.kind == "fact")


def record_baseline(
    result: RunResult,
    output: str,
    page_rules: frozenset[str] = frozenset(),
    rules_run: frozenset[str] | None = None,
    site_rules: frozenset[str] = frozenset(),
) -> tuple[int, int, int]:
    """Write every finding of ``result`` to the baseline file ``output``, keeping what it
    recorded for files this run did not check, for rules it did not run (``rules_run``,
    None: all) and, on pages it checked, for rules that compare pages (``site_rules``) when it
    left out a page holding their entries (see ``unjudged_rules``); how many were recorded, how
    many kept of files or rules it did not check, and how many of those compared rules."""
    target = Path(output)
    recorded = entries_for(result.findings, target.parent, text_reader(result), page_rules)
    previous = _previous_entries(target)
    not_checked = entries_not_checked(previous, target.parent, result.checked, rules_run)
    not_refound = entries_not_refound(previous, target.parent, result.checked, recorded, site_rules, rules_run)
    entries = sorted([*recorded, *not_checked, *not_refound], key=entry_order)
    write_baseline(target, entries)
    return len(recorded), len(not_checked), len(not_refound)


def _previous_entries(target: Path) -> list[Entry]:
    """What ``target`` already records; nothing when it is missing, empty or a baseline too damaged
    to read (it is replaced). Any other file (a page named as the output by mistake) is an error."""
    if not target.is_file():
        return []
    try:
        return read_baseline(target)
    except BaselineError:
        if _once_a_baseline(target):
            return []
        raise BaselineError(
            str(target), "exists and is not a medlint baseline; not replaced (remove it, or choose another --output)"
        ) from None


def _once_a_baseline(target: Path) -> bool:
    """Whether a file that does not read as a baseline is empty or one damaged (merge conflict
    markers, a cut write): its opening holds nothing but white space, or the baseline's key."""
    try:
        opening = small_file_bytes(target)[:4096]
    except OSError:
        return False
    return not opening.strip() or b'"medlint_baseline"' in opening


def _baseline_command(baseline: str, paths: Sequence[str]) -> str:
    """The command that records the baseline afresh, for the same files as this run."""
    return shlex.join(["medlint", "baseline", "--output", baseline, *paths])


def _new_findings(count: int) -> str:
    return "new finding" if count == 1 else f"{count} new findings"


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _them(count: int) -> str:
    return "it" if count == 1 else "them"
