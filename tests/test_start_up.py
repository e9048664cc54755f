"""A one-page check (the pre-commit case) spends most of its time starting: keep that cheap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import write

# Every method a dataclass makes (``__init__``, ``__repr__``, ``__eq__``; for a frozen one also
# ``__setattr__``, ``__delattr__`` and ``__hash__``) is written out and compiled as the class is
# created, about 0.6 M instructions each on Python 3.11; a named tuple compiles its ``__new__`` and
# each field's annotation. The 28 dataclasses and 28 named tuples a one-page check once imported
# cost it 14% of its instructions. medlint's records are msgspec structs, made in C.


def _second_run(tmp_path: Path, script: str) -> tuple[str, str]:
    """A one-page check run by ``script`` a second time (the first builds and keeps the rules, as a
    hook's earlier run has): the check's report, and the last line ``script`` prints after it."""
    page = write(tmp_path / "page.md", "# Knee pain\n\nOur PRP injections help many patients. Results vary.\n")
    env = {k: v for k, v in os.environ.items() if k != "MEDLINT_NO_CACHE"}
    env["MEDLINT_CACHE_DIR"] = str(tmp_path / "cache")
    command = [sys.executable, "-c", script, str(page)]
    subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    report, last = done.stdout.rsplit("\n", 2)[:2]
    return report, last


_REPORT_GENERATED_RECORDS = """\
import sys
from medlint.cli import main
try:
    main(["check", sys.argv[1]])
except SystemExit:
    pass

modules = [m for name, m in list(sys.modules.items()) if name == "medlint" or name.startswith("medlint.")]
classes = {
    c for m in modules for c in vars(m).values()
    if isinstance(c, type) and ("__dataclass_params__" in vars(c) or (issubclass(c, tuple) and hasattr(c, "_fields")))
}
print(" ".join(sorted(f"{c.__module__}.{c.__qualname__}" for c in classes)) or "none")
"""


def test_a_one_page_check_defines_no_dataclass_or_named_tuple_as_it_starts(tmp_path: Path) -> None:
    report, generated = _second_run(tmp_path, _REPORT_GENERATED_RECORDS)
    assert report == "No problems found in 1 file."
    assert generated == "none"


_REPORT_COLLECTION_AT_EXIT = """\
import atexit, gc, sys
# Exit handlers run before the interpreter's last collection, the last registered first: this one last.
atexit.register(lambda: print("collecting:", gc.isenabled(), "left to collect:", len(gc.get_objects())))
from medlint.entry import main
sys.argv = ["medlint", "check", sys.argv[1]]
main()
"""


def test_the_command_spares_the_interpreter_its_last_collection(tmp_path: Path) -> None:
    # That collection would walk every object the check made (some 24,000 here), just before the
    # process gives its memory back. Collection held off while start-up imports is on again.
    page = write(tmp_path / "page.md", "# Knee pain\n\nOur PRP injections help many patients. Results vary.\n")
    env = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_NO_CACHE", "MEDLINT_SERVER")}
    env["MEDLINT_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_COLLECTION_AT_EXIT, str(page)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0
    report, collection = done.stdout.splitlines()
    assert report == "No problems found in 1 file."
    enabled, left = collection.removeprefix("collecting: ").split(" left to collect: ")
    assert enabled == "True"
    assert int(left) < 1_000


_REPORT_MODULES = """\
import sys
from medlint.cli import main
try:
    main(["check", *sys.argv[1:]])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""
# Modules a one-page check has no use for, and what importing each costs it.
_NOT_IMPORTED = {
    "_hashlib": "OpenSSL's hashes: about 12 M instructions to load, 1% of the check",
    "difflib": "only a mistake in a rule suggests a name: 1.7 M instructions",
    "medlint.formats.jsx": "JSX expressions are MDX's and Astro's: about 1 M instructions for a Markdown page",
}


def test_a_one_page_check_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    # With the results of unchanged files kept, as a hook runs it: that imports the most.
    report, modules = _second_run(tmp_path, _REPORT_MODULES)
    assert report == "No problems found in 1 file."
    assert {name: why for name, why in _NOT_IMPORTED.items() if name in modules.split()} == {}


def test_a_markdown_page_is_read_without_markdown_it(tmp_path: Path) -> None:
    # medlint reads Markdown's blocks itself (formats/markdown_blocks.py); markdown-it-py, the parser
    # it is tested against, imports its inline rules, renderer and logging whatever is used: about
    # 100 M instructions, a tenth of a one-page check.
    page = write(tmp_path / "page.md", "# Knee pain\n\n> Our PRP injections help many patients.\n\n```\ncode\n```\n")
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", _REPORT_MODULES, "--no-cache", str(page)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    modules = done.stdout.rsplit("\n", 2)[1].split()
    assert "medlint.formats.markdown_blocks" in modules
    assert [name for name in modules if name.split(".")[0] in {"markdown_it", "mdurl", "logging"}] == []


_REPORT_COLLECTION_AT_IMPORTS = """\
import gc, sys

class Watch:
    # Says, for each of medlint's modules as it is imported, whether garbage collection was on.
    def find_spec(self, name, path=None, target=None):
        if name.startswith("medlint."):
            collecting[name] = gc.isenabled()
        return None

collecting = {}
sys.meta_path.insert(0, Watch())
from medlint.entry import main
sys.argv = ["medlint", *sys.argv[1:]]
try:
    main()
finally:
    print(" ".join(sorted(name for name, on in collecting.items() if on)))
    print(" ".join(sorted(collecting)))
"""


def test_a_check_imports_its_engine_with_collection_held_off(tmp_path: Path) -> None:
    # Imported once the command had started, the engine's 96 modules were walked by every
    # collection the run made: 0.7% of a one-page check. A command's help imports none of them.
    page = write(tmp_path / "page.md", "# Knee pain\n\nOur PRP injections help many patients. Results vary.\n")
    # The suite's cache folder: the rules are built there once for every test that checks.
    env = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_NO_CACHE", "MEDLINT_SERVER")}
    script = [sys.executable, "-c", _REPORT_COLLECTION_AT_IMPORTS]
    done = subprocess.run([*script, "check", str(page)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    report, imported_while_collecting, imported = done.stdout.splitlines()
    assert report == "No problems found in 1 file."
    engine = {"medlint.engine", "medlint.runner", "medlint.formats.markdown"}
    assert engine <= set(imported.split())
    assert engine.isdisjoint(imported_while_collecting.split())

    helped = subprocess.run([*script, "check", "--help"], capture_output=True, text=True, env=env)
    assert helped.returncode == 0, helped.stderr
    assert "medlint.engine" not in helped.stdout.splitlines()[-1].split()
