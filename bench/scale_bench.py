"""Scale of one document pair: peak memory and time of aligning N distinct sentences per side.

The pair is built from hunalign's hand-aligned Hungarian-English documents (a news article and two
novels, 14,344 × 14,133 sentences), copied as often as needed; every sentence of copy ``c``
gets `` [c]`` on both sides (`` [c.r]`` for the r-th repeat of a line within a copy, such
as a heading), so no two sentences of a side are equal and deduplication cannot make the run
cheap. The marker goes before the sentence's final punctuation, so that a sentence still ends
the way the aligner's soft-end evidence expects (appended after it, every line read as a
clause cut short, and strict F1 fell from 0.958 to 0.918 for that reason alone). Copies are
concatenated (gold shifted) and the last one is cut at a gold bead boundary once the source
side has N sentences. Each N runs in a fresh process, so the peak
resident memory (``getrusage``, model included) is that run's own. Run from the repository root:

    .venv/bin/python bench/scale_bench.py                  # N = 12.5k, 25k, 50k, 100k
    .venv/bin/python bench/scale_bench.py --sizes 12500,25000

It prints one markdown table: N, sentences per side, strict F1 against the shifted gold, seconds
to embed and to align, end-to-end seconds and CPU seconds (all threads of the process), peak MB,
and the time relative to the smallest N. ``--jobs 4`` measures the sizes at once, each in its own
process (on a shared machine this beats waiting; the CPU seconds stay comparable). The targets
(issue 11): peak < 2 GB at 100k and 100k taking at most 8.5x the time of 12.5k. The evaluation
data is read in place and never copied; without it the script exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench_data import REPO, default_eval_dir, read_lines, read_manifest, shift

from tmtool.document import Bead

SIZES = (12_500, 25_000, 50_000, 100_000)
DOCS = ("dtm", "steinbeck", "1984.hu")
REUSED_DOCS = ("dtm",)  # --reuse-copies: the base text whose features copies reuse
PEAK_LIMIT_MB = 2000
TIME_LIMIT_RATIO = 8.5


def source_pair(
    eval_dir: Path, names: tuple[str, ...] = DOCS
) -> list[tuple[list[str], list[str], list[Bead]]]:
    """hunalign's hu-en documents: (source lines, target lines, gold) each."""
    from tmtool.evaluate import read_beads

    rows = {row["doc"]: row for row in read_manifest(eval_dir) if row["set"] == "hunalign"}
    return [
        (
            read_lines(eval_dir / rows[name]["src_file"]),
            read_lines(eval_dir / rows[name]["tgt_file"]),
            read_beads(eval_dir / rows[name]["align_file"]),
        )
        for name in names
    ]


def build_pair(
    parts: list[tuple[list[str], list[str], list[Bead]]], size: int
) -> tuple[list[str], list[str], list[Bead]]:
    """At least ``size`` distinct source sentences: numbered copies of ``parts``, cut at a gold
    bead boundary."""
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Bead] = []
    seen_src: set[str] = set()
    seen_tgt: set[str] = set()
    copy = 0
    while len(src) < size:
        copy += 1
        for part_src, part_tgt, part_gold in parts:
            need = size - len(src)
            if need <= 0:
                break
            part_src, part_tgt, part_gold = _prefix(part_src, part_tgt, part_gold, need)
            gold.extend(shift(part_gold, len(src), len(tgt)))
            src.extend(_distinct(part_src, copy, seen_src))
            tgt.extend(_distinct(part_tgt, copy, seen_tgt))
    return src, tgt, gold


def _distinct(lines: list[str], copy: int, seen: set[str]) -> list[str]:
    """``line [copy]``, with a repeat number added where the text repeats itself (headings)."""
    out = []
    for line in lines:
        head, tail = _split_ending(line)
        text, repeat = f"{head} [{copy}]{tail}", 1
        while text in seen:
            repeat += 1
            text = f"{head} [{copy}.{repeat}]{tail}"
        seen.add(text)
        out.append(text)
    return out


_ENDING = re.compile(r"\s*[.!?\u2026][\s.!?\u2026\u00bb\"'\u201d\u2019)\]]*$")


def _split_ending(line: str) -> tuple[str, str]:
    """The line before its sentence-final punctuation, and that punctuation ("" if none)."""
    match = _ENDING.search(line)
    return (line[: match.start()], line[match.start() :]) if match else (line, "")


def _prefix(
    src: list[str], tgt: list[str], gold: list[Bead], need: int
) -> tuple[list[str], list[str], list[Bead]]:
    """The document whole, or cut after the first gold bead that reaches ``need`` source
    sentences with no gold bead straddling the cut."""
    if len(src) <= need:
        return src, tgt, gold
    for bead in sorted((b for b in gold if b.src and b.tgt), key=lambda b: min(b.src)):
        cut_i, cut_j = max(bead.src) + 1, max(bead.tgt) + 1
        if cut_i < need:
            continue
        before = [
            b for b in gold if all(i < cut_i for i in b.src) and all(j < cut_j for j in b.tgt)
        ]
        after = [
            b for b in gold if all(i >= cut_i for i in b.src) and all(j >= cut_j for j in b.tgt)
        ]
        if len(before) + len(after) == len(gold):
            return src[:cut_i], tgt[:cut_j], before
    return src, tgt, gold


_MARKER = re.compile(r" \[(\d+)(?:\.\d+)?\](?=[^\[]*$)")


