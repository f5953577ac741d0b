"""Reading the memory: units for export (keyset-paged, constant memory) and statistics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime, time
from typing import Any

from sqlalchemy import Connection, Row, and_, func, or_, select, tuple_
from sqlalchemy.sql.elements import ColumnElement

from tmtool.errors import StoreError
from tmtool.store.common import CHUNK, batched
from tmtool.store.records import (
    RunSummary,
    StoredSide,
    StoredUnit,
    UnitFilter,
    from_db_time,
    to_db_time,
)
from tmtool.store.schema import (
    STATUSES,
    documents,
    runs,
    segments,
    set_members,
    unit_segments,
    units,
)

PAGE = 1000


def resolve_documents(conn: Connection, wanted: tuple[str, ...]) -> list[int]:
    """Document ids matching sha256 prefixes (4+ hex digits) or exact titles; error if none do."""
    ids: list[int] = []
    for value in wanted:
        conditions = [documents.c.title == value]
        lowered = value.lower()
        if len(lowered) >= 4 and all(c in "0123456789abcdef" for c in lowered):
            conditions.append(documents.c.sha256.startswith(lowered, autoescape=True))
        found = list(conn.execute(select(documents.c.id).where(or_(*conditions))).scalars())
        if not found:
            raise StoreError(
                f"no document in the memory matches {value!r} (sha256 prefix or title)"
            )
        ids.extend(found)
    return ids


def _conditions(conn: Connection, where: UnitFilter) -> list[ColumnElement[bool]]:
    bad = [s for s in where.statuses if s not in STATUSES]
    if bad:
        raise StoreError(f"unknown status {bad[0]!r} (choose from {', '.join(STATUSES)})")
    conditions: list[ColumnElement[bool]] = [units.c.status.in_(where.statuses)]
    for lang in where.require_langs:
        conditions.append(
            units.c.set_id.in_(select(set_members.c.set_id).where(set_members.c.lang == lang))
        )
    if where.min_score is not None:
        conditions.append(units.c.score >= where.min_score)
    if where.since is not None:
        since = where.since
        if not isinstance(since, datetime):
            since = datetime.combine(since, time())
        conditions.append(units.c.changed_at >= to_db_time(since))
    if where.run_id is not None:
        set_id = conn.execute(select(runs.c.set_id).where(runs.c.id == where.run_id)).scalar()
        if set_id is None:
            raise StoreError(f"no run {where.run_id} in the memory")
        conditions.append(units.c.set_id == set_id)
    if where.unit_ids is not None:
        conditions.append(units.c.id.in_(sorted(set(where.unit_ids))))
    if where.documents:
        doc_ids = resolve_documents(conn, where.documents)
        conditions.append(
            units.c.set_id.in_(
                select(set_members.c.set_id).where(set_members.c.document_id.in_(doc_ids))
            )
        )
    return conditions


def _set_documents(
    conn: Connection, set_ids: set[int], cache: dict[int, dict[str, tuple[str, str | None]]]
) -> None:
    missing = [s for s in set_ids if s not in cache]
    for chunk in batched(missing, CHUNK):
        rows = conn.execute(
            select(set_members.c.set_id, set_members.c.lang, documents.c.sha256, documents.c.title)
            .join(documents, documents.c.id == set_members.c.document_id)
            .where(set_members.c.set_id.in_(chunk))
        )
        for set_id, lang, sha, title in rows:
            cache.setdefault(set_id, {})[lang] = (sha, title)
    if len(cache) > 10_000:  # bound memory for memories with very many document sets
        for key in list(cache)[: len(cache) // 2]:
            if key not in set_ids:
                del cache[key]


def segment_texts(conn: Connection, unit_ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    """unit id → language → the texts of the unit's segments in that language, in order."""
    texts: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for chunk in batched(unit_ids, CHUNK):
        rows = conn.execute(
            select(unit_segments.c.unit_id, unit_segments.c.lang, segments.c.text)
            .join(segments, segments.c.id == unit_segments.c.segment_id)
            .where(unit_segments.c.unit_id.in_(chunk))
            .order_by(unit_segments.c.unit_id, unit_segments.c.lang, unit_segments.c.ord)
        )
        for unit_id, lang, text in rows:
            texts[unit_id][lang].append(text)
    return texts


