"""Reviewing a document set: reading it page by page, and the reviewer's actions.

Every action is one transaction that first checks the version of each unit it touches against
the version the reviewer's page showed (``ConflictError`` otherwise: another tab changed it), then
records what it replaced in ``review_actions`` so that ``undo`` can restore it.

- accept / reject set the status (``reviewed`` / ``rejected``);
- merge, split and moving a segment across a boundary rebuild the beads of the units involved
  (``tmtool.store.beadops``) and mark the resulting units ``reviewed``: a bead a person has fixed
  survives re-alignment like an accepted one;
- editing a segment changes its ``text`` and keeps what tmtool produced in ``machine_text`` (the
  source span stays in ``original``);
- undo restores the state before the set's last action that is not undone yet;
- each action carries over to the set's pair beads, if it has any (``tmtool.store.review_pairs``
  has the rules), and undo restores those too.

Versions only grow (undo gives restored units a new version), so a page from before an undo is
refused too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, case, delete, func, insert, select, tuple_, update

from tmtool.errors import ConflictError, ReviewError
from tmtool.exchange.langs import order_langs
from tmtool.store import Store, fulltext, review_pairs
from tmtool.store.beadops import (
    Sides,
    anchor_position,
    is_empty,
    merge_sides,
    move_segment,
    split_sides,
)
from tmtool.store.common import (
    UNIT_BEADS,
    bead_key,
    delete_beads,
    free_tuids,
    parse_bead,
    storable,
    text_keys,
    tuid_for,
)
from tmtool.store.queries import document_names, segment_texts
from tmtool.store.records import from_db_time, to_db_time, utc_now
from tmtool.store.review_pairs import PairChange, links_of, relink, snapshot, snapshot_row
from tmtool.store.schema import (
    document_sets,
    review_actions,
    segments,
    unit_keys,
    unit_segments,
    units,
)

T = TypeVar("T")

STALE = "was changed in another tab or by another reviewer since this page was loaded"


@dataclass
class SetOverview:
    """One document set as the overview lists it."""

    id: int
    kind: str
    documents: dict[str, str]  # lang -> title or short sha256
    units: int = 0
    reviewed: int = 0
    rejected: int = 0
    low_confidence: int = 0

    @property
    def langs(self) -> list[str]:
        return list(self.documents)

    @property
    def reviewed_share(self) -> float:
        return self.reviewed / self.units if self.units else 0.0


@dataclass
class ReviewSegment:
    id: int
    position: int
    text: str
    original: str
    machine_text: str | None

    @property
    def edited(self) -> bool:
        return self.machine_text is not None


@dataclass
class Neighbour:
    id: int
    version: int


@dataclass
class ReviewUnit:
    id: int
    number: int  # 1-based place of the unit in its document set
    tuid: str
    score: float | None
    status: str
    version: int
    sides: dict[str, list[ReviewSegment]] = field(default_factory=dict)
    previous: Neighbour | None = None
    next: Neighbour | None = None

    @property
    def can_split(self) -> bool:
        """A plain split cuts after each language's first segment: some side needs two."""
        return any(len(side) > 1 for side in self.sides.values())


@dataclass
class ReviewPage:
    total: int  # units matching the filter
    units: list[ReviewUnit]


@dataclass
class ActionResult:
    action: str
    unit_ids: list[int]  # the units the action left (the one to focus first)


# --- reading ---------------------------------------------------------------------------------


