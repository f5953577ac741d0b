"""Review actions on a set aligned from three files reach its pair beads (the source of the pair
TMX files): accept/reject mark the pair beads within the unit, merge/split/move replace them by the
new units' projections, edit re-hashes them, undo restores them exactly, and re-alignment keeps
what the reviewer confirmed. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from sqlalchemy import select
from tmx_support import XML_LANG, make_document, run_info

from tmtool.cli import cli
from tmtool.document import Bead, Document, Unit
from tmtool.store import Store, open_store
from tmtool.store.beadops import lies_within, pair_projection
from tmtool.store.review import Reviewer, ReviewUnit
from tmtool.store.schema import pair_bead_segments, pair_beads

NL = ["Zin nul.", "Zin een.", "Zin twee.", "Zin drie.", "Zin vier."]
FR = ["Phrase zéro.", "Phrase un.", "Phrase deux.", "Phrase trois.", "Phrase quatre."]
EN = ["Sentences zero and one.", "Sentence two.", "Sentence three.", "Sentence four."]
#: nl-fr aligns one to one; the English joins Dutch 0 and 1, so the first unit holds both
PAIRS = {
    "fr": [Bead((i,), (i,), score) for i, score in enumerate((0.6, 0.7, 0.8, 0.9, 0.95))],
    "en": [
        Bead((0, 1), (0,), 0.8),
        Bead((2,), (1,), 0.85),
        Bead((3,), (2,), 0.9),
        Bead((4,), (3,), 0.95),
    ],
}
UNITS = [
    Unit({"nl": (0, 1), "fr": (0, 1), "en": (0,)}, 0.6),
    Unit({"nl": (2,), "fr": (2,), "en": (1,)}, 0.8),
    Unit({"nl": (3,), "fr": (3,), "en": (2,)}, 0.9),
    Unit({"nl": (4,), "fr": (4,), "en": (3,)}, 0.95),
]


def documents() -> dict[str, Document]:
    return {
        "nl": make_document("nl", NL, "verklaring"),
        "fr": make_document("fr", FR, "declaration"),
        "en": make_document("en", EN, "statement"),
    }


@pytest.fixture
def memory(db_url: str) -> Iterator[tuple[Reviewer, int, str]]:
    """A memory holding the three-file set: (reviewer, set id, database URL)."""
    with open_store(db_url) as store:
        store.save_alignment(documents(), UNITS, run_info(), PAIRS)
        reviewer = Reviewer(store)
        (overview,) = reviewer.sets(0.5)
        yield reviewer, overview.id, db_url


def units_of(reviewer: Reviewer, set_id: int) -> list[ReviewUnit]:
    return reviewer.page(set_id, limit=100).units


def pair_state(store: Store) -> tuple[set[tuple], set[tuple]]:
    """Every pair bead row and every pair bead link, as they are stored."""
    with store.engine.connect() as conn:
        rows = {tuple(row) for row in conn.execute(select(pair_beads))}
        links = {tuple(row) for row in conn.execute(select(pair_bead_segments))}
    return rows, links


def pair_beads_by_key(store: Store, target: str) -> dict[str, tuple[str, float | None, str]]:
    """The nl-``target`` pair beads: bead → (status, score, tuid)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(pair_beads).where(pair_beads.c.tgt_lang == target))
        return {row.bead: (row.status, row.score, row.tuid) for row in rows}


def statuses(store: Store, target: str) -> dict[str, str]:
    return {bead: status for bead, (status, _, _) in pair_beads_by_key(store, target).items()}


def key_hashes(store: Store) -> dict[str, str | None]:
    with store.engine.connect() as conn:
        return dict(conn.execute(select(pair_beads.c.bead, pair_beads.c.key_hash)).all())


def export_nl_fr(db_url: str, out: Path, *options: str) -> list[dict[str, str | None]]:
    """``tmtool export --langs nl,fr`` → each unit's Dutch, French and x-status."""
    args = ["export", "--db", db_url, "-o", str(out), "--langs", "nl,fr", *options]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    if not out.exists():  # no unit to export: export writes no file and warns (ux19b)
        assert "warning" in result.output, result.output
        return []
    return [
        {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}
        | {"status": tu.findtext("prop[@type='x-status']")}
        for tu in etree.parse(str(out)).getroot().iter("tu")
    ]


def test_projection_and_lying_within() -> None:
    unit = {"nl": (3, 4), "fr": (3,), "en": ()}
    assert pair_projection(unit, "nl", "fr") == {"nl": (3, 4), "fr": (3,)}
    assert pair_projection(unit, "nl", "en") == {"nl": (3, 4), "en": ()}
    assert pair_projection({"nl": (), "fr": (), "en": (5,)}, "nl", "fr") is None
    assert lies_within({"nl": (4,), "fr": ()}, unit)
    assert not lies_within({"nl": (4, 5), "fr": (3,)}, unit)
    assert not lies_within({"nl": (), "fr": ()}, unit)  # an empty bead lies nowhere


