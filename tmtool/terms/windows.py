"""Where candidate phrases may stand in a unit: the ``(start, end)`` windows that start and end
on a content word, with only function words between, and the numbers that belong to a name.

Source candidates (``candidates.py``) and target phrases (``equivalents.association``) are read
through the same windows, so what may stand at a phrase's edges is decided in one place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tmtool.terms.text import is_act_sign
from tmtool.terms.vocabulary import Vocabulary


def windows(vocab: Vocabulary, lemmas: Sequence[int], max_words: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every candidate phrase: 1..max_words words inside one chunk, starting
    and ending on a content word (not a function word, number or single letter; in Dutch not an
    inflected adjective or verb), with only prepositions, articles and conjunctions between
    (``text.py``).

    A number (``text.is_number``) also ends a phrase when it directly follows a content word that
    may end one: a name or reference that holds a number (``artikel 5``, ``Agenda 2030``, ``Room
    101``, ``richtlijn 95/46/EG``), unless a counting word stands on either side of it
    (``Language.counting``: ``juni 2020``, ``pagina 12``, ``EUR 15``, ``Piz Palü 3905 m``). A
    number never starts a phrase (``15 procent``, ``3 juni``). An EU act's bracketed acronym
    (``text._ACT_SIGN``: ``(EU)``, ``(EG) nr.``) may stand between the content word and the
    number (``Verordening (EU) 2016/679``, ``règlement (CE) n° 1049/2001``) but never at an
    edge; other brackets break the chunk.

    A word no term ends with (an inflected adjective, an adverb, an ordinal) starts no phrase
    when an article or preposition follows it (``_links``: ``vaker een beroep doen op``)."""
    edge_ok, inside_ok, not_last = vocab.edge_ok, vocab.inside_ok, vocab.not_last
    number = vocab.number
    n = len(lemmas)
    for start in range(n):
        first = lemmas[start]
        if first < 0 or not edge_ok[first]:
            continue
        if first in not_last and start + 1 < n and _links(vocab, lemmas[start + 1]):
            continue  # ``vaker een beroep``: an adjective or adverb before an article
        for end in range(start + 1, min(n, start + max_words) + 1):
            last = lemmas[end - 1]
            if last < 0 or not inside_ok[last]:
                break
            if (edge_ok[last] and last not in not_last) or (
                number[last] and end - start >= 2 and _names_number(vocab, lemmas, end)
            ):
                yield start, end


def _links(vocab: Vocabulary, lemma: int) -> bool:
    """Whether a word is an article or preposition (a function word that may stand inside a
    term), not a conjunction: a word no term ends with (an adjective, adverb or ordinal) right
    before one modifies no noun of the phrase, so no phrase starts with it (``vaker een beroep
    doen op``, ``available to the public``, ``first of all``); before a conjunction it may
    (``Europese en Japanse markt``)."""
    return (
        lemma >= 0
        and not vocab.edge_ok[lemma]
        and vocab.inside_ok[lemma]
        and vocab.lemmas[lemma] not in vocab.lang.coordinators
    )


def _names_number(vocab: Vocabulary, lemmas: Sequence[int], end: int) -> bool:
    """Whether the number ``lemmas[end - 1]`` is part of a name or reference (``windows``): a
    content word that may end a term stands right before it, no counting word on either side,
    and it does not start a list of numbers (``amendementen 2, 4 en 10``, ``2 en 3``). An act's
    bracketed acronym between them is passed over (``Verordening (EU) 2016/679``)."""
    before = lemmas[end - 2]
    if before >= 0 and end >= 3 and is_act_sign(vocab.lemmas[before]):
        before = lemmas[end - 3]
    if (
        before < 0
        or not vocab.edge_ok[before]
        or before in vocab.not_last
        or vocab.counting[before]
    ):
        return False
    if end == len(lemmas):
        return True
    after = lemmas[end]
    if after >= 0 and (vocab.counting[after] or vocab.number[after]):
        return False
    if after >= 0 and vocab.lemmas[after] in vocab.lang.coordinators:
        return not _is_number(vocab, lemmas, end + 1)  # ``artikelen 7 en 8``
    # ``amendementen 2, 4 en 10``, not ``artikel 5, 15 procent``
    return after >= 0 or not (
        _is_number(vocab, lemmas, end + 1) and _separates(vocab, lemmas, end + 2)
    )


def _separates(vocab: Vocabulary, lemmas: Sequence[int], at: int) -> bool:
    """Whether a list may go on at ``at``: the unit's end, punctuation or a conjunction."""
    return (
        at >= len(lemmas) or lemmas[at] < 0 or vocab.lemmas[lemmas[at]] in vocab.lang.coordinators
    )


def _is_number(vocab: Vocabulary, lemmas: Sequence[int], at: int) -> bool:
    return at < len(lemmas) and lemmas[at] >= 0 and bool(vocab.number[lemmas[at]])
