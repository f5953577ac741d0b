"""Store stage: the translation-memory database (SQLite by default, PostgreSQL by URL).

``open_store(target)`` opens (and if needed creates) a memory; ``target`` is a file path for
SQLite (default ``tmtool.db``) or any SQLAlchemy URL such as ``postgresql+psycopg://user@host/db``.
A new SQLite memory is built under a hidden temporary name next to its path and gets its name at the
first commit (or a close without an error), so a command that fails leaves no memory behind.
The schema version is stored in ``tmtool_meta``; older memories are migrated step by step, newer
ones refused.

Identity and idempotence (``Store.save_alignment``)
---------------------------------------------------
- A document is identified by (sha256 of its raw bytes, language); saving it again reuses the row.
  If its stored segments differ (a changed segmenter), it is re-segmented and its automatic units
  are dropped; if reviewed/rejected units depend on it, the save is refused instead.
- The documents aligned together form a *document set* (identified by their hashes). A unit is
  identified by (document set, bead), the bead being the segment positions per language, so the
  same bead is never stored twice.
- A run is identified by (document set, encoder, encoder version, aligner, params). Saving the
  same alignment again **reuses that run** and adds nothing (all units "unchanged"): no duplicate
  run rows, documents, segments or units.
- Saving with different settings records a new run whose units *replace* the set's automatic units:
  beads the new run also produced keep their row and tuid (score and run refreshed); automatic
  beads it did not produce are deleted; new beads are added. Units a reviewer marked ``reviewed``
  or ``rejected`` are never changed or deleted; a new unit overlapping a ``reviewed`` unit's
  segments is not stored (counted as conflicting), while a rejected bead is not re-proposed.
- Each save or import is one transaction: all or nothing.

Pair beads (schema version 2)
-----------------------------
A run that aligned three or more documents also stores each pivot-target pair's own beads with
their own confidence (``pair_beads``), because a multilingual unit joins every sentence that any
pair's bead crosses: when the English merges two Dutch sentences, the unit holds both although
nl-fr aligned them one to one. Pair files are written from the pair beads; sets without pair beads
for a pair (two-document alignments, whose units are the pair's beads; imports; alignments stored
before version 2) give their units instead. Pair beads follow the units' replacement rules per
pair (reviewed/rejected beads are never changed; ``set_status`` marks units and pair beads by
tuid). The run's pivot is stored with it (``runs.pivot``) and is the source of its pair files.
A reviewer's actions on a set's units carry over to its pair beads (``review_pairs``).

tuids are derived from content hashes (``tm-`` + 20 hex digits of sha256(set key | bead)), so they
are stable across exports and across memories built from the same documents; imported units keep
their TMX tuid unless it is already taken in this memory.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from tmtool.document import Bead, Document, Unit
from tmtool.errors import InputError, StoreError, TmtoolError
from tmtool.files import fsync_folder, temp_name
from tmtool.store import alignment, common, embeddings, imported, queries
from tmtool.store.common import CHUNK, batched
from tmtool.store.engine import (
    DEFAULT_DB,
    checkpoint,
    display_url,
    is_sqlite_file,
    make_engine,
    one_line,
    prepare_schema,
    read_connection,
    resolve_url,
    sqlite_files,
    write_connection,
)
from tmtool.store.records import (
    BeadCounts,
    ImportCounts,
    ImportedUnit,
    ImportSource,
    RunInfo,
    RunSummary,
    SaveReport,
    Stats,
    StoredSide,
    StoredUnit,
    UnitFilter,
    UnitTexts,
    to_db_time,
    utc_now,
)
from tmtool.store.schema import ORIGINS, SCHEMA_VERSION, STATUSES, pair_beads, units

__all__ = [
    "DEFAULT_DB",
    "ORIGINS",
    "SCHEMA_VERSION",
    "STATUSES",
    "BeadCounts",
    "ImportCounts",
    "ImportSource",
    "ImportedUnit",
    "RunInfo",
    "RunSummary",
    "SaveReport",
    "Stats",
    "Store",
    "StoredSide",
    "StoredUnit",
    "UnitFilter",
    "UnitTexts",
    "check_memory",
    "open_store",
]

T = TypeVar("T")

#: how often an idempotent save is retried after losing a race with a concurrent writer
SAVE_ATTEMPTS = 5

#: SQLSTATEs of PostgreSQL errors that a retry of the whole transaction resolves
_RETRYABLE_PG = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock timeout


def _lost_a_race(exc: SQLAlchemyError) -> bool:
    """True for errors a concurrent writer causes and a fresh transaction does not repeat."""
    if isinstance(exc, IntegrityError):  # another writer inserted the same document/set/run
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in _RETRYABLE_PG:
        return True
    return "database is locked" in str(exc.orig)  # SQLite busy timeout ran out


class Store:
    """An open translation memory. Use as a context manager, or call ``close()``."""

    def __init__(self, url: URL, *, create: bool = True) -> None:
        new_file = _new_sqlite_file(url)
        if new_file is not None and not create:
            raise StoreError(f"no translation memory at {url.database}")
        if new_file is not None:
            _check_writable_folder(new_file)
        self.url = url
        self._snapshot: Connection | None = None
        #: a new SQLite memory is built under a hidden temporary name and appears at its path
        #: only when something is committed or the store is closed without an error: a command
        #: that fails leaves no memory (nor its side files) behind (``_publish``, ``_discard``)
        self._unpublished = new_file
        try:
            self._open(url.set(database=str(temp_name(new_file))) if new_file else url, create)
        except BaseException:
            self._discard()
            raise

    def _open(self, url: URL, create: bool) -> None:
        """Point ``engine`` at ``url`` and create, check or migrate its schema."""
        self.engine = make_engine(url)
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                self.schema_version = prepare_schema(self.engine, create=create)
                return
            except StoreError as exc:
                self.engine.dispose()
                raise StoreError(f"{self.display_url}: {exc}") from None
            except SQLAlchemyError as exc:
                # two processes creating or migrating one new SQLite memory at once: SQLite may
                # refuse the second at once (no busy wait when a lock upgrade would deadlock)
                if attempt < SAVE_ATTEMPTS and _lost_a_race(exc):
                    time.sleep(random.uniform(0.05, 0.2) * attempt)
                    continue
                self.engine.dispose()
                raise StoreError(f"cannot open {self.display_url}: {one_line(exc)}") from None

    def _publish(self) -> bool:
        """Give the new memory its real name; False when another process created a memory there
        meanwhile: this one is then dropped and the store continues with that one."""
        assert self._unpublished is not None
        path, temp = self._unpublished, Path(str(self.engine.url.database))
        try:
            checkpoint(self.engine)
            published = _give_name(temp, path)
        except (OSError, StoreError) as exc:
            self._discard()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise StoreError(f"cannot create {path}: {reason}") from None
        self._discard()
        fsync_folder(path.parent)
        self.engine = make_engine(self.url)
        return published

    def _discard(self) -> None:
        """Remove the new memory that was never published, with its side files."""
        if self._unpublished is None:
            return
        self._unpublished = None
        engine = getattr(self, "engine", None)
        if engine is None:
            return
        engine.dispose()
        for path in sqlite_files(Path(str(engine.url.database))):
            # a clean-up that fails (the folder turned read-only) must not hide the first error
            with suppress(OSError):
                path.unlink(missing_ok=True)

    @property
    def display_url(self) -> str:
        return display_url(self.url)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self._discard()  # a new memory that a failed command made is not kept
        self.close()

    def close(self, *, keep_new: bool = True) -> None:
        """Close the memory. A new one that nothing was written to yet now gets its name, or is
        removed with ``keep_new=False`` (a run that stored nothing because all of it failed)."""
        if not keep_new:
            self._discard()
        if self._unpublished is not None:
            self._publish()
        self.engine.dispose()

    def _transaction(self, work: Callable[[Connection], T], doing: str, *, attempts: int = 1) -> T:
        """Run ``work`` in one write transaction; database errors become one-line StoreErrors.

        With ``attempts`` > 1 (idempotent work only) a transaction that lost a race with a
        concurrent writer is rolled back and run again after a short random pause.
        """
        if self._snapshot is not None:
            raise StoreError(f"{doing}: cannot write inside a read snapshot")
        for attempt in range(1, attempts + 1):
            try:
                with write_connection(self.engine) as conn, conn.begin():
                    result = work(conn)
            except TmtoolError:
                raise
            except SQLAlchemyError as exc:
                if attempt < attempts and _lost_a_race(exc):
                    time.sleep(random.uniform(0.05, 0.2) * attempt)
                    continue
                raise StoreError(f"{doing} failed on {self.display_url}: {one_line(exc)}") from None
            if self._unpublished is None or self._publish():
                return result
            # another process created the memory meanwhile: the work is done again in that one
            self._open(self.url, create=True)
            if attempts == 1:
                raise StoreError(
                    f"{doing}: another process created {self.display_url} meanwhile; "
                    "nothing was stored, run it again"
                )
            return self._transaction(work, doing, attempts=attempts)
        raise AssertionError("unreachable")

    def _read(self, work: Callable[[Connection], T], doing: str) -> T:
        """Run ``work`` on one consistent snapshot (the open ``snapshot()``, or a new one)."""
        if self._snapshot is not None:
            return work(self._snapshot)
        try:
            with read_connection(self.engine) as conn, conn.begin():
                return work(conn)
        except TmtoolError:
            raise
        except SQLAlchemyError as exc:
            raise StoreError(f"{doing} failed on {self.display_url}: {one_line(exc)}") from None

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Make every read inside the block see the memory as it was at its first read.

        An export that reads languages and then each language pair in turn thus never mixes
        states of a memory that another process writes to meanwhile.
        """
        if self._snapshot is not None:
            yield self
            return
        try:
            with read_connection(self.engine) as conn, conn.begin():
                self._snapshot = conn
                try:
                    yield self
                finally:
                    self._snapshot = None
        except SQLAlchemyError as exc:
            raise StoreError(f"reading {self.display_url} failed: {one_line(exc)}") from None

    def save_alignment(
        self,
        documents: Mapping[str, Document],
        units: Sequence[Unit],
        run: RunInfo,
        pairs: Mapping[str, Sequence[Bead]] | None = None,
    ) -> SaveReport:
        """Store an alignment of ``documents`` (keyed by language code) in one transaction;
        ``pairs``: each target language's beads against the pivot, for three or more documents."""
        return self._transaction(
            lambda conn: alignment.save_alignment(conn, documents, units, run, pairs),
            "saving alignment",
            attempts=SAVE_ATTEMPTS,
        )

    def has_alignment(self, hashes: Mapping[str, str], run: RunInfo) -> bool:
        """True when the documents with these content hashes (by language) are stored aligned
        by an identical run of this tmtool version: saving them again would change nothing."""
        return self._read(
            lambda conn: common.find_run(conn, hashes, "align", run) is not None,
            "reading runs",
        )

    def import_units(
        self,
        items: Iterable[ImportedUnit],
        source: ImportSource,
        run: RunInfo,
        batch_size: int = 1000,
    ) -> ImportCounts:
        """Store imported units in one transaction (an error raised by ``items`` undoes all)."""
        return self._transaction(
            lambda conn: imported.import_units(conn, items, source, run, batch_size), "import"
        )

    def iter_units(self, where: UnitFilter | None = None) -> Iterator[StoredUnit]:
        """Stored units in document order, streamed page by page (one read transaction)."""
        if self._snapshot is not None:
            yield from queries.iter_units(self._snapshot, where or UnitFilter())
            return
        try:
            with read_connection(self.engine) as conn, conn.begin():
                yield from queries.iter_units(conn, where or UnitFilter())
        except SQLAlchemyError as exc:
            raise StoreError(f"reading {self.display_url} failed: {one_line(exc)}") from None

    def iter_pair(
        self, lang_a: str, lang_b: str, where: UnitFilter | None = None
    ) -> Iterator[StoredUnit]:
        """What a pair file holds: the pair's own beads where stored, other sets' units (with
        only these two languages' sides for pair beads), streamed in one read transaction."""
        try:
            with self.engine.begin() as conn:
                yield from queries.iter_pair(conn, lang_a, lang_b, where or UnitFilter())
        except SQLAlchemyError as exc:
            raise StoreError(f"reading {self.display_url} failed: {one_line(exc)}") from None

    def languages(self) -> list[str]:
        """Languages of the stored document sets."""
        return self._read(queries.languages, "reading languages")

    def require_languages(self, wanted: Iterable[str]) -> None:
        """InputError naming the memory's languages unless it has texts in each of ``wanted``."""
        langs = list(wanted)
        self._read(lambda conn: queries.require_languages(conn, langs), "reading languages")

    def run_params(self, kind: str) -> list[dict[str, Any]]:
        """The stored parameters of every run of ``kind`` (``align``, ``import``), oldest first."""
        return self._read(lambda conn: queries.run_params(conn, kind), "reading runs")

    def run_languages(self, run_id: int) -> tuple[str | None, list[str]]:
        """The pivot of run ``run_id`` (None if not stored) and the languages of its documents;
        InputError (a bad --run value) if there is no such run."""
        return self._read(lambda conn: queries.run_languages(conn, run_id), "reading run")

    def set_status(self, tuids: Iterable[str], status: str) -> int:
        """Mark units and pair beads reviewed/rejected/auto by tuid; returns how many changed."""
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r} (choose from {', '.join(STATUSES)})")
        wanted = list(tuids)

        def work(conn: Connection) -> int:
            changed = 0
            now = to_db_time(utc_now())
            for table in (units, pair_beads):
                for chunk in batched(wanted, CHUNK):
                    result = conn.execute(
                        update(table)
                        .where(table.c.tuid.in_(chunk), table.c.status != status)
                        .values(status=status, changed_at=now)
                    )
                    changed += result.rowcount or 0
            return changed

        return self._transaction(work, "setting status")

    def tuids(self) -> list[str]:
        return self._read(
            lambda conn: list(conn.execute(select(units.c.tuid).order_by(units.c.id)).scalars()),
            "reading tuids",
        )

    # --- unit embeddings and lookup (tmtool.store.embeddings) ---

    def missing_embeddings(
        self, encoder: str, lang: str, after_unit: int = 0, limit: int = 1000
    ) -> list[tuple[int, str]]:
        """(unit id, text) of units with ``lang`` text but no ``encoder`` vector, by unit id."""
        return self._read(
            lambda conn: embeddings.missing(conn, encoder, lang, after_unit, limit),
            "reading units to embed",
        )

    def last_embedded_unit(self, encoder: str, lang: str) -> int:
        """The highest unit id with an ``encoder`` vector of its ``lang`` text (0 for none)."""
        return self._read(
            lambda conn: embeddings.last_unit(conn, encoder, lang), "reading embeddings"
        )

    def add_embeddings(self, encoder: str, lang: str, rows: Sequence[tuple[int, bytes]]) -> None:
        """Store (unit id, float16 vector bytes) rows in one transaction."""
        self._transaction(
            lambda conn: embeddings.add(conn, encoder, lang, rows), "storing embeddings"
        )

    def embedding_state(self, encoder: str, lang: str, after_id: int = 0) -> tuple[int, int]:
        """(highest vector row id, rows above ``after_id``): what an index file must have seen."""
        return self._read(
            lambda conn: embeddings.state(conn, encoder, lang, after_id), "reading embeddings"
        )

    def embedding_rows_after(
        self, encoder: str, lang: str, after_id: int, limit: int = 10_000
    ) -> list[tuple[int, bytes]]:
        return self._read(
            lambda conn: embeddings.rows_after(conn, encoder, lang, after_id, limit),
            "reading embeddings",
        )

    def units_of_embedding_rows(self, row_ids: Sequence[int]) -> dict[int, int]:
        return self._read(
            lambda conn: embeddings.units_of_rows(conn, row_ids), "reading embeddings"
        )

    def unit_vectors(self, encoder: str, lang: str, unit_ids: Sequence[int]) -> dict[int, bytes]:
        return self._read(
            lambda conn: embeddings.vectors_of_units(conn, encoder, lang, unit_ids),
            "reading embeddings",
        )

    def unit_texts(
        self, unit_ids: Sequence[int], statuses: Sequence[str] = ("auto", "reviewed")
    ) -> dict[int, UnitTexts]:
        """Units by id (only those with ``statuses``), with their texts and documents."""
        return self._read(
            lambda conn: embeddings.unit_texts(conn, unit_ids, statuses), "reading units"
        )

    def previous_unit(self, set_id: int, position: int, lang: str) -> int | None:
        """The unit before ``position`` in its document set that has ``lang`` text, if any."""
        return self._read(
            lambda conn: embeddings.previous_with_lang(conn, set_id, position, lang),
            "reading units",
        )

    def stats(self) -> Stats:
        parts: dict[str, Any] = self._read(queries.stats_parts, "reading statistics")
        return Stats(url=self.display_url, schema_version=self.schema_version, **parts)


