"""Multi-word terms and the parts of them a rendering leaves out (issue 8, branch t8q): each test
shows on small crafted data one general rule, and that the code without it lists the pair."""

from __future__ import annotations

from test_terms_missed import accession_rows
from test_terms_robust import renderings, terms_of

from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import choice, whole
from tmtool.terms.equivalents.whole import term_head

#: ``verkeer in Brussel`` is always said otherwise in French: ``À Bruxelles`` and a sentence
#: about the streets; ``Brussel`` alone is ``Bruxelles``
BRUSSELS = [
    ("Het verkeer in Brussel is druk vandaag.", "À Bruxelles, les rues sont pleines."),
    ("Het verkeer in Brussel stopt om middernacht.", "À Bruxelles, tout s'arrête à minuit."),
    ("Het verkeer in Brussel groeit elk jaar.", "À Bruxelles, la circulation augmente."),
    ("Brussel is een mooie stad.", "Bruxelles est une belle ville."),
    ("Wij wonen graag in Brussel.", "Nous habitons volontiers à Bruxelles."),
    ("Brussel telt veel parken.", "Bruxelles compte beaucoup de parcs."),
]


def test_a_term_rendered_by_its_modifier_alone_is_incomplete(tmp_path, monkeypatch) -> None:
    # ``Bruxelles`` co-occurs with ``verkeer in Brussel`` in all its units, but it is what the
    # modifier ``Brussel`` is rendered by on its own: the head ``verkeer`` is left out
    terms = terms_of(tmp_path / "new", BRUSSELS, ("nl", "fr"), None)
    assert renderings(terms, "Brussel", "fr") == ["Bruxelles"]
    assert renderings(terms, "verkeer in Brussel", "fr") == []
    monkeypatch.setattr(choice, "part_only", lambda *args: set())
    terms = terms_of(tmp_path / "old", BRUSSELS, ("nl", "fr"), None)
    assert renderings(terms, "verkeer in Brussel", "fr") == ["Bruxelles"]


def test_the_head_of_a_term_by_word_order() -> None:
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
    # a translation may leave a modifier implicit: ``EU accession`` → ``csatlakozás``, what its
    # head ``accession`` is rendered by, stays; without the head's exception it is scored down
    terms = terms_of(tmp_path / "new", accession_rows(), ("en", "hu"), None)
    assert renderings(terms, "EU accession", "hu") == ["csatlakozás"]
    monkeypatch.setattr(whole, "term_head", lambda vocab, key: None)
    terms = terms_of(tmp_path / "old", accession_rows(), ("en", "hu"), None)
    assert renderings(terms, "EU accession", "hu") == []
