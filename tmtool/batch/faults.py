"""Deliberate crashes for the crash-safety tests: ``$TMTOOL_BATCH_KILL=POINT:K``.

When the variable names a point, the process SIGKILLs itself there (no cleanup, no finally
blocks), exactly as ``kill -9`` or the kernel's out-of-memory killer would. Points, counted in the
process that reaches them:

- ``aligned:K``        the K-th alignment reached its writer, nothing of it is stored yet;
- ``in-transaction:K`` all rows of the K-th set are written but its transaction is not committed;
- ``stored:K``         the K-th set is committed and not yet reported;
- ``started:K``        a (worker) process begins its K-th set.

Unset, the checks cost one environment lookup.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

ENV = "TMTOOL_BATCH_KILL"


def _wanted(point: str, number: int) -> bool:
    return os.environ.get(ENV, "") == f"{point}:{number}"


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def kill_point(point: str, number: int) -> None:
    """SIGKILL this process if ``$TMTOOL_BATCH_KILL`` is ``point:number``."""
    if _wanted(point, number):
        _die()


@contextmanager
def kill_before_commit(engine: Engine, number: int) -> Iterator[None]:
    """Within the block, SIGKILL at the COMMIT of a transaction if this is the wanted save."""
    if not _wanted("in-transaction", number):
        yield
        return

    def on_commit(_connection: object) -> None:
        _die()

    event.listen(engine, "commit", on_commit)
    try:
        yield
    finally:
        event.remove(engine, "commit", on_commit)
