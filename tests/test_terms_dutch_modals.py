"""A Dutch infinitive after a modal is a verb (issue 8, the seeds' glossary, branch t19n):
``moet bijdragen aan``, ``kan bijdragen.`` (simplemma reads ``bijdragen`` as the plural of
``bijdrage``). Only before a preposition or punctuation: before a verb the word after the modal
is its object (``zal gevolgen hebben``), the risk that kept t8s2 from reading modals. Small
crafted data; the measurements are in ``bench/terms_bench.py quality`` and
``bench/seeds_judged.py``."""

from __future__ import annotations

from terms_support import imported_terms

ROWS = [
    (
        "Het centrum moet bijdragen aan de uitwisseling van informatie.",
        "Le centre doit contribuer à l'échange d'informations.",
    ),
    (
        "De parketten kunnen bijdragen tot de veiligheid.",
        "Les parquets peuvent contribuer à la sécurité.",
    ),
    ("Ook de ministers willen bijdragen.", "Les ministres veulent aussi contribuer."),
    (
        "Europol moet bijdragen aan de strijd tegen het terrorisme.",
        "Europol doit contribuer à la lutte contre le terrorisme.",
    ),
    ("Dit besluit zal gevolgen hebben.", "Cette décision aura des conséquences."),
    ("Het verdrag zal gevolgen hebben.", "Le traité aura des conséquences."),
    ("De parketten delen informatie.", "Les parquets partagent des informations."),
    ("De ministers bezoeken de parketten.", "Les ministres visitent les parquets."),
]


def test_an_infinitive_after_a_modal_is_no_term(tmp_path) -> None:
    terms = imported_terms(tmp_path, ROWS, ("nl", "fr"), min_score=0.0)
    texts = [entry.text for entry in terms.entries]
    assert "bijdragen" not in texts
    assert "gevolgen" in texts