def list_sets(conn: Connection, low_score: float, set_id: int | None = None) -> list[SetOverview]:
    """Document sets with unit counts, reviewed/rejected counts and low-confidence counts."""
    query = select(document_sets.c.id, document_sets.c.kind).order_by(document_sets.c.id)
    if set_id is not None:
        query = query.where(document_sets.c.id == set_id)
    found = {row.id: SetOverview(row.id, row.kind, {}) for row in conn.execute(query)}
    if not found:
        return []
    members = document_names(conn, found)
    unit_langs = (
        select(units.c.set_id, unit_segments.c.lang)
        .distinct()
        .join(unit_segments, unit_segments.c.unit_id == units.c.id)
        .where(units.c.set_id.in_(list(found)))
    )
    for sid, lang in conn.execute(unit_langs):  # imported sets list no member documents
        members[sid].setdefault(lang, "")
    counts = select(
        units.c.set_id,
        func.count(),
        func.sum(case((units.c.status == "reviewed", 1), else_=0)),
        func.sum(case((units.c.status == "rejected", 1), else_=0)),
        func.sum(case((units.c.score < low_score, 1), else_=0)),
    ).where(units.c.set_id.in_(list(found)))
    for sid, n, reviewed, rejected, low in conn.execute(counts.group_by(units.c.set_id)):
        overview = found[sid]
        overview.units, overview.reviewed = n, int(reviewed or 0)
        overview.rejected, overview.low_confidence = int(rejected or 0), int(low or 0)
    for sid, overview in found.items():
        # Dutch (the pivot), French, English, then the others: the columns' order
        overview.documents = {lang: members[sid][lang] for lang in order_langs(members[sid])}
    return list(found.values())


def read_page(
    conn: Connection,
    set_id: int,
    *,
    open_only: bool = False,
    by_score: bool = False,
    only_ids: Sequence[int] | None = None,
    offset: int = 0,
    limit: int = 100,
) -> ReviewPage:
    """One page of the set's units with their segments and document-order neighbours."""
    conditions = [units.c.set_id == set_id]
    if open_only:
        conditions.append(units.c.status == "auto")
    if only_ids is not None:
        conditions.append(units.c.id.in_(list(only_ids)))
    total = conn.execute(select(func.count()).select_from(units).where(*conditions)).scalar() or 0
    order = [units.c.position, units.c.id]
    if by_score:
        order = [units.c.score.is_(None), units.c.score, *order]
    rows = conn.execute(
        select(units.c.id, units.c.tuid, units.c.score, units.c.status, units.c.version)
        .where(*conditions)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    ).all()
    ids = [row.id for row in rows]
    if not ids:
        return ReviewPage(total, [])
    places = _places(conn, set_id, ids)
    page = []
    for row in rows:
        place = places[row.id]
        page.append(
            ReviewUnit(
                id=row.id,
                number=place.number,
                tuid=row.tuid,
                score=row.score,
                status=row.status,
                version=row.version,
                previous=Neighbour(place.prev_id, place.prev_version) if place.prev_id else None,
                next=Neighbour(place.next_id, place.next_version) if place.next_id else None,
            )
        )
    _add_sides(conn, page)
    return ReviewPage(total, page)


def _places(conn: Connection, set_id: int, ids: list[int]) -> dict[int, Row[Any]]:
    """Unit id → its number in document order and its previous and next units (id, version)."""
    document_order = (units.c.position, units.c.id)
    ranked = (
        select(
            units.c.id,
            func.row_number().over(order_by=document_order).label("number"),
            func.lag(units.c.id).over(order_by=document_order).label("prev_id"),
            func.lag(units.c.version).over(order_by=document_order).label("prev_version"),
            func.lead(units.c.id).over(order_by=document_order).label("next_id"),
            func.lead(units.c.version).over(order_by=document_order).label("next_version"),
        )
        .where(units.c.set_id == set_id)
        .subquery()
    )
    return {row.id: row for row in conn.execute(select(ranked).where(ranked.c.id.in_(ids)))}


def _add_sides(conn: Connection, page: list[ReviewUnit]) -> None:
    """Fill each unit's segments per language, in their order within the unit."""
    by_id = {unit.id: unit for unit in page}
    segment_rows = conn.execute(
        select(
            unit_segments.c.unit_id,
            unit_segments.c.lang,
            segments.c.id,
            segments.c.position,
            segments.c.text,
            segments.c.original,
            segments.c.machine_text,
        )
        .join(segments, segments.c.id == unit_segments.c.segment_id)
        .where(unit_segments.c.unit_id.in_(list(by_id)))
        .order_by(unit_segments.c.unit_id, unit_segments.c.lang, unit_segments.c.ord)
    )
    for unit_id, lang, seg_id, position, text, original, machine in segment_rows:
        by_id[unit_id].sides.setdefault(lang, []).append(
            ReviewSegment(seg_id, position, text, original, machine)
        )


