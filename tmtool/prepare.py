"""Read, clean and segment one input file into a ``Document`` (the first half of the pipeline)."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from tmtool.clean import Cleaner
from tmtool.clean.tracked import trim_span
from tmtool.document import FURNITURE_KEY, Document, Segment
from tmtool.errors import InputError
from tmtool.exchange.langs import normalise_lang
from tmtool.read import RawText, check_language, read_file
from tmtool.segment import get_segmenter
from tmtool.segment.base import merge_letterless

#: Cleaning keeps a source map per character (about 100 bytes each): 8 million characters, some
#: 30,000 sentences, stay under 1 GB.
MAX_CLEAN_CHARS = 8_000_000
_KIND_OF_FIRST = {"heading": "heading", "item": "item", "text": "sentence"}
_LETTER = re.compile(r"[^\W\d_]")


def prepare_document(
    path: str | os.PathLike[str],
    lang: str,
    *,
    presegmented: bool = False,
    check_lang: bool = True,
) -> Document:
    """Read ``path`` (text, HTML, DOCX or PDF), check its language, clean and segment it.

    With ``presegmented`` each non-blank line is one segment, taken as it is. Raises
    ``InputError`` for bad input (see ``read_file`` and ``check_language``).
    """
    raw = read_file(path)
    return prepare_raw(
        raw, lang, presegmented=presegmented, check_lang=check_lang, path=os.fspath(path)
    )


def prepare_text(
    text: str,
    lang: str,
    *,
    presegmented: bool = False,
    check_lang: bool = False,
    repair_words: bool = True,
) -> Document:
    """Like ``prepare_document`` for text already in memory (hash of its UTF-8 bytes)."""
    raw = RawText(text, "txt", hashlib.sha256(text.encode("utf-8")).hexdigest())
    return prepare_raw(
        raw, lang, presegmented=presegmented, check_lang=check_lang, repair_words=repair_words
    )


def prepare_raw(
    raw: RawText,
    lang: str,
    *,
    presegmented: bool = False,
    check_lang: bool = True,
    repair_words: bool = True,
    path: str | None = None,
) -> Document:
    """Clean and segment text that has been read already."""
    lang = normalise_lang(lang)
    source = path or "the text"
    if not presegmented and len(raw.text) > MAX_CLEAN_CHARS:
        raise InputError(
            f"{source} is too long to clean in one piece ({len(raw.text) / 1e6:.0f} million "
            f"characters, at most {MAX_CLEAN_CHARS // 10**6}); split it, or give it one sentence "
            "a line with --presegmented"
        )
    if check_lang:
        check_language(raw.text, lang, source=source)
    furniture: list[str] = []
    if presegmented:
        segments = presegmented_segments(raw.text)
        fmt = "pre"
    else:
        segmented = split_text(raw.text, lang, repair_words=repair_words)
        segments, furniture = segmented.segments, segmented.furniture
        fmt = raw.fmt
    if not any(_LETTER.search(s.text) for s in segments):
        raise InputError(f"{source}: no text left to align (only boilerplate or numbers?)")
    meta = {"encoding": raw.encoding} if raw.encoding else {}
    if furniture:
        meta[FURNITURE_KEY] = "\n".join(furniture)
    return Document(lang, segments, raw.sha256, path, fmt, raw.title, meta)


def presegmented_segments(text: str) -> list[Segment]:
    """One segment per non-blank line: text stripped, original = the line."""
    segments = []
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if line.strip():
            segments.append(Segment(len(segments), line.strip(), line, "sentence"))
    return segments


@dataclass(frozen=True)
class Segmented:
    """The segments of a text and the furniture lines cut out of it."""

    segments: list[Segment]
    furniture: list[str]


@dataclass(frozen=True)
class _Piece:
    text: str
    start: int  # source span
    end: int
    kind: str


def split_text(text: str, lang: str, *, repair_words: bool = True) -> Segmented:
    """Clean ``text`` and split it into segments; each keeps its exact original span.

    Within a paragraph the segments' originals follow each other without a gap (but for
    whitespace and cut-out furniture at the seams), so nothing but furniture and whitespace is
    in no original. Text without letters (a table figure such as "12,5 %") joins the segment
    before it, or the first one after it at the start (``merge_letterless``).
    """
    segmenter = get_segmenter(lang)
    cleaned = Cleaner(lang, repair_words=repair_words).clean_document(text)
    cut = [r.source_span for r in cleaned.removed]
    pieces: list[_Piece] = []
    for paragraph in cleaned.paragraphs:
        para_start, para_end = paragraph.source_span
        spans = segmenter.spans(paragraph.text.text)
        start = para_start
        for k, (first, last) in enumerate(spans):
            own_start, own_end = paragraph.text.slice(first, last).source_span()
            if k:
                start = _seam(text, start, max(start, own_start), cut)
            end = para_end if k == len(spans) - 1 else max(start, own_end)
            kind = _KIND_OF_FIRST[paragraph.kind] if k == 0 else "sentence"
            piece_text = paragraph.text.text[first:last]
            pieces.append(_Piece(piece_text, *trim_span(text, start, end), kind))
            start = end
    pieces = merge_letterless(pieces, lambda p: bool(_LETTER.search(p.text)), _join_pieces)
    segments = [Segment(i, p.text, text[p.start : p.end], p.kind) for i, p in enumerate(pieces)]
    return Segmented(segments, [r.text for r in cleaned.removed])


def _join_pieces(a: _Piece, b: _Piece) -> _Piece:
    kind = a.kind if _LETTER.search(a.text) else b.kind
    return _Piece(f"{a.text} {b.text}", a.start, b.end, kind)


def _seam(text: str, start: int, own_start: int, cut: list[tuple[int, int]]) -> int:
    """Where a segment's original starts after the one before ended at ``start``: at the first
    character that is neither whitespace nor cut-out furniture, or at its own first character."""
    pos = start
    while pos < own_start:
        inside = next((end for s, end in cut if s <= pos < end), None)
        if inside is not None:
            pos = inside
        elif text[pos].isspace():
            pos += 1
        else:
            return pos
    return own_start
