"""A one-word term with no rendering in one language takes the word of its units there that is
a cognate of the term and of the other language's rendering (branch t20e).

In the seeds, ``solidariteit`` (two units) is ``solidarity`` in English but had no French
rendering: one French unit is misaligned, so ``solidarité`` stands in one unit only and is never
counted. It is a cognate of the term (``-teit``/``-té``) and of the English rendering
(``-té``/``-ty``): the same stem in both translations of the sentence and in the term."""

from __future__ import annotations

from terms_support import french_after_fill

from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import Scorer
from tmtool.terms.equivalents.association import WORDS
from tmtool.terms.equivalents.cognates import cognate_phrase, cognate_words, stem_sign
from tmtool.terms.extract import _fill_cognates, _fill_cognates_across_languages

ROWS = [
    (
        "Onze solidariteit met de slachtoffers blijft groot.",
        "Notre solidarité avec les victimes reste grande.",
        "Our solidarity with the victims remains great.",
    ),
    (
        "De ministers betuigen hun solidariteit aan de families.",
        "Les ministres se sont réunis hier.",
        "The ministers express their solidarity with the families.",
    ),
    (
        "De wisselbouw van de gewassen.",
        "La rotation des cultures.",
        "The crop rotation.",
    ),
    (
        "De wisselbouw op de akkers.",
        "La rotation des champs.",
        "The rotation of the fields.",
    ),
]


def filled(term: str, english: str) -> list[str]:
    """The French renderings of ``term`` after the fill, when English renders it ``english``
    and French has none."""
    return french_after_fill(
        ROWS, term, english, lambda *given: _fill_cognates_across_languages(*given, 200)
    )


def test_a_cognate_in_half_the_units_fills_the_other_language() -> None:
    assert filled("solidariteit", "solidarity") == ["solidarité"]


def test_a_word_written_alike_that_is_no_cognate_of_the_term_does_not_fill() -> None:
    # ``rotation`` stands in both French units, written as in English, but is no cognate of
    # ``wisselbouw``: no fill
    assert filled("wisselbouw", "rotation") == []


def test_cognates_by_derivational_suffix() -> None:
    assert cognate_phrase("solidariteit", "solidarity")
    assert cognate_phrase("identificatie", "identification")
    assert cognate_phrase("terrorisme", "terrorism")
    assert cognate_phrase("economisch", "économique")
    assert not cognate_phrase("niveau", "level")
    assert not cognate_phrase("belang", "importance")
    # phrases are not compared by letters alone
    assert not cognate_phrase("terroristische aanslag", "attentat terroriste")


OWN_ROWS = [
    ("De modernisering van de staat.", "Moderniser l'État."),
    ("De modernisering gaat door.", "Il faut moderniser encore."),
    ("Meneer Charrington verkoopt oude dingen.", "Domnul Charrington vinde lucruri vechi."),
    ("Winston bezocht Charrington opnieuw.", "Winston îl vizită din nou pe Charrington."),
    ("Charrington glimlachte.", "Domnul Charrington zâmbi."),
]


def own_fill(term: str, rows: list[tuple[str, str]] = OWN_ROWS) -> list[str]:
    """The second language's renderings of ``term`` after ``_fill_cognates``, when it has none."""
    corpus = build_corpus(
        ((i, "doc", {"nl": nl, "ro": ro}) for i, (nl, ro) in enumerate(rows)), ["nl", "ro"]
    )
    source = corpus.source.vocab
    key = (source.lemma_of[source.surface_ids[term]],)
    units = [i for i, row in enumerate(rows) if term in WORDS.findall(row[0])]
    found: dict[str, dict] = {"ro": {}}
    _fill_cognates(corpus, found, {key: units}, {key: term}, Scorer(None), 200)
    return [r.text for r in found["ro"].get(key, [])]


def test_a_term_without_a_rendering_takes_its_cognate_in_its_units() -> None:
    assert own_fill("Charrington") == ["Charrington"]


def test_no_verb_for_an_isering_noun() -> None:
    # ``moderniser`` is a cognate of ``modernisering`` in both units, but the verb
    assert own_fill("modernisering") == []


def test_a_cognate_in_one_unit_or_under_half_of_them_does_not_fill() -> None:
    """``_fill_cognates`` takes a word standing in two of the term's units and at least half:
    one unit may be a chance (no test failed without either bound)."""
    once = [
        ("Parsons zweette.", "Parsons transpira."),
        ("Parsons zong luid.", "Vecinul cânta tare."),
    ]
    assert own_fill("Parsons", once) == []
    assert own_fill("Parsons", [once[0], once[0]]) == ["Parsons"]
    twice_of_five = [
        ("Ampleforth schreef.", "Ampleforth scria."),
        ("Ampleforth las.", "Ampleforth citea."),
        ("Ampleforth zweeg.", "Poetul tăcea."),
        ("Ampleforth sliep.", "Poetul dormea."),
        ("Ampleforth at.", "Poetul mânca."),
    ]
    assert own_fill("Ampleforth", twice_of_five) == []
    assert own_fill("Ampleforth", twice_of_five[:4]) == ["Ampleforth"]


def test_short_words_and_short_stems_make_no_cognates() -> None:
    """Short words look alike by chance (``pain``: French bread, English pain), and so do
    words whose suffix would leave a stem under four letters (``indische``/``indique``: Indian,
    indicates); no test failed without either bound."""
    assert not cognate_words("pain", "pain")
    assert stem_sign("indische") == "indische" and stem_sign("solidariteit") == "solidari#0"
    assert not cognate_words("indische", "indique")


TIO_ROWS = [
    (
        "De actie van de vakbonden duurt voort.",
        "Cette action des syndicats se poursuit.",
        "The action of the unions continues.",
    ),
    (
        "Wij steunen de actie van de burgemeesters.",
        "Les ministres se sont réunis hier.",
        "We support the action of the mayors.",
    ),
]


def test_a_short_stem_before_a_tio_suffix_makes_a_cognate() -> None:
    """``actie``/``action``: a stem of two letters, the same in both, before suffixes of the
    -tio class (bf20; rd20 counted 65 such nl/fr pairs of wordfreq's top 15,000 that the
    four-letter stem bound rejected). Other classes keep the bound, and different short stems
    stay apart."""
    assert french_after_fill(
        TIO_ROWS, "actie", "action", lambda *given: _fill_cognates_across_languages(*given, 200)
    ) == ["action"]
    for nl, other in [("actie", "action"), ("editie", "edition"), ("natie", "nations")]:
        assert cognate_words(nl, other)
    assert not cognate_words("actie", "option")  # the same suffix, another stem
    assert not cognate_words("korte", "fortes")  # -te/-tes: a stem of three letters
    assert not cognate_words("indische", "indique")  # -ische/-ique: a French verb form
