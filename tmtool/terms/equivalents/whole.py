"""Keeping a rendering whole: the renderings of the term's parts and constant neighbours.

A rendering must hold the renderings of the term's parts where they occur (``cover_parts``), or
take in a part's phrase that stands next to it (``_next_to_part``); a rendering that is a
fragment of a constant longer expression takes it in (``extend_fragments``); a word that almost
always stands inside a longer co-occurring phrase is replaced by it (``complete``); the words
that render a verb next to the term are left out (``leave_verbs_out``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tmtool.terms.candidates import coordinator_ids
from tmtool.terms.corpus import Side, Vocabulary
from tmtool.terms.equivalents.association import (
    MAX_TARGET_WORDS,
    RESCORE_PER_TERM,
    Key,
    Scorer,
    display_forms,
    sampled_dice,
    unit_frequencies,
    units_holding,
)
from tmtool.terms.equivalents.filters import string_part
from tmtool.terms.equivalents.parts import COMPOUNDING
from tmtool.terms.phrases import PhraseIndex, overlaps
from tmtool.terms.text import head_cuts

#: a phrase that stands inside longer co-occurring phrases in this share of the term's units is
#: replaced by the most associated of them (seen in at least MIN_LONGER_UNITS units); 0.9, not
#: 0.8: at 0.8 a word whose neighbours vary (``grame`` after ``douăzeci de``, ``treizeci de``)
#: took one of them in; 0.85-0.95 give the same lists (leave-one-set-out, bench/RESULTS.md)
COVERED = 0.9
MIN_LONGER_UNITS = 3
#: a part's rendering must stand in this share of the term's units to be required in its own
#: rendering (``cover_parts``): in fewer, the part is rendered otherwise inside this term
PART_SHARE = 0.5
#: a rendering followed (or preceded) by the same content word this often is a fragment of it
#: (``extend_fragments``), and a part's phrase next to it this often is left out of it
#: (``_next_to_part``)
FRAGMENT_SHARE = 0.8
#: a part's phrase is taken into a rendering (``_next_to_part``) only when it stands in at least
#: this many of the part's (sampled) units that do not hold the term: a phrase seen with the part
#: only inside the term renders a word around the term (``hazája`` "his country's" before
#: ``nemzeti ünnepe``), not the part (1, the least evidence; bench/RESULTS.md, t8x)
MIN_ELSEWHERE = 1
#: a term held on one side by a head and its link (``respect voor de``; the words may vary) in
#: more than this share of its occurrences is framed there: its rendering takes in no constant
#: neighbour of two words or more on that side (``extend_fragments``)
FRAMED_SHARE = 0.5
#: languages whose noun phrases put the head noun first and its modifiers after it
#: (``politique agricole commune``); elsewhere a phrase without function words ends on its head
HEAD_FIRST = frozenset({"fr", "es", "it", "pt", "ro", "ca", "gl", "oc"})


def _contains(longer: Key, shorter: Key) -> bool:
    return len(shorter) <= len(longer) and overlaps(longer, shorter)


def compound_renders_part(
    vocab: Vocabulary,
    association: dict[Key, dict[Key, float]],
    part: Key,
    phrase: Key,
    rendering: Key,
) -> bool:
    """Whether the one-word ``phrase`` of a compounding target (``COMPOUNDING``) renders the
    term's ``part`` too: the part's own units are at least as associated with it as with the
    part's first-pass ``rendering``. One compound renders a whole multi-word term
    (``internetproviders`` for ``fournisseurs d'accès à internet``, ``lidstaten`` for ``États
    membres``) and co-occurs with each of its parts; when the term owns it (``choice``), the
    part alone takes its next phrase (``onderzoek``), which is no evidence that the compound
    leaves the part out. Only a word long enough to be a compound (``text.head_cuts``: a first
    part and a head): a short word (``jaar`` for ``dernières années``) renders one word."""
    if (
        vocab.lang.code not in COMPOUNDING
        or len(phrase) != 1
        or not head_cuts(vocab.lemmas[phrase[0]])
    ):
        return False
    own = association.get(part, {})
    return rendering in own and own.get(phrase, 0.0) >= own[rendering]


def holds_as_head(vocab: Vocabulary, phrase: Key, rendering: Key) -> bool:
    """Whether a word of ``phrase`` is a one-word compound headed by the one-word
    ``rendering``, in a target language that writes compounds as one word (``COMPOUNDING``,
    head last; ``text.head_cuts``): ``politiesamenwerking`` holds ``samenwerking``,
    ``inlichtingendienst`` holds ``dienst``. A multi-word source term (``coopération
    policière``, ``services de renseignement``) is rendered there by one compound, which holds
    its head's rendering as its own head. The head is compared as written, then as a lemma: a
    lemmatiser that does not know the compound leaves it inflected, its head with it
    (Hungarian ``külpolitikáját`` holds ``politika``); a lemma read again is not always itself
    (German lower-case ``dienst`` reads as ``dienen``, while ``Dienst`` is ``dienst``)."""
    if vocab.lang.code not in COMPOUNDING or len(rendering) != 1:
        return False
    head = vocab.lemmas[rendering[0]]
    return any(
        word[cut:] == head or vocab.lang.lemma(word[cut:]) == head
        for word in (vocab.lemmas[lemma] for lemma in phrase)
        for cut in head_cuts(word)
    )


def cover_parts(
    side: Side,
    chosen: dict[Key, Key],
    parts: dict[Key, list[Key]],
    kept: dict[Key, list[tuple[Key, int]]],
    association: dict[Key, dict[Key, float]],
    postings: dict[Key, list[int]],
    samples: dict[Key, list[int]],
) -> set[Key]:
    """Complete renderings that leave out the rendering of one of the term's parts; return the
    terms whose rendering stays incomplete.

    A rendering that matches only part of a term (``britannique`` for ``britische Expedition``,
    ``budgets`` for ``Begrotingscommissie``) often co-occurs with the term as strongly as the
    whole. When a part's own rendering (``expédition``, ``commission``) stands in at least
    ``PART_SHARE`` of the term's units but not in the chosen rendering, the most associated
    co-occurring phrase that holds both (``expédition britannique``, ``commission des
    budgets``) replaces it; when there is none, the rendering is incomplete (``Chagaran`` for
    ``Chagaran-Gletscher`` when the units say ``glaciers du Muztagh et du Chagaran``). Parts'
    renderings are those of the first pass, each part rendered as a term on its own.
    ``postings``: the units each term learns from, ``samples`` of them.
    """
    first_pass = dict(chosen)
    incomplete: set[Key] = set()
    for key, own_parts in parts.items():
        phrase = first_pass.get(key)
        if phrase is None:
            continue
        counts = dict(kept[key])
        needed = PART_SHARE * len(samples[key])
        for part in own_parts:
            rendering = first_pass.get(part)
            if (
                rendering is None
                or _contains(phrase, rendering)
                or holds_as_head(side.vocab, phrase, rendering)
                or compound_renders_part(side.vocab, association, part, phrase, rendering)
            ):
                continue
            if counts.get(rendering, 0) < needed:
                # the part is rendered otherwise inside this term, or only in some of its units
                elsewhere = _part_elsewhere(samples[part], postings[key])
                phrase = _next_to_part(
                    side, phrase, association[part], counts, association[key], elsewhere
                )
                continue
            fuller = [p for p in counts if _contains(p, phrase) and _contains(p, rendering)]
            if fuller:
                phrase = max(fuller, key=lambda p: (association[key][p], -len(p)))
            else:
                incomplete.add(key)
        chosen[key] = phrase
    return incomplete


def part_only(
    source: Vocabulary,
    target: Vocabulary,
    chosen: dict[Key, Key],
    parts: dict[Key, list[Key]],
    part_renderings: dict[Key, Key],
    modifiers: dict[int, list[int]],
    association: dict[Key, dict[Key, float]],
) -> set[Key]:
    """The terms rendered by the rendering of one of their modifiers alone.

    A modifier (``Canadian`` of ``Canadian Embassy``, ``Kosovo`` of ``violence in Kosovo``)
    co-occurs with the term as often as its head does, and its own rendering (``kanadai``,
    ``koszovói``) may then be chosen for the whole term. A rendering that is exactly what a
    part other than the term's head (``term_head``) is rendered by on its own, in fewer content
    words than the term has, leaves the head out: the term is a free combination around that
    part, or its rendering is cut short; either way the pair is incomplete. The head's own
    rendering is not affected: a translation may leave a modifier implicit (``EU accession`` →
    ``csatlakozás``), and a one-word compound may render the whole term. Nor is a rendering as
    long as the term (``Union européenne`` for ``Europese Unie``, whatever ``Unie`` is rendered
    by). A one-word compound (Dutch, German: head last) rendered in one content word by what
    its first part alone is rendered by (``pensioenlasten`` → ``pensions``, ``modifiers``:
    ``compound_modifiers``) has left its head out too, when that head is a term of its own
    (``parts``: ``lasten``, rendered ``charges``): a head that is no term (``stuk`` of
    ``vraagstuk`` → ``question``, ``Welt`` of ``Bergwelt`` → ``montagne``) often adds little
    the translation must say. ``part_renderings``: each part's rendering when rendered as a
    term on its own; ``association``: each term's Dice with its counted phrases."""
    incomplete: set[Key] = set()
    for key, phrase in chosen.items():
        if len(key) == 1:
            # a one-word compound made of two terms: its first part's rendering alone
            own = modifiers.get(key[0], ())
            words = sum(1 for lemma in set(phrase) if target.edge_ok[lemma])
            if (
                key in parts
                and words < 2
                and any(part_renderings.get((part,)) == phrase for part in own)
            ):
                incomplete.add(key)
            continue
        own_parts = parts.get(key)
        if own_parts is None:
            continue
        words = sum(1 for lemma in set(phrase) if target.edge_ok[lemma])
        if words >= sum(1 for lemma in set(key) if source.edge_ok[lemma]):
            continue
        head = term_head(source, key)
        head_rendering = part_renderings.get((head,)) if head is not None else None
        if head_rendering is not None and (
            holds_as_head(target, phrase, head_rendering)
            or compound_renders_part(target, association, (head,), phrase, head_rendering)
        ):
            # one compound renders the whole term, its head included
            continue
        if any(part_renderings.get(part) == phrase for part in own_parts if part != (head,)):
            incomplete.add(key)
    return incomplete


