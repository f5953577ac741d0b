"""A longer term rendered by a cognate of a part C-value left out is that part."""

from __future__ import annotations

from test_terms_robust import renderings, terms_of

from tmtool.terms import extract

VALIDATION = [
    ("De resultaten van de validering zijn goed.", "La validation est positive."),
    (
        "De resultaten van de validering zijn duidelijk.",
        "Les conclusions de la validation sont claires.",
    ),
    (
        "De resultaten van de validering komen morgen.",
        "Les données de validation arrivent demain.",
    ),
    ("Wij lezen het verslag vandaag.", "Nous lisons le rapport aujourd'hui."),
]


def test_a_longer_term_rendered_by_a_cognate_of_its_left_out_part_is_the_part(
    tmp_path, monkeypatch
) -> None:
    # ``validering`` stands only inside ``resultaten van de validering``, so C-value leaves it
    # out; the phrase's rendering ``validation`` is a cognate of the word, not of the phrase
    terms = terms_of(tmp_path / "new", VALIDATION, ("nl", "fr"), None)
    assert renderings(terms, "validering", "fr") == ["validation"]
    assert renderings(terms, "resultaten van de validering", "fr") == []
    monkeypatch.setattr(extract, "_cognate_of_part", lambda *args: False)
    terms = terms_of(tmp_path / "old", VALIDATION, ("nl", "fr"), None)
    assert renderings(terms, "validering", "fr") == []
    assert renderings(terms, "resultaten van de validering", "fr") == ["validation"]
