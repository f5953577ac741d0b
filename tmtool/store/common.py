"""Shared by saving alignments and importing TMX: sets, runs, tuids, text keys, bulk inserts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations, islice
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Table, and_, delete, insert, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from tmtool.store.records import RunInfo, sha256_text, to_db_time
from tmtool.store.schema import (
    document_sets,
    pair_bead_segments,
    pair_beads,
    runs,
    search_texts,
    set_members,
    unit_keys,
    unit_segments,
    units,
)

T = TypeVar("T")

#: code points no database text column can hold: NUL and UTF-16 surrogates (lone ones)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

#: how many values go into one ``IN (...)`` list
CHUNK = 500


@dataclass(frozen=True)
class BeadTable:
    """A table of beads (multilingual units or pair beads) and the table linking them to their
    segments, so that saving, re-aligning and reading treat both alike."""

    table: Table
    links: Table
    link_id: Column[int]  # the links' column naming the bead


UNIT_BEADS = BeadTable(units, unit_segments, unit_segments.c.unit_id)
PAIR_BEADS = BeadTable(pair_beads, pair_bead_segments, pair_bead_segments.c.pair_bead_id)


def delete_beads(conn: Connection, kind: BeadTable, ids: list[int]) -> None:
    """Delete beads of ``kind`` with their segment links (and a unit's text keys)."""
    for chunk in batched(ids, CHUNK):
        if kind is UNIT_BEADS:  # (unit embeddings go with the unit: ON DELETE CASCADE)
            conn.execute(delete(unit_keys).where(unit_keys.c.unit_id.in_(chunk)))
            conn.execute(delete(search_texts).where(search_texts.c.unit_id.in_(chunk)))
        conn.execute(delete(kind.links).where(kind.link_id.in_(chunk)))
        conn.execute(delete(kind.table).where(kind.table.c.id.in_(chunk)))


def pair_condition(table: Table, lang_a: str, lang_b: str) -> ColumnElement[bool]:
    """Rows of ``table`` (pair beads) for the pair of ``lang_a`` and ``lang_b``, either way."""
    return or_(
        and_(table.c.src_lang == lang_a, table.c.tgt_lang == lang_b),
        and_(table.c.src_lang == lang_b, table.c.tgt_lang == lang_a),
    )


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def document_name(title: str | None, sha256: str, path: str | None = None) -> str:
    """How the memory names a document to the user: its title, else its file's name, else the
    start of its sha256 (one rule for search, stats, review and lookup)."""
    if title:
        return title
    name = path.replace("\\", "/").rsplit("/", 1)[-1] if path else ""
    return name or sha256[:12]


def storable(text: str) -> tuple[str, int]:
    """``text`` without NUL and lone surrogates, and how many were removed."""
    cleaned, removed = _UNSTORABLE.subn("", text)
    return cleaned, removed


def storable_name(name: str | None) -> str | None:
    """A document's path or title as the memory can hold it: what ``storable`` would remove shows
    as U+FFFD instead. A file name with bytes that are not UTF-8 reaches Python with lone
    surrogates, which the database drivers refuse; the name stays recognisable."""
    return None if name is None else _UNSTORABLE.sub("\ufffd", name)


#: characters XML 1.0 forbids; TMX files cannot hold them, so text keys ignore them
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def normalise_space(text: str) -> str:
    """Text as compared for duplicates: no XML-forbidden characters, whitespace collapsed."""
    return " ".join(_NOT_XML.sub("", text).split())


def text_keys(texts: Mapping[str, str]) -> list[str]:
    """Hashes of the texts of every combination of two or more languages of a unit.

    A TMX unit is a duplicate when the hash of all its languages is among a stored unit's keys,
    i.e. some stored unit has the same texts in those languages (whitespace-normalised).
    """
    langs = sorted(lang for lang, text in texts.items() if text.strip())
    keys = []
    for size in range(2, len(langs) + 1):
        for combo in combinations(langs, size):
            keys.append(full_key({lang: texts[lang] for lang in combo}))
    return keys


def full_key(texts: Mapping[str, str]) -> str:
    parts = [f"{lang}\x1f{normalise_space(texts[lang])}" for lang in sorted(texts)]
    return sha256_text("\x1e".join(parts))


def bead_key(sides: Mapping[str, Sequence[int]]) -> str:
    """Canonical bead string, e.g. ``en:|fr:3|nl:3,4`` (languages sorted, empty sides kept)."""
    return "|".join(f"{lang}:{','.join(map(str, sides[lang]))}" for lang in sorted(sides))


def pair_tuid_seed(set_key: str, source: str, target: str) -> str:
    """What the tuids of one pair's beads in a set are derived from (``tuid_for``); a set's
    units' tuids start from the set key alone."""
    return f"{set_key}|{source}>{target}"


def tuid_for(seed: str, bead: str) -> str:
    """The tuid a bead gets (before ``free_tuids`` makes it unique): ``tm-`` + 20 hex digits."""
    return f"tm-{sha256_text(f'{seed}|{bead}')[:20]}"


def pair_key_hash(side_texts: Mapping[str, str]) -> str | None:
    """A pair bead's text hash (as ``unit_keys``), from its non-empty sides' joined texts; None
    for a 1-0 or 0-1 bead."""
    return full_key(side_texts) if len(side_texts) == 2 else None


def parse_bead(bead: str) -> dict[str, tuple[int, ...]]:
    sides: dict[str, tuple[int, ...]] = {}
    for part in bead.split("|"):
        lang, _, positions = part.partition(":")
        sides[lang] = tuple(int(p) for p in positions.split(",") if p)
    return sides


def insert_returning_ids(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows and return their new ids in the order of ``rows``."""
    if not rows:
        return []
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(conn.execute(stmt, rows).scalars())


def get_or_create_set(
    conn: Connection, key: str, kind: str, members: Mapping[str, int], now: datetime
) -> int:
    """The id of the document set with ``key`` (created if new), with ``members`` added: saving
    the same documents again finds their set instead of making a second one."""
    set_id = conn.execute(select(document_sets.c.id).where(document_sets.c.key == key)).scalar()
    if set_id is None:
        set_id = conn.execute(
            insert(document_sets).values(key=key, kind=kind, created_at=now)
        ).inserted_primary_key[0]
    add_set_members(conn, set_id, members)
    return int(set_id)


def add_set_members(conn: Connection, set_id: int, members: Mapping[str, int]) -> None:
    """Add the set's documents (language → document id) for the languages it lacks."""
    present = set(
        conn.execute(select(set_members.c.lang).where(set_members.c.set_id == set_id)).scalars()
    )
    rows = [
        {"set_id": set_id, "lang": lang, "document_id": doc_id}
        for lang, doc_id in members.items()
        if lang not in present
    ]
    if rows:
        conn.execute(insert(set_members), rows)


def set_key(hashes: Mapping[str, str]) -> str:
    """A document set's identity: its members' content hashes by language."""
    return sha256_text("|".join(f"{lang}:{hashes[lang]}" for lang in sorted(hashes)))


def run_identity(set_id: int, kind: str, run: RunInfo) -> dict[str, object]:
    """The columns that make two runs the same run."""
    return {
        "set_id": set_id,
        "kind": kind,
        "encoder": run.encoder,
        "encoder_version": run.encoder_version,
        "aligner": run.aligner,
        "params_hash": sha256_text(run.params_json),
    }


def find_run(conn: Connection, hashes: Mapping[str, str], kind: str, run: RunInfo) -> int | None:
    """The id of the stored run identical to ``run`` on the set of ``hashes``, made by the same
    tmtool version (so segmentation is the same too), or None."""
    set_id = conn.execute(
        select(document_sets.c.id).where(document_sets.c.key == set_key(hashes))
    ).scalar()
    if set_id is None:
        return None
    identity = run_identity(set_id, kind, run)
    return conn.execute(
        select(runs.c.id).where(
            *(runs.c[name] == value for name, value in identity.items()),
            runs.c.tool_version == run.tool_version,
        )
    ).scalar()


def get_or_create_run(
    conn: Connection, set_id: int, kind: str, run: RunInfo, now: datetime
) -> tuple[int, bool]:
    """The id of the identical earlier run (reused=True) or of a newly recorded one."""
    identity = run_identity(set_id, kind, run)
    query = select(runs.c.id).where(*(runs.c[name] == value for name, value in identity.items()))
    run_id = conn.execute(query).scalar()
    if run_id is not None:
        conn.execute(update(runs).where(runs.c.id == run_id).values(saved_at=now))
        return int(run_id), True
    values = {
        **identity,
        "params": json.loads(run.params_json),
        "pivot": run.pivot,
        "tool_version": run.tool_version,
        "started_at": to_db_time(run.started_at),
        "saved_at": now,
    }
    return int(conn.execute(insert(runs).values(**values)).inserted_primary_key[0]), False


def free_tuids(conn: Connection, candidates: Sequence[str], table: Table = units) -> list[str]:
    """``candidates`` made unique against ``table``'s tuids and each other (``-2``, ``-3``...)."""
    taken: set[str] = set()
    for chunk in batched(candidates, CHUNK):
        taken.update(conn.execute(select(table.c.tuid).where(table.c.tuid.in_(chunk))).scalars())
    result: list[str] = []
    used: set[str] = set()
    for candidate in candidates:
        tuid, n = candidate, 1
        while tuid in taken or tuid in used:
            n += 1
            tuid = f"{candidate}-{n}"
            if tuid not in used and tuid not in taken:
                exists = conn.execute(select(table.c.id).where(table.c.tuid == tuid)).first()
                if exists:
                    taken.add(tuid)
        used.add(tuid)
        result.append(tuid)
    return result
