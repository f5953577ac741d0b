"""The search index: each unit's text per language, folded (``tmtool.fold``), substring-indexed.

Rows live in ``search_texts`` (one per unit and language). The backend adds a trigram index so
that "the folded text contains this string" needs no scan for strings of 3 characters or more:

- SQLite: an external-content FTS5 table ``search_fts`` with the ``trigram`` tokenizer
  (case-sensitive, since the text is already folded), kept in step by triggers on
  ``search_texts``; a quoted FTS5 string is then an exact substring test.
- PostgreSQL: the ``pg_trgm`` extension and a GIN ``gin_trgm_ops`` index, used by ``LIKE``.

Shorter strings fall back to ``instr``/``LIKE`` on the rows (a scan). The store calls
``index_units`` after adding units and ``forget_units`` before deleting them, inside the same
transaction as the save or import; deleting a unit row also cascades to its index rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    and_,
    column,
    delete,
    event,
    false,
    func,
    insert,
    inspect,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.exc import SQLAlchemyError

from tmtool.errors import StoreError
from tmtool.fold import fold
from tmtool.store.common import CHUNK, batched
from tmtool.store.queries import segment_texts
from tmtool.store.schema import search_texts, units

FTS_TABLE = "search_fts"

#: the shortest string the trigram indexes can look up; shorter ones are found by a scan
MIN_INDEXED = 3

_SQLITE_DDL = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(folded, content='search_texts', "
    "content_rowid='id', tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER search_texts_ai AFTER INSERT ON search_texts BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER search_texts_ad AFTER DELETE ON search_texts BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, folded) VALUES ('delete', old.id, old.folded); "
    "END",
    "CREATE TRIGGER search_texts_au AFTER UPDATE ON search_texts BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, folded) VALUES ('delete', old.id, old.folded); "
    f"INSERT INTO {FTS_TABLE}(rowid, folded) VALUES (new.id, new.folded); END",
]


def _trgm_schema(conn: Connection) -> str | None:
    """The schema pg_trgm is installed in, if it is."""
    return conn.execute(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'"
        )
    ).scalar()


def _create_postgres_index(conn: Connection) -> None:
    """pg_trgm (a trusted extension: a database owner may create it) and the GIN index."""
    schema = _trgm_schema(conn)
    if schema is None:
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION pg_trgm")
        except SQLAlchemyError as exc:
            from tmtool.store.engine import one_line  # engine imports this module

            raise StoreError(
                "the search index needs PostgreSQL's pg_trgm extension (postgresql-contrib); "
                f"ask the database owner to run CREATE EXTENSION pg_trgm ({one_line(exc)})"
            ) from None
        schema = _trgm_schema(conn)
    # the operator class is schema-qualified: pg_trgm may live outside the search path
    quoted = conn.dialect.identifier_preparer.quote_identifier(str(schema))
    conn.exec_driver_sql(
        "CREATE INDEX ix_search_texts_trgm ON search_texts "
        f"USING gin (folded {quoted}.gin_trgm_ops)"
    )


@event.listens_for(search_texts, "after_create")
def _after_create(target: object, conn: Connection, **_: object) -> None:
    """Backend-specific substring index, created with the table (new memory or migration)."""
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_DDL:
            conn.exec_driver_sql(statement)
    elif conn.dialect.name == "postgresql":
        _create_postgres_index(conn)


def forget_units(conn: Connection, unit_ids: Iterable[int]) -> None:
    """Drop the index rows of these units (called before the units are deleted or re-indexed)."""
    for chunk in batched(unit_ids, CHUNK):
        conn.execute(delete(search_texts).where(search_texts.c.unit_id.in_(chunk)))


def index_units(conn: Connection, unit_ids: Sequence[int]) -> int:
    """(Re-)index these units from their stored segments; returns how many rows were written."""
    forget_units(conn, unit_ids)
    rows = [
        {"unit_id": unit_id, "lang": lang, "folded": fold(" ".join(parts))}
        for unit_id, sides in segment_texts(conn, unit_ids).items()
        for lang, parts in sides.items()
        if any(part.strip() for part in parts)
    ]
    for chunk in batched(rows, CHUNK):
        conn.execute(insert(search_texts), chunk)
    return len(rows)


def rebuild(conn: Connection, batch_size: int = 5000) -> int:
    """Index every stored unit (the migration to the search index); returns the rows written."""
    written = 0
    last = 0
    while True:
        ids = list(
            conn.execute(
                select(units.c.id).where(units.c.id > last).order_by(units.c.id).limit(batch_size)
            ).scalars()
        )
        if not ids:
            return written
        written += index_units(conn, ids)
        last = ids[-1]


def add_search_index(conn: Connection) -> None:
    """Schema step 2→3: create the search index and fill it from the existing units."""
    search_texts.create(conn)
    rebuild(conn)


def has_search_index(conn: Connection) -> bool:
    return search_texts.name in inspect(conn).get_table_names()


def ensure_search_index(conn: Connection) -> None:
    """Build the index of a memory that reached schema version 3 without it: one made by a
    build where step 2→3 was still a placeholder. A no-op for every other memory."""
    if not has_search_index(conn):
        add_search_index(conn)


def _fts_string(needle: str) -> str:
    """``needle`` as an FTS5 string literal: a substring test under the trigram tokenizer."""
    return '"' + needle.replace('"', '""') + '"'


def _like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_match(expression: str) -> ColumnElement[bool]:
    matching = (
        select(literal_column("rowid"))
        .select_from(text(FTS_TABLE))
        .where(literal_column(FTS_TABLE).op("MATCH")(expression))
    )
    return search_texts.c.id.in_(matching)


def contains(dialect: str, needle: str) -> ColumnElement[bool]:
    """SQL for "the indexed folded text contains ``needle``" (an already folded string)."""
    if dialect == "sqlite":
        if len(needle) >= MIN_INDEXED:
            return _fts_match(_fts_string(needle))
        return func.instr(search_texts.c.folded, needle) > 0
    return search_texts.c.folded.like(_like_pattern(needle), escape="\\")


# --- needle expressions: one query language, compiled to FTS5 or to SQL conditions ---


@dataclass(frozen=True)
class Has:
    """The folded text contains ``needle``."""

    needle: str


@dataclass(frozen=True)
class Every:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Some:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Without:
    """``keep`` holds and ``drop`` does not."""

    keep: Expr
    drop: Expr


Expr = Has | Every | Some | Without


def _needles(expr: Expr) -> Iterator[str]:
    if isinstance(expr, Has):
        yield expr.needle
    elif isinstance(expr, Without):
        yield from _needles(expr.keep)
        yield from _needles(expr.drop)
    else:
        for part in expr.parts:
            yield from _needles(part)


def _fts_expression(expr: Expr) -> str:
    if isinstance(expr, Has):
        return _fts_string(expr.needle)
    if isinstance(expr, Without):
        return f"({_fts_expression(expr.keep)} NOT {_fts_expression(expr.drop)})"
    keyword = " AND " if isinstance(expr, Every) else " OR "
    return "(" + keyword.join(_fts_expression(part) for part in expr.parts) + ")"


def condition(dialect: str, expr: Expr) -> ColumnElement[bool]:
    """``expr`` as a condition on ``search_texts``: LIKE on PostgreSQL, FTS5 or instr on SQLite."""
    if isinstance(expr, Has):
        return contains(dialect, expr.needle)
    if isinstance(expr, Without):
        return and_(condition(dialect, expr.keep), not_(condition(dialect, expr.drop)))
    parts = [condition(dialect, part) for part in expr.parts]
    if isinstance(expr, Every):
        return and_(true(), *parts)
    return or_(false(), *parts)


def contains_any(dialect: str, needles: Sequence[str]) -> ColumnElement[bool]:
    """The folded text contains at least one needle."""
    return condition(dialect, Some(tuple(Has(needle) for needle in needles)))


def matching(
    conn: Connection,
    expr: Expr,
    *,
    lang: str | None,
    statuses: Sequence[str],
    limit: int | None,
) -> list[Row[Any]]:
    """Index rows (id, unit_id, lang, folded) of units with ``statuses`` meeting ``expr``, the
    most recently indexed first, at most ``limit``.

    On SQLite, when every needle is indexable, FTS5 drives the query in rowid order, so it stops
    after ``limit`` matches instead of computing them all.
    """
    columns = [search_texts.c[name] for name in ("id", "unit_id", "lang", "folded")]
    if conn.dialect.name == "sqlite" and all(len(n) >= MIN_INDEXED for n in _needles(expr)):
        fts = table(FTS_TABLE, column("rowid"))
        query = (
            select(*columns)
            .select_from(fts)
            .join(search_texts, search_texts.c.id == fts.c.rowid)
            .where(literal_column(FTS_TABLE).op("MATCH")(_fts_expression(expr)))
            .order_by(fts.c.rowid.desc())
        )
    else:
        query = (
            select(*columns)
            .where(condition(conn.dialect.name, expr))
            .order_by(search_texts.c.id.desc())
        )
    query = query.join(units, units.c.id == search_texts.c.unit_id).where(
        units.c.status.in_(statuses)
    )
    if lang is not None:
        query = query.where(search_texts.c.lang == lang)
    if limit is not None:
        query = query.limit(limit)
    return list(conn.execute(query))
