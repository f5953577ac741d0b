"""The USE tokenizer: SentencePiece on the model's own ``sp.model``, loaded in half the time.

Loading the 128,000-piece model costs ~0.17 s of every start, nearly all of it building its
lookup structures, a cost that grows faster than the number of pieces. 85,000 of the pieces are
made only of Latin letters, combining accents, digits, punctuation and symbols ("Western"
characters). SentencePiece cuts a text into pieces that occur in it, by their scores; a text whose
normalised characters are all Western can only contain Western pieces, so a model holding just
those (same scores, same normaliser) cuts it identically, and mapping its ids back gives the full
model's ids. That model is built once into tmtool's cache folder; a text with any other character
(Greek, Cyrillic, CJK...) is tokenised by the full model, loaded when first needed.
``tests/test_embed_use.py`` compares both on many texts.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from tmtool.cache import cached_or_in_memory

#: bump when the files written by ``_build`` change
_LAYOUT = 1
_NORMAL = 1  # SentencePiece's piece type of ordinary pieces (the others are kept whatever they are)


class UseTokenizer:
    """Token ids of a text as USE's SentencePiece model gives them, BOS and EOS included."""

    def __init__(self, model: Path, version: str) -> None:
        self._model = model
        self._full: Any = None
        western = cached_or_in_memory(
            f"use-sp-western-{version}-{model.stat().st_size}-layout{_LAYOUT}",
            lambda folder: _build(model, folder),
            _load_western,
            lambda: None,
            what="the USE tokenizer",
            instead="loading the full SentencePiece model, which makes every start about 0.1 s "
            "slower",
        )
        if western is None:
            self._western = None
            self.full  # noqa: B018 - a model that cannot be read fails here, not mid-document
        else:
            self._western, self._ids, self._chars = western

    def __call__(self, text: str) -> list[int]:
        if self._western is not None and self._chars.issuperset(self._western.normalize(text)):
            ids = self._ids
            return [ids[i] for i in self._western.encode(text, add_bos=True, add_eos=True)]
        return self.full.encode(text, add_bos=True, add_eos=True)

    @property
    def full(self) -> Any:
        """The whole model (loaded on first use)."""
        if self._full is None:
            import sentencepiece

            self._full = sentencepiece.SentencePieceProcessor(model_file=str(self._model))
        return self._full


def _load_western(folder: Path) -> tuple[Any, list[int], frozenset[str]]:
    """The Western model written by ``_build``, its ids in the full model, its characters."""
    import numpy as np
    import sentencepiece

    model = sentencepiece.SentencePieceProcessor(model_file=str(folder / "western.model"))
    ids = np.load(folder / "ids.npy").tolist()
    return model, ids, frozenset((folder / "chars.txt").read_text(encoding="utf-8"))


def western(char: str) -> bool:
    """A Latin letter, a combining accent, a Western digit, punctuation mark or symbol."""
    code = ord(char)
    if code >= 0x3000:  # CJK punctuation, kana, ideographs, Hangul, fullwidth forms...
        return False
    category = unicodedata.category(char)
    if category[0] in "LM":
        return unicodedata.name(char, "").startswith(("LATIN", "COMBINING"))
    if category[0] == "N":  # ASCII and Latin-1 digits, superscripts, fractions, Roman numerals
        return code < 0x250 or 0x2000 <= code < 0x2190
    return True


def _build(model: Path, folder: Path) -> None:
    """The Western model (its pieces in the full model's order), its ids in the full model and
    the Western characters."""
    import numpy as np

    chars = "".join(chr(code) for code in range(0x3000) if western(chr(code)))
    allowed = frozenset(chars)
    pieces, rest = [], []
    kept = []
    for number, raw, body in _fields(model.read_bytes()):
        if number != 1:  # trainer and normaliser specs: as they are
            rest.append(raw)
            continue
        text, kind = _piece(body)
        if kind != _NORMAL or allowed.issuperset(text):
            kept.append(len(pieces))
            pieces.append(raw)
        else:
            pieces.append(b"")
    (folder / "western.model").write_bytes(b"".join(pieces) + b"".join(rest))
    np.save(folder / "ids.npy", np.array(kept, dtype=np.int32))
    (folder / "chars.txt").write_text(chars, encoding="utf-8")


# --- just enough of the protobuf wire format to read SentencePiece's ModelProto ---


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _fields(data: bytes) -> list[tuple[int, bytes, bytes]]:
    """(field number, the field's raw bytes, its payload) of each length-delimited field of a
    message (a ModelProto has no other kind at its top level)."""
    fields = []
    at = 0
    while at < len(data):
        start = at
        key, at = _varint(data, at)
        if key & 7 != 2:
            raise ValueError("not a SentencePiece model")
        length, at = _varint(data, at)
        fields.append((key >> 3, data[start : at + length], data[at : at + length]))
        at += length
    return fields


def _piece(body: bytes) -> tuple[str, int]:
    """A SentencePiece message's piece text (field 1) and type (field 3, NORMAL by default)."""
    text, kind = "", _NORMAL
    at = 0
    while at < len(body):
        key, at = _varint(body, at)
        number, wire = key >> 3, key & 7
        if wire == 2:
            length, at = _varint(body, at)
            if number == 1:
                text = body[at : at + length].decode("utf-8")
            at += length
        elif wire == 0:
            value, at = _varint(body, at)
            if number == 3:
                kind = value
        elif wire == 5:
            at += 4
        elif wire == 1:
            at += 8
        else:
            raise ValueError("not a SentencePiece model")
    return text, kind
