"""Fit the confidence of aligned pairs on the Text+Berg dev document.

Confidence (``tmtool/align/confidence.py``) is ``sigmoid(θ · (position, m-n, 1))``, where the
position places a bead's score between the document's own wrong-pair level (0) and its typical
1-1 level (1). This script aligns the dev document with the default weights, labels each bead of
the path with both sides non-empty right when the gold holds exactly that bead, fits θ by logistic
regression (Newton's method) and prints it with the document's levels and the calibration per
confidence band. Paste the values into ``tmtool/align/weights.py``. Only dev is used: test sets
are for ``bench/reliability.py``. Data is read from ../shared/eval, never copied.

    .venv/bin/python bench/calibrate.py
"""

from __future__ import annotations

import numpy as np
from bench_data import default_eval_dir, measurements
from bench_measure import scored_path
from threadpoolctl import threadpool_limits

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.confidence import confidence_features, document_levels
from tmtool.embed import get_encoder


def fit_logistic(x: np.ndarray, y: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Maximum-likelihood θ of P(y=1) = sigmoid(x @ θ) (x holds a column of ones)."""
    theta = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-x @ theta))
        gradient = x.T @ (y - p)
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + 1e-3 * np.eye(x.shape[1])
        theta += np.linalg.solve(hessian, gradient)
    return theta


def main() -> int:
    eval_dir = default_eval_dir()
    if not (eval_dir / "MANIFEST.tsv").is_file():
        print(f"skipped: no evaluation data at {eval_dir}")
        return 0
    encoder = get_encoder("use")
    aligner = EmbeddingAligner(encoder)
    features, labels = [], []
    for doc in measurements(eval_dir, ["textberg_dev"])[0].docs:
        aligned = scored_path(doc, encoder, aligner)
        path, scores = aligned.path, aligned.scores
        with threadpool_limits(limits=1, user_api="blas"):
            levels = document_levels(aligned.scorer, path, scores)
        print(
            f"{doc.name}: levels (null mean, null spread, right) = "
            f"{tuple(round(v, 3) for v in levels)}"
        )
        linked = [k for k, (i0, i1, j0, j1) in enumerate(path) if i1 > i0 and j1 > j0]
        features.append(confidence_features(path, scores, levels)[linked])
        labels += [aligned.is_right(*path[k]) for k in linked]
    x, y = np.concatenate(features), np.array(labels, dtype=float)
    theta = fit_logistic(x, y)
    print(f"{len(y)} pairs, {int(y.sum())} right")
    print(
        f"CONFIDENCE = ({theta[0]:.3f}, {theta[1]:.3f}, {theta[2]:.3f})  (before the null factor)"
    )
    confidence = 1 / (1 + np.exp(-x @ theta))
    for lo, hi in ((0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        chosen = (confidence >= lo) & (confidence < hi)
        if chosen.any():
            print(
                f"confidence {lo:.1f}-{min(hi, 1):.1f}: {chosen.sum():3d} pairs, "
                f"mean confidence {confidence[chosen].mean():.2f}, right {y[chosen].mean():.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
