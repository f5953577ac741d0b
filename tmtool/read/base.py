"""The reader interface: the bytes of one file in, its text out."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class RawText:
    """The text of an input file before cleaning.

    ``sha256`` is the hash of the raw bytes (the document's identity); ``text`` is what every
    segment's ``original`` is cut from.
    """

    text: str
    fmt: str  # txt | html | docx | pdf
    sha256: str
    title: str | None = None
    encoding: str | None = None  # for text and HTML files


class Reader(ABC):
    """Extracts the text of one file format."""

    fmt: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @staticmethod
    def sniff(data: bytes) -> bool:
        """Whether ``data`` looks like this format (used when the suffix says nothing)."""
        return False

    @abstractmethod
    def read(self, data: bytes, name: str) -> RawText:
        """Extract the text of ``data``; ``name`` is used in error messages.

        Raises ``InputError`` for a file that cannot be read as this format.
        """

    def _raw(
        self, data: bytes, text: str, title: str | None = None, encoding: str | None = None
    ) -> RawText:
        title = " ".join(title.split()) if title else None
        return RawText(text, self.fmt, hashlib.sha256(data).hexdigest(), title or None, encoding)