def read_unit(conn: Connection, set_id: int, unit_id: int) -> ReviewUnit:
    """One unit of the set, as a page shows it."""
    page = read_page(conn, set_id, only_ids=[unit_id], limit=1)
    if not page.units:
        raise ReviewError(f"no unit {unit_id} in document set {set_id}")
    return page.units[0]


# --- helpers of the actions ------------------------------------------------------------------


def _unit_row(conn: Connection, set_id: int, unit_id: int, version: int) -> Any:
    """The unit's row, after checking it belongs to the set and still has ``version``."""
    row = conn.execute(select(units).where(units.c.id == unit_id, units.c.set_id == set_id)).first()
    if row is None:
        raise ConflictError(f"unit {unit_id} no longer exists in this document set; reload")
    if row.version != version:
        raise ConflictError(f"unit {unit_id} {STALE}; reload the page to see it")
    return row


def _neighbour_row(
    conn: Connection, set_id: int, row: Any, direction: str, expected: int, version: int
) -> Any:
    """The unit next to ``row`` in document order, which must be unit ``expected`` at
    ``version``."""
    here = tuple_(units.c.position, units.c.id)
    key = tuple_(row.position, row.id)
    query = select(units).where(units.c.set_id == set_id)
    if direction == "next":
        query = query.where(here > key).order_by(units.c.position, units.c.id)
    else:
        query = query.where(here < key).order_by(units.c.position.desc(), units.c.id.desc())
    neighbour = conn.execute(query.limit(1)).first()
    if neighbour is None:
        raise ReviewError(f"unit {row.id} has no {direction} unit")
    if neighbour.id != expected or neighbour.version != version:
        raise ConflictError(f"the {direction} unit {STALE}; reload the page to see it")
    return neighbour


def _segment_ids(conn: Connection, unit_ids: Sequence[int]) -> dict[tuple[str, int], int]:
    """(lang, position) → segment id, for the segments of ``unit_ids``."""
    query = (
        select(unit_segments.c.lang, segments.c.position, segments.c.id)
        .join(segments, segments.c.id == unit_segments.c.segment_id)
        .where(unit_segments.c.unit_id.in_(list(unit_ids)))
    )
    return {(lang, position): seg_id for lang, position, seg_id in conn.execute(query)}


def _refresh_keys(conn: Connection, unit_ids: Sequence[int]) -> None:
    """Recompute the duplicate-detection text keys and the search index rows of units whose text
    or segments changed."""
    conn.execute(delete(unit_keys).where(unit_keys.c.unit_id.in_(list(unit_ids))))
    rows = [
        {"unit_id": unit_id, "key_hash": key}
        for unit_id, sides in segment_texts(conn, list(unit_ids)).items()
        for key in set(text_keys({lang: " ".join(parts) for lang, parts in sides.items()}))
    ]
    if rows:
        conn.execute(insert(unit_keys), rows)
    fulltext.index_units(conn, list(unit_ids))


def _delete_unit(conn: Connection, unit_id: int) -> None:
    delete_beads(conn, UNIT_BEADS, [unit_id])


def _check_bead_free(conn: Connection, set_id: int, bead: str, besides: Sequence[int]) -> None:
    query = select(units.c.id).where(
        units.c.set_id == set_id, units.c.bead == bead, units.c.id.not_in(list(besides))
    )
    if conn.execute(query).first() is not None:
        raise ReviewError("another unit of this document set already holds exactly these segments")


