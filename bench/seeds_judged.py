"""Precision of the seeds' glossary against the hand judgement in terms_gold/judged-seeds.tsv.

    python bench/seeds_judged.py tmx/seeds.terms.csv

The seeds are the project's own declarations (nl, fr, en), so this is a check of the product's
domain, not an evaluation set of issue 8. A glossary line (term, French, English) is right when
the term and both renderings were judged ok; an empty column counts as not right. Lines not in
the judged file are listed, to be judged by hand and appended (never judged to improve a figure).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "terms_gold" / "judged-seeds.tsv"

Line = tuple[str, str, str]


def read_judged(path: Path) -> dict[Line, tuple[str, str, str]]:
    """Each judged line (term, French, English) with its three verdicts."""
    judged: dict[Line, tuple[str, str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        judged[(fields[0], fields[1], fields[2])] = (fields[3], fields[4], fields[5])
    return judged


def read_glossary(path: Path) -> list[Line]:
    """The glossary CSV's lines as (term, French, English), in order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    fr = next(i for i, name in enumerate(header) if name.startswith("fr"))
    en = next(i for i, name in enumerate(header) if name.startswith("en"))
    return [(row[0], row[fr], row[en]) for row in rows[1:]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("glossary", type=Path, help="the CSV that `tmtool terms --csv` wrote")
    parser.add_argument(
        "--wrong", action="store_true", help="also list the judged lines that are not right"
    )
    args = parser.parse_args(argv)
    judged = read_judged(JUDGED)
    lines = read_glossary(args.glossary)
    unjudged = [line for line in lines if line not in judged]
    verdicts = [judged[line] for line in lines if line in judged]
    right = sum(all(v == "ok" for v in verdict) for verdict in verdicts)
    terms = sum(verdict[0] == "ok" for verdict in verdicts)
    french = sum(verdict[1] == "ok" for verdict in verdicts)
    english = sum(verdict[2] == "ok" for verdict in verdicts)
    empty = sum("empty" in verdict[1:] for verdict in verdicts)
    total = len(lines)
    print(
        f"{total} lines: right {right} ({right / max(total, 1):.3f}); term ok {terms}, "
        f"French ok {french}, English ok {english}, a column empty {empty}; "
        f"unjudged {len(unjudged)} (counted as not right)"
    )
    for line in unjudged:
        print("unjudged:", "\t".join(line))
    if args.wrong:
        for line in lines:
            if line in judged and not all(v == "ok" for v in judged[line]):
                print("not right:", "\t".join(line), "|", " ".join(judged[line]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
