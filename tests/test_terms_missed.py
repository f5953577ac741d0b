"""Gold pairs the extractor missed, by the stage where they were lost (issue 8, branch t8m; the
table is in bench/RESULTS.md). Each test shows on small crafted data the behaviour of one general
fix, and that the code before it lost the term."""

from __future__ import annotations

from test_terms_robust import renderings, terms_of

from tmtool.terms import candidates
from tmtool.terms.candidates import count_candidates, rank_candidates
from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import choice, sets


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
    monkeypatch.setattr(candidates, "conjuncts", lambda key, coordinators: set())
    assert "engineer" not in ranked(ENGINEERS, "en")
    assert "plattelandsontwikkeling" not in ranked(COMMITTEE, "nl")


def accession_rows() -> list[tuple[str, str]]:
    """``EU accession`` in eight units, rendered ``csatlakozás`` in four (the others say it
    otherwise, each differently); ``accession`` alone in six more, always ``csatlakozás``."""
    countries = [
        ("Poland", "lengyel"),
        ("Malta", "máltai"),
        ("Cyprus", "ciprusi"),
        ("Latvia", "lett"),
    ]
    others = [
        ("farms", "tanya gazda"),
        ("roads", "út híd"),
        ("wine", "bor szőlő"),
        ("fish", "hal tó"),
    ]
    words = [
        ("talks", "tárgyalás"),
        ("treaty", "szerződés"),
        ("date", "dátum"),
        ("vote", "szavazás"),
        ("debate", "vita"),
        ("plan", "terv"),
    ]
    return [
        *((f"EU accession for {en}.", f"{hu} csatlakozás.") for en, hu in countries),
        *((f"EU accession and {en}.", f"{hu}.") for en, hu in others),
        *((f"The accession {en}.", f"{hu} csatlakozás.") for en, hu in words),
    ]


def test_a_term_links_with_its_rendering_though_its_own_part_is_more_associated(
    tmp_path, monkeypatch
) -> None:
    # ``accession``, seen more often, is more associated with ``csatlakozás`` than ``EU
    # accession`` is (Dice 0.83 against 0.44); the competition is between different words, so
    # the longer term still links with the rendering it shares with its part and, seen with it
    # in four units, needs only the set floor
    terms = terms_of(tmp_path / "new", accession_rows(), ("en", "hu"), None)
    assert renderings(terms, "EU accession", "hu") == ["csatlakozás"]
    score = next(
        r.score for e in terms.entries if e.text == "EU accession" for r in e.renderings["hu"]
    )
    assert sets.SET_FLOOR * 0.5 <= score < sets.required(0.5, 4)
    monkeypatch.setattr(choice, "linked_both_ways", lambda chosen, association, parts: set())
    terms = terms_of(tmp_path / "old", accession_rows(), ("en", "hu"), None)
    assert renderings(terms, "EU accession", "hu") == []


RURAL = [
    *(
        (
            f"De Commissie landbouw en plattelandsontwikkeling in het {nl}.",
            f"La commission de l'agriculture et du développement rural dans le {fr}.",
        )
        for nl, fr in [("noorden", "nord"), ("zuiden", "sud"), ("oosten", "est")]
    ),
    (
        "Wij steunen de plattelandsontwikkeling vandaag.",
        "Nous soutenons les campagnes aujourd'hui.",
    ),
]


def test_a_coordination_does_not_own_the_rendering_of_one_of_its_terms(
    tmp_path, monkeypatch
) -> None:
    # ``développement rural`` stands in all three units of the committee's name and in three of
    # the four of ``plattelandsontwikkeling``: the name is the more associated, but the word
    # stands in it as one of the terms its coordination joins (in lower case, not a word of the
    # name as ``Trade`` in ``Foreign Affairs and Trade``), and that term's rendering is its own
    terms = terms_of(tmp_path / "new", RURAL, ("nl", "fr"), None)
    assert renderings(terms, "plattelandsontwikkeling", "fr") == ["développement rural"]
    monkeypatch.setattr(choice, "_conjunct_of", lambda *args: False)
    terms = terms_of(tmp_path / "old", RURAL, ("nl", "fr"), None)
    assert "développement rural" not in renderings(terms, "plattelandsontwikkeling", "fr")