def term_head(vocab: Vocabulary, key: Key) -> int | None:
    """The lemma id of a multi-word term's head noun, by word order alone: the content word
    before the first function word when there is one (``violence`` of ``violence in Kosovo``,
    ``solidariteit`` of ``solidariteit tussen de generaties``), else the last word, or the first
    in a language whose modifiers follow the noun (``HEAD_FIRST``: ``politique agricole``).
    None for a coordination (``Commissie landbouw en plattelandsontwikkeling``): each conjunct
    is a term of its own."""
    if not coordinator_ids(vocab).isdisjoint(key):
        return None
    for position, lemma in enumerate(key):
        if not vocab.edge_ok[lemma]:
            return key[position - 1]
    return key[0] if vocab.lang.code in HEAD_FIRST else key[-1]


def _part_elsewhere(part_units: list[int], term_units: list[int]) -> list[int]:
    """The part's (sampled) units that do not hold the term."""
    inside = set(term_units)
    return [unit for unit in part_units if unit not in inside]


def _next_to_part(
    side: Side,
    phrase: Key,
    part_association: dict[Key, float],
    counts: dict[Key, int],
    own: dict[Key, float],
    elsewhere: list[int],
) -> Key:
    """``phrase`` extended over a rendering of one of the term's parts that stands next to it.

    A part's first-pass rendering need not be the one its longer terms use (``laMinister``, a
    glued token, for ``ministry``; ``Ministerul`` beside it is claimed by ``ministry of truth``),
    so ``cover_parts``'s share test does not apply. But when one of the part's most associated
    phrases (``Ministerul``), sharing no word with the rendering, stands in the term's units
    (``MIN_LONGER_UNITS`` at least) and, in at least ``FRAGMENT_SHARE`` of them, next to the
    rendering (``Ministerul Iubirii`` for ``Iubirii``; up to two function words between), the
    rendering has left it out: the most associated such fuller phrase replaces it. Only a phrase
    that also stands with the part outside the term (``MIN_ELSEWHERE`` of the part's units
    ``elsewhere``: ``Ministerul Adevărului``) renders the part: a part's associations are
    learned from the units of the terms it heads, so they include words that only surround the
    term there (``hazája nemzeti ünnepe``, "his country's national day", for ``day``)."""
    shortlist = sorted(part_association.items(), key=lambda item: (-item[1], item[0]))
    best: Key | None = None
    for candidate, _ in shortlist[:RESCORE_PER_TERM]:
        seen = counts.get(candidate, 0)
        if seen < MIN_LONGER_UNITS or not set(candidate).isdisjoint(phrase):
            continue
        if units_holding(side, candidate, elsewhere) < MIN_ELSEWHERE:
            continue
        fuller = [
            p
            for p in counts
            if len(p) <= len(phrase) + len(candidate) + 2
            and _contains(p, phrase)
            and _contains(p, candidate)
            and counts[p] >= max(2, FRAGMENT_SHARE * seen)
        ]
        for p in fuller:
            if best is None or (own[p], -len(p)) > (own[best], -len(best)):
                best = p
    return phrase if best is None else best


