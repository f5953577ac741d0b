"""Running a manifest on a Dask distributed cluster (``--scheduler tcp://HOST:8786``).

The scheduler owns the work: one task per document set, placed on the workers, moved to another
worker when one dies (``distributed.scheduler.allowed-failures``, default 3), reported back as each
finishes. tmtool keeps no queue of its own. Workers embed and align, loading the model once per
worker process; with a server database (PostgreSQL) each worker stores its own sets, one
transaction per set, so a task retried after its worker died either finds its set stored
(``unchanged``) or stores it whole. With SQLite this process is the single writer.

The manifest's files must be readable under the same paths on every worker (a shared folder).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any

from tmtool.batch.local import finish, outcome_of
from tmtool.batch.manifest import DocumentSet
from tmtool.batch.work import (
    BatchJob,
    SetResult,
    cached_store,
    process_set,
    release_stores,
    store_in_workers,
)
from tmtool.errors import InputError


def connect(scheduler: str) -> Any:
    """A Dask client for ``scheduler``; InputError when dask is missing or it cannot be reached.

    How long to try is Dask's ``distributed.comm.timeouts.connect`` (default 30 s).
    """
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask distributed: pip install 'tmtool[dask]'") from None
    try:
        return Client(scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


#: tasks in flight per worker thread: enough to keep every worker busy, few enough that the
#: scheduler holds a bounded number of tasks for a manifest of a million sets
TASKS_PER_WORKER = 4


def run_on_cluster(
    sets: Sequence[DocumentSet], job: BatchJob, *, scheduler: str
) -> Iterator[SetResult]:
    """Align and store every set on the cluster; yields one row per set as it finishes."""
    from distributed import as_completed

    # a server memory is created now, before any worker touches it; a new SQLite file at the
    # first save (workers read it only once it exists: stored_already)
    writer = cached_store(job.db)
    store_here = store_in_workers(job.db)
    # with SQLite the workers (other machines) cannot look into the memory, so every set is
    # aligned and this process sorts out reruns
    worker_job = replace(job, skip_stored=job.skip_stored and store_here)
    client = connect(scheduler)
    in_flight: dict[Any, DocumentSet] = {}
    try:
        threads = sum(client.nthreads().values()) or 1
        queue = iter(sets)

        def submit(doc_set: DocumentSet) -> Any:
            future = client.submit(
                process_set, doc_set, job=worker_job, store_here=store_here, pure=False
            )
            in_flight[future] = doc_set
            return future

        first = [submit(doc_set) for doc_set in islice(queue, TASKS_PER_WORKER * threads)]
        finished = as_completed(first)
        for future in finished:
            outcome = outcome_of(future, in_flight.pop(future))  # KilledWorker: a failure row
            future.release()
            following = next(queue, None)
            if following is not None:
                finished.add(submit(following))
            yield finish(outcome, writer)
    except BaseException:
        client.cancel(list(in_flight))
        raise
    finally:
        client.close()
        release_stores()
