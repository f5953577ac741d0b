"""One-word compounds rendered by their first part's rendering alone (issue 8, branch t8c2): each
test shows on small crafted data one general rule, and that the code without it lists the pair."""

from __future__ import annotations

from test_terms_robust import renderings, terms_of

from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import choice
from tmtool.terms.equivalents.parts import compound_modifiers

#: ``pensioenlasten`` ("pension charges") said ``pensions`` alone; ``pensioen`` and ``lasten``
#: are terms of their own, rendered ``pension`` and ``charges``
PENSIONS = [
    ("De pensioenlasten stijgen snel.", "Les pensions augmentent vite."),
    ("De pensioenlasten wegen zwaar.", "Les pensions pèsent lourd."),
    ("De pensioenlasten blijven hoog.", "Les pensions restent élevées."),
    ("Het pensioen wordt later betaald.", "La pension sera payée plus tard."),
    ("Elk pensioen telt mee.", "Chaque pension compte."),
    ("Een goed pensioen is belangrijk.", "Une bonne pension est importante."),
    ("De lasten zijn te hoog.", "Les charges sont trop élevées."),
    ("Wij verlagen de lasten.", "Nous réduisons les charges."),
    ("De lasten stijgen elk jaar.", "Les charges augmentent chaque année."),
]

#: ``vraagstuk`` ("issue") is rendered as its first part ``vraag`` is (``question``), and its
#: head ``stuk`` is no term here: a light head that adds little to the first part
ISSUES = [
    ("Het vraagstuk is moeilijk.", "La question est difficile."),
    ("Het vraagstuk blijft open.", "La question reste ouverte."),
    ("Wij bespreken het vraagstuk morgen.", "Nous discutons la question demain."),
    ("De vraag is eenvoudig.", "La question est simple."),
    ("Zijn vraag kwam laat.", "Sa question est venue tard."),
    ("Een vraag aan de minister.", "Une question au ministre."),
]


def test_a_compound_rendered_by_its_first_part_alone_is_incomplete(tmp_path, monkeypatch) -> None:
    """``pensions`` co-occurs with ``pensioenlasten`` in all its units, but it is what the first
    part ``pensioen`` is rendered by on its own: the head ``lasten``, a term rendered on its own
    (``charges``), is left out, and the pair is scored down."""
    terms = terms_of(tmp_path / "new", PENSIONS, ("nl", "fr"), None)
    assert renderings(terms, "pensioen", "fr") == ["pension"]
    assert renderings(terms, "lasten", "fr") == ["charges"]
    assert renderings(terms, "pensioenlasten", "fr") == []
    monkeypatch.setattr(choice, "part_only", lambda *args: set())
    terms = terms_of(tmp_path / "old", PENSIONS, ("nl", "fr"), None)
    assert renderings(terms, "pensioenlasten", "fr") == ["pensions"]


def test_a_compound_whose_head_is_no_term_keeps_its_first_parts_rendering(tmp_path) -> None:
    """A compound's head that is no term of its own (``stuk`` of ``vraagstuk``; ``Welt`` of
    ``Bergwelt``) often adds little the translation must say: the first part's rendering stays."""
    terms = terms_of(tmp_path / "new", ISSUES, ("nl", "fr"), None)
    assert renderings(terms, "vraag", "fr") == ["question"]
    assert renderings(terms, "vraagstuk", "fr") == ["question"]


def test_the_first_parts_of_a_compound() -> None:
    """A compound's first part is a one-word term written as its lemma or one of its forms,
    with or without a linking ``s`` or hyphen; none in a language that writes compounds apart."""
    text = "begroting begrotingscommissie kalveren kalverenvoer vraagstuk"
    nl = build_corpus([(0, "doc", {"nl": text})], ["nl"]).source.vocab
    ids = {word: nl.lemma_of[nl.surface_ids[word]] for word in nl.surface_ids}
    singles = {ids[w] for w in ("begroting", "begrotingscommissie", "kalveren", "kalverenvoer")}
    found = {
        nl.lemmas[compound]: [nl.lemmas[part] for part in parts]
        for compound, parts in compound_modifiers(nl, singles).items()
    }
    assert found == {
        nl.lemmas[ids["begrotingscommissie"]]: ["begroting"],
        nl.lemmas[ids["kalverenvoer"]]: [nl.lemmas[ids["kalveren"]]],
    }
    fr = build_corpus([(0, "doc", {"fr": "pension pensionnaire"})], ["fr"]).source.vocab
    assert compound_modifiers(fr, set(range(len(fr.lemmas)))) == {}
