"""Lookup against small crafted memories on SQLite and PostgreSQL: bands, context matches,
number substitution, semantic matches, the nearest-neighbour index kept in step, repetitions."""

from __future__ import annotations

from pathlib import Path

import pytest
from tmx_support import make_document, run_info

from tmtool.document import Unit
from tmtool.lookup import analyse, band, lookup_segments
from tmtool.lookup.ann import UnitIndex
from tmtool.lookup.matcher import Match, SegmentMatches
from tmtool.store import Store
from tmtool.store.records import UnitTexts

MEMORY = [
    (
        "De regering keurt vandaag het nieuwe plan tegen gewelddadige radicalisering goed.",
        "Le gouvernement approuve aujourd'hui le nouveau plan contre la radicalisation violente.",
    ),
    ("Het plan kost 12 miljoen euro in 2026.", "Le plan coûte 12 millions d'euros en 2026."),
    (
        "De minister van Justitie zal het parlement elk jaar informeren over de resultaten.",
        "Le ministre de la Justice informera chaque année le parlement des résultats.",
    ),
    (
        "Belgische en Franse politiediensten wisselen voortaan sneller informatie uit.",
        "Les services de police belges et français échangeront désormais plus vite des "
        "informations.",
    ),
    (
        "Deze samenwerking versterkt de veiligheid van alle burgers in beide landen.",
        "Cette coopération renforce la sécurité de tous les citoyens des deux pays.",
    ),
    (
        "De twee eerste ministers ontmoeten elkaar opnieuw in het najaar in Brussel.",
        "Les deux Premiers ministres se retrouveront à Bruxelles à l'automne.",
    ),
]

NEW = [
    MEMORY[0][0],  # 100% (first segment: no context)
    MEMORY[1][0],  # 101%: the previous segment matched the previous unit
    "Het plan kost 15 miljoen euro in 2027.",  # numbers only → substituted
    "Het weer wordt morgen zonnig aan de kust met een lichte bries uit het oosten.",  # no match
    MEMORY[4][0],  # 100%, but the previous segment matched nothing: no context
    "De minister van Justitie zal het parlement elk jaar informeren over de gevolgen.",  # 1 word
    "Het weer wordt morgen zonnig aan de kust met een lichte bries uit het oosten.",  # repetition
    "In het najaar ontmoeten de twee eerste ministers elkaar opnieuw in Brussel.",  # reordered
]


def fill(store: Store, suffix: str = "", pairs: list[tuple[str, str]] = MEMORY) -> None:
    docs = {
        "nl": make_document("nl", [nl for nl, _ in pairs], f"memory-nl{suffix}"),
        "fr": make_document("fr", [fr for _, fr in pairs], f"memory-fr{suffix}"),
    }
    units = [Unit({"nl": (i,), "fr": (i,)}, 0.9) for i in range(len(pairs))]
    store.save_alignment(docs, units, run_info())