def _log(
    conn: Connection,
    set_id: int,
    action: str,
    now: datetime,
    before: list[dict[str, Any]],
    *,
    created: Sequence[int] = (),
    segment_edits: Sequence[list[Any]] = (),
    pairs: PairChange | None = None,
) -> None:
    """Record the action with the state it replaced (units, segments' texts, pair beads) and the
    versions it left."""
    touched = [shot["id"] for shot in before] + list(created)
    after = dict(
        conn.execute(select(units.c.id, units.c.version).where(units.c.id.in_(touched))).all()
    )
    detail = {
        "before": before,
        "created": list(created),
        "after": {str(uid): version for uid, version in after.items()},
        "segments": list(segment_edits),
        "pairs": pairs.logged(conn) if pairs else None,
    }
    conn.execute(insert(review_actions).values(set_id=set_id, action=action, at=now, detail=detail))


def _save_unit(
    conn: Connection, row: Any, sides: Sides, seg_ids: Mapping[tuple[str, int], int], now: datetime
) -> None:
    """Give ``row`` the bead ``sides`` as a reviewed unit."""
    conn.execute(
        update(units)
        .where(units.c.id == row.id)
        .values(
            bead=bead_key(sides),
            position=anchor_position(sides, order_langs(sides)),
            status="reviewed",
            changed_at=now,
            version=row.version + 1,
        )
    )
    relink(conn, UNIT_BEADS, row.id, links_of(sides, seg_ids))


# --- the actions -----------------------------------------------------------------------------


def set_status(
    conn: Connection, set_id: int, unit_id: int, version: int, status: str
) -> ActionResult:
    """Accept (``reviewed``) or reject (``rejected``) a unit."""
    if status not in ("reviewed", "rejected"):
        raise ReviewError(f"a reviewer sets 'reviewed' or 'rejected', not {status!r}")
    row = _unit_row(conn, set_id, unit_id, version)
    action = "accept" if status == "reviewed" else "reject"
    now = to_db_time(utc_now())
    before = snapshot(conn, UNIT_BEADS, [unit_id])
    sides = parse_bead(row.bead)
    pairs = review_pairs.mark_within(
        conn, set_id, sides, _segment_ids(conn, [unit_id]), status, now
    )
    if row.status != status or pairs.before:  # pair beads of an older review may lag behind
        conn.execute(
            update(units)
            .where(units.c.id == unit_id)
            .values(status=status, changed_at=now, version=row.version + 1)
        )
        _log(conn, set_id, action, now, before, pairs=pairs)
    return ActionResult(action, [unit_id])


def merge_with_next(
    conn: Connection, set_id: int, unit_id: int, version: int, next_id: int, next_version: int
) -> ActionResult:
    """Merge a unit with the next one in document order; the first keeps its id and tuid."""
    row = _unit_row(conn, set_id, unit_id, version)
    following = _neighbour_row(conn, set_id, row, "next", next_id, next_version)
    old = [parse_bead(row.bead), parse_bead(following.bead)]
    merged = merge_sides(*old)
    _check_bead_free(conn, set_id, bead_key(merged), [row.id, following.id])
    now = to_db_time(utc_now())
    before = snapshot(conn, UNIT_BEADS, [row.id, following.id])
    seg_ids = _segment_ids(conn, [row.id, following.id])
    scores = [s for s in (row.score, following.score) if s is not None]
    score = min(scores) if scores else None
    _delete_unit(conn, following.id)
    _save_unit(conn, row, merged, seg_ids, now)
    conn.execute(update(units).where(units.c.id == row.id).values(score=score))
    _refresh_keys(conn, [row.id])
    pairs = review_pairs.reproject(conn, set_id, old, [(merged, score)], row.run_id, seg_ids, now)
    _log(conn, set_id, "merge", now, before, pairs=pairs)
    return ActionResult("merge", [row.id])


