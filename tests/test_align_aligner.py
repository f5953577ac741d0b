"""The embedding aligner's mechanics, with a fast deterministic bag-of-words encoder."""

from __future__ import annotations

import random
import string
import zlib

import numpy as np
import pytest

from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.dp import Band
from tmtool.align.gold import deletion_types, gold_path
from tmtool.align.runs import RunEmbeddings
from tmtool.document import Bead
from tmtool.embed.base import Encoder


class BagOfWordsEncoder(Encoder):
    """Sum of fixed random vectors of the text's lower-cased words: equal word sets embed equally,
    texts without shared words are nearly orthogonal."""

    name = "bow"

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim
        self._vectors: dict[str, np.ndarray] = {}
        self.calls = 0

    @property
    def version(self) -> str:
        return "test"

    @property
    def dim(self) -> int:
        return self._dim

    def _word(self, word: str) -> np.ndarray:
        if word not in self._vectors:
            rng = np.random.default_rng(zlib.crc32(word.encode()))
            self._vectors[word] = rng.standard_normal(self._dim).astype(np.float32)
        return self._vectors[word]

    def _encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self._dim), np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(".", " ").split():
                out[row] += self._word(word)
        return out


def sentences(count: int, seed: int = 0, words: tuple[int, int] = (6, 12)) -> list[str]:
    """Distinct pseudo-sentences of random letter words."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        size = rng.randint(*words)
        tokens = [
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(size)
        ]
        out.append(" ".join(tokens).capitalize() + ".")
    return out


def split_in_two(text: str) -> tuple[str, str]:
    words = text.rstrip(".").split()
    half = len(words) // 2
    return " ".join(words[:half]) + ".", " ".join(words[half:]).capitalize() + "."


@pytest.fixture(scope="module")
def aligner() -> EmbeddingAligner:
    return EmbeddingAligner(BagOfWordsEncoder())


def gold(beads: list[Bead]) -> list[str]:
    return [b.to_gold() for b in beads]


def test_identical_documents_align_one_to_one(aligner: EmbeddingAligner) -> None:
    src = sentences(12)
    beads = aligner.align(src, list(src))
    assert gold(beads) == [f"[{k}]:[{k}]" for k in range(12)]


def test_split_sentence_gives_1_2(aligner: EmbeddingAligner) -> None:
    src = sentences(6, seed=1)
    first, second = split_in_two(src[2])
    tgt = [*src[:2], first, second, *src[3:]]
    beads = aligner.align(src, tgt)
    assert gold(beads) == ["[0]:[0]", "[1]:[1]", "[2]:[2,3]", "[3]:[4]", "[4]:[5]", "[5]:[6]"]
    # and the other way round: two source sentences merged into one target sentence
    merged = aligner.align(tgt, src)
    assert "[2,3]:[2]" in gold(merged)


def test_extra_target_sentence_gives_0_1(aligner: EmbeddingAligner) -> None:
    src = sentences(6, seed=2)
    unrelated = sentences(1, seed=99)[0]
    tgt = [*src[:3], unrelated, *src[3:]]
    beads = aligner.align(src, tgt)
    assert " ".join(gold(beads)) == "[0]:[0] [1]:[1] [2]:[2] []:[3] [3]:[4] [4]:[5] [5]:[6]"
    dropped = aligner.align(tgt, src)  # the same sentence as an extra source sentence: 1-0
    assert "[3]:[]" in gold(dropped)


def test_confidences(aligner: EmbeddingAligner) -> None:
    src = sentences(8, seed=3)
    first, second = split_in_two(src[5])
    tgt = [*src[:2], sentences(1, seed=98)[0], *src[2:5], first, second, *src[6:]]
    beads = aligner.align(src, tgt)
    assert all(0.0 <= b.score <= 1.0 for b in beads)
    assert all(b.score == 0.0 for b in beads if not (b.src and b.tgt))
    linked = [b.score for b in beads if b.src and b.tgt]
    assert min(linked) > 0.5  # exact translations (equal word sets) are confident
    # a poor pairing scores lower than a perfect one
    poor = aligner.align(sentences(3, seed=4), sentences(3, seed=5))
    assert max(b.score for b in poor) < min(linked)


def test_empty_sides(aligner: EmbeddingAligner) -> None:
    assert aligner.align([], []) == []
    assert gold(aligner.align(["Een zin.", "Nog een."], [])) == ["[0]:[]", "[1]:[]"]
    assert gold(aligner.align([], ["Une phrase."])) == ["[]:[0]"]
    # an unaligned sentence has confidence 0 however it came to be unaligned
    assert [b.score for b in aligner.align(["Een zin.", "Nog een."], [])] == [0.0, 0.0]
    assert [b.score for b in aligner.align([], ["Une phrase."])] == [0.0]
    one = aligner.align(["alpha beta gamma delta"], ["alpha beta gamma delta"])
    assert gold(one) == ["[0]:[0]"]


def test_bead_types_and_weights() -> None:
    config = AlignConfig()
    types = config.bead_types()
    assert {(1, 0), (0, 1), (1, 1), (1, 4), (4, 1), (2, 3)} <= set(types)
    assert (2, 4) not in types and (5, 0) not in types and (1, 5) not in types
    assert len(types) == 12
    bad = EmbeddingAligner(BagOfWordsEncoder(), weights={"no_such_feature": 1.0})
    with pytest.raises(ValueError, match="no_such_feature"):
        bad.align(["a b c"], ["a b c"])


def test_long_document_uses_a_narrow_band() -> None:
    encoder = BagOfWordsEncoder(dim=128)
    aligner = EmbeddingAligner(encoder)
    n = 3000
    src = sentences(n, seed=7, words=(5, 9))
    first, second = split_in_two(src[1000])
    extra = sentences(1, seed=97)[0]
    tgt = [*src[:1000], first, second, *src[1001:2000], extra, *src[2000:]]
    assert (n + 1) * (len(tgt) + 1) > aligner.config.full_cells  # the coarse-to-fine path

    src_runs = RunEmbeddings(src, encoder, aligner.config.max_run)
    tgt_runs = RunEmbeddings(tgt, encoder, aligner.config.max_run)
    band = aligner.band(src_runs, tgt_runs)
    assert band.cells < 0.03 * n * len(tgt), band.cells
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
    assert (band.lo[0], band.hi[n]) == (0, len(tgt))

    beads = aligner.align_embedded(src_runs, tgt_runs)
    expected = [Bead((k,), (k,)) for k in range(1000)]
    expected.append(Bead((1000,), (1000, 1001)))
    expected += [Bead((k,), (k + 1,)) for k in range(1001, 2000)]
    expected.append(Bead((), (2001,)))
    expected += [Bead((k,), (k + 2,)) for k in range(2000, n)]
    assert gold(beads) == gold(expected)


def test_band_follows_a_shifted_diagonal() -> None:
    # 1,200 source sentences against the same text after 300 unrelated sentences:
    # the whole band must still hold the true path, which runs well off the main diagonal
    encoder = BagOfWordsEncoder(dim=128)
    aligner = EmbeddingAligner(encoder, AlignConfig(full_cells=100_000, coarse_cells=20_000))
    src = sentences(1200, seed=8, words=(5, 9))
    tgt = sentences(300, seed=9, words=(5, 9)) + src
    beads = aligner.align(src, tgt)
    assert gold(beads) == [f"[]:[{k}]" for k in range(300)] + [
        f"[{k}]:[{k + 300}]" for k in range(1200)
    ]


def spans(path) -> list[tuple[int, int, int, int]]:
    return [tuple(s) for s in path]


def assert_contiguous(path, n: int, m: int) -> None:
    i = j = 0
    for i0, i1, j0, j1 in path:
        assert (i0, j0) == (i, j), path
        assert i1 >= i0 and j1 >= j0 and (i1 > i0 or j1 > j0)
        i, j = i1, j1
    assert (i, j) == (n, m)


TYPES = AlignConfig().bead_types()


def hits(path, beads) -> int:
    gold = {(b.src, b.tgt) for b in beads}
    return sum((tuple(range(i0, i1)), tuple(range(j0, j1))) in gold for i0, i1, j0, j1 in path)


def value(path, beads) -> tuple[int, int, int]:
    both = [b for b in beads if b.src and b.tgt]
    return hits(path, beads), hits(path, both), -len(path)


def all_paths(n: int, m: int, types):
    """Every monotone path from (0, 0) to (n, m) made of ``types`` (tiny lattices only)."""
    if (n, m) == (0, 0):
        yield []
        return
    for a, b in types:
        if a <= n and b <= m and a + b:
            for head in all_paths(n - a, m - b, types):
                yield [*head, (n - a, n, m - b, m)]


def test_gold_path_keeps_ordered_beads() -> None:
    beads = [Bead((0,), (0,)), Bead((1,), (1, 2)), Bead((2,), ()), Bead((), (3,)), Bead((3,), (4,))]
    path = gold_path(beads, 4, 5, TYPES)
    assert_contiguous(path, 4, 5)
    assert hits(path, beads) == len(path) == len(beads)


def test_gold_path_trades_crossing_beads_for_the_most_gold_beads() -> None:
    # [0]:[2] crosses both [1]:[0] and [2]:[1]; dropping it (not them) keeps two gold beads
    beads = [Bead((0,), (2,)), Bead((1,), (0,)), Bead((2,), (1,)), Bead((3,), (3,))]
    path = gold_path(beads, 4, 4, TYPES)
    assert_contiguous(path, 4, 4)
    assert hits(path, beads) == 3


def test_gold_path_skips_beads_beyond_the_bound() -> None:
    beads = [Bead((0, 1, 2), (0, 1, 2)), Bead((3,), (3,))]  # a 3-3 bead exceeds m + n <= 5
    path = gold_path(beads, 4, 4, TYPES)
    assert_contiguous(path, 4, 4)
    assert hits(path, beads) == 1
    assert len(path) == 3  # the 3-3 bead as few beads as the bound allows (e.g. 2-1 + 1-2)


def test_gold_path_with_multi_sentence_deletions() -> None:
    # two unaligned sentences as one 2-0 gold bead: tmtool's bead set can only leave them
    # unaligned one at a time, which is not the gold bead
    beads = [Bead((0,), (0,)), Bead((1, 2), ()), Bead((3,), (1,)), Bead((), (2, 3, 4))]
    path = gold_path(beads, 4, 5, TYPES)
    assert_contiguous(path, 4, 5)
    assert hits(path, beads) == 2 and len(path) == 7
    path = gold_path(beads, 4, 5, TYPES + deletion_types(5))
    assert_contiguous(path, 4, 5)
    assert hits(path, beads) == len(path) == 4


@pytest.mark.parametrize("deletions", [False, True])
@pytest.mark.parametrize("seed", range(20))
def test_gold_path_is_optimal(seed: int, deletions: bool) -> None:
    rng = random.Random(seed)
    n, m = rng.randint(0, 4), rng.randint(0, 4)
    beads = []
    for _ in range(rng.randint(0, 6)):
        i, j = rng.randint(0, max(n - 1, 0)), rng.randint(0, max(m - 1, 0))
        src = tuple(range(i, min(n, i + rng.randint(0, 2)))) if n else ()
        tgt = tuple(range(j, min(m, j + rng.randint(0, 2)))) if m else ()
        beads.append(Bead(src, tgt))
    allowed = TYPES + deletion_types(5) if deletions else TYPES
    types = [t for t in allowed if t[0] <= n and t[1] <= m]
    path = gold_path(beads, n, m, types)
    assert_contiguous(path, n, m)
    # the most gold beads, then the most of them with both sides (recall), then the fewest beads
    best = max((value(p, beads) for p in all_paths(n, m, types)), default=(0, 0, 0))
    assert value(path, beads) == best


def test_run_embeddings_of_a_plain_encoder() -> None:
    encoder = BagOfWordsEncoder()
    texts = ["alpha beta.", "gamma delta.", "alpha beta."]
    runs = RunEmbeddings(texts, encoder, 4)
    assert [runs[k].shape[0] for k in (1, 2, 3, 4)] == [3, 2, 1, 0]
    # kept as float16: about three significant digits
    assert np.allclose(runs[2][0], encoder.encode(["alpha beta. gamma delta."])[0], atol=1e-3)
    assert runs[2][0].dtype == np.float32
    assert np.allclose(runs[1][0], runs[1][2])
    assert isinstance(Band.full(1, 1).cells, int)


def test_run_embeddings_in_chunks_match_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = BagOfWordsEncoder()
    texts = [f"word{k} word{k + 1} other{k % 3}." for k in range(11)]
    whole = RunEmbeddings(texts, encoder, 4)
    monkeypatch.setattr("tmtool.align.runs._CHUNK", 3)  # runs cross the chunk boundaries
    chunked = RunEmbeddings(texts, encoder, 4)
    for k in range(1, 5):
        assert np.array_equal(whole[k][:], chunked[k][:])


def test_long_documents_get_more_coarse_levels_and_a_band_of_fixed_width() -> None:
    # tiny lattice limits make 800 and 3,200 sentences take three and four coarse levels
    encoder = BagOfWordsEncoder(dim=64)
    config = AlignConfig(full_cells=2_000, coarse_cells=1_000, max_block=4)
    aligner = EmbeddingAligner(encoder, config)
    per_row = {}
    for n in (800, 3200):
        src = sentences(n, seed=11, words=(4, 7))
        tgt = sentences(50, seed=12, words=(4, 7)) + src
        runs = RunEmbeddings(src, encoder, 1), RunEmbeddings(tgt, encoder, 1)
        band = aligner.band(*runs)
        per_row[n] = band.cells / (n + 1)
        # the true path (50 inserted sentences, then the diagonal) lies inside the band
        rows = np.arange(n + 1)
        assert np.all(band.lo[rows] <= rows + 50) and np.all(rows + 50 <= band.hi[rows])
    assert per_row[3200] < 1.2 * per_row[800], per_row  # linear in n, not n^1.5


def test_confidence_means_the_same_on_any_score_scale() -> None:
    from tmtool.align.confidence import above_null, confidence_features

    path = [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 3), (3, 4, 3, 4)]
    scores = np.array([0.5, 0.3, -0.2, 0.1])
    levels = (-0.1, 0.2, 0.55)
    # another domain: the same document with every score on a scale 4 times narrower and shifted
    other_scores = scores / 4 + 0.3
    other_levels = (levels[0] / 4 + 0.3, levels[1] / 4, levels[2] / 4 + 0.3)
    assert np.allclose(
        confidence_features(path, scores, levels),
        confidence_features(path, other_scores, other_levels),
    )
    assert np.allclose(above_null(scores, levels), above_null(other_scores, other_levels))
    assert confidence_features(path, scores, levels)[:, 1].tolist() == [0.0, 1.0, 0.0, 0.0]


def test_batched_pair_scores_equal_single_bead_scores() -> None:
    encoder = BagOfWordsEncoder()
    aligner = EmbeddingAligner(encoder)
    src, tgt = sentences(9, seed=21), sentences(10, seed=22)
    scorer = aligner.scorer(RunEmbeddings(src, encoder, 4), RunEmbeddings(tgt, encoder, 4))
    ends_i, ends_j = np.array([1, 4, 7, 9]), np.array([2, 2, 8, 10])
    for a, b in ((1, 1), (1, 2), (2, 1)):
        batch = scorer.pair_scores(a, b, ends_i, ends_j)
        single = [
            scorer.bead_score(i - a, i, j - b, j) for i, j in zip(ends_i, ends_j, strict=True)
        ]
        assert np.allclose(batch, single)
