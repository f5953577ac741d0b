"""A throwaway PostgreSQL server for the store/TMX tests, and the ``db_url`` fixture.

``db_url`` is parametrised over ``sqlite`` (a file in ``tmp_path``) and ``postgresql`` (a fresh
schema per test, in one database created for the session). The PostgreSQL side uses
``$TMTOOL_TEST_PG_URL`` when set (a role allowed to create databases), otherwise starts a private
server for the session: initdb in a temporary folder, Unix socket only (no TCP port), run as the
``postgres`` user when the tests run as root. Where none can be started the PostgreSQL tests skip
with the reason; with ``TMTOOL_TEST_REQUIRE_PG=1`` they fail instead (for CI).
``scripts/postgres.sh`` installs the server binaries on Debian.

Run ``python tests/pg.py`` to check that a server starts here.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PORT = 5432  # only names the socket file inside our private folder; nothing listens on TCP


def find_bindir() -> Path | None:
    """The folder holding initdb/pg_ctl: $TMTOOL_PG_BINDIR, Debian's layout, pg_config, PATH."""
    explicit = os.environ.get("TMTOOL_PG_BINDIR")
    candidates = [Path(explicit)] if explicit else []

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.name))

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if result.returncode == 0:
            candidates.append(Path(result.stdout.strip()))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


class PgServer:
    """A private PostgreSQL cluster in a temporary folder, reachable through its Unix socket."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # Unix socket paths are limited to ~100 bytes: keep the folder name short
        short = len(tempfile.gettempdir()) > 60 and os.path.isdir("/tmp")
        self.root = Path(tempfile.mkdtemp(prefix="tmtool-pg-", dir="/tmp" if short else None))
        self.data = self.root / "data"
        self.run_as: dict[str, Any] = {}
        if os.geteuid() == 0:  # initdb refuses to run as root
            account = self._unprivileged_account()
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.run_as = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        os.chmod(self.root, 0o700)
        self.started = False

    @staticmethod
    def _unprivileged_account() -> pwd.struct_passwd:
        for name in ("postgres", "nobody"):
            try:
                return pwd.getpwnam(name)
            except KeyError:
                continue
        raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists")

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "LC_ALL": "C", "HOME": str(self.root)},
            **self.run_as,
        )
        if result.returncode != 0:
            log = self.root / "server.log"
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            if log.exists():
                detail += log.read_text(errors="replace").strip().splitlines()[-1:]
            raise RuntimeError(f"{args[0]} failed: {' | '.join(detail) or result.returncode}")

    def start(self) -> str:
        """Start the server; returns the admin URL (database ``postgres``, role ``tmtool``)."""
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "tmtool", "-E", "UTF8",
                  "--locale=C", "--no-sync")  # fmt: skip
        options = (
            f"-k {self.root} -p {PORT} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")  # fmt: skip
        self.started = True
        return f"postgresql+psycopg://tmtool@/postgres?host={self.root}&port={PORT}"

    def stop(self) -> None:
        try:
            if self.started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _admin_engine(admin_url: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(admin_url, isolation_level="AUTOCOMMIT")


def create_database(admin_url: str) -> str:
    """A new empty database on the server of ``admin_url``; returns its URL."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ProgrammingError

    name = f"tmtool_test_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as conn:
            try:  # FILE_COPY (PostgreSQL 15+) is much faster than the default here
                conn.exec_driver_sql(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY')
            except ProgrammingError:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, url: str) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        engine.dispose()


def schema_url(database_url: str, schema: str) -> str:
    """``database_url`` with ``schema`` as the search path: an empty memory per test, quickly."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def _unavailable(reason: str) -> None:
    if os.environ.get("TMTOOL_TEST_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL required (TMTOOL_TEST_REQUIRE_PG=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """URL of a PostgreSQL server's maintenance database, for the whole test session."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install 'psycopg[binary]')")
    external = os.environ.get("TMTOOL_TEST_PG_URL")
    if external:
        yield external
        return
    bindir = find_bindir()
    if bindir is None:
        _unavailable("no PostgreSQL server binaries (run scripts/postgres.sh to install them)")
    assert bindir is not None
    try:
        server = PgServer(bindir)
    except (OSError, RuntimeError) as exc:
        _unavailable(f"cannot prepare a server folder: {exc}")
    try:
        url = server.start()
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        server.stop()
        _unavailable(f"the server did not start: {exc}")
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_database_url(pg_admin_url: str) -> Iterator[str]:
    """One test database for the session; each test gets its own schema in it."""
    url = create_database(pg_admin_url)
    try:
        yield url
    finally:
        drop_database(pg_admin_url, url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty memory location: a SQLite file path, or a PostgreSQL URL whose search path
    is a new, empty schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "memory.db")
        return
    database_url = request.getfixturevalue("pg_database_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine(database_url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield schema_url(database_url, schema)
        with engine.connect() as conn:
            conn.exec_driver_sql("SET lock_timeout = '5s'")
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        engine.dispose()


@pytest.fixture
def tm_store(db_url: str) -> Iterator[Any]:
    """An open, empty memory on each backend."""
    from tmtool.store import open_store

    with open_store(db_url) as store:
        yield store


if __name__ == "__main__":
    found = find_bindir()
    if found is None:
        raise SystemExit("no PostgreSQL binaries found; run scripts/postgres.sh")
    check = PgServer(found)
    try:
        admin = check.start()
        from sqlalchemy import create_engine

        engine = create_engine(admin)
        with engine.connect() as connection:
            print(connection.exec_driver_sql("select version()").scalar())
        engine.dispose()
    finally:
        check.stop()
