"""The `medlint` command: a check goes to a running medlint server when it can, else runs here.

Only the standard library's light modules are imported before that choice,
so a forwarded check costs little more than starting Python (medlint.server).
"""

from __future__ import annotations

# Before anything else is imported: a Ctrl-C while the command starts is medlint's one line and
# 130, not a traceback from whichever import it fell in. `_signal` is the C module (`signal`
# imports enum, ~3 ms). Nothing is open or half-written yet, so the process just ends.
import _signal  # type: ignore[import-not-found]  # (no stubs: typed as in `signal`)
import os
import sys


def _interrupted_while_starting(_signum: int, _frame: object) -> None:
    below_the_caret_c = "\n" if sys.stderr is not None and sys.stderr.isatty() else ""
    try:  # noqa: SIM105 (contextlib is not imported yet)
        os.write(2, f"{below_the_caret_c}medlint: interrupted\n".encode())
    except OSError:  # stderr closed (`2>&-`): no one to tell
        pass
    os._exit(130)


if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:  # not ignored (`nohup`, `&`)
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)

import contextlib  # noqa: E402
import gc  # noqa: E402

from medlint import TYPE_CHECKING, server_client  # noqa: E402
from medlint.cache_location import fix_cache_dir_here  # noqa: E402

if TYPE_CHECKING:
    from typing import NoReturn

    import click


def main() -> None:
    try:
        # From here a Ctrl-C is a KeyboardInterrupt, which a fix in progress saves its file whole on.
        if _signal.getsignal(_signal.SIGINT) is _interrupted_while_starting:
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        _run()
    except KeyboardInterrupt:
        _interrupted()
    except MemoryError:
        # A traceback, and exit 1, which says "findings": a run that could not finish is an error (2).
        sys.stderr.write("medlint: error: ran out of memory; check fewer or smaller files at a time\n")
        sys.exit(2)


def _run() -> None:
    _fill_closed_standard_streams()
    fix_cache_dir_here()
    arguments = sys.argv[1:]
    forwardable = server_client.forwardable(arguments)
    if forwardable:
        try:
            code = server_client.forward(arguments)
        except KeyboardInterrupt:
            _interrupted()
        except BrokenPipeError:
            sys.exit(1)  # the reader stopped reading (`| head`), as a check run here exits
        except OSError as error:  # the output could not be written: a full disk, a file too large
            sys.stderr.write(f"medlint: error: cannot write the output: {error.strerror or error}\n")
            sys.exit(2)
        if code is not None:
            sys.exit(code)
    try:
        run_here = _imported_without_collecting(arguments)  # a Ctrl-C in start-up's imports is an interrupt too
        run_here(prog_name="medlint")  # as the server names it, however medlint was started
    except KeyboardInterrupt:
        _interrupted()
    finally:
        # MEDLINT_SERVER=1: a check that found no server starts one for the next (after its own run).
        if forwardable and os.environ.get("MEDLINT_SERVER", "") not in ("", "0"):
            from medlint.server import start_in_background

            with contextlib.suppress(OSError):  # no server this time: the check itself has run
                start_in_background(wait_seconds=0)
        _spare_the_last_collection()


# The modules a command that checks pages imports as it starts (the engine brings the rules'
# checks and the formats): imported with the command line, in the same window.
_CHECKING_COMMANDS = ("check", "fix", "baseline")
_CHECKING_MODULES = ("medlint.engine", "medlint.runner", "medlint.reporters", "medlint.result_cache")


def _imported_without_collecting(arguments: list[str]) -> click.Group:
    """The command line, imported with garbage collection held off until its modules are in.

    Start-up's imports make objects that live as long as the process (modules, classes,
    functions, compiled patterns), and collecting while they are made only walks them again
    and again: 2% of a one-page check's instructions. Once they are all made they are left
    out of every later collection, which then walks only what the run itself makes. A
    command that checks pages imports its engine here too: imported once the command had
    started, the objects of its 96 modules were walked by the run's collections (0.7% of a
    one-page check). Asked only for its help, a command needs none of them.
    """
    gc.disable()
    try:
        from medlint.cli import main as command_line

        if arguments[:1] and arguments[0] in _CHECKING_COMMANDS and not {"--help", "-h"} & set(arguments):
            for module in _CHECKING_MODULES:
                __import__(module)
    finally:
        gc.freeze()
        gc.enable()
    return command_line


def _spare_the_last_collection() -> None:
    """Leave every object out of the garbage collection the interpreter makes as the process ends.

    That collection walks all that a run made and kept (modules, classes, the rule set, compiled
    patterns): 3% of a one-page check's instructions, to free memory the process is about to give
    back whole. Nothing medlint must do at exit waits on it: files are closed as they are written,
    and caches are saved by exit handlers, which run before it.
    """
    gc.freeze()


def _interrupted() -> NoReturn:
    """A Ctrl-C the command line did not get to handle: one line and 130, as it says, no traceback."""
    below_the_caret_c = "\n" if sys.stderr is not None and sys.stderr.isatty() else ""
    sys.stderr.write(f"{below_the_caret_c}medlint: interrupted\n")
    sys.exit(130)


def _fill_closed_standard_streams() -> None:
    """Give a closed stdin, stdout or stderr (``medlint check >&-``) a stand-in on its descriptor.

    Else the first file medlint opens would take descriptor 0, 1 or 2, and a child
    process (git) would read or write it. A closed stdin or stdout becomes one that
    cannot be read or written, so reading stdin or writing a report fails as it does
    on any bad input or output (one line, exit 2); a closed stderr discards what is
    written to it, as no one reads it.
    """
    for descriptor, name, mode in ((0, "stdin", os.O_WRONLY), (1, "stdout", os.O_RDONLY), (2, "stderr", os.O_WRONLY)):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(descriptor)
            continue  # open after all: Python had other reasons to leave it unset
        except OSError:
            pass
        opened = os.open(os.devnull, mode)
        if opened != descriptor:  # a lower descriptor was closed too, and took it
            os.dup2(opened, descriptor)
            os.close(opened)
        setattr(sys, name, open(descriptor, "r" if descriptor == 0 else "w", encoding="utf-8", closefd=False))  # noqa: SIM115
