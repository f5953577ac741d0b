"""Renderings written inside compounds: a one-word term that a language writing compounds as one
word renders mostly as a part of them (``santé`` → ``gezondheid`` in ``gezondheidszorg``,
``volksgezondheid``, ``gezondheid``).

Phrases are counted as whole words (``association.cooccurrences``), so such a rendering is seen
in few of the term's units and loses to any word that stands whole in more; the term is then
left without a rendering in that language. Counted as a part of the compounds it stands in, it
is again the word the term's units share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tmtool.terms.corpus import Side, Vocabulary, dice
from tmtool.terms.equivalents.association import Key, folded_words
from tmtool.terms.equivalents.cognates import cognate_words
from tmtool.terms.equivalents.parts import COMPOUNDING, LINKS
from tmtool.terms.text import MIN_HEAD_CHARS, head_cuts

#: the word must stand, whole or as a compound's part, in this share of the term's (sampled)
#: units, as a rendering in ``cover_parts`` must (``whole.PART_SHARE``)
COMPOUND_SHARE = 0.5


def compound_parts(vocab: Vocabulary) -> dict[int, tuple[int | None, int | None]]:
    """lemma id of a one-word compound → (head, first part): its longest head that is a
    content word of its own (``text.head_cuts``) and its longest first part that is one, with
    or without a linking ``s`` (``parts.LINKS``), each None when there is none:
    ``gezondheidszorg`` → ``zorg``, ``gezondheid``; ``volksgezondheid`` → ``gezondheid``,
    ``volk``. None in a language that writes compounds apart (``COMPOUNDING``)."""
    if vocab.lang.code not in COMPOUNDING:
        return {}
    words = {
        lemma: lemma_id
        for lemma_id, lemma in enumerate(vocab.lemmas)
        if vocab.edge_ok[lemma_id] and lemma.isalpha() and len(lemma) >= MIN_HEAD_CHARS - 1
    }
    out: dict[int, tuple[int | None, int | None]] = {}
    for lemma_id, word in enumerate(vocab.lemmas):
        if not word.isalpha():
            continue
        cuts = head_cuts(word)
        head = next(
            (
                words[word[cut:]]
                for cut in cuts
                if len(word) - cut >= MIN_HEAD_CHARS and word[cut:] in words
            ),
            None,
        )
        first = next(
            (
                words[text]
                for cut in reversed(cuts)
                for text in (word[:cut], word[: cut - 1] if word[:cut].endswith(LINKS) else "")
                if text in words
            ),
            None,
        )
        head, first = (None if part == lemma_id else part for part in (head, first))
        if head is not None or first is not None:
            out[lemma_id] = (head, first)
    return out


def _words_of(
    side: Side, unit: int, parts: dict[int, tuple[int | None, int | None]]
) -> tuple[set[int], set[int], set[int]]:
    """The content words of a unit standing whole; standing whole or as a compound's head
    (``parts``); and standing whole or anywhere inside a compound."""
    whole = {lemma for lemma in side.lemma_ids(unit) if lemma >= 0 and side.vocab.edge_ok[lemma]}
    headed, inside = set(whole), set(whole)
    for lemma in whole:
        head, first = parts.get(lemma, (None, None))
        headed.update(part for part in (head,) if part is not None)
        inside.update(part for part in (head, first) if part is not None)
    return whole, headed, inside


def compound_part_renderings(
    side: Side, terms: dict[Key, list[int]], size: dict[Key, int]
) -> dict[Key, tuple[int, list[int], float]]:
    """For each term (its sampled units; ``size``: how many units it has), the content word of
    ``side`` most associated with it (Dice over the whole memory) among those that stand, whole
    or as a part of a compound, in at least ``COMPOUND_SHARE`` of its units and two, inside a
    compound in one of them at least and whole in one: the word, the units holding it, its
    Dice. A unit counts once, whole or inside. Only a word that reaches that share thanks to
    the compounds: standing whole in as many units, it was weighed by the whole-word count
    already (and left out for a reason). None when that word stands as a compound's first part
    in more than half of those units (neither whole nor as a head): the target writes it as a
    modifier there (``landbouw`` of ``landbouwproducten``, ``landbouwbeleid``), so the term is
    one too (``agricoles``, an adjective), or a piece of the expressions those compounds render;
    the next word is no better evidence. None in a language without one-word compounds."""
    parts = compound_parts(side.vocab)
    if not parts:
        return {}
    found: dict[Key, dict[int, list[int]]] = {}
    modifying: dict[Key, set[int]] = {}
    for key, units in terms.items():
        whole_in: Counter[int] = Counter()
        headed_in: Counter[int] = Counter()
        held: dict[int, list[int]] = {}
        compounded: set[int] = set()
        for unit in units:
            whole, headed, inside = _words_of(side, unit, parts)
            whole_in.update(whole)
            headed_in.update(headed)
            compounded |= inside - whole
            for word in inside:
                held.setdefault(word, []).append(unit)
        needed = max(2, COMPOUND_SHARE * len(units))
        modifying[key] = {
            word for word, holding in held.items() if 2 * headed_in[word] < len(holding)
        }
        found[key] = {
            word: holding
            for word, holding in held.items()
            if len(holding) >= needed and 1 <= whole_in[word] < needed and word in compounded
        }
    frequency = _frequencies(side, {w for words in found.values() for w in words}, parts)
    out: dict[Key, tuple[int, list[int], float]] = {}
    for key, words in found.items():
        scored = [
            (dice(len(held) * size[key] / len(terms[key]), size[key], frequency[word]), word, held)
            for word, held in words.items()
        ]
        if scored:
            association, word, held = max(scored, key=lambda item: (item[0], -item[1]))
            if word not in modifying[key]:
                out[key] = (word, held, association)
    return out


def _frequencies(
    side: Side, words: Iterable[int], parts: dict[int, tuple[int | None, int | None]]
) -> Counter[int]:
    """In how many units of the memory each word stands, whole or inside a compound."""
    wanted = set(words)
    counts: Counter[int] = Counter()
    if wanted:
        for unit in range(side.size):
            counts.update(_words_of(side, unit, parts)[2] & wanted)
    return counts


def begins_with_cognate(vocab: Vocabulary, term: str, lemma: int) -> bool:
    """Whether the one-word ``lemma`` of a language that writes compounds as one word
    (``COMPOUNDING``) is a compound that begins with a cognate of a word of the multi-word
    ``term`` and ends in a content word of its own (``text.head_cuts``):
    ``helsingforssamningur`` (``samningur``, treaty) for ``Helsinki Treaty``. One compound
    renders the whole term there, its first part the modifier: a cognate in that part singles
    the compound out as a cognate phrase does (``choice._rivals``). A name keeps its first
    letters across languages (``Helsingfors``/``Helsinki``), so the first part is compared at
    each cut before the head."""
    words = folded_words(term)
    if vocab.lang.code not in COMPOUNDING or len(words) < 2:
        return False
    word = vocab.lemmas[lemma]
    heads = [
        cut
        for cut in head_cuts(word)
        if (head := vocab.lemma_ids.get(word[cut:])) is not None
        and head != lemma
        and vocab.edge_ok[head]
    ]
    if not heads:
        return False
    firsts = folded_words(word[: max(heads)])
    return bool(firsts) and any(
        cognate_words(first[:cut], other)
        for first in firsts[:1]
        for cut in range(MIN_HEAD_CHARS - 1, len(first) + 1)
        for other in words
    )
