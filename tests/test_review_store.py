"""Review actions in the store: pure bead functions, each action and its undo, version checks,
re-alignment keeping reviewed work, the schema step 4→5 and `export --status reviewed`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from review_support import beads, build_set, document, nl_positions
from schema_history import downgrade
from sqlalchemy import select

from tmtool.cli import cli
from tmtool.document import Unit
from tmtool.errors import ConflictError, ReviewError
from tmtool.review.search import find_units
from tmtool.search import QueryError
from tmtool.store import RunInfo, Store, open_store
from tmtool.store.beadops import anchor_position, merge_sides, move_segment, split_sides
from tmtool.store.review import Reviewer
from tmtool.store.schema import SCHEMA_VERSION, segments, unit_keys, unit_segments, units

# --- pure functions over positions -----------------------------------------------------------


def test_merge_sides_unions_each_language_in_order() -> None:
    assert merge_sides({"nl": (3,), "fr": (3,)}, {"nl": (4,), "fr": ()}) == {
        "fr": (3,),
        "nl": (3, 4),
    }


def test_split_sides_default_and_explicit_cut() -> None:
    sides = {"nl": (3, 4, 5), "fr": (3, 4)}
    assert split_sides(sides) == ({"nl": (3,), "fr": (3,)}, {"nl": (4, 5), "fr": (4,)})
    assert split_sides(sides, {"nl": 2, "fr": 2}) == (
        {"nl": (3, 4), "fr": (3, 4)},
        {"nl": (5,), "fr": ()},
    )
    with pytest.raises(ReviewError, match="nothing to split"):
        split_sides({"nl": (3,), "fr": (3,)})
    with pytest.raises(ReviewError, match="cannot cut"):
        split_sides(sides, {"nl": 4})


def test_move_segment_both_directions() -> None:
    upper, lower = {"nl": (1, 2), "fr": (1,)}, {"nl": (3,), "fr": (2,)}
    assert move_segment(upper, lower, "nl", "down") == (
        {"nl": (1,), "fr": (1,)},
        {"nl": (2, 3), "fr": (2,)},
    )
    assert move_segment(upper, lower, "fr", "up") == (
        {"nl": (1, 2), "fr": (1, 2)},
        {"nl": (3,), "fr": ()},
    )
    with pytest.raises(ReviewError, match="no en segment"):
        move_segment(upper, lower, "en", "down")


def test_anchor_position_prefers_the_first_language_with_text() -> None:
    assert anchor_position({"nl": (), "fr": (7, 8)}, ["nl", "fr"]) == 7
    assert anchor_position({"nl": (4,), "fr": (2,)}, ["nl", "fr"]) == 4


# --- actions on both backends ----------------------------------------------------------------


def unit_rows(store: Store, set_id: int) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(units).where(units.c.set_id == set_id).order_by(units.c.position, units.c.id)
        )
        return [dict(row._mapping) for row in rows]


def links(store: Store) -> set[tuple]:
    with store.engine.connect() as conn:
        return {tuple(row) for row in conn.execute(select(unit_segments))}


def keys(store: Store) -> set[tuple]:
    with store.engine.connect() as conn:
        return {tuple(row) for row in conn.execute(select(unit_keys))}


def without_versions(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in ("version", "changed_at")} for row in rows]


@pytest.fixture
def review(tm_store: Store) -> tuple[Reviewer, int]:
    return Reviewer(tm_store), build_set(tm_store, 6)


def test_accept_reject_and_version_check(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    first, second = reviewer.page(set_id, limit=2).units
    reviewer.set_status(set_id, first.id, first.version, "reviewed")
    reviewer.set_status(set_id, second.id, second.version, "rejected")
    assert [s for _, s in beads(reviewer.store, set_id)][:3] == ["reviewed", "rejected", "auto"]
    with pytest.raises(ConflictError, match="another tab"):  # the page is now stale
        reviewer.set_status(set_id, first.id, first.version, "rejected")
    assert beads(reviewer.store, set_id)[0][1] == "reviewed"
    overview = reviewer.overview(set_id, 0.5)
    assert (overview.units, overview.reviewed, overview.rejected) == (6, 1, 1)
    assert overview.documents == {"nl": "decl-nl", "fr": "decl-fr", "en": "decl-en"}


def test_merge_and_undo_restore_everything(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    store = reviewer.store
    before_rows, before_links, before_keys = unit_rows(store, set_id), links(store), keys(store)
    unit = reviewer.page(set_id, offset=1, limit=1).units[0]
    assert unit.next is not None
    result = reviewer.merge_with_next(
        set_id, unit.id, unit.version, unit.next.id, unit.next.version
    )
    assert result.unit_ids == [unit.id]
    assert nl_positions(store, set_id) == [(0,), (1, 2), (3,), (4,), (5,)]
    merged = reviewer.unit(set_id, unit.id)
    assert merged.status == "reviewed" and merged.tuid == unit.tuid
    assert [s.position for s in merged.sides["fr"]] == [1, 2]
    assert len(keys(store)) == len(before_keys) - 4  # the unit gone had 4 keys (nl,fr,en combos)

    reviewer.undo(set_id)
    assert without_versions(unit_rows(store, set_id)) == without_versions(before_rows)
    assert links(store) == before_links and keys(store) == before_keys
    with pytest.raises(ReviewError, match="nothing to undo"):
        reviewer.undo(set_id)


def test_merge_checks_the_neighbour_shown(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    first, second, third = reviewer.page(set_id, limit=3).units
    reviewer.set_status(set_id, second.id, second.version, "reviewed")
    with pytest.raises(ConflictError, match="next unit"):
        reviewer.merge_with_next(set_id, first.id, first.version, second.id, second.version)
    with pytest.raises(ConflictError):  # not the neighbour at all
        reviewer.merge_with_next(set_id, first.id, first.version, third.id, third.version)
    assert nl_positions(reviewer.store, set_id) == [(i,) for i in range(6)]


def test_split_and_undo(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    store = reviewer.store
    unit = reviewer.page(set_id, limit=1).units[0]
    reviewer.merge_with_next(set_id, unit.id, unit.version, unit.next.id, unit.next.version)
    merged = reviewer.unit(set_id, unit.id)
    with pytest.raises(ReviewError, match="nothing to split"):
        reviewer.split(set_id, merged.next.id, merged.next.version)
    result = reviewer.split(set_id, merged.id, merged.version)
    assert nl_positions(store, set_id) == [(i,) for i in range(6)]
    assert [s for _, s in beads(store, set_id)][:2] == ["reviewed", "reviewed"]
    new = reviewer.unit(set_id, result.unit_ids[1])
    assert new.tuid.startswith("tm-") and new.tuid != merged.tuid
    reviewer.undo(set_id)  # back to the merged unit
    assert nl_positions(store, set_id) == [(0, 1), (2,), (3,), (4,), (5,)]
    reviewer.undo(set_id)  # back to the aligner's units
    assert beads(store, set_id)[:2] == [("en:0|fr:0|nl:0", "auto"), ("en:1|fr:1|nl:1", "auto")]


def test_move_a_boundary_and_empty_unit(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    store = reviewer.store
    first, second = reviewer.page(set_id, limit=2).units
    reviewer.move(set_id, first.id, first.version, "fr", "down", second.id, second.version)
    assert beads(store, set_id)[:2] == [
        ("en:0|fr:|nl:0", "reviewed"),
        ("en:1|fr:0,1|nl:1", "reviewed"),
    ]
    second = reviewer.unit(set_id, second.id)
    first = reviewer.unit(set_id, first.id)
    reviewer.move(set_id, second.id, second.version, "fr", "up", first.id, first.version)
    assert beads(store, set_id)[0][0] == "en:0|fr:0|nl:0"
    # moving every segment of a unit away deletes it
    first = reviewer.unit(set_id, first.id)
    second = reviewer.unit(set_id, second.id)
    for lang in ("nl", "fr", "en"):
        first = reviewer.unit(set_id, first.id)
        second = reviewer.unit(set_id, second.id)
        reviewer.move(set_id, first.id, first.version, lang, "down", second.id, second.version)
    assert nl_positions(store, set_id)[0] == (0, 1)
    assert len(beads(store, set_id)) == 5
    for _ in range(3):
        reviewer.undo(set_id)
    assert nl_positions(store, set_id)[:2] == [(0,), (1,)]


def test_edit_keeps_the_machine_text_and_undo(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    unit = reviewer.page(set_id, limit=1).units[0]
    segment = unit.sides["nl"][0]
    with pytest.raises(ConflictError):
        reviewer.edit(set_id, unit.id, unit.version, segment.id, "stale text", "Nieuw.")
    reviewer.edit(set_id, unit.id, unit.version, segment.id, segment.text, "  Zin  nummer nul. ")
    edited = reviewer.unit(set_id, unit.id).sides["nl"][0]
    assert (edited.text, edited.machine_text, edited.original) == (
        "Zin nummer nul.",
        "Zin nummer 0.",
        "Zin nummer 0.",
    )
    assert edited.edited and reviewer.unit(set_id, unit.id).status == "auto"
    assert find_units(reviewer, set_id, "NUMMER NUL") == [unit.id]  # the index follows edits
    assert reviewer.history(set_id)[0][0] == "edit"
    reviewer.undo(set_id)
    restored = reviewer.unit(set_id, unit.id).sides["nl"][0]
    assert (restored.text, restored.machine_text) == ("Zin nummer 0.", None)
    assert reviewer.history(set_id)[0][2] is True  # marked undone


@pytest.mark.parametrize("bad", ["\x00", "\ud800"], ids=["NUL", "lone surrogate"])
def test_edit_refuses_what_no_database_column_holds(review: tuple[Reviewer, int], bad: str) -> None:
    """The memory's one rule (``storable``): a lone surrogate was a UnicodeEncodeError traceback."""
    reviewer, set_id = review
    unit = reviewer.page(set_id, limit=1).units[0]
    segment = unit.sides["nl"][0]
    with pytest.raises(ReviewError, match="cannot contain NUL characters or lone surrogates"):
        reviewer.edit(set_id, unit.id, unit.version, segment.id, segment.text, f"Zin {bad} x.")
    assert reviewer.unit(set_id, unit.id) == unit


