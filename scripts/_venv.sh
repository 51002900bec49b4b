# Sourced by run.sh and test.sh: make .venv and install the project when pyproject.toml changed.
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating a virtual environment in $VENV ..."
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.copsite-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing dependencies (a minute the first time) ..."
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[dev]"
  echo "$want" > "$stamp"
fi
