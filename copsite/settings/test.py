"""Test settings: PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set, else SQLite/locmem.

Under pytest-xdist each worker process (PYTEST_XDIST_WORKER = gw0, gw1, ...) gets its own
everything: pytest-django gives it its own test database, and here it gets its own Redis
database and folders, so one worker's cache.clear() (a FLUSHDB on Redis) or broker purge
never touches another worker's data.
"""

import os
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from copsite.settings.base import *  # noqa: F403
from copsite.settings.base import REDIS_URL, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# One process, so the local-memory cache is shared: keep the page cache on to test it.
PAGE_CACHE_SECONDS = 60
PAGE_CACHE_HEADER = True
# In memory, so each worker process has its own files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "assets": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
WHITENOISE_AUTOREFRESH = True

TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def worker_number(worker: str) -> int:
    """gw0 -> 0, gw1 -> 1, ...; 0 outside pytest-xdist."""
    return int(worker.removeprefix("gw") or 0)


def redis_url_for_worker(url: str, worker: str) -> str:
    """The Redis URL with its database number moved up by the worker's number.

    redis://host:6379/8 is database 8 for gw0, 9 for gw1, ...; a URL without a number starts
    at database 0. Other people's databases below the one in the URL are left alone.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    path_db = parts.path.strip("/")
    query_db = next((value for key, value in query if key == "db"), "")
    base = int(path_db or query_db or 0)
    query = [(key, value) for key, value in query if key != "db"]
    return urlunsplit(
        parts._replace(path=f"/{base + worker_number(worker)}", query=urlencode(query))
    )


# Folders a test could write to (mail files, uploads, the filesystem broker), one per worker.
TEST_VAR_DIR = VAR_DIR / "test" / (TEST_WORKER or "main")
MEDIA_ROOT = TEST_VAR_DIR / "media"
EMAIL_FILE_PATH = str(TEST_VAR_DIR / "mail")
CELERY_BEAT_SCHEDULE_FILENAME = str(TEST_VAR_DIR / "celery" / "beat-schedule")

if REDIS_URL:
    if TEST_WORKER:
        REDIS_URL = redis_url_for_worker(REDIS_URL, TEST_WORKER)
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CELERY_BROKER_URL = REDIS_URL
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(TEST_VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(TEST_VAR_DIR / "celery" / "queue"),
        "processed_folder": str(TEST_VAR_DIR / "celery" / "processed"),
        "control_folder": str(TEST_VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    for folder in ("queue", "processed", "control"):
        (TEST_VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)

# Tests post many times from accounts made a moment ago; the limits' own tests set theirs
# (tests/test_rate_limits.py).
RATE_LIMITS = {action: ("100000/h", "100000/h") for action in RATE_LIMITS}  # noqa: F405
