"""Opening a memory: target → SQLAlchemy engine, SQLite settings, schema creation and migration."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from tmtool.errors import StoreError
from tmtool.store import fulltext
from tmtool.store.schema import (
    SCHEMA_VERSION,
    meta_table,
    metadata,
    pair_bead_segments,
    pair_beads,
    review_actions,
    runs,
    unit_embeddings,
)

DEFAULT_DB = "tmtool.db"


def _add_pair_beads(conn: Connection) -> None:
    """Step 1→2: per-pair beads and the run's pivot.

    Runs stored before keep ``pivot`` NULL and their sets no pair beads: their pair files are
    still cut from the multilingual units until they are aligned again.
    """
    conn.exec_driver_sql(f"ALTER TABLE {runs.name} ADD COLUMN pivot VARCHAR(35)")
    pair_beads.create(conn)
    pair_bead_segments.create(conn)


def _add_unit_embeddings(conn: Connection) -> None:
    """Step 3→4: the unit embeddings table (filled by the next align, import or lookup)."""
    unit_embeddings.create(conn)


def _add_review_tables(conn: Connection) -> None:
    """Step 4→5 (review): unit versions, the machine text of edited segments, the action log."""
    conn.exec_driver_sql(
        "ALTER TABLE translation_units ADD COLUMN version INTEGER NOT NULL DEFAULT 1"
    )
    conn.exec_driver_sql("ALTER TABLE segments ADD COLUMN machine_text TEXT")
    review_actions.create(conn)


#: MIGRATIONS[v] upgrades a memory from schema version v to v + 1, inside one transaction
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _add_pair_beads,
    2: fulltext.add_search_index,  # the search index, built from the stored units
    3: _add_unit_embeddings,
    4: _add_review_tables,
}


#: advisory lock key serialising schema creation/migration on PostgreSQL ("tmtl")
_SCHEMA_LOCK = 0x746D746C

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def one_line(exc: BaseException) -> str:
    """The first line of a (driver) error message, without SQLAlchemy's SQL echo."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip() or type(inner).__name__
    return text.splitlines()[0].strip()


def resolve_url(target: str | None) -> URL:
    """A filesystem path (SQLite) or any SQLAlchemy URL; None means ``tmtool.db`` here."""
    target = DEFAULT_DB if target is None or not str(target).strip() else str(target)
    if _URL_RE.match(target):
        try:
            return make_url(target)
        except ArgumentError as exc:
            raise StoreError(f"invalid database URL {target!r}: {one_line(exc)}") from None
    path = Path(target).expanduser()
    if path.is_dir():
        raise StoreError(f"{target} is a directory, not a database file")
    # a missing folder is checked where a memory would be created: a command that only reads
    # says there is no memory there, not that it cannot create one
    return URL.create("sqlite", database=str(path.resolve()))


def display_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def is_sqlite_file(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


def sqlite_files(path: Path) -> list[Path]:
    """A SQLite memory's file and the side files SQLite keeps next to it while it is open."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def checkpoint(engine: Engine) -> None:
    """Close ``engine`` with everything committed in its SQLite file itself, none in the WAL."""
    engine.dispose()  # no pooled connection keeps a read snapshot that would stop the checkpoint
    raw = engine.raw_connection()  # outside any transaction (the pragma cannot run inside one)
    try:
        busy = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        raw.close()
        engine.dispose()
    if busy:
        raise StoreError("the new memory is still in use; nothing was stored")


def _sqlite_settings(engine: Engine) -> None:
    """Foreign keys on, transactions that really start at BEGIN (all or nothing); the WAL
    journal is set by ``prepare_schema`` (``_use_wal``) once the file is known to be a memory."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # writers take the write lock at BEGIN (``BEGIN IMMEDIATE``), so the busy timeout applies;
        # a deferred transaction that reads first and writes later fails at once instead when
        # another process committed in between
        connection.exec_driver_sql(connection.get_execution_options().get(SQLITE_BEGIN, "BEGIN"))


#: execution option naming the statement that starts a SQLite transaction
SQLITE_BEGIN = "tmtool_sqlite_begin"


def write_connection(engine: Engine) -> Connection:
    """A connection whose transactions are writes: SQLite takes its write lock at BEGIN."""
    conn = engine.connect()
    if engine.dialect.name == "sqlite":
        conn.execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"})
    return conn


def read_connection(engine: Engine) -> Connection:
    """A connection whose transactions read one snapshot of the whole memory.

    SQLite in WAL mode does that by itself; PostgreSQL's default (READ COMMITTED) takes a new
    snapshot per statement, so counts read by two queries could disagree with a concurrent write.
    """
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def make_engine(url: URL) -> Engine:
    """An engine for ``url``; a missing driver or a bad URL is one StoreError line."""
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"no database driver for {display_url(url)}: {one_line(exc)} "
            "(for PostgreSQL install tmtool[postgres] and use postgresql+psycopg://)"
        ) from None
    except (ArgumentError, SQLAlchemyError) as exc:
        raise StoreError(f"cannot use database {display_url(url)}: {one_line(exc)}") from None
    if url.get_backend_name() == "sqlite":
        _sqlite_settings(engine)
    return engine


