"""Learning the bead scorer's weights from gold alignments (averaged structured perceptron).

Each epoch aligns every training document with the current weights and moves the weights
towards the features of the gold path and away from those of the predicted path. The average of
the weights over all updates is returned (Collins 2002), which generalises better than the last.
Gold beads the search cannot produce (larger than the bead bound) are left out of both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import FEATURES, BeadScorer
from tmtool.document import Bead

Span = tuple[int, int, int, int]


@dataclass
class TrainingDocument:
    src: RunEmbeddings
    tgt: RunEmbeddings
    gold: list[Bead]


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


def train_weights(
    aligner: EmbeddingAligner,
    documents: Sequence[TrainingDocument],
    epochs: int = 30,
    rate: float = 0.05,
    report: Callable[[int, float], None] | None = None,
) -> dict[str, float]:
    """Averaged-perceptron training of ``aligner``'s weights; returns the averaged weights."""
    weights = aligner.weight_vector()
    total = np.zeros_like(weights)
    steps = 0
    bounds = aligner.config
    for epoch in range(epochs):
        errors = 0
        for doc in documents:
            aligner.weights = dict(zip(FEATURES, weights, strict=False))
            scorer = aligner.scorer(doc.src, doc.tgt)
            predicted = aligner.search(scorer)
            gold = gold_path(doc.gold, len(doc.src), len(doc.tgt))
            reachable = [s for s in gold if _within(s, bounds.max_run, bounds.max_bead)]
            excluded = {(i, "s") for s in gold if s not in reachable for i in range(s[0], s[1])} | {
                (j, "t") for s in gold if s not in reachable for j in range(s[2], s[3])
            }
            predicted_kept = [s for s in predicted if not _touches(s, excluded)]
            wrong_gold = set(reachable) - set(predicted_kept)
            wrong_pred = set(predicted_kept) - set(reachable)
            errors += len(wrong_pred)
            if wrong_gold or wrong_pred:
                delta = _features(scorer, wrong_gold) - _features(scorer, wrong_pred)
                weights = weights + rate * delta
            total += weights
            steps += 1
        if report:
            report(epoch, errors)
    return dict(zip(FEATURES, (total / steps).tolist(), strict=False))


def _within(span: Span, max_run: int, max_bead: int) -> bool:
    a, b = span[1] - span[0], span[3] - span[2]
    if a == 0 or b == 0:
        return a + b == 1
    return a <= max_run and b <= max_run and a + b <= max_bead


def _touches(span: Span, excluded: set[tuple[int, str]]) -> bool:
    return any((i, "s") in excluded for i in range(span[0], span[1])) or any(
        (j, "t") in excluded for j in range(span[2], span[3])
    )


def _features(scorer: BeadScorer, spans: set[Span]) -> np.ndarray:
    total = np.zeros(len(FEATURES))
    for span in spans:
        total += scorer.bead_features(*span)
    return total
