"""Lookup benchmarks: match quality per edit type on real parallel data, and lookup speed.

``quality``: builds a memory from the evaluation data (every manifest document pair, each
document once as a source; beads with text on both sides become units), then looks up query
sentences in the four languages the default encoder covers (nl, fr, de, en):

- ``exact``: a memory sentence as it is;
- ``number``: one number changed (sentences with a number only);
- ``insert``/``delete``/``replace``: one word inserted, deleted or replaced by a word of another
  sentence of the same language;
- ``swap``: "A, B." → "B, A." (sentences with a comma between two clauses of 3+ words);
- ``unrelated``: sentences of held-out documents that are not in the memory.

A lookup is right when the proposed unit's source text is the original sentence (whitespace
normalised; duplicates of the sentence in the memory count as right). Top-1 is by fuzzy % (the
ranking CAT tools show), top-3 by semantic similarity; the share of unrelated sentences whose best
% is 75 or more is reported. Nothing is tuned here: thresholds are the library's.

``build`` and ``speed``: a 200-segment document against a memory of 1,000,000 units.

- ``build`` makes the memory with the search benchmark's builder (``bench_memory.build_memory``:
  the eval data's aligned pairs, copies varied by one word and one number, bulk rows plus the
  search index), then stores unit embeddings for the English and Dutch sides. Real USE embeddings
  are computed for every distinct base sentence; embedding a million varied copies would take an
  hour on this machine, so a copy's vector is its base sentence's vector plus Gaussian noise of
  standard deviation ``NOISE_SIGMA`` per dimension, renormalised (expected cosine to the base
  0.95, about what one changed word gives with USE). Vectors go in through
  ``Store.add_embeddings``, and the usearch index is built by ``UnitIndex.open`` as a lookup
  would; both are timed.
- ``speed`` runs in a fresh process: loads the encoder (timed apart: the target is "after model
  load"), then looks up ``--segments`` consecutive sentences of a document of the data (English:
  Europarl; Dutch: Europarl's Dutch side) and reports wall and CPU seconds, the stages and the
  peak resident memory of the process.

    python bench/lookup_bench.py quality [--per-type 300] [--seed 7] [--json OUT]
    python bench/lookup_bench.py build [--units 1000000] [--db bench/out/lookup-1000000.db]
    python bench/lookup_bench.py speed [--lang en] [--segments 200] [--db ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import SKIPPED_DOCS, default_eval_dir, read_lines, read_manifest
from bench_measure import peak_rss_mb

from tmtool.document import Document, Segment, Unit
from tmtool.embed import get_encoder
from tmtool.evaluate import read_beads
from tmtool.lookup import embed_units, lookup_segments
from tmtool.lookup.fuzzy import NUMBER, WORD, tokenize
from tmtool.store import RunInfo, open_store
from tmtool.store.common import normalise_space

QUERY_LANGS = ("nl", "fr", "de", "en")
#: documents kept out of the memory: their sentences are the "unrelated" queries
HELD_OUT = {"test6", "steinbeck", "20081211-STO-44307", "s_3"}
EDITS = ("exact", "number", "insert", "delete", "replace", "swap")
MIN_WORDS, MAX_WORDS = 6, 40


def _document(lang: str, path: str, lines: list[str]) -> Document:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    segments = [Segment(i, text, text) for i, text in enumerate(lines)]
    return Document(lang, segments, digest, path=path, fmt="pre", title=Path(path).name)


def build_memory(db: str, eval_dir: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Store every non-held-out pair; returns memory sentences and held-out ones per language."""
    memory: dict[str, list[str]] = defaultdict(list)
    held: dict[str, list[str]] = defaultdict(list)
    seen_sources: set[str] = set()
    run = RunInfo("gold", "1", {"bench": "lookup"}, "bench", started_at=_now(), aligner="gold")
    with open_store(db) as store:
        for row in read_manifest(eval_dir):
            if (row["set"], row["doc"]) in SKIPPED_DOCS or row["src_file"] in seen_sources:
                continue
            seen_sources.add(row["src_file"])
            src, tgt = row["src_lang"], row["tgt_lang"]
            src_lines = read_lines(eval_dir / row["src_file"])
            tgt_lines = read_lines(eval_dir / row["tgt_file"])
            if row["doc"] in HELD_OUT:
                held[src] += src_lines
                held[tgt] += tgt_lines
                continue
            beads, used = [], set()
            for bead in read_beads(eval_dir / row["align_file"]):
                sides = {(0, i) for i in bead.src} | {(1, j) for j in bead.tgt}
                if bead.src and bead.tgt and not sides & used:  # a few gold files overlap
                    beads.append(bead)
                    used |= sides
            docs = {
                src: _document(src, str(eval_dir / row["src_file"]), src_lines),
                tgt: _document(tgt, str(eval_dir / row["tgt_file"]), tgt_lines),
            }
            units = [Unit({src: b.src, tgt: b.tgt}, 1.0) for b in beads]
            store.save_alignment(docs, units, run)
            for bead in beads:
                if len(bead.src) == 1:
                    memory[src].append(src_lines[bead.src[0]])
                if len(bead.tgt) == 1:
                    memory[tgt].append(tgt_lines[bead.tgt[0]])
    return memory, held


