"""Translation spotting in concordance hits: where the query's equivalent is in each counterpart.

A query is taken as a term: its words in order, without quotes and ``*`` (``tmtool.terms.spot``
looks it up in the terms model, any inflected form, and finds its renderings in the counterpart
text). When the whole query is spotted nowhere in a counterpart, each of its words is spotted on
its own, so ``lidstaten samenwerking`` still marks ``États membres``. Without a model only the
query's own words are spotted (names, acronyms and numbers read the same in every language).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tmtool.search.concordance import Hit
from tmtool.search.highlight import Span, merge_spans
from tmtool.search.query import TOKEN_PATTERN, Query

if TYPE_CHECKING:
    from tmtool.terms.spotting import TermModel


def query_words(query: Query) -> list[str]:
    """The query's terms as the user wrote them, without quotes and prefix stars."""
    words = [
        quoted.strip() or word.rstrip("*") for quoted, word in TOKEN_PATTERN.findall(query.text)
    ]
    return [word for word in words if word]


def spot_translations(hits: list[Hit], query: Query, model: TermModel | None) -> list[Hit]:
    """``hits`` with ``translation_spans`` filled for every counterpart text (in place)."""
    from tmtool.terms.spotting import spot  # lemmatisers: loaded only by the commands that spot

    words = query_words(query)
    if not words:
        return hits
    whole = " ".join(words)
    for hit in hits:
        for other, text in hit.translations.items():
            spans: list[Span] = spot(whole, hit.lang, text, other, model)
            if not spans and len(words) > 1:
                spans = [s for word in words for s in spot(word, hit.lang, text, other, model)]
            hit.translation_spans[other] = merge_spans(spans)
    return hits
