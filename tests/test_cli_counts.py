"""Counts the CLI prints read right at 1: ``read 1 unit``, not ``read 1 units`` (ux18's note)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner

from tmtool.cli import cli
from tmtool.counts import counted
from tmtool.exchange.glossary import glossary_omegat
from tmtool.exchange.tbx import glossary_tbx
from tmtool.terms.records import Example, Rendering, TermEntry, TermList

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


def _one_unit_terms() -> TermList:
    """A term list read from one unit: one term with a main rendering and a variant."""
    example = Example("t1", "De raad besliste.", "Le conseil a décidé.", "doc")
    renderings = [
        Rendering("conseil", ("conseil",), 1, 1, 0.9, [example]),
        Rendering("Conseil", ("Conseil",), 2, 2, 0.5),
    ]
    entry = TermEntry("nl", "raad", ("raad",), 1, 1, 0.8, 0.7, {"fr": renderings})
    return TermList(["nl", "fr"], 1, [entry])


def test_glossaries_of_one_unit_say_unit() -> None:
    """The OmegaT comment read `1 units, 1 docs`, the TBX source note `1 units`."""
    omegat = glossary_omegat(_one_unit_terms(), "fr").splitlines()
    assert omegat[0].split("\t")[2].startswith("inconsistent; main rendering; 1 unit, 1 document;")
    assert "; variant; 2 units, 2 documents;" in omegat[1]
    tbx = glossary_tbx(_one_unit_terms()).decode("utf-8")
    assert "tmtool terms: 1 unit, languages nl, fr" in tbx


def test_terms_summary_line_counts_with_counted(monkeypatch, tmp_path: Path) -> None:
    """`tmtool terms --csv` said `1 terms (0 inconsistent) from 1 units`."""
    import tmtool.terms

    monkeypatch.setattr(tmtool.terms, "extract_terms", lambda *args: _one_unit_terms())
    db, csv = str(tmp_path / "tm.db"), tmp_path / "g.csv"
    tmx = tmp_path / "one.tmx"
    tmx.write_text(_ONE_UNIT_TMX, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["import", "--db", db, str(tmx), "--no-embed"]).exit_code == 0
    args = ["terms", "--db", db, "--langs", "nl,fr", "--encoder", "none", "--csv", str(csv)]
    args += ["--model", str(tmp_path / "terms.json")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 term (1 inconsistent) from 1 unit; wrote "), result.stdout


def test_align_file_count_mismatch_says_language() -> None:
    """`--langs nl` with two files said `2 files but --langs names 1 languages`."""
    result = CliRunner().invoke(cli, ["align", "a.txt", "b.txt", "--langs", "nl"])
    assert_one_error_line(result, "2 files but --langs names 1 language")
    assert "1 languages" not in result.stderr
