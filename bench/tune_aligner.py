"""Tune or learn the bead scorer's feature weights on Text+Berg dev; score held-out sets.

Two methods:

* ``ascent`` (default): coordinate ascent on dev strict F1. Each weight in turn is moved up or
  down by a step while that improves dev F1; the step halves every round.
* ``perceptron``: the averaged structured perceptron of ``tmtool/align/learn.py``, trained on the
  sets of ``--train`` (Text+Berg dev by default; never Text+Berg test), only the weights of
  ``--learned`` moving, pulled toward the starting weights. Sets used for training are no longer
  unbiased: the script says which.

Both print dev strict F1 before and after, and the held-out sets of ``--check``. Text+Berg test is
scored only with ``--test`` (once per choice that passes dev). Run:

    .venv/bin/python bench/tune_aligner.py [--rounds 3] [--features a,b,...] [--out w.json]
    .venv/bin/python bench/tune_aligner.py --method perceptron --learned a,b,... \\
        --train textberg_dev,hunalign:dtm+steinbeck --cache /tmp/tmtool-runs
    .venv/bin/python bench/tune_aligner.py --method perceptron --cross-validate \\
        --train textberg_dev,parice,hunalign:dtm,hunalign:steinbeck+1984.hu+1984.ro \\
        --per-document 10 --cache /tmp/tmtool-runs

``--cross-validate`` leaves each ``--train`` set out in turn, learns on the others and scores
the one left out (held-out figures), then learns on all of them; ``--per-document N`` draws at
most N pieces of each document, so that a novel does not outweigh the short documents.

``--cache DIR`` keeps each set's run embeddings in DIR (a pickle per set) so that repeated runs
skip reading and embedding; keep DIR outside the repository. The evaluation data is read from
../shared/eval (or $TMTOOL_EVAL_DIR) and never copied.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from collections.abc import Callable
from pathlib import Path

from bench_data import default_eval_dir, measurements
from threadpoolctl import threadpool_limits

from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.learn import Example, TrainConfig, train_weights, training_pieces
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import FEATURES
from tmtool.align.weights import DEFAULT_WEIGHTS
from tmtool.embed import Encoder, get_encoder
from tmtool.evaluate import Scores, read_beads, score_documents
from tmtool.pipeline import load_documents

Doc = tuple[str, Example]

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
#: the weights the perceptron learns by default: the m-n and 1-0/0-1 evidence
LEARNED = (
    "empty_members",
    "edge_gain",
    "edge_loss",
    "soft_joins",
    "end_mismatch",
    "skip_empty",
    "skip_soft_end",
    "junk_members",
    "skip_junk",
    "type_1-0",
    "type_0-1",
)


def load_set(spec: str, encoder: Encoder, cache: Path | None) -> list[Doc]:
    """Documents of a benchmark set (``name`` or ``name:doc1+doc2``), embedded as sentence runs
    exactly as ``align_bench.py`` reads them."""
    name, _, chosen = spec.partition(":")
    cached = cache / f"{name}-{encoder.signature()}.pickle" if cache else None
    if cached and cached.is_file():
        with cached.open("rb") as handle:
            docs = pickle.load(handle)
    else:
        docs = []
        for measurement in measurements(default_eval_dir(), [name]):
            for doc in measurement.docs:
                read = load_documents(
                    [doc.src_file, doc.tgt_file], [doc.src_lang, doc.tgt_lang], presegmented=True
                )
                src, tgt = (RunEmbeddings(d.texts, encoder, 4) for d in read.values())
                label = f"{doc.name} {doc.pair}"
                docs.append((label, Example(src, tgt, read_beads(doc.gold_file))))
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with cached.open("wb") as handle:
                pickle.dump(docs, handle)
    if chosen:
        docs = [d for d in docs if d[0].split()[0] in chosen.split("+")]
    return docs


def scores(weights: dict[str, float], docs: list[Doc]) -> Scores:
    aligner = EmbeddingAligner(None, weights=weights)  # type: ignore[arg-type]
    with threadpool_limits(limits=1, user_api="blas"):
        pairs = [(ex.gold, aligner.align_embedded(ex.src, ex.tgt)) for _, ex in docs]
    return score_documents(pairs)


def ascent(start: dict[str, float], dev: list[Doc], searched: list[str], rounds: int, step: float):
    weights, best = dict(start), scores(start, dev).f1_strict
    for round_no in range(rounds):
        for name in searched:
            for delta in (step, -step):
                trial = dict(weights)
                improved = False
                while True:
                    trial[name] = round(trial.get(name, 0.0) + delta, 6)
                    score = scores(trial, dev).f1_strict
                    if score <= best + 1e-9:
                        break
                    best, weights, improved = score, dict(trial), True
                    print(f"round {round_no}: {name} = {trial[name]:+.3f} → dev F1 {best:.4f}")
                if improved:
                    break
        step /= 2
    return weights


def cross_validate(
    specs: list[str],
    learn: Callable[[list[str]], dict[str, float]],
    encoder: Encoder,
    cache: Path | None,
) -> None:
    """Leave-one-set-out: for each training set, weights learned on the others align it. These
    held-out figures, not the training figures, say whether a way of learning generalises."""
    for held_out in specs:
        weights = learn([spec for spec in specs if spec != held_out])
        docs = load_set(held_out, encoder, cache)
        aligner = EmbeddingAligner(None, weights=weights)  # type: ignore[arg-type]
        with threadpool_limits(limits=1, user_api="blas"):
            pairs = [(ex.gold, aligner.align_embedded(ex.src, ex.tgt)) for _, ex in docs]
        pooled = score_documents(pairs)
        per_doc = " ".join(
            f"{label.split()[0]} {score_documents([pair]).f1_strict:.4f}"
            for (label, _), pair in zip(docs, pairs, strict=True)
        )
        print(
            f"held out {held_out}: strict F1 {pooled.f1_strict:.4f}, lax {pooled.f1_lax:.4f}"
            + (f" ({per_doc})" if len(docs) > 1 else "")
            + f"; learned {json.dumps(weights)}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--method", choices=("ascent", "perceptron"), default="ascent")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--step", type=float, default=0.1)
    parser.add_argument("--features", default=",".join(SEARCHED), help="ascent: weights searched")
    parser.add_argument("--train", default="textberg_dev", help="perceptron: training sets")
    parser.add_argument("--learned", default=",".join(LEARNED), help="perceptron: weights learned")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--rate", type=float, default=0.001)
    parser.add_argument("--cost", type=float, default=0.1)
    parser.add_argument("--pull", type=float, default=0.01)
    parser.add_argument("--piece", type=int, default=60, help="perceptron: piece size")
    parser.add_argument(
        "--per-document",
        type=int,
        help="perceptron: at most this many pieces of a document, drawn at random (novels)",
    )
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="perceptron: leave each --train set out in turn, learn on the others, score it",
    )
    parser.add_argument("--seed", type=int, default=0, help="perceptron: order and draws")
    parser.add_argument(
        "--join", action="store_true", help="perceptron: learn on the path after refine.py's join"
    )
    parser.add_argument(
        "--start", type=Path, help="starting weights (JSON); default: the library's"
    )
    parser.add_argument("--check", default="dpc,parice", help="held-out sets to report")
    parser.add_argument("--test", action="store_true", help="also score Text+Berg test (once!)")
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--cache", type=Path, help="folder for cached run embeddings")
    parser.add_argument("--out", type=Path, help="write the weights as JSON")
    args = parser.parse_args()
    if not (default_eval_dir() / "MANIFEST.tsv").is_file():
        print(f"skipped: no evaluation data at {default_eval_dir()}")
        return 0
    chosen = args.features if args.method == "ascent" else args.learned
    names = [f for f in chosen.split(",") if f]
    unknown = set(names) - set(FEATURES)
    if unknown:
        parser.error(f"unknown features: {sorted(unknown)}")
    train_specs = args.train.split(",") if args.method == "perceptron" else ["textberg_dev"]
    if any(spec.startswith("textberg_test") for spec in train_specs):
        parser.error("Text+Berg test is never trained on")
    encoder = get_encoder(args.encoder)
    start_weights = dict(DEFAULT_WEIGHTS)
    if args.start:
        start_weights = json.loads(args.start.read_text(encoding="utf-8"))
    dev = load_set("textberg_dev", encoder, args.cache)
    print(f"dev strict F1 with the starting weights: {scores(start_weights, dev).f1_strict:.4f}")
    started = time.perf_counter()
    if args.method == "ascent":
        weights = ascent(start_weights, dev, names, args.rounds, args.step)
    else:
        search = AlignConfig(attach_dangling=args.join)
        config = TrainConfig(
            args.epochs, args.rate, args.cost, args.pull, tuple(names), args.seed, search
        )

        def learn(specs: list[str]) -> dict[str, float]:
            docs = [ex for spec in specs for _, ex in load_set(spec, encoder, args.cache)]
            pieces = training_pieces(docs, args.piece, args.per_document, args.seed)
            print(f"learning on {', '.join(specs)} ({len(pieces)} pieces)", flush=True)
            return train_weights(pieces, start_weights, config)

        if args.cross_validate:
            cross_validate(train_specs, learn, encoder, args.cache)
        weights = learn(train_specs)
        print(f"trained on {', '.join(train_specs)}: their figures are training figures")
    print(f"done in {time.perf_counter() - started:.0f} s: {json.dumps(weights)}")
    checked = ["textberg_dev", *[s for s in args.check.split(",") if s]]
    checked += ["textberg_test"] if args.test else []
    for spec in checked:
        docs = load_set(spec, encoder, args.cache)
        before, after = scores(start_weights, docs), scores(weights, docs)
        print(
            f"{spec}: strict F1 {before.f1_strict:.4f} → {after.f1_strict:.4f}, "
            f"lax {before.f1_lax:.4f} → {after.f1_lax:.4f}"
        )
    if args.out:
        args.out.write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