def split_unit(
    conn: Connection,
    set_id: int,
    unit_id: int,
    version: int,
    cut: Mapping[str, int] | None = None,
) -> ActionResult:
    """Split a unit in two: the first ``cut[lang]`` segments of each language, then the rest
    (by default after the first segment of each language)."""
    row = _unit_row(conn, set_id, unit_id, version)
    old = parse_bead(row.bead)
    first, second = split_sides(old, cut)
    _check_bead_free(conn, set_id, bead_key(first), [row.id])
    _check_bead_free(conn, set_id, bead_key(second), [row.id])
    now = to_db_time(utc_now())
    before = snapshot(conn, UNIT_BEADS, [row.id])
    seg_ids = _segment_ids(conn, [row.id])
    _save_unit(conn, row, first, seg_ids, now)
    set_key = conn.execute(
        select(document_sets.c.key).where(document_sets.c.id == set_id)
    ).scalar_one()
    second_bead = bead_key(second)
    (tuid,) = free_tuids(conn, [tuid_for(set_key, second_bead)])
    new_id = conn.execute(
        insert(units).values(
            set_id=set_id,
            run_id=row.run_id,
            bead=second_bead,
            position=anchor_position(second, order_langs(second)),
            tuid=tuid,
            score=row.score,
            status="reviewed",
            origin=row.origin,
            created_at=now,
            changed_at=now,
            extra=row.extra,
            version=1,
        )
    ).inserted_primary_key[0]
    relink(conn, UNIT_BEADS, new_id, links_of(second, seg_ids))
    _refresh_keys(conn, [row.id, new_id])
    halves = [(first, row.score), (second, row.score)]
    pairs = review_pairs.reproject(conn, set_id, [old], halves, row.run_id, seg_ids, now)
    _log(conn, set_id, "split", now, before, created=[new_id], pairs=pairs)
    return ActionResult("split", [row.id, new_id])


def move_boundary(
    conn: Connection,
    set_id: int,
    unit_id: int,
    version: int,
    lang: str,
    direction: str,
    neighbour_id: int,
    neighbour_version: int,
) -> ActionResult:
    """Move one ``lang`` segment of a unit to its neighbour: its last one to the next unit
    (``down``) or its first one to the previous unit (``up``). A unit left empty is deleted."""
    row = _unit_row(conn, set_id, unit_id, version)
    if direction == "down":
        upper = row
        lower = _neighbour_row(conn, set_id, row, "next", neighbour_id, neighbour_version)
    elif direction == "up":
        lower = row
        upper = _neighbour_row(conn, set_id, row, "previous", neighbour_id, neighbour_version)
    else:
        raise ReviewError(f"direction must be 'down' or 'up', not {direction!r}")
    old = [parse_bead(upper.bead), parse_bead(lower.bead)]
    top, bottom = move_segment(*old, lang, direction)
    now = to_db_time(utc_now())
    before = snapshot(conn, UNIT_BEADS, [upper.id, lower.id])
    seg_ids = _segment_ids(conn, [upper.id, lower.id])
    kept, new = [], []
    for unit_row, sides in ((upper, top), (lower, bottom)):
        if is_empty(sides):
            _delete_unit(conn, unit_row.id)
    for unit_row, sides in ((upper, top), (lower, bottom)):
        if not is_empty(sides):
            _check_bead_free(conn, set_id, bead_key(sides), [upper.id, lower.id])
            _save_unit(conn, unit_row, sides, seg_ids, now)
            kept.append(unit_row.id)
            new.append((sides, unit_row.score))
    _refresh_keys(conn, kept)
    pairs = review_pairs.reproject(conn, set_id, old, new, row.run_id, seg_ids, now)
    _log(conn, set_id, "move", now, before, pairs=pairs)
    return ActionResult("move", [row.id] if row.id in kept else kept)


