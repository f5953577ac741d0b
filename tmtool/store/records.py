"""Plain data in and out of the store: run descriptions, reports, units for export/import."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from tmtool.counts import counted


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def to_db_time(moment: datetime) -> datetime:
    """Naive UTC, the form stored in the database (portable between SQLite and PostgreSQL)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def from_db_time(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RunInfo:
    """What produced a set of units: stored once per distinct (documents, encoder, params)."""

    encoder: str
    encoder_version: str
    params: dict[str, Any]
    tool_version: str
    started_at: datetime
    aligner: str = ""
    #: the language the others were aligned against; the source of the run's pair files
    pivot: str | None = None

    @property
    def params_json(self) -> str:
        """The parameters, the pivot among them: aligning against another pivot is another run."""
        params = self.params if self.pivot is None else {**self.params, "pivot": self.pivot}
        return canonical_json(params)


@dataclass
class BeadCounts:
    """What saving did to one kind of bead (multilingual units or pair beads)."""

    added: int = 0
    unchanged: int = 0
    updated: int = 0  # same bead as before, score/run refreshed
    replaced: int = 0  # earlier automatic beads removed because the new run differs
    kept: int = 0  # reviewed/rejected beads the new run disagrees with, left untouched
    conflicting: int = 0  # new beads not stored: they overlap a reviewed bead

    def add(self, other: BeadCounts) -> None:
        """Count ``other``'s beads too (a save reconciles several scopes of one kind)."""
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


@dataclass
class SaveReport:
    """What ``Store.save_alignment`` did."""

    run_id: int
    run_reused: bool
    documents_new: int = 0
    documents_existing: int = 0
    documents_resegmented: int = 0
    chars_removed: int = 0  # NUL and lone surrogates, which no database text column can hold
    units: BeadCounts = field(default_factory=BeadCounts)  # the multilingual units
    pair_beads: BeadCounts = field(default_factory=BeadCounts)  # beads of each pivot-target pair


@dataclass
class RunSummary:
    id: int
    kind: str
    encoder: str
    encoder_version: str
    aligner: str
    params: dict[str, Any]
    tool_version: str
    started_at: datetime
    documents: dict[str, str]  # lang -> title or short hash
    units: int  # stored units last produced or refreshed by this run
    pivot: str | None = None
    pair_beads: int = 0  # stored pair beads last produced or refreshed by this run


@dataclass
class Stats:
    url: str
    schema_version: int
    documents: dict[str, int]  # lang -> count
    segments: int
    units: int
    units_by_status: dict[str, int]
    units_by_origin: dict[str, int]
    pairs: dict[tuple[str, str], int]  # units with text in both languages
    runs: list[RunSummary]
    #: stored pair beads per (pivot, target) language pair
    pair_beads: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def documents_total(self) -> int:
        return sum(self.documents.values())

    def lines(self, max_runs: int = 20) -> list[str]:
        """A human-readable summary, one fact per line."""

        def counts(values: dict[str, int]) -> str:
            return ", ".join(f"{key} {n}" for key, n in sorted(values.items())) or "none"

        out = [
            f"memory: {self.url} (schema {self.schema_version})",
            f"documents: {self.documents_total} ({counts(self.documents)})",
            f"segments: {self.segments}",
            f"units: {self.units} (status: {counts(self.units_by_status)}; "
            f"origin: {counts(self.units_by_origin)})",
            "units per language pair:" if self.pairs else "units per language pair: none",
        ]
        out += [f"  {a}-{b}: {n}" for (a, b), n in sorted(self.pairs.items())]
        if self.pair_beads:
            out.append("pair beads (pivot-target, for pair files):")
            out += [f"  {a}-{b}: {n}" for (a, b), n in sorted(self.pair_beads.items())]
        out.append(f"runs: {len(self.runs)}")
        for run in self.runs[-max_runs:]:
            docs = ", ".join(f"{lang} {title}" for lang, title in run.documents.items())
            what = f"{run.encoder} {run.encoder_version}".strip()
            if run.aligner:
                what += f", {run.aligner}"
            if run.pivot:
                what += f", pivot {run.pivot}"
            beads = f", {counted(run.pair_beads, 'pair bead')}" if run.pair_beads else ""
            out.append(
                f"  #{run.id} {run.started_at:%Y-%m-%d %H:%M} {run.kind} [{what}] "
                f"{counted(run.units, 'unit')}{beads}; {docs}"
            )
        if len(self.runs) > max_runs:
            out.append(f"  ({counted(len(self.runs) - max_runs, 'earlier run')} not shown)")
        return out


@dataclass(frozen=True)
class UnitFilter:
    """Which stored units to read (all conditions must hold)."""

    require_langs: tuple[str, ...] = ()  # the unit's document set has all these languages
    min_score: float | None = None
    statuses: tuple[str, ...] = ("auto", "reviewed")
    documents: tuple[str, ...] = ()  # sha256 prefixes or exact titles
    since: date | datetime | None = None  # changed on or after
    run_id: int | None = None  # units of the document set of that run
    unit_ids: tuple[int, ...] | None = None  # only these units (e.g. a lookup's matches)


@dataclass(frozen=True)
class StoredSide:
    """One language of a stored unit: the joined text of its segments (empty for a 1-0 bead)."""

    text: str
    count: int
    document: str | None  # sha256 of the document
    title: str | None
    name: str  # how tmtool shows the document (``document_name``): title, file name or short hash


@dataclass
class StoredUnit:
    id: int
    tuid: str
    score: float | None
    status: str
    origin: str
    created_at: datetime
    changed_at: datetime
    sides: dict[str, StoredSide]  # every language of the unit's document set
    props: list[tuple[str, str, str | None]] = field(default_factory=list)  # type, value, lang
    notes: list[tuple[str, str | None]] = field(default_factory=list)  # text, lang
    attrs: dict[str, str] = field(default_factory=dict)
    pair_scores: dict[str, float] = field(default_factory=dict)  # lang -> pivot-lang confidence

    def pair_score(self, lang: str) -> float | None:
        """Confidence of the pair between the pivot and ``lang`` (the unit's score by default)."""
        return self.pair_scores.get(lang, self.score)


@dataclass
class UnitTexts:
    """A unit as lookup shows it: where it sits in its document set and its text per language."""

    id: int
    tuid: str
    set_id: int
    position: int
    status: str
    origin: str
    texts: dict[str, str]  # lang -> joined segment text (languages with text only)
    documents: dict[str, str]  # lang -> document title, file name or short hash


@dataclass
class ImportedUnit:
    """A unit read from a TMX file, languages already mapped to the memory's codes."""

    texts: dict[str, str]  # lang -> non-empty text
    tuid: str | None = None
    score: float | None = None
    status: str = "auto"
    created_at: datetime | None = None
    changed_at: datetime | None = None
    props: list[tuple[str, str, str | None]] = field(default_factory=list)
    notes: list[tuple[str, str | None]] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportSource:
    """The TMX file an import comes from."""

    sha256: str
    path: str
    title: str
    creation_tool: str


@dataclass
class ImportCounts:
    run_id: int = 0
    imported: int = 0
    duplicate: int = 0
    languages: Counter[str] = field(default_factory=Counter)
