"""Every command is documented in README.md and answers --help."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from cli_support import command_at, commands
from click.testing import CliRunner

from tmtool.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
#: the pages README.md sends a reader to for a command's details
LINKED_DOCS = (README.parent / "models" / "README.md",)


COMMANDS = commands()


def test_the_cli_has_the_main_commands() -> None:
    assert {("align",), ("eval",), ("segment",), ("export",), ("import",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_is_in_readme(path: tuple[str, ...]) -> None:
    text = README.read_text(encoding="utf-8")
    pattern = r"(?<![\w-])tmtool" + "".join(rf" +{re.escape(word)}" for word in path) + r"(?![\w-])"
    assert re.search(pattern, text), f"README.md does not mention `tmtool {' '.join(path)}`"


def options(path: tuple[str, ...]) -> list[str]:
    """The long option names of command ``path`` (``--x/--no-x`` flags give both)."""
    names = [
        name for param in command_at(path).params for name in (*param.opts, *param.secondary_opts)
    ]
    return [name for name in names if name.startswith("--") and name != "--help"]


#: the commands that take options (the ``models`` group takes none)
COMMANDS_WITH_OPTIONS = [path for path in COMMANDS if options(path)]


@pytest.mark.parametrize("path", COMMANDS_WITH_OPTIONS, ids=" ".join)
def test_every_option_is_documented(path: tuple[str, ...]) -> None:
    """An option a user cannot read about in README.md (or a page it links) is one they miss."""
    text = "\n".join(doc.read_text(encoding="utf-8") for doc in (README, *LINKED_DOCS))
    missing = [name for name in options(path) if not re.search(rf"{name}(?![\w-])", text)]
    assert missing == [], f"README.md does not mention these options of tmtool {' '.join(path)}"


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
