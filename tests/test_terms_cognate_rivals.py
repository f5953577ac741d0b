"""A rare term's rendering that holds a cognate of a term word has no rivals without one
(branch t20e).

In the seeds, ``terroristische aanslag`` (two units) had no French rendering: both French units
also write ``suite`` and ``Liège``, which co-occur with the term as perfectly as ``attentat
terroriste``, so Dice was shared among three (``choice._rivals``) and the score fell under the
floor. Only ``attentat terroriste`` holds a cognate of a word of the term (``terroriste``)."""

from __future__ import annotations

from pathlib import Path

from terms_support import imported_terms

from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents.choice import _cognates_of, _rivals

ROWS = [
    (
        "Na de terroristische aanslag in Luik rouwt het land.",
        "Suite à l'attentat terroriste de mai, Liège est en deuil.",
    ),
    (
        "De terroristische aanslag in Luik werd onderzocht.",
        "L'attentat terroriste a frappé Liège ; par la suite, une enquête a été ouverte.",
    ),
    ("Het land werkt samen met de buren.", "Le pays coopère avec ses voisins."),
    ("Een enquête over de buren werd gehouden.", "Une enquête sur les voisins a eu lieu."),
]


def test_a_rare_terms_cognate_rendering_is_chosen_over_shared_words(tmp_path: Path) -> None:
    terms = imported_terms(tmp_path, ROWS, ("nl", "fr"))
    found = {entry.text: entry.renderings.get("fr", []) for entry in terms.entries}
    assert [r.text for r in found["terroristische aanslag"]][:1] == ["attentat terroriste"]


def test_rivals_without_a_cognate_do_not_count() -> None:
    association = {(1, 2): 1.0, (3,): 1.0, (4,): 1.0, (5,): 0.5}
    assert _rivals(association, (1, 2)) == 2
    # the rendering (1, 2) holds a cognate of the term, (3,) and (4,) do not
    assert _rivals(association, (1, 2), lambda phrase: phrase == (1, 2)) == 0
    # a rival with a cognate still counts
    assert _rivals(association, (1, 2), lambda phrase: phrase in {(1, 2), (3,)}) == 1


def test_a_shorter_rendering_with_a_cognate_still_has_rivals() -> None:
    """Only a rendering with as many words as the term is singled out by a cognate: ``tigres``
    is a cognate of ``Tiger`` in ``Balti-Tiger``, the rendering of a part (textberg-dev: it
    entered the top 100 when every rendering with a cognate lost its rivals, bench/RESULTS.md
    t20e 2a)."""
    rows = [
        ("De Balti-Tiger groeide snel.", "Les tigres baltes ont grandi vite."),
        ("De terroristische aanslag in Luik.", "L'attentat terroriste de Liège."),
    ]
    corpus = build_corpus(
        ((i, "doc", {"nl": nl, "fr": fr}) for i, (nl, fr) in enumerate(rows)), ["nl", "fr"]
    )
    side = corpus.sides["fr"]
    ids = {lemma: i for i, lemma in enumerate(side.vocab.lemmas)}
    tigres, liege = (ids["tigre"],), (ids["liège"],)
    assert _cognates_of(side, "Balti-Tiger", "tigres") is None
    association = {tigres: 1.0, liege: 1.0}
    assert _rivals(association, tigres, _cognates_of(side, "Balti-Tiger", "tigres")) == 1
    cognate = _cognates_of(side, "terroristische aanslag", "attentat terroriste")
    assert cognate is not None
    attentat = (ids["attentat"], ids["terroriste"])
    assert cognate(attentat) and not cognate(liege)
    assert _rivals({attentat: 1.0, liege: 1.0}, attentat, cognate) == 0
