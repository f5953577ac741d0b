"""Forward-backward bead posteriors against enumeration of every path of tiny lattices, and the
aligner's confidence made from them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tmtool.align.dp import Band, Lattice
from tmtool.align.posterior import Posteriors, bead_posteriors

TYPES = [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3)]


class RandomScorer:
    """A fixed random score per bead (a, b) ending at (i, j)."""

    def __init__(self, n: int, m: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.table = {t: rng.normal(0.2, 0.5, (n + 1, m + 1)) for t in TYPES}
        self.skip_src = rng.normal(-0.2, 0.3, n)
        self.skip_tgt = rng.normal(-0.2, 0.3, m)
        self.rows: list[int] = []

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        assert a >= 1 and b >= 1 and np.all(js >= b)
        self.rows.append(i)
        return self.table[(a, b)][i, js]

    def lattice(self, band: Band) -> Lattice:
        return Lattice(band, TYPES, self, self.skip_src, self.skip_tgt)

    def score(self, bead: tuple[int, int, int, int]) -> float:
        i0, i1, j0, j1 = bead
        if i1 == i0:
            return float(self.skip_tgt[j0])
        if j1 == j0:
            return float(self.skip_src[i0])
        return float(self.table[(i1 - i0, j1 - j0)][i1, j1])


def all_paths(n: int, m: int, band: Band):
    """Every monotone path of TYPES from (0, 0) to (n, m) with every corner inside the band."""

    def inside(i: int, j: int) -> bool:
        return band.lo[i] <= j <= band.hi[i]

    def walk(i: int, j: int):
        if (i, j) == (n, m):
            yield []
            return
        for a, b in TYPES:
            if i + a <= n and j + b <= m and inside(i + a, j + b):
                for rest in walk(i + a, j + b):
                    yield [(i, i + a, j, j + b), *rest]

    yield from walk(0, 0)


def brute_posteriors(n: int, m: int, band: Band, scorer: RandomScorer, temperature: float):
    paths = list(all_paths(n, m, band))
    weights = np.array([sum(scorer.score(b) for b in p) / temperature for p in paths])
    probs = np.exp(weights - weights.max())
    probs /= probs.sum()
    beads: dict[tuple, float] = {}
    for path, prob in zip(paths, probs, strict=True):
        for bead in path:
            beads[_key(bead)] = beads.get(_key(bead), 0.0) + prob
    log_z = float(weights.max() + math.log(np.exp(weights - weights.max()).sum()))
    return paths, probs, beads, log_z


def _key(bead: tuple[int, int, int, int]) -> tuple:
    """Beads as the metric sees them: an unaligned sentence is one bead wherever it sits."""
    i0, i1, j0, j1 = bead
    if i1 == i0:
        return ("tgt", j0)
    if j1 == j0:
        return ("src", i0)
    return bead


def posterior_of(post: Posteriors, key: tuple) -> float:
    if key[0] == "tgt":
        return float(post.tgt_skip[key[1]])
    if key[0] == "src":
        return float(post.src_skip[key[1]])
    return post.bead(*key)


BANDS = {
    "full 4x5": (4, 5, None),
    "full 5x3": (5, 3, None),
    "narrow 5x5": (5, 5, (np.array([0, 0, 1, 2, 3, 4]), np.array([1, 2, 3, 4, 5, 5]))),
}


def band_of(n: int, m: int, rows) -> Band:
    return Band.full(n, m) if rows is None else Band(*rows)


@pytest.mark.parametrize("name", sorted(BANDS))
@pytest.mark.parametrize("temperature", [0.3, 1.0])
def test_posteriors_match_enumeration(name: str, temperature: float) -> None:
    n, m, rows = BANDS[name]
    band = band_of(n, m, rows)
    scorer = RandomScorer(n, m, seed=len(name))
    post = bead_posteriors(scorer.lattice(band), temperature, floor=0.0)
    _, _, beads, log_z = brute_posteriors(n, m, band, scorer, temperature)
    assert post.log_z == pytest.approx(log_z)
    for key, prob in beads.items():
        assert posterior_of(post, key) == pytest.approx(prob, abs=1e-9)
    # nothing outside the enumerated beads carries mass
    stored = sum(probs.sum() for rows_ in post.pairs.values() for _, probs in rows_.values())
    linked = sum(p for key, p in beads.items() if key[0] not in ("src", "tgt"))
    assert stored == pytest.approx(linked)


@pytest.mark.parametrize("name", sorted(BANDS))
def test_every_sentence_is_covered_once(name: str) -> None:
    n, m, rows = BANDS[name]
    band = band_of(n, m, rows)
    scorer = RandomScorer(n, m, seed=7)
    post = bead_posteriors(scorer.lattice(band), 0.5, 0.0)
    src_cover, tgt_cover = post.src_skip.copy(), post.tgt_skip.copy()
    for (a, b), by_row in post.pairs.items():
        for i, (js, probs) in by_row.items():
            src_cover[i - a : i] += probs.sum()
            for j, p in zip(js, probs, strict=True):
                tgt_cover[j - b : j] += p
    assert np.allclose(src_cover, 1.0)
    assert np.allclose(tgt_cover, 1.0)


def test_low_temperature_concentrates_on_the_best_path() -> None:
    n, m = 5, 5
    band = Band.full(n, m)
    scorer = RandomScorer(n, m, seed=11)
    paths, _, _, _ = brute_posteriors(n, m, band, scorer, 1.0)
    best = max(paths, key=lambda p: sum(scorer.score(b) for b in p))
    post = bead_posteriors(scorer.lattice(band), 1e-3)
    assert all(posterior_of(post, _key(b)) == pytest.approx(1.0) for b in best)


def test_rejects_bad_temperature() -> None:
    scorer = RandomScorer(2, 2, seed=0)
    with pytest.raises(ValueError):
        bead_posteriors(scorer.lattice(Band.full(2, 2)), 0)


# --- the aligner's confidence from posteriors -------------------------------------------------


def _aligners():
    from test_align_aligner import BagOfWordsEncoder

    from tmtool.align.aligner import AlignConfig, EmbeddingAligner

    encoder = BagOfWordsEncoder()
    return (
        EmbeddingAligner(encoder),
        EmbeddingAligner(encoder, AlignConfig(confidence="score")),
    )


def test_the_confidence_option_leaves_the_path_unchanged() -> None:
    from test_align_aligner import sentences, split_in_two

    posterior, score = _aligners()
    assert posterior.config.confidence == "posterior"
    src = sentences(30, seed=21)
    first, second = split_in_two(src[7])
    tgt = [*src[:3], *sentences(1, seed=97), *src[3:7], first, second, *src[8:]]
    by_posterior, by_score = posterior.align(src, tgt), score.align(src, tgt)
    assert [(b.src, b.tgt) for b in by_posterior] == [(b.src, b.tgt) for b in by_score]
    linked = [b.score for b in by_posterior if b.src and b.tgt]
    assert all(0.0 <= c <= 1.0 for c in linked)
    assert min(linked) > 0.9  # exact translations: no other path comes close
    assert all(b.score == 0.0 for b in by_posterior if not (b.src and b.tgt))


def test_texts_that_are_not_translations_are_less_sure_than_translations() -> None:
    from test_align_aligner import sentences

    posterior, _ = _aligners()
    src = sentences(40, seed=31)
    right = [b.score for b in posterior.align(src, src) if b.src and b.tgt]
    unrelated = [b.score for b in posterior.align(src, sentences(40, seed=32)) if b.src and b.tgt]
    assert unrelated and np.mean(unrelated) < min(right) - 0.1


def test_a_doubtful_bead_gets_a_lower_posterior() -> None:
    """A target sentence that repeats its neighbour: either copy could be the counterpart, so
    the bead holding it is about a coin toss while the others stay sure."""
    from test_align_aligner import sentences

    posterior, _ = _aligners()
    src = sentences(30, seed=41)
    tgt = [*src[:10], src[10], *src[10:]]
    beads = posterior.align(src, tgt)
    doubtful = [b.score for b in beads if b.src == (10,)]
    sure = [b.score for b in beads if b.src and b.tgt and b.src != (10,)]
    assert doubtful and doubtful[0] < 0.75 and min(sure) > 0.9


def test_bad_confidence_options_are_refused() -> None:
    from tmtool.align.aligner import AlignConfig

    with pytest.raises(ValueError):
        AlignConfig(confidence="guess")
    with pytest.raises(ValueError):
        AlignConfig(confidence_temperature=0.0)


def _half_translated(src: list[str], seed: int) -> list[str]:
    """Each sentence's first half of words, then as many words of another sentence: a loose
    translation whose pairs still stand out from the wrong ones."""
    from test_align_aligner import sentences

    out = []
    for text, other in zip(src, sentences(len(src), seed=seed), strict=True):
        words = text.rstrip(".").split()
        half = len(words) // 2
        out.append(" ".join(words[:half] + other.rstrip(".").split()[: len(words) - half]) + ".")
    return out


def _with_paragraph_marks(texts: list[str]) -> list[str]:
    """A ``<p>`` line before every sentence, as in hunalign's steinbeck."""
    return [line for text in texts for line in ("<p>", text)]


