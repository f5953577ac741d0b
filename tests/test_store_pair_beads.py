"""Per-pair beads (schema version 2): stored with their own confidence, pair TMX files made from
them, the run's pivot as their source, re-alignment rules as for units, migration from version 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from schema_history import downgrade
from sqlalchemy import func, select
from tmx_support import XML_LANG, make_document, run_info, tmx_rows

from tmtool.document import Bead, Document, Unit
from tmtool.errors import StoreError
from tmtool.exchange import export_run, export_tmx, write_tmx
from tmtool.store import Store, StoredUnit, UnitFilter, open_store
from tmtool.store.schema import SCHEMA_VERSION, pair_bead_segments, pair_beads

NL = ["Eerste zin.", "Tweede zin.", "Derde zin.", "Vierde zin."]
FR = ["Première phrase.", "Deuxième phrase.", "Troisième phrase.", "Quatrième phrase."]
EN = ["First and second sentence.", "Third sentence.", "Fourth sentence."]
#: nl-fr aligns one to one; the English merges Dutch 0 and 1, so the unit joins them
PAIRS = {
    "fr": [Bead((0,), (0,), 0.4), Bead((1,), (1,), 0.55), Bead((2,), (2,), 0.9), Bead((3,), (3,))],
    "en": [Bead((0, 1), (0,), 0.8), Bead((2,), (1,), 0.9), Bead((3,), (2,), 0.95)],
}
UNITS = [
    Unit({"nl": (0, 1), "fr": (0, 1), "en": (0,)}, 0.4, {"fr": 0.4, "en": 0.8}),
    Unit({"nl": (2,), "fr": (2,), "en": (1,)}, 0.9, {"fr": 0.9, "en": 0.9}),
    Unit({"nl": (3,), "fr": (3,), "en": (2,)}, 0.95, {"fr": 1.0, "en": 0.95}),
]


def documents() -> dict[str, Document]:
    return {
        "nl": make_document("nl", NL, "verklaring"),
        "fr": make_document("fr", FR, "declaration"),
        "en": make_document("en", EN, "statement"),
    }


def save(store: Store, pairs=PAIRS, units=UNITS, **params: object):  # type: ignore[no-untyped-def]
    return store.save_alignment(documents(), units, run_info(**params), pairs)


def pair_rows(store: Store) -> dict[tuple[str, str, str], tuple[float, str, str]]:
    """(source, target, bead) → (score, status, tuid) of every stored pair bead."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(pair_beads)).all()
    return {(r.src_lang, r.tgt_lang, r.bead): (r.score, r.status, r.tuid) for r in rows}


def pair_units(store: Store, a: str, b: str, **filters: object) -> list[StoredUnit]:
    where = UnitFilter(**{"statuses": ("auto", "reviewed", "rejected"), **filters})  # type: ignore[arg-type]
    return list(store.iter_pair(a, b, where))


def test_pair_beads_are_stored_with_their_own_confidence(tm_store: Store) -> None:
    report = save(tm_store)
    assert report.units.added == 3
    assert report.pair_beads.added == 7
    stored = pair_rows(tm_store)
    assert {key: value[0] for key, value in stored.items()} == {
        ("nl", "fr", "fr:0|nl:0"): 0.4,
        ("nl", "fr", "fr:1|nl:1"): 0.55,
        ("nl", "fr", "fr:2|nl:2"): 0.9,
        ("nl", "fr", "fr:3|nl:3"): 1.0,
        ("nl", "en", "en:0|nl:0,1"): 0.8,
        ("nl", "en", "en:1|nl:2"): 0.9,
        ("nl", "en", "en:2|nl:3"): 0.95,
    }
    unit_tuids = set(tm_store.tuids())
    assert len({value[2] for value in stored.values()} | unit_tuids) == 7 + 3
    with tm_store.engine.connect() as conn:
        links = conn.execute(select(func.count()).select_from(pair_bead_segments)).scalar()
    assert links == 2 * 4 + (2 + 1) + 2 + 2
    stats = tm_store.stats()
    assert stats.pair_beads == {("nl", "fr"): 4, ("nl", "en"): 3}
    assert stats.runs[0].pivot == "nl" and stats.runs[0].pair_beads == 7


