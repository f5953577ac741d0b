"""The memory commands: tmtool export / import / stats (click's CliRunner)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tmx_support import UNITS, check_tmx, run_info, sample_documents, tmx_units, write_tmx_text

from tmtool.cli import cli
from tmtool.store import open_store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def filled(db_url: str) -> str:
    with open_store(db_url) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
    return db_url


def test_export_default_pairs(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", "--db", filled, "-o", str(tmp_path / "tm.tmx")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"wrote 4 units to {tmp_path / 'tm.nl-fr.tmx'} (nl-BE → fr-BE)")
    assert "skipped 2 (1 empty fr-BE side, 1 empty nl-BE side)" in lines[0]
    assert "removed 2 characters XML forbids" in lines[0]
    assert lines[1].startswith(f"wrote 4 units to {tmp_path / 'tm.nl-en.tmx'} (nl-BE → en-GB)")
    check_tmx(tmp_path / "tm.nl-fr.tmx")
    check_tmx(tmp_path / "tm.nl-en.tmx")


def test_export_makes_the_output_folder(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    """Like every output file (align --tmx, lookup, terms), an export's folder is created.
    ``--langs`` takes languages as every command does (``NL``, ``fr-BE``: ``nl``, ``fr``)."""
    out = tmp_path / "new" / "deeper" / "tm.tmx"
    result = runner.invoke(cli, ["export", "--db", filled, "-o", str(out), "--langs", "NL,fr-BE"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote 4 units to {out} (nl-BE → fr-BE)")
    check_tmx(out)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["export", "--db", filled, "-o", str(blocker / "tm.tmx")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tmtool: error: cannot create folder {blocker}: ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("extra", [[], ["--multilingual"]])
def test_export_refuses_a_language_the_memory_lacks(
    runner: CliRunner, filled: str, tmp_path: Path, extra: list[str]
) -> None:
    out = tmp_path / "out" / "tm.tmx"
    result = runner.invoke(
        cli, ["export", "--db", filled, "-o", str(out), "--langs", "nl,zz", *extra]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "tmtool: error: the memory has no 'zz' texts (its languages: en, fr, nl)\n"
    )
    assert not (tmp_path / "out").exists()


def test_export_options(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    out = tmp_path / "one.tmx"
    args = ["export", "--db", filled, "-o", str(out), "--langs", "nl,en", "--min-score", "0.88",
            "--status", "auto", "--document", "verklaring", "--since", "2000-01-01",
            "--lang-tag", "en=en-US", "--skip-long"]  # fmt: skip
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote 2 units to {out} (nl-BE → en-US)")
    check_tmx(out)
    multi = runner.invoke(
        cli, ["export", "--db", filled, "-o", str(tmp_path / "m.tmx"), "--multilingual"]
    )
    assert multi.exit_code == 0 and "(nl-BE, fr-BE, en-GB)" in multi.stdout
    check_tmx(tmp_path / "m.tmx")


def test_import_and_stats(runner: CliRunner, filled: str, db_url: str, tmp_path: Path) -> None:
    tmx = tmp_path / "m.tmx"
    assert (
        runner.invoke(cli, ["export", "--db", filled, "-o", str(tmx), "--multilingual"]).exit_code
        == 0
    )
    target = str(tmp_path / "imported.db")
    result = runner.invoke(cli, ["import", "--db", target, str(tmx)])
    assert result.exit_code == 0, result.output
    first, embedded = result.stdout.strip().splitlines()
    assert first == "read 4 units from m.tmx, imported 4, duplicate 0, skipped 0"
    assert embedded == "lookup: embedded 4 nl units"
    again = runner.invoke(cli, ["import", "--db", target, str(tmx)])
    assert "imported 0, duplicate 4" in again.stdout
    stats = runner.invoke(cli, ["stats", "--db", target])
    assert stats.exit_code == 0, stats.output
    assert "documents: 3 (en 1, fr 1, nl 1)" in stats.stdout
    assert "units: 4 (status: auto 4; origin: imported 4)" in stats.stdout
    assert "  fr-nl: 4" in stats.stdout
    assert "import [tmx tmtool" in stats.stdout
    original = runner.invoke(cli, ["stats", "--db", filled])
    assert (
        "units: 6" in original.stdout
        and "align [test-encoder 1.0, dp, pivot nl]" in original.stdout
    )


def test_db_from_environment(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stats"], env={"TMTOOL_DB": filled})
    assert result.exit_code == 0 and "units: 6" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            "refused bad.tmx: its DOCTYPE",
        ),
        ("<tu><tuv>", "bad.tmx is not well-formed XML"),
    ],
)
def test_bad_tmx_gives_one_error_line(
    runner: CliRunner, db_url: str, tmp_path: Path, content: str, expected: str
) -> None:
    if content.startswith("<!DOCTYPE"):
        bad = write_tmx_text(tmp_path / "bad.tmx", "", doctype=content + "\n")
    else:
        bad = write_tmx_text(tmp_path / "bad.tmx", content)
    result = runner.invoke(cli, ["import", "--db", db_url, str(bad)])
    assert result.exit_code == 5
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"tmtool: error: {expected}") and line.endswith("nothing imported")
    with open_store(db_url) as store:
        assert store.stats().units == 0


@pytest.mark.parametrize(
    "body",
    [
        "<tu><tuv>",  # malformed XML, found while the units are already being stored
        '<tu><tuv xml:lang="nl-BE"><seg>Een zin.</seg></tuv>'
        '<tuv xml:lang="fr-BE"><seg>Une phrase.</seg></tuv></tu>\n<tu><tuv>',
    ],
)
def test_a_failed_import_creates_no_memory(runner: CliRunner, tmp_path: Path, body: str) -> None:
    bad = write_tmx_text(tmp_path / "bad.tmx", body)
    result = runner.invoke(cli, ["import", "--db", str(tmp_path / "new.db"), str(bad)])
    assert result.exit_code == 5 and result.stderr.startswith("tmtool: error: bad.tmx")
    # no memory, no -wal/-shm, no temporary file: only the TMX itself
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.tmx"]


def test_missing_file_and_missing_memory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["import", "--db", str(tmp_path / "x.db"), "absent.tmx"])
    assert result.exit_code == 5
    assert result.stderr.strip() == "tmtool: error: cannot read absent.tmx: no such file"
    assert not (tmp_path / "x.db").exists()
    result = runner.invoke(cli, ["import", "--db", str(tmp_path / "x.db"), str(tmp_path)])
    assert result.exit_code == 5
    assert result.stderr == f"tmtool: error: cannot read {tmp_path}: not a regular file\n"
    assert not (tmp_path / "x.db").exists()
    for command in (["stats"], ["export", "-o", str(tmp_path / "o.tmx")]):
        result = runner.invoke(cli, [*command, "--db", str(tmp_path / "none.db")])
        assert result.exit_code == 4
        assert (
            result.stderr.strip()
            == f"tmtool: error: no translation memory at {tmp_path / 'none.db'}"
        )
        assert not list(tmp_path.glob("*none.db*"))


def test_bad_option_values(runner: CliRunner, filled: str, tmp_path: Path) -> None:
    out = str(tmp_path / "o.tmx")
    result = runner.invoke(cli, ["export", "--db", filled, "-o", out, "--lang-tag", "nl"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "tmtool: error: --lang-tag takes KEY=VALUE, got 'nl'"
    result = runner.invoke(cli, ["export", "--db", filled, "-o", out, "--document", "nope"])
    assert result.exit_code == 2 and "no document in the memory matches 'nope'" in result.stderr
    # undecodable bytes on the command line arrive as lone surrogates, which no database holds
    result = runner.invoke(cli, ["export", "--db", filled, "-o", out, "--document", "ab\udcffcd"])
    assert result.exit_code == 2
    assert result.stderr == (
        "tmtool: error: no document in the memory matches 'ab\\udcffcd' "
        "(sha256 prefix, title or file name)\n"
    )
    result = runner.invoke(cli, ["export", "--db", filled, "-o", out, "--lang-tag", "nl=nl_BE"])
    assert result.exit_code == 2 and "invalid language tag 'nl_BE'" in result.stderr
    assert not Path(out).exists()


def test_import_language_options(runner: CliRunner, tmp_path: Path) -> None:
    tmx = write_tmx_text(
        tmp_path / "v.tmx",
        '<tu><tuv xml:lang="dut"><seg>Ja.</seg></tuv><tuv xml:lang="fr-FR"><seg>Oui.</seg></tuv>'
        '<tuv xml:lang="de"><seg>Ja.</seg></tuv></tu>',
    )
    db = str(tmp_path / "v.db")
    result = runner.invoke(
        cli, ["import", "--db", db, str(tmx), "--lang-map", "dut=nl", "--langs", "nl,fr"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "imported 1" in result.stdout
        and "left out segments in other languages: de 1" in result.stdout
    )
    out = tmp_path / "o.tmx"
    assert runner.invoke(cli, ["export", "--db", db, "-o", str(out)]).exit_code == 0
    (unit,) = tmx_units(out).values()
    assert unit["tuvs"]["nl-BE"][0] == "Ja."  # type: ignore[index]


def test_import_language_options_must_be_language_codes(runner: CliRunner, tmp_path: Path) -> None:
    """A --lang-map or --langs value that is no language code is an error, not a memory language
    (``--lang-map nl-BE=@@`` stored its units under "@@"); codes are normalised as documents'."""
    tmx = write_tmx_text(
        tmp_path / "v.tmx",
        '<tu><tuv xml:lang="nl-BE"><seg>Ja.</seg></tuv><tuv xml:lang="fr-FR"><seg>Oui.</seg></tuv>'
        "</tu>",
    )
    db = str(tmp_path / "v.db")
    for option in (["--lang-map", "nl-BE=@@"], ["--langs", "nl,@@"]):
        result = runner.invoke(cli, ["import", "--db", db, str(tmx), "--no-embed", *option])
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == "tmtool: error: '@@' is not a language code (use nl, fr, en, ...)\n"
    with open_store(db) as store:
        assert store.stats().units == 0
    result = runner.invoke(
        cli,
        [
            "import",
            "--db",
            db,
            str(tmx),
            "--no-embed",
            "--lang-map",
            "NL-be=NL",
            "--langs",
            "NL,fr",
        ],
    )
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.languages() == ["fr", "nl"]


