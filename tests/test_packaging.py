"""The built wheel carries the rules and the py.typed marker: install it into a fresh virtualenv and run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

from mypy import api as mypy_api
from tests.conftest import REPO_ROOT
from tests.git_helpers import PROJECT_FILES

from medlint.config import Config
from medlint.patterns import LazyPattern, parse_tree, stdlib_regex_parser
from medlint.runner import build_ruleset


def _type_errors_in_user_code(folder: Path, *options: str) -> list[str]:
    """mypy's errors, under --strict, for a few lines that call the public API and assign the result of
    lint_text to an int: one error naming its type when medlint's annotations are read (PEP 561)."""
    user_code = folder / "user_code.py"
    user_code.write_text(
        "import medlint\n\ncount: int = medlint.lint_text('Our injection is non-invasive.', 'page.md')\n",
        encoding="utf-8",
    )
    config = folder / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    out, err, _ = mypy_api.run(
        ["--strict", "--config-file", str(config), "--cache-dir", str(folder / "mypy-cache"), *options, str(user_code)]
    )
    assert not err, err
    return [line.split(": error: ", 1)[1] for line in out.splitlines() if ": error: " in line]


TYPED = [
    'Incompatible types in assignment (expression has type "list[Finding]", variable has type "int")  [assignment]'
]


def test_wheel_installs_into_a_fresh_virtualenv_and_finds_its_rules(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist")],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = (tmp_path / "dist").glob("medlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {name for name in names if name.startswith("medlint/rules/")}
    source_rules = {f"medlint/rules/{p.name}" for p in (REPO_ROOT / "rules").glob("*.yaml")}
    assert source_rules and source_rules <= shipped
    # PEP 561: without the marker, type checkers treat the installed package as untyped.
    assert "medlint/py.typed" in names

    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bin_dir / "pip"), "install", "--quiet", str(wheel)], check=True, capture_output=True)

    listed = subprocess.run(
        [str(bin_dir / "medlint"), "rules", "--format", "json"], capture_output=True, text=True, cwd=tmp_path
    )
    assert listed.returncode == 0, listed.stderr
    installed_rules = json.loads(listed.stdout)
    in_tree = subprocess.run(
        [sys.executable, "-m", "medlint", "rules", "--format", "json"], capture_output=True, text=True, cwd=tmp_path
    )
    assert len(installed_rules) == len(json.loads(in_tree.stdout)) > 0

    draft = tmp_path / "draft.md"
    draft.write_text("Our injection is non-invasive.\n", encoding="utf-8")
    checked = subprocess.run(
        [str(bin_dir / "medlint"), "check", "--no-color", str(draft)], capture_output=True, text=True
    )
    assert checked.returncode == 1
    assert f"{draft}:1:18:" in checked.stdout

    # The installed package, not the source tree, is what a user's type checker reads.
    assert _type_errors_in_user_code(tmp_path, "--python-executable", str(bin_dir / "python")) == TYPED


def test_a_type_checker_reads_the_types_of_medlint_as_installed_for_development(tmp_path: Path) -> None:
    """Code that calls the public API is checked against medlint's own annotations, not skipped
    as an untyped package (an editable install reads them from src/medlint)."""
    assert _type_errors_in_user_code(tmp_path) == TYPED


def _held(value: object) -> Iterator[object]:
    """A value and everything its fields and items hold, all the way down."""
    yield value
    if isinstance(value, tuple | list):
        for item in value:
            yield from _held(item)
    elif hasattr(value, "__struct_fields__"):
        for field in value.__struct_fields__:
            yield from _held(getattr(value, field))


def _operations(tree: object) -> Iterator[str]:
    """The names of the operations in a parse tree of Python's own regex parser."""
    if isinstance(tree, stdlib_regex_parser().SubPattern):
        for operation, argument in tree:
            yield operation.name
            yield from _operations(argument)
    elif isinstance(tree, tuple | list):
        for item in tree:
            yield from _operations(item)


def _read_by_python_3_11_on(source: str) -> bool:
    """Whether a pattern holds what Python's own parser reads from 3.11 on: a possessive repeat, an atomic group."""
    try:
        tree = parse_tree(source)
    except Exception:  # syntax only the regex module reads
        return False
    return bool({"POSSESSIVE_REPEAT", "ATOMIC_GROUP"} & set(_operations(tree)))


def test_pip_is_told_the_oldest_python_whose_own_regex_parser_reads_the_rules() -> None:
    # The rules' patterns are parsed by Python's own parser to work out what they need (RE2 forms,
    # required words, size). Possessive repeats and atomic groups are read from Python 3.11 on: on
    # 3.10 pip installed medlint, and every check stopped with a traceback or refused a built-in rule.
    patterns = {
        value.source
        for rule in build_ruleset(Config())
        for value in _held(rule.check)
        if isinstance(value, LazyPattern)
    }
    newer = sorted(source for source in patterns if _read_by_python_3_11_on(source))
    declared = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    least = re.fullmatch(r">=\s*(\d+)\.(\d+)", declared)
    assert least is not None, declared
    assert not newer or (int(least[1]), int(least[2])) >= (3, 11), (declared, [source[:60] for source in newer[:2]])


def test_the_sdist_holds_what_its_own_tests_read(tmp_path: Path) -> None:
    # A packager builds from the sdist and runs its tests there; test_action and test_precommit read
    # action.yml and .pre-commit-hooks.yaml, which it left out.
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    [sdist] = tmp_path.glob("medlint-*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    tops = {name.split("/", 1)[0] for name in members}
    assert {*PROJECT_FILES, "tests", "fixtures", "docs"} - tops == set()
    assert {str(p.relative_to(REPO_ROOT)) for p in (REPO_ROOT / "tests").rglob("*.py")} <= members
