"""Usage errors (unknown commands and options, bad option values, missing arguments) are one
``tmtool: error:`` line and exit code 2, like every other bad input; bare groups show their help."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tmtool.cli import cli


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["bogus"], "No such command 'bogus' (see tmtool --help)"),
        (["--bogus"], "No such option '--bogus' (see tmtool --help)"),
        (["segment"], "Missing argument 'FILE' (see tmtool segment --help)"),
        (["export"], "Missing option '-o' / '--output' (see tmtool export --help)"),
        (
            ["export", "-o", "x.tmx", "--min-score", "2"],
            "--min-score: expected a number from 0 to 1, got 2 (see tmtool export --help)",
        ),
        (
            ["models", "list", "--bogus"],
            "No such option '--bogus' (see tmtool models list --help)",
        ),
    ],
)
def test_usage_errors_are_one_line(args: list[str], line: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, args, prog_name="tmtool", env={"TMTOOL_DB": str(tmp_path / "tm.db")}
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"tmtool: error: {line}\n"
    assert not (tmp_path / "tm.db").exists()


@pytest.mark.parametrize("args", [[], ["models"]])
def test_a_bare_group_still_shows_its_help(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args, prog_name="tmtool")
    assert result.exit_code == 2
    assert (result.stdout + result.stderr).startswith("Usage: tmtool")
