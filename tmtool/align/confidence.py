"""Confidence of the aligned pairs: a probability that means the same in every document.

A bead's score is on a scale that depends on the language pair, the text and the bead type (the
Text+Berg dev document's right pairs score about 0.55, hunalign's news article's 0.27, ParIce's
0.12), so a fixed mapping from score to probability over-trusts some documents and under-trusts
others. The score is therefore placed on the document's own scale first:

* the *null* level: the mean score of wrong 1-1 pairs of this document (sentences of the path's
  1-1 beads paired with a target 3 to 10 places away, as when documents do not correspond);
* the *right* level: the median score of the path's own 1-1 beads (most of which are right);

and ``position = (score - null) / (right - null)`` (0 = like a wrong pair, 1 = a typical pair of
this document). The probability is a logistic function of the position and of whether the bead
is m-n (m + n > 2), fitted on the Text+Berg dev document's path beads (``bench/calibrate.py``),
times the probability that the score is above a wrong pair's (the normal CDF of its distance from
the null level in the wrong pairs' standard deviations). The first factor makes the confidence
comparable across documents; the second keeps a document whose path scores no better than its
wrong pairs (texts that are not translations of each other) from looking confident.

``posterior_confidences`` (the default, ``AlignConfig.confidence``) is instead the bead's
posterior probability over every path of the band (forward-backward, ``posterior.py``), with bead
scores read as log-potentials at a temperature proportional to the spread of the document's
wrong-pair scores: a bead is doubtful when other paths nearly as good disagree with it, which the
bead's own score cannot show, and in texts that are not translations of each other every path is
about as good as the best (score differences within the wrong pairs' spread), so no bead looks
sure. The spread is measured on sentences of words (debris repeats, and a repeated line scores
like a right pair wherever it stands). Two things the posterior cannot know are added: a bead that
refinement joined keeps the posterior of the bead it joined (the join's evidence is not in the
model) unless that evidence is void, and an m-n bead that holds a debris sentence is less sure
than its posterior says. Its parameters, the relative temperature and the debris log-odds, were
chosen on Text+Berg dev; bench/RESULTS.md ("posterior decoding", "calibration by bead type") has
the reliability tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tmtool.align.dp import BeadType, Span
from tmtool.align.posterior import bead_posteriors
from tmtool.align.refine import bound_neighbour, starts_in_lower_case
from tmtool.align.scoring import BeadScorer
from tmtool.align.weights import CONFIDENCE, REFERENCE_LEVELS

#: wrong pairs sampled per document for its null level (a fixed cost however long it is)
NULL_SAMPLES = 200
#: fewer 1-1 beads than this: the document is too short for levels of its own
MIN_ONE_TO_ONE = 5
#: a side with more than this share of sentences starting in lower case is lower-cased text
LOWER_CASED_SHARE = 0.5
#: log-odds added to the posterior of an m-n bead holding a debris sentence (``with_debris_odds``);
#: chosen on Text+Berg dev by log loss (leave-one-set-out over dev, ParIce and hunalign: -1.3 to
#: -1.9), bench/RESULTS.md "Issue 10 §4: calibration by bead type"; the same with the per-document
#: prior in place (dev's own prior shift is 0), "... calibration with the per-document prior"
DEBRIS_LOG_ODDS = -1.44
#: the smallest wrong-pair spread a temperature is scaled by: a document whose sampled wrong pairs
#: all score alike must not be weighed at a temperature of 0
MIN_SPREAD = 1e-3


Levels = tuple[float, float, float]


def document_levels(
    scorer: BeadScorer, path: Sequence[Span], scores: np.ndarray, *, debris: bool = True
) -> Levels:
    """(null mean, null standard deviation, right) score levels of this document.

    ``debris=False`` measures them on sentences of words only, leaving out every pair with a
    debris sentence (``runs._is_junk``: markup, numbers, page furniture). Debris repeats, and a
    repeated line scores like a right pair wherever it stands: hunalign's steinbeck has 1,583
    ``<p>`` lines, whose wrong pairs score -0.4 against a sentence and +1.0 against another
    ``<p>``, which makes the wrong-pair spread 0.28 instead of the 0.08 of its sentences.
    """
    src_junk, tgt_junk = scorer.src.junk, scorer.tgt.junk
    ones = [
        k
        for k, (i0, i1, j0, j1) in enumerate(path)
        if i1 - i0 == 1 and j1 - j0 == 1 and (debris or not (src_junk[i0] or tgt_junk[j0]))
    ]
    m = len(scorer.tgt)
    if len(ones) < MIN_ONE_TO_ONE or m < 4:
        return REFERENCE_LEVELS
    rng = np.random.default_rng(0)
    picked = rng.choice(len(ones), size=min(NULL_SAMPLES, len(ones)), replace=False)
    starts_i = np.array([path[ones[k]][0] for k in picked])
    starts_j = np.array([path[ones[k]][2] for k in picked])
    shifts = rng.integers(3, 11, size=len(picked)) * rng.choice([-1, 1], size=len(picked))
    wrong_j = np.where(
        (starts_j + shifts >= 0) & (starts_j + shifts < m), starts_j + shifts, starts_j - shifts
    )
    inside = (wrong_j >= 0) & (wrong_j < m)
    if not debris:
        inside[inside] = tgt_junk[wrong_j[inside]] == 0
    if inside.sum() < MIN_ONE_TO_ONE:
        return REFERENCE_LEVELS
    null = scorer.pair_scores(1, 1, starts_i[inside] + 1, wrong_j[inside] + 1)
    return float(np.mean(null)), float(np.std(null)), float(np.median(scores[ones]))


def document_temperature(
    scorer: BeadScorer,
    path: Sequence[Span],
    scores: np.ndarray,
    relative: float,
    *,
    debris: bool,
) -> float:
    """The temperature at which this document's paths are weighed: ``relative`` times the
    standard deviation of its wrong-pair scores (``document_levels``, with or without
    ``debris``), so that it means the same on every document's score scale."""
    _, spread, _ = document_levels(scorer, path, scores, debris=debris)
    return relative * max(spread, MIN_SPREAD)


