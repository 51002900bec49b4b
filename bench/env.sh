# Shared settings for the benchmark scripts. Source it: `. bench/env.sh`.
# Every value can be overridden from the environment before sourcing.
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)            # project root
: "${BENCH_DIR:=$BENCH_ROOT/var/bench}"                                 # results, pids, logs
: "${BENCH_DATABASE_URL:=postgres://copsite:copsite@127.0.0.1:5432/copsite_bench}"
: "${BENCH_HOST:=127.0.0.1}"                                            # loopback only
: "${BENCH_PORT:=8546}"
: "${BENCH_REDIS_URL:=redis://127.0.0.1:6379/9}"                        # one cache, all workers
: "${BENCH_WORKERS:=3}"                                                 # as the peer's gunicorn
: "${CEILING_PORT:=8545}"
# The peer harness lives beside the project; its scratch dir (venv, Spirit, PostgreSQL
# cluster on 5544) must be writable, so it defaults to var/peerbench here.
: "${PEERBENCH:=$(cd "$BENCH_ROOT/../shared/peer-bench" 2>/dev/null && pwd || echo /work/shared/peer-bench)}"
: "${PEERBENCH_DIR:=$BENCH_ROOT/var/peerbench}"
VENV="$BENCH_ROOT/.venv"
export BENCH_ROOT BENCH_DIR BENCH_DATABASE_URL BENCH_REDIS_URL BENCH_HOST BENCH_PORT BENCH_WORKERS \
       CEILING_PORT PEERBENCH PEERBENCH_DIR
mkdir -p "$BENCH_DIR"

# Run a command with our project's settings (not the peer's, which env.sh of the peer sets).
ours() {
  (cd "$BENCH_ROOT" && DJANGO_SETTINGS_MODULE=bench.settings PYTHONPATH="$BENCH_ROOT" "$@")
}
