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
    root = etree.Element(_q("xliff"), nsmap={None: XLIFF_NS}, version="1.2")
    body = _file_body(root, _safe(original, report), source_tag, target_tag, tool_version)
    for unit in units:
        _check_state(unit)
        _trans_unit(body, unit, source_tag, target_tag, report)
        report.units += 1
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text, report


def _safe(text: str, report: XliffReport) -> str:
    """``text`` without the characters XML forbids, counted in ``report``."""
    cleaned, removed = xml_safe(text)
    report.forbidden_removed += removed
    return cleaned


def _file_body(
    root: etree._Element, original: str, source_tag: str, target_tag: str, tool_version: str
) -> etree._Element:
    """The ``<file>`` with its header naming tmtool; returns its empty ``<body>``."""
    file = etree.SubElement(
        root,
        _q("file"),
        {
            "original": original,
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
    return etree.SubElement(file, _q("body"))


def _check_state(unit: XliffUnit) -> None:
    if unit.state not in STATES:
        raise ValueError(f"unknown XLIFF state {unit.state!r}")
    if unit.state_qualifier is not None and unit.state_qualifier not in QUALIFIERS:
        raise ValueError(f"unknown XLIFF state-qualifier {unit.state_qualifier!r}")


def _trans_unit(
    body: etree._Element,
    unit: XliffUnit,
    source_tag: str,
    target_tag: str,
    report: XliffReport,
) -> None:
    """Add ``unit``'s ``<trans-unit>``: source, the target when filled, note, alternatives."""
    element = etree.SubElement(body, _q("trans-unit"), id=unit.id)
    etree.SubElement(element, _q("source"), {XML_LANG: source_tag}).text = _safe(
        unit.source, report
    )
    if unit.target is not None:
        attrs = {XML_LANG: target_tag, "state": unit.state}
        if unit.state_qualifier:
            attrs["state-qualifier"] = unit.state_qualifier
        etree.SubElement(element, _q("target"), attrs).text = _safe(unit.target, report)
        report.translated += 1
    if unit.note:
        etree.SubElement(element, _q("note")).text = _safe(unit.note, report)
    for alt in unit.alts:
        _alt_trans(element, alt, source_tag, target_tag, report)


def _alt_trans(
    element: etree._Element,
    alt: XliffAlt,
    source_tag: str,
    target_tag: str,
    report: XliffReport,
) -> None:
    """Add one memory match as an ``<alt-trans>`` with its match quality and origin."""
    alt_element = etree.SubElement(
        element,
        _q("alt-trans"),
        {
            "match-quality": alt.match_quality,
            "origin": _safe(alt.origin, report),
            "tool-id": "tmtool",
        },
    )
    source = etree.SubElement(alt_element, _q("source"), {XML_LANG: source_tag})
    source.text = _safe(alt.source, report)
    target = etree.SubElement(alt_element, _q("target"), {XML_LANG: target_tag})
    target.text = _safe(alt.target, report)
    if alt.note:
        etree.SubElement(alt_element, _q("note")).text = _safe(alt.note, report)
