"""A multi-word source term rendered by one compound word (issue 8, French → Dutch, branch
t20f): each test shows on small crafted data one general rule, and that the code without it
loses the pair."""

from __future__ import annotations

from test_terms_robust import renderings, terms_of

from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import whole

#: ``coopération policière`` is rendered by the compound ``politiesamenwerking``, whose head is
#: ``samenwerking``, what the part ``coopération`` is rendered by on its own; ``samenwerking``
#: also stands on its own in most of the term's units
POLICE = [
    (
        "La coopération policière renforce la coopération entre les pays.",
        "De politiesamenwerking versterkt de samenwerking tussen de landen.",
    ),
    (
        "La coopération policière et la coopération judiciaire progressent.",
        "De politiesamenwerking en de justitiële samenwerking gaan vooruit.",
    ),
    (
        "Nous voulons plus de coopération policière et de coopération.",
        "Wij willen meer politiesamenwerking en meer samenwerking.",
    ),
    (
        "La coopération policière reste une priorité.",
        "De politiesamenwerking blijft een prioriteit.",
    ),
    ("La coopération est utile aux citoyens.", "De samenwerking is nuttig voor de burgers."),
    ("Cette coopération coûte peu.", "Deze samenwerking kost weinig."),
    ("La coopération avec la France est bonne.", "De samenwerking met Frankrijk is goed."),
    ("Nous saluons la coopération des pays.", "Wij verwelkomen de samenwerking van de landen."),
]


def test_a_compound_holding_the_parts_rendering_as_its_head_renders_the_term(
    tmp_path, monkeypatch
) -> None:
    """``politiesamenwerking`` holds ``samenwerking`` (the rendering of ``coopération``) as its
    head: it renders the whole term, not a rendering that leaves a part out."""
    terms = terms_of(tmp_path / "new", POLICE, ("fr", "nl"), None)
    assert renderings(terms, "coopération", "nl") == ["samenwerking"]
    assert renderings(terms, "coopération policière", "nl") == ["politiesamenwerking"]
    monkeypatch.setattr(whole, "holds_as_head", lambda *args: False)
    terms = terms_of(tmp_path / "old", POLICE, ("fr", "nl"), None)
    assert renderings(terms, "coopération policière", "nl") == []


def test_a_compound_head_is_a_whole_word_ending_a_longer_one_in_a_compounding_language() -> None:
    """The head is the compound's end, as long as a compound head (``text.head_cuts``), after a
    first part of three letters or more; a language that writes compounds apart has none."""
    text = "politiesamenwerking samenwerking inlichtingendienst dienst indienst"
    nl = build_corpus([(0, "doc", {"nl": text})], ["nl"]).source.vocab
    key = {word: (nl.lemma_of[nl.surface_ids[word]],) for word in nl.surface_ids}
    assert whole.holds_as_head(nl, key["politiesamenwerking"], key["samenwerking"])
    assert whole.holds_as_head(nl, key["inlichtingendienst"], key["dienst"])
    assert not whole.holds_as_head(nl, key["indienst"], key["dienst"])  # a first part of 2
    assert not whole.holds_as_head(nl, key["dienst"], key["dienst"])
    fr = build_corpus([(0, "doc", {"fr": "coopération opération"})], ["fr"]).source.vocab
    ids = {word: (fr.lemma_of[fr.surface_ids[word]],) for word in fr.surface_ids}
    assert not whole.holds_as_head(fr, ids["coopération"], ids["opération"])
