#!/usr/bin/env bash
# Installs what Uptake needs on this machine: Node 24 (see node-env.sh), redis-server (Debian package,
# when no REDIS_URL is given), Chromium for browser tests (with --browser), and the npm dependencies.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
cd "$UPTAKE_ROOT"

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "[uptake] $1 is missing and this system has no apt-get: install the package '$2' yourself$3." >&2
    exit 1
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "[uptake] installing $2 with apt-get" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}

if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server redis-server " or set REDIS_URL to an existing Redis"
fi
if $want_browser && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium chromium ""
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[uptake] installing npm dependencies" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
