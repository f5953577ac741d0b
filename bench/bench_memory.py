"""A large translation memory for the reuse benchmarks, built from real parallel evaluation data.

Every document pair of ``MANIFEST.tsv`` (read in place, never copied) gives its aligned sentence
pairs, one unit per bead with text on both sides. To reach a memory of N units the pairs are
repeated; every copy after the first is varied so that no two units are the same text: one word is
replaced by another word of the same language from the corpus, and a number is added or changed.

Building goes straight to the tables, in bulk, inside one transaction: running the aligner (or a
TMX import) a million times would measure the aligner, not the memory, and take hours. The rows
are the ones ``save_alignment`` writes (documents, segments, document sets, runs, units and their
segment links; the import-dedup ``unit_keys`` are left out), and the search index is then built by
the library's own ``tmtool.store.fulltext.rebuild``, the code that migrates an existing memory.
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench_data import read_lines, read_manifest
from sqlalchemy import insert

from tmtool.evaluate import read_beads
from tmtool.store import open_store
from tmtool.store.fulltext import rebuild
from tmtool.store.schema import (
    document_sets,
    documents,
    runs,
    segments,
    set_members,
    unit_segments,
    units,
)

_WORD = re.compile(r"[^\W\d_]{4,}")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Pair:
    src_lang: str
    tgt_lang: str
    src: str
    tgt: str


def parallel_pairs(eval_dir: Path) -> list[Pair]:
    """Aligned sentence pairs (beads with text on both sides) of every manifest document pair."""
    pairs: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for row in read_manifest(eval_dir):
        src_lines = read_lines(eval_dir / row["src_file"])
        tgt_lines = read_lines(eval_dir / row["tgt_file"])
        for bead in read_beads(eval_dir / row["align_file"]):
            if not bead.src or not bead.tgt:
                continue
            if max(bead.src) >= len(src_lines) or max(bead.tgt) >= len(tgt_lines):
                continue  # a gold file pointing past its text (see bench_data.SKIPPED_DOCS)
            src = " ".join(src_lines[i] for i in bead.src).strip()
            tgt = " ".join(tgt_lines[j] for j in bead.tgt).strip()
            if src and tgt and (src, tgt) not in seen:
                seen.add((src, tgt))
                pairs.append(Pair(row["src_lang"], row["tgt_lang"], src, tgt))
    return pairs


def _vary(text: str, vocabulary: list[str], rng: random.Random) -> str:
    """``text`` with one word swapped for a corpus word and a number changed or added."""
    words = list(_WORD.finditer(text))
    if words and vocabulary:
        word = rng.choice(words)
        text = text[: word.start()] + rng.choice(vocabulary) + text[word.end() :]
    number = str(rng.randint(2, 99_999))
    if _NUMBER.search(text):
        return _NUMBER.sub(number, text, count=1)
    return f"{text} ({number})"


def varied_units(pairs: list[Pair], count: int, seed: int = 7) -> Iterator[tuple[int, Pair]]:
    """``count`` (copy number, pair): the pairs as they are, then varied copies of them."""
    rng = random.Random(seed)
    vocabulary: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        vocabulary[pair.src_lang].update(_WORD.findall(pair.src))
        vocabulary[pair.tgt_lang].update(_WORD.findall(pair.tgt))
    words = {lang: sorted(found) for lang, found in vocabulary.items()}
    for n in range(count):
        copy, index = divmod(n, len(pairs))
        pair = pairs[index]
        if copy:
            pair = Pair(
                pair.src_lang,
                pair.tgt_lang,
                _vary(pair.src, words[pair.src_lang], rng),
                _vary(pair.tgt, words[pair.tgt_lang], rng),
            )
        yield copy, pair


@dataclass
class BuiltMemory:
    units: int
    texts: list[tuple[int, str, str]]  # (unit id, lang, text) of every unit side
    insert_s: float
    index_s: float
    size_mb: float


def build_memory(path: Path, pairs: list[Pair], count: int, batch: int = 20_000) -> BuiltMemory:
    """A new SQLite memory at ``path`` holding ``count`` units, with its search index."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    texts: list[tuple[int, str, str]] = []
    with open_store(str(path)) as store:
        started = time.perf_counter()
        with store.engine.begin() as conn:
            groups: dict[tuple[int, str, str], tuple[int, dict[str, int], int]] = {}
            rows: dict[str, list[dict[str, object]]] = defaultdict(list)
            next_segment = 1

            def flush() -> None:
                for table in (documents, document_sets, set_members, runs, segments, units):
                    if rows[table.name]:
                        conn.execute(insert(table), rows[table.name])
                if rows["unit_segments"]:
                    conn.execute(insert(unit_segments), rows["unit_segments"])
                rows.clear()

            for unit_id, (copy, pair) in enumerate(varied_units(pairs, count), 1):
                key = (copy, pair.src_lang, pair.tgt_lang)
                if key not in groups:
                    set_id = len(groups) + 1
                    doc_ids = {}
                    for lang in (pair.src_lang, pair.tgt_lang):
                        doc_id = 2 * set_id - (lang == pair.src_lang)
                        doc_ids[lang] = doc_id
                        sha = hashlib.sha256(f"bench|{copy}|{key}|{lang}".encode()).hexdigest()
                        rows["documents"].append(
                            {
                                "id": doc_id,
                                "sha256": sha,
                                "lang": lang,
                                "origin": "file",
                                "path": None,
                                "fmt": "txt",
                                "title": f"bench-{copy}-{pair.src_lang}-{pair.tgt_lang}",
                                "date": None,
                                "meta": None,
                                "added_at": now,
                            }
                        )
                        rows["document_set_members"].append(
                            {"set_id": set_id, "lang": lang, "document_id": doc_id}
                        )
                    rows["document_sets"].append(
                        {"id": set_id, "key": f"bench-{key}", "kind": "aligned", "created_at": now}
                    )
                    rows["runs"].append(
                        {
                            "id": set_id,
                            "set_id": set_id,
                            "kind": "align",
                            "encoder": "bench",
                            "encoder_version": "0",
                            "aligner": "bench",
                            "params": {},
                            "params_hash": "0",
                            "tool_version": "bench",
                            "started_at": now,
                            "saved_at": now,
                        }
                    )
                    groups[key] = (set_id, doc_ids, 0)
                set_id, doc_ids, position = groups[key]
                groups[key] = (set_id, doc_ids, position + 1)
                rows["translation_units"].append(
                    {
                        "id": unit_id,
                        "set_id": set_id,
                        "run_id": set_id,
                        "bead": f"{pair.src_lang}:{position}|{pair.tgt_lang}:{position}",
                        "position": position,
                        "tuid": f"bench-{unit_id}",
                        "score": 0.9,
                        "status": "auto",
                        "origin": "aligned",
                        "created_at": now,
                        "changed_at": now,
                        "extra": None,
                    }
                )
                for lang, text in ((pair.src_lang, pair.src), (pair.tgt_lang, pair.tgt)):
                    rows["segments"].append(
                        {
                            "id": next_segment,
                            "document_id": doc_ids[lang],
                            "position": position,
                            "text": text,
                            "original": text,
                            "kind": "sentence",
                        }
                    )
                    rows["unit_segments"].append(
                        {"unit_id": unit_id, "segment_id": next_segment, "lang": lang, "ord": 0}
                    )
                    texts.append((unit_id, lang, text))
                    next_segment += 1
                if unit_id % batch == 0:
                    flush()
            flush()
        inserted = time.perf_counter()
        with store.engine.begin() as conn:
            rebuild(conn)
        indexed = time.perf_counter()
    size = sum(
        Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists()
    )
    return BuiltMemory(count, texts, inserted - started, indexed - inserted, size / 2**20)
