"""Multi-word terms and the parts of them a rendering leaves out (issue 8, branch t8q): each test
shows on small crafted data one general rule, and that the code without it lists the pair."""

from __future__ import annotations

from test_terms_missed import accession_rows
from test_terms_robust import renderings, terms_of

from tmtool.terms import extract
from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import choice, filters, whole
from tmtool.terms.equivalents.whole import term_head

#: ``verkeer van Brussel`` is always said otherwise in French: ``À Bruxelles`` and a sentence
#: about the streets; ``Brussel`` alone is ``Bruxelles`` (not ``verkeer in Brussel``: a thing
#: placed at a named place is no candidate, ``candidates.placed_at_a_name``)
BRUSSELS = [
    ("Het verkeer van Brussel is druk vandaag.", "À Bruxelles, les rues sont pleines."),
    ("Het verkeer van Brussel stopt om middernacht.", "À Bruxelles, tout s'arrête à minuit."),
    ("Het verkeer van Brussel groeit elk jaar.", "À Bruxelles, la circulation augmente."),
    ("Brussel is een mooie stad.", "Bruxelles est une belle ville."),
    ("Wij wonen graag in Brussel.", "Nous habitons volontiers à Bruxelles."),
    ("Brussel telt veel parken.", "Bruxelles compte beaucoup de parcs."),
]


def test_a_term_rendered_by_its_modifier_alone_is_incomplete(tmp_path, monkeypatch) -> None:
    """``Bruxelles`` co-occurs with ``verkeer van Brussel`` in all its units, but it is what the
    modifier ``Brussel`` is rendered by on its own: the head ``verkeer`` is left out."""
    terms = terms_of(tmp_path / "new", BRUSSELS, ("nl", "fr"), None)
    assert renderings(terms, "Brussel", "fr") == ["Bruxelles"]
    assert renderings(terms, "verkeer van Brussel", "fr") == []
    monkeypatch.setattr(choice, "part_only", lambda *args: set())
    terms = terms_of(tmp_path / "old", BRUSSELS, ("nl", "fr"), None)
    assert renderings(terms, "verkeer van Brussel", "fr") == ["Bruxelles"]


def test_the_head_of_a_term_by_word_order() -> None:
    """The head a modifier's rendering leaves out: before the first function word, else last, or
    first in French; none for a coordination."""
    texts = {
        "nl": "geweld in Kosovo, Europees aanhoudingsbevel, landbouw en visserij",
        "en": "Canadian Embassy",
        "fr": "politique agricole",
    }
    heads = {}
    for lang, text in texts.items():
        corpus = build_corpus([(0, "doc", {lang: text})], [lang])
        vocab = corpus.source.vocab
        for phrase in text.split(", "):
            key = tuple(vocab.lemma_ids[vocab.lang.lemma(word)] for word in phrase.split())
            head = term_head(vocab, key)
            heads[phrase] = None if head is None else vocab.lemmas[head]
    assert heads == {
        "geweld in Kosovo": "geweld",
        "Europees aanhoudingsbevel": "aanhoudingsbevel",
        "landbouw en visserij": None,
        "Canadian Embassy": "embassy",
        "politique agricole": "politique",
    }


def test_a_term_rendered_by_its_head_alone_is_not_incomplete(tmp_path, monkeypatch) -> None:
    """A translation may leave a modifier implicit: ``EU accession`` → ``csatlakozás``, what its
    head ``accession`` is rendered by, stays; without the head's exception it is scored down."""
    terms = terms_of(tmp_path / "new", accession_rows(), ("en", "hu"), None)
    assert renderings(terms, "EU accession", "hu") == ["csatlakozás"]
    monkeypatch.setattr(whole, "term_head", lambda vocab, key: None)
    terms = terms_of(tmp_path / "old", accession_rows(), ("en", "hu"), None)
    assert renderings(terms, "EU accession", "hu") == []


def test_a_form_of_one_of_the_source_words_is_the_term_cut_short(monkeypatch) -> None:
    """An inflected or derived form of a name (two letters at most) counts as the same word: the
    rendering has left the term's other words out."""
    assert filters.string_part("Visegrád Group", "visegrádi")
    assert filters.string_part("Skaftafell national park", "Skaftafelli")
    assert filters.string_part("technologie", "nouvelles technologies")
    assert not filters.string_part("Europees Parlement", "Parlement européen")
    assert not filters.string_part("Visegrád Group", "visegrádi csoport")
    monkeypatch.setattr(filters, "one_word", lambda a, b: False)
    assert not filters.string_part("Visegrád Group", "visegrádi")


#: ``Visegrád Group`` is ``Négyes`` in the units, beside ``visegrádi`` and each time another noun
VISEGRAD = [
    ("The Visegrád Group met in Prague.", "A visegrádi négyek Prágában tárgyaltak: ez a Négyes."),
    ("The Visegrád Group voted in Warsaw.", "A visegrádi országok szavaztak: ez a Négyes."),
    ("The Visegrád Group dined in Bratislava.", "A visegrádi vezetők ettek: Négyes."),
    ("The Visegrád Group spoke today.", "Ma a visegrádi csoport beszélt: a Négyes."),
]


def test_a_rendering_cut_short_goes_after_whole_ones(tmp_path, monkeypatch) -> None:
    """``visegrádi`` is like the term in its letters only because it copies one of its words; scored
    down in the end, it is not chosen over a whole rendering."""
    terms = terms_of(tmp_path / "new", VISEGRAD, ("en", "hu"), None)
    assert renderings(terms, "Visegrád Group", "hu") == ["Négyes"]
    monkeypatch.setattr(choice, "_cut", filters.copied_piece)
    terms = terms_of(tmp_path / "old", VISEGRAD, ("en", "hu"), None)
    assert renderings(terms, "Visegrád Group", "hu") == []


#: ``technologie`` stands after ``nieuwe`` in three of its five units, ``technologies`` after
#: ``nouvelles`` in four
TECHNOLOGY = [
    *(
        (f"De nieuwe technologie {nl}.", f"Les nouvelles technologies {fr}.")
        for nl, fr in [
            ("helpt ouderen", "aident les aînés"),
            ("kost veel", "coûtent cher"),
            ("verandert het werk", "changent le travail"),
        ]
    ),
    ("Wij leren over technologie.", "Nous apprenons les nouvelles technologies."),
    ("De technologie van vandaag.", "Les technologies d'aujourd'hui."),
]


def test_a_rendering_is_not_extended_into_the_terms_own_words_run_on(tmp_path, monkeypatch) -> None:
    """``nouvelles`` stands before the rendering in four of five units, but the rendering is the
    term's own word: taking in its neighbour makes the term's words run on (``string_part``).
    (``nieuwe`` before ``technologieën`` also makes the term ``modified``, which stops the
    extension on its own: switched off here to test this check alone.)"""
    monkeypatch.setattr(whole._Context, "modified", lambda self: False)
    terms = terms_of(tmp_path / "new", TECHNOLOGY, ("nl", "fr"), None)
    assert renderings(terms, "technologie", "fr") == ["technologies"]
    monkeypatch.setattr(whole, "_runs_on", lambda *args: False)
    # the term left without a rendering would take its cognate ``technologies`` back
    # (``extract._fill_cognates``): switched off to test this check alone
    monkeypatch.setattr(extract, "_fill_cognates", lambda *args: None)
    terms = terms_of(tmp_path / "old", TECHNOLOGY, ("nl", "fr"), None)
    assert renderings(terms, "technologie", "fr") != ["technologies"]
