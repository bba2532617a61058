#!/usr/bin/env bash
# All tests: formatting first (the fastest failure); then in one Nx run lint (with module boundaries), type
# checks, unit tests, integration tests against real PostgreSQL and Redis (started by the test setup) and the
# memory bounds on large generated inputs; then the builds and browser end-to-end tests in Debian Chromium.
# Nx caches each task by its inputs, so a second run only repeats what changed (a fresh clone runs all).
# One run with three tasks at a time rather than a lint run and an integration run with two each: the
# integration tests wait on servers, timers and child processes (1.70 of 2 cores busy when run two at a time),
# and lint, type checks and unit tests fill those waits (1.97 cores busy; 409 s instead of 158 + 273 s on a
# cold cache on this 2-core machine). A lint or unit failure still fails the run, after the other tasks finish.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
bash "$UPTAKE_ROOT/scripts/bootstrap.sh" --browser
cd "$UPTAKE_ROOT"
export NX_TUI=false NX_DAEMON=false CI="${CI:-true}"
nx_run_many() { npx nx run-many --output-style=static "$@"; }

echo "== format"
npx prettier --check . --log-level warn
echo "== lint, typecheck, unit tests, every dashboard text in Dutch; integration tests (PostgreSQL, Redis), memory bounds"
nx_run_many --parallel=3 -t lint typecheck test i18n-check int-test perf
echo "== builds (dashboard, API, worker, launcher) and browser end-to-end tests"
nx_run_many --parallel=2 -t build -p dashboard api worker launcher
npx nx run e2e:e2e --output-style=static
