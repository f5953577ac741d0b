"""The review page's search box: which units of a set match the reviewer's text.

It uses ``tmtool search``'s matching (``tmtool.search.units_matching``): case, accents and
punctuation do not count, words are found inside compounds, ``"quoted phrases"`` and ``prefix*``
work; a unit matches when one of its texts holds every word of the box, whatever the unit's
status. The search index is kept in step with review edits, merges and splits by the store.
"""

from __future__ import annotations

from tmtool.search import parse_query, units_matching
from tmtool.store.review import Reviewer


def find_units(reviewer: Reviewer, set_id: int, text: str) -> list[int]:
    """Ids of the set's units that match ``text``; ``QueryError`` for text without letters or
    digits, the same error, in the same words, as ``tmtool search`` gives (the page shows it)."""
    return units_matching(reviewer.store, parse_query(text), set_id=set_id)
