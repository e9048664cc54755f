"""Rules as the engine sees them, and a selected, configured set of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec.structs import replace

from medlint.findings import Severity

if TYPE_CHECKING:
    from medlint.analysis_cache import AnalysisCache
    from medlint.patterns import LazyPattern

CATEGORIES = (
    "terminology",
    "anatomy",
    "biology",
    "invasiveness",
    "absolute-safety",
    "efficacy",
    "disease-claim",
    "evidence",
    "eligibility",
    "comparative",
    "coverage",
    "consistency",
    "editorial",
    "regulatory",
    "testimonial",
)


class Reference(msgspec.Struct, frozen=True):
    """The guidance a rule rests on."""

    title: str
    url: str = ""


class Examples(msgspec.Struct, frozen=True):
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    # The format the examples are checked in: "html" for a rule on alt text or titles.
    format: str = "text"


class Rule(msgspec.Struct, frozen=True):
    """One rule from a rule file. ``check`` is the compiled kind-specific part."""

    id: str
    pack: str
    kind: str
    category: str
    severity: Severity
    message: str
    check: Any
    rationale: str = ""
    suggestions: tuple[str, ...] = ()
    # Suggestions that fit only some wordings of a match ("possible treatment" for "a cure", not for
    # "cures"): each with the patterns the matched words must hold one of for it to be offered.
    suggestion_conditions: tuple[tuple[str, tuple[LazyPattern, ...]], ...] = ()
    references: tuple[Reference, ...] = ()
    scope: frozenset[str] = frozenset()
    examples: Examples = msgspec.field(default_factory=Examples)
    suppressible: bool = True
    # Rules whose findings this rule's findings replace where their spans overlap: one finding per problem.
    supersedes: frozenset[str] = frozenset()
    source: str = ""

    def suggestions_for(self, suggestions: tuple[str, ...], matched: str) -> tuple[str, ...]:
        """``suggestions`` less those this rule offers only for other wordings than ``matched``."""
        if not self.suggestion_conditions:
            return suggestions
        return _offered(self.suggestion_conditions, suggestions, matched)

    @property
    def level(self) -> str:
        return str(self.check.level)

    @property
    def fixable(self) -> bool:
        return bool(getattr(self.check, "fixable", False))

    def in_scope(self, block_kind: str) -> bool:
        return not self.scope or block_kind in self.scope


# A site repeats its wordings ("guaranteed results" on page after page): each is weighed once a process.
@lru_cache(maxsize=4096)
def _offered(
    conditions: tuple[tuple[str, tuple[LazyPattern, ...]], ...], suggestions: tuple[str, ...], matched: str
) -> tuple[str, ...]:
    """``suggestions`` less those whose ``conditions`` the matched words hold none of (see Rule.suggestions_for)."""
    from medlint.patterns import MATCH_TIMEOUT_SECONDS  # here: this module imports no regex machinery

    when = dict(conditions)
    return tuple(
        s
        for s in suggestions
        if s not in when or any(p.compiled.search(matched, timeout=MATCH_TIMEOUT_SECONDS) for p in when[s])
    )


class RuleSet(msgspec.Struct, frozen=True):
    """The rules of a run, in a stable order (pack, then file order).

    ``pattern_cache`` holds what earlier runs worked out about the rules'
    patterns; a run saves what it added (see medlint.analysis_cache).
    ``source_fingerprint`` is a hash of the files and settings the rules
    were loaded from.
    """

    rules: tuple[Rule, ...]
    pattern_cache: AnalysisCache | None = None
    # What the rules were loaded from (see medlint.result_cache); empty for rules made in code.
    source_fingerprint: str = ""

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def document_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.level == "document")

    @property
    def run_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.level == "run")

    def matching(self, selector: str) -> list[Rule]:
        """Rules a selector names: a rule id, a pack, a category, or ``ALL``."""
        return [r for r in self.rules if selects(selector, r)]

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSet:
        chosen = list(select)
        dropped = list(ignore)
        rules = [
            r
            for r in self.rules
            if (not chosen or any(selects(s, r) for s in chosen)) and not any(selects(s, r) for s in dropped)
        ]
        return replace(self, rules=tuple(rules))

    def with_overrides(self, severities: Mapping[str, Severity], unsuppressible: Iterable[str] = ()) -> RuleSet:
        locked = list(unsuppressible)
        rules = []
        for rule in self.rules:
            # The most specific selector wins (a rule id over its pack or category, either over ALL);
            # among equally specific ones, the last given.
            chosen = [
                (_specificity(s, rule), i, sev) for i, (s, sev) in enumerate(severities.items()) if selects(s, rule)
            ]
            if chosen:
                rule = replace(rule, severity=max(chosen)[2])
            if any(selects(s, rule) for s in locked):
                rule = replace(rule, suppressible=False)
            rules.append(rule)
        return replace(self, rules=tuple(rules))


def unknown_selectors(rules: RuleSet, selectors: Iterable[str]) -> list[str]:
    """The selectors that name no rule id, pack or category of ``rules``."""
    known = {"ALL"} | {name for r in rules for name in (r.id, r.pack, r.category)}
    return [s for s in selectors if s not in known]


def spelt_like(name: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """Of ``names``, those a misspelt ``name`` most likely meant: close in spelling, or holding it."""
    import difflib  # only a mistake needs it

    known = sorted(set(names))
    close = difflib.get_close_matches(name, known, n=limit, cutoff=0.75)
    holding = [k for k in known if name in k or k in name]
    return list(dict.fromkeys([*close, *holding]))[:limit]


def did_you_mean(name: str, names: Iterable[str], otherwise: str = "see `medlint rules`") -> str:
    """ "did you mean 'a', 'b' or 'c'?" for a misspelt ``name``; ``otherwise`` when nothing is close."""
    close = [repr(n) for n in spelt_like(name, names)]
    if not close:
        return otherwise
    return f"did you mean {' or '.join([', '.join(close[:-1]), close[-1]] if len(close) > 1 else close)}?"


def selects(selector: str, rule: Rule) -> bool:
    return selector in ("ALL", rule.id, rule.pack, rule.category)


def _specificity(selector: str, rule: Rule) -> int:
    """How narrowly ``selector`` (which selects ``rule``) names it: 2 its id, 1 its pack or category, 0 ALL."""
    if selector == rule.id:
        return 2
    return 0 if selector == "ALL" else 1
