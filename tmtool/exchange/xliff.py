"""XLIFF 1.2 (transitional) for CAT tools: one ``<file>`` per target language.

Pre-translated segments become ``trans-unit`` elements whose ``target`` carries ``state``
(``translated``, ``needs-review-translation``, ``needs-translation``) and ``state-qualifier``
(``exact-match``, ``fuzzy-match``, ``leveraged-tm``); up to three ``alt-trans`` elements list the
memory's proposals with their ``match-quality`` and ``origin``. The text is plain (no inline
markup): characters XML 1.0 forbids are removed (``tmtool.exchange.xmlchars``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from tmtool.exchange.xmlchars import xml_safe

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATES = ("translated", "needs-review-translation", "needs-translation")
QUALIFIERS = ("exact-match", "fuzzy-match", "leveraged-tm")


@dataclass
class XliffAlt:
    """An ``alt-trans``: one proposal from the memory."""

    source: str
    target: str
    match_quality: str  # e.g. "100", "87"
    origin: str  # where the proposal comes from (memory document, tuid)
    note: str = ""


@dataclass
class XliffUnit:
    id: str
    source: str
    target: str | None = None
    state: str = "needs-translation"
    state_qualifier: str | None = None
    alts: list[XliffAlt] = field(default_factory=list)
    note: str = ""


@dataclass
class XliffReport:
    units: int = 0
    translated: int = 0
    forbidden_removed: int = 0


def _q(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def render_xliff(
    units: list[XliffUnit],
    *,
    original: str,
    source_tag: str,
    target_tag: str,
    tool_version: str,
) -> tuple[str, XliffReport]:
    """The XLIFF document as text, and what went into it."""
    report = XliffReport()

    def safe(text: str) -> str:
        cleaned, removed = xml_safe(text)
        report.forbidden_removed += removed
        return cleaned

    root = etree.Element(_q("xliff"), nsmap={None: XLIFF_NS}, version="1.2")
    file = etree.SubElement(
        root,
        _q("file"),
        {
            "original": safe(original),
            "source-language": source_tag,
            "target-language": target_tag,
            "datatype": "plaintext",
        },
    )
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(
        header,
        _q("tool"),
        {"tool-id": "tmtool", "tool-name": "tmtool", "tool-version": tool_version},
    )
    body = etree.SubElement(file, _q("body"))
    for unit in units:
        if unit.state not in STATES:
            raise ValueError(f"unknown XLIFF state {unit.state!r}")
        if unit.state_qualifier is not None and unit.state_qualifier not in QUALIFIERS:
            raise ValueError(f"unknown XLIFF state-qualifier {unit.state_qualifier!r}")
        element = etree.SubElement(body, _q("trans-unit"), id=unit.id)
        etree.SubElement(element, _q("source"), {XML_LANG: source_tag}).text = safe(unit.source)
        if unit.target is not None:
            attrs = {XML_LANG: target_tag, "state": unit.state}
            if unit.state_qualifier:
                attrs["state-qualifier"] = unit.state_qualifier
            etree.SubElement(element, _q("target"), attrs).text = safe(unit.target)
            report.translated += 1
        if unit.note:
            etree.SubElement(element, _q("note")).text = safe(unit.note)
        for alt in unit.alts:
            alt_element = etree.SubElement(
                element,
                _q("alt-trans"),
                {
                    "match-quality": alt.match_quality,
                    "origin": safe(alt.origin),
                    "tool-id": "tmtool",
                },
            )
            etree.SubElement(alt_element, _q("source"), {XML_LANG: source_tag}).text = safe(
                alt.source
            )
            etree.SubElement(alt_element, _q("target"), {XML_LANG: target_tag}).text = safe(
                alt.target
            )
            if alt.note:
                etree.SubElement(alt_element, _q("note")).text = safe(alt.note)
        report.units += 1
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text, report
