"""``extract_terms``: the memory's terms and their renderings, read through the store's query API.

Steps: one pass over the stored units builds a compact corpus (``corpus.py``); source candidates
are counted and ranked by termhood (``candidates.py``); the best of them, as many as a budget of
units read that grows with the memory allows (``LEARNING_BUDGET``), get their renderings in every
other language (the ``equivalents`` package); terms without any accepted rendering are dropped,
the rest (all of them unless ``limit`` is set) ranked by √(termhood / the best termhood) × the
mean, over the target languages, of the score of each one's most frequent rendering (0 for a
language without one). That score rests on Dice (2·both / (term units + rendering units)),
which falls when a term is rendered in several ways, so consistency of translation is part of
the ranking (an explicit extra factor for the share of units with the main rendering was tried
on the dev text and lowered precision and recall). A last pass reads the example units' texts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tmtool.counts import counted
from tmtool.errors import InputError, warn
from tmtool.store import Store, StoredUnit, UnitFilter
from tmtool.terms.candidates import (
    Candidate,
    coordinates_terms,
    coordinator_ids,
    count_candidates,
    keep_numbers,
    modifies_a_name,
    name_termhood,
    placed_at_a_name,
    proper_names,
    rank_candidates,
    reversed_coordination,
    within_budget,
)
from tmtool.terms.copies import copies_warning, untranslated_copy
from tmtool.terms.corpus import Corpus, Side, Vocabulary, build_corpus
from tmtool.terms.equivalents import (
    Embed,
    Found,
    Scorer,
    display_forms,
    evenly,
    learn_renderings,
)
from tmtool.terms.equivalents.association import (
    WORDS,
    folded_words,
    sampled_dice,
    string_similarity,
    unit_frequencies,
)
from tmtool.terms.equivalents.choice import RARE_UNITS
from tmtool.terms.equivalents.cognates import cognate_phrase
from tmtool.terms.equivalents.composed import composed_renderings
from tmtool.terms.equivalents.compounds import compound_part_renderings
from tmtool.terms.equivalents.filters import MIN_SUPPORT, TWO_UNITS, verb_for_noun
from tmtool.terms.examples import example_around
from tmtool.terms.forms import citation_forms
from tmtool.terms.phrases import PhraseIndex, overlaps
from tmtool.terms.records import Example, Rendering, TermEntry, TermList
from tmtool.terms.stems import grouped_keys

Progress = Callable[[str], None]
#: a listed term: its rank score, the candidate, and its renderings per target language
Ranked = tuple[float, Candidate, dict[str, list[Found]]]
#: share of the rarer term's units two terms with one main rendering must share for the
#: weaker to lose it (``_drop_shared_renderings``)
SHARED_UNITS_SHARE = 0.5
#: string similarity from which a longer term's rendering is a cognate of a part C-value left
#: out (``validering``/``validation`` 0.70; ``Fee``/``SaasFee`` 0.60 is not)
PART_COGNATE = 0.65

#: renderings are learned for the best candidates whose units read (at most ``sample`` a
#: candidate, about 0.4 ms each) add up to at most LEARNING_BUDGET × √(memory units): the
#: budget grows like a text's vocabulary (Heaps' law), so it holds every candidate of the
#: novels (5,100-6,500 units: 14,800-23,400 read, budgets 28,600-32,300 on the stop-17
#: memories of Orwell and Steinbeck) while learning stays under a minute at 100,000 units
#: (126,000 read), behind the memory's reading pass
LEARNING_BUDGET = 400
#: example units read from the store per query (``_example_texts``): well under the bound
#: databases put on the values of one ``IN`` list
EXAMPLE_IDS_PER_READ = 500


@dataclass(frozen=True)
class TermOptions:
    """What ``extract_terms`` looks for; the defaults are those of ``tmtool terms``."""

    langs: tuple[str, ...] = ("nl", "fr", "en")
    limit: int = 0  # terms returned, best first (0: every term with an accepted rendering)
    min_units: int = 2  # a candidate must occur in at least this many units
    max_words: int = 5  # longest source term
    sample: int = 200  # units per term to learn renderings from
    min_score: float = 0.5  # weakest accepted rendering (tuned on the Europarl dev text)
    variant_share: float = 0.15  # units without the main rendering needed to look for variants
    min_pair_score: float = 0.5  # alignment confidence below which a pair is not learned from

    def check(self) -> None:
        if len(self.langs) < 2 or len(set(self.langs)) != len(self.langs):
            raise InputError("--langs needs at least two different languages, e.g. nl,fr")
        if self.limit < 0:
            raise InputError("--limit must be 0 (no limit) or positive")
        if self.min_units < 1 or self.max_words < 1 or self.sample < 2:
            raise InputError("--min-freq and --max-words must be positive")


def _rows(
    units: Iterator[StoredUnit],
    langs: tuple[str, ...],
    min_pair_score: float,
    calibrated: bool,
    copies: Counter[str],
) -> Iterator[tuple[int, str | None, dict[str, str], dict[str, float | None]]]:
    """(unit id, source document, texts, confidences) with the texts of the sides whose
    alignment is confident enough (a misaligned pair would teach wrong renderings) and that are
    no untranslated copy of the source text (counted in ``copies`` per language), and, when
    they are ``calibrated`` probabilities, the confidences of every side the unit has as
    evidence (``corpus.weigh_units``)."""
    for unit in units:
        source = unit.sides.get(langs[0])
        if source is None:
            continue
        texts: dict[str, str] = {}
        confidences: dict[str, float | None] = {}
        for lang in langs:
            if lang not in unit.sides:
                continue
            score = unit.pair_score(lang) if lang != langs[0] else None
            if calibrated:
                confidences[lang] = score
            text = unit.sides[lang].text
            if lang != langs[0] and untranslated_copy(source.text, text, langs[0], lang):
                copies[lang] += 1
            elif score is None or score >= min_pair_score:
                texts[lang] = text
        yield unit.id, source.document, texts, confidences


def _calibrated(store: Store) -> bool:
    """Whether the memory's alignment confidences can be read as probabilities: every alignment
    run stored the bead posterior (``confidence: posterior``, the aligner's default since stop
    16). The earlier score model's confidences are not calibrated (on DPC, right pairs at
    0.55-0.94), and summing them as expected counts drops right renderings, so a memory with
    such runs is read as before: its units count 1 each."""
    return all(params.get("confidence") == "posterior" for params in store.run_params("align"))


def extract_terms(
    store: Store,
    options: TermOptions,
    embed: Embed | None = None,
    progress: Progress | None = None,
) -> TermList:
    """The memory's terms in ``options.langs[0]`` with their renderings in the other languages."""
    options.check()
    say = progress or (lambda message: None)
    langs = options.langs
    store.require_languages(langs)
    say("reading units")
    units = store.iter_units(UnitFilter(require_langs=(langs[0],)))
    copies: Counter[str] = Counter()
    rows = _rows(units, langs, options.min_pair_score, _calibrated(store), copies)
    corpus = build_corpus(rows, list(langs))
    for lang in langs[1:]:
        if message := copies_warning(copies[lang], corpus.size, langs[0], lang):
            warn(message)
    say(f"{counted(corpus.size, 'unit')}; counting candidates")
    candidates, fragments, postings, source_text = _learned_candidates(corpus, options)
    scorer = Scorer(embed)
    scorer.prepare(set(source_text.values()))
    found: dict[str, dict[tuple[int, ...], list[Found]]] = {}
    for lang in langs[1:]:
        say(f"learning {langs[0]}→{lang} renderings of {counted(len(candidates), 'candidate')}")
        found[lang] = _learn(corpus, lang, postings, source_text, scorer, options)
        keep_numbers(found[lang], corpus.source.vocab, source_text)  # ``artikel 5``
    _fragments_rendered_alone(
        corpus, candidates, fragments, found, postings, source_text, scorer, options
    )
    _agree_across_languages(corpus, found, postings)
    _fill_across_languages(corpus, found, postings)
    _fill_cognates_across_languages(corpus, found, postings, source_text, options.sample)
    _fill_cognates(corpus, found, postings, source_text, scorer, options.sample)
    _fill_compound_parts(corpus, found, postings, source_text, scorer, options)
    _fill_composed(corpus, found, postings, source_text, scorer, options)
    for lang in langs[1:]:
        _drop_shared_renderings(found[lang], postings)
    ranked = _ranked(candidates, found, langs)
    ranked = _without_same_names(corpus, ranked, postings, source_text, options)
    say("reading examples")
    texts = _example_texts(store, corpus, ranked, langs)
    entries = [
        _entry(corpus, langs, score, candidate, per_lang, postings, source_text, texts)
        for score, candidate, per_lang in ranked
    ]
    return TermList(list(langs), corpus.size, entries)


