"""Turn a fresh memory back into an older schema version, to test the migration steps.

Each entry undoes one step of ``tmtool.store.engine.MIGRATIONS`` (the target version → the one
below it); ``downgrade`` applies them newest first and records the old version, so every
migration test starts from the same old layout whichever step it is about.
"""

from __future__ import annotations

from sqlalchemy import Connection

from tmtool.store.schema import SCHEMA_VERSION, meta_table

UNDO: dict[int, list[str]] = {
    # 4→5 (review): unit versions, edited segments' machine text, the action log
    5: [
        "DROP TABLE review_actions",
        "ALTER TABLE translation_units DROP COLUMN version",
        "ALTER TABLE segments DROP COLUMN machine_text",
    ],
    # 3→4 (lookup): unit embeddings
    4: ["DROP TABLE unit_embeddings"],
    # 2→3 (search): the search index (SQLite's FTS5 table first, then its content table)
    3: ["DROP TABLE IF EXISTS search_fts", "DROP TABLE search_texts"],
    # 1→2 (pair beads): per-pair beads and the run's pivot
    2: [
        "DROP TABLE pair_bead_segments",
        "DROP TABLE pair_beads",
        "ALTER TABLE runs DROP COLUMN pivot",
    ],
}


def downgrade(conn: Connection, version: int) -> None:
    """Undo every step above ``version`` on a memory at the current ``SCHEMA_VERSION``."""
    for step in range(SCHEMA_VERSION, version, -1):
        for statement in UNDO.get(step, []):
            conn.exec_driver_sql(statement)
    conn.execute(
        meta_table.update().where(meta_table.c.key == "schema_version").values(value=str(version))
    )
