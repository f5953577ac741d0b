"""A safe, streaming TMX reader (lxml ``iterparse``): constant memory, no entities, no network.

The parser never resolves entities, loads DTDs or touches the network, and a file whose DOCTYPE
declares entities (the shape of XXE and "billion laughs" attacks) is refused before any unit is
read: TMX never needs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lxml import etree

from tmtool.errors import TmxError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: inline codes whose content is native markup, not text
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})

_DATE_FORMATS = ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S")


def check_tmx_path(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path; TmxError when it is missing or not a regular file. Callers check before
    they open the memory, so that a mistyped path creates no empty one."""
    file = Path(path)
    if not file.exists():
        raise TmxError(f"cannot read {file}: no such file")
    if not file.is_file():
        raise TmxError(f"cannot read {file}: not a regular file")
    return file


def parse_tmx_date(value: str | None) -> datetime | None:
    """A TMX date (``YYYYMMDDThhmmssZ``, leniently also ISO forms) as aware UTC, or None."""
    if not value:
        return None
    text = value.strip()
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


@dataclass
class TmxTuv:
    lang: str | None
    text: str | None  # None when the <tuv> has no <seg>
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class TmxTu:
    tuid: str | None
    attrs: dict[str, str]
    tuvs: list[TmxTuv]
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass
class TmxHeader:
    attrs: dict[str, str]
    props: list[tuple[str, str]] = field(default_factory=list)

    @property
    def srclang(self) -> str | None:
        return self.attrs.get("srclang")

    @property
    def tool(self) -> str:
        return " ".join(
            v for v in (self.attrs.get("creationtool"), self.attrs.get("creationtoolversion")) if v
        )


#: libxml2's errors for an ``&`` that starts no entity reference (``Smith & Jones``, ``AT&T``):
#: a file that is not well-formed XML, not an entity in use; their messages name ``EntityRef``
_BARE_AMPERSAND = frozenset(
    {etree.ErrorTypes.ERR_NAME_REQUIRED, etree.ErrorTypes.ERR_ENTITYREF_SEMICOL_MISSING}
)


def _refusal(name: str, detail: str) -> TmxError:
    return TmxError(f"refused {name}: {detail}, a possible XXE or entity-expansion attack")


def _seg_text(seg: etree._Element, name: str) -> str:
    """The text of a ``<seg>``: inline codes (``<bpt>``, ``<ph>``...) left out, ``<hi>`` kept;
    a code that stood between two spaces leaves one (``ontwerp <ph/> goedgekeurd``)."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag is etree.Entity:
            raise _refusal(name, f"line {child.sourceline} uses the XML entity {child.text}")
        tail = child.tail or ""
        if isinstance(child.tag, str) and child.tag not in _CODE_TAGS:
            parts.append(_seg_text(child, name))
        elif isinstance(child.tag, str) and tail[:1].isspace() and _ends_in_space(parts):
            tail = tail[1:]
        parts.append(tail)
    return "".join(parts)


def _ends_in_space(parts: list[str]) -> bool:
    """Whether the text gathered so far ends in a space (empty parts, such as a code's missing
    tail, skipped): then a code's tail drops its own leading space."""
    last = next((part for part in reversed(parts) if part), "")
    return last[-1:].isspace()


def _props_notes(element: etree._Element) -> tuple[list[tuple[str, str]], list[str]]:
    props, notes = [], []
    for child in element:
        if child.tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif child.tag == "note":
            notes.append(child.text or "")
    return props, notes


class TmxReader:
    """Iterates over the ``<tu>`` of a TMX file; ``open()`` (or iterating) reads ``header``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.header: TmxHeader | None = None
        self._events: Iterator[tuple[str, Any]] | None = None

    def _parse_events(self) -> Iterator[tuple[str, Any]]:
        etree.clear_error_log()  # lxml keeps earlier parses' errors there; read below
        try:
            events = etree.iterparse(
                os.fsencode(self.path),  # bytes: a file name that is not UTF-8 works too
                events=("end",),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                dtd_validation=False,
                huge_tree=False,
                remove_comments=True,
                remove_pis=True,
            )
            first = True
            for event, element in events:
                if first:
                    self._check_document(element)
                    first = False
                yield event, element
        except etree.XMLSyntaxError as exc:
            message, line = str(exc.msg if hasattr(exc, "msg") else exc).strip(), exc.lineno
            code = exc.code
            if not line and len(exc.error_log):  # e.g. "no element found" after an undeclared
                first = exc.error_log[0]  # entity: the cause is this parse's first error
                message, line = f"{first.message.strip()}, line {first.line}", first.line
                code = first.type
            if code in _BARE_AMPERSAND and "EntityRef" in message:
                raise TmxError(
                    f"{self.name} is not well-formed XML (line {line}): "
                    "an unescaped '&' (write it as &amp;)"
                ) from None
            if "entit" in message.lower() or "amplification" in message.lower():
                detail = message.splitlines()[0].rstrip(".")
                raise _refusal(self.name, f"XML entity error ({detail})") from None
            raise TmxError(
                f"{self.name} is not well-formed XML (line {line}): {message.splitlines()[0]}"
            ) from None
        except OSError as exc:
            raise TmxError(f"cannot read {self.path}: {exc.strerror or exc}") from None

    def _check_document(self, element: etree._Element) -> None:
        tree = element.getroottree()
        dtd = tree.docinfo.internalDTD
        if dtd is not None:
            entities = [entity.name for entity in dtd.iterentities()]
            if entities:
                shown = ", ".join(entities[:3]) + ("..." if len(entities) > 3 else "")
                raise _refusal(self.name, f"its DOCTYPE declares XML entities ({shown})")
        root = tree.getroot()
        if root.tag != "tmx":
            raise TmxError(f"{self.name} is not a TMX file (root element <{root.tag}>)")

    def open(self) -> TmxHeader:
        """Parse up to the end of ``<header>``; TmxError if the file is unsafe or not TMX."""
        if self.header is not None:
            return self.header
        check_tmx_path(self.path)
        self._events = self._parse_events()
        for _, element in self._events:
            if element.tag == "header":
                props, _ = _props_notes(element)
                self.header = TmxHeader(dict(element.attrib), props)
                element.clear()
                return self.header
            if element.tag == "tu":
                break
        raise TmxError(f"{self.name} has no TMX <header> before its units")

    def __iter__(self) -> Iterator[TmxTu]:
        self.open()
        assert self._events is not None
        for _, element in self._events:
            if element.tag != "tu":
                continue
            yield self._tu(element)
            element.clear()
            parent = element.getparent()
            while element.getprevious() is not None and parent is not None:
                del parent[0]

    def _tu(self, element: etree._Element) -> TmxTu:
        props, notes = _props_notes(element)
        tuvs = []
        for child in element:
            if child.tag != "tuv":
                continue
            tuv_props, tuv_notes = _props_notes(child)
            seg = child.find("seg")
            text = None if seg is None else _seg_text(seg, self.name)
            lang = child.get(XML_LANG) or child.get("lang")
            tuvs.append(TmxTuv(lang, text, tuv_props, tuv_notes))
        attrs = {k: v for k, v in element.attrib.items() if isinstance(k, str)}
        return TmxTu(attrs.pop("tuid", None), attrs, tuvs, props, notes, element.sourceline)


def read_tmx(path: str | os.PathLike[str]) -> TmxReader:
    """A reader over ``path``: ``reader.open()`` gives the header, iterating gives ``TmxTu``."""
    return TmxReader(path)
