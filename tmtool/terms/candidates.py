"""Source-language term candidates and their termhood.

A candidate is a phrase of 1..``max_words`` words inside one punctuation-delimited chunk that
starts and ends on a content word (so no stop-word-only phrases, no fragments that start or end on
a function word, no plain numbers); inflected forms share a key of lemmas (``text.py``). A
number may end a multi-word candidate after a content word (``artikel 5``, ``Agenda 2030``:
``windows.windows``), and words that hold digits are words (``COVID-19``, ``G20``, ``G7``).

Termhood compares a phrase's frequency in the memory with its frequency in general language
(``wordfreq``): ``log2(1 + units) · log10(memory rate / general rate)``. wordfreq estimates a
phrase's rate from its words (1/p = Σ 1/p_i), an upper bound, so each extra word divides it by
``PHRASE_DISCOUNT``. A candidate that occurs almost only inside one longer candidate (``Europees``
inside ``Europees Parlement``) is dropped, after C-value (Frantzi et al. 2000).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Protocol, TypeVar

import wordfreq

from tmtool.terms.corpus import Corpus, Side, Vocabulary, windows
from tmtool.terms.text import NOUN_CAPITALS, is_act_sign, language, other_number

#: general-language rate floor (wordfreq lists stop near 1e-8)
MIN_RATE = 1e-8
#: each word beyond the first makes a phrase this much rarer than wordfreq's upper bound says;
#: 2, not 3: a larger discount ranked free phrases (``figure of a eurasian soldier``, ``commanded
#: by a Duke``) above plain nouns (``sabotage``, ``robbers``); 1.75-2.25 rank the development
#: texts' top 100s alike (leave-one-set-out, bench/RESULTS.md)
PHRASE_DISCOUNT = 2.0
#: a candidate is kept only if this share of its units is outside its most frequent super-phrase
MIN_INDEPENDENT_SHARE = 0.25
#: bound on distinct candidates held while counting; rarer ones are pruned (lossy counting)
MAX_TRACKED = 500_000
#: a word that combines directly (``text.py`` windows with only function words between) with
#: at least FREE_TYPES different words, at least FREE_HAPAX_SHARE of them seen once, combines
#: freely (``ersten``, ``schwierigen``); a phrase
#: starting with it is a unit only when it recurs FREE_RATIO times more often than the word's
#: phrases do on average (``Europese Unie``, not ``ersten Vorstiegsversuch``)
FREE_TYPES = 8
FREE_HAPAX_SHARE = 0.85
FREE_RATIO = 2.0
#: a title-case phrase is a name (``proper_names``) when a lower-case content word stands
#: elsewhere in at least this share of its units (of the first NAME_UNITS_READ)
NAME_RUNNING_SHARE = 0.5
NAME_UNITS_READ = 50


class _Rendered(Protocol):
    key: tuple[int, ...]
    text: str


R = TypeVar("R", bound=_Rendered)


@dataclass
class Candidate:
    key: tuple[int, ...]  # lemma ids
    units: int
    termhood: float


def count_candidates(corpus: Corpus, max_words: int) -> Counter[tuple[int, ...]]:
    """How many units contain each candidate key (each unit counts a key once)."""
    side = corpus.source
    vocab = side.vocab
    lemmas_of = vocab.lemmas
    directions = vocab.lang.directions  # ``Middle East`` is a term, ``East`` alone is not
    counts: Counter[tuple[int, ...]] = Counter()
    prune_below = 1
    for unit in range(corpus.size):
        lemmas = side.lemma_ids(unit)
        seen = set()
        for start, end in windows(vocab, lemmas, max_words):
            if end - start == 1 and (
                short_word(lemmas_of[lemmas[start]]) or lemmas_of[lemmas[start]] in directions
            ):
                continue
            seen.add(tuple(lemmas[start:end]))
        counts.update(seen)
        if len(counts) > MAX_TRACKED:
            prune_below += 1
            for key in [k for k, n in counts.items() if n < prune_below]:
                del counts[key]
    return counts


def short_word(lemma: str) -> bool:
    """Whether a single word is too short to be a term alone: under three characters, unless it
    holds a digit next to its letter (``G7``, ``A4``: a name; ``UK`` or ``ok`` are not counted)."""
    return len(lemma) < 3 and not (len(lemma) == 2 and any(c.isdigit() for c in lemma))


def _word_rate(vocab: Vocabulary, lemma_id: int, cache: dict[int, float]) -> float:
    rate = cache.get(lemma_id)
    if rate is None:
        try:
            rate = wordfreq.word_frequency(vocab.lemmas[lemma_id], vocab.lang.code)
        except (LookupError, ValueError):
            rate = 0.0
        cache[lemma_id] = rate = max(rate, MIN_RATE)
    return rate


def general_rate(vocab: Vocabulary, key: tuple[int, ...], cache: dict[int, float]) -> float:
    """wordfreq's rate of the phrase (its words' rates combined), discounted per extra word."""
    inverse = sum(1.0 / _word_rate(vocab, lemma_id, cache) for lemma_id in key)
    return max(MIN_RATE, 1.0 / inverse / PHRASE_DISCOUNT ** (len(key) - 1))


def name_termhood(
    vocab: Vocabulary, key: tuple[int, ...], units: int, tokens: int, cache: dict[int, float]
) -> float:
    """Termhood of a multi-word name (``proper_names``) against general language.

    wordfreq counts lowercased words: it knows ``hate`` and ``week``, not the name ``Hate
    Week``, and its phrase estimate (``general_rate``, an upper bound near the rarer word's
    rate) ranks a name made of common words far below a rare common noun (``Records
    Department`` at 452, ``washtub`` at 54 in 1984). In general language the words of a text's
    own name meet only by chance, so the name's rate is estimated as if its words were
    independent (the product of their rates, down to ``MIN_RATE``, the rate of a word wordfreq
    does not know); its frequency in the memory does the rest, as for a coined word."""
    rate = 1.0
    for lemma_id in key:
        if vocab.edge_ok[lemma_id]:
            rate *= _word_rate(vocab, lemma_id, cache)
    ratio = (units / max(1, tokens)) / max(MIN_RATE, rate)
    return math.log2(1 + units) * math.log10(max(ratio, 1.0))


def proper_names(
    side: Side, postings: dict[tuple[int, ...], list[int]], shown: dict[tuple[int, ...], str]
) -> set[tuple[int, ...]]:
    """The multi-word candidates that are names: every content word capitalised as the memory
    mostly writes them (``Thought Police``, ``Ministry of Love``, ``Europees Parlement``), in
    running text (a lower-case content word stands elsewhere in at least half of their units:
    not a title-case heading such as ``Cultural Events``), without a coordinating conjunction
    (``Frankrijk en België``, ``Julia and Winston``: two names). Languages that capitalise
    every noun (``NOUN_CAPITALS``) are not checked: there a capital does not mark a name."""
    vocab = side.vocab
    if vocab.lang.code in NOUN_CAPITALS:
        return set()
    edge_ok, lemma_of, surfaces = vocab.edge_ok, vocab.lemma_of, vocab.surfaces
    coordinators = vocab.lang.coordinators
    names = set()
    for key, text in shown.items():
        words = vocab.lang.surfaces(text)
        content = [w for w, lemma in zip(words, key, strict=False) if edge_ok[lemma]]
        if (
            len(key) < 2
            or len(words) != len(key)
            or not all(w[:1].isupper() for w in content)
            or any(w.lower() in coordinators for w in words)
        ):
            continue
        units = postings[key]
        running = 0
        for unit in units[:NAME_UNITS_READ]:
            running += any(
                w >= 0 and edge_ok[lemma_of[w]] and surfaces[w][:1].islower()
                for w in side.surface_ids(unit)
            )
        if running >= NAME_RUNNING_SHARE * min(len(units), NAME_UNITS_READ):
            names.add(key)
    return names


def rank_candidates(
    corpus: Corpus,
    counts: Counter[tuple[int, ...]],
    min_units: int,
    limit: int | None = None,
    fragments: dict[tuple[int, ...], Candidate] | None = None,
) -> list[Candidate]:
    """The candidates in ``min_units``+ units that are more frequent in the memory than in
    general language, highest termhood first (the first ``limit`` of them when given).
    ``fragments``, when given, receives the candidates C-value left out because they mostly
    stand inside a longer one (``validering`` in ``resultaat van de validering``)."""
    vocab = corpus.source.vocab
    free = free_combinations(vocab, counts, min_units)
    frequent = {key: n for key, n in counts.items() if n >= min_units and key not in free}
    coordinators = coordinator_ids(vocab)
    super_units: dict[tuple[int, ...], int] = {}
    for key, n in frequent.items():
        # a word next to a conjunction (``astronomer and engineer``, ``landbouw en
        # plattelandsontwikkeling``) is one of the terms it joins, not a fragment of the phrase
        joined = conjuncts(key, coordinators)
        for size in range(1, len(key)):
            for start in range(len(key) - size + 1):
                sub = key[start : start + size]
                if size == 1 and start in joined:
                    continue
                if super_units.get(sub, 0) < n:
                    super_units[sub] = n
    tokens = max(1, corpus.source.tokens)
    rates: dict[int, float] = {}
    ranked = []
    for key, n in frequent.items():
        independent = n - super_units.get(key, 0)
        fragment = independent < MIN_INDEPENDENT_SHARE * n
        if fragment and fragments is None:
            continue
        ratio = (n / tokens) / general_rate(vocab, key, rates)
        if ratio <= 1.0:
            continue
        candidate = Candidate(key, n, math.log2(1 + n) * math.log10(ratio))
        if fragment:
            fragments[key] = candidate  # type: ignore[index]
        else:
            ranked.append(candidate)
    ranked.sort(key=lambda c: (-c.termhood, c.key))
    return ranked[:limit]


def coordinator_ids(vocab: Vocabulary) -> frozenset[int]:
    """Lemma ids of the language's coordinating conjunctions (``and``, ``en``, ``et``)."""
    found = (vocab.lemma_ids.get(word) for word in vocab.lang.coordinators)
    return frozenset(i for i in found if i is not None)


