"""The work on one document set, the same wherever it runs (this process, a local worker process,
a Dask worker): read → align, then store in one transaction, and a summary row.

Each process keeps one encoder and one open memory for all the sets it handles, so the model is
loaded once per process, not once per set.
"""

from __future__ import annotations

import atexit
import threading
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmtool.batch import faults
from tmtool.batch.manifest import DocumentSet

if TYPE_CHECKING:
    from tmtool.embed import Encoder
    from tmtool.pipeline import Alignment
    from tmtool.store import RunInfo, Store


@dataclass(frozen=True)
class BatchJob:
    """What every set of a run shares: languages, encoder, thresholds and the memory."""

    langs: tuple[str, ...]
    db: str | None = None
    encoder: str = "use"
    min_score: float = 0.5
    presegmented: bool = False
    #: CPU threads of the encoder in each process. One: the parallelism is across sets, and on
    #: small sets a multi-threaded encoder burns ~13× the CPU time (bench/RESULTS.md, "Batch")
    encoder_threads: int | None = 1
    #: look in the memory first and skip sets already stored by an identical run (reruns after a
    #: crash redo only what is missing); needs the memory reachable where the set is aligned
    skip_stored: bool = True


@dataclass
class SetResult:
    """One summary row: what was aligned and stored for one manifest line."""

    line: int
    name: str
    files: tuple[str, ...]
    status: str = "ok"  # ok | unchanged | failed: <one-line reason>
    segments: dict[str, int] = field(default_factory=dict)
    beads: dict[str, dict[str, int]] = field(default_factory=dict)  # "nl-fr" → {"1-1": 40}
    mean_confidence: dict[str, float] = field(default_factory=dict)
    low_confidence: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    units_added: int = 0
    #: the ``tmtool: warning:`` messages raised while the set was processed, wherever it was:
    #: a worker process or a Dask worker shows none itself, ``local.finish`` issues them here
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status.startswith("failed")

    @classmethod
    def failure(cls, doc_set: DocumentSet, reason: str) -> SetResult:
        """The row of a set that failed before any of its work came back."""
        return cls(doc_set.line, doc_set.name, doc_set.paths).fail(reason)

    def fail(self, reason: str) -> SetResult:
        self.status = "failed: " + " ".join(reason.split())
        return self


def one_line_reason(exc: BaseException) -> str:
    """A TmtoolError's message, or the type and message of an unexpected error, on one line."""
    from tmtool.errors import TmtoolError

    text = " ".join(str(exc).split())
    if isinstance(exc, TmtoolError):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


_encoders: dict[tuple[str, int | None], Encoder] = {}
_stores: dict[str, Store] = {}
_counts: Counter[str] = Counter()
_lock = threading.Lock()  # a Dask worker may run several sets in threads


def cached_encoder(spec: str, threads: int | None = None) -> Encoder:
    """This process's encoder for ``spec``: built (weights loaded) on first use only."""
    from tmtool.embed import get_encoder

    key = (spec, threads)
    with _lock:
        if key not in _encoders:
            encoder = get_encoder(spec, threads=threads)
            encoder.encode(["warm-up"])  # load the weights now, not in the first set's timing
            _encoders[key] = encoder
        return _encoders[key]


def cached_store(db: str | None) -> Store:
    """This process's open memory at ``db`` (closed when the process exits)."""
    from tmtool.store import open_store

    key = db or ""
    with _lock:
        if key not in _stores:
            _stores[key] = open_store(db)
            atexit.register(_stores[key].close)
        return _stores[key]


def stored_already(db: str | None, hashes: dict[str, str], run: RunInfo) -> bool:
    """Whether the memory at ``db`` holds these documents aligned by an identical run.

    A new SQLite memory gets its file at the writer's first commit; before that nothing is stored,
    and a worker that opened the memory would build one of its own under a hidden temporary name
    (left behind where the worker is killed), so it is not opened."""
    from tmtool.store.engine import is_sqlite_file, resolve_url

    url = resolve_url(db)
    if is_sqlite_file(url) and not Path(str(url.database)).exists():
        return False
    return cached_store(db).has_alignment(hashes, run)


def release_stores() -> None:
    """Close this process's open memories (a run in a long-lived process is over). A new SQLite
    memory that no set was stored in (every set failed) is not kept, as after any failed
    command."""
    with _lock:
        for store in _stores.values():
            store.close(keep_new=False)
            atexit.unregister(store.close)
        _stores.clear()