def associate_new(
    side: Side,
    chosen: dict[Key, Key],
    postings: dict[Key, list[int]],
    samples: dict[Key, list[int]],
    association: dict[Key, dict[Key, float]],
) -> None:
    """Dice of the chosen renderings that were not among the counted phrases (extended ones)."""
    new = {key: phrase for key, phrase in chosen.items() if phrase not in association[key]}
    if not new:
        return
    frequency = unit_frequencies(side, set(new.values()))
    for key, phrase in new.items():
        both = units_holding(side, phrase, samples[key])
        association[key][phrase] = sampled_dice(
            both, postings[key], samples[key], frequency[phrase]
        )


def extend_fragments(
    source: Side,
    side: Side,
    chosen: dict[Key, Key],
    samples: dict[Key, list[int]],
    coordinated: Callable[[Key, Key], bool],
    source_text: dict[Key, str],
) -> None:
    """Extend a rendering that is part of a longer expression in the term's units.

    Association cannot tell ``International Year of Older`` from ``International Year of Older
    Persons`` when both always occur together; the words around the rendering can. When the
    same words follow the rendering (a content word, or up to two function words that may stand
    inside a term and then a content word: ``consommation modérée`` + ``de vin``), or the same
    words precede it (``camp de`` + ``base``), with no punctuation between, in at least
    ``FRAGMENT_SHARE`` of its occurrences in the term's units (and twice), the rendering is a
    fragment and takes them in, up to ``MAX_TARGET_WORDS``. Not when the term itself always has
    the same neighbour in the source: then the rendering's neighbour translates it
    (``Nordostwand des Kingspitz`` → ``face nordest`` + ``de la Kingspitz``). Nor by a head and
    its link (two words or more) on a side where the term mostly stands under varied heads and
    links (``_Context.framed``: ``respect voor de`` / ``inachtneming van de`` + ``fundamentele
    vrijheden``): the rendering's neighbour (``respect des``) renders those heads. Nor into
    the term's own words run on (``string_part``: ``technologie`` → ``technologies`` stays, not
    ``nouvelles technologies`` where the units say ``nieuwe technologieën``). Nor at all when the
    term mostly stands next to content words in the source, even varied ones (``_Context.
    modified``: ``old`` / ``ancient Cumric tongue``, ``Sichuan Province``): the rendering's
    constant neighbour (``ősi cumric nyelven``, ``Szecsuán tartománybeli``) then renders those
    words, not a missing piece of the term. Nor over the word before it when a one-word term
    mostly stands after a count (``takes_in_count``: ``a few centimetres``, not ``câţiva
    centimetri``)."""
    for key, phrase in chosen.items():
        term_context = _Context.of(source, key, samples[key])
        if term_context.constant() is not None or term_context.modified():
            continue
        counted_term = term_context.counted()
        while True:
            extended = _Context.of(side, phrase, samples[key]).constant()
            if (
                extended is None
                or len(extended) > MAX_TARGET_WORDS
                or not coordinated(key, extended)
                or (
                    len(extended) > len(phrase) + 1
                    and term_context.framed(rightwards=extended[0] == phrase[0])
                )
                or _runs_on(side.vocab, source_text[key], phrase, extended)
                or (counted_term and takes_in_count(key, phrase, extended))
            ):
                break
            phrase = extended
        chosen[key] = phrase


