"""Shared pytest fixtures. The PostgreSQL/SQLite memory fixtures live in tests/pg.py."""

import os
from collections.abc import Iterator

import pytest
from pg import db_url, pg_admin_url, pg_database_url, tm_store  # noqa: F401

#: CI (``CI=true``, or ``TMTOOL_TEST_REQUIRE_ALL=1``) runs every test: there a skip (evaluation
#: data, a schema, PostgreSQL, the browser or a package missing) fails, with the skip's reason.
REQUIRE_ALL = os.environ.get("CI") == "true" or os.environ.get("TMTOOL_TEST_REQUIRE_ALL") == "1"


#: modules skipped whole under CI (``pytest_collectreport``), reported at the session's end
_SKIPPED_MODULES: list[str] = []


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """The reason pytest gives for a skip, as a line."""
    longrepr = report.longrepr
    return longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Under CI a skipped test fails, showing why it skipped."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, but CI runs every test (CI=true): {_skip_reason(report)}"


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """A module skipped whole (``pytest.importorskip`` at its top) cannot be turned into failing
    tests; under CI it fails the session at its end instead (the run goes on meanwhile)."""
    if REQUIRE_ALL and report.skipped:
        _SKIPPED_MODULES.append(f"{report.nodeid}: {_skip_reason(report)}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in _SKIPPED_MODULES:
        terminalreporter.write_line(f"FAILED (skipped, but CI runs every test) {line}", red=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _SKIPPED_MODULES and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
