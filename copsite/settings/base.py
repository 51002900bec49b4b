"""Settings shared by every environment. Values come from environment variables."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The project package ships the site-wide templates and static files (it installs as one).
PROJECT_DIR = Path(__file__).resolve().parent.parent
# Uploads, library files, collected static files (and, on the embedded defaults, the SQLite
# file, mail and broker folders). A checkout keeps them in var/ beside manage.py; an installed
# package has no such place (BASE_DIR is site-packages), so there the folder must be named.
if os.environ.get("COPSITE_VAR_DIR"):
    VAR_DIR = Path(os.environ["COPSITE_VAR_DIR"])
elif (BASE_DIR / "manage.py").is_file() and (BASE_DIR / "pyproject.toml").is_file():
    VAR_DIR = BASE_DIR / "var"
else:
    raise ImproperlyConfigured(
        "Set COPSITE_VAR_DIR to a writable folder for copsite's data (uploads, library files, "
        "collected static files), e.g. COPSITE_VAR_DIR=/var/lib/copsite."
    )


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-local-only-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = os.environ.get("SITE_NAME", "copsite")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "taggit",
    "copsite",
    "core",
    "allauth",
    "allauth.account",
    "accounts",
    "communities",
    "rhythm",
    "participation",
    "insights",
    "discussions",
    "guidance",
    "assets",
    "notifications",
    "proposals",
    "digests",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, so a page served again carries the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "copsite.middleware.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # a refused rate answers RATELIMIT_VIEW
]

ROOT_URLCONF = "copsite.urls"
WSGI_APPLICATION = "copsite.wsgi.application"
ASGI_APPLICATION = "copsite.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "copsite.context_processors.site",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'copsite.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite creates the file, not its folder
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on the embedded run wait their turn instead of failing: WAL lets
    # readers go on beside a writer; IMMEDIATE takes the write lock at BEGIN, so a
    # transaction never fails on upgrading a read lock; the timeout is how long one waits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # The roll-ups' covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite uses the
    # key columns alone, which is all the embedded run needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
SITE_ID = 1

# allauth 65: email is the login; verification is mandatory before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USER_DISPLAY = "accounts.models.display_name"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_USERNAME_BLACKLIST = ["admin", "administrator", "root", "copsite", "staff", "help"]
# allauth's defaults, written out so operators see them: they rely on a shared cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}

# The site's own limits (core/ratelimits.py): (established account, account younger than
# RATE_LIMIT_NEW_ACCOUNT_DAYS), as django-ratelimit rates ("count/period": s, m, h or d).
RATE_LIMITS = {
    "join": ("20/h", "5/h"),  # joining, requesting to join (each request mails gardeners)
    "invite": ("50/d", "10/d"),  # invitations to a community
    "guest_invite": ("30/d", "5/d"),  # guests invited to a thread or meeting
    "flag": ("30/h", "5/h"),
    "thread": ("30/h", "3/h"),
    "reply": ("120/h", "10/h"),
}
RATE_LIMIT_NEW_ACCOUNT_DAYS = int(os.environ.get("RATE_LIMIT_NEW_ACCOUNT_DAYS", "1"))
RATELIMIT_VIEW = "copsite.views.rate_limited"
# How many proxies in front of the site append the client's address to X-Forwarded-For
# (0: none, REMOTE_ADDR is the client). Limits per address count that address (core/client_ip.py).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"

# Content-Security-Policy on every response (django-csp): scripts only from our own static
# files, no inline script or event handler anywhere; inline style attributes are still in
# templates, so styles allow them. A view that sets its own policy (file downloads) keeps it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Every app ships its static files in <app>/static/ (the site-wide ones in copsite/static/).
STATICFILES_DIRS: list = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Library files: outside MEDIA_ROOT, so they are only served by the permission-checking view.
    "assets": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("ASSETS_ROOT", VAR_DIR / "assets"))},
    },
}
ASSET_MAX_UPLOAD_BYTES = int(os.environ.get("ASSET_MAX_UPLOAD_BYTES", 25 * 1024 * 1024))
ASSET_IMAGE_MAX_PIXELS = int(os.environ.get("ASSET_IMAGE_MAX_PIXELS", 40_000_000))
SERVE_MEDIA = False  # production serves uploads from the storage backend or the proxy
AVATAR_MAX_BYTES = int(os.environ.get("AVATAR_MAX_BYTES", 2 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Redis when configured (production, CI); otherwise the embedded defaults need nothing.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous reading pages served again until their community changes (core/page_cache.py),
# at most this long. The change markers live in the cache, so it must be one every process
# shares: on with Redis only.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 60 if REDIS_URL else 0))

# The filesystem transport reads its folders below; the host only stops kombu's warning.
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
)
if not REDIS_URL:
    for folder in ("queue", "processed", "control"):
        (VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker process died goes back to the queue rather than being dropped.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# How long a mail claim may stay unsent before the next run takes it over (core/claims.py):
# longer than any one message takes to send, shorter than the broker's redelivery.
MAIL_CLAIM_STALE_SECONDS = int(os.environ.get("MAIL_CLAIM_STALE_SECONDS", "600"))
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
# How long a form token's claim is kept (core/submissions.py): a retried POST comes within
# seconds, a page left open in a tab within days.
SUBMISSION_TOKEN_DAYS = int(os.environ.get("SUBMISSION_TOKEN_DAYS", "30"))
CELERY_BEAT_SCHEDULE = {
    "forget-old-submissions": {
        "task": "core.tasks.forget_old_submissions",
        "schedule": crontab(hour=4, minute=0),
    },
    "purge-stale-invitations": {
        "task": "communities.tasks.purge_stale_invitations",
        "schedule": 60 * 60.0,
    },
    "send-meeting-reminders": {
        "task": "rhythm.tasks.send_meeting_reminders",
        "schedule": 60.0,
    },
    "recompute-participation-levels": {
        "task": "participation.tasks.recompute_participation_levels",
        "schedule": crontab(hour=3, minute=15),
    },
    "rebuild-dashboard-rollups": {
        "task": "communities.tasks.rebuild_rollups",
        "schedule": crontab(hour=2, minute=30),
    },
    "send-notification-digests": {
        "task": "notifications.tasks.send_notification_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Community digests: daily ones every morning; weekly ones and sponsors' on Mondays.
    "send-daily-digests": {
        "task": "digests.tasks.send_daily_digests",
        "schedule": crontab(hour=6, minute=0),
    },
    "send-weekly-digests": {
        "task": "digests.tasks.send_weekly_digests",
        "schedule": crontab(hour=6, minute=0, day_of_week="mon"),
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "copsite <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

INVITATION_TTL_DAYS = int(os.environ.get("INVITATION_TTL_DAYS", "14"))

MESSAGE_TAGS = {40: "error"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_without_traceback": {"()": "core.log_filters.RefusalsWithoutTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["refusals_without_traceback"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Absolute links in emails sent by workers (no request there).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
