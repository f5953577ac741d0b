"""Counts the CLI prints read right at 1: ``read 1 unit``, not ``read 1 units`` (ux18's note)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tmtool.cli import cli
from tmtool.counts import counted

_ONE_UNIT_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="nl-BE" datatype="plaintext"/>
<body><tu><tuv xml:lang="nl-BE"><seg>Een zin.</seg></tuv>
<tuv xml:lang="fr-BE"><seg>Une phrase.</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [
        (0, "unit", "0 units"),
        (1, "unit", "1 unit"),
        (2, "unit", "2 units"),
        (1, "earlier run", "1 earlier run"),
        (3, "earlier run", "3 earlier runs"),
    ],
)
def test_counted(n: int, noun: str, text: str) -> None:
    assert counted(n, noun) == text


def test_import_export_and_stats_of_one_unit_say_unit(tmp_path: Path) -> None:
    """`tmtool import` printed `read 1 units from ...`; export and stats said `1 units` too."""
    tmx, db, out = tmp_path / "one.tmx", str(tmp_path / "tm.db"), tmp_path / "out.tmx"
    tmx.write_text(_ONE_UNIT_TMX, encoding="utf-8")
    runner = CliRunner()

    imported = runner.invoke(cli, ["import", "--db", db, str(tmx), "--no-embed"])
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.startswith("read 1 unit from one.tmx, imported 1, "), imported.stdout

    exported = runner.invoke(cli, ["export", "--db", db, "-o", str(out), "--langs", "nl,fr"])
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.startswith(f"wrote 1 unit to {out} "), exported.stdout

    stats = runner.invoke(cli, ["stats", "--db", db])
    assert stats.exit_code == 0, stats.output
    runs = [line for line in stats.stdout.splitlines() if line.startswith("  #1 ")]
    assert len(runs) == 1 and "] 1 unit; " in runs[0], stats.stdout
