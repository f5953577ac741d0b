"""Tune the bead scorer's feature weights on the Text+Berg dev document, then score test.

Coordinate ascent on dev strict F1: each weight in turn is moved up or down by a step while that
improves dev F1; the step halves every round. Test is scored once, at the end, with the tuned
weights and with the defaults, so the effect of tuning is measured on unseen data. Run:

    .venv/bin/python bench/tune_aligner.py [--rounds 3] [--features a,b,...] [--out weights.json]

The evaluation data is read from ../shared/eval (or $TMTOOL_EVAL_DIR) and never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from tmtool.align.aligner import EmbeddingAligner
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import FEATURES
from tmtool.align.weights import DEFAULT_WEIGHTS
from tmtool.document import Bead
from tmtool.embed import Encoder, get_encoder
from tmtool.evaluate import read_beads, score_documents


def eval_dir() -> Path:
    """$TMTOOL_EVAL_DIR, else ../shared/eval next to the repository."""
    default = Path(__file__).resolve().parents[2] / "shared" / "eval"
    return Path(os.environ.get("TMTOOL_EVAL_DIR", default))


Doc = tuple[RunEmbeddings, RunEmbeddings, list[Bead]]

SEARCHED = (
    "margin_length",
    "weakest",
    "cos_extra",
    "numbers_shared",
    "numbers_unshared",
    "words_shared",
    "junk_members",
    "best_elsewhere",
    "skip_junk",
    "type_0-1",
    "type_1-0",
    "type_1-1",
    "type_2-2",
    "type_other",
    "density",
    "length",
)


def load(folder: Path, names: list[str], encoder: Encoder, max_run: int) -> list[Doc]:
    docs = []
    for name in names:
        src = (folder / f"{name}.de").read_text(encoding="utf-8").splitlines()
        tgt = (folder / f"{name}.fr").read_text(encoding="utf-8").splitlines()
        gold = read_beads(folder / f"{name}.defr")
        docs.append(
            (RunEmbeddings(src, encoder, max_run), RunEmbeddings(tgt, encoder, max_run), gold)
        )
    return docs


def f1(encoder: Encoder, weights: dict[str, float], docs: list[Doc]) -> float:
    aligner = EmbeddingAligner(encoder, weights=weights)
    return score_documents([(g, aligner.align_embedded(s, t)) for s, t, g in docs]).f1_strict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--step", type=float, default=0.1)
    parser.add_argument("--features", default=",".join(SEARCHED))
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--out", type=Path, help="write the tuned weights as JSON")
    args = parser.parse_args()
    folder = eval_dir() / "textberg_defr" / "bleualign_data"
    if not folder.is_dir():
        print(f"skipped: no Text+Berg data at {folder}")
        return 0
    searched = [f for f in args.features.split(",") if f]
    unknown = set(searched) - set(FEATURES)
    if unknown:
        parser.error(f"unknown features: {sorted(unknown)}")
    encoder = get_encoder(args.encoder)
    dev = load(folder, ["dev"], encoder, 4)
    weights = dict(DEFAULT_WEIGHTS)
    best = f1(encoder, weights, dev)
    print(f"dev strict F1 with the default weights: {best:.4f}", flush=True)
    step = args.step
    start = time.perf_counter()
    for round_no in range(args.rounds):
        for name in searched:
            for delta in (step, -step):
                trial = dict(weights)
                improved = False
                while True:
                    trial[name] = trial.get(name, 0.0) + delta
                    score = f1(encoder, trial, dev)
                    if score <= best + 1e-9:
                        break
                    best, weights, improved = score, dict(trial), True
                    print(f"round {round_no}: {name} = {trial[name]:+.3f} → dev F1 {best:.4f}")
                if improved:
                    break
        step /= 2
    print(f"tuned in {time.perf_counter() - start:.0f} s: {json.dumps(weights)}")
    test = load(folder, [f"test{i}" for i in range(7)], encoder, 4)
    print(
        f"test strict F1: default weights {f1(encoder, dict(DEFAULT_WEIGHTS), test):.4f}, "
        f"dev-tuned weights {f1(encoder, weights, test):.4f}"
    )
    if args.out:
        args.out.write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
