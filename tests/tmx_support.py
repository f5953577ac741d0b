"""Sample alignments and TMX checks shared by the store/TMX tests (test_store_*, test_tmx_*)."""

from __future__ import annotations

import functools
import hashlib
import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from tmtool.document import Document, Segment, Unit
from tmtool.store import RunInfo

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_DIR = Path(
    os.environ.get(
        "TMTOOL_TMX_SCHEMA_DIR", Path(__file__).resolve().parents[2] / "shared/tmx-schema"
    )
)
HEADER_REQUIRED = (
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
)
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")
FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

NL = [
    "Artikel 1. De minister & de staatssecretaris.",
    "Dit is een <test> met \"aanhalingstekens\" en 'apostrof'.",
    "Verticale\x0btab en emoji 🇧🇪😀.",
    "Vierde zin.",
    "Vijfde zin.",
    "Alleen in het Nederlands.",
]
FR = [
    "Article 1er. Le ministre & le secrétaire d'État.",
    'Ceci est un <test> avec des « guillemets » et "quotes".',
    "Tabulation\x0bverticale et emoji 🇧🇪😀.",
    "Quatrième et cinquième phrases.",
    "Seulement en français.",
]
EN = [
    "Article 1. The minister & the secretary of state.",
    "This is a <test> with \"quotes\" and 'apostrophes'.",
    "Vertical\x0btab and emoji 🇧🇪😀.",
    "Fourth sentence.",
    "Fifth sentence.",
]
UNITS = [
    Unit({"nl": (0,), "fr": (0,), "en": (0,)}, 0.95),
    Unit({"nl": (1,), "fr": (1,), "en": (1,)}, 0.9),
    Unit({"nl": (2,), "fr": (2,), "en": (2,)}, 0.85),
    Unit({"nl": (3, 4), "fr": (3,), "en": (3, 4)}, 0.7),
    Unit({"nl": (5,), "fr": (), "en": ()}, 0.2),
    Unit({"nl": (), "fr": (4,), "en": ()}, 0.1),
]


def make_document(lang: str, texts: list[str], title: str | None = None) -> Document:
    raw = "\n".join(texts).encode("utf-8", "surrogatepass")
    return Document(
        lang=lang,
        segments=[Segment(i, text, text) for i, text in enumerate(texts)],
        sha256=hashlib.sha256(raw).hexdigest(),
        path=f"/data/{title or lang}.txt",
        title=title or f"declaration-{lang}",
    )


def sample_documents(suffix: str = "") -> dict[str, Document]:
    """Dutch, French and English versions of one declaration (``suffix`` makes another one)."""
    return {
        "nl": make_document("nl", [t + suffix for t in NL], f"verklaring{suffix}"),
        "fr": make_document("fr", [t + suffix for t in FR], f"declaration{suffix}"),
        "en": make_document("en", [t + suffix for t in EN], f"statement{suffix}"),
    }


def run_info(**params: object) -> RunInfo:
    return RunInfo(
        encoder="test-encoder",
        encoder_version="1.0",
        params=dict(params) or {"window": 3},
        tool_version="0.1.0",
        started_at=datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc),
        aligner="dp",
    )


@functools.cache
def schema() -> etree.XMLSchema | None:
    """The TMX 1.4b schema from ../shared/tmx-schema, or None where that folder is absent."""
    xsd = SCHEMA_DIR / "tmx14.xsd"
    if not xsd.exists():
        return None
    return etree.XMLSchema(etree.parse(str(xsd)))


def require_schema() -> etree.XMLSchema:
    xsd = schema()
    if xsd is None:
        pytest.skip(f"TMX schema not found in {SCHEMA_DIR} (set TMTOOL_TMX_SCHEMA_DIR)")
    return xsd


def check_tmx(path: Path, *, validate: bool = True) -> etree._ElementTree:
    """Assert ``path`` follows the rules of the schema README and, where the schema is available,
    validates against tmx14.xsd (test_tmx_export has a test that insists on the schema)."""
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert not FORBIDDEN.search(text), "file contains characters XML 1.0 forbids"
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    xsd = schema() if validate else None
    if xsd is not None:
        assert xsd.validate(tree), xsd.error_log.last_error
    root = tree.getroot()
    header = root.find("header")
    for name in HEADER_REQUIRED:
        assert header.get(name), f"header lacks {name}"
    srclang = header.get("srclang")
    tuids = [tu.get("tuid") for tu in root.iter("tu")]
    assert all(tuids) and len(tuids) == len(set(tuids)), "tuids missing or not unique"
    for element in root.iter():
        for name in ("creationdate", "changedate", "lastusagedate"):
            if element.get(name) is not None:
                assert TMX_DATE.match(element.get(name)), f"bad date {element.get(name)}"
    for tu in root.iter("tu"):
        langs = [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
        if srclang != "*all*":
            assert srclang in langs, f"tu {tu.get('tuid')} has no tuv in {srclang}: {langs}"
        for tuv in tu.findall("tuv"):
            assert (
                len(tuv.findtext("seg")) <= 2000
                or tuv.find("prop[@type='x-long-segment']") is not None
            )
    return tree


def tmx_units(path: Path) -> dict[str, dict[str, object]]:
    """tuid → {attrs, props, notes, tuvs: {lang: (text, props, notes)}} for comparing files."""
    tree = etree.parse(str(path))
    result: dict[str, dict[str, object]] = {}
    for tu in tree.getroot().iter("tu"):
        result[tu.get("tuid")] = {
            "attrs": dict(tu.attrib),
            "props": [(p.get("type"), p.text) for p in tu.findall("prop")],
            "notes": [n.text for n in tu.findall("note")],
            "tuvs": {
                tuv.get(XML_LANG): (
                    tuv.findtext("seg"),
                    [(p.get("type"), p.text) for p in tuv.findall("prop")],
                    [n.text for n in tuv.findall("note")],
                )
                for tuv in tu.findall("tuv")
            },
        }
    return result


def tmx_rows(path: Path) -> list[dict[str, str]]:
    """The units of a TMX file in order, checked (``check_tmx``), each one flat dict: its texts by
    language tag and its props by type (``{"nl-BE": ..., "fr-BE": ..., "x-score": ...}``)."""
    root = check_tmx(path).getroot()
    return [
        {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}
        | {prop.get("type"): prop.text for prop in tu.findall("prop")}
        for tu in root.iter("tu")
    ]


def write_tmx_text(path: Path, body: str, *, srclang: str = "nl-BE", doctype: str = "") -> Path:
    """A small hand-written TMX file around ``body`` (the ``<tu>`` elements)."""
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{doctype}"
        '<tmx version="1.4">\n'
        '<header creationtool="handmade" creationtoolversion="1" segtype="sentence" o-tmf="x" '
        f'adminlang="en" srclang="{srclang}" datatype="plaintext"/>\n'
        f"<body>\n{body}\n</body>\n</tmx>\n",
        encoding="utf-8",
    )
    return path
