"""Saving one alignment (documents, units, run) idempotently; ``tmtool.store`` has the rules."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from tmtool.document import Bead, Document, Unit
from tmtool.errors import StoreError
from tmtool.exchange.langs import language_code
from tmtool.store import fulltext
from tmtool.store.common import (
    CHUNK,
    PAIR_BEADS,
    UNIT_BEADS,
    BeadTable,
    batched,
    bead_key,
    delete_beads,
    document_name,
    free_tuids,
    get_or_create_run,
    get_or_create_set,
    insert_returning_ids,
    pair_condition,
    pair_key_hash,
    pair_tuid_seed,
    storable,
    storable_name,
    text_keys,
    tuid_for,
)
from tmtool.store.common import set_key as set_key_of
from tmtool.store.records import (
    BeadCounts,
    RunInfo,
    SaveReport,
    to_db_time,
    utc_now,
)
from tmtool.store.schema import documents, pair_beads, segments, unit_keys


def _as_score(value: object) -> float | None:
    """``value`` as a float in [0, 1] (NumPy scalars included), else None."""
    try:
        score = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return score if math.isfinite(score) and 0.0 <= score <= 1.0 else None


def _is_index(value: object) -> bool:
    try:
        operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return False
    return not isinstance(value, bool)


def validate(
    docs: Mapping[str, Document],
    beads: Sequence[Unit],
    pivot: str | None = None,
    pairs: Mapping[str, Sequence[Bead]] | None = None,
) -> None:
    """Refuse input the memory cannot represent, before anything is written."""
    if not docs:
        raise StoreError("cannot save an alignment without documents")
    positions: dict[str, set[int]] = {}
    for lang, doc in docs.items():
        if language_code(lang) != lang:
            raise StoreError(f"invalid language code {lang!r} (expected e.g. 'nl', 'fr', 'en')")
        if not re.fullmatch(r"[0-9a-f]{64}", doc.sha256 or ""):
            raise StoreError(f"{lang} document has no valid sha256 content hash")
        positions[lang] = {seg.index for seg in doc.segments}
        if len(positions[lang]) != len(doc.segments):
            raise StoreError(f"{lang} document has two segments with the same index")
    used: set[tuple[str, int]] = set()
    for n, unit in enumerate(beads):
        where = f"unit {n}"
        _check_score(where, unit.score)
        if not any(unit.segments.values()):
            raise StoreError(f"{where} holds no segment")
        for lang, indices in unit.segments.items():
            if lang not in docs:
                raise StoreError(f"{where} uses language {lang!r}, which has no document")
            _claim(where, "unit", lang, indices, positions, used)
    if pivot is not None and pivot not in docs:
        raise StoreError(f"the pivot language {pivot!r} has no document")
    if pairs:
        _validate_pairs(positions, pivot, pairs)


def _validate_pairs(
    positions: Mapping[str, set[int]], pivot: str | None, pairs: Mapping[str, Sequence[Bead]]
) -> None:
    """Each pair's beads use existing segments of the pivot (source) and target, each once."""
    if pivot is None:
        raise StoreError("pair beads need the run's pivot language")
    for target, beads in pairs.items():
        if target not in positions or target == pivot:
            raise StoreError(f"pair {pivot}-{target}: {target!r} is no other document's language")
        used: set[tuple[str, int]] = set()
        for n, bead in enumerate(beads):
            where = f"{pivot}-{target} bead {n}"
            _check_score(where, bead.score)
            if not bead.src and not bead.tgt:
                raise StoreError(f"{where} holds no segment")
            _claim(where, "bead", pivot, bead.src, positions, used)
            _claim(where, "bead", target, bead.tgt, positions, used)


def _check_score(where: str, score: object) -> None:
    if _as_score(score) is None:
        raise StoreError(f"{where} has score {score!r}, expected a number in [0, 1]")


