"""bench/align_bench.py: set selection, scale concatenation, target checks and a tiny full run.

The evaluation data is never needed here: the end-to-end test builds its own three-sentence
"evaluation folder" in a temporary directory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "bench" / "align_bench.py"
sys.path.insert(0, str(REPO / "bench"))

from bench_data import DocPair, Measurement, concatenate, expand_sets, measurements  # noqa: E402
from bench_report import (  # noqa: E402
    END,
    START,
    Row,
    add_scale_ratios,
    check_targets,
    read_results,
    replace_generated,
)

from tmtool.document import Bead  # noqa: E402
from tmtool.evaluate import score, score_documents  # noqa: E402

HEADER = "set\tdoc\tsrc_lang\ttgt_lang\tsrc_file\ttgt_file\talign_file\talign_kind\tdomain\n"
DE = ["Der Berg ist hoch.", "Wir steigen früh auf.", "Oben liegt Schnee."]
FR = ["La montagne est haute.", "Nous montons tôt.", "En haut il y a de la neige."]
GOLD = "[0]:[0]\n[1]:[1]\n[2]:[2]\n"


def write_eval_dir(root: Path) -> Path:
    """A minimal evaluation folder: one de-fr pair as 'textberg_test', a two-pair set, a bad doc."""
    root.mkdir()
    (root / "a.de").write_text("\n".join(DE) + "\n", encoding="utf-8")
    (root / "a.fr").write_text("\n".join(FR) + "\n", encoding="utf-8")
    (root / "a.en").write_text("The mountain is high.\nWe climb early.\nSnow is up there.\n")
    (root / "a.gold").write_text(GOLD, encoding="utf-8")
    (root / "u_1.gold").write_text("[0]:[0]\n[9]:[1]\n", encoding="utf-8")
    rows = [
        "textberg_test\tt0\tde\tfr\ta.de\ta.fr\ta.gold\tgold\tx",
        "dpc\td\tde\tfr\ta.de\ta.fr\ta.gold\tgold\tx",
        "dpc\td\tde\ten\ta.de\ta.en\ta.gold\tgold\tx",
        "parice\tok\tde\tfr\ta.de\ta.fr\ta.gold\tgold\tx",
        "parice\tu_1\tde\tfr\ta.de\ta.fr\tu_1.gold\tgold\tx",
    ]
    (root / "MANIFEST.tsv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_aliases_expand_in_order_without_duplicates():
    assert expand_sets("dpc,gold")[:2] == ["dpc", "textberg_dev"]
    assert expand_sets("scale") == ["scale_x1", "scale_x2", "scale_x4", "scale_x8"]
    assert expand_sets("dpc, dpc ,") == ["dpc"]


def test_sets_group_by_pair_only_when_a_document_has_several(tmp_path):
    eval_dir = write_eval_dir(tmp_path / "eval")
    plan = measurements(eval_dir, ["dpc", "parice", "scale_x4"])
    assert [(m.set, m.pair, len(m.docs)) for m in plan] == [
        ("dpc", "de-fr", 1),
        ("dpc", "de-en", 1),
        ("parice", "de-fr", 1),  # u_1 left out, with a note
        ("scale_x4", "de-fr", 1),
    ]
    assert "u_1 skipped" in plan[2].notes[0]
    assert plan[3].repeat == 4 and plan[3].docs[0].name == "t0"
    with pytest.raises(ValueError, match="unknown set"):
        measurements(eval_dir, ["nope"])
    (missing,) = measurements(eval_dir, ["hunalign"])  # a benchmark set this folder lacks
    assert missing.docs == [] and missing.notes == ["no hunalign in MANIFEST.tsv"]


def test_concatenation_shifts_gold_so_scores_equal_pooled_parts():
    part_a = (["a", "b"], ["x"], [Bead((0, 1), (0,))])
    part_b = (["c"], ["y", "z"], [Bead((0,), (0, 1))])
    src, tgt, gold = concatenate([part_a, part_b], repeat=2)
    assert src == ["a", "b", "c"] * 2 and tgt == ["x", "y", "z"] * 2
    assert gold == [
        Bead((0, 1), (0,)),
        Bead((2,), (1, 2)),
        Bead((3, 4), (3,)),
        Bead((5,), (4, 5)),
    ]
    system_a, system_b = [Bead((0,), (0,)), Bead((1,), ())], [Bead((0,), (0, 1))]
    _, _, system = concatenate([(*part_a[:2], system_a), (*part_b[:2], system_b)], repeat=2)
    pooled = score_documents([(part_a[2], system_a), (part_b[2], system_b)] * 2)
    assert score(gold, system) == pooled


def _row(set_name: str, pair: str, repeat: int = 0, **values) -> Row:
    doc = DocPair("d", "de", "fr", "s", "t", "g")
    measurement = Measurement(set_name, set_name, pair, [doc], repeat)
    return Row(measurement, "use", {"device": "cpu", **values}, result={"docs": []})


def test_targets_say_met_or_how_far():
    rows = [
        _row("textberg_test", "de-fr", f1_strict=0.95, f1_lax=0.985, pairs_s=80.0),
        _row("dpc", "nl-fr", exact_n=14, gold_n=15),
        _row("dpc", "nl-en", exact_n=12, gold_n=15),
        _row("scale_x1", "de-fr", 1, e2e_s=2.0, align_s=1.0),
        _row("scale_x8", "de-fr", 8, e2e_s=24.0, align_s=9.0, peak_mb=900.0),
    ]
    add_scale_ratios(rows)
    assert rows[4].notes == ["time x12.0 of x1 (align x9.0)"]
    targets = check_targets(rows, ["use"])
    assert [t.met for t in targets] == [True, False, True, False, False, True, False]
    assert targets[1].status == "NOT met: 0.005 short"  # lax F1
    assert targets[2].measured == "14/15"
    assert targets[3].status == "NOT met: 2 bead(s) short"
    assert targets[4].status == "NOT met: 20 short"  # pairs per second
    assert targets[5].status == "met (600 MB to spare)"
    assert targets[6].status == "NOT met: x2.0 over"
    assert all(t.met is None for t in check_targets(rows, ["e5"]))


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)


def test_missing_data_is_skipped_cleanly(tmp_path):
    done = run_script("--eval-dir", str(tmp_path / "absent"))
    assert done.returncode == 0
    assert done.stdout.startswith("skipped: no evaluation data at")


def test_unknown_set_is_an_error(tmp_path):
    done = run_script("--eval-dir", str(write_eval_dir(tmp_path / "eval")), "--sets", "nope")
    assert done.returncode == 2 and "unknown set(s) nope" in done.stderr


def test_full_run_on_a_tiny_set_writes_table_and_page(tmp_path):
    eval_dir = write_eval_dir(tmp_path / "eval")
    page = tmp_path / "RESULTS.md"
    page.write_text(f"{START}\nold results\n{END}\n{HAND_WRITTEN}", encoding="utf-8")
    done = run_script(
        "--eval-dir",
        str(eval_dir),
        "--sets",
        "textberg_test,dpc",
        "--encoders",
        "use,st:models/no-such-folder",
        "--compare-sets",
        "dpc",
        "--write",
        str(page),
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("| textberg_test")]
    assert len(lines) == 1  # the second encoder runs on the compare sets only
    cells = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert cells[:5] == ["textberg_test", "de-fr", "use", "cpu", "3/3"]
    assert cells[7] == "1.000" and cells[9] == "3/3"  # strict F1, exact beads
    assert "skipped: no model folder models/no-such-folder" in done.stdout
    text = page.read_text(encoding="utf-8")
    assert "## Targets" in text and "Machine:" in text and "--sets textberg_test,dpc" in text
    assert "old results" not in text and text.endswith(HAND_WRITTEN)  # the Review section stays
    assert "Ceiling on textberg_test" in text and "F1 1.000" in text  # the gold path is the gold


HAND_WRITTEN = "\n## Review\n\nWritten by hand from `bench/review_bench.py`.\n"


def test_write_replaces_only_the_marked_part(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text(f"Preface.\n{START}\n# Alignment benchmark\n\nold\n{END}\n{HAND_WRITTEN}")
    once = replace_generated(read_results(path), "# Alignment benchmark\n\nnew table\n\n")
    assert once == f"Preface.\n{START}\n# Alignment benchmark\n\nnew table\n{END}\n{HAND_WRITTEN}"
    path.write_text(once)
    assert replace_generated(read_results(path), "# Alignment benchmark\n\nnew table") == once
    # a new file is just the marked part, which the next --write finds again
    assert read_results(tmp_path / "absent.md") is None
    fresh = replace_generated(None, "# Alignment benchmark")
    assert fresh == f"{START}\n# Alignment benchmark\n{END}\n"


@pytest.mark.parametrize(
    "text",
    [
        "# Alignment benchmark\n\n## Review\n",  # no markers (written before them)
        f"{START}\na\n{END}\n{START}\nb\n{END}\n",  # twice
        f"{END}\na\n{START}\n",  # out of order
    ],
)
def test_a_file_without_one_pair_of_markers_is_refused(tmp_path, text):
    path = tmp_path / "RESULTS.md"
    path.write_text(text)
    with pytest.raises(ValueError, match="align_bench"):
        read_results(path)


def test_write_refuses_a_file_without_markers_before_measuring(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text(HAND_WRITTEN)
    eval_dir = write_eval_dir(tmp_path / "eval")
    done = run_script("--eval-dir", str(eval_dir), "--write", str(path))
    assert done.returncode == 2 and "expected one <!-- align_bench:start -->" in done.stderr
    assert "[1/" not in done.stderr  # nothing was measured
    assert path.read_text() == HAND_WRITTEN


def test_the_projects_results_page_keeps_the_other_benches_sections():
    text = read_results(REPO / "bench" / "RESULTS.md")
    assert text is not None
    after = text[text.index(END) :]
    assert "## Review" in after and "## Start-up" in after and "## Cleaning" in after
