"""The bead scorer re-weighted (as training does at every step) scores as a fresh one."""

from __future__ import annotations

import tempfile

import numpy as np
import pytest
from test_align_aligner import BagOfWordsEncoder, sentences

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import _SURFACE_FEATURES
from tmtool.align.weights import DEFAULT_WEIGHTS
from tmtool.errors import TmtoolWarning


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


def test_blocks_past_the_memory_cap_are_read_back_exactly(monkeypatch) -> None:
    """A band larger than the scores kept in memory: the blocks beyond the cap go to the
    temporary file and come back bit for bit, so the path and every posterior confidence are
    those of a scorer that keeps everything in memory (and of one that cannot write the file)."""
    from tmtool.align import scoring

    encoder = BagOfWordsEncoder()
    base = sentences(300, seed=5)
    first, second = base[40].split(" ", 1)
    tgt_texts = [*base[:40], first + ".", second.capitalize(), *base[41:200], *sentences(2, 6)]
    tgt_texts += base[201:]
    aligner = EmbeddingAligner(encoder)
    src = RunEmbeddings(base, encoder, aligner.config.max_run)
    tgt = RunEmbeddings(tgt_texts, encoder, aligner.config.max_run)

    def aligned() -> tuple[scoring.BeadScorer, list, list[float]]:
        scorer = aligner.scorer(src, tgt)
        found = aligner.search(scorer)
        return scorer, found.path, aligner.confidences(scorer, found)

    in_memory, path, confidences = aligned()
    assert in_memory._kept and not in_memory._spilled._where
    monkeypatch.setattr(scoring, "KEPT_SCORES", 250_000)
    spilled, spilled_path, spilled_confidences = aligned()
    assert spilled._kept and len(spilled._spilled._where) >= 3
    assert spilled_path == path
    assert spilled_confidences == confidences
    linked = [c for c, b in zip(confidences, path, strict=True) if b[1] > b[0] and b[3] > b[2]]
    assert min(linked) > 0.5

    def no_disk() -> None:
        raise OSError("no space left on device")

    # without a file the blocks beyond the cap are scored again: still the same results
    monkeypatch.setattr(scoring.tempfile, "TemporaryFile", no_disk)
    with pytest.warns(TmtoolWarning, match="no space left"):
        rescored, rescored_path, rescored_confidences = aligned()
    assert not rescored._spilled._where
    assert rescored_path == path and rescored_confidences == confidences


def test_the_temporary_file_is_deleted_when_aligning_ends_even_by_an_error(monkeypatch) -> None:
    """A batch aligns document after document: each scorer's file of spilled blocks must be
    closed (so deleted) when its alignment ends, not whenever the scorer is collected."""
    from tmtool.align import aligner as aligner_module
    from tmtool.align import scoring

    opened, make = [], tempfile.TemporaryFile

    def recorded() -> object:
        opened.append(make())
        return opened[-1]

    monkeypatch.setattr(scoring, "KEPT_SCORES", 0)
    monkeypatch.setattr(scoring.tempfile, "TemporaryFile", recorded)
    aligner = EmbeddingAligner(BagOfWordsEncoder())
    src = sentences(150, seed=8)
    assert aligner.align(src, src)
    assert len(opened) == 1 and opened[0].closed

    def broken(*args: object) -> list[float]:
        raise RuntimeError("posteriors failed")

    monkeypatch.setattr(aligner_module, "posterior_confidences", broken)
    with pytest.raises(RuntimeError):
        aligner.align(src, src)
    assert len(opened) == 2 and opened[1].closed
