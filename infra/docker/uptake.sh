#!/bin/sh
# Entry point of the Uptake image: one role per container.
set -eu
cd /app
role="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$role" in
  api) exec node dist/apps/api/main.js "$@" ;;
  # The flags of WORKER_NODE_FLAGS (libs/config/src/lib/node-flags.ts): V8 tuned for a small heap.
  worker) exec node --optimize-for-size dist/apps/worker/main.js "$@" ;;
  migrate) exec node dist/apps/migrate/main.js "$@" ;;
  create-admin) exec node dist/apps/create-admin/main.js "$@" ;;
  *)
    echo "usage: uptake api|worker|migrate|create-admin [args]" >&2
    exit 2
    ;;
esac
