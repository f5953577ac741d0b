"""`tmtool align` end to end on small real inputs (the first paragraphs of seed 000)."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner
from tmx_support import XML_LANG, check_tmx

from tmtool import pipeline
from tmtool.cli import cli
from tmtool.embed import get_encoder
from tmtool.evaluate import read_beads
from tmtool.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = "000_ed1ed705a1754cbe"
# paragraphs 0-3 (running text) and the first heading with three bullets; the French and English
# start a paragraph of their own inside the Dutch paragraph 4, hence the shift
PARAGRAPHS = {"nl": [0, 1, 2, 3, 7, 8, 9, 10], "fr": [0, 1, 2, 3, 8, 9, 10, 11]}
PARAGRAPHS["en"] = PARAGRAPHS["fr"]
SUFFIX = {"nl": ".txt", "fr": ".fr.txt", "en": ".en.txt"}

GERMAN = """Auf Einladung Frankreichs sind die Premierminister der Französischen Republik und des \
Königreichs Belgien heute zusammengekommen, um die Zusammenarbeit bei der inneren Sicherheit zu \
prüfen.

Sie lobten die ausgezeichnete Zusammenarbeit zwischen den beiden Ländern nach den Anschlägen der \
letzten Jahre.

Im Jahr 2016 hatten wir beschlossen, die polizeiliche Zusammenarbeit zu verstärken.

Im Jahr 2017 wurde eine gemeinsame Arbeitsgruppe zur Strafverfolgung von Kriminalität und \
Terrorismus eingerichtet.
"""
FRENCH = """À l'invitation de la France, les Premiers ministres de la République française et du \
Royaume de Belgique se sont réunis aujourd'hui afin d'examiner la coopération en matière de \
sécurité intérieure.

Ils ont salué l'excellente coopération entre les deux pays à la suite des attentats des dernières \
années.

En 2016, nous avions décidé d'intensifier la coopération policière.

En 2017, un groupe de travail conjoint sur l'action pénale contre la criminalité et le terrorisme \
a été créé.
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """nl.txt, fr.txt, en.txt: the same eight paragraphs of the seed 000 declaration."""
    folder = tmp_path_factory.mktemp("inputs")
    files = {}
    for lang, wanted in PARAGRAPHS.items():
        text = (SEEDS / f"{SEED}{SUFFIX[lang]}").read_text(encoding="utf-8")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        files[lang] = folder / f"{lang}.txt"
        files[lang].write_text("\n\n".join(paragraphs[i] for i in wanted) + "\n", encoding="utf-8")
    return files


def align(*args: str | Path):
    return CliRunner().invoke(cli, ["align", *map(str, args)])


def unit_count(db: Path) -> int:
    with open_store(str(db), create=False) as store:
        return len(store.tuids())


def summary_line(stdout: str, pair: str) -> re.Match[str]:
    match = re.search(
        rf"^{pair}: (\d+) beads \(([^)]*)\); mean score (\d\.\d\d); (\d+) below 0\.50$",
        stdout,
        re.M,
    )
    assert match, stdout
    return match


def check_summary(stdout: str, pair: str, beads_file: Path) -> int:
    """The summary line agrees with the bead file; returns the number of low-confidence beads."""
    beads = read_beads(beads_file)
    match = summary_line(stdout, pair)
    assert int(match[1]) == len(beads)
    kinds = dict(item.split() for item in match[2].split(", "))
    assert {k: int(v) for k, v in kinds.items()} == Counter(b.kind for b in beads)
    assert 0.5 <= float(match[3]) <= 1.0
    return int(match[4])


def tmx_tus(path: Path) -> list[dict[str, str]]:
    tree = check_tmx(path)
    tus = [
        {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}
        for tu in tree.getroot().iter("tu")
    ]
    assert tus and all("nl-BE" in tu for tu in tus), path
    return tus


def test_two_files(inputs: dict[str, Path], tmp_path: Path) -> None:
    # the real encoder lookup, weights loaded by the command itself
    db, out, tmx = tmp_path / "tm.db", tmp_path / "out" / "nl-fr.beads", tmp_path / "out.tmx"
    result = align(inputs["nl"], inputs["fr"], "--db", db, "--beads", out, "--tmx", tmx)
    assert result.exit_code == 0, result.output
    stdout = result.stdout
    assert re.search(r"^nl: (\d+) segments · fr: (\d+) segments$", stdout, re.M), stdout
    low = check_summary(stdout, "nl-fr", out)
    assert f"beads: {out}" in stdout
    assert re.search(rf"^memory {re.escape(str(db))}: run 1, units added (\d+), ", stdout, re.M)
    assert "multilingual units" not in stdout

    beads = read_beads(out)
    assert beads[1].to_gold() == "[1]:[1,2]"  # the sentence the French translation splits
    assert sum(b.kind == "1-1" for b in beads) >= len(beads) - 2
    assert unit_count(db) == len(beads)
    # the TMX holds the linked beads at or above --min-score (0.5)
    tus = tmx_tus(tmx)
    assert len(tus) == sum(1 for b in beads if b.src and b.tgt) - low
    assert all(set(tu) == {"nl-BE", "fr-BE"} for tu in tus)
    assert any("Edouard Philippe" in tu["fr-BE"] for tu in tus)