def _runs_on(vocab: Vocabulary, term: str, phrase: Key, extended: Key) -> bool:
    """Whether extending ``phrase`` makes of it the term's own words run on (``string_part``
    of their lemmas), which the phrase was not."""

    def shown(key: Key) -> str:
        return " ".join(vocab.lemmas[i] for i in key)

    return string_part(term, shown(extended)) and not string_part(term, shown(phrase))


@dataclass
class _Context:
    """The words next to a phrase's occurrences in some units (``_continuation``)."""

    phrase: Key
    seen: int
    after: Counter[tuple[int, ...]]
    before: Counter[tuple[int, ...]]
    #: occurrences held by a content word and its link after / before it (``_linked_head``)
    heads_after: int = 0
    heads_before: int = 0
    #: occurrences with a content word next to them on either side (``_continuation``; not
    #: across a coordinating conjunction: ``telefonie- en internetproviders``)
    held: int = 0
    #: occurrences right after a number or a counting quantifier (``_counts``: ``twenty
    #: grammes``, ``a few centimetres``), or after one and a content word (``a few cubic
    #: centimetres``)
    counts: int = 0

    @classmethod
    def of(cls, side: Side, phrase: Key, units: list[int]) -> _Context:
        context = cls(phrase, 0, Counter(), Counter())
        index = PhraseIndex([phrase])
        coordinators = coordinator_ids(side.vocab)
        for unit in units:
            lemmas = side.lemma_ids(unit)
            for _, start, end in index.find(lemmas):
                context.seen += 1
                following = _continuation(side.vocab, lemmas, end, 1)
                if following:
                    context.after[following] += 1
                preceding = _continuation(side.vocab, lemmas, start - 1, -1)
                if preceding:
                    context.before[preceding] += 1
                counted = _counts(side.vocab, lemmas, start - 1) or (
                    start >= 2
                    and lemmas[start - 1] >= 0
                    and bool(side.vocab.edge_ok[lemmas[start - 1]])
                    and _counts(side.vocab, lemmas, start - 2)
                )
                context.counts += counted
                context.held += any(
                    words and coordinators.isdisjoint(words) for words in (following, preceding)
                )
                context.heads_after += _linked_head(side.vocab, lemmas, end, 1, coordinators)
                context.heads_before += _linked_head(
                    side.vocab, lemmas, start - 1, -1, coordinators
                )
        return context

    def _needed(self) -> float:
        return max(2, FRAGMENT_SHARE * self.seen)

    def constant(self) -> Key | None:
        """The phrase with the words that follow it (else precede it) in at least
        ``FRAGMENT_SHARE`` of its occurrences, and twice; None when there are none."""
        for words, count in self.after.most_common(1):
            if count >= self._needed():
                return (*self.phrase, *words)
        for words, count in self.before.most_common(1):
            if count >= self._needed():
                return (*words, *self.phrase)
        return None

    def modified(self) -> bool:
        """Whether content words (not always the same) stand next to the phrase in at least
        ``FRAGMENT_SHARE`` of its occurrences, and twice."""
        return self.held >= self._needed()

    def counted(self) -> bool:
        """Whether a number or a counting quantifier stands before the phrase (right before, or
        before one content word) in at least ``FRAGMENT_SHARE`` of its occurrences, and twice
        (``twenty`` / ``thirty grammes``, ``a few cubic centimetres``)."""
        return self.counts >= self._needed()

    def framed(self, rightwards: bool) -> bool:
        """Whether a content word and its link (one or two function words of any kind, no
        conjunction: ``respect voor de``, ``inachtneming van de``, ``einde van hun``; not always
        the same) hold the phrase on that side in more than ``FRAMED_SHARE`` of its occurrences,
        and twice: then the rendering's constant neighbour there (``respect des libertés
        fondamentales``) renders the head of the enclosing phrase, not a missing piece of the
        term."""
        framing = self.heads_after if rightwards else self.heads_before
        return framing >= 2 and framing > FRAMED_SHARE * self.seen


