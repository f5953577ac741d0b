"""Word-level OCR repairs checked against a frequency lexicon.

Each repair changes a word only when the lexicon clearly prefers the repaired form, so names,
numbers, abbreviations, compounds and text in other languages are left as they are.
"""

from __future__ import annotations

import re

from tmtool.clean.lexicon import COMPOUNDING_LANGS, Lexicon
from tmtool.clean.tracked import TrackedText


def _words(text: str) -> list[str]:
    """Split a space-separated word list."""
    return text.split()


_WORD = re.compile(r"[^\W\d_]+")

# --- words split by OCR: "gewel ddadige", "operationel e" -----------------------------------------

KNOWN = 2.0  # zipf at or above which a word counts as known
COMMON = 3.0  # zipf of a word that is clearly a word of the language


def join_split_words(t: TrackedText, lex: Lexicon) -> TrackedText:
    """Remove the space inside words that OCR split in two.

    "gewel ddadige" -> "gewelddadige": the joined form is a known word and the fragments are not
    (or the join is far more likely than the two words side by side).
    """
    if not lex.available:
        return t
    text = t.text
    tokens = list(_WORD.finditer(text))
    edits = []
    i = 0
    while i < len(tokens) - 1:
        a, b = tokens[i], tokens[i + 1]
        seam = None
        if a.end() + 1 == b.start() and text[a.end()] == " ":
            seam = _seam(text, a, b, lex)
        if seam is not None:
            edits.append((a.end(), b.start(), seam))
            i += 2
        else:
            i += 1
    return t.edit(edits) if edits else t


def _seam(text: str, a: re.Match[str], b: re.Match[str], lex: Lexicon) -> str | None:
    """What replaces the space between two fragments: "" (join), a lost letter, or None."""
    left, right = a.group(), b.group()
    if not right[0].islower() or (len(left) > 1 and left.isupper()):
        return None
    before = text[a.start() - 1] if a.start() else " "
    after = text[b.end()] if b.end() < len(text) else " "
    if before in "'’" or before.isdigit() or after in "-'’" or after.isdigit():
        return None
    if len(left) == 1 and _previous_char(text, a.start()) in ("'", "’", "½", "¼", "¾"):
        return None  # "' s", "l '"
    if len(left) == 1 and _previous_char(text, a.start()).isdigit():
        return None  # "50 m"
    if _should_join(left, right, lex):
        return ""
    return _lost_letter(left, right, lex)


def _previous_char(text: str, pos: int) -> str:
    pos -= 1
    while pos >= 0 and text[pos] == " ":
        pos -= 1
    return text[pos] if pos >= 0 else ""


def _lost_letter(left: str, right: str, lex: Lexicon) -> str | None:
    """ "vastbes oten" -> "vastbesloten": a letter lost with the space between two fragments."""
    if min(len(left), len(right)) < 3 or max(lex.zipf(left), lex.zipf(right)) >= 1.0:
        return None
    best, best_z = None, COMMON
    for letter in _ALPHABET:
        z = lex.zipf(left + letter + right)
        if z >= best_z:
            best, best_z = letter, z
    return best


_ALPHABET = "abcdefghijklmnopqrstuvwxyzéèëïöü"


def _should_join(left: str, right: str, lex: Lexicon) -> bool:
    joined = left + right
    z_left, z_right = lex.fragment_zipf(left), lex.fragment_zipf(right)
    z_joined = lex.zipf(joined)
    function_fragment = lex.is_function_word(left) or lex.is_function_word(right)
    if function_fragment:
        # "communicatiekanal en": only an unseen word may take a function word as its ending
        other = right if lex.is_function_word(left) else left
        z_other = lex.fragment_zipf(other)
        needed = 1.5 if z_other == 0.0 and len(other) >= 6 else KNOWN
        return len(other) > 1 and z_other < 1.5 and z_joined >= needed
    if z_joined < KNOWN:
        # "mel dingsprocedures" -> "meldingsprocedures": a compound of two common words, cut
        # into a short fragment and an unknown rest, neither of them a common word.
        short, rest = (left, right) if len(left) <= len(right) else (right, left)
        return (
            len(short) <= 4
            and lex.zipf(rest) < KNOWN
            and not lex.is_common_word(short)
            and lex.is_compound(joined)
        )
    gain = z_joined + 9.0 - (z_left + z_right)  # log10 odds of one word against two
    if gain < 1.0:
        return False
    if min(z_left, z_right) < COMMON:
        return True
    # two common words: a compound split by OCR in nl/de ("samen werking"); in en/fr an open
    # compound as written ("fund raising")
    return gain >= 3.0 and lex.lang in COMPOUNDING_LANGS


