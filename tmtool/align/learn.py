"""Learning the bead scorer's weights from gold alignments (structured perceptron).

The aligner's path score is linear in the weights: the sum over its beads of ``features · w``.
So the weights can be learned discriminatively, as in a structured perceptron: align a training
document with the current weights (with a cost added to every bead that is not a gold bead, so
that gold paths must win by a margin), and move the weights toward the features of the best
path an aligner of this family could produce (``gold_path``: the most gold-identical beads) and
away from the features of the path found. The weights are averaged over all steps and pulled
toward the starting (hand-tuned) weights after each step, so that a small training set cannot
move them far.

Long documents are cut into pieces at points both paths pass through, so that each update
corrects a few local mistakes rather than a whole document's.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.dp import Lattice, Span, align_band
from tmtool.align.gold import gold_path
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import FEATURES, BeadScorer, F
from tmtool.document import Bead


@dataclass(frozen=True)
class Example:
    """One training document (or piece of one): both sides' run embeddings and the gold."""

    src: RunEmbeddings
    tgt: RunEmbeddings
    gold: list[Bead]


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 10
    rate: float = 0.02  # step size of each update
    cost: float = 0.1  # added to the score of every bead that is not a gold bead while training
    pull: float = 0.05  # share of the way back to the starting weights after each step
    learned: tuple[str, ...] = FEATURES  # the weights that may change; the others stay fixed
    seed: int = 0
    #: the search trained for; with ``attach_dangling`` the paths compared are those after
    #: refine.py's join, as the aligner returns them
    search: AlignConfig = field(default_factory=lambda: AlignConfig(attach_dangling=False))


def path_features(scorer: BeadScorer, path: Sequence[Span]) -> np.ndarray:
    """The sum of the feature rows of a path's beads: its score is this times the weights."""
    total = np.zeros(len(FEATURES))
    for bead in path:
        total += scorer.bead_features(*bead)
    return total