def _learn(
    corpus: Corpus,
    lang: str,
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    scorer: Scorer,
    options: TermOptions,
) -> dict[tuple[int, ...], list[Found]]:
    """``learn_renderings`` with the options' settings: one call for the candidates and for the
    parts C-value left out (``_fragments_rendered_alone``), so both learn alike."""
    return learn_renderings(
        corpus,
        lang,
        postings,
        source_text,
        scorer,
        sample=options.sample,
        min_score=options.min_score,
        variant_share=options.variant_share,
    )


def _learned_candidates(
    corpus: Corpus, options: TermOptions
) -> tuple[
    list[Candidate],
    dict[tuple[int, ...], Candidate],
    dict[tuple[int, ...], list[int]],
    dict[tuple[int, ...], str],
]:
    """The candidates to learn renderings for (ranked, within ``LEARNING_BUDGET``, without
    modifiers of names, things placed at a named place (``placed_at_a_name``), coordinations of
    terms and coordinations the memory also writes in the other order
    (``reversed_coordination``), names' termhood raised), the candidates
    C-value left out as parts of longer ones, the candidates' units and their display forms."""
    langs = options.langs
    counts = count_candidates(corpus, options.max_words)
    fragments: dict[tuple[int, ...], Candidate] = {}
    candidates = rank_candidates(corpus, counts, options.min_units, fragments=fragments)
    coordinators = coordinator_ids(corpus.source.vocab)
    reversible = {
        c.key
        for c in candidates
        if (swapped := reversed_coordination(c.key, coordinators)) is not None and swapped in counts
    }
    del counts
    budget = int(LEARNING_BUDGET * math.sqrt(corpus.size))
    candidates = within_budget(candidates, budget, options.sample)
    source = corpus.source
    index = PhraseIndex(c.key for c in candidates)
    postings: dict[tuple[int, ...], list[int]] = {c.key: [] for c in candidates}
    for unit in range(corpus.size):
        for key in index.present(source.lemma_ids(unit)):
            postings[key].append(unit)
    source_text = display_forms(source, set(postings), range(corpus.size)) if postings else {}
    named = {
        key
        for key, text in source_text.items()
        if modifies_a_name(text, langs[0])
        or coordinates_terms(text, langs[0])
        or placed_at_a_name(text, langs[0])
        or key in reversible
    }
    candidates = [c for c in candidates if c.key not in named]
    for key in named:
        del postings[key], source_text[key]
    rates: dict[int, float] = {}
    by_key = {c.key: c for c in candidates}
    for key in proper_names(source, postings, source_text):
        candidate = by_key[key]
        candidate.termhood = max(
            candidate.termhood,
            name_termhood(source.vocab, key, candidate.units, source.tokens, rates),
        )
    return candidates, fragments, postings, source_text