# --- words merged by OCR: "destrijd", "isin", "viainternet" -------------------------------------

#: Function words that OCR glues to the front of the next word ("de|strijd", "via|internet").
MERGE_PREFIXES: dict[str, list[str]] = {
    "nl": _words(
        "de het een en is te van via ons onze als die dat dit deze wij we zij ze hun zijn met"
    ),
    "fr": ["la", "le", "les", "du", "et", "une", "aux", "dans", "avec", "que", "qui", "est"],
    "en": ["the", "of", "and", "to", "for", "with", "is"],
    "de": ["der", "die", "das", "den", "dem", "des", "und", "ist", "für"],
}
#: Function words that OCR glues to the end of the previous word ("is|in", "voorwaarts|in").
MERGE_SUFFIXES: dict[str, list[str]] = {
    "nl": _words("in voor van op aan met om bij tot uit naar als die dat"),
    "fr": ["de", "la", "le", "les", "des", "du", "et"],
    "en": ["of", "the", "and", "to", "for", "with"],
    "de": ["der", "die", "das", "und", "mit", "von", "zu"],
}
#: Dutch inflected adjective endings: "gewelddadige|radicalisering" is two words, never a compound.
_NL_ADJECTIVE_END = re.compile(r"(?:ige|ische|ele|ale|lijke|ijke|ieve|ese|aire)$")


def split_merged_words(t: TrackedText, lex: Lexicon) -> TrackedText:
    """Put back the space OCR lost between two words ("destrijd" -> "de strijd").

    Only unknown words are split, and only next to a function word (or, in Dutch, after an
    inflected adjective), so that unknown compounds stay whole.
    """
    if not lex.available:
        return t
    text = t.text
    edits = []
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 4 or word.isupper() or any(c.isupper() for c in word[1:]):
            continue
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if before in "-'’" or after in "-'’" or before.isdigit() or after.isdigit():
            continue
        if lex.zipf(word) >= KNOWN:
            continue
        cut = _best_split(word, lex)
        if cut:
            edits.append((match.start() + cut, match.start() + cut, " "))
    return t.edit(edits) if edits else t


def _best_split(word: str, lex: Lexicon) -> int | None:
    low = word.lower()
    unseen = lex.zipf(word) == 0.0
    candidates: list[tuple[float, int]] = []
    for suffix in MERGE_SUFFIXES.get(lex.lang, ()):
        main = low[: -len(suffix)]
        if low.endswith(suffix) and len(main) >= 2:
            z_main = lex.zipf(main)
            if ((len(main) >= 3 or lex.lang == "nl") and z_main >= COMMON) or (
                len(main) >= 8 and lex.is_compound(main)
            ):
                candidates.append((min(max(z_main, KNOWN), lex.zipf(suffix)), len(main)))
    if unseen:
        capitalised = word[0].isupper()
        for prefix in MERGE_PREFIXES.get(lex.lang, ()):
            rest = low[len(prefix) :]
            if not low.startswith(prefix) or len(rest) < (7 if capitalised else 5):
                continue
            z_rest = lex.zipf(rest)
            if z_rest >= COMMON or (len(rest) >= 10 and z_rest >= KNOWN):
                candidates.append((min(z_rest, lex.zipf(prefix)), len(prefix)))
        # two function words: "inhet", "ofthe"
        for i in range(2, len(low) - 1 if lex.lang in ("nl", "en") else 0):
            if lex.is_function_word(low[:i]) and lex.is_function_word(low[i:]):
                candidates.append((min(lex.zipf(low[:i]), lex.zipf(low[i:])), i))
        if lex.lang == "nl":
            for i in range(5, len(low) - 4):
                left, rest = low[:i], low[i:]
                if _NL_ADJECTIVE_END.search(left) and min(lex.zipf(left), lex.zipf(rest)) >= COMMON:
                    candidates.append((min(lex.zipf(left), lex.zipf(rest)), i))
    if not candidates:
        return None
    return max(candidates)[1]


# --- letters misread by OCR: "Belgi&", "coérdinatie", "V66r", "S1S", "a's" ------------------------

