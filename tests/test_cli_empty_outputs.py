"""Export's rule for a file nothing goes into, followed by every command that writes one (review
ux19c): `lookup --tmx` and `terms --csv/--tbx/--omegat` leave it unwritten with a `tmtool:
warning:` line unless `--allow-empty`, and a folder named in an output path is made only with a
file written into it."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner
from tmx_support import NL, UNITS, check_tmx, run_info, sample_documents, tmx_units

from tmtool.cli import _Whole, cli
from tmtool.errors import InputError
from tmtool.files import output_file
from tmtool.store import open_store

NO_MATCH = "Qwxz vbnm plkj.\nZzyx wwq rrt.\n"  # no word of the memory's units


@pytest.fixture
def filled(db_url: str) -> str:
    with open_store(db_url) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
    return db_url


def _invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args))


def _lookup(db: str, new: Path, *extra: str) -> click.testing.Result:
    return _invoke("lookup", "--db", db, str(new), "--to", "fr", "--presegmented", *extra)


def test_a_lookup_with_no_match_writes_the_xliff_but_no_project_tm(
    filled: str, tmp_path: Path
) -> None:
    """`lookup --tmx` of a document nothing matched wrote a project TMX without units, silently;
    the XLIFF (every segment to translate) is still wanted, the TM is not."""
    new = tmp_path / "new.txt"
    new.write_text(NO_MATCH, encoding="utf-8")
    xliff, tm = tmp_path / "x" / "new.xlf", tmp_path / "tm" / "deeper" / "project.tmx"
    result = _lookup(filled, new, "--xliff", str(xliff), "--tmx", str(tm))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"tmtool: warning: project tm {tm} (nl-BE → fr-BE): no segment matched a unit of the "
        "memory, and a TM without units adds nothing, so it was not written (--allow-empty "
        "writes it without units); the XLIFF still holds every segment to translate"
    ]
    assert f"xliff: {xliff} (2 segments, 0 pre-translated)" in result.stdout
    assert "project tm:" not in result.stdout
    assert xliff.is_file() and not (tmp_path / "tm").exists()  # no file, no empty folder

    result = _lookup(filled, new, "--tmx", str(tm), "--allow-empty")
    assert result.exit_code == 0, result.output
    assert f"project tm: wrote 0 units to {tm} (nl-BE → fr-BE)" in result.stdout
    assert result.stderr.splitlines() == [
        f"tmtool: warning: project tm {tm} (nl-BE → fr-BE): no segment matched a unit of the "
        "memory, so it holds no unit"
    ]
    check_tmx(tm)
    assert tmx_units(tm) == {}


def test_a_lookup_with_no_match_leaves_an_older_project_tm_as_it_was(
    filled: str, tmp_path: Path
) -> None:
    new = tmp_path / "new.txt"
    new.write_text(NO_MATCH, encoding="utf-8")
    (tmp_path / "out").mkdir()
    tm = tmp_path / "out" / "project.tmx"
    tm.write_bytes(b"last week's project TM\n")
    result = _lookup(filled, new, "--tmx", str(tm))
    assert result.exit_code == 0, result.output
    assert tm.read_bytes() == b"last week's project TM\n"
    assert list(tm.parent.iterdir()) == [tm]  # no temporary file left either


def test_a_lookup_that_matches_still_writes_its_project_tm(filled: str, tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(f"{NL[0]}\n", encoding="utf-8")
    tm = tmp_path / "new" / "project.tmx"
    result = _lookup(filled, new, "--tmx", str(tm))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert f"project tm: wrote 1 unit to {tm}" in result.stdout
    check_tmx(tm)


def test_a_failed_lookup_leaves_no_output_folder(filled: str, tmp_path: Path) -> None:
    """The output folders were made before the document was read: a lookup that then failed
    left them behind, empty."""
    new = tmp_path / "new.txt"
    new.write_text(NO_MATCH, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--xliff", str(out / "x.xlf"), "--tmx", str(out / "tm" / "p.tmx")]
    assert_one_error_line(_lookup(filled, new, *args, "--encoder", "nonsense"), "nonsense")
    assert not out.exists()


def _terms(db: str, *extra: str) -> click.testing.Result:
    args = ["terms", "--db", db, "--langs", "nl,fr", "--encoder", "none", "--min-freq", "50"]
    return _invoke(*args, *extra)


def test_terms_with_no_term_writes_no_glossary(filled: str, tmp_path: Path) -> None:
    """`terms --csv/--tbx/--omegat` of a memory with no term wrote header-only files."""
    out = tmp_path / "glossaries"
    paths = [out / "t.csv", out / "t.tbx", out / "t.txt"]
    options = ["--csv", "--tbx", "--omegat"]
    args = [word for pair in zip(options, map(str, paths), strict=True) for word in pair]
    model = tmp_path / "model.json"
    result = _terms(filled, *args, "--terms-model", str(model))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"tmtool: warning: glossary {path}: no term found in 5 units (--min-freq 50), so it was "
        "not written (--allow-empty writes it without terms)"
        for path in paths
    ]
    assert result.stdout == "0 terms (0 inconsistent) from 5 units\n"
    assert not out.exists()
    assert model.is_file()  # the model is saved: it must not keep an older memory's terms

    result = _terms(filled, *args, "--allow-empty")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"tmtool: warning: glossary {path}: no term found in 5 units (--min-freq 50), so it "
        "holds none"
        for path in paths
    ]
    assert result.stdout.endswith(f"wrote {', '.join(map(str, paths))}\n")
    assert paths[0].read_text(encoding="utf-8").count("\n") == 1  # the header only
    assert all(path.is_file() for path in paths)


def test_terms_with_no_term_leaves_an_older_glossary_as_it_was(filled: str, tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("nl-BE,fr-BE\nverklaring,déclaration\n", encoding="utf-8")
    result = _terms(filled, "--csv", str(glossary), "--terms-model", str(tmp_path / "m.json"))
    assert result.exit_code == 0, result.output
    assert glossary.read_text(encoding="utf-8") == "nl-BE,fr-BE\nverklaring,déclaration\n"


@pytest.mark.parametrize("extra", [[], ["--multilingual"]])
def test_an_export_with_no_unit_leaves_no_new_folder(
    filled: str, tmp_path: Path, extra: list[str]
) -> None:
    """`export -o new/x.tmx` with no unit made `new/` before it knew nothing would be written."""
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "new" / "deeper" / "x.tmx"
    result = _invoke("export", "--db", filled, "-o", str(out), "--since", "2099-01-01", *extra)
    assert result.exit_code == 0, result.output
    assert "so it was not written" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []
    result = _invoke("export", "--db", filled, "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.parent.iterdir()) == [".tmx"] * (1 if extra else 2)


def test_an_export_refused_late_leaves_no_new_folder(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "new" / "x.tmx"
    args = ["export", "--db", filled, "-o", str(out), "--document", "nope"]
    assert_one_error_line(_invoke(*args), "nope")
    assert not (tmp_path / "new").exists()


def test_output_folders_are_checked_without_being_made(tmp_path: Path) -> None:
    from tmtool.files import check_output_folder  # new in ux19c

    check_output_folder(tmp_path / "a" / "b" / "x.tmx")
    assert list(tmp_path.iterdir()) == []
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=f"cannot create folder {blocker / 'b'}: "):
        check_output_folder(blocker / "b" / "x.tmx")


def test_an_output_file_not_written_takes_its_new_folders_with_it(tmp_path: Path) -> None:
    (tmp_path / "kept").mkdir()
    with pytest.raises(RuntimeError), output_file(tmp_path / "kept" / "a" / "b" / "x.txt") as out:
        out.write("half")
        raise RuntimeError("failed halfway")
    assert list(tmp_path.iterdir()) == [tmp_path / "kept"]
    assert list((tmp_path / "kept").iterdir()) == []
    with output_file(tmp_path / "kept" / "a" / "x.txt") as handle:
        handle.write("whole")
    assert (tmp_path / "kept" / "a" / "x.txt").read_text(encoding="utf-8") == "whole"


def test_a_bound_over_a_million_is_shown_whole() -> None:
    """Numeric options' bounds were formatted with ``:g``: 1000000 read ``1e+06``."""
    assert _Whole(1, 1_000_000).expected() == "a whole number from 1 to 1000000"
    assert _Whole(0).expected() == "a whole number of at least 0"