def _now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def words_of(text: str) -> int:
    return sum(1 for t in tokenize(text) if t.kind != "p")


def edit(kind: str, text: str, rng: random.Random, vocabulary: list[str]) -> str | None:
    """``text`` with one edit of ``kind``, or None when the sentence does not allow it."""
    tokens = list(re.finditer(r"\S+", text))
    if kind == "exact":
        return text
    if kind == "number":
        numbers = [t for t in tokenize(text) if t.kind == NUMBER and t.text.isdigit()]
        if not numbers:
            return None
        old = rng.choice(numbers).text
        new = str(int(old) + rng.randint(1, 9))
        return re.sub(rf"(?<!\d){old}(?!\d)", new, text, count=1)
    if kind == "swap":
        parts = text.rstrip(".!?;").split(", ")
        if len(parts) != 2 or min(words_of(p) for p in parts) < 3:
            return None
        end = text[len(text.rstrip(".!?;")) :]
        first, second = parts
        if first[:1].isupper() and not first.split()[0].isupper():
            first = first[:1].lower() + first[1:]
        return f"{second[:1].upper()}{second[1:]}, {first}{end}"
    words = [m for m in tokens if any(t.kind == WORD for t in tokenize(m.group()))]
    if len(words) < MIN_WORDS:
        return None
    if kind == "insert":
        at = rng.choice(tokens)
        return f"{text[: at.start()]}{rng.choice(vocabulary)} {text[at.start() :]}"
    target = rng.choice(words[1:])
    if kind == "delete":
        return normalise_space(f"{text[: target.start()]}{text[target.end() :]}")
    if kind == "replace":
        word = rng.choice(vocabulary)
        return f"{text[: target.start()]}{word}{text[target.end() :]}"
    raise ValueError(kind)


def make_queries(
    memory: dict[str, list[str]], held: dict[str, list[str]], per_type: int, seed: int
) -> dict[str, list[tuple[str, str, str]]]:
    """edit type → [(lang, query, original)]; ``unrelated`` queries have original ""."""
    rng = random.Random(seed)
    pool = [
        (lang, text)
        for lang in QUERY_LANGS
        for text in dict.fromkeys(memory.get(lang, []))
        if MIN_WORDS <= words_of(text) <= MAX_WORDS
    ]
    vocabulary = {
        lang: sorted({w for text in memory.get(lang, []) for w in re.findall(r"\w{4,}", text)})
        for lang in QUERY_LANGS
    }
    queries: dict[str, list[tuple[str, str, str]]] = {}
    for kind in EDITS:
        rng.shuffle(pool)
        chosen = []
        for lang, text in pool:
            edited = edit(kind, text, rng, vocabulary[lang])
            if edited is not None and (kind == "exact" or edited != text):
                chosen.append((lang, edited, text))
            if len(chosen) == per_type:
                break
        queries[kind] = chosen
    known = {normalise_space(t) for texts in memory.values() for t in texts}
    unrelated = [
        (lang, text, "")
        for lang in QUERY_LANGS
        for text in dict.fromkeys(held.get(lang, []))
        if MIN_WORDS <= words_of(text) <= MAX_WORDS and normalise_space(text) not in known
    ]
    rng.shuffle(unrelated)
    queries["unrelated"] = unrelated[:per_type]
    return queries


def evaluate(db: str, queries: dict[str, list[tuple[str, str, str]]]) -> dict[str, dict]:
    encoder = get_encoder("use")
    results: dict[str, dict] = {}
    with open_store(db, create=False) as store:
        langs = store.languages()
        for lang in QUERY_LANGS:
            embed_units(store, encoder, lang)
        for kind, items in queries.items():
            counts: dict[str, float] = defaultdict(float)
            started = time.perf_counter()
            for lang in QUERY_LANGS:
                mine = [(q, o) for lg, q, o in items if lg == lang]
                if not mine:
                    continue
                targets = [other for other in langs if other != lang]
                found = lookup_segments(store, [q for q, _ in mine], encoder, lang, targets)
                for (_, original), segment in zip(mine, found.segments, strict=True):
                    _score(counts, segment, original)
            counts["seconds"] = time.perf_counter() - started
            results[kind] = _summary(kind, counts)
    return results


