"""The form a glossary shows for a rendering: its citation form, as the memory writes it.

A rendering groups the inflected forms of its words under one key of lemmas; the form shown
used to be the most frequent one, which in a language with cases is often an inflected one
(Hungarian ``kantinban`` "in the canteen" for ``canteen``, ``malabari frontról`` "from the
Malabar front"). A CAT glossary wants the citation form: nominative, and singular where the
source term is singular. Without a morphological analyser, the memory itself says which form is
the citation form, word by word:

- a word written as its lemma (``Language.as_lemma``: ``kantin``, ``front``; simplemma's lemma
  is the dictionary form);
- where no form of a word is its lemma (the lemmatiser does not know the word, or its lemma is
  not a form the memory writes: Hungarian ``nagykövet`` has the lemma ``nagykő``), the form that
  starts all the others, at least two (``nagykövet`` of ``nagykövetet``, ``nagykövetnek``): the
  bare stem.

The form shown is a whole phrase the term's units hold, in at least ``CITATION_SHARE`` of the
rendering's occurrences there (so a rare homograph that the lemmatiser merges in, Hungarian
``pár`` "pair" with ``Párt`` "Party", is never shown), with the most such words; ties go to the
most frequent form. Number follows the source: a term shown in an inflected form, judged by its
last word (``lidstaten``, ``Alpinisten``; the head of a Dutch, English or German term, and the
agreeing adjective of a French one), keeps the most frequent form of its renderings (``États
membres``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from tmtool.terms.corpus import Side
from tmtool.terms.phrases import PhraseIndex

Key = tuple[int, ...]
#: least share of a rendering's occurrences in the term's units a form needs to be shown
CITATION_SHARE = 0.1


class _Forms:
    """Written forms of one rendering in some units: counts, display weights, citation words."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.weights: Counter[str] = Counter()  # a sentence-initial capital counts half
        self.words: dict[str, tuple[str, ...]] = {}  # form → its words, lowercased
        #: form → each word written as its lemma (None: the lemma cannot tell)
        self.as_lemma: dict[str, tuple[bool | None, ...]] = {}

    def add(self, side: Side, unit: int, start: int, end: int) -> None:
        form = side.display(unit, start, end)
        self.counts[form] += 1
        self.weights[form] += 1 if start == 0 else 2
        if form not in self.words:
            surfaces = side.vocab.surfaces
            words = [surfaces[w] for w in side.surface_ids(unit)[start:end]]
            self._note(side, form, words)

    def _note(self, side: Side, form: str, words: list[str]) -> None:
        """Keep a form's words, lowercased, and whether each is written as its lemma."""
        self.words[form] = tuple(word.lower() for word in words)
        self.as_lemma[form] = tuple(side.vocab.as_lemma(word) for word in words)

    def citation(self, side: Side, current: str) -> str | None:
        """The form with the most citation words among those seen often enough, if it has
        more of them than the ``current`` form (None: keep that one, also when its lemmas
        cannot tell: ``learning``)."""
        if current not in self.words:
            self._note(side, current, side.vocab.lang.surfaces(current))
        if None in self.as_lemma[current]:
            return None
        total = sum(self.counts.values())
        shown = [f for f, n in self.counts.items() if n >= CITATION_SHARE * total]
        if not shown:  # more than 1 / CITATION_SHARE forms, none of them common
            return None
        compared = shown if current in shown else [*shown, current]
        marks = {form: [bool(mark) for mark in self.as_lemma[form]] for form in compared}
        for position in range(min(len(self.words[form]) for form in compared)):
            if any(marks[form][position] for form in compared):
                continue
            words = {self.words[form][position] for form in shown}
            for form in compared:
                marks[form][position] = _stem_of(self.words[form][position], words)
        best = max(shown, key=lambda f: (sum(marks[f]), self.weights[f], f))
        return best if sum(marks[best]) > sum(marks[current]) else None


def _stem_of(word: str, words: set[str]) -> bool:
    """Whether ``word`` starts every other of ``words``, at least two of them."""
    others = words - {word}
    return len(others) >= 2 and all(other.startswith(word) for other in others)


def citation_forms(
    source: Side,
    side: Side,
    renderings: dict[Key, list[tuple[list[Key], str]]],
    units: dict[Key, Sequence[int]],
    source_text: dict[Key, str],
) -> dict[Key, list[str | None]]:
    """For each term, the form to show of each of its renderings (None: keep the form found).

    ``renderings`` maps a term key to its renderings in ``side``'s language, each given as the
    keys whose forms it may show (its own first) and the form found so far (the most frequent
    one); ``units`` are the term's units to read (a sample), ``source_text`` the term as
    shown."""
    out: dict[Key, list[str | None]] = {}
    for term, groups in renderings.items():
        if _inflected(source, source_text[term]):
            out[term] = [None] * len(groups)
            continue
        index = PhraseIndex(key for keys, _ in groups for key in keys)
        group_of = {key: g for g, (keys, _) in enumerate(groups) for key in keys}
        forms: dict[int, _Forms] = defaultdict(_Forms)
        for unit in units[term]:
            for key, start, end in index.find(side.lemma_ids(unit)):
                forms[group_of[key]].add(side, unit, start, end)
        out[term] = [
            forms[g].citation(side, current) if g in forms else None
            for g, (_, current) in enumerate(groups)
        ]
    return out


def _inflected(source: Side, text: str) -> bool:
    """Whether the term is shown with an inflected last word (``lidstaten``, ``États
    membres``): its renderings then keep their most frequent form, in the same number."""
    words = source.vocab.lang.surfaces(text)
    return bool(words) and not source.vocab.lang.as_lemma(words[-1])
