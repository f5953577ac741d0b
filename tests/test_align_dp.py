"""The banded dynamic programme: synthetic similarity matrices and a brute-force reference."""

from __future__ import annotations

import numpy as np
import pytest

from tmtool.align.dp import Band, Lattice, align_band

TYPES = [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2)]
SKIP = -0.1


class MatrixScorer:
    """Bead score from a sentence similarity matrix: mean similarity of the block, minus a small
    penalty per sentence beyond a 1-1 bead."""

    def __init__(self, sims: np.ndarray) -> None:
        self.sims = sims

    def one(self, a: int, b: int, i: int, j: int) -> float:
        block = self.sims[i - a : i, j - b : j]
        return float(block.sum() / max(a, b) - 0.05 * (a + b - 2))

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        assert a >= 1 and b >= 1 and np.all(js >= b)
        return np.array([self.one(a, b, i, int(j)) for j in js])


def path_score(path, scorer: MatrixScorer) -> float:
    total = 0.0
    for i0, i1, j0, j1 in path:
        a, b = i1 - i0, j1 - j0
        total += SKIP if a == 0 or b == 0 else scorer.one(a, b, i1, j1)
    return total


def brute_force(n: int, m: int, band: Band, scorer: MatrixScorer) -> float:
    """Best path score by plain cell-by-cell DP over every bead type (-inf if none)."""
    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if not band.lo[i] <= j <= band.hi[i] or (i, j) == (0, 0):
                continue
            for a, b in TYPES:
                if a > i or b > j:
                    continue
                pi, pj = i - a, j - b
                if not band.lo[pi] <= pj <= band.hi[pi]:
                    continue
                gain = SKIP if a == 0 or b == 0 else scorer.one(a, b, i, j)
                best[i, j] = max(best[i, j], best[pi, pj] + gain)
    return float(best[n, m])


def check_path(path, n: int, m: int, band: Band) -> None:
    """Contiguous beads of allowed types from (0, 0) to (n, m), every corner inside the band."""
    i = j = 0
    for i0, i1, j0, j1 in path:
        assert (i0, j0) == (i, j)
        assert (i1 - i0, j1 - j0) in TYPES
        assert band.lo[i1] <= j1 <= band.hi[i1], f"({i1}, {j1}) lies outside the band"
        i, j = i1, j1
    assert (i, j) == (n, m)


def kinds(path) -> list[str]:
    return [f"{i1 - i0}-{j1 - j0}" for i0, i1, j0, j1 in path]


def run(sims: np.ndarray, band: Band | None = None):
    n, m = sims.shape
    band = band or Band.full(n, m)
    scorer = MatrixScorer(sims)
    path, scores = align_band(Lattice(band, TYPES, scorer, np.full(n, SKIP), np.full(m, SKIP)))
    check_path(path, n, m, band)
    # each bead's score, read off the DP's table, is the scorer's (or the skip score)
    for (i0, i1, j0, j1), score in zip(path, scores, strict=True):
        a, b = i1 - i0, j1 - j0
        own = SKIP if a == 0 or b == 0 else scorer(a, b, i1, np.array([j1]))[0]
        assert score == pytest.approx(own)
    return path


def test_identity_gives_one_to_one() -> None:
    path = run(np.eye(6))
    assert path == [(k, k + 1, k, k + 1) for k in range(6)]


def test_unmatched_target_sentence_is_0_1() -> None:
    # source k ~ target k for k < 2, source k ~ target k + 1 after: target 2 has no counterpart
    sims = np.zeros((4, 5))
    for k, t in enumerate([0, 1, 3, 4]):
        sims[k, t] = 1.0
    path = run(sims)
    assert kinds(path) == ["1-1", "1-1", "0-1", "1-1", "1-1"]
    assert path[2] == (2, 2, 2, 3)


