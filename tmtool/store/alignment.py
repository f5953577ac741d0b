"""Saving one alignment (documents, units, run) idempotently; ``tmtool.store`` has the rules."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from tmtool.document import Document, Unit
from tmtool.errors import StoreError
from tmtool.store.common import (
    CHUNK,
    batched,
    bead_key,
    free_tuids,
    get_or_create_run,
    get_or_create_set,
    insert_returning_ids,
    storable,
    text_keys,
)
from tmtool.store.common import set_key as set_key_of
from tmtool.store.records import RunInfo, SaveReport, sha256_text, to_db_time, utc_now
from tmtool.store.schema import documents, segments, unit_keys, unit_segments, units

LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


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


def validate(docs: Mapping[str, Document], beads: Sequence[Unit]) -> None:
    """Refuse input the memory cannot represent, before anything is written."""
    if not docs:
        raise StoreError("cannot save an alignment without documents")
    positions: dict[str, set[int]] = {}
    for lang, doc in docs.items():
        if not LANG_CODE.match(lang):
            raise StoreError(f"invalid language code {lang!r} (expected e.g. 'nl', 'fr', 'en')")
        if not re.fullmatch(r"[0-9a-f]{64}", doc.sha256 or ""):
            raise StoreError(f"{lang} document has no valid sha256 content hash")
        positions[lang] = {seg.index for seg in doc.segments}
        if len(positions[lang]) != len(doc.segments):
            raise StoreError(f"{lang} document has two segments with the same index")
    used: set[tuple[str, int]] = set()
    for n, unit in enumerate(beads):
        score = _as_score(unit.score)
        if score is None:
            raise StoreError(f"unit {n} has score {unit.score!r}, expected a number in [0, 1]")
        if not any(unit.segments.values()):
            raise StoreError(f"unit {n} holds no segment")
        for lang, indices in unit.segments.items():
            if lang not in docs:
                raise StoreError(f"unit {n} uses language {lang!r}, which has no document")
            for index in indices:
                if not _is_index(index) or index not in positions[lang]:
                    raise StoreError(f"unit {n}: {lang} segment {index} does not exist")
                if (lang, index) in used:
                    raise StoreError(f"unit {n}: {lang} segment {index} is already in another unit")
                used.add((lang, index))


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


def _delete_units(conn: Connection, unit_ids: list[int]) -> None:
    for chunk in batched(unit_ids, CHUNK):
        conn.execute(delete(unit_keys).where(unit_keys.c.unit_id.in_(chunk)))
        conn.execute(delete(unit_segments).where(unit_segments.c.unit_id.in_(chunk)))
        conn.execute(delete(units).where(units.c.id.in_(chunk)))


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
                path=doc.path,
                fmt=doc.fmt,
                title=doc.title,
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
    stored = conn.execute(
        select(segments.c.position, segments.c.text, segments.c.original, segments.c.kind)
        .where(segments.c.document_id == doc_id)
        .order_by(segments.c.position)
    ).all()
    wanted = sorted((r["position"], r["text"], r["original"], r["kind"]) for r in rows)
    if [tuple(row) for row in stored] == wanted:
        report.documents_existing += 1
        return doc_id

    linked = conn.execute(
        select(units.c.id, units.c.status)
        .distinct()
        .join(unit_segments, unit_segments.c.unit_id == units.c.id)
        .join(segments, segments.c.id == unit_segments.c.segment_id)
        .where(segments.c.document_id == doc_id)
    ).all()
    if any(status != "auto" for _, status in linked):
        raise StoreError(
            f"{lang} document {doc.title or doc.sha256[:12]} is stored with a different "
            "segmentation and has reviewed units; re-align it with the settings used before"
        )
    _delete_units(conn, [unit_id for unit_id, _ in linked])
    report.units_replaced += len(linked)
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


def _reviewed_segments(conn: Connection, set_id: int) -> set[tuple[str, int]]:
    rows = conn.execute(
        select(unit_segments.c.lang, segments.c.position)
        .join(units, units.c.id == unit_segments.c.unit_id)
        .join(segments, segments.c.id == unit_segments.c.segment_id)
        .where(units.c.set_id == set_id, units.c.status == "reviewed")
    )
    return {(lang, position) for lang, position in rows}


def _pair_scores_extra(unit: Unit) -> dict[str, Any] | None:
    """The unit's per-language pair confidences, kept in its ``extra`` JSON."""
    scores = {lang: _as_score(value) for lang, value in unit.pair_scores.items()}
    scores = {lang: value for lang, value in scores.items() if value is not None}
    return {"pair_scores": scores} if scores else None


