"""What a translator sees in the glossary (issue 8, stop 16): each rendering in its citation form
as the memory writes it, forms of one rendering counted as one, and a longer term's rendering
not listed as a variant. Small crafted data; the measurements are in
``bench/terms_bench.py quality``."""

from __future__ import annotations

import csv
import io

from lxml import etree
from test_terms_quality import terms_of as quality_terms_of

from tmtool.exchange.glossary import glossary_csv, glossary_omegat
from tmtool.exchange.tbx import glossary_tbx
from tmtool.terms import TermList, forms, stems
from tmtool.terms.corpus import build_corpus
from tmtool.terms.equivalents import Found, variants
from tmtool.terms.equivalents.variants import same_words
from tmtool.terms.text import language


def terms_of(folder, rows: list[tuple[str, str]], langs: tuple[str, str]) -> TermList:
    """``test_terms_quality.terms_of`` in a folder made for it."""
    folder.mkdir(parents=True, exist_ok=True)
    return quality_terms_of(folder, rows, langs)


def main_rendering(terms: TermList, text: str, lang: str) -> str:
    entry = next(e for e in terms.entries if e.text == text)
    return entry.renderings[lang][0].text


# "kantinban" ("in the canteen") is the form written most often, "kantin" the nominative;
# "malabari frontról" ("from the Malabar front") likewise before "malabari front"
CANTEEN = [
    ("The canteen was full at noon.", "Délben tele volt a kantin."),
    ("Winston ate in the canteen.", "Winston a kantinban evett."),
    ("The canteen smelled of stew.", "A kantin pörköltszagú volt."),
    ("He sat down in the canteen.", "Leült a kantinban."),
    ("They met in the canteen again.", "Megint a kantinban találkoztak."),
    ("He left the canteen quickly.", "Gyorsan elhagyta a kantint."),
    ("Syme was waiting in the canteen.", "Syme a kantinban várt."),
    ("The canteen queue moved slowly.", "A kantinban lassan haladt a sor."),
    ("News came from the Malabar front.", "Hírek jöttek a malabari frontról."),
    ("Victory on the Malabar front!", "Győzelem a malabari fronton!"),
    ("The Malabar front was quiet.", "A malabari front csendes volt."),
    ("Troops left for the Malabar front.", "Csapatok indultak a malabari frontra."),
    ("Reports from the Malabar front arrived.", "Jelentések érkeztek a malabari frontról."),
    ("The Malabar front held.", "A malabari front kitartott."),
    ("Bad news from the Malabar front.", "Rossz hírek a malabari frontról."),
]


def test_a_rendering_is_shown_in_its_citation_form(tmp_path, monkeypatch) -> None:
    terms = terms_of(tmp_path, CANTEEN, ("en", "hu"))
    assert main_rendering(terms, "canteen", "hu") == "kantin"
    assert main_rendering(terms, "Malabar front", "hu") == "malabari front"
    # every writer shows the chosen form
    rows = list(csv.reader(io.StringIO(glossary_csv(terms))))
    assert ["canteen", "kantin"] in [row[:2] for row in rows]
    omegat = [line.split("\t")[:2] for line in glossary_omegat(terms, "hu").splitlines()]
    assert ["canteen", "kantin"] in omegat
    root = etree.fromstring(glossary_tbx(terms))
    shown = {t.text for t in root.iter("term")}
    assert {"kantin", "malabari front"} <= shown and "kantinban" not in shown
    # without the rule the most frequent form stays
    monkeypatch.setattr(forms._Forms, "citation", lambda self, side, current: None)
    assert main_rendering(terms_of(tmp_path / "b", CANTEEN, ("en", "hu")), "canteen", "hu") == (
        "kantinban"
    )


def lidstaat(plural: int, singular: int) -> list[tuple[str, str]]:
    rows = [
        (
            f"De lidstaten moeten samenwerken over punt {i}.",
            f"Les États membres doivent coopérer {i}.",
        )
        for i in range(plural)
    ]
    rows += [
        (f"Elke lidstaat beslist zelf over punt {i}.", f"Chaque État membre décide seul {i}.")
        for i in range(singular)
    ]
    return rows


