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
) -> int:
    """Embed every unit with ``lang`` text that has no vector from ``encoder`` yet.

    Called after align and import, so vectors are computed once; a lookup calls it too, which
    fills memories made before schema step 3→4 or with another encoder. Each batch is stored in
    its own transaction: an interrupted run keeps what it finished. Returns how many were added.
    """
    signature = encoder.signature()
    added = 0
    after = 0
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
