"""Plain-text reading: encodings, byte-order marks and bad input."""

from __future__ import annotations

import hashlib

import pytest

from tmtool.errors import InputError
from tmtool.read import read_file

DUTCH = "Het Koninkrijk België en de Franse Republiek — “samenwerking” tegen terreur: 5 €.\n"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8(tmp_path):
    data = DUTCH.encode("utf-8")
    raw = read_file(write(tmp_path, "a.txt", data))
    assert raw.text == DUTCH
    assert raw.fmt == "txt"
    assert raw.encoding == "UTF-8"
    assert raw.sha256 == hashlib.sha256(data).hexdigest()


def test_utf8_with_bom_drops_the_bom(tmp_path):
    raw = read_file(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + DUTCH.encode("utf-8")))
    assert raw.text == DUTCH
    assert raw.encoding == "UTF-8"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    raw = read_file(write(tmp_path, "a.txt", bom + DUTCH.encode(codec)))
    assert raw.text == DUTCH
    assert raw.encoding == "UTF-16"


def test_utf16_without_bom_is_recognised(tmp_path):
    raw = read_file(write(tmp_path, "a.txt", DUTCH.encode("utf-16-le")))
    assert raw.text == DUTCH


def test_cp1252_with_typographic_quotes_and_euro(tmp_path):
    raw = read_file(write(tmp_path, "a.txt", DUTCH.encode("cp1252")))
    assert raw.text == DUTCH
    assert raw.encoding == "Windows-1252"


def test_latin1(tmp_path):
    text = "Déclaration de la Belgique et de la France à Liège, été 2018.\n"
    raw = read_file(write(tmp_path, "a.txt", text.encode("latin-1")))
    assert raw.text == text
    assert raw.encoding == "Latin-1"


def test_mojibake_is_undone(tmp_path):
    broken = "Het Koninkrijk België en Frankrijk".encode().decode("cp1252").encode("utf-8")
    raw = read_file(write(tmp_path, "a.txt", broken))
    assert raw.text == "Het Koninkrijk België en Frankrijk"


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_file(tmp_path)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf\n\n"])
def test_empty_or_whitespace_only(tmp_path, data):
    with pytest.raises(InputError, match="empty"):
        read_file(write(tmp_path, "a.txt", data))


def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary"):
        read_file(write(tmp_path, "image.txt", png))


def test_undecodable_text(tmp_path):
    # Windows-1252 has no character for 0x81/0x8d, and these bytes read as no Western text.
    data = b"Tekst " + bytes([0x81, 0x8D, 0x90, 0x9D, 0x8F]) * 40 + b" einde\n"
    with pytest.raises(InputError, match="cannot decode"):
        read_file(write(tmp_path, "a.txt", data))


def test_cyrillic_in_a_legacy_encoding_is_refused(tmp_path):
    data = ("Совместная декларация Франции и Бельгии о сотрудничестве. " * 5).encode("koi8-r")
    with pytest.raises(InputError, match="cannot decode"):
        read_file(write(tmp_path, "a.txt", data))


def test_errors_are_one_line(tmp_path):
    for path in (tmp_path / "nope.txt", write(tmp_path, "e.txt", b"")):
        with pytest.raises(InputError) as info:
            read_file(path)
        assert "\n" not in str(info.value)
