"""The registry of check kinds a rule's ``kind`` field may name."""

from __future__ import annotations

from typing import Any

from medlint.checks.existence import ExistenceCheck
from medlint.checks.substitution import SubstitutionCheck

KINDS: dict[str, Any] = {
    "existence": ExistenceCheck,
    "substitution": SubstitutionCheck,
}
