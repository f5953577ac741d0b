# Sourced by scripts/postgres.sh and scripts/chromium.sh: install Debian packages with apt-get.
#
#   debian_install WHO "what to do without apt-get" PACKAGE...
#
# Runs apt-get update and install (as root, or through sudo), quietly, without recommends; exits
# with a one-line message naming WHO when apt-get or the rights are missing.

debian_install() {
    local who="$1" otherwise="$2"
    shift 2
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$who: $* missing and apt-get unavailable; $otherwise" >&2
        exit 1
    fi
    local sudo=""
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "$who: need root (or sudo) to install $*" >&2
            exit 1
        fi
    fi
    echo "$who: installing Debian's $* ..."
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