def read_schema_version(conn: Connection) -> int | None:
    """The stored schema version, or None for an empty database; StoreError for a foreign one."""
    tables = set(inspect(conn).get_table_names())
    if meta_table.name not in tables:
        if tables & set(metadata.tables):
            raise StoreError("database has tmtool tables but no schema version; it is damaged")
        if tables:
            raise StoreError(
                f"database already holds other tables ({', '.join(sorted(tables)[:3])}...); "
                "not a tmtool memory"
            )
        return None
    value = conn.execute(
        select(meta_table.c.value).where(meta_table.c.key == "schema_version")
    ).scalar()
    if value is None or not str(value).isdigit():
        raise StoreError(f"database has an unreadable schema version ({value!r})")
    return int(value)


def _use_wal(engine: Engine) -> None:
    """Put a SQLite memory in WAL mode (kept in the file), so readers never wait for a writer.

    Only done once the file is known to be a tmtool memory (or a new one): opening another
    program's database, or an empty file, only to refuse it must not change its header.
    """
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()  # outside any transaction (the pragma cannot run inside one)
    try:
        raw.cursor().execute("PRAGMA journal_mode = WAL")
    finally:
        raw.close()


def prepare_schema(engine: Engine, *, create: bool) -> int:
    """Create the tables in an empty database, or check and migrate an existing one.

    A memory already at this version is only read (readers never wait for a writer). Processes
    that open the same new or old memory at once take turns: SQLite's write lock, and on
    PostgreSQL a transaction-scoped advisory lock, so only the first creates or migrates it.
    """
    with engine.connect() as conn, conn.begin():
        version = read_schema_version(conn)
        complete = version == SCHEMA_VERSION and fulltext.has_search_index(conn)
    if not complete:
        _create_or_migrate(engine, create=create)
    _use_wal(engine)
    return SCHEMA_VERSION


def _create_or_migrate(engine: Engine, *, create: bool) -> None:
    """Create the tables in an empty database, or migrate an older memory, under the lock."""
    with write_connection(engine) as conn, conn.begin():
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")
        version = read_schema_version(conn)  # again: another process may have been first
        if version is None:
            if not create:
                raise StoreError("database holds no translation memory yet")
            metadata.create_all(conn)
            conn.execute(
                meta_table.insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}]
            )
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"memory has schema version {version}, newer than this tmtool supports "
                f"({SCHEMA_VERSION}); upgrade tmtool"
            )
        for step in range(version, SCHEMA_VERSION):
            migrate = MIGRATIONS.get(step)
            if migrate is None:
                raise StoreError(f"no migration from schema version {step} to {step + 1}")
            migrate(conn)
        fulltext.ensure_search_index(conn)
        if version < SCHEMA_VERSION:
            conn.execute(
                meta_table.update()
                .where(meta_table.c.key == "schema_version")
                .values(value=str(SCHEMA_VERSION))
            )