def _fragments_rendered_alone(
    corpus: Corpus,
    candidates: list[Candidate],
    fragments: dict[tuple[int, ...], Candidate],
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    scorer: Scorer,
    options: TermOptions,
) -> None:
    """Replace a longer term by a part C-value left out when the longer one's main rendering
    (in fewer content words than it has) is, in every target language, the part's own main
    rendering and a cognate of the part (``_cognate_of_part``): the rendering renders the part,
    and the rest of the longer term is a free addition (``resultaten van de validering`` →
    ``validation`` is ``validering``). ``candidates``, ``found``, ``postings`` and
    ``source_text`` are changed in place."""
    source = corpus.source.vocab

    def content_words(vocab: Vocabulary, key: tuple[int, ...]) -> int:
        return sum(1 for lemma in set(key) if vocab.edge_ok[lemma])

    wanted: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
    for candidate in candidates:
        key = candidate.key
        words = content_words(source, key)
        mains = [per_lang.get(key) for per_lang in found.values()]
        if (
            words < 2
            or not all(mains)
            or not any(
                content_words(corpus.sides[lang].vocab, per_lang[key][0].key) < words
                for lang, per_lang in found.items()
            )
        ):
            continue
        # the letters first, on the part's lemmas: learning every fragment's renderings would
        # cost a third of the time of a large memory's extraction
        parts = {
            key[start:end]
            for start in range(len(key))
            for end in range(start + 1, len(key) + 1)
            if end - start < len(key)
            and key[start:end] in fragments
            and all(
                _cognate_of_part(
                    " ".join(source.lemmas[i] for i in key[start:end]),
                    source_text[key],
                    per_lang[key][0].text,
                )
                for per_lang in found.values()
            )
        }
        if parts:
            wanted[key] = sorted(parts, key=lambda part: (-fragments[part].units, part))
    if not wanted:
        return
    part_units: dict[tuple[int, ...], list[int]] = {
        part: [] for parts in wanted.values() for part in parts
    }
    index = PhraseIndex(part_units)
    for unit in range(corpus.size):
        for part in index.present(corpus.source.lemma_ids(unit)):
            part_units[part].append(unit)
    part_text = display_forms(corpus.source, set(part_units), range(corpus.size))
    scorer.prepare(set(part_text.values()))
    part_found = {
        lang: _learn(corpus, lang, part_units, part_text, scorer, options) for lang in found
    }
    replaced: dict[tuple[int, ...], Candidate] = {}
    taken: set[tuple[int, ...]] = set()
    for longer, parts in wanted.items():
        for part in parts:
            if part not in taken and all(
                part_found[lang].get(part)
                and part_found[lang][part][0].key == per_lang[longer][0].key
                and _cognate_of_part(part_text[part], source_text[longer], per_lang[longer][0].text)
                for lang, per_lang in found.items()
            ):
                replaced[longer] = fragments[part]
                taken.add(part)
                break
    for longer, part_candidate in replaced.items():
        part = part_candidate.key
        for lang, per_lang in found.items():
            del per_lang[longer]
            per_lang[part] = part_found[lang][part]
        del postings[longer], source_text[longer]
        postings[part] = part_units[part]
        source_text[part] = part_text[part]
    candidates[:] = [replaced.get(c.key, c) for c in candidates]


