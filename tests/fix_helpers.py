"""A small rule set and helpers for the fixer tests, independent of the built-in packs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from medlint.cli import main
from medlint.engine import Engine
from medlint.rule_loader import load_rules

FIX_RULES = """\
pack: fix-test
rules:
  - id: non-invasive
    kind: substitution
    category: invasiveness
    severity: error
    message: "'{match}' for an injection: a needle is minimally invasive."
    swap:
      non-invasive: minimally invasive
    suggestions: ["less invasive than surgery"]
  - id: sperm-cells
    kind: substitution
    category: terminology
    severity: error
    message: "'{match}' where stem cells are meant."
    swap:
      sperm cells: stem cells
  - id: painless
    kind: substitution
    category: absolute-safety
    severity: warning
    message: "'{match}' promises no pain at all."
    swap:
      painless: usually comfortable
    fix: false
  - id: cures-back-pain
    category: efficacy
    severity: warning
    message: "'{match}' promises a cure."
    phrases: ["cures back pain"]
    suggestions: ["may ease back pain", "can help with back pain"]
"""


def make_config(folder: Path, rules: str = FIX_RULES) -> Path:
    """A config loading only ``rules`` (written next to it), not the built-in packs."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fix-rules.yaml").write_text(rules, encoding="utf-8")
    config = folder / "fix-config.yaml"
    config.write_text("builtin_rules: false\nrules: [fix-rules.yaml]\n", encoding="utf-8")
    return config


def make_engine(folder: Path, rules: str = FIX_RULES) -> Engine:
    """The engine for ``rules``, for tests of the public fixer functions."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fix-rules.yaml"
    path.write_text(rules, encoding="utf-8")
    return Engine.build(load_rules([path]))


def medlint(*args: str | Path, input: str | bytes | None = None) -> Result:
    """Run the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def medlint_process(
    *args: str | Path, input: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m medlint`` as a real process."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "medlint", *map(str, args)],
        input=input,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )
