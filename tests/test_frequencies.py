"""The cached word-frequency tables answer exactly as wordfreq does (issue 10, section 6)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import wordfreq
from python_support import run_python

from tmtool import frequencies


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, frequencies.FrequencyTable]:
    """Tables built into a fresh cache folder, then read back from it (memory-mapped)."""
    folder = tmp_path_factory.mktemp("cache")
    built = {}
    for lang in ("fr", "nl", "xx"):
        name = f"t-{lang}"
        frequencies._build(lang, _mkdir(folder / name))
        built[lang] = frequencies.FrequencyTable.load(folder / name, lang)
    return built


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _sample(lang: str, count: int) -> list[str]:
    """Words of wordfreq's list, the same lower-cased and capitalised, elisions and words that
    wordfreq normalises (ß, decomposed accents) or does not know."""
    rng = random.Random(7)
    words = [w for bucket in wordfreq.get_frequency_list(lang) for w in bucket]
    sample = rng.sample(words, count)
    tails = rng.sample(words, 30)
    elided = [f"{head}'{tail}" for head in ("l", "d", "qu", "s", "jusqu", "a") for tail in tails]
    odd = ["straße", "België", "Belgie\u0308", "cœur", "œuvre", "été", "zzqxw", "", "a's"]
    odd += ["l'homme", "l'hôpital", "qu'hier", "d'ëen", "collega's", "ddadige", "l’homme"]
    return sample + [w.capitalize() for w in sample[:300]] + elided + odd


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_zipf_is_wordfreqs(tables: dict[str, frequencies.FrequencyTable], lang: str) -> None:
    table = tables[lang]
    assert table.available and table.plain
    wrong = [
        (word, table.zipf(word), wordfreq.zipf_frequency(word, lang))
        for word in _sample(lang, 2000)
        if table.zipf(word) != wordfreq.zipf_frequency(word, lang)
    ]
    assert not wrong


def test_every_bucket_has_wordfreqs_value(tables: dict[str, frequencies.FrequencyTable]) -> None:
    """The arithmetic of one and of two tokens, over all of wordfreq's frequency buckets."""
    buckets = wordfreq.get_frequency_list("fr")
    first = {index: words[0] for index, words in enumerate(buckets) if words}
    for index, word in first.items():
        assert frequencies._zipf([index]) == wordfreq.zipf_frequency(word, "fr"), word
    rng = random.Random(3)
    for _ in range(300):
        a, b = rng.sample(sorted(first), 2)
        text = f"{first[a]} {first[b]}"  # two tokens, as "l'homme" is
        assert frequencies._zipf([a, b]) == wordfreq.zipf_frequency(text, "fr"), text
    assert frequencies._zipf(None) == wordfreq.zipf_frequency("zzqxw", "fr")


def test_top_words(tables: dict[str, frequencies.FrequencyTable]) -> None:
    for n in (1, 40, 500, 501):
        assert tables["nl"].top(n) == wordfreq.top_n_list("nl", n)


def test_language_without_a_list(tables: dict[str, frequencies.FrequencyTable]) -> None:
    table = tables["xx"]
    assert not table.available
    assert table.zipf("maison") == 0.0
    with pytest.raises(LookupError):
        table.top(10)


def test_a_language_wordfreq_preprocesses_is_answered_by_wordfreq() -> None:
    """Turkish case-folds its dotted and dotless i: the table holds no words and passes every
    lookup to wordfreq."""
    table = frequencies.FrequencyTable.from_arrays("tr", frequencies._table_arrays("tr"))
    assert table.available and not table.plain
    for word in ("bir", "için", "ısı"):
        assert table.zipf(word) == wordfreq.zipf_frequency(word, "tr")


def test_an_unwritable_cache_warns_and_reads_wordfreq(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tmtool.errors import TmtoolWarning

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(blocker / "cache"))
    frequencies.table.cache_clear()
    try:
        with pytest.warns(TmtoolWarning, match="cannot use tmtool's cache folder for word freq"):
            table = frequencies.table("nl")
    finally:
        frequencies.table.cache_clear()
    assert table.zipf("samenwerking") == wordfreq.zipf_frequency("samenwerking", "nl")


def test_cleaning_does_not_import_wordfreq(tmp_path: Path) -> None:
    """Once the tables are cached, preparing a document reads them and never imports wordfreq
    (its import and list decoding cost ~0.3 s a start)."""
    seed = next((Path(__file__).resolve().parent.parent / "seeds").glob("000_*[0-9a-f].txt"))
    code = (
        "import sys\n"
        "from tmtool.prepare import prepare_document\n"
        f"prepare_document({str(seed)!r}, 'nl')\n"
        "print('wordfreq' in sys.modules)\n"
    )
    env = {"TMTOOL_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", **_python_env()}
    assert run_python(code, env).strip() == "True"  # the first run builds the cache from wordfreq
    assert run_python(code, env).strip() == "False"


def _python_env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key in ("PYTHONPATH", "HOME")}
