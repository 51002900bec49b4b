#!/usr/bin/env bash
# A bounded load run with production settings: a fresh PostgreSQL database with the demo and
# 50 load members who joined its open communities, gunicorn on loopback, Redis for the cache
# and the rate limits; then locust (50 people, 60 s) reads and writes through the real forms,
# and bench/load/check.py compares every write answered OK with the database. Prints the
# figures; exits non-zero on any failed request or any write lost or doubled.
#   bash bench/load/run.sh        (LOAD_USERS, LOAD_SECONDS, LOAD_WORKERS, LOAD_DATABASE,
#                                  LOAD_POSTGRES, LOAD_REDIS_URL change the defaults)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/_venv.sh
started=$SECONDS
step() { printf -- '--- %s (%ss)\n' "$*" "$((SECONDS - started))"; }

USERS="${LOAD_USERS:-50}"
RUN_TIME="${LOAD_SECONDS:-60}"
WORKERS="${LOAD_WORKERS:-3}"
PG="${LOAD_POSTGRES:-postgres://copsite:copsite@127.0.0.1:5432}"
DB="${LOAD_DATABASE:-copsite_loadrun}"
HOST=copsite.example.org
export PGPASSWORD=copsite PGOPTIONS="-c client_min_messages=warning"

work="$(mktemp -d)"
gunicorn_pid=""
cleanup() {
  status=$?
  if [ -n "$gunicorn_pid" ]; then
    kill -TERM "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  if [ "$status" != 0 ]; then
    if [ -s "$work/gunicorn.log" ]; then
      echo "--- gunicorn's log" >&2
      tail -n 60 "$work/gunicorn.log" >&2
    fi
    echo "--- $DB is kept to look into; the next run drops it" >&2
  else
    dropdb -h 127.0.0.1 -U copsite --if-exists --force "$DB" || status=1
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Production settings, as behind a TLS-terminating proxy that passes the client's address on.
export DJANGO_SETTINGS_MODULE=copsite.settings.production
export SECRET_KEY="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS="$HOST" SITE_URL="https://$HOST"
export DATABASE_URL="$PG/$DB" REDIS_URL="${LOAD_REDIS_URL:-redis://127.0.0.1:6379/5}"
export COPSITE_VAR_DIR="$work/var" TRUSTED_PROXY_COUNT=1
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export PYTHONPATH="$PWD"
py="$VENV/bin/python"

step "A fresh database: $DB"
dropdb -h 127.0.0.1 -U copsite --if-exists --force "$DB"
createdb -h 127.0.0.1 -U copsite "$DB"

step "Migrate, collect static files, seed the demo and $USERS load members"
"$py" manage.py migrate --noinput -v 0
"$py" manage.py collectstatic --noinput -v 0
# Counters from an earlier run (rate limits keyed by user id, cached pages) start afresh.
"$py" manage.py shell -v 0 -c "from django.core.cache import cache; cache.clear()"
"$py" manage.py seed_demo --no-logins >"$work/seed.log" || { cat "$work/seed.log" >&2; exit 1; }
grep "Demo data ready" "$work/seed.log"
"$py" -m bench.load.members "$USERS" "$work/members.json"

step "Start gunicorn ($WORKERS workers) on a free port"
port=$("$py" -c \
  'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$VENV/bin/gunicorn" copsite.wsgi --bind "127.0.0.1:$port" --workers "$WORKERS" \
  --log-level warning --error-logfile "$work/gunicorn.log" &
gunicorn_pid=$!
deadline=$((SECONDS + 60))
healthy() {
  "$py" - "http://127.0.0.1:$port/healthz" "$HOST" 2>/dev/null <<'PY'
import sys
import urllib.request

request = urllib.request.Request(
    sys.argv[1], headers={"Host": sys.argv[2], "X-Forwarded-Proto": "https"}
)
urllib.request.urlopen(request, timeout=5)
PY
}
until healthy; do
  kill -0 "$gunicorn_pid" 2>/dev/null || { echo "gunicorn exited" >&2; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { echo "no 200 from /healthz in 60s" >&2; exit 1; }
  sleep 0.2
done

step "locust: $USERS people, ${RUN_TIME}s"
# Locust's own exit code is left to the comparison, which fails on any failure it counted.
# At the end each person finishes the task under way (a write cut off after it was sent
# would be stored without an answer), for up to 30 s.
LOAD_MEMBERS="$work/members.json" LOAD_MARKERS="$work/markers.json" LOAD_SITE_HOST="$HOST" \
  "$VENV/bin/locust" -f bench/load/locustfile.py --headless -u "$USERS" -r 10 -t "${RUN_TIME}s" \
  --host "http://127.0.0.1:$port" --only-summary --loglevel WARNING \
  --stop-timeout 30 >"$work/locust.log" 2>&1 || true
if [ ! -s "$work/markers.json" ]; then
  cat "$work/locust.log" >&2
  exit 1
fi
grep -iE "error|traceback" "$work/locust.log" | head -20 || true

step "Figures, and every write answered OK against the database"
"$py" -m bench.load.check "$work/markers.json"