def _claim(
    where: str,
    kind: str,
    lang: str,
    indices: Sequence[object],
    positions: Mapping[str, set[int]],
    used: set[tuple[str, int]],
) -> None:
    """Check that ``indices`` are segments of ``lang`` that no other bead of ``used`` holds,
    and mark them as held."""
    for index in indices:
        if not _is_index(index) or index not in positions[lang]:
            raise StoreError(f"{where}: {lang} segment {index} does not exist")
        if (lang, index) in used:
            raise StoreError(f"{where}: {lang} segment {index} is already in another {kind}")
        used.add((lang, index))  # type: ignore[arg-type]


def _document_date(doc: Document) -> date | None:
    value = (doc.meta or {}).get("date")
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _segment_rows(doc: Document, document_id: int) -> tuple[list[dict[str, Any]], int]:
    rows, removed = [], 0
    for seg in doc.segments:
        text, n_text = storable(seg.text)
        original, n_original = storable(seg.original)
        removed += n_text + n_original
        rows.append(
            {
                "document_id": document_id,
                "position": seg.index,
                "text": text,
                "original": original,
                "kind": seg.kind,
            }
        )
    return rows, removed


@dataclass
class _Wanted:
    """A bead the new run produced: its key, segment positions per language, score and any
    further column values of its table."""

    key: str
    sides: dict[str, tuple[int, ...]]
    score: float
    columns: dict[str, Any]


def _linked_to_document(conn: Connection, kind: BeadTable, doc_id: int) -> list[tuple[int, str]]:
    """(id, status) of the beads holding a segment of document ``doc_id``."""
    rows = conn.execute(
        select(kind.table.c.id, kind.table.c.status)
        .distinct()
        .join(kind.links, kind.link_id == kind.table.c.id)
        .join(segments, segments.c.id == kind.links.c.segment_id)
        .where(segments.c.document_id == doc_id)
    )
    return [(bead_id, status) for bead_id, status in rows]


def _upsert_document(
    conn: Connection, lang: str, doc: Document, now: datetime, report: SaveReport
) -> int:
    """The document's id; inserts it, or re-segments it when its stored segments differ."""
    found = conn.execute(
        select(documents.c.id).where(documents.c.sha256 == doc.sha256, documents.c.lang == lang)
    ).scalar()
    if found is None:
        doc_id = conn.execute(
            insert(documents).values(
                sha256=doc.sha256,
                lang=lang,
                origin="file",
                path=storable_name(doc.path),
                fmt=doc.fmt,
                title=storable_name(doc.title),
                date=_document_date(doc),
                meta=dict(doc.meta) or None,
                added_at=now,
            )
        ).inserted_primary_key[0]
        rows, removed = _segment_rows(doc, doc_id)
        report.chars_removed += removed
        if rows:
            conn.execute(insert(segments), rows)
        report.documents_new += 1
        return int(doc_id)

    doc_id = int(found)
    rows, removed = _segment_rows(doc, doc_id)
    report.chars_removed += removed
    # a reviewer's edit changes ``text`` but not what tmtool produced (``machine_text``)
    produced_text = func.coalesce(segments.c.machine_text, segments.c.text)
    stored = conn.execute(
        select(segments.c.position, produced_text, segments.c.original, segments.c.kind)
        .where(segments.c.document_id == doc_id)
        .order_by(segments.c.position)
    ).all()
    wanted = sorted((r["position"], r["text"], r["original"], r["kind"]) for r in rows)
    if [tuple(row) for row in stored] == wanted:
        report.documents_existing += 1
        return doc_id

    linked = {kind: _linked_to_document(conn, kind, doc_id) for kind in (UNIT_BEADS, PAIR_BEADS)}
    if any(status != "auto" for beads in linked.values() for _, status in beads):
        raise StoreError(
            f"{lang} document {document_name(doc.title, doc.sha256)} is stored with a different "
            "segmentation and has reviewed units; re-align it with the settings used before"
        )
    for kind, beads in linked.items():
        delete_beads(conn, kind, [bead_id for bead_id, _ in beads])
    report.units.replaced += len(linked[UNIT_BEADS])
    report.pair_beads.replaced += len(linked[PAIR_BEADS])
    conn.execute(delete(segments).where(segments.c.document_id == doc_id))
    if rows:
        conn.execute(insert(segments), rows)
    report.documents_resegmented += 1
    report.documents_existing += 1
    return doc_id


