"""Production refuses to start with a development, short or repetitive SECRET_KEY."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from copsite.settings.keys import secret_key_problem

ROOT = Path(__file__).resolve().parents[2]
GOOD = secrets.token_urlsafe(50)


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("django-insecure-" + secrets.token_urlsafe(50), "development key"),
        ("insecure-" + secrets.token_urlsafe(50), "development key"),
        (secrets.token_urlsafe(30), "at least 50"),
        ("ab" * 40, "different characters"),
    ],
    ids=["django-insecure", "insecure", "short", "few-characters"],  # the same in every worker
)
def test_weak_keys_are_named_with_the_reason(key, says):
    assert says in secret_key_problem(key)


def test_a_long_random_key_passes():
    assert secret_key_problem(GOOD) is None


def _start(key: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "copsite.settings.production",
        "SECRET_KEY": key,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DEBUG": "0",
    }
    code = "import django; django.setup(); print('started')"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_settings_refuse_to_start_with_an_insecure_key():
    refused = _start("django-insecure-" + secrets.token_urlsafe(50))
    assert refused.returncode != 0
    assert "development key" in refused.stderr
    short = _start("0123456789abcdef0123456789abcdef0123456789")
    assert short.returncode != 0 and "at least 50" in short.stderr
    assert "started" in _start(GOOD).stdout
