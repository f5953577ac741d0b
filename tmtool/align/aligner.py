"""The embedding aligner: coarse-to-fine banded DP over sentence-run embeddings.

``EmbeddingAligner.search`` runs the DP (dp.py) on the bead scores (scoring.py), twice when the
document's own prior on unaligned sentences differs from the global one (prior.py), then joins
bound unaligned sentences to a neighbour (refine.py); ``confidences`` gives each bead's
probability of being right (confidence.py). ``align`` and ``align_embedded`` do all of it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from tmtool.align.confidence import path_confidences, posterior_confidences
from tmtool.align.dp import Band, Lattice, Span, align_band
from tmtool.align.prior import skip_shift
from tmtool.align.refine import attach_dangling
from tmtool.align.runs import HalfRows, RunEmbeddings, block_means
from tmtool.align.scoring import FEATURES, BeadScorer
from tmtool.align.weights import DEFAULT_WEIGHTS
from tmtool.document import Bead
from tmtool.embed.base import Encoder


@dataclass(frozen=True)
class AlignConfig:
    """Search parameters of the aligner; stored with every alignment run.

    The bead bound and the lattice sizes were set by hand with the first aligner and have not
    been tuned; ``bench/scale_bench.py`` measures the time and memory they give on documents of
    up to 100,000 sentences a side. The confidence's and the prior's parameters were chosen on
    Text+Berg dev (bench/RESULTS.md, sections named below)."""

    # m-n beads with m + n <= max_bead (m, n >= 1), plus 1-0 and 0-1; the few gold beads beyond
    # it (Text+Berg's 1-5) cost strict F1 ("Issue 10 §2: the remaining lax errors")
    max_bead: int = 5
    max_run: int = 4  # longest run of sentences on one side of a bead (1-4 within max_bead 5)
    # lattices up to this many cells are searched whole: 9 MB of DP table (8-byte score and
    # 1-byte back-pointer a cell)
    full_cells: int = 1_000_000
    coarse_cells: int = 200_000  # size of the coarse lattice for longer documents
    band_width: int = 8  # sentences around the projected coarse path
    coarse_skip: float = -0.1  # score of an unaligned block in the coarse pass (Bertalign's skip)
    # widest coarse block: longer documents get more coarse levels instead of wider blocks, so the
    # band's width, and time and memory per sentence, stay fixed (scale_bench.py)
    max_block: int = 32
    attach_dangling: bool = True  # join bound 1-0/0-1 sentences to a neighbour (refine.py)
    # "posterior": a bead's posterior over the band's paths (forward-backward); "score": a
    # logistic function of its score on the document's scale (confidence.py)
    confidence: str = "posterior"
    # the posterior's temperature, times the document's wrong-pair score spread; chosen on dev by
    # log loss ("Issue 10 §2: posterior decoding"), confirmed leave-one-set-out ("Issue 10 §4:
    # calibration by bead type")
    confidence_temperature: float = 0.46
    # re-estimate the prior of an unaligned sentence from the document's own first pass and
    # search again (prior.py); the document's rate is shrunk toward the global one with this
    # many sentences' weight (chosen on dev: "Issue 10 §2: per-document priors"); 0 turns the
    # re-estimation off
    unaligned_pseudo_count: float = 20.0

    def __post_init__(self) -> None:
        if self.confidence not in ("posterior", "score"):
            raise ValueError(f"unknown confidence {self.confidence!r}: posterior or score")
        if self.confidence_temperature <= 0:
            raise ValueError("the confidence temperature must be positive")
        if self.unaligned_pseudo_count < 0:
            raise ValueError("the pseudo-count of unaligned sentences must not be negative")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def allows(self, a: int, b: int) -> bool:
        """Whether a bead of ``a`` source and ``b`` target sentences is within the bound."""
        if a == 0 or b == 0:
            return a + b == 1
        return a <= self.max_run and b <= self.max_run and a + b <= self.max_bead

    def bead_types(self) -> list[tuple[int, int]]:
        """Every (a, b) bead type within the bound."""
        sizes = range(self.max_run + 1)
        return [(a, b) for a in sizes for b in sizes if self.allows(a, b)]


class Search(NamedTuple):
    """What ``EmbeddingAligner.search`` found."""

    lattice_path: list[Span]  # the lattice's best path, before refinement joined any bead
    path: list[Span]  # the path the aligner returns (after ``AlignConfig.attach_dangling``)
    scores: np.ndarray  # the score of each bead of ``path``


class EmbeddingAligner:
    """Aligns two sides of sentences with multilingual embeddings and surface evidence."""

    name = "tmtool-dp"

    def __init__(
        self,
        encoder: Encoder,
        config: AlignConfig | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self.encoder = encoder
        self.config = config or AlignConfig()
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)

    def weight_vector(self) -> np.ndarray:
        """The weights in ``FEATURES`` order (0 where unset); unknown names are refused."""
        unknown = set(self.weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown feature weights: {sorted(unknown)}")
        return np.array([self.weights.get(name, 0.0) for name in FEATURES])

    def align(self, src: Sequence[str], tgt: Sequence[str]) -> list[Bead]:
        """The beads of the two sides' sentences, each with its confidence; when one side is
        empty, every sentence of the other is left unaligned (confidence 0, as every 1-0 and 0-1
        bead has)."""
        if not src or not tgt:
            return [Bead((i,), (), 0.0) for i in range(len(src))] + [
                Bead((), (j,), 0.0) for j in range(len(tgt))
            ]
        cfg = self.config
        src_runs = RunEmbeddings(src, self.encoder, cfg.max_run)
        tgt_runs = RunEmbeddings(tgt, self.encoder, cfg.max_run)
        return self.align_embedded(src_runs, tgt_runs)

    def scorer(self, src: RunEmbeddings, tgt: RunEmbeddings) -> BeadScorer:
        """The bead scorer of this pair under this aligner's weights, over its band; use it as
        a context manager (it may hold a temporary file of score blocks)."""
        band = self.band(src, tgt)
        return BeadScorer(src, tgt, band, self.weight_vector(), self.bead_types(src, tgt))

    def bead_types(self, src: RunEmbeddings, tgt: RunEmbeddings) -> list[tuple[int, int]]:
        """The configured bead types that fit in documents of these lengths."""
        return [(a, b) for a, b in self.config.bead_types() if a <= len(src) and b <= len(tgt)]

    def align_embedded(self, src: RunEmbeddings, tgt: RunEmbeddings) -> list[Bead]:
        """``align`` for sentences already embedded (the pipeline embeds each language once
        and aligns it with every other)."""
        # The scorer's matrix products are small; multi-threaded BLAS only adds overhead there
        # (6x slower on 2 busy cores), so the alignment stage runs it single-threaded. The scorer
        # deletes its temporary file when the block ends, however it ends.
        with threadpool_limits(limits=1, user_api="blas"), self.scorer(src, tgt) as scorer:
            found = self.search(scorer)
            confidences = self.confidences(scorer, found)
        return [
            Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), conf)
            for (i0, i1, j0, j1), conf in zip(found.path, confidences, strict=True)
        ]

    def search(self, scorer: BeadScorer) -> Search:
        """The best path under the scorer's weights (``Search``).

        A first pass under the global weights; when ``AlignConfig.unaligned_pseudo_count`` is
        set, the scorer's skip scores take the document's own prior on unaligned sentences
        (``scorer.skip_shift``, re-estimated from that pass: prior.py) and the band is searched
        again, on the scores the first pass kept. Each call starts from the global weights.
        Unaligned sentences bound to a neighbour are then joined to it
        (``AlignConfig.attach_dangling``)."""
        types = self.bead_types(scorer.src, scorer.tgt)
        scorer.skip_shift = 0.0
        lattice_path, scores = align_band(scorer.lattice(types))
        cfg = self.config
        shift = skip_shift(
            scorer,
            types,
            lattice_path,
            scores,
            cfg.confidence_temperature,
            cfg.unaligned_pseudo_count,
        )
        if shift != 0.0:
            scorer.skip_shift = shift
            lattice_path, scores = align_band(scorer.lattice(types))
        path = lattice_path
        if cfg.attach_dangling:
            path, scores = self.join_dangling(lattice_path, scores, scorer)
        return Search(lattice_path, path, scores)

    def confidences(self, scorer: BeadScorer, found: Search) -> list[float]:
        """The probability that each bead of ``found.path`` is right
        (``AlignConfig.confidence``)."""
        if self.config.confidence == "score":
            return path_confidences(scorer, found.path, found.scores)
        types = self.bead_types(scorer.src, scorer.tgt)
        temperature = self.config.confidence_temperature
        return posterior_confidences(
            scorer, found.lattice_path, found.path, found.scores, types, temperature
        )

    def join_dangling(
        self, path: list[Span], scores: np.ndarray, scorer: BeadScorer
    ) -> tuple[list[Span], np.ndarray]:
        """The path with its bound 1-0 / 0-1 sentences joined to a neighbour (refine.py), within
        this aligner's bead bound, and the beads' scores."""
        return attach_dangling(
            path, scores, scorer.src, scorer.tgt, self.config.allows, scorer.bead_score
        )

    def band(self, src: RunEmbeddings, tgt: RunEmbeddings) -> Band:
        """The whole lattice for short documents; a band around a coarse path for long ones."""
        return self._band(src[1], tgt[1])

    def _band(self, src: np.ndarray | HalfRows, tgt: np.ndarray | HalfRows) -> Band:
        """A band around the path of block means, itself searched in a band when long.

        Blocks are at most ``max_block`` sentences (or blocks) wide, so the band has a fixed
        width and the lattice levels shrink geometrically: time and memory stay linear in the
        documents' length.
        """
        n, m = len(src), len(tgt)
        cfg = self.config
        if (n + 1) * (m + 1) <= cfg.full_cells:
            return Band.full(n, m)
        size = min(math.ceil(math.sqrt(n * m / cfg.coarse_cells)), cfg.max_block)
        coarse_src, coarse_tgt = block_means(src, size), block_means(tgt, size)
        cn, cm = len(coarse_src), len(coarse_tgt)
        coarse = Lattice(
            self._band(coarse_src, coarse_tgt),
            [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1)],
            _CoarseScorer(coarse_src, coarse_tgt),
            np.full(cn, cfg.coarse_skip),
            np.full(cm, cfg.coarse_skip),
        )
        path, _ = align_band(coarse)
        corners = [(0, 0)] + [(min(i1 * size, n), min(j1 * size, m)) for _, i1, _, j1 in path]
        return _band_around(corners, n, m, size + cfg.band_width)


class _CoarseScorer:
    def __init__(self, src: np.ndarray, tgt: np.ndarray) -> None:
        self.src, self.tgt = src, tgt

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        src_vec = self.src[i - a : i].sum(axis=0)
        tgt_vecs = sum(self.tgt[js - b + k] for k in range(b))
        norms = np.linalg.norm(tgt_vecs, axis=1) * max(np.linalg.norm(src_vec), 1e-12)
        return (tgt_vecs @ src_vec) / np.maximum(norms, 1e-12)


def _band_around(corners: list[tuple[int, int]], n: int, m: int, width: int) -> Band:
    """Rows' column ranges covering the piecewise-linear path through ``corners``, ± width."""
    lo = np.full(n + 1, m, np.int64)
    hi = np.zeros(n + 1, np.int64)
    for (i0, j0), (i1, j1) in itertools.pairwise(corners):
        rows = np.arange(i0, i1 + 1)
        lo[rows] = np.minimum(lo[rows], j0)
        hi[rows] = np.maximum(hi[rows], j1)
    rows = np.arange(n + 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # keep the band monotone
    hi = np.maximum.accumulate(hi)
    lo = np.clip(lo[np.maximum(0, rows - width)] - width, 0, m)
    hi = np.clip(hi[np.minimum(n, rows + width)] + width, 0, m)
    lo[0], hi[n] = 0, m
    return Band(lo, hi)