def _score(counts: dict[str, float], segment, original: str) -> None:
    counts["n"] += 1
    best = segment.matches[0] if segment.matches else None
    if not original:
        counts["matched_75"] += bool(best and best.percent >= 75)
        counts["matched_50"] += bool(best and best.percent >= 50)
        return
    right = normalise_space(original)
    counts["top1"] += bool(best and normalise_space(best.source) == right)
    counts["top1_at_100"] += bool(
        best and best.percent >= 100 and best.source.strip() == original.strip()
    )
    by_meaning = sorted(segment.matches, key=lambda m: -m.semantic)[:3]
    counts["semantic_top3"] += any(normalise_space(m.source) == right for m in by_meaning)
    counts["fuzzy_top3"] += any(normalise_space(m.source) == right for m in segment.matches[:3])
    counts["percent_sum"] += best.percent if best else 0
    counts["numbers_flagged"] += bool(best and best.numbers)


def _summary(kind: str, counts: dict[str, float]) -> dict:
    n = int(counts["n"]) or 1
    out = {"queries": int(counts["n"]), "seconds": round(counts["seconds"], 1)}
    if kind == "unrelated":
        out["matched_75"] = counts["matched_75"] / n
        out["matched_50"] = counts["matched_50"] / n
        return out
    for key in ("top1", "top1_at_100", "fuzzy_top3", "semantic_top3", "numbers_flagged"):
        out[key] = counts[key] / n
    out["mean_best_percent"] = counts["percent_sum"] / n
    return out


