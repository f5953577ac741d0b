"""The segmenter interface: a paragraph in, sentence spans out."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

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
