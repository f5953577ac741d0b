"""TrackedText keeps the way back from cleaned text to the source."""

from __future__ import annotations

import pytest

from tmtool.clean.tracked import TrackedText


def original(t: TrackedText, source: str, start: int = 0, end: int | None = None) -> str:
    a, b = t.source_span(start, end)
    return source[a:b]


def test_deletion_keeps_spans():
    source = "Het isin de gewel ddadige geest."
    t = TrackedText(source).edit([(17, 18, "")])
    assert t.text == "Het isin de gewelddadige geest."
    word = t.text.index("gewelddadige")
    assert original(t, source, word, word + len("gewelddadige")) == "gewel ddadige"


def test_insertion_and_replacement():
    source = "Het isin Belgi& vandaag."
    t = TrackedText(source).edit([(6, 6, " "), (9, 15, "België")])
    assert t.text == "Het is in België vandaag."
    start = t.text.index("België")
    assert original(t, source, start, start + 6) == "Belgi&"
    assert original(t, source, 0, 9) == "Het isin"


def test_sub_with_function_and_template():
    source = "a-\nb  c\r\nd"
    t = TrackedText(source).sub(r"\r\n", "\n").sub(r" {2,}", " ")
    t = t.sub(r"(\w)-\n(\w)", lambda m: m.group(1) + m.group(2))
    assert t.text == "ab c\nd"
    assert original(t, source) == source
    assert original(t, source, 0, 2) == "a-\nb"


def test_sub_returning_none_keeps_text():
    t = TrackedText("een twee").sub(r"\w+", lambda m: None)
    assert t.text == "een twee"


def test_concat_and_slice_and_strip():
    source = "  eerste regel\n\n\ntweede regel  "
    lines = [TrackedText(source).slice(2, 14), TrackedText(source).slice(17, 29)]
    t = TrackedText.concat(lines, [" "])
    assert t.text == "eerste regel tweede regel"
    assert original(t, source) == "eerste regel\n\n\ntweede regel"
    assert TrackedText(source).strip().text == source.strip()
    assert original(TrackedText(source).strip(), source) == source.strip()


def test_every_edit_chain_maps_into_the_source():
    source = "De ministers- en\nprezen 29 mel de S1S."
    t = TrackedText(source)
    t = t.sub(r"\n", " ").sub("mel", "mei").sub("S1S", "SIS").sub(r"^De ", "")
    for i in range(len(t.text)):
        a, b = t.source_span(i, i + 1)
        assert 0 <= a <= b <= len(source)


def test_overlapping_edits_are_refused():
    with pytest.raises(ValueError):
        TrackedText("abcdef").edit([(0, 3, "x"), (2, 4, "y")])
