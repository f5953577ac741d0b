"""Importing a TMX file into the memory: streaming, safe, deduplicated, all or nothing.

Each ``<tuv>`` language tag is mapped to a memory language (``nl-NL``, ``nl-BE``, ``nl`` → ``nl``;
see ``LanguageMapper``). A unit needs text in two or more languages. It is a duplicate when a stored
unit already has the same (whitespace-normalised) texts in those languages. Kept: ``tuid`` (unless
taken), ``creationdate``/``changedate``, other ``<tu>`` attributes, props and notes of ``<tu>`` and
``<tuv>``; ``x-score`` and ``x-status`` props set the unit's score and status. The units of one file
are stored under one pseudo-document per language, identified by the file's sha256.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tmtool import __version__
from tmtool.counts import counted
from tmtool.errors import TmxError
from tmtool.exchange.langs import LanguageMapper, normalise_lang, order_langs
from tmtool.exchange.tmx_reader import TmxReader, TmxTu, parse_tmx_date
from tmtool.exchange.tmx_writer import tmx_date
from tmtool.store import STATUSES, ImportedUnit, ImportSource, RunInfo, Store
from tmtool.store.records import utc_now

#: <tu> attributes kept as they are (dates are re-formatted; invalid values dropped)
KEPT_TU_ATTRS = (
    "creationid",
    "changeid",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "datatype",
    "segtype",
    "o-tmf",
    "o-encoding",
)
_SEGTYPES = ("block", "sentence", "phrase", "paragraph")


@dataclass
class ImportReport:
    """What ``import_tmx`` did."""

    path: Path
    read: int = 0
    imported: int = 0
    duplicate: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    dropped_variants: Counter[str] = field(default_factory=Counter)  # tuvs left out, by tag
    languages: Counter[str] = field(default_factory=Counter)
    run_id: int | None = None

    @property
    def lookup_lang(self) -> str:
        """The language whose texts are embedded for lookup: Dutch when the file has it, else the
        first in tmtool's order (``order_langs``); the memory's pivot is Dutch."""
        return order_langs(self.languages)[0]

    def summary(self) -> str:
        parts = [
            f"read {counted(self.read, 'unit')} from {self.path.name}",
            f"imported {self.imported}",
            f"duplicate {self.duplicate}",
        ]
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        parts.append(f"skipped {skipped}" + (f" ({reasons})" if reasons else ""))
        text = ", ".join(parts)
        if self.dropped_variants:
            dropped = ", ".join(f"{tag} {n}" for tag, n in sorted(self.dropped_variants.items()))
            text += f"; left out segments in other languages: {dropped}"
        return text


def file_sha256(path: Path) -> str:
    """The sha256 of a whole file, read in 1 MB chunks: it names the import's document set, so
    importing the same file again finds that set."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise TmxError(f"cannot read {path}: {exc.strerror or exc}") from None
    return digest.hexdigest()


def _score(value: str) -> float | None:
    try:
        score = float(value)
    except ValueError:
        return None
    return score if 0.0 <= score <= 1.0 else None


def _attrs(raw: Mapping[str, str]) -> dict[str, str]:
    kept = {}
    for name in KEPT_TU_ATTRS:
        value = raw.get(name)
        if value is None:
            continue
        if name == "lastusagedate":
            moment = parse_tmx_date(value)
            if moment is None:
                continue
            value = tmx_date(moment)
        if name == "segtype" and value not in _SEGTYPES:
            continue
        kept[name] = value
    return kept


def convert(tu: TmxTu, mapper: LanguageMapper, report: ImportReport) -> ImportedUnit | None:
    """The memory's form of one ``<tu>``, or None (reason counted in ``report``)."""
    texts: dict[str, str] = {}
    props: list[tuple[str, str, str | None]] = []
    notes: list[tuple[str, str | None]] = []
    for tuv in tu.tuvs:
        code = mapper(tuv.lang)
        if code is None or code in texts:
            report.dropped_variants[tuv.lang or "(no language)"] += 1
            continue
        if tuv.text is None or not tuv.text.strip():
            continue
        texts[code] = tuv.text
        props += [(kind, value, code) for kind, value in tuv.props if kind != "x-long-segment"]
        notes += [(note, code) for note in tuv.notes]
    if len(texts) < 2:
        report.skipped["with text in fewer than two languages"] += 1
        return None
    unit = ImportedUnit(texts=texts, tuid=(tu.tuid or "").strip() or None)
    for kind, value in tu.props:
        if kind == "x-score" and _score(value) is not None:
            unit.score = _score(value)
        elif kind == "x-status" and value in STATUSES:
            unit.status = value
        else:
            props.append((kind, value, None))
    unit.props = props
    unit.notes = [(note, None) for note in tu.notes] + notes
    unit.created_at = parse_tmx_date(tu.attrs.get("creationdate"))
    unit.changed_at = parse_tmx_date(tu.attrs.get("changedate"))
    unit.attrs = _attrs(tu.attrs)
    return unit


def import_tmx(
    store: Store,
    path: str | os.PathLike[str],
    *,
    lang_map: Mapping[str, str] | None = None,
    langs: Iterable[str] | None = None,
    batch_size: int = 1000,
) -> ImportReport:
    """Import a TMX file in one transaction; on any error nothing is imported.

    ``lang_map`` maps tags to memory languages (e.g. ``{"nl-NL": "nl"}``) before the default rule
    (primary subtag); ``langs`` limits the import to those memory languages.
    """
    file = Path(path)
    allowed = sorted({normalise_lang(lang) for lang in langs}) if langs is not None else None
    report = ImportReport(path=file)
    reader = TmxReader(file)
    try:
        header = reader.open()
        mapper = LanguageMapper(lang_map, allowed)
        source = ImportSource(
            sha256=file_sha256(file), path=str(file), title=file.name, creation_tool=header.tool
        )
        run = RunInfo(
            encoder="tmx",
            encoder_version=header.tool or "unknown",
            params={
                "srclang": header.srclang,
                "lang_map": dict(lang_map or {}),
                "langs": allowed,
            },
            tool_version=__version__,
            started_at=utc_now(),
            aligner="tmx-import",
        )

        def units() -> Iterator[ImportedUnit]:
            for tu in reader:
                report.read += 1
                unit = convert(tu, mapper, report)
                if unit is not None:
                    yield unit

        counts = store.import_units(units(), source, run, batch_size=batch_size)
    except TmxError as exc:
        raise TmxError(f"{exc}; nothing imported") from None
    report.imported, report.duplicate = counts.imported, counts.duplicate
    report.languages, report.run_id = counts.languages, counts.run_id
    return report
