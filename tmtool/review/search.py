"""The review page's search box: which units of a set match the reviewer's text.

Plain, case-insensitive matching of segment text for now; this one function is the place to
switch to ``tmtool search`` when that exists.
"""

from __future__ import annotations

from tmtool.store.review import Reviewer


def find_units(reviewer: Reviewer, set_id: int, text: str) -> list[int]:
    """Ids of the set's units that have a segment containing ``text``."""
    return reviewer.units_containing(set_id, text)
