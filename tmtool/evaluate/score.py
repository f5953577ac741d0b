"""Strict and lax precision, recall and F1 of sentence alignments.

The definitions follow Sennrich & Volk (2011) as implemented by Vecalign's ``score.py`` and
Bertalign's ``eval.py``, so numbers are comparable with published results:

* beads empty on both sides are dropped;
* strict: a system bead counts if the identical bead is in the gold;
* lax: a system bead counts if any of its source sentences is gold-linked to any of its target
  sentences (a 0-1 or 1-0 system bead can only count when it is in the gold exactly);
* precision is computed over all system beads; recall is the same computation with gold and
  system swapped, after removing 0-1 and 1-0 beads from both;
* counts are pooled over documents before dividing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from tmtool.document import Bead

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    """True and false positives, strict and lax, pooled over documents."""

    tp_strict: int = 0
    fp_strict: int = 0
    tp_lax: int = 0
    fp_lax: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp_strict += other.tp_strict
        self.fp_strict += other.fp_strict
        self.tp_lax += other.tp_lax
        self.fp_lax += other.fp_lax
        return self


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    system_beads: int
    gold_beads: int

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def _links(beads: Iterable[Bead | Link]) -> set[Link]:
    out = set()
    for bead in beads:
        src, tgt = (bead.src, bead.tgt) if isinstance(bead, Bead) else bead
        if src or tgt:
            out.add((tuple(src), tuple(tgt)))
    return out


def _precision_counts(gold: set[Link], system: set[Link]) -> Counts:
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold:
        for i in src:
            gold_targets[i].update(tgt)
    counts = Counts()
    for src, tgt in system:
        if (src, tgt) in gold:
            counts.tp_strict += 1
            counts.tp_lax += 1
            continue
        counts.fp_strict += 1
        linked = set().union(*(gold_targets[i] for i in src)) if src else set()
        if linked.intersection(tgt):
            counts.tp_lax += 1
        else:
            counts.fp_lax += 1
    return counts


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_documents(pairs: Sequence[tuple[Iterable[Bead], Iterable[Bead]]]) -> Scores:
    """Score ``[(gold_beads, system_beads), ...]`` with counts pooled over all documents."""
    precision, recall = Counts(), Counts()
    n_system = n_gold = 0
    for gold_beads, system_beads in pairs:
        gold, system = _links(gold_beads), _links(system_beads)
        n_system += len(system)
        n_gold += len(gold)
        precision += _precision_counts(gold, system)
        recall += _precision_counts(
            {link for link in system if link[0] and link[1]},
            {link for link in gold if link[0] and link[1]},
        )
    p_strict = _ratio(precision.tp_strict, precision.tp_strict + precision.fp_strict)
    p_lax = _ratio(precision.tp_lax, precision.tp_lax + precision.fp_lax)
    r_strict = _ratio(recall.tp_strict, recall.tp_strict + recall.fp_strict)
    r_lax = _ratio(recall.tp_lax, recall.tp_lax + recall.fp_lax)
    return Scores(
        precision_strict=p_strict,
        recall_strict=r_strict,
        f1_strict=_f1(p_strict, r_strict),
        precision_lax=p_lax,
        recall_lax=r_lax,
        f1_lax=_f1(p_lax, r_lax),
        system_beads=n_system,
        gold_beads=n_gold,
    )


def score(gold: Iterable[Bead], system: Iterable[Bead]) -> Scores:
    """Score one document."""
    return score_documents([(gold, system)])


def exact_matches(gold: Iterable[Bead], system: Iterable[Bead]) -> int:
    """How many gold beads (empty-on-both-sides dropped) the system produced exactly."""
    return len(_links(gold) & _links(system))
