"""Cognates: words of two languages built on one stem with corresponding derivational suffixes.

Latin and Greek loans are spelled alike across the European languages served, their endings
changed by regular correspondences (``solidariteit``/``solidarité``/``solidarity``/
``Solidarität``, ``identificatie``/``identification``, ``terrorisme``/``terrorism``). A word's
ending is replaced by one sign per correspondence class before the letters are compared, so
the suffix's spelling costs nothing and the stems must carry the likeness.
"""

from __future__ import annotations

import difflib
import re

from tmtool.terms.equivalents.association import folded_words

#: the derivational suffix classes (nl, fr, en, de, ro, es, it; folded, no accents); each is
#: replaced by one sign (``#0``, ``#1``, ...) at a word's end, its longest matching suffix first
SUFFIX_CLASSES: tuple[tuple[str, ...], ...] = (
    ("teiten", "taten", "teit", "tat", "tate", "tes", "ty", "te", "dad"),
    ("ties", "tions", "tionen", "tii", "tie", "tion", "tia", "zione", "cion"),
    ("ismen", "ismes", "isms", "ismus", "isme", "ism", "ismo"),
    ("isten", "istes", "ists", "isti", "iste", "ist", "ista"),
    ("ische", "isch", "iques", "ique", "ical", "ic", "ico", "ica"),
)
#: the class of the Latin -tio nouns (``-tie``/``-tion``/``-zione``), whose stems may be short
#: (``_same_short_stem``)
TIO_CLASS = 1
#: likeness of the two words, suffixes replaced, from which they are cognates
#: (``solidariteit``/``solidarity`` 1.0; ``niveau``/``level`` 0.36)
COGNATE = 0.8
#: a word shorter than this (folded) is no one's cognate: short words look alike by chance
MIN_LETTERS = 5

_SUFFIXES = [
    (re.compile(f"({'|'.join(sorted(set(group), key=len, reverse=True))})$"), f"#{i}")
    for i, group in enumerate(SUFFIX_CLASSES)
]


def stem_sign(word: str) -> str:
    """A folded word with its derivational suffix replaced by its class's sign (the first class
    whose suffix ends it, leaving a stem of at least four letters); else the word."""
    for pattern, sign in _SUFFIXES:
        match = pattern.search(word)
        if match and match.start() >= 4:
            return word[: match.start()] + sign
    return word


def cognate_words(a: str, b: str) -> bool:
    """Whether two folded words, both at least ``MIN_LETTERS`` long, are cognates: alike
    (``COGNATE``) as written or once their derivational suffixes are replaced."""
    if min(len(a), len(b)) < MIN_LETTERS:
        return False
    if _same_short_stem(a, b):
        return True
    return any(_alike(x, y) for x, y in ((a, b), (stem_sign(a), stem_sign(b))))


def _alike(a: str, b: str) -> bool:
    """Whether ``difflib``'s ratio of two words reaches ``COGNATE``, its cheap upper bounds
    (``real_quick_ratio``: the lengths; ``quick_ratio``: the letters) tried first, as
    ``difflib.get_close_matches`` does: most pairs of words differ in length or letters, and
    the full ratio cost most of the composed fill's time (``composed._shortest_span``)."""
    total = len(a) + len(b)
    if total and 2.0 * min(len(a), len(b)) / total < COGNATE:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= COGNATE and matcher.ratio() >= COGNATE


def _same_short_stem(a: str, b: str) -> bool:
    """Whether both words are one stem of at least two letters with a suffix of the -tio class:
    ``actie``/``action``, ``natie``/``nation``, ``editie``/``edition``, ``sectie``/``section``.
    A Latin -tio noun keeps its root whole in every language served, and the suffix ends nouns
    only, no verb forms, so the same stem before it is no chance likeness however short
    (English ``-ties`` plurals of ``-ty`` fall in too: ``parties``/``partie`` are kin).
    Elsewhere a stem needs four letters (``stem_sign``): ``-ique`` also ends French verb forms
    (``indische``/``indique``), and ``-te``/``-tes`` everyday words (``korte``/``fortes``)."""
    pattern = _SUFFIXES[TIO_CLASS][0]
    first, other = pattern.search(a), pattern.search(b)
    return (
        first is not None
        and other is not None
        and first.start() >= 2
        and a[: first.start()] == b[: other.start()]
    )


def shares_a_cognate(term: str, phrase: str) -> bool:
    """Whether some word of ``phrase`` is a cognate of some word of ``term`` (both as
    written): ``attentat terroriste`` for ``terroristische aanslag``."""
    words = folded_words(term)
    return any(cognate_words(word, other) for other in folded_words(phrase) for word in words)


def cognate_phrase(term: str, rendering: str) -> bool:
    """Whether a one-word ``rendering`` is a cognate of a one-word ``term`` (both as written).
    Phrases are left out: which words of two phrases correspond is not told by letters alone."""
    words, renders = folded_words(term), folded_words(rendering)
    return len(words) == 1 and len(renders) == 1 and cognate_words(words[0], renders[0])
