"""Opening memories: targets, schema creation, version checks, migration, SQLite settings."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from tmx_support import UNITS, run_info, sample_documents

from tmtool.errors import StoreError, TmxError
from tmtool.store import (
    SCHEMA_VERSION,
    ImportedUnit,
    ImportSource,
    Store,
    engine,
    open_store,
)
from tmtool.store.schema import meta_table


def _stored_version(url: str) -> str:
    with open_store(url) as store, store.engine.connect() as conn:
        return conn.execute(
            select(meta_table.c.value).where(meta_table.c.key == "schema_version")
        ).scalar_one()


def _set_version(store: Store, value: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            meta_table.update().where(meta_table.c.key == "schema_version").values(value=value)
        )


def test_new_memory_stores_schema_version(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.stats().units == 0
    assert _stored_version(db_url) == str(SCHEMA_VERSION)


def test_reopening_keeps_the_memory(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.stats().documents_total == 0
    with open_store(db_url, create=False) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_newer_schema_version_is_refused(db_url: str) -> None:
    with open_store(db_url) as store:
        _set_version(store, str(SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer than this tmtool supports"):
        open_store(db_url)


def test_older_schema_is_migrated_step_by_step(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_url) as store:
        pass
    steps: list[int] = []

    def add_column(conn) -> None:  # type: ignore[no-untyped-def]
        steps.append(SCHEMA_VERSION)
        conn.execute(text("ALTER TABLE documents ADD COLUMN migrated_note TEXT"))

    monkeypatch.setattr(engine, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(engine.MIGRATIONS, SCHEMA_VERSION, add_column)
    with open_store(db_url) as store:
        assert store.schema_version == SCHEMA_VERSION + 1
        with store.engine.connect() as conn:
            conn.execute(text("SELECT migrated_note FROM documents"))
    assert steps == [SCHEMA_VERSION]
    assert _stored_version(db_url) == str(SCHEMA_VERSION + 1)
    with open_store(db_url):  # already migrated: nothing runs again
        pass
    assert steps == [SCHEMA_VERSION]


def test_missing_migration_is_a_clear_error(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db_url):
        pass
    monkeypatch.setattr(engine, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match=f"no migration from schema version {SCHEMA_VERSION}"):
        open_store(db_url)


def test_foreign_database_is_refused(db_url: str) -> None:
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    other = create_engine(url)
    with other.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    other.dispose()
    with pytest.raises(StoreError, match="not a tmtool memory"):
        open_store(db_url)


def test_create_false_refuses_a_missing_memory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no translation memory at"):
        open_store(str(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_failure_leaves_no_new_memory(tmp_path: Path) -> None:
    """A new memory appears only once something is committed or it is closed without an error:
    a command that fails first leaves no file behind (no -wal, -shm or temporary file either)."""
    with pytest.raises(RuntimeError), open_store(str(tmp_path / "new.db")) as store:
        assert store.stats().units == 0
        raise RuntimeError("the command failed")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(TmxError), open_store(str(tmp_path / "new.db")) as store:
        store.import_units(
            _units_then_malformed(), ImportSource("0" * 64, "x", "x", "t"), run_info()
        )
    assert list(tmp_path.iterdir()) == []


def _units_then_malformed() -> Iterator[ImportedUnit]:
    yield ImportedUnit(texts={"nl": "Een zin.", "fr": "Une phrase."})
    raise TmxError("x.tmx is not well-formed XML")


def test_a_commit_gives_the_new_memory_its_name(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(str(path)) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
        assert path.exists()  # at once, not at close: other processes see it
        with open_store(str(path), create=False) as other:
            assert other.stats().units == len(UNITS)
        store.set_status([store.tuids()[0]], "reviewed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def test_two_stores_creating_one_memory_keep_both_saves(tmp_path: Path) -> None:
    """Two processes that open the same new memory at once each build their own under a
    temporary name; the second to commit finds the first's and saves again there."""
    path = str(tmp_path / "new.db")
    with open_store(path) as first, open_store(path) as second:
        first.save_alignment(sample_documents(), UNITS[:2], run_info())
        second.save_alignment(sample_documents("b"), UNITS[:3], run_info())
        assert second.stats().units == 5 and first.stats().units == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A filesystem without hard links: os.link fails as on FAT under Windows (EINVAL)."""

    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr("tmtool.store.os.link", refuse)


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_the_new_memory_is_renamed(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(str(path)) as store:
        store.save_alignment(sample_documents(), UNITS, run_info())
        assert path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]
    with open_store(str(path), create=False) as store:
        assert store.stats().units == len(UNITS)


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_a_second_new_memory_saves_in_the_first(tmp_path: Path) -> None:
    path = str(tmp_path / "new.db")
    with open_store(path) as first, open_store(path) as second:
        first.save_alignment(sample_documents(), UNITS[:2], run_info())
        second.save_alignment(sample_documents("b"), UNITS[:3], run_info())
        assert second.stats().units == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def test_default_target_is_tmtool_db_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store(None) as store:
        assert store.url.database == str(tmp_path / "tmtool.db")
    assert (tmp_path / "tmtool.db").exists()


def test_sqlite_url_and_path_open_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "same.db"
    with open_store(str(path)):
        pass
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == SCHEMA_VERSION


def test_sqlite_has_foreign_keys_and_wal(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "wal.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("no-such-folder/memory.db", "folder .* does not exist"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot open postgresql"),
        ("nosuchdialect://x/y", "no database driver|cannot use database"),
        ("postgresql+psycopg://user:secret@[bad", "invalid database URL|cannot"),
    ],
)
def test_bad_targets_give_one_line_errors(tmp_path: Path, target: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        open_store(str(tmp_path / target) if target.startswith("no-such") else target)
    assert "\n" not in str(caught.value)
    assert "secret" not in str(caught.value)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are notes, not SQLite\n" * 100)
    with pytest.raises(StoreError, match="not a database"):
        open_store(str(bogus))


def test_directory_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_store_closes_as_context_manager(tmp_path: Path) -> None:
    path = tmp_path / "closed.db"
    with open_store(str(path)) as store:
        assert store.display_url.endswith("closed.db")
    # the file is a normal SQLite database others can open
    assert sqlite3.connect(path).execute("select count(*) from translation_units").fetchone() == (
        0,
    )
