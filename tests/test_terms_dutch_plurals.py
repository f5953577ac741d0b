"""Dutch plurals that share their spelling with a verb's past forms (issue 8, branch t8d):
``leden`` is the plural of ``lid`` and a past form of ``lijden``, which simplemma gives it, so
its ending marked it as a verb form and no term could hold it (``EP-leden``). The memory's own
contexts tell the noun: a determiner before it and no content word after it."""

from __future__ import annotations

from test_terms_missed import ranked

from tmtool.terms import corpus
from tmtool.terms.corpus import build_corpus
from tmtool.terms.text import Language

#: ``internet``, which simplemma reads as a form of ``internetten`` (``EP-leden``, the first
#: example, is a noun by its hyphen since t19h: ``test_terms_dutch_hyphens``)
MEMBERS = [
    "Het internet is traag.",
    "Dat staat op het internet.",
    "Sommige burgers gebruiken het internet.",
    "Via het internet stemmen.",
    "Zij leden veel schade door de storm.",
    "Zij leden onder de crisis.",
]


def verb_forms(texts: list[str]) -> set[str]:
    """The forms a Dutch corpus of ``texts`` marks as verb forms."""
    built = build_corpus(((i, "doc", {"nl": text}) for i, text in enumerate(texts)), ["nl"])
    vocab = built.source.vocab
    return {vocab.surfaces[word] for word in vocab.verbs}


def test_a_plural_read_as_a_verb_form_is_a_noun_after_a_determiner(monkeypatch) -> None:
    """``het internet`` twice as a head: a noun; ``zij leden`` only after a subject: a verb."""
    forms = verb_forms(MEMBERS)
    assert "internet" not in forms
    assert "leden" in forms
    assert "internetten" in ranked(MEMBERS, "nl")
    monkeypatch.setattr(corpus, "keep_noun_heads", lambda side: None)
    assert "internet" in verb_forms(MEMBERS)
    assert "internetten" not in ranked(MEMBERS, "nl")


def test_an_attributive_participle_after_a_determiner_stays_a_verb_form() -> None:
    """``de aangenomen tekst``, ``de afgelopen twee jaar``: the participle's noun follows it (after
    a number word or a counted unit), so it is no head."""
    texts = [
        "De aangenomen tekst is kort.",
        "De aangenomen amendementen zijn talrijk.",
        "Het Parlement heeft de resolutie aangenomen.",
        "Dat is de afgelopen twee jaar gebeurd.",
        "In de afgelopen maanden is veel veranderd.",
        "Het is sinds de afgelopen 10 jaar zo.",
    ]
    forms = verb_forms(texts)
    assert "aangenomen" in forms
    assert "afgelopen" in forms


SESSIONS = [
    "De vergaderperiode van januari begint maandag.",
    "Tijdens deze vergaderperiode stemmen wij.",
    "Alle vergaderperioden duren vier dagen.",
    "De vergaderperioden van het voorjaar zijn kort.",
]


def test_a_compound_the_dictionary_lacks_takes_its_heads_singular(monkeypatch) -> None:
    """Dutch compounds inflect on their head: ``vergaderperioden`` is the plural of
    ``vergaderperiode`` because ``perioden`` is that of ``periode``."""
    nl = Language("nl")
    assert nl.lemma("vergaderperioden") == "vergaderperiode"
    assert nl.lemma("afzetbevorderingsacties") == "afzetbevorderingsactie"
    # a head read as a verb form (``leden`` → ``lijden``) or a head that is its own lemma
    # leaves the compound as it is
    assert nl.lemma("commissieleden") != "commissielijden"
    assert nl.lemma("herbevestigen") == "herbevestigen"
    assert nl.lemma("kalverenvoer") == "kalverenvoer"
    # one candidate in four units, not two in two each
    found = ranked(SESSIONS, "nl")
    assert "vergaderperiode" in found
    assert "vergaderperioden" not in found
    monkeypatch.setattr(Language, "compound_lemma", lambda self, lower: lower)
    plain = Language("nl")
    assert plain.lemma("vergaderperioden") == "vergaderperioden"
