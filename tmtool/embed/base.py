"""The encoder interface: texts in, L2-normalised float32 vectors out."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np


def available_cores() -> int:
    """CPU cores this process may run on (respects affinity masks and container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Encoder(ABC):
    """A multilingual sentence encoder.

    Subclasses import their heavy libraries lazily (in ``__init__`` or on first use), so that
    importing tmtool never loads torch or model weights.
    """

    #: short identifier used on the command line and stored with each alignment run
    name: str = "encoder"

    @property
    @abstractmethod
    def version(self) -> str:
        """Package and model version, stored with each alignment run for reproducibility."""

    @abstractmethod
    def _encode(self, texts: list[str]) -> np.ndarray:
        """Embed a batch of non-empty texts; return an (n, dim) array."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns an (n, dim) float32 array whose rows have unit length."""
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self._encode([t if t.strip() else "." for t in texts]), np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    @property
    @abstractmethod
    def dim(self) -> int:
        """Embedding dimension."""

    def encode_runs(self, texts: Sequence[str], max_run: int) -> dict[int, np.ndarray]:
        """Embeddings of every run of ``k`` consecutive texts, for k = 1..max_run.

        ``runs[k][i]`` embeds ``texts[i:i+k]`` (unit rows; ``(0, dim)`` when there is no such
        run). This default encodes the joined texts, each distinct one once; encoders that can
        pool runs from per-sentence parts (USE) override it.
        """
        joined = {
            k: [" ".join(texts[i : i + k]) for i in range(len(texts) - k + 1)]
            for k in range(1, max_run + 1)
        }
        distinct = list(dict.fromkeys(t for batch in joined.values() for t in batch))
        vectors = self.encode(distinct)
        row = {text: r for r, text in enumerate(distinct)}
        return {
            k: vectors[[row[t] for t in batch]] if batch else np.zeros((0, self.dim), np.float32)
            for k, batch in joined.items()
        }

    def signature(self) -> str:
        """A short reproducibility string, e.g. ``use-m3@0.2.1``."""
        return f"{self.name}@{self.version}"
