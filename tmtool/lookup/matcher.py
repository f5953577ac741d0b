"""Pre-translation: the best memory units for each segment of a new document.

Every segment gets two separate scores for each candidate unit, never blended:

- ``percent``: the fuzzy match % of the unit's source-language text (``tmtool.lookup.fuzzy``);
  101 for a context match (a 100% match whose previous segment matched, at 100%, the previous unit
  of the same document);
- ``semantic``: the cosine similarity of the encoder's embeddings of the two source texts, which
  still finds a rephrased or reordered sentence whose % is low.

Candidates come from two indexes, so the memory is never scanned: the nearest-neighbour index
over stored unit embeddings (``tmtool.lookup.ann``) and a full-text/n-gram prefilter
(``CandidateSource``, the search index). The prefilter is asked only for segments without a 100%
match among the neighbours: nothing can beat that match, and the word index is by far the slower
of the two on a large memory. Both scores are computed for every candidate.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from tmtool.embed import Encoder
from tmtool.errors import InputError
from tmtool.lookup.ann import UnitIndex, from_bytes
from tmtool.lookup.embeddings import embed_units
from tmtool.lookup.fuzzy import (
    fuzzy_percent,
    fuzzy_upper_bound,
    numbers_only_differ,
    substitute_numbers,
    word_count,
)
from tmtool.search import candidate_units
from tmtool.store import Store, UnitTexts
from tmtool.store.common import normalise_space

#: a full-text prefilter: (store, text, language, limit) → ids of units whose text shares words;
#: ``tmtool.search.candidate_units`` by default
CandidateSource = Callable[[Store, str, str, int], Sequence[int]]

CONTEXT = 101
#: matches below this % are not shown unless their semantic similarity is high
MIN_SHOWN = 50
#: semantic similarity from which a unit is shown as a semantic match whatever its %
MIN_SEMANTIC = 0.75
NEIGHBOURS = 20
PREFILTER = 30
SHOWN = 3


@dataclass
class Match:
    """One memory unit proposed for a segment."""

    unit: UnitTexts
    percent: int  # fuzzy match %, 101 for a context match
    semantic: float  # cosine similarity of the source texts' embeddings
    source: str  # the unit's source-language text
    targets: dict[str, str]  # proposed translations (numbers substituted where flagged)
    document: str = ""  # the unit's source-language document (title, file name or hash)
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (old, new) substituted

    @property
    def kind(self) -> str:
        """``context``, ``exact``, ``numbers`` (only numbers differ, substituted) or ``fuzzy``."""
        if self.percent >= CONTEXT:
            return "context"
        if self.percent == 100:
            return "exact"
        return "numbers" if self.numbers else "fuzzy"

    @property
    def origin(self) -> str:
        """Where the unit comes from: its document (source language) and tuid."""
        return f"{self.document} {self.unit.tuid}".strip()


@dataclass
class SegmentMatches:
    index: int
    text: str
    words: int
    matches: list[Match]  # by fuzzy % (then semantic similarity), best first
    repetition_of: int | None = None  # index of the earlier identical segment of the file

    def best(self, lang: str) -> Match | None:
        """The best match with a ``lang`` translation, by %."""
        return next((m for m in self.matches if lang in m.targets), None)

    def by_semantic(self, lang: str, n: int = SHOWN) -> list[Match]:
        with_lang = [m for m in self.matches if lang in m.targets]
        return sorted(with_lang, key=lambda m: -m.semantic)[:n]

    def alternatives(self, lang: str, n: int = SHOWN) -> list[Match]:
        """Up to ``n`` proposals: the best by %, and the best by meaning if it is not among them."""
        ranked = [m for m in self.matches if lang in m.targets and m.percent >= MIN_SHOWN][:n]
        semantic = self.by_semantic(lang, 1)
        if semantic and semantic[0].semantic >= MIN_SEMANTIC and semantic[0] not in ranked:
            ranked = [*ranked[: n - 1], semantic[0]]
        return ranked


@dataclass
class LookupResult:
    source_lang: str
    target_langs: list[str]
    segments: list[SegmentMatches]
    encoder: str
    timings: dict[str, float] = field(default_factory=dict)  # wall and CPU seconds per stage


def _cosines(query: np.ndarray, blobs: dict[int, bytes], dim: int) -> dict[int, float]:
    ids = list(blobs)
    vectors = from_bytes([blobs[i] for i in ids], dim)
    return dict(zip(ids, (vectors @ query).tolist(), strict=True))


def _match(text: str, unit: UnitTexts, source_lang: str, targets: list[str], semantic: float):
    source = unit.texts[source_lang]
    percent = fuzzy_percent(text, source)
    proposed = {lang: unit.texts[lang] for lang in targets if lang in unit.texts}
    changes = numbers_only_differ(text, source) if percent < 100 else None
    numbers: list[tuple[str, str]] = []
    if changes:
        substituted = {lang: substitute_numbers(t, changes) for lang, t in proposed.items()}
        if all(value is not None for value in substituted.values()):
            proposed = {lang: str(value) for lang, value in substituted.items()}
            numbers = changes
    document = unit.documents.get(source_lang, "")
    return Match(unit, percent, semantic, source, proposed, document, numbers)


def lookup_segments(
    store: Store,
    texts: Sequence[str],
    encoder: Encoder,
    source_lang: str,
    target_langs: Sequence[str],
    *,
    prefilter: CandidateSource | None = candidate_units,
    neighbours: int = NEIGHBOURS,
) -> LookupResult:
    """Match every segment text against the memory (see the module docstring).

    ``prefilter=None`` uses the nearest-neighbour index alone (for comparisons in benchmarks).
    """
    targets = list(dict.fromkeys(target_langs))
    if not targets:
        raise InputError("lookup needs at least one target language (--to)")
    if source_lang in targets:
        raise InputError(f"--to names the source language {source_lang!r}")
    watch = _Stopwatch()
    signature = encoder.signature()
    embed_units(store, encoder, source_lang, only_new=True)
    index = UnitIndex(store, signature, source_lang, encoder.dim).open()
    watch.lap("index")
    queries = encoder.encode(list(texts))
    watch.lap("encode")
    hits = index.search(queries, neighbours)
    watch.lap("nearest")
    candidates = [{hit.unit_id for hit in near} for near in hits]
    units = _usable(store.unit_texts(sorted(set().union(*candidates))), source_lang, targets)
    watch.lap("fetch")
    if prefilter is not None:
        more = _prefiltered(store, texts, candidates, units, prefilter, source_lang)
        watch.lap("prefilter")
        units.update(_usable(store.unit_texts(sorted(more)), source_lang, targets))
    vectors = store.unit_vectors(signature, source_lang, list(units))
    watch.lap("fetch")
    segments = []
    for i, (text, ids) in enumerate(zip(texts, candidates, strict=True)):
        similarity = _cosines(queries[i], {u: vectors[u] for u in ids if u in vectors}, encoder.dim)
        found = [units[u] for u in ids if u in units]
        segments.append(_segment(i, text, found, similarity, source_lang, targets))
    _mark_repetitions(segments)
    watch.lap("score")
    _mark_context(store, segments, source_lang)
    watch.lap("context")
    return LookupResult(source_lang, targets, segments, signature, watch.timings)


class _Stopwatch:
    """Wall-clock and CPU seconds per stage of a lookup; a stage timed twice adds up."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._clock = (time.perf_counter(), time.process_time())

    def lap(self, stage: str) -> None:
        now = (time.perf_counter(), time.process_time())
        self.timings[stage] = self.timings.get(stage, 0.0) + now[0] - self._clock[0]
        cpu = f"{stage} cpu"
        self.timings[cpu] = self.timings.get(cpu, 0.0) + now[1] - self._clock[1]
        self._clock = now


