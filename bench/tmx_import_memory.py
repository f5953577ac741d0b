"""Benchmark: import a 100,000-unit TMX into a fresh SQLite memory within 300 MB peak memory.

Generates the TMX file in a temporary folder (streamed, never held in memory), imports it with
``tmtool.exchange.import_tmx``, then prints units per second and the peak resident set size
(``getrusage``). Exits 1 when the peak exceeds the limit.

    python bench/tmx_import_memory.py [--units 100000] [--limit-mb 300]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from tmtool.exchange import import_tmx
from tmtool.store import open_store

WORDS_NL = [
    "de",
    "het",
    "een",
    "minister",
    "regering",
    "verklaring",
    "artikel",
    "wet",
    "federale",
    "samenwerking",
]
WORDS_FR = [
    "le",
    "la",
    "un",
    "ministre",
    "gouvernement",
    "déclaration",
    "article",
    "loi",
    "fédérale",
    "coopération",
]
WORDS_EN = [
    "the",
    "a",
    "minister",
    "government",
    "statement",
    "article",
    "law",
    "federal",
    "cooperation",
]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports kilobytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + f" ({n})."


def generate(path: Path, units: int, seed: int = 7) -> None:
    """Write a TMX file with ``units`` nl/fr units (every third also English), streamed."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="bench"'
            ' adminlang="en" srclang="nl-BE" datatype="plaintext"/>\n<body>\n'
        )
        for n in range(units):
            sides = [("nl-BE", WORDS_NL), ("fr-BE", WORDS_FR)]
            if n % 3 == 0:
                sides.append(("en-GB", WORDS_EN))
            tuvs = "".join(
                f'<tuv xml:lang="{tag}"><seg>{escape(sentence(rng, words, n))}</seg></tuv>'
                for tag, words in sides
            )
            out.write(
                f'<tu tuid="bench-{n}" creationdate="20240101T120000Z">'
                f'<prop type="x-score">0.{n % 10}000</prop>{tuvs}</tu>\n'
            )
        out.write("</body>\n</tmx>\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--limit-mb", type=float, default=300.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tmtool-bench-") as folder:
        tmx = Path(folder) / "bench.tmx"
        started = time.perf_counter()
        generate(tmx, args.units)
        print(
            f"generated {args.units} units ({tmx.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s; peak RSS so far {peak_rss_mb():.0f} MB"
        )
        with open_store(str(Path(folder) / "bench.db")) as store:
            started = time.perf_counter()
            report = import_tmx(store, tmx)
            elapsed = time.perf_counter() - started
            stored = store.stats().units
        peak = peak_rss_mb()
    print(report.summary())
    rate = report.imported / elapsed
    print(f"imported {report.imported} units in {elapsed:.1f} s: {rate:,.0f} units/s")
    print(f"stored units: {stored}; peak RSS {peak:.0f} MB (limit {args.limit_mb:.0f} MB)")
    if report.imported != args.units or stored != args.units:
        print("FAIL: not every unit was imported", file=sys.stderr)
        return 1
    if peak > args.limit_mb:
        print(f"FAIL: peak memory {peak:.0f} MB exceeds {args.limit_mb:.0f} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