def search_with_cost(
    aligner: EmbeddingAligner, scorer: BeadScorer, gold: Sequence[Bead], cost: float
) -> list[Span]:
    """The best path when every bead that is not in the gold scores ``cost`` higher."""
    wanted = {(b.src, b.tgt) for b in gold}
    n, m = len(scorer.src), len(scorer.tgt)

    def pair_score(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        src = tuple(range(i - a, i))
        misses = [(src, tuple(range(j - b, j))) not in wanted for j in js.tolist()]
        return scorer(a, b, i, js) + cost * np.array(misses, np.float64)

    src_skip, tgt_skip = scorer.skip_scores()
    src_skip = src_skip + cost * np.array([((k,), ()) not in wanted for k in range(n)])
    tgt_skip = tgt_skip + cost * np.array([((), (k,)) not in wanted for k in range(m)])
    types = aligner.bead_types(scorer.src, scorer.tgt)
    return align_band(Lattice(scorer.band, types, pair_score, src_skip, tgt_skip))[0]


def train_weights(
    examples: Sequence[Example],
    start: Mapping[str, float],
    config: TrainConfig | None = None,
    report: Callable[[int, int], None] | None = None,
) -> dict[str, float]:
    """Averaged structured-perceptron weights learned on ``examples`` from ``start``.

    ``report``, if given, is called as ``report(epoch, mistakes)`` after every epoch (the number
    of beads of the cost-augmented paths that are not on the target paths).
    """
    config = config or TrainConfig()
    unknown = (set(start) | set(config.learned)) - set(FEATURES)
    if unknown:
        raise ValueError(f"unknown features: {sorted(unknown)}")
    w0 = np.array([start.get(name, 0.0) for name in FEATURES])
    step = np.zeros(len(FEATURES))  # per weight: 0 for the weights held fixed
    step[[F[name] for name in config.learned]] = config.rate
    w = w0.copy()
    total, steps = np.zeros_like(w), 0
    rng = np.random.default_rng(config.seed)
    # the path each update moves toward depends on the gold and the bead set, not the weights
    trained_for = EmbeddingAligner(None, config.search)  # type: ignore[arg-type]
    targets = [
        gold_path(ex.gold, len(ex.src), len(ex.tgt), trained_for.bead_types(ex.src, ex.tgt))
        for ex in examples
    ]
    # each example's scorer is built once (its band, tokens and shapes do not depend on the
    # weights) and re-weighted at every step
    scorers = [trained_for.scorer(ex.src, ex.tgt) for ex in examples]
    with threadpool_limits(limits=1, user_api="blas"):
        # a feature of typical size s gets steps of rate / s^2, as if it had been scaled to size
        # 1: lengths in log characters must not move as fast as cosines
        step /= np.maximum(_typical_sizes(examples, w) ** 2, 1e-2)
        for epoch in range(config.epochs):
            mistakes = 0
            for k in rng.permutation(len(examples)):
                delta, wrong = _update(scorers[k], examples[k].gold, targets[k], w, config)
                mistakes += wrong
                w = w + step * delta if delta is not None else w
                w = w - config.pull * (w - w0)
                total += w
                steps += 1
            if report is not None:
                report(epoch, mistakes)
    return _as_dict(total / max(steps, 1))


def _update(
    scorer: BeadScorer,
    gold: Sequence[Bead],
    target: Sequence[Span],
    w: np.ndarray,
    config: TrainConfig,
) -> tuple[np.ndarray | None, int]:
    """One perceptron update on one example: the features of the target path's beads that the
    cost-augmented search under ``w`` missed, less those of the beads it found wrongly (None
    when the paths agree), and how many beads it found wrongly."""
    aligner = EmbeddingAligner(None, config.search, _as_dict(w))  # type: ignore[arg-type]
    with scorer.with_weights(aligner.weight_vector()) as weighted:
        found = search_with_cost(aligner, weighted, gold, config.cost)
        if config.search.attach_dangling:
            found, _ = aligner.join_dangling(found, np.zeros(len(found)), weighted)
        wrong, right = set(found) - set(target), set(target) - set(found)
        if not (wrong or right):
            return None, 0
        delta = path_features(weighted, sorted(right)) - path_features(weighted, sorted(wrong))
        return delta, len(wrong)


def _typical_sizes(examples: Sequence[Example], w: np.ndarray) -> np.ndarray:
    """Root mean square of each feature over the target paths' beads where it is not zero (an
    indicator's size is 1, however rare it is)."""
    squares, count = np.zeros(len(FEATURES)), np.zeros(len(FEATURES))
    for ex in examples:
        aligner = EmbeddingAligner(None, weights=_as_dict(w))  # type: ignore[arg-type]
        scorer = aligner.scorer(ex.src, ex.tgt)
        for bead in gold_path(
            ex.gold, len(ex.src), len(ex.tgt), aligner.bead_types(ex.src, ex.tgt)
        ):
            row = scorer.bead_features(*bead)
            squares += row**2
            count += row != 0
    return np.sqrt(squares / np.maximum(count, 1))


def split_example(example: Example, size: int) -> list[Example]:
    """Pieces of at least ``size`` source sentences, cut between gold beads where no gold bead
    crosses the cut, each with its gold beads renumbered."""
    n, m = len(example.src), len(example.tgt)
    if n < 2 * size:
        return [example]
    # a cut (i, j) is clean when every linked bead before it ends at or before it and every one
    # after it starts at or after it, on both sides (1-0 and 0-1 beads fall on one side anyway)
    beads = sorted((b for b in example.gold if b.src and b.tgt), key=lambda b: min(b.src))
    if not beads:
        return [example]
    ends_i = np.maximum.accumulate([max(b.src) + 1 for b in beads])
    ends_j = np.maximum.accumulate([max(b.tgt) + 1 for b in beads])
    starts_i = np.minimum.accumulate([min(b.src) for b in beads][::-1])[::-1]
    starts_j = np.minimum.accumulate([min(b.tgt) for b in beads][::-1])[::-1]
    cuts, last = [(0, 0)], 0
    for k in range(len(beads) - 1):
        i, j = int(ends_i[k]), int(ends_j[k])
        clean = starts_i[k + 1] >= i and starts_j[k + 1] >= j
        if clean and i - last >= size and n - i >= size:
            cuts.append((i, j))
            last = i
    cuts.append((n, m))
    pieces = []
    for (i0, j0), (i1, j1) in itertools.pairwise(cuts):
        gold = [
            Bead(tuple(i - i0 for i in b.src), tuple(j - j0 for j in b.tgt))
            for b in example.gold
            if all(i0 <= i < i1 for i in b.src) and all(j0 <= j < j1 for j in b.tgt)
        ]
        pieces.append(Example(example.src.sliced(i0, i1), example.tgt.sliced(j0, j1), gold))
    return pieces


def training_pieces(
    examples: Sequence[Example], size: int, per_document: int | None = None, seed: int = 0
) -> list[Example]:
    """The examples cut into pieces (``split_example``), at most ``per_document`` of each
    document's pieces drawn at random: a novel of 7,000 sentences would otherwise outweigh every
    short document of the training set (and cost minutes an epoch)."""
    rng = random.Random(seed)
    out: list[Example] = []
    for example in examples:
        pieces = split_example(example, size)
        if per_document is not None and len(pieces) > per_document:
            chosen = sorted(rng.sample(range(len(pieces)), per_document))
            pieces = [pieces[k] for k in chosen]
        out.extend(pieces)
    return out


def _as_dict(w: np.ndarray) -> dict[str, float]:
    return {name: round(float(v), 6) for name, v in zip(FEATURES, w, strict=True) if v != 0.0}
