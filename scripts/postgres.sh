#!/usr/bin/env bash
# Make a PostgreSQL server available to the test suite.
#
# Installs Debian's `postgresql` package when its server binaries (initdb, pg_ctl) are missing, then
# checks that a throwaway server starts: tests/pg.py runs initdb in a temporary folder as an
# unprivileged user, serves on a Unix socket only, and removes everything afterwards. The test
# fixtures start their own such server; nothing here stays running.
#
#   scripts/postgres.sh            install if needed, then check a server starts
#   scripts/postgres.sh --no-check install if needed
#
# Needs root (or sudo) for the installation on a fresh Debian/Ubuntu machine.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/debian-install.sh
source scripts/debian-install.sh

find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

if ! bindir="$(find_bindir)"; then
    # (the package may create and start its own "main" cluster; the tests do not use it)
    debian_install postgres.sh "install PostgreSQL or set TMTOOL_TEST_PG_URL" postgresql
    bindir="$(find_bindir)" || {
        echo "postgres.sh: postgresql installed but initdb/pg_ctl not found" >&2
        exit 1
    }
fi
echo "postgres.sh: PostgreSQL binaries in $bindir ($("$bindir/initdb" --version))"

if [[ "${1:-}" != "--no-check" ]]; then
    python="${PYTHON:-.venv/bin/python}"
    [[ -x "$python" ]] || python="python3"
    TMTOOL_PG_BINDIR="$bindir" "$python" tests/pg.py
fi
