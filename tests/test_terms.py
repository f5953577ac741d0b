"""Term extraction (candidates, equivalents on crafted parallel units, variation, spotting) and
the glossary outputs of ``tmtool terms``: CSV, TBX-Basic read back by translate-toolkit, OmegaT,
JSON and the terminal table."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmtool.cli import cli
from tmtool.exchange.glossary import glossary_csv, glossary_omegat
from tmtool.exchange.tbx import glossary_tbx
from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store
from tmtool.terms import TermModel, TermOptions, extract_terms, spot
from tmtool.terms.candidates import count_candidates
from tmtool.terms.corpus import BREAK, build_corpus
from tmtool.terms.text import language

# (nl, fr, en): the terms recur with changing context, so their units differ from the filler's.
# "lidstaten" is "États membres" four times and "pays membres" twice: an inconsistent term.
PARALLEL = [
    (
        "De lidstaten steunen het Europees aanhoudingsbevel.",
        "Les États membres soutiennent le mandat d'arrêt européen.",
        "The Member States support the European arrest warrant.",
    ),
    (
        "Elke lidstaat voert het Europees aanhoudingsbevel uit.",
        "Chaque État membre exécute le mandat d'arrêt européen.",
        "Each Member State executes the European arrest warrant.",
    ),
    (
        "Het Europees aanhoudingsbevel versnelt de overlevering.",
        "Le mandat d'arrêt européen accélère la remise.",
        "The European arrest warrant speeds up surrender.",
    ),
    (
        "De lidstaten werken samen aan terrorismebestrijding.",
        "Les États membres coopèrent dans la lutte contre le terrorisme.",
        "The Member States cooperate in the fight against terrorism.",
    ),
    (
        "Terrorismebestrijding vraagt om inlichtingendiensten die samenwerken.",
        "La lutte contre le terrorisme exige des services de renseignement qui coopèrent.",
        "The fight against terrorism requires intelligence services that cooperate.",
    ),
    (
        "De inlichtingendiensten delen gegevens over terrorismebestrijding.",
        "Les services de renseignement partagent des données sur la lutte contre le terrorisme.",
        "The intelligence services share data on the fight against terrorism.",
    ),
    (
        "Alle lidstaten hechten aan solidariteit tussen de generaties.",
        "Tous les pays membres tiennent à la solidarité entre les générations.",
        "All Member States value solidarity between generations.",
    ),
    (
        "Solidariteit tussen de generaties blijft een doel van de lidstaten.",
        "La solidarité entre les générations reste un objectif des pays membres.",
        "Solidarity between generations remains a goal of the Member States.",
    ),
    (
        "Wij spreken vandaag over solidariteit tussen de generaties.",
        "Nous parlons aujourd'hui de la solidarité entre les générations.",
        "Today we speak about solidarity between generations.",
    ),
    (
        "De inlichtingendiensten krijgen in 2024 meer middelen.",
        "Les services de renseignement reçoivent plus de moyens en 2024.",
        "The intelligence services receive more resources in 2024.",
    ),
    (
        "Elke lidstaat heeft een eigen begroting.",
        "Chaque État membre a son propre budget.",
        "Each Member State has its own budget.",
    ),
    ("Het weer is vandaag mooi.", "Il fait beau aujourd'hui.", "The weather is nice today."),
    ("Wij danken de sprekers.", "Nous remercions les orateurs.", "We thank the speakers."),
    ("De vergadering wordt gesloten.", "La séance est levée.", "The sitting is closed."),
    ("Dat is een goed idee.", "C'est une bonne idée.", "That is a good idea."),
]


def parallel_units() -> list[ImportedUnit]:
    return [ImportedUnit({"nl": nl, "fr": fr, "en": en}) for nl, fr, en in PARALLEL]


def import_parallel(target: str) -> None:
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with open_store(target) as store:
        store.import_units(
            parallel_units(),
            ImportSource("ab" * 32, "/data/crafted.tmx", "crafted", "test"),
            RunInfo("none", "", {}, "test", now),
        )


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("terms") / "tm.db"
    import_parallel(str(path))
    return str(path)


@pytest.fixture(scope="module")
def terms(memory: str):
    with open_store(memory, create=False) as store:
        return extract_terms(store, TermOptions(langs=("nl", "fr", "en"), limit=30))


def by_text(terms, text: str):
    found = [entry for entry in terms.entries if entry.text == text]
    assert found, f"{text!r} not among {[e.text for e in terms.entries]}"
    return found[0]


def candidate_phrases(texts: list[str], lang: str = "nl", max_words: int = 4) -> set[str]:
    corpus = build_corpus(((i, "doc", {lang: t}) for i, t in enumerate(texts)), [lang])
    counts = count_candidates(corpus, max_words)
    return {" ".join(corpus.source.vocab.key_text(key)) for key in counts}


# --- candidates ---


def test_candidates_are_words_compounds_and_noun_phrases() -> None:
    phrases = candidate_phrases(
        [
            "De lidstaten bespreken terrorismebestrijding en de inlichtingendiensten.",
            "Het Europees aanhoudingsbevel dient de solidariteit tussen de generaties.",
        ]
    )
    assert {"lidstaat", "terrorismebestrijding", "inlichtingendienst"} <= phrases
    assert "europees aanhoudingsbevel" in phrases
    assert "solidariteit tussen de generatie" in phrases or (
        "solidariteit tussen de generaties" in phrases
    )


def test_no_stopword_phrases_fragments_or_numbers() -> None:
    phrases = candidate_phrases(["De lidstaten betalen in 2024 voor de kosten van het beleid."])
    assert not any(p.split()[0] in language("nl").stopwords for p in phrases)
    assert not any(p.split()[-1] in language("nl").stopwords for p in phrases)
    assert "2024" not in phrases and not any("2024" in p.split() for p in phrases)
    assert "de" not in phrases and "voor de" not in phrases
    # a relative clause is not part of a term
    phrases = candidate_phrases(["De amendementen die de Commissie steunt."])
    assert "amendement" in phrases and "commissie" in phrases
    assert not any("amendement" in p and "commissie" in p for p in phrases)


@pytest.mark.parametrize(
    ("lang", "text", "quantifier"),
    [
        ("nl", "Er waren allerlei maatregelen en talrijke maatregelen.", "allerlei"),
        ("fr", "Il y avait diverses mesures et de nombreuses mesures.", "diverses"),
        ("en", "There were several measures and various measures.", "several"),
        ("de", "Es gab mehrere Massnahmen und zahlreiche Massnahmen.", "mehrere"),
    ],
)
def test_an_indefinite_quantifier_is_no_term_and_no_term_edge(
    lang: str, text: str, quantifier: str
) -> None:
    """``allerlei`` (all kinds of) counts like ``enkele``: DPC listed ``allerlei → divers``."""
    phrases = candidate_phrases([text, text], lang)
    assert not any(quantifier in p.split() for p in phrases)
    assert not any(p.split()[0] in language(lang).stopwords for p in phrases)


def test_punctuation_ends_a_candidate() -> None:
    phrases = candidate_phrases(["Over de lidstaten, inlichtingendiensten en de rest."])
    assert "lidstaat inlichtingendienst" not in phrases


def test_settled_lemma_ids_are_those_looked_up_word_by_word() -> None:
    """``Side.settle_lemmas`` (end of ``build_corpus``) keeps each word's lemma id, BREAK for
    punctuation and verb forms: the ids ``lemma_ids`` looks up word by word without it; a unit
    added afterwards drops them."""
    texts = ["Wij nemen de maatregelen, zei de Commissie.", "De lidstaten nemen deel."]
    corpus = build_corpus(((i, "doc", {"nl": t}) for i, t in enumerate(texts)), ["nl"])
    side = corpus.source
    assert side.lemma_words is not None
    settled = [side.lemma_ids(unit) for unit in range(side.size)]
    vocab = side.vocab
    words = [list(side.surface_ids(unit)) for unit in range(side.size)]
    assert vocab.verbs & {w for unit in words for w in unit}  # ``nemen`` after ``wij``
    assert settled == [
        [BREAK if w < 0 or w in vocab.verbs else vocab.lemma_of[w] for w in unit] for unit in words
    ]
    side.lemma_words = None
    assert [side.lemma_ids(unit) for unit in range(side.size)] == settled
    side.settle_lemmas()
    side.add("Nog een zin.")
    assert side.lemma_words is None


def test_inflected_forms_share_a_key() -> None:
    nl, fr, en = language("nl"), language("fr"), language("en")
    assert nl.key("lidstaten") == nl.key("lidstaat")
    assert nl.key("Europese aanhoudingsbevelen") == nl.key("Europees aanhoudingsbevel")
    assert fr.key("États membres") == fr.key("État membre")
    assert en.key("Member States") == en.key("member state")


def test_truncated_compound_part_is_not_a_word() -> None:
    phrases = candidate_phrases(["De voorlichtings- en afzetacties voor landbouwproducten."])
    assert not any("voorlichtings" in p for p in phrases)
    assert " ".join(language("nl").key("afzetacties voor landbouwproducten")) in phrases


# --- equivalents and variation ---


def test_equivalents_in_every_language(terms) -> None:
    warrant = by_text(terms, "Europees aanhoudingsbevel")
    assert warrant.main("fr").text == "mandat d'arrêt européen"
    assert warrant.main("en").text == "European arrest warrant"
    assert warrant.units == 3 and warrant.documents == 1
    fight = by_text(terms, "terrorismebestrijding")
    assert fight.main("fr").text == "lutte contre le terrorisme"
    assert fight.main("en").text == "fight against terrorism"
    services = by_text(terms, "inlichtingendiensten")
    assert services.main("fr").text == "services de renseignement"
    assert services.main("en").text == "intelligence services"


def test_inconsistent_term_lists_its_renderings(terms) -> None:
    member = by_text(terms, "lidstaten")
    assert member.status == "inconsistent"
    assert member.inconsistent_langs() == ["fr"]
    french = [(r.text, r.units) for r in member.renderings["fr"]]
    assert french[0] == ("États membres", 4)
    assert ("pays membres", 2) in french
    assert [r.text for r in member.renderings["en"]] == ["Member States"]
    warrant = by_text(terms, "Europees aanhoudingsbevel")
    assert warrant.status == "consistent"


def test_pairs_carry_counts_and_examples(terms) -> None:
    member = by_text(terms, "lidstaten")
    main = member.main("fr")
    assert main.documents == 1 and 0 < main.score <= 1
    assert 1 <= len(main.examples) <= 3
    for example in main.examples:
        assert example.tuid
        assert "lidsta" in example.source.lower()
        assert "état" in example.target.lower() or "État" in example.target
    variant = member.renderings["fr"][1]
    assert all("pays membres" in e.target for e in variant.examples)


def test_general_words_rank_below_terms(terms) -> None:
    texts = [entry.text.lower() for entry in terms.entries]
    assert not {"weer", "idee", "2024", "sprekers"} & set(texts)
    # "vandaag" (today) recurs too, but general language uses it far more often
    if "vandaag" in texts:
        assert texts.index("vandaag") > texts.index("europees aanhoudingsbevel")


def test_encoder_similarity_keeps_the_renderings(memory: str, use_encoder) -> None:
    with open_store(memory, create=False) as store:
        found = extract_terms(store, TermOptions(limit=30), use_encoder.encode)
    assert by_text(found, "terrorismebestrijding").main("en").text == "fight against terrorism"
    assert by_text(found, "lidstaten").main("fr").text == "États membres"


def test_extraction_on_both_databases(db_url: str) -> None:
    import_parallel(db_url)
    with open_store(db_url, create=False) as store:
        found = extract_terms(store, TermOptions(langs=("nl", "en"), limit=10))
    assert found.langs == ["nl", "en"]
    assert by_text(found, "Europees aanhoudingsbevel").main("en").text == "European arrest warrant"


def test_examples_read_in_batches_on_both_databases(db_url: str, monkeypatch) -> None:
    """The examples' units are read by id a batch at a time (``EXAMPLE_IDS_PER_READ``): batches
    of one give every rendering the same examples as one read, on SQLite and PostgreSQL."""
    from tmtool.terms import extract

    import_parallel(db_url)

    def examples() -> list[tuple[str, str, list[tuple[str, str, str, str]]]]:
        with open_store(db_url, create=False) as store:
            found = extract_terms(store, TermOptions(langs=("nl", "en"), limit=10))
        return [
            (entry.text, r.text, [(x.tuid, x.source, x.target, x.document) for x in r.examples])
            for entry in found.entries
            for r in entry.renderings["en"]
        ]

    whole = examples()
    assert sum(len(shown) for _, _, shown in whole) > 2  # more than one batch of one
    monkeypatch.setattr(extract, "EXAMPLE_IDS_PER_READ", 1)
    assert examples() == whole


def test_bad_options_are_user_errors(memory: str) -> None:
    from tmtool.errors import InputError

    with open_store(memory, create=False) as store:
        with pytest.raises(InputError, match="at least two"):
            extract_terms(store, TermOptions(langs=("nl",)))
        with pytest.raises(InputError, match=r"^the memory has no 'de' texts \(its languages: "):
            extract_terms(store, TermOptions(langs=("nl", "de")))


# --- translation spotting ---


def test_spot_finds_the_equivalent_of_any_form(terms) -> None:
    model = TermModel.from_terms(terms)
    text = "Chaque État membre et les pays membres appliquent le mandat d'arrêt européen."
    spans = spot("lidstaat", "nl", text, "fr", model)
    assert [text[a:b] for a, b in spans] == ["État membre", "pays membres"]
    spans = spot("Europese aanhoudingsbevelen", "nl", text, "fr", model)
    assert [text[a:b] for a, b in spans] == ["mandat d'arrêt européen"]
    # the other direction and the other pair of languages
    english = "The Member States and the European arrest warrant."
    assert [english[a:b] for a, b in spot("États membres", "fr", english, "en", model)] == [
        "Member States"
    ]
    dutch = "De lidstaten zijn het eens."
    assert [dutch[a:b] for a, b in spot("pays membre", "fr", dutch, "nl", model)] == ["lidstaten"]


def test_spot_unknown_term_falls_back_to_the_same_string(terms) -> None:
    model = TermModel.from_terms(terms)
    text = "Le rapport de l'OLAF sur Europol."
    assert [text[a:b] for a, b in spot("OLAF", "nl", text, "fr", model)] == ["OLAF"]
    assert spot("kaas", "nl", text, "fr", model) == []
    assert spot("", "nl", text, "fr", None) == []


def test_model_round_trip(terms, tmp_path: Path) -> None:
    model = TermModel.from_terms(terms)
    path = tmp_path / "model.json"
    model.save(path)
    loaded = TermModel.load(path)
    assert loaded.table == model.table
    text = "Les pays membres."
    assert spot("lidstaten", "nl", text, "fr", loaded) == spot("lidstaten", "nl", text, "fr", model)


def test_model_load_errors(tmp_path: Path) -> None:
    from tmtool.errors import InputError

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a tmtool term model"):
        TermModel.load(bad)
    with pytest.raises(InputError, match="cannot read"):
        TermModel.load(tmp_path / "missing.json")


# --- glossary outputs and the command ---


def test_csv_header_and_rows(terms) -> None:
    rows = list(csv.reader(glossary_csv(terms).splitlines()))
    assert rows[0] == [
        "nl-BE", "fr-BE", "en-GB", "score", "frequency", "documents", "status", "example"
    ]  # fmt: skip
    assert len(rows) == len(terms.entries) + 1
    member = next(row for row in rows if row[0] == "lidstaten")
    assert member[1:3] == ["États membres", "Member States"]
    assert member[4:7] == ["6", "1", "inconsistent"]
    assert "lidsta" in member[7]
    assert float(member[3]) > 0


def test_csv_header_follows_langs_and_tags(memory: str) -> None:
    with open_store(memory, create=False) as store:
        found = extract_terms(store, TermOptions(langs=("nl", "en"), limit=5))
    header = glossary_csv(found, {"nl": "nl-NL"}).splitlines()[0]
    assert header == "nl-NL,en-GB,score,frequency,documents,status,example"


def test_tbx_read_back_by_translate_toolkit(terms) -> None:
    from translate.storage import tbx

    data = glossary_tbx(terms)
    assert data.startswith(b"<?xml") and b'type="TBX-Basic"' in data
    store = tbx.tbxfile.parsestring(data)
    units = store.getunits()
    assert len(units) == len(terms.entries)
    for unit, entry in zip(units, terms.entries, strict=True):
        assert [t.text for t in unit.get_source_terms()] == [entry.text]
        assert [node.get("{http://www.w3.org/XML/1998/namespace}lang") for node in (
            unit.getlanguageNodes()
        )] == ["nl-BE", "fr-BE", "en-GB"]  # fmt: skip
    member = units[[e.text for e in terms.entries].index("lidstaten")]
    french = member.get_target_terms("fr-BE")
    assert [t.text for t in french] == ["États membres", "pays membres"]
    assert [t.administrative_status for t in french] == [
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
    ]
    assert [t.text for t in member.get_target_terms("en-GB")] == ["Member States"]
    # one entry per concept, one langSet per language, each term with context and source
    from lxml import etree

    root = etree.fromstring(data)
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(terms.entries)
    for tig in root.iter("tig"):
        assert tig.findtext("term")
        assert tig.find("descripGrp/descrip[@type='context']") is not None
        assert tig.findtext("descripGrp/admin[@type='source']") == "crafted"


def test_omegat_glossary_format(terms) -> None:
    text = glossary_omegat(terms, "fr")
    lines = text.splitlines()
    assert text.endswith("\n")
    assert all(len(line.split("\t")) == 3 for line in lines)
    pairs = [tuple(line.split("\t")[:2]) for line in lines]
    assert ("lidstaten", "États membres") in pairs and ("lidstaten", "pays membres") in pairs
    comment = dict(((s, t), c) for s, t, c in (line.split("\t") for line in lines))
    assert comment[("lidstaten", "pays membres")].startswith("inconsistent; variant")
    assert ("Europees aanhoudingsbevel", "mandat d'arrêt européen") in pairs


def test_cli_writes_every_output(memory: str, tmp_path: Path) -> None:
    """Language options read ``EN`` as ``en``, as every command does."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "terms", "--db", memory, "--encoder", "none",
            "--csv", str(out / "terms.csv"), "--tbx", str(out / "terms.tbx"),
            "--omegat", str(out / "glossary.txt"), "--omegat-lang", "EN",
            "--model", str(out / "model.json"),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "terms (1 inconsistent)" in result.output
    assert (out / "terms.csv").read_text(encoding="utf-8").startswith("nl-BE,fr-BE,en-GB,")
    assert "lidstaten\tMember States\t" in (out / "glossary.txt").read_text(encoding="utf-8")
    assert b"<martif" in (out / "terms.tbx").read_bytes()
    assert json.loads((out / "model.json").read_text(encoding="utf-8"))["format"]


