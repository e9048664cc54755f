"""The `medlint` command: a check goes to a running medlint server when it can, else runs here.

Only the standard library's light modules are imported before that choice,
so a forwarded check costs little more than starting Python (medlint.server).
"""

from __future__ import annotations

import contextlib
import os
import sys

from medlint import server_client


def main() -> None:
    arguments = sys.argv[1:]
    forwardable = server_client.forwardable(arguments)
    if forwardable:
        try:
            code = server_client.forward(arguments)
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(1)  # the reader stopped reading (`| head`), as a check run here exits
        except OSError as error:  # the output could not be written: a full disk, a file too large
            sys.stderr.write(f"medlint: error: cannot write the output: {error.strerror or error}\n")
            sys.exit(2)
        if code is not None:
            sys.exit(code)
    from medlint.cli import main as run_here

    try:
        run_here(prog_name="medlint")  # as the server names it, however medlint was started
    finally:
        # MEDLINT_SERVER=1: a check that found no server starts one for the next (after its own run).
        if forwardable and os.environ.get("MEDLINT_SERVER", "") not in ("", "0"):
            from medlint.server import start_in_background

            with contextlib.suppress(OSError):  # no server this time: the check itself has run
                start_in_background(wait_seconds=0)
