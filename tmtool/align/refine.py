"""Path refinement after the search: unaligned sentences that belong to a neighbouring bead.

The DP scores each bead from its own sentences and charges an m-n bead for its size, so a
sentence without a counterpart of its own is left as a 1-0 / 0-1 bead even where it belongs to a
neighbouring unit. Three kinds of evidence join it to a neighbour:

* a sentence that starts with a lower-case letter continues the sentence before it (the
  segmenter split it off, or OCR broke a line): it joins the bead before it;
* a question with no counterpart (an interviewer's question that one version leaves out) belongs
  with what answers it: it joins the bead after it, as the Dutch Parallel Corpus gold does;
* otherwise, a sentence of real words joins the neighbouring bead whose run cosine it does not
  lower: the other side already says what it adds (a sentence the translator appended).

A sentence is joined only to a bead with both sides, and only when the joined bead stays within
the bead bound (and, for the cosine, within the longest embedded run). bench/RESULTS.md ("Issue 10
§2: path level") has what each rule does on the evaluation sets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tmtool.align.dp import Span
from tmtool.align.runs import RunEmbeddings

#: closing quotes and brackets that may follow a question mark
_CLOSERS = " \t\"'»”’)]"


def starts_in_lower_case(text: str) -> bool:
    """Whether the text's first character is a lower-case letter."""
    return text.strip()[:1].islower()


def bound_neighbour(text: str) -> int:
    """-1 when the text continues the sentence before it, +1 when it is a question that belongs
    with what follows, 0 otherwise."""
    text = text.strip()
    if starts_in_lower_case(text):
        return -1
    if text.rstrip(_CLOSERS).endswith("?"):
        return 1
    return 0


def attach_dangling(
    path: Sequence[Span],
    scores: np.ndarray,
    src: RunEmbeddings,
    tgt: RunEmbeddings,
    allows: Callable[[int, int], bool],
    bead_score: Callable[[int, int, int, int], float],
) -> tuple[list[Span], np.ndarray]:
    """The path with each 1-0 / 0-1 sentence joined to the neighbouring bead it belongs to (see
    the module's rules), and the beads' scores (``bead_score`` for the joined ones)."""
    beads = list(path)
    values = [float(s) for s in scores]
    k = 0
    while k < len(beads):
        neighbour = _neighbour(beads, k, src, tgt, allows)
        if neighbour is None:
            k += 1
            continue
        at = min(k, neighbour)
        joined = _joined(beads[at], beads[at + 1])
        beads[at : at + 2] = [joined]
        values[at : at + 2] = [bead_score(*joined)]
        k = at + 1
    return beads, np.array(values, dtype=np.float64)


def _neighbour(
    beads: Sequence[Span],
    k: int,
    src: RunEmbeddings,
    tgt: RunEmbeddings,
    allows: Callable[[int, int], bool],
) -> int | None:
    """The index of the bead that the unaligned sentence of bead ``k`` joins, if any."""
    i0, i1, j0, j1 = beads[k]
    if (i1 > i0) == (j1 > j0):  # a bead with both sides
        return None
    side, index = (src, i0) if i1 > i0 else (tgt, j0)

    def joinable(other: int) -> Span | None:
        if not 0 <= other < len(beads) or other == k:
            return None
        n0, n1, m0, m1 = beads[other]
        joined = _joined(beads[min(k, other)], beads[max(k, other)])
        if n1 > n0 and m1 > m0 and allows(joined[1] - joined[0], joined[3] - joined[2]):
            return joined
        return None

    bound = k + bound_neighbour(side.texts[index])
    if bound != k:
        return bound if joinable(bound) else None
    if side.junk[index]:  # debris adds nothing a cosine could confirm
        return None
    best, gain = None, 0.0
    for other in (k - 1, k + 1):
        joined = joinable(other)
        if joined is None:
            continue
        change = _cosine(src, tgt, joined)
        before = _cosine(src, tgt, beads[other])
        if change is None or before is None:
            continue
        if change - before >= gain:
            best, gain = other, change - before
    return best


def _joined(first: Span, last: Span) -> Span:
    """The bead made of two consecutive beads."""
    return (first[0], last[1], first[2], last[3])


def _cosine(src: RunEmbeddings, tgt: RunEmbeddings, bead: Span) -> float | None:
    """Cosine of the bead's two runs; None when a run is longer than those embedded."""
    i0, i1, j0, j1 = bead
    if i1 - i0 > src.max_run or j1 - j0 > tgt.max_run:
        return None
    return float(src[i1 - i0][i0] @ tgt[j1 - j0][j0])
