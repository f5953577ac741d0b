"""Small real document sets for the batch tests, cut from the seed declarations' gold alignments.

Set k holds a few consecutive gold beads of seed 000 or 001 (Dutch and French, one sentence a
line, so ``--presegmented``), each sentence tagged with the set number so that every set is a
distinct pair of documents in the memory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_NAMES = ("000_ed1ed705a1754cbe", "001_c40765bc3b0c7aaa")


@cache
def seed_bead_groups() -> list[tuple[list[str], list[str]]]:
    """Every nl-fr gold bead with both sides non-empty, as (Dutch sentences, French sentences)."""
    from tmtool.evaluate import read_beads
    from tmtool.prepare import prepare_document

    groups = []
    for name in SEED_NAMES:
        nl = prepare_document(SEEDS / f"{name}.txt", "nl").texts
        fr = prepare_document(SEEDS / f"{name}.fr.txt", "fr").texts
        for bead in read_beads(SEEDS / f"{name}.nl-fr.gold"):
            if bead.src and bead.tgt:
                groups.append(([nl[i] for i in bead.src], [fr[j] for j in bead.tgt]))
    return groups


def make_manifest(folder: Path, count: int, beads_per_set: int = 4, start: int = 0) -> Path:
    """Write ``count`` nl/fr sets under ``folder`` and ``folder/sets.tsv`` listing them."""
    groups = seed_bead_groups()
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["# nl\tfr\ttitle\tdate"]
    for k in range(start, start + count):
        first = (k * beads_per_set) % (len(groups) - beads_per_set)
        chosen = groups[first : first + beads_per_set]
        for lang, side in (("nl", 0), ("fr", 1)):
            sentences = [f"{text} ({k})" for group in chosen for text in group[side]]
            (folder / f"set{k:04d}.{lang}.txt").write_text("\n".join(sentences) + "\n")
        lines.append(f"set{k:04d}.nl.txt\tset{k:04d}.fr.txt\tSet {k}\t2026-01-{k % 28 + 1:02d}")
    manifest = folder / "sets.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def memory_content(db: str) -> dict[str, object]:
    """What a memory holds, in a form two memories can be compared by (ids left out)."""
    from sqlalchemy import text

    from tmtool.store import open_store

    with open_store(db, create=False) as store, store.engine.connect() as conn:

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(tuple(row) for row in conn.execute(text(sql)))

        return {
            "documents": rows("SELECT sha256, lang, title FROM documents"),
            "sets": rows("SELECT key FROM document_sets"),
            "runs": rows(
                "SELECT s.key, r.encoder, r.params_hash FROM runs r "
                "JOIN document_sets s ON s.id = r.set_id"
            ),
            "units": rows(
                "SELECT s.key, u.bead, u.tuid FROM translation_units u "
                "JOIN document_sets s ON s.id = u.set_id"
            ),
            "segments": conn.execute(text("SELECT count(*) FROM segments")).scalar(),
            "links": conn.execute(text("SELECT count(*) FROM unit_segments")).scalar(),
        }
