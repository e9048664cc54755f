"""Progress on a terminal: files done of all, and the rate, on one line of stderr.

Only for a person watching: never when stderr is not a terminal (a pipe, a
file, a CI log), never under CI, never with machine-readable output, and only
once a run has taken long enough to be worth watching.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

# Nothing is shown for runs shorter than this (MEDLINT_PROGRESS_DELAY overrides it), and the
# line is redrawn at most this often.
SHOW_AFTER_SECONDS = 1.0
REDRAW_SECONDS = 0.1


def _delay() -> float:
    try:
        return float(os.environ.get("MEDLINT_PROGRESS_DELAY", SHOW_AFTER_SECONDS))
    except ValueError:
        return SHOW_AFTER_SECONDS


def wanted(output_format: str, stream: TextIO | None = None) -> bool:
    """Whether a run writing ``output_format`` to stdout should show progress on ``stream``."""
    stream = stream or sys.stderr
    if output_format != "text" or os.environ.get("CI") or os.environ.get("MEDLINT_NO_PROGRESS"):
        return False
    if os.environ.get("TERM") == "dumb":  # it cannot clear a line: each redraw would stay
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """A callable for ``check_paths(progress=...)`` that draws and, at the end, clears its line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False
        self.delay = _delay()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        elapsed = now - self.started
        if elapsed < self.delay or (now - self.drawn_at < REDRAW_SECONDS and done < total):
            return
        self.drawn_at = now
        rate = done / elapsed if elapsed > 0 else 0.0
        percent = 100 * done // total if total else 100
        line = f"medlint: {done}/{total} files ({percent}%), {rate:.0f} files/s"
        # Cut to the terminal's width: a line that wraps is not redrawn in place, and would scroll.
        self.stream.write(f"\r\x1b[K{line[: self._width() - 1]}")
        self.stream.flush()
        self.shown = True

    def _width(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns or 80
        except (OSError, ValueError, AttributeError):
            return 80

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
