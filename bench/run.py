"""The medlint benchmark: throughput, scaling, memory, start-up, big files, and proselint as a peer.

    python bench/run.py            # the full run (a few minutes on 2 cores)
    python bench/run.py --quick    # a small corpus, to see that it works

Every figure comes from running the real command line in a subprocess on a
corpus generated into bench/corpus/ (git-ignored) from bench/corpus.py with a
fixed seed, so two runs measure the same pages. Figures are wall-clock times
on whatever machine this is; the ratios (to proselint, across core counts,
5 MB vs 50 MB) are what carries from one machine to another. Results are
printed and written to bench/results/latest.json.

Throughput is measured cold (``--no-cache``: every page checked afresh, as
on a first run or a new page); the ``result_cache`` figures are a re-run of
the same corpus, where unchanged pages' results come from the run before.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
RESULTS = HERE / "results"


@dataclass
class Timed:
    seconds: float
    peak_rss_mb: float
    exit_code: int


# medlint as a user has it: bytecode compiled (pip compiles it on install; some machines set
# PYTHONDONTWRITEBYTECODE, which would make every run compile medlint's source again), and its
# pattern cache filled by earlier runs, kept here rather than in the user's cache folder.
CACHE = CORPUS / ".cache"
CHILD_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MEDLINT_NO_CACHE")}
CHILD_ENV["MEDLINT_CACHE_DIR"] = str(CACHE)


def run(command: list[str], cwd: Path = HERE) -> Timed:
    """Run a command with its output discarded; wall time and the peak memory of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=CHILD_ENV)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])}...: exit {process.returncode}\n{errors.decode()[-2000:]}")
    return Timed(elapsed, usage.ru_maxrss / 1024, process.returncode)


def medlint(*args: str, cached: bool = False) -> list[str]:
    """A medlint command; a check reads and keeps no results of unchanged files unless ``cached``."""
    if args[:1] == ("check",) and not cached:
        args = (*args, "--no-cache")
    return [sys.executable, "-m", "medlint", *args]


def median_wall(command: list[str], times: int) -> float:
    run(command)  # warm the file cache
    return statistics.median(run(command).seconds for _ in range(times))


