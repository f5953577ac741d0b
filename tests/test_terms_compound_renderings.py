"""Renderings written as or inside one-word compounds (issue 8, French → Dutch, branch t20f):
each test shows on small crafted data one general rule, and that the code without it loses the
pair."""

from __future__ import annotations

from test_terms_robust import renderings, terms_of

from tmtool.terms import extract
from tmtool.terms.corpus import Vocabulary, build_corpus
from tmtool.terms.equivalents import compounds, whole
from tmtool.terms.equivalents.compounds import compound_parts

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


#: ``santé`` is written inside compounds in most of its Dutch units (``volksgezondheid``,
#: ``gezondheidszorg``, ``gezondheidsstelsel``, ``diergezondheid``) and whole in one
HEALTH = [
    ("La santé des citoyens est une priorité.", "De volksgezondheid is een prioriteit."),
    ("Les dépenses de santé augmentent vite.", "De uitgaven voor gezondheidszorg stijgen snel."),
    ("La santé reste fragile chez les enfants.", "De gezondheid blijft zwak bij de kinderen."),
    ("Nous investissons dans la santé publique.", "Wij investeren in de volksgezondheid."),
    ("Le système de santé coûte cher.", "Het gezondheidsstelsel kost veel."),
    ("La santé des animaux compte aussi.", "De diergezondheid telt ook mee."),
    ("Les enfants jouent dehors.", "De kinderen spelen buiten."),
    ("Les citoyens votent demain.", "De burgers stemmen morgen."),
]


def test_a_word_written_mostly_inside_compounds_renders_a_one_word_term(
    tmp_path, monkeypatch
) -> None:
    """Counted as whole words, ``gezondheid`` stands in one of ``santé``'s six units and the
    term has no Dutch rendering; counted inside the compounds too, in all six."""
    terms = terms_of(tmp_path / "new", HEALTH, ("fr", "nl"), None)
    assert renderings(terms, "santé", "nl") == ["gezondheid"]
    monkeypatch.setattr(extract, "_fill_compound_parts", lambda *args: None)
    terms = terms_of(tmp_path / "old", HEALTH, ("fr", "nl"), None)
    assert renderings(terms, "santé", "nl") == []


def test_a_rare_term_takes_no_word_inside_compounds(tmp_path) -> None:
    """In two units, the parts of their compounds multiply the words they share by chance: a
    term in two units takes none (``TWO_UNITS``)."""
    terms = terms_of(tmp_path / "new", HEALTH[:2] + HEALTH[6:], ("fr", "nl"), None)
    assert renderings(terms, "santé", "nl") == []


#: ``agricoles`` (an adjective) is written as the first part of Dutch compounds
#: (``landbouwproducten``, ``landbouwbeleid``), and whole as a noun in one unit
FARMING = [
    ("Les produits agricoles sont chers.", "De landbouwproducten zijn duur."),
    ("La politique agricole change.", "Het landbouwbeleid verandert."),
    ("Nous exportons des produits agricoles.", "Wij voeren landbouwproducten uit."),
    ("Les revenus agricoles baissent.", "De landbouwinkomens dalen."),
    ("Les terres agricoles et la forêt.", "De landbouw en het bos."),
    ("La forêt est belle.", "Het bos is mooi."),
    ("Les produits sont chers.", "De producten zijn duur."),
]


def test_a_word_written_mostly_as_a_compounds_first_part_renders_no_term(
    tmp_path, monkeypatch
) -> None:
    """``landbouw`` stands in every unit of ``agricoles``, but as a compound's first part in
    most: a modifier there, rendering a modifier, not the noun it would be listed as."""
    terms = terms_of(tmp_path / "new", FARMING, ("fr", "nl"), None)
    assert renderings(terms, "agricoles", "nl") == []
    monkeypatch.setattr(compounds, "_words_of", _all_heads(compounds._words_of))
    terms = terms_of(tmp_path / "old", FARMING, ("fr", "nl"), None)
    assert renderings(terms, "agricoles", "nl") == ["landbouw"]


def _all_heads(words_of):
    """``compounds._words_of`` counting every part of a compound as its head (the rule off)."""

    def counted(*args):
        whole, _, inside = words_of(*args)
        return whole, inside, inside

    return counted


def test_the_parts_of_a_compound() -> None:
    """A compound's longest head and longest first part that are words of their own (with or
    without a linking ``s``), head first; none in a language that writes compounds apart."""
    text = "gezondheidszorg volksgezondheid gezondheid zorg volk kinderen"
    nl = build_corpus([(0, "doc", {"nl": text})], ["nl"]).source.vocab
    ids = {word: nl.lemma_of[nl.surface_ids[word]] for word in nl.surface_ids}
    found = {
        nl.lemmas[compound]: tuple(nl.lemmas[part] for part in parts if part is not None)
        for compound, parts in compound_parts(nl).items()
    }
    assert found[nl.lemmas[ids["gezondheidszorg"]]] == ("zorg", "gezondheid")
    assert found[nl.lemmas[ids["volksgezondheid"]]] == ("gezondheid", "volk")
    assert nl.lemmas[ids["kinderen"]] not in found
    fr = build_corpus([(0, "doc", {"fr": "porte-monnaie porte monnaie"})], ["fr"]).source.vocab
    assert compound_parts(fr) == {}


def _keys(lang: str, *texts: str) -> tuple[Vocabulary, list[tuple[int, ...]]]:
    """A vocabulary of ``texts`` (one unit each) and each text's key (its lemma ids)."""
    corpus = build_corpus([(i, "doc", {lang: text}) for i, text in enumerate(texts)], [lang])
    side = corpus.source
    return side.vocab, [tuple(side.lemma_ids(unit)) for unit in range(len(texts))]


def test_a_compound_the_head_is_as_associated_with_renders_the_head_too(monkeypatch) -> None:
    """``internetproviders`` renders ``fournisseurs d'accès à internet``; the part ``accès``,
    seen only inside the term, is rendered by it too, and the head ``fournisseurs`` took its
    next phrase (``onderzoek``) because the term owns the compound. The head's own units are
    more associated with the compound than with that phrase: the compound renders the head,
    and the pair is not a modifier's rendering alone (``part_only``). A short word (``jaar``)
    is no compound, and a target that writes compounds apart has none."""
    source, (term, head, part) = _keys(
        "fr", "fournisseurs d'accès à internet", "fournisseurs", "accès"
    )
    target, (compound, other, short) = _keys("nl", "internetproviders", "onderzoek", "jaar")
    chosen = {term: compound}
    parts = {term: [head, part]}
    first_pass = {term: compound, head: other, part: compound}
    association = {head: {compound: 0.857, other: 0.462, short: 0.9}, part: {compound: 0.9}}
    assert whole.part_only(source, target, chosen, parts, first_pass, {}, association) == set()
    assert whole.compound_renders_part(target, association, head, compound, other)
    assert not whole.compound_renders_part(target, association, head, short, other)
    monkeypatch.setattr(whole, "compound_renders_part", lambda *args: False)
    assert whole.part_only(source, target, chosen, parts, first_pass, {}, association) == {term}
