"""Building the corpus: the memory's units read once into compact word-id sides, then each
side's words marked from the memory's own evidence (``build_corpus``).

Each step has its module: ``vocabulary.py`` and ``sides.py`` hold the data (word ids, why and at
what cost); ``content_words.py`` gives back the content words among guessed function words;
``stems.py`` groups suffixed forms; ``word_classes`` marks verb forms and the words no term ends
with; ``windows.py`` says where a candidate may stand. The names the rest of the package imports
from here (``__all__``) stay here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from tmtool.terms.content_words import dice, restore_content_words
from tmtool.terms.sides import BREAK, Corpus, Side
from tmtool.terms.stems import group_suffixed_forms
from tmtool.terms.text import language
from tmtool.terms.vocabulary import Vocabulary
from tmtool.terms.windows import windows
from tmtool.terms.word_classes import keep_noun_heads, mark_word_classes, settle_odd_forms

__all__ = [
    "BREAK",
    "Corpus",
    "Side",
    "Vocabulary",
    "build_corpus",
    "dice",
    "windows",
]


def build_corpus(
    units: Iterable[
        tuple[int, str | None, dict[str, str]]
        | tuple[int, str | None, dict[str, str], dict[str, float | None]]
    ],
    langs: list[str],
) -> Corpus:
    """A corpus from ``(unit id, source document, {lang: text})`` rows with a source text,
    optionally followed by ``{lang: alignment confidence}`` (None or missing: unknown; a side
    left out of the texts for its low confidence still says how parallel its document is)."""
    corpus = Corpus(langs, {lang: Side(Vocabulary(language(lang))) for lang in langs})
    doc_index: dict[str, int] = {}
    for unit_id, document, texts, *more in units:
        confidences = more[0] if more else {}
        if not texts.get(langs[0], "").strip():
            continue
        corpus.unit_ids.append(unit_id)
        name = document or ""
        if name not in doc_index:
            doc_index[name] = len(corpus.document_names)
            corpus.document_names.append(name)
        corpus.documents.append(doc_index[name])
        for lang in langs:
            corpus.sides[lang].add(texts.get(lang, ""), confidences.get(lang))
    weigh_units(corpus)
    restore_content_words(corpus)
    for lang in langs[1:]:
        side = corpus.sides[lang]
        side.vocab.grouped = group_suffixed_forms(side)
    for side in corpus.sides.values():
        keep_noun_heads(side)
        settle_odd_forms(side)
        mark_word_classes(side)
        side.settle_lemmas()
    return corpus


def weigh_units(corpus: Corpus) -> None:
    """Turn each side's alignment confidences into evidence weights: a unit's confidence times
    the mean confidence of its document's units on that side, 1.0 where it is unknown.

    The confidence (the aligner's calibrated posterior) says how likely the unit pairs the right
    sentences, as if the documents were translations of each other; the document's mean says
    how far they are. In a rewritten press release (DCEP's English, mean 0.13-0.76) even the
    surest pairing is often a paraphrase, whose words co-occur with the term by chance
    (``herziening`` → ``debate`` in units at 0.91 and 0.79 of a document at 0.76); in a
    translation (Europarl, DPC: 0.95-0.995) the weight is about the confidence."""
    for side in corpus.sides.values():
        evidence = side.evidence
        totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
        for unit, document in enumerate(corpus.documents):
            confidence = evidence[unit]
            if not math.isnan(confidence):
                totals[document][0] += confidence
                totals[document][1] += 1
        for unit, document in enumerate(corpus.documents):
            confidence = evidence[unit]
            if math.isnan(confidence):
                evidence[unit] = 1.0
            else:
                total, count = totals[document]
                evidence[unit] = confidence * total / count
