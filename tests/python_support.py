"""Run a snippet of Python in a fresh interpreter: what a command imports or prints at start-up
can only be seen in a process of its own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping


def run_python(code: str, env: Mapping[str, str] | None = None) -> str:
    """The standard output of ``python -c code``, which must exit with status 0."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout
