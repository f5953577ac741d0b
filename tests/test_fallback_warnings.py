"""Fallbacks are never silent: a slower or reduced path is a `tmtool: warning:` line (issue 10,
section 5). The sentencepiece and weight-cache warnings are tested in test_embed_use.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from tmtool.cli import user_errors
from tmtool.errors import warn

SEED = next((Path(__file__).resolve().parent.parent / "seeds").glob("000_*[0-9a-f].txt"))


def test_cli_shows_warnings_as_one_line() -> None:
    @click.command()
    @user_errors
    def command() -> None:
        warn("a slower path")
        click.echo("done")

    result = CliRunner().invoke(command, [])
    assert result.exit_code == 0
    assert result.stdout == "done\n"
    assert "tmtool: warning: a slower path\n" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_wordfreq_is_a_warning_not_a_silent_switch_off(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['wordfreq'] = None\n"  # as if the package were not installed
        "from tmtool.cli import cli\n"
        f"cli(['segment', {str(SEED)!r}, '--lang', 'nl'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"TMTOOL_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", **_python_env()},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert (
        "tmtool: warning: the wordfreq package is missing: the language check is off "
        "(pip install wordfreq)" in lines
    )
    assert (
        "tmtool: warning: the wordfreq package is missing: OCR repairs are off "
        "(pip install wordfreq)" in lines
    )
    assert done.stdout.count("\n") > 40  # the segments are still printed


def _python_env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key in ("PYTHONPATH", "HOME")}
