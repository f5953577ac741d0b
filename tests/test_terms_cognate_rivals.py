"""A rare term's rendering that holds a cognate of a term word has no rivals without one
(branch t20e).

In the seeds, ``terroristische aanslag`` (two units) had no French rendering: both French units
also write ``suite`` and ``Liège``, which co-occur with the term as perfectly as ``attentat
terroriste``, so Dice was shared among three (``choice._rivals``) and the score fell under the
floor. Only ``attentat terroriste`` holds a cognate of a word of the term (``terroriste``)."""

from __future__ import annotations

from pathlib import Path

from terms_support import imported_terms

from tmtool.terms.equivalents.choice import _rivals

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
