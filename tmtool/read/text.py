"""Plain text: UTF-8 (with or without BOM), UTF-16/32 with BOM, Windows-1252 or Latin-1."""

from __future__ import annotations

import codecs
import re

from tmtool.errors import InputError
from tmtool.read.base import RawText, Reader

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
#: Control characters that never occur in text (tab, line feed, form feed, CR and ESC excepted).
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
#: A multi-byte UTF-8 character: text holding these is UTF-8, not Windows-1252.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
#: Non-ASCII characters that are normal in Western European text besides letters.
_TEXT_SYMBOLS = set("«»“”‘’‚„–—…€£¥°§¶·•×÷©®™¡¿ªº¹²³µ¼½¾±¢¤¦¨¯´¸\u00a0\u00ad")
#: UTF-8 read as Windows-1252 and saved again as UTF-8: "BelgiÃ«", "â€œ".
_MOJIBAKE = re.compile(
    r"Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u203a€™]|â€"
)


def decode_text(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file; returns (text, encoding).

    Order: byte-order mark, UTF-16 without BOM, valid UTF-8, the ``declared`` encoding (HTML),
    then Windows-1252/Latin-1 if the result reads as Western text. Raises ``InputError`` for a
    binary file or text in none of these encodings.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: starts with a {label} byte-order mark but is not valid {label}"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16.upper()
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError(f"{name} is a binary file, not text (expected text, HTML, DOCX or PDF)")
    try:
        return _fix_mojibake(data.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError as error:
        if len(_UTF8_SEQUENCE.findall(data, 0, 1 << 20)) >= 2:
            raise InputError(
                f"{name}: mixes UTF-8 text with bytes that are not UTF-8 (the first at byte "
                f"{error.start}); repair or re-save it as UTF-8"
            ) from None
    if declared:
        try:
            codecs.lookup(declared)
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_western_text(text):
            if codec == "cp1252" and not re.search(rb"[\x80-\x9f]", data):
                codec = "latin-1"
            return text, {"cp1252": "Windows-1252", "latin-1": "Latin-1"}[codec]
    raise InputError(
        f"{name}: cannot decode the text (not UTF-8, Windows-1252 or Latin-1); save it as UTF-8"
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" for ASCII-heavy UTF-16 without a byte-order mark."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def _reads_as_western_text(text: str) -> bool:
    """Non-ASCII characters are few and are letters or common symbols (not C1 controls)."""
    special = [c for c in text if ord(c) > 127]
    if not special:
        return True
    plausible = sum(c.isalpha() or c in _TEXT_SYMBOLS for c in special)
    letters = sum(c.isalpha() for c in text)
    return plausible >= 0.95 * len(special) and len(special) <= 0.3 * max(letters, 1)


def _fix_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Windows-1252 and encoded again ("BelgiÃ«" -> "België")."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy comes with wordfreq
        return text
    return ftfy.fix_encoding(text)


class TextReader(Reader):
    """Plain text files."""

    fmt = "txt"
    suffixes = (".txt", ".text", ".md")

    def read(self, data: bytes, name: str) -> RawText:
        text, encoding = decode_text(data, name)
        return self._raw(data, text.lstrip("\ufeff"), encoding=encoding)
