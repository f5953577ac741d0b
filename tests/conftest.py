"""Shared pytest fixtures. The PostgreSQL/SQLite memory fixtures live in tests/pg.py."""

import pytest
from pg import db_url, pg_admin_url, pg_database_url, tm_store  # noqa: F401


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
