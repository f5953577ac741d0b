"""Reading input files: plain text, HTML, DOCX and PDF, with clear errors for bad input."""

from __future__ import annotations

import os
from pathlib import Path

from tmtool.errors import InputError
from tmtool.read.base import RawText, Reader
from tmtool.read.docx import DocxReader
from tmtool.read.html import HtmlReader
from tmtool.read.language import check_language
from tmtool.read.pdf import PdfReader
from tmtool.read.text import TextReader, decode_text

#: Readers in sniffing order (plain text last: it takes anything that is not binary).
READERS: tuple[type[Reader], ...] = (PdfReader, DocxReader, HtmlReader, TextReader)
MAX_BYTES = 200 * 1024 * 1024
_UNSUPPORTED = {
    ".doc": "old Word .doc files are not supported; save it as DOCX",
    ".odt": "OpenDocument files are not supported; save it as DOCX",
    ".rtf": "RTF files are not supported; save it as DOCX or plain text",
}


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader for a file: by suffix, else by content."""
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise InputError(f"{path}: {_UNSUPPORTED[suffix]}")
    for reader in READERS:
        if suffix and suffix in reader.suffixes:
            return reader()
    for reader in READERS:
        if reader.sniff(data):
            return reader()
    return TextReader()


def read_file(path: str | os.PathLike[str]) -> RawText:
    """Read one input file into text. Raises ``InputError`` with a one-line reason for a missing,
    unreadable, empty, binary or undecodable file, or one without extractable text."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a file")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{path} is too large (over {MAX_BYTES // 2**20} MB)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path} is empty")
    raw = reader_for(path, data).read(data, str(path))
    if not raw.text.strip():
        raise InputError(f"{path} is empty (no text in it)")
    return raw


__all__ = [
    "READERS",
    "DocxReader",
    "HtmlReader",
    "PdfReader",
    "RawText",
    "Reader",
    "TextReader",
    "check_language",
    "decode_text",
    "read_file",
    "reader_for",
]
