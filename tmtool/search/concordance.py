"""Concordance search and fuzzy-candidate prefiltering over the memory's search index.

Both run on ``tmtool.store.fulltext``'s index (SQLite FTS5 trigram / PostgreSQL pg_trgm), so
neither scans the memory (a one-letter ``x*`` aside, too short for a trigram). Rejected units are
never shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, case, func, select
from sqlalchemy.exc import SQLAlchemyError

from tmtool.errors import InputError, StoreError
from tmtool.fold import fold, fold_words
from tmtool.search.highlight import Span, find_spans
from tmtool.search.query import ALL, PARTIAL, PHRASE, TIER_NAMES, Query, score, tier_of
from tmtool.store import Store
from tmtool.store.engine import one_line
from tmtool.store.fulltext import (
    Every,
    Expr,
    Has,
    Some,
    Without,
    condition,
    contains,
    contains_any,
    matching,
)
from tmtool.store.queries import require_languages, units_by_id
from tmtool.store.schema import search_texts, units

T = TypeVar("T")

#: statuses shown by search and proposed by lookup
VISIBLE = ("auto", "reviewed")


@dataclass
class Hit:
    """One unit's text in one language that matches the query, with its counterparts."""

    unit_id: int
    tuid: str
    lang: str
    text: str
    score: float
    tier: int
    spans: list[Span]  # where the query matches ``text``
    translations: dict[str, str]  # other languages of the unit → text
    document: str | None
    status: str
    confidence: float | None
    #: per translation, the spans of the query's equivalent: filled by translation spotting
    translation_spans: dict[str, list[Span]] = field(default_factory=dict)

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.tier]

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.tuid,
            "unit_id": self.unit_id,
            "lang": self.lang,
            "text": self.text,
            "score": self.score,
            "match": self.tier_name,
            "spans": [list(span) for span in self.spans],
            "translations": self.translations,
            "translation_spans": {
                other: [list(span) for span in spans]
                for other, spans in self.translation_spans.items()
            },
            "document": self.document,
            "status": self.status,
            "confidence": self.confidence,
        }


def _connected(source: Store | Connection, work: Callable[[Connection], T], doing: str) -> T:
    if isinstance(source, Connection):
        return work(source)
    try:
        with source.engine.connect() as conn:
            return work(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"{doing} failed on {source.display_url}: {one_line(exc)}") from None


#: partial matches are ranked by how many needles they hold for queries of up to this many
#: needles (beyond, the combinations grow too fast; they come newest first in one group)
MAX_RANKED_NEEDLES = 5


def tier_expressions(query: Query) -> list[Expr]:
    """Index expressions of the match groups, best first: the phrase, all needles, then exactly
    k of the needles for k = n - 1 ... 1 (each group excludes the better ones)."""
    phrase = Has(query.phrase)
    if query.single:
        return [phrase]
    needles = [Has(needle) for needle in query.needles]
    groups: list[Expr] = [phrase, Without(Every(tuple(needles)), phrase)]
    if len(needles) > MAX_RANKED_NEEDLES:
        return [*groups, Without(Some(tuple(needles)), Every(tuple(needles)))]
    for size in range(len(needles) - 1, 0, -1):
        exactly = [
            Without(Every(chosen), Some(tuple(n for n in needles if n not in chosen)))
            for chosen in combinations(needles, size)
        ]
        groups.append(Some(tuple(exactly)) if len(exactly) > 1 else exactly[0])
    return groups


def matching_rows(
    conn: Connection, query: Query, lang: str | None = None, limit: int | None = 20
) -> list[tuple[Row[Any], int, int]]:
    """(index row, tier, needles found) of the best ``limit`` matches (all with None).

    Groups are fetched best first (``tier_expressions``), a group only when the better ones gave
    fewer than ``limit`` rows; within a group the most recently added units come first.
    """
    out: list[tuple[Row[Any], int, int]] = []
    for expr in tier_expressions(query):
        remaining = None if limit is None else limit - len(out)
        if remaining is not None and remaining <= 0:
            break
        for row in matching(conn, expr, lang=lang, statuses=VISIBLE, limit=remaining):
            tier, found = tier_of(row.folded, query)
            out.append((row, tier, found))
    return out


def _hits(conn: Connection, query: Query, lang: str | None, limit: int | None) -> list[Hit]:
    rows = matching_rows(conn, query, lang, limit)
    stored = units_by_id(conn, [row.unit_id for row, _, _ in rows])
    hits = []
    for row, tier, found in rows:
        unit = stored[row.unit_id]
        side = unit.sides[row.lang]
        hits.append(
            Hit(
                unit_id=unit.id,
                tuid=unit.tuid,
                lang=row.lang,
                text=side.text,
                score=score(tier, found, query),
                tier=tier,
                spans=find_spans(side.text, (query.phrase, *query.needles)),
                translations={
                    other: s.text
                    for other, s in sorted(unit.sides.items())
                    if other != row.lang and s.text
                },
                document=side.name,
                status=unit.status,
                confidence=unit.score,
            )
        )
    return hits