def test_three_files(inputs: dict[str, Path], tmp_path: Path, shared_encoder: None) -> None:
    db, out, tmx = tmp_path / "tm.db", tmp_path / "out", tmp_path / "out.tmx"
    result = align(
        inputs["nl"], inputs["fr"], inputs["en"], "--db", db, "--beads", out, "--tmx", tmx
    )
    assert result.exit_code == 0, result.output
    assert re.search(
        r"^nl: \d+ segments · fr: \d+ segments · en: \d+ segments$", result.stdout, re.M
    )
    low = {}
    for lang in ("fr", "en"):
        beads_file = tmp_path / f"out.nl-{lang}"
        assert f"beads: {beads_file}" in result.stdout
        low[lang] = check_summary(result.stdout, f"nl-{lang}", beads_file)
    for lang in ("fr", "en"):
        tus = tmx_tus(tmp_path / f"out.nl-{lang}.tmx")
        linked = sum(1 for b in read_beads(tmp_path / f"out.nl-{lang}") if b.src and b.tgt)
        # each pair file filters on its own pair's confidence, as the summary counts it
        assert len(tus) == linked - low[lang]
        assert all(set(tu) == {"nl-BE", f"{lang}-BE" if lang == "fr" else "en-GB"} for tu in tus)
    units = int(re.search(r"^(\d+) multilingual units$", result.stdout, re.M)[1])
    assert unit_count(db) == units
    assert not tmx.exists()  # one file per pair, not the plain name

    multi = tmp_path / "all.tmx"
    again = align(inputs["nl"], inputs["fr"], inputs["en"], "--db", db, "--tmx", multi,
                  "--multilingual")  # fmt: skip
    assert again.exit_code == 0, again.output
    tus = tmx_tus(multi)
    assert any(set(tu) == {"nl-BE", "fr-BE", "en-GB"} for tu in tus)
    assert unit_count(db) == units


def test_lang_tag_names_the_tmx_languages(
    inputs: dict[str, Path], tmp_path: Path, shared_encoder: None
) -> None:
    """`--lang-tag` means in align what it means in export: the tag a language gets in TMX."""
    db, tmx = tmp_path / "tm.db", tmp_path / "out.tmx"
    result = align(inputs["nl"], inputs["fr"], inputs["en"], "--db", db, "--tmx", tmx,
                   "--lang-tag", "nl=nl-NL", "--lang-tag", "EN=en-US")  # fmt: skip
    assert result.exit_code == 0, result.output
    for lang, tag in (("fr", "fr-BE"), ("en", "en-US")):
        path = tmp_path / f"out.nl-{lang}.tmx"
        tree = check_tmx(path)
        assert tree.getroot().find("header").get("srclang") == "nl-NL"
        tags = {tuv.get(XML_LANG) for tuv in tree.getroot().iter("tuv")}
        assert tags == {"nl-NL", tag}, path
        assert f"to {path} (nl-NL → {tag})" in result.stdout, result.stdout


def test_same_pair_twice_adds_nothing(
    inputs: dict[str, Path], tmp_path: Path, shared_encoder: None
) -> None:
    db = tmp_path / "tm.db"
    first = align(inputs["nl"], inputs["fr"], "--db", db)
    assert first.exit_code == 0, first.output
    count = unit_count(db)
    assert count > 0
    second = align(inputs["nl"], inputs["fr"], "--db", db)
    assert second.exit_code == 0, second.output
    assert "(same as before), units added 0, unchanged" in second.stdout
    assert unit_count(db) == count


def test_other_languages(tmp_path: Path, shared_encoder: None) -> None:
    de, fr = tmp_path / "de.txt", tmp_path / "fr.txt"
    de.write_text(GERMAN, encoding="utf-8")
    fr.write_text(FRENCH, encoding="utf-8")
    out, db = tmp_path / "de-fr.beads", tmp_path / "tm.db"
    result = align(de, fr, "--langs", "de,fr", "--db", db, "--beads", out)
    assert result.exit_code == 0, result.output
    assert "de: 4 segments · fr: 4 segments" in result.stdout
    summary_line(result.stdout, "de-fr")
    assert [b.to_gold() for b in read_beads(out)] == [f"[{k}]:[{k}]" for k in range(4)]
    with open_store(str(db), create=False) as store:
        assert set(store.languages()) == {"de", "fr"}


# --- bad input: one line on stderr, a non-zero exit, and nothing written ---

