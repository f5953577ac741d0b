"""One rule for a count printed for a person: ``1 unit``, ``2 units``, ``0 units``.

Every summary line the CLI prints (import, export, align, stats, lookup) names its counts
through ``counted``, so that none reads ``read 1 units``.
"""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, the noun plural (``plural``, else ``noun + "s"``) unless ``n`` is 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