def save_alignment(
    conn: Connection, docs: Mapping[str, Document], beads: Sequence[Unit], run: RunInfo
) -> SaveReport:
    """Store documents, run and units inside the caller's transaction."""
    validate(docs, beads)
    now = to_db_time(utc_now())
    report = SaveReport(run_id=0, run_reused=False)
    langs = list(docs)
    doc_ids = {lang: _upsert_document(conn, lang, doc, now, report) for lang, doc in docs.items()}
    set_key = set_key_of({lang: doc.sha256 for lang, doc in docs.items()})
    set_id = get_or_create_set(conn, set_key, "aligned", doc_ids, now)
    report.run_id, report.run_reused = get_or_create_run(conn, set_id, "align", run, now)

    existing = {
        row.bead: row
        for row in conn.execute(
            select(units.c.id, units.c.bead, units.c.status, units.c.score, units.c.run_id).where(
                units.c.set_id == set_id
            )
        )
    }
    protected = _reviewed_segments(conn, set_id)
    texts = {
        lang: {seg.index: storable(seg.text)[0] for seg in doc.segments}
        for lang, doc in docs.items()
    }

    produced: set[str] = set()
    refreshed: list[dict[str, Any]] = []
    fresh: list[tuple[str, dict[str, tuple[int, ...]], float]] = []
    extras: dict[str, dict[str, Any] | None] = {}
    for unit in beads:
        sides = {lang: tuple(int(i) for i in unit.segments.get(lang, ())) for lang in langs}
        key = bead_key(sides)
        produced.add(key)
        score = float(unit.score)
        extras[key] = _pair_scores_extra(unit)
        row = existing.get(key)
        if row is not None:
            if row.status != "auto" or (row.run_id == report.run_id and row.score == score):
                report.units_unchanged += 1
            else:
                refreshed.append({"uid": row.id, "score": score, "extra": extras[key]})
                report.units_updated += 1
        elif any((lang, i) in protected for lang, indices in sides.items() for i in indices):
            report.units_conflicting += 1
        else:
            fresh.append((key, sides, score))

    stale = [
        row.id for key, row in existing.items() if key not in produced and row.status == "auto"
    ]
    report.units_kept = sum(
        1 for key, row in existing.items() if key not in produced and row.status != "auto"
    )
    _delete_units(conn, stale)
    report.units_replaced += len(stale)
    if refreshed:
        conn.execute(
            update(units)
            .where(units.c.id == bindparam("uid"))
            .values(
                score=bindparam("score"),
                extra=bindparam("extra"),
                run_id=report.run_id,
                changed_at=now,
            ),
            refreshed,
        )

    tuids = free_tuids(conn, [f"tm-{sha256_text(f'{set_key}|{key}')[:20]}" for key, _, _ in fresh])
    source = langs[0]
    rows = []
    for (key, sides, score), tuid in zip(fresh, tuids, strict=True):
        anchor = sides[source] or next(indices for indices in sides.values() if indices)
        rows.append(
            {
                "set_id": set_id,
                "run_id": report.run_id,
                "bead": key,
                "position": min(anchor),
                "tuid": tuid,
                "score": score,
                "status": "auto",
                "origin": "aligned",
                "created_at": now,
                "changed_at": now,
                "extra": extras[key],
            }
        )
    unit_ids = insert_returning_ids(conn, units, rows)
    seg_ids = _segment_ids(conn, doc_ids)
    links, keys = [], []
    for unit_id, (_, sides, _) in zip(unit_ids, fresh, strict=True):
        for lang, indices in sides.items():
            for order, index in enumerate(indices):
                links.append(
                    {
                        "unit_id": unit_id,
                        "segment_id": seg_ids[lang][index],
                        "lang": lang,
                        "ord": order,
                    }
                )
        side_texts = {
            lang: " ".join(texts[lang][i] for i in indices)
            for lang, indices in sides.items()
            if indices
        }
        keys.extend({"unit_id": unit_id, "key_hash": k} for k in set(text_keys(side_texts)))
    if links:
        conn.execute(insert(unit_segments), links)
    if keys:
        conn.execute(insert(unit_keys), keys)
    report.units_added = len(rows)
    return report
