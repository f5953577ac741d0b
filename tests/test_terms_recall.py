"""Recall of gold pairs seen at least twice (issue 8, branch t19r; the stage table is in
bench/RESULTS.md). Each test shows on small crafted data one general fix, and that the code
before it lost the pair."""

from __future__ import annotations

import numpy as np
from test_terms_robust import renderings, terms_of

from tmtool.terms.equivalents import Embed, choice

FILLERS = [
    ("bespreekt de begroting", "discute le budget"),
    ("steunt het verdrag", "soutient le traité"),
    ("sluit de grens", "ferme la frontière"),
    ("bezoekt de haven", "visite le port"),
    ("redt de rivier", "sauve le fleuve"),
    ("vreest de winter", "craint l'hiver"),
]

#: ``voorzitterschap`` in six units, four of them ``het Belgisch voorzitterschap``; the
#: translator writes ``la présidence belge`` in all six (the two others make it explicit)
PRESIDENCY = [
    *(
        (f"Het Belgisch voorzitterschap {nl}.", f"La présidence belge {fr}.")
        for nl, fr in FILLERS[:4]
    ),
    *((f"Het voorzitterschap {nl}.", f"La présidence belge {fr}.") for nl, fr in FILLERS[4:]),
]


def presidency_encoder(longer: float = 0.8) -> Embed:
    """``présidence belge`` at cosine ``longer`` with ``Belgisch voorzitterschap`` and the rest
    of 1 with ``voorzitterschap`` (0.8 and 0.6: nearer the longer term), ``présidence`` at 1.0
    with ``voorzitterschap``; every other text orthogonal."""
    axes = {"voorzitterschap": 0, "présidence": 0, "belgisch voorzitterschap": 1}
    vectors: dict[str, np.ndarray] = {}

    def embed(texts):
        for text in texts:
            if text not in vectors:
                vector = np.zeros(512)
                if text.lower() == "présidence belge":
                    vector[0], vector[1] = (1 - longer**2) ** 0.5, longer
                else:
                    vector[axes.get(text.lower(), len(vectors) + 2)] = 1.0
                vectors[text] = vector
        return np.array([vectors[text] for text in texts])

    return embed


def test_a_term_leaves_a_longer_terms_words_out_of_its_rendering(tmp_path, monkeypatch) -> None:
    # ``présidence belge`` stands in all six units of ``voorzitterschap``, so association and
    # completion choose it; it is also the rendering of ``Belgisch voorzitterschap``, which
    # stands in four of the six and which the encoder puts it nearer: ``belge`` renders
    # ``Belgisch``, and the term keeps the shortlisted phrase inside, ``présidence``
    langs = ("nl", "fr")
    terms = terms_of(tmp_path / "new", PRESIDENCY, langs, presidency_encoder())
    assert renderings(terms, "voorzitterschap", "fr") == ["présidence"]
    assert renderings(terms, "Belgisch voorzitterschap", "fr") == ["présidence belge"]
    # the encoder puts the phrase nearer the term: it renders the term (``petite pointe`` for
    # ``Spitzchen`` beside ``weissen Spitzchen``), and it stays
    terms = terms_of(tmp_path / "near", PRESIDENCY, langs, presidency_encoder(longer=0.6))
    assert renderings(terms, "voorzitterschap", "fr") == ["présidence belge"]
    # no encoder, no evidence of which term the phrase translates: the phrase stays
    terms = terms_of(tmp_path / "plain", PRESIDENCY, langs, None)
    assert renderings(terms, "voorzitterschap", "fr") == ["présidence belge"]
    monkeypatch.setattr(choice, "_leave_longer_terms_words", lambda *args: None)
    terms = terms_of(tmp_path / "old", PRESIDENCY, langs, presidency_encoder())
    assert renderings(terms, "voorzitterschap", "fr") == ["présidence belge"]
