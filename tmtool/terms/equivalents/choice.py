"""Choosing each term's main rendering: Dice shortlist, re-scored, owned, completed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tmtool.terms.candidates import conjuncts, coordinator_ids
from tmtool.terms.corpus import Side, Vocabulary
from tmtool.terms.equivalents.association import (
    RESCORE_PER_TERM,
    Found,
    Key,
    Learning,
    Scorer,
    display_forms,
    folded_words,
    linked_both_ways,
    sampled_dice,
    unit_frequencies,
)
from tmtool.terms.equivalents.cognates import shares_a_cognate
from tmtool.terms.equivalents.compounds import begins_with_cognate
from tmtool.terms.equivalents.filters import (
    TWO_UNITS,
    copied_piece,
    string_part,
    trim_copied_names,
    unlike,
    verb_for_noun,
)
from tmtool.terms.equivalents.parts import super_terms
from tmtool.terms.equivalents.sets import set_floor
from tmtool.terms.equivalents.whole import (
    associate_new,
    complete,
    cover_parts,
    extend_fragments,
    leave_verbs_out,
    part_only,
    stands_after_a_count,
    takes_in_count,
)
from tmtool.terms.phrases import overlaps

#: a term in at most this many units needs a rendering that Dice singles out (``_rivals``);
#: 2, not 3 (every leave-one-set-out fold over the development texts chose 2, bench/RESULTS.md):
#: in three units the encoder and strings can tell the rendering from a phrase that shares them
RARE_UNITS = 2
#: the score of a rendering that leaves out the rendering of one of the term's parts is
#: multiplied by this (most fall below ``min_score``)
INCOMPLETE_FACTOR = 0.5
#: share of a term's units holding its rendering in which a longer term holding it must stand
#: for the rendering's extra words to render the longer term's (``_leave_longer_terms_words``)
MOST = 0.5


@dataclass(frozen=True)
class _Evidence:
    """What each term's rendering was chosen from: the units it learns from (``postings``),
    the sample of them counted (``samples``), the phrases seen there (``kept``: phrase, units)
    and their Dice shortlist (``shortlist``: phrase, Dice)."""

    postings: dict[Key, list[int]]
    samples: dict[Key, list[int]]
    kept: dict[Key, list[tuple[Key, int]]]
    shortlist: dict[Key, list[tuple[Key, float]]]


def main_renderings(
    job: Learning,
    postings: dict[Key, list[int]],
    samples: dict[Key, list[int]],
    own_samples: dict[Key, list[int]],
    kept: dict[Key, list[tuple[Key, int]]],
    parts: dict[Key, list[Key]],
    coordinated: Callable[[Key, Key], bool],
    modifiers: dict[int, list[int]],
) -> dict[Key, list[Found]]:
    """Each term's best rendering: Dice over the whole memory, re-scored with strings and
    embeddings, completed to the full phrase, above ``min_score``. ``postings``: the units each
    term learns from (a single word's with those of the compounds it heads), ``samples`` of
    them, and ``own_samples`` of its own units; ``kept``: its counted phrases."""
    source, side, source_text = job.corpus.source, job.side, job.source_text
    scorer, min_score = job.scorer, job.min_score
    shortlist, association = _associations(side, postings, samples, kept)
    sample_units = sorted({u for units in samples.values() for u in units})
    forms = display_forms(side, {p for found in shortlist.values() for p, _ in found}, sample_units)
    scorer.prepare(set(forms.values()))
    chosen = _first_choices(
        source, side, kept, shortlist, association, samples, source_text, forms, scorer
    )
    first_pass = dict(chosen)
    incomplete = cover_parts(side, chosen, parts, kept, association, postings, samples)
    # the term's own units: a compound's units hold its own neighbours (Kingspitz-Nordostwand →
    # face nordest de la Kingspitz)
    extend_fragments(source, side, chosen, own_samples, coordinated, source_text)
    trim_copied_names(source, side, chosen, own_samples, association)
    leave_verbs_out(source, side, chosen, job.postings, own_samples, kept, scorer, source_text)
    incomplete |= part_only(
        source.vocab, side.vocab, chosen, parts, first_pass, modifiers, association
    )
    _leave_longer_terms_words(
        job,
        _Evidence(postings, samples, kept, shortlist),
        forms,
        chosen,
        incomplete,
        _own_parts(parts, modifiers),
        first_pass,
    )
    associate_new(side, chosen, postings, samples, association)
    forms.update(display_forms(side, {p for p in chosen.values() if p not in forms}, sample_units))
    scorer.prepare(set(forms.values()))
    linked = linked_both_ways(chosen, association, parts)
    result: dict[Key, list[Found]] = {}
    for key, phrase in chosen.items():
        strength = association[key][phrase]
        if len(postings[key]) <= RARE_UNITS:
            cognate = _cognates_of(side, source_text[key], forms[phrase], phrase)
            strength /= 1 + _rivals(association[key], phrase, cognate)
        if len(postings[key]) <= TWO_UNITS and unlike(scorer, source_text[key], forms[phrase]):
            continue
        if verb_for_noun(source.vocab.lang.code, source_text[key], forms[phrase]):
            continue
        score = scorer.score(strength, source_text[key], forms[phrase])
        penalised = key in incomplete or string_part(source_text[key], forms[phrase])
        if penalised:
            score *= INCOMPLETE_FACTOR
        # a weaker whole rendering stays for now: with its variants it may still render the
        # term well (``score_sets``)
        if score >= (min_score if penalised else set_floor(min_score)):
            result[key] = [Found(phrase, forms[phrase], score, linked=key in linked)]
    return result


def _associations(
    side: Side,
    postings: dict[Key, list[int]],
    samples: dict[Key, list[int]],
    kept: dict[Key, list[tuple[Key, int]]],
) -> tuple[dict[Key, list[tuple[Key, float]]], dict[Key, dict[Key, float]]]:
    """Each term's counted phrases with their Dice over the whole memory: the
    ``RESCORE_PER_TERM`` best (longer first among equals), and all of them by phrase."""
    frequency = unit_frequencies(side, {p for found in kept.values() for p, _ in found})
    shortlist: dict[Key, list[tuple[Key, float]]] = {}
    association: dict[Key, dict[Key, float]] = {}
    for key, found in kept.items():
        ranked = [(p, sampled_dice(n, postings[key], samples[key], frequency[p])) for p, n in found]
        ranked.sort(key=lambda item: (-item[1], -len(item[0])))
        shortlist[key] = ranked[:RESCORE_PER_TERM]
        association[key] = dict(ranked)
    return shortlist, association


def _first_choices(
    source: Side,
    side: Side,
    kept: dict[Key, list[tuple[Key, int]]],
    shortlist: dict[Key, list[tuple[Key, float]]],
    association: dict[Key, dict[Key, float]],
    samples: dict[Key, list[int]],
    source_text: dict[Key, str],
    forms: dict[Key, str],
    scorer: Scorer,
) -> dict[Key, Key]:
    """Each term's best-scored shortlisted phrase that it owns, completed (``complete``)."""
    # a phrase belongs to the nested term it is most associated with: "solidarité entre les
    # générations" renders "solidariteit tussen de generaties", not "solidariteit" inside it
    # (not a coordination that a word stands in as one of its terms: ``Commissie landbouw en
    # plattelandsontwikkeling`` does not own ``développement rural``)
    supers = super_terms(list(kept))
    coordinators = coordinator_ids(source.vocab)
    chosen: dict[Key, Key] = {}
    for key in kept:
        rivals = [
            other
            for other in supers[key]
            if not _conjunct_of(source, key, other, source_text[other], coordinators)
        ]

        def own(phrase: Key, key: Key = key, rivals: list[Key] = rivals) -> bool:
            mine = association[key][phrase]
            return all(association[other].get(phrase, 0.0) <= mine for other in rivals)

        # asked at most once, and only when a count could matter (it scans the term's samples)
        after_a_count = cache(lambda key=key: stands_after_a_count(source, key, samples[key]))
        allowed = _uncounted(key, [(p, d) for p, d in shortlist[key] if own(p)], after_a_count)
        # a copied piece of a compound (``internet`` for ``internetproviders``) owes its string
        # and embedding likeness to the letters it copies: a whole phrase goes first
        # (``fournisseurs d'accès à internet``); alone it is still chosen
        scores = [
            (
                scorer.score(d, source_text[key], forms[p])
                * (INCOMPLETE_FACTOR if _cut(source_text[key], forms[p]) else 1.0),
                p,
            )
            for p, d in allowed
        ]
        if not scores:
            continue
        phrase = max(scores)[1]
        longer = [p for p, _ in kept[key] if len(p) > len(phrase) and overlaps(p, phrase)]
        choices = [p for p in longer if own(p)]
        # a counted term's rendering stands after the count's rendering (``húsz gramm`` for
        # ``twenty grammes``): it is not completed with it
        if choices and after_a_count():
            choices = [p for p in choices if not takes_in_count(key, phrase, p)]
        chosen[key] = complete(
            side, phrase, longer, choices, kept[key], association[key], samples[key]
        )
    return chosen


def _leave_longer_terms_words(
    job: Learning,
    evidence: _Evidence,
    forms: dict[Key, str],
    chosen: dict[Key, Key],
    incomplete: set[Key],
    parts: dict[Key, list[Key]],
    part_renderings: dict[Key, Key],
) -> None:
    """Leave out of a term's rendering the words that render a longer term's extra words.

    A term that mostly stands with a modifier or complement (``het Frans voorzitterschap``, ``de
    vergrijzing van de bevolking``) co-occurs with that word's rendering as often as with its
    own, so its chosen phrase may hold both (``présidence française``, ``vieillissement de la
    population``); the phrase is then also the chosen rendering of the longer term the source
    writes (``Frans voorzitterschap``, ``vergrijzing van de bevolking``): one phrase for two
    terms of different length, its extra words rendering the longer one's. The phrase is the
    longer term's when, for some longer term holding the term with the same chosen phrase:

    - that rendering is complete (not ``incomplete``);
    - the longer term stands in more than ``MOST`` of the term's units that hold the phrase
      (else the phrase renders the term, and the longer one shares it for want of a rendering
      of its extra words: ``Big Brother is watching`` → ``Fratele cel Mare``);
    - the encoder puts the phrase nearer the longer term than the term (``petite pointe``
      translates ``Spitzchen``, a diminutive, not ``weissen Spitzchen``; no encoder, no cut).

    The term then takes its best-scored shortlisted phrase inside that phrase that stands in
    two of its units, has as many content words as the term (not ``mexikói`` for ``Mexican
    Ambassador``), is nearer the term for the encoder than the whole phrase, and holds every
    rendering of the term's ``parts`` (their first-pass ``part_renderings``) that the phrase
    holds (not ``équipes`` for ``onderzoeksteams``, without ``enquête``): ``présidence``,
    ``vieillissement``. With none such it keeps the phrase. ``job``'s ``postings`` are the
    term's own units; ``evidence``'s, the units it learned from, are the ones counted here."""
    source, target = job.corpus.source.vocab, job.side.vocab
    source_text, scorer = job.source_text, job.scorer
    postings, samples, kept = evidence.postings, evidence.samples, evidence.kept
    supers = super_terms(list(chosen))
    before = dict(chosen)

    def with_phrase(key: Key, phrase: Key) -> float:
        # units of the term holding the phrase, estimated from its sampled units
        return dict(kept[key]).get(phrase, 0) * len(postings[key]) / max(1, len(samples[key]))

    for key, phrase in before.items():
        if len(phrase) < 2 or not any(
            before.get(longer) == phrase
            and longer not in incomplete
            and with_phrase(longer, phrase) > MOST * with_phrase(key, phrase)
            and scorer.cosine(source_text[longer], forms[phrase])
            > scorer.cosine(source_text[key], forms[phrase])
            for longer in supers[key]
        ):
            continue
        counts = dict(kept[key])
        words = content_words(source, key)
        nearness = scorer.cosine(source_text[key], forms[phrase])
        held = [
            rendering
            for rendering in (part_renderings.get(part) for part in parts.get(key, ()))
            if rendering is not None and _contains(phrase, rendering)
        ]
        inside = [
            (scorer.score(d, source_text[key], forms[p]), p)
            for p, d in evidence.shortlist[key]
            if p != phrase
            and overlaps(phrase, p)
            and len(p) < len(phrase)
            and counts[p] >= 2
            and content_words(target, p) >= words
            and scorer.cosine(source_text[key], forms[p]) > nearness
            and all(_contains(p, rendering) for rendering in held)
        ]
        if inside:
            chosen[key] = max(inside)[1]


def _own_parts(
    parts: dict[Key, list[Key]], modifiers: dict[int, list[int]]
) -> dict[Key, list[Key]]:
    """Each term's parts (``term_parts``) and a one-word compound's first parts
    (``compound_modifiers``: ``onderzoek`` of ``onderzoeksteams``)."""
    out = {key: list(found) for key, found in parts.items()}
    for lemma, firsts in modifiers.items():
        out.setdefault((lemma,), []).extend((first,) for first in firsts)
    return out


def _contains(longer: Key, shorter: Key) -> bool:
    return len(shorter) <= len(longer) and overlaps(longer, shorter)


def content_words(vocab: Vocabulary, key: Key) -> int:
    """How many words of ``key`` may start or end a term."""
    return sum(1 for lemma in key if vocab.edge_ok[lemma])


def _uncounted(
    key: Key, allowed: list[tuple[Key, float]], after_a_count: Callable[[], bool]
) -> list[tuple[Key, float]]:
    """The shortlisted phrases less, for a one-word term that mostly stands after a count
    (``after_a_count``, ``stands_after_a_count``: ``a few centimetres``, ``two dollars``), those
    that are another shortlisted phrase with one word before it (``takes_in_count``: ``câţiva
    centimetri`` beside ``centimetri``): the count stands before the noun in the languages
    served, so that word renders it."""
    phrases = {p for p, _ in allowed}
    extended = [p for p in phrases if p[1:] in phrases and takes_in_count(key, p[1:], p)]
    if not extended or not after_a_count():
        return allowed
    return [(p, d) for p, d in allowed if p not in extended]


def _cut(source: str, target: str) -> bool:
    """Whether a phrase owes its likeness to the term to the letters it copies of part of it:
    a one-word piece of a compound (``copied_piece``) or the source's words cut short or run
    on (``string_part``: ``visegrádi`` for ``Visegrád Group``). Such a phrase is scored down in
    the end, so whole phrases go first (``V4``)."""
    return copied_piece(source, target) or string_part(source, target)


def _conjunct_of(
    source: Side, key: Key, longer: Key, shown: str, coordinators: frozenset[int]
) -> bool:
    """Whether the one-word ``key`` stands in ``longer`` (written ``shown``) next to a
    coordinating conjunction, in lower case: one of the terms a coordination joins (``Commissie
    landbouw en plattelandsontwikkeling``; ``candidates.conjuncts``), not a word of a name
    written in title case (``Foreign Affairs and Trade``)."""
    if len(key) != 1:
        return False
    words = source.vocab.lang.surfaces(shown)
    if len(words) != len(longer):
        return False
    return any(
        longer[i] == key[0] and words[i][:1].islower() for i in conjuncts(longer, coordinators)
    )


def _rivals(
    association: dict[Key, float], phrase: Key, cognate: Callable[[Key], bool] | None = None
) -> int:
    """How many other phrases, apart from each other and from ``phrase``, are associated with
    the term at least as strongly as ``phrase``.

    In a rare term's two or three units, every word those units share (a publisher's address
    repeated in two mastheads, the other names of one sentence) co-occurs as perfectly as the
    rendering, so Dice cannot single the rendering out: for a term in at most ``RARE_UNITS``
    units it counts as evidence only shared among its rivals (divided by 1 + rivals), and the
    string and embedding evidence must carry the rest. When ``phrase`` holds a cognate of a
    word of the term (``cognate``: ``attentat terroriste`` for ``terroristische aanslag``), a
    phrase without one is no rival (``suite``, ``Liège``): the letters single the rendering out
    where the counts cannot. ``_cognates_of`` gives no ``cognate`` for a phrase with fewer
    words than the term: a part's rendering (``tigres`` for ``Balti-Tiger``)."""
    best = association[phrase]
    singled_out = cognate is not None and cognate(phrase)
    taken = [phrase]
    rivals = 0
    for other, value in sorted(association.items(), key=lambda item: -len(item[0])):
        if value >= best and not any(overlaps(other, seen) for seen in taken):
            taken.append(other)
            if not singled_out or cognate(other):  # type: ignore[misc]
                rivals += 1
    return rivals


def _cognates_of(
    side: Side, term: str, rendering: str, phrase: Key = ()
) -> Callable[[Key], bool] | None:
    """``_rivals``' ``cognate(phrase)`` for ``rendering`` of ``term``: whether a phrase of ``side``
    holds a cognate of a word of ``term`` (``cognates.shares_a_cognate``, on the phrase's
    lemmas); None for a rendering with fewer words than the term, whose cognate of one word is
    a part's rendering, no sign that it renders the whole (``tigres`` for ``Balti-Tiger``),
    unless ``phrase`` (the rendering's key) is one compound of a language that writes
    compounds as one word beginning with a cognate of one of the term's words
    (``compounds.begins_with_cognate``: ``Helsingforssamningnum`` for ``Helsinki Treaty``),
    which holds the term's words as its parts."""
    if len(folded_words(rendering)) < len(folded_words(term)) and not (
        len(phrase) == 1 and begins_with_cognate(side.vocab, term, phrase[0])
    ):
        return None
    lemmas = side.vocab.lemmas

    def cognate(other: Key) -> bool:
        return shares_a_cognate(term, " ".join(lemmas[i] for i in other)) or (
            len(other) == 1 and begins_with_cognate(side.vocab, term, other[0])
        )

    return cognate
