"""The embedded run (SQLite) answers concurrent writers without a 500 and keeps every write."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    "DATABASE_URL" in os.environ, reason="the embedded run is SQLite; this run is on a server"
)
def test_twenty_writers_at_once_each_get_their_reply_posted(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="copsite.settings.local",
        COPSITE_VAR_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
        SECRET_KEY="concurrent-writers-check",
    )
    result = subprocess.run(
        [sys.executable, "-m", "tests.embedded.concurrent_writers"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["answers"] == {"302": 20}  # each one redirected to the reply it posted
    assert outcome["made"] == 20