def _counts(vocab: Vocabulary, lemmas: Sequence[int], at: int) -> bool:
    """Whether the word at ``at`` counts what follows: a number word or counting quantifier
    (``Language.quantities``: ``twenty``, ``few``), or a number after a word that is no
    counting word (``at 100 grammes``; not ``S. 116`` or ``juni 2020``, a page or a date, nor
    after punctuation or at the start, where it numbers a heading or a list item)."""
    if not 0 <= at < len(lemmas) or lemmas[at] < 0:
        return False
    word = lemmas[at]
    if vocab.lemmas[word] in vocab.lang.quantities:
        return True
    before = lemmas[at - 1] if at > 0 else -1
    return bool(vocab.number[word]) and before >= 0 and not vocab.counting[before]


def stands_after_a_count(source: Side, key: Key, units: list[int]) -> bool:
    """Whether the term mostly stands after a number or a counting quantifier in its units
    (``_Context.counted``): numerals stand before the noun they count in the languages served
    (``twenty grammes``, ``húsz gramm``, ``douăzeci de grame``), so the words that always stand
    before its rendering render the count, not a missing piece of the term (``complete``)."""
    return _Context.of(source, key, units).counted()


def takes_in_count(key: Key, phrase: Key, longer: Key) -> bool:
    """Whether ``longer`` is ``phrase`` with one word before it, for a one-word term: when the
    term ``stands_after_a_count``, that word renders the count (``húsz`` + ``gramm``, ``câţiva`` +
    ``centimetri``). Not for a longer term, nor over more than one word: a rendering found for
    a modifier of the term may need its head, which comes first in some languages and stands
    between the count and the modifier (``douze`` + ``réglementations de`` + ``subvention
    sectorielle`` for ``twaalf sectorale steunregelingen``)."""
    return len(key) == 1 and len(longer) == len(phrase) + 1 and longer[1:] == phrase


