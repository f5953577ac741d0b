"""Translation spotting: where a term's equivalent is in a unit's counterpart text.

``TermModel`` is the learned glossary in a form search can use: for every term (in either
direction: nl→fr and fr→nl) the lemma keys of its renderings. ``spot(term, lang, target_text,
target_lang, model)`` lemmatises the query, looks up its renderings and returns the character
spans where any of them occurs in ``target_text``; a term the model does not know is spotted as
itself (names, acronyms and numbers are usually written the same in every language).

The model is saved as JSON by every ``tmtool terms`` run, next to the memory by default
(``memory_path``: ``tmtool.db.terms/model.json``), so ``tmtool search`` spots with it without
recomputing terms at each query (``memory_model``); ``--model FILE`` chooses another file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmtool.cache import memory_folder
from tmtool.errors import InputError
from tmtool.terms.records import TermList
from tmtool.terms.text import language

if TYPE_CHECKING:
    from tmtool.files import OutputGroup
    from tmtool.store import Store

MODEL_FORMAT = "tmtool-terms-model/1"

Key = tuple[str, ...]


class TermModel:
    """Term key → renderings' keys, per (source language, target language)."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, str], dict[Key, list[Key]]] = defaultdict(dict)

    def add(self, lang: str, key: Key, target_lang: str, target_key: Key) -> None:
        """Record that ``key`` (in ``lang``) is rendered as ``target_key``, in both directions."""
        for a, ka, b, kb in (
            (lang, key, target_lang, target_key),
            (target_lang, target_key, lang, key),
        ):
            found = self.table[(a, b)].setdefault(ka, [])
            if kb not in found:
                found.append(kb)

    @classmethod
    def from_terms(cls, terms: TermList) -> TermModel:
        model = cls()
        for entry in terms.entries:
            for target_lang, renderings in entry.renderings.items():
                for rendering in renderings:
                    for key in (rendering.key, *rendering.other_keys):
                        model.add(entry.lang, entry.key, target_lang, key)
        # renderings of the same term are also each other's equivalents (fr ↔ en)
        for entry in terms.entries:
            langs = list(entry.renderings)
            for i, a in enumerate(langs):
                for b in langs[i + 1 :]:
                    model.add(a, entry.renderings[a][0].key, b, entry.renderings[b][0].key)
        return model

    def renderings(self, key: Key, lang: str, target_lang: str) -> list[Key]:
        return self.table.get((lang, target_lang), {}).get(key, [])

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "pairs": [
                {
                    "from": a,
                    "to": b,
                    "terms": [[list(k), [list(t) for t in v]] for k, v in keys.items()],
                }
                for (a, b), keys in sorted(self.table.items())
            ],
        }

    def save(self, path: str | Path, *, group: OutputGroup | None = None) -> None:
        """Write the model as JSON, atomically (its folder made; a failure is one error line);
        with ``group`` it appears only with the rest of that ``OutputGroup`` (the glossaries)."""
        from tmtool.files import write_output

        write_output(path, json.dumps(self.to_json(), ensure_ascii=False), group=group)

    @classmethod
    def load(cls, path: str | Path) -> TermModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read term model {path}: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None  # not JSON: said as for JSON of another kind, not in the parser's words
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise InputError(f"{path} is not a tmtool term model ({MODEL_FORMAT})")
        model = cls()
        try:
            for pair in data["pairs"]:
                table = model.table[(pair["from"], pair["to"])]
                for key, targets in pair["terms"]:
                    table[tuple(key)] = [tuple(t) for t in targets]
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{path}: malformed term model ({exc})") from None
        return model


def memory_path(store: Store) -> Path:
    """Where ``tmtool terms`` saves, and ``tmtool search`` looks for, the memory's model."""
    return memory_folder(store, "terms") / "model.json"


def memory_model(store: Store, path: str | Path | None = None) -> TermModel | None:
    """The model at ``path`` (InputError when unreadable), else the memory's own one when
    ``tmtool terms`` has saved it, else None."""
    if path is not None:
        return TermModel.load(path)
    default = memory_path(store)
    return TermModel.load(default) if default.is_file() else None


def spot(
    term: str, lang: str, target_text: str, target_lang: str, model: TermModel | None
) -> list[tuple[int, int]]:
    """Character spans of ``term``'s equivalents in ``target_text``, in text order."""
    key = language(lang).key(term)
    if not key:
        return []
    wanted = list(model.renderings(key, lang, target_lang)) if model is not None else []
    if not wanted:
        wanted = [tuple(token.lower() for token in _words(term, lang))]
    tokens = language(target_lang).tokens(target_text)
    lemmas = [t.lemma for t in tokens]
    lowered = [t.surface.lower() for t in tokens]
    spans = set()
    for target in wanted:
        size = len(target)
        for start in range(len(tokens) - size + 1):
            window = tuple(lemmas[start : start + size])
            if window == target or tuple(lowered[start : start + size]) == target:
                spans.add((tokens[start].start, tokens[start + size - 1].end))
    return _outermost(sorted(spans))


def _words(text: str, lang: str) -> list[str]:
    return [token.surface for token in language(lang).tokens(text)]


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans that lie inside another span."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and start >= out[-1][0] and end <= out[-1][1]:
            continue
        out.append((start, end))
    return out
