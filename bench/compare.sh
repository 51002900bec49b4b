#!/usr/bin/env bash
# Load our pages, the peer's (Spirit) corresponding pages and the ceiling page in ONE run,
# interleaved page by page (ours, Spirit, ceiling, ours, ...), so that noise from other
# processes on the machine falls on all three alike. Uses the peer harness by path:
# its run.sh (wrk + wrk_report.lua), session.py (real session cookies), queries.py.
#   bench/compare.sh                                   # 3 x 20 s, 8 connections
#   REPEATS=1 DURATION=5s WARMUP=1s bench/compare.sh   # a quick check of the pipeline
# Env: REPEATS (3), DURATION (20s), CONCURRENCY (8), MODES ("anon auth"),
#      PAGES ("home list hot-first hot-last search"; also "typical").
# Assumes bench/setup.sh and the peer's setup.sh + seed.sh have run. Starts what is not
# running and stops, by recorded PID, only what it started. Results: $BENCH_DIR/results/<stamp>/
set -euo pipefail
. "$(dirname "$0")/env.sh"
REPEATS=${REPEATS:-3}
MODES=${MODES:-anon auth}
PAGES=${PAGES:-home list hot-first hot-last search}
AUTH_USERS=${AUTH_USERS:-50}
export DURATION=${DURATION:-20s} CONCURRENCY=${CONCURRENCY:-8} WARMUP=${WARMUP:-3s}
OUT="$BENCH_DIR/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
OURS_URL="http://$BENCH_HOST:$BENCH_PORT"
CEIL_URL="http://127.0.0.1:$CEILING_PORT"

# Peer settings in a subshell only: its env.sh exports Spirit's DJANGO_SETTINGS_MODULE.
peer() { (. "$PEERBENCH/env.sh" && cd "$PEER_SITE" && "$@"); }
SPIRIT_URL=$(. "$PEERBENCH/env.sh" && echo "$BASE_URL")
PEER_PY="$PEERBENCH_DIR/venv/bin/python"

started=()
peer_status=$("$PEERBENCH/serve.sh" status 2>&1 || true)
case "$peer_status" in *"gunicorn up"*) ;; *) "$PEERBENCH/serve.sh" start; started+=(peer) ;; esac
"$(dirname "$0")/serve.sh" status | grep -q up || { "$(dirname "$0")/serve.sh" start; started+=(ours); }
[ -f "$BENCH_DIR/ceiling.pid" ] && kill -0 "$(cat "$BENCH_DIR/ceiling.pid")" 2>/dev/null \
  || { "$(dirname "$0")/serve.sh" ceiling-start; started+=(ceiling); }
SAMPLER=""
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  for s in "${started[@]}"; do
    case "$s" in
      peer) "$PEERBENCH/serve.sh" stop ;;
      ours) "$(dirname "$0")/serve.sh" stop ;;
      ceiling) "$(dirname "$0")/serve.sh" ceiling-stop ;;
    esac
  done
}
trap cleanup EXIT

# Page names -> line of paths.txt (ours from bench/seed.py, the peer's from its seed.py).
line_of() {
  case "$1" in home) echo 1 ;; list) echo 2 ;; typical) echo 3 ;; hot-first) echo 4 ;;
    hot-last) echo 5 ;; search) echo 6 ;; *) echo "unknown page $1" >&2; exit 2 ;; esac
}
path_of() { sed -n "$(line_of "$2")p" "$1"; }
is_thread_page() { case "$1" in typical|hot-first|hot-last) return 0 ;; *) return 1 ;; esac; }

