"""The segmenter interface: a paragraph in, sentence spans out."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


class Segmenter(ABC):
    """Splits paragraphs into sentences for one language."""

    #: short identifier, e.g. "rules"
    name: str = "segmenter"

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @abstractmethod
    def spans(self, paragraph: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence of one paragraph, in order, without surrounding
        whitespace. Every letter of the paragraph lies in exactly one span."""

    def split(self, text: str) -> list[str]:
        """Sentences of a plain text whose paragraphs are separated by blank lines."""
        sentences = []
        for paragraph in _PARAGRAPH_BREAK.split(text):
            flat = " ".join(paragraph.split())
            sentences.extend(flat[start:end] for start, end in self.spans(flat))
        return sentences


def merge_letterless(
    items: list[T], has_letters: Callable[[T], bool], join: Callable[[T, T], T]
) -> list[T]:
    """The one rule for text without letters ("12,5 %", "./.", "”"): it joins the item before it;
    at the start, the first item with letters after it. Nothing is dropped: if no item has
    letters, they all become one item."""
    merged: list[T] = []
    pending: T | None = None
    for item in items:
        if not has_letters(item):
            if merged:
                merged[-1] = join(merged[-1], item)
            else:
                pending = item if pending is None else join(pending, item)
            continue
        if pending is not None:
            item, pending = join(pending, item), None
        merged.append(item)
    if pending is not None:
        merged.append(pending)
    return merged