def _prefiltered(
    store: Store,
    texts: Sequence[str],
    candidates: list[set[int]],
    units: dict[int, UnitTexts],
    prefilter: CandidateSource,
    source_lang: str,
) -> set[int]:
    """Add the word index's candidates to each segment's ``candidates`` (unless a neighbour is
    already a 100% match); returns those not fetched yet (not in ``units``)."""
    more: set[int] = set()
    for text, ids in zip(texts, candidates, strict=True):
        # a 100% match among the neighbours cannot be beaten: the word index is not needed
        wanted = normalise_space(text)
        if not any(
            u in units and normalise_space(units[u].texts[source_lang]) == wanted for u in ids
        ):
            found = set(prefilter(store, text, source_lang, PREFILTER))
            more |= found - units.keys()
            ids |= found
    return more


def _segment(
    index: int,
    text: str,
    found: list[UnitTexts],
    similarity: dict[int, float],
    source_lang: str,
    targets: list[str],
) -> SegmentMatches:
    """One segment's matches among its candidate units, best first (fuzzy %, then semantic
    similarity, then reviewed before automatic)."""
    matches = _score(text, found, similarity, source_lang, targets)
    matches.sort(key=lambda m: (-m.percent, -m.semantic, m.unit.status != "reviewed", m.unit.id))
    return SegmentMatches(index, text, word_count(text), matches)


