"""The memory's units as compact word-id arrays: one ``Side`` per language, a ``Corpus`` of them.

Term extraction scans the units several times (count candidates, find their units, count target
phrases); tokenising and lemmatising once and keeping 4-byte word ids (``array('i')``) makes those
scans cheap and keeps memory near 4 bytes a word (≈ 30 MB for 100,000 three-language units)
instead of holding texts and token objects. Texts are not kept: examples are read again at the end.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field

from tmtool.terms.text import breaks, display_gap
from tmtool.terms.vocabulary import Vocabulary

#: separates punctuation-delimited chunks inside a unit's word-id sequence
BREAK = -1
#: separators between two words of a displayed phrase
GAPS = (" ", "", "'", "’", "-")
#: each separator's code in the stored gaps between words
GAP_CODES = {gap: code for code, gap in enumerate(GAPS)}


@dataclass
class Side:
    """One language of every unit: word ids with BREAK markers, and where each unit starts."""

    vocab: Vocabulary
    words: array = field(default_factory=lambda: array("i"))
    gaps: bytearray = field(default_factory=bytearray)  # index into GAPS, per entry of words
    starts: array = field(default_factory=lambda: array("q", [0]))
    #: per unit, how much the side counts as evidence of a rendering (``weigh_units``): its
    #: alignment confidence with the source side times its document's mean confidence; 1.0
    #: when the memory holds none (imported units, the source side itself)
    evidence: array = field(default_factory=lambda: array("f"))
    tokens: int = 0
    #: per entry of ``words``, its lemma id as ``lemma_ids`` gives it, once ``settle_lemmas``
    #: has fixed them (None before, and again once another unit is added)
    lemma_words: array | None = None

    def add(self, text: str, confidence: float | None = None) -> None:
        """Append a unit's side; ``confidence`` is its alignment confidence (None: unknown)."""
        vocab = self.vocab
        words, gaps = self.words, self.gaps
        self.lemma_words = None
        first = True
        for _, _, surface, gap in vocab.lang.words(text):
            if not first and breaks(gap):
                words.append(BREAK)
                gaps.append(0)
            words.append(vocab.surface_id(surface))
            gaps.append(GAP_CODES.get(display_gap(gap), 0) if not first else 0)
            first = False
            self.tokens += 1
        start = self.starts[-1]
        if vocab.frame_words and not vocab.frame_words.isdisjoint(words[start:]):
            self._break_frames(start)
        self.starts.append(len(words))
        self.evidence.append(math.nan if confidence is None else confidence)

    def _break_frames(self, start: int) -> None:
        """Put a BREAK in place of the content words of each fixed expression
        (``Language.frames``) in the unit being added from ``start``: ``middel`` of ``door
        middel van``, ``kader`` of ``in het kader van`` stand in no candidate there; the words
        stay elsewhere (``het kader``). Only the places of the frames' content words are read."""
        vocab = self.vocab
        words, surfaces, framed = self.words, vocab.surfaces, vocab.frame_words
        places = vocab.lang.frame_places
        end = len(words)
        hits = []
        for position in range(start, end):
            word = words[position]
            if word not in framed:
                continue
            for frame, offset in places[surfaces[word].lower()]:
                first = position - offset
                if first < start or first + len(frame) > end:
                    continue
                if all(
                    words[first + i] >= 0 and surfaces[words[first + i]].lower() == part
                    for i, part in enumerate(frame)
                ):
                    hits.append(position)
                    break
        for position in hits:
            words[position] = BREAK

    def display(self, unit: int, start: int, end: int) -> str:
        """Words ``start:end`` of a unit as written (``l'agriculture``, not ``l agriculture``)."""
        first = self.starts[unit]
        surfaces = self.vocab.surfaces
        parts = []
        for i in range(first + start, first + end):
            if i > first + start:
                parts.append(GAPS[self.gaps[i]])
            parts.append(surfaces[self.words[i]])
        return "".join(parts)

    @property
    def size(self) -> int:
        """Units of the side (the corpus's units)."""
        return len(self.starts) - 1

    def length(self, unit: int) -> int:
        """Words (and breaks) of a unit's side."""
        return self.starts[unit + 1] - self.starts[unit]

    def surface_ids(self, unit: int) -> array:
        return self.words[self.starts[unit] : self.starts[unit + 1]]

    def lemma_ids(self, unit: int) -> list[int]:
        """Lemma ids of a unit's words; punctuation and verb forms are BREAKs (no term spans
        them)."""
        if self.lemma_words is not None:
            return self.lemma_words[self.starts[unit] : self.starts[unit + 1]].tolist()
        lemma_of, verbs = self.vocab.lemma_of, self.vocab.verbs
        if not verbs:
            return [lemma_of[w] if w >= 0 else BREAK for w in self.surface_ids(unit)]
        return [BREAK if w < 0 or w in verbs else lemma_of[w] for w in self.surface_ids(unit)]

    def settle_lemmas(self) -> None:
        """Fix every word's lemma id for ``lemma_ids`` once the vocabulary's lemmas and verb
        forms are settled (the end of ``build_corpus``). Extraction reads every unit's lemma
        ids in a dozen scans of the memory, and looking each word up again in every scan took
        an eighth of a 100,000-unit memory's CPU time; the ids cost 4 bytes a word, as the
        words themselves do."""
        lemma_of, verbs = self.vocab.lemma_of, self.vocab.verbs
        self.lemma_words = array(
            "i", (BREAK if w < 0 or w in verbs else lemma_of[w] for w in self.words)
        )


@dataclass
class Corpus:
    """The units of the memory that have a source side, in store order."""

    langs: list[str]
    sides: dict[str, Side]
    unit_ids: array = field(default_factory=lambda: array("q"))
    documents: array = field(default_factory=lambda: array("i"))  # source document index
    document_names: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.unit_ids)

    @property
    def source(self) -> Side:
        return self.sides[self.langs[0]]
