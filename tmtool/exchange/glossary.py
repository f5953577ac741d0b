"""Term lists as CAT-tool glossaries: CSV (memoQ, Trados MultiTerm) and OmegaT's tab format.

CSV: UTF-8, a header row whose first columns are the language tags in ``--langs`` order
(``nl-BE,fr-BE,en-GB``), then score, frequency (units with the term), documents, status
(``consistent``/``inconsistent``, naming any language without a rendering: ``consistent; no
rendering in en-GB``) and one example sentence; one row per term with its main rendering in each
language, an empty cell where none was found (every rendering with its counts is in the TBX file,
which has no ``langSet`` for such a language, and ``--json``).

OmegaT: ``source<TAB>target<TAB>comment`` lines, UTF-8, for one target language; a term with
several renderings gets one line per rendering, its comment saying which is the main one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from tmtool.counts import counted
from tmtool.errors import InputError
from tmtool.exchange.langs import resolve_tags, tag_for
from tmtool.terms.records import TermEntry, TermList

CSV_FIELDS = ("score", "frequency", "documents", "status", "example")


def csv_header(langs: list[str], tags: Mapping[str, str]) -> list[str]:
    return [tag_for(lang, tags) for lang in langs] + list(CSV_FIELDS)


def glossary_csv(terms: TermList, lang_tags: Mapping[str, str] | None = None) -> str:
    """The term list as CSV text (header row first)."""
    tags = resolve_tags(lang_tags)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_header(terms.langs, tags))
    for entry in terms.entries:
        renderings = [entry.main(lang) for lang in terms.langs[1:]]
        example = entry.example()
        writer.writerow(
            [entry.text]
            + [r.text if r else "" for r in renderings]
            + [
                f"{entry.score:.3f}",
                entry.units,
                entry.documents,
                _status(entry, terms.langs[1:], tags),
                _one_line(example.source) if example else "",
            ]
        )
    return out.getvalue()


def _status(entry: TermEntry, langs: list[str], tags: Mapping[str, str]) -> str:
    """The entry's status, naming the target languages it has no rendering in: the memory did
    not show one well enough (``Ministerie van Justitie`` with ``Ministry of Justice`` but no
    French), so the empty cell is a gap to fill, not a value lost on the way."""
    missing = [tag_for(lang, tags) for lang in langs if entry.main(lang) is None]
    return entry.status + (f"; no rendering in {', '.join(missing)}" if missing else "")


def glossary_omegat(terms: TermList, target_lang: str) -> str:
    """The term list as an OmegaT glossary for ``target_lang`` (source<TAB>target<TAB>comment)."""
    if target_lang not in terms.langs[1:]:
        raise InputError(f"--omegat-lang {target_lang} is not one of --langs {terms.langs[1:]}")
    lines = []
    for entry in terms.entries:
        renderings = entry.renderings.get(target_lang, [])
        for rank, rendering in enumerate(renderings):
            role = "main rendering" if rank == 0 else "variant"
            comment = (
                f"{entry.status}; {role}; {counted(rendering.units, 'unit')}, "
                f"{counted(rendering.documents, 'document')}"
            )
            if len(renderings) > 1:
                comment += "; also: " + ", ".join(r.text for r in renderings if r is not rendering)
            lines.append("\t".join(_one_line(x) for x in (entry.text, rendering.text, comment)))
    return "".join(line + "\n" for line in lines)


def _one_line(text: str) -> str:
    """No tabs or line breaks inside a field of a line-based format."""
    return " ".join(text.split())