def edit_segment(
    conn: Connection,
    set_id: int,
    unit_id: int,
    version: int,
    segment_id: int,
    expected_text: str,
    new_text: str,
) -> ActionResult:
    """Replace a segment's text (an OCR fix); the text tmtool produced stays in
    ``machine_text``."""
    row = _unit_row(conn, set_id, unit_id, version)
    new_text = " ".join(new_text.split())
    if not new_text:
        raise ReviewError("a segment's text cannot be empty; reject the unit instead")
    if storable(new_text)[1]:
        raise ReviewError("a segment's text cannot contain NUL characters or lone surrogates")
    segment = conn.execute(
        select(segments)
        .join(unit_segments, unit_segments.c.segment_id == segments.c.id)
        .where(unit_segments.c.unit_id == row.id, segments.c.id == segment_id)
    ).first()
    if segment is None:
        raise ReviewError(f"segment {segment_id} is not in unit {unit_id}")
    if segment.text != expected_text:
        raise ConflictError(f"this segment's text {STALE}; reload the page to see it")
    if new_text == segment.text:
        return ActionResult("edit", [row.id])
    now = to_db_time(utc_now())
    linked = list(
        conn.execute(
            select(unit_segments.c.unit_id).where(unit_segments.c.segment_id == segment_id)
        ).scalars()
    )
    before = snapshot(conn, UNIT_BEADS, linked)
    conn.execute(
        update(segments)
        .where(segments.c.id == segment_id)
        .values(text=new_text, machine_text=func.coalesce(segments.c.machine_text, segment.text))
    )
    conn.execute(
        update(units)
        .where(units.c.id.in_(linked))
        .values(changed_at=now, version=units.c.version + 1)
    )
    _refresh_keys(conn, linked)
    pairs = review_pairs.retext(conn, segment_id, now)
    edit = [segment_id, segment.text, segment.machine_text, new_text]
    _log(conn, set_id, "edit", now, before, segment_edits=[edit], pairs=pairs)
    return ActionResult("edit", [row.id])


def undo_last(conn: Connection, set_id: int) -> ActionResult:
    """Restore the state before the set's last action that is not undone yet."""
    last = conn.execute(
        select(review_actions)
        .where(review_actions.c.set_id == set_id, review_actions.c.undone_at.is_(None))
        .order_by(review_actions.c.id.desc())
        .limit(1)
    ).first()
    if last is None:
        raise ReviewError("nothing to undo in this document set")
    detail = last.detail
    current = dict(
        conn.execute(
            select(units.c.id, units.c.version).where(
                units.c.id.in_([int(uid) for uid in detail["after"]])
            )
        ).all()
    )
    for uid, version in detail["after"].items():
        if current.get(int(uid)) != version:
            raise ConflictError(
                f"cannot undo the last {last.action}: unit {uid} changed since (re-alignment?)"
            )
    review_pairs.check_undo(conn, detail.get("pairs"), last.action)  # logged since schema 5
    for seg_id, text_before, machine_before, text_after in detail["segments"]:
        text = conn.execute(select(segments.c.text).where(segments.c.id == seg_id)).scalar()
        if text != text_after:
            raise ConflictError(f"cannot undo the last {last.action}: the segment changed since")
        conn.execute(
            update(segments)
            .where(segments.c.id == seg_id)
            .values(text=text_before, machine_text=machine_before)
        )
    for uid in detail["created"]:
        _delete_unit(conn, uid)
    restored = []
    for shot in detail["before"]:
        values = snapshot_row(shot)
        uid = values["id"]
        if uid in current:
            values["version"] = current[uid] + 1
            conn.execute(update(units).where(units.c.id == uid).values(**values))
        else:
            values["version"] = values["version"] + 1
            conn.execute(insert(units).values(**values))
        relink(conn, UNIT_BEADS, uid, shot["links"])
        restored.append(uid)
    _refresh_keys(conn, restored)
    review_pairs.restore(conn, detail.get("pairs"))
    _carry_versions(conn, set_id, last.id, restored)
    conn.execute(
        update(review_actions)
        .where(review_actions.c.id == last.id)
        .values(undone_at=to_db_time(utc_now()))
    )
    return ActionResult(f"undo {last.action}", restored)


