"""Dutch verb forms and adjectives the memory shows beyond what simplemma reads: a separable
verb's joined infinitive (``voortzetten``, from ``voort te zetten``), an infinitive simplemma
reads as a noun's plural (``vormen``), and words with an adjective suffix (``uiteindelijk``).
"""

from __future__ import annotations

from collections import Counter

from tmtool.terms.sides import BREAK, Side
from tmtool.terms.vocabulary import Vocabulary
from tmtool.terms.word_classes.contexts import _Contexts
from tmtool.terms.word_classes.form_flags import ADJECTIVE_MIN_CHARS, _listed
from tmtool.terms.word_classes.verbs import INFINITIVE_NOUN_SHARE

#: Dutch adjective suffixes (``uiteindelijk``, ``noodzakelijk``, ``terroristisch``,
#: ``bruikbaar``, ``werkzaam``): a lower-case word of at least ADJECTIVE_MIN_CHARS letters whose
#: lemma ends in one is an adjective or adverb, never a term's head, so no term ends with it
#: (``terroristische dreiging`` starts with one); no Dutch noun is made with them, and the memory
#: may hold only the uninflected form that ``settle_odd_forms`` would need
NL_ADJECTIVE_ENDINGS = ("lijk", "isch", "baar", "zaam")


def _mark_dutch_verbs(side: Side, contexts: _Contexts) -> None:
    """Mark the Dutch verb forms simplemma misses: separable verbs' joined infinitives
    (``_mark_separable_infinitives``), then infinitives read as plurals (``_mark_verb_plurals``).
    Both read each word with its neighbours, so one walk over the side (``_dutch_verb_uses``)
    collects what both need."""
    vocab = side.vocab
    maybe_plurals = _maybe_verb_plurals(vocab)
    joined, uses, as_noun = _dutch_verb_uses(side, maybe_plurals)
    _mark_separable_infinitives(vocab, contexts, joined)
    _mark_verb_plurals(vocab, maybe_plurals, uses, as_noun)


def _maybe_verb_plurals(vocab: Vocabulary) -> set[int]:
    """The forms ``_mark_verb_plurals`` may mark, as far as known before any verb is: lower-case
    content words in -en spelled as another lemma than their own (``vormen``, lemma ``vorm``)."""
    lemma_ids, lemma_of = vocab.lemma_ids, vocab.lemma_of
    return {
        surface_id
        for surface_id, surface in enumerate(vocab.surfaces)
        if surface.endswith("en")
        and surface[:1].islower()
        and vocab.edge_ok[lemma_of[surface_id]]
        and lemma_ids.get(surface, lemma_of[surface_id]) != lemma_of[surface_id]
    }


def _dutch_verb_uses(
    side: Side, maybe_plurals: set[int]
) -> tuple[set[str], Counter[int], Counter[int]]:
    """One walk over the side: the joined infinitives the memory writes as ``particle + te +
    infinitive`` (``voort te zetten`` → ``voortzetten``), and for each of ``maybe_plurals`` its
    uses and those after a determiner, an adjective or a preposition (as a noun)."""
    vocab = side.vocab
    lang = vocab.lang
    particles = _listed(vocab, lang.separable_particles)
    markers = _listed(vocab, lang.infinitive_markers)
    opens = _listed(vocab, lang.noun_contexts | (lang.inside - lang.coordinators))
    surfaces, lemma_of, not_last = vocab.surfaces, vocab.lemma_of, vocab.not_last
    words, starts = side.words, side.starts
    joined: set[str] = set()
    uses: Counter[int] = Counter()
    as_noun: Counter[int] = Counter()
    for unit in range(side.size):
        previous = BREAK  # a unit's first word follows nothing
        end = starts[unit + 1]
        for position in range(starts[unit], end):
            word = words[position]
            if word < 0:
                previous = word
                continue
            if word in maybe_plurals:
                uses[word] += 1
                as_noun[word] += previous >= 0 and (
                    opens[previous] or lemma_of[previous] in not_last
                )
            # ``te`` between a particle and an infinitive, all three within the unit
            if markers[word] and previous >= 0 and particles[previous] and position + 1 < end:
                verb = words[position + 1]
                if verb >= 0 and surfaces[verb].endswith("en") and surfaces[verb][:1].islower():
                    joined.add(surfaces[previous].lower() + surfaces[verb])
            previous = word
    return joined, uses, as_noun


def _mark_separable_infinitives(vocab: Vocabulary, contexts: _Contexts, joined: set[str]) -> None:
    """Mark the forms, in either case, that join a separable verb's particle and the infinitive
    the memory writes after ``particle + te`` (``joined``: ``voort te zetten`` → ``Voortzetten``,
    ``op te sporen`` → ``opsporen``), unless their word stands after a determiner or an adjective
    in ``INFINITIVE_NOUN_SHARE`` of its occurrences (``de voorstellen`` beside ``voor te
    stellen``). Dutch splits such a verb only as an infinitive with ``te`` (and in main
    clauses), so a form spelled as the joined infinitive is that verb (the heading verb
    ``Voortzetten van ...``); a nominalised one mostly after ``het`` stays a noun by the share.
    simplemma knows few such compounds, and ``infinitive_like`` asks lower case."""
    if not joined:
        return
    total, nouns, lemma_of = contexts.total, contexts.nouns, vocab.lemma_of
    vocab.verbs.update(
        surface_id
        for surface_id, surface in enumerate(vocab.surfaces)
        if surface.lower() in joined
        and vocab.edge_ok[lemma_of[surface_id]]
        and nouns[lemma_of[surface_id]] < INFINITIVE_NOUN_SHARE * total[lemma_of[surface_id]]
    )


def _mark_verb_plurals(
    vocab: Vocabulary, maybe_plurals: set[int], uses: Counter[int], as_noun: Counter[int]
) -> None:
    """Mark the forms in -en that simplemma reads as a noun's plural (``vormen`` → ``vorm``)
    while the memory writes the verb they are also the infinitive of (``vormt`` → ``vormen``,
    a verb form), unless the form itself stands after a determiner, an adjective (in either
    case: ``Europese boeren``) or a preposition (``van boeren``) in ``INFINITIVE_NOUN_SHARE``
    of its occurrences (``as_noun`` of ``uses``), as a noun does. A Dutch infinitive is its
    plural present too (``die een bedreiging vormen``), and ``infinitive_like`` needs the form
    to be its own lemma."""
    verb_lemmas = {vocab.lemma_of[surface_id] for surface_id in vocab.verbs}
    lemma_ids, surfaces = vocab.lemma_ids, vocab.surfaces
    wanted = {
        surface_id
        for surface_id in maybe_plurals
        if surface_id not in vocab.verbs and lemma_ids[surfaces[surface_id]] in verb_lemmas
    }
    vocab.verbs.update(s for s in wanted if as_noun[s] < INFINITIVE_NOUN_SHARE * uses[s])


def _mark_dutch_adjectives(vocab: Vocabulary) -> None:
    """Mark as never ending a term the lower-case Dutch words with an adjective suffix
    (``NL_ADJECTIVE_ENDINGS``: ``uiteindelijk``, ``noodzakelijk``)."""
    vocab.not_last.update(
        lemma_id
        for lemma_id, lemma in enumerate(vocab.lemmas)
        if len(lemma) >= ADJECTIVE_MIN_CHARS
        and lemma.islower()
        and lemma.endswith(NL_ADJECTIVE_ENDINGS)
        and vocab.edge_ok[lemma_id]
    )
