"""Read, clean and segment one input file into a ``Document`` (the first half of the pipeline)."""

from __future__ import annotations

import hashlib
import os
import re

from tmtool.clean import Cleaner
from tmtool.document import Document, Segment
from tmtool.errors import InputError
from tmtool.read import RawText, check_language, read_file
from tmtool.segment import get_segmenter

_KIND_OF_FIRST = {"heading": "heading", "item": "item", "text": "sentence"}
_LETTER = re.compile(r"[^\W\d_]")


def normalise_lang(lang: str) -> str:
    """ "NL", "nl-BE", "nl_BE" -> "nl"; raises ``InputError`` for something that is no code."""
    code = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise InputError(f"{lang!r} is not a language code (use nl, fr, en, ...)")
    return code


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
    if check_lang:
        check_language(raw.text, lang, source=source)
    if presegmented:
        segments = presegmented_segments(raw.text)
        fmt = "pre"
    else:
        segments = segment_text(raw.text, lang, repair_words=repair_words)
        fmt = raw.fmt
    if not segments:
        raise InputError(f"{source}: no text left to align (only boilerplate or numbers?)")
    meta = {"encoding": raw.encoding} if raw.encoding else {}
    return Document(lang, segments, raw.sha256, path, fmt, raw.title, meta)


def presegmented_segments(text: str) -> list[Segment]:
    """One segment per non-blank line: text stripped, original = the line."""
    segments = []
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if line.strip():
            segments.append(Segment(len(segments), line.strip(), line, "sentence"))
    return segments


def segment_text(text: str, lang: str, *, repair_words: bool = True) -> list[Segment]:
    """Clean ``text`` and split it into segments; each keeps its exact original span.

    A paragraph without letters (a table figure such as "12,5 %") joins the segment before it
    (or after it, at the start), so that no segment is only numbers or punctuation.
    """
    segmenter = get_segmenter(lang)
    pieces: list[tuple[str, int, int, str]] = []  # text, source start, source end, kind
    pending: tuple[str, int] | None = None  # letterless text waiting for the next segment
    for paragraph in Cleaner(lang, repair_words=repair_words).clean(text):
        para_start, para_end = paragraph.source_span
        if not _LETTER.search(paragraph.text.text):
            if pieces:
                last_text, last_start, _, last_kind = pieces[-1]
                pieces[-1] = (f"{last_text} {paragraph.text.text}", last_start, para_end, last_kind)
            else:
                pending = (paragraph.text.text, para_start)
            continue
        spans = segmenter.spans(paragraph.text.text)
        for k, (start, end) in enumerate(spans):
            piece = paragraph.text.slice(start, end)
            src_start, src_end = piece.source_span()
            if k == 0:
                src_start = min(src_start, para_start)
            if k == len(spans) - 1:
                src_end = max(src_end, para_end)
            kind = _KIND_OF_FIRST[paragraph.kind] if k == 0 else "sentence"
            piece_text = piece.text
            if pending is not None:
                piece_text, src_start = f"{pending[0]} {piece_text}", pending[1]
                pending = None
            pieces.append((piece_text, src_start, src_end, kind))
    return [
        Segment(i, piece_text, text[start:end], kind)
        for i, (piece_text, start, end, kind) in enumerate(pieces)
    ]
