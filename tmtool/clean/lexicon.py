"""Word frequencies (offline, from the ``wordfreq`` package, through ``tmtool.frequencies``) and
small closed word classes."""

from __future__ import annotations

import functools
import re

from tmtool import frequencies
from tmtool.errors import warn


def _words(text: str) -> list[str]:
    """Split a space-separated word list."""
    return text.split()


#: Short words that join other words in a sentence (articles, prepositions, pronouns, conjunctions,
#: auxiliaries). Used to tell a line that stops mid-sentence from a finished one, and by the
#: segmenter to recognise a sentence that starts in lower case.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        _words(
            "de het een van in op te en of met voor aan om door bij tot uit naar over als dat die "
            "dit deze zijn haar hun onze ons mijn uw zijn er is was wordt werd worden zal zullen "
            "kan kunnen moet moeten niet ook nog "
            "zo zoals waarin waarbij waarvan tussen tegen onder "
            "binnen buiten na per via dan maar want dus noch wij we zij ze hij het u ook hebben "
            "heeft had ter ten tijdens sinds zonder volgens alsook evenals alsmede zowel waar "
            "wanneer omdat indien terwijl welke wie wat elk elke alle geen meer minder"
        )
    ),
    "fr": frozenset(
        _words(
            "le la les l de des du d un une et ou "
            "à au aux en dans par pour sur avec sans sous vers "
            "chez contre entre que qui dont où ce cet cette ces son sa ses leur leurs notre nos "
            "votre vos est sont a ont être avoir été ne pas se il ils elle elles nous vous on afin "
            "ainsi mais donc car lors selon depuis pendant "
            "comme si plus moins très tout tous toute "
            "toutes aussi qu n s c j m t"
        )
    ),
    "en": frozenset(
        _words(
            "the a an of in on to and or for with by at from as that which who whom whose is are "
            "was were be been being has have had will would shall should can could may might must "
            "not this these those its their our your his her its between into under against than "
            "but also both either neither nor so such during since without within through about "
            "after before over upon while when where whether all any each every no more less very"
        )
    ),
    "de": frozenset(
        _words(
            "der die das den dem des ein eine einen einem einer eines und oder in im an am auf für "
            "mit von vom zu zum zur bei nach aus über unter durch gegen ohne um ist sind war waren "
            "wird werden wurde wurden hat haben hatte kann können muss müssen soll sollen nicht "
            "auch dass sich als wie wenn weil ob sowie "
            "sowohl noch nur sehr mehr weniger wir sie er "
            "es ihr ihre ihren unser unsere seine seinen dieser diese dieses diesen"
        )
    ),
}

#: Articles: a line that stops on one stops mid-sentence, never at the end of a title.
ARTICLES: dict[str, frozenset[str]] = {
    "nl": frozenset(_words("de het een")),
    "fr": frozenset(_words("le la les l un une des du au aux")),
    "en": frozenset(_words("the a an")),
    "de": frozenset(_words("der die das den dem des ein eine einen einem einer eines")),
}

#: One-letter words that are real words (everything else of one letter is an OCR fragment).
ONE_LETTER_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset("u"),
    "fr": frozenset(["a", "à", "y"]),
    "en": frozenset(["a", "i"]),
    "de": frozenset(),
}

_WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)?$")


@functools.cache
def _wordfreq_installed() -> bool:
    """Whether wordfreq is installed; False with a warning (once): a dependency, but if it is
    missing the repairs it checks are off, and the user must know."""
    if not frequencies.installed():
        warn("the wordfreq package is missing: OCR repairs are off (pip install wordfreq)")
        return False
    return True


@functools.cache
def has_lexicon(lang: str) -> bool:
    """Whether word frequencies are available offline for ``lang``."""
    return _wordfreq_installed() and frequencies.table(lang).available


class Lexicon:
    """Zipf word frequencies for one language (0 = unknown, 3 = once per million words)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.available = has_lexicon(lang)
        self.function_words = function_words(lang)
        self.one_letter_words = ONE_LETTER_WORDS.get(lang, frozenset())
        self._zipf = functools.lru_cache(maxsize=200_000)(self._lookup)

    def _lookup(self, word: str) -> float:
        if not self.available or not _WORD.match(word):
            return 0.0
        return frequencies.table(self.lang).zipf(word.replace("’", "'"))

    def zipf(self, word: str) -> float:
        """Zipf frequency of a single word (letters, optionally one apostrophe); else 0."""
        return self._zipf(word.lower())

    def fragment_zipf(self, word: str) -> float:
        """Like ``zipf`` but a lone letter that is not a word of the language counts as unknown."""
        if len(word) == 1 and word.lower() not in self.one_letter_words:
            return 0.0
        return self.zipf(word)

    def is_function_word(self, word: str) -> bool:
        return word.lower() in self.function_words

    def is_article(self, word: str) -> bool:
        return word.lower() in ARTICLES.get(self.lang, ())

    def is_common_word(self, word: str) -> bool:
        """Among the 500 most frequent words of the language."""
        return word.lower() in common_words(self.lang)

    def is_compound(self, word: str) -> bool:
        """Whether ``word`` reads as two frequent words written together (Dutch/German style).

        The first member may carry a linking ``s`` (``meldings|procedures``).
        """
        if self.lang not in COMPOUNDING_LANGS or not self.available:
            return False
        low = word.lower()
        for i in range(4, len(low) - 3):
            left, right = low[:i], low[i:]
            if self.zipf(right) < 3.0:
                continue
            if self.zipf(left) >= 3.0:
                return True
            if left.endswith("s") and len(left) >= 5 and self.zipf(left[:-1]) >= 3.0:
                return True
        return False


#: Languages that write compounds as one word.
COMPOUNDING_LANGS = frozenset({"nl", "de", "da", "sv", "nb", "is", "hu", "fi"})


@functools.cache
def function_words(lang: str) -> frozenset[str]:
    """The closed word classes of ``lang``: a curated set, or the 40 most frequent words."""
    if lang in FUNCTION_WORDS:
        return FUNCTION_WORDS[lang]
    if not has_lexicon(lang):
        return frozenset()
    return frozenset(frequencies.table(lang).top(40))


@functools.cache
def common_words(lang: str) -> frozenset[str]:
    """The 500 most frequent words of ``lang`` (empty without a lexicon)."""
    if not has_lexicon(lang):
        return frozenset()
    return frozenset(frequencies.table(lang).top(500))


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """A shared ``Lexicon`` per language."""
    return Lexicon(lang)