BINARY = bytes(range(256)) * 8 + os.urandom(512) + b"\0\0\0"
# invalid UTF-8, and bytes that Windows-1252 leaves undefined (Latin-1 makes them C1 controls)
UNDECODABLE = b"Dit is een verklaring \x81\x8d\x8f\x90\x9d over de samenwerking.\n" * 3


def bad_input(case: str, inputs: dict[str, Path], folder: Path) -> tuple[list[str], str]:
    """Arguments for a broken invocation and a piece of the message it must give."""
    nl, fr, en = (str(inputs[lang]) for lang in ("nl", "fr", "en"))
    if case == "missing":
        return [nl, str(folder / "nowhere.txt")], "nowhere.txt: no such file"
    if case in ("empty", "blank", "binary", "undecodable"):
        path = folder / f"{case}.txt"
        content = {"empty": b"", "blank": b" \n\n \t\n", "binary": BINARY,
                   "undecodable": UNDECODABLE}[case]  # fmt: skip
        path.write_bytes(content)
        args = [str(path), fr] if case == "undecodable" else [nl, str(path)]
        expected = {"empty": "is empty", "blank": "is empty", "binary": "binary file",
                    "undecodable": "cannot decode"}[case]  # fmt: skip
        return args, expected
    if case == "french-as-dutch":
        return [fr, nl], "looks like French, not Dutch"
    if case == "langs-count":
        return [nl, fr, "--langs", "nl,fr,en"], "2 files but --langs names 3 languages"
    if case == "one-file":
        return [nl], "NL_FILE FR_FILE"
    if case == "same-language":
        return [nl, fr, en, "--langs", "nl,fr,fr"], "its own language"
    if case == "tmx-without-store":
        return [nl, fr, "--no-store", "--tmx", str(folder / "x.tmx")], "--no-store"
    if case == "bad-lang-tag":
        tmx = str(folder / "x.tmx")
        return [nl, fr, "--tmx", tmx, "--lang-tag", "fr=fr_FR"], "invalid language tag 'fr_FR'"
    if case == "lang-tag-without-tmx":
        return [nl, fr, "--lang-tag", "fr=fr-FR"], "give --tmx too"
    raise AssertionError(case)


CASES = ["missing", "empty", "blank", "binary", "undecodable", "french-as-dutch", "langs-count",
         "one-file", "same-language", "tmx-without-store", "bad-lang-tag",
         "lang-tag-without-tmx"]  # fmt: skip


@pytest.fixture(scope="module")
def filled_db(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, use_encoder):
    """A memory holding one alignment, to check that failed commands leave it untouched."""
    db = tmp_path_factory.mktemp("memory") / "tm.db"
    documents = pipeline.load_documents([inputs["nl"], inputs["fr"]], ["nl", "fr"])
    pipeline.store_alignment(pipeline.align_documents(documents, use_encoder), str(db))
    return db.read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_bad_input(
    case: str, inputs: dict[str, Path], tmp_path: Path, filled_db: bytes, shared_encoder: None
) -> None:
    args, expected = bad_input(case, inputs, tmp_path)
    outputs = [tmp_path / "out" / "beads", tmp_path / "out.tmx"]

    absent = tmp_path / "new.db"
    result = align(*args, "--db", absent, "--beads", outputs[0])
    assert_one_error_line(result, expected)
    assert not list(tmp_path.glob("*new.db*"))  # no memory, side file or temporary file

    existing = tmp_path / "filled.db"
    existing.write_bytes(filled_db)
    result = align(*args, "--db", existing)
    assert_one_error_line(result, expected)
    assert existing.read_bytes() == filled_db
    assert not any(path.exists() for path in outputs)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files


def test_unknown_encoder(inputs: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "tm.db"
    result = align(inputs["nl"], inputs["fr"], "--db", db, "--encoder", "nonsense")
    assert_one_error_line(result, "unknown encoder 'nonsense'")
    assert not db.exists()
    assert get_encoder("use").name == "use"


def test_language_codes_are_normalised(
    inputs: dict[str, Path], tmp_path: Path, shared_encoder: None
) -> None:
    db, out = tmp_path / "tm.db", tmp_path / "out.beads"
    result = align(inputs["nl"], inputs["fr"], "--langs", "NL,fr-BE", "--db", db, "--beads", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("nl: ")
    summary_line(result.stdout, "nl-fr")
    with open_store(str(db), create=False) as store:
        assert set(store.languages()) == {"nl", "fr"}
    same = align(inputs["nl"], inputs["fr"], "--langs", "nl,NL", "--db", db)
    assert_one_error_line(same, "its own language")


def test_failed_save_leaves_no_bead_file(
    inputs: dict[str, Path], tmp_path: Path, shared_encoder: None
) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"these are notes, not a database\n" * 40)
    out = tmp_path / "out.beads"
    result = align(inputs["nl"], inputs["fr"], "--db", not_a_db, "--beads", out)
    assert_one_error_line(result, "not a database")
    assert not out.exists()
    assert not_a_db.read_bytes() == b"these are notes, not a database\n" * 40
