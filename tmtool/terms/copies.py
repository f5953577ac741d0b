"""Untranslated copies: target sides that repeat the source text instead of translating it.

A CAT tool copies the source into an empty target, a translator leaves a segment for later, a TMX
is exported half translated: such a unit pairs ``Het jaarverslag is klaar.`` with itself as
"French", and a memory with many of them teaches ``jaarverslag → jaarverslag``. The unit says
nothing about how its words are translated, so its target side is read as missing (as a pair of
doubtful alignment is, ``extract._rows``); its source side still counts, since the source text is
real text of the memory and its terms occur there whatever became of the target.

A text that is genuinely the same in both languages is no copy: names, acronyms, numbers and
shared words (``Europol``, ``OK``, ``2023``, ``COVID-19``, ``internet``, ``Charles de Gaulle``).
A copy is told from these by its words: the same words, in the same order (case, accents and
punctuation aside), at least one of them written in lower case and much more frequent in the
source language than in the target one (wordfreq; ``het``, ``van``, ``jaarverslag`` for Dutch
against French; ``the`` for English against Hungarian). Names are written with a capital and
shared words are about as frequent in both languages, so neither makes a copy. A source language
wordfreq has no list for gives no such word, and its identical units are left as they are.
"""

from __future__ import annotations

import re
import unicodedata

from tmtool import frequencies

#: how much more frequent (in zipf, a log10 scale) a lower-case word of an identical text must be
#: in the source language than in the target for the text to read as the source language: ``het``
#: 7.0 in Dutch, 2.0 in French; shared words such as ``internet`` (nl 5.0, fr 5.3) or ``euro``
#: (nl 5.0, fr 4.7) differ by far less
SOURCE_WORD_MARGIN = 2.0
#: share of a language's units that are copies from which ``copies_warning`` speaks
WARN_SHARE = 0.05

_WORD = re.compile(r"\w+")


def untranslated_copy(source: str, target: str, source_lang: str, target_lang: str) -> bool:
    """Whether ``target`` is ``source`` left untranslated rather than a translation that happens
    to read the same (see the module's docstring)."""
    if source_lang == target_lang:
        return False
    written = _WORD.findall(unicodedata.normalize("NFKC", source))
    if not written or [w.casefold() for w in written] != [
        w.casefold() for w in _WORD.findall(unicodedata.normalize("NFKC", target))
    ]:
        return False
    return any(_source_word(word, source_lang, target_lang) for word in set(written))


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
