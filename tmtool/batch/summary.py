"""The batch summary: one row per document set, as CSV (``--summary``) or JSON (``--json``)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from tmtool.batch.work import SetResult
from tmtool.files import write_output


def _pairs(langs: Sequence[str]) -> list[str]:
    return [f"{langs[0]}-{lang}" for lang in langs[1:]]


def csv_columns(langs: Sequence[str]) -> list[str]:
    columns = ["line", "name", "status", "seconds"]
    columns += [f"segments_{lang}" for lang in langs]
    for pair in _pairs(langs):
        columns += [f"beads_{pair}", f"mean_confidence_{pair}", f"low_confidence_{pair}"]
    return [*columns, "units_added", "files"]


def csv_row(result: SetResult, langs: Sequence[str]) -> dict[str, Any]:
    """Bead counts as ``1-1:40 2-1:3``; empty cells for what a failed set never got."""
    row: dict[str, Any] = {
        "line": result.line,
        "name": result.name,
        "status": result.status,
        "seconds": f"{result.seconds:.3f}",
        "units_added": result.units_added,
        "files": " | ".join(result.files),
    }
    for lang in langs:
        row[f"segments_{lang}"] = result.segments.get(lang, "")
    for pair in _pairs(langs):
        beads = result.beads.get(pair)
        row[f"beads_{pair}"] = " ".join(f"{k}:{v}" for k, v in beads.items()) if beads else ""
        mean = result.mean_confidence.get(pair)
        row[f"mean_confidence_{pair}"] = "" if mean is None else f"{mean:.4f}"
        row[f"low_confidence_{pair}"] = result.low_confidence.get(pair, "")
    return row


def summary_csv(results: Sequence[SetResult], langs: Sequence[str]) -> str:
    """The rows as the CSV that ``--summary`` writes, one line per set."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(langs), lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerow(csv_row(result, langs))
    return buffer.getvalue()


def write_summary_csv(
    path: str | os.PathLike[str], results: Sequence[SetResult], langs: Sequence[str]
) -> None:
    write_output(path, summary_csv(results, langs))


def summary_records(results: Sequence[SetResult]) -> list[dict[str, Any]]:
    """Rows for ``--json``: the SetResult fields, seconds rounded to milliseconds; the warnings
    are the command's (``--json``'s ``warnings`` list), not a row's."""
    records = []
    for result in results:
        record = asdict(result)
        del record["warnings"]
        record["files"] = list(result.files)
        record["seconds"] = round(result.seconds, 3)
        records.append(record)
    return records
