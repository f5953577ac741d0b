"""A multi-word term without a rendering in one language, beside another language's, takes the
phrase of its units composed of its words' renderings (branch t20g).

In the seeds, ``buitengrenzen van de EU`` (two units) is ``frontières extérieures de l'UE`` in
French and had no English rendering: in two units Dice cannot tell it from the other phrases
they share. The memory has learned ``buitengrenzen`` → ``external borders`` from more units,
and ``EU`` is written ``EU`` in English: ``EU's external borders`` holds a rendering of each
content word and only a function word besides."""

from __future__ import annotations

import re

from tmtool.terms.corpus import Corpus, build_corpus
from tmtool.terms.equivalents import Found, Scorer
from tmtool.terms.extract import TermOptions, _fill_composed

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
ROWS = [
    # the one-word terms, learned from their own units
    ("De buitengrenzen worden bewaakt.", "Les frontières extérieures.", "The external borders."),
    ("Controle van de buitengrenzen.", "Contrôle des frontières extérieures.", "External borders."),
    ("Het voorstel is goed.", "La proposition est bonne.", "The proposal is good."),
    ("De Europese Commissie.", "La Commission européenne.", "The European Commission."),
    ("Een handtekening.", "Une signature.", "A signature."),
    # units 5-6: buitengrenzen van de EU
    (
        "Wij versterken de buitengrenzen van de EU snel.",
        "Nous renforçons les frontières extérieures de l'UE.",
        "We strengthen the EU's external borders quickly.",
    ),
    (
        "Controle aan de buitengrenzen van de EU blijft nodig.",
        "Le contrôle aux frontières extérieures de l'UE.",
        "Checks at the EU's external borders remain needed.",
    ),
    # units 7-8: voorstel van de Europese Commissie, a shorter term inside it
    (
        "Wij steunen het voorstel van de Europese Commissie.",
        "Nous soutenons la proposition de la Commission européenne.",
        "We support the European Commission's proposal.",
    ),
    (
        "Het voorstel van de Europese Commissie over grenzen.",
        "La proposition de la Commission européenne sur les frontières.",
        "The European Commission's proposal on borders.",
    ),
    # units 9-10: digitale handtekening, a cognate (digitaal/digital)
    (
        "Een digitale handtekening volstaat.",
        "Une signature électronique suffit.",
        "A digital signature is enough.",
    ),
    (
        "De digitale handtekening van de burger.",
        "La signature électronique du citoyen.",
        "The citizen's digital signature.",
    ),
    # units 11-12: Koninkrijk België, a word (Koninkrijk) the memory has not learned
    (
        "Het Koninkrijk België en Frankrijk.",
        "Le Royaume de Belgique et la France.",
        "The Kingdom of Belgium and France.",
    ),
    (
        "Namens het Koninkrijk België.",
        "Au nom du Royaume de Belgique.",
        "On behalf of the Kingdom of Belgium.",
    ),
    ("België.", "Belgique.", "Belgium."),
    # units 14-15: digitale transformatie, each word a cognate, none learned
    (
        "De digitale transformatie van de economie.",
        "La transformation numérique de l'économie.",
        "The digital transformation of the economy.",
    ),
    (
        "Een digitale transformatie is nodig.",
        "Une transformation numérique est nécessaire.",
        "A digital transformation is needed.",
    ),
    # units 16-17: bevordering van beleidsmaatregelen, the pieces in the other order
    (
        "De bevordering van beleidsmaatregelen vraagt tijd.",
        "La promotion de mesures politiques prend du temps.",
        "The policy measures for the promotion take time.",
    ),
    (
        "Wij steunen de bevordering van beleidsmaatregelen.",
        "Nous soutenons la promotion de mesures politiques.",
        "We support the policy measures for the promotion.",
    ),
    ("De bevordering.", "La promotion.", "The promotion."),
    ("De beleidsmaatregelen.", "Les mesures politiques.", "The policy measures."),
]


def _corpus(rows: list[tuple[str, str, str]]) -> Corpus:
    return build_corpus(
        ((i, "doc", dict(zip(("nl", "fr", "en"), row, strict=True))) for i, row in enumerate(rows)),
        ["nl", "fr", "en"],
    )


def _key(corpus: Corpus, lang: str, phrase: str) -> tuple[int, ...]:
    vocab = corpus.sides[lang].vocab
    return tuple(vocab.lemma_of[vocab.surface_ids[word]] for word in WORD.findall(phrase))


def _found(corpus: Corpus, lang: str, phrase: str, units: list[int]) -> Found:
    found = Found(_key(corpus, lang, phrase), phrase, 0.8)
    for unit in units:
        found.add_unit(unit, 0, corpus.source.length(unit), corpus.sides[lang].evidence[unit])
    return found


#: the memory's learned renderings: term → (its units, English, French); None: none learned
LEARNED: dict[str, tuple[list[int], str | None, str | None]] = {
    "buitengrenzen": ([0, 1, 5, 6], "external borders", "frontières extérieures"),
    "voorstel": ([2, 7, 8], "proposal", "proposition"),
    "Europese Commissie": ([3, 7, 8], "European Commission", "Commission européenne"),
    "handtekening": ([4, 9, 10], "signature", "signature"),
    "België": ([11, 12, 13], "Belgium", "Belgique"),
    "bevordering": ([16, 17, 18], "promotion", "promotion"),
    "beleidsmaatregelen": ([16, 17, 19], "policy measures", "mesures politiques"),
}
TERMS: dict[str, tuple[list[int], str]] = {
    "buitengrenzen van de EU": ([5, 6], "frontières extérieures de l'UE"),
    "voorstel van de Europese Commissie": ([7, 8], "proposition de la Commission européenne"),
    "digitale handtekening": ([9, 10], "signature électronique"),
    "Koninkrijk België": ([11, 12], "Royaume de Belgique"),
    "digitale transformatie": ([14, 15], "transformation numérique"),
    "bevordering van beleidsmaatregelen": ([16, 17], "promotion de mesures politiques"),
}


