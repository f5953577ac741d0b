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
    _Contexts,
    _count_contexts,
)
from tmtool.terms.word_classes.english import _mark_english_forms, _mark_modifiers
from tmtool.terms.word_classes.form_flags import (
    ADJECTIVE_MIN_CHARS,
    _listed,
)
from tmtool.terms.word_classes.verbs import (
    INFINITIVE_NOUN_SHARE,
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

#: Dutch adjective suffixes (``uiteindelijk``, ``noodzakelijk``, ``terroristisch``,
#: ``bruikbaar``, ``werkzaam``): a lower-case word of at least ADJECTIVE_MIN_CHARS letters whose
#: lemma ends in one is an adjective or adverb, never a term's head, so no term ends with it
#: (``terroristische dreiging`` starts with one); no Dutch noun is made with them, and the memory
#: may hold only the uninflected form that ``settle_odd_forms`` would need
NL_ADJECTIVE_ENDINGS = ("lijk", "isch", "baar", "zaam")
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
    vocab.verbs.update(
        surface_id
        for surface_id, surface in enumerate(surfaces)
        if surface.lower() in joined
        and vocab.edge_ok[lemma_of[surface_id]]
        and nouns[lemma_of[surface_id]] < INFINITIVE_NOUN_SHARE * total[lemma_of[surface_id]]
    )


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
