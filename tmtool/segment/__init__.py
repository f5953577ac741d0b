"""Sentence segmentation."""

from tmtool.segment.base import Segmenter
from tmtool.segment.rules import RuleSegmenter


def get_segmenter(lang: str) -> Segmenter:
    """The segmenter for ``lang`` (rule-based; generic rules for languages without their own)."""
    return RuleSegmenter(lang)


__all__ = ["RuleSegmenter", "Segmenter", "get_segmenter"]
