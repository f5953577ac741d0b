"""Reading the memory: units for export (keyset-paged, constant memory) and statistics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime, time
from typing import Any

from sqlalchemy import Connection, Row, Select, Table, and_, func, or_, select, tuple_
from sqlalchemy.sql.elements import ColumnElement

from tmtool.errors import InputError
from tmtool.store.common import (
    CHUNK,
    PAIR_BEADS,
    UNIT_BEADS,
    BeadTable,
    batched,
    document_name,
    pair_condition,
    storable,
)
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
    pair_beads,
    runs,
    segments,
    set_members,
    unit_segments,
    units,
)

PAGE = 1000

#: a document of a set as units show it: its sha256, its title and its name (``document_name``)
SetDoc = tuple[str, str | None, str]


def resolve_documents(conn: Connection, wanted: tuple[str, ...]) -> list[int]:
    """Document ids matching sha256 prefixes (4+ hex digits), exact titles or file names (as
    tmtool shows them, ``document_name``); error if none do."""
    ids: list[int] = []
    for value in wanted:
        conditions = [
            documents.c.title == value,
            documents.c.path == value,
            documents.c.path.endswith(f"/{value}", autoescape=True),
        ]
        lowered = value.lower()
        if len(lowered) >= 4 and all(c in "0123456789abcdef" for c in lowered):
            conditions.append(documents.c.sha256.startswith(lowered, autoescape=True))
        # a value no text column can hold (a lone surrogate: undecodable bytes on the command
        # line) names no stored document; the database driver would refuse to send it
        query = select(documents.c.id).where(or_(*conditions))
        found = [] if storable(value)[1] else list(conn.execute(query).scalars())
        if not found:
            raise InputError(
                f"no document in the memory matches {value!r} (sha256 prefix, title or file name)"
            )
        ids.extend(found)
    return ids


def _conditions(
    conn: Connection, where: UnitFilter, table: Table = units
) -> list[ColumnElement[bool]]:
    """SQL conditions for ``where`` on ``table`` (units or pair beads: same columns)."""
    bad = [s for s in where.statuses if s not in STATUSES]
    if bad:
        raise InputError(f"unknown status {bad[0]!r} (choose from {', '.join(STATUSES)})")
    conditions: list[ColumnElement[bool]] = [table.c.status.in_(where.statuses)]
    for lang in where.require_langs:
        conditions.append(
            table.c.set_id.in_(select(set_members.c.set_id).where(set_members.c.lang == lang))
        )
    if where.min_score is not None:
        conditions.append(table.c.score >= where.min_score)
    if where.since is not None:
        since = where.since
        if not isinstance(since, datetime):
            since = datetime.combine(since, time())
        conditions.append(table.c.changed_at >= to_db_time(since))
    if where.run_id is not None:
        set_id = conn.execute(select(runs.c.set_id).where(runs.c.id == where.run_id)).scalar()
        if set_id is None:
            raise InputError(f"no run {where.run_id} in the memory")
        conditions.append(table.c.set_id == set_id)
    if where.unit_ids is not None:
        conditions.append(table.c.id.in_(sorted(set(where.unit_ids))))
    if where.documents:
        doc_ids = resolve_documents(conn, where.documents)
        conditions.append(
            table.c.set_id.in_(
                select(set_members.c.set_id).where(set_members.c.document_id.in_(doc_ids))
            )
        )
    return conditions


def set_member_documents() -> Select[Any]:
    """Each set's documents as rows of set id, language and ``document_name``'s parts (sha256,
    title, path)."""
    return select(
        set_members.c.set_id,
        set_members.c.lang,
        documents.c.sha256,
        documents.c.title,
        documents.c.path,
    ).join(documents, documents.c.id == set_members.c.document_id)


def _set_documents(
    conn: Connection, set_ids: set[int], cache: dict[int, dict[str, SetDoc]]
) -> None:
    missing = [s for s in set_ids if s not in cache]
    for chunk in batched(missing, CHUNK):
        rows = conn.execute(set_member_documents().where(set_members.c.set_id.in_(chunk)))
        for set_id, lang, sha, title, path in rows:
            cache.setdefault(set_id, {})[lang] = (sha, title, document_name(title, sha, path))
    if len(cache) > 10_000:  # bound memory for memories with very many document sets
        for key in list(cache)[: len(cache) // 2]:
            if key not in set_ids:
                del cache[key]


def segment_texts(
    conn: Connection, bead_ids: Sequence[int], kind: BeadTable = UNIT_BEADS
) -> dict[int, dict[str, list[str]]]:
    """bead id → language → the texts of the bead's segments in that language, in order (units by
    default, or pair beads with ``kind=PAIR_BEADS``)."""
    texts: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for chunk in batched(bead_ids, CHUNK):
        rows = conn.execute(
            select(kind.link_id, kind.links.c.lang, segments.c.text)
            .join(segments, segments.c.id == kind.links.c.segment_id)
            .where(kind.link_id.in_(chunk))
            .order_by(kind.link_id, kind.links.c.lang, kind.links.c.ord)
        )
        for bead_id, lang, text in rows:
            texts[bead_id][lang].append(text)
    return texts


def _stored_beads(
    conn: Connection,
    kind: BeadTable,
    rows: Sequence[Row[Any]],
    set_docs: dict[int, dict[str, SetDoc]],
    langs: tuple[str, ...] | None = None,
) -> Iterator[StoredUnit]:
    """Rows of ``kind``'s table as StoredUnits with their texts and documents; a side for every
    language of the bead's document set, or for ``langs`` only."""
    _set_documents(conn, {row.set_id for row in rows}, set_docs)
    texts = segment_texts(conn, [row.id for row in rows], kind)
    for row in rows:
        extra = getattr(row, "extra", None) or {}
        sides = {}
        for lang, (sha, title, name) in set_docs[row.set_id].items():
            if langs is None or lang in langs:
                parts = texts[row.id].get(lang, [])
                sides[lang] = StoredSide(" ".join(parts), len(parts), sha, title, name)
        yield StoredUnit(
            id=row.id,
            tuid=row.tuid,
            score=row.score,
            status=row.status,
            origin=getattr(row, "origin", "aligned"),
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
    set_docs: dict[int, dict[str, SetDoc]] = {}
    for chunk in batched(unit_ids, CHUNK):
        rows = conn.execute(select(units).where(units.c.id.in_(chunk))).all()
        found.update((unit.id, unit) for unit in _stored_beads(conn, UNIT_BEADS, rows, set_docs))
    return found


def _iter_beads(
    conn: Connection,
    kind: BeadTable,
    conditions: list[ColumnElement[bool]],
    langs: tuple[str, ...] | None = None,
) -> Iterator[StoredUnit]:
    """Beads of ``kind`` matching ``conditions`` in document order, ``PAGE`` at a time; each with
    a side for every language of its document set, or for ``langs`` only."""
    table = kind.table
    order = (table.c.set_id, table.c.position, table.c.id)
    last: tuple[int, int, int] | None = None
    set_docs: dict[int, dict[str, SetDoc]] = {}
    while True:
        query = select(table).where(*conditions)
        if last is not None:
            query = query.where(tuple_(*order) > tuple_(*last))
        page = conn.execute(query.order_by(*order).limit(PAGE)).all()
        if not page:
            return
        last = (page[-1].set_id, page[-1].position, page[-1].id)
        yield from _stored_beads(conn, kind, page, set_docs, langs)


def iter_units(conn: Connection, where: UnitFilter) -> Iterator[StoredUnit]:
    """Stored units matching ``where`` in document order, ``PAGE`` units in memory at a time."""
    return _iter_beads(conn, UNIT_BEADS, _conditions(conn, where))


def iter_pair(
    conn: Connection, lang_a: str, lang_b: str, where: UnitFilter
) -> Iterator[StoredUnit]:
    """What a pair file of ``lang_a`` and ``lang_b`` holds: the pair beads of the document sets
    that have them for this pair (either direction), then the units of every other set holding
    both languages (two-document alignments, imports, alignments stored before pair beads)."""
    langs = tuple(dict.fromkeys((*where.require_langs, lang_a, lang_b)))
    if where.unit_ids is not None:  # chosen multilingual units (e.g. lookup's project TM)
        yield from _iter_beads(
            conn, UNIT_BEADS, _conditions(conn, replace(where, require_langs=langs))
        )
        return
    with_beads = select(pair_beads.c.set_id).where(pair_condition(pair_beads, lang_a, lang_b))
    beads = _conditions(conn, where, pair_beads)
    beads.append(pair_condition(pair_beads, lang_a, lang_b))
    yield from _iter_beads(conn, PAIR_BEADS, beads, (lang_a, lang_b))
    others = _conditions(conn, replace(where, require_langs=langs))
    others.append(units.c.set_id.not_in(with_beads))
    yield from _iter_beads(conn, UNIT_BEADS, others)


def languages(conn: Connection) -> list[str]:
    return sorted(set(conn.execute(select(set_members.c.lang).distinct()).scalars()))


def require_languages(conn: Connection, wanted: Iterable[str]) -> None:
    """InputError, naming the memory's languages, unless it holds texts in each of ``wanted``:
    a language it lacks (a typo, a code it never had) would give an empty search, export or
    lookup that looks like "nothing found"."""
    known = languages(conn)
    missing = [lang for lang in dict.fromkeys(wanted) if lang not in known]
    if missing:
        raise InputError(
            f"the memory has no {', '.join(map(repr, missing))} texts "
            f"(its languages: {', '.join(known) or 'none'})"
        )


def run_languages(conn: Connection, run_id: int) -> tuple[str | None, list[str]]:
    """The run's pivot (None for imports and runs stored before pivots) and its languages."""
    run = conn.execute(select(runs.c.set_id, runs.c.pivot).where(runs.c.id == run_id)).first()
    if run is None:
        raise InputError(f"no run {run_id} in the memory")
    query = select(set_members.c.lang).where(set_members.c.set_id == run.set_id)
    return run.pivot, sorted(conn.execute(query).scalars())


def document_names(
    conn: Connection, set_ids: Collection[int] | None = None
) -> defaultdict[int, dict[str, str]]:
    """Set id → language → the name of its document (``document_name``), languages in alphabetical
    order; every set's when ``set_ids`` is None."""
    query = set_member_documents().order_by(set_members.c.lang)
    if set_ids is not None:
        query = query.where(set_members.c.set_id.in_(list(set_ids)))
    names: defaultdict[int, dict[str, str]] = defaultdict(dict)
    for set_id, lang, sha, title, path in conn.execute(query):
        names[set_id][lang] = document_name(title, sha, path)
    return names


def run_params(conn: Connection, kind: str) -> list[dict[str, Any]]:
    """The stored parameters of every run of ``kind`` (``align``, ``import``), oldest first."""
    query = select(runs.c.params).where(runs.c.kind == kind).order_by(runs.c.id)
    return [params for (params,) in conn.execute(query)]


def _run_summaries(conn: Connection) -> list[RunSummary]:
    unit_counts = dict(
        conn.execute(select(units.c.run_id, func.count()).group_by(units.c.run_id)).all()
    )
    bead_counts = dict(
        conn.execute(select(pair_beads.c.run_id, func.count()).group_by(pair_beads.c.run_id)).all()
    )
    members = document_names(conn)
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
            pivot=row.pivot,
            pair_beads=bead_counts.get(row.id, 0),
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
    """The fields of ``Stats`` (``tmtool stats``), read in one snapshot."""
    return {
        "documents": count_by(conn, documents.c.lang),
        "segments": conn.execute(select(func.count()).select_from(segments)).scalar() or 0,
        "units": conn.execute(select(func.count()).select_from(units)).scalar() or 0,
        "units_by_status": count_by(conn, units.c.status),
        "units_by_origin": count_by(conn, units.c.origin),
        "pairs": language_pairs(conn),
        "runs": _run_summaries(conn),
        "pair_beads": {
            (a, b): n
            for a, b, n in conn.execute(
                select(pair_beads.c.src_lang, pair_beads.c.tgt_lang, func.count()).group_by(
                    pair_beads.c.src_lang, pair_beads.c.tgt_lang
                )
            )
        },
    }
