"""Equivalents of source terms in one target language, learned from the memory itself.

For each term, the target phrases (same phrase rules as candidates) of the units that contain it
are counted; Dice's coefficient between the term's units and each phrase's units (2·both /
(term + phrase)) measures association over the whole memory. The best few phrases are then
re-scored with two more kinds of evidence: string similarity (identical names, acronyms and
cognates such as ``Parlement``/``Parliament``) and, when an encoder is given, the cosine between
the encoder's embeddings of the two phrases. The best phrase above ``min_score`` is the term's
main rendering; other renderings in the units that lack it make the term "inconsistent".

``learn_renderings`` runs the steps, each in its own module (every check language-independent,
driven by the memory's own counts):

- ``association``: the counts, Dice, the ``Scorer`` and the both-ways link of a term and phrase;
- ``parts``: a term's parts (words, compound heads) and the longer terms that hold it, and
  the heads whose rendering only their compounds show;
- ``choice``: choosing each term's main rendering;
- ``whole``: keeping that rendering whole (parts covered, fragments extended, longer phrases)
  and no more (a neighbouring verb's rendering left out);
- ``filters``: the checks that drop or score down a pair (coordinations, copied pieces and
  names, unlike two-unit pairs, units of doubtful alignment);
- ``variants``: variation, the other renderings of a term and forms of one rendering;
- ``sets``: the score a rendering needs, and terms rendered by sets of renderings or synonyms.

Memory stays bounded: each term learns from at most ``sample`` of its units, and each term's
phrase counts are pruned of singletons when they grow past ``MAX_PHRASES_PER_TERM``.
"""

from __future__ import annotations

from tmtool.terms.corpus import Corpus
from tmtool.terms.equivalents.association import (
    Embed,
    Found,
    Key,
    Learning,
    Scorer,
    cooccurrences,
    display_forms,
    evenly,
    max_target_words,
)
from tmtool.terms.equivalents.choice import main_renderings
from tmtool.terms.equivalents.filters import coordinated_filter, drop_unsure
from tmtool.terms.equivalents.parts import (
    compound_heads,
    compound_modifiers,
    term_parts,
    unattested_heads,
    with_compounds,
)
from tmtool.terms.equivalents.sets import score_sets
from tmtool.terms.equivalents.variants import add_variants

__all__ = ["Embed", "Found", "Key", "Scorer", "display_forms", "evenly", "learn_renderings"]


def learn_renderings(
    corpus: Corpus,
    lang: str,
    postings: dict[Key, list[int]],
    source_text: dict[Key, str],
    scorer: Scorer,
    *,
    sample: int,
    min_score: float,
    variant_share: float,
) -> dict[Key, list[Found]]:
    """Renderings in ``lang`` of each source key (main first), learned from the corpus."""
    side = corpus.sides[lang]
    singles = {key[0] for key in postings if len(key) == 1}
    heads = compound_heads(corpus.source.vocab, singles)
    learning = with_compounds(corpus.source, postings, heads)
    samples = {key: evenly(units, sample) for key, units in learning.items()}
    own_samples = {key: evenly(units, sample) for key, units in postings.items()}
    limits = {key: max_target_words(key) for key in postings}
    kept = cooccurrences(corpus.source, side, samples, limits)
    coordinated = coordinated_filter(corpus.source, side)
    kept = {key: [(p, n) for p, n in found if coordinated(key, p)] for key, found in kept.items()}
    parts = term_parts(corpus.source.vocab, list(postings), heads)
    job = Learning(corpus, side, postings, source_text, scorer, sample, min_score)
    modifiers = compound_modifiers(corpus.source.vocab, singles)
    result = main_renderings(
        job, learning, samples, own_samples, kept, parts, coordinated, modifiers
    )
    for key in unattested_heads(side, result, learning, postings, own_samples):
        del result[key]  # a compound's rendering, not the head's
    add_variants(job, result, limits, variant_share, coordinated)
    score_sets(job, result, parts)
    drop_unsure(result)
    return result