def _linked_head(
    vocab: Vocabulary, lemmas: Sequence[int], first: int, step: int, coordinators: frozenset[int]
) -> bool:
    """Whether one or two function words (``van de``, ``van hun``; no coordinating conjunction:
    ``telefonie- en internetproviders`` is a coordination, not a head) and then a content word
    stand from ``first`` on (``step`` 1: rightwards, -1: leftwards)."""
    for size in range(3):
        last = first + step * size
        if not 0 <= last < len(lemmas) or lemmas[last] < 0 or lemmas[last] in coordinators:
            return False
        if vocab.edge_ok[lemmas[last]]:
            return size > 0
    return False


def _continuation(
    vocab: Vocabulary, lemmas: Sequence[int], first: int, step: int
) -> tuple[int, ...]:
    """The words from ``first`` on (``step`` 1: rightwards, -1: leftwards) that could close a
    longer phrase: a content word, or up to two function words allowed inside a term and then a
    content word (``de vin`` after ``consommation modérée``, ``camp de`` before ``base``); ()
    when none. In text order."""
    for size in range(3):
        last = first + step * size
        if not 0 <= last < len(lemmas) or lemmas[last] < 0:
            return ()
        word = lemmas[last]
        if vocab.edge_ok[word]:
            if step > 0:
                return tuple(lemmas[first : last + 1]) if word not in vocab.not_last else ()
            return tuple(lemmas[last : first + 1])
        if not vocab.inside_ok[word]:
            return ()
    return ()


def complete(
    side: Side,
    phrase: Key,
    longer: list[Key],
    allowed: list[Key],
    counts: list[tuple[Key, int]],
    association: dict[Key, float],
    units: list[int],
) -> Key:
    """The full rendering when ``phrase`` is only part of it.

    A head word shared by several renderings (``membres`` of ``États membres`` and ``pays
    membres``) or one word of a multi-word rendering (``européen`` of ``mandat d'arrêt
    européen``) co-occurs with the term at least as often as the full rendering, and string and
    embedding similarity may even prefer it. When, in the term's units, the phrase almost always
    (``COVERED``) stands inside ``longer`` co-occurring phrases, the most associated of the
    ``allowed`` ones seen at least ``MIN_LONGER_UNITS`` times is the rendering. A word that also
    stands alone (``solidarité`` beside ``solidarité entre les générations``) stays as it is.
    """
    choices = [p for p, n in counts if n >= MIN_LONGER_UNITS and p in allowed]
    if not choices:
        return phrase
    index = PhraseIndex([phrase, *longer])
    with_phrase = covered = 0
    for unit in units:
        present = index.present(side.lemma_ids(unit))
        if phrase in present:
            with_phrase += 1
            covered += any(p in present for p in longer)
    if with_phrase and covered >= COVERED * with_phrase:
        return max(choices, key=lambda p: (association[p], len(p)))
    return phrase