def _stored_units(
    conn: Connection,
    rows: Sequence[Row[Any]],
    set_docs: dict[int, dict[str, tuple[str, str | None]]],
) -> Iterator[StoredUnit]:
    """``translation_units`` rows as StoredUnits, with their texts and documents."""
    _set_documents(conn, {row.set_id for row in rows}, set_docs)
    texts = segment_texts(conn, [row.id for row in rows])
    for row in rows:
        extra = row.extra or {}
        sides = {}
        for lang, (sha, title) in set_docs[row.set_id].items():
            parts = texts[row.id].get(lang, [])
            sides[lang] = StoredSide(" ".join(parts), len(parts), sha, title)
        yield StoredUnit(
            id=row.id,
            tuid=row.tuid,
            score=row.score,
            status=row.status,
            origin=row.origin,
            created_at=from_db_time(row.created_at),
            changed_at=from_db_time(row.changed_at),
            sides=sides,
            props=[(t, v, lang) for t, v, lang in extra.get("props", [])],
            notes=[(text, lang) for text, lang in extra.get("notes", [])],
            attrs=dict(extra.get("attrs", {})),
            pair_scores=dict(extra.get("pair_scores", {})),
        )


def units_by_id(conn: Connection, unit_ids: Sequence[int]) -> dict[int, StoredUnit]:
    """The stored units with these ids (any status), by id; missing ids are left out."""
    found: dict[int, StoredUnit] = {}
    set_docs: dict[int, dict[str, tuple[str, str | None]]] = {}
    for chunk in batched(unit_ids, CHUNK):
        rows = conn.execute(select(units).where(units.c.id.in_(chunk))).all()
        found.update((unit.id, unit) for unit in _stored_units(conn, rows, set_docs))
    return found


def iter_units(conn: Connection, where: UnitFilter) -> Iterator[StoredUnit]:
    """Stored units matching ``where`` in document order, ``PAGE`` units in memory at a time."""
    conditions = _conditions(conn, where)
    order = (units.c.set_id, units.c.position, units.c.id)
    last: tuple[int, int, int] | None = None
    set_docs: dict[int, dict[str, tuple[str, str | None]]] = {}
    while True:
        query = select(units).where(*conditions)
        if last is not None:
            query = query.where(tuple_(*order) > tuple_(*last))
        page = conn.execute(query.order_by(*order).limit(PAGE)).all()
        if not page:
            return
        last = (page[-1].set_id, page[-1].position, page[-1].id)
        yield from _stored_units(conn, page, set_docs)


def languages(conn: Connection) -> list[str]:
    return sorted(set(conn.execute(select(set_members.c.lang).distinct()).scalars()))


def run_languages(conn: Connection, run_id: int) -> list[str]:
    set_id = conn.execute(select(runs.c.set_id).where(runs.c.id == run_id)).scalar()
    if set_id is None:
        raise StoreError(f"no run {run_id} in the memory")
    query = select(set_members.c.lang).where(set_members.c.set_id == set_id)
    return sorted(conn.execute(query).scalars())


def _run_summaries(conn: Connection) -> list[RunSummary]:
    unit_counts = dict(
        conn.execute(select(units.c.run_id, func.count()).group_by(units.c.run_id)).all()
    )
    members: dict[int, dict[str, str]] = defaultdict(dict)
    for set_id, lang, sha, title in conn.execute(
        select(set_members.c.set_id, set_members.c.lang, documents.c.sha256, documents.c.title)
        .join(documents, documents.c.id == set_members.c.document_id)
        .order_by(set_members.c.lang)
    ):
        members[set_id][lang] = title or sha[:12]
    return [
        RunSummary(
            id=row.id,
            kind=row.kind,
            encoder=row.encoder,
            encoder_version=row.encoder_version,
            aligner=row.aligner,
            params=row.params,
            tool_version=row.tool_version,
            started_at=from_db_time(row.started_at),
            documents=members.get(row.set_id, {}),
            units=unit_counts.get(row.id, 0),
        )
        for row in conn.execute(select(runs).order_by(runs.c.id))
    ]


def language_pairs(conn: Connection) -> dict[tuple[str, str], int]:
    """Units with text in both languages, for each pair of languages."""
    sides = select(unit_segments.c.unit_id, unit_segments.c.lang).distinct().subquery("sides")
    other = sides.alias("other")
    query = (
        select(sides.c.lang, other.c.lang, func.count())
        .select_from(sides)
        .join(other, and_(other.c.unit_id == sides.c.unit_id, other.c.lang > sides.c.lang))
        .group_by(sides.c.lang, other.c.lang)
        .order_by(sides.c.lang, other.c.lang)
    )
    return {(a, b): n for a, b, n in conn.execute(query)}


def count_by(conn: Connection, column: ColumnElement[str]) -> dict[str, int]:
    return {key: n for key, n in conn.execute(select(column, func.count()).group_by(column))}


def stats_parts(conn: Connection) -> dict[str, object]:
    return {
        "documents": count_by(conn, documents.c.lang),
        "segments": conn.execute(select(func.count()).select_from(segments)).scalar() or 0,
        "units": conn.execute(select(func.count()).select_from(units)).scalar() or 0,
        "units_by_status": count_by(conn, units.c.status),
        "units_by_origin": count_by(conn, units.c.origin),
        "pairs": language_pairs(conn),
        "runs": _run_summaries(conn),
    }
