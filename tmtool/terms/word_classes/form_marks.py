"""The marks a form's spelling gave it as it was read (``Vocabulary.surface_id``: a verb form, a
form no term ends with), settled by how the memory uses the form: a plural spelled as a verb
form is a noun where it heads noun phrases (Dutch ``de leden van``), and a form not spelled as
its lemma plus an ending marks its lemma only when it is a fair share of the lemma's uses.
"""

from __future__ import annotations

from collections import Counter

from tmtool.terms.sides import BREAK, Side
from tmtool.terms.text import NOUN_CAPITALS
from tmtool.terms.word_classes.form_flags import _listed

#: a form marked as a verb by its ending is a noun when seen at least this often as a noun
#: phrase's head (``keep_noun_heads``): one such use may be a misreading
NOUN_HEAD_MIN = 2
#: share of a lemma's occurrences an odd form (``settle_odd_forms``) needs to mark it
ODD_FORM_SHARE = 0.25


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
