"""Variation: the other renderings of a term, in the units that lack its main rendering.

Those units are searched again the same way; a different phrase that renders the term in at
least two of them is reported as a second (or third) rendering, which makes the term
"inconsistent". Not so another form of a rendering found (``same_words``: counted with it) or a
longer term's rendering that extends the main one (``_longer_term_rendering``: ``párttag`` for
``Party member``, flagged and left out of the list).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from tmtool.terms.corpus import Corpus, Side, Vocabulary, dice
from tmtool.terms.equivalents.association import (
    KEEP_PER_TERM,
    WORDS,
    Found,
    Key,
    Learning,
    display_forms,
    evenly,
    fold,
    folded_words,
    phrase_sets,
    unit_frequencies,
)
from tmtool.terms.equivalents.parts import MIN_HEAD_CHARS, super_terms
from tmtool.terms.equivalents.sets import set_floor
from tmtool.terms.phrases import PhraseIndex, overlaps
from tmtool.terms.stems import DERIVATION_ENDINGS

#: at most this many renderings per term and language
MAX_RENDERINGS = 3
#: such a weaker variant must stand with the term in this share of all the units it stands in
SET_SPECIFICITY = 0.5
#: a variant that extends the main rendering (``párttag`` beside ``Párt``) renders a longer
#: term when the term stands inside a longer candidate in this share of the variant's units
LONGER_TERM_SHARE = 0.5
#: two words are forms of one word when one (lemma or written form, at least
#: ``MIN_HEAD_CHARS`` letters) starts the other and the rest is an ending of at most this many
#: letters that the lemmatiser left (``szótár``/``szótára``, ``jelszavak``/``jelszavakat``)
FORM_ENDING_CHARS = 2
#: of those, the endings that are an inflection where the stem's last vowel changes: Hungarian
#: possessive plurals (``palota``/``palotái``; the adjective keeps the stem: ``kínai``)
CHANGED_STEM_INFLECTIONS = {"hu": frozenset({"i"})}


def add_variants(
    job: Learning,
    result: dict[Key, list[Found]],
    limits: dict[Key, int],
    variant_share: float,
    coordinated: Callable[[Key, Key], bool],
) -> None:
    """Count each main rendering's units, then look for other renderings in the units of the
    term that lack it (at least ``variant_share`` of them, and two)."""
    corpus, side, postings, source_text = job.corpus, job.side, job.postings, job.source_text
    scorer, sample, min_score = job.scorer, job.sample, job.min_score
    residual = _residual_units(corpus, side, postings, result)
    searched = {
        key: units
        for key, units in residual.items()
        if len(units) >= max(2, variant_share * len(postings[key]))
    }
    pending, residual_hits = _residual_phrases(side, searched, result, limits, sample, coordinated)
    if not pending:
        return
    phrases = {p for found in pending.values() for p, _ in found}
    frequency = unit_frequencies(side, phrases)
    forms = display_forms(side, phrases, sorted({u for key in pending for u in residual[key]}))
    scorer.prepare(set(forms.values()))
    supers = super_terms(list(postings))
    for key, found in pending.items():
        units = residual[key]
        scored = [
            Found(
                p,
                forms[p],
                scorer.score(dice(n, len(units), frequency[p]), source_text[key], forms[p]),
            )
            for p, n in found
        ]
        longer = [postings[other] for other in supers[key]]
        _take_variants(
            corpus,
            side,
            result[key],
            scored,
            residual_hits[key],
            units,
            longer,
            frequency,
            min_score,
        )


def _residual_phrases(
    side: Side,
    residual: dict[Key, list[int]],
    result: dict[Key, list[Found]],
    limits: dict[Key, int],
    sample: int,
    coordinated: Callable[[Key, Key], bool],
) -> tuple[dict[Key, list[tuple[Key, float]]], dict[Key, dict[Key, list[int]]]]:
    """For each term, the phrases (not overlapping its main rendering) seen in at least two of
    a sample of its ``residual`` units, with their counts scaled up to all of them, and the
    sampled units each stands in."""
    pending: dict[Key, list[tuple[Key, float]]] = {}
    residual_hits: dict[Key, dict[Key, list[int]]] = {}
    for key, units in residual.items():
        main = result[key][0].key
        sampled = evenly(units, sample)
        hits: dict[Key, list[int]] = defaultdict(list)
        for unit in sampled:
            for phrase in phrase_sets(side, unit, limits[key], skip=main):
                if coordinated(key, phrase):
                    hits[phrase].append(unit)
        ranked = sorted(hits.items(), key=lambda item: (-len(item[1]), len(item[0])))
        scale = len(units) / len(sampled)
        pending[key] = [(p, len(u) * scale) for p, u in ranked[:KEEP_PER_TERM] if len(u) >= 2]
        residual_hits[key] = {p: hits[p] for p, _ in pending[key]}
    return pending, residual_hits


def _take_variants(
    corpus: Corpus,
    side: Side,
    found: list[Found],
    scored: list[Found],
    hits_of: dict[Key, list[int]],
    units: list[int],
    longer: list[list[int]],
    frequency: dict[Key, int],
    min_score: float,
) -> None:
    """Add to a term's renderings ``found`` (main first) its best-scored residual phrases, each
    counted in the residual ``units`` that no rendering taken before it holds."""
    remaining = set(units)
    # a term whose main rendering is too weak alone may still be rendered by a set of
    # renderings: its variants then need only the weaker floor
    floor = min_score if found[0].score >= min_score else set_floor(min_score)
    for variant in sorted(scored, key=lambda f: -f.score):
        if len(found) >= MAX_RENDERINGS or variant.score < floor:
            break
        hits = [u for u in hits_of[variant.key] if u in remaining]
        if len(hits) < 2 or any(overlaps(variant.key, f.key) for f in found):
            continue  # e.g. "ladies" after "gentlemen": the same units, not a variant
        if variant.score < min_score and len(hits) < SET_SPECIFICITY * frequency[variant.key]:
            continue  # a weak variant must mostly stand with the term (not ``plutôt``)
        # ``párttag`` renders ``Party member``, not ``Party``
        variant.longer_term = _longer_term_rendering(side.vocab, found[0], variant, hits, longer)
        # another form of a rendering already found (``szótárt`` beside ``szótárának``,
        # lemmatised apart) is that rendering: its units count there
        target = next(
            (
                f
                for f in found
                if not variant.longer_term
                and not f.longer_term
                and same_words(side.vocab, f, variant)
            ),
            None,
        )
        if target is None:
            target = variant
            found.append(variant)
        else:
            target.forms_of.append(variant.key)
        for unit in hits:
            _count_unit(corpus, side, target, unit)
        remaining.difference_update(hits)


def _count_unit(corpus: Corpus, side: Side, found: Found, unit: int) -> None:
    """Count ``unit`` for a rendering: its document, length and alignment evidence."""
    found.add_unit(unit, corpus.documents[unit], corpus.source.length(unit), side.evidence[unit])


def _longer_term_rendering(
    vocab: Vocabulary, main: Found, variant: Found, hits: list[int], longer: list[list[int]]
) -> bool:
    """Whether a variant extends the main rendering (a compound or longer phrase holding it:
    ``párttag`` beside ``Párt``, ``szacharintabletta`` beside ``szacharin``) and stands where
    the term is part of one longer candidate (``Party member``, ``saccharine tablet``) in at
    least ``LONGER_TERM_SHARE`` of its units: it renders that longer term, not a second way of
    translating this one, and would make a consistent term look inconsistent."""
    if not longer or not _extends(vocab, main, variant):
        return False
    needed = LONGER_TERM_SHARE * len(hits)
    return any(len(set(units).intersection(hits)) >= needed for units in longer)


def _extends(vocab: Vocabulary, main: Found, variant: Found) -> bool:
    """Whether every word of ``main`` (its lemma or its written form) stands inside a word of
    the longer ``variant``, or starts one but for an ending of at most ``FORM_ENDING_CHARS``
    letters (``terrorism`` in ``terrorist financing``); accents and case aside."""
    words, shown = folded_words(variant.text), folded_words(main.text)
    if len("".join(words)) <= len("".join(shown)):
        return False
    lemmas = [fold(vocab.lemmas[i]) for i in main.key if vocab.edge_ok[i]]

    def inside(form: str, word: str) -> bool:
        stem = form[: len(form) - FORM_ENDING_CHARS]
        return form in word or (len(stem) > MIN_HEAD_CHARS and word.startswith(stem))

    return any(
        forms and all(any(inside(form, word) for word in words) for form in forms)
        for forms in (lemmas, shown)
    )


def same_words(vocab: Vocabulary, a: Found, b: Found) -> bool:
    """Whether two renderings are forms of the same words that the lemmatiser keyed apart:
    word by word the same lemma, or one form starting the other with at most
    ``FORM_ENDING_CHARS`` letters left (``újbeszél szótárának``, lemma ``szótára``, and
    ``újbeszél szótárt``, lemma ``szótár``). A compound (``párttag`` of ``párt``) leaves more."""
    if len(a.key) != len(b.key) or a.key == b.key:
        return False
    shown_a, shown_b = WORDS.findall(a.text), WORDS.findall(b.text)
    aligned = len(shown_a) == len(a.key) and len(shown_b) == len(b.key)
    code = vocab.lang.code
    derivations = DERIVATION_ENDINGS.get(code, frozenset())
    inflections = CHANGED_STEM_INFLECTIONS.get(code, frozenset())
    for i, (x, y) in enumerate(zip(a.key, b.key, strict=True)):
        if x == y:
            continue
        if aligned and shown_a[i][:1].isupper() != shown_b[i][:1].isupper():
            return False  # a name and a word made from it (``Irakban``, ``iraki``)
        forms_a = {vocab.lemmas[x], *([shown_a[i].lower()] if aligned else [])}
        forms_b = {vocab.lemmas[y], *([shown_b[i].lower()] if aligned else [])}
        if not any(one_word(p, q, derivations, inflections) for p in forms_a for q in forms_b):
            return False
    return True


def one_word(
    p: str,
    q: str,
    derivations: frozenset[str] = frozenset(),
    inflections: frozenset[str] = frozenset(),
) -> bool:
    """Whether one lowercased form starts the other, accents aside, with an ending of at most
    ``FORM_ENDING_CHARS`` letters that is no derivation (``DERIVATION_ENDINGS``):
    ``szótár``/``szótára`` and ``palota``/``palotái`` (``CHANGED_STEM_INFLECTIONS``), not
    ``peking``/``pekingi`` or ``szín``/``színű``."""
    short, long = (p, q) if len(p) <= len(q) else (q, p)
    folded_short, folded_long = fold(short), fold(long)
    ending = folded_long[len(folded_short) :]
    derived = ending in derivations and (ending not in inflections or long.startswith(short))
    return (
        len(folded_short) >= MIN_HEAD_CHARS
        and folded_long.startswith(folded_short)
        and len(ending) <= FORM_ENDING_CHARS
        and not derived
    )


def _residual_units(
    corpus: Corpus, side: Side, postings: dict[Key, list[int]], result: dict[Key, list[Found]]
) -> dict[Key, list[int]]:
    """For each term with a main rendering: count its units with the rendering (filling the
    rendering's units, documents and examples) and return those without it."""
    residual: dict[Key, list[int]] = {}
    for key, found in result.items():
        main = found[0]
        index = PhraseIndex([main.key])
        missing = []
        for unit in postings[key]:
            if index.present(side.lemma_ids(unit), side.vocab.edge_ok):
                _count_unit(corpus, side, main, unit)
            else:
                missing.append(unit)
        residual[key] = missing
    return residual
