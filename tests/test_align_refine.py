"""Path refinement: unaligned sentences joined to the neighbour they belong to."""

from __future__ import annotations

import numpy as np
from test_align_aligner import BagOfWordsEncoder, sentences

from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.refine import attach_dangling, bound_neighbour
from tmtool.align.runs import RunEmbeddings

ALLOWS = AlignConfig().allows
ENCODER = BagOfWordsEncoder()


def joined_score(i0: int, i1: int, j0: int, j1: int) -> float:
    return 10.0 * (i1 - i0) + (j1 - j0)  # tells the joined beads apart


def refine(path, src, tgt):
    runs = RunEmbeddings(src, ENCODER, 4), RunEmbeddings(tgt, ENCODER, 4)
    return attach_dangling(path, np.zeros(len(path)), *runs, ALLOWS, joined_score)


def test_bound_neighbour_reads_continuations_and_questions() -> None:
    assert bound_neighbour("and then it went on .") == -1
    assert bound_neighbour("Vous avez dit « modèles mathématiques » ?") == 1
    assert bound_neighbour("Did someone say 'mathematical models'?") == 1
    assert bound_neighbour("A plain sentence .") == 0
    assert bound_neighbour("Literatur :") == 0
    assert bound_neighbour("") == 0


def test_question_joins_the_bead_after_it() -> None:
    src = ["Het gaat om inzicht hier .", "Dat is alles wat telt ."]
    tgt = ["Vous avez dit modèles ?", "Oui il s'agit de comprendre .", "C'est tout ce qui compte ."]
    path = [(0, 0, 0, 1), (0, 1, 1, 2), (1, 2, 2, 3)]
    beads, scores = refine(path, src, tgt)
    assert beads == [(0, 1, 0, 2), (1, 2, 2, 3)]
    assert scores.tolist() == [12.0, 0.0]  # the joined bead is scored again, the other kept


def test_continuation_joins_the_bead_before_it_on_either_side() -> None:
    src = ["Er kam am Abend .", "und ging wieder fort .", "Dann schlief er lange ."]
    tgt = ["Il vint et repartit .", "Puis il dormit longtemps ."]
    path = [(0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2)]
    beads, _ = refine(path, src, tgt)
    assert beads == [(0, 2, 0, 1), (2, 3, 1, 2)]


def test_a_sentence_the_other_side_already_says_joins_that_bead() -> None:
    src = ["alpha beta gamma delta epsilon zeta", "other words entirely here now"]
    # target 1 repeats words of source 0 that target 0 lacks: joining it raises the cosine
    tgt = ["Alpha beta gamma .", "Delta epsilon zeta .", "Other words entirely here now ."]
    path = [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3)]
    assert refine(path, src, tgt)[0] == [(0, 1, 0, 2), (1, 2, 2, 3)]


def test_unrelated_debris_and_unjoinable_sentences_stay_unaligned() -> None:
    src = ["Eins zwei drei vier .", "Fünf sechs sieben acht ."]
    # an unrelated sentence lowers both neighbours' cosines; debris is never joined by cosine
    for extra in ("Une ligne sans rapport aucun .", "- _ - ."):
        tgt = ["Eins zwei drei vier .", extra, "Fünf sechs sieben acht ."]
        path = [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3)]
        assert refine(path, src, tgt)[0] == path
    # a continuation at the start, or next to another unaligned sentence, has nothing to join
    tgt = ["plus rien du tout .", "et encore autre chose .", "Eins zwei drei vier ."]
    path = [(0, 0, 0, 1), (0, 0, 1, 2), (0, 2, 2, 3)]
    assert refine(path, src, tgt)[0] == path
    # a question whose next bead would exceed the bead bound (m + n <= 5) stays alone
    src = ["Aaa bbb .", "Ccc ddd .", "Eee fff .", "Ggg hhh ."]
    tgt = ["Quoi donc ?", "Tout cela ."]
    path = [(0, 0, 0, 1), (0, 4, 1, 2)]
    assert refine(path, src, tgt)[0] == path


def test_aligner_joins_an_unmatched_question_to_its_answer() -> None:
    src = sentences(6, seed=2)
    question = sentences(1, seed=99)[0].rstrip(".") + " ?"
    tgt = [*src[:3], question, *src[3:]]
    beads = [b.to_gold() for b in EmbeddingAligner(BagOfWordsEncoder()).align(src, tgt)]
    assert beads[2:4] == ["[2]:[2]", "[3]:[3,4]"]
    plain = EmbeddingAligner(BagOfWordsEncoder(), AlignConfig(attach_dangling=False))
    assert "[]:[3]" in [b.to_gold() for b in plain.align(src, tgt)]
