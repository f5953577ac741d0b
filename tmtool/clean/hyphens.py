"""Line-end hyphens: a word broken across two lines, or a word that really has a hyphen?

The evidence, strongest first: the document itself (the same word written unbroken, or with its
hyphen, on one line elsewhere), the shape of the two halves (acronyms, names, single letters),
the lexicon (the joined word is known; in nl/de a compound of known parts is the rule), and
spelling rules (nl/de write a hyphen where two vowels would clash: "informatie-uitwisseling").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tmtool.clean.lexicon import COMPOUNDING_LANGS, Lexicon

#: Conjunctions after a suspended compound: "veiligheids- en inlichtingendiensten".
CONJUNCTIONS = frozenset({"en", "of", "et", "ou", "and", "or", "und", "oder", "sowie", "bzw"})
#: Prefixes that keep their hyphen before a known word ("niet-gouvernementele", "ex-president").
HYPHEN_PREFIXES: dict[str, frozenset[str]] = {
    "nl": frozenset({"niet", "oud", "ex", "vice", "non", "extra", "semi"}),
    "de": frozenset({"ex", "nicht", "vize", "non"}),
    "fr": frozenset({"ex", "vice", "non", "demi", "semi", "mi", "sous", "après", "avant"}),
    "en": frozenset({"ex", "non", "self", "co", "vice", "semi", "anti", "re", "post"}),
}
#: Second parts that keep the hyphen after a known word: Dutch postposed adjectives.
HYPHEN_HEADS: dict[str, frozenset[str]] = {"nl": frozenset({"generaal"})}
_VOWELS = frozenset("aeiouyáéíóúàèìòùâêîôûäëïöü")
#: Dutch vowel pairs read as one sound: a compound whose parts meet on one takes a hyphen.
_NL_DIGRAPHS = frozenset(
    ["aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ij", "oe", "oi", "oo", "ou", "ui", "uu"]
)
_WORD = re.compile(r"[^\W\d_]+")
#: A word broken at a line end: the two fragments are no evidence of what the document writes.
_BROKEN = re.compile(r"[^\W\d_]+-\n[ \f\n]*[^\W\d_]*")
_HYPHENATED = re.compile(r"(?<![\w-])([^\W\d_]+)-([^\W\d_]+)(?![\w-])")
KNOWN_PART = 3.0  # zipf of a word that counts as a known part of a compound
KNOWN_WORD = 2.0  # zipf of a word that is a word of the language, however rare


@dataclass(frozen=True)
class Vocabulary:
    """What a document writes on one line: its words, and its hyphenated forms ("eu-land")."""

    words: frozenset[str] = frozenset()
    hyphenated: frozenset[str] = frozenset()
    lower_case: frozenset[str] = frozenset()  # words also written in lower case (no names)

    @classmethod
    def of(cls, text: str) -> Vocabulary:
        """The vocabulary of ``text``, leaving out words broken at a line end."""
        whole = _BROKEN.sub(" ", text)
        found = _WORD.findall(whole)
        words = frozenset(w.lower() for w in found)
        lower_case = frozenset(w for w in found if w.islower())
        hyphenated = frozenset(f"{a}-{b}".lower() for a, b in _HYPHENATED.findall(whole))
        return cls(words, hyphenated, lower_case)


def dehyphenate(left: str, right: str, lex: Lexicon, vocab: Vocabulary | None = None) -> str:
    """Decide what a line-end hyphen between the letters ``left`` and ``right`` was.

    "join": a word broken across lines ("versterk-" + "en", "afzetbevorderings-" + "acties");
    "keep": a word written with a hyphen ("EU-" + "land", "informatie-" + "uitwisseling");
    "suspend": a shortened compound before a conjunction ("veiligheids-" + "en ...").
    """
    vocab = vocab or Vocabulary()
    joined = (left + right).lower()
    if right.lower() in CONJUNCTIONS:
        # "versterk-" + "en" is a word; "veiligheids-" + "en" opens a suspended compound
        return "join" if joined in vocab.words or lex.zipf(joined) >= 2.0 else "suspend"
    if f"{left}-{right}".lower() in vocab.hyphenated:
        return "keep"
    if joined in vocab.words:
        return "join"
    if right[:1].isupper() or len(left) == 1 or (len(left) > 1 and left.isupper()):
        return "keep"  # "Noord-Brabant", "e-mail", "EU-land"
    compounding = lex.lang in COMPOUNDING_LANGS
    left_known = _known(left, lex, vocab)
    right_known = _known(right, lex, vocab)
    z_joined = lex.zipf(joined)
    prefix = left.lower() in HYPHEN_PREFIXES.get(lex.lang, ()) and z_joined < 3.0
    if prefix and (_both_words(left, right, lex, vocab) or lex.is_compound(right)):
        return "keep"  # "niet-voedingsproducten", "ex-president"
    if not compounding and left_known and right_known and z_joined < 3.5:
        # "far-sighted", "spring-time": both spellings exist; the hyphen is real unless the
        # joined word is the more frequent spelling ("ado-" + "ration")
        return "join" if z_joined > _hyphenated_zipf(left, right, lex) else "keep"
    if z_joined >= 2.0:
        return "join"
    if right.lower() in HYPHEN_HEADS.get(lex.lang, ()) and left_known:
        return "keep"  # "advocaat-generaal": a noun and the adjective after it
    name = left[0].isupper() and left.lower() not in vocab.lower_case
    if compounding and name:
        # a name before a common noun keeps its hyphen ("Schengen-informatiesysteem"); a
        # capitalised syllable does not ("Molda-" + "vische")
        known = [lex.zipf(part) >= 2.0 or part.lower() in vocab.words for part in (left, right)]
        return "keep" if all(known) else "join"
    if compounding:
        # nl/de write a hyphen where two vowels meet ("radio-uitzending"), and nl must where
        # they would be read as one sound ("synergie-effecten", "zee-egel"), rare words too
        clash = left[-1].lower() in _VOWELS and right[0].lower() in _VOWELS
        digraph = lex.lang == "nl" and (left[-1] + right[0]).lower() in _NL_DIGRAPHS
        if (clash and left_known and right_known) or (
            digraph and _both_words(left, right, lex, vocab)
        ):
            return "keep"
        return "join"
    # fr/en do not write new closed compounds: two real words keep their hyphen ("nord-est"),
    # also rarer ones when the joined form is no word at all ("great-heartedness"); a syllable
    # is no word ("gouver-")
    if left_known and right_known:
        return "keep"
    return "keep" if z_joined == 0.0 and _both_words(left, right, lex, vocab) else "join"


def _both_words(left: str, right: str, lex: Lexicon, vocab: Vocabulary) -> bool:
    """Both halves are words of the language, however rare (not syllables)."""
    return all(
        len(part) > 1 and (lex.zipf(part) >= KNOWN_WORD or part.lower() in vocab.words)
        for part in (left, right)
    )


def _hyphenated_zipf(left: str, right: str, lex: Lexicon) -> float:
    """The frequency of "left-right" as wordfreq estimates a hyphenated form from its parts
    (1/f = 1/f_left + 1/f_right)."""
    z_left, z_right = lex.zipf(left), lex.zipf(right)
    if not z_left or not z_right:
        return 0.0
    return -math.log10(10**-z_left + 10**-z_right)


def _known(word: str, lex: Lexicon, vocab: Vocabulary) -> bool:
    low = word.lower()
    return len(low) > 1 and (lex.zipf(low) >= KNOWN_PART or low in vocab.words)
