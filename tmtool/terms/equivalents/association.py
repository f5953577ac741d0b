"""Association of terms and target phrases: counts, Dice, and the combined score.

Dice's coefficient between a term's units and a phrase's units, counted in a sample of the
term's units and scaled up; the ``Scorer`` adds string similarity and the encoder's cosine; and
competitive linking (``linked_both_ways``) tells a phrase that is the term's best and whose best
term is the term.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from tmtool.terms.corpus import Corpus, Side, dice, windows
from tmtool.terms.phrases import PhraseIndex, inserted_at, overlaps, split_position
from tmtool.terms.text import fold

#: target phrases have at most 2·(term words) + 2 words, up to MAX_TARGET_WORDS
#: (``max_target_words``): French and
#: English spell out Dutch compounds with function words (``terrorismebestrijding`` → ``lutte
#: contre le terrorisme``; a four-word committee name → eight French words)
MAX_TARGET_WORDS = 8
#: phrases kept per term after counting, and re-scored per term with strings and embeddings
KEEP_PER_TERM = 40
RESCORE_PER_TERM = 8
#: a term's phrase counts are pruned of singletons past this many phrases, to bound memory
MAX_PHRASES_PER_TERM = 1500
#: weights of the evidence: association, embedding cosine, string similarity
WEIGHTS_WITH_ENCODER = (0.6, 0.25, 0.15)
WEIGHTS_WITHOUT_ENCODER = (0.8, 0.0, 0.2)

#: a phrase or term as its lemma ids
Key = tuple[int, ...]
WORDS = re.compile(r"[^\W_]+")
Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass
class Found:
    """A rendering as ids and counts, before it becomes a ``records.Rendering``."""

    key: Key
    text: str
    score: float
    units: int = 0
    documents: set[int] = field(default_factory=set)
    shortest: list[tuple[int, int]] = field(default_factory=list)  # (words, unit), best first
    linked: bool = False  # the term's best-associated phrase, and the phrase's best term
    forms_of: list[Key] = field(default_factory=list)  # other keys of the same word(s) merged in
    #: a variant that renders a longer term (``_longer_term_rendering``): it counts for the
    #: set of renderings (``score_sets``) and the ranking, and is left out of the list
    longer_term: bool = False
    #: the units counted, each weighted by its evidence (``corpus.weigh_units``)
    support: float = 0.0

    def add_unit(
        self, unit: int, document: int, words: int, evidence: float = 1.0, examples: int = 3
    ) -> None:
        """Count a unit; the shortest ones make the clearest examples."""
        self.units += 1
        self.support += evidence
        self.documents.add(document)
        if len(self.shortest) < examples or words < self.shortest[-1][0]:
            self.shortest = sorted([*self.shortest, (words, unit)])[:examples]

    @property
    def example_units(self) -> list[int]:
        return [unit for _, unit in self.shortest]


def folded_words(text: str) -> list[str]:
    """The words of ``text``, folded (``fold``), to compare renderings word by word."""
    return WORDS.findall(fold(text))


def units_holding(side: Side, phrase: Key, units: Sequence[int]) -> int:
    """In how many of ``units`` the phrase stands."""
    index = PhraseIndex([phrase])
    content = side.vocab.edge_ok
    return sum(1 for unit in units if index.present(side.lemma_ids(unit), content))


def sampled_dice(
    both: int, term_units: Sequence[int], sample: Sequence[int], phrase_units: int
) -> float:
    """Dice of a term and a phrase whose co-occurrences were counted in a sample of the term's
    units, scaled up to all of them."""
    scale = len(term_units) / max(1, len(sample))
    return dice(both * scale, len(term_units), phrase_units)


def max_target_words(key: Key) -> int:
    """The most words a target phrase rendering the term ``key`` may have (``MAX_TARGET_WORDS``),
    for the phrases learned and those composed of its words' renderings alike."""
    return min(MAX_TARGET_WORDS, 2 * len(key) + 2)


def string_similarity(a: str, b: str) -> float:
    """1.0 for identical strings (names, acronyms), high for cognates, low otherwise."""
    a, b = fold(a), fold(b)
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def evenly(items: Sequence[int], size: int) -> list[int]:
    """At most ``size`` items spread evenly over ``items`` (deterministic sample)."""
    if len(items) <= size:
        return list(items)
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


