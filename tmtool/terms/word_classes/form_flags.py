"""Per form (or per lemma), one flag from its spelling or a word list, in a bytearray indexed by
its id: the counting passes (``contexts.py``) test each occurrence and its neighbours, and a flag
lookup costs less there than a string test.
"""

from __future__ import annotations

from tmtool import frequencies
from tmtool.terms.text import english_participle
from tmtool.terms.vocabulary import Vocabulary

#: English endings of adjectives that also end a few nouns (``handful``, ``chemical``,
#: ``periodical``, ``timetable``, ``vegetable``): a word of at least ADJECTIVE_MIN_CHARS letters
#: with one is a modifier (no term ends with it: ``expressionless``, ``Oligarchical``,
#: ``available``, ``accessible``) unless the memory writes it in the plural or as a head after a
#: determiner (``a handful of``, ``the chemical``, ``the timetable``) in INFINITIVE_NOUN_SHARE of
#: its occurrences. A word graded by a degree word (``Language.degree_words``: ``very long``) is
#: a modifier on the same terms
EN_ADJECTIVE_ENDINGS = ("less", "ful", "ical", "able", "ible")
#: wordfreq Zipf frequency the stem of an English -ly word needs (``_ly_of_a_word``): 3.0 for
#: stems of 4+ letters; 4.5 for 3-letter stems, which keeps the frequent adjectives (``new``
#: 6.25, ``bad``, ``hot``, ``sad``, ``dry``, ``mad``) and leaves the pieces of nouns and verbs
#: (``rep`` 4.35 of ``reply``, ``lil`` of ``lily``, ``bel``, ``fol``, ``dai``, ``sup``)
LY_STEM_MIN_ZIPF = 3.0
LY_SHORT_STEM_MIN_ZIPF = 4.5
ADJECTIVE_MIN_CHARS = 7


def _listed(vocab: Vocabulary, words: frozenset[str]) -> bytearray:
    """Per form, whether it is in a word list, case aside: one flag a form for the counting
    loops, which test each occurrence's neighbours."""
    return bytearray(surface.lower() in words for surface in vocab.surfaces)


def _ing_forms(vocab: Vocabulary, english: bool) -> bytearray:
    """Per form, whether it is an English verb's -ing form: simplemma gives it its verb's
    lemma (not ``nothing``, ``evening``); its uses as a verb and as a noun are counted apart."""
    return bytearray(
        english
        and len(surface) >= 6
        and surface.lower().endswith("ing")
        and vocab.lemmas[vocab.lemma_of[surface_id]] != surface.lower()
        for surface_id, surface in enumerate(vocab.surfaces)
    )


def _adjective_like(vocab: Vocabulary, english: bool) -> bytearray:
    """Per lemma, whether it looks like an English adjective: an adjective ending (of a long
    enough word) or another word plus -ly (``_ly_of_a_word``)."""
    return bytearray(
        english
        and (
            (len(lemma) >= ADJECTIVE_MIN_CHARS and lemma.endswith(EN_ADJECTIVE_ENDINGS))
            or _ly_of_a_word(lemma)
        )
        for lemma in vocab.lemmas
    )


def _inflected_forms(vocab: Vocabulary, english: bool) -> bytearray:
    """Per form, whether it is an English form that is not its lemma (``slips``, ``swore``):
    an object after it makes it a verb; a bare form is as often a noun (``to change our``,
    ``the change``)."""
    return bytearray(
        english and surface.lower() != vocab.lemmas[vocab.lemma_of[surface_id]]
        for surface_id, surface in enumerate(vocab.surfaces)
    )


def _plain_forms(vocab: Vocabulary) -> bytearray:
    """Per form, whether it may modify the next word: uninflected or an adjective's
    comparative (``exotic rain``, ``lower depths``), not a plural (``sharks lived``)."""
    return bytearray(
        _uninflected_or_graded(surface, vocab.lemmas[vocab.lemma_of[surface_id]])
        for surface_id, surface in enumerate(vocab.surfaces)
    )


def _past_forms(vocab: Vocabulary, english: bool) -> bytearray:
    """Per form, whether it is an English -ed form of a verb (``text.english_participle``):
    after a word it is most often that word's verb or participle (``the mink escaped``,
    ``funds allocated``), so the word is a noun, not a modifier."""
    return bytearray(english and english_participle(surface.lower()) for surface in vocab.surfaces)


def _compound_heads(vocab: Vocabulary, initial_lower: bytearray) -> bytearray:
    """Per form, whether it is a lower-case content word that may end a term: a word after it
    may be its compound's head (``working party meets``: a subject before its verb), not a
    modifier; verb forms and words no term ends with stay out (``sparked bilateral trade``)."""
    lemma_of, edge_ok, not_last = vocab.lemma_of, vocab.edge_ok, vocab.not_last
    return bytearray(
        initial_lower[surface_id]
        and edge_ok[lemma_of[surface_id]]
        and lemma_of[surface_id] not in not_last
        for surface_id in range(len(vocab.surfaces))
    )


def _ly_of_a_word(lemma: str) -> bool:
    """Whether an English word is another word plus -ly (``limply``, ``simply``, ``monthly``):
    an adverb or an adjective made from a word (wordfreq knows the stem). A stem of 4+ letters
    needs a Zipf frequency of ``LY_STEM_MIN_ZIPF``; a 3-letter one, of ``LY_SHORT_STEM_MIN_ZIPF``
    (``newly``, ``badly``, ``sadly``), so that ``folly``, ``belly`` and ``reply`` are not
    ``fol``, ``bel`` or ``rep`` + -ly: rare three-letter strings are abbreviations and pieces,
    not the adjectives adverbs are made from."""
    if len(lemma) < 5 or not lemma.endswith("ly") or not lemma.isalpha():
        return False
    stem = lemma[:-2]
    stems = (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem)
    table = frequencies.table("en")
    return any(
        table.zipf(word) >= (LY_STEM_MIN_ZIPF if len(word) >= 4 else LY_SHORT_STEM_MIN_ZIPF)
        for word in stems
        if len(word) >= 3
    )


def _uninflected_or_graded(surface: str, lemma: str) -> bool:
    """Whether an English form is its lemma or the lemma's comparative or superlative (``lower``,
    ``wider``, ``deepest`` of ``low``, ``wide``, ``deep``), not a plural (``sharks``)."""
    return surface == lemma or (
        surface.endswith(("er", "est")) and surface.startswith(lemma.removesuffix("e"))
    )
