"""Filling the memory's unit embeddings: each unit's text in one language, embedded once."""

from __future__ import annotations

from collections.abc import Callable

from tmtool.embed import Encoder
from tmtool.lookup.ann import to_bytes
from tmtool.store import Store

BATCH = 512


def embed_units(
    store: Store,
    encoder: Encoder,
    lang: str,
    *,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
    only_new: bool = False,
) -> int:
    """Embed every unit with ``lang`` text that has no vector from ``encoder`` yet.

    Called after align and import (every unit is checked), so vectors are computed once. A
    lookup calls it with ``only_new``: only units above the highest one with a vector are
    checked (a range of the primary key, no scan), which embeds everything in a memory made
    before schema step 3→4 or for another encoder. Each batch is stored in its own transaction:
    an interrupted run keeps what it finished. Returns how many were added.
    """
    signature = encoder.signature()
    added = 0
    after = store.last_embedded_unit(signature, lang) if only_new else 0
    while rows := store.missing_embeddings(signature, lang, after, batch):
        vectors = encoder.encode([text for _, text in rows])
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
