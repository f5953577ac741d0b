"""The pair beads' side of the reviewer's actions (``tmtool.store.review``).

A document set aligned from three or more files keeps each pivot-target pair's own beads
(``pair_beads``), and pair TMX files come from them. The reviewer works on the multilingual units,
so every action carries over to the pair beads of the set, in the action's transaction:

- accept / reject a unit: the pair beads lying within its segments take its status;
- merge, split, move: for each pair the action changes, the pair beads overlapping the units
  involved are replaced by the new units' projections on that pair (pivot side + target side),
  status ``reviewed`` (what the reviewer saw and confirmed). A pair the action leaves as it was
  (a French segment moved: nl-en) keeps its beads; those lying within the reviewed units are
  marked ``reviewed``, as accepting the units would;
- edit: the pair beads holding the segment get its new text hash (``key_hash``).

Each step returns a ``PairChange`` (the rows it replaced, the ids it created) that the action log
keeps, so that ``check_undo`` and ``restore`` can put the pair beads back exactly. Reviewed and
rejected pair beads survive re-alignment (``tmtool.store.alignment``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from tmtool.errors import ConflictError
from tmtool.store.beadops import Sides, anchor_position, lies_within, pair_projection, positions
from tmtool.store.common import (
    PAIR_BEADS,
    BeadTable,
    bead_key,
    delete_beads,
    free_tuids,
    insert_returning_ids,
    pair_key_hash,
    pair_tuid_seed,
    parse_bead,
    tuid_for,
)
from tmtool.store.schema import document_sets, pair_bead_segments, pair_beads, segments

SegmentIds = Mapping[tuple[str, int], int]  # (lang, position) -> segment id


@dataclass
class PairChange:
    """What one action did to pair beads: the rows it changed or deleted, as they were, and the
    ids of the rows it inserted."""

    before: list[dict[str, Any]] = field(default_factory=list)
    created: list[int] = field(default_factory=list)

    def logged(self, conn: Connection) -> dict[str, Any]:
        """JSON for the action log, with each touched row as the action left it (None when
        deleted), so that undo can tell whether something changed it since."""
        touched = [shot["id"] for shot in self.before] + self.created
        return {
            "before": self.before,
            "created": self.created,
            "after": {
                str(bead_id): value for bead_id, value in _fingerprints(conn, touched).items()
            },
        }


def _fingerprints(conn: Connection, ids: Sequence[int]) -> dict[int, list[Any] | None]:
    found: dict[int, list[Any] | None] = {bead_id: None for bead_id in ids}
    query = select(
        pair_beads.c.id,
        pair_beads.c.bead,
        pair_beads.c.status,
        pair_beads.c.run_id,
        pair_beads.c.score,
        pair_beads.c.key_hash,
    ).where(pair_beads.c.id.in_(list(ids)))
    for bead_id, *values in conn.execute(query):
        found[bead_id] = values
    return found


# --- rows and links, for units and pair beads alike ------------------------------------------


def snapshot(conn: Connection, kind: BeadTable, ids: Sequence[int]) -> list[dict[str, Any]]:
    """What restoring the beads needs: their rows and segment links, JSON-ready."""
    links: dict[int, list[list[Any]]] = defaultdict(list)
    query = select(kind.link_id, kind.links.c.segment_id, kind.links.c.lang, kind.links.c.ord)
    rows = conn.execute(
        query.where(kind.link_id.in_(list(ids))).order_by(kind.links.c.lang, kind.links.c.ord)
    )
    for bead_id, segment_id, lang, order in rows:
        links[bead_id].append([segment_id, lang, order])
    shots = []
    for row in conn.execute(select(kind.table).where(kind.table.c.id.in_(list(ids)))):
        shot = dict(row._mapping)
        for name in ("created_at", "changed_at"):
            shot[name] = shot[name].isoformat()
        shot["links"] = links[row.id]
        shots.append(shot)
    return shots


def snapshot_row(shot: Mapping[str, Any]) -> dict[str, Any]:
    """A snapshot's column values, ready to write back."""
    values = {key: value for key, value in shot.items() if key != "links"}
    for name in ("created_at", "changed_at"):
        values[name] = datetime.fromisoformat(values[name])
    return values


