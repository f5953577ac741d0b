"""Path refinement: unaligned sentences joined to the neighbour their form binds them to."""

from __future__ import annotations

import numpy as np
from test_align_aligner import BagOfWordsEncoder, sentences

from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.refine import attach_dangling, bound_neighbour

ALLOWS = AlignConfig().allows


def joined_score(i0: int, i1: int, j0: int, j1: int) -> float:
    return 10.0 * (i1 - i0) + (j1 - j0)  # tells the joined beads apart


def refine(path, src, tgt):
    return attach_dangling(path, np.zeros(len(path)), src, tgt, ALLOWS, joined_score)


def test_bound_neighbour_reads_continuations_and_questions() -> None:
    assert bound_neighbour("and then it went on .") == -1
    assert bound_neighbour("Vous avez dit « modèles mathématiques » ?") == 1
    assert bound_neighbour("Did someone say 'mathematical models'?") == 1
    assert bound_neighbour("A plain sentence .") == 0
    assert bound_neighbour("Literatur :") == 0
    assert bound_neighbour("") == 0


def test_question_joins_the_bead_after_it() -> None:
    src = ["Het gaat om inzicht .", "Dat is alles ."]
    tgt = ["Vous avez dit « modèles » ?", "Oui , il s'agit de comprendre .", "C'est tout ."]
    path = [(0, 0, 0, 1), (0, 1, 1, 2), (1, 2, 2, 3)]
    beads, scores = refine(path, src, tgt)
    assert beads == [(0, 1, 0, 2), (1, 2, 2, 3)]
    assert scores.tolist() == [12.0, 0.0]  # the joined bead is scored again, the other kept


def test_continuation_joins_the_bead_before_it_on_either_side() -> None:
    src = ["Er kam .", "und ging wieder .", "Dann schlief er ."]
    tgt = ["Il vint et repartit .", "Puis il dormit ."]
    path = [(0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2)]
    beads, _ = refine(path, src, tgt)
    assert beads == [(0, 2, 0, 1), (2, 3, 1, 2)]


def test_unbound_or_unjoinable_sentences_stay_unaligned() -> None:
    src = ["Eins .", "Zwei ."]
    tgt = ["Un .", "Une ligne en plus .", "Deux ."]
    path = [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3)]
    assert refine(path, src, tgt)[0] == path  # not bound to either neighbour
    # a continuation at the start, or next to another unaligned sentence, has nothing to join
    tgt = ["plus rien .", "et encore .", "Un ."]
    path = [(0, 0, 0, 1), (0, 0, 1, 2), (0, 2, 2, 3)]
    assert refine(path, src, tgt)[0] == path
    # a question whose next bead would exceed the bead bound (m + n <= 5) stays alone
    src = ["A .", "B .", "C .", "D ."]
    tgt = ["Quoi ?", "Tout ."]
    path = [(0, 0, 0, 1), (0, 4, 1, 2)]
    assert refine(path, src, tgt)[0] == path


def test_aligner_joins_an_unmatched_question_to_its_answer() -> None:
    src = sentences(6, seed=2)
    question = sentences(1, seed=99)[0].rstrip(".") + " ?"
    tgt = [*src[:3], question, *src[3:]]
    aligner = EmbeddingAligner(BagOfWordsEncoder())
    beads = [b.to_gold() for b in aligner.align(src, tgt)]
    assert beads[2:4] == ["[2]:[2]", "[3]:[3,4]"]
    plain = EmbeddingAligner(BagOfWordsEncoder(), AlignConfig(attach_dangling=False))
    assert "[]:[3]" in [b.to_gold() for b in plain.align(src, tgt)]