def leave_verbs_out(
    source: Side,
    side: Side,
    chosen: dict[Key, Key],
    postings: dict[Key, list[int]],
    samples: dict[Key, list[int]],
    kept: dict[Key, list[tuple[Key, int]]],
    scorer: Scorer,
    source_text: dict[Key, str],
) -> None:
    """Leave out of a rendering the edge words that render the verb the term stands next to.

    A term that is a verb's object or subject in its units (``goede praktijken uitwisselen``,
    ``informatie zouden kunnen uitwisselen``) co-occurs with the verb's rendering as often as
    with its own, and the two stand side by side in the target (``exchanging good practices``,
    ``exchange information``): one phrase, and Dice may prefer it, or it is the rendering's
    constant neighbour (``extend_fragments``). Verbs start no term, so the source side cannot
    show the verb as a neighbour. When a verb form stands next to the term (past separable
    particles, infinitive markers and modals: ``uit te wisselen``) in at least
    ``FRAGMENT_SHARE`` of the term's units that hold the rendering, and twice, the rendering
    becomes its part at one edge (a phrase counted twice among the term's, with as many content
    words as the term: ``good practices``, ``information``) when the memory shows every
    content word left out with one of those verbs without the term, and never with the term
    without them (``_Shown.with_verbs_only``: ``exchange`` stands with ``uitwisselen`` where
    ``informatie`` does not, and not in ``de informatie over de communicatie``), and the
    encoder puts the part nearer the term than the whole. Words that render the term stay:
    ``Thursday`` of ``Thursday afternoon`` for ``donderdagmiddag`` does not stand with the verb
    beside it elsewhere. Evidence shared by the verb and the term is no evidence: in a memory
    that repeats its sentences, the verb and the term stand with every word of theirs alike
    (Dice was tried: bench/RESULTS.md, t20r). No encoder, no cut. ``postings``: the terms' own
    units, ``samples`` of them."""
    if scorer.embed is None:
        return
    skipped = _listed_forms(source.vocab)
    found: dict[Key, tuple[list[Key], set[int]]] = {}
    for key, phrase in chosen.items():
        parts = _edge_parts(side.vocab, phrase, dict(kept[key]), _content_words(source.vocab, key))
        if parts:
            verbs = _verbs_next_to(source, side, key, phrase, samples[key], skipped)
            if verbs:
                found[key] = (parts, verbs)
    if not found:
        return
    words = {w for key in found for w in chosen[key] if side.vocab.edge_ok[w]}
    shown = _Shown.read(source, side, words, {v for _, vs in found.values() for v in vs})
    cuts: dict[Key, list[Key]] = {}
    for key, (parts, verbs) in found.items():
        phrase = chosen[key]
        verbal = shown.with_verbs_only(phrase, verbs, set(postings[key]))
        cut = [part for part in parts if verbal >= _left_out(side.vocab, phrase, part) != set()]
        if cut:
            cuts[key] = cut
    if not cuts:
        return
    units = sorted({u for key in cuts for u in samples[key]})
    forms = display_forms(
        side, {p for key, parts in cuts.items() for p in (chosen[key], *parts)}, units
    )
    scorer.prepare(set(forms.values()))
    for key, parts in cuts.items():
        term = source_text[key]
        nearest = max(parts, key=lambda p: scorer.cosine(term, forms[p]))
        if scorer.cosine(term, forms[nearest]) > scorer.cosine(term, forms[chosen[key]]):
            chosen[key] = nearest


def _left_out(vocab: Vocabulary, phrase: Key, part: Key) -> set[int]:
    """The content words of ``phrase`` outside its edge ``part``."""
    rest = phrase[len(part) :] if phrase[: len(part)] == part else phrase[: -len(part)]
    return {w for w in rest if vocab.edge_ok[w]}


