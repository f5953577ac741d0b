"""Gold pairs the extractor missed, by the stage where they were lost (issue 8, branch t8m; the
table is in bench/RESULTS.md). Each test shows on small crafted data the behaviour of one general
fix, and that the code before it lost the term."""

from __future__ import annotations

from tmtool.terms import candidates
from tmtool.terms.candidates import count_candidates, rank_candidates
from tmtool.terms.corpus import build_corpus


def ranked(texts: list[str], lang: str) -> list[str]:
    corpus = build_corpus(((i, "doc", {lang: text}) for i, text in enumerate(texts)), [lang])
    found = rank_candidates(corpus, count_candidates(corpus, 5), 2)
    return [" ".join(corpus.source.vocab.key_text(c.key)) for c in found]


ENGINEERS = [
    "The astronomers and engineers built the telescope.",
    "Next year the astronomers and engineers will test it.",
    "The astronomers and engineers met in the village.",
]

COMMITTEE = [
    "Namens de Commissie landbouw en plattelandsontwikkeling dank ik u.",
    "De Commissie landbouw en plattelandsontwikkeling heeft gestemd.",
    "Het verslag van de Commissie landbouw en plattelandsontwikkeling is klaar.",
]


def test_a_word_next_to_a_conjunction_is_no_fragment_of_the_coordination(monkeypatch) -> None:
    # ``engineer`` stands only inside ``astronomer and engineer``, but a coordination joins
    # terms that stand on their own: C-value's fragment test does not apply to its conjuncts
    assert "engineer" in ranked(ENGINEERS, "en")
    assert "astronomer" in ranked(ENGINEERS, "en")
    dutch = ranked(COMMITTEE, "nl")
    assert "plattelandsontwikkeling" in dutch
    # a longer piece of the name is still a fragment of it
    assert "commissie landbouw" not in dutch
    monkeypatch.setattr(candidates, "_conjuncts", lambda key, coordinators: set())
    assert "engineer" not in ranked(ENGINEERS, "en")
    assert "plattelandsontwikkeling" not in ranked(COMMITTEE, "nl")
