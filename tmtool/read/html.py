"""HTML: the visible text of the page, without scripts, navigation, headers and footers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tmtool.errors import InputError
from tmtool.read.base import RawText, Reader
from tmtool.read.text import decode_text

if TYPE_CHECKING:  # lxml is imported when an HTML file is read, not by every command
    import lxml.html


def _words(text: str) -> list[str]:
    """Split a space-separated word list."""
    return text.split()


#: Elements whose content is never part of the text.
_DROP = frozenset(
    _words(
        "script style noscript template nav header footer aside form iframe svg math button select "
        "option object embed canvas map head audio video"
    )
)


#: Elements that start and end a paragraph.
_BLOCK = frozenset(
    _words(
        "p div section article main h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr "
        "td th blockquote pre figure figcaption address hr caption fieldset details summary center "
        "body"
    )
)
#: Class or id names of page furniture.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|cookies?|cookie-?banner|skip-?link|navbar|sharing|social-?share)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BREAK = "\x00BR\x00"
_PARAGRAPH = "\x00P\x00"


class HtmlReader(Reader):
    """HTML pages: blocks become paragraphs, ``<br>`` a line break, list items bullets."""

    fmt = "html"
    suffixes = (".html", ".htm", ".xhtml")

    @staticmethod
    def sniff(data: bytes) -> bool:
        head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]

    def read(self, data: bytes, name: str) -> RawText:
        import lxml.etree
        import lxml.html

        declared = _META_CHARSET.search(data[:4096])
        text, encoding = decode_text(
            data, name, declared.group(1).decode("ascii") if declared else None
        )
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))
        if not text.strip():
            raise InputError(f"{name} is empty")
        parser = lxml.html.HTMLParser()
        try:
            root = lxml.html.document_fromstring(text, parser=parser)
        except (lxml.etree.ParserError, ValueError) as exc:
            raise InputError(f"{name}: cannot parse the HTML ({exc})") from None
        if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
            raise InputError(f"{name}: HTML elements nested too deeply (over 255 levels); not read")
        title = _title(root)
        parts: list[str] = []
        _walk(root, parts, pre=False)
        return self._raw(data, _assemble(parts), title, encoding)


def _title(root: lxml.html.HtmlElement) -> str | None:
    for path in ("//title", "//h1"):
        found = root.xpath(path)
        if found:
            title = " ".join(found[0].text_content().split())
            if title:
                return title
    return None


def _skipped(element: lxml.html.HtmlElement) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _DROP or not isinstance(element.tag, str):
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if element.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(_FURNITURE.search(names))


def _walk(element: lxml.html.HtmlElement, parts: list[str], *, pre: bool) -> None:
    tag = element.tag.lower()
    block = tag in _BLOCK
    pre = pre or tag == "pre"
    if block:
        parts.append(_PARAGRAPH)
    if tag == "li":
        parts.append("- ")
    if tag == "br":
        parts.append(_BREAK)
    if element.text:
        parts.append(_inline(element.text, pre))
    for child in element:
        if not _skipped(child):
            _walk(child, parts, pre=pre)
        if child.tail:
            parts.append(_inline(child.tail, pre))
    if block:
        parts.append(_PARAGRAPH)
    elif tag in ("td", "th"):
        parts.append(" ")


def _inline(text: str, pre: bool) -> str:
    if pre:
        return text.replace("\n", _BREAK)
    return re.sub(r"\s+", " ", text)


def _assemble(parts: list[str]) -> str:
    text = "".join(parts)
    text = re.sub(r"- ((?:\s*\x00P\x00)+)", r"\1- ", text)  # <li><p>...: the bullet goes inside
    text = re.sub(r"[ \t]*(?:\x00P\x00[ \t]*)+", "\n\n", text)
    text = re.sub(r"[ \t]*\x00BR\x00[ \t]*", "\n", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
