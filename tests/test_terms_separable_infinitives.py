"""A separable verb's joined infinitive is a verb in either case (issue 8, the seeds' glossary,
branch t19n): where the memory writes ``voort te zetten``, ``Voortzetten van ...`` (a heading's
verb) is that verb, no term, though the capital keeps ``infinitive_like`` from reading it; a
noun spelled so keeps its determiners (``de voorstellen`` beside ``voor te stellen``). Small
crafted data; the measurements are in ``bench/terms_bench.py quality`` and
``bench/seeds_judged.py``."""

from __future__ import annotations

from terms_support import imported_terms

ROWS = [
    (
        "Voortzetten van de ontmoetingen over terrorisme.",
        "Poursuivre les rencontres sur le terrorisme.",
    ),
    (
        "Voortzetten van de uitwisselingen tussen de parketten.",
        "Poursuivre les échanges entre les parquets.",
    ),
    (
        "Voortzetten van onze samenwerking in gevangenissen.",
        "Poursuivre notre coopération dans les prisons.",
    ),
    (
        "Wij besluiten de gesprekken voort te zetten.",
        "Nous décidons de poursuivre les discussions.",
    ),
    ("De ministers bespreken het terrorisme.", "Les ministres discutent du terrorisme."),
    ("De parketten delen informatie.", "Les parquets partagent des informations."),
    ("De ministers bezoeken de parketten.", "Les ministres visitent les parquets."),
    ("De voorstellen van de ministers.", "Les propositions des ministres."),
    ("Wij lezen de voorstellen.", "Nous lisons les propositions."),
    ("Zij besluiten iets voor te stellen.", "Ils décident de proposer quelque chose."),
]


def test_a_capitalised_separable_infinitive_is_no_term(tmp_path) -> None:
    terms = imported_terms(tmp_path, ROWS, ("nl", "fr"), min_score=0.0)
    texts = [entry.text for entry in terms.entries]
    assert "Voortzetten" not in texts
    assert "voorstellen" in texts
