"""Exchange stage: the formats tmtool reads and writes, one module per format.

TMX 1.4b today (``tmx_writer``, ``tmx_reader``, ``tmx_export``, ``tmx_import``), with the shared
rules for language tags (``langs``) and XML characters (``xmlchars``).

- ``write_tmx`` / ``export_tmx`` / ``export_run``: stored units → TMX (streaming, atomic).
- ``read_tmx`` / ``import_tmx``: TMX → memory (streaming, safe against XXE and entity bombs).
"""

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
from tmtool.exchange.tmx_reader import TmxHeader, TmxReader, TmxTu, TmxTuv, parse_tmx_date, read_tmx
from tmtool.exchange.tmx_writer import TmxWriter, TuOut, TuvOut, tmx_date
from tmtool.exchange.xmlchars import xml_safe

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
