"""tmtool's cache folder: data derived once from installed packages, so later runs start fast.

``$TMTOOL_CACHE_DIR``, else ``$XDG_CACHE_HOME/tmtool``, else ``~/.cache/tmtool``. Everything in
it can be deleted at any time; it is rebuilt on next use.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from tmtool.store import Store

from tmtool.errors import warn
from tmtool.files import atomic_folder

T = TypeVar("T")

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


def cached_or_in_memory(
    name: str,
    build: Callable[[Path], None],
    load: Callable[[Path], T],
    compute: Callable[[], T],
    *,
    what: str,
    instead: str,
    errors: tuple[type[Exception], ...] = (OSError, RuntimeError, ValueError),
) -> T:
    """``load(cached_folder(name, build))``, or ``compute()`` in memory where that fails.

    The cache only saves time: with no usable cache folder (no home, a read-only disk, a damaged
    file: one of ``errors``) tmtool still works, at the cost the cache saves. ``what`` names the
    data in the warning that says so (``instead``: what is done about it and what it costs).
    """
    try:
        return load(cached_folder(name, build))
    except errors as exc:
        warn(f"cannot use tmtool's cache folder for {what} ({exc}); {instead}")
        return compute()


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
