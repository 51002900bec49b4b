"""Embedded defaults for one machine: SQLite, no Redis, mail written to files."""

import os

from copsite.settings.base import *  # noqa: F403
from copsite.settings.base import VAR_DIR, env_bool

# Off by default so people trying the site see its real error pages; DEBUG=1 for tracebacks.
DEBUG = env_bool("DEBUG", False)
# Without DEBUG, runserver serves no files: WhiteNoise serves static from the source folders
# and copsite's own URLconf serves uploads.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
