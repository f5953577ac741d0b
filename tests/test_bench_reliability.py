"""bench/reliability.py: the calibration figures of its summary table (ECE, AUC per bead type)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from reliability import (
    Pairs,
    expected_calibration_error,
    format_summary,
    ranking_auc,
)


def test_ranking_auc_counts_pairs_and_halves_ties() -> None:
    conf = np.array([0.9, 0.8, 0.8, 0.1])
    right = np.array([True, True, False, False])
    # right 0.9 beats both wrong; right 0.8 ties one wrong and beats the other: (2 + 1.5) / 4
    assert ranking_auc(conf, right) == pytest.approx(0.875)
    assert ranking_auc(conf, np.ones(4, dtype=bool)) is None


def test_expected_calibration_error_weights_bands_by_their_pairs() -> None:
    conf = np.array([0.95, 0.95, 0.95, 0.95, 0.2])
    right = np.array([True, True, True, False, False])
    # band 0.9-1.0: |0.95 - 0.75| x 4 pairs; band 0.0-0.3: |0.2 - 0| x 1 pair
    assert expected_calibration_error(conf, right) == pytest.approx((0.2 * 4 + 0.2) / 5)


def test_summary_has_a_row_per_bead_type() -> None:
    pairs = Pairs(
        "set x",
        confidence=np.array([0.9, 0.6, 0.3]),
        previous=np.array([0.8, 0.8, 0.8]),
        many=np.array([False, True, True]),
        right=np.array([True, True, False]),
    )
    rows = format_summary([pairs]).splitlines()[2:]
    assert [row.split(" | ")[1] for row in rows] == ["all pairs", "1-1", "m-n"]
    assert rows[2].startswith("| set x | m-n | 2 | 0.500 | 0.450 |")
    assert rows[2].endswith("| 1.000 | 0.800 | 0.300 | 0.500 |")
