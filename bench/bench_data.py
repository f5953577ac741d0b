"""The evaluation data of the benchmark: MANIFEST.tsv rows grouped into measured sets.

Everything is read in place from the evaluation folder (``../shared/eval`` or
``$TMTOOL_EVAL_DIR``); nothing is copied into the repository. The scale documents (the Text+Berg
test documents concatenated, then repeated) are built in a temporary folder by the measuring
process and deleted afterwards.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tmtool.document import Bead
from tmtool.evaluate.score import Scores

REPO = Path(__file__).resolve().parents[1]

#: gold sets in the order the table shows them
GOLD_SETS = ("textberg_dev", "textberg_test", "dpc", "parice", "hunalign")
#: the Text+Berg test documents as one document pair, repeated this many times
SCALE_FACTORS = (1, 2, 4, 8)
SCALE_SETS = tuple(f"scale_x{k}" for k in SCALE_FACTORS)
SCALE_SOURCE = "textberg_test"
#: automatic alignments: agreement with them is reported, never as precision against gold
SILVER_SETS = ("europarl_silver", "dcep_silver")
ALIASES = {
    "gold": GOLD_SETS,
    "scale": SCALE_SETS,
    "silver": SILVER_SETS,
    "all": GOLD_SETS + SCALE_SETS + SILVER_SETS,
}
DEFAULT_SETS = "gold,scale"
#: documents left out, with the reason shown in the table's notes
SKIPPED_DOCS = {("parice", "u_1"): "u_1 skipped: its gold points past the end of the EN file"}


def default_eval_dir() -> Path:
    """``$TMTOOL_EVAL_DIR``, else ``../shared/eval`` next to the repository."""
    return Path(os.environ.get("TMTOOL_EVAL_DIR") or REPO.parent / "shared" / "eval")


@dataclass(frozen=True)
class DocPair:
    """One document pair of the manifest, paths absolute."""

    name: str
    src_lang: str
    tgt_lang: str
    src_file: str
    tgt_file: str
    gold_file: str

    @property
    def pair(self) -> str:
        return f"{self.src_lang}-{self.tgt_lang}"


@dataclass
class Measurement:
    """What one measuring process aligns: documents of one set (or a repeated concatenation)."""

    set: str
    label: str  # the table's "set" column
    pair: str
    docs: list[DocPair]
    repeat: int = 0  # >0: concatenate ``docs`` into one pair and repeat it this many times
    silver: bool = False
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Measurement:
        docs = [DocPair(**doc) for doc in data.pop("docs")]
        return cls(docs=docs, **data)


def read_manifest(eval_dir: Path) -> list[dict[str, str]]:
    """The rows of ``MANIFEST.tsv`` as dictionaries keyed by its header."""
    with (eval_dir / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def expand_sets(spec: str) -> list[str]:
    """``"gold,scale_x1"`` → set names, aliases expanded, order kept, duplicates dropped."""
    names: list[str] = []
    for item in (part.strip() for part in spec.split(",")):
        if item:
            names.extend(ALIASES.get(item, (item,)))
    return list(dict.fromkeys(names))


def measurements(eval_dir: Path, sets: list[str]) -> list[Measurement]:
    """One measurement per set and language pair, in the order of ``sets``.

    Sets whose documents each appear in one pair only (Text+Berg, ParIce, hunalign) are one
    measurement pooled over their documents; sets with several pairs of the same document (DPC,
    the silver sets) are one measurement per pair. A benchmark set missing from the manifest gives
    a measurement without documents (shown as skipped); other unknown names raise ``ValueError``.
    """
    rows = read_manifest(eval_dir)
    present = {row["set"] for row in rows}
    unknown = [name for name in sets if name not in present and name not in ALIASES["all"]]
    if unknown:
        choices = ", ".join(dict.fromkeys([*sorted(present), *ALIASES["all"], *ALIASES]))
        raise ValueError(f"unknown set(s) {', '.join(unknown)}; choose from {choices}")
    out = []
    for name in sets:
        source = SCALE_SOURCE if name in SCALE_SETS else name
        if source not in present:  # a partial evaluation folder: the row says what is missing
            out.append(Measurement(name, name, "", [], notes=[f"no {source} in MANIFEST.tsv"]))
        elif name in SCALE_SETS:
            out.append(_scale_measurement(eval_dir, rows, int(name.rsplit("x", 1)[1])))
        else:
            out.extend(_set_measurements(eval_dir, rows, name))
    return out


def _doc(eval_dir: Path, row: dict[str, str]) -> DocPair:
    return DocPair(
        name=row["doc"],
        src_lang=row["src_lang"],
        tgt_lang=row["tgt_lang"],
        src_file=str(eval_dir / row["src_file"]),
        tgt_file=str(eval_dir / row["tgt_file"]),
        gold_file=str(eval_dir / row["align_file"]),
    )


def _set_measurements(eval_dir: Path, rows: list[dict[str, str]], name: str) -> list[Measurement]:
    rows = [row for row in rows if row["set"] == name]
    silver = any("silver" in row["align_kind"].lower() for row in rows)
    notes = [SKIPPED_DOCS[(name, row["doc"])] for row in rows if (name, row["doc"]) in SKIPPED_DOCS]
    docs = [_doc(eval_dir, row) for row in rows if (name, row["doc"]) not in SKIPPED_DOCS]
    label = f"{name} (SILVER)" if silver else name
    if max(Counter(doc.name for doc in docs).values()) == 1:
        pair = ", ".join(dict.fromkeys(doc.pair for doc in docs))
        return [Measurement(name, label, pair, docs, silver=silver, notes=notes)]
    by_pair: dict[str, list[DocPair]] = {}
    for doc in docs:
        by_pair.setdefault(doc.pair, []).append(doc)
    return [
        Measurement(name, label, pair, pair_docs, silver=silver, notes=list(notes))
        for pair, pair_docs in by_pair.items()
    ]


def _scale_measurement(eval_dir: Path, rows: list[dict[str, str]], factor: int) -> Measurement:
    docs = [_doc(eval_dir, row) for row in rows if row["set"] == SCALE_SOURCE]
    note = f"the {len(docs)} {SCALE_SOURCE} documents as one pair, x{factor}"
    pair = docs[0].pair
    return Measurement(f"scale_x{factor}", f"scale x{factor}", pair, docs, factor, notes=[note])


def read_lines(path: str | Path) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


def shift(beads: list[Bead], src_offset: int, tgt_offset: int) -> list[Bead]:
    """The beads with every source index moved by ``src_offset`` and target by ``tgt_offset``."""
    return [
        Bead(tuple(i + src_offset for i in b.src), tuple(j + tgt_offset for j in b.tgt), b.score)
        for b in beads
    ]


def concatenate(
    parts: list[tuple[list[str], list[str], list[Bead]]], repeat: int = 1
) -> tuple[list[str], list[str], list[Bead]]:
    """Join document pairs (source lines, target lines, gold) into one, ``repeat`` times over.

    The gold of each part is shifted by the lines before it, so the result is scored exactly as
    its parts would be.
    """
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Bead] = []
    for _ in range(repeat):
        for part_src, part_tgt, part_gold in parts:
            gold.extend(shift(part_gold, len(src), len(tgt)))
            src.extend(part_src)
            tgt.extend(part_tgt)
    return src, tgt, gold


def monotone_ceiling(measurement: Measurement, *, deletions: bool = False) -> Scores:
    """Strict scores an ideal monotone aligner with tmtool's bead set could reach on a set.

    Per document the monotone path with the most beads identical to gold ones
    (``tmtool.align.gold.gold_path``, a DP over tmtool's beads: m-n with m, n <= 4 and
    m + n <= 5, plus 1-0 and 0-1), scored against the gold: the best any aligner of this family
    can do. ``deletions`` also allows m-0 and 0-n beads of up to 5 sentences, i.e. every bead of
    m + n <= 5 (tmtool leaves unaligned sentences one at a time).
    """
    from tmtool.align.aligner import AlignConfig
    from tmtool.align.gold import deletion_types, gold_path
    from tmtool.document import Bead
    from tmtool.evaluate import read_beads, score_documents

    config = AlignConfig()
    types = config.bead_types() + (deletion_types(config.max_bead) if deletions else [])
    pairs = []
    for doc in measurement.docs:
        n = len(Path(doc.src_file).read_text(encoding="utf-8").splitlines())
        m = len(Path(doc.tgt_file).read_text(encoding="utf-8").splitlines())
        gold = read_beads(doc.gold_file)
        best = [
            Bead(tuple(range(i0, i1)), tuple(range(j0, j1)))
            for i0, i1, j0, j1 in gold_path(gold, n, m, types)
        ]
        pairs.append((gold, best))
    return score_documents(pairs)
