"""`tmtool eval`: scores of bead files, as text or JSON, one pair or a manifest of pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner

from tmtool.cli import cli

# Same documents as tests/test_evaluate_score.py (hand computations there).
GOLD_A = "[0]:[0]\n[1]:[1,2]\n[2]:[]\n[]:[3]\n[3,4]:[4]\n"
SYSTEM_A = "[0]:[0]\n[1]:[1]\n[2]:[]\n[]:[2]\n[]:[3]\n[3]:[4]\n[4]:[]\n"
GOLD_B = "[0]:[0]\n[1]:[1]\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, ["eval", *args])


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "gold_a": write(tmp_path / "a.gold", GOLD_A),
        "sys_a": write(tmp_path / "a.sys", SYSTEM_A),
        "gold_b": write(tmp_path / "b.gold", GOLD_B),
        "sys_b": write(tmp_path / "b.sys", GOLD_B),
    }


def test_text_report(files: dict[str, Path]) -> None:
    result = run(str(files["gold_a"]), str(files["sys_a"]))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "documents 1, gold beads 5, system beads 7"
    assert lines[1].split() == ["strict", "lax"]
    # P 3/7 and 5/7, R 1/3 and 1, F1 3/8 and 5/6
    assert lines[2].split() == ["precision", "0.4286", "0.7143"]
    assert lines[3].split() == ["recall", "0.3333", "1.0000"]
    assert lines[4].split() == ["F1", "0.3750", "0.8333"]


def test_json(files: dict[str, Path]) -> None:
    result = run(str(files["gold_a"]), str(files["sys_a"]), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 1
    assert data["f1_strict"] == pytest.approx(3 / 8)
    assert data["f1_lax"] == pytest.approx(5 / 6)
    assert data["precision_strict"] == pytest.approx(3 / 7)
    assert (data["system_beads"], data["gold_beads"]) == (7, 5)


def test_manifest_pools_counts(files: dict[str, Path], tmp_path: Path) -> None:
    manifest = write(tmp_path / "manifest.tsv", "# gold\tsystem\na.gold\ta.sys\nb.gold\tb.sys\n")
    result = run("--manifest", str(manifest), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["f1_strict"] == pytest.approx(15 / 26)  # pooled, not the mean 11/16
    assert data["f1_lax"] == pytest.approx(7 / 8)
    text = run("--manifest", str(manifest))
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0] == "documents 2, gold beads 7, system beads 9"


def test_missing_file(files: dict[str, Path], tmp_path: Path) -> None:
    result = run(str(files["gold_a"]), str(tmp_path / "nope.sys"))
    assert_one_error_line(result, "nope.sys")


def test_malformed_line(files: dict[str, Path], tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.sys", "[0]:[0]\n[1]->[1]\n")
    assert_one_error_line(run(str(files["gold_a"]), str(bad)), "bad.sys:2")


def test_malformed_manifest(files: dict[str, Path], tmp_path: Path) -> None:
    manifest = write(tmp_path / "m.tsv", "a.gold a.sys\n")
    assert_one_error_line(run("--manifest", str(manifest)), "m.tsv:1")


def test_both_or_neither(files: dict[str, Path], tmp_path: Path) -> None:
    manifest = write(tmp_path / "m.tsv", "a.gold\ta.sys\n")
    assert_one_error_line(
        run(str(files["gold_a"]), str(files["sys_a"]), "--manifest", str(manifest)), "not both"
    )
    assert_one_error_line(run(), "GOLD and SYSTEM")
    assert_one_error_line(run(str(files["gold_a"])), "GOLD and SYSTEM")
