"""SentenceTransformerEncoder without a model: errors, device choice, prefixes, offline mode."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tmtool.embed import sentence_transformers as st_module
from tmtool.embed.sentence_transformers import (
    SentenceTransformerEncoder,
    default_prefix,
    describe_model_folder,
    list_model_folders,
    resolve_model,
    select_device,
    use_offline_hub,
)
from tmtool.errors import EncoderError


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "models" / "multilingual-e5-small"
    with pytest.raises(EncoderError) as caught:
        SentenceTransformerEncoder(missing)
    message = str(caught.value)
    assert "\n" not in message
    assert str(missing) in message and "tmtool models build-e5" in message


def test_unknown_model_name_is_a_clean_error() -> None:
    with pytest.raises(EncoderError, match="not-a-cached/model-xyz"):
        resolve_model("not-a-cached/model-xyz")


def test_file_or_foreign_folder_is_rejected(tmp_path: Path) -> None:
    weights = tmp_path / "model.bin"
    weights.write_bytes(b"\0")
    with pytest.raises(EncoderError, match="is a file"):
        resolve_model(weights)
    with pytest.raises(EncoderError, match=r"no modules\.json or config\.json"):
        resolve_model(tmp_path)


def test_folder_is_resolved_as_is(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("[]")
    assert resolve_model(tmp_path) == tmp_path


@pytest.mark.parametrize(
    ("cuda", "requested", "expected"),
    [
        (True, None, "cuda"),
        (False, None, "cpu"),
        (True, "cpu", "cpu"),
        (True, "cuda:1", "cuda:1"),
        (False, "cpu", "cpu"),
    ],
)
def test_device_selection(
    monkeypatch: pytest.MonkeyPatch, cuda: bool, requested: str | None, expected: str
) -> None:
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    assert select_device(requested) == expected


def test_cuda_without_gpu_is_a_clean_error(monkeypatch: pytest.MonkeyPatch) -> None:
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(EncoderError, match="no CUDA GPU"):
        select_device("cuda")


@pytest.mark.parametrize(
    ("model", "prefix"),
    [
        ("models/multilingual-e5-small", "query: "),
        ("models/multilingual-e5-small/", "query: "),
        ("intfloat/multilingual-e5-base", "query: "),
        ("sentence-transformers/LaBSE", ""),
        ("/data/e5-models/labse", ""),  # only the last path component counts
        ("paraphrase-multilingual-MiniLM-L12-v2", ""),
    ],
)
def test_default_prefix(model: str, prefix: str) -> None:
    assert default_prefix(model) == prefix


def test_offline_mode_respects_the_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE")
    use_offline_hub()
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    use_offline_hub()
    assert os.environ["HF_HUB_OFFLINE"] == "0"


def test_bad_batch_size(tmp_path: Path) -> None:
    with pytest.raises(EncoderError, match="batch size"):
        SentenceTransformerEncoder(tmp_path, batch_size=0)


def test_weights_digest(tmp_path: Path) -> None:
    assert st_module.weights_digest(tmp_path) == "no-weights"
    (tmp_path / "model.safetensors").write_bytes(b"weights v1")
    first = st_module.weights_digest(tmp_path)
    (tmp_path / "model.safetensors").write_bytes(b"weights v2")
    assert len(first) == 12 and st_module.weights_digest(tmp_path) != first
    sharded = tmp_path / "sharded"
    sharded.mkdir()
    (sharded / "model-00001-of-00002.safetensors").write_bytes(b"part 1")
    (sharded / "model-00002-of-00002.safetensors").write_bytes(b"part 2")
    whole = st_module.weights_digest(sharded)
    (sharded / "model-00002-of-00002.safetensors").write_bytes(b"part 2 changed")
    assert whole != "no-weights" and st_module.weights_digest(sharded) != whole


def test_list_and_describe_model_folders(tmp_path: Path) -> None:
    assert list_model_folders(tmp_path / "absent") == []
    st_folder = tmp_path / "labse"
    st_folder.mkdir()
    (st_folder / "modules.json").write_text("[]")
    (st_folder / "config.json").write_text(json.dumps({"architectures": ["BertModel"]}))
    hf_folder = tmp_path / "plain"
    hf_folder.mkdir()
    (hf_folder / "config.json").write_text(json.dumps({"model_type": "xlm-roberta"}))
    (tmp_path / "other").mkdir()
    (tmp_path / ".e5.abc.tmp").mkdir()  # an unfinished build is not listed
    (tmp_path / "README.md").write_text("notes")
    folders = list_model_folders(tmp_path)
    assert [f.path.name for f in folders] == ["labse", "other", "plain"]
    assert folders[0].size_bytes > 0
    assert describe_model_folder(st_folder) == "sentence-transformers model (BertModel)"
    assert describe_model_folder(hf_folder) == "transformers model (xlm-roberta)"
    assert describe_model_folder(tmp_path / "other").startswith("unknown")


def test_broken_folder_is_a_clean_error(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text(json.dumps({"model_type": "bert"}))  # no weights
    with pytest.raises(EncoderError, match="cannot load sentence-transformers model") as caught:
        SentenceTransformerEncoder(broken, device="cpu")
    assert "\n" not in str(caught.value)


def test_cache_misses_are_none_but_an_unreadable_cache_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import huggingface_hub
    from huggingface_hub.utils import HFValidationError, LocalEntryNotFoundError

    def missing(repo_id: str, **kwargs: object) -> str:
        raise LocalEntryNotFoundError(f"{repo_id} is not cached")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", missing)
    assert st_module._cached_snapshot("LaBSE") is None

    def invalid(repo_id: str, **kwargs: object) -> str:
        raise HFValidationError(f"{repo_id} is not a repository id")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", invalid)
    assert st_module._cached_snapshot("bad//id") is None

    def unreadable(repo_id: str, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", "/cache/models--x")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", unreadable)
    with pytest.raises(EncoderError, match="cannot read model x/y from the Hugging Face cache"):
        st_module._cached_snapshot("x/y")

    def broken(repo_id: str, **kwargs: object) -> str:
        raise RuntimeError("a bug, not a cache miss")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", broken)
    with pytest.raises(RuntimeError, match="a bug"):  # no longer swallowed
        st_module._cached_snapshot("x/y")
