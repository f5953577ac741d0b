"""The search index stays consistent with the units through imports, re-alignments, deletions and
status changes (property-based, against a brute-force scan), and old memories are migrated."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_history import downgrade
from sqlalchemy import Connection, delete, select, text
from tmx_support import make_document, run_info

from tmtool.document import Segment, Unit
from tmtool.fold import fold
from tmtool.search import VISIBLE, matching_rows, parse_query, scan_tiers
from tmtool.store import ImportedUnit, ImportSource, Store, UnitFilter, open_store
from tmtool.store.fulltext import FTS_TABLE
from tmtool.store.schema import search_texts, units

WORDS = [
    "sécurité", "Securite", "België", "belgie", "terrorisme", "antiterrorismebeleid", "de", "EU",
    "strijd", "sociale", "zekerheid", "l'État", "etat", "la", "radicalisering", "Straße", "ok",
]  # fmt: skip
QUERIES = [
    "securite",
    "belgie terrorisme",
    "de",
    "terror*",
    '"sociale zekerheid"',
    "etat la strijd",
    "strasse",
    "eu radical*",
]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)


def every_unit(store: Store) -> list[Any]:
    return list(store.iter_units(UnitFilter(statuses=("auto", "reviewed", "rejected"))))


def check_consistent(store: Store) -> None:
    """Index rows equal the folded unit texts, and every query finds what a scan finds."""
    stored = every_unit(store)
    expected = {
        (unit.id, lang): fold(side.text)
        for unit in stored
        for lang, side in unit.sides.items()
        if side.text.strip()
    }
    visible = [
        (unit.id, lang, side.text)
        for unit in stored
        if unit.status in VISIBLE
        for lang, side in unit.sides.items()
        if side.text.strip()
    ]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(search_texts.c.unit_id, search_texts.c.lang, search_texts.c.folded)
        ).all()
        assert {(u, lang): folded for u, lang, folded in rows} == expected
        assert len(rows) == len(expected)
        if conn.dialect.name == "sqlite":  # FTS5 checks its index against search_texts
            conn.execute(
                text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
            )
        for query_text in QUERIES:
            query = parse_query(query_text)
            found = {
                (row.unit_id, row.lang): tier
                for row, tier, _ in matching_rows(conn, query, limit=None)
            }
            assert found == scan_tiers(visible, query), query_text


def _source(key: str) -> ImportSource:
    sha = hashlib.sha256(key.encode()).hexdigest()
    return ImportSource(sha256=sha, path=f"{key}.tmx", title=key, creation_tool="test")


operation = st.one_of(
    st.tuples(st.just("import"), st.lists(st.tuples(sentence, sentence), min_size=1, max_size=4)),
    st.tuples(st.just("align"), st.lists(st.booleans(), min_size=4, max_size=4), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("reject"), st.integers(0, 50)),
)


def apply(store: Store, step: int, op: tuple[Any, ...], nl: list[str], fr: list[str]) -> None:
    kind = op[0]
    if kind == "import":
        items = [ImportedUnit(texts={"nl": a, "fr": b}) for a, b in op[1]]
        store.import_units(items, _source(f"import-{step}-{op[1]!r}"), run_info())
    elif kind == "align":
        # merge segment i with i+1 where the flag says so: each setting gives other beads, and a
        # re-alignment replaces the automatic units of the previous one
        beads, i = [], 0
        while i < len(nl):
            if i + 1 < len(nl) and op[1][i]:
                beads.append(Unit({"nl": (i, i + 1), "fr": (i, i + 1)}, 0.5))
                i += 2
            else:
                beads.append(Unit({"nl": (i,), "fr": (i,)}, 0.9))
                i += 1
        docs = {"nl": make_document("nl", nl), "fr": make_document("fr", fr)}
        store.save_alignment(docs, beads, run_info(setting=op[2], flags=op[1]))
    else:
        stored = every_unit(store)
        if not stored:
            return
        unit = stored[op[1] % len(stored)]
        if kind == "reject":
            store.set_status([unit.tuid], "rejected")
        else:  # a plain row delete: the index rows go by ON DELETE CASCADE
            with store.engine.begin() as conn:
                conn.execute(delete(units).where(units.c.id == unit.id))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    nl=st.lists(sentence, min_size=4, max_size=4),
    fr=st.lists(sentence, min_size=4, max_size=4),
    ops=st.lists(operation, min_size=1, max_size=5),
)
def test_index_matches_brute_force_scan(
    tm_store: Store, nl: list[str], fr: list[str], ops: list[tuple[Any, ...]]
) -> None:
    # the memory persists across examples: the invariant must hold whatever came before
    for step, op in enumerate(ops):
        apply(tm_store, step, op, nl, fr)
        check_consistent(tm_store)


def test_resegmented_document_drops_its_index_rows(tm_store: Store) -> None:
    nl = ["De strijd tegen terrorisme.", "Sociale zekerheid."]
    fr = ["La lutte contre le terrorisme.", "La sécurité sociale."]
    docs = {"nl": make_document("nl", nl), "fr": make_document("fr", fr)}
    tm_store.save_alignment(docs, [Unit({"nl": (0,), "fr": (0,)}, 0.9)], run_info())
    check_consistent(tm_store)
    # the same Dutch file cut differently: its units (and their index rows) are dropped
    one_cut = [Segment(0, " ".join(nl), " ".join(nl))]
    resegmented = {"nl": replace(docs["nl"], segments=one_cut), "fr": docs["fr"]}
    tm_store.save_alignment(resegmented, [Unit({"nl": (), "fr": (1,)}, 0.8)], run_info(v=2))
    check_consistent(tm_store)
    with tm_store.engine.connect() as conn:
        assert matching_rows(conn, parse_query("terrorisme")) == []
        assert [r.lang for r, _, _ in matching_rows(conn, parse_query("sociale"))] == ["fr"]


def _drop_search_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"DROP TABLE {FTS_TABLE}")
    search_texts.drop(conn)


@pytest.mark.parametrize("made_by", ["version 1", "placeholder step"])
def test_old_memory_is_migrated_and_indexed(db_url: str, made_by: str) -> None:
    texts = [{"nl": "De strijd tegen terrorisme.", "fr": "La lutte contre le terrorisme."}]
    with open_store(db_url) as store:
        store.import_units([ImportedUnit(texts=t) for t in texts], _source("old"), run_info())
        with store.engine.begin() as conn:
            if made_by == "version 1":  # undo everything later schema steps added
                downgrade(conn, 1)
            else:
                _drop_search_index(conn)
            # else: the current version without the index, as a build whose step 2→3 was a
            # placeholder left it
    with open_store(db_url) as store:
        check_consistent(store)
        with store.engine.connect() as conn:
            hits = matching_rows(conn, parse_query("terrorisme"))
        assert sorted(row.lang for row, _, _ in hits) == ["fr", "nl"]
        # and the triggers work on the migrated memory
        store.import_units(
            [ImportedUnit(texts={"nl": "Nieuw terrorisme.", "fr": "Nouveau."})],
            _source("new"),
            run_info(),
        )
        check_consistent(store)
