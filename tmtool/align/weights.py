"""Feature weights of the bead scorer and the calibration of its confidence.

The weights start from Bertalign's score expressed in tmtool's features — the margin-adjusted
cosine scaled by length agreement (``margin_length``) and -0.1 for an unaligned sentence — and
were tuned on the Text+Berg *dev* document only, by ``bench/tune_aligner.py --rounds 2``
(coordinate ascent on dev strict F1: 0.856 → 0.902; test, scored once afterwards: 0.908 → 0.911).
The tuning mostly penalises numbers found in one run but not the other, favours 1-1 beads a
little and makes leaving a source sentence unaligned dearer.
"""

DEFAULT_WEIGHTS: dict[str, float] = {
    "margin_length": 1.0,
    "type_1-0": -0.2,
    "type_0-1": -0.1,
    "type_1-1": 0.1,
    "weakest": 0.05,
    "numbers_unshared": -0.3,
    "length": -0.1,
    "junk_members": 0.05,
    "best_elsewhere": -0.05,
}

# confidence = sigmoid(CONFIDENCE . (position, m-n, 1)) (tmtool/align/confidence.py), fitted by
# bench/calibrate.py on the Text+Berg dev document's path beads. REFERENCE_LEVELS are that
# document's (null mean, null spread, right) score levels, used for documents too short for
# levels of their own.
CONFIDENCE: tuple[float, float, float] = (1.161, -0.713, 1.341)
REFERENCE_LEVELS: tuple[float, float, float] = (-0.165, 0.194, 0.555)