def _agree_across_languages(
    corpus: Corpus,
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    postings: dict[tuple[int, ...], list[int]],
) -> None:
    """A rare term's rendering in one target language gives way to the other language's
    rendering, spelled the same, when that stands in all of the term's units of the first.

    In a term's ``RARE_UNITS`` units every phrase they share co-occurs perfectly, so Dice
    prefers whichever phrase is rarer elsewhere (``eerbiediging`` → ``utilisation``, which the
    two French units also hold for ``gebruik``/``misbruik``, against ``respect``). Languages
    learned apart cannot see that the English rendering (``respect``) is written letter for
    letter in every French unit of the term: the same word, in two translations of one
    sentence, is the best evidence such a term has (Latin loans, names, acronyms). Only a
    disagreement is settled: both renderings must differ, and the other language's must not
    stand in every unit of this one's as well (then neither is preferred)."""
    langs = list(found)
    for lang in langs:
        side = corpus.sides[lang]
        for key, renderings in found[lang].items():
            units = postings[key]
            if not renderings or len(units) > RARE_UNITS:
                continue
            own = [side.vocab.lemmas[i] for i in renderings[0].key]
            for other in langs:
                theirs = found[other].get(key)
                if other == lang or not theirs:
                    continue
                other_side = corpus.sides[other]
                if [other_side.vocab.lemmas[i] for i in theirs[0].key] == own:
                    break
                phrase = _written_in_all(side, other_side, theirs[0].key, units)
                if phrase is None:
                    continue
                if _written_in_all(other_side, side, renderings[0].key, units) is not None:
                    continue
                agreed = _counted(corpus, side, phrase, units, renderings[0])
                if agreed.support >= MIN_SUPPORT:  # as ``drop_unsure`` asks of every rendering
                    found[lang][key] = [agreed]
                break


def _fill_across_languages(
    corpus: Corpus,
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    postings: dict[tuple[int, ...], list[int]],
) -> None:
    """A rare term with no rendering in one target language takes the other language's
    rendering when that is a name written with the same lemmas in every one of the term's units
    (``_in_all``) and with capitals in both languages' display forms (``_capitalised``: ``Luik``
    → ``Liège`` in French as in English).

    In two units Dice cannot tell a name from the other phrases the units share (``attentat
    terroriste``, ``suite``: ``choice._rivals``), so its score may fall under the floor in one
    language and not in the other; the same word in both translations of the sentence is
    evidence that does not depend on the rivals (names, acronyms, Latin loans), as in
    ``_agree_across_languages``. Only a name: a common word written the same may be part of
    phrases each language builds differently (``rotation`` of ``rotation des cultures`` and
    ``crop rotation`` for ``wisselbouw``). The rendering keeps the other language's score."""
    langs = list(found)
    for lang in langs:
        side = corpus.sides[lang]
        for key, units in postings.items():
            if found[lang].get(key) or len(units) > RARE_UNITS:
                continue
            for other in langs:
                theirs = found[other].get(key)
                if other == lang or not theirs:
                    continue
                phrase = _written_in_all(side, corpus.sides[other], theirs[0].key, units)
                if phrase is None:
                    continue
                filled = _counted(corpus, side, phrase, units, theirs[0])
                if not (_capitalised(theirs[0].text) and _capitalised(filled.text)):
                    continue
                if filled.support >= MIN_SUPPORT:  # as ``drop_unsure`` asks of every rendering
                    found[lang][key] = [filled]
                    break


