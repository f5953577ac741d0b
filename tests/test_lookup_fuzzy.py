"""The fuzzy match % formula, number substitution and word counts (no memory needed)."""

from __future__ import annotations

import pytest

from tmtool.lookup.fuzzy import (
    fuzzy_percent,
    fuzzy_upper_bound,
    numbers_only_differ,
    substitute_numbers,
    word_count,
)

SENTENCE = "De minister van Justitie informeert het parlement elk jaar over de resultaten."


def test_identical_text_after_whitespace_normalisation_is_100() -> None:
    assert fuzzy_percent(SENTENCE, SENTENCE) == 100
    assert fuzzy_percent(SENTENCE, "  " + SENTENCE.replace(" ", "   \n") + " ") == 100


def test_case_and_punctuation_cost_a_little() -> None:
    assert fuzzy_percent(SENTENCE, SENTENCE.lower()) == 96  # two words at 0.2 over 12.2
    assert fuzzy_percent(SENTENCE, SENTENCE.rstrip(".")) == 98
    assert fuzzy_percent("België zegt ja.", "Belgie zegt ja.") == 93  # accents: like case


def test_word_edits_follow_the_documented_formula() -> None:
    # 12 words + 1 full stop = weight 12.2; one replaced word costs 1 → floor(100 × 11.2/12.2)
    replaced = SENTENCE.replace("elk jaar", "elke jaar")
    assert fuzzy_percent(SENTENCE, replaced) == 91
    # one word more: cost 1 over the longer text's weight 13.2 → 92
    inserted = SENTENCE.replace("elk jaar", "elk jaar opnieuw")
    assert fuzzy_percent(SENTENCE, inserted) == 92
    assert fuzzy_percent(inserted, SENTENCE) == 92  # symmetric
    assert fuzzy_percent(SENTENCE, "Iets heel anders.") < 20
    assert fuzzy_percent("", SENTENCE) == 0


def test_never_100_unless_identical() -> None:
    long = " ".join(["woord"] * 400) + "."
    assert fuzzy_percent(long, long.replace(".", "!")) == 99  # floor(99.95): no cap needed here
    # the same tokens spaced otherwise cost nothing: only the cap keeps this below 100
    assert fuzzy_percent("Artikel 5, lid 2.", "Artikel 5 , lid 2 .") == 99
    assert fuzzy_percent("l'État", "l' État") == 99


def test_upper_bound_counts_the_weight_difference() -> None:
    """Punctuation is not in the word bags; the bound still sees the longer text's extra weight
    (here it is the score itself), so candidates are skipped as early as they can be."""
    assert fuzzy_percent("Ja", "Ja!!!!!") == 50
    assert fuzzy_upper_bound("Ja", "Ja!!!!!") == 50


def test_upper_bound_is_never_below_the_score() -> None:
    pairs = [
        (SENTENCE, SENTENCE.replace("elk jaar", "elk jaar opnieuw")),
        (SENTENCE, "De minister."),
        ("a b c d", "e f g h i j"),
    ]
    for new, old in pairs:
        assert fuzzy_upper_bound(new, old) >= fuzzy_percent(new, old)


def test_numbers_only_differ_and_substitution() -> None:
    new = "Het plan kost 15 miljoen euro in 2027."
    old = "Het plan kost 12 miljoen euro in 2026."
    changes = numbers_only_differ(new, old)
    assert changes == [("12", "15"), ("2026", "2027")]
    assert fuzzy_percent(new, old) == 95  # two numbers at 0.2 each over weight 8.2
    target = "Le plan coûte 12 millions d'euros en 2026."
    assert substitute_numbers(target, changes) == "Le plan coûte 15 millions d'euros en 2027."


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("Le plan coûte douze millions d'euros en 2026.", "number written in words"),
        ("En 2026, 12 millions, soit 12 millions en 2026.", "number twice"),
    ],
)
def test_unsafe_substitution_is_refused(target: str, reason: str) -> None:
    changes = [("12", "15"), ("2026", "2027")]
    assert substitute_numbers(target, changes) is None, reason


def test_one_number_changed_into_two_is_not_substituted() -> None:
    changes = numbers_only_differ("Van 13 tot 14 juni.", "Van 12 tot 12 juni.")
    assert changes == [("12", "13"), ("12", "14")]
    assert substitute_numbers("Du 12 au 12 juin.", changes) is None  # which 12 becomes 13?
    assert substitute_numbers("Le 12 juin.", changes) is None  # the translation says it once


def test_numbers_inside_longer_numbers_are_not_replaced() -> None:
    assert substitute_numbers("Artikel 12.3 en 12 leden.", [("12", "13")]) == (
        "Artikel 12.3 en 13 leden."
    )
    assert numbers_only_differ("Op 12/03/2026 vergaderen.", "Op 11/03/2026 vergaderen.") == [
        ("11/03/2026", "12/03/2026")
    ]


def test_word_differences_are_not_number_differences() -> None:
    assert numbers_only_differ("Het plan kost 15 euro.", "Het budget kost 12 euro.") is None
    assert numbers_only_differ(SENTENCE, SENTENCE) is None


def test_word_count_skips_punctuation() -> None:
    assert word_count("Op 1 februari 2016, in Brussel.") == 6
