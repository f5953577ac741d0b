"""`tmtool align` on the Dutch Parallel Corpus sample (nl, fr, en; human-verified links).

The data lives outside the repository, in ../shared/eval (or $TMTOOL_EVAL_DIR), and must never be
copied into it; the test is skipped where it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from eval_data import EVAL_DIR

from tmtool.cli import cli
from tmtool.evaluate import exact_matches, read_beads

DPC = EVAL_DIR / "dpc_nl_fr_en" / "plain"
DOC = "dpc-bmm-001071"

pytestmark = pytest.mark.skipif(
    not (DPC / f"{DOC}.nl").is_file(),
    reason=f"DPC evaluation sample not found in {DPC} (set TMTOOL_EVAL_DIR)",
)


def test_dpc_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where the default memory tmtool.db would go
    out = tmp_path / "dpc"
    files = [str(DPC / f"{DOC}.{lang}") for lang in ("nl", "fr", "en")]
    result = CliRunner().invoke(
        cli, ["align", *files, "--presegmented", "--no-store", "--beads", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "tmtool.db").exists()  # --no-store
    for lang in ("fr", "en"):
        gold = read_beads(DPC / f"{DOC}.nl-{lang}.gold")
        system = read_beads(out.with_name(f"dpc.nl-{lang}"))
        found = exact_matches(gold, system)
        print(f"DPC {DOC} nl-{lang}: {found} of {len(gold)} gold beads produced exactly")
        assert len(gold) == 15
        assert found == 15, f"nl-{lang}: only {found} of 15 gold beads produced exactly"