def _segment_ids(conn: Connection, doc_ids: Mapping[str, int]) -> dict[str, dict[int, int]]:
    result: dict[str, dict[int, int]] = {}
    for lang, doc_id in doc_ids.items():
        rows = conn.execute(
            select(segments.c.position, segments.c.id).where(segments.c.document_id == doc_id)
        )
        result[lang] = {position: seg_id for position, seg_id in rows}
    return result


def _reviewed_segments(
    conn: Connection, kind: BeadTable, scope: list[ColumnElement[bool]]
) -> set[tuple[str, int]]:
    rows = conn.execute(
        select(kind.links.c.lang, segments.c.position)
        .join(kind.table, kind.table.c.id == kind.link_id)
        .join(segments, segments.c.id == kind.links.c.segment_id)
        .where(*scope, kind.table.c.status == "reviewed")
    )
    return {(lang, position) for lang, position in rows}


def _pair_scores_extra(unit: Unit) -> dict[str, Any] | None:
    """The unit's per-language pair confidences, kept in its ``extra`` JSON."""
    scores = {lang: _as_score(value) for lang, value in unit.pair_scores.items()}
    scores = {lang: value for lang, value in scores.items() if value is not None}
    return {"pair_scores": scores} if scores else None


def _reconcile(
    conn: Connection,
    kind: BeadTable,
    scope: list[ColumnElement[bool]],
    wanted: Sequence[_Wanted],
    *,
    base: dict[str, Any],
    anchor: str,
    tuid_seed: str,
    now: datetime,
) -> tuple[BeadCounts, list[tuple[int, _Wanted]]]:
    """Make the beads in ``scope`` those of the new run (``base["run_id"]``), keeping reviewed and
    rejected ones (the rules are in ``tmtool.store``); returns the counts and the inserted beads.

    ``base`` holds the column values every new row gets, ``anchor`` the language whose first
    position orders the beads, ``tuid_seed`` what a new bead's tuid hash starts with.
    """
    table, run_id = kind.table, base["run_id"]
    counts = BeadCounts()
    columns = (table.c.id, table.c.bead, table.c.status, table.c.score, table.c.run_id)
    existing = {row.bead: row for row in conn.execute(select(*columns).where(*scope))}
    protected = _reviewed_segments(conn, kind, scope)
    refreshed, fresh = _sort_wanted(wanted, existing, protected, run_id, counts)
    produced = {bead.key for bead in wanted}
    _drop_unproduced(
        conn, kind, [row for key, row in existing.items() if key not in produced], counts
    )
    _refresh(conn, table, refreshed, run_id, now)
    ids = _insert_fresh(conn, table, fresh, base=base, anchor=anchor, tuid_seed=tuid_seed, now=now)
    counts.added = len(ids)
    return counts, list(zip(ids, fresh, strict=True))


def _sort_wanted(
    wanted: Sequence[_Wanted],
    existing: Mapping[str, Row[Any]],
    protected: set[tuple[str, int]],
    run_id: int,
    counts: BeadCounts,
) -> tuple[list[dict[str, Any]], list[_Wanted]]:
    """Sort the new run's beads: stored ones (unchanged, or whose score and run are refreshed:
    their update rows), ones that cross a reviewed bead's segments (counted as conflicting, not
    stored) and new ones."""
    refreshed: list[dict[str, Any]] = []
    fresh: list[_Wanted] = []
    for bead in wanted:
        row = existing.get(bead.key)
        if row is not None:
            if row.status != "auto" or (row.run_id == run_id and row.score == bead.score):
                counts.unchanged += 1
            else:
                refreshed.append({"uid": row.id, "score": bead.score, **bead.columns})
                counts.updated += 1
        elif any((lang, i) in protected for lang, indices in bead.sides.items() for i in indices):
            counts.conflicting += 1
        else:
            fresh.append(bead)
    return refreshed, fresh


