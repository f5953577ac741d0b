"""The main job: documents in, a stored multilingual alignment (and TMX, bead files) out.

Every input is read, checked and aligned before anything is written; the memory is written in one
transaction and files are written to a temporary name and renamed, so a failure at any point
leaves no half-written data behind.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmtool import __version__
from tmtool.align.aligner import AlignConfig, EmbeddingAligner
from tmtool.align.multi import merge_pairs
from tmtool.align.runs import RunEmbeddings
from tmtool.counts import counted
from tmtool.document import Bead, Document, Unit
from tmtool.embed import Encoder, get_encoder
from tmtool.errors import InputError
from tmtool.evaluate.beads import write_beads

if TYPE_CHECKING:
    from tmtool.files import OutputGroup
    from tmtool.store import RunInfo, SaveReport, Store

Progress = Callable[[str], None]


@dataclass
class Alignment:
    """Aligned documents: the pivot (first) language against each other language."""

    documents: dict[str, Document]  # language → document, pivot first
    pairs: dict[str, list[Bead]]  # target language → beads (pivot indices as source)
    units: list[Unit]
    encoder: str
    encoder_version: str
    params: dict[str, object]
    seconds: dict[str, float] = field(default_factory=dict)
    #: language → the embeddings of its sentences, kept with ``keep_embeddings`` for lookup to
    #: reuse rather than encode again (not by default: a batch sends alignments between processes)
    embeddings: dict[str, RunEmbeddings] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pivot(self) -> str:
        return next(iter(self.documents))

    def bead_types(self, lang: str) -> Counter[str]:
        return Counter(bead.kind for bead in self.pairs[lang])

    def mean_score(self, lang: str) -> float:
        scores = [b.score for b in self.pairs[lang] if b.src and b.tgt]
        return sum(scores) / len(scores) if scores else 0.0

    def low_confidence(self, lang: str, threshold: float) -> int:
        return sum(1 for b in self.pairs[lang] if b.src and b.tgt and b.score < threshold)

    def sentence_vectors(self, lang: str, encoder: Encoder) -> dict[str, Any]:
        """Text → vector of the ``lang`` sentences as ``encoder`` embedded them for this
        alignment (empty if another encoder aligned it)."""
        if (encoder.name, encoder.version) != (self.encoder, self.encoder_version):
            return {}
        embedded = self.embeddings.get(lang)
        if embedded is None:
            return {}
        return dict(zip(embedded.texts, embedded[1][:], strict=True))


def document_langs(langs: Sequence[str]) -> list[str]:
    """The documents' language codes normalised ("NL", "nl-BE" → "nl"), one per file: an
    ``InputError`` when two name the same language (``align`` checks them before its outputs)."""
    from tmtool.exchange.langs import normalise_lang

    codes = [normalise_lang(lang) for lang in langs]
    if len(set(codes)) != len(codes):
        raise InputError(f"each file needs its own language, got {','.join(codes)}")
    return codes


def load_documents(
    paths: Sequence[str | os.PathLike[str]], langs: Sequence[str], *, presegmented: bool = False
) -> dict[str, Document]:
    """Read, clean and segment each file in its language (the first is the pivot).

    Language codes are normalised ("NL", "nl-BE" → "nl") before anything is read.
    """
    from tmtool.prepare import prepare_document

    if len(paths) != len(langs):
        raise InputError(
            f"{counted(len(paths), 'file')} but {counted(len(langs), 'language')} "
            f"({','.join(langs)})"
        )
    langs = document_langs(langs)
    documents = {}
    for path, lang in zip(paths, langs, strict=False):
        doc = prepare_document(path, lang, presegmented=presegmented)
        if not doc.segments:
            raise InputError(f"{path}: no sentences found")
        documents[lang] = doc
    return documents


def _aligner_params(aligner: EmbeddingAligner) -> dict[str, Any]:
    return {"aligner": aligner.name, **aligner.config.as_dict(), "weights": aligner.weights}


def align_documents(
    documents: dict[str, Document],
    encoder: Encoder | str | None = None,
    config: AlignConfig | None = None,
    progress: Progress | None = None,
    *,
    keep_embeddings: bool = False,
) -> Alignment:
    """Align the pivot (first) document with every other one and merge into units; with
    ``keep_embeddings`` the alignment keeps the sentence embeddings (see ``embed_for_lookup``)."""
    if len(documents) < 2:
        raise InputError("alignment needs at least two documents")
    encoder = encoder if isinstance(encoder, Encoder) else get_encoder(encoder)
    aligner = EmbeddingAligner(encoder, config)
    say = progress or (lambda _msg: None)
    pivot, *others = documents
    seconds = {"embed": 0.0, "align": 0.0}
    start = time.perf_counter()
    say(f"embedding {pivot} ({counted(len(documents[pivot].segments), 'segment')})")
    embedded = {pivot: RunEmbeddings(documents[pivot].texts, encoder, aligner.config.max_run)}
    pairs = {}
    for lang in others:
        say(f"embedding {lang} ({counted(len(documents[lang].segments), 'segment')})")
        embedded[lang] = RunEmbeddings(documents[lang].texts, encoder, aligner.config.max_run)
        seconds["embed"] += time.perf_counter() - start
        start = time.perf_counter()
        say(f"aligning {pivot}-{lang}")
        pairs[lang] = aligner.align_embedded(embedded[pivot], embedded[lang])
        seconds["align"] += time.perf_counter() - start
        start = time.perf_counter()
    units = merge_pairs(pivot, len(documents[pivot].segments), pairs)
    return Alignment(
        documents=documents,
        pairs=pairs,
        units=units,
        encoder=encoder.name,
        encoder_version=encoder.version,
        params=_aligner_params(aligner),
        seconds=seconds,
        embeddings=embedded if keep_embeddings else {},
    )


def run_info(
    encoder: str, encoder_version: str, params: dict[str, Any], pivot: str | None
) -> RunInfo:
    """What the memory records about an alignment run (its identity: encoder, settings, pivot)."""
    from datetime import datetime, timezone

    from tmtool.store import RunInfo

    return RunInfo(
        encoder=encoder,
        encoder_version=encoder_version,
        params=params,
        tool_version=__version__,
        started_at=datetime.now(timezone.utc),
        aligner=str(params.get("aligner", "")),
        pivot=pivot,
    )


def planned_run(encoder: Encoder, pivot: str, config: AlignConfig | None = None) -> RunInfo:
    """The run ``align_documents`` will record with this encoder and pivot, known before
    aligning (to skip sets the memory already holds)."""
    aligner = EmbeddingAligner(encoder, config)
    return run_info(encoder.name, encoder.version, _aligner_params(aligner), pivot)


def save_alignment(store: Store, alignment: Alignment) -> SaveReport:
    """Save the alignment in an open memory (one transaction); returns the SaveReport."""
    run = run_info(alignment.encoder, alignment.encoder_version, alignment.params, alignment.pivot)
    # with one pair the units are its beads; with more, a unit may join sentences that one pair
    # aligned separately, so each pair's own beads are stored for its pair file
    pairs = alignment.pairs if len(alignment.pairs) > 1 else None
    return store.save_alignment(alignment.documents, alignment.units, run, pairs)


def store_alignment(alignment: Alignment, db: str | None) -> SaveReport:
    """Save the alignment in the memory at ``db`` (one transaction); returns the SaveReport."""
    from tmtool.store import open_store

    with open_store(db) as store:
        return save_alignment(store, alignment)


def embed_for_lookup(
    db: str | None, encoder: Encoder, lang: str, alignment: Alignment | None = None
) -> int:
    """Embed the memory's ``lang`` units that have no vector from ``encoder`` yet and bring the
    lookup index up to date, so that the next lookup finds both ready. Units that are one
    sentence of ``alignment`` take the vector the alignment computed for it."""
    from tmtool.lookup.ann import UnitIndex
    from tmtool.lookup.embeddings import embed_units
    from tmtool.store import open_store

    known = alignment.sentence_vectors(lang, encoder) if alignment is not None else None
    with open_store(db, create=False) as store:
        added = embed_units(store, encoder, lang, known=known)
        UnitIndex(store, encoder.signature(), lang, encoder.dim).open()
        return added


def bead_paths(out: str | os.PathLike[str], pivot: str, langs: Sequence[str]) -> dict[str, Path]:
    """``OUT`` for one pair; ``OUT.nl-fr``, ``OUT.nl-en``... for several (``langs``: the pivot's
    counterparts), known before the alignment so that ``align --beads`` checks them first."""
    out = Path(out)
    if len(langs) == 1:
        return {lang: out for lang in langs}
    return {lang: out.with_name(f"{out.name}.{pivot}-{lang}") for lang in langs}


def write_bead_files(
    out: str | os.PathLike[str], alignment: Alignment, *, group: OutputGroup | None = None
) -> list[Path]:
    """Write each pair's beads in the gold format (0-based indices into the segments); with
    ``group`` they appear only with the rest of that ``OutputGroup`` (``align``'s TMX files)."""
    written = []
    for lang, path in bead_paths(out, alignment.pivot, list(alignment.pairs)).items():
        write_beads(path, alignment.pairs[lang], group=group)
        written.append(path)
    return written
