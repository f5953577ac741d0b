"""Unit embeddings for lookup: rows to fill, rows to index, and units fetched by id.

Vectors are stored as float16 bytes (1 KB for a 512-d USE vector). Rows are keyed by an id that
is never reused, so an index built from rows up to id N only needs the rows after N to catch up;
rows of deleted units disappear with them (ON DELETE CASCADE) and are skipped at query time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, and_, func, insert, select

from tmtool.store.common import CHUNK, batched, document_name
from tmtool.store.queries import segment_texts, set_member_documents
from tmtool.store.records import UnitTexts
from tmtool.store.schema import (
    segments,
    set_members,
    unit_embeddings,
    unit_segments,
    units,
)


def missing(
    conn: Connection, encoder: str, lang: str, after_unit: int, limit: int
) -> list[tuple[int, str]]:
    """Up to ``limit`` (unit id, ``lang`` text) of units after ``after_unit`` with no vector yet."""
    has_vector = select(unit_embeddings.c.unit_id).where(
        unit_embeddings.c.encoder == encoder, unit_embeddings.c.lang == lang
    )
    wanted = (
        select(unit_segments.c.unit_id)
        .where(
            unit_segments.c.lang == lang,
            unit_segments.c.unit_id > after_unit,
            unit_segments.c.unit_id.not_in(has_vector),
        )
        .distinct()
        .order_by(unit_segments.c.unit_id)
        .limit(limit)
    )
    ids = list(conn.execute(wanted).scalars())
    if not ids:
        return []
    parts: dict[int, list[str]] = defaultdict(list)
    for unit_id, text in conn.execute(
        select(unit_segments.c.unit_id, segments.c.text)
        .join(segments, segments.c.id == unit_segments.c.segment_id)
        .where(unit_segments.c.unit_id.in_(ids), unit_segments.c.lang == lang)
        .order_by(unit_segments.c.unit_id, unit_segments.c.ord)
    ):
        parts[unit_id].append(text)
    return [(unit_id, " ".join(parts[unit_id])) for unit_id in ids]


def last_unit(conn: Connection, encoder: str, lang: str) -> int:
    """The highest unit id with a vector (0 for none): units above it are new since."""
    query = select(func.max(unit_embeddings.c.unit_id)).where(
        unit_embeddings.c.encoder == encoder, unit_embeddings.c.lang == lang
    )
    return int(conn.execute(query).scalar() or 0)


def add(conn: Connection, encoder: str, lang: str, rows: Sequence[tuple[int, bytes]]) -> None:
    if rows:
        conn.execute(
            insert(unit_embeddings),
            [{"unit_id": u, "encoder": encoder, "lang": lang, "vector": v} for u, v in rows],
        )


def state(conn: Connection, encoder: str, lang: str, after_id: int = 0) -> tuple[int, int]:
    """(highest row id, number of rows above ``after_id``) of one encoder and language."""
    top, count = conn.execute(
        select(func.max(unit_embeddings.c.id), func.count()).where(
            unit_embeddings.c.encoder == encoder,
            unit_embeddings.c.lang == lang,
            unit_embeddings.c.id > after_id,
        )
    ).one()
    return int(top or 0), int(count or 0)


def rows_after(
    conn: Connection, encoder: str, lang: str, after_id: int, limit: int
) -> list[tuple[int, bytes]]:
    """(row id, vector) of rows after ``after_id``, in id order."""
    query = (
        select(unit_embeddings.c.id, unit_embeddings.c.vector)
        .where(
            unit_embeddings.c.encoder == encoder,
            unit_embeddings.c.lang == lang,
            unit_embeddings.c.id > after_id,
        )
        .order_by(unit_embeddings.c.id)
        .limit(limit)
    )
    return [(row_id, bytes(vector)) for row_id, vector in conn.execute(query)]


def units_of_rows(conn: Connection, row_ids: Sequence[int]) -> dict[int, int]:
    """Row id → unit id for the rows that still exist."""
    found: dict[int, int] = {}
    for chunk in batched(row_ids, CHUNK):
        query = select(unit_embeddings.c.id, unit_embeddings.c.unit_id).where(
            unit_embeddings.c.id.in_(chunk)
        )
        found.update(dict(conn.execute(query).all()))
    return found


def vectors_of_units(
    conn: Connection, encoder: str, lang: str, unit_ids: Sequence[int]
) -> dict[int, bytes]:
    """Unit id → its stored ``lang`` embedding by ``encoder`` (raw bytes), for the units that
    have one; read in chunks to keep each ``IN (...)`` list short."""
    found: dict[int, bytes] = {}
    for chunk in batched(unit_ids, CHUNK):
        query = select(unit_embeddings.c.unit_id, unit_embeddings.c.vector).where(
            unit_embeddings.c.encoder == encoder,
            unit_embeddings.c.lang == lang,
            unit_embeddings.c.unit_id.in_(chunk),
        )
        found.update({unit_id: bytes(vector) for unit_id, vector in conn.execute(query)})
    return found


def unit_texts(
    conn: Connection, unit_ids: Sequence[int], statuses: Sequence[str]
) -> dict[int, UnitTexts]:
    """Units by id with one of ``statuses``: texts by language, set, position, documents."""
    found: dict[int, UnitTexts] = {}
    for chunk in batched(sorted(set(unit_ids)), CHUNK):
        rows = conn.execute(
            select(
                units.c.id,
                units.c.tuid,
                units.c.set_id,
                units.c.position,
                units.c.status,
                units.c.origin,
            ).where(units.c.id.in_(chunk), units.c.status.in_(statuses))
        ).all()
        texts = segment_texts(conn, [row.id for row in rows])
        for row in rows:
            joined = {lang: " ".join(parts) for lang, parts in texts[row.id].items()}
            found[row.id] = UnitTexts(
                row.id, row.tuid, row.set_id, row.position, row.status, row.origin, joined, {}
            )
    _add_documents(conn, found)
    return found


def _add_documents(conn: Connection, found: dict[int, UnitTexts]) -> None:
    set_ids = {unit.set_id for unit in found.values()}
    names: dict[int, dict[str, str]] = defaultdict(dict)
    for chunk in batched(sorted(set_ids), CHUNK):
        for set_id, lang, sha, title, path in conn.execute(
            set_member_documents().where(set_members.c.set_id.in_(chunk))
        ):
            names[set_id][lang] = document_name(title, sha, path)
    for unit in found.values():
        unit.documents.update(names.get(unit.set_id, {}))


def previous_with_lang(conn: Connection, set_id: int, position: int, lang: str) -> int | None:
    """The id of the last unit before ``position`` in set ``set_id`` that has ``lang`` text."""
    query = (
        select(units.c.id)
        .where(
            units.c.set_id == set_id,
            units.c.position < position,
            units.c.id.in_(
                select(unit_segments.c.unit_id).where(
                    and_(unit_segments.c.unit_id == units.c.id, unit_segments.c.lang == lang)
                )
            ),
        )
        .order_by(units.c.position.desc())
        .limit(1)
    )
    return conn.execute(query).scalar()
