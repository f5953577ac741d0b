"""Encoder names on the command line → encoder objects, and clear errors for bad names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.embed import DEFAULT_ENCODER, Encoder, get_encoder
from tmtool.embed.use import UseEncoder
from tmtool.errors import EncoderError, EncoderNameError


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    # keep the registry from changing the process environment for later tests
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.mark.parametrize("spec", [None, "", "use", "use-m3", " use "])
def test_use_is_the_default(spec: str | None) -> None:
    encoder = get_encoder(spec)
    assert isinstance(encoder, UseEncoder) and isinstance(encoder, Encoder)
    assert encoder.name == "use" and encoder.dim == 512
    assert DEFAULT_ENCODER == "use"


@pytest.mark.parametrize("spec", ["labse", "st", "e6", "use:large"])
def test_unknown_encoder(spec: str) -> None:
    with pytest.raises(EncoderNameError, match="unknown encoder") as info:
        get_encoder(spec)
    assert "\n" not in str(info.value)
    assert info.value.exit_code == 2  # a usage error; `except EncoderError` still stops a batch
    assert isinstance(info.value, EncoderError)


def test_st_without_a_model() -> None:
    with pytest.raises(EncoderNameError, match="needs a model name or folder"):
        get_encoder("st:")


def test_st_with_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty-model"
    folder.mkdir()
    with pytest.raises(EncoderError, match="not a sentence-transformers model folder"):
        get_encoder(f"st:{folder}")
    # an existing folder given without "st:" is read the same way
    with pytest.raises(EncoderError, match="not a sentence-transformers model folder"):
        get_encoder(str(folder))


def test_st_with_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(EncoderError, match="model not found") as info:
        get_encoder(f"st:{tmp_path / 'no-such-model'}")
    assert "\n" not in str(info.value)


def test_st_with_a_file(tmp_path: Path) -> None:
    file = tmp_path / "model.bin"
    file.write_bytes(b"\0" * 16)
    with pytest.raises(EncoderError, match="is a file"):
        get_encoder(f"st:{file}")
