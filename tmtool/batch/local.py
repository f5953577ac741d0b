"""Running a manifest on this machine: in this process, or on a pool of worker processes.

Worker processes read, embed and align (each loads the model once). Where they store depends on
the memory: SQLite allows one writer at a time, so workers hand their alignments back and this
process stores them one set per transaction; PostgreSQL takes concurrent writers, so each worker
stores its own sets.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from tmtool.batch.manifest import DocumentSet
from tmtool.batch.work import (
    BatchJob,
    SetResult,
    cached_store,
    one_line_reason,
    process_set,
    release_stores,
    save_set,
    store_in_workers,
)
from tmtool.embed.base import available_cores
from tmtool.errors import EncoderError, warn


def finish(outcome: Any, writer: Any) -> SetResult:
    """A worker's answer as a summary row: stored already, or stored now by ``writer``; the
    warnings the set raised where it was processed are issued here, in the command's process
    (which shows each message once)."""
    result, alignment = (outcome, None) if isinstance(outcome, SetResult) else outcome
    for message in result.warnings:
        warn(message)
    return result if alignment is None else save_set(writer, result, alignment)


def outcome_of(future: Any, doc_set: DocumentSet) -> Any:
    """A finished task's answer, or a failure row for its set where the task raised (its worker
    died, the set killed several workers...): one bad set does not stop the batch, a model that
    cannot load (EncoderError) does."""
    try:
        return future.result()
    except EncoderError:
        raise
    except Exception as exc:
        return SetResult.failure(doc_set, one_line_reason(exc))


def _watch_parent(parent: int) -> None:
    """Exit when the parent dies (e.g. SIGKILL): orphaned workers must not run on."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_worker(parent: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def run_local(
    sets: Sequence[DocumentSet], job: BatchJob, *, jobs: int | None = None
) -> Iterator[SetResult]:
    """Align and store every set; yields one row per set as it finishes (in any order).

    ``jobs``: worker processes (default: all cores; 1 runs everything in this process).
    """
    # a server memory is created now, before any worker touches it; a new SQLite file at the
    # first save (workers read it only once it exists: stored_already)
    writer = cached_store(job.db)
    try:
        yield from _run(sets, job, writer, jobs)
    finally:
        release_stores()


def _run(
    sets: Sequence[DocumentSet], job: BatchJob, writer: Any, jobs: int | None
) -> Iterator[SetResult]:
    workers = max(1, min(jobs or available_cores(), len(sets)))
    store_here = store_in_workers(job.db)
    if workers == 1:
        for doc_set in sets:
            yield finish(process_set(doc_set, job, False), writer)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        pending: dict[Future[Any], DocumentSet] = {}
        queue = iter(sets)

        broken: list[DocumentSet] = []

        def submit(count: int) -> None:
            for doc_set in queue:
                try:
                    pending[pool.submit(process_set, doc_set, job, store_here)] = doc_set
                except BrokenProcessPool:  # a worker was killed: the pool takes no more work
                    broken.append(doc_set)
                    broken.extend(queue)
                    return
                count -= 1
                if count == 0:
                    return

        submit(2 * workers)  # a short queue: a crash loses little, memory stays bounded
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = outcome_of(future, pending.pop(future))
                    submit(1)
                    yield finish(outcome, writer)
            for doc_set in broken:
                yield SetResult.failure(
                    doc_set, "not run: a worker process died (run the manifest again)"
                )
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