def _fill_cognates_across_languages(
    corpus: Corpus,
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    sample: int,
) -> None:
    """A one-word term with no rendering in one target language takes the word of its units
    there that is a cognate (``cognates.cognate_phrase``) both of the term and of the other
    language's one-word rendering, when it stands in at least half of the term's units
    (``solidariteit`` → ``solidarity`` in English, ``solidarité`` in the French unit that
    translates the sentence; ``identificatie`` → ``identification`` in both).

    A rare term's rendering may stand in one of its two units only (the other translation
    paraphrases, ``to be identified`` for ``de identificatie``, or is misaligned), so no phrase
    is counted twice and the term gets no rendering there; the same stem in the other
    translation and in the term itself is evidence that does not depend on the count. The
    cognate test keeps out common words written alike that render different words in each
    language (``rotation`` for ``wisselbouw``, ``_fill_across_languages``). The rendering is
    counted in the units that hold it and keeps the other language's score; ``sample`` bounds
    the units read per term."""
    langs = list(found)
    for lang in langs:
        side = corpus.sides[lang]
        for key, units in postings.items():
            if found[lang].get(key):
                continue
            for other in langs:
                theirs = found[other].get(key)
                if other == lang or not theirs:
                    continue
                if not cognate_phrase(source_text[key], theirs[0].text):
                    continue
                sampled = evenly(units, sample)
                word = _cognate_in_units(side, sampled, source_text[key], theirs[0].text)
                if word is not None:
                    holding = [u for u in sampled if word in side.lemma_ids(u)]
                    found[lang][key] = [_counted(corpus, side, (word,), holding, theirs[0])]
                    break


def _fill_cognates(
    corpus: Corpus,
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    scorer: Scorer,
    sample: int,
) -> None:
    """A one-word term with no rendering in a language takes the word of its units there that is
    a cognate of it (``cognates.cognate_phrase``) standing in two of them and at least half
    (``Charrington`` in the Romanian units of ``charrington``; ``Muztagh`` for ``Mustagh``),
    scored as any rendering (``Scorer``: Dice over the memory, strings, encoder).

    Dice keeps such a word under the floor when it also stands in many other units, or the
    term's other phrases tie with it; with no rendering at all, the same stem written in two of
    the term's units is the better evidence. Not a verb's cognate for a Dutch -isering noun
    (``filters.verb_for_noun``: ``moderniser`` for ``modernisering``), as for every
    rendering. ``sample`` bounds the units read per term."""
    for lang in found:
        side = corpus.sides[lang]
        filled: dict[tuple[int, ...], tuple[int, list[int]]] = {}
        for key, units in postings.items():
            if found[lang].get(key) or len(folded_words(source_text[key])) != 1:
                continue
            sampled = evenly(units, sample)
            word = _cognate_in_units(side, sampled, source_text[key], source_text[key], least=2)
            if word is not None:
                filled[key] = (word, [u for u in sampled if word in side.lemma_ids(u)])
        if not filled:
            continue
        frequency = unit_frequencies(side, {(word,) for word, _ in filled.values()})
        for key, (word, holding) in filled.items():
            units = postings[key]
            association = sampled_dice(
                len(holding), units, evenly(units, sample), frequency[(word,)]
            )
            rendering = _filled_word(
                corpus, side, word, holding, holding, source_text[key], association, scorer
            )
            if rendering is not None:
                found[lang][key] = [rendering]


def _fill_compound_parts(
    corpus: Corpus,
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    scorer: Scorer,
    options: TermOptions,
) -> None:
    """A one-word term with no rendering in a language that writes compounds as one word takes
    the word its units write mostly inside compounds (``compounds.compound_part_renderings``:
    ``santé`` → ``gezondheid`` of ``gezondheidszorg``, ``volksgezondheid``), scored as any
    rendering (``Scorer``: Dice, strings, encoder) and kept above ``min_score``. Not for a term
    in ``TWO_UNITS`` units or fewer: the words of a compound's parts multiply the words two
    units share by chance (``dépassent`` → ``lasten`` of ``pensioenlasten`` twice). Not a verb's
    form for a Dutch -isering noun (``filters.verb_for_noun``), as for every rendering."""
    for lang in found:
        side = corpus.sides[lang]
        todo = {
            key: evenly(units, options.sample)
            for key, units in postings.items()
            if not found[lang].get(key)
            and len(folded_words(source_text[key])) == 1
            and len(units) > TWO_UNITS
        }
        sizes = {key: len(postings[key]) for key in todo}
        for key, (word, holding, association) in compound_part_renderings(
            side, todo, sizes
        ).items():
            whole = [u for u in holding if word in side.lemma_ids(u)]
            rendering = _filled_word(
                corpus, side, word, whole, holding, source_text[key], association, scorer
            )
            if rendering is not None and rendering.score >= options.min_score:
                found[lang][key] = [rendering]