def test_lookup_json_carries_its_warnings(
    filled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lookup --json` printed the project TMX warning on stderr only: a script reading the JSON
    could not learn that the TM it asked for was not written. The JSON's `warnings` list holds
    each `tmtool: warning:` line's text, the library's as well as the command's own."""
    import json

    new = tmp_path / "new.txt"
    new.write_text(NO_MATCH, encoding="utf-8")
    tm = tmp_path / "tm" / "project.tmx"
    result = _lookup(filled, new, "--tmx", str(tm), "--json")
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"tmtool: warning: project tm {tm} (nl-BE → fr-BE): no segment")
    assert json.loads(result.stdout)["warnings"] == [line.removeprefix("tmtool: warning: ")]

    import tmtool.lookup.job as job
    from tmtool.errors import warn

    real = job.lookup_document

    def warning_lookup(*args: object, **kwargs: object) -> object:
        warn("the encoder took its slower path")
        return real(*args, **kwargs)

    monkeypatch.setattr(job, "lookup_document", warning_lookup)
    new.write_text(f"{NL[0]}\n", encoding="utf-8")
    result = _lookup(filled, new, "--tmx", str(tm), "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == "tmtool: warning: the encoder took its slower path\n"
    assert json.loads(result.stdout)["warnings"] == ["the encoder took its slower path"]
    assert tm.is_file()

    monkeypatch.setattr(job, "lookup_document", real)
    result = _lookup(filled, new, "--json")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert json.loads(result.stdout)["warnings"] == []


def test_terms_json_carries_its_warnings(filled: str, tmp_path: Path) -> None:
    """`terms --json` had the same gap as `lookup --json`: a glossary not written was said on
    stderr only."""
    import json

    csv = tmp_path / "g" / "t.csv"
    result = _terms(filled, "--csv", str(csv), "--json", "--terms-model", str(tmp_path / "m.json"))
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"tmtool: warning: glossary {csv}: no term found")
    data = json.loads(result.stdout)
    assert data["terms"] == [] and data["warnings"] == [line.removeprefix("tmtool: warning: ")]


def test_allow_empty_without_a_file_is_a_usage_error(filled: str, tmp_path: Path) -> None:
    """`lookup --allow-empty` without `--tmx` and `terms --allow-empty` without a glossary file
    were silently ignored, while every other option that needs another (`--lang-tag` without
    `--tmx`, `--omegat-lang` without `--omegat`) is a usage error."""
    new = tmp_path / "new.txt"
    new.write_text(NO_MATCH, encoding="utf-8")
    result = _lookup(filled, new, "--xliff", str(tmp_path / "x.xlf"), "--allow-empty")
    assert_one_error_line(result, "--allow-empty writes a --tmx file without units; give --tmx")
    assert result.exit_code == 2 and not (tmp_path / "x.xlf").exists()
    result = _terms(filled, "--allow-empty")
    assert_one_error_line(result, "--allow-empty writes --csv/--tbx/--omegat files without terms")
    assert result.exit_code == 2