def confidence_features(path: Sequence[Span], scores: np.ndarray, levels: Levels) -> np.ndarray:
    """One row per bead: position on the document's scale, m-n flag, 1."""
    null, _, right = levels
    span = max(right - null, 1e-6)
    many = np.array([(i1 - i0) + (j1 - j0) > 2 for i0, i1, j0, j1 in path], dtype=np.float64)
    return np.stack([(np.asarray(scores) - null) / span, many, np.ones(len(path))], axis=1)


def path_confidences(scorer: BeadScorer, path: Sequence[Span], scores: np.ndarray) -> list[float]:
    """The probability that each bead of the path is right; 0 for 1-0 and 0-1 beads."""
    if not path:
        return []
    levels = document_levels(scorer, path, scores)
    features = confidence_features(path, scores, levels)
    probability = 1.0 / (1.0 + np.exp(-(features @ np.array(CONFIDENCE))))
    probability *= above_null(np.asarray(scores), levels)
    linked = np.array([_linked(bead) for bead in path])
    return np.where(linked, probability, 0.0).tolist()


def above_null(scores: np.ndarray, levels: Levels) -> np.ndarray:
    """Normal CDF of each score's distance from the document's wrong-pair level."""
    null, spread, _ = levels
    z = (scores - null) / max(spread, 1e-6)
    return 0.5 * (1.0 + np.vectorize(math.erf)(z / math.sqrt(2.0)))


