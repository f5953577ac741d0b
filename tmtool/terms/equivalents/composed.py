"""Renderings composed of the renderings of a term's words (compositional rendering).

A rare multi-word term (in two units) co-occurs perfectly with every phrase its units share,
so association cannot single out its rendering (``choice._rivals``), and one language may be
left without one (``buitengrenzen van de EU`` → ``frontières extérieures de l'UE`` in French,
nothing in English). Its words are often less rare than it is: the memory has learned
``buitengrenzen`` → ``external borders`` from six units, and ``EU`` is written ``EU`` there. A
phrase of the term's units that renders each of its content words, and holds nothing else but
function words, renders the term (the compositional method of bilingual terminology
extraction): ``EU's external borders``. The words' renderings are those the memory has
accepted with the support every rendering needs, or letters:

- a word's own main rendering, as a one-word term (``voorstel`` → ``proposal``);
- a shorter term's main rendering, for the content words it holds (``Europese Commissie`` →
  ``European Commission`` within ``voorstel van de Europese Commissie``);
- the word itself, written with the same letters (acronyms, names: ``EU``), or a cognate
  (``cognates.cognate_words``: ``digitaal``/``digital``).

Conditions (``composed_renderings``): the term has at least two content words, and no number
(whose rendering is no word's); in each of its units the shortest span of the target side
tiled by renderings of all of its content words, each word rendered once, in any order, at
least one of them a learned rendering (letters alone match a quotation left in its own
language as well: ``Ora pro nobis`` in a Hungarian novel), with only function words of the
target language between them (no punctuation, verb form or other content word), at most as
many words as learning allows a term of its length (``max_target_words``); the most frequent
such span must stand in more than half of the term's units, be scored (``Scorer``: Dice over
the memory, letters) at least ``min_score``, and be counted with the support every rendering
needs (``MIN_SUPPORT``). Only a term with a rendering in another target language is filled:
the column left empty beside it is a gap, while a term no language renders may be no term at
all (a fragment of a longer name, ``Guide des Alpes`` of ``Guide des Alpes valaisannes``,
found so on the Text+Berg test set).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tmtool.terms.corpus import Corpus, Side
from tmtool.terms.equivalents.association import (
    Found,
    Key,
    Scorer,
    display_forms,
    evenly,
    fold,
    max_target_words,
    sampled_dice,
    unit_frequencies,
)
from tmtool.terms.equivalents.cognates import cognate_words
from tmtool.terms.phrases import PhraseIndex

#: function words that may stand between two pieces in the other order than the term's words
#: (``_reordered_ok``): the genitive ``'s`` of ``EU's external borders``
REORDERED_GAP = 1
#: a piece of a term's rendering: the bit mask of the term's content words it renders, and
#: its target lemma ids
Piece = tuple[int, Key]


def composed_renderings(
    corpus: Corpus,
    found: dict[str, dict[Key, list[Found]]],
    postings: dict[Key, list[int]],
    source_text: dict[Key, str],
    scorer: Scorer,
    sample: int,
    min_score: float,
) -> dict[str, dict[Key, tuple[Key, list[int], float]]]:
    """Per target language, ``term → (phrase, units holding it, score)`` for the multi-word
    terms without a rendering there whose rendering can be composed of their words' renderings
    (the conditions are in the module's docstring)."""
    source = corpus.source.vocab
    composed: dict[str, dict[Key, tuple[Key, list[int], float]]] = {}
    for lang, per_lang in found.items():
        side = corpus.sides[lang]
        spans: dict[Key, tuple[Key, list[int], list[int]]] = {}
        alike: dict[tuple[str, str], bool] = {}
        for key, units in postings.items():
            if per_lang.get(key) or not any(
                other.get(key) for other_lang, other in found.items() if other_lang != lang
            ):
                continue
            content = [i for i, lemma in enumerate(key) if source.edge_ok[lemma]]
            if len(content) < 2 or any(source.number[lemma] for lemma in key):
                continue
            pieces = _known_pieces(key, content, per_lang)
            if not pieces:  # letters alone compose no rendering
                continue
            words = [fold(source.lemmas[key[i]]) for i in content]
            sampled = evenly(units, sample)
            limit = max_target_words(key)
            shortest = Counter(
                span
                for unit in sampled
                if (span := _shortest_span(side, unit, words, pieces, limit, alike)) is not None
            )
            if not shortest:
                continue
            phrase = shortest.most_common(1)[0][0]
            index = PhraseIndex([phrase])
            holding = [unit for unit in sampled if index.present(side.lemma_ids(unit))]
            if 2 * len(holding) > len(sampled):
                spans[key] = (phrase, holding, sampled)
        if not spans:
            continue
        frequency = unit_frequencies(side, {phrase for phrase, _, _ in spans.values()})
        composed[lang] = {}
        for key, (phrase, holding, sampled) in spans.items():
            text = display_forms(side, {phrase}, holding)[phrase]
            scorer.prepare({text})
            association = sampled_dice(len(holding), postings[key], sampled, frequency[phrase])
            score = scorer.score(association, source_text[key], text)
            if score >= min_score:
                composed[lang][key] = (phrase, holding, score)
    return composed


def _known_pieces(key: Key, content: list[int], per_lang: dict[Key, list[Found]]) -> list[Piece]:
    """The renderings the memory has learned for the term's content words: each word's own
    main rendering as a one-word term, and each shorter term's within it (contiguous, holding
    at least one content word) for the content words it holds."""
    bit = {position: 1 << n for n, position in enumerate(content)}
    pieces: list[Piece] = []
    for start in range(len(key)):
        for end in range(start + 1, len(key) + 1):
            part = key[start:end]
            mask = sum(bit.get(position, 0) for position in range(start, end))
            if part != key and mask and per_lang.get(part):
                pieces.append((mask, per_lang[part][0].key))
    return pieces


def _shortest_span(
    side: Side,
    unit: int,
    words: list[str],
    pieces: list[Piece],
    limit: int,
    alike: dict[tuple[str, str], bool],
) -> Key | None:
    """The shortest span of the unit's target side (at most ``limit`` words) tiled by pieces
    rendering each of the term's content ``words`` (folded lemmas) once, in any order, with
    function words of the language between them; its lemma ids, or None. Besides the learned
    ``pieces``, a content word of the target side renders a content word of the term written
    with the same letters or a cognate of it (``alike`` caches the test)."""
    lemmas = side.lemma_ids(unit)
    vocab = side.vocab
    stopwords = vocab.lang.stopwords
    full = (1 << len(words)) - 1
    learned = 1 << len(words)  # marks a learned piece: letters alone compose no rendering
    # every occurrence of a piece: start → [(end, mask)]
    starts: dict[int, list[tuple[int, int]]] = {}
    index = PhraseIndex(phrase for _, phrase in pieces)
    masks: dict[Key, list[int]] = {}
    for mask, phrase in pieces:
        masks.setdefault(phrase, []).append(mask)
    for phrase, start, end in index.find(lemmas):
        for mask in masks[phrase]:
            starts.setdefault(start, []).append((end, mask | learned))
    if not starts:  # no learned piece here
        return None
    for position, lemma in enumerate(lemmas):
        if lemma < 0 or not vocab.edge_ok[lemma]:
            continue
        word = fold(vocab.lemmas[lemma])
        for n, source_word in enumerate(words):
            pair = (word, source_word)
            if pair not in alike:
                alike[pair] = word == source_word or cognate_words(word, source_word)
            if alike[pair]:
                starts.setdefault(position, []).append((position + 1, 1 << n))

    def filler(position: int) -> bool:
        lemma = lemmas[position]
        return (
            lemma >= 0
            and not vocab.edge_ok[lemma]
            and not vocab.number[lemma]
            and vocab.lemmas[lemma] in stopwords
        )

    ends = sorted({end for found in starts.values() for end, _ in found})
    best: tuple[int, int] | None = None
    for start in sorted(starts):
        for end in ends:
            if end <= start or end - start > limit:
                continue
            if best is not None and end - start >= best[1] - best[0]:
                break
            if _tiled(start, end, starts, filler, full, learned):
                best = (start, end)
                break
    return None if best is None else tuple(lemmas[best[0] : best[1]])


def _tiled(
    start: int,
    end: int,
    starts: dict[int, list[tuple[int, int]]],
    filler: Callable[[int], bool],
    full: int,
    learned: int,
) -> bool:
    """Whether ``start:end`` can be read as pieces with disjoint masks that together make
    ``full``, one of them at least ``learned``, and function words between them; a piece that
    renders an earlier word of the term than the piece before it follows that one with at
    most ``REORDERED_GAP`` function words between (``_reordered_ok``)."""
    # (position, words rendered, the last piece's first word, function words since it)
    first: tuple[int, int, int, int] = (start, 0, -1, 0)
    reached = {first}
    frontier = [first]
    while frontier:
        position, mask, last, gap = frontier.pop()
        if position == end:
            if mask == full | learned:
                return True
            continue
        steps = [
            (stop, mask | piece, order, 0)
            for stop, piece in starts.get(position, ())
            if stop <= end
            and not mask & piece & full
            and _reordered_ok(last, order := _first_word(piece & full), gap)
        ]
        if position > start and filler(position):
            steps.append((position + 1, mask, last, gap + 1))
        for step in steps:
            if step not in reached:
                reached.add(step)
                frontier.append(step)
    return False


def _first_word(mask: int) -> int:
    """The index of the first of the term's content words a piece renders."""
    return (mask & -mask).bit_length() - 1


def _reordered_ok(last: int, order: int, gap: int) -> bool:
    """Whether a piece rendering the term's ``order``-th content word may follow one rendering
    its ``last``-th with ``gap`` function words between: always in the term's order, and in
    the other order only bound to it (a compound, an adjective, a genitive: ``Council
    regulation``, ``EU's external borders`` for ``verordening van de Raad``, ``buitengrenzen
    van de EU``). A prepositional phrase keeps its words' roles in their order, so a
    reordered one says something else (``mesures politiques pour la promotion``, policy
    measures for promotion, for ``bevordering van beleidsmaatregelen``)."""
    return last < 0 or order > last or gap <= REORDERED_GAP
