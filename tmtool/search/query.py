"""Concordance queries: words, ``"quoted phrases"`` and ``prefix*``, and the tier of a match.

Every term becomes a *needle*, a string searched in the folded text (``tmtool.fold``):

- a word matches anywhere, also inside a compound (``terrorisme`` in ``antiterrorismebeleid``),
  except words of 1-2 characters (``de``, ``EU``), which match whole words only;
- ``prefix*`` matches at the start of a word (needle `` prefix`` with the padding space);
- a ``"quoted phrase"`` matches its words in sequence.

The whole query, its terms in order, is the *phrase* needle. A text matches in one of three tiers:
``PHRASE`` (3) it contains the phrase needle; ``ALL`` (2) it contains every needle; ``PARTIAL`` (1)
it contains some needle. ``tier_of`` is the reference definition the index queries must agree with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tmtool.errors import InputError
from tmtool.fold import fold_words

PHRASE, ALL, PARTIAL = 3, 2, 1
TIER_NAMES = {PHRASE: "phrase", ALL: "all words", PARTIAL: "partial"}

#: words shorter than this match whole words only (and stay indexable: `` de `` has 4 characters)
SHORT = 3

TOKEN_PATTERN = re.compile(r'"([^"]*)"?|(\S+)')


class QueryError(InputError):
    """A search query with nothing to search for: a bad argument, a usage error (exit code 2)."""


@dataclass(frozen=True)
class Query:
    text: str
    needles: tuple[str, ...]  # distinct, in query order
    phrase: str

    @property
    def single(self) -> bool:
        """One needle that is the phrase itself: every match is a phrase match."""
        return len(self.needles) == 1 and self.needles[0] == self.phrase


def parse_query(text: str) -> Query:
    """Split a query into needles; QueryError when no term has a letter or digit."""
    terms: list[str] = []
    for quoted, word in TOKEN_PATTERN.findall(text):
        if quoted:
            needle = fold_words(quoted)
        else:
            prefix = word.endswith("*") and len(word.rstrip("*")) > 0
            needle = fold_words(word)
            if prefix and needle:
                needle = " " + needle
        if needle and len(needle) < SHORT and not needle.startswith(" "):
            needle = f" {needle} "
        if needle:
            terms.append(needle)
    if not terms:
        raise QueryError(f"nothing to search for in {text!r} (give words with letters or digits)")
    phrase = " ".join(term.strip() for term in terms)
    if terms[0].startswith(" "):
        phrase = " " + phrase
    if terms[-1].endswith(" "):
        phrase += " "
    needles = tuple(dict.fromkeys(terms))
    return Query(text=text, needles=needles, phrase=phrase)


def tier_of(folded: str, query: Query) -> tuple[int, int]:
    """(tier, needles found) of a folded text; tier 0 when nothing matches."""
    found = sum(1 for needle in query.needles if needle in folded)
    if found == 0:
        return 0, 0
    if query.phrase in folded:
        return PHRASE, found
    if found == len(query.needles):
        return ALL, found
    return PARTIAL, found


def score(tier: int, found: int, query: Query) -> float:
    """Display score: 3 for a phrase match, 2 for all needles, else the share of needles found."""
    if tier == PARTIAL:
        return round(found / len(query.needles), 3)
    return float(tier)