def _drop_unproduced(
    conn: Connection, kind: BeadTable, dropped: Sequence[Row[Any]], counts: BeadCounts
) -> None:
    """Delete the stored automatic beads the new run did not produce; reviewed and rejected ones
    are kept."""
    stale = [row.id for row in dropped if row.status == "auto"]
    counts.kept = len(dropped) - len(stale)
    delete_beads(conn, kind, stale)
    counts.replaced += len(stale)


def _refresh(
    conn: Connection, table: Table, refreshed: Sequence[dict[str, Any]], run_id: int, now: datetime
) -> None:
    """Give stored beads the new run's score and run (``_sort_wanted``'s update rows)."""
    if not refreshed:
        return
    names = [name for name in refreshed[0] if name not in ("uid", "score")]
    # a unit's version grows with every change, so an open review page sees it is stale
    versioned = {"version": table.c.version + 1} if "version" in table.c else {}
    conn.execute(
        update(table)
        .where(table.c.id == bindparam("uid"))
        .values(
            score=bindparam("score"),
            run_id=run_id,
            changed_at=now,
            **versioned,
            **{name: bindparam(name) for name in names},
        ),
        refreshed,
    )


def _insert_fresh(
    conn: Connection,
    table: Table,
    fresh: Sequence[_Wanted],
    *,
    base: dict[str, Any],
    anchor: str,
    tuid_seed: str,
    now: datetime,
) -> list[int]:
    """Insert the new beads with free tuids; returns their ids in ``fresh``'s order."""
    seeds = [tuid_for(tuid_seed, bead.key) for bead in fresh]
    rows = []
    for bead, tuid in zip(fresh, free_tuids(conn, seeds, table), strict=True):
        first = bead.sides.get(anchor) or next(ix for ix in bead.sides.values() if ix)
        rows.append(
            {
                **base,
                **bead.columns,
                "bead": bead.key,
                "position": min(first),
                "tuid": tuid,
                "score": bead.score,
                "status": "auto",
                "created_at": now,
                "changed_at": now,
            }
        )
    return insert_returning_ids(conn, table, rows)


def _link(
    conn: Connection,
    kind: BeadTable,
    beads: Sequence[tuple[int, _Wanted]],
    seg_ids: Mapping[str, Mapping[int, int]],
) -> None:
    links = [
        {kind.link_id.key: bead_id, "segment_id": seg_ids[lang][index], "lang": lang, "ord": order}
        for bead_id, bead in beads
        for lang, indices in bead.sides.items()
        for order, index in enumerate(indices)
    ]
    for chunk in batched(links, 5 * CHUNK):
        conn.execute(insert(kind.links), chunk)


def _side_texts(
    texts: Mapping[str, Mapping[int, str]], sides: Mapping[str, Sequence[int]]
) -> dict[str, str]:
    """The joined text of each non-empty side of a bead."""
    joined = {lang: " ".join(texts[lang][i] for i in indices) for lang, indices in sides.items()}
    return {lang: text for lang, text in joined.items() if sides[lang]}


def _pair_bead(
    pivot: str, target: str, bead: Bead, texts: Mapping[str, Mapping[int, str]]
) -> _Wanted:
    sides = {pivot: tuple(int(i) for i in bead.src), target: tuple(int(j) for j in bead.tgt)}
    side_texts = _side_texts(texts, sides)
    # the text hash lets a TMX import of an exported pair file recognise the bead as a duplicate
    columns = {"src_lang": pivot, "tgt_lang": target, "key_hash": pair_key_hash(side_texts)}
    return _Wanted(bead_key(sides), sides, float(bead.score), columns)


