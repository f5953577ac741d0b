"""Word classes the memory shows: which forms are verbs, and which words never end a term.

simplemma gives lemmas, not word classes, and no tagger is at hand; what a word follows and what
follows it in this memory (``the war``, ``we take``, ``gray silk``) tells a verb or a modifier
from a noun. The marks go into the side's ``Vocabulary`` (``verbs``, ``not_last``), which decides
where candidates may stand (``windows.py``).

- ``form_flags``: per form or lemma, the spelling facts the passes test for each occurrence;
- ``contexts``: the passes over the memory that count each word by its neighbours;
- ``verbs``, ``english``, ``dutch``: the rules that turn those counts into marks;
- ``form_marks``: the marks a form's spelling gave it as it was read, settled by its uses.
"""

from __future__ import annotations

from tmtool.terms.sides import Side
from tmtool.terms.word_classes.contexts import (
    PRENOMINAL_MODIFIERS,
    _context_kinds,
    _count_contexts,
)
from tmtool.terms.word_classes.dutch import (
    _mark_dutch_adjectives,
    _mark_dutch_attributives,
    _mark_separable_infinitives,
    _mark_verb_plurals,
)
from tmtool.terms.word_classes.english import _mark_english_forms, _mark_modifiers
from tmtool.terms.word_classes.form_marks import keep_noun_heads, settle_odd_forms
from tmtool.terms.word_classes.verbs import _mark_infinitives, _mark_verbs

__all__ = ["keep_noun_heads", "mark_word_classes", "settle_odd_forms"]


def mark_word_classes(side: Side) -> None:
    """Mark the words this memory uses as verbs or as prenominal modifiers, in a language that
    lists the words verbs and nouns follow (``Language.verb_contexts``; English has no ending
    that tells ``take``, ``love`` or ``gray`` from a noun, and no tagger is at hand):

    - a content word seen more often right after a subject pronoun or modal (``we take``,
      ``I love``) than after a determiner (``the war``, ``his love``) is a verb: its forms
      start no term and stand in none (``take a Spanish town``), except a form seen more often
      after a determiner than after those (``les pouvoirs`` of ``pouvoir``); a word right
      before an object pronoun (``Language.verb_objects``: ``drag me``) counts as after a verb
      context; after an infinitive marker (``Language.infinitive_markers``: ``to shoot the
      dice``) a word counts as after a verb context when written in lower case and followed by
      no content word;
    - in English (``PRENOMINAL_MODIFIERS``), a word followed directly by a content word in
      nearly all its lower-case occurrences (``gray silk``, ``silken things``; title-case
      headings such as ``Cultural Events`` do not count) is a modifier: it never ends a
      term, so it is no term alone. Words never written in lower case are names or
      nationality words (``Spanish``); so is a word with an adjective ending or seen after a
      degree word (``very long``) that the memory does not use as a noun
      (``_mark_english_forms``);
    - in a language whose infinitives look like their own lemma (Dutch ``versterken``,
      ``herbevestigen``, ``Language.infinitive_like``), such a form is a verb unless its word
      stands after a determiner or a lower-case adjective in ``INFINITIVE_NOUN_SHARE`` of its
      occurrences (``het examen``, ``de wapens``, ``wederzijds vertrouwen``)."""
    vocab = side.vocab
    if not vocab.lang.noun_contexts:
        return
    contexts = _count_contexts(side, _context_kinds(vocab))
    _mark_verbs(vocab, contexts)
    if vocab.lang.infinitives_as_lemmas:
        _mark_infinitives(vocab, contexts)
        _mark_separable_infinitives(side, contexts)
        _mark_verb_plurals(side)
    if vocab.lang.code == "en":
        _mark_english_forms(vocab, contexts)
    if vocab.lang.code == "nl":
        _mark_dutch_adjectives(vocab)
        _mark_dutch_attributives(side)
    if vocab.lang.code in PRENOMINAL_MODIFIERS:
        _mark_modifiers(vocab, contexts)
