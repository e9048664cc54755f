"""The registry of check kinds a rule's ``kind`` field may name."""

from __future__ import annotations

from typing import Any

from medlint.checks.consistency import ConsistencyCheck
from medlint.checks.contradiction import ContradictionCheck
from medlint.checks.editorial import RepetitionCheck, TruncationCheck
from medlint.checks.existence import ExistenceCheck
from medlint.checks.facts import FactCheck
from medlint.checks.requires import RequiresCheck
from medlint.checks.substitution import SubstitutionCheck

KINDS: dict[str, Any] = {
    "existence": ExistenceCheck,
    "substitution": SubstitutionCheck,
    "contradiction": ContradictionCheck,
    "consistency": ConsistencyCheck,
    "requires": RequiresCheck,
    "fact": FactCheck,
    "repetition": RepetitionCheck,
    "truncation": TruncationCheck,
}
