"""The cache of pattern analysis across runs changes speed only, never results."""

from __future__ import annotations

import ast
import json
import os
import pickle
import pickletools
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from tests.conftest import FIXTURES, REPO_ROOT, write

from medlint import lint_paths
from medlint.cli import main
from medlint.patterns import LazyPattern
from medlint.regex_pickles import load_text_entries


def _check(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        # Results of unchanged files are not reused: these runs must each scan with the patterns.
        [sys.executable, "-m", "medlint", "check", "--no-cache", "--no-color", "--format", "json", *args],
        capture_output=True,
        text=True,
        env=env,
    )


DRAFTS = str(FIXTURES / "drafts")


def _own_cache(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A cache folder of the test's own, and the environment that points medlint at it."""
    base = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_NO_CACHE", "NO_COLOR", "FORCE_COLOR")}
    cache = tmp_path / "cache"
    return cache, {**base, "MEDLINT_CACHE_DIR": str(cache)}


def _same_report(first: subprocess.CompletedProcess[str], later: subprocess.CompletedProcess[str]) -> bool:
    return (later.returncode, later.stdout) == (first.returncode, first.stdout)


def test_a_cached_run_reports_exactly_what_an_uncached_run_reports(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_NO_CACHE", "NO_COLOR", "FORCE_COLOR")}
    cached = {**base, "MEDLINT_CACHE_DIR": str(tmp_path / "cache")}
    uncached = {**base, "MEDLINT_NO_CACHE": "1"}
    first = _check(DRAFTS, env=cached)
    assert list((tmp_path / "cache").glob("analysis-*.json")), "the first run fills the cache"
    second = _check(DRAFTS, env=cached)
    plain = _check(DRAFTS, env=uncached)
    assert first.returncode == second.returncode == plain.returncode == 1
    assert first.stdout == second.stdout == plain.stdout


def test_a_rule_changed_since_the_cache_was_filled_is_still_checked(tmp_path: Path) -> None:
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "cache")}
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    rules = write(
        tmp_path / "rules.yaml",
        "rules:\n  - id: ok\n    category: efficacy\n    message: m\n    patterns: ['miracle\\s+cure']\n",
    )
    write(tmp_path / ".medlint.yaml", f"builtin_rules: false\nrules: [{rules.name}]\n")
    assert _check(str(page), env=env).returncode == 1
    rules.write_text(
        "rules:\n  - id: ok\n    category: efficacy\n    message: m\n    patterns: ['miracle\\s+(cure']\n",
        encoding="utf-8",
    )
    broken = _check(str(page), env=env)
    assert broken.returncode == 2
    assert "rule 'ok': bad regex in 'patterns'" in broken.stderr


