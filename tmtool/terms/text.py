"""Words of one language for term work: tokens with offsets, function words and lemmas.

Lemmas come from ``simplemma`` (MIT, dictionaries for nl/fr/en and ~50 other languages inside the
wheel, no download, ~1 µs a word once cached). It was chosen over rules because Dutch plurals and
adjective endings (``lidstaten`` → ``lidstaat``, ``Europese`` → ``europees``) and French plurals
(``États membres`` → ``état membre``) are irregular enough that suffix rules both miss and
over-merge, and over a statistical model because it needs no model file and is fast enough for a
100,000-unit memory. Dutch compounds the dictionary lacks are lemmatised on their head
(``Language.compound_lemma``: ``vergaderperioden`` → ``vergaderperiode``), hyphenated ones on the
part after the hyphen, read as a noun (``Language.hyphenated_lemma``: ``EP-leden`` → ``ep-lid``,
not simplemma's verb reading ``ep-lijden``). A phrase's *key* is the sequence of its words'
lowercased lemmas, so the inflected forms of a term share one key.

Function words (``stopwords/<lang>.txt`` for nl/fr/en/de; wordfreq's 100 most frequent words
for other languages, less those a memory aligns with one content word of another language, see
``content_words.restore_content_words``) never stand at a term's edges; only the prepositions,
articles and conjunctions of the file's ``inside:`` line may stand inside one (``Hof van
Justitie``), so relative clauses and verb phrases (``amendementen die de Commissie``) are not
candidates. The first part of a coordinated compound (``voorlichtings-`` in ``voorlichtings- en
afzetacties``) counts as a function word: it is not a word on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import simplemma
import wordfreq
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

from tmtool import frequencies

#: the bracketed acronym of an EU act reference, with its number sign: ``(EU)``, ``(EG) nr.``,
#: ``(CE) n°``, ``(EC) No`` in ``Verordening (EU) 2016/679``, ``règlement (CE) n° 1049/2001``,
#: ``Regulation (EC) No 1049/2001``. Brackets hold one here only when they hold 2-5 upper-case
#: letters and nothing else, directly after a word and directly before a number with a slash;
#: every other bracket still breaks a phrase (``(zie bijlage)``, ``(2019)``, ``Unie (EU) is``).
#: The bracket comes first and the word before it is checked behind it: the scan tries this at
#: every character, and so costs one comparison where no bracket stands
_ACT_SIGN = r"\((?<=[^\W\d_]\s\()[A-Z]{2,5}\)(?:\s[Nn](?:[Rr]|[Oo]|[°º])\.?)?(?=\s\d+/\d)"
#: words, hyphenated compounds (``advocaat-generaal``) and words with an inner apostrophe after at
#: least three letters (``collega's``, ``aujourd'hui``); ``l'Union`` splits into ``l`` + ``Union``;
#: a number with slashes or inner dots is one word (``2016/679``, ``95/46/EG``, ``3.2``), so that
#: a reference is whole (``richtlijn 95/46/EG``, not ``richtlijn 95``); an act's bracketed
#: acronym is one word (``_ACT_SIGN``), so that ``Verordening (EU) 2016/679`` is whole too
_WORD = re.compile(
    _ACT_SIGN + r"|\d+(?:/[^\W_]+|\.\d+)+"
    r"|[^\W_]+(?:-[^\W_]+)*(?:['’](?<=[^\W_]{3}['’])[^\W_]{2,})?|[^\W_]+"
)
#: a number, or a reference made of numbers (``5``, ``2030``, ``2016/679``, ``95/46/EG``): never
#: a term alone, but it may end one after a content word (``windows.windows``: ``artikel 5``,
#: ``Agenda 2030``, ``Room 101``); not an ordinal (``50th``, ``3e``)
_NUMBER = re.compile(r"\d+(?:[./][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
#: languages that write every noun with a capital: the capital is part of the word's identity
#: (simplemma's German dictionary knows ``Gipfel``/``Berge`` but lemmatises ``gipfel`` as a verb),
#: and a word written in lower case is never a noun, so it never ends a term
NOUN_CAPITALS = frozenset({"de", "lb"})
#: endings of an attributive adjective or participle in those languages (``alpinen Klub``)
_ATTRIBUTIVE_ENDINGS = ("e", "en", "er", "es", "em")
#: English adverbs made from adjectives (``indifferently``, ``invariably``, ``carefully``,
#: ``sleepily``) or participles (``abstractedly``, ``reportedly``; ``helplessly``): never in a
#: term; long words only, so that nouns such as ``ally`` or ``family`` stay. By spelling alone,
#: for every word as it is read; ``word_classes.form_flags._ly_of_a_word`` judges the other -ly
#: words (``simply``, ``monthly``) by their stem's frequency, as modifiers the memory may still
#: show as heads
_EN_ADVERB_ENDINGS = (
    "ently", "antly", "ably", "ibly", "ively", "fully", "ously", "ally", "ingly", "ily", "edly",
    "lessly",
)  # fmt: skip
_EN_ADVERB_MIN_CHARS = 7
#: endings of English irregular plurals and British spellings that simplemma maps to another
#: lemma (``women``, ``feet``, ``teeth``, ``mice``, ``media``, ``nuclei``, ``centimetre``) and
#: of forms in -s or -er (``worse``, ``dice``): not past forms of a verb
_EN_IRREGULAR_PLURAL_ENDINGS = (
    "men",
    "eet",
    "eeth",
    "ice",
    "a",
    "i",
    "ae",
    "re",
    "s",
    "se",
    "er",
    "ing",
    "ed",
)
#: languages whose infinitives in -en are their own lemma and differ from their nouns' plurals
#: only there (simplemma maps ``landen`` to ``land``): Dutch
_INFINITIVES_AS_LEMMAS = frozenset({"nl"})
#: languages that write compounds as one word and inflect them on their last part, the head
#: (``vergaderperioden``, ``afzetbevorderingsacties``): a compound the dictionary lacks takes
#: its known head's singular (``Language.compound_lemma``)
_COMPOUND_HEAD_PLURALS = frozenset({"nl"})
#: the endings of those plurals (``perioden``, ``periodes``, ``acties``)
_PLURAL_ENDINGS = ("en", "s")
#: the shortest compound head (``acties`` in ``afzetbevorderingsacties``), and the shortest piece
#: of a compound that counts as a word of its own (``equivalents.parts``, ``copied_piece``, forms
#: in ``variants``): four letters or fewer are as often an ending
MIN_HEAD_CHARS = 4
#: shortest Dutch form taken for an infinitive (``Language.infinitive_like``; not ``zien``)
_NL_INFINITIVE_MIN_CHARS = 6
#: letters a language also writes in an older or fallback form, mapped to the form its
#: dictionary and word lists use: Romanian ``ş``/``ţ`` (s/t with cedilla, from the legacy
#: code pages; 1984's Romanian text has only these) for ``ș``/``ț`` (with comma below), without
#: which simplemma knows neither ``poliţia`` nor ``frăţia`` and ``şi`` is no function word
_SPELLING_VARIANTS = {"ro": str.maketrans("şţŞŢ", "șțȘȚ")}
#: English adjectives in -ous (``monstrous``, ``dangerous``) stand first in a term, never last
_EN_ADJECTIVE_MIN_CHARS = 6


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    surface: str
    lemma: str  # lowercased lemma
    stop: bool  # a function word
    inside_ok: bool  # may stand inside a term
    gap: str  # what separates it from the previous token (" ", "", "'", ...), for display


class Language:
    """Tokenizer, function words and lemmatiser of one language (cached per code)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.stopwords, self.inside, self.coordinators = _function_words(code)
        listed = _word_lists(code)
        labelled = listed or {}
        #: words after which a number counts, dates or pages (``counting:`` line of the word
        #: file: ``juni 2020``, ``pagina 12``, ``EUR 15``) or before which it measures (``3905 m``,
        #: ``15 procent``): such a number is no part of a name (``windows.windows``)
        self.counting = labelled.get("counting:", frozenset())
        #: the function words are wordfreq's most frequent words, not a file: some are content
        #: words (``magyar``, ``íslands``), which ``content_words.restore_content_words`` gives
        #: back
        self.guessed_function_words = listed is None
        #: lemmatise greedily: simplemma then strips the endings of words its dictionary lacks
        #: (Icelandic ``ráðherranefndarinnar`` → ``ráðherranefnd``, ``víxlmælirinn`` →
        #: ``víxlmælir``); the languages with a word file keep the checked plain lookup
        self.greedy = self.guessed_function_words
        #: words after which a verb stands (``verb-context:``: subject pronouns and modals, ``we
        #: take``, ``will go``), words after which a noun stands (``noun-context:``: determiners,
        #: ``the war``) and infinitive markers (``infinitive-marker:``: ``to``, which a verb
        #: follows, ``to shoot``, but also a noun, ``access to information``); empty for
        #: languages whose file has no such lines
        self.verb_contexts = labelled.get("verb-context:", frozenset())
        self.noun_contexts = labelled.get("noun-context:", frozenset())
        self.infinitive_markers = labelled.get("infinitive-marker:", frozenset())
        #: words that grade adjectives and adverbs, not nouns (``very long``, ``too difficult``;
        #: ``degree:`` line of the word file): a word seen after one is no noun
        self.degree_words = labelled.get("degree:", frozenset())
        #: ordinal numbers (``ordinals:`` line): they may start a term (``third millennium``,
        #: ``derde landen``) but never end one, so an ordinal is no term alone
        self.ordinals = labelled.get("ordinals:", frozenset())
        #: object pronouns (``verb-object:`` line): a word right before one is a verb (``drag
        #: me``, ``tell them``), as a word after a verb context is
        self.verb_objects = labelled.get("verb-object:", frozenset())
        #: compass directions (``directions:`` line): parts of names and terms (``Middle East``,
        #: ``North Sea``, ``south coast``) but no term alone
        self.directions = labelled.get("directions:", frozenset())
        #: number words and counting quantifiers (``quantities:`` line; function words, so their
        #: own lemmas): a noun after one is counted (``twenty grammes``, ``a few centimetres``),
        #: and the word before its rendering renders the count (``whole._Context``)
        self.quantities = labelled.get("quantities:", frozenset())
        #: separable-verb particles (``separable:``) and the words that open what follows a
        #: particle closing its clause (``after-separable:``): a word right before both is the
        #: particle's finite verb (Dutch ``roepen op tot``, ``komen overeen om``)
        self.separable_particles = labelled.get("separable:", frozenset())
        self.after_separable = labelled.get("after-separable:", frozenset())
        #: fixed expressions whose content words are no term there (``frames:``, words joined by
        #: ``_``: Dutch ``door_middel_van``, ``in_het_kader_van``): a complex
        #: preposition or adverbial, whose noun names nothing (``sides.Side.add``)
        self.frames = _frames(labelled.get("frames:", frozenset()))
        #: complex prepositions a noun takes to make a term (``inner-frames:``: Dutch
        #: ``op_het_gebied_van``, ``op_grond_van``): their content words name nothing there, so
        #: no term starts or ends on one (``gebied van veiligheid``), but a term may hold the
        #: whole frame (``samenwerking op het gebied van justitie``, ``discriminatie op grond
        #: van leeftijd``; ``sides.Side.add``)
        self.inner_frames = _frames(labelled.get("inner-frames:", frozenset()))
        self.frame_words = frozenset(
            word
            for frame in self.frames + self.inner_frames
            for word in frame
            if word not in self.stopwords
        )
        #: content word of a frame → (frame, its place in the frame, whether a term may hold
        #: the frame whole) for each frame it is in
        self.frame_places: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {
            word: [
                (frame, offset, inner)
                for frames, inner in ((self.frames, False), (self.inner_frames, True))
                for frame in frames
                for offset, part in enumerate(frame)
                if part == word
            ]
            for word in self.frame_words
        }
        #: light-verb idioms (``light-verbs:``, noun_verb_preposition: Dutch
        #: ``beroep_doen_op``, ``gebruik_maken_van``): where the noun stands with its verb it
        #: names nothing (``een beroep doen op``, ``maken ten volle gebruik van``), so it stands
        #: in no term there (``sides.Side.add``); noun → (verb's lemma, preposition) pairs
        self.light_verbs: dict[str, list[tuple[str, str]]] = {}
        for idiom in sorted(labelled.get("light-verbs:", frozenset())):
            noun, verb, preposition = idiom.split("_")
            self.light_verbs.setdefault(noun, []).append((verb, preposition))
        #: prepositions that place what precedes them (``place-prepositions:``: Dutch and English
        #: ``in``): one before a capitalised last word locates a thing at a named place
        #: (``verbindingsmagistraat in België``), which is no part of the thing's term
        self.place_prepositions = labelled.get("place-prepositions:", frozenset())
        #: modal verbs (``modals:``): a lower-case -en word right after one and before a
        #: preposition or punctuation is the clause's infinitive (``moet bijdragen aan``)
        self.modals = labelled.get("modals:", frozenset())
        #: infinitives are written as their own lemma (``infinitive_like``)
        self.infinitives_as_lemmas = code in _INFINITIVES_AS_LEMMAS
        self._lemmatise = _simplemma_supports(code)
        self._spelling = _SPELLING_VARIANTS.get(code)
        self._lemmas: dict[str, str] = {}

    def lemma(self, word: str) -> str:
        """The lowercased lemma of a word (the word itself when the language has no lemmatiser).

        Words are lowercased first, except capitalised words of a language that capitalises
        nouns (``NOUN_CAPITALS``), whose dictionary entries are the capitalised forms, and which
        are looked up greedily (compounds)."""
        found = self._lemmas.get(word)
        if found is None:
            key = word
            if self._spelling is not None:
                word = word.translate(self._spelling)
            lower = word.lower()
            noun = self.code in NOUN_CAPITALS and word[:1].isupper()
            found = lower
            if self._lemmatise and _LETTER.search(lower):
                # greedy: simplemma decomposes a compound its dictionary lacks (Seillängen →
                # Seillänge, Nadelhorns → Nadelhorn); German compounds are mostly such nouns
                lemma = simplemma.lemmatize(
                    word if noun else lower, lang=self.code, greedy=noun or self.greedy
                )
                found = lemma.lower()
                if self.code in _COMPOUND_HEAD_PLURALS:
                    if "-" in lower:
                        found = self.hyphenated_lemma(lower, found)
                    elif found == lower:
                        found = self.compound_lemma(lower)
                if found == lower or (self.code == "en" and english_participle(lower)):
                    # one string object, not two equal ones; an English -ed form is its own
                    # lemma: it never ends a term (``word_form``), and its verb's lemma is
                    # often a noun that does (``pointed`` → ``point``)
                    found = lower
            if len(self._lemmas) >= 20_000:  # bounded: the corpus keeps its own vocabulary
                self._lemmas.clear()
            self._lemmas[key] = found
        return found

    def compound_lemma(self, lower: str) -> str:
        """The lemma of a compound the dictionary lacks, from its head: the longest last part it
        knows, when that part is a plural noun (``perioden`` → ``periode``, so ``vergaderperioden``
        → ``vergaderperiode``, grouped with the singular the memory also writes). A head read as a
        verb form (``leden`` → ``lijden``, ``Language.word_form``) or an adjective's inflection,
        or a head that is its own lemma, leaves the word as it is."""
        if (
            not lower.endswith(_PLURAL_ENDINGS)
            or not lower.isalpha()
            or simplemma.is_known(lower, lang=self.code)
        ):
            return lower
        for start in head_cuts(lower):
            head = lower[start:]
            if simplemma.is_known(head, lang=self.code):
                singular = simplemma.lemmatize(head, lang=self.code).lower()
                if singular != head and not self.word_form(head, singular):
                    return lower[:start] + singular
                return lower
        return lower

    def hyphenated_lemma(self, lower: str, found: str) -> str:
        """The lemma of a Dutch hyphenated compound, read from its head (``EP-leden`` → ``ep-lid``).

        The part after the last hyphen is the head of the compound, and a compound whose head
        is a noun is a noun (``EP-leden``, ``ACV-leden``, ``NAVO-toppen``): simplemma, which
        lemmatises such a word by its last part, gives ``leden`` its verb reading (a past form
        of ``lijden``), so ``EP-leden`` became ``ep-lijden``, a verb form no term holds and
        apart from its singular ``EP-lid``. The head then takes the lemma the dictionary gives
        it inside its own compounds (``bestuursleden`` → ``bestuurslid``: ``lid``,
        ``_compound_head_noun``); a head those compounds do not read as one noun (a real verb
        such as ``e-mailden``) leaves simplemma's lemma. A head the dictionary lacks, which
        simplemma leaves as it is, takes its own lemma (``compound_lemma``: ``NAVO-
        defensieministers`` → ``navo-defensieminister``, ``OCAD-dreigingsanalyses`` →
        ``ocad-dreigingsanalyse``), as the same head written without the first part would."""
        first, _, head = lower.rpartition("-")
        if len(head) < MIN_HEAD_CHARS or not head.isalpha():
            return found
        head_lemma = self.lemma(head)
        form = self.word_form(head, head_lemma)
        if form == "verb":
            noun = _compound_head_noun(head, head_lemma, self.code)
            return found if noun is None else f"{first}-{noun}"
        if found == lower and not form and head_lemma != head:
            return f"{first}-{head_lemma}"  # a head simplemma lacks: ``compound_lemma``'s
        return found

    def as_lemma(self, surface: str) -> bool | None:
        """Whether a form is written as its own lemma (its dictionary form): ``kantin``, not
        ``kantinban``; case and the language's older spellings (``ş`` for ``ș``) aside. None
        when the lemma says nothing: an English -ing form (``learning``, ``controlling``) is a
        noun or a verb form, and simplemma gives both their verb's lemma (``learn``)."""
        if self.code == "en" and surface.lower().endswith("ing"):
            return None
        return self.lowered(surface) == self.lemma(surface)

    def lowered(self, surface: str) -> str:
        """A form in lower case, in the spelling the language's dictionary uses (``ș`` for
        ``ş``): how ``as_lemma`` and ``describe`` compare it with lemmas and word lists."""
        lower = surface.lower()
        return lower if self._spelling is None else lower.translate(self._spelling)

    def word_form(self, surface: str, lemma: str) -> str:
        """What a form says about its word class, for term edges ("" when nothing).

        - "adjective": fine inside or first (``Europese Unie``), never last or alone. Dutch: the
          lemma plus -e (``Europese``, ``sociale``, ``vrije``), a comparative (``comparative``:
          ``vaker``, ``groter``) and a compound present participle the dictionary lacks
          (``compound_participle``: ``grensoverschrijdende``). Languages that capitalise nouns
          (``NOUN_CAPITALS``): a word in lower case with an attributive ending -e/-en/-er/-es/-em
          (``alpinen``, ``schweizerische``, ``fixe``), since nouns and names are capitalised.
        - English: an -ed form of a verb (``english_participle``) and a word in -ous are an
          "adjective" (``armed forces``, never ``vaporized`` or ``monstrous`` alone); an adverb
          made from an adjective (``_EN_ADVERB_ENDINGS``: ``invariably``) is a "verb".
        - "verb": no term contains it. Dutch: an inflected form of an infinitive in -en that is
          not the infinitive plus a suffix (``aangenomen``, ``behelst``; not ``examens``), except
          an attributive participle in -e (``Verenigde Naties``), which acts as an adjective.
          Languages that capitalise nouns: any other word in lower case (``erreicht``,
          ``offiziell``, ``direkt``): a verb, adverb or predicative adjective, never in a term.
        """
        lower = surface.lower()
        if self.code == "en":
            if len(lower) >= _EN_ADVERB_MIN_CHARS and lower.endswith(_EN_ADVERB_ENDINGS):
                return "verb"
            adjective = (
                english_participle(lower)
                or (len(lower) >= _EN_ADJECTIVE_MIN_CHARS and lower.endswith("ous"))
                or _english_irregular_past(lower, lemma)
            )
            return "adjective" if adjective else ""
        if self.code in NOUN_CAPITALS:
            if surface[:1].isupper() or not _LETTER.search(lower):
                return ""
            return "adjective" if lower.endswith(_ATTRIBUTIVE_ENDINGS) else "verb"
        if self.code != "nl":
            return ""
        if lower == lemma:
            return "adjective" if self.compound_participle(lower) else ""
        if lemma.endswith("en") and not lower.startswith(lemma):
            return "adjective" if lower.endswith("e") else "verb"
        if self.comparative(lower, lemma):
            return "adjective"
        # not a diminutive (``huisje``), but an adjective whose stem ends in j (``vrije``)
        diminutive = lower.endswith("je") and lower != lemma + "e"
        if lower.endswith("e") and not diminutive and not lemma.endswith("e"):
            return "adjective"
        return ""

    def compound_participle(self, lower: str) -> bool:
        """Whether a lowercased Dutch word the dictionary lacks is a compound whose head is a
        verb's present participle, inflected (``grensoverschrijdende``: ``overschrijdende`` is
        ``overschrijden`` + -de): an adjective, which simplemma, not knowing the compound,
        leaves as its own lemma, so the ending says nothing (``Language.word_form``)."""
        if not lower.endswith("nde") or not lower.isalpha() or simplemma.is_known(lower, "nl"):
            return False
        for start in head_cuts(lower):
            head = lower[start:]
            if simplemma.is_known(head, lang="nl"):
                verb = simplemma.lemmatize(head, lang="nl").lower()
                return verb.endswith("n") and head == verb + "de"
        return False

    def comparative(self, lower: str, lemma: str) -> bool:
        """Whether a lowercased Dutch form is its lemma's comparative (``vlotter``, ``vaker``,
        ``groter``, ``bozer``, ``zwaarder`` of ``vlot``, ``vaak``, ``groot``, ``boos``,
        ``zwaar``), which simplemma maps to the positive: an adjective or adverb, never a
        term's head. The stem is the lemma with its final consonant doubled after a short vowel,
        its long vowel written single in the open syllable, f/s voiced, or -d- after an r."""
        if self.code != "nl" or lower == lemma or not lower.endswith("er"):
            return False
        stem, last = lower[:-2], lemma[-1:]
        if stem in (lemma, lemma + last, lemma + "d"):
            return True
        if len(lemma) >= 3 and lemma[-3] == lemma[-2] and lemma[-2] in "aeou":
            single = lemma[:-2] + _VOICED.get(last, last)
            return stem == single
        return stem == lemma[:-1] + _VOICED.get(last, last)

    def inflects_as_adjective(self, lemma: str) -> bool:
        """Whether the Dutch dictionary knows the lemma's attributive form in -e, spelled as
        ``comparative`` spells the stem (``hoge``, ``volle``, ``boze``, ``vrije`` of ``hoog``,
        ``vol``, ``boos``, ``vrij``), as a form of that lemma: the word is an adjective, though
        the memory may write it only uninflected (``op hoog niveau``). A few nouns have an old
        dative in -e (``rade``, ``zake``): ``word_classes.dutch._mark_dutch_attributives`` also
        asks that the memory write the word only before a noun."""
        if self.code != "nl" or len(lemma) < 2 or not lemma.isalpha():
            return False
        last = lemma[-1]
        stems = {lemma, lemma + last, lemma[:-1] + _VOICED.get(last, last)}
        if len(lemma) >= 3 and lemma[-3] == lemma[-2] and lemma[-2] in "aeou":
            stems.add(lemma[:-2] + _VOICED.get(last, last))
        return any(
            simplemma.is_known(stem + "e", lang="nl")
            and simplemma.lemmatize(stem + "e", lang="nl").lower() == lemma
            for stem in stems
        )

    def infinitive_like(self, surface: str, lemma: str) -> bool:
        """Whether a form may be a Dutch infinitive or plural present (``versterken``,
        ``herbevestigen``): written in lower case, in -en, its own lemma (simplemma maps plural
        nouns to their singular: ``landen`` → ``land``). A noun with such a lemma (``examen``)
        is told apart by its determiners (``word_classes.mark_word_classes``)."""
        return (
            self.infinitives_as_lemmas
            and len(surface) >= _NL_INFINITIVE_MIN_CHARS
            and surface[:1].islower()
            and surface == lemma
            and surface.endswith("en")
        )

    def words(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """``(start, end, surface, gap before)`` of each word: the cheap scan behind ``tokens``."""
        previous_end = 0
        if "-" not in text and "'" not in text and "’" not in text:
            # most texts: no hyphen or apostrophe to look at around each word (8 million words
            # at 100,000 units)
            for match in _WORD.finditer(text):
                start, end = match.span()
                yield start, end, match.group(), text[previous_end:start]
                previous_end = end
            return
        for match in _WORD.finditer(text):
            start, end = match.span()
            surface = match.group()
            if text.startswith("-", end) and not text[end + 1 : end + 2].isalnum():
                surface += "-"  # ``voorlichtings-`` of ``voorlichtings- en afzetacties``
                end += 1
            elif start and text[start - 1] in _APOSTROPHES and self._elided(text, start, end):
                surface, start = text[start - 1] + surface, start - 1
            yield start, end, surface, text[previous_end:start]
            previous_end = end

    def surfaces(self, text: str) -> list[str]:
        """The written words of ``text``, as ``words`` finds them."""
        return [surface for _, _, surface, _ in self.words(text)]

    def _elided(self, text: str, start: int, end: int) -> bool:
        """Whether an apostrophe before a word is an elision of its first letters (the prole's
        ``'ealth``, ``'yenas``), not an opening quote: it follows a space or the text's start,
        no apostrophe closes the word, and the word is in lower case and unknown to the
        language's word list (so ``'the``, ``'em``, ``'Twas`` and quoted names keep the quote
        apart)."""
        surface = text[start:end]
        return (
            (start - 1 == 0 or text[start - 2].isspace())
            and text[end : end + 1] not in _APOSTROPHES
            and surface[:1].islower()
            and surface.isalpha()
            and _unknown_word(surface, self.code)
        )

    def describe(self, surface: str) -> tuple[str, bool, bool]:
        """(lemma, function word, may stand inside a term) of a surface form."""
        lower = self.lowered(surface)
        if lower.endswith("-"):  # the first part of a coordinated compound
            return lower, True, False
        if is_act_sign(lower):  # ``(EG) nr.`` and ``(EG)`` alike
            return act_sign_lemma(lower), False, True
        if lower in self.stopwords:
            # a function word is its own lemma: the lemmatiser merges forms that differ in
            # whether they may stand inside a term (French ``des`` → ``un``, German ``des`` and
            # ``den`` → ``der``), and a lemma carries one such flag
            return lower, True, lower in self.inside
        return self.lemma(surface), False, True

    def tokens(self, text: str) -> list[Token]:
        """The words of ``text`` with character offsets, lemmas and the gap before each."""
        out: list[Token] = []
        for start, end, surface, gap in self.words(text):
            lemma, stop, inside_ok = self.describe(surface)
            out.append(
                Token(
                    start=start,
                    end=end,
                    surface=surface,
                    lemma=lemma,
                    stop=stop,
                    inside_ok=inside_ok,
                    gap=display_gap(gap) if out else "",
                )
            )
        return out

    def key(self, phrase: str) -> tuple[str, ...]:
        """The grouping key of a phrase: its words' lemmas (``États membres`` → état membre)."""
        return tuple(token.lemma for token in self.tokens(phrase))


_APOSTROPHES = frozenset("'’")
#: Dutch final consonants voiced before an ending (``boos`` → ``bozer``, ``lief`` → ``liever``)
_VOICED = {"s": "z", "f": "v"}


@cache
def _unknown_word(word: str, code: str) -> bool:
    """Whether wordfreq has no frequency for ``word`` in the language (an elided form such as
    ``ealth``); False for a language wordfreq does not have. Read from tmtool's memory-mapped
    frequency table (``frequencies.table``), which gives wordfreq's answers without decoding
    the language's whole word list."""
    table = frequencies.table(code)
    return table.available and table.zipf(word) == 0


@cache
def english_participle(lower: str) -> bool:
    """Whether a lowercased English word is a verb's -ed form (``vaporized``, ``armed``), which
    simplemma maps to its verb (``vaporize``); ``need`` or ``hundred`` are their own lemmas."""
    return (
        len(lower) > 4 and lower.endswith("ed") and simplemma.lemmatize(lower, lang="en") != lower
    )


def _english_irregular_past(lower: str, lemma: str) -> bool:
    """Whether a lowercased English word is an irregular past form (``swore``, ``forgotten``,
    ``held``): simplemma gives it another lemma, not as the lemma plus an ending, and it has
    none of the shapes of irregular plurals (``men``, ``feet``, ``teeth``, ``mice``,
    ``criteria``, ``nuclei``) or British spellings (``centimetre``)."""
    return (
        lower != lemma
        and lower.isalpha()
        and not lower.startswith(lemma)
        and not lower.endswith(_EN_IRREGULAR_PLURAL_ENDINGS)
    )


@cache
def _compound_head_noun(head: str, verb_lemma: str, code: str) -> str | None:
    """The lemma the dictionary gives ``head`` as the last part of its compounds (``leden`` in
    ``bestuursleden`` → ``bestuurslid``, ``anwb-leden`` → ``anwb-lid``: ``lid``), when more than
    half of those that change it, its verb reading's included, change it alike; never the verb
    reading (``beleden`` → ``belijden``). None when no such reading holds a majority
    (``-stelden``: 37 read ``stellen``, 11 ``stelen``).
    One scan of the language's dictionary per head, cached: only heads read as verb forms
    inside hyphenated words come here, a few per memory."""
    dictionary = DEFAULT_DICTIONARY_FACTORY.get_dictionary(code)
    tails: Counter[str] = Counter()
    for word in dictionary:
        if len(word) > len(head) + 1 and word.endswith(head):
            first = word[: -len(head)]
            lemma = dictionary[word]
            tail = lemma[len(first) :] if lemma.startswith(first) else ""
            if tail and tail != head:
                tails[tail] += 1  # the verb reading too: it counts against a noun's majority
    tails_total = tails.total()
    tails.pop(verb_lemma, None)
    if not tails:
        return None
    noun, count = tails.most_common(1)[0]
    return noun if 2 * count > tails_total else None


def head_cuts(word: str) -> range:
    """Where a one-word compound may split into a first part and its head, longest head first:
    the head has at least ``MIN_HEAD_CHARS`` letters and so has the first part, less one
    (``Bern`` is not the head of ``Abbern``)."""
    return range(MIN_HEAD_CHARS - 1, len(word) - MIN_HEAD_CHARS + 1)


def breaks(gap: str) -> bool:
    """Whether the text between two words holds punctuation (a term never spans it)."""
    return bool(gap.strip(" \t\n'’"))


def act_sign_lemma(lower: str) -> str:
    """The lemma of an act's bracketed acronym (``_ACT_SIGN``): the acronym in its brackets,
    without the number sign (``(eg) nr.`` → ``(eg)``), so that ``Verordening (EG) nr.
    1049/2001`` and ``Verordening (EG) 1049/2001`` share a key."""
    return lower[: lower.index(")") + 1]


def is_act_sign(word: str) -> bool:
    """Whether a word (surface or lemma) is an act's bracketed acronym (``_ACT_SIGN``): it
    stands inside a term, between a content word and the act's number, never at its edges."""
    return word[:1] == "("


def has_letter(word: str) -> bool:
    return _LETTER.search(word) is not None


def is_number(word: str) -> bool:
    """Whether a word is a number or a reference made of numbers (``_NUMBER``)."""
    return _NUMBER.fullmatch(word) is not None


def other_number(term: str, rendering: str) -> bool:
    """Whether a rendering holds numbers but not the term's (``Lager 4`` → ``camp III``):
    numbers are written alike in every language, or as Roman numerals (``Lager 4`` → ``camp
    IV`` keeps it), so the rendering names another thing. False when either holds no number:
    translators also write numbers as words (``Room 101`` → ``camera o sută unu``)."""
    wanted = {word for word in _WORD.findall(term) if is_number(word)}
    rendering_words = _WORD.findall(rendering)
    written = {word for word in rendering_words if is_number(word)}
    romans = {_roman_value(word) for word in rendering_words} - {None}
    if not wanted or not (written or romans):
        return False
    values = {int(word) for word in wanted if word.isdigit()}
    return wanted.isdisjoint(written) and values.isdisjoint(romans)


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman_value(word: str) -> int | None:
    """The value of an upper-case Roman numeral (``IV`` → 4), or None for another word."""
    if not word or any(letter not in _ROMAN_DIGITS for letter in word):
        return None
    values = [_ROMAN_DIGITS[letter] for letter in word]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


@cache
def language(code: str) -> Language:
    return Language(code)


@cache
def _simplemma_supports(code: str) -> bool:
    try:
        simplemma.lemmatize("test", lang=code)
    except (ValueError, KeyError):
        return False
    return True


def display_gap(gap: str) -> str:
    """The separator shown between two words of a phrase: an apostrophe or hyphen kept, no
    space after an apostrophe (``l'agriculture``), otherwise one space."""
    core = gap.strip()
    if core in ("'", "’", "-"):
        return core
    return "" if not gap else " "


#: labelled lines of a function-word file; the words of the first two are function words too
_LABELS = (
    "inside:",
    "coordinators:",
    "verb-context:",
    "noun-context:",
    "infinitive-marker:",
    "counting:",
    "degree:",
    "ordinals:",
    "verb-object:",
    "directions:",
    "quantities:",
    "separable:",
    "after-separable:",
    "frames:",
    "inner-frames:",
    "light-verbs:",
    "place-prepositions:",
    "modals:",
)


def _frames(listed: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The fixed expressions of a ``frames:`` line, each as its words (``door_middel_van``)."""
    return tuple(tuple(frame.split("_")) for frame in sorted(listed))


@cache
def _word_lists(code: str) -> dict[str, frozenset[str]] | None:
    """The words of ``stopwords/<code>.txt``: unlabelled lines under "", labelled ones under
    their label (``_LABELS``); None when the language has no file."""
    listed = resources.files("tmtool.terms") / "stopwords" / f"{code}.txt"
    if not listed.is_file():
        return None
    lists: dict[str, set[str]] = {label: set() for label in ("", *_LABELS)}
    for line in listed.read_text(encoding="utf-8").splitlines():
        label = line.split(" ", 1)[0]
        if label in lists:
            lists[label].update(line.removeprefix(label).split())
        elif not line.startswith("#"):
            lists[""].update(word.strip("'’") for word in line.split())
    lists[""].discard("")
    return {label: frozenset(words) for label, words in lists.items()}


@cache
def _function_words(code: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(function words, those allowed inside a term, coordinating conjunctions) of a language."""
    lists = _word_lists(code)
    if lists is not None:
        inside, coordinators = lists["inside:"], lists["coordinators:"]
        return lists[""] | inside | coordinators, inside, coordinators
    try:
        common = frozenset(wordfreq.top_n_list(code, 100))
    except LookupError:
        common = frozenset()
    return common, common, frozenset()


def fold(text: str) -> str:
    """Lowercase without accents, for string similarity. Not ``tmtool.fold``'s search rule,
    which also drops punctuation and case-folds (``ß`` → ``ss``): the scores were tuned on
    this one. Here, below the corpus, so that the corpus's steps (``stems``) and the
    renderings' (``equivalents``) share it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
