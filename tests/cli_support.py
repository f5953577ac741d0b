"""The one check that a command failed as README promises: a non-zero exit, no traceback and
exactly one ``tmtool: error: ...`` line on stderr (nothing on stdout)."""

from __future__ import annotations

from click.testing import Result


def assert_one_error_line(result: Result, *expected: str) -> str:
    """Assert ``result`` (of ``CliRunner().invoke``) is one error line holding each of
    ``expected``; returns that line."""
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tmtool: error: "), lines[0]
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]
