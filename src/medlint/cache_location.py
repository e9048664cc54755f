"""Where medlint's cache folder is.

Only ``os`` is imported: the server's client (medlint.server_client) finds
its socket here before anything else is loaded.
"""

from __future__ import annotations

import os


def cache_dir_name() -> str:
    """``$MEDLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``."""
    if os.environ.get("MEDLINT_CACHE_DIR"):
        return os.environ["MEDLINT_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "medlint")
