"""Alignment benchmark: the full tmtool aligner on the evaluation data, one table out.

For each set of ``../shared/eval`` (or ``$TMTOOL_EVAL_DIR``; see its MANIFEST.tsv) and each
encoder, a fresh process reads the documents with tmtool's loader, embeds and aligns them and
scores the result against the gold; the table gives strict/lax scores, seconds per stage,
sentence pairs per second and the process's peak memory. Run from the repository root:

    .venv/bin/python bench/align_bench.py                      # gold sets + scale, encoder use
    .venv/bin/python bench/align_bench.py --write bench/RESULTS.md
    .venv/bin/python bench/align_bench.py --sets textberg_dev,textberg_test \\
        --encoders use,e5,st:models/multilingual-e5-small

The evaluation data is read in place and never copied; without it the script says so and exits 0.
``--write FILE`` replaces only the part of FILE between ``<!-- align_bench:start -->`` and
``<!-- align_bench:end -->`` (a new FILE is just that part): other benches' sections stay.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench_data import (
    DEFAULT_SETS,
    REPO,
    Measurement,
    default_eval_dir,
    expand_sets,
    measurements,
    monotone_ceiling,
)
from bench_report import (
    Row,
    add_scale_ratios,
    check_targets,
    format_table,
    format_targets,
    read_results,
    replace_generated,
    results_page,
    rows_for,
    skipped_row,
)

from tmtool.embed.registry import DEFAULT_ENCODER
from tmtool.errors import TmtoolError
from tmtool.evaluate.score import Scores
from tmtool.files import write_text_atomically

COMPARE_SETS = "textberg_dev,textberg_test"
PER_DOC_SETS = "hunalign"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Set names: those of MANIFEST.tsv, scale_x1/x2/x4/x8, and the aliases gold, scale, "
        "silver, all.",
    )
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=default_eval_dir(),
        help="evaluation folder with MANIFEST.tsv (default: $TMTOOL_EVAL_DIR or ../shared/eval)",
    )
    parser.add_argument("--sets", default=DEFAULT_SETS, help=f"default: {DEFAULT_SETS}")
    parser.add_argument(
        "--encoders",
        default=DEFAULT_ENCODER,
        help="comma-separated encoder names as for `tmtool align --encoder`, e.g. "
        f"use,e5,st:models/multilingual-e5-small (default: {DEFAULT_ENCODER})",
    )
    parser.add_argument(
        "--compare-sets",
        default=COMPARE_SETS,
        help="encoders after the first run only on these sets, since e5 on a CPU is slow; "
        f"'all' runs them on every set (default: {COMPARE_SETS})",
    )
    parser.add_argument(
        "--device",
        choices=("auto", "cpu", "cuda"),
        default="auto",
        help="device of st: encoders; auto = the GPU when torch sees one (default: auto)",
    )
    parser.add_argument(
        "--per-doc",
        default=PER_DOC_SETS,
        help=f"sets that also get one row per document (default: {PER_DOC_SETS})",
    )
    parser.add_argument("--timeout", type=float, help="seconds allowed per measurement")
    parser.add_argument(
        "--write",
        type=Path,
        metavar="FILE",
        help="also write the results page into FILE, between its align_bench markers (the rest "
        "of FILE is kept)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one measurement, JSON
    return parser.parse_args(argv)


def run_one(spec: str) -> int:
    """Child process: measure one (set, encoder) and print the result as one JSON line."""
    from bench_measure import measure

    job = json.loads(spec)
    try:
        result = measure(Measurement.from_json(job["measurement"]), job["encoder"], job["device"])
    except TmtoolError as exc:
        result, code = {"error": str(exc)}, 0
    except Exception as exc:
        traceback.print_exc()
        result, code = {"error": f"{type(exc).__name__}: {exc}"}, 1
    else:
        code = 0
    print(json.dumps(result), flush=True)
    return code


def spawn(measurement: Measurement, encoder: str, device: str | None, timeout: float | None):
    """Run one measurement in a fresh interpreter; its result dict, or ``{"error": ...}``."""
    job = {"measurement": measurement.to_json(), "encoder": encoder, "device": device}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(job, handle)  # paths only, no evaluation text
    command = [sys.executable, str(Path(__file__).resolve()), "--one", handle.name]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    finally:
        os.unlink(handle.name)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    tail = done.stderr.strip().splitlines()
    return {"error": f"exit {done.returncode}: {tail[-1] if tail else 'no output'}"}


def missing_model_folder(encoder: str) -> str | None:
    """Why an ``st:`` encoder naming a folder cannot run (the folder is absent), else None.

    ``st:`` names that are not paths (models in the local Hugging Face cache) are left to the
    encoder to resolve.
    """
    model = encoder[3:] if encoder.startswith("st:") else ""
    if not model.startswith((".", "/", "~", "models/")):
        return None
    folder = Path(model).expanduser()
    folder = folder if folder.is_absolute() else REPO / folder
    if folder.is_dir():
        return None
    return f"skipped: no model folder {model} (build it with `tmtool models build-e5`)"


def ceiling_note(measurement: Measurement) -> str:
    """The best strict scores a monotone aligner can reach: with tmtool's bead set, and with
    every bead of m + n <= 5 (multi-sentence deletions m-0 / 0-n too)."""

    def scores(best: Scores) -> str:
        return (
            f"strict P {best.precision_strict:.3f} / R {best.recall_strict:.3f} / F1 "
            f"{best.f1_strict:.3f} ({best.system_beads} beads against {best.gold_beads} gold)"
        )

    return (
        f"Ceiling on {measurement.label}: the monotone path that holds the most beads identical "
        "to gold ones (then the most with both sides, then the fewest beads) scores "
        f"{scores(monotone_ceiling(measurement))} with tmtool's bead set (1-0, 0-1, m-n with "
        "m, n <= 4 and m+n <= 5), and "
        f"{scores(monotone_ceiling(measurement, deletions=True))} with any bead of m+n <= 5, "
        "multi-sentence deletions (m-0, 0-n) included: no aligner of either family can do better "
        "(bench_data.monotone_ceiling, a DP over the lattice)."
    )


def command_line() -> str:
    """The command as typed, the interpreter shown relative to the current folder."""
    exe = Path(sys.executable)
    try:
        shown = str(exe.relative_to(Path.cwd()))
    except ValueError:
        shown = str(exe)
    return shlex.join([shown, *sys.argv])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.one:
        return run_one(Path(args.one).read_text(encoding="utf-8"))
    if args.write:
        try:  # before a long run, not after it
            read_results(args.write)
        except (OSError, ValueError) as exc:
            print(f"error: --write {args.write}: {exc}", file=sys.stderr)
            return 2
    eval_dir = args.eval_dir.expanduser().resolve()
    if not (eval_dir / "MANIFEST.tsv").is_file():
        print(f"skipped: no evaluation data at {eval_dir} (set TMTOOL_EVAL_DIR or --eval-dir)")
        return 0
    try:
        plan = measurements(eval_dir, expand_sets(args.sets))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    encoders = [e.strip() for e in args.encoders.split(",") if e.strip()]
    if not encoders:
        print("error: --encoders names no encoder", file=sys.stderr)
        return 2
    compare = None if args.compare_sets.strip() == "all" else set(expand_sets(args.compare_sets))
    per_doc = set(expand_sets(args.per_doc))
    device = None if args.device == "auto" else args.device
    jobs = [
        (m, enc)
        for m in plan
        for k, enc in enumerate(encoders)
        if k == 0 or compare is None or m.set in compare
    ]

    started = time.perf_counter()
    rows: list[Row] = []
    failed = False
    for number, (measurement, encoder) in enumerate(jobs, 1):
        label = f"[{number}/{len(jobs)}] {measurement.label} {measurement.pair} {encoder}"
        why = "skipped" if not measurement.docs else missing_model_folder(encoder)
        if why:
            print(f"{label}: {why}", file=sys.stderr, flush=True)
            rows.append(skipped_row(measurement, encoder, why))
            continue
        print(f"{label} ...", file=sys.stderr, flush=True)
        tick = time.perf_counter()
        result = spawn(measurement, encoder, device, args.timeout)
        if "error" in result:
            failed = True
            print(f"{label}: error: {result['error']}", file=sys.stderr, flush=True)
            rows.append(skipped_row(measurement, encoder, f"error: {result['error']}"))
            continue
        print(f"{label}: {time.perf_counter() - tick:.0f} s", file=sys.stderr, flush=True)
        rows.extend(rows_for(measurement, encoder, result, measurement.set in per_doc))
    wall_s = time.perf_counter() - started

    add_scale_ratios(rows)
    table = format_table(rows)
    targets = check_targets(rows, [DEFAULT_ENCODER])
    print(table)
    print(f"Targets (encoder {DEFAULT_ENCODER}):\n")
    print(format_targets(targets))
    print(f"wall time {wall_s:.0f} s", file=sys.stderr)
    if args.write:
        signatures = list(
            dict.fromkeys(f"{r.encoder} = {r.result['encoder']}" for r in rows if r.result)
        )
        ceilings = [ceiling_note(m) for m in measurements(eval_dir, ["textberg_test"]) if m.docs]
        page = results_page(
            command_line(), eval_dir, table, targets, signatures, wall_s, extra_notes=ceilings
        )
        try:  # read again: another bench may have added its section during the run
            write_text_atomically(args.write, replace_generated(read_results(args.write), page))
        except (OSError, ValueError) as exc:
            print(f"error: --write {args.write}: {exc}", file=sys.stderr)
            return 2
        print(f"wrote the alignment part of {args.write}", file=sys.stderr)
    if failed:
        return 1
    if args.check and not all(t.met for t in targets):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