def folder_bytes(paths: list[Path]) -> tuple[int, int]:
    files = [p for folder in paths for p in folder.iterdir() if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2400, help="pages in the corpus (default 2400)")
    parser.add_argument("--quick", action="store_true", help="a 240-page corpus, no 50 MB file, short samples")
    parser.add_argument("--no-proselint", action="store_true", help="skip the proselint comparison")
    parser.add_argument("--stress", action="store_true", help="also time a run with 150 synthetic extra rules")
    options = parser.parse_args()
    files = 240 if options.quick else options.files

    print(f"corpus: generating {files} pages into {CORPUS} (skipped if already there) ...", flush=True)
    info = corpus.generate(CORPUS, files=files)
    # The corpus is git-ignored, which medlint honours by default: the bench config turns that off.
    (CORPUS / "config.yaml").write_text("respect_gitignore: false\n", encoding="utf-8")
    (CORPUS / "stress-rules.yaml").write_text(corpus.stress_rules(), encoding="utf-8")
    (CORPUS / "stress-config.yaml").write_text(
        "respect_gitignore: false\nrules: [stress-rules.yaml]\n", encoding="utf-8"
    )
    # One rule that never matches: the memory a run needs beyond the findings it keeps.
    (CORPUS / "quiet-rules.yaml").write_text(
        "rules:\n  - {id: quiet, category: editorial, message: m, phrases: [zebra crossing]}\n", encoding="utf-8"
    )
    (CORPUS / "quiet-config.yaml").write_text(
        "respect_gitignore: false\nbuiltin_rules: false\nrules: [quiet-rules.yaml]\n", encoding="utf-8"
    )
    config = str(CORPUS / "config.yaml")
    shards = [str(s) for s in info.shards]
    shutil.rmtree(CACHE, ignore_errors=True)
    run(
        medlint("check", "--config", config, str(next(info.shards[0].iterdir())))
    )  # compile bytecode, fill the pattern cache
    megabytes = info.total_bytes / 1e6
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"corpus: {info.files} pages, {megabytes:.1f} MB; {cores} cores", flush=True)
    results: dict[str, object] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.system()}",
        "corpus": {"files": info.files, "megabytes": round(megabytes, 1)},
    }

    single = run(medlint("check", "--config", config, "--format", "json", "--jobs", "1", *shards))
    every = run(medlint("check", "--config", config, "--format", "json", "--jobs", str(cores), *shards))
    results["single_process"] = _throughput(single, info.files, megabytes)
    results["all_cores"] = _throughput(every, info.files, megabytes) | {
        "jobs": cores,
        "speed_up": round(single.seconds / every.seconds, 2),
    }
    print(f"single process: {results['single_process']}", flush=True)
    print(f"all {cores} cores: {results['all_cores']}", flush=True)

    # Unchanged pages' results kept from the run before (a re-run, or CI with its cache restored).
    filling = run(medlint("check", "--config", config, "--format", "json", "--jobs", "1", *shards, cached=True))
    unchanged = run(medlint("check", "--config", config, "--format", "json", "--jobs", "1", *shards, cached=True))
    results["result_cache"] = {
        "first_run_seconds": round(filling.seconds, 2),
        "unchanged_seconds": round(unchanged.seconds, 2),
        "unchanged_mb_per_s": round(megabytes / unchanged.seconds, 2),
        "speed_up": round(single.seconds / unchanged.seconds, 1),
    }
    print(f"result cache: {results['result_cache']}", flush=True)

    half = shards[: len(shards) // 2]
    half_files, _ = folder_bytes([Path(s) for s in half])
    at_half = run(medlint("check", "--config", config, "--format", "json", "--jobs", "1", *half))
    quiet = str(CORPUS / "quiet-config.yaml")
    quiet_half = run(medlint("check", "--config", quiet, "--format", "json", "--jobs", "1", *half))
    quiet_all = run(medlint("check", "--config", quiet, "--format", "json", "--jobs", "1", *shards))
    results["memory"] = {
        "files_n": half_files,
        "peak_rss_mb_n": round(at_half.peak_rss_mb, 1),
        "files_2n": info.files,
        "peak_rss_mb_2n": round(single.peak_rss_mb, 1),
        "findings_n": _findings(config, half),
        "findings_2n": _findings(config, shards),
        "no_findings_peak_rss_mb_n": round(quiet_half.peak_rss_mb, 1),
        "no_findings_peak_rss_mb_2n": round(quiet_all.peak_rss_mb, 1),
    }
    print(f"memory: {results['memory']}", flush=True)
    # The same run reads and masks every page's markup but has almost nothing to match: the ceiling
    # that reading the markup alone puts on throughput, whatever the rules cost.
    results["markup_only"] = _throughput(quiet_all, info.files, megabytes)
    print(f"markup only (one rule, no findings): {results['markup_only']}", flush=True)

    page = _typical_page(info.shards[0])
    repeats = 5 if options.quick else 9
    one_file = medlint("check", "--config", config, str(page))
    start_up = {
        "version_seconds": round(median_wall(medlint("--version"), repeats), 3),
        "one_file_seconds": round(median_wall(one_file, repeats), 3),
        "one_file_kb": round(page.stat().st_size / 1000, 1),
    }
    results["start_up"] = start_up
    # The same check handed to a running `medlint server` (the page is still checked afresh: --no-cache).
    run(medlint("server", "start"))
    try:
        start_up["one_file_with_server_seconds"] = round(median_wall(one_file, repeats), 3)
    finally:
        run(medlint("server", "stop"))
    print(f"start-up: {start_up}", flush=True)

    sizes = [5] if options.quick else [5, 50]
    big = {}
    for size in sizes:
        path = CORPUS / f"big-{size}mb.md"
        if not path.is_file() or abs(path.stat().st_size - size * 1_000_000) > 200_000:
            path.write_text(corpus.big_page(size * 1_000_000), encoding="utf-8")
        timed = run(medlint("check", "--config", config, "--format", "json", str(path)))
        big[f"{size}mb_seconds_per_mb"] = round(timed.seconds / (path.stat().st_size / 1e6), 3)
        big[f"{size}mb_peak_rss_mb"] = round(timed.peak_rss_mb, 1)
    if len(sizes) == 2:
        big["ratio_50_to_5"] = round(big["50mb_seconds_per_mb"] / big["5mb_seconds_per_mb"], 2)
    results["big_files"] = big
    print(f"big files: {big}", flush=True)

    # A page that is one long line (minified or exported copy): the text report shows an excerpt of
    # the line for every finding, and must read only the window around each, not the whole line.
    one_line = CORPUS / "one-line-1mb.md"
    if not one_line.is_file():
        one_line.write_text(corpus.big_page(1_000_000).replace("\n", " ") + "\n", encoding="utf-8")
    as_text = run(medlint("check", "--config", config, str(one_line)))
    as_json = run(medlint("check", "--config", config, "--format", "json", str(one_line)))
    results["one_line_page"] = {
        "megabytes": round(one_line.stat().st_size / 1e6, 2),
        "findings": _findings(config, [str(one_line)]),
        "text_report_seconds": round(as_text.seconds, 2),
        "json_report_seconds": round(as_json.seconds, 2),
    }
    print(f"one-line page: {results['one_line_page']}", flush=True)

    if options.stress:
        stress = run(
            medlint("check", "--config", str(CORPUS / "stress-config.yaml"), "--format", "json", "--jobs", "1", *shards)
        )
        results["single_process_with_150_more_rules"] = _throughput(stress, info.files, megabytes)
        print(f"with 150 synthetic rules more: {results['single_process_with_150_more_rules']}", flush=True)

    if not options.no_proselint:
        results["proselint"] = _proselint(info, config, results, quick=options.quick)
        print(f"proselint: {results['proselint']}", flush=True)

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


def _throughput(timed: Timed, files: int, megabytes: float) -> dict[str, float]:
    return {
        "seconds": round(timed.seconds, 2),
        "mb_per_s": round(megabytes / timed.seconds, 2),
        "files_per_s": round(files / timed.seconds, 1),
        "peak_rss_mb": round(timed.peak_rss_mb, 1),
    }


def _findings(config: str, paths: list[str]) -> int:
    """How many findings a run reports (they are kept until the end, to be sorted and reported).

    The report is read by another process: had this one read it, it would have grown by hundreds of
    MB, and every process started after it would report that as its own peak (Linux counts the memory
    a child had before it ran the command, and a child starts as a copy of this process).
    """
    count = [sys.executable, "-c", "import json, sys; print(json.load(sys.stdin)['summary']['findings'])"]
    check = medlint("check", "--config", config, "--format", "json", "--jobs", "0", *paths)
    with subprocess.Popen(check, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=CHILD_ENV) as report:
        counted = subprocess.run(count, stdin=report.stdout, capture_output=True, check=True, text=True)
    return int(counted.stdout)


def _typical_page(shard: Path) -> Path:
    """A page of typical size (15-25 KB) for the pre-commit case."""
    for path in sorted(shard.iterdir()):
        if path.suffix == ".md" and 15_000 <= path.stat().st_size <= 25_000:
            return path
    return sorted(shard.iterdir())[0]


def _proselint(info: corpus.CorpusInfo, config: str, results: dict[str, object], quick: bool) -> dict[str, object]:
    """proselint's default checks on a sample (every k-th page), and medlint on the same sample."""
    # The proselint installed with this Python (as medlint is run with it), else one on PATH.
    beside = Path(sys.executable).with_name("proselint")
    proselint = str(beside) if beside.is_file() else shutil.which("proselint")
    if proselint is None:
        return {"skipped": "proselint is not installed (pip install -e '.[bench]')"}
    pages = sorted(p for shard in info.shards for p in shard.iterdir())
    step = max(1, len(pages) // (40 if quick else 160))
    sample = pages[::step]
    sample_mb = sum(p.stat().st_size for p in sample) / 1e6
    names = [str(p) for p in sample]
    peer = run([proselint, "check", *names])
    ours = run(medlint("check", "--config", config, "--format", "json", "--jobs", "1", *names))
    single, markup_only = results["single_process"], results["markup_only"]
    assert isinstance(single, dict) and isinstance(markup_only, dict)
    peer_rate = sample_mb / peer.seconds
    return {
        "sample_files": len(sample),
        "sample_mb": round(sample_mb, 2),
        "proselint_mb_per_s": round(peer_rate, 3),
        "medlint_mb_per_s_same_sample": round(sample_mb / ours.seconds, 2),
        "ratio_same_sample": round(peer.seconds / ours.seconds, 1),
        "ratio_single_process_whole_corpus": round(single["mb_per_s"] / peer_rate, 1),
        "ratio_markup_only_whole_corpus": round(markup_only["mb_per_s"] / peer_rate, 1),
    }


if __name__ == "__main__":
    main()
