"""Word frequencies (the ``wordfreq`` package), read from memory-mapped tables in tmtool's cache.

wordfreq answers its first question in a process only after importing langcodes, ftfy and regex
(~0.1 s) and decoding the language's gzipped msgpack list (~0.15 s, 300,000 words); every
``tmtool align`` paid that for each language it cleans. ``table(lang)`` instead maps a table that
was built once per wordfreq version from wordfreq's own data: for every word of the list whose
lookup wordfreq does not transform (lower-case Latin letters, optionally one apostrophe), its
frequency bucket, found by a 64-bit hash and checked against the stored word. Words of any other
shape, and languages whose text wordfreq preprocesses (Turkish dotless i, CJK segmentation...),
are passed to wordfreq itself, so every answer is the one ``wordfreq.zipf_frequency`` gives
(``tests/test_frequencies.py`` compares them).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.util
import json
import math
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from tmtool.cache import CACHE_ENV, cached_or_in_memory

#: the most frequent words kept in the table's metadata (``top``): enough for every caller
TOP_WORDS = 500
#: bump when the files written by ``_build`` change
_LAYOUT = 1
#: a word wordfreq looks up as it is: its tokenizer keeps it whole (or splits an elided article)
#: and its preprocessing (NFC, case folding) leaves it unchanged
_PLAIN = re.compile(r"([a-zà-öø-ÿœ]+)(?:'([a-zà-öø-ÿœ]+))?")
#: wordfreq's settings for languages whose text it only NFC-normalises and case-folds
_PLAIN_LANGUAGE = {
    "script": "Latn",
    "tokenizer": "regex",
    "normal_form": "NFC",
    "remove_marks": False,
    "dotless_i": False,
    "diacritics_under": None,
    "transliteration": None,
    "lookup_transliteration": None,
}


def installed() -> bool:
    """Whether the wordfreq package can be imported (without importing it)."""
    try:
        return importlib.util.find_spec("wordfreq") is not None
    except (ImportError, ValueError):
        return False


@functools.cache
def table(lang: str) -> FrequencyTable:
    """The frequency table of ``lang`` (wordfreq must be ``installed()``), from tmtool's cache;
    computed in memory, at wordfreq's usual cost, where the cache cannot be written."""
    safe = re.sub(r"[^A-Za-z0-9-]+", "_", lang)
    name = f"wordfreq-{metadata.version('wordfreq')}-{safe}-layout{_LAYOUT}"
    return cached_or_in_memory(
        name,
        functools.partial(_build, lang),
        lambda folder: FrequencyTable.load(folder, lang),
        lambda: FrequencyTable.from_arrays(lang, _table_arrays(lang)),
        what="word frequencies",
        instead=f"reading wordfreq's {lang!r} list, which makes every start about 0.3 s slower "
        f"(set {CACHE_ENV} to a writable folder)",
        errors=(OSError, RuntimeError, ValueError, KeyError),
    )


