"""Search benchmark: query time on a large memory, and agreement with a brute-force scan.

```sh
.venv/bin/python bench/search_bench.py                      # 1,000,000 units, 200 queries
.venv/bin/python bench/search_bench.py --units 50000        # a quick check
.venv/bin/python bench/search_bench.py --write bench/RESULTS.md
```

The memory (``bench/out/search-<N>.db``, git-ignored) is built by ``bench_memory.build_memory``
from the real parallel data in ``../shared/eval`` (or ``$TMTOOL_EVAL_DIR``): every aligned pair,
then varied copies up to N units. The queries are drawn from that data with a fixed seed: single
words, two-word queries, quoted three-word phrases, ``prefix*`` queries, words typed without
accents in capitals, and infixes of long words (the inside of a compound).

For each query it measures ``tmtool.search.search`` (top 20, with the hits' translations loaded),
wall and CPU time; then it asks the index for every match (no limit) and compares it with a
brute-force scan of all texts, folded by the bench (``ScanCorpus``): a hit the scan finds and the
index does not is *missed*; the match groups must agree too, and the top 20 must be the best.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import time
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import REPO, default_eval_dir
from bench_memory import Pair, build_memory, parallel_pairs

from tmtool.fold import fold
from tmtool.search import Query, candidate_units, matching_rows, parse_query, search, tier_of
from tmtool.store import open_store

TARGET_MEDIAN_MS = 50.0
_WORD = re.compile(r"[^\W\d_]+")


def _strip_accents(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
    ).upper()


def make_queries(pairs: list[Pair], count: int = 200, seed: int = 11) -> list[tuple[str, str]]:
    """(kind, query) drawn from the data: words, pairs of words, phrases, prefixes, infixes."""
    rng = random.Random(seed)
    kinds = [
        ("word", 0.30),
        ("two words", 0.20),
        ("phrase", 0.15),
        ("prefix", 0.15),
        ("no accents", 0.10),
        ("infix", 0.10),
    ]
    queries: list[tuple[str, str]] = []
    for kind, share in kinds:
        wanted = round(count * share)
        made = 0
        while made < wanted:
            pair = rng.choice(pairs)
            words = _WORD.findall(rng.choice((pair.src, pair.tgt)))
            long_words = [w for w in words if len(w) >= 6]
            if kind == "word" and long_words:
                query = rng.choice(long_words)
            elif kind == "two words" and len(words) >= 2:
                i = rng.randrange(len(words) - 1)
                query = f"{words[i]} {words[i + 1]}"
            elif kind == "phrase" and len(words) >= 3:
                i = rng.randrange(len(words) - 2)
                query = '"' + " ".join(words[i : i + 3]) + '"'
            elif kind == "prefix" and long_words:
                word = rng.choice(long_words)
                query = word[: rng.randint(4, 5)] + "*"
            elif kind == "no accents":
                accented = [w for w in words if not w.isascii() and len(w) >= 4]
                if not accented:
                    continue
                query = _strip_accents(rng.choice(accented))
            elif kind == "infix":
                compounds = [w for w in words if len(w) >= 11]
                if not compounds:
                    continue
                word = rng.choice(compounds)
                start = rng.randint(2, len(word) - 8)
                query = word[start : start + 6]
            else:
                continue
            queries.append((kind, query))
            made += 1
    return queries[:count]


class ScanCorpus:
    """Every unit text, folded by the bench, in one string: a brute-force scan with ``str.find``.

    No index is involved: each needle is searched through all texts (C speed), and each text
    that holds one gets its tier from ``tier_of``, the reference definition.
    """

    def __init__(self, texts: list[tuple[int, str, str]]) -> None:
        self.keys = [(unit_id, lang) for unit_id, lang, _ in texts]
        self.folded = [fold(text) for _, _, text in texts]
        self.starts = list(accumulate((len(f) + 1 for f in self.folded[:-1]), initial=0))
        self.text = "\n".join(self.folded)  # needles hold no newline: no match spans two texts

    def scan(self, query: Query) -> dict[tuple[int, str], tuple[int, int]]:
        """(unit id, language) → (tier, needles found) of every matching text."""
        holders: set[int] = set()
        for needle in query.needles:
            position = self.text.find(needle)
            while position != -1:
                index = bisect_right(self.starts, position) - 1
                holders.add(index)
                following = index + 1
                if following == len(self.starts):
                    break
                position = self.text.find(needle, self.starts[following])
        return {self.keys[i]: tier_of(self.folded[i], query) for i in holders}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--db", type=Path, help="default bench/out/search-<units>.db")
    parser.add_argument("--reuse", action="store_true", help="use an existing --db as it is")
    parser.add_argument("--write", type=Path, help="update the Search section of this page")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "MANIFEST.tsv").exists():
        print(f"search bench skipped: no evaluation data in {args.eval_dir}")
        return 0
    pairs = parallel_pairs(args.eval_dir)
    db = args.db or REPO / "bench" / "out" / f"search-{args.units}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    print(f"{len(pairs)} aligned pairs from {args.eval_dir.name}; memory {db}", flush=True)

    cpu0 = time.process_time()
    if args.reuse and db.exists():
        from bench_memory import varied_units

        texts = [
            (unit_id, lang, text)
            for unit_id, (_, pair) in enumerate(varied_units(pairs, args.units), 1)
            for lang, text in ((pair.src_lang, pair.src), (pair.tgt_lang, pair.tgt))
        ]
        build = None
    else:
        build = build_memory(db, pairs, args.units)
        texts = build.texts
        print(
            f"built {args.units} units: insert {build.insert_s:.0f} s, "
            f"search index {build.index_s:.0f} s, {build.size_mb:.0f} MB",
            flush=True,
        )
    corpus = ScanCorpus(texts)
    del texts
    queries = make_queries(pairs, args.queries)
    print(f"folded {len(corpus.keys)} texts ({time.process_time() - cpu0:.0f} s CPU)", flush=True)

    wall_ms, cpu_ms, missed, extra, tier_errors, order_errors, hits_total = [], [], 0, 0, 0, 0, 0
    with open_store(str(db), create=False) as store, store.engine.connect() as conn:
        search(conn, parse_query("warm up"), limit=20)
        for _, text in queries:
            query = parse_query(text)
            t0, c0 = time.perf_counter(), time.process_time()
            search(conn, query, limit=20)
            wall_ms.append((time.perf_counter() - t0) * 1000)
            cpu_ms.append((time.process_time() - c0) * 1000)
            every = {
                (r.unit_id, r.lang): (tier, found)
                for r, tier, found in matching_rows(conn, query, limit=None)
            }
            scanned = corpus.scan(query)
            hits_total += len(scanned)
            missed += len(scanned.keys() - every.keys())
            extra += len(every.keys() - scanned.keys())
            tier_errors += sum(1 for key, rank in every.items() if scanned.get(key, rank) != rank)
            top = [(tier, found) for _, tier, found in matching_rows(conn, query, limit=20)]
            if top != sorted(scanned.values(), reverse=True)[:20]:
                order_errors += 1
        # lookup's fuzzy prefilter on whole sentences of the data, 50 candidates each
        rng = random.Random(5)
        sentences = [rng.choice(pairs) for _ in range(args.queries)]
        prefilter_ms = []
        for pair in sentences:
            t0 = time.perf_counter()
            candidate_units(conn, pair.src, pair.src_lang, 50)
            prefilter_ms.append((time.perf_counter() - t0) * 1000)
    load = os.getloadavg()
    median = statistics.median(wall_ms)
    lines = [
        "## Search",
        "",
        "Written by `bench/search_bench.py --write`.",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, shared with "
        f"other jobs (load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}), so wall times "
        "are pessimistic; CPU times are given too",
        f"- Memory: {args.units:,} units ({len(corpus.keys):,} unit texts) from "
        f"{len(pairs):,} aligned pairs of ../shared/eval, copies varied (one word swapped, a "
        f"number changed); SQLite {sqlite3.sqlite_version}, FTS5 trigram"
        + (
            f"; bulk insert {build.insert_s:.0f} s, search index {build.index_s:.0f} s, "
            f"database {build.size_mb:,.0f} MB"
            if build
            else ""
        ),
        f"- Queries: {len(queries)} drawn from the data (words, two words, quoted phrases, "
        "prefix*, words without accents in capitals, infixes of long words); top 20 with "
        "translations",
        "",
        "| measure | value | target |",
        "|---|--:|---|",
        f"| median query time (wall) | {median:.1f} ms | < {TARGET_MEDIAN_MS:.0f} ms: "
        f"{'met' if median < TARGET_MEDIAN_MS else 'NOT met'} |",
        f"| median query time (CPU) | {statistics.median(cpu_ms):.1f} ms | |",
        f"| 90th percentile / max (wall) | {percentile(wall_ms, 0.9):.1f} / {max(wall_ms):.1f} ms"
        " | |",
        f"| lookup prefilter `candidate_units`, median / 90th pct. ({len(prefilter_ms)} "
        f"sentences) | {statistics.median(prefilter_ms):.1f} / {percentile(prefilter_ms, 0.9):.1f}"
        " ms | |",
        f"| hits of the brute-force scan (all queries) | {hits_total:,} | |",
        f"| missed by the index | {missed} | 0: {'met' if missed == 0 else 'NOT met'} |",
        f"| found by the index, not the scan | {extra} | 0 |",
        f"| hits in another group (tier, words found) than the scan's | {tier_errors} | 0 |",
        f"| queries whose top 20 are not the best groups | {order_errors} | 0 |",
    ]
    print("\n".join(lines))
    if args.write:
        write_section(args.write, lines)
    return 0 if missed == extra == tier_errors == order_errors == 0 else 1


def write_section(page: Path, lines: list[str]) -> None:
    """Replace (or append) the ``## Search`` section of ``page``."""
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    section = "\n".join(lines) + "\n"
    match = re.search(r"^## Search\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
    if match:
        rest = text[match.end() :]
        text = text[: match.start()] + section + ("\n" + rest if rest else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    page.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
