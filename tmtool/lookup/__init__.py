"""Lookup stage: pre-translate a new document from the memory and analyse it as CAT tools do.

- ``fuzzy``: the fuzzy match % (formula in its docstring) and number substitution;
- ``ann``: the nearest-neighbour index over stored unit embeddings (usearch);
- ``embeddings``: filling the memory's unit embeddings (align, import, lookup);
- ``matcher``: candidates from both indexes, both scores, context matches;
- ``analysis``: segments and words per band; ``report``: the HTML report;
- ``job``: the whole command: file in → matches, XLIFF, project TMX, report out.
"""

from tmtool.lookup.analysis import Analysis, analyse, band
from tmtool.lookup.embeddings import embed_units
from tmtool.lookup.fuzzy import fuzzy_percent
from tmtool.lookup.matcher import LookupResult, Match, SegmentMatches, lookup_segments

__all__ = [
    "Analysis",
    "LookupResult",
    "Match",
    "SegmentMatches",
    "analyse",
    "band",
    "embed_units",
    "fuzzy_percent",
    "lookup_segments",
]
