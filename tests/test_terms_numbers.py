"""Names and references that hold a number (issue 8, branch t8k): ``artikel 5``, ``Agenda
2030``, ``COVID-19``, ``richtlijn 95/46/EG`` are terms; plain numbers, dates, page references and
amounts (``15 procent``, ``3 juni``, ``blz. 12``) are not (``windows.windows``)."""

from __future__ import annotations

import re
from types import SimpleNamespace

from test_terms_missed import ranked
from test_terms_robust import renderings, terms_of

from tmtool.terms import candidates, corpus, text
from tmtool.terms import windows as windows_module
from tmtool.terms.candidates import keep_numbers
from tmtool.terms.corpus import build_corpus
from tmtool.terms.text import language, other_number

DECLARATION = [
    (
        "Artikel 5 van de verordening geldt sinds 3 juni 2020.",
        "L'article 5 du règlement s'applique depuis le 3 juin 2020.",
    ),
    (
        "De minister verwijst naar artikel 5 op blz. 12 van het verslag.",
        "Le ministre renvoie à l'article 5 à la p. 12 du rapport.",
    ),
    (
        "Volgens artikel 5 moet 15 procent van de middelen naar de Agenda 2030 gaan.",
        "Selon l'article 5, 15 pour cent des moyens doivent aller à l'Agenda 2030.",
    ),
    (
        "De Agenda 2030 blijft de leidraad van de regering.",
        "L'Agenda 2030 reste le fil conducteur du gouvernement.",
    ),
    (
        "De regering steunt de Agenda 2030 van de Verenigde Naties.",
        "Le gouvernement soutient l'Agenda 2030 des Nations unies.",
    ),
    (
        "De COVID-19-crisis trof de sector in juni 2020 op pagina 12 van de krant.",
        "La crise de la COVID-19 a frappé le secteur en juin 2020 à la page 12 du journal.",
    ),
    (
        "Na de COVID-19-crisis daalde de omzet met 15 procent.",
        "Après la crise de la COVID-19, le chiffre d'affaires a baissé de 15 pour cent.",
    ),
    (
        "De COVID-19-crisis kostte 3 miljoen euro op 3 juni.",
        "La crise de la COVID-19 a coûté 3 millions d'euros le 3 juin.",
    ),
    (
        "De richtlijn 95/46/EG werd vervangen, zegt pagina 12.",
        "La directive 95/46/CE a été remplacée, dit la page 12.",
    ),
    (
        "Wij lezen de richtlijn 95/46/EG opnieuw in juni 2020.",
        "Nous relisons la directive 95/46/CE en juin 2020.",
    ),
    (
        "De richtlijn 95/46/EG beschermt persoonsgegevens.",
        "La directive 95/46/CE protège les données personnelles.",
    ),
]
DUTCH = [nl for nl, _ in DECLARATION]


def test_names_and_references_holding_a_number_are_candidates(monkeypatch) -> None:
    found = ranked(DUTCH, "nl")
    for term in ("artikel 5", "agenda 2030", "richtlijn 95/46/eg", "covid-19-crisis"):
        assert term in found
    # plain numbers, dates, page references and amounts are not: a number never starts a
    # candidate, and one next to a counting word (``juni 2020``, ``pagina 12``) ends none
    holding_numbers = {term for term in found if any(c.isdigit() for c in term)}
    assert holding_numbers == {"artikel 5", "agenda 2030", "richtlijn 95/46/eg", "covid-19-crisis"}
    assert {"article 5", "agenda 2030", "directive 95/46/ce"} <= set(
        ranked([fr for _, fr in DECLARATION], "fr")
    )
    # before: a number never ended a candidate
    monkeypatch.setattr(windows_module, "_names_number", lambda vocab, lemmas, end: False)
    before = ranked(DUTCH, "nl")
    assert "artikel 5" not in before and "agenda 2030" not in before


def test_a_reference_is_one_word() -> None:
    text = "richtlijn 95/46/EG en Verordening (EU) 2016/679, punt 3.2."
    assert language("nl").surfaces(text) == [
        "richtlijn", "95/46/EG", "en", "Verordening", "(EU)", "2016/679", "punt", "3.2",
    ]  # fmt: skip


def test_counting_words_keep_dates_pages_and_amounts_out() -> None:
    texts = [
        "Op 3 juni 2020 stond op pagina 12 dat EUR 15 naar Room 101 ging, zoals amendementen "
        "2, 4 en 10 en artikel 7 en 8 vragen."
    ] * 3
    built = build_corpus(((i, "doc", {"nl": text}) for i, text in enumerate(texts)), ["nl"])
    vocab = built.source.vocab
    lemmas = built.source.lemma_ids(0)
    phrases = {
        " ".join(vocab.lemmas[i] for i in lemmas[a:b]) for a, b in corpus.windows(vocab, lemmas, 4)
    }
    assert "room 101" in phrases
    # ... and a number that starts a list of numbers belongs to no name
    assert not {"juni 2020", "pagina 12", "eur 15", "3 juni", "amendement 2", "artikel 7"} & phrases


