"""English words that never end a term for their word class, and English verb forms: prenominal
modifiers (``gray silk``), adjectives told by their ending, by a degree word before them (``very
long``) or by a copula (``is open``), and -ing forms used as verbs (``was singing``). English has
no ending that tells ``gray`` or ``take`` from a noun, so the memory's contexts decide.
"""

from __future__ import annotations

from tmtool import frequencies
from tmtool.terms.vocabulary import Vocabulary
from tmtool.terms.word_classes.contexts import _Contexts
from tmtool.terms.word_classes.form_flags import LY_STEM_MIN_ZIPF
from tmtool.terms.word_classes.verbs import (
    INFINITIVE_NOUN_SHARE,
    VERB_MIN_CONTEXTS,
    VERB_MIN_SHARE,
    VERB_RATIO,
)

#: a lower-case word seen at least MODIFIER_MIN_OCCURRENCES times, followed directly by a
#: content word in MODIFIER_SHARE of all its occurrences, is a prenominal modifier (``gray``)
MODIFIER_MIN_OCCURRENCES = 3
MODIFIER_SHARE = 0.85
#: a rarer word (at least MODIFIER_FEW_OCCURRENCES lower-case occurrences) is a modifier when
#: every one is written as its lemma and followed directly by a lower-case content word
#: (``exotic rain forests``, ``bilateral trade``): no plural (``sharks lived``, ``marksmen
#: walked``: a subject before its verb), no name after (``political scientist Tamás``) and no
#: noun before (``the working party meets``: a compound's head before its verb)
MODIFIER_FEW_OCCURRENCES = 2
#: an English word written as its lemma in lower case, seen at least PREDICATIVE_MIN_USES times
#: right after a form of "be" (``EN_PROGRESSIVE_CONTEXTS``: ``is open``, ``are open``), in
#: PREDICATIVE_SHARE of its lower-case uses as its lemma, never after a determiner, and whose
#: -ly adverb is a frequent English word (wordfreq Zipf >= LY_STEM_MIN_ZIPF: ``openly``,
#: ``exactly``, ``cleverly``) is a predicative adjective: no term ends with it. The adverb
#: keeps out the mass nouns and names that also follow a copula (``freedom is slavery``,
#: ``nonsense``, ``winston``), which have none
PREDICATIVE_MIN_USES = 2
PREDICATIVE_SHARE = 0.5


def _mark_modifiers(vocab: Vocabulary, contexts: _Contexts) -> None:
    """Mark as never ending a term the words nearly always followed by a content word when
    written in lower case (English prenominal modifiers: ``gray silk``)."""
    lowercase = contexts.lowercase
    vocab.not_last.update(
        lemma
        for lemma, count in enumerate(contexts.modifying)
        if lowercase[lemma] >= MODIFIER_MIN_OCCURRENCES
        and count >= MODIFIER_SHARE * lowercase[lemma]
        and vocab.edge_ok[lemma]
    )
    vocab.not_last.update(
        lemma
        for lemma, count in contexts.attributive.items()
        if MODIFIER_FEW_OCCURRENCES <= lowercase[lemma] < MODIFIER_MIN_OCCURRENCES
        and count == lowercase[lemma]
        and vocab.edge_ok[lemma]
    )


def _mark_english_forms(vocab: Vocabulary, contexts: _Contexts) -> None:
    """English word classes the memory shows (``mark_word_classes``): -ing forms used as verbs
    (``was singing``, ``were singing``; not ``the meeting``) are verb forms, and words with
    an adjective ending (``EN_ADJECTIVE_ENDINGS``) or seen after a degree word (``very long``,
    ``too difficult``, ``a bit difficult``: degree words grade adjectives and adverbs, not
    nouns) are modifiers
    unless seen in the plural or as a head after a determiner."""
    vocab.verbs.update(
        surface
        for surface, (uses, as_verb, as_noun) in contexts.ing_uses.items()
        if as_verb >= max(VERB_MIN_CONTEXTS, VERB_MIN_SHARE * uses)
        and as_verb > VERB_RATIO * as_noun
        and vocab.edge_ok[vocab.lemma_of[surface]]
    )
    surfaces = vocab.surface_ids

    def plural(lemma: str) -> bool:  # ``the politicals``, whatever simplemma makes of it
        forms = (lemma + "s", lemma.capitalize() + "s", lemma.removesuffix("y") + "ies")
        return any(form in surfaces for form in forms)

    adjectives = {lemma for lemma, flag in enumerate(contexts.adjective_like) if flag}
    # predicative adjectives (``is open``, ``are open``): see PREDICATIVE_MIN_USES; not held
    # to the plural test above, since a verb's -s form looks like a plural (``opens``)
    table = frequencies.table("en")
    vocab.not_last.update(
        lemma
        for lemma, count in contexts.predicative.items()
        if count >= PREDICATIVE_MIN_USES
        and count >= PREDICATIVE_SHARE * contexts.bare_uses[lemma]
        and not contexts.nouns[lemma]
        and table.zipf(vocab.lemmas[lemma] + "ly") >= LY_STEM_MIN_ZIPF
        and vocab.edge_ok[lemma]
    )
    vocab.not_last.update(
        lemma
        for lemma in adjectives.union(contexts.graded)
        if vocab.edge_ok[lemma]
        and not plural(vocab.lemmas[lemma])
        and contexts.heads[lemma] < INFINITIVE_NOUN_SHARE * contexts.total[lemma]
    )