def test_accept_and_reject_mark_the_pair_beads_within_the_unit(
    memory: tuple[Reviewer, int, str], tmp_path: Path
) -> None:
    reviewer, set_id, db_url = memory
    store = reviewer.store
    untouched = pair_state(store)
    first, second = units_of(reviewer, set_id)[:2]
    reviewer.set_status(set_id, first.id, first.version, "reviewed")
    reviewer.set_status(set_id, second.id, second.version, "rejected")
    assert statuses(store, "fr") == {
        "fr:0|nl:0": "reviewed",
        "fr:1|nl:1": "reviewed",
        "fr:2|nl:2": "rejected",
        "fr:3|nl:3": "auto",
        "fr:4|nl:4": "auto",
    }
    assert statuses(store, "en") == {
        "en:0|nl:0,1": "reviewed",
        "en:1|nl:2": "rejected",
        "en:2|nl:3": "auto",
        "en:3|nl:4": "auto",
    }
    # the pair file holds the reviewed sentences one by one, as nl-fr aligned them
    reviewed = export_nl_fr(db_url, tmp_path / "reviewed.tmx", "--status", "reviewed")
    assert reviewed == [
        {"nl-BE": NL[0], "fr-BE": FR[0], "status": "reviewed"},
        {"nl-BE": NL[1], "fr-BE": FR[1], "status": "reviewed"},
    ]
    everything = export_nl_fr(db_url, tmp_path / "all.tmx")  # rejected ones are left out
    assert [(tu["nl-BE"], tu["status"]) for tu in everything] == [
        (NL[0], "reviewed"),
        (NL[1], "reviewed"),
        (NL[3], "auto"),
        (NL[4], "auto"),
    ]
    reviewer.undo(set_id)
    reviewer.undo(set_id)
    assert pair_state(store) == untouched


def test_merge_replaces_the_pair_beads_by_the_merged_units_projections(
    memory: tuple[Reviewer, int, str], tmp_path: Path
) -> None:
    reviewer, set_id, db_url = memory
    store = reviewer.store
    untouched = pair_state(store)
    third = units_of(reviewer, set_id)[2]
    reviewer.merge_with_next(set_id, third.id, third.version, third.next.id, third.next.version)
    fr = pair_beads_by_key(store, "fr")
    assert {bead: status for bead, (status, _, _) in fr.items()} == {
        "fr:0|nl:0": "auto",
        "fr:1|nl:1": "auto",
        "fr:2|nl:2": "auto",
        "fr:3,4|nl:3,4": "reviewed",
    }
    assert fr["fr:3,4|nl:3,4"][1] == 0.9  # the lowest confidence of the beads it replaced
    assert statuses(store, "en")["en:2,3|nl:3,4"] == "reviewed"
    assert "en:2|nl:3" not in statuses(store, "en")
    reviewed = export_nl_fr(db_url, tmp_path / "reviewed.tmx", "--status", "reviewed")
    assert reviewed == [
        {"nl-BE": f"{NL[3]} {NL[4]}", "fr-BE": f"{FR[3]} {FR[4]}", "status": "reviewed"}
    ]
    assert len(export_nl_fr(db_url, tmp_path / "all.tmx")) == 4
    reviewer.undo(set_id)
    assert pair_state(store) == untouched
    assert len(export_nl_fr(db_url, tmp_path / "again.tmx", "--status", "reviewed")) == 0


def test_split_gives_each_half_its_projection_and_undo_restores(
    memory: tuple[Reviewer, int, str], tmp_path: Path
) -> None:
    reviewer, set_id, db_url = memory
    store = reviewer.store
    untouched = pair_state(store)
    tuids_before = {bead: tuid for bead, (_, _, tuid) in pair_beads_by_key(store, "fr").items()}
    first = units_of(reviewer, set_id)[0]
    reviewer.split(set_id, first.id, first.version)  # after Dutch 0, French 0 and English 0
    fr = pair_beads_by_key(store, "fr")
    assert fr["fr:0|nl:0"][0] == fr["fr:1|nl:1"][0] == "reviewed"
    # the same beads again: their tuids (derived from set, pair and bead) stay what they were
    assert fr["fr:0|nl:0"][2] == tuids_before["fr:0|nl:0"]
    assert statuses(store, "en") == {
        "en:0|nl:0": "reviewed",
        "en:|nl:1": "reviewed",
        "en:1|nl:2": "auto",
        "en:2|nl:3": "auto",
        "en:3|nl:4": "auto",
    }
    reviewed = export_nl_fr(db_url, tmp_path / "reviewed.tmx", "--status", "reviewed")
    assert [(tu["nl-BE"], tu["fr-BE"]) for tu in reviewed] == [(NL[0], FR[0]), (NL[1], FR[1])]
    reviewer.undo(set_id)
    assert pair_state(store) == untouched