def test_number_follows_the_source_term(tmp_path, monkeypatch) -> None:
    # a plural source term keeps its plural rendering, though the singular is also written
    plural = terms_of(tmp_path / "p", lidstaat(6, 2), ("nl", "fr"))
    assert main_rendering(plural, "lidstaten", "fr") == "États membres"
    singular = terms_of(tmp_path / "s", lidstaat(2, 6), ("nl", "fr"))
    assert main_rendering(singular, "lidstaat", "fr") == "État membre"
    # without the source's number, the singular citation form would be shown for the plural
    monkeypatch.setattr(forms, "_inflected", lambda source, text: False)
    plural = terms_of(tmp_path / "q", lidstaat(6, 2), ("nl", "fr"))
    assert main_rendering(plural, "lidstaten", "fr") == "État membre"


# "Party" is "Párt"; where the source says "Party member" the translator writes "párttag"
PARTY = [
    ("The Party is always right.", "A Párt mindig igazat mond."),
    ("Loyalty to the Party came first.", "A Párt iránti hűség volt az első."),
    ("The Party controls the past.", "A Párt ellenőrzi a múltat."),
    ("Winston hated the Party in secret.", "Winston titokban gyűlölte a Párt vezetőit."),
    ("The Party wanted power for its own sake.", "A Párt a hatalmat önmagáért akarta."),
    ("The slogans of the Party were everywhere.", "A Párt jelszavai mindenütt ott voltak."),
    ("The Party never forgave.", "A Párt sosem bocsátott meg."),
    ("Posters of the Party covered the walls.", "A Párt plakátjai borították a falakat."),
    ("Every Party member wore overalls.", "Minden párttag overallt viselt."),
    ("A Party member has no private life.", "Egy párttag magánélete nem létezik."),
    ("Winston was a Party member.", "Winston párttag volt."),
    ("No Party member may drink gin openly.", "Egy párttag sem ihat nyíltan gint."),
    ("The Party member stood still.", "A párttag mozdulatlanul állt."),
]


def test_a_longer_terms_rendering_is_no_variant(tmp_path, monkeypatch) -> None:
    terms = terms_of(tmp_path, PARTY, ("en", "hu"))
    party = next(e for e in terms.entries if e.text == "Party")
    assert [r.text for r in party.renderings["hu"]] == ["Párt"]
    assert party.status == "consistent"
    # without the rule, "párttag" makes the term look inconsistent
    monkeypatch.setattr(variants, "LONGER_TERM_SHARE", 2.0)
    terms = terms_of(tmp_path / "b", PARTY, ("en", "hu"))
    party = next(e for e in terms.entries if e.text == "Party")
    assert [r.text for r in party.renderings["hu"]] == ["Párt", "párttag"]
    assert party.status == "inconsistent"


def found(corpus, lang: str, text: str) -> Found:
    side = corpus.sides[lang]
    return Found(
        tuple(side.vocab.lemma_ids[t.lemma] for t in language(lang).tokens(text)), text, 1.0
    )


def test_forms_the_lemmatiser_keyed_apart_are_one_rendering() -> None:
    texts = "az újbeszél szótárának és az újbeszél szótárt, a Párt és a párttag, a szótár"
    corpus = build_corpus([(0, "doc", {"hu": texts})], ["hu"])
    vocab = corpus.sides["hu"].vocab
    genitive, accusative = (
        found(corpus, "hu", "újbeszél szótárának"),
        found(corpus, "hu", "újbeszél szótárt"),
    )
    assert genitive.key != accusative.key  # simplemma: "szótára" and "szótár"
    assert same_words(vocab, genitive, accusative)
    # a compound of the rendering is another word
    assert not same_words(vocab, found(corpus, "hu", "Párt"), found(corpus, "hu", "párttag"))
    assert not same_words(vocab, genitive, found(corpus, "hu", "szótár"))  # not as many words


