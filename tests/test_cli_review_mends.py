"""Defects a translator met in the reuse commands on the demo memory (branch ux19).

Each test failed before its fix: bad input gives one ``tmtool: error:`` line, a non-zero exit, no
traceback and no changed or half-written file, in words that say what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner, Result

from tmtool.cli import cli

ONE_UNIT_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="nl-BE" datatype="plaintext"/>
<body><tu><tuv xml:lang="nl-BE"><seg>Een zin.</seg></tuv>
<tuv xml:lang="fr-BE"><seg>Une phrase.</seg></tuv></tu></body></tmx>
"""


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _one_unit_memory(folder: Path) -> tuple[Path, Path]:
    """A memory of ``ONE_UNIT_TMX`` imported (nl-fr, no embeddings) and a new Dutch text:
    (the memory's path, the text's path)."""
    tmx, db, new = folder / "one.tmx", folder / "tm.db", folder / "new.txt"
    tmx.write_text(ONE_UNIT_TMX, encoding="utf-8")
    assert _invoke("import", "--db", str(db), str(tmx), "--no-embed").exit_code == 0
    new.write_text("Een zin.\n", encoding="utf-8")
    return db, new


@pytest.mark.parametrize(
    "command",
    [["stats"], ["search", "raad"], ["export", "-o", "{tmp}/o.tmx"], ["terms"], ["review"]],
    ids=lambda command: command[0],
)
def test_a_memory_in_a_missing_folder_is_no_memory(tmp_path: Path, command: list[str]) -> None:
    """`tmtool search --db nowhere/tm.db` said `cannot create database ...`: a command that only
    reads creates nothing, it found no memory."""
    db = tmp_path / "nowhere" / "tm.db"
    args = [arg.format(tmp=tmp_path) for arg in command]
    line = assert_one_error_line(_invoke(*args, "--db", str(db)), f"no translation memory at {db}")
    assert "create" not in line
    assert list(tmp_path.iterdir()) == []


