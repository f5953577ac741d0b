"""Benchmark: wall and CPU time of `tmtool align` on a short pair (issue 10, section 6).

Target: under 1.5 s wall time for two files of about 40 sentences. The pair is the first
paragraphs of seed 000 (Dutch and the project's French, 40 Dutch sentences), written to a
temporary folder. Each repeat runs the real command in a fresh process, as a translator would,
storing into a fresh SQLite memory; the first run (which builds tmtool's caches and writes the
compiled modules) is reported apart. The machine may be shared: CPU time (user + system of the
child) is reported next to wall time because it grows much less under load, and
``--compare ROOT`` times another checkout of tmtool (e.g. the main branch) in alternation with
this one, so both see the same load.

    python bench/startup_bench.py [--repeats 7] [--compare ../main] [--nice 10]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ed1ed705a1754cbe"
SENTENCES = 40  # Dutch sentences in the short pair
TARGET_S = 1.5


@dataclass
class Timings:
    """Wall and CPU seconds of each run of one tmtool checkout."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"| {self.label} | {statistics.median(self.wall):.2f} | {min(self.wall):.2f} | "
            f"{statistics.median(self.cpu):.2f} | {min(self.cpu):.2f} | {len(self.wall)} |"
        )


def short_pair(folder: Path) -> tuple[Path, Path]:
    """The first paragraphs of seed 000 in Dutch and French: ``SENTENCES`` Dutch sentences and
    the French paragraphs that hold their counterparts (by the seed's gold alignment)."""
    from tmtool.evaluate import read_beads
    from tmtool.prepare import prepare_text

    def first_paragraphs(path: Path, lang: str, sentences: int) -> str:
        paragraphs = [p for p in re.split(r"\n\s*\n", path.read_text("utf-8")) if p.strip()]
        for count in range(1, len(paragraphs) + 1):
            text = "\n\n".join(paragraphs[:count]) + "\n"
            if len(prepare_text(text, lang).segments) >= sentences:
                return text
        raise SystemExit(f"{path} has fewer than {sentences} sentences")

    gold = read_beads(SEED.with_name(SEED.name + ".nl-fr.gold"))
    french = 1 + max(j for bead in gold for j in bead.tgt if bead.src and max(bead.src) < SENTENCES)
    paths = folder / "nl.txt", folder / "fr.txt"
    paths[0].write_text(first_paragraphs(SEED.with_suffix(".txt"), "nl", SENTENCES), "utf-8")
    paths[1].write_text(
        first_paragraphs(SEED.with_name(SEED.name + ".fr.txt"), "fr", french), "utf-8"
    )
    return paths


def run_once(root: Path, files: tuple[Path, Path], db: Path, nice: int) -> tuple[float, float, str]:
    """One `tmtool align` in a fresh process importing tmtool from ``root``: wall, CPU, stdout."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("TMTOOL_DB", None)
    # as an installed tmtool: the first run leaves the compiled modules (__pycache__) behind, so
    # the timed runs do not compile ~70 modules each (0.15-0.2 s) where this variable is set
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "tmtool", "align", *map(str, files), "--db", str(db)]
    if nice:
        command = ["nice", "-n", str(nice), *command]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=root)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"tmtool align failed ({root}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per checkout")
    parser.add_argument("--compare", type=Path, help="another tmtool checkout to time alongside")
    parser.add_argument("--nice", type=int, default=0, help="run the commands under nice -n N")
    args = parser.parse_args()

    roots = {"this checkout": REPO}
    if args.compare:
        roots[f"{args.compare} (compared)"] = args.compare.resolve()
    with tempfile.TemporaryDirectory(prefix="tmtool-startup-") as tmp:
        folder = Path(tmp)
        files = short_pair(folder)
        counts = [len(paragraph_sentences(path)) for path in files]
        print(f"pair: {files[0].name} {counts[0]} lines, {files[1].name} {counts[1]} lines")
        first = {}
        for label, root in roots.items():  # first run: builds caches, warms the page cache
            wall, cpu, stdout = run_once(root, files, folder / f"first-{len(first)}.db", args.nice)
            first[label] = (wall, cpu)
            print(f"first run, {label}: wall {wall:.2f} s, CPU {cpu:.2f} s")
            print("  " + "\n  ".join(stdout.strip().splitlines()[:2]))
        timings = {label: Timings(label) for label in roots}
        for n in range(args.repeats):  # alternate, so that every checkout sees the same load
            for label, root in roots.items():
                db = folder / f"run-{n}-{len(timings[label].wall)}-{hash(label) & 0xFFFF}.db"
                wall, cpu, _ = run_once(root, files, db, args.nice)
                timings[label].wall.append(wall)
                timings[label].cpu.append(cpu)
    load = os.getloadavg()
    print()
    print(f"`tmtool align` on the short pair, {args.repeats} runs each"
          f"{f' under nice -n {args.nice}' if args.nice else ''}; "
          f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on "
          f"{os.cpu_count()} cores")  # fmt: skip
    print()
    print("| tmtool | wall median (s) | wall min (s) | CPU median (s) | CPU min (s) | runs |")
    print("|---|---|---|---|---|---|")
    for timing in timings.values():
        print(timing.line())
    mine = timings["this checkout"]
    met = min(mine.wall) < TARGET_S
    print()
    print(
        f"target: wall < {TARGET_S} s — best run {min(mine.wall):.2f} s, median "
        f"{statistics.median(mine.wall):.2f} s ({'met' if met else 'not met'} by the best run)"
    )
    return 0


def paragraph_sentences(path: Path) -> list[str]:
    from tmtool.prepare import prepare_document

    lang = "nl" if path.stem == "nl" else "fr"
    return [s.text for s in prepare_document(path, lang).segments]


if __name__ == "__main__":
    sys.exit(main())
