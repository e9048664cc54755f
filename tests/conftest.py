"""Shared helpers: run the real CLI, write small rule sets and configs."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pytest
from click.testing import CliRunner, Result

# The suite keeps medlint's caches in a folder of its own, never the user's: set before medlint
# is imported, since its own patterns are read from (and written back to) the cache folder.
# Removed at exit, after medlint has written to it (exit handlers run last-registered first).
_SUITE_CACHE = tempfile.mkdtemp(prefix="medlint-test-cache-")
atexit.register(shutil.rmtree, _SUITE_CACHE, ignore_errors=True)
os.environ["MEDLINT_CACHE_DIR"] = _SUITE_CACHE
# A width a shell exports would narrow the excerpts of every text report; tests that want one set it.
os.environ.pop("COLUMNS", None)

from medlint.cli import main  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "fixtures"

# A small rule set of our own, so tests of the machinery do not depend on the built-in packs.
CORE_RULES = """\
pack: core-test
rules:
  - id: miracle-cure
    category: efficacy
    severity: error
    message: "'{match}' promises a cure no treatment can promise."
    phrases: ["miracle cure"]
    negation: true
    suggestions: ["promising treatment"]
    examples:
      bad: ["A miracle cure for back pain."]
      good: ["This is not a miracle cure."]
  - id: sperm-cells
    category: terminology
    severity: warning
    message: "'{match}' where stem cells are meant."
    swap:
      sperm cells: stem cells
    examples:
      bad: ["Sperm cells repair discs."]
      good: ["Stem cells repair discs."]
"""


# A cross-page fact of one site-wide statement: whether a page says the treatment is FDA approved.
APPROVAL_RULE = """\
pack: site
rules:
  - id: approval-status
    kind: fact
    category: regulatory
    severity: error
    message: "Approval status differs between pages."
    values:
      approved: [FDA approved]
      not approved: [not approved by the FDA]
"""


class RunCli(Protocol):
    """The ``run_cli`` fixture: ``medlint`` with these arguments, and this text on stdin."""

    def __call__(self, *args: str, input: str | bytes | None = None) -> Result: ...


@pytest.fixture
def run_cli() -> RunCli:
    """Invoke ``medlint`` in-process, as a user would on the command line."""

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False, prog_name="medlint")

    return invoke


@pytest.fixture
def core_config(tmp_path: Path) -> Path:
    """A config that loads only CORE_RULES (no built-in packs)."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(CORE_RULES, encoding="utf-8")
    config = tmp_path / ".medlint.yaml"
    config.write_text("builtin_rules: false\nrules: [rules.yaml]\n", encoding="utf-8")
    return config


# Coverage and precision figures that tests report, printed at the end of the run.
FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture
def report_figure(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Record a line (such as "must: 30/30") for the terminal summary."""
    figures = request.config.stash.setdefault(FIGURES, [])
    return figures.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    figures = config.stash.get(FIGURES, [])
    if figures:
        terminalreporter.section("medlint rule figures")
        for line in figures:
            terminalreporter.write_line(line)


def write(path: Path, text: str, newline: str = "\n") -> Path:
    """Write dedented text, with the given line ending, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(textwrap.dedent(text).replace("\n", newline).encode("utf-8"))
    return path


def painless_in_each_scope(folder: Path, *scopes: str) -> Path:
    """A config whose only rules report 'painless', one per scope, each named '<scope>-only':
    which rule reports a word tells what kind of prose it was read as."""
    entries = "".join(
        f"  - {{id: {scope}-only, category: editorial, message: m, phrases: [painless], scope: [{scope}]}}\n"
        for scope in scopes
    )
    rules = write(folder / "rules.yaml", "rules:\n" + entries)
    return write(folder / ".medlint.yaml", f"builtin_rules: false\nrules: [{rules.name}]\n")
