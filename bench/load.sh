#!/usr/bin/env bash
# Load one page of a server with wrk and print one line:
#     label rps p50_ms p95_ms p99_ms hits misses others
# The peer harness's run.sh, with our wrk hooks (bench/wrk_pages.lua): the same warm-up,
# flags and checks, plus a random path per request and a count of X-Page-Cache answers.
#   BASE_URL=http://127.0.0.1:8546 bench/load.sh /c/announcements/
#   BASE_URL=... PATHS_FILE=threads.txt bench/load.sh random-thread   # a random path each
# Env: DURATION (20s), CONCURRENCY (8), THREADS (1), WARMUP (3s, 0 to skip), COOKIE_FILE
# (one cookie a line, rotated per request), PATHS_FILE, COUNT_PAGE_CACHE=1 (hits, misses
# and others are "-" without it), WRK_TIMEOUT (30s). Loopback only; warnings to stderr.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${BASE_URL:?set BASE_URL, e.g. http://127.0.0.1:8546}"
DURATION=${DURATION:-20s}
CONCURRENCY=${CONCURRENCY:-8}
THREADS=${THREADS:-1}
WARMUP=${WARMUP:-3s}
WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
BASE_URL=${BASE_URL%/}
label=${1:?path or label}

host=$(printf '%s' "$BASE_URL" | sed -E 's#^[a-z]+://(\[[^]]*\]|[^:/]*).*#\1#')
case "$host" in
  127.*|localhost|"[::1]") ;;
  *) echo "refusing non-loopback BASE_URL host '$host'" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 1; }

absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
export BENCH_COOKIE_FILE="" BENCH_PATHS_FILE="" BENCH_COUNT_PAGE_CACHE="${COUNT_PAGE_CACHE:-0}"
CURL_HDR=()
if [ -n "${COOKIE_FILE:-}" ]; then
  [ -s "$COOKIE_FILE" ] || { echo "COOKIE_FILE $COOKIE_FILE is empty" >&2; exit 1; }
  BENCH_COOKIE_FILE=$(absolute "$COOKIE_FILE")
  CURL_HDR=(-H "Cookie: $(head -1 "$COOKIE_FILE")")
fi
first=$label
if [ -n "${PATHS_FILE:-}" ]; then
  [ -s "$PATHS_FILE" ] || { echo "PATHS_FILE $PATHS_FILE is empty" >&2; exit 1; }
  BENCH_PATHS_FILE=$(absolute "$PATHS_FILE")
  first=$(head -1 "$PATHS_FILE")
fi
url="$BASE_URL$first"
code=$(curl -s -o /dev/null -w '%{http_code}' "${CURL_HDR[@]}" "$url" || echo 000)
[ "$code" = 200 ] || echo "warning: $first answers HTTP $code" >&2
if [ "$WARMUP" != 0 ]; then
  wrk -t "$THREADS" -c "$CONCURRENCY" -d "$WARMUP" --timeout "$WRK_TIMEOUT" \
      -s "$HERE/wrk_pages.lua" "$url" >/dev/null 2>&1 || true
fi
report=$(wrk -t "$THREADS" -c "$CONCURRENCY" -d "$DURATION" --timeout "$WRK_TIMEOUT" \
             -s "$HERE/wrk_pages.lua" "$url" || true)
line=$(grep '^PEERBENCH ' <<<"$report" || true)
if [ -z "$line" ]; then echo "$label ERROR - - - - - -"; exit 0; fi
read -r _ rps p50 p95 p99 nreq bad sockerr <<<"$line"
if [ "$bad" != 0 ] || [ "$sockerr" != 0 ]; then
  echo "warning: $label: $bad non-2xx/3xx and $sockerr socket errors of $nreq requests" >&2
fi
cache=$(grep '^PAGECACHE ' <<<"$report" | cut -d' ' -f2- || true)
echo "$label $rps $p50 $p95 $p99 ${cache:-- - -}"
