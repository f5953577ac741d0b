"""The tests' one check that a command failed as README promises (a non-zero exit, no traceback
and exactly one ``tmtool: error: ...`` line on stderr, nothing on stdout) and their one walker
over the CLI's commands."""

from __future__ import annotations

import click
from click.testing import Result

from tmtool.cli import cli


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


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand as its words after ``tmtool``, walked recursively."""
    found = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
    return found


def command_at(path: tuple[str, ...]) -> click.Command:
    """The command that ``tmtool`` followed by the words of ``path`` runs (``()``: ``tmtool``)."""
    command: click.Command = cli
    for word in path:
        assert isinstance(command, click.Group), path
        command = command.commands[word]
    return command
