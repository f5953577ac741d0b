"""The m-n and 1-0/0-1 bead features, and learning the scorer's weights from gold alignments."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest
from test_align_aligner import BagOfWordsEncoder, sentences, split_in_two

from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.evidence import SentenceShapes
from tmtool.align.learn import (
    Example,
    TrainConfig,
    split_example,
    train_weights,
    training_pieces,
)
from tmtool.align.runs import RunEmbeddings
from tmtool.align.scoring import F
from tmtool.align.weights import DEFAULT_WEIGHTS
from tmtool.document import Bead
from tmtool.evaluate import exact_matches

NEW_WEIGHTS = {
    **DEFAULT_WEIGHTS,
    "empty_members": -0.1,
    "edge_gain": 0.1,
    "edge_loss": -0.3,
    "soft_joins": 0.05,
    "soft_joins_both": -0.1,
    "skip_empty": 0.1,
    "skip_soft_end": 0.05,
}


def test_sentence_shapes() -> None:
    shapes = SentenceShapes(["Literatur :", ".....", "Il a dit « oui . »", "- _-", "12 %", "Fin ."])
    assert shapes.empty.tolist() == [0, 1, 0, 1, 0, 0]
    assert shapes.soft_end.tolist() == [1, 0, 0, 1, 1, 0]
    starts = np.array([0, 1, 2])
    assert shapes.run_empty(3, starts).tolist() == [1, 2, 1]
    # joins inside [s, s+3): after sentences s and s+1
    assert shapes.run_soft_joins(3, starts).tolist() == [1, 0, 1]


def debris_pair(seed: int) -> tuple[list[str], list[str], list[Bead]]:
    """Source sentences; the target has some split in two, and OCR debris lines that the gold
    leaves unaligned (0-1 beads) inserted after a few sentences."""
    rng = random.Random(seed)
    src = sentences(24, seed=seed)
    tgt: list[str] = []
    gold: list[Bead] = []
    for i, text in enumerate(src):
        if i % 7 == 3:
            first, second = split_in_two(text)
            gold.append(Bead((i,), (len(tgt), len(tgt) + 1)))
            tgt += [first, second]
        else:
            gold.append(Bead((i,), (len(tgt),)))
            tgt.append(text)
        if i % 5 == 2:
            gold.append(Bead((), (len(tgt),)))
            tgt.append(rng.choice(["..... -", "- _- ,", ". :-- ,"]) + " " + rng.choice("qxz"))
    return src, tgt, gold


def scorer_for(src: list[str], tgt: list[str], weights: dict[str, float]):
    encoder = BagOfWordsEncoder()
    aligner = EmbeddingAligner(encoder, weights=weights)
    return aligner.scorer(RunEmbeddings(src, encoder, 4), RunEmbeddings(tgt, encoder, 4))


def test_edge_features_tell_a_split_from_absorbed_debris() -> None:
    src, tgt, gold = debris_pair(0)
    scorer = scorer_for(src, tgt, NEW_WEIGHTS)
    split = next(b for b in gold if len(b.tgt) == 2)
    j0 = split.tgt[0]
    right = scorer.bead_features(split.src[0], split.src[0] + 1, j0, j0 + 2)
    assert right[F["edge_gain"]] > 0.2 and right[F["edge_loss"]] == 0
    assert right[F["empty_members"]] == 0 and right[F["soft_joins"]] == 0
    skip = next(b for b in gold if not b.src)
    k = skip.tgt[0]  # debris after the sentence of target k-1, aligned 1-1 with source i
    i = next(b.src[0] for b in gold if b.tgt == (k - 1,))
    absorbed = scorer.bead_features(i, i + 1, k - 1, k + 1)
    assert absorbed[F["edge_gain"]] < 0 and absorbed[F["edge_loss"]] > 0
    assert absorbed[F["empty_members"]] == 1 and absorbed[F["soft_joins"]] == 0
    _, tgt_skip = scorer.skip_features()
    assert tgt_skip[k, F["skip_empty"]] == 1 and tgt_skip[k, F["skip_soft_end"]] == 1
    assert tgt_skip[k - 1, F["skip_empty"]] == 0 and tgt_skip[k - 1, F["skip_soft_end"]] == 0


def heading_pair(seed: int) -> tuple[list[str], list[str], list[Bead]]:
    """Paragraphs of sentences, each after two headings in a row (no final full stop) that are
    loose translations (one word in common), aligned one to one by the gold."""
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    for part in range(3):
        heads = [s.rstrip(".") for s in sentences(2, seed=100 * seed + part, words=(2, 4))]
        loose = [
            head.split()[0] + " " + "".join(rng.choices("abcdefgh", k=7)) + " " + "xyzzy"[k:]
            for k, head in enumerate(heads)
        ]
        body = sentences(4, seed=100 * seed + 50 + part)
        src += heads + body
        tgt += loose + body
    return src, tgt, [Bead((k,), (k,)) for k in range(len(src))]


def test_headings_on_both_sides_are_not_one_unit() -> None:
    """Two headings in a row on each side: a 2-2 bead has a soft join on both sides; a bead whose
    soft join is on one side only does not count. Where soft joins are favoured (a clause cut at
    ":" continues on the next line), the headings are merged into one 2-2 bead unless
    ``soft_joins_both`` says that parallel soft joins are two units side by side."""
    src, tgt, gold = heading_pair(0)
    scorer = scorer_for(src, tgt, NEW_WEIGHTS)
    both = scorer.bead_features(0, 2, 0, 2)
    assert both[F["soft_joins"]] == 2 and both[F["soft_joins_both"]] == 1
    one_sided = scorer.bead_features(1, 3, 2, 4)  # heading + sentence, two full sentences
    assert one_sided[F["soft_joins"]] == 1 and one_sided[F["soft_joins_both"]] == 0
    two_one = scorer.bead_features(0, 2, 1, 2)  # no join on the target side
    assert two_one[F["soft_joins"]] == 1 and two_one[F["soft_joins_both"]] == 0
    encoder = BagOfWordsEncoder()
    favoured = {**DEFAULT_WEIGHTS, "soft_joins": 0.3}
    merged = EmbeddingAligner(encoder, weights=favoured).align(src, tgt)
    assert Bead((0, 1), (0, 1)) in [Bead(b.src, b.tgt) for b in merged]
    split = EmbeddingAligner(encoder, weights={**favoured, "soft_joins_both": -0.3})
    assert exact_matches(gold, split.align(src, tgt)) == len(gold)


def test_search_scores_equal_single_bead_scores_with_every_feature() -> None:
    """The DP's block scores (cosines looked up in shared products) and the scores of single
    beads (computed directly) agree for every bead type."""
    src, tgt, _ = debris_pair(1)
    scorer = scorer_for(src, tgt, NEW_WEIGHTS)
    for a, b in scorer._types:
        for i in range(a, len(src) + 1, 3):
            lo, hi = scorer.band.lo[i], scorer.band.hi[i]
            js = np.arange(max(lo, b), hi + 1)
            block = scorer(a, b, i, js)
            single = [scorer.bead_score(i - a, i, j - b, j) for j in js]
            assert np.allclose(block, single, atol=1e-5), (a, b, i)


def test_split_example_cuts_where_no_gold_bead_crosses() -> None:
    src, tgt, gold = debris_pair(2)
    encoder = BagOfWordsEncoder()
    example = Example(RunEmbeddings(src, encoder, 4), RunEmbeddings(tgt, encoder, 4), gold)
    pieces = split_example(example, 6)
    assert len(pieces) >= 3
    assert sum(len(p.src) for p in pieces) == len(src)
    assert sum(len(p.tgt) for p in pieces) == len(tgt)
    assert sum(len(p.gold) for p in pieces) == len(gold)
    i0 = j0 = 0
    for piece in pieces:
        assert piece.src.texts == src[i0 : i0 + len(piece.src)]
        assert piece.tgt[1].shape == (len(piece.tgt), encoder.dim)
        assert piece.tgt[4].shape[0] == max(len(piece.tgt) - 3, 0)
        for bead in piece.gold:  # renumbered into the piece
            assert all(0 <= i < len(piece.src) for i in bead.src)
            assert all(0 <= j < len(piece.tgt) for j in bead.tgt)
        i0, j0 = i0 + len(piece.src), j0 + len(piece.tgt)
    assert split_example(example, 100) == [example]


def test_training_pieces_draw_at_most_so_many_pieces_of_a_document() -> None:
    encoder = BagOfWordsEncoder()
    src, tgt, gold = debris_pair(3)
    long_doc = Example(RunEmbeddings(src, encoder, 4), RunEmbeddings(tgt, encoder, 4), gold)
    short = sentences(8, seed=4)
    short_doc = Example(
        RunEmbeddings(short, encoder, 4),
        RunEmbeddings(short, encoder, 4),
        [Bead((k,), (k,)) for k in range(8)],
    )

    def key(piece: Example) -> tuple:
        return tuple(piece.src.texts), tuple(piece.tgt.texts), tuple(piece.gold)

    long_pieces = [key(p) for p in split_example(long_doc, 6)]
    assert len(long_pieces) >= 4
    every = training_pieces([long_doc, short_doc], 6)
    assert [key(p) for p in every] == [*long_pieces, key(short_doc)]
    drawn = [key(p) for p in training_pieces([long_doc, short_doc], 6, per_document=2, seed=1)]
    assert len(drawn) == 3 and drawn[-1] == key(short_doc)  # the short document stays whole
    assert all(piece in long_pieces for piece in drawn[:2])
    again = training_pieces([long_doc, short_doc], 6, per_document=2, seed=1)
    assert [key(p) for p in again] == drawn
    firsts = {training_pieces([long_doc], 6, 2, seed)[0].src.texts[0] for seed in range(8)}
    assert len(firsts) > 1  # another seed draws other pieces


def test_training_learns_to_leave_debris_unaligned() -> None:
    """Weights that absorb the debris into neighbouring beads are trained on three documents and
    align a fourth better (more gold beads exactly) than before."""
    encoder = BagOfWordsEncoder()
    start = {**NEW_WEIGHTS, "type_0-1": -0.6, "skip_empty": 0.0, "empty_members": 0.0}
    docs = []
    for seed in range(4):
        src, tgt, gold = debris_pair(10 + seed)
        docs.append(Example(RunEmbeddings(src, encoder, 4), RunEmbeddings(tgt, encoder, 4), gold))

    def exact(weights: dict[str, float], doc: Example) -> int:
        beads = EmbeddingAligner(encoder, weights=weights).align_embedded(doc.src, doc.tgt)
        return exact_matches(doc.gold, beads)

    learned = train_weights(docs[:3], start, TrainConfig(epochs=4, rate=0.01, pull=0.0))
    assert exact(learned, docs[3]) > exact(start, docs[3])
    assert learned["type_0-1"] > start["type_0-1"]


def test_training_on_the_joined_path_leaves_what_the_join_already_fixes() -> None:
    """A question the DP leaves unaligned is joined to its answer by refine.py, as the gold has
    it: learning on the joined path finds no mistake there, learning on the bare DP path does."""
    encoder = BagOfWordsEncoder()
    src = sentences(6, seed=2)
    question = sentences(1, seed=99)[0].rstrip(".") + " ?"
    tgt = [*src[:3], question, *src[3:]]
    gold = [Bead((i,), (i if i < 3 else i + 1,)) for i in range(6) if i != 3]
    gold.append(Bead((3,), (3, 4)))
    example = Example(RunEmbeddings(src, encoder, 4), RunEmbeddings(tgt, encoder, 4), gold)
    start = dict(DEFAULT_WEIGHTS)
    bare = TrainConfig(epochs=2, rate=0.01, cost=0.0, pull=0.0)
    assert train_weights([example], start, bare) != start
    joined = replace(bare, search=AlignConfig(attach_dangling=True))
    assert train_weights([example], start, joined) == start


def test_training_refuses_unknown_features() -> None:
    with pytest.raises(ValueError, match="unknown features"):
        train_weights([], {"no_such_feature": 1.0})


def test_training_learns_that_parallel_headings_are_two_units() -> None:
    encoder = BagOfWordsEncoder()
    start = {**DEFAULT_WEIGHTS, "soft_joins": 0.3}
    docs = []
    for seed in range(3):
        src, tgt, gold = heading_pair(seed + 1)
        docs.append(Example(RunEmbeddings(src, encoder, 4), RunEmbeddings(tgt, encoder, 4), gold))
    config = TrainConfig(epochs=4, rate=0.01, pull=0.0, learned=("soft_joins_both",))
    learned = train_weights(docs[:2], start, config)
    assert learned["soft_joins_both"] < 0

    def exact(weights: dict[str, float]) -> int:
        beads = EmbeddingAligner(encoder, weights=weights).align_embedded(docs[2].src, docs[2].tgt)
        return exact_matches(docs[2].gold, beads)

    assert exact(learned) > exact(start)
