"""The gold path of a long document is searched in a band around the gold beads: the same path
as the whole lattice gives, at a fraction of its cost."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from tmtool.align import gold as gold_module
from tmtool.align.aligner import AlignConfig
from tmtool.align.gold import _gold_band, deletion_types, gold_path
from tmtool.document import Bead


def novel_like_gold(seed: int, far: bool, n: int = 560) -> tuple[list[Bead], int, int]:
    """Mostly 1-1 beads with 1-2, 2-1, unaligned sentences on either side, a few beads that
    cross their neighbours, one long stretch (a chapter) left unaligned on the source side and,
    with ``far``, one bead far from its place."""
    rng = random.Random(seed)
    beads: list[Bead] = []
    i = j = 0
    while i < n:
        if i == n // 2:  # a chapter missing from the translation
            beads += [Bead((k,), ()) for k in range(i, i + 60)]
            i += 60
            continue
        kind = rng.random()
        a, b = (
            (1, 1)
            if kind < 0.7
            else (1, 2)
            if kind < 0.8
            else (2, 1)
            if kind < 0.88
            else ((1, 0) if kind < 0.94 else (0, 1))
        )
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    for _ in range(4):  # swap the targets of two neighbouring 1-1 beads: they cross
        k = rng.randrange(len(beads) - 1)
        first, second = beads[k], beads[k + 1]
        if len(first.src) == len(first.tgt) == len(second.src) == len(second.tgt) == 1:
            beads[k], beads[k + 1] = Bead(first.src, second.tgt), Bead(second.src, first.tgt)
    if far:  # an early source sentence aligned with one near the end: the band grows to hold it
        k = next(k for k in range(20, len(beads)) if beads[k].src and beads[k].tgt)
        beads[k] = Bead(beads[k].src, (j - 3,))
    return beads, n, j


@pytest.mark.parametrize("deletions", [False, True])
@pytest.mark.parametrize(("seed", "far"), [(0, False), (1, False), (2, True)])
def test_the_band_finds_the_whole_lattice_path(
    seed: int, far: bool, deletions: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    beads, n, m = novel_like_gold(seed, far)
    config = AlignConfig()
    types = config.bead_types() + (deletion_types(config.max_bead) if deletions else [])
    assert (n + 1) * (m + 1) > gold_module.FULL_CELLS
    lo, hi = _gold_band(beads, n, m)
    cells = sum(last - first + 1 for first, last in zip(lo, hi, strict=True))
    if not far:  # a narrow band; a bead far from its place widens it to hold every path to it
        assert cells < (n + 1) * (m + 1) / 4
    banded = gold_path(beads, n, m, types)
    monkeypatch.setattr(gold_module, "FULL_CELLS", (n + 1) * (m + 1))
    assert banded == gold_path(beads, n, m, types)


def test_the_band_is_monotone_and_spans_the_lattice() -> None:
    beads, n, m = novel_like_gold(0, far=True)
    lo, hi = _gold_band(beads, n, m)
    assert lo[0] == 0 and hi[n] == m
    assert all(a <= b for a, b in pairwise(lo)) and all(a <= b for a, b in pairwise(hi))
    assert all(lo[i + 1] <= hi[i] for i in range(n))  # every row reaches the next
