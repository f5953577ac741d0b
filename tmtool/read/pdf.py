"""PDF: the text layer of each page (pypdf); pages are joined with a page-break marker."""

from __future__ import annotations

import io
import logging
import re

from tmtool.errors import InputError
from tmtool.read.base import RawText, Reader

#: Between pages; the cleaner treats it as a page break that a sentence may run across.
PAGE_BREAK = "\n\f\n"


class PdfReader(Reader):
    """PDF files with a text layer. Scanned PDFs without one need OCR first."""

    fmt = "pdf"
    suffixes = (".pdf",)

    @staticmethod
    def sniff(data: bytes) -> bool:
        return data[:1024].lstrip().startswith(b"%PDF")

    def read(self, data: bytes, name: str) -> RawText:
        import pypdf

        pypdf_logger = logging.getLogger("pypdf")
        level = pypdf_logger.level
        pypdf_logger.setLevel(logging.ERROR)
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{name} is a password-protected PDF")
            pages = [page.extract_text() or "" for page in reader.pages]
            metadata = reader.metadata
            title = metadata.title if metadata is not None else None
        except InputError:
            raise
        except Exception as exc:  # pypdf raises many kinds of errors on damaged files
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(f"{name}: cannot read the PDF ({reason})") from None
        finally:
            pypdf_logger.setLevel(level)
        text = PAGE_BREAK.join(page.strip("\n") for page in pages)
        if len(re.findall(r"[^\W\d_]", text)) < 10 * max(1, len(pages)) // 2:
            raise InputError(
                f"{name} has no text layer (a scanned PDF?): run OCR on it first, "
                "then give tmtool the OCR'd PDF or text"
            )
        return self._raw(data, text, title if isinstance(title, str) else None)
