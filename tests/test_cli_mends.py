"""Defects found by using tmtool as a translator would on a working day (branch ux18).

Each test failed before its fix: bad input must give one ``tmtool: error:`` line, a non-zero
exit, no traceback and no changed or half-written file.
"""

from __future__ import annotations

import errno
import os
import re
import shlex
import sqlite3
from pathlib import Path

import click
import pytest
from cli_support import assert_one_error_line, command_at, commands
from click.testing import CliRunner, Result

from tmtool.cli import cli
from tmtool.errors import StoreError


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _run(*args: str) -> tuple[int, str, str]:
    result = _invoke(*args)
    return result.exit_code, result.stdout, result.stderr


# --- a read-only command never writes to a file that is not a tmtool memory ---


@pytest.mark.parametrize("command", ["stats", "search"])
def test_reading_another_programs_sqlite_file_leaves_it_unchanged(
    tmp_path: Path, command: str
) -> None:
    """`tmtool stats --db app.sqlite` used to switch another program's database to WAL mode
    (a change to its file header) before refusing it."""
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.close()
    before = other.read_bytes()
    args = [command, "--db", str(other)] + (["word"] if command == "search" else [])
    assert_one_error_line(_invoke(*args), "not a tmtool memory")
    assert other.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["app.sqlite"]


