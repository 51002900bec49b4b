#!/usr/bin/env bash
# Create the benchmark database, migrate it and seed it (re-runnable: seeds once).
#   bench/setup.sh            # RESET=1 bench/setup.sh wipes and seeds again
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$BENCH_ROOT"
. scripts/_venv.sh
db=${BENCH_DATABASE_URL##*/}
admin_url=${BENCH_DATABASE_URL%/*}/postgres
if ! psql "$admin_url" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
  psql "$admin_url" -qc "CREATE DATABASE $db"
fi
ours "$VENV/bin/python" manage.py migrate --noinput -v 0
ours "$VENV/bin/python" manage.py collectstatic --noinput -v 0
ours "$VENV/bin/python" -m bench.seed ${RESET:+--reset}