def relink(
    conn: Connection,
    kind: BeadTable,
    bead_id: int,
    links: Sequence[Sequence[Any]],
) -> None:
    """Make ``links`` ((segment id, lang, ord) triples) the bead's links to its segments."""
    conn.execute(delete(kind.links).where(kind.link_id == bead_id))
    rows = [
        {kind.link_id.key: bead_id, "segment_id": seg_id, "lang": lang, "ord": order}
        for seg_id, lang, order in links
    ]
    if rows:
        conn.execute(insert(kind.links), rows)


def links_of(sides: Sides, seg_ids: SegmentIds) -> list[tuple[int, str, int]]:
    """A bead's links, from its positions per language."""
    return [
        (seg_ids[(lang, position)], lang, order)
        for lang, found in sides.items()
        for order, position in enumerate(found)
    ]


# --- the actions' pair side ------------------------------------------------------------------


def _pairs_of_set(conn: Connection, set_id: int) -> list[tuple[str, str]]:
    query = (
        select(pair_beads.c.src_lang, pair_beads.c.tgt_lang)
        .distinct()
        .where(pair_beads.c.set_id == set_id)
    )
    return sorted((source, target) for source, target in conn.execute(query))


def _beads_on(conn: Connection, set_id: int, seg_ids: Sequence[int]) -> list[Any]:
    """The set's pair beads holding any of the segments ``seg_ids``."""
    linked = select(pair_bead_segments.c.pair_bead_id).where(
        pair_bead_segments.c.segment_id.in_(list(seg_ids))
    )
    query = select(pair_beads).where(pair_beads.c.set_id == set_id, pair_beads.c.id.in_(linked))
    return list(conn.execute(query.order_by(pair_beads.c.id)))


def _mark(
    conn: Connection, rows: Sequence[Any], status: str, now: datetime, change: PairChange
) -> None:
    changing = [row.id for row in rows if row.status != status]
    if not changing:
        return
    change.before += snapshot(conn, PAIR_BEADS, changing)
    conn.execute(
        update(pair_beads)
        .where(pair_beads.c.id.in_(changing))
        .values(status=status, changed_at=now)
    )


def mark_within(
    conn: Connection,
    set_id: int,
    unit: Sides,
    seg_ids: SegmentIds,
    status: str,
    now: datetime,
) -> PairChange:
    """Give the set's pair beads lying within ``unit`` its new ``status`` (accept, reject)."""
    change = PairChange()
    rows = _beads_on(conn, set_id, [seg_ids[key] for key in positions(unit)])
    within = [row for row in rows if lies_within(parse_bead(row.bead), unit)]
    _mark(conn, within, status, now, change)
    return change


def reproject(
    conn: Connection,
    set_id: int,
    old: Sequence[Sides],
    new: Sequence[tuple[Sides, float | None]],
    run_id: int,
    seg_ids: SegmentIds,
    now: datetime,
) -> PairChange:
    """Bring the set's pair beads in line with reviewed units ``new`` (sides, score) that took the
    place of units ``old`` (merge, split, move), pair by pair."""
    change = PairChange()
    pairs = _pairs_of_set(conn, set_id)
    if not pairs:
        return change
    touched = [seg_ids[key] for sides in old for key in positions(sides)]
    rows = _beads_on(conn, set_id, touched)
    for source, target in pairs:
        mine = [row for row in rows if (row.src_lang, row.tgt_lang) == (source, target)]
        was = {bead_key(p) for sides in old if (p := pair_projection(sides, source, target))}
        wanted = [
            (p, score) for sides, score in new if (p := pair_projection(sides, source, target))
        ]
        if was == {bead_key(p) for p, _ in wanted}:  # the action left this pair as it was
            within = [
                row
                for row in mine
                if any(lies_within(parse_bead(row.bead), sides) for sides, _ in new)
            ]
            _mark(conn, within, "reviewed", now, change)
        else:
            _replace(conn, set_id, (source, target), mine, wanted, run_id, seg_ids, now, change)
    return change


