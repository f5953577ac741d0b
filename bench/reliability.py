"""Reliability of the aligner's confidence: precision per confidence band, per evaluation set.

For each set (default: Text+Berg test, DPC, hunalign; none of them used to fit the confidence),
every document is read with tmtool's loader, embedded and aligned with the default encoder and
weights; each pair (a bead with both sides non-empty) is right when the gold holds exactly that
bead (strict). The pairs are grouped by confidence band, and the table gives per band the number
of pairs, their mean confidence and their precision, for 1-1 and m-n beads together and for m-n
beads alone, next to the previous confidence (``AlignConfig(confidence="score")``: a logistic
function of the bead score on the document's own scale, fitted on Text+Berg dev) of the same
beads. A confidence that means what it says has precision close to its mean confidence in every
band of every set. Run from the repository root:

    .venv/bin/python bench/reliability.py --write bench/RELIABILITY.md --plot bench/reliability.png

The evaluation data is read in place and never copied; without it the script exits 0.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from bench_data import default_eval_dir, measurements
from bench_measure import scored_path
from threadpoolctl import threadpool_limits

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.confidence import path_confidences
from tmtool.embed import get_encoder
from tmtool.files import write_text_atomically

SETS = "textberg_test,dpc,hunalign"
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))


@dataclass
class Pairs:
    """The pairs of one set: confidence now and before, m-n flag, right or not."""

    label: str
    confidence: np.ndarray
    previous: np.ndarray
    many: np.ndarray
    right: np.ndarray


def collect(eval_dir: Path, set_names: list[str]) -> list[Pairs]:
    encoder = get_encoder("use")
    aligner = EmbeddingAligner(encoder)
    out = []
    for measurement in measurements(eval_dir, set_names):
        rows: list[tuple[float, float, bool, bool]] = []
        for doc in measurement.docs:
            aligned = scored_path(doc, encoder, aligner)
            with threadpool_limits(limits=1, user_api="blas"):
                found = aligner.search(aligned.scorer)
                _, path, scores = found
                confidences = aligner.confidences(aligned.scorer, found)
                previous = path_confidences(aligned.scorer, path, scores)
            for (i0, i1, j0, j1), conf, before in zip(path, confidences, previous, strict=True):
                if i1 > i0 and j1 > j0:
                    right = aligned.is_right(i0, i1, j0, j1)
                    rows.append((conf, before, i1 - i0 + j1 - j0 > 2, right))
            print(f"{measurement.label} {doc.pair} {doc.name}: done", file=sys.stderr, flush=True)
        conf, before, many, right = (np.array(col) for col in zip(*rows, strict=True))
        label = f"{measurement.label} {measurement.pair}"
        out.append(Pairs(label, conf, before, many.astype(bool), right.astype(bool)))
    return out


def in_band(conf: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Which confidences fall in the band [lo, hi), the last band closed at 1."""
    return (conf >= lo) & ((conf < hi) if hi < 1.0 else (conf <= hi))


def _band_cells(conf: np.ndarray, right: np.ndarray, lo: float, hi: float) -> str:
    chosen = in_band(conf, lo, hi)
    if not chosen.any():
        return "0 | | "
    return f"{chosen.sum()} | {conf[chosen].mean():.2f} | {right[chosen].mean():.2f}"