def print_table(results: dict[str, dict], units: int) -> None:
    print(f"memory: {units} units")
    print(
        "| queries | n | top-1 (fuzzy %) | exact at 100% | top-3 by semantic | top-3 by % "
        "| mean best % | numbers flagged | unrelated ≥75% | s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind, row in results.items():
        if kind == "unrelated":
            print(
                f"| {kind} | {row['queries']} | | | | | | | "
                f"{row['matched_75']:.1%} (≥50%: {row['matched_50']:.1%}) | {row['seconds']} |"
            )
            continue
        print(
            f"| {kind} | {row['queries']} | {row['top1']:.1%} | {row['top1_at_100']:.1%} | "
            f"{row['semantic_top3']:.1%} | {row['fuzzy_top3']:.1%} | "
            f"{row['mean_best_percent']:.1f} | {row['numbers_flagged']:.1%} | | {row['seconds']} |"
        )


def quality(args: argparse.Namespace) -> int:
    eval_dir = Path(args.eval_dir) if args.eval_dir else default_eval_dir()
    if not (eval_dir / "MANIFEST.tsv").exists():
        print(f"no evaluation data in {eval_dir}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "quality.db")
        started = time.perf_counter()
        memory, held = build_memory(db, eval_dir)
        built = time.perf_counter() - started
        queries = make_queries(memory, held, args.per_type, args.seed)
        results = evaluate(db, queries)
        with open_store(db, create=False) as store:
            units = store.stats().units
    print(f"built in {built:.0f} s; peak RSS {peak_rss_mb():.0f} MB")
    print_table(results, units)
    if args.json:
        Path(args.json).write_text(json.dumps({"units": units, "results": results}, indent=1))
    return 0


NOISE_SIGMA = 0.0145  # 512 × σ² ≈ 0.108 → expected cosine 1 / sqrt(1.108) ≈ 0.95
SPEED_LANGS = ("en", "nl")
#: the looked-up documents: consecutive sentences of one file of the data, by language
SPEED_SOURCES = {
    "en": "silver_opus_xces_europarl/plain/ep-00-12-15.en",
    "nl": "silver_opus_xces_europarl/plain/ep-00-12-15.nl",
}


def build(args: argparse.Namespace) -> int:
    import numpy as np
    from bench_memory import build_memory, parallel_pairs

    from tmtool.lookup.ann import UnitIndex, to_bytes

    eval_dir = Path(args.eval_dir) if args.eval_dir else default_eval_dir()
    if not (eval_dir / "MANIFEST.tsv").exists():
        print(f"no evaluation data in {eval_dir}; nothing to build")
        return 0
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    pairs = parallel_pairs(eval_dir)
    started = time.perf_counter()
    if args.reuse and db.exists():  # e.g. a copy of search_bench.py's memory: the same builder
        print(f"memory: {db} as it is", flush=True)
    else:
        built = build_memory(db, pairs, args.units)
        del built.texts
        print(
            f"memory: {args.units} units, insert {built.insert_s:.0f} s, "
            f"search index {built.index_s:.0f} s, {built.size_mb:.0f} MB",
            flush=True,
        )
    encoder = get_encoder("use")
    signature = encoder.signature()
    for lang in SPEED_LANGS:
        t0 = time.perf_counter()
        bases = sorted(
            {
                text
                for pair in pairs
                for side_lang, text in ((pair.src_lang, pair.src), (pair.tgt_lang, pair.tgt))
                if side_lang == lang
            }
        )
        base_vectors = dict(zip(bases, encoder.encode(bases), strict=True))
        t1 = time.perf_counter()
        rng = np.random.default_rng(7)
        rows: list[tuple[int, bytes]] = []
        count = 0
        with open_store(str(db), create=False) as store:
            # unit n + 1 is copy n // len(pairs) of pairs[n % len(pairs)] (bench_memory)
            for n in range(args.units):
                copy, index = divmod(n, len(pairs))
                pair = pairs[index]
                sides = {pair.src_lang: pair.src, pair.tgt_lang: pair.tgt}
                if lang not in sides:
                    continue
                unit_id = n + 1
                vector = base_vectors[sides[lang]]
                if copy:
                    vector = vector + rng.normal(0.0, NOISE_SIGMA, vector.shape)
                    vector = vector / np.linalg.norm(vector)
                rows.append((unit_id, to_bytes(vector)))
                if len(rows) == 20_000:
                    store.add_embeddings(signature, lang, rows)
                    count += len(rows)
                    rows = []
            store.add_embeddings(signature, lang, rows)
            count += len(rows)
            t2 = time.perf_counter()
            index = UnitIndex(store, signature, lang, encoder.dim).open()
            t3 = time.perf_counter()
        print(
            f"{lang}: {len(bases)} base sentences embedded in {t1 - t0:.0f} s; {count} vectors "
            f"stored in {t2 - t1:.0f} s; usearch index of {index.rows} built in {t3 - t2:.0f} s "
            f"({index.path.stat().st_size / 1e6:.0f} MB)",
            flush=True,
        )
    print(f"build total {time.perf_counter() - started:.0f} s; peak RSS {peak_rss_mb():.0f} MB")
    return 0


def speed(args: argparse.Namespace) -> int:
    import os
    from collections import Counter

    from tmtool.lookup import band

    eval_dir = Path(args.eval_dir) if args.eval_dir else default_eval_dir()
    db = Path(args.db)
    if not db.exists():
        print(f"no memory at {db}; run `lookup_bench.py build` first")
        return 0
    lines = [line for line in read_lines(eval_dir / SPEED_SOURCES[args.lang]) if line.strip()]
    texts = lines[args.start : args.start + args.segments]
    t0 = time.perf_counter()
    encoder = get_encoder("use")
    encoder.encode(["warm up"])
    load_s = time.perf_counter() - t0
    with open_store(str(db), create=False) as store:
        targets = [lang for lang in store.languages() if lang != args.lang]
        wall0, cpu0 = time.perf_counter(), time.process_time()
        result = lookup_segments(store, texts, encoder, args.lang, targets)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    bands = Counter(band(segment, args.to) for segment in result.segments)
    best = Counter()
    for segment in result.segments:
        top = segment.matches[0].percent if segment.matches else 0
        best["≥75%"] += top >= 75
    load = os.getloadavg()
    print(
        f"lookup of {len(texts)} {args.lang} segments against {db.name}: "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU (encoder load {load_s:.1f} s apart); "
        f"peak RSS {peak_rss_mb():.0f} MB; load average {load[0]:.1f}"
    )
    print(f"segments with a match ≥75%: {best['≥75%']}; bands for {args.to}: {dict(bands)}")
    print("stages:", json.dumps({k: round(v, 2) for k, v in result.timings.items()}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    q = sub.add_parser("quality", help="match quality per edit type")
    q.add_argument("--per-type", type=int, default=300)
    q.add_argument("--seed", type=int, default=7)
    q.add_argument("--eval-dir")
    q.add_argument("--json")
    default_db = str(Path(__file__).resolve().parent / "out" / "lookup-1000000.db")
    b = sub.add_parser("build", help="the 1M-unit memory with unit embeddings and index")
    b.add_argument("--units", type=int, default=1_000_000)
    b.add_argument("--reuse", action="store_true", help="keep an existing --db's units")
    b.add_argument("--db", default=default_db)
    b.add_argument("--eval-dir")
    sp = sub.add_parser("speed", help="a 200-segment lookup against the built memory")
    sp.add_argument("--db", default=default_db)
    sp.add_argument("--lang", choices=SPEED_LANGS, default="en")
    sp.add_argument("--segments", type=int, default=200)
    sp.add_argument("--start", type=int, default=100)
    sp.add_argument("--to", default="fr", help="the language whose analysis bands are shown")
    sp.add_argument("--eval-dir")
    args = parser.parse_args(argv)
    return {"quality": quality, "build": build, "speed": speed}[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