def test_a_new_memory_in_a_missing_folder_still_says_so(tmp_path: Path) -> None:
    """`import`, which creates a memory, names the missing folder."""
    tmx = tmp_path / "in.tmx"
    tmx.write_text("<tmx/>", encoding="utf-8")
    db = tmp_path / "nowhere" / "tm.db"
    assert_one_error_line(
        _invoke("import", "--db", str(db), str(tmx)), f"folder {db.parent} does not exist"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read term model {path}: No such file or directory"),
        (b"garbage\n", "{path} is not a tmtool term model"),
        (b"\xff\xfe\x00", "{path} is not a tmtool term model"),
    ],
    ids=["missing", "not-json", "not-utf8"],
)
def test_a_bad_terms_model_is_said_in_plain_words(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    """`search --terms-model` said `[Errno 2] No such file or directory: '...'` (the path twice)
    and `Expecting value: line 1 column 1 (char 0)` for a file that is no JSON."""
    model = tmp_path / "model.json"
    if content is not None:
        model.write_bytes(content)
    db = tmp_path / "tm.db"
    tmx = tmp_path / "one.tmx"
    tmx.write_text(ONE_UNIT_TMX, encoding="utf-8")
    assert _invoke("import", "--db", str(db), str(tmx), "--no-embed").exit_code == 0
    result = _invoke("search", "zin", "--db", str(db), "--terms-model", str(model))
    line = assert_one_error_line(result, expected.format(path=model))
    assert "Errno" not in line and "char 0" not in line


@pytest.mark.parametrize("langs", ["nl", "nl,NL-be"])
def test_import_of_one_language_is_refused(tmp_path: Path, langs: str) -> None:
    """`import --langs nl` read every unit, imported none (`skipped 1 (1 fewer than two languages
    with text)`) and exited 0, having created an empty memory."""
    tmx, db = tmp_path / "one.tmx", tmp_path / "tm.db"
    tmx.write_text(ONE_UNIT_TMX, encoding="utf-8")
    result = _invoke("import", "--db", str(db), str(tmx), "--langs", langs, "--no-embed")
    assert_one_error_line(result, "--langs needs at least two different languages")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["one.tmx"]


def test_import_says_why_units_were_skipped_in_words(tmp_path: Path) -> None:
    tmx, db = tmp_path / "one.tmx", tmp_path / "tm.db"
    tmx.write_text(ONE_UNIT_TMX.replace("Une phrase.", " "), encoding="utf-8")
    result = _invoke("import", "--db", str(db), str(tmx), "--no-embed")
    assert result.exit_code == 0, result.output
    assert "skipped 1 (1 with text in fewer than two languages)" in result.stdout, result.stdout


def test_omegat_lang_without_omegat_is_refused(tmp_path: Path) -> None:
    """`terms --omegat-lang en` without `--omegat` printed the table and wrote no glossary."""
    tmx, db = tmp_path / "one.tmx", tmp_path / "tm.db"
    tmx.write_text(ONE_UNIT_TMX, encoding="utf-8")
    assert _invoke("import", "--db", str(db), str(tmx), "--no-embed").exit_code == 0
    result = _invoke("terms", "--db", str(db), "--langs", "nl,fr", "--omegat-lang", "fr")
    assert_one_error_line(result, "--omegat-lang", "give --omegat too")


def test_terms_and_search_name_the_terms_model_alike(tmp_path: Path) -> None:
    """`terms --model FILE` wrote what `search --terms-model FILE` reads: one file, two names."""
    tmx, db, model = tmp_path / "one.tmx", tmp_path / "tm.db", tmp_path / "spot.json"
    tmx.write_text(ONE_UNIT_TMX, encoding="utf-8")
    assert _invoke("import", "--db", str(db), str(tmx), "--no-embed").exit_code == 0
    args = ["--db", str(db), "--langs", "nl,fr", "--encoder", "none", "--min-freq", "1"]
    made = _invoke("terms", *args, "--terms-model", str(model))
    assert made.exit_code == 0, made.output
    assert model.exists() and not (tmp_path / "tm.db.terms").exists()
    found = _invoke("search", "zin", "--db", str(db), "--terms-model", str(model))
    assert found.exit_code == 0 and "**zin**" in found.stdout, found.output
    assert "warning" not in found.stderr


@pytest.mark.parametrize("bad", ["--tbx", "--omegat", "--terms-model"])
def test_terms_writes_no_glossary_when_another_output_cannot_be(tmp_path: Path, bad: str) -> None:
    """`terms --csv ok.csv --tbx FILE/x.tbx` wrote ok.csv, then failed on the TBX's folder."""
    tmx, db = tmp_path / "one.tmx", tmp_path / "tm.db"
    tmx.write_text(ONE_UNIT_TMX, encoding="utf-8")
    assert _invoke("import", "--db", str(db), str(tmx), "--no-embed").exit_code == 0
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["terms", "--db", str(db), "--langs", "nl,fr", "--encoder", "none", "--min-freq", "1"]
    args += ["--csv", str(out / "g.csv"), bad, str(blocker / "x")]
    assert_one_error_line(_invoke(*args), f"cannot create folder {blocker}")
    assert not (out / "g.csv").exists() and not (tmp_path / "tm.db.terms").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["terms", "--langs", "nl,fr", "--encoder", "none", "--csv", "{out}", "--tbx", "{out}"],
        ["terms", "--langs", "nl,fr", "--omegat", "{out}", "--terms-model", "./{out}"],
        ["lookup", "{new}", "--to", "fr", "--xliff", "{out}", "--report", "{out}"],
        ["align", "{new}", "{new}", "--tmx", "{out}", "--beads", "{out}"],
    ],
    ids=["terms-csv-tbx", "terms-omegat-model", "lookup", "align"],
)
def test_two_outputs_in_one_file_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """`terms --csv g --tbx g` wrote only the TBX and said `wrote g`: the CSV asked for was lost."""
    monkeypatch.chdir(tmp_path)
    db, new = _one_unit_memory(tmp_path)
    filled = [arg.format(out="g.out", new=new) for arg in args]
    assert_one_error_line(_invoke(*filled, "--db", str(db)), "name the same file")
    assert not (tmp_path / "g.out").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["lookup", "{new}", "--to", "fr,en", "--xliff", "{out}", "--tmx", "{out}"],
        ["align", "{new}", "{fr}", "{en}", "--tmx", "{out}", "--beads", "{out}"],
    ],
    ids=["lookup", "align"],
)
def test_outputs_sharing_a_base_name_but_no_file_are_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """With two target languages `--xliff job --tmx job` writes job.fr.xlf, job.en.xlf,
    job.nl-fr.tmx and job.nl-en.tmx, and `align A B C --tmx g --beads g` writes g.nl-fr.tmx,
    g.nl-en.tmx and g: no file twice, so no refusal. Both commands go on and stop at the next
    check (the memory has no English; a file that is not there)."""
    monkeypatch.chdir(tmp_path)
    db, new = _one_unit_memory(tmp_path)
    (tmp_path / "fr.txt").write_text("Une phrase.\n", encoding="utf-8")
    filled = [arg.format(out="g", new=new, fr="fr.txt", en="missing.txt") for arg in args]
    line = assert_one_error_line(_invoke(*filled, "--db", str(db)))
    assert "same file" not in line and ("'en'" in line or "missing.txt" in line), line


