"""Example sentences as a glossary shows them.

An example is the shortest unit holding the term, which is a sentence in a memory aligned
sentence by sentence. A memory whose units are whole paragraphs or pages (a TMX exported by a
tool that aligns paragraphs) has no short unit, and its example would be thousands of characters
in one CSV cell or TBX context; such a unit is cut to a window around the term (or its
rendering), marked with an ellipsis where text was left out.
"""

from __future__ import annotations

import re

#: the longest example shown whole: above the longest sentences of parliamentary and legal
#: texts (a few reach 500-700 characters), far below a paragraph unit of several thousand
EXAMPLE_CHARS = 800

ELLIPSIS = "…"


def example_around(text: str, phrase: str, limit: int = EXAMPLE_CHARS) -> str:
    """``text`` whole when it is at most ``limit`` characters long, otherwise about ``limit``
    characters around the first place ``phrase`` stands (cut between words), with an ellipsis
    where text was left out."""
    if len(text) <= limit:
        return text
    start, end = _place(text, phrase)
    before = max(0, (limit - (end - start)) // 2)
    lo = max(0, min(start - before, len(text) - limit))
    hi = min(len(text), max(lo + limit, end))
    # cut between words: past the word the window starts inside (unless the phrase starts
    # there), before the one it ends inside; a window that starts or ends at a space keeps its
    # edge words whole
    if lo > 0 and not text[lo - 1].isspace():
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text) and not text[hi].isspace():
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    shown = text[lo:hi].strip()
    return (ELLIPSIS if lo > 0 else "") + shown + (ELLIPSIS if hi < len(text) else "")


def _place(text: str, phrase: str) -> tuple[int, int]:
    """Where ``phrase`` stands in ``text`` (case ignored); else its longest word, as the unit
    may write another form of the phrase (``personnes âgées`` for ``personne âgée``); else the
    start of the text."""
    for part in (phrase, *sorted(phrase.split(), key=len, reverse=True)):
        found = re.search(re.escape(part), text, re.IGNORECASE) if part else None
        if found:
            return found.span()
    return 0, 0