def test_pair_file_keeps_sentences_a_third_language_merged(tm_store: Store, tmp_path: Path) -> None:
    save(tm_store)
    out = tmp_path / "nl-fr.tmx"
    report = write_tmx(tm_store, out, langs=("nl", "fr"), min_score=0.5)
    tus = tmx_rows(out)
    # Dutch 0 and 1 stay two units; Dutch 1's own score (0.55) passes although the unit holding
    # it scores 0.4 for nl-fr; Dutch 0 (0.4) is left out
    assert [tu["nl-BE"] for tu in tus] == NL[1:]
    assert [tu["fr-BE"] for tu in tus] == FR[1:]
    assert [tu["x-score"] for tu in tus] == ["0.5500", "0.9000", "1.0000"]
    assert {tu["x-bead"] for tu in tus} == {"1-1"}
    assert report.skipped == {"below --min-score": 1}
    # the multilingual file keeps the multilingual units
    multi = tmp_path / "all.tmx"
    write_tmx(tm_store, multi, langs=("nl", "fr", "en"), multilingual=True)
    assert tmx_rows(multi)[0]["nl-BE"] == "Eerste zin. Tweede zin."


def test_pair_file_in_the_other_direction_uses_the_same_beads(
    tm_store: Store, tmp_path: Path
) -> None:
    save(tm_store)
    out = tmp_path / "fr-nl.tmx"
    write_tmx(tm_store, out, langs=("fr", "nl"))
    assert etree.parse(str(out)).getroot().find("header").get("srclang") == "fr-BE"
    tus = tmx_rows(out)
    assert [tu["fr-BE"] for tu in tus] == FR and [tu["nl-BE"] for tu in tus] == NL
    # en-fr has no pair beads (both were aligned against Dutch): the units give it
    units = pair_units(tm_store, "en", "fr")
    assert [u.sides["en"].text for u in units] == EN


def test_saving_again_changes_nothing(tm_store: Store) -> None:
    save(tm_store)
    before = pair_rows(tm_store)
    again = save(tm_store)
    assert again.run_reused
    assert (again.pair_beads.added, again.pair_beads.unchanged) == (0, 7)
    assert pair_rows(tm_store) == before


def test_realignment_keeps_reviewed_and_rejected_pair_beads(tm_store: Store) -> None:
    save(tm_store)
    tuid = {key[2]: value[2] for key, value in pair_rows(tm_store).items()}
    assert tm_store.set_status([tuid["fr:0|nl:0"]], "reviewed") == 1
    assert tm_store.set_status([tuid["fr:2|nl:2"]], "rejected") == 1
    new_pairs = {
        "fr": [Bead((0, 1), (0, 1), 0.7), Bead((2,), (2,), 0.6), Bead((3,), (3,), 0.8)],
        "en": PAIRS["en"],
    }
    report = save(tm_store, new_pairs, window=5)
    assert not report.run_reused
    counts = report.pair_beads
    assert counts.conflicting == 1  # fr:0,1|nl:0,1 overlaps the reviewed bead
    assert counts.unchanged == 1  # the rejected bead is not proposed again
    assert counts.updated == 1 + 3  # fr:3|nl:3 and the three nl-en beads: same beads, new run
    assert counts.replaced == 1 and counts.kept == 1  # fr:1|nl:1 goes, the reviewed one stays
    stored = pair_rows(tm_store)
    assert stored[("nl", "fr", "fr:0|nl:0")][1] == "reviewed"
    assert stored[("nl", "fr", "fr:2|nl:2")][:2] == (0.9, "rejected")
    assert ("nl", "fr", "fr:1|nl:1") not in stored
    assert stored[("nl", "fr", "fr:3|nl:3")][0] == 0.8
    exported = pair_units(tm_store, "nl", "fr", statuses=("auto", "reviewed"))
    assert [u.sides["nl"].text for u in exported] == ["Eerste zin.", "Vierde zin."]


def test_another_pivot_replaces_the_automatic_pair_beads(tm_store: Store, tmp_path: Path) -> None:
    save(tm_store)
    docs = documents()
    by_french = {lang: docs[lang] for lang in ("fr", "nl", "en")}
    pairs = {
        "nl": [Bead((j,), (j,), 0.9) for j in range(4)],
        "en": [Bead((0, 1), (0,), 0.8), Bead((2,), (1,), 0.9), Bead((3,), (2,), 0.9)],
    }
    run = run_info()
    report = tm_store.save_alignment(
        by_french, UNITS, type(run)(**{**vars(run), "pivot": "fr"}), pairs
    )
    assert not report.run_reused  # the pivot is part of the run's identity
    assert report.pair_beads.replaced == 3  # the nl-en beads
    assert report.pair_beads.updated == 4  # nl-fr beads, now stored from French
    stored = pair_rows(tm_store)
    assert {(src, tgt) for src, tgt, _ in stored} == {("fr", "nl"), ("fr", "en")}
    paths = [report.path for report in export_run(tm_store, report.run_id, tmp_path / "out.tmx")]
    assert [p.name for p in paths] == ["out.fr-nl.tmx", "out.fr-en.tmx"]
    for path in paths:
        header = etree.parse(str(path)).getroot().find("header")
        assert header.get("srclang") == "fr-BE"
        first_tu = etree.parse(str(path)).getroot().find("body/tu")
        assert first_tu.find("tuv").get(XML_LANG) == "fr-BE"


