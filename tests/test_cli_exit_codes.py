"""README's exit codes: a usage error (an unknown option, a bad or out-of-range value, options
that do not go together, a value naming nothing the memory holds) exits 2 with one error line in
every command, as click's own usage errors do; numeric options say what they expect in plain
words. Data and I/O errors keep their own codes (tests/test_tmx_cli.py, tests/test_store_open.py).
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from cli_support import assert_one_error_line, command_at, commands
from click.testing import CliRunner
from tmx_support import UNITS, run_info, sample_documents

from tmtool.cli import cli
from tmtool.store import open_store

EVERY_COMMAND = [(), *commands()]


def _numeric_options() -> list[tuple[tuple[str, ...], click.Option]]:
    """Every option of every command whose value is a number."""
    return [
        (path, param)
        for path in EVERY_COMMAND
        for param in command_at(path).params
        if isinstance(param, click.Option)
        and isinstance(param.type, click.types.IntParamType | click.types.FloatParamType)
    ]


def _invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), prog_name="tmtool")


@pytest.mark.parametrize("path", EVERY_COMMAND, ids=lambda p: " ".join(p) or "tmtool")
def test_every_command_exits_2_on_an_unknown_option(path: tuple[str, ...]) -> None:
    result = _invoke(*path, "--no-such-option")
    assert result.exit_code == 2
    assert_one_error_line(result, "No such option '--no-such-option'")


def test_the_walk_finds_the_numeric_options() -> None:
    found = {(" ".join(path), param.opts[0]) for path, param in _numeric_options()}
    assert {("search", "--limit"), ("export", "--run"), ("review", "--low-score")} <= found


@pytest.mark.parametrize(
    ("path", "option"),
    _numeric_options(),
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else v.opts[0],
)
def test_every_numeric_option_says_what_it_expects(
    path: tuple[str, ...], option: click.Option
) -> None:
    """`--limit abc` said click's "'abc' is not a valid integer range" (branch ux19b)."""
    name = next(o for o in option.opts if o.startswith("--"))
    kind = "a whole number" if isinstance(option.type, click.types.IntParamType) else "a number"
    result = _invoke(*path, name, "abc")
    assert result.exit_code == 2
    assert_one_error_line(result, f"{name}: expected {kind}", "got 'abc'")
    low = getattr(option.type, "min", None)
    if low is not None:
        below = str(low - 1 if kind == "a whole number" else low - 0.5)
        result = _invoke(*path, name, below)
        assert result.exit_code == 2
        line = assert_one_error_line(result, f"{name}: expected {kind} ", f"got {below}")
        assert f"at least {low:g}" in line or f"from {low:g} to " in line


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("codes") / "tm.db"
    with open_store(str(db)) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
    return db


def _bad_usage(folder: Path, db: str) -> list[tuple[list[str], str]]:
    """Command lines wrong in themselves or naming nothing the memory holds, one or more for
    each command that reads a memory; each with a part of its one error line."""
    out = str(folder / "o.tmx")
    nl, fr = folder / "nl.txt", folder / "fr.txt"
    nl.write_text("Een zin.\n", encoding="utf-8")
    fr.write_text("Une phrase.\n", encoding="utf-8")
    tmx = folder / "in.tmx"
    tmx.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="nl-BE" segtype="sentence" '
        'datatype="plaintext" adminlang="en" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body/></tmx>',
        encoding="utf-8",
    )
    memory = ["--db", db]
    return [
        (["export", *memory, "-o", out, "--langs", "nl"], "give at least two languages"),
        (["export", *memory, "-o", out, "--multilingual", "--langs", "nl"], "two languages"),
        (["export", *memory, "-o", out, "--lang-tag", "nl=nl_BE"], "invalid language tag"),
        (["export", *memory, "-o", out, "--lang-tag", "nl"], "takes KEY=VALUE"),
        (["export", *memory, "-o", out, "--langs", "nl,de"], "no 'de' texts"),
        (["export", *memory, "-o", out, "--run", "99"], "no run 99"),
        (["export", *memory, "-o", out, "--document", "nope"], "no document in the memory"),
        (["align", *memory, str(nl), str(fr), "--tmx", out, "--lang-tag", "fr=fr_FR"],
         "invalid language tag 'fr_FR'"),
        (["align", *memory, str(nl), str(fr), "--encoder", "nonsense"], "unknown encoder"),
        (["import", *memory, str(tmx), "--langs", "nl"], "two different languages"),
        (["import", *memory, str(tmx), "--lang-map", "nl-NL=1"], "not a language code"),
        (["search", *memory, "«»"], "nothing to search for"),
        (["search", *memory, "zin", "--lang", "de"], "no 'de' texts"),
        (["lookup", *memory, "Een zin.", "--to", "de"], "no 'de' texts"),
        (["terms", *memory, "--langs", "nl"], "two different languages"),
        (["terms", *memory, "--omegat-lang", "fr"], "give --omegat too"),
        (["eval", "a.tsv", "b.tsv", "--manifest", "m.json"], "not both"),
    ]  # fmt: skip


def test_bad_usage_exits_2_in_every_command(memory: Path, tmp_path: Path) -> None:
    """A bad --lang-tag value and `export --langs nl` exited 5 (the TMX code), `search «»` 1,
    `--run 99` / `--document nope` 4 and `--encoder nonsense` 3 (branch ux19b)."""
    before = memory.read_bytes()
    cases = _bad_usage(tmp_path, str(memory))
    for args, expected in cases:
        result = _invoke(*args)
        assert result.exit_code == 2, (args, result.exit_code, result.stderr)
        assert_one_error_line(result, expected)
    assert memory.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fr.txt", "in.tmx", "nl.txt"]
    commands_reached = {args[0] for args, _ in cases}
    assert {"export", "align", "import", "search", "lookup", "terms", "eval"} <= commands_reached
