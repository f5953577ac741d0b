"""Embeddings of runs of consecutive sentences, the units that m-n beads compare."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from tmtool.embed.base import Encoder

_WORD = re.compile(r"[^\W\d_]{3,}")


class RunEmbeddings:
    """``self[k][i]`` is the unit-length embedding of ``texts[i:i+k]``, for k = 1..max_run.

    The encoder computes them (``Encoder.encode_runs``): USE pools runs from per-sentence parts,
    the others encode the joined texts.
    """

    def __init__(self, texts: Sequence[str], encoder: Encoder, max_run: int) -> None:
        self.texts = list(texts)
        self.max_run = max_run
        self._runs = encoder.encode_runs(self.texts, max_run)
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