def test_debris_does_not_widen_the_wrong_pair_spread() -> None:
    """Repeated markup lines score like a right pair against each other wherever they stand, so
    they widen the wrong-pair spread; measured on sentences of words, it is the spread of the
    document without them."""
    from test_align_aligner import sentences

    from tmtool.align.confidence import document_levels
    from tmtool.align.runs import RunEmbeddings

    posterior, _ = _aligners()
    src = sentences(40, seed=31)
    tgt = _half_translated(src, seed=77)

    def spreads(a: list[str], b: list[str]) -> tuple[float, float]:
        embedded = (RunEmbeddings(a, posterior.encoder, 4), RunEmbeddings(b, posterior.encoder, 4))
        with posterior.scorer(*embedded) as scorer:
            _, path, scores = posterior.search(scorer)
            every = document_levels(scorer, path, scores)[1]
            words = document_levels(scorer, path, scores, debris=False)[1]
        return every, words

    plain_every, plain_words = spreads(src, tgt)
    marked_every, marked_words = spreads(_with_paragraph_marks(src), _with_paragraph_marks(tgt))
    assert plain_words == pytest.approx(plain_every)  # no debris: the same sample
    assert marked_every > 3 * plain_every
    assert marked_words == pytest.approx(plain_every, rel=0.25)


