"""The cleaning stage: raw text in, paragraphs of repaired text (with their source spans) out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tmtool.clean import layout, quotes, words
from tmtool.clean.boilerplate import is_separator
from tmtool.clean.hyphens import Vocabulary
from tmtool.clean.lexicon import lexicon
from tmtool.clean.tracked import TrackedText, trim_span


@dataclass(frozen=True)
class Removed:
    """A line cut out as page furniture or boilerplate, with its span in the source text."""

    text: str
    source_span: tuple[int, int]


@dataclass
class Cleaned:
    """The paragraphs of a cleaned text and the lines cut out of it."""

    paragraphs: list[Paragraph]
    removed: list[Removed]


@dataclass
class Paragraph:
    """One cleaned paragraph.

    ``text`` maps back to the source text; ``source_span`` is the whole source stretch of the
    paragraph, bullet or number included; ``kind`` is "text", "heading" or "item".
    """

    text: TrackedText
    kind: str
    source_span: tuple[int, int]


_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]|[\x00-\x08\x0e-\x1f\x7f]")
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
#: A scraped metadata prefix before the first sentence: "date 2018-06 Dat hebben ...".
_DATE_PREFIX = re.compile(r"\A\s*(?:date|datum)\s*:?\s*\d{4}-\d{2}(?:-\d{2})?\s+(?=\S)", re.I)
#: "./." closing an official text: "... via internet./." -> "... via internet."
_END_MARK = re.compile(r"(?P<stop>[.!?]?)\s*\./\.$")
_HEADING_MAX = 200


def normalise(t: TrackedText) -> TrackedText:
    """Line ends, spaces, invisible characters, ligatures and combining accents; one line per
    page break; no spaces at line ends."""
    t = t.sub(r"\r\n?", "\n")
    t = t.sub(r"\u00ad\n", "")  # soft hyphen at a line end: the word continues
    t = t.sub(r"\u00ad", "")
    t = t.sub(_INVISIBLE, "")
    t = t.sub(_SPACES, " ")
    t = t.sub(r"[\u2028\u2029\x85]", "\n")
    t = t.sub("[" + "".join(_LIGATURES) + "]", lambda m: _LIGATURES[m.group()])
    t = t.sub(r"[^\W\d_][\u0300-\u036f]+", lambda m: unicodedata.normalize("NFC", m.group()))
    t = t.sub(r"[ ]*\f[ ]*", "\n\f\n")
    t = t.sub(r"[ ]+(?=\n)|(?<=\n)[ ]+|\A[ ]+|[ ]+\Z", "")
    return t.sub(_DATE_PREFIX, "")


class Cleaner:
    """Repairs layout and OCR damage in one language; see ``clean`` for the steps."""

    def __init__(self, lang: str, *, repair_words: bool = True) -> None:
        self.lang = lang
        self.lexicon = lexicon(lang)
        self.repair_words = repair_words

    def clean(self, raw: str) -> list[Paragraph]:
        """The paragraphs of ``clean_document``."""
        return self.clean_document(raw).paragraphs

    def clean_document(self, raw: str) -> Cleaned:
        """Normalise, cut out page furniture and boilerplate, rebuild paragraphs, repair words.

        Cut-out text (running headers, page numbers, boilerplate lines) is in no paragraph but in
        ``removed``; everything else is in a paragraph, and each paragraph keeps the map to the
        source text. A paragraph's source span runs from the line break before its first line to
        the one after its last, so it also holds what normalising deleted at its edges.
        """
        t = normalise(TrackedText(raw))
        lost_quotes = quotes.has_lost_quotes(t.text)
        page = layout.paragraph_layout(t, self.lexicon)
        vocab = Vocabulary.of(t.text)
        removed = [
            _removed(raw, layout.line_source_span(t, line, len(raw))) for line in page.removed
        ]
        paragraphs = []
        for unit in page.units:
            text = layout.unit_text(t, unit, self.lexicon, vocab)
            span = (
                layout.line_source_span(t, unit.lines[0], len(raw))[0],
                layout.line_source_span(t, unit.lines[-1], len(raw))[1],
            )
            text = text.sub(r" {2,}", " ").strip()
            text, marker = self._markers(text)
            text = self._repair(text, lost_quotes).strip()
            kind = (
                "item"
                if marker == "bullet"
                else "heading"
                if _is_heading(text.text)
                else ("item" if marker == "numbered" else "text")
            )
            if marker == "numbered" and kind == "heading":
                text = _capitalise_after_marker(text)
            if text.text and not is_separator(text.text):
                paragraphs.append(Paragraph(text, kind, span))
            else:
                removed.append(_removed(raw, span))
        removed.sort(key=lambda r: r.source_span)
        return Cleaned(paragraphs, removed)

    def _markers(self, t: TrackedText) -> tuple[TrackedText, str | None]:
        """Remove a bullet; normalise a heading number ("2- wat" -> "2. wat").

        Returns the text and the marker found: "bullet", "numbered" or None.
        """
        bullet = layout.BULLET.match(t.text)
        if bullet:
            return t.slice(bullet.end()), "bullet"
        numbered = layout.NUMBERED.match(t.text)
        if numbered:
            marker = numbered.group().strip()
            fixed = re.sub(r"^(\d{1,3})\s?[-–]$", r"\1.", marker)
            fixed = re.sub(r"^(\d{1,3}(?:\.\d{1,3})*)\s([.)])$", r"\1\2", fixed)
            t = t.edit([(0, numbered.end(), fixed + " ")])
            return t, "numbered"
        return t, None

    def _repair(self, t: TrackedText, lost_quotes: bool) -> TrackedText:
        t = t.sub(_END_MARK, lambda m: m.group("stop") or ".")
        t = quotes.repair_lost_quotes(t, self.lang, lost_quotes=lost_quotes)
        if self.repair_words:
            lex = self.lexicon
            t = words.join_split_words(t, lex)
            t = words.split_merged_words(t, lex)
            t = words.fix_confusions(t, lex)
            t = words.fix_months(t, lex)
        return t


def _removed(raw: str, span: tuple[int, int]) -> Removed:
    """A cut-out stretch as the source has it (not as normalised), without surrounding space."""
    start, end = trim_span(raw, *span)
    return Removed(raw[start:end], (start, end))


def _is_heading(text: str) -> bool:
    """A short paragraph that does not end like a sentence: a title, a date line, a heading."""
    body = text.rstrip("\"'”’»)] ")
    return (
        len(text) <= _HEADING_MAX
        and not re.search(r"[.!?…:;,]$", body)
        and bool(re.match(r"[\W\d_]*[^\W\d_]", text))
    )


def _capitalise_after_marker(t: TrackedText) -> TrackedText:
    """ "2. wat de strijd ..." -> "2. Wat de strijd ..." (numbered headings only)."""
    return t.sub(
        r"\A(\S+ )([^\W\d_])",
        lambda m: m.group(1) + m.group(2).upper() if m.group(2).islower() else None,
    )


def clean_text(raw: str, lang: str, *, repair_words: bool = True) -> list[Paragraph]:
    """Clean ``raw`` text in language ``lang`` into paragraphs (see ``Cleaner.clean``)."""
    return Cleaner(lang, repair_words=repair_words).clean(raw)
