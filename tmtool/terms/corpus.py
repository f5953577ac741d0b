"""The memory's units as compact word-id arrays, one pass over the store.

Term extraction scans the units several times (count candidates, find their units, count target
phrases); tokenising and lemmatising once and keeping 4-byte word ids (``array('i')``) makes those
scans cheap and keeps memory near 4 bytes a word (≈ 30 MB for 100,000 three-language units)
instead of holding texts and token objects. Texts are not kept: examples are read again at the end.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from tmtool.terms.content_words import dice, restore_content_words
from tmtool.terms.sides import BREAK, Corpus, Side
from tmtool.terms.stems import group_suffixed_forms
from tmtool.terms.text import (
    NOUN_CAPITALS,
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
from tmtool.terms.word_classes.form_flags import (
    _listed,
)
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

#: a form marked as a verb by its ending is a noun when seen at least this often as a noun
#: phrase's head (``keep_noun_heads``): one such use may be a misreading
NOUN_HEAD_MIN = 2
#: share of a lemma's occurrences an odd form (``settle_odd_forms``) needs to mark it
ODD_FORM_SHARE = 0.25


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


def keep_noun_heads(side: Side) -> None:
    """A form its ending marks as another word's verb form (``Language.word_form``) is a noun
    where the memory uses it as a noun phrase's head at least NOUN_HEAD_MIN times, and more often
    than after a verb context (``zij leden``): right after a determiner or a preposition (``de
    leden van``, ``voor EP-leden``, ``het internet om``) and followed by no content word, number
    or counted unit. Dutch plurals and nouns share their spelling with verb forms (``leden`` is
    the plural of ``lid`` and a past form of ``lijden``, which simplemma gives it; ``internet``
    is read as a form of ``internetten``), but a finite verb or a predicative participle does
    not stand between a determiner or preposition and the end of its phrase, and an attributive
    participle has its noun after it (``de aangenomen tekst``, ``de afgelopen twee jaar``). Such
    a form keeps its lemma (the key a term is matched by) and may stand in and end terms. Not in
    languages whose nouns are capitalised (``NOUN_CAPITALS``), where the mark comes from the
    lower case itself."""
    vocab = side.vocab
    lang = vocab.lang
    if not vocab.verbs or not lang.noun_contexts or lang.code in NOUN_CAPITALS:
        return
    lemma_of, words, starts = vocab.lemma_of, side.words, side.starts
    # what ends a head's phrase: anything but a content word, a number or a counted unit
    phrase_goes_on = bytearray(
        edge or number or counting
        for edge, number, counting in zip(vocab.edge_ok, vocab.number, vocab.counting, strict=True)
    )
    before_head = lang.noun_contexts | (lang.inside - lang.coordinators)
    opens, subject = _listed(vocab, before_head), _listed(vocab, lang.verb_contexts)
    as_head: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    for unit in range(side.size):
        end = starts[unit + 1]
        for position in range(starts[unit] + 1, end):
            word = words[position]
            previous = words[position - 1]
            if word < 0 or previous < 0 or word not in vocab.verbs:
                continue
            form = vocab.surfaces[word].lower()
            if subject[previous]:
                as_verb[form] += 1
            elif opens[previous]:
                after = words[position + 1] if position + 1 < end else BREAK
                as_head[form] += after < 0 or not phrase_goes_on[lemma_of[after]]
    nouns = {
        form for form, count in as_head.items() if count >= max(NOUN_HEAD_MIN, as_verb[form] + 1)
    }
    if nouns:
        found = {w for w in vocab.verbs if vocab.surfaces[w].lower() in nouns}
        vocab.verbs -= found
        vocab.odd_forms -= found


def settle_odd_forms(side: Side) -> None:
    """A form that says its word never ends a term but is not spelled as the lemma plus an
    ending (``rade``, in ``te rade gaan``, lemmatised ``raad``; a verb form ``hakt`` of
    ``Haken``) may belong to another word with the same lemma: it marks the lemma only when it
    makes up ``ODD_FORM_SHARE`` of the lemma's occurrences, so that ``Raad`` and ``Haken``
    still end terms."""
    vocab = side.vocab
    if not vocab.odd_forms:
        return
    odd = vocab.odd_forms
    total: Counter[int] = Counter()
    flagged: Counter[int] = Counter()
    lemma_of = vocab.lemma_of
    for word in side.words:
        if word >= 0:
            lemma = lemma_of[word]
            total[lemma] += 1
            if word in odd:
                flagged[lemma] += 1
    vocab.not_last.update(
        lemma for lemma, count in flagged.items() if count >= ODD_FORM_SHARE * total[lemma]
    )


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
