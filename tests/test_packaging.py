"""The built wheel carries the rules and the py.typed marker: install it into a fresh virtualenv and run it."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from mypy import api as mypy_api
from tests.conftest import REPO_ROOT


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


def test_a_type_checker_reads_the_installed_packages_types(tmp_path: Path) -> None:
    """Code that calls the public API is checked against medlint's own annotations (PEP 561), not
    skipped as an untyped package: the wrong type for a result is reported."""
    user_code = tmp_path / "user_code.py"
    user_code.write_text(
        "import medlint\n\ncount: int = medlint.lint_text('Our injection is non-invasive.', 'page.md')\n",
        encoding="utf-8",
    )
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    out, err, status = mypy_api.run(
        ["--strict", "--config-file", str(config), "--cache-dir", str(tmp_path / "cache"), str(user_code)]
    )
    assert status == 1, out + err
    [error] = [line for line in out.splitlines() if ": error:" in line]
    assert 'expression has type "list[Finding]", variable has type "int"' in error
