#!/usr/bin/env bash
# Quick start: installs what is missing, builds the dashboard, the API, the worker and the launcher (Nx
# cache: only what changed), and starts PostgreSQL, Redis, the API, the worker and the dashboard with the
# demo organisation loaded. Everything runs compiled (dist/): no TypeScript loader. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
bash "$UPTAKE_ROOT/scripts/bootstrap.sh"
cd "$UPTAKE_ROOT"
NX_TUI=false npx nx run-many -t build -p dashboard api worker launcher --output-style=static
# Short human-readable lines unless LOG_FORMAT says otherwise (json: the structured lines production writes).
export LOG_FORMAT="${LOG_FORMAT:-pretty}"
# Stack traces name bundle lines; NODE_OPTIONS=--enable-source-maps npm start maps them to the .ts sources.
exec node dist/infra/launcher/main.js
