"""Shared pytest fixtures. The PostgreSQL/SQLite memory fixtures live in tests/pg.py."""

import pytest
from pg import db_url, pg_admin_url, pg_database_url, tm_store  # noqa: F401


@pytest.fixture(autouse=True)
def no_env_db(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's $TMTOOL_DB: a command run without --db uses tmtool.db in
    its working folder, never a real memory. A test that wants the variable sets it itself."""
    monkeypatch.delenv("TMTOOL_DB", raising=False)


@pytest.fixture(scope="session")
def use_encoder():
    """One USE-multilingual encoder for the whole session (its weights load once, about 1 s)."""
    from tmtool.embed.use import UseEncoder

    return UseEncoder()


@pytest.fixture
def shared_encoder(monkeypatch: pytest.MonkeyPatch, use_encoder) -> None:
    """Let `--encoder use` reuse the session's encoder instead of loading the weights again."""
    from tmtool import pipeline

    monkeypatch.setattr(
        pipeline, "get_encoder", lambda spec=None, **kw: use_encoder if spec == "use" else None
    )


@pytest.fixture
def unwritable_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point tmtool's cache folder below a plain file, where no folder can be made."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TMTOOL_CACHE_DIR", str(blocker / "cache"))
