"""The document's own prior on unaligned sentences, re-estimated from the first pass.

The weights of leaving a sentence unaligned (``type_1-0``, ``type_0-1``) were learned on one
document, whose translator left about 5 % of its sentences without a counterpart. Documents
differ: an OCR'd yearbook drops captions and footnotes, a news article or a novel hardly any. One
step of expectation-maximisation over the band lattice adapts that prior to the document at
hand: forward-backward (posterior.py) over the first pass gives the expected number of
unaligned sentences on both sides; their rate, shrunk toward the reference rate with a
pseudo-count of sentences (short documents keep mostly the global prior), replaces the
reference rate as the prior of both skip types. With scores read as log-potentials at
temperature T, that is a shift of T * log(rate / reference) on every skip score, and the aligner
searches again.

Only the rate of unaligned sentences is re-estimated, pooled over both sides: re-estimating every
bead type, the 1-0 and 0-1 types apart, the length ratio, its spread, or a local rate around each
sentence did not pass Text+Berg dev or the held-out sets (bench/RESULTS.md, "per-document
priors").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tmtool.align.confidence import document_temperature
from tmtool.align.dp import BeadType, Span
from tmtool.align.posterior import bead_posteriors
from tmtool.align.scoring import BeadScorer
from tmtool.align.weights import REFERENCE_UNALIGNED_RATE


def unaligned_rate(
    scorer: BeadScorer,
    bead_types: Sequence[BeadType],
    path: Sequence[Span],
    scores: np.ndarray,
    temperature: float,
) -> tuple[float, float]:
    """The expected share of the document's sentences (both sides) left unaligned under the
    global weights, and the absolute temperature it was measured at (``temperature`` times the
    spread of the document's wrong-pair scores). Unlike the posterior confidence, the spread
    includes the pairs with a debris sentence: ``REFERENCE_UNALIGNED_RATE`` was measured so."""
    n, m = len(scorer.src), len(scorer.tgt)
    absolute = document_temperature(scorer, path, scores, temperature, debris=True)
    posteriors = bead_posteriors(scorer.lattice(bead_types, shifted=False), absolute)
    expected = float(posteriors.src_skip.sum() + posteriors.tgt_skip.sum())
    return expected / (n + m), absolute


def skip_shift(
    scorer: BeadScorer,
    bead_types: Sequence[BeadType],
    path: Sequence[Span],
    scores: np.ndarray,
    temperature: float,
    pseudo_count: float,
    reference: float = REFERENCE_UNALIGNED_RATE,
) -> float:
    """What to add to every skip score so that the prior of an unaligned sentence is this
    document's rate (from the first pass ``path``) rather than the reference rate; 0 when
    ``pseudo_count`` is 0 or less (re-estimation off)."""
    if pseudo_count <= 0 or not path:
        return 0.0
    rate, absolute = unaligned_rate(scorer, bead_types, path, scores, temperature)
    sentences = len(scorer.src) + len(scorer.tgt)
    shrunk = (rate * sentences + pseudo_count * reference) / (sentences + pseudo_count)
    return absolute * math.log(max(shrunk, 1e-9) / reference)
