"""The bead scorer re-weighted (as training does at every step) scores as a fresh one."""

from __future__ import annotations

import numpy as np
from test_align_aligner import BagOfWordsEncoder, sentences

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import _SURFACE_FEATURES
from tmtool.align.weights import DEFAULT_WEIGHTS


def test_a_reweighted_scorer_scores_as_one_built_with_those_weights() -> None:
    encoder = BagOfWordsEncoder()
    src = RunEmbeddings(sentences(90, seed=3), encoder, 4)
    tgt = RunEmbeddings(sentences(90, seed=3)[:60] + sentences(35, seed=4), encoder, 4)
    # surface features off first, on after: the re-weighted scorer must compute them again
    plain = {**DEFAULT_WEIGHTS, **dict.fromkeys(_SURFACE_FEATURES, 0.0)}
    other = {**DEFAULT_WEIGHTS, "soft_joins": 0.2, "empty_members": -0.3, "type_1-2": -0.5}
    first = EmbeddingAligner(encoder, weights=plain).scorer(src, tgt)
    second = EmbeddingAligner(encoder, weights=other)
    fresh = second.scorer(src, tgt)
    for i in range(1, 10):  # the first block's scores, cached for the old weights: not reused
        first(1, 1, i, np.arange(first.band.lo[i], first.band.hi[i] + 1))
    reweighted = first.with_weights(second.weight_vector())
    for a, b in second.bead_types(src, tgt):
        if not (a and b):
            continue
        for i in range(a, len(src) + 1):
            js = np.arange(max(fresh.band.lo[i], b), fresh.band.hi[i] + 1)
            assert np.array_equal(reweighted(a, b, i, js), fresh(a, b, i, js))
    for got, want in zip(reweighted.skip_scores(), fresh.skip_scores(), strict=True):
        assert np.array_equal(got, want)
    assert reweighted.bead_score(3, 5, 3, 4) == fresh.bead_score(3, 5, 3, 4)