def _fill_composed(
    corpus: Corpus,
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    scorer: Scorer,
    options: TermOptions,
) -> None:
    """A multi-word term left without a rendering in one language, beside another language's,
    takes the phrase of its units composed of its words' renderings
    (``composed.composed_renderings``: ``buitengrenzen van de EU`` → ``EU's external
    borders``), counted in the units that hold it."""
    composed = composed_renderings(
        corpus, found, postings, source_text, scorer, options.sample, options.min_score
    )
    for lang, renderings in composed.items():
        side = corpus.sides[lang]
        for key, (phrase, holding, score) in renderings.items():
            filled = _counted(corpus, side, phrase, holding, Found(phrase, "", score))
            if filled.support >= MIN_SUPPORT:  # as ``drop_unsure`` asks of every rendering
                found[lang][key] = [filled]


def _filled_word(
    corpus: Corpus,
    side: Side,
    word: int,
    shown_in: list[int],
    counted_in: list[int],
    term: str,
    association: float,
    scorer: Scorer,
) -> Found | None:
    """A one-word rendering that a fill gives a term (``_fill_cognates``,
    ``_fill_compound_parts``): shown as the word stands in ``shown_in``, scored as any rendering
    (``Scorer``: ``association``, strings, encoder) and counted in ``counted_in``; None for a
    verb's form rendering a Dutch -isering noun (``filters.verb_for_noun``), as for every
    rendering."""
    text = display_forms(side, {(word,)}, shown_in)[(word,)]
    if verb_for_noun(corpus.source.vocab.lang.code, term, text):
        return None
    scorer.prepare({text})
    model = Found((word,), text, scorer.score(association, term, text))
    return _counted(corpus, side, (word,), counted_in, model)


def _cognate_in_units(
    side: Side, units: list[int], term: str, rendering: str, least: int = 1
) -> int | None:
    """The content word of ``side`` that stands in the most of ``units``, at least half of them,
    and is a cognate of both ``term`` and the other language's ``rendering``; else None."""
    seen: Counter[int] = Counter()
    for unit in units:
        seen.update(set(side.lemma_ids(unit)))
    lemmas, content = side.vocab.lemmas, side.vocab.edge_ok
    for word, count in seen.most_common():
        if 2 * count < len(units) or count < least:
            return None
        if (
            word >= 0
            and content[word]
            and cognate_phrase(term, lemmas[word])
            and cognate_phrase(rendering, lemmas[word])
        ):
            return word
    return None


def _capitalised(text: str) -> bool:
    """Whether every word of a rendering's display form starts with a capital (a name or an
    acronym; display forms prefer occurrences inside a sentence)."""
    words = WORDS.findall(text)
    return bool(words) and all(word[0].isupper() for word in words)


def _counted(
    corpus: Corpus, side: Side, phrase: tuple[int, ...], units: list[int], model: Found
) -> Found:
    """``phrase`` as a rendering counted in ``units``, with ``model``'s score and link."""
    found = Found(
        phrase, display_forms(side, {phrase}, units)[phrase], model.score, linked=model.linked
    )
    for unit in units:
        found.add_unit(
            unit, corpus.documents[unit], corpus.source.length(unit), side.evidence[unit]
        )
    return found


def _written_in_all(
    side: Side, other: Side, rendering: tuple[int, ...], units: list[int]
) -> tuple[int, ...] | None:
    """``other``'s ``rendering`` as a phrase of ``side``, written with the same lemmas, when it
    stands in every one of ``units`` there; else None (``_agree_across_languages``,
    ``_fill_across_languages``)."""
    phrase = _same_words(side, [other.vocab.lemmas[i] for i in rendering])
    return phrase if phrase is not None and _in_all(side, phrase, units) else None


def _same_words(side: Side, lemmas: list[str]) -> tuple[int, ...] | None:
    """The phrase of ``side`` written with these lemmas, if its vocabulary has them all."""
    ids = tuple(side.vocab.lemma_ids.get(lemma, -1) for lemma in lemmas)
    return None if -1 in ids else ids


def _in_all(side: Side, phrase: tuple[int, ...], units: list[int]) -> bool:
    """Whether ``phrase`` stands in every one of ``units`` on ``side``."""
    index = PhraseIndex([phrase])
    return all(index.present(side.lemma_ids(unit)) for unit in units)


