"""Rule-based sentence segmentation: full stops, abbreviations, initials, numbers and quotes."""

from __future__ import annotations

import itertools
import re

from tmtool.clean.tracked import trim_span
from tmtool.segment.abbreviations import (
    BEFORE_NUMBER,
    MONTHS,
    ORDINAL_DOT_LANGS,
    SENTENCE_FINAL,
    abbreviations,
    case_sensitive,
)
from tmtool.segment.base import Segmenter, merge_letterless

#: Sentence-final punctuation, with closing quotes or brackets after it, before a space.
_CANDIDATE = re.compile(r"(?:\.{2,}|…|[.!?]+)(?:\s?[\"'”’»)\]])*(?=\s)")
#: What follows a candidate: opening quotes or brackets, then the next token.
_NEXT = re.compile(r"\s+([\"'“‘«(\[]*)(\S*)")
#: The token before a full stop, without opening quotes or brackets.
_PREVIOUS = re.compile(r"([^\s\"'“‘«(\[]*)$")
#: A heading or item number at the start of a paragraph: "1.", "2.3.", "a)", "IV."
_LEADING_NUMBER = re.compile(
    r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)°]|\(?[a-zA-Z][.)]|\(?[IVXivx]{1,6}[.)])\s+"
)
#: Dotted abbreviations by shape: "o.a", "m.b.t", "e.g", "U.S", "k.b", "c.-à-d".
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.-?)+[^\W\d_]{1,3}(?:-[^\W\d_]{1,3})*")
_LETTER = re.compile(r"[^\W\d_]")
#: A one-letter unit after a number at the end of a text: "8481 m", "12 l", "5 g".
_UNIT_AFTER_NUMBER = re.compile(r"\d\s?[a-z]$")


class RuleSegmenter(Segmenter):
    """Splits after ``.``, ``!``, ``?`` and ellipses unless an abbreviation, an initial, an
    ordinal number or a lower-case continuation says otherwise. A heading number at the start
    of a paragraph never ends a sentence, and no sentence is only numbers or punctuation."""

    name = "rules"

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.abbreviations = abbreviations(lang)
        self.case_sensitive = case_sensitive(lang)
        self.ordinal_dot = lang in ORDINAL_DOT_LANGS

    def spans(self, paragraph: str) -> list[tuple[int, int]]:
        lead = _LEADING_NUMBER.match(paragraph)
        protected = lead.end() if lead else 0
        cuts = [0]
        for match in _CANDIDATE.finditer(paragraph):
            if match.end() > protected and self._ends_sentence(paragraph, match):
                cuts.append(match.end())
        cuts.append(len(paragraph))
        spans = []
        for start, end in itertools.pairwise(cuts):
            span = trim_span(paragraph, start, end)
            if span[0] < span[1]:
                spans.append(span)
        return merge_letterless(
            spans,
            lambda span: bool(_LETTER.search(paragraph, span[0], span[1])),
            lambda a, b: (a[0], b[1]),
        )

    def _ends_sentence(self, text: str, match: re.Match[str]) -> bool:
        following = _NEXT.match(text, match.end())
        opener, token = following.group(1), following.group(2)
        if not token:
            return True
        if token[0].islower() and not (opener in ("'", "’") and re.match(r"[st]\b", token)):
            return False  # "(SIS, VIS etc.) snel", "impuls. er werd"
        punct = match.group().rstrip("\"'”’»)] ")
        if punct in ("?", "!") and text[match.start() - 1 : match.start()] == "(":
            return False  # an editorial "(?)" or "(!)" inside a sentence
        if punct != ".":
            return True  # "!", "?", "...", "…"
        found = _PREVIOUS.search(text, 0, match.start())
        previous = found.group(1)
        if _UNIT_AFTER_NUMBER.search(text, 0, found.end()):
            return True  # "... est 8481 m. L'écart": a unit, not an initial
        return not self._is_abbreviation(previous, token)

    def _is_abbreviation(self, word: str, following: str) -> bool:
        if not word:
            return False
        low = word.lower()
        number_follows = following[:1].isdigit()
        if word in self.case_sensitive:
            return True
        if low in MONTHS:
            return word.islower() or number_follows
        if low in BEFORE_NUMBER:
            return number_follows
        if low in self.abbreviations or _DOTTED.fullmatch(word):
            return not (low in SENTENCE_FINAL and following[:1].isupper())
        if len(word) == 1 and word.isalpha():
            return True  # an initial: "J. Jambon"
        return self.ordinal_dot and word.isdigit() and len(word) <= 3  # "am 3. Oktober"
