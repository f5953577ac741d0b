"""Gold alignments as monotone paths: what an aligner of this family could produce at best."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from tmtool.align.dp import Span
from tmtool.document import Bead

#: lattices of up to this many cells are searched whole (``_gold_band``)
FULL_CELLS = 250_000
#: how many sentences beyond the gold beads' corners the search reaches on long documents; with
#: it the gold paths equal the whole lattice's on every evaluation document tried (bench/RESULTS.md,
#: "Review mends (branch rvq)")
MARGIN = 25


def deletion_types(max_bead: int) -> list[tuple[int, int]]:
    """Beads of 2..``max_bead`` unaligned sentences on one side (m-0 and 0-n): outside tmtool's
    bead set, which leaves sentences unaligned one at a time, but within "m + n <= max_bead"."""
    return [t for k in range(2, max_bead + 1) for t in ((k, 0), (0, k))]


def gold_path(
    gold: Sequence[Bead], n: int, m: int, bead_types: Sequence[tuple[int, int]]
) -> list[Span]:
    """The monotone path from (0, 0) to (n, m) with the most beads identical to gold beads.

    ``bead_types`` are the (a, b) beads an aligner may produce (1-0 and 0-1 always allowed; m-0
    and 0-n beads of several sentences too, if listed). Among the paths with the most gold beads
    the one with the most gold beads that align sentences (recall counts only those), then the
    one with the fewest beads (precision) is chosen. This is the best strict score a monotone
    aligner with that bead set can reach: gold beads that cross others, are not contiguous or
    exceed the bound cannot all be on one path, and the DP finds the best trade-off between them
    instead of dropping every bead that crosses an earlier one.
    """
    types = sorted(set(bead_types) | {(1, 0), (0, 1)})
    pair_ends, gap_ends = _gold_ends(gold)
    lo, hi = _gold_band(gold, n, m)
    # a path's value, compared as a tuple: (gold beads, gold beads with both sides, -beads);
    # row i holds the cells lo[i]..hi[i] of the band
    best: list[list[tuple[int, int, int] | None]] = [
        [None] * (hi[i] - lo[i] + 1) for i in range(n + 1)
    ]
    move = [[(0, 0)] * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    best[0][0] = (0, 0, 0)
    for i in range(n + 1):
        row, row_move, row_lo = best[i], move[i], lo[i]
        for j in range(row_lo, hi[i] + 1):
            here = row[j - row_lo]
            for a, b in types:
                if a > i or b > j or not lo[i - a] <= j - b <= hi[i - a]:
                    continue
                before = best[i - a][j - b - lo[i - a]]
                if before is None:
                    continue
                if a and b:
                    hit = (i, j) in pair_ends.get((a, b), ())
                else:  # unaligned sentences: the same bead wherever the other side stands
                    hit = (i if a else j) in gap_ends.get((a, b), ())
                value = (before[0] + hit, before[1] + (hit and a > 0 and b > 0), before[2] - 1)
                if here is None or value > here:
                    here = row[j - row_lo] = value
                    row_move[j - row_lo] = (a, b)
    path = []
    i, j = n, m
    while i or j:
        a, b = move[i][j - lo[i]]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    return path[::-1]


def _gold_band(gold: Sequence[Bead], n: int, m: int) -> tuple[list[int], list[int]]:
    """The columns ``lo[i]..hi[i]`` of each row ``i`` that ``gold_path`` searches.

    The whole lattice where it has at most ``FULL_CELLS`` cells; otherwise every cell within
    ``MARGIN`` sentences (on both sides) of a corner of a gold bead with both sides, and between
    the corners of consecutive ones (across gold's unaligned sentences), made monotone so that
    paths can cross it. The search then costs time and memory linear in the documents' length
    instead of their product (a novel of 6,700 sentences: minutes and ~10 GB for the whole
    lattice). Like the aligner's band it is a bound, not a proof: a path that strays that far
    from the gold beads loses them, and on every gold alignment checked (Text+Berg, DPC, the
    hunalign novels; ``tests/test_align_gold.py``) the band gives the whole lattice's path.
    """
    if (n + 1) * (m + 1) <= FULL_CELLS:
        return [0] * (n + 1), [m] * (n + 1)
    corners: dict[int, list[int]] = {0: [0], n: [m]}
    for bead in gold:
        if bead.src and bead.tgt:
            corners.setdefault(min(bead.src), []).append(min(min(bead.tgt), m))
            corners.setdefault(max(bead.src) + 1, []).append(min(max(bead.tgt) + 1, m))
    rows = sorted(i for i in corners if 0 <= i <= n)
    low = {i: min(corners[i]) for i in rows}
    high = {i: max(corners[i]) for i in rows}
    lo, hi = [0] * (n + 1), [m] * (n + 1)
    k = 0  # rows[k] is the last corner row at or before i
    for i in range(n + 1):
        while k + 1 < len(rows) and rows[k + 1] <= i:
            k += 1
        near = [
            r for r in rows[max(0, k - 2 * MARGIN) : k + 2 * MARGIN + 2] if abs(r - i) <= MARGIN
        ]
        near += rows[k : k + 2]  # the corners before and after i, however far
        lo[i] = max(0, min(low[r] for r in near) - MARGIN)
        hi[i] = min(m, max(high[r] for r in near) + MARGIN)
    for i in range(n - 1, -1, -1):  # monotone: a path may step from any row's cells to the next
        lo[i] = min(lo[i], lo[i + 1])
    for i in range(1, n + 1):
        hi[i] = max(hi[i], hi[i - 1])
    lo[0], hi[n] = 0, m
    return lo, hi


def _gold_ends(
    gold: Sequence[Bead],
) -> tuple[dict[tuple[int, int], set[tuple[int, int]]], dict[tuple[int, int], set[int]]]:
    """Where a path's bead must end to be identical to a gold bead, by bead shape: (i, j) for
    beads with both sides; i for a-0 beads and j for 0-b beads, which a path may place at any
    position of the other side. Gold beads whose sentences are not consecutive are left out: no
    bead of a path equals them."""
    pairs: dict[tuple[int, int], set[tuple[int, int]]] = {}
    gaps: dict[tuple[int, int], set[int]] = {}
    for bead in gold:
        src, tgt = tuple(bead.src), tuple(bead.tgt)
        if not (src or tgt) or not (_consecutive(src) and _consecutive(tgt)):
            continue
        shape = (len(src), len(tgt))
        if src and tgt:
            pairs.setdefault(shape, set()).add((src[-1] + 1, tgt[-1] + 1))
        else:
            gaps.setdefault(shape, set()).add((src or tgt)[-1] + 1)
    return pairs, gaps


def _consecutive(side: tuple[int, ...]) -> bool:
    return all(b == a + 1 for a, b in pairwise(side))
