"""Production-like settings for the load benchmark, on loopback only.

Mirrors the peer's benchmark settings (../shared/peer-bench/bench_settings.py) so the
comparison is fair: DEBUG off, PostgreSQL with persistent connections (CONN_MAX_AGE=60),
one Redis cache shared by the workers (production's shape; the peer keeps its own
per-process cache, which its pages barely use) and whitenoise. Knobs come from the
environment.
"""

import os

import dj_database_url

from copsite.settings.base import *  # noqa: F403
from copsite.settings.base import TEMPLATES

DEBUG = os.environ.get("BENCH_DEBUG") == "1"
TEMPLATES[0]["OPTIONS"]["debug"] = DEBUG
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get(
            "BENCH_DATABASE_URL", "postgres://copsite:copsite@127.0.0.1:5432/copsite_bench"
        ),
        conn_max_age=int(os.environ.get("BENCH_CONN_MAX_AGE", "60")),
    )
}

# One cache for all workers, as in production: the page cache's change marker and the kept
# pages must be shared, or a worker serves a page another worker's write has retired.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
    }
}
# PAGE_CACHE_SECONDS=0 measures every page rendered afresh.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_HEADER = True  # X-Page-Cache: hit or miss, to check what a run measured

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True  # reads never enqueue; a stray task would run inline

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
