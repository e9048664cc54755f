"""medlint: a linter for medical marketing copy.

The public API is small: lint text or paths, read findings.

    >>> from medlint import lint_text
    >>> [f.rule for f in lint_text("Our injection is non-invasive.", "page.md")]
    ['non-invasive-injection']

Names are imported on first use, so ``import medlint`` (and the CLI's start-up)
stays cheap.
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing would cost every run, and the server's client, ~10 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from medlint.api import lint_paths, lint_text
    from medlint.config import ConfigWarning
    from medlint.findings import Finding, Fix, Related, Severity

__all__ = ["ConfigWarning", "Finding", "Fix", "Related", "Severity", "lint_paths", "lint_text"]
__version__ = "0.1.0"

_HOME = {
    "lint_paths": "medlint.api",
    "lint_text": "medlint.api",
    "ConfigWarning": "medlint.config",
    "Finding": "medlint.findings",
    "Fix": "medlint.findings",
    "Related": "medlint.findings",
    "Severity": "medlint.findings",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'medlint' has no attribute {name!r}")