def phrase_sets(side: Side, unit: int, max_words: int, skip: Key | None = None) -> set[Key]:
    """The candidate phrases of one unit's side (each once)."""
    lemmas = side.lemma_ids(unit)
    out = {tuple(lemmas[a:b]) for a, b in windows(side.vocab, lemmas, max_words)}
    if skip is not None:
        out = {key for key in out if not overlaps(key, skip)}
    return out


def split_phrases(side: Side, unit: int, max_words: int) -> set[Key]:
    """The phrases of one unit's side that stand there only with a content word inserted
    before a function word inside them (``phrases.inserted_at``): ``ministère de la justice``
    in ``le ministère français de la Justice``. Each counts for a term only where its units
    also write it whole (``cooccurrences``), so a rendering one unit splits is still that
    unit's rendering."""
    lemmas = side.lemma_ids(unit)
    content = side.vocab.edge_ok
    out: set[Key] = set()
    for position in range(1, len(lemmas) - 1):
        if not inserted_at(lemmas, position, content):
            continue
        left = lemmas[max(0, position - max_words + 2) : position]
        joined = [*left, *lemmas[position + 1 : position + max_words]]
        out.update(
            tuple(joined[start:end])
            for start, end in windows(side.vocab, joined, max_words)
            if start < len(left) and end > len(left) + 1
        )
    return out


def unit_frequencies(side: Side, keys: set[Key]) -> dict[Key, int]:
    """In how many units each key occurs, whole or split (``split_phrases``; one scan)."""
    index = PhraseIndex(keys)
    content = side.vocab.edge_ok
    counts: Counter[Key] = Counter()
    if index:
        for unit in range(side.size):
            counts.update(index.present(side.lemma_ids(unit), content))
    return counts


def display_forms(side: Side, keys: set[Key], units: Sequence[int]) -> dict[Key, str]:
    """The most frequent surface form of each key in ``units``."""
    index = PhraseIndex(keys)
    seen: dict[Key, Counter[str]] = defaultdict(Counter)
    for unit in units:
        lemmas = side.lemma_ids(unit)
        for key, start, end in index.find(lemmas, side.vocab.edge_ok):
            # a capital at the start of a sentence says nothing about the term's spelling
            seen[key][_shown(side, unit, key, lemmas, start, end)] += 1 if start == 0 else 2
    forms = {key: counter.most_common(1)[0][0] for key, counter in seen.items()}
    for key in keys - forms.keys():
        forms[key] = " ".join(side.vocab.lemmas[i] for i in key)
    return forms


def _shown(side: Side, unit: int, key: Key, lemmas: list[int], start: int, end: int) -> str:
    """An occurrence as written, without the word inserted into it (``split_phrases``)."""
    if end - start == len(key):
        return side.display(unit, start, end)
    i = split_position(key, lemmas, start)
    assert i is not None
    return f"{side.display(unit, start, start + i)} {side.display(unit, start + i + 1, end)}"


class Scorer:
    """Combines association, embedding cosine and string similarity into one 0..1 score."""

    def __init__(self, embed: Embed | None) -> None:
        self.embed = embed
        self.weights = WEIGHTS_WITH_ENCODER if embed else WEIGHTS_WITHOUT_ENCODER
        self._vectors: dict[str, np.ndarray] = {}

    def prepare(self, texts: set[str]) -> None:
        """Embed the phrases about to be scored, in one batch."""
        if self.embed is None:
            return
        missing = sorted(texts - self._vectors.keys())
        if missing:
            for text, vector in zip(missing, self.embed(missing), strict=True):
                self._vectors[text] = vector

    def cosine(self, source: str, target: str) -> float:
        """The encoder's cosine of two prepared phrases; 0.0 without an encoder."""
        if self.embed is None:
            return 0.0
        return max(0.0, float(self._vectors[source] @ self._vectors[target]))

    def score(self, association: float, source: str, target: str) -> float:
        w_assoc, w_embed, w_string = self.weights
        cosine = self.cosine(source, target)
        strings = string_similarity(source, target)
        return w_assoc * min(1.0, association) + w_embed * cosine + w_string * strings