def test_cli_json_and_table(memory: str) -> None:
    result = CliRunner().invoke(cli, ["terms", "--db", memory, "--encoder", "none", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    member = next(t for t in data["terms"] if t["text"] == "lidstaten")
    assert member["status"] == "inconsistent"
    assert [r["text"] for r in member["renderings"]["fr"]] == ["États membres", "pays membres"]
    table = CliRunner().invoke(cli, ["terms", "--db", memory, "--encoder", "none"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split() == ["nl", "fr", "en", "units", "status"]
    assert any("États membres (4) | pays membres (2)" in line for line in lines)


def test_cli_errors_are_one_line(memory: str, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["terms", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and missing.output.startswith("tmtool: error: ")
    assert "no translation memory" in missing.stderr and not list(tmp_path.glob("none.db*"))
    one = runner.invoke(cli, ["terms", "--db", memory, "--langs", "nl"])
    assert one.exit_code != 0 and "at least two" in one.output
    target = tmp_path / "g.txt"
    bad = runner.invoke(
        cli, ["terms", "--db", memory, "--omegat", str(target), "--omegat-lang", "de"]
    )
    assert bad.exit_code != 0 and "--omegat-lang" in bad.output
    assert not target.exists()
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    unwritable = runner.invoke(
        cli, ["terms", "--db", memory, "--encoder", "none", "--csv", str(blocked / "t.csv")]
    )
    assert unwritable.exit_code != 0 and unwritable.output.startswith("tmtool: error: cannot")
