"""Quotation marks and apostrophes that a bad conversion turned into "?"."""

from __future__ import annotations

import re

from tmtool.clean.tracked import TrackedText

OPEN_QUOTE = "“"
CLOSE_QUOTE = "”"
APOSTROPHE = "'"
DASH = "–"

# "veiligheidsrisico?s", "GOT?s", "it?s", "don?t", "we?ll"
_APOSTROPHE_TAIL = {
    "nl": re.compile(r"(?:s|t)\b"),
    "en": re.compile(r"(?:s|t|re|ve|ll|d|m)\b"),
    "de": re.compile(r"s\b"),
}
# French elision: "l?Europe", "qu?il", "jusqu?à"
_FRENCH_ELISION = re.compile(r"(?:\b(?:[lLdDnNsScCjJmMtT]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu))$")

_LOST_QUOTE_EVIDENCE = re.compile(r"(?:^|[\s(])\?[^\W\d_]|[^\W\d_]\?s\b", re.MULTILINE)


def has_lost_quotes(text: str) -> bool:
    """Whether a document shows the "?"-for-quote damage (an opening "?Word" or "word?s")."""
    return bool(_LOST_QUOTE_EVIDENCE.search(text))


def repair_lost_quotes(t: TrackedText, lang: str, *, lost_quotes: bool) -> TrackedText:
    """Turn "?" back into the quote, apostrophe or dash it stood for.

    Only clear cases change: a "?" inside a word before an apostrophe ending (or a French elision),
    and pairs of an opening "?" before a word with a closing "?" after one. A real question mark
    ("Wat nu?") has no opening partner and is left alone. A lone " ? " between words becomes a dash
    only in documents that show the damage elsewhere, and never in French (where " ?" is normal).
    """
    text = t.text
    if "?" not in text:
        return t
    edits: list[tuple[int, int, str]] = []
    opening: int | None = None
    for match in re.finditer(r"\?", text):
        i = match.start()
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.isalpha() and nxt.isalpha():
            tail = _APOSTROPHE_TAIL.get(lang)
            if (tail is not None and tail.match(text, i + 1)) or (
                lang == "fr" and _FRENCH_ELISION.search(text, 0, i)
            ):
                edits.append((i, i + 1, APOSTROPHE))
            continue
        opens = (not prev or prev.isspace() or prev in "([/") and nxt.isalnum()
        closes = (prev.isalnum() or prev in ".,!)") and (
            not nxt or nxt.isspace() or nxt in ".,;:)-"
        )
        if opens:
            opening = i
        elif closes and opening is not None:
            edits.append((opening, opening + 1, OPEN_QUOTE))
            edits.append((i, i + 1, CLOSE_QUOTE))
            opening = None
        elif lost_quotes and lang != "fr" and prev == " " and nxt == " ":
            edits.append((i, i + 1, DASH))
    return t.edit(edits) if edits else t
