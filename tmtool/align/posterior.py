"""Bead posteriors over the band lattice (forward-backward): the aligner's confidence.

Reading each bead score divided by a temperature T as a log-potential, the paths through the band
form a distribution, and forward-backward (sum-product over the same lattice and bead set as
``dp.align_band``, in log space) gives every bead's posterior probability of being on the path: a
bead that other paths nearly as good disagree with is doubtful, whatever its own score.
(Decoding with the posteriors, the minimum-Bayes-risk path, was measured and not kept: see
bench/RESULTS.md, "posterior decoding".)

For the metric, leaving a sentence unaligned is one bead whatever the other side's position, so
the 1-0 / 0-1 posteriors are summed per sentence: ``src_skip[k]`` is the probability that source
sentence k has no counterpart. Posteriors of m-n beads are kept sparsely (only those above
``floor``), so memory stays that of the band's forward table however long the documents are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from tmtool.align.dp import Band, BeadType, Lattice

_NEG = -np.inf


@dataclass
class Posteriors:
    """Posterior probabilities of the beads of a band lattice."""

    log_z: float
    src_skip: np.ndarray  # P(source sentence k unaligned)
    tgt_skip: np.ndarray  # P(target sentence k unaligned)
    # (a, b) -> {end row i: (end columns j, probabilities)} of beads src[i-a:i] ~ tgt[j-b:j]
    pairs: dict[BeadType, dict[int, tuple[np.ndarray, np.ndarray]]] = field(default_factory=dict)

    def bead(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The posterior of one bead (a 1-0 / 0-1 bead: of its sentence being unaligned; an m-n
        bead below the floor: 0)."""
        if i1 == i0:
            return float(self.tgt_skip[j0])
        if j1 == j0:
            return float(self.src_skip[i0])
        stored = self.pairs.get((i1 - i0, j1 - j0), {}).get(i1)
        if stored is None:
            return 0.0
        cols, probs = stored
        at = int(np.searchsorted(cols, j1))
        return float(probs[at]) if at < len(cols) and cols[at] == j1 else 0.0


def bead_posteriors(lattice: Lattice, temperature: float, floor: float = 1e-4) -> Posteriors:
    """Forward-backward over the lattice's band with log-potentials score / ``temperature``.

    Same lattice and scorer protocol as ``align_band`` (the scorer is called for rows in
    increasing ``i``, then once more in decreasing ``i``; ``BeadScorer`` reads back the blocks
    the search scored, from memory or its temporary file). The within-row chain of 0-1 beads is
    a cumulative log-sum-exp. Each bead type's beads into a row start in one run of columns of
    an earlier row (band rows are runs of columns), so they are added as slices, not looked up.
    """
    lattice.band.check_corners(lattice.n, lattice.m)
    if temperature <= 0:
        raise ValueError("the temperature must be positive")
    potentials = _Potentials(lattice, temperature)
    with np.errstate(invalid="ignore"):
        alpha = _forward(lattice, potentials)
        log_z = float(alpha[lattice.n][lattice.m - lattice.band.lo[lattice.n]])
        if not np.isfinite(log_z):
            raise ValueError("no path through the band")
        return _backward(lattice, potentials, alpha, log_z, floor)


class _Potentials:
    """The lattice's bead scores divided by the temperature (log-potentials)."""

    def __init__(self, lattice: Lattice, temperature: float) -> None:
        self.types = lattice.pair_types()
        self._pair_score, self._temperature = lattice.pair_score, temperature
        self.src = np.asarray(lattice.skip_src, dtype=np.float64) / temperature
        self.tgt = np.asarray(lattice.skip_tgt, dtype=np.float64) / temperature
        self._tgt_prefix = np.concatenate(([0.0], np.cumsum(self.tgt)))

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Log-potentials of the a-b beads ending at (i, j) for every j in js."""
        if b == 0:
            return np.full(len(js), self.src[i - 1])
        return np.asarray(self._pair_score(a, b, i, js)) / self._temperature

    def chain_offset(self, js: np.ndarray) -> np.ndarray:
        """The log-potential of the 0-1 chain from the row's first column to each of ``js``."""
        return self._tgt_prefix[js] - self._tgt_prefix[js[0]]


def _bead_runs(
    band: Band, types: list[BeadType], i: int
) -> Iterator[tuple[int, int, slice, slice, np.ndarray]]:
    """For each bead type with beads into row ``i``: a, b and its run (``Band.bead_run``)."""
    for a, b in types:
        if a <= i and (cut := band.bead_run(a, b, i)) is not None:
            yield a, b, *cut


def _forward(lattice: Lattice, potentials: _Potentials) -> list[np.ndarray]:
    """alpha[i][j - lo[i]]: the log-sum of the paths from (0, 0) to (i, j)."""
    band = lattice.band
    alpha: list[np.ndarray] = []
    for i in range(lattice.n + 1):
        js = np.arange(band.lo[i], band.hi[i] + 1)
        acc = np.full(len(js), _NEG)
        if i == 0:
            acc[js == 0] = 0.0
        for a, b, ends, starts, cols in _bead_runs(band, potentials.types, i):
            acc[ends] = np.logaddexp(acc[ends], alpha[i - a][starts] + potentials(a, b, i, cols))
        offset = potentials.chain_offset(js)
        alpha.append(np.logaddexp.accumulate(acc - offset) + offset)
    return alpha


def _backward(
    lattice: Lattice,
    potentials: _Potentials,
    alpha: list[np.ndarray],
    log_z: float,
    floor: float,
) -> Posteriors:
    """The backward pass, adding up each bead's posterior as it goes; the rows of ``alpha``
    are dropped as they are finished."""
    n, m, band = lattice.n, lattice.m, lattice.band
    lo, hi = band.lo, band.hi
    src_skip, tgt_skip = np.zeros(n), np.zeros(m)
    pairs: dict[BeadType, dict[int, tuple[np.ndarray, np.ndarray]]] = {
        t: {} for t in potentials.types if t[1] > 0
    }
    # pending[r]: log-sum of the beads from row r into the finished rows below it; rows are
    # made when first reached and dropped when finished, like the rows of alpha
    pending = {n: np.full(hi[n] - lo[n] + 1, _NEG)}
    pending[n][m - lo[n]] = 0.0
    for i in range(n, -1, -1):
        js = np.arange(lo[i], hi[i] + 1)
        offset = potentials.chain_offset(js)
        into = pending.pop(i, np.full(len(js), _NEG))
        beta = np.logaddexp.accumulate((into + offset)[::-1])[::-1] - offset
        if len(js) > 1:  # 0-1 beads of this row: (i, j) -> (i, j + 1)
            post = np.exp(alpha[i][:-1] + potentials.tgt[js[:-1]] + beta[1:] - log_z)
            tgt_skip[js[:-1]] += np.where(np.isfinite(post), post, 0.0)
        for a, b, ends, starts, cols in _bead_runs(band, potentials.types, i):
            r = i - a
            gain = potentials(a, b, i, cols)
            if r not in pending:
                pending[r] = np.full(hi[r] - lo[r] + 1, _NEG)
            pending[r][starts] = np.logaddexp(pending[r][starts], gain + beta[ends])
            post = np.zeros(len(js))
            post[ends] = np.exp(alpha[r][starts] + gain + beta[ends] - log_z)
            if b == 0:
                src_skip[i - 1] += post.sum()
                continue
            kept = post > floor
            if kept.any():
                pairs[(a, b)][i] = (js[kept], post[kept])
        alpha[i] = np.empty(0)  # no bead of the rows still to come starts here
    return Posteriors(log_z, src_skip, tgt_skip, pairs)
