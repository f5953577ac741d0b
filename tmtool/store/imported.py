"""Storing units read from a TMX file, in batches, deduplicated against what is stored."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from tmtool.store import fulltext
from tmtool.store.common import (
    CHUNK,
    add_set_members,
    batched,
    free_tuids,
    full_key,
    get_or_create_run,
    get_or_create_set,
    insert_returning_ids,
    storable_name,
    text_keys,
)
from tmtool.store.records import (
    ImportCounts,
    ImportedUnit,
    ImportSource,
    RunInfo,
    sha256_text,
    to_db_time,
    utc_now,
)
from tmtool.store.schema import (
    documents,
    pair_beads,
    segments,
    set_members,
    unit_keys,
    unit_segments,
    units,
)


class _PseudoDocuments:
    """One pseudo-document per language of the TMX file, created when the language first appears."""

    def __init__(self, conn: Connection, set_id: int, source: ImportSource, now: Any) -> None:
        self.conn, self.set_id, self.source, self.now = conn, set_id, source, now
        self.next_position: dict[str, int] = {}
        self.ids: dict[str, int] = {}
        rows = conn.execute(
            select(set_members.c.lang, set_members.c.document_id).where(
                set_members.c.set_id == set_id
            )
        )
        for lang, doc_id in rows:
            last = conn.execute(
                select(func.max(segments.c.position)).where(segments.c.document_id == doc_id)
            ).scalar()
            self.ids[lang] = doc_id
            self.next_position[lang] = -1 if last is None else last
            self.next_position[lang] += 1

    def take(self, lang: str) -> tuple[int, int]:
        """The pseudo-document id for ``lang`` and the next free segment position in it."""
        if lang not in self.ids:
            doc_id = self.conn.execute(
                select(documents.c.id).where(
                    documents.c.sha256 == self.source.sha256, documents.c.lang == lang
                )
            ).scalar()
            if doc_id is None:
                doc_id = self.conn.execute(
                    insert(documents).values(
                        sha256=self.source.sha256,
                        lang=lang,
                        origin="tmx",
                        path=storable_name(self.source.path),
                        fmt="tmx",
                        title=storable_name(self.source.title),
                        date=None,
                        meta={"creationtool": self.source.creation_tool},
                        added_at=self.now,
                    )
                ).inserted_primary_key[0]
            add_set_members(self.conn, self.set_id, {lang: int(doc_id)})
            self.ids[lang] = int(doc_id)
            self.next_position[lang] = 0
        position = self.next_position[lang]
        self.next_position[lang] += 1
        return self.ids[lang], position


def _stored_keys(conn: Connection, keys: list[str]) -> set[str]:
    """Those of ``keys`` that a stored unit or pair bead has."""
    found: set[str] = set()
    for chunk in batched(sorted(set(keys)), CHUNK):
        for column in (unit_keys.c.key_hash, pair_beads.c.key_hash):
            found.update(conn.execute(select(column).distinct().where(column.in_(chunk))).scalars())
    return found


def import_units(
    conn: Connection,
    items: Iterable[ImportedUnit],
    source: ImportSource,
    run: RunInfo,
    batch_size: int = 1000,
) -> ImportCounts:
    """Store ``items`` inside the caller's transaction; an exception from ``items`` undoes all."""
    now = to_db_time(utc_now())
    set_id = get_or_create_set(conn, f"tmx:{source.sha256}", "imported", {}, now)
    counts = ImportCounts()
    counts.run_id, _ = get_or_create_run(conn, set_id, "import", run, now)
    pseudo = _PseudoDocuments(conn, set_id, source, now)
    for batch in batched(items, batch_size):
        fresh = _not_stored(conn, batch, counts)
        if not fresh:
            continue
        placements, segment_ids = _insert_segments(conn, fresh, pseudo, counts)
        unit_ids = _insert_units(conn, fresh, placements, set_id, counts.run_id, now)
        _link_units(conn, unit_ids, fresh, placements, segment_ids)
        fulltext.index_units(conn, unit_ids)
        counts.imported += len(unit_ids)
    return counts


def _not_stored(
    conn: Connection, batch: list[ImportedUnit], counts: ImportCounts
) -> list[tuple[ImportedUnit, str]]:
    """The units of ``batch`` whose texts the memory (or an earlier unit of the file) does not
    hold yet, each with its full key; the others are counted as duplicates."""
    keys = [full_key(item.texts) for item in batch]
    stored = _stored_keys(conn, keys)
    fresh: list[tuple[ImportedUnit, str]] = []
    for item, key in zip(batch, keys, strict=True):
        if key in stored:
            counts.duplicate += 1
            continue
        stored.add(key)
        fresh.append((item, key))
    return fresh


def _insert_segments(
    conn: Connection,
    fresh: list[tuple[ImportedUnit, str]],
    pseudo: _PseudoDocuments,
    counts: ImportCounts,
) -> tuple[list[dict[str, int]], Iterator[int]]:
    """Each unit's texts as segments of the per-language pseudo-documents: the units' placements
    (language → position) and the new segment ids, in the order the links take them."""
    segment_rows, placements = [], []
    for item, _ in fresh:
        placement = {}
        for lang in sorted(item.texts):
            doc_id, position = pseudo.take(lang)
            text = item.texts[lang]
            segment_rows.append(
                {
                    "document_id": doc_id,
                    "position": position,
                    "text": text,
                    "original": text,
                    "kind": "sentence",
                }
            )
            placement[lang] = position
            counts.languages[lang] += 1
        placements.append(placement)
    return placements, iter(insert_returning_ids(conn, segments, segment_rows))


def _insert_units(
    conn: Connection,
    fresh: list[tuple[ImportedUnit, str]],
    placements: list[dict[str, int]],
    set_id: int,
    run_id: int,
    now: datetime,
) -> list[int]:
    """The units' rows (the file's tuid when free, else one derived from the texts); their ids."""
    candidates = [item.tuid or f"tm-{sha256_text(f'imported|{key}')[:20]}" for item, key in fresh]
    unit_rows = []
    for (item, _), placement, tuid in zip(
        fresh, placements, free_tuids(conn, candidates), strict=True
    ):
        created = to_db_time(item.created_at) if item.created_at else now
        extra = {"props": item.props, "notes": item.notes, "attrs": item.attrs}
        unit_rows.append(
            {
                "set_id": set_id,
                "run_id": run_id,
                "bead": "|".join(f"{lang}:{pos}" for lang, pos in placement.items()),
                "position": min(placement.values()),
                "tuid": tuid,
                "score": item.score,
                "status": item.status,
                "origin": "imported",
                "created_at": created,
                "changed_at": to_db_time(item.changed_at) if item.changed_at else created,
                "extra": extra if any(extra.values()) else None,
            }
        )
    return insert_returning_ids(conn, units, unit_rows)


def _link_units(
    conn: Connection,
    unit_ids: list[int],
    fresh: list[tuple[ImportedUnit, str]],
    placements: list[dict[str, int]],
    segment_ids: Iterator[int],
) -> None:
    """Link each unit to its segments and note its text keys (deduplication of later imports)."""
    links, key_rows = [], []
    for unit_id, (item, _), placement in zip(unit_ids, fresh, placements, strict=True):
        for lang in placement:
            links.append(
                {"unit_id": unit_id, "segment_id": next(segment_ids), "lang": lang, "ord": 0}
            )
        key_rows.extend({"unit_id": unit_id, "key_hash": k} for k in set(text_keys(item.texts)))
    conn.execute(insert(unit_segments), links)
    if key_rows:
        conn.execute(insert(unit_keys), key_rows)