def test_search_says_how_a_hit_matched_in_words(tmp_path: Path) -> None:
    """Each hit ended in `[phrase 3]` or `[partial 0.5]`: a group rank a translator reads as
    'sentence 3' (French *phrase*)."""
    tmx, db = tmp_path / "one.tmx", tmp_path / "tm.db"
    tmx.write_text(ONE_UNIT_TMX, encoding="utf-8")
    assert _invoke("import", "--db", str(db), str(tmx), "--no-embed").exit_code == 0
    whole = _invoke("search", "een zin", "--db", str(db))
    assert whole.stdout.splitlines()[-1].startswith("     [whole query] "), whole.stdout
    half = _invoke("search", "zin onbekend", "--db", str(db))
    assert half.stdout.splitlines()[-1].startswith("     [50% of the words] "), half.stdout


def test_the_terms_table_keeps_its_columns_in_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rendering over 40 characters (`frontières extérieures de l'Union européenne`) pushed
    its row's `units` and `status` out of line with the header's."""
    from tmtool.cli import _terms_table
    from tmtool.terms.records import Rendering, TermEntry, TermList

    long_fr = "frontières extérieures de l'Union européenne"
    entries = [
        TermEntry("nl", text, (text,), units, 1, 0.5, 0.5, {"fr": [Rendering(fr, (fr,), 2, 1, 1)]})
        for text, fr, units in [
            ("buitengrenzen van de Europese Unie", long_fr, 3),
            ("grondgebied", "territoire", 4),
        ]
    ]
    lines = _terms_table(TermList(["nl", "fr"], 9, entries))
    statuses = ["status", "consistent", "consistent"]
    columns = {line.index(status) for line, status in zip(lines, statuses, strict=True)}
    assert len(columns) == 1, "\n".join(lines)
    assert long_fr in lines[1]


THREE_LANG_TMX = ONE_UNIT_TMX.replace(
    '<tuv xml:lang="fr-BE">',
    '<tuv xml:lang="en-GB"><seg>A sentence.</seg></tuv>\n<tuv xml:lang="fr-BE">',
)


@pytest.mark.parametrize(
    ("args", "blocked", "unwritten"),
    [
        (["export", "-o", "out/e.tmx"], "out/e.nl-en.tmx", ["out/e.nl-fr.tmx"]),
        (
            ["lookup", "{new}", "--to", "fr,en", "--xliff", "out/n.xlf"],
            "out/n.en.xlf",
            ["out/n.fr.xlf"],
        ),
        (
            ["lookup", "{new}", "--to", "fr,en", "--xliff", "out/n.xlf", "--tmx", "out/p.tmx"],
            "out/p.nl-en.tmx",
            ["out/n.fr.xlf", "out/n.en.xlf", "out/p.nl-fr.tmx"],
        ),
    ],
    ids=["export", "lookup-xliff", "lookup-tmx"],
)
def test_a_command_writing_several_files_writes_none_when_one_cannot_be(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shared_encoder: None,
    args: list[str],
    blocked: str,
    unwritten: list[str],
) -> None:
    """`export -o e.tmx` wrote e.nl-fr.tmx, then failed on e.nl-en.tmx (a folder there)."""
    monkeypatch.chdir(tmp_path)
    tmx, db, new = tmp_path / "three.tmx", tmp_path / "tm.db", tmp_path / "new.txt"
    tmx.write_text(THREE_LANG_TMX, encoding="utf-8")
    assert _invoke("import", "--db", str(db), str(tmx)).exit_code == 0
    new.write_text("Een zin.\n", encoding="utf-8")
    (tmp_path / blocked).mkdir(parents=True)
    filled = [arg.format(new=new) for arg in args]
    assert_one_error_line(_invoke(*filled, "--db", str(db)), f"cannot write {blocked}")
    assert [name for name in unwritten if (tmp_path / name).exists()] == []
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [Path(blocked).name]
