"""The passes over a side that count each word occurrence by its neighbours: after a verb
context (``we``) or a noun context (``the``), before a content word, after a degree word or a
form of "be". ``_count_contexts`` runs one pass per kind of evidence, the English ones only in
English; the rules (``verbs.py``, ``english.py``, ``dutch.py``) read the counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from tmtool.terms.sides import BREAK, Side
from tmtool.terms.vocabulary import Vocabulary
from tmtool.terms.word_classes.form_flags import (
    _adjective_like,
    _compound_heads,
    _inflected_forms,
    _ing_forms,
    _listed,
    _past_forms,
    _plain_forms,
)

#: languages whose adjectives stand before the noun, and whose nouns are seldom followed
#: directly by another content word (not French: ``politique agricole``; not Dutch: verbs close
#: clauses, ``dat zij samenwerking zoeken``)
PRENOMINAL_MODIFIERS = frozenset({"en"})
#: forms of English "be" before a progressive verb form (``was singing``): an -ing form seen
#: after them at least VERB_MIN_CONTEXTS times, in VERB_MIN_SHARE of its occurrences and
#: VERB_RATIO times as often as after a determiner (``the meeting``) is a verb form. An -ing
#: form before a determiner is not counted as a verb: a gerund with an object is how English
#: renders nouns (``strengthening the controls`` for Dutch ``versterking``)
EN_PROGRESSIVE_CONTEXTS = frozenset({"am", "is", "are", "was", "were", "be", "been"})
#: English nouns that grade adjectives and adverbs after the indefinite article, as a degree
#: word does (``a bit difficult``, ``a bit early``, ``a tad late``): a noun after them takes
#: ``of`` (``a bit of luck``), so a lower-case content word right after ``a bit`` is no noun.
#: Not ``little`` (``a little girl``) nor ``lot`` (``a parking lot``, ``a lot number``)
EN_DEGREE_NOUNS = frozenset({"bit", "tad"})
EN_INDEFINITE_ARTICLES = frozenset({"a"})


@dataclass
class _Contexts:
    """A side's word occurrences by what precedes and follows them (``mark_word_classes``)."""

    total: list[int]  # per lemma: all occurrences
    verbs: list[int]  # per lemma: after a verb context
    nouns: list[int]  # per lemma: after a noun context
    lowercase: list[int]  # per lemma: written in lower case
    modifying: list[int]  # per lemma: in lower case and followed directly by a content word
    verb_forms: list[int]  # per form: after a verb context
    noun_forms: list[int]  # per form: after a noun context (a verb's noun homograph)
    ing_uses: dict[int, list[int]]  # English -ing form: all, as verb, as noun
    heads: Counter[int]  # per lemma: after a determiner, no content word after (a head)
    adjective_like: bytearray  # per lemma: English adjective ending, or a word plus -ly
    graded: Counter[int]  # lemma in lower case right after a degree word (``very long``)
    attributive: Counter[int]  # lemma in lower case, uninflected, before a lower-case word
    with_object: Counter[int]  # lemma after a verb context and before a determiner
    predicative: Counter[int]  # English lemma written as itself in lower case, after a copula
    bare_uses: Counter[int]  # English lemma written as itself in lower case

    @classmethod
    def empty(cls, vocab: Vocabulary, adjective_like: bytearray) -> _Contexts:
        """No occurrence counted yet (``_count_contexts`` fills it)."""
        lemmas, forms = len(vocab.lemmas), len(vocab.surfaces)
        return cls(
            *([0] * lemmas for _ in range(5)),
            verb_forms=[0] * forms,
            noun_forms=[0] * forms,
            ing_uses=defaultdict(lambda: [0, 0, 0]),
            heads=Counter(),
            adjective_like=adjective_like,
            graded=Counter(),
            attributive=Counter(),
            with_object=Counter(),
            predicative=Counter(),
            bare_uses=Counter(),
        )


