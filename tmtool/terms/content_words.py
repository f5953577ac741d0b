"""Content words among a language's guessed function words, told by their alignment.

A language without a word file takes wordfreq's most frequent words as its function words, and
those hold names and nouns (``magyar``, ``budapest``, ``árið``); a word the memory aligns with
one content word of another language is given back as a content word, as a translation is.
"""

from __future__ import annotations

from collections import Counter

from tmtool.terms.sides import Corpus, Side
from tmtool.terms.text import has_letter

#: a guessed function word (``Language.guessed_function_words``) seen in at least
#: CONTENT_MIN_UNITS units together with one content word of another language, with a Dice
#: coefficient of at least CONTENT_MIN_DICE, is that word's translation: a content word
#: (``magyar`` with ``Hungarian``, ``íslands`` with ``Iceland``), provided they stand together
#: CONTENT_MIN_LIFT times as often as chance would put them (in a small memory a function word
#: is in most units, so near every frequent word); a function word (``és``, ``hogy``, ``og``)
#: stands beside every content word alike
CONTENT_MIN_UNITS = 5
CONTENT_MIN_DICE = 0.5
CONTENT_MIN_LIFT = 2.0


def restore_content_words(corpus: Corpus) -> set[tuple[str, str]]:
    """Give back the content words among a language's guessed function words (wordfreq's most
    frequent words hold ``magyar``, ``budapest``, ``árið``, ``românia``): such a word is a
    content word when the memory aligns it with one content word of another language
    (``CONTENT_MIN_DICE``), as a translation is; a function word co-occurs with every content
    word alike. Returns ``(lang, word)`` of the words given back, to inspect what it did."""
    restored: set[tuple[str, str]] = set()
    for lang, side in corpus.sides.items():
        vocab = side.vocab
        if not vocab.lang.guessed_function_words:
            continue
        guessed = {
            lemma_id
            for lemma, lemma_id in vocab.lemma_ids.items()
            if lemma in vocab.lang.stopwords and has_letter(lemma) and len(lemma) >= 2
        }
        if not guessed:
            continue
        units, found = _units_lemmas(side, guessed)
        for other_lang, other in corpus.sides.items():
            if other_lang == lang:
                continue
            other_units, other_totals = _units_lemmas(other, other.vocab.edge_ok)
            # the Dice coefficient of words seen in n and m units is at most 2·min/(n + m):
            # only words within that many units of each other can reach CONTENT_MIN_DICE
            spread = (2 - CONTENT_MIN_DICE) / CONTENT_MIN_DICE
            together: Counter[tuple[int, int]] = Counter()
            for unit in range(side.size):
                if not units[unit]:
                    continue
                near = [
                    (lemma, other_lemma)
                    for other_lemma in other_units[unit]
                    for lemma in units[unit]
                    if found[lemma] <= spread * other_totals[other_lemma]
                    and other_totals[other_lemma] <= spread * found[lemma]
                ]
                together.update(near)
            for (lemma, other_lemma), count in together.items():
                chance = found[lemma] * other_totals[other_lemma] / side.size
                if (
                    count >= CONTENT_MIN_UNITS
                    and dice(count, found[lemma], other_totals[other_lemma]) >= CONTENT_MIN_DICE
                    and count >= CONTENT_MIN_LIFT * chance
                ):
                    vocab.edge_ok[lemma] = True
                    restored.add((lang, vocab.lemmas[lemma]))
    return restored


def dice(both: float, left: int, right: int) -> float:
    """Dice's coefficient of two sets of units: 2·|both| / (|left| + |right|)."""
    return 2 * both / (left + right)


def _unit_lemmas(side: Side, unit: int, wanted: set[int] | bytearray) -> set[int]:
    """The distinct lemma ids of a unit's side that ``wanted`` holds (a set, or a bytearray
    indexed by lemma id)."""
    lemma_of = side.vocab.lemma_of
    lemmas = {lemma_of[w] for w in side.surface_ids(unit) if w >= 0}
    if isinstance(wanted, set):
        return lemmas & wanted
    return {lemma for lemma in lemmas if wanted[lemma]}


def _units_lemmas(side: Side, wanted: set[int] | bytearray) -> tuple[list[set[int]], Counter[int]]:
    """Each unit's wanted lemmas (``_unit_lemmas``), and the number of units each occurs in."""
    units = [_unit_lemmas(side, unit, wanted) for unit in range(side.size)]
    return units, Counter(lemma for lemmas in units for lemma in lemmas)
