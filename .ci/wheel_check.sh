#!/usr/bin/env bash
# Build the wheel, install it into a clean virtualenv outside the checkout and, from a folder
# where the checkout is not importable, run the README's production commands with it: migrate,
# the deploy checks, collectstatic, the demo data, gunicorn; then fetch /healthz, a community
# page and a static file through WhiteNoise. Needs PostgreSQL (a role that may create
# databases) and Redis. Run from the checkout: bash .ci/wheel_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh  # the build tool comes with the dev extras
started=$SECONDS
step() { printf -- '--- %s (%ss)\n' "$*" "$((SECONDS - started))"; }

PG="${WHEEL_CHECK_POSTGRES:-postgres://copsite:copsite@127.0.0.1:5432}"
export PGOPTIONS="-c client_min_messages=warning"
DB="${WHEEL_CHECK_DATABASE:-copsite_wheel}"
HOST=copsite.example.org

work="$(mktemp -d)"
gunicorn_pid=""
cleanup() {
  status=$?
  if [ -n "$gunicorn_pid" ]; then
    kill -TERM "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || status=1
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

step "Build the sdist and, from it, the wheel"
# From the tracked files as they are now (uncommitted changes too), without the checkout's
# build leftovers: a stale copsite.egg-info would otherwise slip files into the package.
rev=$(git stash create)
rev=${rev:-HEAD}
mkdir "$work/src"
git archive "$rev" | tar -x -C "$work/src"
"$VENV/bin/python" -m build --outdir "$work/dist" "$work/src" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
wheel=$(echo "$work"/dist/*.whl)
test -f "$wheel"
basename "$wheel"

step "Every tracked file of the packages it holds is in the wheel"
"$VENV/bin/python" - "$wheel" "$rev" <<'PY'
import subprocess
import sys
import zipfile

names = set(zipfile.ZipFile(sys.argv[1]).namelist())
tops = {name.split("/")[0] for name in names}
packages = sorted(top for top in tops if not top.endswith((".dist-info", ".data")))
tracked = subprocess.run(
    ["git", "ls-tree", "-r", "--name-only", sys.argv[2], "--", *packages],
    capture_output=True, text=True, check=True,
).stdout.splitlines()
missing = [name for name in tracked if name not in names]
if missing:
    sys.exit("missing from the wheel:\n  " + "\n  ".join(missing))
print(f"{len(tracked)} files in {', '.join(packages)}")
PY

step "Install it into a clean virtualenv outside the checkout"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel"
bin="$work/venv/bin"

# From here on: nothing of the checkout on the path, production settings from the environment.
mkdir "$work/run" "$work/var"
cd "$work/run"
unset PYTHONPATH VIRTUAL_ENV COPSITE_VAR_DIR MEDIA_ROOT ASSETS_ROOT
export DJANGO_SETTINGS_MODULE=copsite.settings.production
export SECRET_KEY="$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS="$HOST" SITE_URL="https://$HOST"
export DATABASE_URL="$PG/$DB" REDIS_URL="${WHEEL_CHECK_REDIS_URL:-redis://127.0.0.1:6379/3}"
export SECURE_HSTS_PRELOAD=true

"$bin/python" - "$work/venv" <<'PY'
import importlib
import importlib.metadata
import sys
from pathlib import Path

names = importlib.metadata.distribution("copsite").read_text("top_level.txt").split()
for name in names:
    where = Path(importlib.import_module(name).__file__).resolve()
    if not where.is_relative_to(Path(sys.argv[1]).resolve()):
        sys.exit(f"{name} imported from {where}, not from the installed wheel")
print(f"{', '.join(names)} import from the installed wheel")
PY

step "Settings refuse to start without COPSITE_VAR_DIR"
if out=$("$bin/django-admin" check 2>&1); then
  echo "an installed copsite started without COPSITE_VAR_DIR" >&2
  exit 1
fi
grep -q "Set COPSITE_VAR_DIR" <<<"$out" || { echo "$out" >&2; exit 1; }
export COPSITE_VAR_DIR="$work/var"

step "A fresh database: $DB"
psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql -q "$PG/postgres" -c "CREATE DATABASE $DB"

step "The README's production commands, with django-admin"
"$bin/django-admin" migrate --noinput -v 0
"$bin/django-admin" check --deploy --fail-level WARNING
"$bin/django-admin" collectstatic --noinput -v 1
"$bin/django-admin" shell -v 0 -c "from django.core.cache import cache; cache.clear()"
"$bin/django-admin" seed_demo >"$work/seed.log" || { cat "$work/seed.log" >&2; exit 1; }
grep "Demo data ready" "$work/seed.log"
"$bin/django-admin" rebuild_rollups

step "Start gunicorn on a free port"
port=$("$bin/python" -c \
  'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin/gunicorn" copsite.wsgi --bind "127.0.0.1:$port" --workers 2 --log-level warning &
gunicorn_pid=$!

# GET a path as the TLS-terminating proxy would pass it on; print the body, fail unless 200.
fetch() {
  "$bin/python" - "http://127.0.0.1:$port$1" "$HOST" <<'PY'
import sys
import urllib.error
import urllib.request


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


url, host = sys.argv[1:]
request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
try:
    with urllib.request.build_opener(NoRedirects).open(request, timeout=10) as response:
        sys.stdout.write(response.read().decode())
except urllib.error.HTTPError as error:
    sys.exit(f"{url}: {error.code} {error.reason}")
PY
}

step "Wait for /healthz on port $port"
deadline=$((SECONDS + 60))
until health=$(fetch /healthz 2>/dev/null); do
  kill -0 "$gunicorn_pid" 2>/dev/null || { echo "gunicorn exited" >&2; exit 1; }
  if [ "$SECONDS" -ge "$deadline" ]; then
    fetch /healthz || true
    echo "no 200 from /healthz in 60s" >&2
    exit 1
  fi
  sleep 0.2
done
echo "$health"

step "A public community's page and its style sheet"
page=$(fetch /c/social-work-practice/)
grep -q "Social work practice exchange" <<<"$page" \
  || { echo "the community page does not name the community" >&2; exit 1; }
[[ $page =~ /static/css/site\.[0-9a-f]+\.css ]] \
  || { echo "the page links no hashed style sheet" >&2; exit 1; }
css=${BASH_REMATCH[0]}
fetch "$css" | cmp -s - "$COPSITE_VAR_DIR/staticfiles${css#/static}" \
  || { echo "$css is not the collected file" >&2; exit 1; }
echo "/c/social-work-practice/ and $css served"

step "Wheel check passed"
