"""Untranslated copies: target sides that repeat the source text instead of translating it.

A CAT tool copies the source into an empty target, a translator leaves a segment for later, a TMX
is exported half translated: such a unit pairs ``Het jaarverslag is klaar.`` with itself as
"French", and a memory with many of them teaches ``jaarverslag → jaarverslag``. The unit says
nothing about how its words are translated, so its target side is read as missing (as a pair of
doubtful alignment is, ``extract._rows``); its source side still counts, since the source text is
real text of the memory and its terms occur there whatever became of the target.

A text that is genuinely the same in both languages is no copy: names, acronyms, numbers, shared
words and quotations (``Europol``, ``OK``, ``2023``, ``COVID-19``, ``internet``, ``Charles de
Gaulle``, ``Willy Auf der Maur, Seewen (sz)``, ``Ora pro nobis.`` in an English novel's Hungarian
translation). A copy is told from these by its words: the same words in the same order (case,
punctuation and spaces aside: ``unicodedata`` NFKC and case folding), of which the *source words*
make at least half of the words that can tell a language (those in lower case, the first word
lowered unless it stands alone, less name particles such as ``der`` of ``Auf der Maur``;
capitalised words and numbers are names or cannot be told from them), and at least two (one where
the text has one word of letters: ``1 februari 2016``). A source word is a lower-case word that
wordfreq finds much more frequent in the source language than in the target one: ``het``, ``van``,
``jaarverslag``, ``februari`` for Dutch against French, ``the``, ``report`` for English against
Hungarian. Names are written with a capital, shared words are about as frequent in both languages,
and the odd foreign word of a quotation (``nobis``) is not half of its text. A source language
wordfreq has no list for has no source words, and its identical units are left as they are. Missed
on purpose: a copy whose readable words are mostly capitalised (``3. Op Europees niveau``: only
``op`` and ``niveau`` can be read, and ``niveau`` is French too).
"""

from __future__ import annotations

import re
import unicodedata

from tmtool import frequencies

#: how much more frequent (in zipf, a log10 scale) a lower-case word of an identical text must be
#: in the source language than in the target for it to be a source word: ``het`` 7.5 in Dutch,
#: 3.4 in French; ``the`` 7.7 in English, 5.8 in Hungarian (whose web text quotes English);
#: shared words differ by far less (``internet`` 0.05, ``euro`` 0.65, ``hotel`` nl/fr 1.07)
SOURCE_WORD_MARGIN = 1.5
#: source words a copy of two words or more holds at least (``nobis`` alone makes no copy)
MIN_SOURCE_WORDS = 2
#: share of a language's units that are copies from which ``copies_warning`` speaks
WARN_SHARE = 0.05

_WORD = re.compile(r"\w+")


def untranslated_copy(source: str, target: str, source_lang: str, target_lang: str) -> bool:
    """Whether ``target`` is ``source`` left untranslated rather than a translation that happens
    to read the same (see the module's docstring)."""
    if source_lang == target_lang:
        return False
    source, target = _normalised(source), _normalised(target)
    if not _same_first_word(source, target):
        return False
    written = _WORD.findall(source)
    if not written or [w.casefold() for w in written] != [
        w.casefold() for w in _WORD.findall(target)
    ]:
        return False
    words = [word for word in written if word.isalpha()]  # numbers and codes say nothing
    read = _readable_words(words)
    found = sum(_source_word(word, source_lang, target_lang) for word in read)
    return found >= min(MIN_SOURCE_WORDS, len(words)) and found > 0 and found >= len(read) / 2


def _normalised(text: str) -> str:
    """``text`` in NFKC, so that a word written with combining accents (``e`` + U+0301) or in
    compatibility forms (full-width letters) reads as the same word written otherwise; ASCII
    text is NFKC already and is left as it is (most units, at no cost)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _readable_words(words: list[str]) -> list[str]:
    """The words that can tell a language: those in lower case, and the first word lowered
    (``Het jaarverslag``) unless it stands alone (``Europol``), less the particles of names
    (a lower-case word between two capitalised ones: ``Auf der Maur``, ``Jan van Eyck``,
    ``Valls en Charles Michel``). Capitalised words are names or cannot be told from them."""
    if len(words) > 1 and words[0].istitle():
        words = [words[0].lower(), *words[1:]]
    return [word for i, word in enumerate(words) if word.islower() and not _name_particle(words, i)]


def _name_particle(words: list[str], i: int) -> bool:
    """Whether word ``i`` stands between two capitalised words."""
    return 0 < i < len(words) - 1 and words[i - 1][0].isupper() and words[i + 1][0].isupper()


def _same_first_word(source: str, target: str) -> bool:
    """Whether both (normalised) texts start with the same word: a cheap first test, as few
    translations do (a full comparison of every unit's words cost 20 µs a pair, 4 s at 100,000
    units)."""
    first, other = _WORD.search(source), _WORD.search(target)
    return first is not None and other is not None and first[0].casefold() == other[0].casefold()


def _source_word(word: str, source_lang: str, target_lang: str) -> bool:
    """A lower-case word far more frequent in the source language than in the target one."""
    if not word.isalpha() or not word.islower():
        return False
    source_zipf = frequencies.table(source_lang).zipf(word)
    return source_zipf > 0 and source_zipf >= frequencies.table(target_lang).zipf(word) + (
        SOURCE_WORD_MARGIN
    )


def copies_warning(copies: int, units: int, source_lang: str, target_lang: str) -> str | None:
    """The warning for a memory where many ``target_lang`` sides copy the source text, or None."""
    if units == 0 or copies < 2 or copies < WARN_SHARE * units:
        return None
    return (
        f"{copies} of {units} units have a {target_lang} side that repeats the {source_lang} text "
        f"untranslated; they are not read as {target_lang} translations"
    )