@dataclass(frozen=True)
class Learning:
    """What the steps of learning one target language's renderings share."""

    corpus: Corpus
    side: Side  # the target language's side
    postings: dict[Key, list[int]]  # each term's own units
    source_text: dict[Key, str]  # each term as written
    scorer: Scorer
    sample: int  # units a term learns from, at most
    min_score: float  # the weakest accepted rendering


def cooccurrences(
    source: Side, side: Side, samples: dict[Key, list[int]], limits: dict[Key, int]
) -> dict[Key, list[tuple[Key, int]]]:
    """For each term, the target phrases seen in at least two of its sampled units (most
    frequent first), counted in one pass over the sampled units.

    A phrase also counts for a term of two or more words in a unit that splits it with an
    inserted word (``split_phrases``) when the source writes a modifier right before the term
    there (``_modified_there``) and some unit of the term writes the phrase whole: Dutch,
    English and German put an adjective before the noun (``het Frans Ministerie van
    Justitie``), French and Romanian after it, between the noun and its complement, inside the
    term's rendering (``le ministère français de la Justice``). A one-word term's rendering
    holds no complement: a split phrase there renders a complement around the term (``les
    coûts moyens des soins`` for ``de gemiddelde kosten van de zorg``)."""
    by_unit: dict[int, list[Key]] = defaultdict(list)
    for key, units in samples.items():
        for unit in units:
            by_unit[unit].append(key)
    cooc: dict[Key, Counter[Key]] = {key: Counter() for key in samples}
    split: dict[Key, Counter[Key]] = defaultdict(Counter)
    for unit in sorted(by_unit):
        longest = max(limits[key] for key in by_unit[unit])
        phrases = phrase_sets(side, unit, longest)
        longer = any(len(key) >= 2 for key in by_unit[unit])
        split_here = split_phrases(side, unit, longest) - phrases if longer else set()
        for key in by_unit[unit]:
            counts = cooc[key]
            counts.update(p for p in phrases if len(p) <= limits[key])
            if split_here and len(key) >= 2 and _modified_there(source, key, unit):
                split[key].update(p for p in split_here if len(p) <= limits[key])
            if len(counts) > MAX_PHRASES_PER_TERM:
                for phrase in [p for p, n in counts.items() if n < 2]:
                    del counts[phrase]
    for key, found in split.items():
        counts = cooc[key]
        counts.update({p: n for p, n in found.items() if p in counts})
    return {
        key: [(p, n) for p, n in counts.most_common(KEEP_PER_TERM) if n >= 2]
        for key, counts in cooc.items()
    }


def _modified_there(source: Side, key: Key, unit: int) -> bool:
    """Whether the term stands right after a content word in the unit's source side (``Frans``
    in ``het Frans Ministerie van Justitie``; not ``de`` in ``de stijging van de
    levensverwachting``)."""
    lemmas = source.lemma_ids(unit)
    content = source.vocab.edge_ok
    return any(
        start > 0 and lemmas[start - 1] >= 0 and bool(content[lemmas[start - 1]])
        for _, start, _ in PhraseIndex([key]).find(lemmas)
    )


def linked_both_ways(
    chosen: dict[Key, Key],
    association: dict[Key, dict[Key, float]],
    parts: dict[Key, list[Key]] | None = None,
) -> set[Key]:
    """The terms whose chosen rendering links with them both ways: no other phrase is more
    associated with the term (Dice), and no other term is more associated with the phrase.

    This is competitive linking over the whole memory. A right rendering whose Dice its other
    uses or the term's untranslated units lower (``accession → csatlakozást``, 0.48) still
    links with its term; a wrong one near the cut is mostly a phrase that another term claims
    better (``levenslang leren → apprentissage``) or one of several phrases the term's units
    share. The competition is between different words: a term's own words and parts (``EU
    accession`` and ``accession``, ``Bergführer`` and its head ``Führer``) share their
    translation's head, and the shorter one, seen more often, is always the more associated."""
    claims: dict[Key, list[tuple[float, Key]]] = defaultdict(list)
    for term, phrases in association.items():
        for phrase, value in phrases.items():
            claims[phrase].append((value, term))
    linked = set()
    for key, phrase in chosen.items():
        mine = association[key][phrase]
        if mine < max(association[key].values()):
            continue
        own = set(parts.get(key, ())) if parts else set()
        if all(
            value <= mine or overlaps(term, key) or term in own for value, term in claims[phrase]
        ):
            linked.add(key)
    return linked
