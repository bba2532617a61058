#!/usr/bin/env bash
# All tests: formatting, lint (with module boundaries), type checks, unit + integration tests against real
# PostgreSQL and Redis started by the test setup, then browser end-to-end tests in Debian Chromium.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
bash "$UPTAKE_ROOT/scripts/bootstrap.sh" --browser
cd "$UPTAKE_ROOT"
export NX_TUI=false NX_DAEMON=false CI="${CI:-true}"

echo "== format"
npx prettier --check . --log-level warn
echo "== lint, typecheck, unit and integration tests"
npx nx run-many -t lint typecheck test --parallel=2 --output-style=static --exclude=e2e
echo "== dashboard build and browser end-to-end tests"
npx nx run dashboard:build --output-style=static
npx nx run e2e:e2e --output-style=static
