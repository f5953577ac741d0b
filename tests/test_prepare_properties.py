"""Property tests (hypothesis): cleaning loses nothing but furniture and whitespace; the TMX writer
never alters a string silently."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmtool.exchange.tmx_export import ExportReport
from tmtool.exchange.tmx_reader import read_tmx
from tmtool.exchange.tmx_writer import TmxWriter, TuOut, TuvOut
from tmtool.exchange.xmlchars import xml_safe
from tmtool.prepare import split_text

#: Pieces of PDF- and OCR-shaped text: words, numbers, hyphens at line ends, bullets, page
#: numbers, running headers, ligatures, invisible and control characters, blank lines, pages.
PIECES = st.sampled_from(
    [
        "De", "regering", "heeft", "beslist", "la", "Commission", "the", "report", "12,5", "%",
        "3,4", ".", ",", ";", ":", "?", "!", "-", "- ", "–", "•", "*", "(", ")", "“", "”", "'",
        "verslag-", "school- en", "-vervoerskosten", "EU-", "land", "afzetbevorderings-",
        "acties", "Pagina 3 van 12", "Page 4 of 12", "- 5 -", "7", "Gepubliceerd op 3 mei",
        "Home > Nieuws", "https://example.org/x", "ﬁ", "\u00ad", "\u200b", "\ufeff", "\x00",
        "\x07", "e\u0301", "./.", "***", "1.", "a)", "art.", "M.", "date 2018-06",
    ]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", "\n\f\n", "\t", "\u00a0"])
_INVISIBLE = ("Cc", "Cf")
HEADER = "Verslag van de Commissie Binnenlandse Zaken {page}"


@st.composite
def pdf_shaped_texts(draw) -> str:
    parts = draw(st.lists(st.tuples(PIECES, SEPARATORS), min_size=1, max_size=60))
    text = "".join(piece + sep for piece, sep in parts)
    if draw(st.booleans()):  # a running header every 12 lines
        lines = text.split("\n")
        for page, at in enumerate(range(0, len(lines), 12), start=1):
            lines[at] = HEADER.format(page=page) + "\n" + lines[at]
        text = "\n".join(lines)
    return text


def _non_whitespace(text: str) -> Counter[str]:
    """The visible characters of ``text``: not whitespace, and not control or format characters
    (NUL, backspace, soft hyphen, zero-width space, BOM), which are no text. Such characters
    inside a line are in its segment's original all the same; only a line holding nothing else
    leaves them out."""
    return Counter(c for c in text if not c.isspace() and unicodedata.category(c) not in _INVISIBLE)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=pdf_shaped_texts(), lang=st.sampled_from(["nl", "fr", "en"]))
def test_originals_and_furniture_hold_every_character(text, lang):
    segmented = split_text(text, lang)
    kept = "".join(s.original for s in segmented.segments) + "".join(segmented.furniture)
    missing = _non_whitespace(text) - _non_whitespace(kept)
    assert not missing, f"lost {dict(missing)}"
    for segment in segmented.segments:
        assert segment.original in text


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=200))
def test_originals_hold_every_character_of_any_text(text):
    segmented = split_text(text, "nl")
    kept = "".join(s.original for s in segmented.segments) + "".join(segmented.furniture)
    assert not _non_whitespace(text) - _non_whitespace(kept)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_tmx_writer_round_trips_or_reports_the_change(tmp_path, texts):
    path = tmp_path / "out.tmx"
    with TmxWriter(path, srclang="nl-BE", tool_version="test") as writer:
        for n, text in enumerate(texts):
            writer.write(TuOut(f"u{n}", [TuvOut("nl-BE", text), TuvOut("fr-BE", text[::-1])]))
    units = list(read_tmx(path))
    assert [u.tuid for u in units] == [f"u{n}" for n in range(len(texts))]
    for n, (text, unit) in enumerate(zip(texts, units, strict=True)):
        written = [tuv.text for tuv in unit.tuvs]
        if f"u{n}" in writer.changed:
            assert written == [xml_safe(text)[0], xml_safe(text[::-1])[0]]
            assert written != [text, text[::-1]]
        else:
            assert written == [text, text[::-1]], "altered without being reported"


def test_writer_and_export_name_the_units_they_changed(tmp_path):
    with TmxWriter(tmp_path / "w.tmx", srclang="nl-BE", tool_version="test") as writer:
        writer.write(TuOut("kept", [TuvOut("nl-BE", "Gewone tekst."), TuvOut("fr-BE", "Texte.")]))
        writer.write(TuOut("cut", [TuvOut("nl-BE", "nul\x00"), TuvOut("fr-BE", "tab\x0bvert")]))
    assert writer.changed == ["cut"] and writer.removed == 2
    report = ExportReport(Path("x.tmx"), ("nl", "fr"), ("nl-BE", "fr-BE"), False)
    report.forbidden_removed, report.changed = 3, ["u7", "u9"]
    assert "removed 3 characters XML forbids from 2 units (u7, u9)" in report.summary()