def test_an_export_with_no_unit_writes_no_file_unless_asked(
    runner: CliRunner, filled: str, tmp_path: Path
) -> None:
    """`export --since 2099-01-01` wrote two TMX files without units and exited 0 with only
    `wrote 0 units` on stdout (branch ux19b): a file no unit goes into is not written, an older
    file at its path is left as it was, and stderr says so; --allow-empty writes it, valid."""
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "tm.tmx"
    pair_files = [folder / "tm.nl-fr.tmx", folder / "tm.nl-en.tmx"]
    args = ["export", "--db", filled, "-o", str(out), "--since", "2099-01-01"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"tmtool: warning: no unit to export to {path} ({arrow}), so it was not written "
        "(--allow-empty writes it without units)"
        for path, arrow in zip(pair_files, ["nl-BE → fr-BE", "nl-BE → en-GB"], strict=True)
    ]
    assert list(folder.iterdir()) == []

    pair_files[0].write_text("an older export\n", encoding="utf-8")
    assert runner.invoke(cli, args).exit_code == 0
    assert pair_files[0].read_text(encoding="utf-8") == "an older export\n"
    assert sorted(folder.iterdir()) == [pair_files[0]]  # no temporary file left

    result = runner.invoke(cli, [*args, "--allow-empty"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(f"wrote 0 units to {pair_files[0]}")
    assert result.stderr.splitlines()[0] == (
        f"tmtool: warning: {pair_files[0]} holds no unit (nl-BE → fr-BE)"
    )
    for path in pair_files:
        check_tmx(path)
        assert tmx_units(path) == {}

    multi = runner.invoke(cli, [*args, "--multilingual", "-o", str(folder / "all.tmx")])
    assert multi.exit_code == 0 and "all.tmx" in multi.stderr
    assert not (folder / "all.tmx").exists()


def test_an_export_that_skips_every_unit_says_why_it_wrote_nothing(
    runner: CliRunner, filled: str, tmp_path: Path
) -> None:
    """The summary that says which units were left out (`skipped 2 (2 below --min-score)`) is not
    printed for a file left unwritten, so the warning says it: `no unit to export` alone read
    as an empty memory."""
    out = tmp_path / "tm.tmx"
    args = ["export", "--db", filled, "-o", str(out), "--langs", "nl,fr", "--min-score", "1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"tmtool: warning: no unit to export to {out} (nl-BE → fr-BE)"), line
    assert line.endswith(
        "; skipped 6 (4 below --min-score, 1 empty fr-BE side, 1 empty nl-BE side)"
    )
    assert not out.exists()


def test_an_empty_memory_exports_as_nothing_matched(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    """`export --multilingual` of an empty memory failed with exit code 5 (the TMX code) where
    the pair export warns (branch ux19b): both warn, write nothing and exit 0."""
    with open_store(db_url):
        pass
    out = tmp_path / "empty.tmx"
    for extra, langs in (([], "nl-BE → fr-BE"), (["--multilingual"], "nl-BE, fr-BE")):
        result = runner.invoke(cli, ["export", "--db", db_url, "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            f"tmtool: warning: no unit to export to {out} ({langs}), so it was not written "
            "(--allow-empty writes it without units)\n"
        )
        assert not out.exists()


@pytest.mark.parametrize("extra", [[], ["--multilingual"]])
def test_an_export_into_a_file_says_so_in_one_wording(
    runner: CliRunner, filled: str, tmp_path: Path, extra: list[str]
) -> None:
    """`export --multilingual -o notes.txt/tm.tmx` said `File exists` (the OS's words, from
    making the folder), the pair files' export `notes.txt is not a folder` (checked first)."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["export", "--db", filled, "-o", str(blocker / "tm.tmx"), *extra])
    assert result.exit_code == 2
    assert result.stderr == (
        f"tmtool: error: cannot create folder {blocker}: {blocker} is not a folder\n"
    )
