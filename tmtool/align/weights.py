"""Feature weights of the bead scorer and the calibration of its confidence.

The weights start from Bertalign's score expressed in tmtool's features — the margin-adjusted
cosine scaled by length agreement (``margin_length``) and -0.1 for an unaligned sentence — and
were tuned on the Text+Berg *dev* document only, by ``bench/tune_aligner.py --rounds 2``
(coordinate ascent on dev strict F1: 0.856 → 0.902; test, scored once afterwards: 0.908 → 0.911).
The tuning mostly penalises numbers found in one run but not the other, favours 1-1 beads a
little and makes leaving a source sentence unaligned dearer.

The weights of the m-n and 1-0/0-1 evidence (debris and soft-ended members, edge gain, end
mismatch, the skip shapes and the two skip types) were then learned on the same dev document by
the averaged structured perceptron (``bench/tune_aligner.py --method perceptron``, 30 epochs,
cost 0.1, pieces of 60 sentences), the other weights held: dev 0.902 → 0.905, test (once)
0.918 → 0.924; ParIce, not trained on, 0.877 → 0.909.

``soft_joins_both`` (soft joins on both sides of an m-n bead: two headings in a row on each side)
was learned by the same perceptron on every gold set but Text+Berg test (Text+Berg dev, ParIce,
hunalign's news magazine and pieces of its three novels; ``tune_aligner.py --cross-validate
--per-document 10``), all other weights held. Without it ``soft_joins`` merged the magazine's
consecutive headings into 2-2 beads. Learning the other weights on those sets too did not pass
leave-one-set-out cross-validation (bench/RESULTS.md, "Issue 10 §2: more training data").
"""

DEFAULT_WEIGHTS: dict[str, float] = {
    "margin_length": 1.0,
    "type_1-0": -0.2268,
    "type_0-1": -0.1012,
    "type_1-1": 0.1,
    "weakest": 0.05,
    "numbers_unshared": -0.3,
    "length": -0.1,
    "junk_members": 0.0222,
    "best_elsewhere": -0.05,
    # learned by the structured perceptron on dev (see above)
    "empty_members": -0.0262,
    "edge_gain": 0.0877,
    "edge_loss": 0.0237,
    "soft_joins": 0.0438,
    "soft_joins_both": -0.0258,  # learned on dev, ParIce and hunalign (see above)
    "end_mismatch": -0.0856,
    "skip_junk": 0.0573,
    "skip_empty": 0.0262,
    "skip_soft_end": 0.0331,
}

# confidence = sigmoid(CONFIDENCE . (position, m-n, 1)) (tmtool/align/confidence.py), fitted by
# bench/calibrate.py on the Text+Berg dev document's path beads. REFERENCE_LEVELS are that
# document's (null mean, null spread, right) score levels, used for documents too short for
# levels of their own.
CONFIDENCE: tuple[float, float, float] = (1.228, -0.763, 1.397)
REFERENCE_LEVELS: tuple[float, float, float] = (-0.192, 0.207, 0.549)

# The expected share of Text+Berg dev's sentences (both sides) left unaligned under these weights
# (forward-backward over its first pass at the confidence temperature, 0.46 times its wrong-pair
# spread): the rate the skip weights stand for. tmtool/align/prior.py replaces it with each
# document's own rate (tests/test_align_prior.py recomputes it when the evaluation data is there).
REFERENCE_UNALIGNED_RATE = 0.05107
