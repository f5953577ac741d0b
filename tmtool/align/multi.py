"""From pairwise alignments against a pivot language (Dutch) to multilingual units.

Each pivot-target alignment partitions the pivot sentences into beads. A multilingual unit is a
smallest group of pivot sentences that no bead of any pair crosses: beads of different pairs
that share a pivot sentence end up in the same unit, with every target sentence they hold. Target
sentences with no pivot counterpart (0-1 beads) become units of their own, in document order,
unless they lie between two beads of one unit: then that unit holds them, so its sides stay
contiguous.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tmtool.document import Bead, Unit


def merge_pairs(pivot: str, n_pivot: int, pairs: Mapping[str, Sequence[Bead]]) -> list[Unit]:
    """Multilingual units from ``pairs`` (target language → beads with the pivot as source)."""
    groups = _pivot_groups(n_pivot, pairs)
    group_of = {i: g for g, (lo, hi) in enumerate(groups) for i in range(lo, hi + 1)}

    langs = [pivot, *pairs]
    members: list[dict[str, list[int]]] = [{lang: [] for lang in langs} for _ in groups]
    scores: list[dict[str, list[float]]] = [{} for _ in groups]
    inserted: list[tuple[float, Unit]] = []  # (position in pivot order, unit)
    for g, (lo, hi) in enumerate(groups):
        members[g][pivot] = list(range(lo, hi + 1))
    for lang, beads in pairs.items():
        last_group = -1
        pending: list[int] = []  # target sentences of the 0-1 beads since the last linked bead
        for bead in beads:
            if bead.src:
                g = group_of[min(bead.src)]
                if g == last_group:  # between two beads of one unit: they stay inside it
                    members[g][lang].extend(pending)
                else:
                    inserted.extend(_target_only(langs, lang, pending, last_group))
                pending = []
                members[g][lang].extend(bead.tgt)
                if bead.tgt:
                    scores[g].setdefault(lang, []).append(bead.score)
                last_group = g
            else:
                pending.extend(bead.tgt)
        inserted.extend(_target_only(langs, lang, pending, last_group))
    units = [
        (
            float(g),
            Unit(
                {x: tuple(sorted(v)) for x, v in members[g].items()},
                min(min(v) for v in scores[g].values()) if scores[g] else 0.0,
                {lang: min(v) for lang, v in scores[g].items()},
            ),
        )
        for g in range(len(groups))
    ]
    ordered = sorted(units + inserted, key=lambda item: item[0])
    return [unit for _, unit in ordered]


def _pivot_groups(n_pivot: int, pairs: Mapping[str, Sequence[Bead]]) -> list[tuple[int, int]]:
    """The smallest groups of pivot sentences that no bead of any pair crosses, as inclusive
    ranges, in order."""
    group_end = list(range(n_pivot))  # group_end[i]: last pivot index in i's group (so far)
    for beads in pairs.values():
        for bead in beads:
            if bead.src:
                first, last = min(bead.src), max(bead.src)
                for i in range(first, last + 1):
                    group_end[i] = max(group_end[i], last)
    groups: list[tuple[int, int]] = []  # inclusive pivot ranges, in order
    i = 0
    while i < n_pivot:
        end = group_end[i]
        k = i
        while k <= end:
            end = max(end, group_end[k])
            k += 1
        groups.append((i, end))
        i = end + 1
    return groups


def _target_only(
    langs: list[str], lang: str, targets: list[int], after_group: int
) -> list[tuple[float, Unit]]:
    """Units of their own for target sentences without a pivot counterpart, after a group."""
    return [
        (after_group + 0.5, Unit({x: ((j,) if x == lang else ()) for x in langs}, 0.0))
        for j in targets
    ]
