"""Every command is documented in README.md and answers --help."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tmtool.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand as its words after ``tmtool``, walked recursively."""
    found = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
    return found


COMMANDS = commands()


def test_the_cli_has_the_main_commands() -> None:
    assert {("align",), ("eval",), ("segment",), ("export",), ("import",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_is_in_readme(path: tuple[str, ...]) -> None:
    text = README.read_text(encoding="utf-8")
    pattern = r"(?<![\w-])tmtool" + "".join(rf" +{re.escape(word)}" for word in path) + r"(?![\w-])"
    assert re.search(pattern, text), f"README.md does not mention `tmtool {' '.join(path)}`"


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "tmtool")
def test_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert result.stderr == ""
    summary = cli if not path else cli.get_command(click.Context(cli), path[0])
    for word in path[1:]:
        summary = summary.get_command(click.Context(summary), word)
    assert summary.help, f"tmtool {' '.join(path)} has no help text"
