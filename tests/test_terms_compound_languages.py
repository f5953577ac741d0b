"""One-word compound renderings in Hungarian, Finnish, Estonian and Icelandic (issue 8, branch
t20k): each test shows on small crafted data one general rule, and that the code without it
loses the pair."""

from __future__ import annotations

from test_terms_robust import renderings, terms_of

from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import choice, compounds, parts, whole
from tmtool.terms.equivalents.compounds import begins_with_cognate

#: ``paper`` is rendered by ``papír``, which Hungarian writes whole in one unit and as the head
#: of a one-word compound (``toalettpapír``, ``csomagolópapír``, ...) in the others
PAPER = [
    ("The paper is white.", "A papír fehér."),
    ("The toilet paper is soft.", "A toalettpapír puha."),
    ("The wrapping paper is red.", "A csomagolópapír piros."),
    ("The printing paper is thin.", "A nyomdapapír vékony."),
    ("The drawing paper is thick.", "A rajzpapír vastag."),
    ("The tissue paper is light.", "A selyempapír könnyű."),
    ("The children play outside.", "A gyerekek kint játszanak."),
    ("The citizens vote tomorrow.", "A polgárok holnap szavaznak."),
]


def test_hungarian_writes_compounds_as_one_word(tmp_path, monkeypatch) -> None:
    """Hungarian is a compounding language (``parts.COMPOUNDING``): ``papír`` counted inside
    the compounds it heads renders ``paper``; taken as a language that writes compounds apart,
    ``paper`` has no rendering."""
    terms = terms_of(tmp_path / "new", PAPER, ("en", "hu"), None)
    assert renderings(terms, "paper", "hu") == ["papír"]
    apart = frozenset(parts.COMPOUNDING - {"hu"})
    for module in (parts, compounds, whole):
        monkeypatch.setattr(module, "COMPOUNDING", apart)
    terms = terms_of(tmp_path / "old", PAPER, ("en", "hu"), None)
    assert renderings(terms, "paper", "hu") == []


def test_an_inflected_compound_holds_its_heads_lemma(monkeypatch) -> None:
    """A lemmatiser that does not know a compound leaves it inflected (``külpolitikáját``, its
    head ``politikáját``): the head is compared as a lemma, so the compound holds ``politika``;
    Finnish ``ulkopolitiikka`` holds ``politiikka``. Compared as written, it does not."""
    text = "külpolitikáját politika"
    hu = build_corpus([(0, "doc", {"hu": text})], ["hu"]).source.vocab
    key = {word: (hu.lemma_of[hu.surface_ids[word]],) for word in hu.surface_ids}
    assert hu.lemmas[key["külpolitikáját"][0]] == "külpolitikáját"  # left inflected
    assert whole.holds_as_head(hu, key["külpolitikáját"], key["politika"])
    fi = build_corpus([(0, "doc", {"fi": "ulkopolitiikka politiikka"})], ["fi"]).source.vocab
    ids = {word: (fi.lemma_of[fi.surface_ids[word]],) for word in fi.surface_ids}
    assert whole.holds_as_head(fi, ids["ulkopolitiikka"], ids["politiikka"])
    monkeypatch.setattr(hu.lang, "lemma", lambda word: word)
    assert not whole.holds_as_head(hu, key["külpolitikáját"], key["politika"])


def test_a_compound_holds_a_head_written_as_its_lemma() -> None:
    """A head written as the rendering's lemma is held before any lemmatising: German
    ``Nachrichtendienst`` holds ``Dienst`` (lemma ``dienst``), though ``dienst`` lemmatised
    again in lower case reads as the verb ``dienen`` (rd20b: compared as a lemma only, German
    compounds lost their heads)."""
    de = build_corpus([(0, "doc", {"de": "Der Nachrichtendienst und der Dienst"})], ["de"])
    vocab = de.source.vocab
    key = {word: (vocab.lemma_of[vocab.surface_ids[word]],) for word in vocab.surface_ids}
    assert vocab.lemmas[key["Dienst"][0]] == "dienst" != vocab.lang.lemma("dienst")
    assert whole.holds_as_head(vocab, key["Nachrichtendienst"], key["Dienst"])


#: ``Helsinki Treaty`` stands in two units, rendered by the compound ``Helsingforssamningnum``
#: (``samningur``, treaty); ``kveðið`` and ``skipan`` stand in both units too
HELSINKI = [
    (
        "Its composition is prescribed by the Helsinki Treaty.",
        "Kveðið er á um skipan þess í Helsingforssamningnum.",
    ),
    (
        "The Helsinki Treaty prescribes the composition of the delegations.",
        "Í Helsingforssamningnum er kveðið á um skipan sendinefndanna.",
    ),
    ("The treaty was signed in spring.", "Samningurinn var undirritaður um vorið."),
    ("The treaty is old.", "Samningurinn er gamall."),
    ("The delegations meet often.", "Sendinefndirnar hittast oft."),
    ("The children play outside.", "Börnin leika sér úti."),
]


def test_a_compound_beginning_with_a_cognate_renders_a_rare_term(tmp_path, monkeypatch) -> None:
    """In two units every shared word co-occurs as perfectly as the rendering
    (``choice._rivals``); a rendering holding a cognate of the term's words is singled out. The
    one-word compound ``Helsingforssamningnum`` begins with a cognate of ``Helsinki`` and ends in
    a word of its own: it renders the whole term. Without the rule it has fewer words than the
    term, counts no cognate, and ``kveðið`` and ``skipan`` share its evidence."""
    terms = terms_of(tmp_path / "new", HELSINKI, ("en", "is"), None)
    assert renderings(terms, "Helsinki Treaty", "is") == ["Helsingforssamningnum"]
    monkeypatch.setattr(choice, "begins_with_cognate", lambda *args: False)
    terms = terms_of(tmp_path / "old", HELSINKI, ("en", "is"), None)
    assert renderings(terms, "Helsinki Treaty", "is") == []


def test_which_compounds_begin_with_a_cognate() -> None:
    """The compound must end in a content word of its own (not a function word: ``einnig``,
    also) and the term have two words or more; a language that writes compounds apart has
    none."""
    text = "helsingforssamningur samningur helsingforsxyzqw skipan helsingforseinnig einnig"
    icelandic = build_corpus([(0, "doc", {"is": text})], ["is"]).source.vocab
    ids = {word: icelandic.lemma_of[icelandic.surface_ids[word]] for word in icelandic.surface_ids}
    assert begins_with_cognate(icelandic, "Helsinki Treaty", ids["helsingforssamningur"])
    assert not begins_with_cognate(icelandic, "Helsinki", ids["helsingforssamningur"])
    assert not begins_with_cognate(icelandic, "Helsinki Treaty", ids["helsingforsxyzqw"])
    assert not begins_with_cognate(icelandic, "Helsinki Treaty", ids["skipan"])
    assert not begins_with_cognate(icelandic, "Helsinki Treaty", ids["helsingforseinnig"])
    en = build_corpus([(0, "doc", {"en": "helsinkitreaty treaty"})], ["en"]).source.vocab
    joined = en.lemma_of[en.surface_ids["helsinkitreaty"]]
    assert not begins_with_cognate(en, "Helsinki Treaty", joined)
