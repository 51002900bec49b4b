#!/usr/bin/env bash
# Serve our site, or the peer's ceiling page, with gunicorn on loopback (3 sync workers,
# the peer's flags). PIDs are recorded in $BENCH_DIR and used to stop exactly those.
#   bench/serve.sh start|stop|restart|status    # our site on $BENCH_PORT
# Our site reads BENCH_REDIS_URL (one cache for all workers, Redis db 9 by default) and
# PAGE_CACHE_SECONDS (0: every page rendered afresh) from the environment at start.
#   bench/serve.sh ceiling-start|ceiling-stop   # $PEERBENCH/ceiling on $CEILING_PORT
set -euo pipefail
. "$(dirname "$0")/env.sh"

wait_up() {
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}

stop_pid() {
  local pidfile=$1
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    echo "gunicorn $pid stopped"
  fi
  rm -f "$pidfile"
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

case "${1:-}" in
  start)
    running "$BENCH_DIR/gunicorn.pid" && { echo "already up"; exit 0; }
    cd "$BENCH_ROOT"
    DJANGO_SETTINGS_MODULE=bench.settings PYTHONPATH="$BENCH_ROOT" \
      "$VENV/bin/gunicorn" copsite.wsgi:application \
      --bind "$BENCH_HOST:$BENCH_PORT" --workers "$BENCH_WORKERS" \
      --worker-class sync --timeout 60 --backlog 256 \
      --pid "$BENCH_DIR/gunicorn.pid" --daemon --error-logfile "$BENCH_DIR/gunicorn.log" \
      --log-level warning
    wait_up "http://$BENCH_HOST:$BENCH_PORT/healthz"
    echo "ours: gunicorn $(cat "$BENCH_DIR/gunicorn.pid") on http://$BENCH_HOST:$BENCH_PORT" \
         "(cache $BENCH_REDIS_URL, PAGE_CACHE_SECONDS=${PAGE_CACHE_SECONDS:-60})" ;;
  stop) stop_pid "$BENCH_DIR/gunicorn.pid" ;;
  restart) "$0" stop; "$0" start ;;
  status) running "$BENCH_DIR/gunicorn.pid" && echo "gunicorn up" || echo "gunicorn down" ;;
  ceiling-start)
    running "$BENCH_DIR/ceiling.pid" && { echo "ceiling already up"; exit 0; }
    # The ceiling reads the peer's PostgreSQL (5544): the peer harness must be set up.
    cd "$PEERBENCH/ceiling"
    DJANGO_SETTINGS_MODULE=ceilsite.settings PYTHONPATH="$PEERBENCH/ceiling" \
      "$PEERBENCH_DIR/venv/bin/gunicorn" ceilsite.wsgi:application \
      --bind "127.0.0.1:$CEILING_PORT" --workers 3 --worker-class sync --timeout 60 \
      --backlog 256 --pid "$BENCH_DIR/ceiling.pid" --daemon \
      --error-logfile "$BENCH_DIR/ceiling.log" --log-level warning
    wait_up "http://127.0.0.1:$CEILING_PORT/ok/"
    echo "ceiling: gunicorn $(cat "$BENCH_DIR/ceiling.pid") on http://127.0.0.1:$CEILING_PORT" ;;
  ceiling-stop) stop_pid "$BENCH_DIR/ceiling.pid" ;;
  *) echo "usage: $0 start|stop|restart|status|ceiling-start|ceiling-stop" >&2; exit 2 ;;
esac
