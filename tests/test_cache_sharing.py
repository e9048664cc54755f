"""Many medlint processes sharing one cache folder at once (a CI job's parallel steps) lose nothing."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import regex
from tests.conftest import write

from medlint.cache_folder import hashed
from medlint.regex_pickles import load_pattern, load_pattern_entries, load_patterns, load_text_entries

PROCESSES = 8


def _environment(cache: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_NO_CACHE", "NO_COLOR", "FORCE_COLOR")}
    return {**base, "MEDLINT_CACHE_DIR": str(cache)}


def _site(folder: Path, n: int) -> Path:
    """A config, a rule file of one pattern and a page of one claim, all of them this site's own."""
    write(
        folder / "rules.yaml",
        f"rules:\n  - {{id: tonic{n}, category: efficacy, message: m, patterns: ['tonic{n}\\s+cures?']}}\n",
    )
    write(folder / ".medlint.yaml", f"# site {n}\nbuiltin_rules: false\nrules: [rules.yaml]\n")
    return write(folder / "page.md", f"Tonic{n} cures everything.\n")


def _start(page: Path, env: dict[str, str], preexec_fn: Callable[[], object] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", "--no-color", "--format", "json", page.name],
        cwd=page.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec_fn,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    assert "Traceback" not in err, err
    return process.returncode, out, err


def _rule_ids(report: str) -> list[str]:
    return [finding["rule"] for finding in json.loads(report)["findings"]]


def _keys_naming(keys: Iterable[object], word: str) -> set[int]:
    """The sites (by number) whose pattern word appears in some key."""
    return {int(m.group(1)) for key in keys for m in [regex.search(word + r"(\d+)", str(key))] if m}


def test_processes_saving_to_one_cache_folder_at_once_keep_every_entry_and_whole_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = _environment(cache)
    pages = [_site(tmp_path / f"site{n}", n) for n in range(PROCESSES)]

    running = [_start(page, env) for page in pages]
    finished = [_finish(process) for process in running]

    sites = set(range(PROCESSES))
    for n, (code, out, _) in enumerate(finished):
        assert (code, _rule_ids(out)) == (1, [f"tonic{n}"])
    assert not list(cache.glob(".*.tmp")), "no half-written file is left behind"

    # Every site's config and rule file, as parsed.
    [parsed] = cache.glob("yaml-*.pickle")
    texts = load_text_entries(parsed.read_bytes())
    for page in pages:
        for name in ("rules.yaml", ".medlint.yaml"):
            key = hashed((page.parent / name).read_bytes()).hexdigest()
            assert json.loads(texts[key]), (page, name)
    # Every site's pattern, analysed and compiled (each compiled entry loads as a pattern).
    [analyses] = cache.glob("analysis-*.json")
    assert _keys_naming(json.loads(analyses.read_text(encoding="utf-8")), "tonic") == sites
    [compiled] = cache.glob("compiled-*.pickle")
    entries = load_pattern_entries(compiled.read_bytes())
    assert _keys_naming(entries, "tonic") == sites
    assert all(isinstance(load_pattern(data), regex.Pattern) for data in entries.values())
    [own] = cache.glob("own-patterns-*.pickle")
    assert load_patterns(own.read_bytes())
    # Every site's built rule set and page result.
    assert len(list(cache.glob("rules-*.pickle"))) == PROCESSES
    assert sorted(len(list(folder.glob("*.pickle"))) for folder in cache.glob("results-*")) == [1] * PROCESSES


def test_a_run_waits_for_another_processs_save_and_gives_up_on_one_that_never_ends(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = _environment(cache)
    first = _site(tmp_path / "first", 1)
    assert _finish(_start(first, env))[0] == 1
    [parsed] = cache.glob("yaml-*.pickle")
    before = parsed.read_bytes()

    # Another process holds the parsed-YAML file's lock, as a save does, and is then stopped there.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; h = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(h, fcntl.LOCK_EX);"
            " print('held', flush=True); time.sleep(60)",
            str(cache / f".{parsed.name}.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        code, out, _ = _finish(_start(_site(tmp_path / "second", 2), env))
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()

    # The check is whole and not held up for long; the file it could not lock is as it was.
    assert (code, _rule_ids(out)) == (1, ["tonic2"])
    assert waited < 30
    assert parsed.read_bytes() == before


def test_a_full_cache_folder_changes_nothing_but_speed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = _environment(cache)
    page = _site(tmp_path / "site", 3)
    expected = _finish(_start(page, {**env, "MEDLINT_NO_CACHE": "1"}))

    def full_disk() -> None:  # every file written stops at 1 KB, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    for _ in range(2):  # the second run reads what the first left
        # (No bytecode written: Python would keep a .pyc cut short at the limit.)
        limited = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
        assert _finish(_start(page, limited, preexec_fn=full_disk)) == expected
    assert not list(cache.glob(".*.tmp")), "a write that failed leaves no temporary file"
    for kept in cache.glob("*.json"):
        json.loads(kept.read_text(encoding="utf-8"))
    for kept in cache.glob("yaml-*.pickle"):
        assert load_text_entries(kept.read_bytes()), "a kept file is whole"
