"""Every `--json` output has one shape rule: one JSON object on stdout with a `warnings` list, the
text of each `tmtool: warning:` line the command also printed on stderr (`[]` when none), so that
a script reading only stdout learns of them too. `lookup` and `terms` had it
(tests/test_cli_empty_outputs.py); `align --manifest`, `eval` and `search` printed a bare list,
an object without warnings, and JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from batch_support import make_manifest
from cli_support import command_at, commands
from click.testing import CliRunner, Result
from tmx_support import UNITS, run_info, sample_documents

from tmtool.cli import cli
from tmtool.errors import warn
from tmtool.store import open_store

WARNING = "a slower path was taken"


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _json_answer(result: Result) -> dict[str, object]:
    """stdout as one JSON object (it must parse whole), after the command's exit checks."""
    assert "Traceback" not in result.output
    answer = json.loads(result.stdout)
    assert isinstance(answer, dict) and isinstance(answer["warnings"], list)
    return answer


def _stderr_warnings(result: Result) -> list[str]:
    prefix = "tmtool: warning: "
    return [line.removeprefix(prefix) for line in result.stderr.splitlines() if prefix in line]


def _warning_before(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Make ``module.name`` issue a TmtoolWarning (as a library call on a slower path does)
    before doing its work."""
    real = getattr(module, name)

    def warning_first(*args: object, **kwargs: object) -> object:
        warn(WARNING)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, warning_first)


def test_every_json_option_is_covered_here() -> None:
    """A command that gains `--json` must follow the rule, and be tested below."""
    with_json = {
        path
        for path in commands()
        if any(
            isinstance(param, click.Option) and "--json" in param.opts
            for param in command_at(path).params
        )
    }
    assert with_json == {("align",), ("eval",), ("lookup",), ("search",), ("terms",)}


@pytest.fixture
def memory(tmp_path: Path) -> str:
    db = str(tmp_path / "tm.db")
    with open_store(db) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
    return db


def test_search_json_is_one_object_with_hits_and_warnings(memory: str, tmp_path: Path) -> None:
    """Without a terms model (`tmtool terms` never ran) spotting is reduced, and says so."""
    query = "minister"  # in the first unit's Dutch text
    result = _invoke("search", query, "--db", memory, "--json")
    assert result.exit_code == 0, result.output
    answer = _json_answer(result)
    assert answer["hits"] and all("text" in hit for hit in answer["hits"])  # type: ignore[union-attr]
    assert len(answer["warnings"]) == 1  # type: ignore[arg-type]
    assert answer["warnings"] == _stderr_warnings(result)
    assert answer["warnings"][0].startswith("no terms model for this memory")  # type: ignore[index]

    model = tmp_path / "model.json"
    result = _invoke("terms", "--db", memory, "--encoder", "none", "--terms-model", str(model))
    assert result.exit_code == 0, result.output
    result = _invoke("search", query, "--db", memory, "--json", "--terms-model", str(model))
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert _json_answer(result)["warnings"] == []

    result = _invoke("search", "qwxzvbnm", "--db", memory, "--json")  # no hit: no reduced path
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert _json_answer(result) == {"hits": [], "warnings": []}


def test_eval_json_carries_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tmtool.evaluate as evaluate

    gold = tmp_path / "a.gold"
    gold.write_text("[0]:[0]\n[1]:[1,2]\n", encoding="utf-8")
    result = _invoke("eval", str(gold), str(gold), "--json")
    assert result.exit_code == 0 and result.stderr == "", result.output
    answer = _json_answer(result)
    assert (answer["documents"], answer["f1_strict"], answer["warnings"]) == (1, 1.0, [])

    _warning_before(monkeypatch, evaluate, "score_documents")
    result = _invoke("eval", str(gold), str(gold), "--json")
    assert result.exit_code == 0, result.output
    answer = _json_answer(result)
    assert answer["warnings"] == _stderr_warnings(result) == [WARNING]
    assert answer["f1_strict"] == 1.0


def test_align_manifest_json_carries_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows are under `sets` (a bare list had no place for warnings); a warning raised while
    a set is read reaches the JSON, and a failed set (exit 1) still leaves valid JSON."""
    import tmtool.pipeline as pipeline

    folder = tmp_path / "sets"
    manifest = make_manifest(folder, 1)
    with manifest.open("a", encoding="utf-8") as handle:
        handle.write("missing.nl.txt\tset0000.fr.txt\tMissing\n")
    _warning_before(monkeypatch, pipeline, "load_documents")
    db = str(tmp_path / "tm.db")
    args = ["--langs", "nl,fr", "--presegmented", "--db", db, "--jobs", "1", "--json"]
    result = _invoke("align", "--manifest", str(manifest), *args)
    assert result.exit_code == 1, result.output  # the missing file's set failed
    answer = _json_answer(result)
    assert [row["status"][:6] for row in answer["sets"]] == ["ok", "failed"]  # type: ignore[index,union-attr]
    assert answer["warnings"] == _stderr_warnings(result) == [WARNING]


@pytest.mark.usefixtures("unwritable_cache")
def test_align_manifest_json_carries_the_worker_processes_warnings(tmp_path: Path) -> None:
    """Worker processes (the default `--jobs`) printed their warnings themselves, in Python's raw
    `file:line: TmtoolWarning: ...` form, once per worker, and the JSON had none of them. Each
    worker here cannot use the cache folder (a reduced path): the command shows each message
    once as a `tmtool: warning:` line, and in the JSON."""
    manifest = make_manifest(tmp_path / "sets", 2)
    db = str(tmp_path / "tm.db")
    args = ["--langs", "nl,fr", "--presegmented", "--db", db, "--jobs", "2", "--json"]
    result = _invoke("align", "--manifest", str(manifest), *args)
    assert result.exit_code == 0, result.output
    answer = _json_answer(result)
    assert [row["status"] for row in answer["sets"]] == ["ok", "ok"]  # type: ignore[index,union-attr]
    assert "TmtoolWarning" not in result.stderr
    assert result.stderr.splitlines() == [f"tmtool: warning: {text}" for text in answer["warnings"]]  # type: ignore[union-attr]
    assert len(answer["warnings"]) == len(set(answer["warnings"])) >= 1  # type: ignore[arg-type]
    assert all("cannot use tmtool's cache folder" in text for text in answer["warnings"])  # type: ignore[union-attr]


def test_align_manifest_shows_a_warning_raised_before_the_encoder_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A set's warnings wait in its row until the set is done; an encoder that cannot load
    leaves no row (the command stops with its error), and the warning raised before it (a
    slower path tried first) was lost. It is shown, then the one error line."""
    import tmtool.batch.work as work
    from tmtool.errors import EncoderError

    def failing_encoder(*args: object, **kwargs: object) -> object:
        warn(WARNING)
        raise EncoderError("no model here")

    monkeypatch.setattr(work, "cached_encoder", failing_encoder)
    manifest = make_manifest(tmp_path / "sets", 1)
    db = str(tmp_path / "tm.db")
    args = ["--langs", "nl,fr", "--presegmented", "--db", db, "--jobs", "1", "--json"]
    result = _invoke("align", "--manifest", str(manifest), *args)
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [
        f"tmtool: warning: {WARNING}",
        "tmtool: error: no model here",
    ]