def conjuncts(key: tuple[int, ...], coordinators: frozenset[int]) -> set[int]:
    """Positions in ``key`` of the words directly before or after a coordinating conjunction."""
    if coordinators.isdisjoint(key):
        return set()
    return {
        i
        for i, word in enumerate(key)
        if (i > 0 and key[i - 1] in coordinators)
        or (i + 1 < len(key) and key[i + 1] in coordinators)
    }


def reversed_coordination(
    key: tuple[int, ...], coordinators: frozenset[int]
) -> tuple[int, ...] | None:
    """The key with its two conjuncts swapped (``België en Frankrijk`` for ``Frankrijk en
    België``), or None when it holds no coordinating conjunction between two words, or more
    than one. A coordination the memory also writes the other way round joins two things
    named freely, in either order (two countries, two ministers): no term, whatever their
    case; a name's order is fixed (``Bosnia and Herzegovina``, ``Justice and Home Affairs``)."""
    if coordinators.isdisjoint(key):
        return None
    at = [i for i, word in enumerate(key) if word in coordinators]
    if len(at) != 1 or not 0 < at[0] < len(key) - 1:
        return None
    i = at[0]
    return (*key[i + 1 :], key[i], *key[:i])


def within_budget(candidates: list[Candidate], budget: int, sample: int) -> list[Candidate]:
    """The first ``candidates`` whose renderings can be learned from ``budget`` units in all.

    Learning a term's renderings reads at most ``sample`` of its units, so the cost of a pool
    is the sum of ``min(units, sample)`` over it, not its length: a budget in units read bounds
    the time and memory of a memory of any size while every candidate with enough evidence is
    learned where the memory is small (a fixed number of candidates would cut the plain nouns of
    a novel at rank 600 and cost the same whether they are seen twice or 500 times)."""
    spent = 0
    for rank, candidate in enumerate(candidates):
        spent += min(candidate.units, sample)
        if spent > budget:
            return candidates[:rank]
    return candidates


