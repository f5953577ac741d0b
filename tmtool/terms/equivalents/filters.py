"""The checks that drop a term's rendering, or score it down, as no translation of it.

A term without a conjunction is not rendered by a coordination (``coordinated_filter``); a
rendering that is the source's own words cut short or run on is scored down (``string_part``),
and a one-word piece copied from a compound goes after whole phrases (``copied_piece``); a
neighbouring name copied into a rendering is trimmed off (``trim_copied_names``); a term in only
two units needs the encoder's agreement (``unlike``); renderings seen only in units whose
alignment is doubtful are dropped (``drop_unsure``).
"""

from __future__ import annotations

from collections.abc import Callable

from tmtool.terms.candidates import coordinator_ids
from tmtool.terms.corpus import Side
from tmtool.terms.equivalents.association import Found, Key, Scorer, fold, folded_words
from tmtool.terms.equivalents.parts import MIN_HEAD_CHARS
from tmtool.terms.equivalents.variants import one_word
from tmtool.terms.phrases import PhraseIndex, overlaps

#: a term in at most this many units needs an encoder cosine of at least MIN_TWO_UNIT_COSINE
#: with its rendering (``unlike``); of the two-unit pairs in the judged top 100s, 6 of 82
#: wrong ones are under 0.15, 1 of 162 right ones (0.2 took 12 wrong and 3 right, too many)
TWO_UNITS = 2
MIN_TWO_UNIT_COSINE = 0.15
#: expected rightly aligned units a rendering needs, when units carry a confidence
#: (``drop_unsure``): nearly two. 1.4-1.45 give the same lists on the Europarl, DPC/DCEP and
#: seed memories; 1.3 keeps ``opt-outs → allowing`` (1.31), 1.5 drops the seeds'
#: ``dienstverleners → service providers`` (1.49), 1.6 costs Europarl recall (RESULTS.md)
MIN_SUPPORT = 1.4
#: share of a rendering's occurrences in which an edge word copies a source word outside the
#: term, for the word to be a neighbouring name taken in (``trim_copied_names``)
COPIED_SHARE = 0.5


def string_part(source: str, target: str) -> bool:
    """Whether one text is the other's words with some left out (accents and case aside):
    ``Piola`` for ``Michel Piola``, ``Chagaran`` for ``Chagaran-Gletscher``, ``section Bernina``
    for ``Bernina``. Written the same, the words are the same name, so the rendering has lost
    part of it or taken in a neighbour. A word counts as the same when one starts the other
    with an ending of at most two letters (``variants.one_word``): an inflected or derived form
    of a name (``visegrádi`` for ``Visegrád Group``, ``Skaftafelli`` for ``Skaftafell national
    park``) leaves the other words out just as well."""
    a, b = folded_words(source), folded_words(target)
    if len(a) == len(b) or not a or not b:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    size = len(short)

    def same(x: str, y: str) -> bool:
        return x == y or one_word(x, y)

    for i in range(len(long) - size + 1):
        if all(same(x, y) for x, y in zip(short, long[i : i + size], strict=True)):
            return True
    # a name in another order keeps its words: ``Demszky Gábor`` for ``Budapest Mayor Gábor
    # Demszky`` has lost the title
    return size > 1 and set(short) < set(long)


def copied_piece(source: str, target: str) -> bool:
    """Whether a one-word phrase is written as the start or the end of a one-word source term
    and leaves out more than ``MIN_HEAD_CHARS`` letters, a word of their own: ``internet`` of
    ``internetproviders`` copies one part of the compound and leaves the other untranslated.
    Four letters or fewer are as often a derivational ending (``modernise`` before the ``-ring``
    of ``modernisering``)."""
    a, b = folded_words(source), folded_words(target)
    if len(a) != 1 or len(b) != 1:
        return False
    whole, piece = a[0], b[0]
    return (
        len(piece) >= MIN_HEAD_CHARS
        and len(whole) - len(piece) > MIN_HEAD_CHARS
        and (whole.startswith(piece) or whole.endswith(piece))
    )


def drop_unsure(result: dict[Key, list[Found]]) -> None:
    """Drop renderings whose units are too unsure of their alignment to show them twice.

    A rendering needs two units; when the memory says how sure each unit's alignment is (the
    aligner's calibrated confidence, the probability that the unit pairs the right sentences,
    weighed by how parallel its document is: ``corpus.weigh_units``), the expected number of
    rightly aligned units among them must reach ``MIN_SUPPORT``. In loosely parallel texts a
    word of a neighbouring sentence co-occurs with a rare term in two doubtful units (``uur`` →
    ``working week``, units at 0.8 and 0.5); a rendering seen in two sure units, or in more
    doubtful ones, stays. Without a main rendering the term has none in this language. Units
    without a confidence count as sure, so memories imported without scores are unaffected."""
    for key in list(result):
        found = result[key]
        if found[0].units >= 2 and found[0].support < MIN_SUPPORT:
            del result[key]
            continue
        found[1:] = [f for f in found[1:] if f.units < 2 or f.support >= MIN_SUPPORT]


def coordinated_filter(source: Side, target: Side) -> Callable[[Key, Key], bool]:
    """``ok(term, phrase)``: False when the phrase holds a coordinating conjunction (``et``,
    ``and``) and the term none: ``politique familiale et fiscale`` renders two terms, not
    ``belastingbeleid``. Languages without a list of conjunctions are not checked."""

    in_source, in_target = coordinator_ids(source.vocab), coordinator_ids(target.vocab)

    def ok(term: Key, phrase: Key) -> bool:
        return not in_target.intersection(phrase) or bool(in_source.intersection(term))

    return ok