def test_reading_an_empty_file_as_the_memory_leaves_it_empty(tmp_path: Path) -> None:
    """An empty file given as --db to a command that only reads used to become a 4 KB SQLite
    database (and was then refused as 'binary' when given as a text file)."""
    empty = tmp_path / "notes.txt"
    empty.write_bytes(b"")
    assert_one_error_line(_invoke("stats", "--db", str(empty)))
    assert empty.read_bytes() == b""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_a_new_memory_is_still_in_wal_mode(tmp_path: Path) -> None:
    from tmtool.store import open_store

    with open_store(str(tmp_path / "new.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


# --- a new memory in a folder that cannot be written ---


def _read_only_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder that ``os.access`` says cannot be written (tests run as root, whom a chmod does
    not stop)."""
    folder.mkdir()
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kw: object) -> bool:
        return False if Path(path) == folder else real_access(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return folder


def test_new_memory_in_a_read_only_folder_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tmtool import --db /read-only/new.db x.tmx` used to end in an OSError traceback (the
    clean-up of the temporary file failed too) naming a hidden temporary file."""
    folder = _read_only_folder(tmp_path / "ro", monkeypatch)
    tmx = tmp_path / "in.tmx"
    tmx.write_text(_TMX, encoding="utf-8")
    result = _invoke("import", "--db", str(folder / "new.db"), str(tmx), "--no-embed")
    assert result.exit_code == StoreError.exit_code
    line = assert_one_error_line(result, f"cannot write to folder {folder}")
    assert ".tmp" not in line
    assert list(folder.iterdir()) == []


def test_a_failed_clean_up_does_not_hide_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When removing the unfinished new memory fails too (a folder that turned read-only), the
    user still gets the first error as one line, not the clean-up's OSError traceback."""
    from tmtool.store import engine

    def refuse(_engine: object, *, create: bool) -> int:
        raise StoreError("cannot open it")

    def read_only(self: Path, missing_ok: bool = False) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(engine, "prepare_schema", refuse)
    monkeypatch.setattr("tmtool.store.prepare_schema", refuse, raising=False)
    monkeypatch.setattr(Path, "unlink", read_only)
    tmx = tmp_path / "in.tmx"
    tmx.write_text(_TMX, encoding="utf-8")
    result = _invoke("import", "--db", str(tmp_path / "new.db"), str(tmx), "--no-embed")
    assert result.exit_code == StoreError.exit_code
    assert_one_error_line(result, "cannot open it")


_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="nl-BE" datatype="plaintext"/>
<body><tu><tuv xml:lang="nl-BE"><seg>Een zin.</seg></tuv>
<tuv xml:lang="fr-BE"><seg>Une phrase.</seg></tuv></tu></body></tmx>
"""


# --- align checks the memory before the work, not after it ---

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = "000_ed1ed705a1754cbe"


@pytest.mark.parametrize("kind", ["not a database", "another program's", "read-only folder"])
def test_align_refuses_a_bad_memory_before_aligning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """`tmtool align ... --db notes.db` used to read, embed and align both files, print the
    alignment summary and only then refuse the memory: the translator waited for nothing."""
    if kind == "not a database":
        db = tmp_path / "notes.db"
        db.write_text("these are notes\n" * 300)
    elif kind == "another program's":
        db = tmp_path / "app.sqlite"
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
        conn.close()
    else:
        db = _read_only_folder(tmp_path / "ro", monkeypatch) / "new.db"
    before = sorted(path.name for path in tmp_path.rglob("*"))
    result = _invoke(
        "align", str(SEEDS / f"{SEED}.txt"), str(SEEDS / f"{SEED}.fr.txt"), "--db", str(db)
    )
    assert result.exit_code == StoreError.exit_code
    assert_one_error_line(result)  # and no alignment summary: nothing was aligned
    assert sorted(path.name for path in tmp_path.rglob("*")) == before


def test_align_into_a_new_memory_still_creates_it_only_when_stored(tmp_path: Path) -> None:
    from tmtool.store import check_memory

    check_memory(str(tmp_path / "new.db"))
    assert list(tmp_path.iterdir()) == []


# --- documents are named by their file, not by a hash, wherever tmtool shows them ---


@pytest.fixture
def untitled_memory(tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A memory aligned from files without a title (every `tmtool align` of plain files): its
    documents have a path and a sha256 only."""
    from tmx_support import UNITS, run_info, sample_documents

    from tmtool.store import open_store

    docs = sample_documents()
    for doc in docs.values():
        doc.title = None
    db = str(tmp_path / "tm.db")
    with open_store(db) as store:
        store.save_alignment(docs, UNITS, run_info())
    return db, {lang: doc.sha256[:12] for lang, doc in docs.items()}


def test_search_names_the_document_by_its_file(untitled_memory: tuple[str, dict[str, str]]) -> None:
    """`tmtool search` showed `f6627678ad39` for an aligned seed, while lookup's XLIFF named the
    same document `000_ed1ed705a1754cbe.txt`: a translator could not tell the declarations apart."""
    db, hashes = untitled_memory
    code, out, _err = _run("search", "minister", "--db", db, "--lang", "nl", "--json")
    assert code == 0
    assert '"document": "verklaring.txt"' in out
    assert hashes["nl"] not in out


def test_stats_and_review_name_documents_by_their_file(
    untitled_memory: tuple[str, dict[str, str]],
) -> None:
    from tmtool.store import open_store
    from tmtool.store.queries import document_names

    db, hashes = untitled_memory
    code, out, _err = _run("stats", "--db", db)
    assert code == 0
    assert "nl verklaring.txt" in out and "fr declaration.txt" in out
    assert hashes["nl"] not in out
    with open_store(db, create=False) as store, store.engine.connect() as conn:
        names = document_names(conn)
    assert [dict(langs) for langs in names.values()] == [
        {"en": "statement.txt", "fr": "declaration.txt", "nl": "verklaring.txt"}
    ]


def test_export_document_takes_the_file_name_it_shows(
    untitled_memory: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    db, _hashes = untitled_memory
    out = tmp_path / "one.tmx"
    code, _out, err = _run("export", "--db", db, "-o", str(out), "--document", "verklaring.txt")
    assert code == 0, err
    assert sorted(path.name for path in tmp_path.glob("one*.tmx")) == [
        "one.nl-en.tmx",
        "one.nl-fr.tmx",
    ]


# --- an interrupted batch says what it stored ---


def test_interrupted_batch_says_what_was_stored_and_how_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C during `tmtool align --manifest` printed only `tmtool: interrupted`: nothing said
    which sets were already stored, nor that the same command resumes the run."""
    import tmtool.batch
    from tmtool.batch.work import SetResult

    for name in ("a", "b", "c"):
        for lang in ("nl", "fr"):
            (tmp_path / f"{name}.{lang}.txt").write_text("Een zin.\n", encoding="utf-8")
    manifest = tmp_path / "sets.tsv"
    manifest.write_text("".join(f"{n}.nl.txt\t{n}.fr.txt\n" for n in "abc"), encoding="utf-8")

    def two_then_ctrl_c(sets, job, **_kw):  # type: ignore[no-untyped-def]
        for doc_set in sets[:2]:
            yield SetResult(doc_set.line, doc_set.name, doc_set.paths, segments={"nl": 1, "fr": 1})
        raise KeyboardInterrupt

    monkeypatch.setattr(tmtool.batch, "run_batch", two_then_ctrl_c)
    summary = tmp_path / "summary.csv"
    db = str(tmp_path / "tm.db")
    args = ["align", "--manifest", str(manifest), "--langs", "nl,fr", "--db", db]
    code, out, err = _run(*args, "--summary", str(summary))
    assert code == 130
    assert err.strip() == (
        "tmtool: interrupted after 2 of 3 sets (2 stored); "
        "run the same command again to align the rest"
    )
    assert "a.nl.txt" in out and "b.nl.txt" in out and "c.nl.txt" not in out
    assert not summary.exists()  # no summary of a run that did not finish


# --- every command's --help ends with examples that parse ---


_LEAF_COMMANDS = [path for path in commands() if not isinstance(command_at(path), click.Group)]


@pytest.mark.parametrize("path", [(), *_LEAF_COMMANDS], ids=lambda p: " ".join(p) or "tmtool")
def test_every_help_shows_examples_that_parse(path: tuple[str, ...]) -> None:
    """No --help showed an example: a translator had to open the README to see a command line.
    Each example must name the command and parse with its real options."""
    code, out, _err = _run(*path, "--help")
    assert code == 0
    assert "Examples:" in out, f"tmtool {' '.join(path)} --help shows no example"
    examples = [line.strip() for line in out.split("Examples:", 1)[1].splitlines() if line.strip()]
    assert examples
    command = command_at(path)
    for example in examples:
        words = shlex.split(example.split("  #", 1)[0])
        if not path and "COMMAND" in words:
            continue  # the pointer to each command's own --help
        assert tuple(words[: 1 + len(path)]) == ("tmtool", *path), example
        if not path:  # the overview's examples parse with their own command
            command, path_words = cli.commands[words[1]], words[2:]
        else:
            path_words = words[1 + len(path) :]
        command.make_context(" ".join(path), path_words)  # raises on a bad option


def test_help_shows_a_readable_date_and_explains_every_option() -> None:
    """`export --help` showed `--since [%Y-%m-%d]` (a strftime pattern), and `review --port`
    had no help text."""
    _code, out, _err = _run("export", "--help")
    assert "--since YYYY-MM-DD" in out and "%Y" not in out
    _code, out, _err = _run("review", "--help")
    port = out.split("--port", 1)[1].split("--page-size", 1)[0]
    assert "Port to listen on" in " ".join(port.split())


@pytest.mark.parametrize("as_json", [False, True])
def test_search_without_terms_model_warns_like_every_reduced_path(
    untitled_memory: tuple[str, dict[str, str]], as_json: bool
) -> None:
    """Spotting without a terms model is a reduced path: it printed `note: ...` (not the
    `tmtool: warning: ...` line the README promises for every reduced path), and nothing at all
    with --json."""
    db, _hashes = untitled_memory
    code, out, err = _run("search", "minister", "--db", db, *(["--json"] if as_json else []))
    assert code == 0 and out
    assert err.startswith("tmtool: warning: no terms model for this memory"), err
    assert len(err.strip().splitlines()) == 1


# --- lookup says when its XLIFF lost characters, as export says it of TMX ---


def test_lookup_reports_characters_xliff_cannot_hold(
    untitled_memory: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    """A new segment holding a vertical tab (common in text pasted from Word) reached the XLIFF
    without it and nothing said so, where `export` reports the same removal for TMX."""
    db, _hashes = untitled_memory
    new = tmp_path / "new.txt"
    new.write_text(
        "Een verticale\x0btab in een zin.\nArtikel 1. De minister & de staatssecretaris.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "new.xlf"
    code, stdout, err = _run(
        "lookup", str(new), "--to", "fr", "--db", db, "--presegmented", "--xliff", str(out)
    )
    assert code == 0, err
    assert f"xliff: {out} (2 segments, 1 pre-translated; removed 1 character XML forbids)" in (
        stdout.splitlines()
    )
    assert "\x0b" not in out.read_text(encoding="utf-8")


# --- an empty file name is a usage error, never a traceback or a silently skipped output ---


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", ""],
        ["lookup", "new.txt", "--to", "fr", "--xliff", ""],
        ["lookup", "new.txt", "--to", "fr", "--report", ""],
        ["terms", "--csv", ""],
        ["align", "a.txt", "b.txt", "--tmx", ""],
        ["align", "--manifest", ""],
        ["search", "x", "--terms-model", ""],
        ["align", "a.txt", "b.txt", "--db", ""],
        ["stats", "--db", ""],
    ],
    ids=lambda args: " ".join(args[:1] + [a for a in args if a.startswith("-")][-1:]),
)
def test_an_empty_file_name_is_one_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """`export -o ''` and `lookup --xliff ''` ended in a ValueError traceback; `align --tmx ''`
    and `terms --csv ''` ran and silently wrote no file (a script's empty variable); `--db ''`
    silently used ./tmtool.db."""
    monkeypatch.chdir(tmp_path)
    db = [] if "--db" in args else ["--db", str(tmp_path / "tm.db")]
    result = _invoke(*args, *db)
    assert result.exit_code == 2
    assert re.search("needs a (file name|memory)", assert_one_error_line(result))
    assert list(tmp_path.iterdir()) == []


def test_a_multilingual_export_of_one_language_is_refused_like_a_pair(
    untitled_memory: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    """`export --multilingual --langs nl` wrote a TMX of 0 units ("156 only one language") where
    `export --langs nl` says to give two languages."""
    db, _hashes = untitled_memory
    out = tmp_path / "all.tmx"
    for extra in ([], ["--multilingual"]):
        result = _invoke("export", "--db", db, "-o", str(out), "--langs", "nl", *extra)
        assert result.exit_code == 2  # a usage error (branch ux19b; 5, the TMX code, before)
        assert_one_error_line(result, "give at least two languages")
        assert not out.exists()


# --- the lookup report shows the memory's text as it is written ---


def test_lookup_report_keeps_the_memorys_spacing_and_punctuation(
    untitled_memory: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    """The report re-joined the memory's text from its tokens with spaces: `België , Edouard`,
    `Artikel 1 .`, `l ' invitation`: a translator read text no document holds."""
    db, _hashes = untitled_memory
    new = tmp_path / "new.txt"
    new.write_text(
        "Artikel 1. De minister & de staatssecretaris.\n"
        "Artikel 2. De minister & de staatssecretaris.\n",
        encoding="utf-8",
    )
    report = tmp_path / "new.html"
    code, _out, err = _run(
        "lookup", str(new), "--to", "fr", "--db", db, "--presegmented", "--report", str(report)
    )
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    assert "<td>Artikel 1. De minister &amp; de staatssecretaris.<br>" in page  # 100%: as stored
    assert "Artikel <del>1</del> <ins>2</ins>. De minister &amp; de staatssecretaris." in page
    assert "staatssecretaris ." not in page and "1 ." not in page


@pytest.mark.parametrize(
    ("new", "old", "shown"),
    [
        (
            "À l'invitation de la France.",
            "À l'invitation de la France.",
            "À l&#x27;invitation de la France.",
        ),
        ("de nieuwe minister heeft", "de minister heeft", "de <ins>nieuwe</ins> minister heeft"),
        ("minister heeft", "de minister heeft", "<del>de</del> minister heeft"),
        ("Nu de minister", "de minister", "<ins>Nu</ins> de minister"),
        ("de minister, vandaag", "de minister vandaag", "de minister <ins>,</ins> vandaag"),
    ],
)
def test_word_diff_renders_from_the_original_text(new: str, old: str, shown: str) -> None:
    from tmtool.lookup.report import word_diff

    assert word_diff(new, old) == shown


# --- inline codes of a CAT tool's TMX leave no double spaces ---


def test_imported_inline_codes_leave_single_spaces(tmp_path: Path) -> None:
    """Trados writes a tab or a tag between spaces as `ontwerp <ph x="1"/> goedgekeurd`; the
    import dropped the code and kept both spaces (`ontwerp  goedgekeurd`), which search showed
    and export wrote back."""
    tmx = tmp_path / "trados.tmx"
    tmx.write_text(
        _TMX.replace(
            "<seg>Een zin.</seg>",
            '<seg>Het ontwerp <ph x="1" type="x-tab"/> is <bpt i="1">&lt;b&gt;</bpt>goed'
            '<ept i="1">&lt;/b&gt;</ept> <it pos="begin" x="2">&lt;i&gt;</it> gekeurd.</seg>',
        ),
        encoding="utf-8",
    )
    db = str(tmp_path / "tm.db")
    code, _out, err = _run("import", "--db", db, str(tmx), "--no-embed")
    assert code == 0, err
    code, out, _err = _run("search", "ontwerp", "--db", db, "--lang", "nl", "--json")
    assert '"text": "Het ontwerp is goed gekeurd."' in out
