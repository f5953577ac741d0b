"""A rendering split by an inserted adjective (issue 8, branch t19f).

French puts a relational or nationality adjective after the noun, between the noun and its
complement: the Dutch ``het Frans Ministerie van Justitie`` is ``le ministère français de la
Justice``, while other units write ``le ministère de la Justice`` whole. Counted as contiguous
phrases only, the rendering stands in one of the term's three units here, and the term gets no
French rendering (``ministère`` leaves out ``Justitie``'s ``justice``)."""

from __future__ import annotations

from test_terms_robust import renderings, terms_of

from tmtool.terms import phrases
from tmtool.terms.equivalents import association

MINISTRY = [
    (
        "Het Frans Ministerie van Justitie kondigt een hervorming aan.",
        "Le ministère français de la Justice annonce une réforme.",
    ),
    (
        "Het Belgisch Ministerie van Justitie steunt het verdrag.",
        "Le ministère belge de la Justice soutient le traité.",
    ),
    (
        "Het Ministerie van Justitie sluit de gevangenis.",
        "Le ministère de la Justice ferme la prison.",
    ),
    ("Het Ministerie van Financiën betaalt.", "Le ministère des Finances paie."),
    ("Het Ministerie van Defensie koopt.", "Le ministère de la Défense achète."),
    ("Justitie werkt traag.", "La justice travaille lentement."),
    ("De justitie is onafhankelijk.", "La justice est indépendante."),
    ("De rechter spreekt.", "Le juge parle."),
    ("De haven is groot.", "Le port est grand."),
]


def test_a_rendering_split_by_a_postposed_adjective_is_one_rendering(tmp_path, monkeypatch) -> None:
    langs = ("nl", "fr")
    terms = terms_of(tmp_path / "new", MINISTRY, langs, None)
    # shown as the units that write it whole write it
    assert renderings(terms, "Ministerie van Justitie", "fr") == ["ministère de la Justice"]
    monkeypatch.setattr(association, "split_phrases", lambda *args: set())
    monkeypatch.setattr(phrases, "_split_at", lambda *args: False)
    old = terms_of(tmp_path / "old", MINISTRY, langs, None)
    assert renderings(old, "Ministerie van Justitie", "fr") != ["ministère de la Justice"]


def test_a_split_counts_only_after_a_source_modifier_and_for_a_longer_term(tmp_path) -> None:
    langs = ("nl", "fr")
    # no modifier before the Dutch term: the inserted French word renders nothing of the
    # Dutch unit's term phrase, and the split is not counted
    plain = [(nl.replace("Frans ", "").replace("Belgisch ", ""), fr) for nl, fr in MINISTRY]
    terms = terms_of(tmp_path / "plain", plain, langs, None)
    assert renderings(terms, "Ministerie van Justitie", "fr") != ["ministère de la Justice"]
    # a one-word term's rendering holds no complement: ``coûts de la santé`` (two units of
    # ``kosten`` split it after a Dutch modifier) renders ``kosten`` with the complement
    # around it, which the Dutch writes each time differently
    costs = [
        ("De hoge kosten van de zorg stijgen.", "Les coûts élevés de la santé augmentent."),
        (
            "De gemiddelde kosten in de gezondheidszorg dalen.",
            "Les coûts moyens de la santé baissent.",
        ),
        ("De kosten voor de patiënten zijn bekend.", "Les coûts de la santé sont connus."),
        ("De kosten blijven gelijk.", "Les coûts restent stables."),
        ("De uitgaven stijgen.", "Les coûts augmentent."),
        ("De uitgaven dalen.", "Les coûts baissent."),
        ("De zorg is goed.", "La santé est bonne."),
        ("Het beleid werkt.", "La politique marche."),
    ]
    terms = terms_of(tmp_path / "costs", costs, langs, None)
    assert renderings(terms, "kosten", "fr") == ["coûts"]
