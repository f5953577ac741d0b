"""Reviewers' corrections of a bead, as pure functions over segment positions per language.

A bead is ``{lang: (position, ...)}`` (what ``parse_bead`` returns); an empty tuple is a language
without text in that unit. These functions know nothing of the database, so they apply equally to
multilingual units and to the beads of one language pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tmtool.counts import counted
from tmtool.errors import ReviewError

Sides = dict[str, tuple[int, ...]]

DIRECTIONS = ("down", "up")


def is_empty(sides: Mapping[str, Sequence[int]]) -> bool:
    return not any(sides.values())


def merge_sides(upper: Mapping[str, Sequence[int]], lower: Mapping[str, Sequence[int]]) -> Sides:
    """One bead holding the segments of both (each language's positions in order)."""
    langs = sorted(set(upper) | set(lower))
    return {lang: tuple(sorted({*upper.get(lang, ()), *lower.get(lang, ())})) for lang in langs}


def default_cut(sides: Mapping[str, Sequence[int]]) -> dict[str, int]:
    """Where a plain "split" cuts: after the first segment of every language."""
    return {lang: min(1, len(positions)) for lang, positions in sides.items()}


def split_sides(
    sides: Mapping[str, Sequence[int]], cut: Mapping[str, int] | None = None
) -> tuple[Sides, Sides]:
    """Two beads: the first ``cut[lang]`` segments of each language, then the rest.

    Both halves must hold a segment; a bead of one segment per language cannot be split.
    """
    cut = default_cut(sides) if cut is None else cut
    first: Sides = {}
    second: Sides = {}
    for lang, positions in sides.items():
        at = cut.get(lang, len(positions))
        if not 0 <= at <= len(positions):
            sides_text = counted(len(positions), "segment")
            raise ReviewError(f"cannot cut the {lang} side of {sides_text} at {at}")
        first[lang] = tuple(positions[:at])
        second[lang] = tuple(positions[at:])
    if is_empty(first) or is_empty(second):
        raise ReviewError("this unit has one segment per language: there is nothing to split")
    return first, second


def move_segment(
    upper: Mapping[str, Sequence[int]],
    lower: Mapping[str, Sequence[int]],
    lang: str,
    direction: str,
) -> tuple[Sides, Sides]:
    """Move one ``lang`` segment across the boundary between two neighbouring beads.

    ``down``: the last segment of ``upper`` becomes the first of ``lower``; ``up``: the first of
    ``lower`` becomes the last of ``upper``. A bead left without segments is empty (the caller
    deletes it).
    """
    if direction not in DIRECTIONS:
        raise ReviewError(f"direction must be 'down' or 'up', not {direction!r}")
    top = {key: tuple(value) for key, value in upper.items()}
    bottom = {key: tuple(value) for key, value in lower.items()}
    top.setdefault(lang, ())
    bottom.setdefault(lang, ())
    if direction == "down":
        if not top[lang]:
            raise ReviewError(f"this unit has no {lang} segment to move down")
        moved = top[lang][-1]
        top[lang] = top[lang][:-1]
        bottom[lang] = tuple(sorted((moved, *bottom[lang])))
    else:
        if not bottom[lang]:
            raise ReviewError(f"the next unit has no {lang} segment to move up")
        moved = bottom[lang][0]
        bottom[lang] = bottom[lang][1:]
        top[lang] = tuple(sorted((*top[lang], moved)))
    return top, bottom


def anchor_position(sides: Mapping[str, Sequence[int]], langs: Sequence[str]) -> int:
    """The position a unit sorts by: its first segment in the first of ``langs`` it has text in."""
    for lang in [*langs, *sorted(sides)]:
        if sides.get(lang):
            return min(sides[lang])
    raise ReviewError("a unit without segments has no position")


def positions(sides: Mapping[str, Sequence[int]]) -> set[tuple[str, int]]:
    """Every (language, position) a bead holds."""
    return {(lang, position) for lang, found in sides.items() for position in found}


def lies_within(bead: Mapping[str, Sequence[int]], unit: Mapping[str, Sequence[int]]) -> bool:
    """Whether every segment of ``bead`` (e.g. a pair bead) is one of ``unit``'s."""
    held = positions(bead)
    return bool(held) and held <= positions(unit)


def pair_projection(sides: Mapping[str, Sequence[int]], source: str, target: str) -> Sides | None:
    """The bead of the pair ``source``-``target`` a multilingual unit stands for: its source side
    and its target side; None when the unit has text in neither."""
    projected = {lang: tuple(sides.get(lang, ())) for lang in (source, target)}
    return None if is_empty(projected) else projected