# the genitive "szótárának" and the accusative "szótárt", which simplemma keys apart
DICTIONARY = [
    (
        "Syme worked on the Newspeak Dictionary.",
        "Syme az újbeszél szótárának készítésén dolgozott.",
    ),
    ("The final Newspeak Dictionary is thin.", "Az újbeszél szótárának végleges kiadása vékony."),
    ("The Newspeak Dictionary grows thinner.", "Az újbeszél szótárának minden kiadása vékonyabb."),
    (
        "Words vanish from the Newspeak Dictionary.",
        "Szavak tűnnek el az újbeszél szótárának lapjairól.",
    ),
    ("He praised the Newspeak Dictionary.", "Dicsérte az újbeszél szótárának nyelvét."),
    ("He opened the Newspeak Dictionary.", "Kinyitotta az újbeszél szótárt."),
    (
        "Nobody reads the Newspeak Dictionary for pleasure.",
        "Senki sem olvassa az újbeszél szótárt kedvtelésből.",
    ),
    ("They printed the Newspeak Dictionary again.", "Újra kinyomtatták az újbeszél szótárt."),
]


def test_merged_forms_count_as_one_rendering(tmp_path, monkeypatch) -> None:
    # Hungarian forms are grouped by their stem before renderings are learned (``stems``,
    # tested in test_terms_stems.py): switched off, so that the variants' own merge is tested
    monkeypatch.setattr(stems, "SUFFIXING", frozenset())
    terms = terms_of(tmp_path, DICTIONARY, ("en", "hu"))
    entry = next(e for e in terms.entries if e.text == "Newspeak Dictionary")
    assert entry.status == "consistent"
    (rendering,) = entry.renderings["hu"]
    assert rendering.units == 8 and rendering.other_keys == [("újbeszél", "szótár")]
    # without merging, one rendering is listed twice and the term looks inconsistent
    monkeypatch.setattr(variants, "FORM_ENDING_CHARS", -1)
    terms = terms_of(tmp_path / "b", DICTIONARY, ("en", "hu"))
    entry = next(e for e in terms.entries if e.text == "Newspeak Dictionary")
    assert entry.status == "inconsistent"


# a name made of common words ("Hate Week") and a rare common noun ("washtub")
NAMES = [
    (
        "Preparations for Hate Week were in full swing.",
        "A Gyűlölet Hete előkészületei javában folytak.",
    ),
    ("Everyone was busy with Hate Week.", "Mindenki a Gyűlölet Hete miatt sürgött."),
    ("The posters of Hate Week were new.", "A Gyűlölet Hete plakátjai újak voltak."),
    ("Hate Week began on Monday.", "A Gyűlölet Hete hétfőn kezdődött."),
    ("During Hate Week the streets were loud.", "A Gyűlölet Hete alatt zajosak voltak az utcák."),
    ("The song of Hate Week was played endlessly.", "A Gyűlölet Hete dalát vég nélkül játszották."),
    ("Julia worked hard before Hate Week.", "Julia keményen dolgozott a Gyűlölet Hete előtt."),
    (
        "On the sixth day of Hate Week the enemy changed.",
        "A Gyűlölet Hete hatodik napján megváltozott az ellenség.",
    ),
    ("A woman stood at the washtub.", "Egy asszony állt a mosóteknő mellett."),
    ("The washtub was full of clothes.", "A mosóteknő tele volt ruhával."),
    ("She bent over the washtub and sang.", "Dalolt, ahogy a mosóteknő fölé hajolt."),
    ("Steam rose from the washtub.", "Gőz szállt fel a mosóteknő vizéből."),
    ("Cultural Events", "Kulturális események"),
    ("Cultural Events Listed", "Kulturális események listája"),
]