def free_combinations(
    vocab: Vocabulary, counts: Counter[tuple[int, ...]], min_units: int
) -> set[tuple[int, ...]]:
    """Multi-word candidates that are free combinations rather than units.

    Without a tagger or general-language phrase counts, productivity in the memory tells a
    general first word (an adjective such as ``ersten`` or ``schwierigen``, a head noun with
    varying complements such as ``war with ...``) from the first word of a fixed phrase: the
    general word combines directly with many different words, nearly all of those combinations
    seen once. A phrase starting with such a word is kept only when it recurs clearly more often
    than the word's combinations do on average (``Europese Unie`` in 15 units against
    ``Europese ...``'s 2). Longer windows do not count (every phrase that ``terroristische
    aanslag`` starts would be one more type). The last word is not checked: a head with many
    modifiers is the usual shape of terms (``landbouwbeleid``, ``monetair beleid``, ``sociaal
    beleid``). The phrase's parts then stand as candidates of their own
    (``Vorstiegsversuch``)."""
    edge_ok = vocab.edge_ok
    stats: dict[int, list[int]] = {}  # first lemma → [types, hapax, units]
    for key, n in counts.items():
        # direct combinations only: the first word and the next content word, with at most
        # function words between (``ersten Tag``, ``war with Eurasia``); longer windows would
        # count every phrase the combination starts as one more type
        if len(key) > 1 and not any(edge_ok[word] for word in key[1:-1]):
            entry = stats.setdefault(key[0], [0, 0, 0])
            entry[0] += 1
            entry[1] += n == 1
            entry[2] += n
    free = set()
    for key, n in counts.items():
        if len(key) < 2 or n < min_units:
            continue
        types, hapax, units = stats.get(key[0], (0, 0, 0))
        productive = types >= FREE_TYPES and hapax >= FREE_HAPAX_SHARE * types
        if productive and n < FREE_RATIO * units / types:
            free.add(key)
    return free