def _replace(
    conn: Connection,
    set_id: int,
    pair: tuple[str, str],
    rows: Sequence[Any],
    wanted: Sequence[tuple[Sides, float | None]],
    run_id: int,
    seg_ids: SegmentIds,
    now: datetime,
    change: PairChange,
) -> None:
    """Replace the pair beads ``rows`` by reviewed beads ``wanted``; each keeps the lowest
    confidence of the beads it replaces (as a merged unit does), else its unit's."""
    source, target = pair
    change.before += snapshot(conn, PAIR_BEADS, [row.id for row in rows])
    delete_beads(conn, PAIR_BEADS, [row.id for row in rows])
    texts = _texts(conn, [seg_ids[key] for sides, _ in wanted for key in positions(sides)])
    set_key = conn.execute(
        select(document_sets.c.key).where(document_sets.c.id == set_id)
    ).scalar_one()
    seed = pair_tuid_seed(set_key, source, target)
    keys = [bead_key(sides) for sides, _ in wanted]
    inserted = []
    for (sides, unit_score), key, tuid in zip(
        wanted,
        keys,
        free_tuids(conn, [tuid_for(seed, key) for key in keys], pair_beads),
        strict=True,
    ):
        held = positions(sides)
        replaced = [
            row.score
            for row in rows
            if row.score is not None and positions(parse_bead(row.bead)) & held
        ]
        side_texts = {
            lang: " ".join(texts[seg_ids[(lang, position)]] for position in found)
            for lang, found in sides.items()
            if found
        }
        inserted.append(
            {
                "set_id": set_id,
                "run_id": run_id,
                "src_lang": source,
                "tgt_lang": target,
                "bead": key,
                "position": anchor_position(sides, [source, target]),
                "tuid": tuid,
                "score": min(replaced) if replaced else unit_score,
                "status": "reviewed",
                "created_at": now,
                "changed_at": now,
                "key_hash": pair_key_hash(side_texts),
            }
        )
    ids = insert_returning_ids(conn, pair_beads, inserted)
    for bead_id, (sides, _) in zip(ids, wanted, strict=True):
        relink(conn, PAIR_BEADS, bead_id, links_of(sides, seg_ids))
    change.created += ids


def _texts(conn: Connection, seg_ids: Sequence[int]) -> dict[int, str]:
    query = select(segments.c.id, segments.c.text).where(segments.c.id.in_(list(seg_ids)))
    return dict(conn.execute(query).all())


def retext(conn: Connection, segment_id: int, now: datetime) -> PairChange:
    """After an edit of segment ``segment_id``: the pair beads holding it (in any set) get the
    hash of their new text."""
    change = PairChange()
    ids = list(
        conn.execute(
            select(pair_bead_segments.c.pair_bead_id).where(
                pair_bead_segments.c.segment_id == segment_id
            )
        ).scalars()
    )
    if not ids:
        return change
    change.before += snapshot(conn, PAIR_BEADS, ids)
    joined: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    query = (
        select(pair_bead_segments.c.pair_bead_id, pair_bead_segments.c.lang, segments.c.text)
        .join(segments, segments.c.id == pair_bead_segments.c.segment_id)
        .where(pair_bead_segments.c.pair_bead_id.in_(ids))
        .order_by(pair_bead_segments.c.lang, pair_bead_segments.c.ord)
    )
    for bead_id, lang, text in conn.execute(query):
        joined[bead_id][lang].append(text)
    for bead_id in ids:
        side_texts = {lang: " ".join(parts) for lang, parts in joined[bead_id].items()}
        conn.execute(
            update(pair_beads)
            .where(pair_beads.c.id == bead_id)
            .values(key_hash=pair_key_hash(side_texts), changed_at=now)
        )
    return change


# --- undo ------------------------------------------------------------------------------------


def check_undo(conn: Connection, logged: Mapping[str, Any] | None, action: str) -> None:
    """Refuse to undo when a pair bead the action left has changed since (re-alignment)."""
    if not logged:
        return
    after = {int(bead_id): value for bead_id, value in logged["after"].items()}
    now = _fingerprints(conn, list(after))
    for bead_id, value in after.items():
        if now[bead_id] != value:
            raise ConflictError(
                f"cannot undo the last {action}: pair bead {bead_id} changed since (re-alignment?)"
            )


def restore(conn: Connection, logged: Mapping[str, Any] | None) -> None:
    """Put the pair beads back as they were before the logged action."""
    if not logged:
        return
    shots = logged["before"]
    delete_beads(conn, PAIR_BEADS, [*logged["created"], *(shot["id"] for shot in shots)])
    for shot in shots:
        conn.execute(insert(pair_beads).values(**snapshot_row(shot)))
        relink(conn, PAIR_BEADS, shot["id"], shot["links"])
