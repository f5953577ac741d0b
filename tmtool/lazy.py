"""One rule for a package whose public names are imported on first use.

A stage package re-exports the names of its modules so that callers write
``from tmtool.lookup import lookup_segments``; importing every module up front would make each
command pay for the stages it does not run (``tmtool align`` would import the lookup matcher and
the search stage). ``lazy_exports`` gives the package a module ``__getattr__`` (PEP 562) that
imports the module holding a name the first time it is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``exports[name]`` (a module of the
    package) when ``name`` is first asked for."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
