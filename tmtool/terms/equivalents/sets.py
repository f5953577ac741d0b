"""The score a main rendering needs, and terms rendered by sets of renderings or synonyms."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from tmtool.terms.corpus import Side, dice
from tmtool.terms.equivalents.association import Found, Key, Learning, units_holding
from tmtool.terms.phrases import PhraseIndex

#: share of ``min_score`` a main rendering and its variants need to be kept for ``score_sets``,
#: which keeps the term only when the set of its renderings reaches ``min_score``; 0.6, not 0.7:
#: 0.45-0.65 give the development texts the same lists but for one or two pairs, while 0.75
#: costs four of the eight 0.01-0.04 each (leave-one-set-out, bench/RESULTS.md)
SET_FLOOR = 0.6
#: a main rendering's required score falls by this share of ``min_score`` each time the units
#: it shares with the term double (``required``)
CONFIDENT_STEP = 0.05
#: a main rendering linked to its term both ways (``linked_both_ways``) and seen with it in at
#: least this many units needs only ``SET_FLOOR`` of ``min_score`` (``required``)
LINKED_UNITS = 4


def set_floor(min_score: float) -> float:
    """The weaker score a main rendering or variant needs to stay for ``score_sets``."""
    return SET_FLOOR * min_score


def required(min_score: float, units: int, linked: bool = False) -> float:
    """The score a main rendering seen with the term in ``units`` units needs: ``min_score``
    for two units, less by ``CONFIDENT_STEP`` of it for each doubling of the units, down to
    ``SET_FLOOR`` of it. Dice is as high for a pair seen twice by chance as for one seen in
    twenty units; many co-occurrences are evidence of their own (``gold`` → ``arany`` in 37
    units, whose Dice the word's other uses lower). A rendering linked with its term both ways
    (``linked_both_ways``) in at least ``LINKED_UNITS`` units needs only ``SET_FLOOR`` of it."""
    if linked and units >= LINKED_UNITS:
        return set_floor(min_score)
    doublings = math.log2(max(units, 2) / 2)
    return min_score * max(SET_FLOOR, 1.0 - CONFIDENT_STEP * doublings)


def score_sets(job: Learning, result: dict[Key, list[Found]], parts: dict[Key, list[Key]]) -> None:
    """Score terms by sets of renderings and sets of synonyms; drop those rendered too weakly.

    Dice falls when either side is split. A term translated in several ways (``Geröll`` →
    ``éboulis``, ``pierrier``, ``caillasse``) splits its units between its renderings; a
    rendering shared by synonyms (``rocher`` for ``Fels`` and ``Felsen``, ``arête`` for
    ``Grat`` and ``Kante``) stands in many units without the term. So a term whose main
    rendering alone stays under ``min_score`` (but above ``SET_FLOOR`` of it) is kept when:

    - the set of its renderings reaches ``min_score``: Dice between the term's units and the
      units holding any of them (2·covered / (term units + units with any rendering));
    - or the synonyms' set does: Dice between the units of all the terms with the same main
      rendering and the rendering's units, provided the rendering stands in at least half of
      the term's own units, and the term is one word that is not a compound of another of
      them (``promotieactiviteiten`` and ``activiteiten`` → ``activités``: a compound
      rendered by its head alone is not a synonym).

    Either way the main rendering must stand in at least two of the term's units, and its
    string and embedding evidence is combined as for one rendering. The term is ranked by the
    score of its most frequent rendering (``extract.py``), so a term rendered in several ways
    ranks below one rendered consistently."""
    side, postings, source_text = job.side, job.postings, job.source_text
    scorer, min_score = job.scorer, job.min_score
    weak = {
        key
        for key, found in result.items()
        if found[0].score < required(min_score, found[0].units, found[0].linked)
    }
    if not weak:
        return
    # sets of renderings: terms with variants; sets of synonyms: terms sharing a main rendering
    renderings = {
        key: result[key] for key in weak if len(result[key]) > 1 or result[key][0].forms_of
    }
    by_main: dict[Key, list[Key]] = defaultdict(list)
    for key, found in result.items():
        by_main[found[0].key].append(key)
    synonyms = {
        key: by_main[result[key][0].key]
        for key in weak
        if len(key) == 1
        and len(by_main[result[key][0].key]) > 1
        and not set(parts.get(key, ())).intersection(by_main[result[key][0].key])
    }
    shared = {result[key][0].key for key in synonyms}
    rendering_units, phrase_units = _set_units(side, renderings, shared)
    group_dice = {
        main: _group_dice(side, main, by_main[main], postings, phrase_units) for main in shared
    }
    for key in weak:
        found = result[key]
        main = found[0]
        best = 0.0
        if main.units >= 2 and key in renderings:
            covered = sum(f.units for f in found)
            best = dice(covered, len(postings[key]), rendering_units[key])
        if main.units >= max(2, 0.5 * len(postings[key])) and key in synonyms:
            best = max(best, group_dice[main.key])
        if not best or scorer.score(best, source_text[key], main.text) < min_score:
            del result[key]


def _set_units(
    side: Side, renderings: dict[Key, list[Found]], shared: set[Key]
) -> tuple[Counter[Key], Counter[Key]]:
    """In one scan of the side: for each term of ``renderings``, the units holding any of its
    renderings (or their other forms); for each ``shared`` main rendering, its units."""
    rendering_units: Counter[Key] = Counter()
    owners: dict[Key, list[Key]] = defaultdict(list)
    for key, found in renderings.items():
        for f in found:
            for phrase in (f.key, *f.forms_of):
                owners[phrase].append(key)
    phrase_units: Counter[Key] = Counter()
    if owners or shared:
        index = PhraseIndex([*owners, *shared])
        for unit in range(side.size):
            present = index.present(side.lemma_ids(unit))
            if present:
                rendering_units.update({term for phrase in present for term in owners[phrase]})
                phrase_units.update(present & shared)
    return rendering_units, phrase_units


def _group_dice(
    side: Side,
    phrase: Key,
    terms: list[Key],
    postings: dict[Key, list[int]],
    phrase_units: Counter[Key],
) -> float:
    """Dice between the units of ``terms`` (synonyms) and those of their shared rendering."""
    units = sorted({u for key in terms for u in postings[key]})
    return dice(units_holding(side, phrase, units), len(units), phrase_units[phrase])
