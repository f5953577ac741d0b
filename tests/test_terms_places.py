"""A thing placed at a named place is no term (issue 8, the seeds' glossary, branch t19n):
``verbindingsmagistraat in België`` is a liaison magistrate and where they serve, a free
combination like ``situation in Kosovo``; a name's words are all capitalised and stay whole.
Small crafted data; the measurements are in ``bench/terms_bench.py quality`` and
``bench/seeds_judged.py``."""

from __future__ import annotations

from terms_support import imported_terms

ROWS = [
    (
        "Frankrijk stelt een verbindingsmagistraat in België aan.",
        "La France nomme un magistrat de liaison en Belgique.",
    ),
    (
        "De verbindingsmagistraat in België werkt met de parketten.",
        "Le magistrat de liaison en Belgique travaille avec les parquets.",
    ),
    (
        "Wij verwelkomen de verbindingsmagistraat in België.",
        "Nous accueillons le magistrat de liaison en Belgique.",
    ),
    ("De parketten delen informatie.", "Les parquets partagent des informations."),
    ("De grenzen zijn open.", "Les frontières sont ouvertes."),
    ("Het terrorisme bedreigt de veiligheid.", "Le terrorisme menace la sécurité."),
    ("De ministers bespreken het terrorisme.", "Les ministres discutent du terrorisme."),
    ("De ministers bezoeken de parketten.", "Les ministres visitent les parquets."),
]

ENGLISH_ROWS = [
    (
        "The liaison officer in Brussels reports weekly.",
        "L'officier de liaison à Bruxelles fait rapport chaque semaine.",
    ),
    (
        "We thank the liaison officer in Brussels.",
        "Nous remercions l'officier de liaison à Bruxelles.",
    ),
    (
        "A liaison officer in Brussels was appointed.",
        "Un officier de liaison à Bruxelles a été nommé.",
    ),
    ("The borders are open.", "Les frontières sont ouvertes."),
    ("Terrorism threatens security.", "Le terrorisme menace la sécurité."),
    ("The ministers discuss terrorism.", "Les ministres discutent du terrorisme."),
    ("The ministers visit the borders.", "Les ministres visitent les frontières."),
]


def _terms(tmp_path, rows, langs) -> list[str]:
    terms = imported_terms(tmp_path, rows, langs, min_score=0.0)
    return [entry.text for entry in terms.entries]


def test_a_dutch_term_placed_at_a_named_place_is_no_term(tmp_path) -> None:
    terms = _terms(tmp_path, ROWS, ("nl", "fr"))
    assert "verbindingsmagistraat in België" not in terms
    assert "parketten" in terms


def test_an_english_term_placed_at_a_named_place_is_no_term(tmp_path) -> None:
    terms = _terms(tmp_path, ENGLISH_ROWS, ("en", "fr"))
    assert "liaison officer in Brussels" not in terms
    assert "terrorism" in terms
