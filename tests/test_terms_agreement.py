"""A rare term's rendering agrees across the target languages (branch t19g).

In the seeds, ``eerbiediging`` (two units) was ``utilisation`` in French (rarer elsewhere than
``respect``, and in both units for ``gebruik``/``misbruik``) but ``respect`` in English: the
English rendering written letter for letter in every French unit of the term decides the tie.
"""

from __future__ import annotations

from terms_support import imported_terms

ROWS = [
    (
        "De eerbiediging van de privacy en het gebruik van gegevens.",
        "Le respect de la vie privée et l'utilisation des données.",
        "Respect for privacy and the use of data.",
    ),
    (
        "De eerbiediging van de wet en het misbruik van internet.",
        "Le respect de la loi et l'utilisation abusive d'internet.",
        "Respect for the law and misuse of the internet.",
    ),
    (
        "Wij tonen respect voor de burgers.",
        "Nous montrons du respect pour les citoyens.",
        "We show respect for citizens.",
    ),
    ("De burgers stemmen vandaag.", "Les citoyens votent aujourd'hui.", "Citizens vote today."),
    ("De wet is streng.", "La loi est sévère.", "The law is strict."),
    ("Het internet is snel.", "L'internet est rapide.", "The internet is fast."),
]


def renderings(tmp_path) -> dict[str, dict[str, list[str]]]:
    terms = imported_terms(tmp_path, ROWS, ("nl", "fr", "en"), min_score=0.3)
    return {
        entry.text: {lang: [r.text for r in found] for lang, found in entry.renderings.items()}
        for entry in terms.entries
    }


def test_a_rare_term_takes_the_rendering_both_languages_write(tmp_path) -> None:
    found = renderings(tmp_path)["eerbiediging"]
    assert [text.lower() for text in found["en"]] == ["respect"]
    assert [text.lower() for text in found["fr"]] == ["respect"]
