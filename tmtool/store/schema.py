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

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: bump when the tables change, and add a step to ``tmtool.store.engine.MIGRATIONS``
SCHEMA_VERSION = 5

STATUSES = ("auto", "reviewed", "rejected")
ORIGINS = ("aligned", "imported")


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key/value facts about the memory itself, e.g. ``schema_version``."""

    __tablename__ = "tmtool_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("sha256", "lang", name="uq_documents_sha256_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(35))
    origin: Mapped[str] = mapped_column(String(16))  # "file" | "tmx"
    path: Mapped[str | None] = mapped_column(Text)
    fmt: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[date | None] = mapped_column(Date)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class SegmentRow(Base):
    __tablename__ = "segments"
    __table_args__ = (
        UniqueConstraint("document_id", "position", name="uq_segments_document_position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    original: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    #: the text as tmtool produced it, kept when a reviewer edits ``text``; NULL when never edited
    machine_text: Mapped[str | None] = mapped_column(Text)


class DocumentSetRow(Base):
    __tablename__ = "document_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "aligned" | "imported"
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DocumentSetMemberRow(Base):
    __tablename__ = "document_set_members"
    __table_args__ = (Index("ix_document_set_members_document", "document_id"),)

    set_id: Mapped[int] = mapped_column(
        ForeignKey("document_sets.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(35), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))


class RunRow(Base):
    __tablename__ = "runs"
    __table_args__ = (
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

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("document_sets.id"))
    kind: Mapped[str] = mapped_column(String(16))  # "align" | "import"
    encoder: Mapped[str] = mapped_column(String(200))
    encoder_version: Mapped[str] = mapped_column(String(200))
    aligner: Mapped[str] = mapped_column(String(100))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    params_hash: Mapped[str] = mapped_column(String(64))
    #: the language every other one was aligned against (source of the pair files); None for
    #: imports and for runs stored before schema version 2
    pivot: Mapped[str | None] = mapped_column(String(35))
    tool_version: Mapped[str] = mapped_column(String(50))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    saved_at: Mapped[datetime] = mapped_column(DateTime)


class UnitRow(Base):
    __tablename__ = "translation_units"
    __table_args__ = (
        UniqueConstraint("set_id", "bead", name="uq_units_set_bead"),
        Index("ix_units_set_position", "set_id", "position"),
        Index("ix_units_run", "run_id"),
        CheckConstraint(f"status IN {STATUSES!r}", name="ck_units_status"),
        CheckConstraint(f"origin IN {ORIGINS!r}", name="ck_units_origin"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("document_sets.id"))
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    bead: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    tuid: Mapped[str] = mapped_column(String(255), unique=True)
    score: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    #: imported TMX metadata: {"props": [[type, value, lang|null]], "notes": [[text, lang|null]],
    #: "attrs": {name: value}}
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: grows with every change, so that a save based on an older page is refused
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class UnitSegmentRow(Base):
    __tablename__ = "unit_segments"
    __table_args__ = (Index("ix_unit_segments_segment", "segment_id"),)

    unit_id: Mapped[int] = mapped_column(
        ForeignKey("translation_units.id", ondelete="CASCADE"), primary_key=True
    )
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"), primary_key=True)
    lang: Mapped[str] = mapped_column(String(35))
    ord: Mapped[int] = mapped_column(Integer)


class UnitKeyRow(Base):
    __tablename__ = "unit_keys"
    __table_args__ = (Index("ix_unit_keys_hash", "key_hash"),)

    unit_id: Mapped[int] = mapped_column(
        ForeignKey("translation_units.id", ondelete="CASCADE"), primary_key=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)


class ReviewActionRow(Base):
    """One reviewer action on a document set; ``detail`` holds what undoing it needs."""

    __tablename__ = "review_actions"
    __table_args__ = (Index("ix_review_actions_set", "set_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("document_sets.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: {"before": [unit snapshots], "created": [unit ids], "after": {unit id: version},
    #: "segments": [[segment id, text before, machine_text before, text after]],
    #: "pairs": {"before": [pair bead snapshots], "created": [ids], "after": {id: [bead, status,
    #: run, score, key_hash] or null}} or null}
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class PairBeadRow(Base):
    """One bead of one pivot-target pair (source = the run's pivot), with its own confidence."""

    __tablename__ = "pair_beads"
    __table_args__ = (
        UniqueConstraint("set_id", "src_lang", "tgt_lang", "bead", name="uq_pair_beads_bead"),
        Index("ix_pair_beads_set_pair_position", "set_id", "src_lang", "tgt_lang", "position"),
        Index("ix_pair_beads_run", "run_id"),
        Index("ix_pair_beads_key_hash", "key_hash"),
        CheckConstraint(f"status IN {STATUSES!r}", name="ck_pair_beads_status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("document_sets.id"))
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    src_lang: Mapped[str] = mapped_column(String(35))
    tgt_lang: Mapped[str] = mapped_column(String(35))
    bead: Mapped[str] = mapped_column(Text)  # "fr:1,2|nl:1", as translation_units.bead
    position: Mapped[int] = mapped_column(Integer)
    tuid: Mapped[str] = mapped_column(String(255), unique=True)
    score: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    #: hash of both sides' texts (as ``unit_keys``), None for a 1-0 or 0-1 bead: importing an
    #: exported pair file finds its units already stored
    key_hash: Mapped[str | None] = mapped_column(String(64))


class PairBeadSegmentRow(Base):
    __tablename__ = "pair_bead_segments"
    __table_args__ = (Index("ix_pair_bead_segments_segment", "segment_id"),)

    pair_bead_id: Mapped[int] = mapped_column(
        ForeignKey("pair_beads.id", ondelete="CASCADE"), primary_key=True
    )
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"), primary_key=True)
    lang: Mapped[str] = mapped_column(String(35))
    ord: Mapped[int] = mapped_column(Integer)


class UnitEmbeddingRow(Base):
    __tablename__ = "unit_embeddings"
    __table_args__ = (
        UniqueConstraint("unit_id", "encoder", "lang", name="uq_unit_embeddings_unit"),
        Index("ix_unit_embeddings_encoder_lang", "encoder", "lang", "id"),
        Index("ix_unit_embeddings_encoder_lang_unit", "encoder", "lang", "unit_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("translation_units.id", ondelete="CASCADE"))
    encoder: Mapped[str] = mapped_column(String(200))  # Encoder.signature(), e.g. use-m3@0.2.1
    lang: Mapped[str] = mapped_column(String(35))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float16, unit length


class SearchTextRow(Base):
    __tablename__ = "search_texts"
    __table_args__ = (UniqueConstraint("unit_id", "lang", name="uq_search_texts_unit_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("translation_units.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(35))
    folded: Mapped[str] = mapped_column(Text)


meta_table = Meta.__table__
documents = DocumentRow.__table__
segments = SegmentRow.__table__
document_sets = DocumentSetRow.__table__
set_members = DocumentSetMemberRow.__table__
runs = RunRow.__table__
units = UnitRow.__table__
unit_segments = UnitSegmentRow.__table__
unit_keys = UnitKeyRow.__table__
review_actions = ReviewActionRow.__table__
pair_beads = PairBeadRow.__table__
pair_bead_segments = PairBeadSegmentRow.__table__
search_texts = SearchTextRow.__table__
unit_embeddings = UnitEmbeddingRow.__table__