def _context_kinds(vocab: Vocabulary) -> bytearray:
    """Per form, what it makes of the next word: 1 a verb context (``we``), 2 a noun context
    (``the``), 3 an infinitive marker (``to``), 4 a degree word (``very``), 0 nothing."""
    verb_contexts, noun_contexts = vocab.lang.verb_contexts, vocab.lang.noun_contexts
    markers, degree = vocab.lang.infinitive_markers, vocab.lang.degree_words
    kinds = bytearray(
        1
        if surface.lower() in verb_contexts
        else 2
        if surface.lower() in noun_contexts
        else 3
        if surface.lower() in markers
        else 4
        if surface.lower() in degree
        else 0
        for surface in vocab.surfaces
    )
    if vocab.lang.infinitives_as_lemmas:
        # an adjective is a noun context too (``wederzijds vertrouwen``): a word whose lemma
        # has forms that never end a term, written in lower case
        not_last, lemma_of = vocab.not_last, vocab.lemma_of
        for surface_id, surface in enumerate(vocab.surfaces):
            if not kinds[surface_id] and lemma_of[surface_id] in not_last and surface.islower():
                kinds[surface_id] = 2
    return kinds


def _count_contexts(side: Side, kinds: bytearray) -> _Contexts:
    """Count every word occurrence of the side by its context: one pass over its words for
    each kind of evidence, the last two only in the languages they serve."""
    vocab = side.vocab
    english = vocab.lang.code == "en"
    initial_lower = bytearray(surface[:1].islower() for surface in vocab.surfaces)
    # English: after a form of "be" (``is``, ``was``)
    progressive = _listed(vocab, EN_PROGRESSIVE_CONTEXTS if english else frozenset())
    contexts = _Contexts.empty(vocab, _adjective_like(vocab, english))
    _count_verb_and_noun_contexts(side, kinds, initial_lower, progressive, english, contexts)
    if vocab.lang.code in PRENOMINAL_MODIFIERS:
        _count_modifier_uses(side, initial_lower, contexts)
    if english:
        _count_bare_uses(side, progressive, contexts)
    return contexts


def _count_verb_and_noun_contexts(
    side: Side,
    kinds: bytearray,
    initial_lower: bytearray,
    progressive: bytearray,
    english: bool,
    contexts: _Contexts,
) -> None:
    """Count each lemma's occurrences, and those where the word before makes it a verb or a
    noun (``kinds``; before an object or a separable particle, a verb), graded by a degree
    word, a head (no content word after), a verb with an object, an -ing form's uses: what
    tells a verb from a noun and an adjective (``_mark_verbs``, ``_mark_infinitives``,
    ``_mark_english_forms``)."""
    vocab = side.vocab
    lemma_of, edge_ok, words, starts = vocab.lemma_of, vocab.edge_ok, side.words, side.starts
    counts = [contexts.total, contexts.verbs, contexts.nouns]
    total = contexts.total
    by_form = [[], contexts.verb_forms, contexts.noun_forms]
    ing_uses, heads, graded = contexts.ing_uses, contexts.heads, contexts.graded
    with_object = contexts.with_object
    ing_form = _ing_forms(vocab, english)
    # English ``a bit``, ``a tad`` (EN_DEGREE_NOUNS): they grade the next word as ``very`` does
    degree_noun = _listed(vocab, EN_DEGREE_NOUNS if english else frozenset())
    indefinite = _listed(vocab, EN_INDEFINITE_ARTICLES if english else frozenset())
    before_object = _listed(vocab, vocab.lang.verb_objects)
    # a separable verb's particle and what may follow it at its clause's end (Dutch ``roepen op
    # tot``): the word before them is the particle's finite verb
    particle = _listed(vocab, vocab.lang.separable_particles)
    after_particle = _listed(vocab, vocab.lang.after_separable)
    inflected = _inflected_forms(vocab, english)
    # Dutch modals, and the prepositions after which a clause-final infinitive may stand
    modal = _listed(vocab, vocab.lang.modals)
    preposition = _listed(
        vocab, vocab.lang.inside - vocab.lang.noun_contexts - vocab.lang.coordinators
    )
    infinitive_form = bytearray(
        surface.endswith("en") and surface[:1].islower() for surface in vocab.surfaces
    )
    for unit in range(side.size):
        previous = before = BREAK  # a unit's first word follows nothing
        end = starts[unit + 1]
        for position in range(starts[unit], end):
            word = words[position]
            if word >= 0:
                lemma = lemma_of[word]
                total[lemma] += 1
                after = words[position + 1] if position + 1 < end else BREAK
                content_after = after >= 0 and edge_ok[lemma_of[after]]
                kind = kinds[previous] if previous >= 0 else 0
                if kind == 3:
                    # ``to``: a verb when written in lower case (``to Hungary``) and followed
                    # by no content word (``to export refunds`` may be a noun compound)
                    kind = 1 if initial_lower[word] and not content_after else 0
                elif kind == 4:
                    # ``very long``, ``too difficult``; not ``the very heart``, where ``very``
                    # is an adjective itself
                    if initial_lower[word] and (before < 0 or kinds[before] != 2):
                        graded[lemma] += 1
                    kind = 0
                elif (
                    previous >= 0
                    and degree_noun[previous]
                    and before >= 0
                    and indefinite[before]
                    and initial_lower[word]
                ):
                    graded[lemma] += 1  # ``a bit difficult``
                if (
                    not kind
                    and previous >= 0
                    and modal[previous]
                    and infinitive_form[word]
                    and (after < 0 or preposition[after])
                ):
                    kind = 1  # ``moet bijdragen aan``: the infinitive after a modal
                if not kind and after >= 0 and before_object[after]:
                    kind = 1  # ``drag me``: a verb before its object
                elif (
                    not kind
                    and after >= 0
                    and particle[after]
                    and position + 2 < end
                    and words[position + 2] >= 0
                    and after_particle[words[position + 2]]
                ):
                    kind = 1  # ``komen overeen om``: a finite verb before its particle
                if kind:
                    counts[kind][lemma] += 1
                    by_form[kind][word] += 1
                    if kind == 1 and inflected[word] and after >= 0 and kinds[after] == 2:
                        with_object[lemma] += 1  # ``it slips my mind``
                if ing_form[word]:
                    uses = ing_uses[word]
                    uses[0] += 1
                    uses[1] += previous >= 0 and progressive[previous]
                    uses[2] += kind == 2
                elif kind == 2 and not content_after:
                    heads[lemma] += 1
            before, previous = previous, word


