"""The language check: clearly wrong languages are refused, real texts are accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_data import eval_file

from tmtool.errors import InputError
from tmtool.read import check_language, read_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DUTCH_SEEDS = sorted(p for p in SEEDS.glob("00?_*.txt") if p.name.count(".") == 1)


def test_five_dutch_seeds():
    assert len(DUTCH_SEEDS) == 5


@pytest.mark.parametrize("path", DUTCH_SEEDS, ids=lambda p: p.name[:3])
def test_dutch_seeds_are_dutch(path):
    check_language(read_file(path).text, "nl")


@pytest.mark.parametrize("path", DUTCH_SEEDS, ids=lambda p: p.name[:3])
def test_dutch_seeds_are_not_french_or_english(path):
    text = read_file(path).text
    for lang in ("fr", "en"):
        with pytest.raises(InputError, match="looks like Dutch"):
            check_language(text, lang, source=path.name)


def test_french_text_given_as_dutch():
    (path,) = SEEDS.glob("000_*.fr.txt")  # part of the repository
    with pytest.raises(InputError, match=r"looks like French, not Dutch.*\(fr\?\)"):
        check_language(read_file(path).text, "nl", source=path.name)
    check_language(read_file(path).text, "fr")


def test_message_is_one_line_and_names_the_file():
    text = "Le gouvernement belge et la République française ont décidé de renforcer " * 10
    with pytest.raises(InputError) as info:
        check_language(text, "nl", source="verklaring.txt")
    assert str(info.value).startswith("verklaring.txt looks like French")
    assert "\n" not in str(info.value)


def test_unrelated_language_given_as_dutch():
    text = "Az Európai Unió tagállamai megállapodtak abban, hogy a terrorizmus elleni " * 20
    with pytest.raises(InputError, match="does not look like Dutch"):
        check_language(text, "nl")


def test_short_texts_and_unprofiled_languages_are_not_checked():
    check_language("Bonjour tout le monde, merci.", "nl")  # too short to judge
    check_language("Het Koninkrijk België en de Franse Republiek " * 20, "hu")


def test_a_few_foreign_names_and_quotes_do_not_matter():
    text = (
        "De eerste ministers van de Franse Republiek en van het Koninkrijk België hebben "
        "vandaag vergaderd over de conferentie 'No Money For Terror' in Parijs en over het "
        "Préfet des Hauts-de-France. Zij prezen de samenwerking tussen de diensten van de twee "
        "landen en willen die verder versterken in de strijd tegen het terrorisme."
    )
    check_language(text, "nl")


EVAL_FILES = [
    ("dpc_nl_fr_en/plain/dpc-bmm-001071.nl", "nl"),
    ("dpc_nl_fr_en/plain/dpc-bmm-001071.fr", "fr"),
    ("dpc_nl_fr_en/plain/dpc-bmm-001071.en", "en"),
    *[(f"textberg_defr/bleualign_data/test{i}.de", "de") for i in range(7)],
    *[(f"textberg_defr/bleualign_data/test{i}.fr", "fr") for i in range(7)],
    ("textberg_defr/bleualign_data/dev.de", "de"),
    ("textberg_defr/bleualign_data/dev.fr", "fr"),
]


@pytest.mark.parametrize(("name", "lang"), EVAL_FILES, ids=[n for n, _ in EVAL_FILES])
def test_evaluation_files_in_their_stated_language(name, lang):
    path = eval_file(name)
    check_language(read_file(path).text, lang)
