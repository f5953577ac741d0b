"""One text-folding rule for finding text in the memory (search and lookup's prefilter).

A folded text is compared by substring, so that a query is case-, accent- and punctuation-blind:
``securite`` finds ``Sécurité``, ``Belgie`` finds ``België``, and a word inside a compound is
found (``terrorisme`` in ``antiterrorismebeleid``). The rule, character by character:

1. compatibility decomposition (NFKD: ``é`` → ``e`` + accent, ``ﬁ`` → ``fi``, ``²`` → ``2``);
2. combining marks (Unicode category M) removed;
3. case folding (``ß`` → ``ss``);
4. every character that is not a letter or digit becomes a space;
5. runs of spaces collapse to one, and the text is padded with one space at each end.

Because of the padding, `` secur`` (leading space) matches only at the start of a word: that is
how ``prefix*`` queries are anchored. Every step works per character, so ``fold_with_offsets``
can map a match in the folded text back to the original characters for highlighting.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")


class _DropMarks(dict[int, int | None]):
    """``str.translate`` table deleting combining marks (Unicode category M), filled as it meets
    characters, so that no table of all 1.1 million code points is built up front."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)).startswith("M") else code
        self[code] = value
        return value


_DROP_MARKS = _DropMarks()


def _fold_chars(text: str) -> str:
    """Steps 1-4, without collapsing spaces."""
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower())
    decomposed = unicodedata.normalize("NFKD", text).translate(_DROP_MARKS)
    folded = unicodedata.normalize("NFKD", decomposed.casefold()).translate(_DROP_MARKS)
    return _NON_WORD.sub(" ", folded)


def fold_words(text: str) -> str:
    """The folded words of ``text`` joined by single spaces, without padding (query terms)."""
    return " ".join(_fold_chars(text).split())


def fold(text: str) -> str:
    """The folded form stored in the search index: `` word word `` (see the module rule)."""
    words = fold_words(text)
    return f" {words} " if words else " "


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it comes from.

    The padding spaces point at 0 and ``len(text)``; one extra entry maps the end of the folded
    text to ``len(text)``, so a match ``[i, j)`` covers ``text[offsets[i]:offsets[j - 1] + 1]``.
    """
    out = [" "]
    offsets = [0]
    for index, char in enumerate(text):
        for piece in _fold_chars(char):
            if piece == " " and out[-1] == " ":
                continue
            out.append(piece)
            offsets.append(index)
    if out[-1] != " ":
        out.append(" ")
        offsets.append(len(text))
    offsets.append(len(text))
    return "".join(out), offsets