def _give_name(temp: Path, path: Path) -> bool:
    """Give the file ``temp`` the name ``path`` unless a file has that name already (False).

    A hard link never replaces a file that appeared meanwhile. Where the filesystem has none (FAT,
    some network shares; the error number differs by system) the file is renamed instead: Windows
    refuses to replace a file then, while POSIX would replace one created in the instant between
    the check and the rename."""
    try:
        os.link(temp, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        if path.exists():
            return False
    try:
        os.rename(temp, path)
    except FileExistsError:
        return False
    return True


def _new_sqlite_file(url: URL) -> Path | None:
    """The path of the SQLite memory ``url`` names when it does not exist yet, else None."""
    path = Path(str(url.database)) if is_sqlite_file(url) else None
    return None if path is None or path.exists() else path


def _check_writable_folder(new_file: Path) -> None:
    """StoreError when the folder of a new SQLite memory cannot be written (it could never be
    created there), before any temporary file is tried."""
    if not new_file.parent.is_dir():
        raise StoreError(
            f"cannot create database {new_file}: folder {new_file.parent} does not exist"
        )
    if not os.access(new_file.parent, os.W_OK):
        raise StoreError(f"cannot create {new_file}: cannot write to folder {new_file.parent}")


def check_memory(target: str | None = None) -> None:
    """Check, before long work, that the memory at ``target`` can take a save: an existing one
    opens (checked and migrated), a new SQLite file's folder can be written. Creates no file:
    StoreError otherwise."""
    url = resolve_url(target)
    new_file = _new_sqlite_file(url)
    if new_file is not None:
        _check_writable_folder(new_file)
        return
    with Store(url, create=True):
        pass


def open_store(target: str | None = None, *, create: bool = True) -> Store:
    """Open the memory at ``target`` (path or SQLAlchemy URL; default ``tmtool.db``).

    ``create=False`` refuses to create a new memory (for commands that only read).
    """
    return Store(resolve_url(target), create=create)