def align_set(doc_set: DocumentSet, job: BatchJob) -> tuple[SetResult, Alignment | None]:
    """Read and align one set; a failure is a ``failed`` row, never an exception.

    A set the memory already holds from an identical run is not aligned again: an ``unchanged``
    row (segment counts only) and no alignment. Only an encoder that cannot be loaded raises
    (EncoderError): it would fail every set.
    """
    from tmtool.errors import EncoderError
    from tmtool.pipeline import align_documents, load_documents, planned_run

    with _lock:
        _counts["started"] += 1
        started = _counts["started"]
    faults.kill_point("started", started)
    result = SetResult(doc_set.line, doc_set.name, doc_set.paths)
    encoder = cached_encoder(job.encoder, job.encoder_threads)  # loading is not the set's time
    start = time.perf_counter()
    try:
        documents = load_documents(doc_set.paths, job.langs, presegmented=job.presegmented)
        for document in documents.values():
            if doc_set.title:
                document.title = doc_set.title
            if doc_set.date:
                document.meta["date"] = doc_set.date
        result.segments = {lang: len(doc.segments) for lang, doc in documents.items()}
        if job.skip_stored:
            hashes = {lang: doc.sha256 for lang, doc in documents.items()}
            if stored_already(job.db, hashes, planned_run(encoder, job.langs[0])):
                result.status = "unchanged"
                result.seconds = time.perf_counter() - start
                return result, None
        alignment = align_documents(documents, encoder)
    except EncoderError:
        raise
    except Exception as exc:  # a bad file fails its own set only, whatever went wrong
        result.seconds = time.perf_counter() - start
        return result.fail(one_line_reason(exc)), None
    for lang in alignment.pairs:
        pair = f"{alignment.pivot}-{lang}"
        result.beads[pair] = dict(sorted(alignment.bead_types(lang).items()))
        result.mean_confidence[pair] = round(alignment.mean_score(lang), 4)
        result.low_confidence[pair] = alignment.low_confidence(lang, job.min_score)
    result.seconds = time.perf_counter() - start
    return result, alignment


def save_set(store: Store, result: SetResult, alignment: Alignment) -> SetResult:
    """Store one aligned set in one transaction and set the row's status.

    ``unchanged`` means the memory already held exactly this alignment (a rerun, or a retried
    task whose first attempt had committed before its worker died).
    """
    from tmtool.pipeline import save_alignment

    with _lock:
        _counts["saved"] += 1
        number = _counts["saved"]
    faults.kill_point("aligned", number)
    start = time.perf_counter()
    try:
        with faults.kill_before_commit(store.engine, number):
            report = save_alignment(store, alignment)
    except Exception as exc:
        return result.fail(one_line_reason(exc))
    finally:
        result.seconds += time.perf_counter() - start
    faults.kill_point("stored", number)
    result.units_added = report.units.added
    changed = report.units.added + report.units.updated + report.units.replaced
    result.status = "unchanged" if report.run_reused and not changed else "ok"
    return result


def process_set(doc_set: DocumentSet, job: BatchJob, store_here: bool) -> Any:
    """Align one set; with ``store_here`` also store it in this process's memory connection.

    Returns the finished row, or (row, alignment) for the caller's single writer to store.
    """
    result, alignment = _keeping_warnings(_process_set, doc_set, job, store_here)
    return result if alignment is None else (result, alignment)


def _keeping_warnings(
    work: Any, doc_set: DocumentSet, job: BatchJob, store_here: bool
) -> tuple[SetResult, Alignment | None]:
    """Run ``work``, keeping the TmtoolWarnings it raises in its row's ``warnings`` (a worker
    process would print them in Python's raw format, and a ``--json`` summary would lack them);
    other warnings are shown as they are. Only ``warnings.showwarning`` is swapped: Python's
    filters and its memory of what it showed stay (``catch_warnings`` resets that memory, and a
    library's warning came back with every set). An error that leaves no row (an encoder that
    cannot load) shows the kept warnings at once. Python's warning state is per process: a Dask
    worker running several threads (README: run one a process) may put one set's warning in
    another's row or print it raw, as before."""
    from tmtool.errors import TmtoolWarning

    show = warnings.showwarning
    kept: list[tuple[Any, ...]] = []  # ``showwarning``'s arguments for each TmtoolWarning

    def keep(message: Warning | str, category: type[Warning], *place: Any, **more: Any) -> None:
        if issubclass(category, TmtoolWarning):
            kept.append((message, category, *place))
        else:
            show(message, category, *place, **more)

    warnings.showwarning = keep
    try:
        result, alignment = work(doc_set, job, store_here)
    except BaseException:
        for shown in kept:  # no row to keep them in: shown now
            show(*shown)
        raise
    finally:
        warnings.showwarning = show
    for message, *_ in kept:
        if str(message) not in result.warnings:
            result.warnings.append(str(message))
    return result, alignment


def _process_set(
    doc_set: DocumentSet, job: BatchJob, store_here: bool
) -> tuple[SetResult, Alignment | None]:
    """``process_set``'s work: the row, and the alignment where the caller is to store it."""
    result, alignment = align_set(doc_set, job)
    if alignment is None:
        return result, None
    if store_here:
        try:
            store = cached_store(job.db)
        except Exception as exc:
            return result.fail(one_line_reason(exc)), None
        return save_set(store, result, alignment), None
    return result, alignment


def store_in_workers(db: str | None) -> bool:
    """Workers write themselves to a server database; SQLite gets one writer (the caller)."""
    from tmtool.store.engine import resolve_url

    return resolve_url(db).get_backend_name() != "sqlite"
