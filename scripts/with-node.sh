#!/usr/bin/env bash
# Runs a command with Node 24 on PATH (see node-env.sh), e.g. from npm scripts run by an older system npm.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
exec "$@"
