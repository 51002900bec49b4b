#!/usr/bin/env bash
# Set up and run copsite on embedded defaults: SQLite, Celery on the filesystem broker
# (worker + beat), mail written to var/mail/. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-copsite.settings.local}"
export SITE_URL="${SITE_URL:-http://$HOST:$PORT}"
PY="$VENV/bin/python"

"$PY" manage.py migrate --noinput
"$PY" manage.py seed_demo --no-logins

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping copsite ..."
  for pid in "${pids[@]}"; do
    # Each service runs in its own process group: stop the group, children included.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped."
}
trap stop INT TERM EXIT

LOG_DIR="${COPSITE_VAR_DIR:-var}/log"
mkdir -p "$LOG_DIR"
setsid "$VENV/bin/celery" -A copsite worker -B --pool=solo --loglevel=INFO \
  >"$LOG_DIR/worker.log" 2>&1 &
pids+=($!)
setsid "$PY" manage.py runserver "$HOST:$PORT" &
pids+=($!)

cat <<TXT

  copsite is running at http://$HOST:$PORT/
  Worker and scheduler log: $LOG_DIR/worker.log   Sent mail: ${COPSITE_VAR_DIR:-var}/mail/
  Demo logins (password: practice-together):
    amara@example.org   gardener, Northfield e-learning committee
    elena@example.org   gardener, Social work practice exchange
    joy@example.org     gardener of Adult literacy tutors (young: launch checklist)
    lena@example.org    gardener of the private Peer supervision circle
    marta@example.org   sponsor (dashboard: /c/northfield-elearning/dashboard/)
    dev@example.org     a newcomer whose first thread was answered
    fatima@example.org  a peripheral member: reads, has not posted yet
    admin@example.org   operator, Django admin at /admin/
  Press Ctrl-C to stop.

TXT
# Stop everything as soon as either service dies. A short sleep in the background, waited
# on, keeps bash ready to run the Ctrl-C trap at once, whatever it was doing when it came.
while kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null; do
  sleep 1 &
  wait $! || true
done