def format_table(sets: list[Pairs]) -> str:
    lines = [
        "| set | pairs | band | now: pairs | mean conf. | precision | m-n: pairs | mean conf. "
        "| precision | before: pairs | mean conf. | precision |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for pairs in sets:
        for lo, hi in BANDS:
            now = _band_cells(pairs.confidence, pairs.right, lo, hi)
            mn = _band_cells(pairs.confidence[pairs.many], pairs.right[pairs.many], lo, hi)
            before = _band_cells(pairs.previous, pairs.right, lo, hi)
            lines.append(
                f"| {pairs.label} | {len(pairs.right)} | {lo:.1f}–{hi:.1f} | {now} | {mn} "
                f"| {before} |"
            )
        lines.append(
            f"| {pairs.label} | {len(pairs.right)} | all | {len(pairs.right)} "
            f"| {pairs.confidence.mean():.2f} | {pairs.right.mean():.2f} | {pairs.many.sum()} "
            f"| {pairs.confidence[pairs.many].mean() if pairs.many.any() else 0:.2f} "
            f"| {pairs.right[pairs.many].mean() if pairs.many.any() else 0:.2f} "
            f"| {len(pairs.right)} | {pairs.previous.mean():.2f} | {pairs.right.mean():.2f} |"
        )
    return "\n".join(lines)


def expected_calibration_error(conf: np.ndarray, right: np.ndarray) -> float:
    """Sum over the bands of |mean confidence - precision| times the band's share of pairs."""
    total = 0.0
    for lo, hi in BANDS:
        chosen = in_band(conf, lo, hi)
        if chosen.any():
            total += abs(conf[chosen].mean() - right[chosen].mean()) * chosen.sum()
    return total / max(len(conf), 1)


def ranking_auc(conf: np.ndarray, right: np.ndarray) -> float | None:
    """The probability that a right pair has a higher confidence than a wrong one (ties half)."""
    wrong_conf, right_conf = conf[~right], conf[right]
    if not len(wrong_conf) or not len(right_conf):
        return None
    ordered = np.sort(wrong_conf)
    below = np.searchsorted(ordered, right_conf, side="left")
    ties = np.searchsorted(ordered, right_conf, side="right") - below
    return float((below + ties / 2).sum() / (len(right_conf) * len(wrong_conf)))


def format_summary(sets: list[Pairs]) -> str:
    """ECE and AUC per set and bead type, now and before."""
    lines = [
        "| set | beads | pairs | precision | now: mean conf. | ECE | AUC "
        "| before: mean conf. | ECE | AUC |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for pairs in sets:
        for label, chosen in (
            ("all pairs", np.ones(len(pairs.right), dtype=bool)),
            ("1-1", ~pairs.many),
            ("m-n", pairs.many),
        ):
            if not chosen.any():
                continue
            right = pairs.right[chosen]
            cells = []
            for conf in (pairs.confidence[chosen], pairs.previous[chosen]):
                auc = ranking_auc(conf, right)
                cells.append(
                    f"{conf.mean():.3f} | {expected_calibration_error(conf, right):.3f} "
                    f"| {'' if auc is None else f'{auc:.3f}'}"
                )
            lines.append(
                f"| {pairs.label} | {label} | {chosen.sum()} | {right.mean():.3f} "
                f"| {cells[0]} | {cells[1]} |"
            )
    return "\n".join(lines)


def plot(sets: list[Pairs], path: Path) -> None:
    """Reliability diagram: precision against mean confidence per band, now and before."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 5), sharey=True)
    for ax, attr, title in (
        (axes[0], "confidence", "confidence now (bead posterior over the band's paths)"),
        (axes[1], "previous", "confidence before (logistic of the score, document's scale)"),
    ):
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
        for pairs in sets:
            conf = getattr(pairs, attr)
            xs, ys = [], []
            for lo, hi in BANDS:
                chosen = in_band(conf, lo, hi)
                if chosen.sum() >= 3:
                    xs.append(conf[chosen].mean())
                    ys.append(pairs.right[chosen].mean())
            ax.plot(xs, ys, marker="o", label=pairs.label)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("mean confidence of the band")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("precision (strict: the gold holds the bead)")
    axes[0].legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=SETS, help=f"default: {SETS}")
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--write", type=Path, metavar="FILE", help="write the table as a page")
    parser.add_argument("--plot", type=Path, metavar="PNG", help="write the reliability diagram")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "MANIFEST.tsv").is_file():
        print(f"skipped: no evaluation data at {args.eval_dir}")
        return 0
    sets = collect(args.eval_dir, [s for s in args.sets.split(",") if s])
    table = format_table(sets)
    summary = format_summary(sets)
    print(table)
    print(summary)
    if args.write:
        page = (
            "# Reliability of the alignment confidence\n\n"
            "Written by `bench/reliability.py --write`; do not edit by hand. Precision per "
            "confidence band (strict: the gold holds exactly the bead), default encoder (use), "
            "pairs only (1-0/0-1 beads have confidence 0). *now* = the bead's posterior "
            "probability over the band's paths (`posterior_confidences`: temperature relative to "
            "the wrong-pair spread of the document's sentences of words, m-n beads holding debris "
            "made less sure, both chosen on Text+Berg dev only); *before* = the logistic model "
            'of the bead score (`AlignConfig(confidence="score")`, fitted on Text+Berg dev '
            "only), same beads. None of these sets was used for fitting.\n\n"
            f"{table}\n\n"
            "ECE (expected calibration error: |mean confidence - precision| per band, weighted "
            "by the band's share of pairs) and AUC (the probability that a right pair is more "
            "confident than a wrong one) per bead type:\n\n"
            f"{summary}\n"
        )
        if args.plot:
            page += f"\n![reliability diagram]({args.plot.name})\n"
        write_text_atomically(args.write, page, make_folder=True)
    if args.plot:
        plot(sets, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
