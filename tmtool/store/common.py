"""Shared by saving alignments and importing TMX: sets, runs, tuids, text keys, bulk inserts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import combinations, islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, insert, select, update

from tmtool.store.records import RunInfo, sha256_text, to_db_time
from tmtool.store.schema import document_sets, runs, set_members, units

T = TypeVar("T")

#: code points no database text column can hold: NUL and UTF-16 surrogates (lone ones)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

#: how many values go into one ``IN (...)`` list
CHUNK = 500


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def storable(text: str) -> tuple[str, int]:
    """``text`` without NUL and lone surrogates, and how many were removed."""
    cleaned, removed = _UNSTORABLE.subn("", text)
    return cleaned, removed


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
    set_id = conn.execute(select(document_sets.c.id).where(document_sets.c.key == key)).scalar()
    if set_id is None:
        set_id = conn.execute(
            insert(document_sets).values(key=key, kind=kind, created_at=now)
        ).inserted_primary_key[0]
    add_set_members(conn, set_id, members)
    return int(set_id)


def add_set_members(conn: Connection, set_id: int, members: Mapping[str, int]) -> None:
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
        "tool_version": run.tool_version,
        "started_at": to_db_time(run.started_at),
        "saved_at": now,
    }
    return int(conn.execute(insert(runs).values(**values)).inserted_primary_key[0]), False


def free_tuids(conn: Connection, candidates: Sequence[str]) -> list[str]:
    """``candidates`` made unique against the memory and each other (``-2``, ``-3``... appended)."""
    taken: set[str] = set()
    for chunk in batched(candidates, CHUNK):
        taken.update(conn.execute(select(units.c.tuid).where(units.c.tuid.in_(chunk))).scalars())
    result: list[str] = []
    used: set[str] = set()
    for candidate in candidates:
        tuid, n = candidate, 1
        while tuid in taken or tuid in used:
            n += 1
            tuid = f"{candidate}-{n}"
            if tuid not in used and tuid not in taken:
                exists = conn.execute(select(units.c.id).where(units.c.tuid == tuid)).first()
                if exists:
                    taken.add(tuid)
        used.add(tuid)
        result.append(tuid)
    return result
