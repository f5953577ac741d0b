"""Render clean text with known sentences into the shape of a PDF text extraction.

The known sentences (one a line in ``../shared/eval``, tokenised) are detokenised, grouped into
paragraphs and typeset the way text comes out of a PDF: wrapped at about 72 characters, words
hyphenated at line ends (at a syllable-like point, or at their own hyphen), a running header with
a page number (or a date, or a "Page 3 of 12" footer) every ~48 lines, an occasional blank line
inside a paragraph, and page breaks wherever the page ends, inside sentences too. Everything is
drawn from one ``random.Random(seed)``, so a rendering is reproducible.

The rendering records what it did, so ``cleaning_bench.py`` can check the cleaner: the sentences,
the header texts, each line-end hyphenation (word, left part, right part) and each line break at
a real hyphen.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

WIDTH = 72
PAGE_LINES = 48
_VOWELS = set("aeiouyàâäéèêëïîôöùûüáíóú")
_LETTER = re.compile(r"[^\W\d_]")
_ITEM = re.compile(r"^(?:[-–•*]|\(?\w{1,3}[.)]|\d{1,3}\s?[-–])\s")

#: Running headers per language: (title, footer template); never words of the texts.
HEADERS = {
    "nl": ("Publicatieblad Vertaaldienst — Handelingen", "Pagina {page} van {pages}"),
    "fr": ("Bulletin du Service de traduction — Annales", "Page {page} sur {pages}"),
    "en": ("Translation Service Bulletin — Proceedings", "Page {page} of {pages}"),
}
MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}
#: How the pages are marked: header with the page number on its line; header and a lone page
#: number; a header with a changing date and a "Page 3 of 12" footer.
STYLES = ("number", "lone", "date-footer")


@dataclass
class Rendering:
    text: str
    sentences: list[str]
    header_marks: list[str]  # fixed texts of the header and footer (in no sentence)
    hyphenations: list[tuple[str, str, str]] = field(default_factory=list)  # word, left, right
    real_hyphens: list[str] = field(default_factory=list)  # words broken at their own hyphen


def detokenise(sentence: str, lang: str) -> str:
    """ "l' aube , et ( là ) ." -> "l'aube, et (là)." (the corpora are tokenised)."""
    s = " ".join(sentence.split())
    parts = s.split('"')  # straight quotes alternate: opening, closing, opening ...
    out = parts[0]
    for k, part in enumerate(parts[1:], start=1):
        out = out + '"' + part.lstrip() if k % 2 else out.rstrip() + '"' + part
    s = out
    s = re.sub(r" ([,.;:!?%)\]»”])", r"\1", s)
    s = re.sub(r"([(\[«“]) ", r"\1", s)
    s = re.sub(r"(\w['’]) (?=\w)", r"\1", s) if lang == "fr" else s
    s = re.sub(r" (['’](?:s|t|re|ve|ll|d|m)\b)", r"\1", s) if lang == "en" else s
    s = re.sub(r"(\w) n['’]t\b", r"\1n't", s) if lang == "en" else s
    return s


def load_sentences(path: str, lang: str, start: int = 0, stop: int | None = None) -> list[str]:
    """Lines ``start:stop`` of a one-sentence-a-line file, detokenised; lines with fewer than
    three letters are left out (OCR debris such as ",r" or "!" is no sentence to find)."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")[start:stop]
    return [s for s in (detokenise(line, lang) for line in lines) if len(_LETTER.findall(s)) >= 3]


def render(
    sentences: list[str], lang: str, seed: int, style: str | None = None, width: int = WIDTH
) -> Rendering:
    """Typeset ``sentences`` as a PDF text extraction (see the module docstring), wrapped at
    ``width`` characters (other widths check that the cleaner does not depend on 72)."""
    rng = random.Random(seed)
    style = style or STYLES[seed % len(STYLES)]
    title, footer = HEADERS[lang]
    rendering = Rendering("", sentences, [title, footer.split("{page}")[0].strip()])
    body: list[str] = []  # output lines; "" is a blank line
    for paragraph in _paragraphs(sentences, rng):
        if body:
            body.append("")
        lines = _wrap(" ".join(paragraph), rng, rendering, width)
        for k, line in enumerate(lines):
            body.append(line)
            if 0 < k < len(lines) - 1 and rng.random() < 0.03:
                body.append("")  # a stray blank line inside a paragraph
    pages = [body[i : i + PAGE_LINES] for i in range(0, len(body), PAGE_LINES)]
    months = MONTHS[lang].split()
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        if n > 1:
            out.extend(["", "\f", ""] if seed % 2 else ["", ""])
        if style == "number":
            out.extend([f"{title}    {n}", ""])
        elif style == "lone":
            out.extend([title, f"- {n} -", ""])
        else:
            day = 1 + (3 * n) % 28
            out.extend([f"{title} — {day} {months[(n // 3) % 12]} 2018", ""])
        out.extend(page)
        if style == "date-footer":
            out.extend(["", footer.format(page=n, pages=len(pages))])
    rendering.text = "\n".join(out) + "\n"
    return rendering


def _paragraphs(sentences: list[str], rng: random.Random) -> list[list[str]]:
    """Runs of 1-6 sentences. A sentence that does not end like one (a title) stands alone; list
    items (a marker first, or ending on ";" or ":") start or end a paragraph, as typeset lists do.
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    size = rng.randint(1, 6)
    for sentence in sentences:
        if current and _ITEM.match(sentence):
            paragraphs.append(current)
            current, size = [], rng.randint(1, 6)
        if not re.search(r"[.!?…]['\"”’»)]*$", sentence):
            if current:
                paragraphs.append(current)
            paragraphs.append([sentence])
            current, size = [], rng.randint(1, 6)
            continue
        current.append(sentence)
        if len(current) >= size:
            paragraphs.append(current)
            current, size = [], rng.randint(1, 6)
    if current:
        paragraphs.append(current)
    return paragraphs


def _wrap(text: str, rng: random.Random, rendering: Rendering, width: int) -> list[str]:
    """Greedy wrapping at ``width``; a word that does not fit is hyphenated when it can be."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 1 if line else width
        split = _break(word, room, rng)
        if split is not None and line:
            left, right, real = split
            lines.append(f"{line} {left}-")
            if real:
                rendering.real_hyphens.append(word)
            else:
                rendering.hyphenations.append((word, left, right))
            line = right
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _break(word: str, room: int, rng: random.Random) -> tuple[str, str, bool] | None:
    """Where to break ``word`` with at most ``room`` characters (hyphen included) on the line:
    at its own hyphen, else (half of the time) at a syllable-like point of a long word."""
    core = re.match(r"^([^\W\d_]+(?:-[^\W\d_]+)+)([^\w]*)$", word)
    if core:
        parts = core.group(1).split("-")
        for k in range(len(parts) - 1, 0, -1):
            left = "-".join(parts[:k])
            if len(left) + 1 <= room:
                return left, word[len(left) + 1 :], True
        return None
    match = re.match(r"^([^\W\d_]{7,})([^\w]*)$", word)
    if not match or rng.random() < 0.5:
        return None
    letters = match.group(1)
    points = [
        i
        for i in range(3, len(letters) - 2)
        if i + 1 <= room
        and letters[i - 1].lower() in _VOWELS
        and letters[i].lower() not in _VOWELS
        and letters[i + 1].lower() in _VOWELS
    ]
    if not points:
        return None
    i = rng.choice(points)
    return letters[:i], word[i:], False
