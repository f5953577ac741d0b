"""README's glossary lines from the seeds are what `make demo` writes today.

The README quotes the head of `tmx/seeds.terms.csv` and a term with an empty column; both went
stale when the terms code changed (``solidariteit`` was quoted without French after the cognate
fill had given it ``solidarité``). This test aligns the two demo seeds as `make demo` does and
compares the quoted lines with the CSV that `tmtool terms` writes from them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmtool.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SEEDS = ["000_ed1ed705a1754cbe", "001_c40765bc3b0c7aaa"]


def _run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seeds_glossary(tmp_path_factory: pytest.TempPathFactory, use_encoder) -> list[str]:
    """The lines of the seeds' glossary CSV, as `make demo` writes it."""
    from tmtool import embed

    folder = tmp_path_factory.mktemp("seeds")
    db, out = str(folder / "tmtool.db"), folder / "seeds.terms.csv"
    with pytest.MonkeyPatch.context() as patch:  # the session's encoder, loaded once
        patch.setattr(embed, "get_encoder", lambda spec=None, **kw: use_encoder)
        for seed in SEEDS:
            files = [str(ROOT / "seeds" / f"{seed}{ext}.txt") for ext in ("", ".fr", ".en")]
            _run("align", *files, "--db", db)
        _run("terms", "--db", db, "--csv", str(out))
    return out.read_text(encoding="utf-8").splitlines()


def _readme_glossary_block() -> list[str]:
    """The lines of README's code block that follows 'From the seeds'."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"From the seeds \(`make demo`.*?\n```\n(.*?)```", text, re.S)
    assert match, "README.md no longer quotes the seeds' glossary"
    return match.group(1).splitlines()


def test_readme_quotes_the_head_of_the_seeds_glossary(seeds_glossary: list[str]) -> None:
    quoted = _readme_glossary_block()
    assert quoted == seeds_glossary[: len(quoted)]


def test_readme_example_of_a_missing_rendering_is_one(seeds_glossary: list[str]) -> None:
    """README: `consistent; no rendering in fr-BE`, for TERM → – / `ENGLISH`."""
    text = README.read_text(encoding="utf-8")
    match = re.search(
        r"\(`(consistent; no rendering in fr-BE)`, for\s+`([^`]+)` → – / `([^`]+)`\)", text
    )
    assert match, "README.md no longer gives an example of a missing rendering"
    status, term, english = match.groups()
    rows = {row["nl-BE"]: row for row in csv.DictReader(seeds_glossary)}
    assert term in rows, f"{term} is not in the seeds' glossary"
    assert (rows[term]["fr-BE"], rows[term]["en-GB"], rows[term]["status"]) == (
        "",
        english,
        status,
    )
