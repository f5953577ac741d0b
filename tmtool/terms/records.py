"""Plain data out of term extraction: terms, their renderings per language, examples."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Example:
    """A unit in which a term and one of its renderings occur together."""

    tuid: str
    source: str
    target: str
    document: str  # title of the source document, or a short hash


@dataclass
class Rendering:
    """One way a term is translated in one language."""

    text: str  # citation form as the memory writes it (``forms.py``)
    key: tuple[str, ...]  # lemmas
    units: int  # units in which the term and this rendering occur together
    documents: int
    score: float  # association with the term, 0..1
    examples: list[Example] = field(default_factory=list)
    #: lemma keys of other forms of the same words, counted here (``szótárt`` with
    #: ``szótárának``: the lemmatiser keyed them apart)
    other_keys: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class TermEntry:
    """A source-language term and its renderings in every other language."""

    lang: str
    text: str
    key: tuple[str, ...]
    units: int  # units containing the term
    documents: int
    termhood: float
    score: float  # termhood combined with how well and consistently it is translated
    renderings: dict[str, list[Rendering]] = field(default_factory=dict)  # lang → main first

    def main(self, lang: str) -> Rendering | None:
        found = self.renderings.get(lang)
        return found[0] if found else None

    def inconsistent_langs(self) -> list[str]:
        return [lang for lang, found in self.renderings.items() if len(found) > 1]

    @property
    def status(self) -> str:
        return "inconsistent" if self.inconsistent_langs() else "consistent"

    def example(self) -> Example | None:
        for found in self.renderings.values():
            for rendering in found:
                if rendering.examples:
                    return rendering.examples[0]
        return None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status
        return data


@dataclass
class TermList:
    """The result of ``extract_terms``: terms best first."""

    langs: list[str]
    units: int  # units read (with a source side)
    entries: list[TermEntry]

    def pairs(self, lang: str) -> list[tuple[TermEntry, Rendering]]:
        """(term, main rendering in ``lang``) in ranking order, for terms that have one."""
        return [(e, r) for e in self.entries if (r := e.main(lang)) is not None]