def test_search_box_uses_tmtool_search_within_the_set(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    build_set(reviewer.store, 4, tag="other")  # another set with the same words
    ids = [unit.id for unit in reviewer.page(set_id, limit=10).units]
    assert find_units(reviewer, set_id, "nummer") == sorted(ids[:2] + ids[3:])  # not the other set
    assert find_units(reviewer, set_id, "NÚMMER") == find_units(reviewer, set_id, "nummer")
    assert find_units(reviewer, set_id, "phrase 4") == [ids[4]]  # every word, any language
    assert find_units(reviewer, set_id, '"nummer 3"') == [ids[3]]
    assert find_units(reviewer, set_id, "numm* 1") == [ids[1]]
    assert find_units(reviewer, set_id, "umme") == find_units(reviewer, set_id, "nummer")  # infix
    assert find_units(reviewer, set_id, "ummer*") == []  # a prefix starts a word
    with pytest.raises(QueryError, match="nothing to search for"):  # as `tmtool search` (ux19b)
        find_units(reviewer, set_id, "%")
    assert find_units(reviewer, set_id, "<script>") == [ids[2]]
    reviewer.set_status(set_id, ids[0], reviewer.unit(set_id, ids[0]).version, "rejected")
    assert ids[0] in find_units(reviewer, set_id, "nummer")  # rejected units stay findable


def test_page_filters_and_order(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    everything = reviewer.page(set_id, limit=10).units
    reviewer.set_status(set_id, everything[0].id, everything[0].version, "reviewed")
    open_page = reviewer.page(set_id, open_only=True, limit=10)
    assert open_page.total == 5 and everything[0].id not in [u.id for u in open_page.units]
    scores = [u.score for u in reviewer.page(set_id, by_score=True, limit=10).units]
    assert scores == sorted(scores)
    assert [u.number for u in everything] == [1, 2, 3, 4, 5, 6]
    assert everything[0].previous is None and everything[0].next.id == everything[1].id


def test_realignment_keeps_reviewed_corrections_and_edits(review: tuple[Reviewer, int]) -> None:
    reviewer, set_id = review
    store = reviewer.store
    unit = reviewer.page(set_id, limit=1).units[0]
    reviewer.merge_with_next(set_id, unit.id, unit.version, unit.next.id, unit.next.version)
    third = reviewer.page(set_id, offset=1, limit=1).units[0]
    seg = third.sides["fr"][0]
    reviewer.edit(set_id, third.id, third.version, seg.id, seg.text, "Phrase corrigée.")
    docs = {lang: document(lang, 6, "decl") for lang in ("nl", "fr", "en")}
    beads_again = [Unit({"nl": (i,), "fr": (i,), "en": (i,)}, 0.5) for i in range(6)]
    run = RunInfo("other", "2", {"tag": "again"}, "0", unit_rows(store, set_id)[0]["created_at"])
    report = store.save_alignment(docs, beads_again, run)
    assert report.documents_resegmented == 0  # the edit is not a new segmentation
    assert report.units.conflicting == 2  # 0 and 1 are in the reviewed merged unit
    assert nl_positions(store, set_id) == [(0, 1), (2,), (3,), (4,), (5,)]
    with store.engine.connect() as conn:
        texts = set(conn.execute(select(segments.c.text)).scalars())
    assert "Phrase corrigée." in texts


# --- schema step 4→5 -------------------------------------------------------------------------


def test_a_version_1_memory_migrates(db_url: str) -> None:
    with open_store(db_url) as store:
        set_id = build_set(store, 3)
        with store.engine.begin() as conn:
            downgrade(conn, 1)
    with open_store(db_url, create=False) as store:
        assert store.schema_version == SCHEMA_VERSION
        reviewer = Reviewer(store)
        unit = reviewer.page(set_id, limit=1).units[0]
        assert unit.version == 1
        reviewer.set_status(set_id, unit.id, 1, "reviewed")
        reviewer.undo(set_id)
        assert beads(store, set_id)[0][1] == "auto"


# --- export ----------------------------------------------------------------------------------


def test_export_status_reviewed_and_x_status(tmp_path: Path) -> None:
    db = str(tmp_path / "tm.db")
    with open_store(db) as store:
        set_id = build_set(store, 4)
        reviewer = Reviewer(store)
        first, second = reviewer.page(set_id, limit=2).units
        reviewer.set_status(set_id, first.id, first.version, "reviewed")
        reviewer.set_status(set_id, second.id, second.version, "rejected")
    out = tmp_path / "reviewed.tmx"
    result = CliRunner().invoke(
        cli, ["export", "--db", db, "-o", str(out), "--langs", "nl,fr", "--status", "reviewed"]
    )
    assert result.exit_code == 0, result.output
    tus = etree.parse(str(out)).getroot().findall(".//tu")
    assert len(tus) == 1
    assert tus[0].find("prop[@type='x-status']").text == "reviewed"
    everything = tmp_path / "all.tmx"
    CliRunner().invoke(cli, ["export", "--db", db, "-o", str(everything), "--langs", "nl,fr"])
    statuses = [p.text for p in etree.parse(str(everything)).getroot().iter("prop")
                if p.get("type") == "x-status"]  # fmt: skip
    assert sorted(statuses) == ["auto", "auto", "reviewed"]  # rejected units are left out
