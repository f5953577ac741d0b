"""Embed stage: multilingual sentence encoders behind one interface."""

from tmtool.embed.base import Encoder
from tmtool.embed.registry import DEFAULT_ENCODER, get_encoder

__all__ = ["DEFAULT_ENCODER", "Encoder", "get_encoder"]
