#!/usr/bin/env bash
# Run the whole test suite. Uses PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set,
# otherwise SQLite and in-memory stand-ins. Extra arguments go to pytest.
#
# Tests run in parallel, one pytest-xdist worker per core (at most 4; COPSITE_TEST_WORKERS=N
# sets the number). Give -n0 (or -n N), or -p no:xdist, to choose yourself; --pdb and --trace
# run in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh
parallel=(-n "${COPSITE_TEST_WORKERS:-auto}" --maxprocesses=4)
for arg in "$@"; do
  case "$arg" in
    -n* | --numprocesses* | -pno:xdist | no:xdist | --pdb | --trace) parallel=() ;;
  esac
done
exec "$VENV/bin/python" -m pytest ${parallel[@]+"${parallel[@]}"} "$@"
