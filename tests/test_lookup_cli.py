"""tmtool lookup on the command line: analysis, --json, output files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner
from test_lookup import MEMORY, NEW, fill
from tmx_support import UNITS, run_info, sample_documents

from tmtool.cli import cli
from tmtool.store import open_store


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lookup-cli")
    with open_store(str(folder / "tm.db")) as store:
        fill(store)
    (folder / "new.txt").write_text("\n".join(NEW) + "\n", encoding="utf-8")
    return folder


def test_lookup_writes_xliff_tmx_report_and_prints_the_analysis(setup: Path) -> None:
    out = setup / "out"
    args = ["lookup", str(setup / "new.txt"), "--to", "fr", "--db", str(setup / "tm.db")]
    args += ["--presegmented", "--xliff", str(out / "new.xlf"), "--tmx", str(out / "new.tmx")]
    result = CliRunner().invoke(cli, [*args, "--report", str(out / "new.html")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "analysis nl → fr:"
    assert any(line.split()[:4] == ["Context", "match", "(101%)", "1"] for line in lines)
    assert f"xliff: {out / 'new.xlf'} (8 segments, 5 pre-translated)" in lines
    assert any(line.startswith("project tm: wrote ") for line in lines)
    assert (out / "new.xlf").exists() and (out / "new.tmx").exists()
    assert (out / "new.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_min_match_and_from_options(setup: Path) -> None:
    """``--min-match 95`` leaves the 92% proposal out of the XLIFF targets; ``--from fr`` looks
    French text up against the memory's French side and proposes the Dutch."""
    out = setup / "options"
    args = ["lookup", str(setup / "new.txt"), "--to", "fr", "--db", str(setup / "tm.db")]
    args += ["--presegmented", "--xliff", str(out / "new.xlf"), "--min-match", "95"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"xliff: {out / 'new.xlf'} (8 segments, 4 pre-translated)" in result.stdout
    french = setup / "nouveau.txt"
    french.write_text(MEMORY[0][1] + "\n", encoding="utf-8")
    args = ["lookup", str(french), "--from", "fr", "--to", "nl", "--db", str(setup / "tm.db")]
    result = CliRunner().invoke(cli, [*args, "--presegmented", "--json"])
    assert result.exit_code == 0, result.output
    (segment,) = json.loads(result.stdout)["segments"]
    best = segment["matches"]["nl"][0]
    assert (best["percent"], best["target"]) == (100, MEMORY[0][0])


def test_lookup_json(setup: Path) -> None:
    args = ["lookup", str(setup / "new.txt"), "--to", "fr", "--db", str(setup / "tm.db")]
    result = CliRunner().invoke(cli, [*args, "--presegmented", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (analysis,) = data["analysis"]
    rows = {row["band"]: row for row in analysis["bands"]}
    assert rows["context"]["segments"] == 1 and rows["100"]["segments"] == 2
    assert analysis["total"]["segments"] == len(NEW)
    numbers = data["segments"][2]
    assert numbers["band"] == {"fr": "95-99"}
    best = numbers["matches"]["fr"][0]
    assert best["kind"] == "numbers" and best["numbers_replaced"] == [
        ["12", "15"],
        ["2026", "2027"],
    ]
    assert {"percent", "semantic", "unit", "source", "target", "origin"} <= set(best)
    assert data["segments"][6]["repetition_of"] == 4


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--to", "nl"], "source language"),
        (["--to", "f r"], "not a language code"),
        (["--to", "fr", "--db", "absent.db"], "no translation memory"),
    ],
)
def test_bad_input_is_one_line(setup: Path, extra: list[str], message: str) -> None:
    args = ["lookup", str(setup / "new.txt"), "--presegmented", "--db", str(setup / "tm.db")]
    assert_one_error_line(CliRunner().invoke(cli, [*args, *extra]), message)
    assert not list(Path().glob("absent.db*"))  # a missing memory is not created


def test_a_language_the_memory_lacks_is_refused(setup: Path, tmp_path: Path) -> None:
    xliff = tmp_path / "out.xlf"
    args = ["lookup", str(setup / "new.txt"), "--presegmented", "--db", str(setup / "tm.db")]
    result = CliRunner().invoke(cli, [*args, "--to", "fr,zz", "--xliff", str(xliff)])
    assert result.exit_code == 2
    assert_one_error_line(result, "tmtool: error: the memory has no 'zz' texts (its languages: ")
    assert not list(tmp_path.glob("out*"))


def test_missing_file_is_refused(setup: Path) -> None:
    result = CliRunner().invoke(
        cli, ["lookup", str(setup / "absent.txt"), "--to", "fr", "--db", str(setup / "tm.db")]
    )
    assert_one_error_line(result, "absent.txt")


def test_an_output_that_cannot_be_written_is_one_line(setup: Path, tmp_path: Path) -> None:
    """A failed XLIFF write is ``tmtool: error: cannot write ...``, not an OSError traceback."""
    with open_store(str(tmp_path / "three.db")) as store:  # two targets: OUT.fr.xlf, OUT.en.xlf
        store.save_alignment(sample_documents(), UNITS, run_info())
    blocked = setup / "blocked"
    (blocked / "new.fr.xlf").mkdir(parents=True)  # OUT.fr.xlf taken by a folder
    args = ["lookup", str(setup / "new.txt"), "--to", "fr,en", "--db", str(tmp_path / "three.db")]
    result = CliRunner().invoke(cli, [*args, "--presegmented", "--xliff", str(blocked / "new.xlf")])
    assert result.exit_code == 2
    assert (
        result.stderr == f"tmtool: error: cannot write {blocked / 'new.fr.xlf'}: Is a directory\n"
    )
    assert sorted(path.name for path in blocked.iterdir()) == ["new.fr.xlf"]


def test_a_new_file_name_that_is_not_utf8(setup: Path) -> None:
    """The report names the new file: bytes of its name that are not UTF-8 (lone surrogates in
    Python) made the UTF-8 report unwritable, a UnicodeEncodeError traceback."""
    new = setup / "nieuw\udcff.txt"
    new.write_bytes((setup / "new.txt").read_bytes())
    out = setup / "odd-name"
    args = ["lookup", str(new), "--to", "fr", "--db", str(setup / "tm.db"), "--presegmented"]
    result = CliRunner().invoke(
        cli, [*args, "--report", str(out / "r.html"), "--xliff", str(out / "r.xlf")]
    )
    assert result.exit_code == 0, result.output
    assert "nieuw\ufffd.txt" in (out / "r.html").read_text(encoding="utf-8")
    assert 'original="nieuw\ufffd.txt"' in (out / "r.xlf").read_text(encoding="utf-8")
