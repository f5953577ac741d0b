"""Approximate nearest neighbours over stored unit embeddings (usearch HNSW, int8, memory-mapped).

Why usearch: an Apache-2.0, actively released single-file HNSW library with wheels for every
platform; it quantises vectors to int8 inside the index (1M × 512-d USE vectors → ~0.5 GB plus
the graph instead of 2 GB in float32 as hnswlib keeps them) and can serve a saved index straight
from a memory-mapped file (``view``), so a lookup against a 1M-unit memory starts in a second and
only touches the pages it visits. faiss needs IVF training for the same size; pgvector and
sqlite-vec would tie the index to one database backend.

The index file lives next to the memory (``tmtool.db`` → ``tmtool.db.lookup/``); for a server
database in tmtool's cache folder, ``lookup/<hash of the URL>/`` (``tmtool.cache.memory_folder``).
It is keyed by the embedding row ids of the database, which are never reused: a small JSON file
records the highest row id the index holds. Rows added since (align, import) are read and added
before a lookup; rows of deleted units are no longer in the database and are dropped from the
results; when more than a fifth of the index is gone, it is rebuilt.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from tmtool.cache import memory_folder
from tmtool.errors import StoreError
from tmtool.files import atomic_path, write_text_atomically

if TYPE_CHECKING:
    from tmtool.store import Store

#: vectors are stored in the memory as float16
STORED_DTYPE = np.float16
_REBUILD_WHEN_GONE = 0.2


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=STORED_DTYPE).tobytes()


def from_bytes(blobs: list[bytes], dim: int) -> np.ndarray:
    """Stored vectors as a float32 (n, dim) array."""
    if not blobs:
        return np.zeros((0, dim), dtype=np.float32)
    joined = np.frombuffer(b"".join(blobs), dtype=STORED_DTYPE)
    return joined.reshape(len(blobs), dim).astype(np.float32)


def index_folder(store: Store) -> Path:
    """Where the index files of ``store`` live (see the module docstring)."""
    return memory_folder(store, "lookup")


@dataclass
class Neighbour:
    unit_id: int
    similarity: float  # cosine similarity in [-1, 1] as the index approximates it


class UnitIndex:
    """The nearest-neighbour index of one encoder's vectors of one language of a memory."""

    def __init__(self, store: Store, encoder: str, lang: str, dim: int) -> None:
        self.store, self.encoder, self.lang, self.dim = store, encoder, lang, dim
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{encoder}.{lang}")
        folder = index_folder(store)
        self.path = folder / f"{slug}.usearch"
        self.meta_path = folder / f"{slug}.json"
        self.index: Any = None
        self.rows = 0
        self.added = 0

    def _new(self) -> Any:
        from usearch.index import Index

        return Index(ndim=self.dim, metric="cos", dtype="i8", connectivity=16, expansion_add=64)

    def open(self) -> UnitIndex:
        """Load the index file (memory-mapped) and bring it up to date with the memory."""
        top, count = self.store.embedding_state(self.encoder, self.lang)
        meta = self._read_meta()
        if meta and self.path.exists() and meta["top"] <= top:
            size = int(meta["size"])
            _, new = self.store.embedding_state(self.encoder, self.lang, int(meta["top"]))
            stale = size - (count - new)
            if size and stale / size <= _REBUILD_WHEN_GONE:
                up_to_date = meta["top"] == top
                self.index = self._restore(view=up_to_date)
                if self.index is not None and len(self.index) == size:
                    self.rows = size
                    if not up_to_date:
                        self._catch_up(int(meta["top"]))
                    return self
        self.index = self._new()
        self.rows = 0
        self._catch_up(0)
        return self

    def _restore(self, *, view: bool) -> Any:
        """The saved index (memory-mapped with ``view``), or None if the file is unreadable."""
        from usearch.index import Index

        try:
            index = Index.restore(str(self.path), view=view)
        except (RuntimeError, ValueError, OSError):
            return None
        return index if index is not None and index.ndim == self.dim else None

    def _read_meta(self) -> dict[str, Any] | None:
        try:
            meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        ok = isinstance(meta, dict) and meta.get("dim") == self.dim
        return meta if ok and isinstance(meta.get("top"), int) else None

    def _catch_up(self, after_id: int) -> None:
        """Add the rows after ``after_id`` and save the index (atomically) if any were added."""
        top = after_id
        while rows := self.store.embedding_rows_after(self.encoder, self.lang, top):
            keys = np.array([row_id for row_id, _ in rows], dtype=np.uint64)
            self.index.add(keys, from_bytes([blob for _, blob in rows], self.dim))
            self.added += len(rows)
            top = rows[-1][0]
        self.rows = len(self.index)
        if self.added or not self.path.exists():
            self._save(top)

    def _save(self, top: int) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(self.path) as temp:
                self.index.save(str(temp))
            meta = {"top": top, "size": len(self.index), "dim": self.dim, "encoder": self.encoder}
            write_text_atomically(self.meta_path, json.dumps(meta))
        except OSError as exc:
            raise StoreError(
                f"cannot write lookup index {self.path}: {exc.strerror or exc}"
            ) from None

    def search(self, queries: np.ndarray, k: int) -> list[list[Neighbour]]:
        """The ``k`` nearest stored units of each query vector (deleted units left out)."""
        if self.index is None or len(self.index) == 0 or len(queries) == 0:
            return [[] for _ in range(len(queries))]
        wanted = min(k + max(4, k // 2), len(self.index))
        found = self.index.search(np.asarray(queries, dtype=np.float32), wanted)
        keys = np.atleast_2d(found.keys)
        distances = np.atleast_2d(found.distances)
        row_ids = sorted({int(key) for key in keys.ravel() if key != np.iinfo(np.uint64).max})
        units = self.store.units_of_embedding_rows(row_ids)
        results = []
        for query_keys, query_distances in zip(keys, distances, strict=True):
            hits = []
            for key, distance in zip(query_keys, query_distances, strict=True):
                unit_id = units.get(int(key))
                if unit_id is not None:
                    hits.append(Neighbour(unit_id, 1.0 - float(distance)))
            results.append(hits[:k])
        return results
