"""Search stage: bilingual concordance over the memory, and the fuzzy-candidate prefilter.

- ``search(store, parse_query("..."), lang=None, limit=20)`` → ranked ``Hit``s (phrase, then all
  words, then partial matches), each with its translations, document, status and confidence.
- ``units_matching(store, query, set_id)`` → ids of the units holding every word of the query,
  the review page's search box.
- ``candidate_units(store, text, lang, limit)`` → unit ids sharing the most words with ``text``,
  the prefilter lookup uses before computing fuzzy-match percentages.
- ``spot_translations(hits, query, model)`` marks the query's equivalent in each hit's
  counterparts (``translation_spans``), with the terms model ``tmtool terms`` saves.
- ``scan_tiers`` is the brute-force reference the tests and the benchmark compare the index with.

Matching rules (``tmtool.fold`` and ``tmtool.search.query``): case-, accent- and punctuation-blind
substring matching of the folded text, so compound infixes are found; ``prefix*`` is anchored at a
word start; ``"quoted phrases"`` match their words in sequence.
"""

from tmtool.search.concordance import (
    VISIBLE,
    Hit,
    candidate_units,
    matching_rows,
    search,
    units_matching,
)
from tmtool.search.highlight import Span, find_spans, mark
from tmtool.search.query import (
    ALL,
    PARTIAL,
    PHRASE,
    TIER_NAMES,
    Query,
    QueryError,
    parse_query,
    tier_of,
)
from tmtool.search.scan import scan_tiers
from tmtool.search.spotting import spot_translations

__all__ = [
    "ALL",
    "PARTIAL",
    "PHRASE",
    "TIER_NAMES",
    "VISIBLE",
    "Hit",
    "Query",
    "QueryError",
    "Span",
    "candidate_units",
    "find_spans",
    "mark",
    "matching_rows",
    "parse_query",
    "scan_tiers",
    "search",
    "spot_translations",
    "tier_of",
    "units_matching",
]
