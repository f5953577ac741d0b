"""The translation-memory tables (SQLAlchemy 2.x, portable between SQLite and PostgreSQL).

Identity is content-based so that re-running the same work is idempotent:

- ``documents``: one row per (raw-bytes sha256, language); TMX imports add one pseudo-document per
  (TMX file sha256, language).
- ``segments``: the segments of a document, unique by (document, position).
- ``document_sets``: the documents aligned together (or the pseudo-documents of one TMX file),
  unique by a key derived from the members' hashes; ``document_set_members`` lists them by language.
- ``runs``: one alignment or import, unique by (set, kind, encoder, version, aligner, params).
- ``translation_units``: one bead of a document set, unique by (set, bead) where ``bead`` is the
  canonical ``"en:|fr:3|nl:3,4"`` string of segment positions per language; ``tuid`` is unique.
- ``unit_segments`` links units to segments; ``unit_keys`` holds text hashes used to detect
  duplicates on import.
- ``review_actions``: the reviewer's actions on a document set, each with the state it replaced,
  so that the last one can be undone. ``translation_units.version`` grows with every change to a
  unit (the version check of concurrent edits); ``segments.machine_text`` keeps the text tmtool
  produced when a reviewer has edited ``text`` (``original`` is the source span, never edited).
- ``pair_beads``: the beads of each pivot-target pair of a run that aligned three or more
  documents, with their own confidence and status, unique by (set, source, target, bead);
  ``pair_bead_segments`` links them to segments. Pair TMX files come from them, because a
  multilingual unit may join sentences that one pair aligned separately (a two-document set's
  units are its pair's beads, so it has none). ``runs.pivot`` is the source language of the pairs.
- ``search_texts``: the search index's rows, one per (unit, language): the unit's text in that
  language folded by ``tmtool.fold``; kept in step with the units by ``tmtool.store.fulltext``
  (which also adds the backend's substring index: SQLite FTS5 trigram, PostgreSQL pg_trgm).
- ``unit_embeddings``: one encoder's float16 vector of one language side of a unit, computed at
  align/import time for lookup's nearest-neighbour index. Its ``id`` is never reused (SQLite
  AUTOINCREMENT, a PostgreSQL sequence), so an index file knows which rows are new by id alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

#: bump when the tables change, and add a step to ``tmtool.store.engine.MIGRATIONS``
SCHEMA_VERSION = 5

STATUSES = ("auto", "reviewed", "rejected")
ORIGINS = ("aligned", "imported")

# SQLAlchemy Core tables: the ORM's declarative classes described the same tables, but importing
# and mapping them cost ~0.1 s of every command's start, and tmtool only ever queries the tables.
metadata = MetaData()


def _required(name: str, *args: Any, **kwargs: Any) -> Column[Any]:
    """A NOT NULL column."""
    return Column(name, *args, nullable=False, **kwargs)


def _optional(name: str, *args: Any, **kwargs: Any) -> Column[Any]:
    """A column that may be NULL."""
    return Column(name, *args, nullable=True, **kwargs)


def _id() -> Column[Any]:
    return Column("id", Integer, primary_key=True)


def _owner_key(name: str, owner: str) -> Column[Any]:
    """Part of a link row's key: the row it belongs to, deleted with it."""
    return Column(name, Integer, ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True)


#: key/value facts about the memory itself, e.g. ``schema_version``
meta_table = Table(
    "tmtool_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    _required("value", Text),
)

documents = Table(
    "documents",
    metadata,
    _id(),
    _required("sha256", String(64)),
    _required("lang", String(35)),
    _required("origin", String(16)),  # "file" | "tmx"
    _optional("path", Text),
    _required("fmt", String(16)),
    _optional("title", Text),
    _optional("date", Date),
    _optional("meta", JSON),
    _required("added_at", DateTime),
    UniqueConstraint("sha256", "lang", name="uq_documents_sha256_lang"),
)

