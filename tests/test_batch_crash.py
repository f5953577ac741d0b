"""Crashes and concurrency: SIGKILL at each point of a batch run then rerun, two writers on one
SQLite memory, readers that see one consistent state while another process writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from batch_support import make_manifest, memory_content
from click.testing import CliRunner

from tmtool.batch.faults import ENV as KILL_ENV
from tmtool.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TMTOOL = [sys.executable, "-c", "from tmtool.cli import cli; cli()"]


@pytest.fixture(scope="module")
def sets_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sets")
    make_manifest(folder, 4)
    make_manifest(folder / "more", 4, start=2)  # sets 2-5: two of them shared with the first
    return folder


def _options(manifest: Path, db: str, jobs: int = 1) -> list[str]:
    return ["align", "--manifest", str(manifest), "--langs", "nl,fr", "--presegmented",
            "--db", db, "--jobs", str(jobs)]  # fmt: skip


def _env(**extra: str) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


def _run_in_process(manifest: Path, db: str, jobs: int = 1) -> str:
    result = CliRunner().invoke(cli, _options(manifest, db, jobs))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def reference(sets_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = str(tmp_path_factory.mktemp("reference") / "tm.db")
    _run_in_process(sets_folder / "sets.tsv", db)
    return memory_content(db)


def _processes_tagged(tag: str) -> list[int]:
    """Processes whose environment holds ``tag`` (a killed run's orphaned workers, if any)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


#: (kill point, worker processes): before storing, inside the transaction, after the commit; and
#: inside a transaction while two worker processes align (they must exit with their parent)
KILL_POINTS = [("aligned:2", 1), ("in-transaction:2", 1), ("stored:2", 1), ("in-transaction:3", 2)]


@pytest.mark.parametrize(("point", "jobs"), KILL_POINTS)
def test_sigkill_then_rerun_stores_every_set_once(
    sets_folder: Path, tmp_path: Path, reference: dict[str, object], point: str, jobs: int
) -> None:
    db = str(tmp_path / "tm.db")
    tag = f"TMTOOL_TEST_RUN={uuid.uuid4().hex}"
    manifest = sets_folder / "sets.tsv"
    killed = subprocess.run(
        [*TMTOOL, *_options(manifest, db, jobs)],
        env=_env(**{KILL_ENV: point, tag.split("=")[0]: tag.split("=")[1]}),
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    stored_before = int(point.split(":")[1]) - (0 if point.startswith("stored") else 1)
    if Path(db).exists():  # what survived the kill: whole sets only, and only committed ones
        partial = memory_content(db)
        assert len(partial["sets"]) == stored_before  # type: ignore[arg-type]
        keys = set(partial["sets"])  # type: ignore[arg-type]
        assert set(partial["units"]) == {u for u in reference["units"] if (u[0],) in keys}  # type: ignore[union-attr, index]
    deadline = time.monotonic() + 10
    while _processes_tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.2)
    orphans = _processes_tagged(tag)
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    assert not orphans, "worker processes outlived their killed parent"

    out = _run_in_process(manifest, db, jobs)
    assert out.count("\tunchanged\t") == stored_before
    assert memory_content(db) == reference  # every set exactly once, no duplicate unit


def test_two_processes_write_one_sqlite_memory(
    sets_folder: Path, tmp_path: Path, reference: dict[str, object]
) -> None:
    """Two `tmtool align --manifest` runs at once, two sets in common: both succeed, none lost."""
    db = str(tmp_path / "tm.db")
    runs = [
        subprocess.Popen(
            [*TMTOOL, *_options(manifest, db)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for manifest in (sets_folder / "sets.tsv", sets_folder / "more" / "sets.tsv")
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err.decode()
    content = memory_content(db)
    assert len(content["sets"]) == 6  # type: ignore[arg-type]
    first = {key for (key,) in reference["sets"]}  # type: ignore[union-attr]
    assert {u for u in content["units"] if u[0] in first} == set(reference["units"])  # type: ignore[union-attr, index]
    assert len({u[2] for u in content["units"]}) == len(content["units"])  # type: ignore[union-attr, index]


def test_save_waits_for_another_writer(sets_folder: Path, tmp_path: Path) -> None:
    """A writer holding SQLite's write lock makes a save wait (busy timeout), not fail."""
    import sqlite3

    db = tmp_path / "tm.db"
    _run_in_process(sets_folder / "more" / "sets.tsv", str(db))
    blocker = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    blocker.execute("UPDATE tmtool_meta SET value = value")
    timer = threading.Timer(1.5, lambda: blocker.execute("COMMIT"))
    timer.start()
    try:
        started = time.monotonic()
        out = _run_in_process(sets_folder / "sets.tsv", str(db))
        assert out.count("\tok\t") == 2 and out.count("\tunchanged\t") == 2
    finally:
        timer.join()
        blocker.close()
    assert time.monotonic() - started >= 1.0


def test_readers_see_a_consistent_snapshot_during_a_write(
    sets_folder: Path, db_url: str, tmp_path: Path
) -> None:
    """`stats` and `export` during an uncommitted save see the memory as before it; a snapshot
    keeps seeing one state even after another writer commits."""
    from tmtool.batch import BatchJob, read_manifest
    from tmtool.batch.work import align_set, save_set
    from tmtool.store import open_store

    _run_in_process(sets_folder / "sets.tsv", db_url)  # sets 0-3
    job = BatchJob(("nl", "fr"), db_url, presegmented=True)
    fifth = read_manifest(sets_folder / "more" / "sets.tsv", 2)[-1]  # set 5: not stored yet
    result, alignment = align_set(fifth, job)
    assert alignment is not None

    def stats() -> str:
        outcome = CliRunner().invoke(cli, ["stats", "--db", db_url])
        assert outcome.exit_code == 0, outcome.output
        return outcome.stdout.split("runs:")[0]

    def exported(name: str) -> bytes:
        path = tmp_path / name
        outcome = CliRunner().invoke(cli, ["export", "--db", db_url, "-o", str(path)])
        assert outcome.exit_code == 0, outcome.output
        return b"".join(
            line for line in path.read_bytes().splitlines() if b"creationdate" not in line
        )

    before, tmx_before = stats(), exported("before.tmx")
    in_transaction, release = threading.Event(), threading.Event()
    writer = open_store(db_url)

    def hold(_connection: object) -> None:
        in_transaction.set()
        release.wait(30)

    from sqlalchemy import event

    event.listen(writer.engine, "commit", hold)
    thread = threading.Thread(target=save_set, args=(writer, result, alignment))
    thread.start()
    try:
        assert in_transaction.wait(30)
        assert stats() == before  # the set's rows are written, not committed: not visible
        assert exported("during.tmx") == tmx_before
        with open_store(db_url, create=False) as reader, reader.snapshot():
            pinned = reader.stats().units
            release.set()
            thread.join(30)
            assert result.status == "ok"
            assert reader.stats().units == pinned  # still the state the snapshot began with
    finally:
        release.set()
        thread.join(30)
        event.remove(writer.engine, "commit", hold)
        writer.close()
    assert stats() != before
