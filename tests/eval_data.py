"""Where the tests find the evaluation data: ``$TMTOOL_EVAL_DIR``, else ``../shared/eval`` next to
the repository. It is read in place (its licences forbid copying it here); tests that need it skip
when it is absent, naming the folder they looked in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def default_eval_dir() -> Path:
    return Path(os.environ.get("TMTOOL_EVAL_DIR") or REPO.parent / "shared" / "eval")


EVAL_DIR = default_eval_dir()


def eval_file(name: str) -> Path:
    """``EVAL_DIR / name``, or skip the test when it is not there."""
    path = EVAL_DIR / name
    if not path.is_file():
        pytest.skip(f"evaluation file {name} not found in {EVAL_DIR} (set TMTOOL_EVAL_DIR)")
    return path
