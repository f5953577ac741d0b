"""Bead scores: a weighted sum of features computed for whole blocks of the band at once.

Every feature of a bead ``src[i-a:i] ~ tgt[j-b:j]`` is an entry of a few matrix products between
run embeddings (or hashed token vectors), so the scorer fills blocks of 64 lattice rows with one
matrix product per quantity instead of scoring cell by cell.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Sequence
from typing import IO

import numpy as np

from tmtool.align.dp import Band, BeadType, Lattice
from tmtool.align.evidence import SentenceShapes, SharedTokens
from tmtool.align.runs import RunEmbeddings, RunSums
from tmtool.errors import warn

FEATURES = (
    "margin_length",  # (cos - neighbours) * log2(1 + shorter/longer length): Bertalign's score
    "cos",  # cosine of the two runs' embeddings
    "neighbours",  # mean cosine of each run with the sentences just outside the other run
    "density",  # mean top-3 cosine of the bead's sentences with anything nearby (CSLS-style)
    "length",  # |log| of the length ratio, after the documents' global ratio
    "weakest",  # cos minus the cosine of the bead's least related member with the other run
    "cos_extra",  # cos times the sentences beyond 1-1 (m + n - 2)
    "numbers_shared",  # log(1 + count) of numbers both runs contain
    "numbers_unshared",  # log(1 + count) of numbers only one run contains
    "words_shared",  # same for rare words both documents contain (names, cognates)
    "words_unshared",
    "junk_members",  # sentences in an m-n bead with fewer than two real words (OCR debris)
    "empty_members",  # sentences in an m-n bead with fewer than two letters or digits ("- _-")
    "edge_gain",  # m-n: cos minus the cosine without its least useful first or last member
    "edge_loss",  # m-n: how much the cosine rises when that member is left out (>= 0)
    "soft_joins",  # m-n: joins after a member that ends without . ! ? (":", ";", a heading)
    "soft_joins_both",  # m-n: such joins on both sides (the fewer): two headings in a row on
    # each side are two units side by side more often than one
    "end_mismatch",  # one run ends without . ! ? and the other with: the unit goes on on one side
    "best_elsewhere",  # 1-0 / 0-1: the unaligned sentence's mean top-3 cosine nearby
    "skip_length",  # 1-0 / 0-1: log length of the unaligned sentence
    "skip_junk",  # 1-0 / 0-1: the unaligned sentence has fewer than two real words
    "skip_empty",  # 1-0 / 0-1: the unaligned sentence has fewer than two letters or digits
    "skip_soft_end",  # 1-0 / 0-1: the unaligned sentence ends without . ! ? (a heading, a label)
    "type_1-0",
    "type_0-1",
    "type_1-1",
    "type_1-2",
    "type_2-1",
    "type_2-2",
    "type_1-3",
    "type_3-1",
    "type_other",
)
F = {name: k for k, name in enumerate(FEATURES)}
_SURFACE_FEATURES = (
    "weakest",
    "density",
    "numbers_shared",
    "numbers_unshared",
    "words_shared",
    "words_unshared",
    "junk_members",
    "empty_members",
    "edge_gain",
    "edge_loss",
    "soft_joins",
    "soft_joins_both",
    "end_mismatch",
)
#: lattice rows scored by one matrix product per quantity: enough to make the products efficient,
#: few enough that a block's scores are small (set by hand with the first aligner, not tuned)
_ROWS_PER_BLOCK = 64
#: bead scores kept in memory for the later passes over the band (the second search, forward-
#: backward), in scores: 32 MB; the blocks beyond it go to a temporary file (``_SpilledBlocks``)
KEPT_SCORES = 4_000_000


def type_feature(a: int, b: int) -> str:
    name = f"type_{a}-{b}"
    return name if name in F else "type_other"


class BeadScorer:
    """Scores every bead type over a band; also gives feature rows of single beads (training)."""

    def __init__(
        self,
        src: RunEmbeddings,
        tgt: RunEmbeddings,
        band: Band,
        weights: np.ndarray,
        bead_types: list[tuple[int, int]],
    ) -> None:
        self.src, self.tgt, self.band = src, tgt, band
        self._set_weights(weights)
        self.max_run = max(max(a, b) for a, b in bead_types)
        self.char_ratio = float(tgt.chars.sum() / src.chars.sum())
        self.tokens = SharedTokens(src.texts, tgt.texts, self.max_run)
        self.src_shapes, self.tgt_shapes = SentenceShapes(src.texts), SentenceShapes(tgt.texts)
        src_top, tgt_top = _nearby_top(src[1], tgt[1], band)
        self._src_run_top, self._tgt_run_top = RunSums(src_top), RunSums(tgt_top)
        self.src_top, self.tgt_top = src_top, tgt_top
        self._types = [t for t in bead_types if t[0] and t[1]]
        # added to every skip score: the document's own prior on unaligned sentences, which
        # the aligner re-estimates after a first pass (prior.py); 0 is the global weights' prior
        self.skip_shift = 0.0

    def _set_weights(self, weights: np.ndarray) -> None:
        """Score with ``weights`` from now on (the caches of earlier scores are dropped)."""
        self.weights = weights
        # features beyond cosine, neighbours and length cost time; skip them when unweighted
        self._uses_surface_features = bool(
            np.any(weights[[F[name] for name in _SURFACE_FEATURES]] != 0)
        )
        self._grams: dict[tuple[str, int], _Gram] = {}
        # the scores of one block of lattice rows at a time: the DP asks for rows in order, so
        # memory stays that of one block however long the documents are; blocks are also kept
        # (up to KEPT_SCORES scores in memory, the rest in a temporary file) so that the later
        # passes over the band (the per-document prior's forward-backward and second search,
        # the confidence's forward-backward: prior.py, posterior.py) read them instead of
        # computing them again, which cost twice the search on long documents
        self._block = -1
        self._rows: dict[tuple[int, int], list[np.ndarray]] = {}
        self._kept: dict[int, dict[tuple[int, int], list[np.ndarray]]] = {}
        self._kept_size = 0
        self._spilled = _SpilledBlocks()

    def with_weights(self, weights: np.ndarray) -> BeadScorer:
        """This scorer under other weights, sharing the parts that do not depend on them (band,
        shared tokens, sentence shapes, nearby tops): training re-weights each document's
        scorer at every step, and building those parts again each time cost most of it."""
        other = copy.copy(self)
        other._set_weights(weights)
        return other

    def close(self) -> None:
        """Delete the temporary file of spilled score blocks now, not when the scorer is
        collected (which an exception's traceback can put off for a long batch run)."""
        self._spilled.close()

    def __enter__(self) -> BeadScorer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        block, offset = divmod(i, _ROWS_PER_BLOCK)
        if block != self._block:
            self._rows, self._block = self._block_rows(block), block
        return self._rows[(a, b)][offset][js - self.band.lo[i]]

    def _block_rows(self, block: int) -> dict[tuple[int, int], list[np.ndarray]]:
        """One block's score rows: kept in memory, read back from the file, or computed (and
        then kept or written to the file)."""
        rows = self._kept.get(block)
        if rows is not None:
            return rows
        r0 = block * _ROWS_PER_BLOCK
        scores = self._spilled.read(block)
        if scores is not None:
            return self._as_rows(r0, scores)
        scores = self._block_scores(r0)
        rows = self._as_rows(r0, scores)
        if self._kept_size + scores.size <= KEPT_SCORES:
            self._kept[block] = rows
            self._kept_size += scores.size
        else:
            self._spilled.write(block, scores)
        return rows

    def skip_scores(self, shifted: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Scores of leaving each source / target sentence unaligned, with the document's prior
        (``skip_shift``) unless ``shifted`` is False."""
        src_f, tgt_f = self.skip_features()
        shift = self.skip_shift if shifted else 0.0
        return src_f @ self.weights + shift, tgt_f @ self.weights + shift

    def lattice(self, bead_types: Sequence[BeadType], *, shifted: bool = True) -> Lattice:
        """The alignment problem this scorer scores: its band, ``bead_types``, its bead scores
        and its skip scores (with the document's prior unless ``shifted`` is False)."""
        return Lattice(self.band, bead_types, self, *self.skip_scores(shifted))

    def skip_features(self) -> tuple[np.ndarray, np.ndarray]:
        """Feature rows of leaving each source / target sentence unaligned."""
        out = []
        for top, runs, shapes, kind in (
            (self.src_top, self.src, self.src_shapes, "type_1-0"),
            (self.tgt_top, self.tgt, self.tgt_shapes, "type_0-1"),
        ):
            f = np.zeros((len(runs), len(FEATURES)))
            f[:, F["best_elsewhere"]] = top
            f[:, F["skip_length"]] = np.log(runs.chars)
            f[:, F["skip_junk"]] = runs.junk
            f[:, F["skip_empty"]] = shapes.empty
            f[:, F["skip_soft_end"]] = shapes.soft_end
            f[:, F[kind]] = 1.0
            out.append(f)
        return out[0], out[1]

    def bead_features(self, i0: int, i1: int, j0: int, j1: int) -> np.ndarray:
        """The feature row of one bead of any type (a gold bead when training, say)."""
        if i1 > i0 and j1 > j0:
            feats = self._block_features(
                i1 - i0, j1 - j0, np.array([i1]), np.array([j1]), everything=True
            )
            return np.array([feats[name][0, 0] if name in feats else 0.0 for name in FEATURES])
        src_skip, tgt_skip = self.skip_features()
        return src_skip[i0] if i1 > i0 else tgt_skip[j0]

    def bead_score(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The score of one bead (the search's scores come with its path; this recomputes)."""
        return float(self.bead_features(i0, i1, j0, j1) @ self.weights)

    def pair_scores(self, a: int, b: int, ends_i: np.ndarray, ends_j: np.ndarray) -> np.ndarray:
        """Scores of the a-b beads ending at (ends_i[k], ends_j[k]), in one batch (a, b >= 1)."""
        feats = self._block_features(a, b, ends_i, ends_j, everything=True)
        block = sum(self.weights[F[name]] * value for name, value in feats.items())
        return np.diagonal(block).copy()

    def _block_scores(self, r0: int) -> np.ndarray:
        """Scores of each bead type (``self._types``, in order) ending at each cell of the
        rectangle around the band rows r0.. of one block."""
        lo, hi = self.band.lo, self.band.hi
        r1 = min(len(lo), r0 + _ROWS_PER_BLOCK)
        ends = np.arange(r0, r1)
        c0, c1 = int(lo[r0:r1].min()), int(hi[r0:r1].max()) + 1
        self._prepare_grams(r0, r1, c0, c1)
        out = np.empty((len(self._types), r1 - r0, c1 - c0))
        for k, (a, b) in enumerate(self._types):
            feats = self._block_features(a, b, ends, np.arange(c0, c1))
            out[k] = sum(self.weights[F[name]] * value for name, value in feats.items())
        return out

    def _as_rows(self, r0: int, scores: np.ndarray) -> dict[tuple[int, int], list[np.ndarray]]:
        """A block's scores as one array per bead type and lattice row (views, not copies)."""
        lo, hi = self.band.lo, self.band.hi
        c0 = int(lo[r0 : r0 + scores.shape[1]].min())
        return {
            t: [scores[k, r, lo[r0 + r] - c0 : hi[r0 + r] - c0 + 1] for r in range(scores.shape[1])]
            for k, t in enumerate(self._types)
        }

    def _prepare_grams(self, r0: int, r1: int, c0: int, c1: int) -> None:
        """Cosines of every source run (by length) with the target sentences of this block, and of
        the source sentences with every target run, computed once for all bead types."""
        reach = self.max_run + 1
        n, m = len(self.src), len(self.tgt)
        rows = range(max(0, r0 - reach), min(n, r1 + reach))
        cols = range(max(0, c0 - reach), min(m, c1 + reach))
        for k in range(1, self.max_run + 1):
            self._grams[("src", k)] = _Gram(self.src[k], self.tgt[1], rows, cols)
            self._grams[("tgt", k)] = _Gram(self.src[1], self.tgt[k], rows, cols)

    def _block_features(
        self, a: int, b: int, ends_i: np.ndarray, ends_j: np.ndarray, everything: bool = False
    ) -> dict[str, np.ndarray]:
        """Features of beads src[i-a:i] ~ tgt[j-b:j], for i in ends_i (rows) and j in ends_j.

        The features beyond cosine, neighbours and length are computed only when weighted or
        when ``everything`` is asked for. (The scores add the features up in this order.)"""
        src, tgt = self.src, self.tgt
        n, m = len(src), len(tgt)
        i0 = np.clip(ends_i - a, 0, n - a)
        j0 = np.clip(ends_j - b, 0, m - b)
        runs = _BlockCosines(self, a, b, i0, j0)
        cos = runs.src_runs @ runs.tgt_runs.T
        feats: dict[str, np.ndarray] = {"cos": cos, "cos_extra": cos * (a + b - 2)}
        feats["neighbours"] = runs.neighbours(cos.shape)
        src_len = np.log(src.run_chars(a, i0) * self.char_ratio)
        tgt_len = np.log(tgt.run_chars(b, j0))
        feats["length"] = np.abs(src_len[:, None] - tgt_len[None, :])
        feats["margin_length"] = (cos - feats["neighbours"]) * np.log2(1 + np.exp(-feats["length"]))
        feats[type_feature(a, b)] = np.ones_like(cos)
        if everything or self._uses_surface_features:
            self._add_surface_features(feats, runs, cos)
        return feats

    def _add_surface_features(
        self, feats: dict[str, np.ndarray], runs: _BlockCosines, cos: np.ndarray
    ) -> None:
        """The features of the beads' sentences beyond their embeddings: ends, weakest member,
        density, shared numbers and words, and (m-n beads) debris, soft joins and edges."""
        a, b, i0, j0 = runs.a, runs.b, runs.i0, runs.j0
        src_open = self.src_shapes.soft_end[i0 + a - 1]
        tgt_open = self.tgt_shapes.soft_end[j0 + b - 1]
        feats["end_mismatch"] = np.abs(src_open[:, None] - tgt_open[None, :])

        members = [runs.src_run_vs_tgt(j0 + k) for k in range(b)] if b > 1 else []
        members += [runs.src_vs_tgt_run(i0 + k) for k in range(a)] if a > 1 else []
        feats["weakest"] = cos - np.minimum.reduce(members) if members else np.zeros_like(cos)

        src_density = self._src_run_top(a, i0) / a
        tgt_density = self._tgt_run_top(b, j0) / b
        feats["density"] = (src_density[:, None] + tgt_density[None, :]) / 2

        numbers, words = self.tokens.block_counts(a, b, i0, j0)
        for name, (shared, unshared) in (("numbers", numbers), ("words", words)):
            feats[f"{name}_shared"] = np.log1p(shared)
            feats[f"{name}_unshared"] = np.log1p(np.maximum(unshared, 0.0))
        if a + b > 2:
            self._add_member_features(feats, a, b, i0, j0, cos)

    def _add_member_features(
        self,
        feats: dict[str, np.ndarray],
        a: int,
        b: int,
        i0: np.ndarray,
        j0: np.ndarray,
        cos: np.ndarray,
    ) -> None:
        """The features of an m-n bead's members: debris, empty, soft joins, edge gain."""
        src, tgt = self.src, self.tgt
        src_junk = src.run_junk(a, i0) if a > 1 else np.zeros(len(i0))
        tgt_junk = tgt.run_junk(b, j0) if b > 1 else np.zeros(len(j0))
        feats["junk_members"] = src_junk[:, None] + tgt_junk[None, :]
        src_empty = self.src_shapes.run_empty(a, i0) if a > 1 else np.zeros(len(i0))
        tgt_empty = self.tgt_shapes.run_empty(b, j0) if b > 1 else np.zeros(len(j0))
        feats["empty_members"] = src_empty[:, None] + tgt_empty[None, :]
        src_soft = self.src_shapes.run_soft_joins(a, i0)
        tgt_soft = self.tgt_shapes.run_soft_joins(b, j0)
        feats["soft_joins"] = src_soft[:, None] + tgt_soft[None, :]
        feats["soft_joins_both"] = np.minimum(src_soft[:, None], tgt_soft[None, :])
        gain = cos - self._best_without_edge(a, b, i0, j0)
        feats["edge_gain"] = gain
        feats["edge_loss"] = np.maximum(-gain, 0.0)

    def _best_without_edge(self, a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        """The best cosine of the bead with its first or last member of a side left out (a
        member that adds nothing is a sentence gold would leave unaligned)."""
        drops = []
        if a > 1:
            drops += [self._run_cos(a - 1, i0 + 1, b, j0), self._run_cos(a - 1, i0, b, j0)]
        if b > 1:
            drops += [self._run_cos(a, i0, b - 1, j0 + 1), self._run_cos(a, i0, b - 1, j0)]
        return np.maximum.reduce(drops)

    def _run_cos(self, a: int, starts_i: np.ndarray, b: int, starts_j: np.ndarray) -> np.ndarray:
        """Cosines of the source runs ``(s, a)`` (rows) with the target runs ``(t, b)``."""
        gram = self._grams.get(("src", a)) if b == 1 else None
        if gram is None and a == 1:
            gram = self._grams.get(("tgt", b))
        if gram is not None and gram.covers(starts_i, starts_j):
            return gram.lookup(starts_i, starts_j)
        return self.src[a][starts_i] @ self.tgt[b][starts_j].T


class _BlockCosines:
    """Cosines around a block of a-b beads starting at source rows ``i0`` and target columns
    ``j0``: of their source runs with single target sentences and of single source sentences
    with their target runs, looked up in the block's grams (``BeadScorer._prepare_grams``)
    where these cover them."""

    def __init__(self, scorer: BeadScorer, a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> None:
        self.a, self.b, self.i0, self.j0 = a, b, i0, j0
        self.n, self.m = len(scorer.src), len(scorer.tgt)
        self.src1, self.tgt1 = scorer.src[1], scorer.tgt[1]
        self.src_runs, self.tgt_runs = scorer.src[a][i0], scorer.tgt[b][j0]
        self._src_gram = scorer._grams.get(("src", a))
        self._tgt_gram = scorer._grams.get(("tgt", b))

    def src_run_vs_tgt(self, cols: np.ndarray) -> np.ndarray:
        """Cosines of the source runs (rows) with the target sentences ``cols``."""
        cols = np.clip(cols, 0, self.m - 1)
        if self._src_gram is not None and self._src_gram.covers(self.i0, cols):
            return self._src_gram.lookup(self.i0, cols)
        return self.src_runs @ self.tgt1[cols].T

    def src_vs_tgt_run(self, rows: np.ndarray) -> np.ndarray:
        """Cosines of the source sentences ``rows`` with the target runs (columns)."""
        rows = np.clip(rows, 0, self.n - 1)
        if self._tgt_gram is not None and self._tgt_gram.covers(rows, self.j0):
            return self._tgt_gram.lookup(rows, self.j0)
        return self.src1[rows] @ self.tgt_runs.T

    def neighbours(self, shape: tuple[int, ...]) -> np.ndarray:
        """Mean cosine of each run with the sentences just outside the other run."""
        a, b, i0, j0, n, m = self.a, self.b, self.i0, self.j0, self.n, self.m
        sides = [
            (self.src_run_vs_tgt(j0 - 1), (j0 >= 1)[None, :]),
            (self.src_run_vs_tgt(j0 + b), (j0 + b < m)[None, :]),
            (self.src_vs_tgt_run(i0 - 1), (i0 >= 1)[:, None]),
            (self.src_vs_tgt_run(i0 + a), (i0 + a < n)[:, None]),
        ]
        total = sum(np.where(valid, sims, 0.0) for sims, valid in sides)
        count = sum(np.broadcast_to(valid, shape).astype(float) for _, valid in sides)
        return total / np.maximum(count, 1.0)


class _SpilledBlocks:
    """Score blocks in an unnamed temporary file (deleted when closed): written once by the
    search, read back by every later pass over the band (forward-backward, the second search),
    so that a long document's band is scored once without holding its scores in memory."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._where: dict[int, tuple[int, tuple[int, ...]]] = {}
        self._end = 0
        self._failed = False

    def write(self, block: int, scores: np.ndarray) -> None:
        """Keep one block's scores; when the file cannot be written (a full disk, say), the
        blocks not kept are simply scored again by the passes that need them."""
        if self._failed:
            return
        try:
            if self._file is None:
                # open for the scorer's lifetime: ``close`` (or collection) deletes it
                self._file = tempfile.TemporaryFile()  # noqa: SIM115
            self._file.seek(self._end)
            data = np.ascontiguousarray(scores, dtype=np.float64)
            self._file.write(memoryview(data).cast("B"))
            self._file.flush()
        except OSError as exc:
            warn(
                f"cannot write the alignment's score blocks to a temporary file ({exc}); "
                "they are scored again where needed, which is slower"
            )
            self._failed = True
            return
        self._where[block] = (self._end, data.shape)
        self._end += data.nbytes

    def close(self) -> None:
        """Close (and so delete) the file; later reads find nothing and score again."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._where.clear()

    def read(self, block: int) -> np.ndarray | None:
        where = self._where.get(block)
        if where is None or self._file is None:
            return None
        start, shape = where
        self._file.seek(start)
        count = int(np.prod(shape))
        return np.fromfile(self._file, dtype=np.float64, count=count).reshape(shape)


class _Gram:
    """Cosines between the rows ``left[rows]`` and ``right[cols]``: one matrix product, then
    lookups by absolute index."""

    def __init__(self, left: np.ndarray, right: np.ndarray, rows: range, cols: range) -> None:
        self.rows = range(rows.start, min(rows.stop, len(left)))
        self.cols = range(cols.start, min(cols.stop, len(right)))
        self.matrix = (
            left[self.rows.start : self.rows.stop] @ right[self.cols.start : self.cols.stop].T
        )

    def covers(self, rows: np.ndarray, cols: np.ndarray) -> bool:
        return (
            len(self.rows) > 0
            and len(self.cols) > 0
            and self.rows.start <= rows.min()
            and rows.max() < self.rows.stop
            and self.cols.start <= cols.min()
            and cols.max() < self.cols.stop
        )

    def lookup(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.matrix[np.ix_(rows - self.rows.start, cols - self.cols.start)]


def _nearby_top(src: np.ndarray, tgt: np.ndarray, band: Band) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the 3 best cosines of each sentence with the other side's sentences in the band."""
    n, m = len(src), len(tgt)
    src_top = np.zeros(n)
    tgt_best = np.full((m, 3), -np.inf)
    for r0 in range(0, n, _ROWS_PER_BLOCK):
        r1 = min(n, r0 + _ROWS_PER_BLOCK)
        # source sentence k lies between lattice rows k and k+1: its candidates are lo[k]..hi[k+1]
        lo = np.minimum(band.lo[r0:r1], m - 1)
        hi = np.maximum(np.minimum(band.hi[r0 + 1 : r1 + 1], m), lo + 1)
        c0, c1 = int(lo.min()), int(hi.max())
        cols = np.arange(c0, c1)
        sims = src[r0:r1] @ tgt[c0:c1].T
        sims = np.where((cols >= lo[:, None]) & (cols < hi[:, None]), sims, -np.inf)
        k = min(3, c1 - c0)
        src_top[r0:r1] = _finite_mean(-np.sort(-sims, axis=1)[:, :k])
        merged = np.concatenate([tgt_best[c0:c1], -np.sort(-sims, axis=0)[:k].T], axis=1)
        tgt_best[c0:c1] = -np.sort(-merged, axis=1)[:, :3]
    return src_top, _finite_mean(tgt_best)


def _finite_mean(x: np.ndarray) -> np.ndarray:
    finite = np.isfinite(x)
    return np.where(finite, x, 0.0).sum(axis=1) / np.maximum(finite.sum(axis=1), 1)
