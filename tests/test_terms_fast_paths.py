"""The shortcuts of terms' hot loops (branch sp20) answer as the plain code they skip: the cheap
upper bounds before difflib's ratio, the word scan without hyphens or apostrophes, the positions
``PhraseIndex.find`` reads, and the gap marks ``Side.add`` keeps."""

from __future__ import annotations

import difflib
import random

from tmtool.terms.equivalents.cognates import COGNATE, _alike
from tmtool.terms.phrases import PhraseIndex
from tmtool.terms.sides import BREAK, GAP_CODES, Side
from tmtool.terms.text import breaks, display_gap, language
from tmtool.terms.vocabulary import Vocabulary


def test_alike_is_difflibs_ratio_against_the_threshold() -> None:
    rng = random.Random(20)
    words = ["solidariteit", "solidarity", "terrorisme", "terrorism", "#0", "actie", "nation"]
    words += [
        "".join(rng.choice("aeilnorst") for _ in range(rng.randint(1, 12))) for _ in range(300)
    ]
    pairs = [(rng.choice(words), rng.choice(words)) for _ in range(20_000)]
    pairs += [(word, word[:-1] + "e") for word in words]  # near misses around the threshold
    agreed = [
        _alike(a, b) == (difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= COGNATE)
        for a, b in pairs
    ]
    assert all(agreed)
    assert not _alike("niveau", "level")  # 0.36
    assert not _alike("verordening", "regulation")  # lengths alike, letters not
    assert _alike("terrorisme", "terrorism")


def test_words_without_hyphens_or_apostrophes_read_as_before() -> None:
    nl = language("nl")
    text = "De Commissie, zegt hij: richtlijn 95/46/EG."
    assert list(nl.words(text)) == [
        (0, 2, "De", ""),
        (3, 12, "Commissie", " "),
        (14, 18, "zegt", ", "),
        (19, 22, "hij", " "),
        (24, 33, "richtlijn", ": "),
        (34, 42, "95/46/EG", " "),
    ]
    # the same words with a hyphen or an apostrophe somewhere take the full scan, alike
    for marked in (text + " -", text + " '"):
        assert list(nl.words(marked)) == list(nl.words(text))


def test_find_reads_every_position_of_a_first_lemma_in_order() -> None:
    index = PhraseIndex([(1, 2), (1, 2, 3), (4,)])
    lemmas = [5, 1, 2, 3, BREAK, 1, 2, 4, 1]
    assert list(index.find(lemmas)) == [
        ((1, 2), 1, 3),
        ((1, 2, 3), 1, 4),
        ((1, 2), 5, 7),
        ((4,), 7, 8),
    ]
    assert list(index.find([5, 6, BREAK])) == []
    assert index.present([4, 4]) == {(4,)}


def test_side_add_marks_gaps_as_breaks_and_display_codes_say() -> None:
    side = Side(Vocabulary(language("en")))
    text = "the state's budget, the member-states; l'Union"
    side.add(text)
    gaps = [gap for _, _, _, gap in language("en").words(text)][1:]
    expected_breaks = sum(breaks(gap) for gap in gaps)
    assert list(side.words).count(BREAK) == expected_breaks
    codes = [code for word, code in zip(side.words, side.gaps, strict=True) if word != BREAK]
    assert codes == [0, *(GAP_CODES.get(display_gap(gap), 0) for gap in gaps)]
    assert side.tokens == len(gaps) + 1