def composed(
    rows: list[tuple[str, str, str]] = ROWS,
    french: bool = True,
    drop: str = "",
    terms: dict[str, tuple[list[int], str]] = TERMS,
    options: TermOptions | None = None,
) -> dict[str, str]:
    """The English renderings of ``terms`` after the fill (French renders each when ``french``;
    the learned rendering of ``drop`` is left out)."""
    corpus = _corpus(rows)
    found: dict[str, dict[tuple[int, ...], list[Found]]] = {"fr": {}, "en": {}}
    postings: dict[tuple[int, ...], list[int]] = {}
    text: dict[tuple[int, ...], str] = {}
    for term, (units, english, french_text) in LEARNED.items():
        key = _key(corpus, "nl", term)
        postings[key], text[key] = units, term
        if term != drop and english and french_text:
            found["en"][key] = [_found(corpus, "en", english, units)]
            found["fr"][key] = [_found(corpus, "fr", french_text, units)]
    for term, (units, french_text) in terms.items():
        key = _key(corpus, "nl", term)
        postings[key], text[key] = units, term
        if french:
            found["fr"][key] = [_found(corpus, "fr", french_text, units)]
    _fill_composed(corpus, found, postings, text, Scorer(None), options or TermOptions())
    return {
        text[key]: renderings[0].text
        for key, renderings in found["en"].items()
        if text[key] in terms and renderings
    }


def test_a_learned_word_and_a_name_written_alike_compose_the_rendering() -> None:
    assert composed()["buitengrenzen van de EU"] == "EU's external borders"


def test_a_shorter_terms_rendering_is_one_piece() -> None:
    assert composed()["voorstel van de Europese Commissie"] == "European Commission's proposal"


def test_a_cognate_renders_a_word() -> None:
    assert composed()["digitale handtekening"] == "digital signature"


def test_a_word_without_a_known_rendering_leaves_the_column_empty() -> None:
    # ``Koninkrijk`` is neither learned nor written alike in English (``Kingdom``)
    assert "Koninkrijk België" not in composed()
    # nor is a term whose learned word is taken away
    assert "voorstel van de Europese Commissie" not in composed(drop="voorstel")


def test_a_composed_rendering_scores_at_least_the_floor() -> None:
    """Scored as every rendering (``Scorer``: Dice and letters here), a composed phrase under
    ``min_score`` is no rendering (rd20b: no test failed without the floor)."""
    assert "buitengrenzen van de EU" in composed(options=TermOptions(min_score=0.0))
    assert composed(options=TermOptions(min_score=0.99)) == {}


def test_no_other_languages_rendering_no_fill() -> None:
    assert composed(french=False) == {}


def test_a_content_word_between_the_pieces_stops_the_phrase() -> None:
    rows = list(ROWS)
    rows[5] = (
        rows[5][0],
        rows[5][1],
        "We strengthen the external borders of the enlarged EU quickly.",
    )
    rows[6] = (
        rows[6][0],
        rows[6][1],
        "Checks at the external borders of the enlarged EU remain needed.",
    )
    assert "buitengrenzen van de EU" not in composed(rows)


def test_the_phrase_must_stand_in_most_of_the_terms_units() -> None:
    # two more units paraphrase: the composed phrase stands in two units of four
    paraphrases = [
        (
            "De buitengrenzen van de EU zijn lang.",
            "Les frontières extérieures de l'UE sont longues.",
            "The borders of the Union are long.",
        ),
        (
            "Over de buitengrenzen van de EU.",
            "Sur les frontières extérieures de l'UE.",
            "On the Union's outer limits.",
        ),
    ]
    rows = ROWS + paraphrases
    term = "buitengrenzen van de EU"
    terms = {**TERMS, term: ([5, 6, len(ROWS), len(ROWS) + 1], TERMS[term][1])}
    assert term not in composed(rows, terms=terms)
    # in three units of four it is the rendering
    rows[-1] = (*paraphrases[1][:2], "On the EU's external borders.")
    assert composed(rows, terms=terms)[term] == "EU's external borders"


def test_letters_alone_compose_no_rendering() -> None:
    # ``digital transformation``: each word a cognate, none a rendering the memory learned (a
    # phrase matched by letters alone is as often a quotation left in its own language)
    assert "digitale transformatie" not in composed()


def test_pieces_in_the_other_order_must_be_bound() -> None:
    # ``policy measures for the promotion``: a prepositional phrase with the roles swapped
    assert "bevordering van beleidsmaatregelen" not in composed()
    # in the term's order the function words may stand between; in the other order one
    rows = list(ROWS)
    rows[16] = (*rows[16][:2], "The promotion of policy measures takes time.")
    rows[17] = (*rows[17][:2], "We support the promotion of policy measures.")
    assert composed(rows)["bevordering van beleidsmaatregelen"] == "promotion of policy measures"
    assert composed()["buitengrenzen van de EU"] == "EU's external borders"
