"""Filling the memory's unit embeddings: each unit's text in one language, embedded once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tmtool.embed import Encoder
from tmtool.lookup.ann import to_bytes
from tmtool.store import Store

if TYPE_CHECKING:
    import numpy as np

BATCH = 512


def embed_units(
    store: Store,
    encoder: Encoder,
    lang: str,
    *,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
    only_new: bool = False,
    known: Mapping[str, np.ndarray] | None = None,
) -> int:
    """Embed every unit with ``lang`` text that has no vector from ``encoder`` yet.

    Called after align and import (every unit is checked), so vectors are computed once. A
    lookup calls it with ``only_new``: only units above the highest one with a vector are
    checked (a range of the primary key, no scan), which embeds everything in a memory made
    before schema step 3→4 or for another encoder. Each batch is stored in its own transaction:
    an interrupted run keeps what it finished. ``known`` holds vectors ``encoder`` already
    computed for some texts (an alignment's sentences), which are not encoded again. Returns how
    many were added.
    """
    signature = encoder.signature()
    added = 0
    after = store.last_embedded_unit(signature, lang) if only_new else 0
    while rows := store.missing_embeddings(signature, lang, after, batch):
        vectors = _vectors(encoder, [text for _, text in rows], known or {})
        store.add_embeddings(
            signature,
            lang,
            [
                (unit_id, to_bytes(vector))
                for (unit_id, _), vector in zip(rows, vectors, strict=True)
            ],
        )
        added += len(rows)
        after = rows[-1][0]
        if progress is not None:
            progress(added)
    return added


def _vectors(
    encoder: Encoder, texts: Sequence[str], known: Mapping[str, np.ndarray]
) -> list[np.ndarray]:
    """The vector of each text: from ``known``, else encoded (each distinct text once)."""
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    fresh = dict(zip(missing, encoder.encode(missing), strict=True))
    return [known[text] if text in known else fresh[text] for text in texts]