def _save_pairs(
    conn: Connection,
    set_id: int,
    set_key: str,
    run_id: int,
    pivot: str,
    pairs: Mapping[str, Sequence[Bead]],
    texts: Mapping[str, Mapping[int, str]],
    now: datetime,
    report: SaveReport,
) -> list[tuple[int, _Wanted]]:
    """Store each pivot-target pair's beads; drops the set's automatic beads of other pairs."""
    fresh: list[tuple[int, _Wanted]] = []
    for target, beads in pairs.items():
        wanted = [_pair_bead(pivot, target, bead, texts) for bead in beads]
        counts, added = _reconcile(
            conn,
            PAIR_BEADS,
            [pair_beads.c.set_id == set_id, pair_condition(pair_beads, pivot, target)],
            wanted,
            base={"set_id": set_id, "run_id": run_id},
            anchor=pivot,
            tuid_seed=pair_tuid_seed(set_key, pivot, target),
            now=now,
        )
        fresh += added
        report.pair_beads.add(counts)
    others = conn.execute(
        select(pair_beads.c.id, pair_beads.c.status).where(
            pair_beads.c.set_id == set_id,
            *(~pair_condition(pair_beads, pivot, target) for target in pairs),
        )
    ).all()
    delete_beads(conn, PAIR_BEADS, [bead_id for bead_id, status in others if status == "auto"])
    report.pair_beads.replaced += sum(1 for _, status in others if status == "auto")
    report.pair_beads.kept += sum(1 for _, status in others if status != "auto")
    return fresh


def save_alignment(
    conn: Connection,
    docs: Mapping[str, Document],
    beads: Sequence[Unit],
    run: RunInfo,
    pairs: Mapping[str, Sequence[Bead]] | None = None,
) -> SaveReport:
    """Store documents, run, units and pair beads inside the caller's transaction.

    ``pairs`` maps each target language to its beads against ``run.pivot`` (the source; the first
    document's language when not given, and stored with the run); pass
    them when three or more documents were aligned, where a multilingual unit may join sentences
    that one pair aligned separately. Without them the set keeps no automatic pair beads.
    """
    pivot = run.pivot or next(iter(docs), "")
    validate(docs, beads, pivot, pairs)
    run = replace(run, pivot=pivot)
    now = to_db_time(utc_now())
    report = SaveReport(run_id=0, run_reused=False)
    langs = list(docs)
    doc_ids = {lang: _upsert_document(conn, lang, doc, now, report) for lang, doc in docs.items()}
    set_key = set_key_of({lang: doc.sha256 for lang, doc in docs.items()})
    set_id = get_or_create_set(conn, set_key, "aligned", doc_ids, now)
    report.run_id, report.run_reused = get_or_create_run(conn, set_id, "align", run, now)
    texts = {
        lang: {seg.index: storable(seg.text)[0] for seg in doc.segments}
        for lang, doc in docs.items()
    }

    wanted = []
    for unit in beads:
        sides = {lang: tuple(int(i) for i in unit.segments.get(lang, ())) for lang in langs}
        extra = _pair_scores_extra(unit)
        wanted.append(_Wanted(bead_key(sides), sides, float(unit.score), {"extra": extra}))
    counts, new_units = _reconcile(
        conn,
        UNIT_BEADS,
        [UNIT_BEADS.table.c.set_id == set_id],
        wanted,
        base={"set_id": set_id, "run_id": report.run_id, "origin": "aligned"},
        anchor=pivot,
        tuid_seed=set_key,
        now=now,
    )
    report.units.add(counts)
    new_pairs = _save_pairs(
        conn, set_id, set_key, report.run_id, pivot, pairs or {}, texts, now, report
    )

    seg_ids = _segment_ids(conn, doc_ids)
    _link(conn, UNIT_BEADS, new_units, seg_ids)
    _link(conn, PAIR_BEADS, new_pairs, seg_ids)
    keys = []
    for unit_id, unit in new_units:
        side_texts = _side_texts(texts, unit.sides)
        keys.extend({"unit_id": unit_id, "key_hash": k} for k in set(text_keys(side_texts)))
    for chunk in batched(keys, 5 * CHUNK):
        conn.execute(insert(unit_keys), chunk)
    fulltext.index_units(conn, [unit_id for unit_id, _ in new_units])
    return report
