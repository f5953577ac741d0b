"""Dutch verb forms and adjectives the memory shows beyond what simplemma reads: a separable
verb's joined infinitive (``voortzetten``, from ``voort te zetten``), an infinitive simplemma
reads as a noun's plural (``vormen``), words with an adjective suffix (``uiteindelijk``) and
adjectives the memory writes uninflected before a neuter noun (``op hoog niveau``).
"""

from __future__ import annotations

from collections import Counter

from tmtool.terms.sides import BREAK, Side
from tmtool.terms.vocabulary import Vocabulary
from tmtool.terms.word_classes.contexts import _Contexts
from tmtool.terms.word_classes.english import MODIFIER_FEW_OCCURRENCES, MODIFIER_SHARE
from tmtool.terms.word_classes.form_flags import ADJECTIVE_MIN_CHARS, _listed
from tmtool.terms.word_classes.verbs import INFINITIVE_NOUN_SHARE

#: Dutch adjective suffixes (``uiteindelijk``, ``noodzakelijk``, ``terroristisch``,
#: ``bruikbaar``, ``werkzaam``): a lower-case word of at least ADJECTIVE_MIN_CHARS letters whose
#: lemma ends in one is an adjective or adverb, never a term's head, so no term ends with it
#: (``terroristische dreiging`` starts with one); no Dutch noun is made with them, and the memory
#: may hold only the uninflected form that ``settle_odd_forms`` would need
NL_ADJECTIVE_ENDINGS = ("lijk", "isch", "baar", "zaam")

#: Dutch articles every infinitive takes as a verbal noun (``het opsporen``): after one, a
#: separable verb's joined infinitive (``_mark_separable_infinitives``) is still that verb
VERBAL_NOUN_ARTICLES = frozenset({"het"})


def _mark_separable_infinitives(side: Side, contexts: _Contexts) -> None:
    """Mark the forms, in either case, that join a separable verb's particle and the infinitive
    the memory writes after ``particle + te`` (``voort te zetten`` → ``Voortzetten``, ``op te
    sporen`` → ``opsporen``), unless their word stands after a determiner or an adjective in
    ``INFINITIVE_NOUN_SHARE`` of its occurrences (``de voorstellen`` beside ``voor te
    stellen``). Dutch splits such a verb only as an infinitive with ``te`` (and in main
    clauses), so a form spelled as the joined infinitive is that verb (the heading verb
    ``Voortzetten van ...``); a nominalised one mostly after ``het`` stays a noun by the share.
    simplemma knows few such compounds, and ``infinitive_like`` asks lower case."""
    vocab = side.vocab
    lang = vocab.lang
    particles = _listed(vocab, lang.separable_particles)
    markers = _listed(vocab, lang.infinitive_markers)
    surfaces, words, starts = vocab.surfaces, side.words, side.starts
    joined: set[str] = set()
    for unit in range(side.size):
        # the middle word of each three within the unit: ``te`` between particle and verb
        for position in range(starts[unit] + 1, starts[unit + 1] - 1):
            marker = words[position]
            if marker < 0 or not markers[marker]:
                continue
            particle, verb = words[position - 1], words[position + 1]
            if (
                particle >= 0
                and verb >= 0
                and particles[particle]
                and surfaces[verb].endswith("en")
                and surfaces[verb][:1].islower()
            ):
                joined.add(surfaces[particle].lower() + surfaces[verb])
    if not joined:
        return
    total, nouns, lemma_of = contexts.total, contexts.nouns, vocab.lemma_of
    forms = {
        surface_id
        for surface_id, surface in enumerate(surfaces)
        if surface.lower() in joined and vocab.edge_ok[lemma_of[surface_id]]
    }
    nouns = _not_verbal_noun_uses(side, forms, nouns)
    vocab.verbs.update(
        surface_id
        for surface_id in forms
        if nouns[lemma_of[surface_id]] < INFINITIVE_NOUN_SHARE * total[lemma_of[surface_id]]
    )


def _not_verbal_noun_uses(side: Side, forms: set[int], nouns: list[int]) -> list[int]:
    """``nouns`` (per lemma, its uses after a noun context) less, for the forms among ``forms``
    written as their own lemma (the infinitive ``opsporen``), their uses after an article every
    Dutch infinitive takes as a verbal noun (``VERBAL_NOUN_ARTICLES``: ``het opsporen en
    verwijderen van``): such a use shows the verb, not a noun. A noun the form is a plural of
    (``de voorstellen`` of ``voorstel``) keeps all its uses."""
    vocab = side.vocab
    lemma_of, surfaces, lemmas = vocab.lemma_of, vocab.surfaces, vocab.lemmas
    own = {form for form in forms if surfaces[form].lower() == lemmas[lemma_of[form]]}
    if not own:
        return nouns
    article = _listed(vocab, VERBAL_NOUN_ARTICLES)
    words, starts = side.words, side.starts
    nouns = list(nouns)
    for unit in range(side.size):
        for position in range(starts[unit] + 1, starts[unit + 1]):
            word = words[position]
            if word in own and words[position - 1] >= 0 and article[words[position - 1]]:
                nouns[lemma_of[word]] -= 1
    return nouns


