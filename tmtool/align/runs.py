"""Embeddings of runs of consecutive sentences, the units that m-n beads compare."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from tmtool.embed.base import Encoder

_WORD = re.compile(r"[^\W\d_]{3,}")


class RunEmbeddings:
    """``self[k][i]`` is the unit-length embedding of ``texts[i:i+k]``, for k = 1..max_run.

    Encoders that can pool runs themselves (``encode_runs``, e.g. USE) compute each sentence once;
    for the others the joined texts are encoded, each distinct text once.
    """

    def __init__(self, texts: Sequence[str], encoder: Encoder, max_run: int) -> None:
        self.texts = list(texts)
        self.max_run = max_run
        encode_runs = getattr(encoder, "encode_runs", None)
        if encode_runs is not None:
            self._runs = encode_runs(self.texts, max_run)
        else:
            self._runs = _encode_joined(self.texts, encoder, max_run)
        self.chars = np.array([max(len(t), 1) for t in self.texts], dtype=np.float64)
        self._char_prefix = np.concatenate(([0.0], np.cumsum(self.chars)))
        self.junk = np.array([_is_junk(t) for t in self.texts], dtype=np.float64)
        self._junk_prefix = np.concatenate(([0.0], np.cumsum(self.junk)))

    def __getitem__(self, k: int) -> np.ndarray:
        return self._runs[k]

    def __len__(self) -> int:
        return len(self.texts)

    def run_chars(self, k: int, starts: np.ndarray | int) -> np.ndarray:
        """Total characters of the runs ``texts[s:s+k]``."""
        return self._char_prefix[np.asarray(starts) + k] - self._char_prefix[starts]

    def run_junk(self, k: int, starts: np.ndarray | int) -> np.ndarray:
        """How many texts of each run ``texts[s:s+k]`` are debris rather than language."""
        return self._junk_prefix[np.asarray(starts) + k] - self._junk_prefix[starts]

    def blocks(self, size: int) -> np.ndarray:
        """Mean embedding of consecutive blocks of ``size`` sentences (coarse alignment)."""
        single = self._runs[1]
        n_blocks = -(-len(single) // size)
        padded = np.zeros((n_blocks * size, single.shape[1]), np.float32)
        padded[: len(single)] = single
        means = padded.reshape(n_blocks, size, -1).sum(axis=1)
        return means / np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)


def _is_junk(text: str) -> bool:
    """Fewer than two words of three or more letters: OCR debris, page furniture, stray marks."""
    return len(_WORD.findall(text)) < 2


def _encode_joined(texts: list[str], encoder: Encoder, max_run: int) -> dict[int, np.ndarray]:
    joined = {
        k: [" ".join(texts[i : i + k]) for i in range(len(texts) - k + 1)]
        for k in range(1, max_run + 1)
    }
    distinct = list(dict.fromkeys(t for batch in joined.values() for t in batch))
    vectors = encoder.encode(distinct) if distinct else np.zeros((0, encoder.dim), np.float32)
    row = {text: r for r, text in enumerate(distinct)}
    return {
        k: vectors[[row[t] for t in batch]] if batch else np.zeros((0, encoder.dim), np.float32)
        for k, batch in joined.items()
    }
