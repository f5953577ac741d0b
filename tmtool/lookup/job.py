"""``tmtool lookup``: read a new document, match it against the memory, write what was asked.

Everything is matched before anything is written; each output file is written to a temporary
name and renamed (``tmtool.files``, ``TmxWriter``), so a failure leaves no
half-written file, and with an ``OutputGroup`` the files appear all together or not at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tmtool import __version__
from tmtool.embed import Encoder, get_encoder
from tmtool.exchange.langs import resolve_tags, tag_for
from tmtool.exchange.tmx_export import ExportReport, export_tmx, pair_paths
from tmtool.exchange.xliff import XliffAlt, XliffReport, XliffUnit, render_xliff
from tmtool.files import OutputGroup, prepare_output_files, write_output
from tmtool.lookup.analysis import analyse, band
from tmtool.lookup.matcher import CandidateSource, LookupResult, Match, lookup_segments
from tmtool.lookup.report import render_report
from tmtool.search import candidate_units
from tmtool.store import Store
from tmtool.store.common import storable_name


@dataclass
class LookupOutputs:
    xliff: dict[Path, XliffReport] = field(default_factory=dict)
    tmx: list[ExportReport] = field(default_factory=list)
    report: Path | None = None


def lookup_document(
    store: Store,
    path: str | os.PathLike[str],
    target_langs: list[str],
    *,
    source_lang: str = "nl",
    encoder: Encoder | str | None = None,
    presegmented: bool = False,
    prefilter: CandidateSource | None = candidate_units,
) -> LookupResult:
    """Read, clean and segment ``path`` exactly as ``align`` does, then match every segment."""
    from tmtool.pipeline import load_documents

    # before the reading and the model: a language the memory lacks would match nothing
    store.require_languages([source_lang, *target_langs])
    document = load_documents([path], [source_lang], presegmented=presegmented)
    lang, doc = next(iter(document.items()))
    encoder = encoder if isinstance(encoder, Encoder) else get_encoder(encoder)
    return lookup_segments(store, doc.texts, encoder, lang, target_langs, prefilter=prefilter)


def _state(match: Match) -> tuple[str, str]:
    """XLIFF state and state-qualifier of a target filled from ``match``."""
    if match.kind in ("context", "exact"):
        return "translated", "exact-match"
    if match.kind == "numbers":
        return "needs-review-translation", "leveraged-tm"
    return "needs-review-translation", "fuzzy-match"


def xliff_units(result: LookupResult, lang: str, min_match: int) -> list[XliffUnit]:
    """The trans-units of the ``lang`` file."""
    out = []
    for segment in result.segments:
        unit = XliffUnit(id=str(segment.index + 1), source=segment.text)
        best = segment.best(lang)
        if best is not None and best.percent >= min_match:
            unit.target = best.targets[lang]
            unit.state, unit.state_qualifier = _state(best)
            if best.numbers:
                unit.note = (
                    f"{best.percent}% match, not exact: numbers replaced from the memory's "
                    f"translation: {_changes(best)}"
                )
        for match in segment.alternatives(lang):
            note = f"fuzzy {match.percent}%; semantic similarity {match.semantic:.2f}"
            if match.numbers:
                note += f"; numbers differ: {_changes(match)}"
                if match is best and unit.target is not None:
                    note += " (replaced in the target)"
            unit.alts.append(
                XliffAlt(
                    # the memory's pair as stored: a proposal with its numbers replaced would pair
                    # the memory's source (12) with a translation it never had (15)
                    source=match.source,
                    target=match.unit.texts[lang],
                    match_quality=str(match.percent),
                    origin=f"tmtool memory: {match.origin}",
                    note=note,
                )
            )
        out.append(unit)
    return out


def _changes(match: Match) -> str:
    """``12 → 15, 2026 → 2027``: the numbers a match's translation has replaced."""
    return ", ".join(f"{old} → {new}" for old, new in match.numbers)