segments = Table(
    "segments",
    metadata,
    _id(),
    _required("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    _required("position", Integer),
    _required("text", Text),
    _required("original", Text),
    _required("kind", String(16)),
    #: the text as tmtool produced it, kept when a reviewer edits ``text``; NULL when never edited
    _optional("machine_text", Text),
    UniqueConstraint("document_id", "position", name="uq_segments_document_position"),
)

document_sets = Table(
    "document_sets",
    metadata,
    _id(),
    _required("key", String(80), unique=True),
    _required("kind", String(16)),  # "aligned" | "imported"
    _required("created_at", DateTime),
)

set_members = Table(
    "document_set_members",
    metadata,
    _owner_key("set_id", "document_sets"),
    Column("lang", String(35), primary_key=True),
    _required("document_id", Integer, ForeignKey("documents.id")),
    Index("ix_document_set_members_document", "document_id"),
)

runs = Table(
    "runs",
    metadata,
    _id(),
    _required("set_id", Integer, ForeignKey("document_sets.id")),
    _required("kind", String(16)),  # "align" | "import"
    _required("encoder", String(200)),
    _required("encoder_version", String(200)),
    _required("aligner", String(100)),
    _required("params", JSON),
    _required("params_hash", String(64)),
    #: the language every other one was aligned against (source of the pair files); None for
    #: imports and for runs stored before schema version 2
    _optional("pivot", String(35)),
    _required("tool_version", String(50)),
    _required("started_at", DateTime),
    _required("saved_at", DateTime),
    UniqueConstraint(
        "set_id",
        "kind",
        "encoder",
        "encoder_version",
        "aligner",
        "params_hash",
        name="uq_runs_identity",
    ),
)

units = Table(
    "translation_units",
    metadata,
    _id(),
    _required("set_id", Integer, ForeignKey("document_sets.id")),
    _required("run_id", Integer, ForeignKey("runs.id")),
    _required("bead", Text),
    _required("position", Integer),
    _required("tuid", String(255), unique=True),
    _optional("score", Float),
    _required("status", String(16)),
    _required("origin", String(16)),
    _required("created_at", DateTime),
    _required("changed_at", DateTime),
    #: imported TMX metadata: {"props": [[type, value, lang|null]], "notes": [[text, lang|null]],
    #: "attrs": {name: value}}
    _optional("extra", JSON),
    #: grows with every change, so that a save based on an older page is refused
    _required("version", Integer, default=1, server_default="1"),
    UniqueConstraint("set_id", "bead", name="uq_units_set_bead"),
    Index("ix_units_set_position", "set_id", "position"),
    Index("ix_units_run", "run_id"),
    CheckConstraint(f"status IN {STATUSES!r}", name="ck_units_status"),
    CheckConstraint(f"origin IN {ORIGINS!r}", name="ck_units_origin"),
)


def _segment_links(name: str, owner_key: str, owner: str) -> Table:
    """The segments of each ``owner`` row (a unit or a pair bead), in order, per language."""
    return Table(
        name,
        metadata,
        _owner_key(owner_key, owner),
        Column("segment_id", Integer, ForeignKey("segments.id"), primary_key=True),
        _required("lang", String(35)),
        _required("ord", Integer),
        Index(f"ix_{name}_segment", "segment_id"),
    )


unit_segments = _segment_links("unit_segments", "unit_id", "translation_units")

unit_keys = Table(
    "unit_keys",
    metadata,
    _owner_key("unit_id", "translation_units"),
    Column("key_hash", String(64), primary_key=True),
    Index("ix_unit_keys_hash", "key_hash"),
)

#: one reviewer action on a document set; ``detail`` holds what undoing it needs
review_actions = Table(
    "review_actions",
    metadata,
    _id(),
    _required("set_id", Integer, ForeignKey("document_sets.id", ondelete="CASCADE")),
    _required("action", String(16)),
    _required("at", DateTime),
    _optional("undone_at", DateTime),
    #: {"before": [unit snapshots], "created": [unit ids], "after": {unit id: version},
    #: "segments": [[segment id, text before, machine_text before, text after]],
    #: "pairs": {"before": [pair bead snapshots], "created": [ids], "after": {id: [bead, status,
    #: run, score, key_hash] or null}} or null}
    _required("detail", JSON),
    Index("ix_review_actions_set", "set_id", "id"),
)

#: one bead of one pivot-target pair (source = the run's pivot), with its own confidence
pair_beads = Table(
    "pair_beads",
    metadata,
    _id(),
    _required("set_id", Integer, ForeignKey("document_sets.id")),
    _required("run_id", Integer, ForeignKey("runs.id")),
    _required("src_lang", String(35)),
    _required("tgt_lang", String(35)),
    _required("bead", Text),  # "fr:1,2|nl:1", as translation_units.bead
    _required("position", Integer),
    _required("tuid", String(255), unique=True),
    _optional("score", Float),
    _required("status", String(16)),
    _required("created_at", DateTime),
    _required("changed_at", DateTime),
    #: hash of both sides' texts (as ``unit_keys``), None for a 1-0 or 0-1 bead: importing an
    #: exported pair file finds its units already stored
    _optional("key_hash", String(64)),
    UniqueConstraint("set_id", "src_lang", "tgt_lang", "bead", name="uq_pair_beads_bead"),
    Index("ix_pair_beads_set_pair_position", "set_id", "src_lang", "tgt_lang", "position"),
    Index("ix_pair_beads_run", "run_id"),
    Index("ix_pair_beads_key_hash", "key_hash"),
    CheckConstraint(f"status IN {STATUSES!r}", name="ck_pair_beads_status"),
)

pair_bead_segments = _segment_links("pair_bead_segments", "pair_bead_id", "pair_beads")

unit_embeddings = Table(
    "unit_embeddings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _required("unit_id", Integer, ForeignKey("translation_units.id", ondelete="CASCADE")),
    _required("encoder", String(200)),  # Encoder.signature(), e.g. use-m3@0.2.1
    _required("lang", String(35)),
    _required("vector", LargeBinary),  # float16, unit length
    UniqueConstraint("unit_id", "encoder", "lang", name="uq_unit_embeddings_unit"),
    Index("ix_unit_embeddings_encoder_lang", "encoder", "lang", "id"),
    Index("ix_unit_embeddings_encoder_lang_unit", "encoder", "lang", "unit_id"),
    sqlite_autoincrement=True,
)

search_texts = Table(
    "search_texts",
    metadata,
    _id(),
    _required("unit_id", Integer, ForeignKey("translation_units.id", ondelete="CASCADE")),
    _required("lang", String(35)),
    _required("folded", Text),
    UniqueConstraint("unit_id", "lang", name="uq_search_texts_unit_lang"),
)
