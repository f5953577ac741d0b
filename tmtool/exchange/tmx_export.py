"""Writing stored units as TMX: one file per language pair, or one multilingual file.

A pair file holds the pair's own beads where the memory has them (runs of three or more
documents), so that sentences one pair aligned one to one stay separate units even when another
language merged them; a multilingual file holds the multilingual units. A run's pair files take
its pivot as the source language.

Each ``<tu>`` carries a stable ``tuid`` (from the store), ``creationdate``/``changedate`` in UTC,
``x-score``, ``x-status`` and ``x-bead`` props, and each ``<tuv>`` an ``x-document`` prop with the
sha256 of its document. Units imported from TMX keep their own props and notes instead.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tmtool import __version__
from tmtool.counts import counted
from tmtool.errors import InputError
from tmtool.exchange.langs import order_langs, resolve_tags, tag_for
from tmtool.exchange.tmx_writer import TmxWriter, TuOut, TuvOut, tmx_date
from tmtool.exchange.xmlchars import xml_safe
from tmtool.files import OutputGroup, empty_output_warning, prepare_output_files
from tmtool.store import Store, StoredUnit, UnitFilter

#: longest segment (characters) CAT tools such as Trados accept
MAX_SEGMENT_CHARS = 2000

DEFAULT_PAIRS = (("nl", "fr"), ("nl", "en"))


@dataclass
class ExportReport:
    """What ``write_tmx`` wrote."""

    path: Path
    langs: tuple[str, ...]
    tags: tuple[str, ...]
    multilingual: bool
    considered: int = 0
    written: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    forbidden_removed: int = 0
    changed: list[str] = field(default_factory=list)  # tuids of units whose text lost characters
    long_flagged: int = 0
    file_written: bool = True  # False: no unit to write, and an empty file was not asked for

    def arrow(self) -> str:
        """``nl-BE → fr-BE`` for a pair file, ``nl-BE, fr-BE, en-GB`` for a multilingual one."""
        return " → ".join(self.tags) if not self.multilingual else ", ".join(self.tags)

    def _skipped(self) -> list[str]:
        """``skipped 3 (2 below --min-score, 1 ...)``, or nothing when no unit was left out."""
        if not self.skipped:
            return []
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return [f"skipped {sum(self.skipped.values())} ({reasons})"]

    def summary(self) -> str:
        parts = [f"wrote {counted(self.written, 'unit')} to {self.path} ({self.arrow()})"]
        parts += self._skipped()
        if self.long_flagged:
            parts.append(f"{self.long_flagged} over {MAX_SEGMENT_CHARS} characters flagged")
        if self.forbidden_removed:
            units = ", ".join(self.changed[:3]) + (" ..." if len(self.changed) > 3 else "")
            parts.append(
                f"removed {counted(self.forbidden_removed, 'character')} XML forbids from "
                f"{counted(len(self.changed), 'unit')} ({units})"
            )
        return "; ".join(parts)

    def empty_warning(self) -> str | None:
        """The warning a file with no unit deserves (None when it has units): a TMX without
        units is valid, but a CAT tool's import of it adds nothing, and an unwritten file leaves
        an older one at that path as it was."""
        if self.written:
            return None
        if not self.file_written:
            # the units left out are said here: the summary, not printed then, said it
            return "; ".join(
                [
                    empty_output_warning(
                        f"no unit to export to {self.path} ({self.arrow()})", "without units"
                    ),
                    *self._skipped(),
                ]
            )
        return f"{self.path} holds no unit ({self.arrow()})"


def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _tu(
    unit: StoredUnit,
    langs: Sequence[str],
    tags: Mapping[str, str],
    *,
    pair: bool,
    long_segments: str,
    report: ExportReport,
    min_score: float | None = None,
) -> TuOut | None:
    """The ``<tu>`` for ``unit``, or None (reason counted in ``report.skipped``)."""
    present = [lang for lang in langs if lang in unit.sides]
    texts, removed = _xml_texts(unit, present)
    long = {lang for lang, text in texts.items() if len(text) > MAX_SEGMENT_CHARS}
    reason = _missing_text(texts, langs, tags, pair=pair)
    if reason is None and long and long_segments == "skip":
        reason = f"segment over {MAX_SEGMENT_CHARS} characters"
    score = unit.pair_score(langs[1]) if pair else unit.score
    if reason is None and pair and min_score is not None and (score is None or score < min_score):
        reason = "below --min-score"
    if reason is not None:
        report.skipped[reason] += 1
        return None
    report.long_flagged += len(long)
    report.forbidden_removed += removed
    if removed:
        report.changed.append(unit.tuid)
    attrs = {"creationdate": tmx_date(unit.created_at), "changedate": tmx_date(unit.changed_at)}
    attrs.update(unit.attrs)
    notes = [text for text, lang in unit.notes if lang is None]
    tuvs = _tuvs(unit, langs, tags, texts, long)
    return TuOut(unit.tuid, tuvs, attrs, _tu_props(unit, present, score), notes)


def _xml_texts(unit: StoredUnit, present: Sequence[str]) -> tuple[dict[str, str], int]:
    """The non-blank texts of ``present`` languages without the characters XML forbids, and how
    many characters that removed."""
    texts, removed = {}, 0
    for lang in present:
        text, n = xml_safe(unit.sides[lang].text)
        removed += n
        if text.strip():
            texts[lang] = text
    return texts, removed


def _missing_text(
    texts: Mapping[str, str], langs: Sequence[str], tags: Mapping[str, str], *, pair: bool
) -> str | None:
    """Why a unit with these texts has no place in the file (None when it has): a pair needs
    both sides, a multilingual unit the source and one more language."""
    source = langs[0]
    if pair:
        for lang in langs:
            if lang not in texts:
                return f"empty {tags[lang]} side"
    elif source not in texts:
        return f"no {tags[source]} text"
    elif len(texts) < 2:
        return "only one language"
    return None


def _tu_props(
    unit: StoredUnit, present: Sequence[str], score: float | None
) -> list[tuple[str, str]]:
    """The unit's props: ``x-score``, ``x-status``, ``x-bead`` (unless imported with its own) and
    the props it was imported with."""
    stored_types = {kind for kind, _, lang in unit.props if lang is None}
    props = []
    if score is not None:
        props.append(("x-score", f"{score:.4f}"))
    props.append(("x-status", unit.status))
    if "x-bead" not in stored_types:
        props.append(("x-bead", "-".join(str(unit.sides[lang].count) for lang in present)))
    props += [(kind, value) for kind, value, lang in unit.props if lang is None]
    return props


def _tuvs(
    unit: StoredUnit,
    langs: Sequence[str],
    tags: Mapping[str, str],
    texts: Mapping[str, str],
    long: set[str],
) -> list[TuvOut]:
    """One ``<tuv>`` per language with text, in ``langs`` order, with its document, its imported
    props and notes, and ``x-long-segment`` for a segment over the limit."""
    tuvs = []
    for lang in langs:
        if lang not in texts:
            continue
        side = unit.sides[lang]
        tuv_props = [(kind, value) for kind, value, where in unit.props if where == lang]
        if unit.origin == "aligned" and side.document:
            tuv_props.insert(0, ("x-document", side.document))
        if lang in long:
            tuv_props.append(("x-long-segment", str(len(texts[lang]))))
        tuv_notes = [text for text, where in unit.notes if where == lang]
        tuvs.append(TuvOut(tags[lang], texts[lang], tuv_props, tuv_notes))
    return tuvs


def write_tmx(
    store: Store,
    out_path: str | os.PathLike[str],
    *,
    langs: Sequence[str] | None = ("nl", "fr"),
    multilingual: bool = False,
    min_score: float | None = None,
    documents: str | Iterable[str] | None = None,
    status: str | Iterable[str] | None = None,
    since: date | datetime | None = None,
    run_id: int | None = None,
    lang_tags: Mapping[str, str] | None = None,
    long_segments: str = "flag",
    adminlang: str = "en",
    unit_ids: Iterable[int] | None = None,
    write_empty: bool = True,
    group: OutputGroup | None = None,
) -> ExportReport:
    """Write one TMX file: the pair ``langs`` (source first) or, with ``multilingual``, all of them.

    ``langs=None`` means nl→fr for a pair file and every language of the memory for a multilingual
    file. ``status=None`` exports automatic and reviewed units (not rejected ones). Units whose
    segment exceeds 2,000 characters get an ``x-long-segment`` prop (``long_segments="flag"``) or
    are left out (``"skip"``). With ``write_empty=False`` a file that would hold no unit is not
    written (``report.file_written`` is False; a file already at ``out_path`` stays as it was).
    With ``group`` the file appears only with the rest of that ``OutputGroup`` (``export_tmx``'s
    pair files and whatever else the command writes: all or none).
    """
    if long_segments not in ("flag", "skip"):
        raise InputError(f"long_segments must be 'flag' or 'skip', not {long_segments!r}")
    langs = _file_langs(store, langs, multilingual)
    tags = resolve_tags(lang_tags)
    tag_map = {lang: tag_for(lang, tags) for lang in langs}
    where = UnitFilter(
        require_langs=langs if not multilingual else (),
        # a pair file filters on that pair's own confidence (below), a multilingual one on the
        # unit's: the lowest of its pairs
        min_score=min_score if multilingual else None,
        statuses=_as_tuple(status) or ("auto", "reviewed"),
        documents=_as_tuple(documents),
        since=since,
        run_id=run_id,
        unit_ids=tuple(unit_ids) if unit_ids is not None else None,
    )
    report = ExportReport(
        path=Path(out_path),
        langs=langs,
        tags=tuple(tag_map[lang] for lang in langs),
        multilingual=multilingual,
    )
    with TmxWriter(
        out_path,
        srclang=tag_map[langs[0]],
        tool_version=__version__,
        adminlang=adminlang,
        header_props=[("x-languages", ",".join(report.tags))],
        group=group,
    ) as writer:
        found = store.iter_units(where) if multilingual else store.iter_pair(*langs, where)
        for unit in found:
            report.considered += 1
            tu = _tu(
                unit,
                langs,
                tag_map,
                pair=not multilingual,
                long_segments=long_segments,
                report=report,
                min_score=min_score,
            )
            if tu is not None:
                writer.write(tu)
        report.written = writer.written
        if not report.written and not write_empty:
            writer.discard()
            report.file_written = False
    return report


def _file_langs(store: Store, langs: Sequence[str] | None, multilingual: bool) -> tuple[str, ...]:
    """The languages of one file, source first: ``langs`` without repeats, or by default nl→fr
    for a pair file and every language of the memory for a multilingual one (nl, fr for an empty
    memory, as for a pair file: its file then holds no unit, which ``write_empty`` decides on)."""
    if langs is None:
        langs = (order_langs(store.languages()) if multilingual else []) or ("nl", "fr")
    langs = tuple(dict.fromkeys(langs))
    if not multilingual and len(langs) != 2:
        raise InputError(
            f"a pair file needs exactly two languages, got {', '.join(langs) or 'none'}"
        )
    if not langs:
        raise InputError("give at least two languages, e.g. nl,fr")
    return langs


def pair_paths(out_path: Path, pairs: Sequence[tuple[str, str]]) -> list[Path]:
    """``out.tmx`` for one pair; ``out.nl-fr.tmx``, ``out.nl-en.tmx``... for several."""
    if len(pairs) == 1:
        return [out_path]
    suffix = out_path.suffix or ".tmx"
    stem = out_path.name[: -len(out_path.suffix)] if out_path.suffix else out_path.name
    return [out_path.with_name(f"{stem}.{a}-{b}{suffix}") for a, b in pairs]


def export_tmx(
    store: Store,
    out_path: str | os.PathLike[str],
    *,
    langs: Sequence[str] | None = None,
    multilingual: bool = False,
    **options: object,
) -> list[ExportReport]:
    """Write one file per language pair (first language is the source) or one multilingual file.

    Without ``langs``: the pivot and languages of ``run_id`` when given, else nl→fr and nl→en, as
    far as the memory holds French/English (nl→fr at least). ``options`` go to ``write_tmx``; with
    its ``group`` the files appear together or not at all.
    """
    out = Path(out_path)
    if langs is not None:
        if len(set(langs)) < 2:  # a pair file or a multilingual one: one language is no TM
            raise InputError("give at least two languages, e.g. nl,fr")
        store.require_languages(langs)  # a language the memory lacks would give empty files
    run_id = options.get("run_id")
    if langs is None and isinstance(run_id, int):
        langs = run_languages(store, run_id)
    if multilingual:
        return [write_tmx(store, out, langs=langs, multilingual=True, **options)]  # type: ignore[arg-type]
    if langs is None:
        available = set(store.languages())
        pairs = [pair for pair in DEFAULT_PAIRS if set(pair) <= available] or [DEFAULT_PAIRS[0]]
    else:
        ordered = list(dict.fromkeys(langs))
        pairs = [(ordered[0], other) for other in ordered[1:]]
    paths = pair_paths(out, pairs)
    prepare_output_files(paths)  # none written when one of them cannot be
    return [
        write_tmx(store, path, langs=pair, **options)  # type: ignore[arg-type]
        for pair, path in zip(pairs, paths, strict=True)
    ]


def export_run(
    store: Store,
    run_id: int,
    out_path: str | os.PathLike[str],
    *,
    multilingual: bool = False,
    **options: object,
) -> list[ExportReport]:
    """Export the documents aligned in run ``run_id`` (what ``tmtool align`` wrote): one file per
    pair from the run's pivot, or one multilingual file with the pivot as source."""
    return export_tmx(store, out_path, multilingual=multilingual, run_id=run_id, **options)


def run_languages(store: Store, run_id: int) -> list[str]:
    """The languages of run ``run_id``, its pivot first (Dutch first for runs without one)."""
    pivot, langs = store.run_languages(run_id)
    ordered = order_langs(langs)
    return [pivot, *(lang for lang in ordered if lang != pivot)] if pivot in langs else ordered
