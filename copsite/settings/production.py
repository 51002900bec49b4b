"""Production: every secret from the environment; refuses unsafe defaults."""

import os

from django.core.exceptions import ImproperlyConfigured

from copsite.settings.base import *  # noqa: F403
from copsite.settings.base import SECRET_KEY, env_bool
from copsite.settings.keys import secret_key_problem

if _key_problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(
        f"{_key_problem} Set SECRET_KEY to a long random value in production, e.g. the output "
        "of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production.")
DEBUG = False
if not os.environ.get("REDIS_URL"):
    # Rate limits need a shared cache and workers on other hosts need a shared broker.
    raise ImproperlyConfigured("Set REDIS_URL in production (Celery broker and shared cache).")

STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "DEFAULT_FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "assets": STORAGES["assets"],  # noqa: F405 - library files, outside MEDIA_ROOT
}
# Library files in S3-compatible storage: pip install "django-storages[s3]" and set
# ASSETS_STORAGE_BACKEND=storages.backends.s3.S3Storage, ASSETS_S3_BUCKET (a private bucket)
# and, for non-AWS services, ASSETS_S3_ENDPOINT_URL. boto3 reads AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY itself. Files stay private: the download view streams them.
if os.environ.get("ASSETS_STORAGE_BACKEND"):
    _s3 = {
        "bucket_name": os.environ.get("ASSETS_S3_BUCKET"),
        "endpoint_url": os.environ.get("ASSETS_S3_ENDPOINT_URL"),
        "default_acl": "private",
        "file_overwrite": False,
    }
    STORAGES["assets"] = {
        "BACKEND": os.environ["ASSETS_STORAGE_BACKEND"],
        "OPTIONS": {key: value for key, value in _s3.items() if value is not None},
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
