"""Links: the site's own address for mail and calendars, and the links people type."""

import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.errors import ActionError


def absolute_url(path: str) -> str:
    """``path`` on the site's public address (``SITE_URL``), for mail and calendar files."""
    return settings.SITE_URL.rstrip("/") + path


def local_path(value: str, *, host: str) -> str:
    """``value`` if it is a path on this site to send someone back to (a form's "next"),
    else "". Only a path: redirect() would read any other text as a view's name to reverse,
    and a name nobody knows would break the page."""
    value = value or ""
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts={host}):
        return value
    return ""


def checked_link(url: str, *, field: str, local_paths: bool = False, max_length: int = 500) -> str:
    """A link a person typed, as it will be followed: http(s) with a host, or "" when empty.

    Browsers read ``//host``, ``/\\host`` and ``\\\\host`` as another site and run
    ``javascript:``; ``data:`` can carry a page. Only a real web address passes, and with
    ``local_paths`` a path on this site (one leading slash, no backslash anywhere).
    """
    url = (url or "").strip()
    if not url:
        return ""
    refused = ActionError(
        _(
            "Give a web address starting with http:// or https://, such as https://example.org/notes."
        )
        if not local_paths
        else _(
            "Give a web address starting with http:// or https://, or a page of this site "
            "starting with a single /."
        ),
        field=field,
    )
    if len(url) > max_length:
        raise ActionError(
            _("Keep the address under %(n)s characters.") % {"n": max_length}, field=field
        )
    if "\\" in url or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        raise refused
    if local_paths and url.startswith("/") and not url.startswith("//"):
        return url
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise refused from error
    if not urlsplit(url).hostname:
        raise refused
    return url
