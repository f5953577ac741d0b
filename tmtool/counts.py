"""One rule for a count printed for a person: ``1 unit``, ``2 units``, ``0 units``.

Every summary line the CLI prints (import, export, align, stats, lookup) names its counts
through ``counted``, so that none reads ``read 1 units``.
"""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, the noun with an ``s`` unless ``n`` is 1 (every noun counted so far
    takes one)."""
    return f"{n} {noun if n == 1 else noun + 's'}"
