"""Fit the confidence calibration of aligned pairs on the Text+Berg dev document.

A pair's confidence is ``sigmoid(slope * score + intercept)`` of its bead score. This script
aligns the dev document with the default weights, labels each predicted pair (beads with both
sides non-empty) correct when the gold holds exactly that bead, adds as many wrong 1-1 pairs (each
source sentence of a predicted 1-1 bead with a target sentence 3 to 10 places away, as when the
documents do not correspond) so that the fit also covers low scores, fits slope and intercept by
logistic regression (Newton's method), and prints them with the calibration per score bin. Paste
the values into ``tmtool/align/weights.py``. Data is read from ../shared/eval, never copied.

    .venv/bin/python bench/calibrate.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.runs import RunEmbeddings
from tmtool.embed import get_encoder
from tmtool.evaluate import read_beads


def eval_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "eval"
    return Path(os.environ.get("TMTOOL_EVAL_DIR", default))


def fit_logistic(x: np.ndarray, y: np.ndarray, iterations: int = 50) -> tuple[float, float]:
    """Maximum-likelihood slope and intercept of P(y=1) = sigmoid(slope * x + intercept)."""
    design = np.stack([x, np.ones_like(x)], axis=1)
    theta = np.zeros(2)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-design @ theta))
        gradient = design.T @ (y - p)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-6 * np.eye(2)
        theta += np.linalg.solve(hessian, gradient)
    return float(theta[0]), float(theta[1])


def main() -> int:
    folder = eval_dir() / "textberg_defr" / "bleualign_data"
    if not folder.is_dir():
        print(f"skipped: no Text+Berg data at {folder}")
        return 0
    encoder = get_encoder("use")
    src = RunEmbeddings((folder / "dev.de").read_text("utf-8").splitlines(), encoder, 4)
    tgt = RunEmbeddings((folder / "dev.fr").read_text("utf-8").splitlines(), encoder, 4)
    gold = {(b.src, b.tgt) for b in read_beads(folder / "dev.defr")}
    aligner = EmbeddingAligner(encoder)
    scorer = aligner.scorer(src, tgt)
    scores, labels = [], []
    for i0, i1, j0, j1 in aligner.search(scorer)[0]:
        if i1 > i0 and j1 > j0:
            scores.append(scorer.bead_score(i0, i1, j0, j1))
            labels.append((tuple(range(i0, i1)), tuple(range(j0, j1))) in gold)
    rng = np.random.default_rng(0)
    predicted = len(scores)
    for i0, i1, j0, j1 in aligner.search(scorer)[0]:
        shift = int(rng.integers(3, 11)) * (1 if rng.random() < 0.5 else -1)
        if i1 - i0 == 1 and j1 - j0 == 1 and 0 <= j0 + shift < len(tgt):
            scores.append(scorer.bead_score(i0, i1, j0 + shift, j0 + shift + 1))
            labels.append(False)
    print(
        f"{predicted} predicted pairs, {sum(labels)} correct; {len(scores) - predicted} wrong pairs"
    )
    x, y = np.array(scores), np.array(labels, dtype=float)
    slope, intercept = fit_logistic(x, y)
    print(f"CALIBRATION = ({slope:.3f}, {intercept:.3f})")
    confidence = 1 / (1 + np.exp(-(slope * x + intercept)))
    print("predicted pairs:")
    for lo, hi in ((0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        chosen = (confidence >= lo) & (confidence < hi)
        chosen[predicted:] = False
        if chosen.any():
            print(
                f"confidence {lo:.1f}-{min(hi, 1):.1f}: {chosen.sum():3d} pairs, "
                f"mean confidence {confidence[chosen].mean():.2f}, correct {y[chosen].mean():.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
