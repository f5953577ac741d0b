"""A command that writes several files writes all of them or none (review ux20b): `terms
--csv/--tbx/--omegat/--terms-model`, `lookup --xliff/--tmx/--report`, `export`'s pair files and
`align --beads/--tmx`. A failure in a later file left the earlier ones written (rb20: `terms --csv
a.csv --tbx /proc/x.tbx` wrote a.csv, then failed); now it leaves no new file, no temporary file
and no folder made for them, and an older file at one of the paths stays as it was. The error
line and exit code are those of the file that failed, as before."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import click
import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner
from tmx_support import NL, UNITS, run_info, sample_documents

from tmtool.cli import cli
from tmtool.files import AtomicFile, check_output_folder
from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store

FULL = os.strerror(errno.ENOSPC)
OLD = "an older file\n"

# one term (lidstaten → États membres, three units) and a unit without it
TERM_ROWS = [
    ("De lidstaten steunen het voorstel.", "Les États membres soutiennent la proposition."),
    ("De lidstaten keuren de begroting goed.", "Les États membres approuvent le budget."),
    ("Wij danken de lidstaten vandaag.", "Nous remercions les États membres aujourd'hui."),
    ("Het weer is mooi.", "Il fait beau."),
]


def _invoke(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def _names(folder: Path) -> list[str]:
    """Every file and folder under ``folder`` (temporary files too), relative, sorted."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """File names whose writing fails as on a full disk; the files before them are written."""
    names: set[str] = set()
    open_temp = AtomicFile._open_temp

    def failing(self: AtomicFile) -> object:
        if self.path.name in names:
            raise OSError(errno.ENOSPC, FULL)
        return open_temp(self)

    monkeypatch.setattr(AtomicFile, "_open_temp", failing)
    yield names


@pytest.fixture
def term_memory(tmp_path: Path) -> Path:
    db = tmp_path / "memory" / "tm.db"
    db.parent.mkdir()
    with open_store(str(db)) as store:
        store.import_units(
            (ImportedUnit({"nl": nl, "fr": fr}) for nl, fr in TERM_ROWS),
            ImportSource("ab" * 32, "t.tmx", "t", "test"),
            RunInfo("none", "", {}, "test", datetime(2026, 1, 1, tzinfo=timezone.utc)),
        )
    return db


def _terms(db: Path, *extra: str | Path) -> click.testing.Result:
    return _invoke("terms", "--db", db, "--langs", "nl,fr", "--encoder", "none", *extra)


def test_terms_writes_every_glossary_or_none(
    term_memory: Path, tmp_path: Path, full_disk: set[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_text(OLD, encoding="utf-8")
    outputs = ["--csv", out / "a.csv", "--tbx", out / "new" / "b.tbx", "--omegat", out / "c.txt"]
    full_disk.add("c.txt")
    result = _terms(term_memory, *outputs)
    assert_one_error_line(result, f"cannot write {out / 'c.txt'}: {FULL}")
    assert result.exit_code == 2
    assert _names(out) == ["a.csv"]
    assert (out / "a.csv").read_text(encoding="utf-8") == OLD
    assert _names(term_memory.parent) == ["tm.db"]  # nor the default terms model

    full_disk.clear()
    result = _terms(term_memory, *outputs)
    assert result.exit_code == 0, result.output
    assert _names(out) == ["a.csv", "c.txt", "new", "new/b.tbx"]
    assert "États membres" in (out / "a.csv").read_text(encoding="utf-8")


def test_terms_writes_no_glossary_when_its_named_model_fails(
    term_memory: Path, tmp_path: Path, full_disk: set[str]
) -> None:
    """`--terms-model` is one of the command's files; the default model next to the memory is
    not (not saving it is a warning), so it is saved only once the glossaries are."""
    full_disk.add("model.json")
    result = _terms(term_memory, "--csv", tmp_path / "a.csv", "--terms-model",
                    tmp_path / "m" / "model.json")  # fmt: skip
    assert_one_error_line(result, f"cannot write {tmp_path / 'm' / 'model.json'}: {FULL}")
    assert result.exit_code == 2
    assert _names(tmp_path) == ["memory", "memory/tm.db"]


def test_terms_with_a_glossary_under_proc_writes_no_other(
    term_memory: Path, tmp_path: Path
) -> None:
    """rb20's case: /proc passes the folder check (it is writable to root) but takes no file."""
    try:
        check_output_folder("/proc/x.tbx")
    except Exception:
        pytest.skip("/proc is refused before the work here (not root)")
    result = _terms(term_memory, "--csv", tmp_path / "a.csv", "--tbx", "/proc/x.tbx")
    assert_one_error_line(result, "cannot write /proc/x.tbx")
    assert result.exit_code == 2
    assert _names(tmp_path) == ["memory", "memory/tm.db"]


