"""Which forms are verbs, from the counts of what precedes them (``contexts.py``): a word more
often after a verb context (``we take``) than after a noun context (``the war``) is a verb, and
in Dutch a form that looks like its own lemma's infinitive is one unless mostly used as a noun.
A verb form starts no term and stands in none.
"""

from __future__ import annotations

from tmtool.terms.vocabulary import Vocabulary
from tmtool.terms.word_classes.contexts import _Contexts

#: a content word seen at least VERB_MIN_CONTEXTS times right after a verb context (``we``,
#: ``will``), in at least VERB_MIN_SHARE of its occurrences, and more than VERB_RATIO times as
#: often as after a noun context (``the``) is a verb (a name is seldom after ``the`` but also
#: seldom after ``it``: ``eurasia`` 2 times in 37)
VERB_MIN_CONTEXTS = 2
VERB_MIN_SHARE = 0.1
VERB_RATIO = 1.5
#: an infinitive-like form (``Language.infinitive_like``) is a noun when its word stands after a
#: noun context (a determiner; in Dutch also a lower-case adjective) in this share of its
#: occurrences; an English adjective-like word (``EN_ADJECTIVE_ENDINGS``) is a head when it does
INFINITIVE_NOUN_SHARE = 0.25


def _mark_verbs(vocab: Vocabulary, contexts: _Contexts) -> None:
    """Mark the forms of words seen more often after a verb context than after a noun one."""
    total, verbs, nouns = contexts.total, contexts.verbs, contexts.nouns
    edge_ok, lemma_of = vocab.edge_ok, vocab.lemma_of
    # an inflected English form between a verb context and a determiner (``it slips my
    # mind``, ``he swore an oath``) is a finite verb before its object: the use counts twice
    # for a word never seen after a determiner: one such use reaches VERB_MIN_CONTEXTS. A bare
    # form is not counted: it is as often a noun (``to change our``, ``waste paper``)
    with_object = contexts.with_object
    verbs = [
        count + (with_object[lemma] if not nouns[lemma] else 0) for lemma, count in enumerate(verbs)
    ]
    verb_lemmas = {
        lemma
        for lemma, count in enumerate(verbs)
        if count >= max(VERB_MIN_CONTEXTS, VERB_MIN_SHARE * total[lemma])
        and count > VERB_RATIO * nouns[lemma]
        and edge_ok[lemma]
    }
    if verb_lemmas:
        # a form of the verb seen more often after a determiner stays a noun (French
        # ``les pouvoirs`` beside ``nous pouvons``)
        vocab.verbs.update(
            s
            for s, lemma in enumerate(lemma_of)
            if lemma in verb_lemmas and contexts.noun_forms[s] <= contexts.verb_forms[s]
        )


def _mark_infinitives(vocab: Vocabulary, contexts: _Contexts) -> None:
    """Mark the forms that look like their own lemma's infinitive, unless mostly used as nouns."""
    total, nouns = contexts.total, contexts.nouns
    edge_ok, lemma_of = vocab.edge_ok, vocab.lemma_of
    infinitive_like = vocab.lang.infinitive_like
    vocab.verbs.update(
        surface_id
        for surface_id, surface in enumerate(vocab.surfaces)
        if edge_ok[lemma_of[surface_id]]  # not a function word (``tussen``)
        and infinitive_like(surface, vocab.lemmas[lemma_of[surface_id]])
        and nouns[lemma_of[surface_id]] < INFINITIVE_NOUN_SHARE * total[lemma_of[surface_id]]
    )
