#!/usr/bin/env bash
# Make a headless Chromium available to the review tests (tests/test_review_browser.py).
#
# Installs Debian's `chromium` package when no Chromium executable is found, then checks that it
# starts headless. Playwright drives this system executable; it never downloads a browser.
#
#   scripts/chromium.sh            install if needed, then check it starts
#   scripts/chromium.sh --no-check install if needed
#
# Needs root (or sudo) for the installation on a fresh Debian/Ubuntu machine.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/debian-install.sh
source scripts/debian-install.sh

find_chromium() {
    local name
    if [[ -n "${TMTOOL_CHROMIUM:-}" && -x "${TMTOOL_CHROMIUM}" ]]; then
        echo "$TMTOOL_CHROMIUM"
        return 0
    fi
    for name in chromium chromium-browser; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}

if ! chromium="$(find_chromium)"; then
    debian_install chromium.sh "install Chromium or set TMTOOL_CHROMIUM to its executable" chromium
    chromium="$(find_chromium)" || {
        echo "chromium.sh: chromium installed but no executable found" >&2
        exit 1
    }
fi
echo "chromium.sh: $chromium ($("$chromium" --version 2>/dev/null | head -n 1))"

if [[ "${1:-}" != "--no-check" ]]; then
    profile="$(mktemp -d)"
    trap 'rm -rf "$profile"' EXIT
    if ! timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
        --dump-dom 'data:text/html,<p>ok</p>' 2>/dev/null | grep -q '<p>ok</p>'; then
        echo "chromium.sh: $chromium did not start headless" >&2
        exit 1
    fi
    echo "chromium.sh: headless start checked"
fi
