"""One measurement, run in its own process so that its peak memory is its own.

Loads the encoder (timed as "load", including one warm-up text so that lazily loaded weights
count there), then for each document pair: reads it with tmtool's loader (``read``), embeds both
sides as sentence runs (``embed``), aligns them (``align``) and scores the beads against the gold.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from bench_data import DocPair, Measurement, concatenate, read_lines
from threadpoolctl import threadpool_limits

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import BeadScorer
from tmtool.document import Bead
from tmtool.embed import Encoder, get_encoder
from tmtool.errors import InputError
from tmtool.evaluate import exact_matches, read_beads, score, score_documents
from tmtool.pipeline import load_documents

WARM_UP = "Ein kurzer Satz zum Aufwärmen."


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (10^6 bytes; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def load_encoder(spec: str, device: str | None) -> tuple[Encoder, float]:
    """The encoder and the seconds it took to load and embed one warm-up text."""
    start = time.perf_counter()
    encoder = get_encoder(spec, device=device)
    encoder.encode([WARM_UP])
    return encoder, time.perf_counter() - start


def measure(measurement: Measurement, encoder_spec: str, device: str | None = None) -> dict:
    """Align every document pair of ``measurement``; timings, scores and peak memory as a dict."""
    encoder, load_s = load_encoder(encoder_spec, device)
    result: dict = {
        "encoder": encoder.signature(),
        "device": str(getattr(encoder, "device", "cpu")),
        "load_s": load_s,
        "load_peak_mb": peak_rss_mb(),
        "docs": [],
    }
    aligner = EmbeddingAligner(encoder)
    pairs: list[tuple[list[Bead], list[Bead]]] = []
    with tempfile.TemporaryDirectory(prefix="tmtool-bench-") as tmp:
        for doc, gold in _inputs(measurement, Path(tmp)):
            row, system = _align_one(doc, gold, encoder, aligner)
            result["docs"].append(row)
            pairs.append((gold, system))
    result["scores"] = score_documents(pairs).as_dict()
    result["peak_mb"] = peak_rss_mb()
    if result["device"].startswith("cuda"):
        import torch

        result["gpu_peak_mb"] = torch.cuda.max_memory_allocated() / 1e6
    return result


def _inputs(measurement: Measurement, tmp: Path) -> list[tuple[DocPair, list[Bead]]]:
    """The document pairs with their gold; a scale measurement's concatenation written to tmp."""
    if not measurement.repeat:
        return [(doc, read_beads(doc.gold_file)) for doc in measurement.docs]
    parts = [
        (read_lines(doc.src_file), read_lines(doc.tgt_file), read_beads(doc.gold_file))
        for doc in measurement.docs
    ]
    src, tgt, gold = concatenate(parts, measurement.repeat)
    first = measurement.docs[0]
    src_file, tgt_file = tmp / f"scale.{first.src_lang}", tmp / f"scale.{first.tgt_lang}"
    src_file.write_text("".join(line + "\n" for line in src), encoding="utf-8")
    tgt_file.write_text("".join(line + "\n" for line in tgt), encoding="utf-8")
    name = f"x{measurement.repeat}"
    doc = DocPair(name, first.src_lang, first.tgt_lang, str(src_file), str(tgt_file), "")
    return [(doc, gold)]


def _align_one(
    doc: DocPair, gold: list[Bead], encoder: Encoder, aligner: EmbeddingAligner
) -> tuple[dict, list[Bead]]:
    start = time.perf_counter()
    documents = load_documents(
        [doc.src_file, doc.tgt_file], [doc.src_lang, doc.tgt_lang], presegmented=True
    )
    read_s = time.perf_counter() - start
    src, tgt = documents.values()
    _check_against_files(doc, len(src.segments), len(tgt.segments), gold)

    start = time.perf_counter()
    max_run = aligner.config.max_run
    src_runs = RunEmbeddings(src.texts, encoder, max_run)
    tgt_runs = RunEmbeddings(tgt.texts, encoder, max_run)
    embed_s = time.perf_counter() - start

    start = time.perf_counter()
    system = aligner.align_embedded(src_runs, tgt_runs)
    align_s = time.perf_counter() - start

    scores = score(gold, system)
    row = {
        "name": doc.name,
        "pair": doc.pair,
        "src_sents": len(src.segments),
        "tgt_sents": len(tgt.segments),
        "read_s": read_s,
        "embed_s": embed_s,
        "align_s": align_s,
        "exact": exact_matches(gold, system),
        "gold_beads": scores.gold_beads,
        "scores": scores.as_dict(),
        "peak_mb_so_far": peak_rss_mb(),
    }
    return row, system


@dataclass
class ScoredPath:
    """One document pair aligned for calibration: its scorer, path, bead scores and gold."""

    scorer: BeadScorer
    path: list[tuple[int, int, int, int]]
    scores: np.ndarray
    gold: set[tuple[tuple[int, ...], tuple[int, ...]]]

    def is_right(self, i0: int, i1: int, j0: int, j1: int) -> bool:
        return (tuple(range(i0, i1)), tuple(range(j0, j1))) in self.gold


def scored_path(doc: DocPair, encoder: Encoder, aligner: EmbeddingAligner) -> ScoredPath:
    """Read, embed and align one document pair, keeping what confidence is computed from."""
    documents = load_documents(
        [doc.src_file, doc.tgt_file], [doc.src_lang, doc.tgt_lang], presegmented=True
    )
    max_run = aligner.config.max_run
    src, tgt = (RunEmbeddings(d.texts, encoder, max_run) for d in documents.values())
    with threadpool_limits(limits=1, user_api="blas"):
        scorer = aligner.scorer(src, tgt)
        _, path, scores = aligner.search(scorer)
    gold = {(b.src, b.tgt) for b in read_beads(doc.gold_file)}
    return ScoredPath(scorer, path, scores, gold)


def _check_against_files(doc: DocPair, n_src: int, n_tgt: int, gold: list[Bead]) -> None:
    """Gold indices are line numbers: the loader must keep one segment per line, and the gold
    must stay within the files."""
    for path, kept in ((doc.src_file, n_src), (doc.tgt_file, n_tgt)):
        lines = len(read_lines(path))
        if lines != kept:
            raise InputError(f"{path}: {lines} lines but the loader kept {kept} segments")
    src_max = max((i for bead in gold for i in bead.src), default=-1)
    tgt_max = max((j for bead in gold for j in bead.tgt), default=-1)
    if src_max >= n_src or tgt_max >= n_tgt:
        raise InputError(f"{doc.gold_file}: gold refers to sentences past the end of the files")
