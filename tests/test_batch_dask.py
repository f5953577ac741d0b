"""The manifest on Dask distributed: a real scheduler and two worker processes on localhost,
results in PostgreSQL, one worker killed (SIGKILL) in the middle of a set's transaction."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import make_manifest, memory_content
from click.testing import CliRunner

from tmtool.batch.faults import ENV as KILL_ENV
from tmtool.cli import cli

pytest.importorskip("distributed", reason="Dask distributed is not installed (tmtool[dask])")

ROOT = Path(__file__).resolve().parent.parent
DASK = [sys.executable, "-m", "dask"]


class LocalCluster:
    """`dask scheduler` and `dask worker` processes, as an administrator would start them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.scheduler_file = folder / "scheduler.json"
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.env = {**os.environ, "PYTHONPATH": path, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}

    def _start(self, name: str, args: list[str], **env: str) -> None:
        log = (self.folder / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            [*DASK, *args], env={**self.env, **env}, stdout=log, stderr=subprocess.STDOUT
        )

    def start(self, workers: dict[str, dict[str, str]]) -> str:
        where = ["--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(self.scheduler_file)]
        self._start("scheduler", ["scheduler", "--no-dashboard", *where])
        deadline = time.monotonic() + 60
        while not self.scheduler_file.exists():
            if time.monotonic() > deadline or self.processes["scheduler"].poll() is not None:
                raise RuntimeError(f"scheduler did not start: {self.log('scheduler')}")
            time.sleep(0.2)
        address = json.loads(self.scheduler_file.read_text())["address"]
        for name, env in workers.items():
            self._start(name, ["worker", address, "--name", name, "--nthreads", "1",
                               "--no-nanny", "--no-dashboard"], **env)  # fmt: skip
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(len(workers), timeout=90)
        return address

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.mark.postgres
def test_killed_worker_tasks_are_retried_and_every_set_stored_once(
    tmp_path: Path, pg_database_url: str
) -> None:
    manifest = make_manifest(tmp_path / "sets", 4)
    reference_db = str(tmp_path / "reference.db")
    options = ["align", "--manifest", str(manifest), "--langs", "nl,fr", "--presegmented"]
    assert CliRunner().invoke(cli, [*options, "--db", reference_db, "--jobs", "1"]).exit_code == 0

    cluster = LocalCluster(tmp_path)
    try:
        # worker "doomed" SIGKILLs itself inside the transaction of the first set it stores
        address = cluster.start({"doomed": {KILL_ENV: "in-transaction:1"}, "steady": {}})
        result = CliRunner().invoke(
            cli, [*options, "--db", pg_database_url, "--scheduler", address]
        )
        assert result.exit_code == 0, result.output + cluster.log("scheduler")
        doomed = cluster.processes["doomed"]
        doomed.wait(timeout=30)
        assert doomed.returncode == -signal.SIGKILL, cluster.log("doomed")
        assert cluster.processes["steady"].poll() is None
    finally:
        cluster.stop()
    assert result.stdout.count("\tok\t") + result.stdout.count("\tunchanged\t") == 4
    assert memory_content(pg_database_url) == memory_content(reference_db)


def test_unreachable_scheduler_is_one_line_error(tmp_path: Path) -> None:
    import dask

    manifest = make_manifest(tmp_path / "sets", 1)
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(
            cli,
            ["align", "--manifest", str(manifest), "--langs", "nl,fr", "--db",
             str(tmp_path / "tm.db"), "--scheduler", "tcp://127.0.0.1:9"],
        )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith("tmtool: error: cannot reach the Dask scheduler")
    assert len(result.stderr.strip().splitlines()) == 1