def test_move_replaces_the_pair_it_changes_and_keeps_the_other(
    memory: tuple[Reviewer, int, str], tmp_path: Path
) -> None:
    reviewer, set_id, db_url = memory
    store = reviewer.store
    untouched = pair_state(store)
    en_tuids = {bead: tuid for bead, (_, _, tuid) in pair_beads_by_key(store, "en").items()}
    second, third = units_of(reviewer, set_id)[1:3]
    # French 2 belongs with Dutch 3: move it down
    reviewer.move(set_id, second.id, second.version, "fr", "down", third.id, third.version)
    assert statuses(store, "fr") == {
        "fr:0|nl:0": "auto",
        "fr:1|nl:1": "auto",
        "fr:|nl:2": "reviewed",
        "fr:2,3|nl:3": "reviewed",
        "fr:4|nl:4": "auto",
    }
    # nl-en is as it was: its beads stay (same rows) and are reviewed with their units
    en = pair_beads_by_key(store, "en")
    assert {bead: status for bead, (status, _, _) in en.items()} == {
        "en:0|nl:0,1": "auto",
        "en:1|nl:2": "reviewed",
        "en:2|nl:3": "reviewed",
        "en:3|nl:4": "auto",
    }
    assert {bead: tuid for bead, (_, _, tuid) in en.items()} == en_tuids
    reviewed = export_nl_fr(db_url, tmp_path / "reviewed.tmx", "--status", "reviewed")
    assert reviewed == [{"nl-BE": NL[3], "fr-BE": f"{FR[2]} {FR[3]}", "status": "reviewed"}]
    reviewer.undo(set_id)
    assert pair_state(store) == untouched


def test_edit_rehashes_the_pair_beads_and_undo_restores(
    memory: tuple[Reviewer, int, str], tmp_path: Path
) -> None:
    reviewer, set_id, db_url = memory
    store = reviewer.store
    untouched = pair_state(store)
    hashes_before = key_hashes(store)
    unit = units_of(reviewer, set_id)[1]
    segment = unit.sides["fr"][0]
    reviewer.edit(set_id, unit.id, unit.version, segment.id, segment.text, "Phrase deux, corrigée.")
    hashes = key_hashes(store)
    assert hashes["fr:2|nl:2"] not in (None, hashes_before["fr:2|nl:2"])
    assert {bead: h for bead, h in hashes.items() if bead != "fr:2|nl:2"} == {
        bead: h for bead, h in hashes_before.items() if bead != "fr:2|nl:2"
    }
    exported = export_nl_fr(db_url, tmp_path / "all.tmx")
    assert exported[2]["fr-BE"] == "Phrase deux, corrigée."
    reviewer.undo(set_id)
    assert pair_state(store) == untouched


def test_undo_restores_a_chain_of_actions(memory: tuple[Reviewer, int, str]) -> None:
    reviewer, set_id, _ = memory
    store = reviewer.store
    states = [pair_state(store)]
    first = units_of(reviewer, set_id)[0]
    reviewer.split(set_id, first.id, first.version)
    states.append(pair_state(store))
    first, second = units_of(reviewer, set_id)[:2]
    reviewer.merge_with_next(set_id, first.id, first.version, second.id, second.version)
    states.append(pair_state(store))
    first = units_of(reviewer, set_id)[0]
    reviewer.set_status(set_id, first.id, first.version, "rejected")
    for state in reversed(states):
        reviewer.undo(set_id)
        assert pair_state(store) == state


def test_realignment_keeps_the_reviewed_pair_beads(
    memory: tuple[Reviewer, int, str], tmp_path: Path
) -> None:
    reviewer, set_id, db_url = memory
    store = reviewer.store
    first, _, third, _ = units_of(reviewer, set_id)
    reviewer.set_status(set_id, first.id, first.version, "reviewed")
    reviewer.merge_with_next(set_id, third.id, third.version, third.next.id, third.next.version)
    reviewed_before = {
        bead: value for bead, value in pair_beads_by_key(store, "fr").items() if value[0] != "auto"
    }
    before = export_nl_fr(db_url, tmp_path / "before.tmx", "--status", "reviewed")
    # another run proposes French 3 and 4 apart again, and joins Dutch 0 and 1 for nl-fr
    other = {
        "fr": [Bead((0, 1), (0, 1), 0.5), *(Bead((i,), (i,), 0.5) for i in range(2, 5))],
        "en": PAIRS["en"],
    }
    report = store.save_alignment(documents(), UNITS, run_info(window=9), other)
    # nl-fr 0-1, 3 and 4 and nl-en 3 and 4 touch reviewed pair beads
    assert report.pair_beads.conflicting == 5
    fr = pair_beads_by_key(store, "fr")
    assert {bead: value for bead, value in fr.items() if value[0] != "auto"} == reviewed_before
    assert fr["fr:2|nl:2"] == ("auto", 0.5, fr["fr:2|nl:2"][2])  # refreshed by the new run
    assert export_nl_fr(db_url, tmp_path / "after.tmx", "--status", "reviewed") == before
    assert len(before) == 3


def test_a_set_without_pair_beads_gets_none(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save_alignment(documents(), UNITS, run_info())  # no pairs: units only
        reviewer = Reviewer(store)
        (overview,) = reviewer.sets(0.5)
        first = units_of(reviewer, overview.id)[0]
        reviewer.split(overview.id, first.id, first.version)
        reviewer.set_status(overview.id, first.id, first.version + 1, "reviewed")
        assert pair_state(store) == (set(), set())
