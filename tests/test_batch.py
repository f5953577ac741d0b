"""`tmtool align --manifest`: manifest, summary rows, per-set failures, local parallelism."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from batch_support import make_manifest, memory_content
from click.testing import CliRunner

from tmtool.batch import read_manifest
from tmtool.cli import cli
from tmtool.errors import InputError


def test_manifest_paths_titles_dates_and_comments(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    manifest = tmp_path / "sub" / "sets.tsv"
    manifest.write_text(
        "# nl\tfr\n\n"
        "a.nl.txt\ta.fr.txt\n"
        "b.nl.txt\t/abs/b.fr.txt\tDeclaration B\n"
        "c.nl.txt\tc.fr.txt\t\t2026-03-01\n",
        encoding="utf-8",
    )
    sets = read_manifest(manifest, 2)
    assert [s.line for s in sets] == [3, 4, 5]
    assert sets[0].paths == (str(tmp_path / "sub" / "a.nl.txt"), str(tmp_path / "sub" / "a.fr.txt"))
    assert sets[1].paths[1] == "/abs/b.fr.txt"
    assert (sets[1].title, sets[1].date, sets[1].name) == ("Declaration B", None, "Declaration B")
    assert (sets[2].title, sets[2].date, sets[2].name) == (None, "2026-03-01", "c.nl.txt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a.txt\n", "line 1: 1 tab-separated columns, expected 2"),
        ("a\tb\tc\td\te\n", "line 1: 5 tab-separated columns"),
        ("a\t\n", "line 1: empty file path"),
        ("a\tb\tT\t1 March\n", "line 1: date '1 March' is not YYYY-MM-DD"),
        ("a\tb\n# x\na\tb\n", "line 3: the same files as line 1"),
        ("# only a comment\n", "lists no document sets"),
    ],
)
def test_bad_manifest_is_one_line_error(tmp_path: Path, text: str, message: str) -> None:
    manifest = tmp_path / "m.tsv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_manifest(manifest, 2)
    with pytest.raises(InputError, match="no such file"):
        read_manifest(tmp_path / "missing.tsv", 2)


@pytest.fixture(scope="module")
def sets_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four good sets, then a line whose Dutch file is missing and one whose file is binary."""
    folder = tmp_path_factory.mktemp("sets")
    manifest = make_manifest(folder, 4)
    (folder / "binary.nl.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    with manifest.open("a", encoding="utf-8") as handle:
        handle.write("missing.nl.txt\tset0000.fr.txt\tMissing\n")
        handle.write("binary.nl.txt\tset0001.fr.txt\tBinary\n")
    return folder


@pytest.fixture(scope="module")
def reference(sets_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The memory one process builds from the sets: what every other way must store too."""
    db = str(tmp_path_factory.mktemp("reference") / "tm.db")
    _align(sets_folder, db, "--jobs", "1")
    return memory_content(db)


def _align(folder: Path, db: str, *options: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli,
        ["align", "--manifest", str(folder / "sets.tsv"), "--langs", "nl,fr", "--presegmented",
         "--db", db, *options],
    )  # fmt: skip
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_summary_rows_failures_and_rerun(
    sets_folder: Path, db_url: str, tmp_path: Path, reference: dict[str, object]
) -> None:
    summary = tmp_path / "out" / "summary.csv"
    code, out, err = _align(sets_folder, db_url, "--jobs", "1", "--summary", str(summary))
    assert code == 1  # two sets failed: the exit code says so
    assert err.strip().splitlines()[-1] == "tmtool: error: 2 of 6 sets failed"
    assert "Traceback" not in out + err
    rows = list(csv.DictReader(summary.open(encoding="utf-8")))
    assert [row["status"] for row in rows[:4]] == ["ok"] * 4
    assert rows[4]["status"].startswith("failed: ") and "missing.nl.txt" in rows[4]["status"]
    assert rows[5]["status"].startswith("failed: ") and "\n" not in rows[5]["status"]
    first = rows[0]
    assert int(first["segments_nl"]) >= 4 and int(first["segments_fr"]) >= 4
    assert first["beads_nl-fr"].startswith("1-1:") or "1-1:" in first["beads_nl-fr"]
    assert 0.0 < float(first["mean_confidence_nl-fr"]) <= 1.0
    assert int(first["low_confidence_nl-fr"]) >= 0 and float(first["seconds"]) > 0
    assert int(first["units_added"]) > 0
    assert (rows[4]["segments_nl"], rows[4]["units_added"]) == ("", "0")
    stored = memory_content(db_url)
    assert stored == reference
    assert len(stored["sets"]) == 4  # the failed sets left nothing behind
    titles = {title for _, _, title in stored["documents"]}  # type: ignore[misc]
    assert titles == {"Set 0", "Set 1", "Set 2", "Set 3"}

    code, out, _ = _align(sets_folder, db_url, "--jobs", "1", "--json")
    assert code == 1
    records = json.loads(out)["sets"]
    assert [r["status"] for r in records[:4]] == ["unchanged"] * 4
    # found in the memory before aligning: counted, not aligned again
    assert records[0]["segments"]["nl"] >= 4 and records[0]["beads"] == {}
    assert memory_content(db_url) == stored


def test_parallel_workers_store_the_same_as_one_process(
    sets_folder: Path, db_url: str, reference: dict[str, object]
) -> None:
    """Two worker processes (SQLite: the parent writes; PostgreSQL: workers write)."""
    code, out, _ = _align(sets_folder, db_url, "--jobs", "2")
    assert code == 1
    assert out.count("\tok\t") == 4 and out.count("\tfailed: ") == 2
    assert memory_content(db_url) == reference


def test_a_worker_does_not_open_a_memory_that_does_not_exist_yet(
    sets_folder: Path, tmp_path: Path
) -> None:
    """Workers look for stored sets first; a new SQLite memory only appears at the writer's first
    save, and a worker that opened it before would build one of its own (a hidden file, left
    behind where the worker is killed, or given the memory's name at its exit)."""
    from tmtool.batch.work import BatchJob, process_set, release_stores

    doc_set = read_manifest(sets_folder / "sets.tsv", 2)[0]
    folder = tmp_path / "memory"
    folder.mkdir()
    job = BatchJob(("nl", "fr"), str(folder / "tm.db"), presegmented=True)
    try:
        result, alignment = process_set(doc_set, job, store_here=False)
        assert result.status == "ok" and alignment is not None
        assert list(folder.iterdir()) == []
    finally:
        release_stores()
    assert list(folder.iterdir()) == []


def test_a_batch_that_stores_nothing_leaves_no_new_memory(tmp_path: Path) -> None:
    (tmp_path / "sets.tsv").write_text("missing.nl.txt\tmissing.fr.txt\n", encoding="utf-8")
    code, out, _ = _align(tmp_path, str(tmp_path / "tm.db"))
    assert code == 1 and "\tfailed: " in out
    assert [p.name for p in tmp_path.iterdir()] == ["sets.tsv"]


def test_manifest_options_are_checked(sets_folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "tm.db")
    for options, message in [
        (["--summary", "x.csv"], "need --manifest"),
        (["--manifest", "m.tsv", "a.txt", "b.txt"], "--manifest takes no FILES"),
        (["--manifest", str(tmp_path / "none.tsv")], "no such file"),
    ]:
        result = CliRunner().invoke(cli, ["align", "--db", db, *options])
        assert result.exit_code != 0
        assert message in result.stderr and "Traceback" not in result.output


def test_a_library_warning_is_shown_once_not_once_per_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each set's warnings are recorded (TmtoolWarnings go into its row); the others are shown
    again afterwards. Recording resets Python's memory of what it showed, so a library's
    warning (shown once by Python's default filter) was printed once for every set."""
    import warnings

    import tmtool.cli
    import tmtool.pipeline as pipeline

    message = f"a library's own warning ({tmp_path.name})"  # new to this test process
    load = pipeline.load_documents

    def warning_first(*args: object, **kwargs: object) -> object:
        warnings.warn(message, UserWarning, stacklevel=1)
        return load(*args, **kwargs)

    shown: list[str] = []  # what the command hands to Python's own display of a warning
    monkeypatch.setattr(pipeline, "load_documents", warning_first)
    monkeypatch.setattr(tmtool.cli, "_python_showwarning", lambda text, *rest: shown.append(text))
    manifest = make_manifest(tmp_path / "sets", 3)
    for db in ("a.db", "b.db"):  # each command shows it once, as Python's filter does
        args = ["--langs", "nl,fr", "--presegmented", "--db", str(tmp_path / db), "--jobs", "1"]
        result = CliRunner().invoke(cli, ["align", "--manifest", str(manifest), *args])
        assert result.exit_code == 0, result.output
    assert [str(text) for text in shown] == [message, message]