def posterior_confidences(
    scorer: BeadScorer,
    lattice_path: Sequence[Span],
    path: Sequence[Span],
    scores: np.ndarray,
    bead_types: Sequence[BeadType],
    temperature: float,
) -> list[float]:
    """The posterior probability of each bead of ``path``, at ``temperature`` times the standard
    deviation of the document's wrong-pair scores (sentences of words only: see
    ``document_levels``); 0 for 1-0 and 0-1 beads.

    ``lattice_path`` is the path the search found before refinement joined dangling sentences: a
    joined bead, which the lattice did not prefer, keeps the posterior of the bead it joined,
    unless a sentence was joined for starting in lower case on a side of lower-cased text
    (``lower_cased``), where that is no evidence: then it has its own posterior. An m-n bead
    holding a debris sentence is then made less sure (``with_debris_odds``).
    """
    if not path:
        return []
    absolute = document_temperature(scorer, path, scores, temperature, debris=False)
    posteriors = bead_posteriors(scorer.lattice(bead_types), absolute)
    found = {bead: posteriors.bead(*bead) for bead in lattice_path if _linked(bead)}
    lowered = (lower_cased(scorer.src.texts), lower_cased(scorer.tgt.texts))
    probability = np.zeros(len(path))
    for k, bead in enumerate(path):
        if bead in found:
            probability[k] = found[bead]
        elif _linked(bead):  # joined: the best of the searched beads inside it
            inside = [b for b in found if _within(b, bead)]
            if _joined_on_case(bead, inside, scorer, lowered):
                probability[k] = posteriors.bead(*bead)
            else:
                probability[k] = max([posteriors.bead(*bead), *(found[b] for b in inside)])
    return with_debris_odds(np.clip(probability, 0.0, 1.0), path, scorer).tolist()


def with_debris_odds(
    probability: np.ndarray, path: Sequence[Span], scorer: BeadScorer
) -> np.ndarray:
    """``probability`` with the odds of every m-n bead that holds a debris sentence (markup,
    numbers, a caption: ``runs._is_junk``) multiplied by exp(``DEBRIS_LOG_ODDS``).

    A debris line has nothing an embedding can compare, so where it goes is decided by the
    bead-type and length weights alone, and corpora place such lines differently (hunalign pairs
    ``<p>`` with ``<p>``); the posterior is sure of it all the same. On every evaluation set these
    beads are right less often than their posterior says (Text+Berg dev 0.47 against 0.75,
    ParIce 0.53 against 0.71, hunalign 0.32 against 0.72), while m-n beads of words are not.
    """
    out = np.asarray(probability, dtype=np.float64).copy()
    for k, (i0, i1, j0, j1) in enumerate(path):
        if (i1 - i0) + (j1 - j0) <= 2 or not (0.0 < out[k] < 1.0):
            continue
        if scorer.src.junk[i0:i1].any() or scorer.tgt.junk[j0:j1].any():
            odds = out[k] / (1.0 - out[k]) * math.exp(DEBRIS_LOG_ODDS)
            out[k] = odds / (1.0 + odds)
    return out


def lower_cased(texts: Sequence[str]) -> bool:
    """Whether most of the texts start in lower case (a lower-cased text, as hunalign's English
    1984 beside the Romanian): there a lower-case start does not mean that a sentence continues
    the one before it (``refine.bound_neighbour``)."""
    written = [text for text in texts if text.strip()]
    lower = sum(starts_in_lower_case(text) for text in written)
    return lower > LOWER_CASED_SHARE * len(written)


def _joined_on_case(
    bead: Span, inside: Sequence[Span], scorer: BeadScorer, lowered: tuple[bool, bool]
) -> bool:
    """Whether refinement joined a sentence into ``bead`` (around the searched beads ``inside``
    it) for its lower-case start, on a side where that is no evidence."""
    i0, i1, j0, j1 = bead
    sides = ((scorer.src, range(i0, i1), 0), (scorer.tgt, range(j0, j1), 2))
    for (side, sentences, at), lower in zip(sides, lowered, strict=True):
        covered = {s for b in inside for s in range(b[at], b[at + 1])}
        if lower and any(
            s not in covered and bound_neighbour(side.texts[s]) == -1 for s in sentences
        ):
            return True
    return False


def _linked(bead: Span) -> bool:
    """Whether the bead aligns sentences (both sides), rather than leaving one unaligned."""
    i0, i1, j0, j1 = bead
    return i1 > i0 and j1 > j0


def _within(inner: Span, outer: Span) -> bool:
    i0, i1, j0, j1 = inner
    return outer[0] <= i0 and i1 <= outer[1] and outer[2] <= j0 and j1 <= outer[3]
