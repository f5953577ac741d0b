"""Exchange stage: the formats tmtool reads and writes, one module per format.

TMX 1.4b today (``tmx_writer``, ``tmx_reader``, ``tmx_export``, ``tmx_import``), with the shared
rules for language tags (``langs``) and XML characters (``xmlchars``).

- ``write_tmx`` / ``export_tmx`` / ``export_run``: stored units → TMX (streaming, atomic).
- ``read_tmx`` / ``import_tmx``: TMX → memory (streaming, safe against XXE and entity bombs).

The names below are imported on first use: reading a document checks its language code with
``langs`` and should not pay for lxml and the memory, which the TMX modules import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tmtool.lazy import lazy_exports

if TYPE_CHECKING:
    from tmtool.exchange.langs import DEFAULT_LANG_TAGS, LanguageMapper, order_langs, resolve_tags
    from tmtool.exchange.tmx_export import (
        MAX_SEGMENT_CHARS,
        ExportReport,
        export_run,
        export_tmx,
        pair_paths,
        write_tmx,
    )
    from tmtool.exchange.tmx_import import ImportReport, import_tmx
    from tmtool.exchange.tmx_reader import (
        TmxHeader,
        TmxReader,
        TmxTu,
        TmxTuv,
        parse_tmx_date,
        read_tmx,
    )
    from tmtool.exchange.tmx_writer import TmxWriter, TuOut, TuvOut, tmx_date
    from tmtool.exchange.xmlchars import xml_safe

_MODULES = {
    "DEFAULT_LANG_TAGS": "langs",
    "LanguageMapper": "langs",
    "order_langs": "langs",
    "resolve_tags": "langs",
    "MAX_SEGMENT_CHARS": "tmx_export",
    "ExportReport": "tmx_export",
    "export_run": "tmx_export",
    "export_tmx": "tmx_export",
    "pair_paths": "tmx_export",
    "write_tmx": "tmx_export",
    "ImportReport": "tmx_import",
    "import_tmx": "tmx_import",
    "TmxHeader": "tmx_reader",
    "TmxReader": "tmx_reader",
    "TmxTu": "tmx_reader",
    "TmxTuv": "tmx_reader",
    "parse_tmx_date": "tmx_reader",
    "read_tmx": "tmx_reader",
    "TmxWriter": "tmx_writer",
    "TuOut": "tmx_writer",
    "TuvOut": "tmx_writer",
    "tmx_date": "tmx_writer",
    "xml_safe": "xmlchars",
}

__all__ = [
    "DEFAULT_LANG_TAGS",
    "MAX_SEGMENT_CHARS",
    "ExportReport",
    "ImportReport",
    "LanguageMapper",
    "TmxHeader",
    "TmxReader",
    "TmxTu",
    "TmxTuv",
    "TmxWriter",
    "TuOut",
    "TuvOut",
    "export_run",
    "export_tmx",
    "import_tmx",
    "order_langs",
    "pair_paths",
    "parse_tmx_date",
    "read_tmx",
    "resolve_tags",
    "tmx_date",
    "write_tmx",
    "xml_safe",
]

__getattr__ = lazy_exports(__name__, _MODULES)
