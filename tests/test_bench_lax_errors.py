"""bench/lax_errors.py: every lax error found, counted against the measure, and given its kind."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from lax_errors import format_counts, lax_errors

from tmtool.align.aligner import AlignConfig
from tmtool.document import Bead
from tmtool.evaluate import score


def bead(src: tuple[int, ...], tgt: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return src, tgt


GOLD = [
    bead((0,), (0,)),
    bead((1, 2), (1,)),  # a 2-1 bead whose second member the system leaves out
    bead((3,), (2,)),  # a 1-1 bead the system splits into two skips
    bead((4,), ()),  # unaligned in the gold, paired by the system
    bead((), (3,)),
    bead((5,), (4,)),  # a shifted pair of 1-1 beads
    bead((6,), (5,)),
    bead((7,), (6, 7, 8, 9, 10)),  # beyond the bound of m + n <= 5
]
SYSTEM = [
    bead((0,), (0,)),
    bead((1,), (1,)),
    bead((2,), ()),
    bead((3,), ()),
    bead((), (2,)),
    bead((4,), (3,)),
    bead((5,), (5,)),
    bead((6,), (4,)),
    bead((7,), (6, 7, 8)),
    bead((), (9,)),
    bead((), (10,)),
]


def test_each_kind_is_found() -> None:
    kinds = Counter(e.kind for e in lax_errors(GOLD, SYSTEM, AlignConfig().allows))
    assert kinds == {
        "skip: member of a gold m-n bead": 1,
        "skip: of a gold 1-1 bead, partner unaligned too": 2,
        "pair: every sentence gold-unaligned": 1,
        "pair: shifted (every sentence gold-aligned elsewhere)": 2,
        "skip: member of a gold m-n bead (beyond the bead bound)": 2,
        "missed: left unaligned": 1,
        "missed: paired elsewhere": 2,
    }


def test_errors_are_the_lax_measures_false_positives() -> None:
    errors = lax_errors(GOLD, SYSTEM, AlignConfig().allows)
    scores = score([Bead(*b) for b in GOLD], [Bead(*b) for b in SYSTEM])
    precision_errors = sum(e.precision for e in errors)
    recall_errors = sum(not e.precision for e in errors)
    linked_gold = sum(bool(s and t) for s, t in GOLD)
    assert scores.precision_lax == pytest.approx(1 - precision_errors / len(SYSTEM))
    assert scores.recall_lax == pytest.approx(1 - recall_errors / linked_gold)


def test_a_perfect_alignment_has_none() -> None:
    assert lax_errors(GOLD, GOLD, AlignConfig().allows) == []


def test_counts_table_has_a_column_per_set() -> None:
    table = format_counts({"a": Counter({"x": 2}), "b": Counter({"x": 1, "y": 3})})
    assert table.splitlines()[2:] == [
        "| x | 2 | 1 |",
        "| y | 0 | 3 |",
        "| all lax errors | 2 | 4 |",
    ]
