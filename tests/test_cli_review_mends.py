"""Defects a translator met in the reuse commands on the demo memory (branch ux19).

Each test failed before its fix: bad input gives one ``tmtool: error:`` line, a non-zero exit, no
traceback and no changed or half-written file, in words that say what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import assert_one_error_line
from click.testing import CliRunner, Result

from tmtool.cli import cli


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    "command",
    [["stats"], ["search", "raad"], ["export", "-o", "{tmp}/o.tmx"], ["terms"], ["review"]],
    ids=lambda command: command[0],
)
def test_a_memory_in_a_missing_folder_is_no_memory(tmp_path: Path, command: list[str]) -> None:
    """`tmtool search --db nowhere/tm.db` said `cannot create database ...`: a command that only
    reads creates nothing, it found no memory."""
    db = tmp_path / "nowhere" / "tm.db"
    args = [arg.format(tmp=tmp_path) for arg in command]
    line = assert_one_error_line(_invoke(*args, "--db", str(db)), f"no translation memory at {db}")
    assert "create" not in line
    assert list(tmp_path.iterdir()) == []


def test_a_new_memory_in_a_missing_folder_still_says_so(tmp_path: Path) -> None:
    """`import`, which creates a memory, names the missing folder."""
    tmx = tmp_path / "in.tmx"
    tmx.write_text("<tmx/>", encoding="utf-8")
    db = tmp_path / "nowhere" / "tm.db"
    assert_one_error_line(
        _invoke("import", "--db", str(db), str(tmx)), f"folder {db.parent} does not exist"
    )
