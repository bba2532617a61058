#!/usr/bin/env bash
# All tests, fastest failures first: formatting; lint (with module boundaries), type checks and unit tests;
# integration tests against real PostgreSQL and Redis (started by the test setup) and the memory bounds on
# large generated inputs; then browser end-to-end tests in Debian Chromium.
# Nx caches each task by its inputs, so a second run only repeats what changed (a fresh clone runs all).
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
bash "$UPTAKE_ROOT/scripts/bootstrap.sh" --browser
cd "$UPTAKE_ROOT"
export NX_TUI=false NX_DAEMON=false CI="${CI:-true}"
nx_run_many() { npx nx run-many --parallel=2 --output-style=static "$@"; }

echo "== format"
npx prettier --check . --log-level warn
echo "== lint, typecheck, unit tests; every dashboard text has its Dutch translation"
nx_run_many -t lint typecheck test i18n-check
echo "== integration tests (PostgreSQL, Redis) and memory bounds"
nx_run_many -t int-test perf
echo "== builds (dashboard, API, worker, launcher) and browser end-to-end tests"
nx_run_many -t build -p dashboard api worker launcher
npx nx run e2e:e2e --output-style=static