def search(
    source: Store | Connection, query: Query, lang: str | None = None, limit: int | None = 20
) -> list[Hit]:
    """The best ``limit`` hits for ``query`` (every hit with None), best first; only hits in
    ``lang`` when given, which must be one of the memory's languages (else InputError: a typo
    would otherwise look like "no match")."""
    if limit is not None and limit < 1:
        raise InputError("--limit must be at least 1")

    def work(conn: Connection) -> list[Hit]:
        if lang is not None:
            require_languages(conn, [lang])
        return _hits(conn, query, lang, limit)

    return _connected(source, work, "search")


def units_matching(
    source: Store | Connection, query: Query, set_id: int | None = None
) -> list[int]:
    """Ids of the units, whatever their status, with a text that holds every needle of ``query``
    (phrase matches included), in id order; only review set ``set_id``'s units when given.

    The review page's search box filters a set with it: the same matching rules as ``search``
    (case, accents, compounds, phrases, prefixes), on the same index, but a filter, not a ranking.
    """
    expr = Every(tuple(Has(needle) for needle in query.needles))

    def work(conn: Connection) -> list[int]:
        found = (
            select(search_texts.c.unit_id)
            .distinct()
            .join(units, units.c.id == search_texts.c.unit_id)
            .where(condition(conn.dialect.name, expr))
        )
        if set_id is not None:
            found = found.where(units.c.set_id == set_id)
        return sorted(conn.execute(found).scalars())

    return _connected(source, work, "search")


#: how many of a segment's words the fuzzy prefilter looks up (the rarest, most telling ones)
CANDIDATE_WORDS = 4
#: words at least this frequent (Zipf 5: 100 per million words) are never looked up: each
#: matches a large part of a big memory and tells nothing about which unit is close
CANDIDATE_MAX_ZIPF = 5.0


def rarest_words(text: str, lang: str, count: int) -> list[str]:
    """The ``count`` rarest distinct words of ``text``, folded: lowest Zipf frequency in ``lang``
    (``tmtool.clean.lexicon``; words it does not know count as rarest; numbers as Zipf 4,
    since an edit often changes them), then the longest; words of Zipf ``CANDIDATE_MAX_ZIPF`` or
    more are left out.

    A common word matches a large share of the memory, and the index must visit every unit that
    contains a needle; a few rare words find the same near-duplicates at a fraction of the cost
    (on a 1M-unit memory, 8 longest words cost hundreds of milliseconds per segment).
    """
    from tmtool.clean.lexicon import lexicon

    words = lexicon(lang)
    rarity: dict[str, float] = {}
    for word in re.findall(r"\w+", text):
        folded = fold_words(word)
        for part in folded.split():
            zipf = 4.0 if part.isdigit() else words.zipf(word) if part == folded else 0.0
            rarity[part] = min(rarity.get(part, zipf), zipf)
    telling = [w for w in rarity if rarity[w] < CANDIDATE_MAX_ZIPF]
    return sorted(telling, key=lambda w: (rarity[w], -len(w), w))[:count]


def candidate_units(source: Store | Connection, text: str, lang: str, limit: int = 50) -> list[int]:
    """Ids of up to ``limit`` units whose ``lang`` text shares the most words with ``text``.

    The fuzzy-match prefilter for lookup: it looks up the ``CANDIDATE_WORDS`` rarest distinct
    words of ``text`` (folded by ``tmtool.fold``, so case, accents and punctuation do not count)
    as whole words in the search index, and ranks units by how many of them they contain, then by
    how close their length is to ``text``'s. Rejected units are left out. The whole-word needles
    (`` word ``) are at least 3 characters, so every one is looked up in the trigram index, never
    by scanning the memory. Returns [] for text without words.
    """
    words = rarest_words(text, lang, CANDIDATE_WORDS)
    if not words:
        return []
    needles = [f" {word} " for word in words]
    target_length = len(fold(text))

    def work(conn: Connection) -> list[int]:
        dialect = conn.dialect.name
        found = sum(case((contains(dialect, n), 1), else_=0) for n in needles)
        query = (
            select(search_texts.c.unit_id)
            .join(units, units.c.id == search_texts.c.unit_id)
            .where(
                contains_any(dialect, needles),
                search_texts.c.lang == lang,
                units.c.status.in_(VISIBLE),
            )
            .order_by(
                found.desc(),
                func.abs(func.length(search_texts.c.folded) - target_length),
                search_texts.c.unit_id,
            )
            .limit(limit)
        )
        return list(conn.execute(query).scalars())

    return _connected(source, work, "candidate search")


__all__ = [
    "ALL",
    "PARTIAL",
    "PHRASE",
    "Hit",
    "candidate_units",
    "matching_rows",
    "search",
    "units_matching",
]