cp "$BENCH_DIR/paths.txt" "$OUT/paths_ours.txt"
cp "$PEERBENCH_DIR/paths.txt" "$OUT/paths_spirit.txt"
{
  echo "date: $(date -Is)"; echo "host: $(uname -srm), $(nproc) cpus"; uptime
  echo "duration=$DURATION concurrency=$CONCURRENCY warmup=$WARMUP repeats=$REPEATS"
  echo "ours: $(cd "$BENCH_ROOT" && git rev-parse --short HEAD 2>/dev/null) $OURS_URL"
  echo "ours: PAGE_CACHE_SECONDS=${PAGE_CACHE_SECONDS:-60 (bench default)}"
  "$VENV/bin/pip" show Django gunicorn psycopg 2>/dev/null | grep -E '^(Name|Version)' | paste - -
  echo "spirit: $SPIRIT_URL"
  "$PEERBENCH_DIR/venv/bin/pip" show django-spirit Django 2>/dev/null \
    | grep -E '^(Name|Version)' | paste - -
} > "$OUT/env.txt"

echo "# SQL statements per page (warm second request; writes in the *_writes columns)"
ours "$VENV/bin/python" "$PEERBENCH/queries.py" < "$OUT/paths_ours.txt" \
  2>"$OUT/queries_ours_detail.txt" | tee "$OUT/queries_ours.txt"
peer "$PEER_PY" "$PEERBENCH/queries.py" < "$OUT/paths_spirit.txt" \
  2>"$OUT/queries_spirit_detail.txt" | tee "$OUT/queries_spirit.txt"

ours "$VENV/bin/python" "$PEERBENCH/session.py" "$AUTH_USERS" > "$OUT/cookies_ours.txt"
peer "$PEER_PY" "$PEERBENCH/session.py" "$AUTH_USERS" > "$OUT/cookies_spirit.txt"

# Every measured path must answer 200, or wrk would time error pages.
for mode in $MODES; do
  for page in $PAGES; do
    for site in ours spirit; do
      [ "$site/$mode/$page" = spirit/anon/search ] && continue  # Spirit: login required
      url=$([ "$site" = ours ] && echo "$OURS_URL" || echo "$SPIRIT_URL")
      p=$(path_of "$OUT/paths_$site.txt" "$page")
      hdr=()
      [ "$mode" = auth ] && hdr=(-H "Cookie: $(head -1 "$OUT/cookies_$site.txt")")
      code=$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" "$url$p")
      [ "$code" = 200 ] || { echo "$site $mode $p answers $code: stopping" >&2; exit 1; }
    done
  done
done

# Who else uses the CPU: top's busiest processes and the load average every ~5 s.
( while :; do
    top -b -n 2 -d 1 -w 200 -o %CPU | awk '/^top -/{f++} f==2 && /^top -/{print $3, "load", $(NF-2), $(NF-1), $NF} f==2 && /PID USER/{n=1; next} f==2 && n>0 && n<=6 {print; n++}'
    sleep 4
  done ) > "$OUT/top.log" 2>&1 &
SAMPLER=$!

one() {  # site mode page repeat url path cookie_file
  local line
  line=$(BASE_URL="$5" COOKIE="" COOKIE_FILE="$7" "$PEERBENCH/run.sh" "$6" \
           2> >(sed "s#^#$1 $2 #" >> "$OUT/warnings.txt"))
  echo "$1 $2 $3 $4 ${line#* }" | tee -a "$OUT/results.txt"
}

echo "# site mode page repeat rps p50_ms p95_ms p99_ms"
for r in $(seq 1 "$REPEATS"); do
  for mode in $MODES; do
    for page in $PAGES; do
      co=""; cs=""
      [ "$mode" = auth ] && { co="$OUT/cookies_ours.txt"; cs="$OUT/cookies_spirit.txt"; }
      one ours "$mode" "$page" "$r" "$OURS_URL" "$(path_of "$OUT/paths_ours.txt" "$page")" "$co"
      if [ "$mode/$page" != anon/search ]; then
        one spirit "$mode" "$page" "$r" "$SPIRIT_URL" \
          "$(path_of "$OUT/paths_spirit.txt" "$page")" "$cs"
      fi
      if is_thread_page "$page"; then
        one ceiling "$mode" "$page" "$r" "$CEIL_URL" /page-db/ ""
      fi
    done
  done
done
"$VENV/bin/python" "$(dirname "$0")/summarize.py" "$OUT" | tee "$OUT/summary.md"
echo "results in $OUT"
