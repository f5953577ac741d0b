"""Embeddings of runs of consecutive sentences, the units that m-n beads compare."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from tmtool.embed.base import Encoder

_WORD = re.compile(r"[^\W\d_]{3,}")


#: texts encoded at a time: bounds the encoder's working memory (token features) on long documents
_CHUNK = 4096


class RunSums:
    """Totals of a per-sentence quantity over runs ``values[s:s+k]``, from its prefix sums:
    one subtraction per run, whatever its length."""

    def __init__(self, values: np.ndarray) -> None:
        self._prefix = np.concatenate(([0.0], np.cumsum(values)))

    def __call__(self, k: int, starts: np.ndarray | int) -> np.ndarray:
        """``values[s:s+k].sum()`` for each s of ``starts``."""
        return self._prefix[np.asarray(starts) + k] - self._prefix[starts]


class RunEmbeddings:
    """``self[k][i]`` is the unit-length embedding of ``texts[i:i+k]``, for k = 1..max_run.

    The encoder computes them (``Encoder.encode_runs``): USE pools runs from per-sentence parts,
    the others encode the joined texts, each distinct text once. Texts are encoded in chunks of
    ``_CHUNK`` and the embeddings kept as float16 (2 KB a sentence per run length instead of 4),
    so that a document of 100,000 sentences fits in memory; ``self[k]`` hands out float32 rows,
    the precision of the cosines the scorer computes from them.
    """

    def __init__(self, texts: Sequence[str], encoder: Encoder, max_run: int) -> None:
        self.texts = list(texts)
        self.max_run = max_run
        self._runs = {
            k: HalfRows(rows)
            for k, rows in _encode_in_chunks(
                self.texts, encoder.encode_runs, max_run, encoder.dim
            ).items()
        }
        self._measure_texts()

    def _measure_texts(self) -> None:
        """Each text's length and debris flag, with the prefix sums that total them per run."""
        self.chars = np.array([max(len(t), 1) for t in self.texts], dtype=np.float64)
        self._run_chars = RunSums(self.chars)
        self.junk = np.array([_is_junk(t) for t in self.texts], dtype=np.float64)
        self._run_junk = RunSums(self.junk)

    def __getitem__(self, k: int) -> HalfRows:
        return self._runs[k]

    def __len__(self) -> int:
        return len(self.texts)

    def run_chars(self, k: int, starts: np.ndarray | int) -> np.ndarray:
        """Total characters of the runs ``texts[s:s+k]``."""
        return self._run_chars(k, starts)

    def run_junk(self, k: int, starts: np.ndarray | int) -> np.ndarray:
        """How many texts of each run ``texts[s:s+k]`` are debris rather than language."""
        return self._run_junk(k, starts)

    def sliced(self, start: int, stop: int) -> RunEmbeddings:
        """The run embeddings of ``texts[start:stop]`` alone (runs that leave it are dropped)."""
        part = object.__new__(RunEmbeddings)
        part.texts = self.texts[start:stop]
        part.max_run = self.max_run
        part._runs = {
            k: HalfRows(rows.data[start : max(start, stop - k + 1)])
            for k, rows in self._runs.items()
        }
        part._measure_texts()
        return part

    def blocks(self, size: int) -> np.ndarray:
        """Mean embedding of consecutive blocks of ``size`` sentences (coarse alignment)."""
        return block_means(self._runs[1], size)


def block_means(vectors: np.ndarray | HalfRows, size: int) -> np.ndarray:
    """Unit-length sums of consecutive blocks of ``size`` rows (the last block may be shorter)."""
    n_blocks = -(-len(vectors) // size)
    dim = vectors.shape[1]
    sums = np.zeros((n_blocks, dim), np.float32)
    for start in range(0, len(vectors), _CHUNK * size):
        part = vectors[start : start + _CHUNK * size]
        padded = np.zeros((-(-len(part) // size) * size, dim), np.float32)
        padded[: len(part)] = part
        first = start // size
        sums[first : first + len(padded) // size] = padded.reshape(-1, size, dim).sum(axis=1)
    return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)


class HalfRows:
    """Rows stored as float16, read as float32 (``rows[idx]`` with an int, slice or array)."""

    def __init__(self, data: np.ndarray) -> None:
        self.data = data

    def __getitem__(self, idx: object) -> np.ndarray:
        return self.data[idx].astype(np.float32)

    def __len__(self) -> int:
        return len(self.data)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape


def _encode_in_chunks(
    texts: list[str],
    encode_runs: Callable[[list[str], int], dict[int, np.ndarray]],
    max_run: int,
    dim: int,
) -> dict[int, np.ndarray]:
    """``encode_runs`` over chunks of the texts (each chunk reaching ``max_run - 1`` texts into
    the next, so the runs that cross a chunk boundary are complete), stored as float16."""
    n = len(texts)
    runs = {k: np.zeros((max(n - k + 1, 0), dim), np.float16) for k in range(1, max_run + 1)}
    for start in range(0, n, _CHUNK):
        window = texts[start : start + _CHUNK + max_run - 1]
        encoded = encode_runs(window, max_run)
        for k, rows in runs.items():
            count = min(_CHUNK, len(rows) - start)
            if count > 0:
                rows[start : start + count] = encoded[k][:count]
    return runs


def _is_junk(text: str) -> bool:
    """Fewer than two words of three or more letters: OCR debris, page furniture, stray marks."""
    return len(_WORD.findall(text)) < 2