def _carry_versions(conn: Connection, set_id: int, undone_id: int, unit_ids: list[int]) -> None:
    """Undo restored ``unit_ids`` to the state earlier actions left, under new versions: record
    those versions on the earlier actions, so that they can be undone in turn."""
    versions = dict(
        conn.execute(select(units.c.id, units.c.version).where(units.c.id.in_(unit_ids))).all()
    )
    pending = {str(uid) for uid in unit_ids}
    earlier = conn.execute(
        select(review_actions.c.id, review_actions.c.detail)
        .where(
            review_actions.c.set_id == set_id,
            review_actions.c.undone_at.is_(None),
            review_actions.c.id < undone_id,
        )
        .order_by(review_actions.c.id.desc())
        .limit(200)
    ).all()
    for action_id, detail in earlier:
        hits = pending & set(detail["after"])
        if not hits:
            continue
        after = {**detail["after"], **{uid: versions[int(uid)] for uid in hits}}
        conn.execute(
            update(review_actions)
            .where(review_actions.c.id == action_id)
            .values(detail={**detail, "after": after})
        )
        pending -= hits
        if not pending:
            return


def history(conn: Connection, set_id: int, limit: int = 20) -> list[tuple[str, datetime, bool]]:
    """The set's latest actions: (action, when, undone), newest first."""
    rows = conn.execute(
        select(review_actions.c.action, review_actions.c.at, review_actions.c.undone_at)
        .where(review_actions.c.set_id == set_id)
        .order_by(review_actions.c.id.desc())
        .limit(limit)
    )
    return [(action, from_db_time(at), undone is not None) for action, at, undone in rows]


class Reviewer:
    """The review functions above, each run in its own transaction on an open ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _run(self, work: Callable[[Connection], T], doing: str) -> T:
        """A reviewer's action: one write transaction."""
        return self.store._transaction(work, doing)

    def _look(self, work: Callable[[Connection], T], doing: str) -> T:
        """A page's reads: one snapshot that takes no write lock."""
        return self.store._read(work, doing)

    def sets(self, low_score: float) -> list[SetOverview]:
        return self._look(lambda conn: list_sets(conn, low_score), "reading document sets")

    def overview(self, set_id: int, low_score: float) -> SetOverview:
        found = self._look(lambda conn: list_sets(conn, low_score, set_id), "reading a set")
        if not found:
            raise ReviewError(f"no document set {set_id} in the memory")
        return found[0]

    def page(self, set_id: int, **options: Any) -> ReviewPage:
        return self._look(lambda conn: read_page(conn, set_id, **options), "reading units")

    def unit(self, set_id: int, unit_id: int) -> ReviewUnit:
        return self._look(lambda conn: read_unit(conn, set_id, unit_id), "reading a unit")

    def history(self, set_id: int) -> list[tuple[str, datetime, bool]]:
        return self._look(lambda conn: history(conn, set_id), "reading the review history")

    def set_status(self, set_id: int, unit_id: int, version: int, status: str) -> ActionResult:
        return self._run(lambda conn: set_status(conn, set_id, unit_id, version, status), "review")

    def merge_with_next(
        self, set_id: int, unit_id: int, version: int, next_id: int, next_version: int
    ) -> ActionResult:
        return self._run(
            lambda conn: merge_with_next(conn, set_id, unit_id, version, next_id, next_version),
            "merge",
        )

    def split(
        self, set_id: int, unit_id: int, version: int, cut: Mapping[str, int] | None = None
    ) -> ActionResult:
        return self._run(lambda conn: split_unit(conn, set_id, unit_id, version, cut), "split")

    def move(
        self,
        set_id: int,
        unit_id: int,
        version: int,
        lang: str,
        direction: str,
        neighbour_id: int,
        neighbour_version: int,
    ) -> ActionResult:
        return self._run(
            lambda conn: move_boundary(
                conn, set_id, unit_id, version, lang, direction, neighbour_id, neighbour_version
            ),
            "move",
        )

    def edit(
        self,
        set_id: int,
        unit_id: int,
        version: int,
        segment_id: int,
        expected_text: str,
        new_text: str,
    ) -> ActionResult:
        return self._run(
            lambda conn: edit_segment(
                conn, set_id, unit_id, version, segment_id, expected_text, new_text
            ),
            "edit",
        )

    def undo(self, set_id: int) -> ActionResult:
        return self._run(lambda conn: undo_last(conn, set_id), "undo")
