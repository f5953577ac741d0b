"""One language's words as ids: each surface form and each lemma numbered once, with the marks
its spelling gives it (may it start, end or stand inside a term; is it a number, a verb form).

The corpus keeps word ids, not strings (``sides.py``); the marks are kept per id so that the
scans over the memory test a flag for each occurrence instead of a word list.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from tmtool.terms.text import Language, has_letter, is_act_sign, is_number


@dataclass
class Vocabulary:
    """Surface forms and lemmas of one language, as ids."""

    lang: Language
    surface_ids: dict[str, int] = field(default_factory=dict)
    surfaces: list[str] = field(default_factory=list)
    lemma_of: array = field(default_factory=lambda: array("i"))  # surface id → lemma id
    lemma_ids: dict[str, int] = field(default_factory=dict)
    lemmas: list[str] = field(default_factory=list)
    edge_ok: bytearray = field(default_factory=bytearray)  # lemma id → may start or end a term
    inside_ok: bytearray = field(default_factory=bytearray)  # lemma id → may stand inside a term
    number: bytearray = field(default_factory=bytearray)  # lemma id → a number (``is_number``)
    counting: bytearray = field(default_factory=bytearray)  # lemma id → counts, dates, measures
    not_last: set[int] = field(default_factory=set)  # lemma ids seen in forms no term ends with
    odd_forms: set[int] = field(default_factory=set)  # such forms not spelled as the lemma + ending
    verbs: set[int] = field(default_factory=set)  # surface ids of verb forms (no term has them)
    frame_words: set[int] = field(default_factory=set)  # surface ids of ``Language.frame_words``
    idiom_nouns: set[int] = field(default_factory=set)  # surface ids of light-verb nouns
    #: surface id → the id of the same form inside an inner frame (``framed_id``), and lemma
    #: id → the id of the same lemma there
    framed_surfaces: dict[int, int] = field(default_factory=dict)
    framed_lemmas: dict[int, int] = field(default_factory=dict)
    #: lemma id → the lemma ids counted as its forms (``stems.group_suffixed_forms``)
    grouped: dict[int, list[int]] = field(default_factory=dict)

    def surface_id(self, surface: str) -> int:
        found = self.surface_ids.get(surface)
        if found is None:
            found = len(self.surfaces)
            self.surface_ids[surface] = found
            self.surfaces.append(surface)
            lemma, stop, inside_ok = self.lang.describe(surface)
            lemma_id = self.lemma_id(lemma, surface, stop, inside_ok)
            self.lemma_of.append(lemma_id)
            form = self.lang.word_form(surface, lemma)
            lower = surface.lower()
            if form and lower.startswith(lemma) and not self.lang.comparative(lower, lemma):
                self.not_last.add(lemma_id)  # an inflection of the word (``duidelijke``)
            elif form:
                # another word's form? (``rade`` of ``Raad``; ``kinder`` read as ``kind`` + -er)
                self.odd_forms.add(found)
            if lower in self.lang.frame_words:
                self.frame_words.add(found)
            if lower in self.lang.light_verbs:
                self.idiom_nouns.add(found)
            if form == "verb":
                self.verbs.add(found)
            elif lower in self.lang.ordinals:
                self.not_last.add(lemma_id)  # ``first``, ``derde`` (whose lemma is ``drie``)
        return found

    def lemma_id(
        self, lemma: str, surface: str = "", stop: bool = False, inside_ok: bool = True
    ) -> int:
        found = self.lemma_ids.get(lemma)
        if found is None:
            found = len(self.lemmas)
            self.lemma_ids[lemma] = found
            self.lemmas.append(lemma)
            word = surface or lemma
            # a word starting with a digit is a number or an ordinal (``50th``, ``3e``); an
            # act's bracketed acronym (``(EU)``) stands only inside a term
            edge = (
                not stop
                and has_letter(word)
                and len(word) >= 2
                and not word[0].isdigit()
                and not is_act_sign(word)
            )
            self.edge_ok.append(edge)
            self.inside_ok.append(inside_ok)
            self.number.append(not stop and is_number(word))
            counting = self.lang.counting
            self.counting.append(lemma in counting or word.lower() in counting)
        return found

    def framed_id(self, surface_id: int) -> int:
        """The id of a form where it stands in a complex preposition a term may hold whole
        (``Language.inner_frames``: ``gebied`` of ``op het gebied van``): the same form and
        lemma text under a lemma of its own that may stand inside a term but never at its
        edge, so no term starts or ends on it there (``gebied van veiligheid``) and the word's
        own candidate (``gebied``) is not found there. Neither id is in ``surface_ids`` or
        ``lemma_ids``: a form read from a text is always the word itself."""
        found = self.framed_surfaces.get(surface_id)
        if found is None:
            lemma = self.lemma_of[surface_id]
            framed = self.framed_lemmas.get(lemma)
            if framed is None:
                framed = self.framed_lemmas[lemma] = len(self.lemmas)
                self.lemmas.append(self.lemmas[lemma])
                self.edge_ok.append(False)
                self.inside_ok.append(True)
                self.number.append(False)
                self.counting.append(False)
            found = self.framed_surfaces[surface_id] = len(self.surfaces)
            self.surfaces.append(self.surfaces[surface_id])
            self.lemma_of.append(framed)
        return found

    def as_lemma(self, surface: str) -> bool | None:
        """``Language.as_lemma``, where a form grouped with others by their stem
        (``grouped``) is written as its lemma only when written as the stem (case and older
        spellings aside): ``Morgan``, not ``Morgant`` or ``Morgannak``, although the lemmatiser
        knows none of them."""
        found = self.surface_ids.get(surface)
        if found is not None and self.lemma_of[found] in self.grouped:
            return self.lang.lowered(surface) == self.lemmas[self.lemma_of[found]]
        return self.lang.as_lemma(surface)

    def key_ids(self, key: Sequence[str]) -> tuple[int, ...] | None:
        """Lemma ids of a key, or None if a lemma never occurs."""
        ids = []
        for lemma in key:
            found = self.lemma_ids.get(lemma)
            if found is None:
                return None
            ids.append(found)
        return tuple(ids)

    def key_text(self, key: Sequence[int]) -> tuple[str, ...]:
        return tuple(self.lemmas[i] for i in key)