def test_paragraph_marks_leave_the_sentences_as_sure() -> None:
    """The posterior's temperature follows the spread of the sentences' wrong pairs: ``<p>``
    lines between the sentences do not make their pairs less sure (they did: mean 0.87)."""
    from test_align_aligner import sentences

    posterior, _ = _aligners()
    src = sentences(40, seed=31)
    tgt = _half_translated(src, seed=77)
    marked_src = _with_paragraph_marks(src)
    beads = posterior.align(marked_src, _with_paragraph_marks(tgt))
    sentence_pairs = [b.score for b in beads if b.src and b.tgt and marked_src[b.src[0]] != "<p>"]
    assert len(sentence_pairs) == 40 and min(sentence_pairs) > 0.95


def test_a_case_join_in_lower_cased_text_has_its_own_posterior() -> None:
    """An unrelated target sentence starting in lower case is joined to the bead before it
    (``refine.bound_neighbour``). In ordinary text that is evidence the model does not see, and
    the joined bead keeps the posterior of the bead it joined; in a lower-cased text (hunalign's
    English 1984) every sentence starts so, and the joined bead has its own, low posterior."""
    from test_align_aligner import sentences

    posterior, _ = _aligners()
    src = sentences(30, seed=41)
    extra = sentences(1, seed=99)[0].lower()

    def joined_confidence(tgt: list[str]) -> float:
        beads = posterior.align(src, [*tgt[:11], extra, *tgt[11:]])
        [joined] = [b for b in beads if b.src == (10,)]
        assert joined.tgt == (10, 11)
        return joined.score

    assert joined_confidence(src) > 0.9
    assert joined_confidence([text.lower() for text in src]) < 0.1


def test_lower_cased_text() -> None:
    from tmtool.align.confidence import lower_cased

    assert lower_cased(["it rained .", "so we stayed .", "", "Then it stopped ."])
    assert not lower_cased(["It rained.", "so we stayed.", "Then it stopped."])
    assert not lower_cased([])


def test_debris_odds_lower_only_m_n_beads_holding_debris() -> None:
    from types import SimpleNamespace

    from tmtool.align.confidence import DEBRIS_LOG_ODDS, with_debris_odds

    scorer = SimpleNamespace(
        src=SimpleNamespace(junk=np.array([1.0, 0.0, 0.0, 0.0])),
        tgt=SimpleNamespace(junk=np.array([1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0])),
    )
    path = [
        (0, 1, 0, 1),  # 1-1 of two debris lines: unchanged
        (1, 2, 1, 2),  # 1-1 of words: unchanged
        (2, 3, 2, 4),  # 1-2 holding the debris target 3: less sure
        (3, 4, 4, 6),  # 1-2 of words: unchanged
        (4, 4, 6, 7),  # 0-1: stays 0
    ]
    probability = np.array([0.8, 0.8, 0.8, 0.8, 0.0])
    lowered = 0.8 / 0.2 * math.exp(DEBRIS_LOG_ODDS)
    expected = [0.8, 0.8, lowered / (1 + lowered), 0.8, 0.0]
    assert with_debris_odds(probability, path, scorer).tolist() == pytest.approx(expected)
    assert DEBRIS_LOG_ODDS < 0 and probability.tolist() == [0.8, 0.8, 0.8, 0.8, 0.0]
    sure = with_debris_odds(np.array([1.0, 0.0]), [(2, 3, 2, 4), (2, 3, 2, 4)], scorer)
    assert sure.tolist() == [1.0, 0.0]


def test_the_aligner_lowers_a_split_off_number_bead(monkeypatch: pytest.MonkeyPatch) -> None:
    """A target that splits a source sentence's year into a line of its own makes a 1-2 bead
    holding debris: its confidence goes through ``with_debris_odds``, the others' do not (the
    toy encoder is sure of every bead, so a strong log-odds shows it)."""
    from test_align_aligner import sentences

    from tmtool.align import confidence

    posterior, _ = _aligners()
    src = sentences(30, seed=41)
    src[10] = src[10].rstrip(".") + " 1953 ."
    tgt = [*src[:10], src[10].replace(" 1953 .", "."), "1953 .", *src[11:]]
    monkeypatch.setattr(confidence, "DEBRIS_LOG_ODDS", -30.0)
    beads = posterior.align(src, tgt)
    [split] = [b for b in beads if b.src == (10,)]
    assert split.tgt == (10, 11) and split.score < 0.1
    assert min(b.score for b in beads if b.src and b.tgt and b.src != (10,)) > 0.9
