"""Strict and lax precision/recall/F1 against hand computations, and the bead file format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.document import Bead
from tmtool.errors import InputError
from tmtool.evaluate import (
    exact_matches,
    format_beads,
    parse_beads,
    read_beads,
    read_manifest,
    score,
    score_documents,
    write_beads,
)


def beads(text: str) -> list[Bead]:
    return parse_beads(text)


# Document A. Gold: 5 beads once the empty-on-both-sides bead is dropped.
GOLD_A = beads(
    """
[0]:[0]
[1]:[1,2]
[2]:[]
[]:[3]
[3,4]:[4]
[]:[]
"""
)
# System A: 7 beads once the two empty-on-both-sides beads are dropped.
SYSTEM_A = beads(
    """
[0]:[0]
[1]:[1]
[2]:[]
[]:[2]
[]:[3]
[3]:[4]
[4]:[]
[]:[]
[]:[]
"""
)
# Precision over the 7 system beads:
#   [0]:[0]  in gold                                   strict TP, lax TP
#   [1]:[1]  not in gold; gold links 1 -> {1,2} ∋ 1      strict FP, lax TP   (lax-only overlap)
#   [2]:[]   in gold (a 1-0 bead)                      strict TP, lax TP
#   []:[2]   not in gold; no source side to link         strict FP, lax FP
#   []:[3]   in gold (a 0-1 bead)                      strict TP, lax TP
#   [3]:[4]  not in gold; gold links 3 -> {4} ∋ 4        strict FP, lax TP
#   [4]:[]   not in gold; no target side to link         strict FP, lax FP
#   strict P = 3/7, lax P = 5/7
# Recall: drop 1-0/0-1 from both, then swap roles.
#   gold [0]:[0], [1]:[1,2], [3,4]:[4]    vs    system [0]:[0], [1]:[1], [3]:[4]
#   [0]:[0]    in system                                strict TP, lax TP
#   [1]:[1,2]  system links 1 -> {1}, meets {1,2}         strict FP, lax TP
#   [3,4]:[4]  system links 3 -> {4}, 4 -> {}; meets {4}  strict FP, lax TP
#   strict R = 1/3, lax R = 3/3
# strict F1 = 2 * 3/7 * 1/3 / (3/7 + 1/3) = (2/7) / (16/21) = 3/8
# lax F1    = 2 * 5/7 * 1 / (5/7 + 1)     = (10/7) / (12/7) = 5/6

# Document B: a perfect alignment of two 1-1 beads (P = R = F1 = 1 on its own).
GOLD_B = beads("[0]:[0]\n[1]:[1]\n")
SYSTEM_B = beads("[0]:[0]\n[1]:[1]\n")


def test_single_document_hand_computed() -> None:
    s = score(GOLD_A, SYSTEM_A)
    assert s.precision_strict == pytest.approx(3 / 7)
    assert s.recall_strict == pytest.approx(1 / 3)
    assert s.f1_strict == pytest.approx(3 / 8)
    assert s.precision_lax == pytest.approx(5 / 7)
    assert s.recall_lax == pytest.approx(1.0)
    assert s.f1_lax == pytest.approx(5 / 6)
    assert (s.system_beads, s.gold_beads) == (7, 5)  # empty-on-both-sides beads dropped


def test_empty_beads_do_not_change_scores() -> None:
    without_empty = [b for b in SYSTEM_A if b.src or b.tgt]
    assert score(GOLD_A, SYSTEM_A) == score(GOLD_A, without_empty)
    assert exact_matches(GOLD_A, SYSTEM_A) == 3  # [0]:[0], [2]:[], []:[3]


def test_counts_are_pooled_over_documents() -> None:
    pooled = score_documents([(GOLD_A, SYSTEM_A), (GOLD_B, SYSTEM_B)])
    # strict: P = (3 + 2) / (7 + 2) = 5/9, R = (1 + 2) / (3 + 2) = 3/5
    #         F1 = 2 * 5/9 * 3/5 / (5/9 + 3/5) = (2/3) / (52/45) = 15/26
    # lax:    P = (5 + 2) / 9 = 7/9, R = (3 + 2) / 5 = 1, F1 = (14/9) / (16/9) = 7/8
    assert pooled.precision_strict == pytest.approx(5 / 9)
    assert pooled.recall_strict == pytest.approx(3 / 5)
    assert pooled.f1_strict == pytest.approx(15 / 26)
    assert pooled.precision_lax == pytest.approx(7 / 9)
    assert pooled.recall_lax == pytest.approx(1.0)
    assert pooled.f1_lax == pytest.approx(7 / 8)
    assert (pooled.system_beads, pooled.gold_beads) == (9, 7)
    # the mean of the per-document F1 values is something else: (3/8 + 1) / 2 = 11/16
    mean_f1 = (score(GOLD_A, SYSTEM_A).f1_strict + score(GOLD_B, SYSTEM_B).f1_strict) / 2
    assert mean_f1 == pytest.approx(11 / 16)
    assert pooled.f1_strict != pytest.approx(mean_f1)


def test_perfect_and_empty_alignments() -> None:
    perfect = score(GOLD_A, GOLD_A)
    assert (perfect.f1_strict, perfect.f1_lax) == (1.0, 1.0)
    nothing = score([], [])
    assert (nothing.precision_strict, nothing.recall_strict, nothing.f1_strict) == (0, 0, 0)
    assert score(GOLD_B, []).f1_lax == 0.0


def test_only_insertions_and_deletions() -> None:
    # a system of 1-0/0-1 beads only: precision counts them, recall has nothing to count
    gold = beads("[0]:[]\n[]:[0]\n[1]:[1]\n")
    system = beads("[0]:[]\n[]:[0]\n[1]:[]\n[]:[1]\n")
    s = score(gold, system)
    assert s.precision_strict == pytest.approx(2 / 4)  # [1]:[] and []:[1] are not in the gold
    assert s.precision_lax == pytest.approx(2 / 4)
    assert s.recall_strict == 0.0  # gold's [1]:[1] is not produced; no system 1-1 beads


def test_format_parse_round_trip(tmp_path: Path) -> None:
    original = [Bead((0,), (0,)), Bead((1, 2), ()), Bead((), (1,)), Bead((3,), (2, 3, 4))]
    text = format_beads(original)
    assert text == "[0]:[0]\n[1,2]:[]\n[]:[1]\n[3]:[2,3,4]\n"
    assert parse_beads(text) == original
    path = tmp_path / "system.beads"
    write_beads(path, original)
    assert read_beads(path) == original


def test_parse_tolerates_spaces_and_blank_lines() -> None:
    assert parse_beads("\n [1, 2] : [ 3 ]\n\n[]:[]\n") == [Bead((1, 2), (3,)), Bead((), ())]


@pytest.mark.parametrize(
    "line", ["[0]-[1]", "[a]:[1]", "0:1", "[0]:[1]:[2]", "[-1]:[0]", "[0]:[1] extra", "(0):(1)"]
)
def test_malformed_bead_line(line: str) -> None:
    with pytest.raises(InputError) as info:
        parse_beads(f"[0]:[0]\n{line}\n", source="sys.beads")
    message = str(info.value)
    assert message.startswith("sys.beads:2: ")
    assert "\n" not in message


def test_read_beads_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read bead file"):
        read_beads(tmp_path / "missing.beads")
    latin = tmp_path / "latin.beads"
    latin.write_bytes(b"[0]:[0]\n\xe9\xff\n")
    with pytest.raises(InputError, match="not UTF-8"):
        read_beads(latin)


def test_read_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "sets" / "manifest.tsv"
    manifest.parent.mkdir()
    manifest.write_text("# gold\tsystem\n\na.gold\ta.sys\nsub/b.gold\tb.sys\n", encoding="utf-8")
    assert read_manifest(manifest) == [
        (manifest.parent / "a.gold", manifest.parent / "a.sys"),
        (manifest.parent / "sub/b.gold", manifest.parent / "b.sys"),
    ]
    manifest.write_text("a.gold a.sys\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.tsv:1: expected GOLD<TAB>SYSTEM"):
        read_manifest(manifest)
    manifest.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(InputError, match="lists no bead files"):
        read_manifest(manifest)
    with pytest.raises(InputError, match="cannot read manifest"):
        read_manifest(tmp_path / "absent.tsv")