#: Dutch nouns made from -iseren verbs (``modernisering``, ``harmonisering``,
#: ``privatisering``) and the endings of their verbs' cognates in the target languages
#: (``moderniser``, ``modernise``, ``modernize``, ``modernizar``, ``modernisieren``): the
#: noun's rendering is the target's noun (``modernisation``), never the verb, which stands in
#: its units only where the translator turned the phrase round (``pour moderniser``)
NOUN_OF_ISING_VERB = ("isering", "iseringen")
ISING_VERB_ENDINGS = ("iser", "ise", "ize", "izar", "isar", "izzare", "isieren")


def verb_for_noun(source_lang: str, source: str, target: str) -> bool:
    """Whether a one-word rendering of a Dutch -isering noun is its verb's cognate."""
    return (
        source_lang == "nl"
        and source.lower().endswith(NOUN_OF_ISING_VERB)
        and " " not in target
        and target.lower().endswith(ISING_VERB_ENDINGS)
    )


def unlike(scorer: Scorer, source: str, target: str) -> bool:
    """Whether the encoder, when there is one, finds a term and its rendering unrelated
    (cosine under ``MIN_TWO_UNIT_COSINE``). In a term's only two units, Dice, strings and
    rivals cannot tell the rendering from any other phrase the two target sides share
    (``Nichtmitglieder`` → ``cahier``); the encoder's view is then the only evidence left."""
    return scorer.embed is not None and scorer.cosine(source, target) < MIN_TWO_UNIT_COSINE


def trim_copied_names(
    source: Side,
    side: Side,
    chosen: dict[Key, Key],
    samples: dict[Key, list[int]],
    association: dict[Key, dict[Key, float]],
) -> None:
    """Drop from a rendering's edges the capitalised words that the source units write,
    letter for letter, outside the term (in ``COPIED_SHARE`` of the rendering's occurrences):
    a neighbouring name taken in, not a translation (``Mexican Ambassador`` → ``Martinez
    Hernandez mexikói nagykövet`` when the units name the ambassador next to the title). Words
    the term holds stay (``south side of Tortuga`` → ``Tortuga déli``). When nothing is left
    (``publisher`` → ``Freed``), the term's most associated phrase that keeps a word takes its
    place, if any."""
    for key, phrase in list(chosen.items()):
        trimmed = _without_copied_names(source, side, key, phrase, samples[key])
        if trimmed == phrase:
            continue
        others = sorted(association[key].items(), key=lambda item: (-item[1], item[0]))
        for other, _ in others:
            if trimmed is not None:
                break
            if not overlaps(other, phrase):
                trimmed = _without_copied_names(source, side, key, other, samples[key])
        if trimmed is None:
            del chosen[key]
        else:
            chosen[key] = trimmed


def _without_copied_names(
    source: Side, side: Side, key: Key, phrase: Key, units: list[int]
) -> Key | None:
    """``phrase`` without the copied edge names of ``trim_copied_names``; None when no
    content word is left at its edges."""
    copied, seen = _copied_words(source, side, key, phrase, units)
    vocab = side.vocab
    needed = max(1, COPIED_SHARE * seen)
    first, last = 0, len(phrase)
    while first < last and copied[first] >= needed:
        first += 1
    while last > first and copied[last - 1] >= needed:
        last -= 1
    if any(copied[offset] >= needed for offset in range(first, last)):
        return None  # a name inside the rendering: the term is part of a longer one
    if (first, last) == (0, len(phrase)):
        return phrase
    while first < last and not vocab.edge_ok[phrase[first]]:
        first += 1
    while last > first and (
        not vocab.edge_ok[phrase[last - 1]] or phrase[last - 1] in vocab.not_last
    ):
        last -= 1
    return phrase[first:last] if first < last else None


def _copied_words(
    source: Side, side: Side, key: Key, phrase: Key, units: list[int]
) -> tuple[list[int], int]:
    """For each word of ``phrase``, how often it is a capitalised content word that the source
    unit writes, accents and case aside, outside the term; and the occurrences counted."""
    vocab, surfaces, source_surfaces = side.vocab, side.vocab.surfaces, source.vocab.surfaces
    copied = [0] * len(phrase)
    seen = 0
    term_index, phrase_index = PhraseIndex([key]), PhraseIndex([phrase])
    content = [vocab.edge_ok[lemma] for lemma in phrase]  # not ``DE`` of ``EXPLICATION DE VOTE``
    for unit in units:
        found = list(phrase_index.find(side.lemma_ids(unit)))
        if not found:
            continue
        seen += len(found)
        targets = side.surface_ids(unit)
        capitals = [
            (offset, fold(surface))
            for _, start, _ in found
            for offset in range(len(phrase))
            if content[offset] and (surface := surfaces[targets[start + offset]])[:1].isupper()
        ]
        if not capitals:
            # most renderings are lower-case words: the source side need not be read (folding
            # its every word took a tenth of a large memory's learning)
            continue
        words = source.surface_ids(unit)
        inside = set()
        for _, start, end in term_index.find(source.lemma_ids(unit)):
            inside.update(fold(source_surfaces[words[i]]) for i in range(start, end))
        # a part of the term's own words (``Gasherbrum`` of ``Gasherbrum-Gletschers``) is no
        # neighbour
        own = " ".join(inside)
        outside = {f for w in words if w >= 0 and (f := fold(source_surfaces[w])) not in own}
        for offset, folded in capitals:
            if folded in outside:
                copied[offset] += 1
    return copied, seen
