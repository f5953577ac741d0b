"""Batch stage: a whole archive of document sets in one run (``tmtool align --manifest``).

``read_manifest`` parses the manifest; ``run_batch`` aligns and stores every set, on this machine
(``run_local``: worker processes, one SQLite writer) or on a Dask cluster (``run_on_cluster``),
and yields one ``SetResult`` row per set as it finishes; ``summary`` formats the rows. A bad file
fails only its own set; each set is stored in one transaction, so a run killed at any point can
simply be run again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tmtool.batch.manifest import DocumentSet, read_manifest
from tmtool.batch.summary import summary_csv, summary_records, write_summary_csv
from tmtool.batch.work import BatchJob, SetResult

__all__ = [
    "BatchJob",
    "DocumentSet",
    "SetResult",
    "read_manifest",
    "run_batch",
    "summary_csv",
    "summary_records",
    "write_summary_csv",
]


def run_batch(
    sets: Sequence[DocumentSet],
    job: BatchJob,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Iterator[SetResult]:
    """Align and store ``sets``; rows come in the order the sets finish."""
    if scheduler:
        from tmtool.batch.cluster import run_on_cluster

        return run_on_cluster(sets, job, scheduler=scheduler)
    from tmtool.batch.local import run_local

    return run_local(sets, job, jobs=jobs)
