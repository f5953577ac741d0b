"""A check that a text is in the language the user stated, for clearly wrong cases only."""

from __future__ import annotations

import functools
import json
import re
from importlib import metadata
from pathlib import Path

from tmtool import frequencies
from tmtool.cache import CACHE_ENV, cached_or_in_memory
from tmtool.errors import InputError, warn

#: Languages with a stop-word profile (from wordfreq's most frequent words).
PROFILED = ("nl", "fr", "en", "de", "es", "it", "pt")
NAMES = {
    "nl": "Dutch",
    "fr": "French",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "is": "Icelandic",
    "hu": "Hungarian",
    "ro": "Romanian",
}
MIN_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def profiles() -> dict[str, frozenset[str]]:
    """For each profiled language, frequent words that are not frequent in the others.

    Computed once per wordfreq version and kept in tmtool's cache folder: reading the seven
    word lists costs about 0.5 s, which every ``tmtool align`` would otherwise pay.
    """
    if not frequencies.installed():  # checked without importing it: the cache makes that needless
        warn("the wordfreq package is missing: the language check is off (pip install wordfreq)")
        return {}
    name = f"language-profiles-wordfreq-{metadata.version('wordfreq')}-{'-'.join(PROFILED)}"
    return cached_or_in_memory(
        name,
        _write_profiles,
        _read_profiles,
        _profiles,
        what="the language profiles",
        instead="reading wordfreq's word lists, which makes every start about 0.5 s slower "
        f"(set {CACHE_ENV} to a writable folder)",
    )


def _read_profiles(folder: Path) -> dict[str, frozenset[str]]:
    stored = json.loads((folder / "profiles.json").read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in stored.items()}


def _write_profiles(folder: Path) -> None:
    words = {lang: sorted(profile) for lang, profile in _profiles().items()}
    (folder / "profiles.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")


def _profiles() -> dict[str, frozenset[str]]:
    from wordfreq import top_n_list

    top = {lang: top_n_list(lang, 200) for lang in PROFILED}
    wide = {lang: set(top_n_list(lang, 400)) for lang in PROFILED}
    return {
        lang: frozenset(
            word
            for word in words
            if len(word) > 1 and not any(word in wide[other] for other in PROFILED if other != lang)
        )
        for lang, words in top.items()
    }


def language_scores(text: str) -> tuple[dict[str, float], int]:
    """Share of the words of ``text`` that are distinctive stop words of each language."""
    words = _WORD.findall(text.lower())
    if not words:
        return {}, 0
    return {
        lang: sum(word in profile for word in words) / len(words)
        for lang, profile in profiles().items()
    }, len(words)


def check_language(text: str, lang: str, *, source: str = "the text") -> None:
    """Raise ``InputError`` if ``text`` is clearly not in ``lang``.

    Languages without a profile and texts of fewer than 30 words are not checked.
    """
    scores, n_words = language_scores(text)
    if lang not in scores or n_words < MIN_WORDS:
        return
    stated = scores[lang]
    best = max(scores, key=scores.__getitem__)
    name = NAMES.get(lang, lang)
    if best != lang and scores[best] >= 0.08 and stated < 0.4 * scores[best]:
        raise InputError(
            f"{source} looks like {NAMES[best]}, not {name}: "
            f"check the file or the language given for it ({best}?)"
        )
    if stated < 0.05 and n_words >= 100:
        raise InputError(f"{source} does not look like {name} text: check the file and --lang")
