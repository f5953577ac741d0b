"""Batch throughput: one manifest of many small document sets, run four ways.

    python bench/batch_bench.py --sets 1000            # the issue's 1,000-set manifest
    python bench/batch_bench.py --sets 200 --modes one,local,dask1,dask2

The sets are cut from real parallel text, read in place from the evaluation folder
(``../shared/eval`` or ``$TMTOOL_EVAL_DIR``): the Europarl session's Dutch and French sides, five
silver beads a set, every sentence tagged with its set number so that no two sets are the same
documents. They are written to a temporary folder, deleted afterwards. Without the evaluation data
the seed declarations' gold beads are used instead.

Modes, each a fresh `tmtool align --manifest` process on a fresh SQLite memory:
``one`` (--jobs 1), ``local`` (--jobs = all cores), ``dask1``/``dask2`` (a local `dask scheduler`
and 1 or 2 `dask worker --nthreads 1` processes; this process's client stores the results).
Wall time includes starting the processes and loading the model; CPU time is that of every
process involved (the CLI, its workers, the Dask scheduler and workers), so figures measured on a
machine that others load too can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EUROPARL = "silver_opus_xces_europarl/plain/ep-00-12-15"
BEADS_PER_SET = 5


def default_eval_dir() -> Path:
    return Path(os.environ.get("TMTOOL_EVAL_DIR") or REPO.parent / "shared" / "eval")


def bead_groups(eval_dir: Path) -> tuple[str, list[tuple[list[str], list[str]]]]:
    """(source name, [(Dutch sentences, French sentences)]) from Europarl, else the seeds."""
    base = eval_dir / EUROPARL
    if (base.parent / f"{base.name}.fr-nl.silver").exists():
        from tmtool.evaluate import read_beads

        fr = base.with_suffix(".fr").read_text(encoding="utf-8").splitlines()
        nl = base.with_suffix(".nl").read_text(encoding="utf-8").splitlines()
        groups = [
            ([nl[j] for j in bead.tgt], [fr[i] for i in bead.src])
            for bead in read_beads(base.parent / f"{base.name}.fr-nl.silver")
            if bead.src and bead.tgt
        ]
        return "Europarl ep-00-12-15 nl/fr (silver beads)", groups
    sys.path.insert(0, str(REPO / "tests"))
    from batch_support import seed_bead_groups

    return "seed declarations 000/001 nl/fr (gold beads)", seed_bead_groups()


def write_sets(
    folder: Path, count: int, groups: list[tuple[list[str], list[str]]], beads: int
) -> Path:
    lines = []
    for k in range(count):
        first = (k * beads) % (len(groups) - beads)
        chosen = groups[first : first + beads]
        for lang, side in (("nl", 0), ("fr", 1)):
            text = "\n".join(f"{s} ({k})" for group in chosen for s in group[side]) + "\n"
            (folder / f"set{k:05d}.{lang}.txt").write_text(text, encoding="utf-8")
        lines.append(f"set{k:05d}.nl.txt\tset{k:05d}.fr.txt")
    manifest = folder / "sets.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_cluster(folder: Path, workers: int, env: dict[str, str]) -> tuple[str, list]:
    """A local scheduler and ``workers`` single-threaded worker processes; (address, processes)."""
    scheduler_file = folder / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    dask = [sys.executable, "-m", "dask"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    processes = [
        subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                          "--no-dashboard", "--scheduler-file", str(scheduler_file)], **quiet)
    ]  # fmt: skip
    while not scheduler_file.exists():
        time.sleep(0.1)
    address = json.loads(scheduler_file.read_text())["address"]
    for n in range(workers):
        processes.append(
            subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--no-nanny",
                              "--no-dashboard", "--name", f"w{n}"], **quiet)
        )  # fmt: skip
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(workers, timeout=120)
    return address, processes


def stop(processes: list) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_mode(mode: str, manifest: Path, folder: Path, env: dict[str, str]) -> dict:
    db = folder / f"{mode}-{time.monotonic_ns()}.db"  # a fresh memory for every run
    command = [sys.executable, "-c", "from tmtool.cli import cli; cli()", "align",
               "--manifest", str(manifest), "--langs", "nl,fr", "--presegmented",
               "--db", str(db), "--json"]  # fmt: skip
    cpu_before, wall_start = children_cpu(), time.perf_counter()
    cluster: list = []
    if mode == "one":
        command += ["--jobs", "1"]
    elif mode.startswith("dask"):
        address, cluster = start_cluster(folder, int(mode[4:]), env)
        command += ["--scheduler", address]
        wall_start = time.perf_counter()  # the cluster is up before the run, as in production
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - wall_start
    stop(cluster)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed: {done.stderr.strip()[-500:]}")
    rows = json.loads(done.stdout)["sets"]
    sentences = sum(sum(row["segments"].values()) for row in rows)
    return {
        "mode": mode,
        "sets": len(rows),
        "failed": sum(1 for row in rows if row["status"].startswith("failed")),
        "sentences": sentences,
        "wall_s": round(wall, 1),
        "cpu_s": round(children_cpu() - cpu_before, 1),
        "sets_per_s": round(len(rows) / wall, 2),
        "sentences_per_s": round(sentences / wall, 1),
    }


def declaration_costs(folder: Path, copies: int = 6) -> dict:
    """CPU seconds per set for a whole declaration (seed 000, nl/fr/en) in this process: model
    load once, then read + embed + align and the save into SQLite, averaged over ``copies`` - 1
    distinct copies (the first warms up). The basis of the estimate in bench/RESULTS.md."""
    from tmtool.batch import BatchJob, DocumentSet
    from tmtool.batch.work import align_set, cached_encoder, save_set
    from tmtool.store import open_store

    seed = REPO / "seeds" / "000_ed1ed705a1754cbe"
    job = BatchJob(("nl", "fr", "en"), str(folder / "declarations.db"), skip_stored=False)
    sets = []
    for k in range(copies):
        paths = []
        for suffix in (".txt", ".fr.txt", ".en.txt"):
            path = folder / f"declaration{k}{suffix}"
            text = Path(f"{seed}{suffix}").read_text(encoding="utf-8")
            path.write_text(f"{text}\n\nVersie {k} ({k}).\n", encoding="utf-8")
            paths.append(str(path))
        sets.append(DocumentSet(k + 1, tuple(paths)))
    start = time.process_time()
    cached_encoder(job.encoder, job.encoder_threads)
    load = time.process_time() - start
    aligned = saved = 0.0
    with open_store(job.db) as store:
        for n, doc_set in enumerate(sets):
            start = time.process_time()
            result, alignment = align_set(doc_set, job)
            middle = time.process_time()
            assert alignment is not None, result.status
            save_set(store, result, alignment)
            if n:
                aligned += middle - start
                saved += time.process_time() - middle
    return {
        "segments_per_set": sum(result.segments.values()),
        "units_per_set": result.units_added,
        "model_load_cpu_s": round(load, 2),
        "align_cpu_s_per_set": round(aligned / (copies - 1), 3),
        "save_cpu_s_per_set": round(saved / (copies - 1), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=1000, help="document sets in the manifest")
    parser.add_argument("--modes", default="one,local,dask1,dask2")
    parser.add_argument("--beads-per-set", type=int, default=BEADS_PER_SET)
    parser.add_argument("--no-declaration", action="store_true", help="skip the per-set costs")
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    args = parser.parse_args()

    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    source, groups = bead_groups(args.eval_dir)
    results = []
    with tempfile.TemporaryDirectory(prefix="tmtool-batch-bench-") as tmp:
        folder = Path(tmp)
        manifest = write_sets(folder, args.sets, groups, args.beads_per_set)
        if not args.no_declaration:
            costs = json.dumps(declaration_costs(folder))
            print("one declaration set (seed 000 nl/fr/en):", costs)
        print(
            f"{args.sets} sets of {args.beads_per_set} beads from {source}; {os.cpu_count()} cores"
        )
        for mode in args.modes.split(","):
            result = run_mode(mode, manifest, folder, env)
            results.append(result)
            print(json.dumps(result), flush=True)
    by_mode = {r["mode"]: r for r in results}
    print("\n| mode | sets | sentences | wall s | CPU s | sets/s | sentences/s |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['mode']} | {r['sets']} | {r['sentences']} | {r['wall_s']} | {r['cpu_s']} "
              f"| {r['sets_per_s']} | {r['sentences_per_s']} |")  # fmt: skip
    for slow, fast in (("one", "local"), ("dask1", "dask2")):
        if slow in by_mode and fast in by_mode:
            speedup = by_mode[slow]["wall_s"] / by_mode[fast]["wall_s"]
            print(f"speed-up {slow} → {fast}: {speedup:.2f}×")


if __name__ == "__main__":
    main()
