"""Where medlint's cache folder is.

Only ``os`` is imported: the server's client (medlint.server_client) finds
its socket here before anything else is loaded.
"""

from __future__ import annotations

import os

CACHE_VARIABLE = "MEDLINT_CACHE_DIR"


def cache_dir_name() -> str:
    """``$MEDLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``, as an absolute path.

    A relative ``MEDLINT_CACHE_DIR`` (``.medlint-cache`` beside a CI job's checkout) is taken from
    the working folder, as pip and mypy take theirs; ``fix_cache_dir_here`` fixes it once a run.
    """
    given = os.environ.get(CACHE_VARIABLE)
    if given:
        return _absolute(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(_absolute(base), "medlint")


def fix_cache_dir_here() -> None:
    """Make a relative ``MEDLINT_CACHE_DIR`` absolute, from the folder medlint started in.

    Set so in the environment, the one folder holds for the whole run and for what it starts or
    hands work to: worker processes, a server (which changes folder between checks), the checks
    it is sent.
    """
    given = os.environ.get(CACHE_VARIABLE)
    if given:
        os.environ[CACHE_VARIABLE] = _absolute(given)


def _absolute(path: str) -> str:
    """``path`` with ``~`` expanded, from the working folder; as given if that folder was removed
    (the command says so itself)."""
    path = os.path.expanduser(path)
    try:
        return os.path.abspath(path)
    except OSError:
        return path
