"""`tmtool segment`: segments on stdout; bad input gives one line on stderr and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner

from tmtool.cli import cli
from tmtool.prepare import prepare_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = next(p for p in SEEDS.glob("000_*.txt") if p.name.count(".") == 1)
SEED_004 = next(p for p in SEEDS.glob("004_*.txt") if p.name.count(".") == 1)


def run(*args: str):
    return CliRunner().invoke(cli, ["segment", *args])


def test_prints_one_segment_a_line():
    result = run(str(SEED_000), "--lang", "nl")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == prepare_document(SEED_000, "nl").texts
    assert result.stderr == ""


def test_original_column():
    result = run(str(SEED_004), "-l", "nl", "--original")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) == 4 for row in rows)
    assert rows[0][:2] == ["0", "heading"]
    index, kind, text, original = rows[1]
    assert (index, kind) == ("1", "sentence")
    assert "Koninkrijk België, de Franse Republiek" in text
    assert "Koninkrijk Belgi&, de⏎⏎Franse Republiek" in original


def test_presegmented(tmp_path):
    path = tmp_path / "zinnen.txt"
    path.write_text(
        "Dit is de eerste zin van het bestand. Dit is nog steeds dezelfde regel.\n"
        "En dit is de tweede regel, die ook een volledige zin is.\n",
        encoding="utf-8",
    )
    result = run(str(path), "--lang", "nl", "--presegmented")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == path.read_text(encoding="utf-8").splitlines()


def make_bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    undecodable = tmp_path / "weird.txt"
    undecodable.write_bytes(b"Tekst " + bytes([0x81, 0x8D, 0x90, 0x9D]) * 50)
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "empty": (empty, "is empty"),
        "binary": (binary, "binary file"),
        "undecodable": (undecodable, "cannot decode"),
        "french": (next(SEEDS.glob("000_*.fr.txt"), SEED_000), "looks like"),
        "directory": (tmp_path, "directory"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "empty", "binary", "undecodable", "french", "directory"]
)
def test_bad_input_gives_one_error_line(tmp_path, case):
    path, message = make_bad_inputs(tmp_path)[case]
    lang = "nl" if path.name.count(".") > 1 else "fr"  # the French file as nl; a Dutch seed as fr
    assert_one_error_line(run(str(path), "--lang", lang), message)


def test_wrong_language_can_be_waived():
    result = run(str(SEED_000), "--lang", "fr", "--no-lang-check")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 51


def test_bad_language_code():
    assert_one_error_line(run(str(SEED_000), "--lang", "12"), "'12' is not a language code")


def test_help_speaks_to_translators():
    result = run("--help")
    assert result.exit_code == 0
    assert "one a line" in result.stdout
    assert "--presegmented" in result.stdout and "--original" in result.stdout
