"""Translation spotting in `tmtool search`: the terms model saved by `tmtool terms` marks a term
query's equivalent in each hit's counterparts (any inflected form); without a model only the
query's own words are marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner
from test_terms import import_parallel

from tmtool.cache import memory_folder
from tmtool.cli import cli
from tmtool.search import parse_query, search, spot_translations
from tmtool.store import open_store
from tmtool.terms import memory_model, memory_path


@pytest.fixture(scope="module")
def modelled(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A crafted memory on which `tmtool terms` ran (so its model lies next to it)."""
    path = str(tmp_path_factory.mktemp("spotting") / "tm.db")
    import_parallel(path)
    result = CliRunner().invoke(cli, ["terms", "--db", path, "--encoder", "none", "--json"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same memory, but `tmtool terms` never ran on it."""
    path = str(tmp_path_factory.mktemp("bare") / "tm.db")
    import_parallel(path)
    return path


def search_json(db: str, query: str, *options: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["search", query, "--db", db, "--json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["hits"]


def spotted(hit: dict, lang: str) -> list[str]:
    text = hit["translations"][lang]
    return [text[a:b] for a, b in hit["translation_spans"][lang]]


def test_terms_saves_its_model_next_to_the_memory(modelled: str) -> None:
    assert Path(f"{modelled}.terms/model.json").is_file()
    with open_store(modelled, create=False) as store:
        assert memory_path(store) == Path(f"{modelled}.terms") / "model.json"
        assert memory_model(store) is not None


def test_term_query_marks_its_equivalent_in_every_form(modelled: str) -> None:
    singular = search_json(modelled, "lidstaat", "--lang", "nl")
    assert len(singular) == 2
    for hit in singular:
        assert spotted(hit, "fr") == ["État membre"]
        assert spotted(hit, "en") == ["Member State"]
    plural = search_json(modelled, "lidstaten", "--lang", "nl")
    fr = sorted(span for hit in plural for span in spotted(hit, "fr"))
    assert set(fr) == {"États membres", "pays membres"}  # the inconsistent term's two renderings
    assert len(fr) == len(plural) == 4


def test_multi_word_term_and_the_other_direction(modelled: str) -> None:
    hits = search_json(modelled, '"Europees aanhoudingsbevel"', "--lang", "nl")
    assert hits and all(spotted(hit, "fr") == ["mandat d'arrêt européen"] for hit in hits)
    french = search_json(modelled, '"mandat d\'arrêt européen"', "--lang", "fr")
    assert french and all(spotted(hit, "nl") == ["Europees aanhoudingsbevel"] for hit in french)


def test_words_are_spotted_one_by_one_when_the_query_is_no_term(modelled: str) -> None:
    hits = search_json(modelled, "lidstaten terrorismebestrijding", "--lang", "nl")
    both = next(
        h for h in hits if "terrorismebestrijding" in h["text"] and "lidstaten" in h["text"]
    )
    assert spotted(both, "fr") == ["États membres", "lutte contre le terrorisme"]


def test_text_output_marks_the_equivalent(modelled: str) -> None:
    result = CliRunner().invoke(cli, ["search", "lidstaat", "--db", modelled, "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert "fr  Chaque **État membre** exécute" in result.stdout
    assert "note:" not in result.stderr


def test_without_a_model_only_the_same_string_is_spotted(bare: str) -> None:
    hits = search_json(bare, "lidstaten", "--lang", "nl")
    assert hits and all(spotted(hit, "fr") == [] for hit in hits)
    numbers = search_json(bare, "2024", "--lang", "nl")
    assert [spotted(hit, "fr") for hit in numbers] == [["2024"]]
    result = CliRunner().invoke(cli, ["search", "lidstaten", "--db", bare])
    assert result.exit_code == 0
    assert "no terms model" in result.stderr and "**" not in result.stdout.split("\n")[1]


def test_terms_model_option(modelled: str, bare: str, tmp_path: Path) -> None:
    model = f"{modelled}.terms/model.json"
    hits = search_json(bare, "lidstaat", "--lang", "nl", "--terms-model", model)
    assert hits and all(spotted(hit, "fr") == ["État membre"] for hit in hits)
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        result = CliRunner().invoke(cli, ["search", "x1", "--db", bare, "--terms-model", str(path)])
        assert_one_error_line(result, path.name)


def test_unwritable_default_model_is_a_warning(bare: str, tmp_path: Path) -> None:
    db = tmp_path / "tm.db"
    db.write_bytes(Path(bare).read_bytes())
    Path(f"{db}.terms").write_text("in the way", encoding="utf-8")  # a file, not a folder
    result = CliRunner().invoke(cli, ["terms", "--db", str(db), "--encoder", "none"])
    assert result.exit_code == 0, result.output
    assert "tmtool: warning: terms model not saved" in result.stderr


def test_spotting_on_both_databases(db_url: str, modelled: str, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    import_parallel(db_url)
    with open_store(db_url, create=False) as store:
        folder = memory_folder(store, "terms")
        if not db_url.endswith(".db"):  # a server memory: derived data lives in the cache folder
            assert folder.parent == tmp_path / "cache" / "terms"
        assert memory_model(store) is None
        query = parse_query("Europees aanhoudingsbevel")
        hits = spot_translations(
            search(store, query, lang="nl"),
            query,
            memory_model(store, f"{modelled}.terms/model.json"),
        )
    assert hits and all(
        [h.translations["en"][a:b] for a, b in h.translation_spans["en"]]
        == ["European arrest warrant"]
        for h in hits
    )
