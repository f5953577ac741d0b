"""tmtool's cache folder: data derived once from installed packages, so later runs start fast.

``$TMTOOL_CACHE_DIR``, else ``$XDG_CACHE_HOME/tmtool``, else ``~/.cache/tmtool``. Everything in
it can be deleted at any time; it is rebuilt on next use.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tmtool.store import Store

from tmtool.files import atomic_folder

CACHE_ENV = "TMTOOL_CACHE_DIR"


def cache_root() -> Path:
    """The folder tmtool caches derived data in (not created here)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "tmtool"


def cached_folder(name: str, build: Callable[[Path], None]) -> Path:
    """``cache_root()/name``, filled by ``build(folder)`` the first time.

    ``build`` writes into a temporary folder that is renamed into place when it is complete, so a
    reader never sees a half-built cache, and two processes building at once both succeed.
    Raises OSError when the cache cannot be written.
    """
    final = cache_root() / name
    if final.is_dir():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_folder(final) as staging:
            build(staging)
    except OSError:
        if not final.is_dir():  # not another process that finished first
            raise
    return final


def memory_folder(store: Store, kind: str) -> Path:
    """The folder of data derived from one memory (``kind``: ``lookup``, ``terms``), not created.

    Next to a SQLite file (``tmtool.db.lookup/``), so it moves and is deleted with the memory;
    for other databases (PostgreSQL, in-memory SQLite) ``cache_root()/kind/`` plus a digest of
    the memory's URL.
    """
    url = store.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(f"{url.database}.{kind}")
    digest = hashlib.sha256(store.display_url.encode()).hexdigest()[:16]
    return cache_root() / kind / digest
