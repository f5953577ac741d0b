"""A small crafted memory for the terms tests: rows imported as units, their terms extracted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tmtool.store import ImportedUnit, ImportSource, RunInfo, open_store
from tmtool.terms import TermList, TermOptions, extract_terms
from tmtool.terms.candidates import count_candidates
from tmtool.terms.corpus import build_corpus


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
