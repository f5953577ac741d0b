"""Path refinement after the search: unaligned sentences that belong to a neighbouring bead.

The DP scores each bead from its own sentences, so a sentence with no counterpart on the other
side is left as a 1-0 / 0-1 bead even where its form binds it to a neighbour. Two forms do:

* a sentence that starts with a lower-case letter continues the sentence before it (the
  segmenter split it off, or OCR broke a line): it joins the bead before it;
* a question with no counterpart (an interviewer's question that one version leaves out, or
  turns into a heading) belongs with what answers it: it joins the bead after it, as the Dutch
  Parallel Corpus gold does.

A sentence is joined only to a bead with both sides, and only when the joined bead stays within
the bead bound. On the Text+Berg dev document the rule joins one sentence (a continuation, as the
gold does); it brings DPC from 14/15 to 15/15 beads in both pairs (bench/RESULTS.md, "Issue 10
§2: path level").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Span = tuple[int, int, int, int]

#: closing quotes and brackets that may follow a question mark
_CLOSERS = " \t\"'»”’)]"


def bound_neighbour(text: str) -> int:
    """-1 when the text continues the sentence before it, +1 when it is a question that belongs
    with what follows, 0 otherwise."""
    text = text.strip()
    if text[:1].islower():
        return -1
    if text.rstrip(_CLOSERS).endswith("?"):
        return 1
    return 0


def attach_dangling(
    path: Sequence[Span],
    scores: np.ndarray,
    src: Sequence[str],
    tgt: Sequence[str],
    allows: Callable[[int, int], bool],
    bead_score: Callable[[int, int, int, int], float],
) -> tuple[list[Span], np.ndarray]:
    """The path with each 1-0 / 0-1 sentence that ``bound_neighbour`` binds to a neighbouring
    bead joined into it (where that bead has both sides and ``allows`` the joined size), and the
    beads' scores (``bead_score`` for the joined ones)."""
    beads = list(path)
    values = [float(s) for s in scores]
    k = 0
    while k < len(beads):
        i0, i1, j0, j1 = beads[k]
        if (i1 > i0) == (j1 > j0):  # a bead with both sides
            k += 1
            continue
        other = k + bound_neighbour(src[i0] if i1 > i0 else tgt[j0])
        if other != k and 0 <= other < len(beads):
            n0, n1, m0, m1 = beads[other]
            first, last = beads[min(k, other)], beads[max(k, other)]
            joined = (first[0], last[1], first[2], last[3])
            if n1 > n0 and m1 > m0 and allows(joined[1] - joined[0], joined[3] - joined[2]):
                at = min(k, other)
                beads[at : at + 2] = [joined]
                values[at : at + 2] = [bead_score(*joined)]
                k = at + 1
                continue
        k += 1
    return beads, np.array(values, dtype=np.float64)
