"""Forms of one word that the lemmatiser leaves apart, grouped by their shared stem.

simplemma's dictionaries hold the common forms of a word; in languages that inflect nouns with
case endings, possessives or a suffixed article, many forms a text uses are missing (Icelandic
``minnkurinn`` beside ``minnkur``, ``víxlmælirinn`` beside ``víxlmæli``; Hungarian
``fotókiállítása`` beside ``fotókiállítás``), and each such form is a lemma of its own. A term's
rendering written in two forms then shares no target phrase between the term's units, or its
counts are split over forms and it falls under the score cut.

In those languages (``SUFFIXING``), a target-side lemma that is another lemma of at least
``MIN_STEM`` letters plus an ending of at most ``MAX_ENDING`` letters is counted as that lemma,
unless the ending derives another word, the two differ in case (a name and a word made from
it), or the longer one is a headword of the dictionary (a word in its own right). It is a
suffix-stripping stemmer whose stems are the memory's own words, so it needs no rules per
language (Snowball has none for Icelandic) and never strips a word to a non-word. Only the
counting changes: every form is still written as the text writes it, the glossary shows a real
form (the stem where the units write it: ``Vocabulary.as_lemma``), and the lemmas grouped into
a rendering's are listed as its other keys, so that search spots them. Dutch, French, English
and German are not in the list: simplemma's dictionaries cover their few endings.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import simplemma

from tmtool.terms.sides import Side
from tmtool.terms.text import fold

#: languages whose nouns take case endings, possessive endings or a suffixed article, which a
#: dictionary lemmatiser covers only in part
SUFFIXING = frozenset(
    {"hu", "fi", "et", "tr", "is", "ro", "bg", "mk", "sq", "sv", "da", "nb", "nn", "no", "lv"}
    | {"lt", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "ru", "uk", "be", "el"}
)
#: the shortest stem a form is grouped with (shorter words are often another word's start:
#: Hungarian ``párt`` "party" in ``párttag`` "party member")
MIN_STEM = 5
#: the longest ending: Icelandic ``-inn``, ``-num``, ``-nar`` (suffixed article), Hungarian
#: ``-ban``, ``-nak``, ``-ról`` (cases); longer ones are more often a compound's second word
MAX_ENDING = 3
#: endings of at most ``variants.FORM_ENDING_CHARS`` letters (accents folded) that derive
#: another word, mostly of another class, not a form of the same word (kept apart here and in
#: ``variants.one_word``; here, below the corpus, so both read them): Hungarian adjectives in -i
#: (``pekingi``, ``iraki``, ``tavaszi``), -s/-as/-es/-os (``pintes``, ``egyenruhás``), -ú/-ű
#: (``színű``), participles in -ó/-ő (``sértő``) and nouns in -ás/-és; English adjectives and
#: demonyms in -n/-an/-i/-ic/-al/-en and agent nouns in -er, adverbs in -ly; French adjectives
#: in -n/-en/-al/-el/-if (``italien``, ``national``, ``sportif``). Longer derivations (English
#: -ian/-ese, French -ien) leave more than ``variants.FORM_ENDING_CHARS`` letters anyway.
DERIVATION_ENDINGS = {
    "hu": frozenset({"i", "s", "as", "es", "os", "u", "o"}),
    "en": frozenset({"n", "an", "i", "ic", "al", "en", "er", "ly"}),
    "fr": frozenset({"n", "en", "al", "el", "if"}),
}


def group_suffixed_forms(side: Side) -> dict[int, list[int]]:
    """Count each lemma that is another lemma plus an inflectional ending as that lemma
    (``Vocabulary.lemma_of``); returns the groups, stem lemma → the lemma ids grouped in it.

    A lemma joins the shortest lemma that starts it with at most ``MAX_ENDING`` letters left
    (``minnkur`` + ``inn``; accents as written), that is at least ``MIN_STEM`` letters long,
    and written with a capital as often (a name and a word made from it, ``Budapest`` and
    ``budapesti``, stay apart; a lemma seen only first in a sentence fits either); an ending
    that derives another word in the language (``DERIVATION_ENDINGS``: Hungarian
    adjectives in -i) keeps them apart too, and so does a longer lemma that is a headword of
    the dictionary. The longer lemma may be one of the guessed function words of a language
    without a word file (wordfreq's most frequent words: Icelandic ``íslands``)."""
    vocab = side.vocab
    if vocab.lang.code not in SUFFIXING:
        return {}
    derivations = DERIVATION_ENDINGS.get(vocab.lang.code, frozenset())
    lemmas = vocab.lemmas
    occurrences, inside, capitals = _capitals(side)
    words = {
        lemmas[lemma]: lemma
        for lemma in sorted(occurrences)
        if vocab.edge_ok[lemma] and lemmas[lemma].isalpha() and len(lemmas[lemma]) >= MIN_STEM
    }

    def same_case(a: int, b: int) -> bool:
        # a lemma seen only first in a sentence, where a capital says nothing, fits either
        names = {2 * capitals[x] > inside[x] for x in (a, b) if inside[x]}
        return len(names) < 2

    # a guessed function word (wordfreq's most frequent words,
    # ``content_words.restore_content_words``) that is a content word plus an ending is a form of
    # it (Icelandic ``íslands``, "of Iceland")
    guessed = vocab.lang.stopwords if vocab.lang.guessed_function_words else frozenset()
    forms = {
        **{
            lemmas[lemma]: lemma
            for lemma in sorted(occurrences)
            if lemmas[lemma] in guessed and lemmas[lemma].isalpha() and not vocab.edge_ok[lemma]
        },
        **words,
    }
    remap: dict[int, int] = {}
    for text, lemma in sorted(forms.items(), key=lambda item: len(item[0])):
        for size in range(max(MIN_STEM, len(text) - MAX_ENDING), len(text)):
            stem = words.get(text[:size])
            if (
                stem is not None
                and same_case(stem, lemma)
                and fold(text[size:]) not in derivations
                and not _headword(text, vocab.lang.code)
            ):
                remap[lemma] = remap.get(stem, stem)
                break
    groups: dict[int, list[int]] = defaultdict(list)
    for lemma, stem in remap.items():
        groups[stem].append(lemma)
    if remap:
        lemma_of = vocab.lemma_of
        for surface, lemma in enumerate(lemma_of):
            lemma_of[surface] = remap.get(lemma, lemma)
    return {stem: [stem, *sorted(members)] for stem, members in groups.items()}


def _capitals(side: Side) -> tuple[Counter[int], Counter[int], Counter[int]]:
    """Occurrences of each lemma, those inside a sentence, and how many of these are
    capitalised (a sentence's first word says nothing about a word's case)."""
    occurrences: Counter[int] = Counter()
    inside: Counter[int] = Counter()
    capitals: Counter[int] = Counter()
    lemma_of, surfaces = side.vocab.lemma_of, side.vocab.surfaces
    capitalised = [surface[:1].isupper() for surface in surfaces]
    starts = set(side.starts)
    previous = -1
    for at, word in enumerate(side.words):
        if word >= 0:
            lemma = lemma_of[word]
            occurrences[lemma] += 1
            if at not in starts and previous >= 0:
                inside[lemma] += 1
                capitals[lemma] += capitalised[word]
        previous = word
    return occurrences, inside, capitals


def grouped_keys(grouped: dict[int, list[int]], key: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The keys a key stands for through its grouped words: each grouped word replaced by each
    of its other forms, one word at a time (``minnkur`` → ``minnkurinn``), so that spotting,
    which lemmatises a text without the grouping, finds every form."""
    out = []
    for at, lemma in enumerate(key):
        for member in grouped.get(lemma, ()):
            if member != lemma:
                out.append((*key[:at], member, *key[at + 1 :]))
    return out


def _headword(text: str, code: str) -> bool:
    """Whether a lowercased word is a headword of simplemma's dictionary (a word in its own
    right: Hungarian ``művészet`` "art", not a case of ``művész`` "artist")."""
    try:
        known = simplemma.is_known(text, lang=code)
        return known and simplemma.lemmatize(text, lang=code).lower() == text
    except (ValueError, KeyError):  # a language simplemma has no dictionary for
        return False