def test_a_name_holding_a_number_is_rendered_with_it(tmp_path) -> None:
    terms = terms_of(tmp_path / "m", DECLARATION, ("nl", "fr"), None)
    assert renderings(terms, "artikel 5", "fr") == ["article 5"]
    assert renderings(terms, "Agenda 2030", "fr") == ["Agenda 2030"]
    assert renderings(terms, "COVID-19-crisis", "fr") == ["crise de la COVID-19"]
    listed = {entry.text for entry in terms.entries}
    assert not any(text[:1].isdigit() or "juni 2020" in text for text in listed)


def test_a_rendering_without_the_number_or_with_another_is_dropped() -> None:
    built = build_corpus(((0, "doc", {"de": "Die Himalaya-Chronik 1955 und Lager 4."}),), ["de"])
    vocab = built.source.vocab
    chronik = vocab.key_ids(("himalaya-chronik",))
    chronicle = vocab.key_ids(("himalaya-chronik", "1955"))
    camp = vocab.key_ids(("lager", "4"))
    assert chronik is not None and chronicle is not None and camp is not None

    def rendered(*texts: str) -> list[SimpleNamespace]:
        return [SimpleNamespace(key=(len(text),), text=text) for text in texts]

    found = {
        chronik: rendered("chronique himalayenne"),
        chronicle: rendered("chronique himalayenne"),
        camp: rendered("camp IV", "camp III"),
    }
    shown = {chronik: "Himalaya-Chronik", chronicle: "Himalaya-Chronik 1955", camp: "Lager 4"}
    keep_numbers(found, vocab, shown)
    assert found[chronicle] == []  # the rendering of ``Himalaya-Chronik`` alone
    assert [r.text for r in found[camp]] == ["camp IV"]  # a Roman numeral of the same value
    assert [r.text for r in found[chronik]] == ["chronique himalayenne"]
    # translators write numbers as words too: a rendering without digits stays
    assert not other_number("Room 101", "camera o sută unu")
    assert other_number("artikel 5", "article 6")


def test_words_holding_digits_are_candidates(monkeypatch) -> None:
    texts = [
        "De G7 bespreekt COVID-19.",
        "De top van de G7 ging over COVID-19.",
        "COVID-19 en de G7 blijven op de agenda.",
    ]
    found = ranked(texts, "nl")
    assert "covid-19" in found and "g7" in found  # a two-character word with a digit counts
    assert "eu" not in ranked(["De EU beslist."] * 3, "nl")  # two letters alone still do not
    monkeypatch.setattr(candidates, "short_word", lambda lemma: len(lemma) < 3)
    assert "g7" not in ranked(texts, "nl")


#: a small declaration-like memory citing EU acts: the acronym differs per language (EU/UE/EU,
#: EG/CE/EC), the act's number is the same string
ACTS = [
    (
        "De Verordening (EU) 2016/679 beschermt de persoonsgegevens van de burgers.",
        "Le règlement (UE) 2016/679 protège les données personnelles des citoyens.",
        "Regulation (EU) 2016/679 protects the personal data of citizens.",
    ),
    (
        "De minister past de Verordening (EU) 2016/679 toe (zie bijlage).",
        "Le ministre applique le règlement (UE) 2016/679 (voir annexe).",
        "The minister applies Regulation (EU) 2016/679 (see annex).",
    ),
    (
        "Volgens de Verordening (EU) 2016/679 heeft iedereen recht op inzage.",
        "Selon le règlement (UE) 2016/679, chacun a un droit d'accès.",
        "Under Regulation (EU) 2016/679 everyone has a right of access.",
    ),
    (
        "De Richtlijn (EU) 2019/1937 beschermt klokkenluiders in de overheid.",
        "La directive (UE) 2019/1937 protège les lanceurs d'alerte dans l'administration.",
        "Directive (EU) 2019/1937 protects whistleblowers in the administration.",
    ),
    (
        "De regering zet de Richtlijn (EU) 2019/1937 om in het plan (2019).",
        "Le gouvernement transpose la directive (UE) 2019/1937 dans le plan (2019).",
        "The government transposes Directive (EU) 2019/1937 in the plan (2019).",
    ),
    (
        "De Richtlijn (EU) 2019/1937 geldt voor elke overheid.",
        "La directive (UE) 2019/1937 s'applique à chaque administration.",
        "Directive (EU) 2019/1937 applies to every administration.",
    ),
    (
        "De Verordening (EG) nr. 1049/2001 regelt de toegang tot documenten.",
        "Le règlement (CE) n° 1049/2001 règle l'accès aux documents.",
        "Regulation (EC) No 1049/2001 governs access to documents.",
    ),
    (
        "De burger vraagt toegang op grond van de Verordening (EG) nr. 1049/2001.",
        "Le citoyen demande l'accès en vertu du règlement (CE) n° 1049/2001.",
        "The citizen asks for access under Regulation (EC) No 1049/2001.",
    ),
    (
        "De Verordening (EG) nr. 1049/2001 wordt herzien (zie bijlage).",
        "Le règlement (CE) n° 1049/2001 est révisé (voir annexe).",
        "Regulation (EC) No 1049/2001 is being revised (see annex).",
    ),
]


