"""The Encoder interface owns run encoding: RunEmbeddings asks the encoder, whatever it is."""

from __future__ import annotations

import numpy as np

from tmtool.align.runs import RunEmbeddings
from tmtool.embed.base import Encoder


class LetterCounts(Encoder):
    """A toy encoder: letter counts a-z (enough to tell texts apart); counts the texts it saw."""

    name = "letters"

    def __init__(self) -> None:
        self.seen: list[str] = []

    @property
    def version(self) -> str:
        return "1"

    @property
    def dim(self) -> int:
        return 26

    def _encode(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        out = np.zeros((len(texts), 26), np.float32)
        for row, text in enumerate(texts):
            for char in text.lower():
                if "a" <= char <= "z":
                    out[row, ord(char) - 97] += 1
        return out + 0.01


def test_default_encode_runs_encodes_each_distinct_joined_text_once() -> None:
    encoder = LetterCounts()
    texts = ["ab", "cd", "ab", "cd"]
    runs = encoder.encode_runs(texts, 3)
    assert [runs[k].shape for k in (1, 2, 3)] == [(4, 26), (3, 26), (2, 26)]
    assert sorted(encoder.seen) == sorted(["ab", "cd", "ab cd", "cd ab", "ab cd ab", "cd ab cd"])
    assert np.allclose(runs[2][1], encoder.encode(["cd ab"])[0])
    assert np.allclose(np.linalg.norm(runs[3], axis=1), 1.0)
    assert encoder.encode_runs(["ab"], 2)[2].shape == (0, 26)
    assert encoder.encode_runs([], 2)[1].shape == (0, 26)


def test_run_embeddings_take_the_encoders_runs() -> None:
    class Pooled(LetterCounts):
        def encode_runs(self, texts, max_run):  # type: ignore[no-untyped-def]
            return {k: np.full((len(texts) - k + 1, 26), float(k), np.float32) for k in range(1, 3)}

    embedded = RunEmbeddings(["ab", "cd", "ef"], Pooled(), 2)
    assert embedded[2].shape == (2, 26) and float(embedded[2][0, 0]) == 2.0
