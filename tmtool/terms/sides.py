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
#: a light-verb idiom's verb stands at most IDIOM_VERB_AFTER words after its noun (``beroep te
#: doen``, ``gebruik hebben gemaakt``) or IDIOM_VERB_BEFORE words before it in a main clause
#: (``maken zij ten volle gebruik van``); IDIOM_ARTICLES are the determiners the idiom's noun
#: may take (``een beroep``, ``geen gebruik``, ``no use``)
IDIOM_VERB_AFTER = 3
IDIOM_VERB_BEFORE = 4
IDIOM_ARTICLES = frozenset({"een", "geen", "no"})
#: gap between two words → (whether it breaks a term, its display code): the same few gaps
#: (a space, a comma and a space) recur millions of times, so each is worked out once; at
#: most GAP_MARKS_KEPT of them are kept (memory stays bounded whatever the texts hold)
GAP_MARKS_KEPT = 10_000
_GAP_MARKS: dict[str, tuple[bool, int]] = {}


def _gap_marks(gap: str) -> tuple[bool, int]:
    """Whether ``gap`` holds punctuation (``text.breaks``) and the code of its separator."""
    return breaks(gap), GAP_CODES.get(display_gap(gap), 0)


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
        known, marks = vocab.surface_ids, _GAP_MARKS
        self.lemma_words = None
        first = True
        count = 0
        for _, _, surface, gap in vocab.lang.words(text):
            # the run's hottest loop (8 million words at 100,000 units): a known word's id and
            # a seen gap's marks are looked up without a call
            word = known.get(surface)
            if word is None:
                word = vocab.surface_id(surface)
            if first:
                words.append(word)
                gaps.append(0)
                first = False
            else:
                mark = marks.get(gap)
                if mark is None:
                    mark = _gap_marks(gap)
                    if len(marks) < GAP_MARKS_KEPT:
                        marks[gap] = mark
                if mark[0]:
                    words.append(BREAK)
                    gaps.append(0)
                words.append(word)
                gaps.append(mark[1])
            count += 1
        self.tokens += count
        start = self.starts[-1]
        if vocab.frame_words and not vocab.frame_words.isdisjoint(words[start:]):
            self._break_frames(start)
        if vocab.idiom_nouns and not vocab.idiom_nouns.isdisjoint(words[start:]):
            self._break_idioms(start)
        self.starts.append(len(words))
        self.evidence.append(math.nan if confidence is None else confidence)

    def _break_frames(self, start: int) -> None:
        """Put a BREAK in place of the content words of each fixed expression
        (``Language.frames``) in the unit being added from ``start``: ``middel`` of ``door
        middel van``, ``kader`` of ``in het kader van`` stand in no candidate there; the words
        stay elsewhere (``het kader``). The content words of a complex preposition a term may
        hold whole (``Language.inner_frames``) take their ``Vocabulary.framed_id`` instead:
        ``gebied`` of ``op het gebied van`` ends no candidate there, ``samenwerking op het
        gebied van justitie`` stays one. Only the places of the frames' content words are
        read."""
        vocab = self.vocab
        words, surfaces, framed = self.words, vocab.surfaces, vocab.frame_words
        places = vocab.lang.frame_places
        end = len(words)
        hits = []
        for position in range(start, end):
            word = words[position]
            if word not in framed:
                continue
            for frame, offset, inner in places[surfaces[word].lower()]:
                first = position - offset
                if first < start or first + len(frame) > end:
                    continue
                if all(
                    words[first + i] >= 0 and surfaces[words[first + i]].lower() == part
                    for i, part in enumerate(frame)
                ):
                    hits.append((position, inner))
                    break
        for position, inner in hits:
            words[position] = vocab.framed_id(words[position]) if inner else BREAK

    def _break_idioms(self, start: int) -> None:
        """Put a BREAK in place of the noun of each light-verb idiom (``Language.light_verbs``)
        in the unit being added from ``start``, where it stands with its verb: the verb within
        ``IDIOM_VERB_AFTER`` words after it with only function words between (``een beroep
        doen op``, ``gebruik te maken van``, ``rekening hebben gehouden``), or within
        ``IDIOM_VERB_BEFORE`` words before it in the same chunk with the idiom's preposition
        right after it (main clauses: ``doen vaker een beroep op``, ``maken ten volle gebruik
        van``). A noun after a determiner other than ``een`` or ``geen`` is the noun itself
        (``het gebruik van``, ``de rekening``); so is one without its verb (``beroep``)."""
        vocab = self.vocab
        lang = vocab.lang
        words, surfaces = self.words, vocab.surfaces
        end = len(words)
        hits = []
        for position in range(start, end):
            word = words[position]
            if word not in vocab.idiom_nouns:
                continue
            before = words[position - 1] if position > start else BREAK
            if before >= 0 and surfaces[before].lower() in lang.noun_contexts - IDIOM_ARTICLES:
                continue
            after = words[position + 1] if position + 1 < end else BREAK
            following = surfaces[after].lower() if after >= 0 else ""
            for verb, preposition in lang.light_verbs[surfaces[word].lower()]:
                if self._verb_near(position, start, end, verb, following == preposition):
                    hits.append(position)
                    break
        for position in hits:
            words[position] = BREAK

    def _verb_near(self, position: int, start: int, end: int, verb: str, opened: bool) -> bool:
        """Whether a form of ``verb`` (its lemma) stands after the word at ``position``, with
        only function words between, or, when ``opened`` (the idiom's preposition follows the
        word), before it in its chunk (``_break_idioms``)."""
        words, surfaces, lang = self.words, self.vocab.surfaces, self.vocab.lang
        for at in range(position + 1, min(end, position + 1 + IDIOM_VERB_AFTER)):
            word = words[at]
            if word < 0:
                break
            if lang.lemma(surfaces[word]) == verb:
                return True
            if surfaces[word].lower() not in lang.stopwords:
                break
        if opened:
            for at in range(position - 1, max(start, position - IDIOM_VERB_BEFORE) - 1, -1):
                word = words[at]
                if word < 0:
                    break
                if lang.lemma(surfaces[word]) == verb:
                    return True
        return False

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