def test_an_eu_act_reference_is_one_candidate(monkeypatch) -> None:
    found = ranked([nl for nl, _, _ in ACTS], "nl")
    acts = {"verordening (eu) 2016/679", "richtlijn (eu) 2019/1937", "verordening (eg) 1049/2001"}
    assert acts <= set(found)  # ``(EG) nr.`` and ``(EG)`` share the lemma ``(eg)``
    # no other bracket joins a phrase, and a bracketed acronym is never a term's edge
    assert not [term for term in found if "(" in term and term not in acts]
    assert not {"plan 2019", "bijlage 2019", "(eu)", "(eg)"} & set(found)
    assert "règlement (ue) 2016/679" in ranked([fr for _, fr, _ in ACTS], "fr")
    assert "regulation (ec) 1049/2001" in ranked([en for _, _, en in ACTS], "en")
    # before: the brackets broke the phrase
    without_acts = text._WORD.pattern.replace(text._ACT_SIGN + "|", "")
    monkeypatch.setattr(text, "_WORD", re.compile(without_acts))
    text.language.cache_clear()
    try:
        assert not acts & set(ranked([nl for nl, _, _ in ACTS], "nl"))
    finally:
        text.language.cache_clear()


def test_brackets_hold_an_act_sign_only_between_a_word_and_a_numbered_act() -> None:
    surfaces = language("fr").surfaces
    assert surfaces("le règlement (CE) n° 1049/2001") == ["le", "règlement", "(CE) n°", "1049/2001"]
    assert surfaces("Regulation (EC) No 1049/2001") == ["Regulation", "(EC) No", "1049/2001"]
    for other in ("(zie bijlage) 2016/679", "de Unie (EU) is", "jaar (2019) 5/6", "(EU) 2016/679"):
        assert not any(word.startswith("(") for word in surfaces(other))


def test_an_eu_act_is_rendered_by_the_same_act_in_every_language(tmp_path) -> None:
    terms = terms_of(tmp_path / "m", ACTS, ("nl", "fr", "en"), None)
    assert renderings(terms, "Verordening (EU) 2016/679", "fr") == ["règlement (UE) 2016/679"]
    assert renderings(terms, "Verordening (EU) 2016/679", "en") == ["Regulation (EU) 2016/679"]
    assert renderings(terms, "Richtlijn (EU) 2019/1937", "fr") == ["directive (UE) 2019/1937"]
    assert renderings(terms, "Richtlijn (EU) 2019/1937", "en") == ["Directive (EU) 2019/1937"]
    assert renderings(terms, "Verordening (EG) nr. 1049/2001", "fr") == [
        "règlement (CE) n° 1049/2001"
    ]
    assert renderings(terms, "Verordening (EG) nr. 1049/2001", "en") == [
        "Regulation (EC) No 1049/2001"
    ]
    listed = {entry.text for entry in terms.entries}
    assert not [text for text in listed if "(" in text and "/" not in text]
    assert not [text for text in listed if "2019)" in text or "plan 2019" in text]


def test_an_act_is_not_rendered_by_the_rendering_of_its_word_alone() -> None:
    built = build_corpus(((0, "doc", {"nl": "De Richtlijn (EU) 2019/1937 geldt."}),), ["nl"])
    vocab = built.source.vocab
    word = vocab.key_ids(("richtlijn",))
    act = vocab.key_ids(("richtlijn", "(eu)", "2019/1937"))
    assert word is not None and act is not None
    found = {
        word: [SimpleNamespace(key=(1,), text="directive")],
        act: [
            SimpleNamespace(key=(1,), text="directive"),
            SimpleNamespace(key=(2,), text="directive (UE) 2019/1937"),
        ],
    }
    keep_numbers(found, vocab, {word: "Richtlijn", act: "Richtlijn (EU) 2019/1937"})
    assert [r.text for r in found[act]] == ["directive (UE) 2019/1937"]