def test_unmatched_source_sentence_is_1_0() -> None:
    sims = np.zeros((5, 4))
    for s, t in enumerate([0, None, 1, 2, 3]):
        if t is not None:
            sims[s, t] = 1.0
    assert kinds(run(sims)) == ["1-1", "1-0", "1-1", "1-1", "1-1"]


def test_split_sentence_is_1_2() -> None:
    sims = np.zeros((3, 4))
    sims[0, 0] = sims[1, 1] = sims[1, 2] = sims[2, 3] = 1.0
    path = run(sims)
    assert kinds(path) == ["1-1", "1-2", "1-1"]
    assert path[1] == (1, 2, 1, 3)


def test_band_that_excludes_the_diagonal() -> None:
    n = m = 4
    # rows 0-1 may only visit columns 0..1 and rows 2-3 columns 3..4: the diagonal cell (2, 2) is
    # outside, so the identity path is impossible and a bead must jump two target sentences
    band = Band(np.array([0, 0, 3, 3, 4]), np.array([1, 1, 4, 4, 4]))
    path = run(np.eye(4), band)
    corners = [(i1, j1) for _, i1, _, j1 in path]
    assert (2, 2) not in corners
    assert any(j1 - j0 >= 2 for _, _, j0, j1 in path)
    assert path_score(path, MatrixScorer(np.eye(4))) == pytest.approx(
        brute_force(n, m, band, MatrixScorer(np.eye(4)))
    )


@pytest.mark.parametrize(
    "band",
    [
        Band(np.array([0, 0, 0]), np.array([2, 2, 1])),  # (n, m) = (2, 2) left out
        Band(np.array([1, 0, 0]), np.array([2, 2, 2])),  # (0, 0) left out
    ],
)
def test_band_without_the_corners_is_refused(band: Band) -> None:
    with pytest.raises(ValueError, match=r"\(0, 0\) and \(n, m\)"):
        run(np.eye(2), band)


def test_band_with_no_path_is_refused() -> None:
    # rows 1 and 2 only allow column 4; beads of at most 2 target sentences cannot get there
    band = Band(np.array([0, 4, 4]), np.array([0, 4, 4]))
    with pytest.raises(ValueError, match="no path"):
        run(np.eye(2, 4), band)


def test_too_many_bead_types_are_refused() -> None:
    """Back-pointers are one byte and 255 marks a 0-1 chain: 255 other bead types cannot be told
    apart from it."""
    types = [(a, b) for a in range(1, 17) for b in range(1, 17)]  # 256 pair types
    band = Band.full(2, 2)
    lattice = Lattice(band, types, lambda a, b, i, js: np.zeros(len(js)), np.zeros(2), np.zeros(2))
    with pytest.raises(ValueError, match="too many bead types"):
        align_band(lattice)


def test_band_cells() -> None:
    assert Band.full(3, 4).cells == 4 * 5
    assert Band(np.array([0, 1, 2]), np.array([1, 2, 2])).cells == 2 + 2 + 1


@pytest.mark.parametrize("seed", range(30))
def test_matches_brute_force_on_random_bands(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 9)), int(rng.integers(1, 9))
    sims = rng.uniform(-0.3, 1.0, (n, m)) * (rng.uniform(size=(n, m)) < 0.5)
    diagonal = np.arange(n + 1) * m / n
    lo = np.clip(np.floor(diagonal) - rng.integers(0, 3, n + 1), 0, m).astype(np.int64)
    hi = np.clip(np.ceil(diagonal) + rng.integers(0, 3, n + 1), 0, m).astype(np.int64)
    lo[0], hi[n] = 0, m
    band = Band(lo, hi)
    scorer = MatrixScorer(sims)
    expected = brute_force(n, m, band, scorer)
    if not np.isfinite(expected):
        with pytest.raises(ValueError, match="no path"):
            run(sims, band)
        return
    path = run(sims, band)
    assert path_score(path, scorer) == pytest.approx(expected)