def _cognate_of_part(part: str, longer: str, rendering: str) -> bool:
    """Whether ``rendering`` is a cognate of the ``part`` of a longer term rather than of the
    term (``validering`` → ``validation``, not ``resultaten van de validering``): in units where
    the part never stands alone, the letters are the one evidence of which words a rendering
    translates (a compound such as ``ráðherranefndarinnar`` for ``Council of Ministers`` is no
    rendering of ``Ministers`` alone)."""
    similarity = string_similarity(part, rendering)
    return similarity >= PART_COGNATE and similarity > string_similarity(longer, rendering)


def _ranked(
    candidates: list[Candidate],
    found: dict[str, dict[tuple[int, ...], list[Found]]],
    langs: tuple[str, ...],
) -> list[Ranked]:
    """The candidates with a rendering, best first: √(relative termhood) × the mean score of
    their most frequent renderings; longer terms' renderings left out of the lists."""
    top_termhood = max((c.termhood for c in candidates), default=1.0) or 1.0
    ranked: list[Ranked] = []
    for candidate in candidates:
        per_lang = {lang: found[lang].get(candidate.key, []) for lang in langs[1:]}
        if not any(per_lang.values()):
            continue
        # the most frequent rendering's score: a term rendered in several ways, none of them
        # alone well associated (``equivalents.sets.score_sets``), ranks below consistent ones
        quality = sum(
            max(f, key=lambda r: r.units).score if f else 0.0 for f in per_lang.values()
        ) / len(per_lang)
        score = math.sqrt(candidate.termhood / top_termhood) * quality
        # a longer term's rendering (``párttag`` beside ``Party → Párt``) still shows that
        # the term's words are translated consistently, but is not listed as a variant
        listed = {lang: [f for f in found if not f.longer_term] for lang, found in per_lang.items()}
        ranked.append((score, candidate, listed))
    ranked.sort(key=lambda item: (-item[0], item[1].key))
    return ranked


def _entry(
    corpus: Corpus,
    langs: tuple[str, ...],
    score: float,
    candidate: Candidate,
    per_lang: dict[str, list[Found]],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    texts: dict[int, tuple[str, dict[str, str], str]],
) -> TermEntry:
    """A listed term as a record, with its renderings' counts and examples."""
    units = postings[candidate.key]
    term = source_text[candidate.key]
    return TermEntry(
        lang=langs[0],
        text=term,
        key=corpus.source.vocab.key_text(candidate.key),
        units=len(units),
        documents=len({corpus.documents[u] for u in units}),
        termhood=round(candidate.termhood, 3),
        score=round(score, 4),
        renderings={
            lang: [_rendering(corpus, lang, f, texts, term) for f in renderings]
            for lang, renderings in per_lang.items()
            if renderings
        },
    )


def _without_same_names(
    corpus: Corpus,
    ranked: list[Ranked],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    options: TermOptions,
) -> list[Ranked]:
    """The ranked terms, at most ``options.limit``, shown in their citation forms, less the
    names whose shown renderings are the name itself (``_same_name``). The check reads the
    forms the glossary shows, so that a name listed as ``Barbados → Barbados`` (units writing
    ``Barbadosra``, ``Barbadoson`` most often) is dropped like ``London → London``; with a
    limit, the forms are found a limit's worth of terms at a time."""
    step = options.limit or len(ranked)
    kept: list[Ranked] = []
    for start in range(0, len(ranked), max(step, 1)):
        chunk = ranked[start : start + step]
        _show_citation_forms(corpus, chunk, postings, source_text, options.sample)
        kept.extend(item for item in chunk if not _same_name(source_text[item[1].key], item[2]))
        if options.limit and len(kept) >= options.limit:
            return kept[: options.limit]
    return kept


