"""Brute-force reference for search: fold every text and test the query on it, no index.

The tests and ``bench/search_bench.py`` check the index against it: the index must return exactly
the (unit, language) pairs this scan finds, each in the same tier.
"""

from __future__ import annotations

from collections.abc import Iterable

from tmtool.fold import fold
from tmtool.search.query import Query, tier_of


def scan_tiers(
    texts: Iterable[tuple[int, str, str]], query: Query, *, folded: bool = False
) -> dict[tuple[int, str], int]:
    """(unit id, language) → tier for every text that matches; ``texts`` are (unit, lang, text).

    With ``folded=True`` the texts are already folded (to scan many queries over one fold).
    """
    found = {}
    for unit_id, lang, text in texts:
        tier, _ = tier_of(text if folded else fold(text), query)
        if tier:
            found[(unit_id, lang)] = tier
    return found
