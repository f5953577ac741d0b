"""The memory's units as compact word-id arrays, one pass over the store.

Term extraction scans the units several times (count candidates, find their units, count target
phrases); tokenising and lemmatising once and keeping 4-byte word ids (``array('i')``) makes those
scans cheap and keeps memory near 4 bytes a word (≈ 30 MB for 100,000 three-language units)
instead of holding texts and token objects. Texts are not kept: examples are read again at the end.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from tmtool.terms.content_words import dice, restore_content_words
from tmtool.terms.sides import BREAK, Corpus, Side
from tmtool.terms.stems import group_suffixed_forms
from tmtool.terms.text import (
    language,
)
from tmtool.terms.vocabulary import Vocabulary
from tmtool.terms.windows import windows
from tmtool.terms.word_classes.contexts import (
    PRENOMINAL_MODIFIERS,
    _context_kinds,
    _count_contexts,
)
from tmtool.terms.word_classes.dutch import (
    _mark_dutch_adjectives,
    _mark_separable_infinitives,
    _mark_verb_plurals,
)
from tmtool.terms.word_classes.english import _mark_english_forms, _mark_modifiers
from tmtool.terms.word_classes.form_marks import keep_noun_heads, settle_odd_forms
from tmtool.terms.word_classes.verbs import (
    _mark_infinitives,
    _mark_verbs,
)

__all__ = [
    "BREAK",
    "Corpus",
    "Side",
    "Vocabulary",
    "build_corpus",
    "dice",
    "windows",
]


def build_corpus(
    units: Iterable[
        tuple[int, str | None, dict[str, str]]
        | tuple[int, str | None, dict[str, str], dict[str, float | None]]
    ],
    langs: list[str],
) -> Corpus:
    """A corpus from ``(unit id, source document, {lang: text})`` rows with a source text,
    optionally followed by ``{lang: alignment confidence}`` (None or missing: unknown; a side
    left out of the texts for its low confidence still says how parallel its document is)."""
    corpus = Corpus(langs, {lang: Side(Vocabulary(language(lang))) for lang in langs})
    doc_index: dict[str, int] = {}
    for unit_id, document, texts, *more in units:
        confidences = more[0] if more else {}
        if not texts.get(langs[0], "").strip():
            continue
        corpus.unit_ids.append(unit_id)
        name = document or ""
        if name not in doc_index:
            doc_index[name] = len(corpus.document_names)
            corpus.document_names.append(name)
        corpus.documents.append(doc_index[name])
        for lang in langs:
            corpus.sides[lang].add(texts.get(lang, ""), confidences.get(lang))
    weigh_units(corpus)
    restore_content_words(corpus)
    for lang in langs[1:]:
        side = corpus.sides[lang]
        side.vocab.grouped = group_suffixed_forms(side)
    for side in corpus.sides.values():
        keep_noun_heads(side)
        settle_odd_forms(side)
        mark_word_classes(side)
        side.settle_lemmas()
    return corpus


def weigh_units(corpus: Corpus) -> None:
    """Turn each side's alignment confidences into evidence weights: a unit's confidence times
    the mean confidence of its document's units on that side, 1.0 where it is unknown.

    The confidence (the aligner's calibrated posterior) says how likely the unit pairs the right
    sentences, as if the documents were translations of each other; the document's mean says
    how far they are. In a rewritten press release (DCEP's English, mean 0.13-0.76) even the
    surest pairing is often a paraphrase, whose words co-occur with the term by chance
    (``herziening`` → ``debate`` in units at 0.91 and 0.79 of a document at 0.76); in a
    translation (Europarl, DPC: 0.95-0.995) the weight is about the confidence."""
    for side in corpus.sides.values():
        evidence = side.evidence
        totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
        for unit, document in enumerate(corpus.documents):
            confidence = evidence[unit]
            if not math.isnan(confidence):
                totals[document][0] += confidence
                totals[document][1] += 1
        for unit, document in enumerate(corpus.documents):
            confidence = evidence[unit]
            if math.isnan(confidence):
                evidence[unit] = 1.0
            else:
                total, count = totals[document]
                evidence[unit] = confidence * total / count


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
    if vocab.lang.code in PRENOMINAL_MODIFIERS:
        _mark_modifiers(vocab, contexts)