class FrequencyTable:
    """Zipf frequencies and the most frequent words of one language, as wordfreq gives them."""

    def __init__(self, lang: str, meta: dict[str, Any], arrays: dict[str, Any]) -> None:
        self.lang = lang
        self.available: bool = meta["available"]  # wordfreq has a list for the language
        self.plain: bool = meta["plain"]  # the table answers plain words
        self.top_words: list[str] = meta["top"]
        self._vowels = frozenset(meta["vowels"])
        self._hashes = arrays["hashes"]  # sorted 64-bit hashes of the words
        self._buckets = arrays["buckets"]  # frequency bucket (centibels below 1) of each word
        self._offsets = arrays["offsets"]  # where each word's UTF-8 bytes lie in ``words``
        self._words = arrays["words"]

    @classmethod
    def load(cls, folder: Path, lang: str) -> FrequencyTable:
        import numpy as np

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arrays = {}
        for name in ("hashes", "buckets", "offsets", "words"):
            array = np.load(folder / f"{name}.npy", mmap_mode="r")
            # a flat memoryview: bisect and indexing on it run in C and give Python ints
            arrays[name] = memoryview(array).cast("B").cast(array.dtype.char)
        return cls(lang, meta, arrays)

    @classmethod
    def from_arrays(cls, lang: str, built: tuple[dict[str, Any], dict[str, Any]]) -> FrequencyTable:
        meta, arrays = built
        views = {name: memoryview(a).cast("B").cast(a.dtype.char) for name, a in arrays.items()}
        return cls(lang, meta, views)

    def zipf(self, word: str) -> float:
        """``wordfreq.zipf_frequency(word, lang)`` (0.0 where wordfreq has no list)."""
        if not self.available:
            return 0.0
        shape = _PLAIN.fullmatch(word) if self.plain else None
        if shape is None:
            return _wordfreq_zipf(word, self.lang)
        head, tail = shape.groups()
        if tail is None:
            tokens = [word]
        elif len(head) <= 2 and tail[0] in self._vowels:
            tokens = [head, tail]  # an elided article or pronoun: wordfreq's "l'" + "homme"
        else:
            tokens = [word]  # "aujourd'hui", "collega's": one token
        buckets = [self._bucket(token) for token in tokens]
        return _zipf(None if None in buckets else buckets)  # type: ignore[arg-type]

    def top(self, n: int) -> list[str]:
        """``wordfreq.top_n_list(lang, n)``."""
        if not self.available:
            raise LookupError(f"wordfreq has no word list for {self.lang!r}")
        if n <= len(self.top_words):
            return self.top_words[:n]
        import wordfreq

        return wordfreq.top_n_list(self.lang, n)

    def _bucket(self, word: str) -> int | None:
        key = word.encode()
        wanted = _hash(key)
        i = bisect.bisect_left(self._hashes, wanted)
        while i < len(self._hashes) and self._hashes[i] == wanted:
            if self._words[self._offsets[i] : self._offsets[i + 1]] == key:
                return int(self._buckets[i])
            i += 1
        return None


def _hash(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


def _zipf(buckets: list[int] | None) -> float:
    """wordfreq's ``zipf_frequency`` of a lookup whose tokens are in these buckets (None: some
    token is not in the list), with its arithmetic: frequencies combined as 1/f = Σ 1/f_i,
    rounded to three significant digits, then to hundredths of a Zipf unit."""
    minimum = 10**0.0 / 1e9  # zipf_to_freq(0.0), the default minimum
    if buckets is None:
        return round(math.log(minimum, 10) + 9, 2)
    one_over = 0.0
    for bucket in buckets:
        one_over += 1.0 / 10 ** (-bucket / 100)  # cB_to_freq(-bucket)
    unrounded = max(1.0 / one_over, minimum)
    freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


def _wordfreq_zipf(word: str, lang: str) -> float:
    import wordfreq

    return float(wordfreq.zipf_frequency(word, lang))


def _build(lang: str, folder: Path) -> None:
    import numpy as np

    meta, arrays = _table_arrays(lang)
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    for name, array in arrays.items():
        np.save(folder / f"{name}.npy", array)


def _table_arrays(lang: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The table's metadata and arrays, from wordfreq's list for ``lang``."""
    import numpy as np
    import wordfreq
    from wordfreq.language_info import get_language_info
    from wordfreq.tokens import INITIAL_VOWEL_EXPR

    try:
        frequency_list = wordfreq.get_frequency_list(lang)
    except LookupError:
        frequency_list = None
    bucket_of: dict[str, int] = {}
    for bucket, words in enumerate(frequency_list or []):
        for word in words:
            bucket_of[word] = bucket  # a later bucket wins, as in wordfreq's frequency dict
    plain = get_language_info(lang) == _PLAIN_LANGUAGE
    keys = [word.encode() for word in bucket_of if plain and _PLAIN.fullmatch(word)]
    hashes = np.array([_hash(key) for key in keys], dtype=np.uint64)
    order = np.argsort(hashes, kind="stable")
    keys = [keys[i] for i in order]
    offsets = np.zeros(len(keys) + 1, dtype=np.uint64)
    np.cumsum([len(key) for key in keys], out=offsets[1:])
    meta = {
        "available": frequency_list is not None,
        "plain": plain,
        "top": wordfreq.top_n_list(lang, TOP_WORDS) if frequency_list is not None else [],
        "vowels": re.sub(r"[\[\]]", "", INITIAL_VOWEL_EXPR),
    }
    arrays = {
        "hashes": hashes[order],
        "buckets": np.array([bucket_of[key.decode()] for key in keys], dtype=np.uint16),
        "offsets": offsets,
        "words": np.frombuffer(b"".join(keys), dtype=np.uint8),
    }
    return meta, arrays
