"""A small crafted memory for the terms tests: rows imported as units, their terms extracted."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store
from tmtool.terms import TermList, TermOptions, extract_terms
from tmtool.terms.candidates import count_candidates
from tmtool.terms.corpus import Corpus, build_corpus
from tmtool.terms.equivalents import Found


def imported_terms(
    folder: Path, rows: Iterable[tuple[str, ...]], langs: tuple[str, ...], **options: Any
) -> TermList:
    """``extract_terms`` over a new memory ``folder/m.db`` holding ``rows`` as imported units
    (one text per language of ``langs``, in that order); ``options`` go to ``TermOptions``."""
    with open_store(str(folder / "m.db")) as store:
        store.import_units(
            (ImportedUnit(dict(zip(langs, row, strict=True))) for row in rows),
            ImportSource("ab" * 32, "t.tmx", "t", "test"),
            RunInfo("none", "", {}, "test", datetime.now(timezone.utc)),
        )
        return extract_terms(store, TermOptions(langs=langs, **options))


def candidate_phrases(texts: list[str], lang: str = "nl") -> set[str]:
    """The candidate phrases (up to four words) counted in a memory of ``lang`` texts alone."""
    corpus = build_corpus(((i, "doc", {lang: text}) for i, text in enumerate(texts)), [lang])
    return {" ".join(corpus.source.vocab.key_text(key)) for key in count_candidates(corpus, 4)}


#: ``fill(corpus, found, postings, source_text)``: a pass of ``extract`` that fills a language's
#: missing renderings from the others'
Fill = Callable[
    [Corpus, dict[str, dict[Any, list[Found]]], dict[Any, list[int]], dict[Any, str]], None
]


def french_after_fill(
    rows: list[tuple[str, str, str]], term: str, english: str, fill: Fill
) -> list[str]:
    """The French renderings of ``term`` after ``fill`` over a memory of ``rows`` (nl, fr, en),
    when English renders it ``english`` in each of its units and French has none."""
    corpus = build_corpus(
        ((i, "doc", dict(zip(("nl", "fr", "en"), row, strict=True))) for i, row in enumerate(rows)),
        ["nl", "fr", "en"],
    )
    source, en = corpus.source.vocab, corpus.sides["en"].vocab
    key = tuple(source.lemma_of[source.surface_ids[word]] for word in term.split())
    units = [i for i, row in enumerate(rows) if term in row[0].rstrip(".").split()]
    rendering = tuple(en.lemma_of[en.surface_ids[word]] for word in english.split())
    theirs = Found(rendering, english, 0.6)
    for unit in units:
        theirs.add_unit(unit, 0, corpus.source.length(unit), corpus.sides["en"].evidence[unit])
    found: dict[str, dict[Any, list[Found]]] = {"fr": {}, "en": {key: [theirs]}}
    fill(corpus, found, {key: units}, {key: term})
    return [r.text for r in found["fr"].get(key, [])]
