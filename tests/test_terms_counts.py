"""A counted term (``twenty grammes``, ``a few centimetres``): numerals and counting quantifiers
stand before the noun in every language served, so the word that always stands before the
term's rendering renders the count, and no rendering takes it in (issue 8, branch t19p)."""

from __future__ import annotations

from test_terms_languages import extended, lemmas
from test_terms_robust import renderings, terms_of

from tmtool.terms.equivalents import choice, whole

#: ``grams`` always after ``twenty``, rendered ``húsz gramm``; ``húsz`` also renders the
#: count elsewhere (``húsz nap``, and ``thirty`` is ``harminc``)
GRAMS = [
    ("The ration was twenty grams of sugar.", "Az adag húsz gramm cukor volt."),
    ("He bought twenty grams of bread.", "Húsz gramm kenyeret vett."),
    ("We ate twenty grams of meat.", "Húsz gramm húst ettünk."),
    ("Twenty grams of tea is enough.", "Húsz gramm tea elég."),
    ("She sold me twenty grams of rice.", "Eladott nekem húsz gramm rizst."),
    ("He waited twenty days.", "Húsz napot várt."),
    ("She was thirty years old.", "Harminc éves volt."),
    ("The sugar was sweet.", "A cukor édes volt."),
]


def test_a_counted_term_is_not_rendered_with_its_count(tmp_path, monkeypatch) -> None:
    assert renderings(terms_of(tmp_path / "new", GRAMS, ("en", "hu"), None), "grams", "hu") == [
        "gramm"
    ]
    # without the count read in the source, the count's rendering is taken in
    monkeypatch.setattr(choice, "stands_after_a_count", lambda source, key, units: False)
    old = renderings(terms_of(tmp_path / "old", GRAMS, ("en", "hu"), None), "grams", "hu")
    assert old == ["húsz gramm"]


def test_a_counted_term_is_not_extended_over_its_count(monkeypatch) -> None:
    # ``a few centimetres`` / ``a few cubic centimetres``: ``câţiva`` renders ``few``
    rows = [
        {"en": "He moved it a few centimetres.", "ro": "A mutat-o cu câţiva centimetri."},
        {"en": "It grew a few centimetres.", "ro": "A crescut câţiva centimetri."},
        {"en": "Pour a few cubic centimetres.", "ro": "Toarnă câţiva centimetri cubi."},
    ]
    found = extended(rows, ["en", "ro"], "centimetres", "centimetri")
    assert found == lemmas("ro", "centimetri")
    monkeypatch.setattr(whole, "_counts", lambda vocab, lemmas, at: False)
    found = extended(rows, ["en", "ro"], "centimetres", "centimetri")
    assert found == lemmas("ro", "câţiva centimetri")


def test_a_page_or_a_heading_number_counts_nothing() -> None:
    # ``S. 116 Nordostwand``, ``Juni 2020``: a number after a counting word or punctuation
    rows = [
        {"de": f"Vgl. S. {page} Nordostwand: {i}.", "fr": f"Page {page}, face nordest: {i}."}
        for page, i in (("116", "Fels"), ("12", "Eis"), ("40", "Schnee"))
    ]
    found = extended(rows, ["de", "fr"], "Nordostwand", "nordest")
    assert found == lemmas("fr", "face nordest")
