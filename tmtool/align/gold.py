"""Gold alignments as monotone paths: what an aligner of this family could produce at best."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tmtool.align.dp import Band, align_band
from tmtool.document import Bead

Span = tuple[int, int, int, int]

# Each extra bead costs this much, so that among paths with the most gold beads the one with the
# fewest beads (the best precision) wins; far below 1, so no gold bead is ever traded for it.
_BEAD_COST = 1e-4


def gold_path(
    gold: Sequence[Bead], n: int, m: int, bead_types: Sequence[tuple[int, int]]
) -> list[Span]:
    """The monotone path from (0, 0) to (n, m) with the most beads identical to gold beads.

    ``bead_types`` are the (a, b) beads an aligner may produce (1-0 and 0-1 always allowed).
    Among the paths with the most gold beads the one with the fewest beads is chosen. This is the
    best strict score a monotone aligner with that bead bound can reach: gold beads that cross
    others, are not contiguous or exceed the bound cannot all be on one path, and the DP finds the
    best trade-off between them instead of dropping every bead that crosses an earlier one.
    """
    wanted = {(b.src, b.tgt) for b in gold if b.src or b.tgt}
    types = sorted(set(bead_types) | {(1, 0), (0, 1)})

    def pair_score(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        src = tuple(range(i - a, i))
        hits = [(src, tuple(range(j - b, j))) in wanted for j in js.tolist()]
        return np.array(hits, dtype=np.float64) - _BEAD_COST

    src_skip = np.array([((k,), ()) in wanted for k in range(n)], np.float64) - _BEAD_COST
    tgt_skip = np.array([((), (k,)) in wanted for k in range(m)], np.float64) - _BEAD_COST
    return align_band(n, m, Band.full(n, m), types, pair_score, src_skip, tgt_skip)[0]
