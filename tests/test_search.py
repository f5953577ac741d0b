"""tmtool search: folding, query syntax, ranking, highlighting and the CLI (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from tmx_support import run_info

from tmtool.cli import cli
from tmtool.errors import InputError
from tmtool.fold import fold, fold_with_offsets
from tmtool.search import (
    ALL,
    PARTIAL,
    PHRASE,
    QueryError,
    candidate_units,
    find_spans,
    parse_query,
    search,
)
from tmtool.store import ImportedUnit, ImportSource, Store

MEMORY = [
    {
        "nl": "De strijd tegen gewelddadige radicalisering in België.",
        "fr": "La lutte contre la radicalisation violente en Belgique.",
        "en": "The fight against violent radicalisation in Belgium.",
    },
    {
        "nl": "Het antiterrorismebeleid en de terrorismebestrijding worden versterkt.",
        "fr": "La politique antiterroriste et la lutte contre le terrorisme sont renforcées.",
    },
    {
        "nl": "De sociale zekerheid blijft een federale bevoegdheid.",
        "fr": "La sécurité sociale reste une compétence fédérale.",
        "en": "Social security remains a federal competence.",
    },
    {
        "nl": "Radicalisering is vaak gewelddadig.",
        "fr": "La radicalisation est souvent violente.",
    },
    {
        "nl": "De EU en de lidstaten werken samen.",
        "fr": "L'UE et les États membres coopèrent.",
    },
    {
        "nl": "Een neutrale houding tegenover de Staat.",
        "fr": "Une attitude neutre envers l'État.",
    },
]


def fill(store: Store, texts: list[dict[str, str]] = MEMORY, sha: str = "a" * 64) -> None:
    source = ImportSource(sha256=sha, path="memory.tmx", title="memory", creation_tool="test")
    store.import_units([ImportedUnit(texts=dict(t)) for t in texts], source, run_info())


@pytest.fixture
def memory(tm_store: Store) -> Store:
    fill(tm_store)
    return tm_store


def texts_of(store: Store, query: str, lang: str | None = None, limit: int | None = 20):
    return [(hit.lang, hit.text) for hit in search(store, parse_query(query), lang, limit)]


# --- folding ---


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sécurité SOCIALE", " securite sociale "),
        ("België", " belgie "),
        ("l'État,  la «loi»", " l etat la loi "),
        ("Straße ﬁnale", " strasse finale "),
        ("", " "),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_with_offsets_agrees_with_fold(text: str) -> None:
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded) + 1
    assert offsets == sorted(offsets) and all(0 <= o <= len(text) for o in offsets)


def test_parse_query() -> None:
    query = parse_query('"Sécurité sociale" secur* de Belgie')
    assert query.needles == ("securite sociale", " secur", " de ", "belgie")
    assert query.phrase == "securite sociale secur de belgie"
    with pytest.raises(QueryError):
        parse_query(' "" * ,, ')


def test_find_spans_maps_back_to_original_characters() -> None:
    text = "La Sécurité  sociale, l'État"
    spans = find_spans(text, parse_query('"securite sociale" etat').needles)
    assert [text[a:b] for a, b in spans] == ["Sécurité  sociale", "État"]


# --- search on both backends ---


def test_accents_and_case(memory: Store) -> None:
    assert texts_of(memory, "securite") == [("fr", MEMORY[2]["fr"])]
    assert texts_of(memory, "SÉCURITÉ") == [("fr", MEMORY[2]["fr"])]
    assert texts_of(memory, "Belgie") == [("nl", MEMORY[0]["nl"])]
    assert texts_of(memory, "etat", lang="fr") == [("fr", MEMORY[5]["fr"]), ("fr", MEMORY[4]["fr"])]


def test_a_language_the_memory_does_not_hold_is_an_error(memory: Store) -> None:
    message = r"^the memory has no 'de' texts \(its languages: en, fr, nl\)$"
    with pytest.raises(InputError, match=message):
        search(memory, parse_query("x"), "de")


def test_compound_infixes_and_prefixes(memory: Store) -> None:
    found = texts_of(memory, "terrorisme", lang="nl")
    assert found == [("nl", MEMORY[1]["nl"])]
    hit = search(memory, parse_query("terrorisme"), "nl")[0]
    assert [hit.text[a:b] for a, b in hit.spans] == ["terrorisme", "terrorisme"]
    # a prefix is anchored at a word start: terrorismebestrijding, not antiterrorismebeleid
    hit = search(memory, parse_query("terror*"), "nl")[0]
    assert [hit.text[a:b] for a, b in hit.spans] == ["terror"]
    assert hit.spans[0][0] == hit.text.index("terrorismebestrijding")
    assert texts_of(memory, "radical*", lang="fr") == [
        ("fr", MEMORY[3]["fr"]),
        ("fr", MEMORY[0]["fr"]),
    ]


def test_short_words_match_whole_words(memory: Store) -> None:
    # "eu" is inside "neutrale" and "Europese"; as a 2-letter query it is a whole word only
    assert texts_of(memory, "EU") == [("nl", MEMORY[4]["nl"])]


def test_ranking_phrase_then_all_words_then_partial(memory: Store) -> None:
    hits = search(memory, parse_query("gewelddadige radicalisering"), "nl")
    assert [(h.text, h.tier) for h in hits] == [
        (MEMORY[0]["nl"], PHRASE),
        (MEMORY[3]["nl"], PARTIAL),  # "gewelddadig" ≠ "gewelddadige"; radicalisering found
    ]
    hits = search(memory, parse_query("radicalisering gewelddadig"), "nl")
    assert [(h.text, h.tier) for h in hits] == [
        (MEMORY[3]["nl"], ALL),
        (MEMORY[0]["nl"], ALL),
    ]
    assert hits[0].score == hits[1].score == 2  # within a group, the newest unit first
    hits = search(memory, parse_query("radicalisering gewelddadig sociale"), "nl")
    assert [(h.text, h.tier, h.score) for h in hits] == [
        (MEMORY[3]["nl"], PARTIAL, 0.667),  # two of three words
        (MEMORY[0]["nl"], PARTIAL, 0.667),
        (MEMORY[2]["nl"], PARTIAL, 0.333),  # one of three
    ]
    hits = search(memory, parse_query("contre le terrorisme"), "fr")
    assert [h.tier for h in hits] == [PHRASE, PARTIAL]
    assert hits[0].text == MEMORY[1]["fr"] and hits[1].text == MEMORY[0]["fr"]
    assert hits[0].score > hits[1].score


def test_quoted_phrase_and_limit(memory: Store) -> None:
    assert texts_of(memory, '"sécurité sociale"') == [("fr", MEMORY[2]["fr"])]
    assert texts_of(memory, '"sociale securite"') == []
    assert len(texts_of(memory, "de", limit=None)) == 5
    assert len(texts_of(memory, "de", limit=2)) == 2


def test_hit_carries_translations_and_unit_facts(memory: Store) -> None:
    hit = search(memory, parse_query("sociale zekerheid"), "nl")[0]
    assert hit.translations == {"fr": MEMORY[2]["fr"], "en": MEMORY[2]["en"]}
    assert hit.status == "auto" and hit.document == "memory" and hit.tuid
    record = hit.as_json()
    assert {"unit", "lang", "text", "score", "translations", "document", "status"} <= set(record)


def test_rejected_units_are_not_shown(memory: Store) -> None:
    hit = search(memory, parse_query("Belgie"))[0]
    memory.set_status([hit.tuid], "rejected")
    assert texts_of(memory, "Belgie") == []


def test_candidate_units_rank_by_shared_words(memory: Store) -> None:
    ids = candidate_units(memory, "Radicalisering is gewelddadig, zegt de minister.", "nl", 3)
    assert ids[0] == _unit_of(memory, MEMORY[3]["nl"])
    # only the rarest words are looked up: "de" and "is" do not make every unit a candidate
    assert ids == [_unit_of(memory, MEMORY[3]["nl"]), _unit_of(memory, MEMORY[0]["nl"])]
    assert candidate_units(memory, "...", "nl") == []
    assert candidate_units(memory, "Radicalisering", "fr") == []


def _unit_of(store: Store, text: str) -> int:
    return next(h.unit_id for h in search(store, parse_query(f'"{text}"'), limit=1))


# --- the command ---


@pytest.fixture
def memory_file(tmp_path: Path) -> str:
    from tmtool.store import open_store

    path = str(tmp_path / "tm.db")
    with open_store(path) as store:
        fill(store)
    return path


def test_cli_plain_markers_and_counterparts(memory_file: str) -> None:
    result = CliRunner().invoke(cli, ["search", "gewelddadige radicalisering", "--db", memory_file])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "  1. nl  De strijd tegen **gewelddadige radicalisering** in België."
    assert lines[1] == "     en  The fight against violent radicalisation in Belgium."
    assert lines[2] == "     fr  La lutte contre la radicalisation violente en Belgique."
    assert "[whole query]" in lines[3] and "memory" in lines[3] and "auto" in lines[3]
    assert "no terms model" in result.stderr  # `tmtool terms` never ran on this memory


@pytest.mark.parametrize("lang", ["fr", "FR", "fr-BE"])
def test_cli_json(memory_file: str, lang: str) -> None:
    """``--lang`` takes a language as every command does (``FR``, ``fr-BE``: ``fr``)."""
    result = CliRunner().invoke(
        cli, ["search", "sécurité sociale", "--lang", lang, "--json", "--db", memory_file]
    )
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)["hits"]
    assert len(records) == 1
    assert records[0]["text"] == MEMORY[2]["fr"] and records[0]["lang"] == "fr"
    assert records[0]["translations"]["nl"] == MEMORY[2]["nl"]
    assert records[0]["score"] == 3 and records[0]["match"] == "phrase"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x", "--lang", "de"], "no 'de' texts"),
        (["search", "x", "--lang", "1"], "'1' is not a language code"),
        (["search", "«»"], "nothing to search for"),
        (["search", "x", "--limit", "0"], "--limit"),
    ],
)
def test_cli_errors(memory_file: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", memory_file])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_says_what_the_library_and_the_review_page_say(memory_file: str) -> None:
    """A query without letters or digits is a usage error (exit 2, branch ux19b; 1 before) in
    the library's words, which the review page shows too (tests/test_review_app.py)."""
    with pytest.raises(QueryError) as caught:
        parse_query("«»")
    result = CliRunner().invoke(cli, ["search", "«»", "--db", memory_file])
    assert result.exit_code == 2
    assert result.stderr == f"tmtool: error: {caught.value}\n"


def test_cli_missing_memory(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "tmtool: error:" in result.output
    assert "no translation memory" in result.stderr and not list(tmp_path.iterdir())
