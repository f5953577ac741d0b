"""Surface evidence beside the embeddings: shared numbers and shared words (names, cognates).

Numbers, dates, article references and proper names are usually copied unchanged into a
translation, so runs that share them are likely to be translations of each other, and runs whose
numbers disagree are not. Only tokens that occur in both documents are kept, and tokens that are
too frequent to discriminate (in more than ``max_share`` of either side's sentences) are dropped.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from tmtool.align.runs import RunSums

_TOKEN = re.compile(r"\w+(?:[.,/-]\w+)*", re.UNICODE)
_DIGIT = re.compile(r"\d")
_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
#: a sentence that ends like one: . ! ? or an ellipsis, perhaps inside closing quotes or brackets
_FULL_STOP = re.compile(r"[.!?\u2026](?:\s*[\u00bb\"'\u201d\u2019)\]])*\s*$")


def _tokens(text: str) -> set[str]:
    out = set()
    for token in _TOKEN.findall(text):
        if _DIGIT.search(token):
            out.add(re.sub(r"[.,](?=\d{3}\b)", "", token))  # 9.200 / 9,200 -> 9200
        elif len(token) >= 4:
            out.add(token.lower())
    return out


class SharedTokens:
    """Hashed binary token vectors per run of sentences, over tokens both documents contain.

    Numbers hash into the first half of the vector, words into the second; ``matches`` counts the
    shared buckets of two runs. With a few tokens per run, hash collisions are rare.
    """

    buckets = 256  # per half

    def __init__(
        self, src: Sequence[str], tgt: Sequence[str], max_run: int, max_share: float = 0.05
    ) -> None:
        src_sets = [_tokens(t) for t in src]
        tgt_sets = [_tokens(t) for t in tgt]
        src_df = Counter(tok for s in src_sets for tok in s)
        tgt_df = Counter(tok for s in tgt_sets for tok in s)
        limit_src = max(2, max_share * len(src))
        limit_tgt = max(2, max_share * len(tgt))
        shared = {
            tok
            for tok in src_df.keys() & tgt_df.keys()
            if src_df[tok] <= limit_src and tgt_df[tok] <= limit_tgt
        }
        self.src = _matrix(src_sets, shared, self.buckets)
        self.tgt = _matrix(tgt_sets, shared, self.buckets)

    def block_counts(
        self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray
    ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """(shared, unshared) token counts between src runs ``(s, a)`` (rows) and tgt runs
        ``(t, b)`` (columns): once for numbers, once for words."""
        s = _union(self.src, src_starts, a)
        t = _union(self.tgt, tgt_starts, b)
        out = []
        for part in (slice(0, self.buckets), slice(self.buckets, None)):
            shared = s[:, part] @ t[:, part].T
            total = s[:, part].sum(axis=1)[:, None] + t[:, part].sum(axis=1)[None, :]
            out.append((shared, total - 2 * shared))
        return out[0], out[1]


def _matrix(sets: list[set[str]], shared: set[str], buckets: int) -> np.ndarray:
    """One row of bucket flags per sentence, as bytes: 512 bytes a sentence, whatever the run."""
    matrix = np.zeros((len(sets), 2 * buckets), np.uint8)
    for row, tokens in enumerate(sets):
        for tok in tokens & shared:
            offset = 0 if _DIGIT.search(tok) else buckets
            matrix[row, offset + zlib.crc32(tok.encode()) % buckets] = 1
    return matrix


def _union(single: np.ndarray, starts: np.ndarray, length: int) -> np.ndarray:
    """Bucket flags of the runs ``single[s:s+length]`` for each s in ``starts``, as float32."""
    rows = single[starts]
    for k in range(1, length):
        rows = np.maximum(rows, single[starts + k])
    return rows.astype(np.float32)


class SentenceShapes:
    """Per-sentence surface flags that m-n and 1-0/0-1 decisions depend on, with prefix sums.

    * ``empty``: fewer than two letters or digits (".....", "- _-"): OCR debris that gold leaves
      unaligned, where a longer stray line ("293 , Nov .") may still continue a sentence;
    * ``soft_end``: no sentence-final punctuation (a clause cut at ":" or ";", a heading, a line
      cut by OCR), so the next sentence may well belong to the same translation unit.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.empty = np.array([len(_ALNUM.findall(t)) < 2 for t in texts], np.float64)
        self.soft_end = np.array([not _FULL_STOP.search(t) for t in texts], np.float64)
        self._run_empty = RunSums(self.empty)
        self._run_soft = RunSums(self.soft_end)

    def run_empty(self, k: int, starts: np.ndarray) -> np.ndarray:
        """How many sentences of each run ``[s, s+k)`` are empty."""
        return self._run_empty(k, starts)

    def run_soft_joins(self, k: int, starts: np.ndarray) -> np.ndarray:
        """How many of the k-1 joins inside each run ``[s, s+k)`` follow a soft end."""
        return self._run_soft(k - 1, starts)
