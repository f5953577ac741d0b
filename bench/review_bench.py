"""Benchmark: server time of the review pages on a large document set (target: < 1 s at 5,000).

Builds a memory with one synthetic nl/fr/en document set of ``--units`` units (a tenth of them
2-2-1 beads, scores spread over [0, 1]) in a temporary folder, then requests each page through
the real application in process (Starlette's test client, no network) and prints, per page, the
median wall and CPU milliseconds of ``--repeat`` requests as the app itself measures them (its
``Server-Timing`` header). Exits 1 when a median exceeds ``--limit-ms`` of CPU time.

    python bench/review_bench.py [--units 5000] [--repeat 5] [--backend sqlite|URL]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from starlette.testclient import TestClient

from tmtool.document import Document, Segment, Unit
from tmtool.review import ReviewSettings, create_app
from tmtool.store import RunInfo, open_store

PHRASES = {
    "nl": "de minister verklaart dat het federale parlement de wet van artikel",
    "fr": "le ministre déclare que le parlement fédéral la loi de article",
    "en": "the minister declares that the federal parliament the law of article",
}


def sentence(lang: str, i: int) -> str:
    words = PHRASES[lang].split()
    return " ".join(words[(i * 7 + k) % len(words)] for k in range(6 + i % 9)) + f" {i}."


def synthetic_set(n_units: int) -> tuple[dict[str, Document], list[Unit]]:
    """Documents and beads: every tenth unit a 2-2-1 bead, the others 1-1-1."""
    counts = {"nl": 0, "fr": 0, "en": 0}
    beads = []
    for u in range(n_units):
        sizes = {"nl": 2, "fr": 2, "en": 1} if u % 10 == 9 else {"nl": 1, "fr": 1, "en": 1}
        sides = {}
        for lang, size in sizes.items():
            sides[lang] = tuple(range(counts[lang], counts[lang] + size))
            counts[lang] += size
        beads.append(Unit(sides, ((u * 7919) % 1000) / 1000))
    docs = {}
    for lang, n in counts.items():
        texts = [sentence(lang, i) for i in range(n)]
        digest = hashlib.sha256(f"review-bench|{lang}|{n}".encode()).hexdigest()
        segs = [Segment(i, text, text) for i, text in enumerate(texts)]
        docs[lang] = Document(lang, segs, digest, title=f"bench-{lang}")
    return docs, beads


def timed(client: TestClient, url: str, repeat: int) -> tuple[float, float, int]:
    """Median wall and CPU milliseconds of the app's own Server-Timing, and the page size."""
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        response = client.get(url)
        response.raise_for_status()
        timing = response.headers["server-timing"]
        walls.append(float(re.search(r"app;dur=([\d.]+)", timing)[1]))
        cpus.append(float(re.search(r"cpu;dur=([\d.]+)", timing)[1]))
        size = len(response.content)
    return statistics.median(walls), statistics.median(cpus), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--limit-ms", type=float, default=1000.0)
    parser.add_argument("--backend", default="sqlite", help="sqlite, or a PostgreSQL URL")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "bench.db") if args.backend == "sqlite" else args.backend
        with open_store(target) as store:
            docs, beads = synthetic_set(args.units)
            started = time.perf_counter()
            run = RunInfo("bench", "1", {}, "0", datetime.now(timezone.utc))
            store.save_alignment(docs, beads, run)
            print(f"stored {len(beads)} units in {time.perf_counter() - started:.1f} s")
            app = create_app(store, hosts={"testserver"}, settings=ReviewSettings(args.page_size))
            client = TestClient(app)
            pages = -(-args.units // args.page_size)
            urls = {
                "overview": "/",
                "set, first page": "/sets/1",
                "set, last page": f"/sets/1?page={pages}",
                "not reviewed, lowest confidence first": "/sets/1?open=1&order=score",
                "search 'parlement'": "/sets/1?q=parlement",
                "search 'phrase, prefix'": "/sets/1?q=%22minister+verklaart%22+artik*",
                "edit page of a unit": "/sets/1/units/4999/edit",
            }
            client.get("/sets/1")  # warm-up: templates compiled, connection pool filled
            print(f"| page ({args.units} units, {args.page_size} a page) | wall ms | CPU ms | KB |")
            print("|---|---:|---:|---:|")
            worst = 0.0
            for name, url in urls.items():
                wall, cpu, size = timed(client, url, args.repeat)
                worst = max(worst, cpu)
                print(f"| {name} | {wall:.0f} | {cpu:.0f} | {size / 1024:.0f} |")
    met = worst < args.limit_ms
    print(
        f"target: every page < {args.limit_ms:.0f} ms of server CPU: {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
