"""Data passed between pipeline stages: documents, segments and alignment beads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    """One sentence-like unit of a document.

    ``text`` is what the aligner and the memory use (cleaned); ``original`` is the exact span of the
    source text it came from, so cleaning never loses what the document really said.
    """

    index: int
    text: str
    original: str
    kind: str = "sentence"  # "sentence" | "heading" | "item"


#: ``Document.meta`` key of the lines cut out as page furniture or boilerplate, one a line: the
#: memory keeps them with the document, so the whole original stays recoverable.
FURNITURE_KEY = "furniture"


@dataclass
class Document:
    """A read, cleaned and segmented document in one language."""

    lang: str
    segments: list[Segment]
    sha256: str  # hash of the raw input bytes: the document's identity in the memory
    path: str | None = None
    fmt: str = "txt"  # txt | html | docx | pdf | pre (pre-segmented)
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]

    @property
    def furniture(self) -> list[str]:
        """The lines cut out of the document as page furniture or boilerplate."""
        value = self.meta.get(FURNITURE_KEY)
        return value.split("\n") if value else []


@dataclass(frozen=True)
class Bead:
    """An alignment bead: source indices, target indices (either may be empty) and a confidence."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def to_gold(self) -> str:
        """The ``[i,..]:[j,..]`` bead format used by gold files (0-based)."""
        return f"[{','.join(map(str, self.src))}]:[{','.join(map(str, self.tgt))}]"


@dataclass(frozen=True)
class Unit:
    """One multilingual translation unit: the segment indices of each language in one bead."""

    segments: dict[str, tuple[int, ...]]  # lang -> indices into that language's document
    score: float  # the unit's confidence: the lowest of its pairs'
    # pivot-to-language confidence for each other language holding segments (three-file runs)
    pair_scores: dict[str, float] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "-".join(str(len(v)) for v in self.segments.values())
