"""Gold alignments as monotone paths: what an aligner of this family could produce at best."""

from __future__ import annotations

from collections.abc import Sequence

from tmtool.document import Bead

Span = tuple[int, int, int, int]


def gold_path(gold: Sequence[Bead], n: int, m: int) -> list[Span]:
    """Gold beads as a monotone path of (i0, i1, j0, j1) spans from (0, 0) to (n, m).

    Beads that cross others (which no monotone aligner can produce) are dropped; sentences the
    gold leaves out, or that only dropped beads held, become 1-0 / 0-1 beads.
    """
    linked = sorted((b for b in gold if b.src), key=lambda b: (min(b.src), min(b.tgt, default=-1)))
    inserted = sorted((b for b in gold if not b.src and b.tgt), key=lambda b: min(b.tgt))
    ordered: list[Bead] = []
    k = 0
    for bead in linked:
        while bead.tgt and k < len(inserted) and min(inserted[k].tgt) < min(bead.tgt):
            ordered.append(inserted[k])
            k += 1
        ordered.append(bead)
    ordered.extend(inserted[k:])

    path: list[Span] = []
    i = j = 0
    for bead in ordered:
        if not (_contiguous_from(bead.src, i) and _contiguous_from(bead.tgt, j)):
            continue  # crosses an earlier bead
        i_start = min(bead.src) if bead.src else i
        j_start = min(bead.tgt) if bead.tgt else j
        path.extend((x, x + 1, j, j) for x in range(i, i_start))
        path.extend((i_start, i_start, y, y + 1) for y in range(j, j_start))
        i = max(bead.src) + 1 if bead.src else i_start
        j = max(bead.tgt) + 1 if bead.tgt else j_start
        path.append((i_start, i, j_start, j))
    path.extend((x, x + 1, j, j) for x in range(i, n))
    path.extend((n, n, y, y + 1) for y in range(j, m))
    return path


def _contiguous_from(indices: tuple[int, ...], start: int) -> bool:
    """Empty, or consecutive indices that begin at or after ``start``."""
    return not indices or (
        min(indices) >= start and sorted(indices) == list(range(min(indices), max(indices) + 1))
    )
