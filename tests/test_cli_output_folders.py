"""A folder named in an output path is made only with a file written into it (review ux19d):
`align --tmx/--beads` and `align --manifest --summary` check their outputs before the work and
leave no empty folder when the work fails (an unknown encoder, a missing or empty input, a bad
manifest), as `export`, `lookup` and `terms` already did (ux19c)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from batch_support import make_manifest
from cli_support import assert_one_error_line
from click.testing import CliRunner

from tmtool.cli import cli

NL = "De Raad keurt het voorstel goed.\nDe Commissie stemt in.\n"
FR = "Le Conseil approuve la proposition.\nLa Commission est d'accord.\n"


def _invoke(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    nl, fr = tmp_path / "nl.txt", tmp_path / "fr.txt"
    nl.write_text(NL, encoding="utf-8")
    fr.write_text(FR, encoding="utf-8")
    return nl, fr


def _failing_align(case: str, pair: tuple[Path, Path], folder: Path) -> tuple[list[str], str]:
    """Arguments of an alignment that fails after its options were checked, and a piece of its
    error line."""
    nl, fr = (str(path) for path in pair)
    if case == "encoder":
        return [nl, fr, "--encoder", "nonsense"], "unknown encoder 'nonsense'"
    if case == "missing":
        return [nl, str(folder / "nowhere.txt")], "nowhere.txt: no such file"
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    return [nl, str(empty)], "is empty"


@pytest.mark.parametrize("case", ["encoder", "missing", "empty"])
@pytest.mark.parametrize("option", ["--tmx", "--beads"])
def test_a_failed_alignment_leaves_no_output_folder(
    case: str, option: str, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """`align --tmx a/b/x.tmx` made `a/b/` before reading a document, so a failure left it."""
    args, expected = _failing_align(case, pair, tmp_path)
    out = tmp_path / "a" / "b" / "out.file"
    result = _invoke("align", *args, "--db", tmp_path / "tm.db", option, out)
    assert_one_error_line(result, expected)
    assert not (tmp_path / "a").exists()


def test_a_failed_three_language_alignment_leaves_no_output_folder(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """With three files each pair has its file (`out.nl-fr`, `out.nl-en`): all checked, none
    made, both options together."""
    nl, fr = pair
    args = ["align", nl, fr, fr, "--langs", "NL,fr,en", "--db", tmp_path / "tm.db"]
    result = _invoke(*args, "--encoder", "nonsense", "--tmx", tmp_path / "t" / "x.tmx",
                     "--beads", tmp_path / "b" / "beads")  # fmt: skip
    assert_one_error_line(result, "unknown encoder 'nonsense'")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fr.txt", "nl.txt"]


def test_an_output_that_cannot_be_written_fails_before_the_alignment(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """The check still comes first: a bead file whose folder is a file, or (three files) a
    pair's bead file that is a folder, fails with its own error, not the (later) unknown
    encoder."""
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    (tmp_path / "beads.nl-en").mkdir()
    for files, out, expected in (
        (pair, tmp_path / "plain" / "sub" / "beads", "is not a folder"),
        ((*pair, pair[1]), tmp_path / "beads", "beads.nl-en: Is a directory"),
    ):
        result = _invoke("align", *files, "--db", tmp_path / "tm.db", "--encoder", "nonsense",
                         "--beads", out)  # fmt: skip
        assert_one_error_line(result, expected)
    assert not (tmp_path / "beads.nl-fr").exists()


def test_a_successful_alignment_makes_its_output_folders(
    pair: tuple[Path, Path], tmp_path: Path, shared_encoder: None
) -> None:
    beads, tmx = tmp_path / "b" / "c" / "beads", tmp_path / "t" / "x.tmx"
    result = _invoke("align", *pair, "--db", tmp_path / "tm.db", "--min-score", "0",
                     "--beads", beads, "--tmx", tmx)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert beads.is_file() and tmx.is_file()


def test_a_failed_batch_leaves_no_summary_folder(tmp_path: Path) -> None:
    """`align --manifest M --summary out/s.csv` made `out/` before reading the manifest."""
    summary = tmp_path / "out" / "deeper" / "summary.csv"
    result = _invoke("align", "--manifest", tmp_path / "nowhere.tsv", "--db", tmp_path / "tm.db",
                     "--summary", summary)  # fmt: skip
    assert_one_error_line(result, "nowhere.tsv")
    assert not (tmp_path / "out").exists()

    bad = tmp_path / "bad.tsv"
    bad.write_text("only-one-column.txt\n", encoding="utf-8")
    manifest = make_manifest(tmp_path / "sets", 1)
    for args in (["--manifest", bad], ["--manifest", manifest, "--encoder", "nonsense"]):
        result = _invoke("align", *args, "--langs", "nl,fr", "--db", tmp_path / "tm.db",
                         "--summary", summary)  # fmt: skip
        assert result.exit_code == 2 and "tmtool: error: " in result.stderr, result.output
        assert not (tmp_path / "out").exists()


def test_a_batch_summary_folder_is_made_with_the_summary(tmp_path: Path) -> None:
    """A set that fails is a row of the summary: it is written, and its folder made, then."""
    manifest = make_manifest(tmp_path / "sets", 1)
    (tmp_path / "sets" / "set0000.fr.txt").unlink()
    summary = tmp_path / "out" / "summary.csv"
    result = _invoke("align", "--manifest", manifest, "--langs", "nl,fr", "--presegmented",
                     "--db", tmp_path / "tm.db", "--jobs", "1", "--summary", summary)  # fmt: skip
    assert result.exit_code == 1, result.output
    assert summary.is_file() and "set0000.fr.txt" in summary.read_text(encoding="utf-8")


def test_two_files_in_one_language_are_named_before_the_output_paths(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """`--langs nl,fr,FR --tmx x.tmx` said `--tmx and --tmx name the same file x.nl-fr.tmx`:
    the output paths are made from the languages, so those are checked first."""
    nl, fr = pair
    result = _invoke("align", nl, fr, fr, "--langs", "nl,fr,FR", "--db", tmp_path / "tm.db",
                     "--tmx", tmp_path / "o" / "x.tmx")  # fmt: skip
    assert_one_error_line(result, "each file needs its own language, got nl,fr,fr")
    assert not (tmp_path / "o").exists()
