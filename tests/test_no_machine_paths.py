"""No code or test names a folder of one machine: the evaluation data is found through
``$TMTOOL_EVAL_DIR`` or ``../shared/eval`` (tests/eval_data.py), so that elsewhere tests neither
skip nor pass for the wrong reason (issue 10, section 5)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from eval_data import REPO, default_eval_dir

#: an absolute path into a machine's own folders, e.g. the shared evaluation data
MACHINE_PATH = re.compile(r"^/(work|home|root)/|^/\S*/shared/(eval|seeds|tmx-schema|xliff-schema)")
PYTHON_FILES = sorted(
    path for folder in ("tmtool", "tests", "bench") for path in (REPO / folder).rglob("*.py")
)


def machine_paths(source: str) -> list[str]:
    """String constants of ``source`` that are absolute machine paths."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and MACHINE_PATH.search(node.value)
    ]


def test_the_check_finds_a_hard_coded_path() -> None:
    work, srv = "/" + "work/shared/eval", "/" + "srv/x/shared/eval/dpc"  # not literals themselves
    assert machine_paths(f'EVAL = Path("{work}")') == [work]
    assert machine_paths(f'p = "{srv}"') == [srv]
    assert machine_paths('EVAL = REPO.parent / "shared" / "eval"') == []


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_machine_path_in_code_or_tests(path: Path) -> None:
    assert machine_paths(path.read_text(encoding="utf-8")) == []


def test_eval_dir_is_relative_to_the_repository_or_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TMTOOL_EVAL_DIR", "/elsewhere/eval")
    assert default_eval_dir() == Path("/elsewhere/eval")
    monkeypatch.delenv("TMTOOL_EVAL_DIR")
    assert default_eval_dir() == REPO.parent / "shared" / "eval"
