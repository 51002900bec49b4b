#!/usr/bin/env bash
# Run the whole test suite. Uses PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set,
# otherwise SQLite and in-memory stand-ins. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh
exec "$VENV/bin/python" -m pytest "$@"
