"""Shared pytest fixtures. The PostgreSQL/SQLite memory fixtures live in tests/pg.py."""

from pg import db_url, pg_admin_url, pg_database_url, tm_store  # noqa: F401