class CopyReusingEncoder:
    """USE, with the token features of each base sentence computed once and reused by its copies.

    The copy marker is not encoded; copy c's run embeddings get a fixed small perturbation of
    their own, so vectors stay distinct. The encoder then costs what the base text costs, while the
    run embeddings' storage, the alignment and the memory are those of N sentences: a measurement
    of the aligner stage when there is no CPU time to run USE on every sentence.
    """

    def __init__(self, use, base_texts: list[str]) -> None:
        distinct = list(dict.fromkeys(base_texts))
        self.use, self.dim = use, use.dim
        self.parts = use.token_parts(distinct)
        self.row = {text: r for r, text in enumerate(distinct)}

    def encode_runs(self, texts: list[str], max_run: int) -> dict:
        import numpy as np

        bases, copies = [], []
        for text in texts:
            match = _MARKER.search(text)
            bases.append(text[: match.start()] + text[match.end() :] if match else text)
            copies.append(int(match[1]) if match else 0)
        runs = self.use.pool_runs(self.parts.take([self.row[b] for b in bases]), max_run)
        for k, vectors in runs.items():
            if len(vectors):
                noisy = vectors + np.stack(
                    [_copy_noise(c, self.dim) for c in copies[: len(vectors)]]
                )
                runs[k] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
        return runs


def _copy_noise(copy: int, dim: int):
    import numpy as np

    return 0.05 * np.random.default_rng(copy).standard_normal(dim).astype(np.float32)


def measure(size: int, eval_dir: Path, reuse: bool = False) -> dict:
    """Child process: build the pair of ``size`` sentences, embed and align it once."""
    from tmtool.align.aligner import EmbeddingAligner
    from tmtool.align.runs import RunEmbeddings
    from tmtool.embed import get_encoder
    from tmtool.evaluate import score

    parts = source_pair(eval_dir, REUSED_DOCS if reuse else DOCS)
    src, tgt, gold = build_pair(parts, size)
    encoder = get_encoder("use")
    encoder.encode(["Egy rövid mondat."])
    if reuse:
        encoder = CopyReusingEncoder(encoder, [t for part in parts for t in part[0] + part[1]])
    aligner = EmbeddingAligner(encoder)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    max_run = aligner.config.max_run
    src_runs = RunEmbeddings(src, encoder, max_run)
    tgt_runs = RunEmbeddings(tgt, encoder, max_run)
    embed_s = time.perf_counter() - wall0
    beads = aligner.align_embedded(src_runs, tgt_runs)
    wall_s = time.perf_counter() - wall0
    cpu_s = time.process_time() - cpu0
    return {
        "size": size,
        "src": len(src),
        "tgt": len(tgt),
        "f1": score(gold, beads).f1_strict,
        "embed_s": embed_s,
        "align_s": wall_s - embed_s,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
    }


def spawn(size: int, eval_dir: Path, reuse: bool) -> subprocess.Popen:
    command = [sys.executable, __file__, "--one", str(size), "--eval-dir", str(eval_dir)]
    command += ["--reuse-copies"] if reuse else []
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO
    )


def result_of(size: int, process: subprocess.Popen) -> dict:
    stdout, stderr = process.communicate()
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    tail = stderr.strip().splitlines()
    return {
        "size": size,
        "error": f"exit {process.returncode}: {tail[-1] if tail else 'no output'}",
    }


def format_rows(results: list[dict]) -> str:
    lines = [
        "| N | sents src/tgt | strict F1 | embed s | align s | end-to-end s | CPU s | peak MB "
        "| time vs first |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    base = next((r["wall_s"] for r in results if "error" not in r), None)
    base_cpu = next((r["cpu_s"] for r in results if "error" not in r), None)
    for r in results:
        if "error" in r:
            lines.append(f"| {r['size']} | {r['error']} |||||||")
            continue
        lines.append(
            f"| {r['size']} | {r['src']}/{r['tgt']} | {r['f1']:.3f} | {r['embed_s']:.1f} "
            f"| {r['align_s']:.1f} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['peak_mb']:.0f} "
            f"| x{r['wall_s'] / base:.2f} (CPU x{r['cpu_s'] / base_cpu:.2f}) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="sizes measured at once (each in its own process; peak memory stays per process, "
        "wall times then include the others' load: compare CPU seconds)",
    )
    parser.add_argument(
        "--reuse-copies",
        action="store_true",
        help="aligner stage only: copies of hunalign's news article reuse its USE token features "
        "(see CopyReusingEncoder); the real encoder's cost per sentence is not measured",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.eval_dir / "MANIFEST.tsv").is_file():
        print(f"skipped: no evaluation data at {args.eval_dir}")
        return 0
    if args.one:
        print(json.dumps(measure(args.one, args.eval_dir, args.reuse_copies)), flush=True)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for first in range(0, len(sizes), args.jobs):
        batch = {
            size: spawn(size, args.eval_dir, args.reuse_copies)
            for size in sizes[first : first + args.jobs]
        }
        for size, process in batch.items():
            results.append(result_of(size, process))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(format_rows(results))
    done = [r for r in results if "error" not in r]
    if len(done) >= 2:
        wall = done[-1]["wall_s"] / done[0]["wall_s"]
        cpu = done[-1]["cpu_s"] / done[0]["cpu_s"]
        peak = max(r["peak_mb"] for r in done)
        limit = TIME_LIMIT_RATIO * done[-1]["size"] / done[0]["size"] / 8
        print(
            f"\npeak {peak:.0f} MB (target < {PEAK_LIMIT_MB}); N={done[-1]['size']} took "
            f"x{wall:.2f} the wall time and x{cpu:.2f} the CPU time of N={done[0]['size']} "
            f"(target <= x{limit:.1f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