def _show_citation_forms(
    corpus: Corpus,
    ranked: list[Ranked],
    postings: dict[tuple[int, ...], list[int]],
    source_text: dict[tuple[int, ...], str],
    sample: int,
) -> None:
    """Show each listed rendering in its citation form (``forms.py``): ``kantin``, not the
    inflected ``kantinban`` the units write most often. Display only: scores are unchanged.

    A rendering may be shown in the form of another key merged into it (``forms_of``) only
    when that key's lemmas are no longer than its own: ``szótár`` for ``szótárának`` (lemma
    ``szótára``), but not the derived ``iraki`` ("Iraqi") for ``Irakban``."""
    units = {candidate.key: evenly(postings[candidate.key], sample) for _, candidate, _ in ranked}
    for lang in corpus.langs[1:]:
        lemmas = corpus.sides[lang].vocab.lemmas

        def letters(key: tuple[int, ...], lemmas: list[str] = lemmas) -> int:
            return sum(len(lemmas[i]) for i in key)

        groups = {
            candidate.key: [
                ([f.key, *(k for k in f.forms_of if letters(k) <= letters(f.key))], f.text)
                for f in per_lang[lang]
            ]
            for _, candidate, per_lang in ranked
            if per_lang[lang]
        }
        shown = citation_forms(corpus.source, corpus.sides[lang], groups, units, source_text)
        for _, candidate, per_lang in ranked:
            for found, text in zip(per_lang[lang], shown.get(candidate.key, ()), strict=False):
                if text is not None:
                    found.text = text


def _drop_shared_renderings(
    found: dict[tuple[int, ...], list[Found]], postings: dict[tuple[int, ...], list[int]]
) -> None:
    """Keep a main rendering only for the best-scored of the terms that share it and mostly
    occur together (neither part of the other: ``swore`` and ``oath`` → ``sóru``,
    ``motherfucker`` and ``dice`` → ``teningnum``): words that always stand together cannot be
    told apart by their units, so the rendering is right for one of them at most."""
    by_rendering: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
    for key, renderings in found.items():
        if renderings:
            by_rendering.setdefault(renderings[0].key, []).append(key)
    weaker = set()
    for keys in by_rendering.values():
        keys.sort(key=lambda k: (-found[k][0].score, k))
        for i, best in enumerate(keys):
            if best in weaker:
                continue
            units = set(postings[best])
            for other in keys[i + 1 :]:
                if overlaps(best, other):
                    continue
                both = sum(1 for unit in postings[other] if unit in units)
                if both >= SHARED_UNITS_SHARE * min(len(units), len(postings[other])):
                    weaker.add(other)
    for key in weaker:
        del found[key]


def _same_name(text: str, per_lang: dict[str, list[Found]]) -> bool:
    """A proper name written identically in every language (a person's name) needs no entry:
    the main rendering, in the form shown (``_without_same_names``), is the name itself."""
    if not all(word[:1].isupper() for word in text.split()):
        return False
    # exact letters: Israël/Israel or Bruxelles/Brussel differ, and a glossary should say so
    return all(found and found[0].text.lower() == text.lower() for found in per_lang.values())


def _example_texts(
    store: Store, corpus: Corpus, ranked: list[Ranked], langs: tuple[str, ...]
) -> dict[int, tuple[str, dict[str, str], str]]:
    """unit index → (tuid, texts by language, document title) for the examples shown."""
    wanted = {
        corpus.unit_ids[u]: u
        for _, _, per_lang in ranked
        for renderings in per_lang.values()
        for f in renderings
        for u in f.example_units
    }
    texts = {}
    # the examples' units only, by id, a chunk at a time (a second pass over every unit of a
    # 100,000-unit memory took 5-10 s to find a few thousand)
    ids = sorted(wanted)
    for start in range(0, len(ids), EXAMPLE_IDS_PER_READ):
        chosen = UnitFilter(
            require_langs=(langs[0],), unit_ids=tuple(ids[start : start + EXAMPLE_IDS_PER_READ])
        )
        for unit in store.iter_units(chosen):
            side = unit.sides[langs[0]]
            title = side.title or (side.document or "")[:12]
            texts[wanted[unit.id]] = (
                unit.tuid,
                {lang: unit.sides[lang].text for lang in langs if lang in unit.sides},
                title,
            )
    return texts


def _rendering(
    corpus: Corpus,
    lang: str,
    found: Found,
    texts: dict[int, tuple[str, dict[str, str], str]],
    term: str,
) -> Rendering:
    """A rendering as a record, its examples cut around the term and the rendering when a
    unit is a whole paragraph or page (``example_around``)."""
    examples = []
    for unit in found.example_units:
        if unit in texts:
            tuid, by_lang, title = texts[unit]
            source = example_around(by_lang[corpus.langs[0]], term)
            target = example_around(by_lang.get(lang, ""), found.text)
            examples.append(Example(tuid, source, target, title))
    vocab = corpus.sides[lang].vocab
    return Rendering(
        text=found.text,
        key=vocab.key_text(found.key),
        other_keys=[
            vocab.key_text(key)
            for key in (*found.forms_of, *grouped_keys(vocab.grouped, found.key))
        ],
        units=found.units,
        documents=len(found.documents),
        score=round(found.score, 4),
        examples=examples,
    )
