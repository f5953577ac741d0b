"""Forms of one word that the lemmatiser leaves apart, grouped by their stem (issue 8, branch
t8v: ``tmtool.terms.stems``). Each test fails with the grouping switched off."""

from __future__ import annotations

import os
import subprocess
import sys

from test_terms_robust import terms_of

from tmtool.terms import stems
from tmtool.terms.corpus import build_corpus


def grouped(texts: list[str], lang: str) -> list[list[str]]:
    """The groups of an English-``lang`` corpus's ``lang`` side, as lemmas."""
    rows = ((i, "doc", {"en": "word", lang: text}) for i, text in enumerate(texts))
    vocab = build_corpus(rows, ["en", lang]).sides[lang].vocab
    return sorted([vocab.lemmas[m] for m in members] for members in vocab.grouped.values())


def test_forms_with_a_suffixed_article_or_case_ending_are_one_word(monkeypatch) -> None:
    """Icelandic minnkur / minnkurinn (suffixed article) and Hungarian fotókiállítás /
    fotókiállítása (possessive): simplemma knows neither pair."""
    assert ["minnkur", "minnkurinn"] in grouped(["Minnkur sást.", "Minnkurinn hljóp."], "is")
    assert ["fotókiállítás", "fotókiállítása"] in grouped(
        ["A fotókiállítás nyílt.", "Láttuk a fotókiállítása képeit."], "hu"
    )
    # a name seen only first in a sentence, where its capital says nothing, still groups
    # with its genitive written inside one (Arven, Arvenar)
    assert ["arven", "arvenar"] in grouped(["Arven kom heim.", "Hann sá hús Arvenar."], "is")
    # ``íslands`` is among wordfreq's most frequent Icelandic words, taken for function words
    # in a language without a word file: as a content word plus an ending, it is Iceland's
    assert ["ísland", "íslands"] in grouped(["Ísland er fallegt.", "Forseti Íslands kom."], "is")
    monkeypatch.setattr(stems, "SUFFIXING", frozenset())
    assert grouped(["Minnkur sást.", "Minnkurinn hljóp."], "is") == []


def test_derivations_headwords_and_names_stay_apart() -> None:
    """A derived word, a dictionary headword, a name and its adjective, or a stem of four letters
    would merge two words into one; and French needs no grouping at all."""
    hungarian = grouped(
        [
            "A művész festett.",  # művészet "art" is a headword, not a case of művész
            "A művészet szép.",
            "Budapest nagy város.",  # budapesti: a derived adjective, and in lower case
            "A budapesti utcák.",
            "A Kossuth utca.",  # utcák is utca's plural, but the stem has 4 letters only
        ],
        "hu",
    )
    assert hungarian == []
    # languages whose few endings the dictionary covers are left as they are
    assert grouped(["Le chat dort.", "Les chatons dorment."], "fr") == []


MINK = [
    ("The mink escaped from the farm last night.", "Minnkurinn slapp af búinu í nótt."),
    ("Farmers say a mink kills hens.", "Bændur segja að minnkur drepi hænur."),
    *(
        (f"The {en} was seen near the river.", f"{is_} sást nálægt ánni.")
        for en, is_ in [("otter", "Oturinn"), ("fox", "Refurinn"), ("seal", "Selurinn")]
    ),
    *(
        (f"We counted {en} today.", f"Við töldum {is_} í dag.")
        for en, is_ in [("birds", "fugla"), ("sheep", "kindur"), ("horses", "hesta")]
    ),
]


def test_a_two_unit_term_rendered_in_two_forms_is_found(tmp_path, monkeypatch) -> None:
    """``mink`` stands in two units, its rendering once with the suffixed article and once without:
    as two lemmas no target phrase is shared by both units."""
    terms = terms_of(tmp_path / "new", MINK, ("en", "is"), None)
    found = [r for e in terms.entries if e.text == "mink" for r in e.renderings["is"]]
    assert [r.text for r in found] == ["minnkur"]  # a real form, the stem the units write
    assert ("minnkurinn",) in found[0].other_keys  # so that search spots every form
    monkeypatch.setattr(stems, "SUFFIXING", frozenset())
    old = terms_of(tmp_path / "old", MINK, ("en", "is"), None)
    assert not [r for e in old.entries if e.text == "mink" for r in e.renderings["is"]]