def test_compiled_patterns_are_kept_and_a_tampered_cache_file_runs_nothing(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    first = _check(DRAFTS, env=env)
    [compiled] = cache.glob("compiled-*.pickle")
    assert compiled.stat().st_size > 1000, "the patterns compiled in the first run are kept"

    _tampered_and_damaged_change_nothing(compiled, first, env, tmp_path / "ran")


def _tampered_and_damaged_change_nothing(
    kept: Path, first: subprocess.CompletedProcess[str], env: dict[str, str], marker: Path
) -> None:
    """A kept file replaced by a pickle that would run a command, then by junk: the report stays, nothing runs."""
    kept.write_bytes(pickle.dumps(_RunsCommand(f"touch {marker}")))
    assert _same_report(first, _check(DRAFTS, env=env))
    assert not marker.exists(), "a cache file must not be able to run code"

    kept.write_bytes(b"\x80\x05not a pickle at all")
    assert _same_report(first, _check(DRAFTS, env=env))


def test_medlints_own_patterns_are_kept_and_a_tampered_or_mislabelled_file_changes_nothing(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    first = _check(DRAFTS, env=env)
    [kept] = cache.glob("own-patterns-*.pickle")
    patterns = pickle.loads(kept.read_bytes())
    assert len(patterns) > 50, "masking, sentence and negation patterns are kept after the first run"
    # A later process reads them rather than compiling them: compiling is refused, and importing still works.
    refuse = "import regex\nregex.compile = None\nimport medlint.cli, medlint.engine, medlint.runner, medlint.formats"
    assert subprocess.run([sys.executable, "-c", refuse], env=env, capture_output=True).returncode == 0

    # Every entry made to match anything: an entry must be what its key names, or it is compiled afresh.
    anything = regex.compile(r"[\s\S]")
    kept.write_bytes(pickle.dumps({key: anything for key in patterns}))
    assert _same_report(first, _check(DRAFTS, env=env))

    marker = tmp_path / "ran"
    kept.write_bytes(pickle.dumps({(r"\w", 0): _RunsCommand(f"touch {marker}")}))
    assert _same_report(first, _check(DRAFTS, env=env))
    assert not marker.exists(), "a cache file must not be able to run code"
    assert len(pickle.loads(kept.read_bytes())) > 50, "the tampered file is replaced by good patterns"


def test_the_built_rule_set_is_kept_and_a_tampered_or_damaged_keep_changes_nothing(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    first = _check(DRAFTS, env=env)
    [kept] = cache.glob("rules-*.pickle")
    # A later process reads the rule set rather than building it: building is refused, and the check still works.
    refuse = (
        "import sys\nimport medlint.rule_loader as loader\nloader._build = None\n"
        "from medlint.cli import main\nmain(['check', '--no-cache', '--format', 'json', sys.argv[1]])"
    )
    kept_run = subprocess.run([sys.executable, "-c", refuse, DRAFTS], env=env, capture_output=True, text=True)
    assert _same_report(first, kept_run), kept_run.stderr

    _tampered_and_damaged_change_nothing(kept, first, env, tmp_path / "ran")
    assert _same_report(
        first, subprocess.run([sys.executable, "-c", refuse, DRAFTS], env=env, capture_output=True, text=True)
    ), "the damaged keep was replaced"


def test_a_kept_rule_set_makes_each_object_by_its_constructor_and_sets_no_state_after(tmp_path: Path) -> None:
    # A state set after an object is made (pickle's BUILD) is a Python call setting it field by
    # field: for the 541 patterns of the built-in rules, three times what making each in one call costs.
    # The suite's own cache folder: the built-in rules are built there once for all its tests.
    assert CliRunner().invoke(main, ["check", str(write(tmp_path / "page.md", "A miracle cure.\n"))]).exit_code == 1
    kept = list(Path(os.environ["MEDLINT_CACHE_DIR"]).glob("rules-*.pickle"))
    operations = {each.name: Counter(op.name for op, _, _ in pickletools.genops(each.read_bytes())) for each in kept}
    assert max(made["REDUCE"] for made in operations.values()) > 500, "the built-in rules are kept"
    assert {name: made["BUILD"] for name, made in operations.items() if made["BUILD"]} == {}

    written = LazyPattern(r"(?<![\w])(?:stem\s+cells?)(?![\w])", True, written=r"stem cells?")
    plain = LazyPattern(r"miracle\s+cure")
    for pattern in (written, plain):
        again = pickle.loads(pickle.dumps(pattern, pickle.HIGHEST_PROTOCOL))
        assert (again.source, again.written, again.case_sensitive, again.analysis, again.cache) == (
            pattern.source,
            pattern.written,
            pattern.case_sensitive,
            None,
            None,
        )
        assert again.compiled.search("our stem cells and a Miracle Cure") is not None


class _RunsCommand:
    """A pickle that, loaded by a plain unpickler, would run a shell command."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (self.command,)


def test_parsed_rule_files_and_configs_are_kept_and_a_damaged_keep_changes_nothing(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    page = write(tmp_path / "page.md", "A miracle cure.\n")
    write(tmp_path / ".medlint.yaml", "severity: {miracle-breakthrough: info}\nfail_on: info\n")
    first = _check(str(page), env=env)
    [kept] = cache.glob("yaml-*.pickle")
    texts = load_text_entries(kept.read_bytes())
    builtin_packs = len(list((REPO_ROOT / "rules").glob("*.yaml")))
    assert len(texts) == builtin_packs + 1, "every built-in pack and the config are kept"
    second = _check(str(page), env=env)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    assert json.loads(second.stdout)["findings"][0]["severity"] == "info"

    marker = tmp_path / "ran"
    for damage in (
        b"\x80\x05damaged",
        pickle.dumps({key: 7 for key in texts}),
        pickle.dumps({key: "{" for key in texts}),
        pickle.dumps({key: _RunsCommand(f"touch {marker}") for key in texts}),
    ):
        kept.write_bytes(damage)
        damaged = _check(str(page), env=env)
        assert (damaged.returncode, damaged.stdout) == (first.returncode, first.stdout), damage
    assert not marker.exists(), "a cache file must not be able to run code"

    # A config that stops being valid YAML is reported, whatever was kept for its old text.
    write(tmp_path / ".medlint.yaml", "severity: {miracle-breakthrough: info\n")
    broken = _check(str(page), env=env)
    assert broken.returncode == 2
    assert "bad YAML: line 2, column 1" in broken.stderr


def test_each_compiled_pattern_is_kept_on_its_own_and_a_tampered_entry_runs_nothing(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    first = _check(DRAFTS, env=env)
    [kept] = cache.glob("compiled-*.pickle")
    # Plain data outside, each pattern's own pickle inside: a run unpickles only the patterns its pages need.
    entries = pickle.loads(kept.read_bytes())
    assert len(entries) > 20 and all(isinstance(v, bytes) for v in entries.values())

    marker = tmp_path / "ran"
    keys = sorted(entries)
    entries[keys[0]] = pickle.dumps(_RunsCommand(f"touch {marker}"))
    entries[keys[1]] = b"\x80\x05damaged"
    entries[keys[2]] = pickle.dumps(regex.compile(r"[\s\S]"))  # not the pattern its key names
    kept.write_bytes(pickle.dumps(entries))
    assert _same_report(first, _check(DRAFTS, env=env))
    assert not marker.exists(), "a cache file must not be able to run code"


_COUNTING_RE2 = """
import sys, re2
compiled = []
real = re2.compile
re2.compile = lambda *args, **kwargs: compiled.append(args[0]) or real(*args, **kwargs)
from medlint.cli import main
try:
    main(["check", "--no-cache", "--no-color", "--format", "json", *sys.argv[1:]])
finally:
    sys.stderr.write(f"re2 patterns compiled: {len(compiled)}\\n")
"""


def _re2_compiled(page: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], int]:
    done = subprocess.run([sys.executable, "-c", _COUNTING_RE2, str(page)], capture_output=True, text=True, env=env)
    return done, int(done.stderr.rsplit("re2 patterns compiled: ", 1)[1])


def test_a_short_page_is_matched_without_compiling_re2_and_a_long_one_with_it(tmp_path: Path) -> None:
    _, env = _own_cache(tmp_path)
    paragraph = (
        "Our clinic offers PRP injections for knee pain. This miracle cure is non-invasive and "
        "guarantees results, with no side effects. Clinical studies show it works.\n\n"
    )
    # A page of about 1,600 characters (a short draft), and one of about 3,300.
    short = write(tmp_path / "short.md", "# Knee pain\n\n" + paragraph * 10)
    long = write(tmp_path / "long.md", "# Knee pain\n\n" + paragraph * 20)
    unaided = {**env, "MEDLINT_NO_CACHE": "1"}  # no compiled forms at hand: RE2 matches, as always
    expected = {page: _check(str(page), env=unaided) for page in (short, long)}
    _check(str(short), str(long), env=env)  # an earlier run keeps the compiled patterns
    for page, most in ((short, 0), (long, None)):
        done, count = _re2_compiled(page, env)
        assert (done.returncode, done.stdout) == (expected[page].returncode, expected[page].stdout)
        assert json.loads(done.stdout)["findings"], "the page has claims to find"
        # Compiling RE2 costs more than the regex module reading a short page; a long page repays it.
        assert count == 0 if most == 0 else count > 0


def test_a_short_page_checked_with_kept_patterns_does_not_load_re2(tmp_path: Path) -> None:
    _, env = _own_cache(tmp_path)
    page = write(tmp_path / "page.md", "# Knee pain\n\nThis miracle cure is non-invasive, with no side effects.\n")
    _check(str(page), env=env)  # keeps the compiled patterns
    write(page, "# Knee pain\n\nThis miracle cure is non-invasive. Results are guaranteed.\n")  # a new edit
    script = (
        "import sys\nfrom medlint.cli import main\n"
        "try:\n    main(['check', '--format', 'json', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print('re2' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(page)], capture_output=True, text=True, env=env)
    report, loaded = done.stdout.rsplit("\n", 2)[:2]
    assert len(json.loads(report)["findings"]) >= 2
    assert loaded == "False"


def test_patterns_kept_by_two_processes_at_once_are_all_kept(tmp_path: Path) -> None:
    # The workers of one `--jobs 2` run each read the cache, compile what their pages need, and save.
    from medlint.analysis_cache import AnalysisCache
    from medlint.pattern_analysis import analyse

    first, second = AnalysisCache(tmp_path), AnalysisCache(tmp_path)
    for cache, source in ((first, r"miracle\s+cure"), (second, r"no\s+risk")):
        cache.put(source, False, analyse(source, False))
        cache.compiled(source, False)
    first.save()
    second.save()

    later = AnalysisCache(tmp_path)
    for source in (r"miracle\s+cure", r"no\s+risk"):
        assert later.get(source, False) is not None, source
        assert later.has_compiled(source, False), source


_COUNTING_COMPILES = """
import sys, regex
compiled = []
real = regex.compile
regex.compile = lambda *args, **kwargs: compiled.append(args[0]) or real(*args, **kwargs)
from medlint.cli import main
try:
    main(["check", "--no-cache", "--no-color", "--jobs", "1", "--format", "json", *sys.argv[1:]])
finally:
    sys.stderr.write(f"rule patterns compiled: {sum('cures?' in str(p) for p in compiled)}\\n")
"""


def _rule_patterns_compiled(page: Path, env: dict[str, str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _COUNTING_COMPILES, str(page)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1, done.stderr
    return int(done.stderr.rsplit("rule patterns compiled: ", 1)[1])


_COUNTING_ALL_COMPILES = """
import sys, regex
compiled = []
real = regex.compile
regex.compile = lambda *args, **kwargs: compiled.append(args[0]) or real(*args, **kwargs)
from medlint.cli import main
try:
    main(["check", "--no-cache", "--no-color", "--format", "json", sys.argv[1]])
finally:
    sys.stderr.write(f"compiled: {compiled!r}\\n")
"""


def _patterns_compiled(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The patterns a run of ``_COUNTING_ALL_COMPILES`` compiled with the regex module, as it printed them."""
    return list(ast.literal_eval(done.stderr.rsplit("compiled: ", 1)[1].strip()))


def test_a_swap_phrases_own_pattern_is_kept_for_the_next_run(tmp_path: Path) -> None:
    # Which swap a substitution finding is, is told by each phrase's own pattern: compiling one
    # takes the regex module's parser (about a million instructions), kept with the rules' patterns.
    _, env = _own_cache(tmp_path)
    write(
        tmp_path / "rules.yaml",
        "rules:\n  - id: elixir\n    kind: substitution\n    category: efficacy\n    message: m\n"
        "    swap: {'healing elixir': treatment, 'wonder elixir': remedy}\n",
    )
    write(tmp_path / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    page = write(tmp_path / "page.txt", "Try our wonder elixir today.\n")
    command = [sys.executable, "-c", _COUNTING_ALL_COMPILES, str(page)]
    reports = []
    for _ in range(2):
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        reports.append((done.stdout, sum("elixir" in str(p) for p in _patterns_compiled(done))))
    (first, compiled_first), (second, compiled_second) = reports
    assert json.loads(first)["findings"][0]["fix"] == "remedy"
    assert compiled_first > 0
    assert (second, compiled_second) == (first, 0)


def test_a_markdown_page_checked_again_is_masked_and_checked_without_compiling_a_pattern(tmp_path: Path) -> None:
    # Compiling takes the regex module's parser, written in Python: about a million instructions
    # a pattern. Once a run has kept them, a check compiles none (the lists' and tables' line
    # starts were found with two patterns compiled on every Markdown page).
    page = write(
        tmp_path / "page.md",
        "# Knee pain\n\n- PRP injections\n- Physical therapy\n\n| Option | Cost |\n| --- | --- |\n"
        "| PRP | $500 |\n\n> Our miracle cure is non-invasive.\n",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_NO_CACHE", "NO_COLOR", "FORCE_COLOR")}
    command = [sys.executable, "-c", _COUNTING_ALL_COMPILES, str(page)]
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    again = subprocess.run(command, capture_output=True, text=True, env=env)
    assert again.returncode == first.returncode == 1, again.stderr
    assert again.stdout == first.stdout
    assert _patterns_compiled(again) == []


def _many_rules(folder: Path, count: int, word: str) -> Path:
    """A site with ``count`` rules of one pattern each, and a page that makes every tenth claim."""
    words = [f"{word}{n:04d}" for n in range(count)]
    rules = "".join(
        f"  - id: r{n}\n    category: efficacy\n    message: m\n    patterns: ['{w}\\s+cures?']\n"
        for n, w in enumerate(words)
    )
    write(folder / "rules.yaml", "rules:\n" + rules)
    write(folder / ".medlint.yaml", "builtin_rules: false\nrules: [rules.yaml]\n")
    return write(folder / "page.txt", "".join(f"{w} cures.\n" for w in words[::10]))


def test_a_run_of_more_patterns_than_the_cache_limit_keeps_them_all_for_the_next_run(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    page = _many_rules(tmp_path / "big", 2_500, "remedy")
    assert _rule_patterns_compiled(page, env) == 2_500
    assert _rule_patterns_compiled(page, env) == 0, "the second run loads every pattern the first compiled"
    [analyses] = cache.glob("analysis-*.json")
    assert len(json.loads(analyses.read_text(encoding="utf-8"))) == 2_500

    # The files do not keep growing: a run that uses few patterns trims them back to the limit.
    assert _rule_patterns_compiled(_many_rules(tmp_path / "small", 3, "elixir"), env) == 3
    [compiled] = cache.glob("compiled-*.pickle")
    assert len(json.loads(analyses.read_text(encoding="utf-8"))) == len(pickle.loads(compiled.read_bytes())) == 2_000


_COUNTING_PARSES = """
import sys
import medlint.yaml_text as yaml_text
parsed = []
real = yaml_text.parse_yaml
yaml_text.parse_yaml = lambda text: parsed.append(text) or real(text)
from medlint.cli import main
try:
    main(["check", "--no-cache", "--no-color", "--jobs", "1", "--format", "json", *sys.argv[1:]])
finally:
    sys.stderr.write(f"YAML texts parsed: {len(parsed)}\\n")
"""


def _counted(script: str, label: str, page: Path, env: dict[str, str]) -> int:
    """Run a check of ``page`` by ``script``, which ends by writing ``label: N`` to stderr; N."""
    done = subprocess.run([sys.executable, "-c", script, str(page)], capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stderr
    return int(done.stderr.rsplit(f"{label}: ", 1)[1])


def _yaml_texts_parsed(page: Path, env: dict[str, str]) -> int:
    return _counted(_COUNTING_PARSES, "YAML texts parsed", page, env)


def _site_of_rule_files(site: Path, count: int, word: str = "cure") -> Path:
    """A site whose config names ``count`` rule files of one rule each, and a page two of them report."""
    names = [f"pack{n:02d}.yaml" for n in range(count)]
    for n, name in enumerate(names):
        write(
            site / "rules" / name, f"rules:\n  - {{id: r{n}, category: efficacy, message: m, phrases: [{word}{n}]}}\n"
        )
    write(site / ".medlint.yaml", f"builtin_rules: false\nrules: [{', '.join('rules/' + n for n in names)}]\n")
    return write(site / "page.txt", f"{word}0 and {word}1.\n")


def test_a_run_of_more_rule_files_than_the_yaml_cache_limit_keeps_them_all_for_the_next_run(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    page = _site_of_rule_files(tmp_path / "site", 70)

    assert _yaml_texts_parsed(page, env) == 71  # the config and 70 rule files
    assert _yaml_texts_parsed(page, env) == 0, "the second run finds every text the first parsed"
    [kept] = cache.glob("yaml-*.pickle")
    assert len(load_text_entries(kept.read_bytes())) == 71


# A run that counts how often the parsed-YAML file is put in place (each save renames a whole new file
# over it), and can be killed once it has parsed some texts.
_COUNTING_WRITES = """
import os, signal, sys
import medlint.yaml_text as yaml_text
writes, parsed = [], []
replace = os.replace
def counted(source, target):
    if "yaml-" in str(target):
        writes.append(target)
    return replace(source, target)
os.replace = counted
kill_after = int(os.environ.get("KILL_AFTER_PARSING", "0"))
real = yaml_text.parse_yaml
def parse(text):
    parsed.append(text)
    if len(parsed) == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(text)
yaml_text.parse_yaml = parse
from medlint.cli import main
try:
    main(["check", "--no-cache", "--no-color", "--jobs", "1", "--format", "json", *sys.argv[1:]])
finally:
    sys.stderr.write(f"YAML cache writes: {len(writes)}\\n")
"""


def _yaml_cache_writes(page: Path, env: dict[str, str]) -> int:
    return _counted(_COUNTING_WRITES, "YAML cache writes", page, env)


def test_a_first_run_over_many_rule_files_writes_the_parsed_yaml_once(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    page = _site_of_rule_files(tmp_path / "site", 70)

    # Once for the config and 70 rule files (it was once a text: 71 whole files, each larger than the last).
    assert _yaml_cache_writes(page, env) == 1
    assert _yaml_cache_writes(page, env) == 0, "a run that parses nothing new writes nothing"
    [kept] = cache.glob("yaml-*.pickle")
    assert len(load_text_entries(kept.read_bytes())) == 71


def test_a_run_killed_while_parsing_leaves_the_parsed_yaml_whole(tmp_path: Path) -> None:
    cache, env = _own_cache(tmp_path)
    earlier = _site_of_rule_files(tmp_path / "earlier", 5, "elixir")
    assert _yaml_texts_parsed(earlier, env) == 6
    [kept] = cache.glob("yaml-*.pickle")
    before = load_text_entries(kept.read_bytes())

    page = _site_of_rule_files(tmp_path / "site", 70)
    killed = subprocess.run(
        [sys.executable, "-c", _COUNTING_WRITES, str(page)],
        capture_output=True,
        env={**env, "KILL_AFTER_PARSING": "40"},
    )

    assert killed.returncode == -9
    # Whole, and with every text the earlier run kept: it parses nothing again.
    assert before.items() <= load_text_entries(kept.read_bytes()).items()
    assert _yaml_texts_parsed(earlier, env) == 0


def test_two_processes_saving_parsed_yaml_keep_each_others_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, env = _own_cache(tmp_path)
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(cache))
    monkeypatch.delenv("MEDLINT_NO_CACHE", raising=False)
    first = _site_of_rule_files(tmp_path / "first", 3, "tonic")
    other = _site_of_rule_files(tmp_path / "other", 3, "elixir")
    later = _site_of_rule_files(tmp_path / "later", 3, "remedy")

    # This process (as a server or an editor's would) reads the cache, then another process saves to it.
    assert len(lint_paths([first]).findings) == 2
    assert _yaml_texts_parsed(other, env) == 3  # its rule files: the config reads as the first site's
    assert len(lint_paths([later]).findings) == 2

    # Neither save dropped the other's texts: none of the three sites parses anything again.
    assert [_yaml_texts_parsed(page, env) for page in (first, other, later)] == [0, 0, 0]