def _mark_verb_plurals(side: Side) -> None:
    """Mark the forms in -en that simplemma reads as a noun's plural (``vormen`` → ``vorm``)
    while the memory writes the verb they are also the infinitive of (``vormt`` → ``vormen``,
    a verb form), unless the form itself stands after a determiner, an adjective (in either
    case: ``Europese boeren``) or a preposition (``van boeren``) in ``INFINITIVE_NOUN_SHARE``
    of its occurrences, as a noun does. A Dutch infinitive is its plural present too (``die een
    bedreiging vormen``), and ``infinitive_like`` needs the form to be its own lemma."""
    vocab = side.vocab
    lang = vocab.lang
    verb_lemmas = {vocab.lemma_of[surface_id] for surface_id in vocab.verbs}
    lemma_ids, lemma_of = vocab.lemma_ids, vocab.lemma_of
    wanted = {
        surface_id
        for surface_id, surface in enumerate(vocab.surfaces)
        if surface.endswith("en")
        and surface[:1].islower()
        and surface_id not in vocab.verbs
        and vocab.edge_ok[lemma_of[surface_id]]
        and lemma_ids.get(surface, -1) in verb_lemmas
        and lemma_ids[surface] != lemma_of[surface_id]
    }
    if not wanted:
        return
    opens = _listed(vocab, lang.noun_contexts | (lang.inside - lang.coordinators))
    not_last = vocab.not_last
    uses: Counter[int] = Counter()
    as_noun: Counter[int] = Counter()
    words, starts = side.words, side.starts
    for unit in range(side.size):
        previous = BREAK
        for position in range(starts[unit], starts[unit + 1]):
            word = words[position]
            if word in wanted:
                uses[word] += 1
                as_noun[word] += previous >= 0 and (
                    opens[previous] or lemma_of[previous] in not_last
                )
            previous = word
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


def _mark_dutch_attributives(side: Side) -> None:
    """Mark as never ending a term the Dutch words the memory writes, in
    ``MODIFIER_SHARE`` of their occurrences (at least ``MODIFIER_FEW_OCCURRENCES``), uninflected
    in lower case right before a lower-case noun, and whose attributive form in -e the
    dictionary knows (``Language.inflects_as_adjective``): an adjective before a neuter noun
    (``op hoog niveau``, ``een hoog niveau``), which takes no -e there, so the memory may hold no
    inflected form for ``settle_odd_forms`` to read. A noun seldom stands right before another
    lower-case noun in Dutch, which writes compounds as one word; the dictionary's -e form keeps
    out the nouns before a verb at a clause's end (``dat de lidstaten maatregelen nemen``)."""
    vocab = side.vocab
    lemma_of, edge_ok, not_last, verbs = vocab.lemma_of, vocab.edge_ok, vocab.not_last, vocab.verbs
    lemmas, surfaces = vocab.lemmas, vocab.surfaces
    plain = bytearray(
        surface == lemmas[lemma_of[surface_id]]
        and surface.islower()
        and edge_ok[lemma_of[surface_id]]
        and lemma_of[surface_id] not in not_last
        and surface_id not in verbs
        for surface_id, surface in enumerate(surfaces)
    )
    noun = bytearray(
        surface[:1].islower()
        and edge_ok[lemma_of[surface_id]]
        and surface_id not in verbs
        and not vocab.number[lemma_of[surface_id]]
        for surface_id, surface in enumerate(surfaces)
    )
    before_noun: Counter[int] = Counter()
    words, starts = side.words, side.starts
    for unit in range(side.size):
        for position in range(starts[unit], starts[unit + 1] - 1):
            word, after = words[position], words[position + 1]
            if word >= 0 and plain[word] and after >= 0 and noun[after]:
                before_noun[lemma_of[word]] += 1
    if not before_noun:
        return
    total: Counter[int] = Counter(
        lemma_of[w] for w in words if w >= 0 and lemma_of[w] in before_noun
    )
    vocab.not_last.update(
        lemma
        for lemma, count in before_noun.items()
        if count >= MODIFIER_FEW_OCCURRENCES
        and count >= MODIFIER_SHARE * total[lemma]
        and vocab.lang.inflects_as_adjective(lemmas[lemma])
    )
