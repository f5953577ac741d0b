"""Fuzzy match % as CAT tools compute it: a weighted word-level edit distance.

Both texts are split into tokens: words, numbers (``2026``, ``1.250,50``, ``12/03``) and single
punctuation marks. The cost of turning the memory's text into the new segment is the cheapest
sequence of token edits:

=====================================================  =====
edit                                                   cost
=====================================================  =====
insert, delete or replace a word or number             1
replace a word by the same word in other case/accents  0.2
replace a number by another number                     0.2
insert, delete or replace a punctuation mark           0.2
=====================================================  =====

and the match is ``floor(100 × (1 − cost / max(weight(a), weight(b))))``, where ``weight`` counts
words and numbers 1 and punctuation marks 0.2. The result is capped at 99 unless both texts are
identical after whitespace normalisation, which alone scores 100: a one-letter case change in a
20-word sentence scores 99, a changed word 95, a changed number 99 (and the number is substituted
in the proposed translation, see ``numbers_only_differ``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from tmtool.fold import fold_words
from tmtool.store.common import normalise_space

#: numbers with thousands/decimal separators, dates such as 12/03/2026 or 12.03.2026, ordinals
_NUMBER = r"\d+(?:[.,/:\-]\d+)*(?:e|er|ste|de|st|nd|rd|th)?"
_TOKEN = re.compile(rf"(?P<num>{_NUMBER}\b)|(?P<word>\w+)|(?P<punct>[^\w\s])", re.UNICODE)

WORD, NUMBER, PUNCT = "w", "n", "p"
_WEIGHT = {WORD: 1.0, NUMBER: 1.0, PUNCT: 0.2}
SMALL = 0.2


@dataclass(frozen=True)
class Token:
    text: str
    kind: str  # WORD, NUMBER or PUNCT
    folded: str  # ``tmtool.fold``'s case- and accent-blind form: a change in them costs little


@lru_cache(maxsize=65536)
def tokenize(text: str) -> tuple[Token, ...]:
    """Words, numbers and punctuation marks of ``text`` in order."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = NUMBER if match.group("num") else WORD if match.group("word") else PUNCT
        tokens.append(Token(match.group(), kind, fold_words(match.group())))
    return tuple(tokens)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where ``tokenize``'s tokens stand in ``text`` (start, end): to show them in place."""
    return [match.span() for match in _TOKEN.finditer(text)]


def word_count(text: str) -> int:
    """Words and numbers, as CAT analyses count them (punctuation is not a word)."""
    return sum(1 for token in tokenize(text) if token.kind != PUNCT)


def _replace_cost(a: Token, b: Token) -> float:
    if a.text == b.text:
        return 0.0
    if a.kind == PUNCT or b.kind == PUNCT:
        return SMALL if a.kind == b.kind else max(_WEIGHT[a.kind], _WEIGHT[b.kind])
    if a.kind == NUMBER and b.kind == NUMBER:
        return SMALL
    if a.folded == b.folded:
        return SMALL
    return 1.0


def edit_cost(a: tuple[Token, ...], b: tuple[Token, ...]) -> float:
    """The weighted token edit distance between ``a`` and ``b`` (Wagner–Fischer)."""
    previous = [0.0]
    for token in b:
        previous.append(previous[-1] + _WEIGHT[token.kind])
    for x in a:
        delete = _WEIGHT[x.kind]
        current = [previous[0] + delete]
        for j, y in enumerate(b):
            current.append(
                min(
                    previous[j] + _replace_cost(x, y),
                    previous[j + 1] + delete,
                    current[j] + _WEIGHT[y.kind],
                )
            )
        previous = current
    return previous[-1]


def weight(tokens: tuple[Token, ...]) -> float:
    return sum(_WEIGHT[token.kind] for token in tokens)


def fuzzy_percent(new: str, old: str) -> int:
    """The fuzzy match % of memory text ``old`` for segment ``new`` (module docstring)."""
    if normalise_space(new) == normalise_space(old):
        return 100
    a, b = tokenize(new), tokenize(old)
    longest = max(weight(a), weight(b))
    if longest == 0:
        return 0
    score = 100.0 * (1.0 - edit_cost(a, b) / longest)
    return max(0, min(99, math.floor(score + 1e-9)))


@lru_cache(maxsize=65536)
def _bag(text: str) -> Counter[str]:
    """Words by folded form, every number as ``#``: what no cheap edit can turn into another."""
    return Counter("#" if t.kind == NUMBER else t.folded for t in tokenize(text) if t.kind != PUNCT)


def fuzzy_upper_bound(new: str, old: str) -> int:
    """A cheap upper bound of ``fuzzy_percent`` (to skip candidates without the edit distance).

    Every word of one text that the other lacks (as a multiset, case and accents ignored, any
    number matching any number) must be deleted or replaced at cost 1, and one replacement covers
    one such word on each side: the cost is at least the larger count, and at least the weight
    difference of the two texts.
    """
    a, b = tokenize(new), tokenize(old)
    longest = max(weight(a), weight(b))
    if longest == 0:
        return 0
    bag_a, bag_b = _bag(new), _bag(old)
    cost = max(sum((bag_a - bag_b).values()), sum((bag_b - bag_a).values()))
    cost = max(cost, abs(weight(a) - weight(b)))
    return math.floor(100.0 * (1.0 - cost / longest) + 1e-9)


def numbers_only_differ(new: str, old: str) -> list[tuple[str, str]] | None:
    """The (old, new) number pairs when the texts differ in numbers only, else None.

    Every non-number token must be identical and in the same order, and the texts must have the
    same number of numbers; at least one number differs.
    """
    a, b = tokenize(new), tokenize(old)
    if len(a) != len(b):
        return None
    changes = []
    for x, y in zip(a, b, strict=True):
        if x.kind == NUMBER and y.kind == NUMBER:
            if x.text != y.text:
                changes.append((y.text, x.text))
        elif x.text != y.text:
            return None
    return changes or None


def substitute_numbers(target: str, changes: list[tuple[str, str]]) -> str | None:
    """``target`` with each old number replaced by the new one, or None when that is unsafe.

    Unsafe: an old number that the target does not hold exactly once as a whole token (the
    translation may write it differently), or two changes of the same number.
    """
    olds = [old for old, _ in changes]
    if len(set(olds)) != len(olds):
        return None
    spans = []
    for old, new in changes:
        found = [
            m for m in re.finditer(rf"(?<![\w.,/:\-]){re.escape(old)}(?![\w]|[.,/:\-]\d)", target)
        ]
        if len(found) != 1:
            return None
        spans.append((found[0].start(), found[0].end(), new))
    result = target
    for start, end, new in sorted(spans, reverse=True):
        result = result[:start] + new + result[end:]
    return result
