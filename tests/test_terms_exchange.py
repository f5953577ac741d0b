"""Glossary outputs of ``tmtool terms``: CSV, TBX-Basic (read back by translate-toolkit), OmegaT,
JSON and the terminal table."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_terms import import_parallel

from tmtool.cli import cli
from tmtool.exchange.glossary import glossary_csv, glossary_omegat
from tmtool.exchange.tbx import glossary_tbx
from tmtool.store import open_store
from tmtool.terms import TermOptions, extract_terms


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("glossary") / "tm.db"
    import_parallel(str(path))
    return str(path)


@pytest.fixture(scope="module")
def terms(memory: str):
    with open_store(memory, create=False) as store:
        return extract_terms(store, TermOptions(langs=("nl", "fr", "en"), limit=30))


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
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "terms", "--db", memory, "--encoder", "none",
            "--csv", str(out / "terms.csv"), "--tbx", str(out / "terms.tbx"),
            "--omegat", str(out / "glossary.txt"), "--omegat-lang", "en",
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