@pytest.fixture
def memory(tm_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # PostgreSQL's index files
    fill(tm_store)
    return tm_store


def test_bands_context_numbers_and_repetitions(memory: Store, use_encoder) -> None:
    result = lookup_segments(memory, NEW, use_encoder, "nl", ["fr"])
    bands = [band(segment, "fr") for segment in result.segments]
    # the reordered segment (7) is checked by its semantic score in the next test
    assert bands[:7] == ["100", "context", "95-99", "no match", "100", "85-94", "repetition"]
    first, context, numbers = (result.segments[i].best("fr") for i in range(3))
    assert first.percent == 100 and first.kind == "exact"
    assert context.percent == 101 and context.kind == "context"
    assert numbers.kind == "numbers" and numbers.numbers == [("12", "15"), ("2026", "2027")]
    assert numbers.targets["fr"] == "Le plan coûte 15 millions d'euros en 2027."
    assert numbers.unit.texts["fr"] == MEMORY[1][1]  # the memory is not changed
    assert result.segments[3].best("fr") is None or result.segments[3].best("fr").percent < 50
    assert result.segments[6].repetition_of == 3
    edited = result.segments[5].best("fr")
    assert edited.source == MEMORY[2][0] and edited.percent == 92

    analysis = analyse(result, "fr")
    assert analysis.segments["100"] == 2 and analysis.segments["context"] == 1
    assert analysis.segments["repetition"] == 1
    assert analysis.words["repetition"] == 15
    assert analysis.total_segments == len(NEW)


@pytest.mark.parametrize(
    ("percent", "row"),
    [(101, "context"), (100, "100"), (99, "95-99"), (95, "95-99"), (94, "85-94"), (85, "85-94"),
     (84, "75-84"), (75, "75-84"), (74, "50-74"), (50, "50-74"), (49, "no match")],
)  # fmt: skip
def test_band_edges(percent: int, row: str) -> None:
    """Each band holds both of its edges and nothing beyond them (the analysis's row by %)."""
    unit = UnitTexts(1, "t1", 1, 0, "auto", "align", {"nl": "a", "fr": "b"}, {})
    segment = SegmentMatches(0, "a", 1, [Match(unit, percent, 0.5, "a", {"fr": "b"})])
    assert band(segment, "fr") == row
    segment.repetition_of = 0  # a repetition ranks below 100% and context matches only
    assert band(segment, "fr") == (row if percent >= 100 else "repetition")


def test_semantic_score_finds_a_reordered_sentence(memory: Store, use_encoder) -> None:
    result = lookup_segments(memory, NEW, use_encoder, "nl", ["fr"])
    reordered = result.segments[7]
    top = reordered.by_semantic("fr", 1)[0]
    assert top.source == MEMORY[5][0]
    assert top.semantic > 0.8
    assert top.percent < 100  # the two scores stay separate
    unrelated = result.segments[3]
    assert all(m.semantic < 0.75 for m in unrelated.matches if m.percent < 50)


def test_index_follows_saves_and_deletes(memory: Store, use_encoder) -> None:
    extra = [
        (
            "Een nieuwe zin over het gemeenschappelijke onderzoeksteam voor terrorisme.",
            "Une phrase nouvelle sur l'équipe commune d'enquête en matière de terrorisme.",
        )
    ]
    lookup_segments(memory, [MEMORY[0][0]], use_encoder, "nl", ["fr"])  # builds the index file
    fill(memory, "-2", extra)
    found = lookup_segments(memory, [extra[0][0]], use_encoder, "nl", ["fr"])
    assert found.segments[0].best("fr").percent == 100  # vector added and index caught up
    signature = use_encoder.signature()
    index = UnitIndex(memory, signature, "nl", use_encoder.dim).open()
    assert index.rows == len(MEMORY) + 1 and index.added == 0  # up to date: memory-mapped

    # a re-alignment of the first set with other settings replaces its automatic units
    docs = {
        "nl": make_document("nl", [nl for nl, _ in MEMORY], "memory-nl"),
        "fr": make_document("fr", [fr for _, fr in MEMORY], "memory-fr"),
    }
    memory.save_alignment(docs, [Unit({"nl": (0, 1), "fr": (0, 1)}, 0.8)], run_info(other=1))
    again = lookup_segments(memory, [MEMORY[2][0]], use_encoder, "nl", ["fr"])
    best = again.segments[0].best("fr")
    assert best is None or best.percent < 100  # deleted units are never proposed


def test_units_without_the_target_language_are_not_proposed(memory: Store, use_encoder) -> None:
    result = lookup_segments(memory, [MEMORY[0][0]], use_encoder, "nl", ["en"])
    assert result.segments[0].matches == []  # not even as a candidate shown without a target
    assert result.segments[0].best("en") is None
    assert band(result.segments[0], "en") == "no match"


def test_bad_languages_are_refused(memory: Store, use_encoder) -> None:
    from tmtool.errors import InputError

    with pytest.raises(InputError, match="source language"):
        lookup_segments(memory, ["x"], use_encoder, "nl", ["nl"])


def test_a_damaged_index_file_is_rebuilt(memory: Store, use_encoder) -> None:
    lookup_segments(memory, [MEMORY[0][0]], use_encoder, "nl", ["fr"])
    index = UnitIndex(memory, use_encoder.signature(), "nl", use_encoder.dim)
    index.path.write_bytes(b"not an index" * 50)
    result = lookup_segments(memory, [MEMORY[0][0]], use_encoder, "nl", ["fr"])
    assert result.segments[0].best("fr").percent == 100
    assert UnitIndex(memory, use_encoder.signature(), "nl", use_encoder.dim).open().added == 0


def test_an_empty_memory_matches_nothing(
    tm_store: Store, use_encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = lookup_segments(tm_store, [MEMORY[0][0]], use_encoder, "nl", ["fr"])
    assert result.segments[0].matches == []
    assert band(result.segments[0], "fr") == "no match"


def test_context_needs_the_unit_just_before(memory: Store, use_encoder) -> None:
    """Two 100% matches in a row are a context match only where the memory has them in the same
    order: here the second segment's unit follows another unit than the first segment's."""
    result = lookup_segments(memory, [MEMORY[0][0], MEMORY[2][0]], use_encoder, "nl", ["fr"])
    assert [band(segment, "fr") for segment in result.segments] == ["100", "100"]


def test_numbers_are_replaced_in_every_target_or_in_none(tm_store: Store, use_encoder) -> None:
    """Where one translation writes the number in words, no proposal gets replaced numbers: the
    segment stays a plain fuzzy match in both languages."""
    docs = {
        "nl": make_document("nl", [MEMORY[1][0]]),
        "fr": make_document("fr", [MEMORY[1][1]]),
        "en": make_document("en", ["The plan costs twelve million euros in 2026."]),
    }
    tm_store.save_alignment(docs, [Unit({"nl": (0,), "fr": (0,), "en": (0,)}, 0.9)], run_info())
    new = "Het plan kost 15 miljoen euro in 2026."
    (segment,) = lookup_segments(tm_store, [new], use_encoder, "nl", ["fr", "en"]).segments
    best = segment.best("fr")
    assert best.numbers == [] and best.kind == "fuzzy"
    assert best.targets == {
        "fr": MEMORY[1][1],
        "en": "The plan costs twelve million euros in 2026.",
    }
    fr_only = lookup_segments(tm_store, [new], use_encoder, "nl", ["fr"]).segments[0].best("fr")
    assert fr_only.kind == "numbers"  # with French alone the number is replaced


def test_word_prefilter_candidates_are_scored(memory: Store, use_encoder) -> None:
    """The word index's candidates join the nearest neighbours (here one neighbour only, so one of
    two near-identical units), unless a neighbour is already a 100% match."""
    variant = MEMORY[2][0].replace("elk jaar", "ieder jaar")
    fill(memory, "-2", [(variant, MEMORY[2][1])])
    close = [u.id for u in memory.iter_units() if u.sides["nl"].text in (MEMORY[2][0], variant)]
    asked: list[str] = []

    def prefilter(store: Store, text: str, lang: str, limit: int) -> list[int]:
        asked.append(text)
        return close

    new = [MEMORY[2][0].replace("parlement", "Parlement"), MEMORY[5][0]]
    result = lookup_segments(
        memory, new, use_encoder, "nl", ["fr"], prefilter=prefilter, neighbours=1
    )
    assert asked == [new[0]]  # the second segment's neighbour is a 100% match
    assert sorted(match.unit.id for match in result.segments[0].matches) == sorted(close)


def test_a_reviewed_unit_wins_a_tie(tm_store: Store, use_encoder) -> None:
    """The same Dutch sentence stored twice, one unit reviewed: equal % and similarity, and the
    reviewed translation is proposed first."""
    fill(tm_store, "-a", [(MEMORY[0][0], "Version automatique.")])
    fill(tm_store, "-b", [(MEMORY[0][0], "Version relue.")])
    reviewed = [u.tuid for u in tm_store.iter_units() if u.sides["fr"].text == "Version relue."]
    tm_store.set_status(reviewed, "reviewed")
    (segment,) = lookup_segments(tm_store, [MEMORY[0][0]], use_encoder, "nl", ["fr"]).segments
    assert [m.targets["fr"] for m in segment.matches[:2]] == [
        "Version relue.",
        "Version automatique.",
    ]