def test_a_name_made_of_common_words_ranks_as_a_name(tmp_path, monkeypatch) -> None:
    from tmtool.terms import candidates

    corpus = build_corpus([(i, "doc", {"en": en}) for i, (en, _) in enumerate(NAMES)], ["en"])
    source = corpus.source
    key = source.vocab.key_ids(("hate", "week"))
    heading = source.vocab.key_ids(("cultural", "event"))
    postings = {key: list(range(8)), heading: [12, 13]}
    shown = {key: "Hate Week", heading: "Cultural Events"}
    # running text names only: a title-case heading is no name
    assert candidates.proper_names(source, postings, shown) == {key}
    assert candidates.proper_names(source, postings, {key: "hate week", heading: ""}) == set()
    # two names joined by a conjunction are not one name
    pair = build_corpus([(0, "doc", {"en": "Later Julia and Winston walked home."})], ["en"])
    both = pair.source.vocab.key_ids(("julia", "and", "winston"))
    assert not candidates.proper_names(pair.source, {both: [0]}, {both: "Julia and Winston"})

    def rank(terms: TermList) -> list[str]:
        return [e.text for e in terms.entries]

    order = rank(terms_of(tmp_path, NAMES, ("en", "hu")))
    assert order.index("Hate Week") < order.index("washtub")
    monkeypatch.setattr(candidates, "proper_names", lambda *args: set())
    monkeypatch.setattr("tmtool.terms.extract.proper_names", lambda *args: set())
    order = rank(terms_of(tmp_path / "b", NAMES, ("en", "hu")))
    assert order.index("Hate Week") > order.index("washtub")


# the units write "Jamaicára", "Jamaicát", "Jamaicán" ... more often than the name itself,
# which is the form shown
JAMAICA = [
    ("The ship sailed to Jamaica at dawn.", "A hajó hajnalban Jamaicára hajózott."),
    ("Sugar came from Jamaica every year.", "Minden évben cukor jött Jamaicáról."),
    ("He had lived on Jamaica for years.", "Évekig Jamaicán élt."),
    ("Jamaica was an English island.", "Jamaica angol sziget volt."),
    ("The governor of Jamaica was angry.", "Jamaica kormányzója dühös volt."),
    ("They reached Jamaica in June.", "Júniusban érték el Jamaicát."),
    ("Pirates left Jamaica at night.", "A kalózok éjjel hagyták el Jamaicát."),
]


def test_a_name_shown_as_written_in_the_source_is_dropped(tmp_path) -> None:
    """The check that drops a name written the same in both languages (a translator needs no
    entry) reads the form the glossary shows, not the most frequent one
    (``extract._without_same_names``); other terms stay."""
    terms = terms_of(tmp_path, JAMAICA + CANTEEN, ("en", "hu"))
    assert "Jamaica" not in {e.text for e in terms.entries}
    assert main_rendering(terms, "canteen", "hu") == "kantin"


def test_a_derived_word_is_no_form_of_its_base() -> None:
    """Forms of one word merge, a word derived with a short suffix does not: a name and its
    adjective (``Peking``/``pekingi`` "of Peking", ``Irakban``/``iraki``), a noun and its -ű
    adjective or -s derivative (``szín``/``színű``, ``egyenruhája``/``egyenruhás``), English
    and French demonyms (``Korea``/``Korean``, ``Italie``/``italien``)."""
    texts = {
        "hu": "Peking, pekingi, Pekingi, Irakban, iraki, szín, színű, egyenruhája, egyenruhás, "
        "palota, palotái, szótárának, szótárt",
        "en": "Korea, Korean, colony, colonies",
        "fr": "Italie, italien, colonie, colonies",
    }
    corpus = build_corpus([(0, "doc", texts)], ["hu", "en", "fr"])

    def same(lang: str, a: str, b: str) -> bool:
        return same_words(corpus.sides[lang].vocab, found(corpus, lang, a), found(corpus, lang, b))

    derived = [
        ("hu", "Peking", "Pekingi"),
        ("hu", "Peking", "pekingi"),
        ("hu", "Irakban", "iraki"),
        ("hu", "szín", "színű"),
        ("hu", "egyenruhája", "egyenruhás"),
        ("en", "Korea", "Korean"),
        ("fr", "Italie", "italien"),
    ]
    inflected = [("hu", "palota", "palotái"), ("hu", "szótárának", "szótárt")]
    assert not any(same(*pair) for pair in derived)
    assert all(same(*pair) for pair in inflected)
    # the rule as it was (any ending of two letters) merged the derivations too
    assert variants.one_word("peking", "pekingi")
    assert not variants.one_word("peking", "pekingi", variants.DERIVATION_ENDINGS["hu"])
