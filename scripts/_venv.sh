# Sourced by run.sh and test.sh: make .venv and install the project when pyproject.toml changed.
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  rm -rf "$VENV"  # a half-made environment from an earlier failed attempt
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating a virtual environment in $VENV ..."
  if ! "$PYTHON" -m venv "$VENV"; then
    rm -rf "$VENV"
    echo "Python's venv module is missing. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi
stamp="$VENV/.copsite-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing dependencies (a minute the first time) ..."
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[dev]"
  echo "$want" > "$stamp"
fi