def test_a_rendering_written_in_many_rare_forms_keeps_its_form() -> None:
    """Grouping gathers more forms under one word: eleven forms, each under the 10% a form needs to
    be shown (``forms.CITATION_SHARE``), leave no form to choose from; the form found is kept (the
    choice used to fail on an empty list)."""
    from tmtool.terms.forms import _Forms

    endings = ["ban", "ben", "nak", "nek", "ról", "ről", "val", "vel", "hoz", "hez", "ért"]
    texts = [f"Láttuk a kantin{ending} őket." for ending in endings]
    rows = ((i, "doc", {"en": "canteen", "hu": text}) for i, text in enumerate(texts))
    side = build_corpus(rows, ["en", "hu"]).sides["hu"]
    forms = _Forms()
    for unit in range(side.size):
        forms.add(side, unit, 2, 3)
    assert len(forms.counts) == len(endings)
    assert forms.citation(side, "kantinban") is None


def test_the_glossary_shows_the_stem_of_grouped_forms() -> None:
    """simplemma knows none of Morgan's forms, so each is "its own lemma" and the most frequent, the
    accusative Morgant, was shown; grouped, the form written as the group's stem is the citation
    form (and ``Morgan → Morgan`` is then dropped as a name written the same)."""
    from tmtool.terms.forms import _Forms

    texts = [
        *["Láttuk tegnap Morgant."] * 3,
        *["Itt volt Morgan tegnap."] * 2,
    ]
    rows = ((i, "doc", {"en": "Morgan", "hu": text}) for i, text in enumerate(texts))
    side = build_corpus(rows, ["en", "hu"]).sides["hu"]
    assert ["morgan", "morgant"] in [
        [side.vocab.lemmas[m] for m in members] for members in side.vocab.grouped.values()
    ]
    forms = _Forms()
    for unit in range(side.size):
        at = [side.vocab.surfaces[w] for w in side.surface_ids(unit)].index
        start = next(at(w) for w in ("Morgant", "Morgan") if w in texts[unit])
        forms.add(side, unit, start, start + 1)
    assert forms.citation(side, "Morgant") == "Morgan"


def test_forms_grouped_by_stem_are_one_rendering_with_both_keys(tmp_path) -> None:
    """Szótárának (lemma szótára) and szótárt (lemma szótár): one consistent rendering of the eight
    units, keyed by the stem, the other form kept as a key for spotting."""
    from test_terms_display import DICTIONARY

    terms = terms_of(tmp_path / "m", DICTIONARY, ("en", "hu"), None)
    entry = next(e for e in terms.entries if e.text == "Newspeak Dictionary")
    assert entry.status == "consistent"
    (rendering,) = entry.renderings["hu"]
    assert rendering.units == 8
    assert rendering.key == ("újbeszél", "szótár")
    assert rendering.other_keys == [("újbeszél", "szótára")]


def test_the_corpus_builds_without_the_renderings_package() -> None:
    """The corpus is built below the renderings (``equivalents`` imports the corpus): its
    suffix grouping reads ``text.fold`` and ``stems.DERIVATION_ENDINGS`` from below, with no
    import inside a function to dodge a circle (rd20b: grouping a Hungarian side imported the
    equivalents package)."""
    code = (
        "import sys\n"
        "from tmtool.terms.corpus import build_corpus\n"
        "rows = [(0, 'doc', {'en': 'word', 'hu': 'A fotókiállítás nyílt.'}),\n"
        "        (1, 'doc', {'en': 'word', 'hu': 'Láttuk a fotókiállítása képeit.'})]\n"
        "assert build_corpus(rows, ['en', 'hu']).sides['hu'].vocab.grouped\n"
        "print(sorted(m for m in sys.modules if m.startswith('tmtool.terms.equivalents')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert done.stdout.strip() == "[]"
