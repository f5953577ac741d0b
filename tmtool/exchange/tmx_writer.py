"""A streaming TMX 1.4b writer: one ``<tu>`` in memory at a time, atomic rename on success."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from lxml import etree

from tmtool.errors import TmxError
from tmtool.exchange.xmlchars import xml_safe
from tmtool.files import OutputGroup, output_file

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_DATE = "%Y%m%dT%H%M%SZ"


def tmx_date(moment: datetime) -> str:
    """``YYYYMMDDThhmmssZ`` in UTC (naive datetimes are taken to be UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime(TMX_DATE)


@dataclass
class TuvOut:
    tag: str
    text: str
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class TuOut:
    tuid: str
    tuvs: list[TuvOut]
    attrs: dict[str, str] = field(default_factory=dict)  # creationdate, changedate, ...
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class TmxWriter:
    """Write a TMX file unit by unit::

        with TmxWriter(path, srclang="nl-BE", tool_version="0.1.0") as writer:
            writer.write(TuOut(...))

    The file appears at ``path`` only when the ``with`` block ends without an error (with ``group``:
    when its ``OutputGroup`` ends, with the command's other files). Characters that
    XML 1.0 forbids are removed everywhere and counted in ``removed``; the ``tuid`` of every unit
    whose text or metadata this changed is in ``changed``, so no string is altered silently.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        srclang: str,
        tool_version: str,
        creationtool: str = "tmtool",
        adminlang: str = "en",
        segtype: str = "sentence",
        datatype: str = "plaintext",
        o_tmf: str = "tmtool",
        created: datetime | None = None,
        header_props: Iterable[tuple[str, str]] = (),
        group: OutputGroup | None = None,
    ) -> None:
        self.path = Path(path)
        self.header = {
            "creationtool": creationtool,
            "creationtoolversion": tool_version,
            "segtype": segtype,
            "o-tmf": o_tmf,
            "adminlang": adminlang,
            "srclang": srclang,
            "datatype": datatype,
            "creationdate": tmx_date(created or datetime.now(timezone.utc)),
        }
        self.header_props = list(header_props)
        self.removed = 0
        self.changed: list[str] = []
        self.written = 0
        self._stack = contextlib.ExitStack()
        self._output = (
            group.file(self.path, binary=True, error=TmxError)
            if group is not None
            else output_file(self.path, binary=True)
        )
        self._file: IO[bytes] | None = None
        self._xf: Any = None
        self._tmx: Any = None
        self._body: Any = None

    def _safe(self, text: str) -> str:
        cleaned, removed = xml_safe(text)
        self.removed += removed
        return cleaned

    def __enter__(self) -> TmxWriter:
        try:
            self._file = self._stack.enter_context(self._output)
        except OSError as exc:
            raise TmxError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        try:
            self._stack.callback(self._file.write, b"\n")  # runs after the XML is closed
            self._xf = self._stack.enter_context(etree.xmlfile(self._file, encoding="UTF-8"))
            self._xf.write_declaration()
            self._tmx = self._xf.element("tmx", version="1.4")
            self._tmx.__enter__()
            self._xf.write("\n")
            header = etree.Element("header", {k: self._safe(v) for k, v in self.header.items()})
            for kind, value in self.header_props:
                etree.SubElement(header, "prop", type=self._safe(kind)).text = self._safe(value)
            self._xf.write(header, pretty_print=True)
            self._body = self._xf.element("body")
            self._body.__enter__()
            self._xf.write("\n")
        except BaseException as exc:
            self._stack.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def write(self, tu: TuOut) -> None:
        """Write one translation unit."""
        removed_before = self.removed
        attrs = {"tuid": self._safe(tu.tuid)}
        attrs.update({k: self._safe(v) for k, v in tu.attrs.items()})
        element = etree.Element("tu", attrs)
        self._add_extras(element, tu.props, tu.notes)
        for tuv in tu.tuvs:
            child = etree.SubElement(element, "tuv", {XML_LANG: tuv.tag})
            self._add_extras(child, tuv.props, tuv.notes)
            etree.SubElement(child, "seg").text = self._safe(tuv.text)
        self._xf.write(element, pretty_print=True)
        self.written += 1
        if self.removed > removed_before:
            self.changed.append(attrs["tuid"])

    def discard(self) -> None:
        """Leave the file unwritten: on leaving the ``with`` the temporary file is removed and
        ``path`` stays as it was (a file that would hold no unit, see ``write_tmx``)."""
        self._output.discard()

    def _add_extras(
        self, parent: etree._Element, props: list[tuple[str, str]], notes: list[str]
    ) -> None:
        for note in notes:
            etree.SubElement(parent, "note").text = self._safe(note)
        for kind, value in props:
            etree.SubElement(parent, "prop", type=self._safe(kind)).text = self._safe(value)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._body.__exit__(None, None, None)
                self._xf.write("\n")
                self._tmx.__exit__(None, None, None)
        except BaseException as error:
            self._stack.__exit__(type(error), error, error.__traceback__)  # discards the file
            if isinstance(error, OSError):
                raise TmxError(f"cannot write {self.path}: {error.strerror or error}") from None
            raise
        try:
            # closes, fsyncs and renames on success; removes a discarded file
            self._stack.__exit__(exc_type, exc, tb)
        except OSError as error:
            raise TmxError(f"cannot write {self.path}: {error.strerror or error}") from None