@pytest.fixture
def filled(db_url: str) -> str:
    with open_store(db_url) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
    return db_url


@pytest.mark.parametrize(("failing", "code"), [("r.html", 2), ("p.nl-en.tmx", 5)])
def test_lookup_writes_every_output_or_none(
    filled: str, tmp_path: Path, full_disk: set[str], failing: str, code: int
) -> None:
    """The XLIFFs, then the project TMs (a TMX: exit code 5), then the report."""
    new = tmp_path / "new.txt"
    new.write_text(f"{NL[0]}\n{NL[1]}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.fr.xlf").write_text(OLD, encoding="utf-8")
    outputs = ["--xliff", out / "x.xlf", "--tmx", out / "tm" / "p.tmx", "--report", out / "r.html"]
    full_disk.add(failing)
    args = ["lookup", "--db", filled, new, "--to", "fr,en", "--presegmented", *outputs]
    result = _invoke(*args)
    failed = out / "tm" / failing if failing.endswith(".tmx") else out / failing
    assert_one_error_line(result, f"cannot write {failed}: {FULL}")
    assert result.exit_code == code
    assert _names(out) == ["x.fr.xlf"]
    assert (out / "x.fr.xlf").read_text(encoding="utf-8") == OLD

    full_disk.clear()
    result = _invoke(*args)
    assert result.exit_code == 0, result.output
    assert _names(out) == [
        "r.html", "tm", "tm/p.nl-en.tmx", "tm/p.nl-fr.tmx", "x.en.xlf", "x.fr.xlf"
    ]  # fmt: skip


def test_export_writes_every_pair_file_or_none(
    filled: str, tmp_path: Path, full_disk: set[str]
) -> None:
    (tmp_path / "out.nl-fr.tmx").write_text(OLD, encoding="utf-8")
    full_disk.add("out.nl-en.tmx")
    result = _invoke("export", "--db", filled, "-o", tmp_path / "out.tmx")
    assert_one_error_line(result, f"cannot write {tmp_path / 'out.nl-en.tmx'}: {FULL}")
    assert result.exit_code == 5
    assert [path.name for path in tmp_path.iterdir() if "out" in path.name] == ["out.nl-fr.tmx"]
    assert (tmp_path / "out.nl-fr.tmx").read_text(encoding="utf-8") == OLD


ALIGN_NL = "De Raad keurt het voorstel goed.\nDe Commissie stemt in.\n"
ALIGN_FR = "Le Conseil approuve la proposition.\nLa Commission est d'accord.\n"


def test_align_writes_its_bead_and_tmx_files_all_or_none(
    tmp_path: Path, full_disk: set[str], shared_encoder: None
) -> None:
    """The memory takes the alignment first (a transaction of its own); the bead file and the
    TMX then appear together or not at all."""
    nl, fr = tmp_path / "nl.txt", tmp_path / "fr.txt"
    nl.write_text(ALIGN_NL, encoding="utf-8")
    fr.write_text(ALIGN_FR, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "beads").write_text(OLD, encoding="utf-8")
    full_disk.add("x.tmx")
    args = ["align", nl, fr, "--db", tmp_path / "tm.db", "--min-score", "0",
            "--beads", out / "beads", "--tmx", out / "t" / "x.tmx"]  # fmt: skip
    result = _invoke(*args)
    assert result.exit_code == 5, result.output
    error = f"tmtool: error: cannot write {out / 't' / 'x.tmx'}: {FULL}"
    assert result.stderr.splitlines() == [error]
    assert "beads:" not in result.stdout
    assert _names(out) == ["beads"]
    assert (out / "beads").read_text(encoding="utf-8") == OLD

    full_disk.clear()
    result = _invoke(*args)
    assert result.exit_code == 0, result.output
    assert f"beads: {out / 'beads'}" in result.stdout
    assert _names(out) == ["beads", "t", "t/x.tmx"]
    assert (out / "beads").read_text(encoding="utf-8") != OLD