def lang_paths(out: Path, langs: list[str]) -> dict[str, Path]:
    """``out.xlf`` for one target language; ``out.fr.xlf``, ``out.en.xlf`` for several."""
    if len(langs) == 1:
        return {langs[0]: out}
    suffix = out.suffix or ".xlf"
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return {lang: out.with_name(f"{stem}.{lang}{suffix}") for lang in langs}


def match_as_dict(match: Match, lang: str) -> dict[str, object]:
    """One match for ``--json``: both scores kept apart, never blended."""
    return {
        "unit": match.unit.tuid,
        "percent": match.percent,
        "semantic": round(match.semantic, 4),
        "kind": match.kind,
        "source": match.source,
        "target": match.targets[lang],
        "numbers_replaced": [list(pair) for pair in match.numbers],
        "origin": match.origin,
        "status": match.unit.status,
    }


def result_as_dict(result: LookupResult, file: str) -> dict[str, object]:
    """The analysis and each segment's proposals per target language, for ``--json``."""
    return {
        "file": file,
        "source_lang": result.source_lang,
        "target_langs": result.target_langs,
        "encoder": result.encoder,
        "analysis": [analyse(result, lang).as_dict() for lang in result.target_langs],
        "segments": [
            {
                "segment": segment.index + 1,
                "text": segment.text,
                "words": segment.words,
                "repetition_of": None
                if segment.repetition_of is None
                else segment.repetition_of + 1,
                "band": {lang: band(segment, lang) for lang in result.target_langs},
                "matches": {
                    lang: [match_as_dict(m, lang) for m in segment.alternatives(lang)]
                    for lang in result.target_langs
                },
            }
            for segment in result.segments
        ],
    }


def write_outputs(
    store: Store,
    result: LookupResult,
    *,
    original: str,
    xliff: str | os.PathLike[str] | None = None,
    tmx: str | os.PathLike[str] | None = None,
    report: str | os.PathLike[str] | None = None,
    min_match: int = 75,
    lang_tags: dict[str, str] | None = None,
    allow_empty: bool = False,
    group: OutputGroup | None = None,
) -> LookupOutputs:
    """Write the XLIFF file(s), the project TMX (units that matched) and the HTML report.

    An XLIFF is always written (every segment to translate, matched or not); a project TMX no
    unit goes into is not, unless ``allow_empty`` (its report's ``file_written`` says which).
    With ``group`` (the CLI's) they are renamed into place together when the group ends: a
    failure in the last leaves none of them.

    ``original`` (the new file's name) is shown as the memory stores names (``storable_name``):
    a name with bytes that are not UTF-8 could not be written into the UTF-8 report.
    """
    original = storable_name(original) or ""
    tags = resolve_tags(lang_tags)
    outputs = LookupOutputs()
    xliff_paths = lang_paths(Path(xliff), result.target_langs) if xliff is not None else {}
    pairs = [(result.source_lang, lang) for lang in result.target_langs]
    tmx_paths = pair_paths(Path(tmx), pairs) if tmx is not None else []
    # every file checked before the first is written: none is left when one cannot be
    prepare_output_files([*xliff_paths.values(), *tmx_paths, *([report] if report else [])])
    if xliff is not None:
        for lang, path in xliff_paths.items():
            text, written = render_xliff(
                xliff_units(result, lang, min_match),
                original=original,
                source_tag=tag_for(result.source_lang, tags),
                target_tag=tag_for(lang, tags),
                tool_version=__version__,
            )
            write_output(path, text, group=group)
            outputs.xliff[path] = written
    if tmx is not None:
        matched = {
            match.unit.id
            for segment in result.segments
            for lang in result.target_langs
            for match in segment.alternatives(lang)
        }
        outputs.tmx = export_tmx(
            store,
            tmx,
            langs=[result.source_lang, *result.target_langs],
            unit_ids=sorted(matched),
            lang_tags=lang_tags,
            write_empty=allow_empty,
            group=group,
        )
    if report is not None:
        outputs.report = Path(report)
        write_output(outputs.report, render_report(result, original), group=group)
    return outputs
