"""DOCX (Word 2007+): the paragraphs of word/document.xml, read with zipfile and lxml."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from tmtool.errors import InputError
from tmtool.read.base import RawText, Reader

if TYPE_CHECKING:  # lxml is imported when a DOCX file is read, not by every command
    import lxml.etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
#: A declaration's document.xml is a few MB; more (or a high compression ratio) is a zip bomb.
_MAX_XML_BYTES = 32 * 1024 * 1024
_MAX_RATIO = 200
#: Run content that is not visible text: deleted revisions, field codes, fallbacks, drawings' alt.
_SKIP = frozenset(
    {f"{_W}del", f"{_W}delText", f"{_W}instrText", f"{_W}rPr", f"{_W}pPr", _MC_FALLBACK}
)
_LIST_STYLES = ("list", "lijst", "liste", "opsomming", "aufzählung", "bullet")


def _parser() -> lxml.etree.XMLParser:
    import lxml.etree

    return lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )


class DocxReader(Reader):
    """Word documents: one paragraph per ``w:p``; list paragraphs become bullet lines."""

    fmt = "docx"
    suffixes = (".docx", ".docm", ".dotx")

    @staticmethod
    def sniff(data: bytes) -> bool:
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "word/document.xml" in archive.namelist()
        except zipfile.BadZipFile:
            return False

    def read(self, data: bytes, name: str) -> RawText:
        import lxml.etree

        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(f"{name} is not a valid DOCX file (not a ZIP archive)") from None
        with archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise InputError(f"{name} is not a Word document (no word/document.xml)") from None
            if info.file_size > _MAX_XML_BYTES or (
                info.file_size > 1024 * 1024
                and info.file_size > _MAX_RATIO * max(1, info.compress_size)
            ):
                raise InputError(
                    f"{name}: word/document.xml unpacks to {info.file_size // 2**20} MB "
                    "(too large, or a zip bomb); not read"
                )
            try:
                xml = archive.read(info)
                if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml[:65536]:
                    raise InputError(
                        f"{name}: word/document.xml declares XML entities (refused: a possible "
                        "entity-expansion attack)"
                    )
                root = lxml.etree.fromstring(xml, _parser())
            except (lxml.etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
                raise InputError(f"{name}: damaged DOCX file ({exc})") from None
            title = _core_title(archive)
        body = root.find(f"{_W}body")
        paragraphs: list[str] = []
        if body is not None:
            _collect(body, paragraphs)
        return self._raw(data, "\n\n".join(p for p in paragraphs if p.strip()), title)


def _core_title(archive: zipfile.ZipFile) -> str | None:
    import lxml.etree

    try:
        info = archive.getinfo("docProps/core.xml")
        if info.file_size > 1024 * 1024:
            return None
        root = lxml.etree.fromstring(archive.read(info), _parser())
    except (KeyError, lxml.etree.XMLSyntaxError):
        return None
    element = root.find(_DC_TITLE)
    return element.text if element is not None and element.text else None


def _collect(element: lxml.etree._Element, paragraphs: list[str]) -> None:
    """Paragraphs in document order, tables and text boxes included."""
    for child in element:
        if child.tag == f"{_W}p":
            paragraphs.extend(_paragraph_texts(child))
        elif child.tag not in _SKIP:
            _collect(child, paragraphs)


def _paragraph_texts(paragraph: lxml.etree._Element) -> list[str]:
    """The text of one ``w:p``, then that of paragraphs nested in it (text boxes)."""
    pieces: list[str] = []
    nested: list[str] = []

    def walk(element: lxml.etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == f"{_W}p":
                nested.extend(_paragraph_texts(child))
            elif tag == f"{_W}t":
                pieces.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                pieces.append("\t")
            elif tag == f"{_W}br":
                pieces.append("\f" if child.get(f"{_W}type") == "page" else "\n")
            elif tag == f"{_W}cr":
                pieces.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                pieces.append("-")
            elif tag == f"{_W}softHyphen":
                pieces.append("\u00ad")
            else:
                walk(child)

    walk(paragraph)
    text = "".join(pieces).strip()
    if text and _is_list_paragraph(paragraph):
        text = "- " + text
    return [text, *nested]


def _is_list_paragraph(paragraph: lxml.etree._Element) -> bool:
    properties = paragraph.find(f"{_W}pPr")
    if properties is None:
        return False
    if properties.find(f"{_W}numPr") is not None:
        return True
    style = properties.find(f"{_W}pStyle")
    value = (style.get(f"{_W}val") or "").lower() if style is not None else ""
    return any(word in value for word in _LIST_STYLES)
