"""The `medlint` command: a check goes to a running medlint server when it can, else runs here.

Only the standard library's light modules are imported before that choice,
so a forwarded check costs little more than starting Python (medlint.server).
"""

from __future__ import annotations

import contextlib
import os
import sys

from medlint import TYPE_CHECKING, server_client

if TYPE_CHECKING:
    from typing import NoReturn


def main() -> None:
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
        from medlint.cli import main as run_here  # a Ctrl-C in start-up's imports is an interrupt too

        run_here(prog_name="medlint")  # as the server names it, however medlint was started
    except KeyboardInterrupt:
        _interrupted()
    finally:
        # MEDLINT_SERVER=1: a check that found no server starts one for the next (after its own run).
        if forwardable and os.environ.get("MEDLINT_SERVER", "") not in ("", "0"):
            from medlint.server import start_in_background

            with contextlib.suppress(OSError):  # no server this time: the check itself has run
                start_in_background(wait_seconds=0)


def _interrupted() -> NoReturn:
    """A Ctrl-C the command line did not get to handle: one line and 130, as it says, no traceback."""
    sys.stderr.write("\nmedlint: interrupted\n")
    sys.exit(130)
