"""Checking many files: a process pool, results streamed back in file order.

Each worker reads, parses and checks a file and sends back only the
DocumentResult (findings and the small records run-level rules need), never
the text, so the parent's memory does not grow with the size of the site.
Results come back in the order of the files (``imap``), so a run with any
number of workers reports exactly what a run with one does. With a result
cache, a file whose bytes were checked before with the same rules is not
parsed or checked again (see medlint.result_cache).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from medlint.discovery import Target
from medlint.engine import DocumentResult, Engine
from medlint.errors import InputError, MedlintError
from medlint.formats import parse_document
from medlint.sources import Source, decode_source, read_bytes

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

    from medlint.result_cache import ResultCache

# Below this many files a pool costs more than it saves (start-up, sending the rules).
POOL_THRESHOLD = 24


class Checked(msgspec.Struct, frozen=True):
    """One file's outcome: a result, or why it could not be read; the source if asked to keep it."""

    target: Target
    result: DocumentResult | None
    error: InputError | None = None
    source: Source | None = None
    from_cache: bool = False  # the result of an unchanged file, from an earlier run


def cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def max_jobs() -> int:
    """The most worker processes a run starts: past twice the cores, more only cost start-up and memory."""
    return 2 * cpu_count()


def default_jobs(files: int) -> int:
    """All cores for a big run, one process for a few files (the pre-commit case)."""
    return cpu_count() if files >= POOL_THRESHOLD else 1


def check_one(target: Target, engine: Engine, keep_source: bool, cache: ResultCache | None = None) -> Checked:
    """Read, parse and check one file; an unchanged file's result comes from ``cache``."""
    try:
        try:
            data = read_bytes(target.path, target.display)
            cached = cache.get(target, data, "check") if cache is not None else None
            if cached is not None and not keep_source:
                return Checked(target, cached, from_cache=True)
            source = decode_source(data, target.display)
            if cached is not None:
                return Checked(target, cached, source=source, from_cache=True)
            document = parse_document(target.display, source.text, target.format)
        except InputError as error:
            return Checked(target, None, error)
        result = engine.check_document(document)
    except MemoryError:
        # A page bigger than the memory the run may have (a ulimit, a container's limit); what it took
        # is freed as this returns, and the other pages may well fit.
        return Checked(target, None, InputError(target.display, "ran out of memory checking it; not checked"))
    if engine.rules.pattern_cache is not None:
        engine.rules.pattern_cache.save()  # patterns first compiled for this page, for the next run
    if cache is not None:
        cache.put(target, data, "check", result)
    return Checked(target, result, source=source if keep_source else None)


def check_targets(
    targets: Sequence[Target],
    engine: Engine,
    jobs: int,
    keep_sources: bool = False,
    cache: ResultCache | None = None,
    notices: list[str] | None = None,
) -> Iterator[Checked]:
    """Check each target, in order; with ``jobs`` > 1 in that many worker processes (at most ``max_jobs()``).

    When the workers cannot be started, the targets are checked in this process, and ``notices`` says so.
    """
    if jobs <= 1 or len(targets) <= 1:
        for target in targets:
            yield check_one(target, engine, keep_sources, cache)
        return
    # `--jobs 500` would start 500 interpreters, each with a copy of the rules, on a machine with a few cores.
    jobs = min(jobs, len(targets), max_jobs())
    # Small chunks keep the workers evenly busy; a few files each keeps the messaging cheap.
    chunk = max(1, min(8, len(targets) // (jobs * 8)))
    # Here: a one-file run (the pre-commit case) never needs them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    children = set(multiprocessing.active_children())  # a caller's own (a server's), which are not the pool's
    pool = None
    try:
        # Not multiprocessing's Pool: a worker killed there (by the out-of-memory killer, say) takes its
        # files with it and the run waits for them for ever; an executor notices, and says so.
        pool = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start_worker, initargs=(engine, keep_sources, cache)
        )
        # map submits every file before it returns, and the first submission starts the workers: a
        # process limit, a sandbox refusing fork or no shared memory for the pool's locks fails here.
        outcomes = pool.map(_work, targets, chunksize=chunk)
    except (OSError, RuntimeError, NotImplementedError, BrokenProcessPool) as error:
        _abandon(pool, children)
        if notices is not None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            notices.append(f"could not start worker processes ({reason}); checked the files in this one process")
        for target in targets:
            yield check_one(target, engine, keep_sources, cache)
        return
    except BaseException:  # Ctrl-C while the files were handed out: leave them undone, as below
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    interrupted = True
    try:
        for outcome in outcomes:
            yield _unpack(outcome)
        interrupted = False
    except BrokenProcessPool:
        # The pool's own thread is ending the other workers. Wait for it: left running, it may
        # close its wake-up pipe just as the interpreter's exit writes to it, which prints a traceback.
        interrupted = False
        raise WorkerLost(
            "",
            "a worker process was killed before it finished (out of memory?); nothing was reported. "
            "Run again, perhaps with fewer --jobs",
        ) from None
    finally:
        pool.shutdown(wait=not interrupted, cancel_futures=interrupted)  # interrupted: leave the rest undone


def _abandon(pool: ProcessPoolExecutor | None, children: set[BaseProcess]) -> None:
    """Stop the workers a pool that failed to start them all did start, and the pool. Left waiting
    for work, they would keep the run from ending: multiprocessing waits for its children at exit."""
    import multiprocessing

    for worker in set(multiprocessing.active_children()) - children:
        worker.terminate()
        worker.join()
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


class WorkerLost(MedlintError):
    """A worker process died (killed from outside) with files it had taken still unchecked."""


# What each worker process checks with, set once when the pool starts it.
_engine: Engine | None = None
_keep_sources = False
_cache: ResultCache | None = None


def _start_worker(engine: Engine, keep_sources: bool, cache: ResultCache | None) -> None:
    global _engine, _keep_sources, _cache
    import signal  # here: a one-file check starts no worker, and the module's enums cost it a millisecond

    # The parent handles Ctrl-C and stops the pool; workers should not each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _engine = engine
    _keep_sources = keep_sources
    _cache = cache


def _work(target: Target) -> tuple[Any, ...]:
    assert _engine is not None
    checked = check_one(target, _engine, _keep_sources, _cache)
    # An InputError does not survive pickling (its constructor takes two arguments): send its parts.
    error = (checked.error.source, checked.error.problem) if checked.error is not None else None
    return (checked.target, checked.result, error, checked.source, checked.from_cache)


def _unpack(outcome: tuple[Any, ...]) -> Checked:
    target, result, error, source, from_cache = outcome
    return Checked(target, result, InputError(*error) if error is not None else None, source, from_cache)