def test_export_of_a_run_uses_its_pivot_for_the_multilingual_file(
    tm_store: Store, tmp_path: Path
) -> None:
    report = save(tm_store)
    (multi,) = export_run(tm_store, report.run_id, tmp_path / "all.tmx", multilingual=True)
    assert multi.langs == ("nl", "fr", "en")
    (pair,) = export_tmx(tm_store, tmp_path / "p.tmx", langs=("fr", "en"), run_id=report.run_id)
    assert pair.langs == ("fr", "en")


def test_two_documents_store_no_pair_beads(tm_store: Store, tmp_path: Path) -> None:
    docs = {lang: doc for lang, doc in documents().items() if lang != "en"}
    units = [Unit({"nl": (i,), "fr": (i,)}, 0.9) for i in range(4)]
    report = tm_store.save_alignment(docs, units, run_info())
    assert report.pair_beads.added == 0 and pair_rows(tm_store) == {}
    assert len(pair_units(tm_store, "nl", "fr")) == 4  # from the units


def test_saving_without_pairs_drops_the_automatic_ones(tm_store: Store) -> None:
    save(tm_store)
    report = save(tm_store, pairs=None, window=4)
    assert report.pair_beads.replaced == 7 and pair_rows(tm_store) == {}
    assert len(pair_units(tm_store, "nl", "fr")) == 3  # the units again


def test_resegmenting_drops_automatic_pair_beads_and_refuses_reviewed_ones(
    tm_store: Store,
) -> None:
    save(tm_store)
    docs = documents()
    resegmented = make_document("nl", ["Eerste zin. Tweede zin.", *NL[2:]])
    resegmented.sha256 = docs["nl"].sha256
    units = [Unit({"nl": (0,), "fr": (0, 1), "en": (0,)}, 0.5)]
    pairs = {"fr": [Bead((0,), (0, 1), 0.5)], "en": [Bead((0,), (0,), 0.5)]}
    report = tm_store.save_alignment({**docs, "nl": resegmented}, units, run_info(), pairs)
    assert report.documents_resegmented == 1
    assert report.pair_beads.replaced == 7 and report.pair_beads.added == 2
    tm_store.set_status([value[2] for value in pair_rows(tm_store).values()][:1], "reviewed")
    with pytest.raises(StoreError, match="different segmentation and has reviewed units"):
        save(tm_store)


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ({"de": [Bead((0,), (0,))]}, "'de' is no other document's language"),
        ({"nl": [Bead((0,), (0,))]}, "'nl' is no other document's language"),
        ({"fr": [Bead((9,), (0,))]}, "nl-fr bead 0: nl segment 9 does not exist"),
        ({"fr": [Bead((0,), (0,)), Bead((1,), (0,))]}, "fr segment 0 is already in another"),
        ({"fr": [Bead((), ())]}, "holds no segment"),
        ({"fr": [Bead((0,), (0,), 2.0)]}, r"expected a number in \[0, 1\]"),
    ],
)
def test_invalid_pair_beads_are_refused_before_writing(
    tm_store: Store, pairs: dict[str, list[Bead]], message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        save(tm_store, pairs)
    assert tm_store.stats().documents_total == 0


def test_a_pivot_without_document_is_refused(tm_store: Store) -> None:
    run = run_info()
    with pytest.raises(StoreError, match="pivot language 'de' has no document"):
        tm_store.save_alignment(documents(), UNITS, type(run)(**{**vars(run), "pivot": "de"}))


def test_version_1_memory_is_migrated(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url) as store:
        save(store)
        with store.engine.begin() as conn:  # back to the version 1 layout
            downgrade(conn, 1)
    with open_store(db_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        # the old run has no pivot and no pair beads: its pair files come from the units
        assert store.run_languages(1) == (None, ["en", "fr", "nl"])
        first = pair_units(store, "nl", "fr")[0]
        assert first.sides["nl"].text == "Eerste zin. Tweede zin."
        report = save(store, window=2)  # aligning again stores pair beads
        assert report.pair_beads.added == 7
        assert len(pair_units(store, "nl", "fr")) == 4


def test_importing_an_exported_pair_file_finds_every_unit_stored(
    tm_store: Store, tmp_path: Path
) -> None:
    from tmtool.exchange import import_tmx

    save(tm_store)
    out = tmp_path / "nl-fr.tmx"
    assert write_tmx(tm_store, out, langs=("nl", "fr")).written == 4  # 2 not in any unit alone
    report = import_tmx(tm_store, out)
    assert report.summary().startswith("read 4 units from nl-fr.tmx, imported 0, duplicate 4")
