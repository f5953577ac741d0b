"""The aligner's lax errors by kind, per evaluation set: where the last points of lax F1 are.

A lax error is a system bead the lax measure counts as wrong (a 1-0 / 0-1 bead not in the gold,
or a bead with both sides none of whose source-target pairs the gold links) or a gold bead with
both sides none of whose pairs the system links (``tmtool.evaluate.score``'s definitions). Each is
given one kind: an unaligned sentence the gold puts in an m-n bead (a left-out member) or in a
1-1 bead; a bead holding sentences the gold leaves unaligned; a bead shifted onto sentences the
gold aligns elsewhere; a gold bead left unaligned or paired elsewhere. Gold beads beyond the
aligner's bead bound are marked, since no bounded path can hold them. Run from the repository
root (``--list`` prints every error with its sentences: for development sets, not test sets):

    .venv/bin/python bench/lax_errors.py --sets textberg_dev,parice --list

The evaluation data is read in place and never copied; without it the script exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bench_data import default_eval_dir, measurements
from bench_measure import scored_path

from tmtool.align.aligner import EmbeddingAligner
from tmtool.embed import get_encoder

Link = tuple[tuple[int, ...], tuple[int, ...]]
SETS = "textberg_dev,parice,hunalign"


@dataclass(frozen=True)
class LaxError:
    """One lax error: its kind, its bead, and whether it counts against precision or recall."""

    kind: str
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    precision: bool


def lax_errors(
    gold: Iterable[Link], system: Iterable[Link], allows: Callable[[int, int], bool]
) -> list[LaxError]:
    """The lax errors of one document's ``system`` beads against its ``gold`` beads, by kind;
    ``allows(m, n)`` is the aligner's bead bound."""
    gold, system = {b for b in gold if b[0] or b[1]}, {b for b in system if b[0] or b[1]}
    gold_src = {i: b for b in gold for i in b[0]}
    gold_tgt = {j: b for b in gold for j in b[1]}
    sys_src = {i: b for b in system for i in b[0]}
    sys_tgt = {j: b for b in system for j in b[1]}
    errors = []
    for src, tgt in sorted(system):
        if (src, tgt) in gold or any(set(gold_src.get(i, ((), ()))[1]) & set(tgt) for i in src):
            continue
        if src and tgt:
            kind = _pair_kind(src, tgt, gold_src, gold_tgt)
        else:
            kind = _skip_kind(src, tgt, gold_src, gold_tgt, sys_src, sys_tgt, allows)
        errors.append(LaxError(kind, src, tgt, precision=True))
    for src, tgt in sorted(gold):
        if not (src and tgt) or any(set(sys_src.get(i, ((), ()))[1]) & set(tgt) for i in src):
            continue
        unaligned = [not sys_src.get(i, ((), ()))[1] for i in src]
        unaligned += [not sys_tgt.get(j, ((), ()))[0] for j in tgt]
        if all(unaligned):
            kind = "missed: left unaligned"
        elif any(unaligned):
            kind = "missed: partly unaligned, partly paired elsewhere"
        else:
            kind = "missed: paired elsewhere"
        errors.append(LaxError(_bounded(kind, src, tgt, allows), src, tgt, precision=False))
    return errors


def _pair_kind(
    src: tuple[int, ...], tgt: tuple[int, ...], gold_src: dict[int, Link], gold_tgt: dict[int, Link]
) -> str:
    """The kind of a wrong bead with both sides."""
    lone = [not gold_src.get(i, ((), ()))[1] for i in src]
    lone += [not gold_tgt.get(j, ((), ()))[0] for j in tgt]
    if all(lone):
        return "pair: every sentence gold-unaligned"
    if any(lone):
        return "pair: holds a gold-unaligned sentence"
    return "pair: shifted (every sentence gold-aligned elsewhere)"


def _skip_kind(
    src: tuple[int, ...],
    tgt: tuple[int, ...],
    gold_src: dict[int, Link],
    gold_tgt: dict[int, Link],
    sys_src: dict[int, Link],
    sys_tgt: dict[int, Link],
    allows: Callable[[int, int], bool],
) -> str:
    """The kind of a wrong 1-0 / 0-1 bead."""
    home = gold_src.get(src[0]) if src else gold_tgt.get(tgt[0])
    if home is None:
        return "skip: sentence not in the gold"
    if len(home[0]) + len(home[1]) > 2:
        return _bounded("skip: member of a gold m-n bead", *home, allows)
    partner = home[1][0] if src else home[0][0]
    partner_bead = sys_tgt.get(partner) if src else sys_src.get(partner)
    if partner_bead is None or not (partner_bead[0] and partner_bead[1]):
        return "skip: of a gold 1-1 bead, partner unaligned too"
    return "skip: of a gold 1-1 bead, partner paired elsewhere"


def _bounded(
    kind: str, src: tuple[int, ...], tgt: tuple[int, ...], allows: Callable[[int, int], bool]
) -> str:
    """The kind, marked when the gold bead is beyond the aligner's bead bound."""
    return kind if allows(len(src), len(tgt)) else f"{kind} (beyond the bead bound)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=SETS, help=f"default: {SETS}")
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--list", action="store_true", help="print every error with its text")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "MANIFEST.tsv").is_file():
        print(f"skipped: no evaluation data at {args.eval_dir}")
        return 0
    encoder = get_encoder("use")
    aligner = EmbeddingAligner(encoder)
    counts: dict[str, Counter[str]] = {}
    for measurement in measurements(args.eval_dir, [s for s in args.sets.split(",") if s]):
        label = f"{measurement.label} {measurement.pair}"
        counts[label] = Counter()
        for doc in measurement.docs:
            aligned = scored_path(doc, encoder, aligner)
            system = [(tuple(range(a, b)), tuple(range(c, d))) for a, b, c, d in aligned.path]
            texts = aligned.scorer.src.texts, aligned.scorer.tgt.texts
            aligned.scorer.close()
            for error in lax_errors(aligned.gold, system, aligner.config.allows):
                counts[label][error.kind] += 1
                if args.list:
                    print(f"--- {label} {doc.name}: {error.kind}: {error.src} / {error.tgt}")
                    members = zip("ST", (error.src, error.tgt), texts, strict=True)
                    for side, indices, side_texts in members:
                        for k in indices:
                            print(f"    {side} {k}: {side_texts[k][:120]}")
            print(f"{label} {doc.name}: done", file=sys.stderr, flush=True)
    print(format_counts(counts))
    return 0


def format_counts(counts: dict[str, Counter[str]]) -> str:
    """A markdown table: one row per kind, one column per set."""
    labels = list(counts)
    kinds = sorted({kind for c in counts.values() for kind in c})
    lines = [f"| kind | {' | '.join(labels)} |", "|---|" + "--:|" * len(labels)]
    lines += [f"| {kind} | {' | '.join(str(counts[x][kind]) for x in labels)} |" for kind in kinds]
    totals = " | ".join(str(sum(counts[x].values())) for x in labels)
    lines.append(f"| all lax errors | {totals} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
