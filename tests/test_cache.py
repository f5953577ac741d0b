"""tmtool's cache folder: one fallback rule for data that cannot be cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.cache import cached_or_in_memory
from tmtool.errors import TmtoolWarning


def _build(folder: Path) -> None:
    (folder / "value.txt").write_text("from the cache", encoding="utf-8")


def _load(folder: Path) -> str:
    return (folder / "value.txt").read_text(encoding="utf-8")


def test_a_usable_cache_is_built_once_then_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    builds: list[Path] = []

    def build(folder: Path) -> None:
        builds.append(folder)
        _build(folder)

    for _ in range(2):
        value = cached_or_in_memory(
            "thing", build, _load, lambda: "in memory", what="the thing", instead="computing it"
        )
        assert value == "from the cache"
    assert len(builds) == 1
    assert _load(tmp_path / "cache" / "thing") == "from the cache"


@pytest.mark.usefixtures("unwritable_cache")
def test_an_unwritable_cache_warns_and_computes_in_memory() -> None:
    with pytest.warns(TmtoolWarning) as caught:
        value = cached_or_in_memory(
            "thing", _build, _load, lambda: "in memory", what="the thing", instead="computing it"
        )
    assert value == "in memory"
    [message] = [str(warning.message) for warning in caught]
    assert message.startswith("cannot use tmtool's cache folder for the thing (")
    assert message.endswith("); computing it")


@pytest.mark.usefixtures("unwritable_cache")
def test_the_language_profiles_warn_when_computed_without_the_cache() -> None:
    from tmtool.read import language

    language.profiles.cache_clear()
    try:
        with pytest.warns(TmtoolWarning, match="for the language profiles"):
            assert language.profiles()["nl"]
    finally:
        language.profiles.cache_clear()


def test_an_error_outside_errors_is_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(tmp_path / "cache"))

    def broken(folder: Path) -> str:
        raise KeyError("a bug, not a cache problem")

    with pytest.raises(KeyError):
        cached_or_in_memory(
            "thing", _build, broken, lambda: "in memory", what="the thing", instead=""
        )