def modifies_a_name(text: str, lang: str) -> bool:
    """Whether a candidate, as the memory mostly writes it, is a lower-case word directly
    before a capitalised one (``young Henry``, ``old Merlin``, ``president Prodi``): in a
    language that capitalises names but not nouns, a general word qualifying a name, not a
    unit (a name's own words are capitalised: ``Old Robert``, ``Europese Raad``). Languages
    that capitalise every noun (``NOUN_CAPITALS``: ``britische Expedition``) are not checked,
    nor are words joined by a function word (``verdrag van Nice``)."""
    if lang in NOUN_CAPITALS:
        return False
    words = text.split()
    return (
        len(words) >= 2
        and words[0][:1].isalpha()
        and words[0][:1].islower()
        and words[1][:1].isupper()
    )


def coordinates_terms(text: str, lang: str) -> bool:
    """Whether a candidate, as the memory mostly writes it, joins two lower-case phrases with a
    coordinating conjunction (``welvaart en solidariteit``, ``astronomers and engineers``): two
    terms, not one. A name's words are capitalised (``Commissie landbouw en
    plattelandsontwikkeling``, ``Diplomacy and Trade``, ``Bosnia and Herzegovina``); languages
    that capitalise every noun (``Himalaya und Karakorum``) and languages without a list of
    conjunctions are not checked."""
    if lang in NOUN_CAPITALS:
        return False
    coordinators = language(lang).coordinators
    words = text.split()
    return (
        len(words) >= 3
        and words[0][:1].islower()
        and any(word.lower() in coordinators for word in words[1:-1])
    )


def placed_at_a_name(text: str, lang: str) -> bool:
    """Whether a candidate, as the memory mostly writes it, is a lower-case phrase, a place
    preposition (``Language.place_prepositions``) and one capitalised word
    (``verbindingsmagistraat in België``, ``situation in Kosovo``): a thing and where it is, a
    free combination (the thing alone stands as a candidate only where C-value kept it). A
    name's words are all capitalised (``Conference on Security and Co-operation in Europe``);
    languages that capitalise every noun and languages without the line are not checked."""
    if lang in NOUN_CAPITALS:
        return False
    words = text.split()
    return (
        len(words) >= 3
        and words[0][:1].islower()
        and words[-2].lower() in language(lang).place_prepositions
        and words[-1][:1].isupper()
    )


def keep_numbers(
    found: dict[tuple[int, ...], list[R]], vocab: Vocabulary, shown: dict[tuple[int, ...], str]
) -> None:
    """Keep, for each term ending on a number (``artikel 5``, ``Agenda 2030``), only the
    renderings that render its number: not the main rendering of the term without it
    (``Himalaya-Chronik 1955`` → ``chronique himalayenne``, the rendering of
    ``Himalaya-Chronik``), nor a phrase holding another number (``text.other_number``).
    ``found`` maps terms to their renderings, main first; ``shown`` gives the terms' texts."""
    kept = {}
    for key, renderings in found.items():
        if len(key) < 2 or not vocab.number[key[-1]]:
            continue
        # the term without its number, and without an act's acronym (``Richtlijn (EU)``)
        part_end = -2 if len(key) > 2 and is_act_sign(vocab.lemmas[key[-2]]) else -1
        part = found.get(key[:part_end])
        part_key = part[0].key if part else None
        text = shown[key]
        kept[key] = [r for r in renderings if r.key != part_key and not other_number(text, r.text)]
    found.update(kept)