@dataclass
class _Shown:
    """For the memory's units holding some of the target ``words``: those words, and the
    source ``lemmas`` they hold, any form (verb forms are no ids of ``Side.lemma_ids``)."""

    units: dict[int, tuple[set[int], set[int]]]

    @classmethod
    def read(cls, source: Side, side: Side, words: set[int], lemmas: set[int]) -> _Shown:
        lemma_of = source.vocab.lemma_of
        forms = {form: lemma_of[form] for form in range(len(lemma_of)) if lemma_of[form] in lemmas}
        units = {}
        for unit in range(source.size):
            there = words.intersection(side.lemma_ids(unit))
            if there:
                here = {forms[w] for w in forms.keys() & set(source.surface_ids(unit))}
                units[unit] = (there, here)
        return cls(units)

    def with_verbs_only(self, phrase: Key, verbs: set[int], term_units: set[int]) -> set[int]:
        """The words of ``phrase`` that the memory shows with one of ``verbs`` without the term
        (in a unit that holds a verb and not the term) and never with the term without them
        (in none of ``term_units`` that holds none of the verbs): they render the verb."""
        with_verb: set[int] = set()
        with_term: set[int] = set()
        wanted = set(phrase)
        for unit, (there, here) in self.units.items():
            found = there & wanted
            if not found:
                continue
            if unit not in term_units:
                if not verbs.isdisjoint(here):
                    with_verb |= found
            elif verbs.isdisjoint(here):
                with_term |= found
        return with_verb - with_term


def _content_words(vocab: Vocabulary, key: Key) -> int:
    return sum(1 for lemma in key if vocab.edge_ok[lemma])


def _edge_parts(vocab: Vocabulary, phrase: Key, counts: dict[Key, int], words: int) -> list[Key]:
    """The contiguous parts of ``phrase`` at its start or end that could render the term: a
    phrase (content words at both edges), counted in two of its units, with at least ``words``
    content words."""
    parts = []
    for start in range(len(phrase)):
        for end in range(start + 1, len(phrase) + 1):
            part = phrase[start:end]
            if (
                (start == 0) != (end == len(phrase))
                and counts.get(part, 0) >= 2
                and vocab.edge_ok[part[0]]
                and vocab.edge_ok[part[-1]]
                and part[-1] not in vocab.not_last
                and _content_words(vocab, part) >= words
            ):
                parts.append(part)
    return parts


def _listed_forms(vocab: Vocabulary) -> set[int]:
    """Surface ids of the words that may stand between a term and its verb: separable
    particles, infinitive markers and modals (``uit te wisselen``, ``zouden kunnen``)."""
    lang = vocab.lang
    words = lang.separable_particles | lang.infinitive_markers | lang.modals
    return {i for i, surface in enumerate(vocab.surfaces) if surface.lower() in words}


def _verbs_next_to(
    source: Side, side: Side, key: Key, phrase: Key, units: list[int], skipped: set[int]
) -> set[int]:
    """The lemmas of the verb forms next to the term (``_verb_from``) when one stands there in
    at least ``FRAGMENT_SHARE`` of its units that hold ``phrase``, and twice; else none."""
    term_index, phrase_index = PhraseIndex([key]), PhraseIndex([phrase])
    content, lemma_of = side.vocab.edge_ok, source.vocab.lemma_of
    seen = held = 0
    verbs: set[int] = set()
    for unit in units:
        if not phrase_index.present(side.lemma_ids(unit), content):
            continue
        seen += 1
        words = source.surface_ids(unit)
        here = {
            lemma_of[verb]
            for _, start, end in term_index.find(source.lemma_ids(unit))
            for verb in (
                _verb_from(source.vocab, words, end, 1, skipped),
                _verb_from(source.vocab, words, start - 1, -1, skipped),
            )
            if verb is not None
        }
        held += bool(here)
        verbs |= here
    return verbs if held >= max(2, FRAGMENT_SHARE * seen) else set()


def _verb_from(
    vocab: Vocabulary, words: Sequence[int], first: int, step: int, skipped: set[int]
) -> int | None:
    """The content word's verb form (``Vocabulary.verbs``) at ``first``, or after up to two
    ``skipped`` words from there (``step`` 1: rightwards, -1: leftwards); None if none."""
    for size in range(3):
        at = first + step * size
        if not 0 <= at < len(words) or words[at] < 0:
            return None
        if words[at] in vocab.verbs:
            # a content word's form: not a function word some language's rules call a verb
            return words[at] if vocab.edge_ok[vocab.lemma_of[words[at]]] else None
        if words[at] not in skipped:
            return None
    return None
