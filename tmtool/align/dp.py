"""Monotone dynamic programming over a band of the alignment lattice.

Cell ``(i, j)`` is the state "the first i source and j target sentences are aligned". A bead of
type ``(a, b)`` moves from ``(i-a, j-b)`` to ``(i, j)``. The band gives, for every row ``i``, the
inclusive range ``lo[i]..hi[i]`` of columns that may be visited, so time and memory are
proportional to the band's area, not to n × m. Rows are filled with numpy over the whole band
width; the within-row chain of 0-1 beads is solved in closed form with a running maximum.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

BeadType = tuple[int, int]
#: a bead as the lattice sees it, ``(i0, i1, j0, j1)``: src[i0:i1] ~ tgt[j0:j1] (half-open)
Span = tuple[int, int, int, int]
# score(a, b, i, js) -> scores of the beads src[i-a:i] ~ tgt[j-b:j] for every j in js (a, b >= 1)
PairScorer = Callable[[int, int, int, np.ndarray], np.ndarray]

_NEG = -np.inf
_CHAIN = 255  # back-pointer code: this cell was reached by a 0-1 bead from (i, j-1)


@dataclass(frozen=True)
class Band:
    """Allowed columns per row: ``lo[i] <= j <= hi[i]`` for i = 0..n."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, np.int64), np.full(n + 1, m, np.int64))

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())

    def check_corners(self, n: int, m: int) -> None:
        """Refuse a band that a path from (0, 0) to (n, m) cannot start or end in."""
        if self.lo[0] != 0 or self.hi[n] != m:
            raise ValueError("the band must contain (0, 0) and (n, m)")

    def bead_run(self, a: int, b: int, i: int) -> tuple[slice, slice, np.ndarray] | None:
        """The a-b beads ending in row i that start inside the band, as the slice of row i they
        end in, the slice of row i - a they start in, and their end columns; None when there
        are none. Every band row is one run of columns, so these beads are one run too, and
        forward-backward adds them with slices instead of looking each start up."""
        r = i - a
        first = max(int(self.lo[i]), int(self.lo[r]) + b)
        last = min(int(self.hi[i]), int(self.hi[r]) + b)
        if first > last:
            return None
        ends = slice(first - int(self.lo[i]), last - int(self.lo[i]) + 1)
        starts = slice(first - b - int(self.lo[r]), last - b - int(self.lo[r]) + 1)
        return ends, starts, np.arange(first, last + 1)


@dataclass(frozen=True, eq=False)
class Lattice:
    """One alignment problem: the band of cells a path may visit, the bead types it may take and
    their scores. The Viterbi search (``align_band``), forward-backward
    (``posterior.bead_posteriors``) and the per-document prior (prior.py) solve the same
    lattice, so it is described once."""

    band: Band
    bead_types: Sequence[BeadType]
    #: scores of the beads with both sides; called row by row, in increasing ``i``, so a scorer
    #: may compute its scores one block of rows at a time and forget them afterwards
    pair_score: PairScorer
    skip_src: np.ndarray  # skip_src[k]: the score of leaving source sentence k unaligned (1-0)
    skip_tgt: np.ndarray  # skip_tgt[k]: the same for target sentence k (0-1)

    @property
    def n(self) -> int:
        """Source sentences."""
        return len(self.skip_src)

    @property
    def m(self) -> int:
        """Target sentences."""
        return len(self.skip_tgt)

    def pair_types(self) -> list[BeadType]:
        """The bead types other than 0-1, whose chain within a row is solved in closed form."""
        return [t for t in self.bead_types if t != (0, 1)]


def align_band(lattice: Lattice) -> tuple[list[Span], np.ndarray]:
    """Best-scoring monotone path from (0, 0) to (n, m) inside the lattice's band, and each
    bead's score.

    Beads are ``(i0, i1, j0, j1)`` half-open ranges; their scores are read off the DP's own
    table, so they need not be kept or computed again.
    """
    n, m, band = lattice.n, lattice.m, lattice.band
    band.check_corners(n, m)
    lo, hi = band.lo, band.hi
    pair_score, skip_src, skip_tgt = lattice.pair_score, lattice.skip_src, lattice.skip_tgt
    types = lattice.pair_types()
    if len(types) >= _CHAIN:
        raise ValueError("too many bead types")
    tgt_prefix = np.concatenate(([0.0], np.cumsum(skip_tgt)))
    scores: list[np.ndarray] = []
    pointers: list[np.ndarray] = []
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i] + 1)
        best = np.full(len(js), _NEG)
        arg = np.zeros(len(js), np.uint8)
        if i == 0:
            best[js == 0] = 0.0
        for code, (a, b) in enumerate(types):
            if a > i:
                continue
            prev = _values_at(scores[i - a], lo[i - a], js - b)
            usable = np.isfinite(prev)
            if not usable.any():
                continue
            if b == 0:
                gain = np.full(len(js), skip_src[i - 1])
            else:
                gain = np.full(len(js), _NEG)
                gain[usable] = pair_score(a, b, i, js[usable])
            candidate = prev + gain
            better = candidate > best
            best[better] = candidate[better]
            arg[better] = code
        best, chained = _chain_of_skips(best, tgt_prefix[js])
        arg[chained] = _CHAIN
        scores.append(best)
        pointers.append(arg)
    if not np.isfinite(scores[n][m - lo[n]]):
        raise ValueError("no path through the band")
    return _trace(n, m, lo, pointers, scores, types)


def _chain_of_skips(best: np.ndarray, offset: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A row's best scores once chains of 0-1 beads within it are allowed, and which cells a
    chain reached: best[j] = max_k<=j (best[k] + skip_tgt[k..j-1]), in closed form with the
    prefix sums of the skip scores (``offset``) and a running maximum."""
    lifted = best - offset
    running = np.maximum.accumulate(lifted)
    origin = np.maximum.accumulate(np.where(lifted == running, np.arange(len(best)), -1))
    chained = np.arange(len(best)) != origin
    chained &= np.isfinite(running)
    return np.where(chained, running + offset, best), chained


def _values_at(row: np.ndarray, row_lo: int, cols: np.ndarray) -> np.ndarray:
    """``row`` values at absolute columns ``cols`` (-inf outside the row's band)."""
    idx = cols - row_lo
    inside = (idx >= 0) & (idx < len(row))
    out = np.full(len(cols), _NEG)
    out[inside] = row[idx[inside]]
    return out


def _trace(
    n: int,
    m: int,
    lo: np.ndarray,
    pointers: list[np.ndarray],
    scores: list[np.ndarray],
    types: list[BeadType],
) -> tuple[list[Span], np.ndarray]:
    beads = []
    gains = []
    i, j = n, m
    while i > 0 or j > 0:
        code = int(pointers[i][j - lo[i]])
        a, b = (0, 1) if code == _CHAIN else types[code]
        beads.append((i - a, i, j - b, j))
        gains.append(scores[i][j - lo[i]] - scores[i - a][j - b - lo[i - a]])
        i, j = i - a, j - b
    beads.reverse()
    return beads, np.array(gains[::-1], dtype=np.float64)