def _mark_repetitions(segments: list[SegmentMatches]) -> None:
    """Point each segment that repeats an earlier one (same text up to spacing) at the first."""
    seen: dict[str, int] = {}
    for segment in segments:
        key = normalise_space(segment.text)
        segment.repetition_of = seen.get(key)
        seen.setdefault(key, segment.index)


def _usable(
    found: dict[int, UnitTexts], source_lang: str, targets: list[str]
) -> dict[int, UnitTexts]:
    """The units with source text and at least one target language."""
    return {
        unit_id: unit
        for unit_id, unit in found.items()
        if source_lang in unit.texts and any(lang in unit.texts for lang in targets)
    }


def _score(
    text: str,
    candidates: list[UnitTexts],
    similarity: dict[int, float],
    source_lang: str,
    targets: list[str],
) -> list[Match]:
    """The matches worth showing: every candidate that can be among the ``SHOWN`` best by % for
    some target language, and the ``SHOWN`` closest in meaning.

    The edit distance is computed best bound first (``fuzzy_upper_bound``) and stops once every
    target language has ``SHOWN`` matches that no remaining candidate's bound can beat.
    """
    bounded = sorted(
        ((fuzzy_upper_bound(text, unit.texts[source_lang]), unit) for unit in candidates),
        key=lambda item: (-item[0], item[1].id),
    )
    by_meaning = sorted(candidates, key=lambda unit: -similarity.get(unit.id, 0.0))[:SHOWN]
    wanted = {unit.id for unit in by_meaning if similarity.get(unit.id, 0.0) >= MIN_SEMANTIC}
    found: dict[int, Match] = {}
    for bound, unit in bounded:
        if bound < MIN_SHOWN or all(
            sum(1 for m in found.values() if lang in m.targets and m.percent >= bound) >= SHOWN
            for lang in targets
        ):
            break
        found[unit.id] = _match(text, unit, source_lang, targets, similarity.get(unit.id, 0.0))
    for unit in by_meaning:
        if unit.id in wanted and unit.id not in found:
            found[unit.id] = _match(text, unit, source_lang, targets, similarity[unit.id])
    return [m for m in found.values() if m.percent >= MIN_SHOWN or m.unit.id in wanted]


def _mark_context(store: Store, segments: list[SegmentMatches], source_lang: str) -> None:
    """Raise a 100% match to 101 when the previous segment matched the unit before it at 100%."""
    for previous, segment in pairwise(segments):
        before = {m.unit.id for m in previous.matches if m.percent >= 100}
        if not before:
            continue
        for match in segment.matches:
            if match.percent != 100:
                break
            earlier = store.previous_unit(match.unit.set_id, match.unit.position, source_lang)
            if earlier in before:
                match.percent = CONTEXT
                segment.matches.sort(key=lambda m: -m.percent)  # stable: keeps the rest in order
                break