def _count_modifier_uses(side: Side, initial_lower: bytearray, contexts: _Contexts) -> None:
    """Count each lemma's lower-case occurrences, those followed directly by a content word,
    and those that modify the next word (``attributive``): in a language whose modifiers stand
    before the noun (``PRENOMINAL_MODIFIERS``), a word mostly written before another content
    word is a modifier, not a term's head (``_mark_modifiers``)."""
    vocab = side.vocab
    lemma_of, edge_ok, words, starts = vocab.lemma_of, vocab.edge_ok, side.words, side.starts
    lowercase, modifying = contexts.lowercase, contexts.modifying
    attributive = contexts.attributive
    plain = _plain_forms(vocab)
    past_form = _past_forms(vocab, vocab.lang.code == "en")
    compound_head = _compound_heads(vocab, initial_lower)
    for unit in range(side.size):
        unit_words = words[starts[unit] : starts[unit + 1]]
        afters = unit_words[1:]
        afters.append(BREAK)  # a unit's last word precedes nothing
        previous = BREAK  # and its first follows nothing
        # not strict: an empty unit has one ``after``, no word
        for word, after in zip(unit_words, afters, strict=False):
            if word >= 0 and initial_lower[word]:
                lemma = lemma_of[word]
                content_after = after >= 0 and edge_ok[lemma_of[after]]
                lowercase[lemma] += 1
                modifying[lemma] += content_after
                if (
                    content_after
                    and plain[word]
                    and initial_lower[after]
                    and not past_form[after]
                    and not (previous >= 0 and compound_head[previous])
                ):
                    attributive[lemma] += 1
            previous = word


def _count_bare_uses(side: Side, progressive: bytearray, contexts: _Contexts) -> None:
    """Count the English lemmas written as themselves, in all and after a form of ``be``: a
    word mostly written so after ``is`` is an adjective (``is quiet``), not a noun or a verb
    (``_mark_english_forms``)."""
    vocab = side.vocab
    lemma_of, words, starts = vocab.lemma_of, side.words, side.starts
    bare_uses, predicative = contexts.bare_uses, contexts.predicative
    bare = bytearray(
        surface == vocab.lemmas[vocab.lemma_of[surface_id]]
        for surface_id, surface in enumerate(vocab.surfaces)
    )
    for unit in range(side.size):
        previous = BREAK  # a unit's first word follows nothing
        for word in words[starts[unit] : starts[unit + 1]]:
            if word >= 0 and bare[word]:
                lemma = lemma_of[word]
                bare_uses[lemma] += 1
                predicative[lemma] += previous >= 0 and progressive[previous]
            previous = word