#: (misread, meant) pairs; symbols and digits are tried on any rare word, letters on unknown ones.
CONFUSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "*": (
        ("1", "l"),
        ("1", "i"),
        ("0", "o"),
        ("rn", "m"),
        ("cl", "d"),
        ("l", "i"),
        ("i", "l"),
    ),
    "nl": (
        ("é", "ë"),
        ("é", "ö"),
        ("&", "ë"),
        ("d", "ö"),
        ("6", "ó"),
        ("6", "ö"),
        ("'", "l"),
        ("d", "s"),
        ("é", "ï"),
    ),
    "fr": (("6", "é"), ("&", "é"), ("é", "è")),
    "en": (),
    "de": (("d", "ö"), ("ii", "ü"), ("&", "ä")),
}
_SUSPECT = re.compile(r"[\d&'’]")
# letters with digits, "&" or an apostrophe inside or at the end: "V66r", "S1S", "Belgi&", "a's"
_CONFUSABLE = re.compile(r"(?<![\w&'’])[^\W\d_](?:[\w&'’]*[^\W\d_]|[\w'’]*&)?(?![\w&])")


def fix_confusions(t: TrackedText, lex: Lexicon) -> TrackedText:
    """Replace a rare or unknown word by a frequent one that differs by a typical OCR misreading."""
    if not lex.available:
        return t
    pairs = CONFUSIONS["*"] + CONFUSIONS.get(lex.lang, ())
    text = t.text
    edits = []
    for match in _CONFUSABLE.finditer(text):
        word = match.group()
        if sum(c.isalpha() for c in word) < 2 or "_" in word:
            continue
        suspect = bool(_SUSPECT.search(word))
        if not suspect and word.isupper():
            continue  # acronyms: only digits inside them are misreadings ("S1S")
        z_word = lex.zipf(word) if not re.search(r"[\d&]", word) else 0.0
        if z_word >= COMMON or (not suspect and z_word >= 1.5):
            continue
        best = _best_confusion(word, pairs, lex, letters=not suspect)
        if best and lex.zipf(best) - z_word >= (2.5 if suspect else 3.0):
            edits.append((match.start(), match.end(), best))
    return t.edit(edits) if edits else t


def _best_confusion(
    word: str, pairs: tuple[tuple[str, str], ...], lex: Lexicon, *, letters: bool
) -> str | None:
    best, best_z = None, COMMON - 0.01
    for candidate in _candidates(word, pairs, letters=letters):
        if re.search(r"[\d&]", candidate):
            continue
        z = lex.zipf(candidate)
        if z > best_z:
            best, best_z = candidate, z
    return best


def _candidates(word: str, pairs: tuple[tuple[str, str], ...], *, letters: bool):
    for wrong, right in pairs:
        if letters != wrong.isalpha() or wrong not in word.lower():
            continue
        low = word.lower()
        yield _match_case(word, low.replace(wrong, right.lower()))
        start = low.find(wrong)
        while start != -1:
            yield _match_case(word, low[:start] + right.lower() + low[start + len(wrong) :])
            start = low.find(wrong, start + 1)


def _match_case(source: str, candidate: str) -> str:
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return candidate.upper()
    if source[0].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


MONTHS: dict[str, tuple[str, ...]] = {
    "nl": tuple(
        _words(
            "januari februari maart april mei juni juli augustus september oktober november "
            "december"
        )
    ),
    "fr": tuple(
        _words(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        )
    ),
    "en": tuple(
        _words(
            "january february march april may june july august september october november december"
        )
    ),
    "de": tuple(
        _words("januar februar märz april mai juni juli august september oktober november dezember")
    ),
}
_DAY_AND_WORD = re.compile(r"\b([0-3]?\d)(\s+)([^\W\d_]{3,})\b")


def fix_months(t: TrackedText, lex: Lexicon) -> TrackedText:
    """A misread month after a day number: "29 mel 2018" -> "29 mei 2018"."""
    months = MONTHS.get(lex.lang)
    if not months:
        return t
    pairs = CONFUSIONS["*"] + CONFUSIONS.get(lex.lang, ())
    edits = []
    for match in _DAY_AND_WORD.finditer(t.text):
        word = match.group(3)
        if word.lower() in months or not 1 <= int(match.group(1)) <= 31:
            continue
        for letters in (True, False):
            found = [c for c in _candidates(word, pairs, letters=letters) if c.lower() in months]
            if found:
                edits.append((match.start(3), match.end(3), found[0]))
                break
    return t.edit(edits) if edits else t
