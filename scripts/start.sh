#!/usr/bin/env bash
# Quick start: installs what is missing, builds the dashboard, and starts PostgreSQL, Redis, the API,
# the worker and the dashboard with the demo organisation loaded. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
bash "$UPTAKE_ROOT/scripts/bootstrap.sh"
cd "$UPTAKE_ROOT"
npx nx run dashboard:build --output-style=static
exec node scripts/run-ts.cjs infra/launcher/src/main.ts
