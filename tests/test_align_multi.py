"""Merging pivot-target alignments (nl-fr, nl-en) into multilingual units."""

from __future__ import annotations

from tmtool.align.multi import merge_pairs
from tmtool.document import Bead, Unit
from tmtool.evaluate import parse_beads


def beads(text: str, scores: list[float] | None = None) -> list[Bead]:
    parsed = parse_beads(text)
    if scores is None:
        return parsed
    return [Bead(b.src, b.tgt, s) for b, s in zip(parsed, scores, strict=True)]


def sides(units: list[Unit]) -> list[dict[str, tuple[int, ...]]]:
    return [u.segments for u in units]


def test_identical_pairs_give_one_unit_per_bead() -> None:
    text = "[0]:[0]\n[1]:[1,2]\n[2,3]:[3]\n[4]:[4]\n"
    units = merge_pairs("nl", 5, {"fr": beads(text), "en": beads(text)})
    assert sides(units) == [
        {"nl": (0,), "fr": (0,), "en": (0,)},
        {"nl": (1,), "fr": (1, 2), "en": (1, 2)},
        {"nl": (2, 3), "fr": (3,), "en": (3,)},
        {"nl": (4,), "fr": (4,), "en": (4,)},
    ]
    assert [u.kind for u in units] == ["1-1-1", "1-2-2", "2-1-1", "1-1-1"]
    assert list(units[0].segments) == ["nl", "fr", "en"]  # pivot first, then the pairs' order


def test_crossing_groupings_merge_into_one_unit() -> None:
    # nl-fr joins Dutch 1 and 2 (2-1); nl-en keeps them apart (two 1-1): one unit holds both
    fr = beads("[0]:[0]\n[1,2]:[1]\n[3]:[2]\n")
    en = beads("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n")
    units = merge_pairs("nl", 4, {"fr": fr, "en": en})
    assert sides(units) == [
        {"nl": (0,), "fr": (0,), "en": (0,)},
        {"nl": (1, 2), "fr": (1,), "en": (1, 2)},
        {"nl": (3,), "fr": (2,), "en": (3,)},
    ]


def test_chained_overlaps_make_one_group() -> None:
    # fr groups {0,1} and {2,3}; en groups {1,2}: the overlaps chain into one unit {0..3}
    fr = beads("[0,1]:[0]\n[2,3]:[1]\n[4]:[2]\n")
    en = beads("[0]:[0]\n[1,2]:[1]\n[3]:[2]\n[4]:[3]\n")
    units = merge_pairs("nl", 5, {"fr": fr, "en": en})
    assert sides(units) == [
        {"nl": (0, 1, 2, 3), "fr": (0, 1), "en": (0, 1, 2)},
        {"nl": (4,), "fr": (2,), "en": (3,)},
    ]


def test_target_only_beads_become_units_in_order() -> None:
    fr = beads("[0]:[0]\n[]:[1]\n[]:[2]\n[1]:[3]\n[]:[4]\n")
    en = beads("[]:[0]\n[0]:[1]\n[1]:[2]\n")
    units = merge_pairs("nl", 2, {"fr": fr, "en": en})
    assert sides(units) == [
        {"nl": (), "fr": (), "en": (0,)},  # before the first Dutch sentence
        {"nl": (0,), "fr": (0,), "en": (1,)},
        {"nl": (), "fr": (1,), "en": ()},
        {"nl": (), "fr": (2,), "en": ()},
        {"nl": (1,), "fr": (3,), "en": (2,)},
        {"nl": (), "fr": (4,), "en": ()},  # after the last one
    ]
    assert all(u.score == 0.0 for u in units if not u.segments["nl"])


def test_source_only_beads() -> None:
    # Dutch 1 has no French counterpart but an English one; Dutch 2 has neither
    fr = beads("[0]:[0]\n[1]:[]\n[2]:[]\n[3]:[1]\n", [0.9, 0.0, 0.0, 0.8])
    en = beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]\n", [0.7, 0.6, 0.0, 0.95])
    units = merge_pairs("nl", 4, {"fr": fr, "en": en})
    assert sides(units) == [
        {"nl": (0,), "fr": (0,), "en": (0,)},
        {"nl": (1,), "fr": (), "en": (1,)},
        {"nl": (2,), "fr": (), "en": ()},
        {"nl": (3,), "fr": (1,), "en": (2,)},
    ]
    # a 1-0 bead's zero confidence does not count: the unit's score comes from the linked pairs
    assert [u.score for u in units] == [0.7, 0.6, 0.0, 0.8]


def test_unit_score_is_the_minimum_of_its_pairs() -> None:
    fr = beads("[0]:[0]\n[1,2]:[1]\n", [0.9, 0.4])
    en = beads("[0]:[0]\n[1]:[1]\n[2]:[2]\n", [0.8, 0.7, 0.3])
    units = merge_pairs("nl", 3, {"fr": fr, "en": en})
    assert [u.score for u in units] == [0.8, 0.3]
    assert [u.pair_scores for u in units] == [{"fr": 0.9, "en": 0.8}, {"fr": 0.4, "en": 0.3}]


def test_single_pair() -> None:
    fr = beads("[0]:[0,1]\n[]:[2]\n[1]:[]\n", [0.9, 0.0, 0.0])
    assert sides(merge_pairs("nl", 2, {"fr": fr})) == [
        {"nl": (0,), "fr": (0, 1)},
        {"nl": (), "fr": (2,)},
        {"nl": (1,), "fr": ()},
    ]


def test_every_sentence_lands_in_exactly_one_unit() -> None:
    fr = beads("[0]:[0]\n[1,2]:[1]\n[]:[2]\n[3]:[3,4]\n[4]:[]\n[5]:[5]\n")
    en = beads("[0,1]:[0]\n[2]:[1]\n[3]:[2]\n[]:[3]\n[4,5]:[4]\n")
    units = merge_pairs("nl", 6, {"fr": fr, "en": en})
    for lang, size in (("nl", 6), ("fr", 6), ("en", 5)):
        held = [i for u in units for i in u.segments[lang]]
        assert held == list(range(size)), lang  # each once, in document order


def test_target_only_sentence_inside_a_unit_stays_there() -> None:
    # nl-fr: [0]:[0], []:[1], [1]:[2]; nl-en joins Dutch 0 and 1 into one unit. French 1 lies
    # between two French sentences of that unit: the unit's French side must not skip it.
    fr = beads("[0]:[0]\n[]:[1]\n[1]:[2]\n[]:[3]\n", [0.9, 0.0, 0.8, 0.0])
    en = beads("[0,1]:[0]\n", [0.7])
    units = merge_pairs("nl", 2, {"fr": fr, "en": en})
    assert sides(units) == [
        {"nl": (0, 1), "fr": (0, 1, 2), "en": (0,)},
        {"nl": (), "fr": (3,), "en": ()},
    ]
    assert units[0].score == 0.7
