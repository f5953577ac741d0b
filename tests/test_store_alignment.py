"""Saving alignments: counts, idempotence, replacement rules, reviewed units, all or nothing."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select
from tmx_support import UNITS, make_document, run_info, sample_documents

from tmtool.document import Unit
from tmtool.errors import InputError, StoreError
from tmtool.store import Store, StoredUnit, UnitFilter, alignment
from tmtool.store.schema import (
    document_sets,
    documents,
    runs,
    segments,
    unit_keys,
    unit_segments,
    units,
)

TABLES = (documents, segments, document_sets, runs, units, unit_segments, unit_keys)


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in TABLES
        }


def all_units(store: Store) -> dict[str, StoredUnit]:
    every = UnitFilter(statuses=("auto", "reviewed", "rejected"))
    return {unit.tuid: unit for unit in store.iter_units(every)}


def by_nl_text(store: Store) -> dict[str, StoredUnit]:
    return {unit.sides["nl"].text: unit for unit in all_units(store).values()}


def test_first_save_counts(tm_store: Store) -> None:
    report = tm_store.save_alignment(sample_documents(), UNITS, run_info())
    assert (report.documents_new, report.documents_existing) == (3, 0)
    assert report.units.added == len(UNITS)
    assert not report.run_reused
    counts = table_counts(tm_store)
    assert counts["documents"] == 3
    assert counts["segments"] == 6 + 5 + 5
    assert counts["translation_units"] == 6
    assert counts["runs"] == 1
    stored = by_nl_text(tm_store)
    two_one = stored["Vierde zin. Vijfde zin."]
    assert two_one.sides["fr"].text == "Quatrième et cinquième phrases."
    assert (two_one.sides["nl"].count, two_one.sides["fr"].count) == (2, 1)
    assert stored[""].sides["fr"].text == "Seulement en français."  # the 0-1-0 bead
    assert all(unit.origin == "aligned" and unit.status == "auto" for unit in stored.values())


def test_saving_the_same_alignment_twice_changes_nothing(tm_store: Store) -> None:
    first = tm_store.save_alignment(sample_documents(), UNITS, run_info())
    before = table_counts(tm_store)
    tuids = set(all_units(tm_store))
    again = tm_store.save_alignment(sample_documents(), UNITS, run_info())
    assert again.run_reused and again.run_id == first.run_id
    assert (again.documents_new, again.documents_existing) == (0, 3)
    assert (again.units.added, again.units.unchanged, again.units.replaced) == (0, len(UNITS), 0)
    assert table_counts(tm_store) == before
    assert set(all_units(tm_store)) == tuids


def test_different_parameters_replace_automatic_units_only(tm_store: Store) -> None:
    tm_store.save_alignment(sample_documents(), UNITS, run_info())
    stored = by_nl_text(tm_store)
    reviewed = stored["Artikel 1. De minister & de staatssecretaris."].tuid
    rejected = stored["Vierde zin. Vijfde zin."].tuid
    assert tm_store.set_status([reviewed], "reviewed") == 1
    assert tm_store.set_status([rejected], "rejected") == 1

    new_units = [
        Unit({"nl": (0, 1), "fr": (0,), "en": (0,)}, 0.5),  # overlaps the reviewed unit
        Unit({"nl": (2,), "fr": (1, 2), "en": (1, 2)}, 0.6),
        Unit({"nl": (3, 4), "fr": (3,), "en": (3, 4)}, 0.8),  # the rejected bead again
        Unit({"nl": (5,), "fr": (4,), "en": ()}, 0.3),
    ]
    report = tm_store.save_alignment(sample_documents(), new_units, run_info(window=5))
    assert not report.run_reused
    assert report.units.conflicting == 1
    assert report.units.unchanged == 1  # the rejected bead stays rejected
    assert report.units.added == 2
    # the four automatic units of the first run not produced again are gone
    assert report.units.replaced == 4
    assert report.units.kept == 1  # the reviewed unit the new run disagrees with

    stored = all_units(tm_store)
    assert stored[reviewed].status == "reviewed"
    assert stored[reviewed].score == 0.95
    assert stored[rejected].status == "rejected"
    assert len(stored) == 4
    assert Counter(u.status for u in stored.values()) == {"reviewed": 1, "rejected": 1, "auto": 2}
    assert table_counts(tm_store)["runs"] == 2
    # exporting-style reads skip the rejected unit by default
    assert rejected not in {u.tuid for u in tm_store.iter_units()}


def versions(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            tuid: version for tuid, version in conn.execute(select(units.c.tuid, units.c.version))
        }


def test_same_bead_with_new_run_keeps_tuid_and_refreshes_score(tm_store: Store) -> None:
    tm_store.save_alignment(sample_documents(), UNITS, run_info())
    before = {u.sides["nl"].text: u.tuid for u in all_units(tm_store).values()}
    versions_before = versions(tm_store)
    rescored = [Unit(unit.segments, unit.score / 2) for unit in UNITS]
    report = tm_store.save_alignment(sample_documents(), rescored, run_info(window=9))
    assert report.units.updated == len(UNITS)
    assert report.units.added == report.units.replaced == 0
    after = all_units(tm_store)
    assert {u.sides["nl"].text: u.tuid for u in after.values()} == before
    assert sorted(u.score for u in after.values()) == sorted(u.score / 2 for u in UNITS)
    # a refreshed unit is a changed unit: an open review page must see it is stale
    assert versions(tm_store) == {tuid: v + 1 for tuid, v in versions_before.items()}


def test_changed_segmentation_resegments_the_document(tm_store: Store) -> None:
    docs = {
        "nl": make_document("nl", ["Een.", "Twee."]),
        "fr": make_document("fr", ["Un.", "Deux."]),
    }
    tm_store.save_alignment(docs, [Unit({"nl": (0,), "fr": (0,)}, 0.9)], run_info())
    resegmented = {
        "nl": make_document("nl", ["Een. Twee."]),
        "fr": make_document("fr", ["Un. Deux."]),
    }
    resegmented["nl"].sha256, resegmented["fr"].sha256 = docs["nl"].sha256, docs["fr"].sha256
    report = tm_store.save_alignment(resegmented, [Unit({"nl": (0,), "fr": (0,)}, 0.8)], run_info())
    assert report.documents_resegmented == 2
    assert report.units.replaced == 1 and report.units.added == 1
    assert table_counts(tm_store)["segments"] == 2
    (unit,) = all_units(tm_store).values()
    assert unit.sides["nl"].text == "Een. Twee."


def test_changed_segmentation_with_reviewed_units_is_refused(tm_store: Store) -> None:
    docs = {
        "nl": make_document("nl", ["Een.", "Twee."]),
        "fr": make_document("fr", ["Un.", "Deux."]),
    }
    tm_store.save_alignment(docs, [Unit({"nl": (0,), "fr": (0,)}, 0.9)], run_info())
    tm_store.set_status(list(all_units(tm_store)), "reviewed")
    before = table_counts(tm_store)
    changed = {"nl": make_document("nl", ["Een. Twee."]), "fr": docs["fr"]}
    changed["nl"].sha256 = docs["nl"].sha256
    with pytest.raises(StoreError, match="different segmentation and has reviewed units"):
        tm_store.save_alignment(changed, [Unit({"nl": (0,), "fr": (0,)}, 0.8)], run_info())
    assert table_counts(tm_store) == before


def test_failure_in_the_middle_leaves_the_memory_unchanged(
    tm_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tm_store.save_alignment(sample_documents(), UNITS, run_info())
    before = table_counts(tm_store)
    before_units = all_units(tm_store)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full (simulated)")

    # fails after documents, run and units were written, before the units get their segments
    monkeypatch.setattr(alignment, "_segment_ids", broken)
    with pytest.raises(RuntimeError, match="simulated"):
        tm_store.save_alignment(sample_documents("-2"), UNITS, run_info())
    with pytest.raises(RuntimeError, match="simulated"):
        tm_store.save_alignment(sample_documents(), UNITS[:2], run_info(window=7))
    assert table_counts(tm_store) == before
    assert all_units(tm_store).keys() == before_units.keys()


@pytest.mark.parametrize(
    ("units_", "message"),
    [
        ([Unit({"nl": (0,), "de": (0,)}, 0.5)], "language 'de', which has no document"),
        ([Unit({"nl": (99,), "fr": (0,)}, 0.5)], "nl segment 99 does not exist"),
        ([Unit({"nl": (0,), "fr": (0,)}, 0.5), Unit({"nl": (0,), "fr": (1,)}, 0.5)], "already in"),
        ([Unit({"nl": (0,), "fr": (0,)}, 1.5)], r"expected a number in \[0, 1\]"),
        ([Unit({"nl": (0,), "fr": (0,)}, float("nan"))], "expected a number"),
        ([Unit({"nl": (), "fr": ()}, 0.5)], "holds no segment"),
    ],
)
def test_invalid_alignments_are_refused_before_writing(
    tm_store: Store, units_: list[Unit], message: str
) -> None:
    docs = sample_documents()
    with pytest.raises(StoreError, match=message):
        tm_store.save_alignment(docs, units_, run_info())
    assert table_counts(tm_store)["documents"] == 0


def test_unstorable_characters_are_removed_and_counted(tm_store: Store) -> None:
    docs = {
        "nl": make_document("nl", ["Nul\x00teken en \ud800 halve surrogaat."]),
        "fr": make_document("fr", ["Caractère nul\x00."]),
    }
    report = tm_store.save_alignment(docs, [Unit({"nl": (0,), "fr": (0,)}, 0.9)], run_info())
    assert report.chars_removed == 2 * 2 + 2  # text and original of each segment
    (unit,) = all_units(tm_store).values()
    assert unit.sides["nl"].text == "Nulteken en  halve surrogaat."


def test_a_file_name_that_is_not_utf8_is_stored_recognisably(tm_store: Store) -> None:
    """Bytes of a file name that are not UTF-8 reach Python as lone surrogates, which the drivers
    refuse (a UnicodeEncodeError traceback); the memory stores them as U+FFFD."""
    docs = sample_documents()
    docs["nl"].path, docs["nl"].title = "/data/verklaring\udcff.txt", "verklaring\udcff"
    tm_store.save_alignment(docs, UNITS, run_info())
    with tm_store.engine.connect() as conn:
        query = select(documents.c.path, documents.c.title).where(documents.c.lang == "nl")
        assert conn.execute(query).one() == ("/data/verklaring\ufffd.txt", "verklaring\ufffd")


def test_another_language_and_several_document_sets(tm_store: Store) -> None:
    nl_fr = {"nl": make_document("nl", ["Eén."]), "fr": make_document("fr", ["Un."])}
    nl_de = {"nl": nl_fr["nl"], "de": make_document("de", ["Eins."])}
    tm_store.save_alignment(nl_fr, [Unit({"nl": (0,), "fr": (0,)}, 0.9)], run_info())
    report = tm_store.save_alignment(nl_de, [Unit({"nl": (0,), "de": (0,)}, 0.9)], run_info())
    assert (report.documents_new, report.documents_existing) == (1, 1)
    stats = tm_store.stats()
    assert stats.documents == {"de": 1, "fr": 1, "nl": 1}
    assert stats.pairs == {("de", "nl"): 1, ("fr", "nl"): 1}
    assert tm_store.languages() == ["de", "fr", "nl"]


def test_stats_show_documents_pairs_and_runs(tm_store: Store) -> None:
    tm_store.save_alignment(sample_documents(), UNITS, run_info())
    stats = tm_store.stats()
    assert stats.documents == {"en": 1, "fr": 1, "nl": 1}
    assert stats.units == 6
    assert stats.units_by_status == {"auto": 6}
    assert stats.pairs == {("en", "fr"): 4, ("en", "nl"): 4, ("fr", "nl"): 4}
    (run,) = stats.runs
    assert (run.kind, run.encoder, run.aligner, run.units) == ("align", "test-encoder", "dp", 6)
    assert run.params == {"window": 3, "pivot": "nl"}  # the pivot is part of the run
    assert run.pivot == "nl"
    text = "\n".join(stats.lines())
    assert "documents: 3" in text and "fr-nl: 4" in text and "#1" in text


def test_set_status_validates(tm_store: Store) -> None:
    with pytest.raises(InputError, match="unknown status"):
        tm_store.set_status(["x"], "approved")
    assert tm_store.set_status(["no-such-tuid"], "reviewed") == 0


def test_numpy_scores_and_indices_are_accepted(tm_store: Store) -> None:
    np = pytest.importorskip("numpy")
    docs = {
        "nl": make_document("nl", ["Een.", "Twee."]),
        "fr": make_document("fr", ["Un.", "Deux."]),
    }
    units = [
        Unit({"nl": (np.int64(0),), "fr": (np.int64(0),)}, np.float32(0.75)),
        Unit({"nl": (np.int32(1),), "fr": (1,)}, np.float64(0.5)),
    ]
    report = tm_store.save_alignment(docs, units, run_info(weights=np.float32(0.25)))
    assert report.units.added == 2
    assert sorted(u.score for u in tm_store.iter_units()) == [0.5, 0.75]
    with pytest.raises(StoreError, match=r"segment 1\.0 does not exist"):
        tm_store.save_alignment(docs, [Unit({"nl": (1.0,), "fr": (1,)}, 0.5)], run_info())
    with pytest.raises(StoreError, match="expected a number"):
        tm_store.save_alignment(docs, [Unit({"nl": (1,), "fr": (1,)}, "high")], run_info())
