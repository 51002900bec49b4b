"""Links that leave the site: mail and calendars are read away from any request."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` on the site's public address (``SITE_URL``), for mail and calendar files."""
    return settings.SITE_URL.rstrip("/") + path
