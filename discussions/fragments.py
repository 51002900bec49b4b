"""Rendered HTML of list items (posts on a thread page, rows of the thread list), reused
while nothing in it changed.

Rendering thirty posts or twenty-five thread rows through their templates was most of
those pages' time. The cache key is a digest of everything a fragment shows, taken from
the rows this very request loaded and from the viewer's buttons. A change of any of them
(an edit, hide, helpful mark, new reply, renamed author, another viewer's rights) is
therefore a new key: a copy made for other eyes or before a change is never looked up,
and no write path has to remember to invalidate anything. Stale entries age out.

Two things differ from one request to the next and are swapped into the cached text: a
time ("3 hours ago", dated in the viewer's time zone) and the CSRF token of buttons. The
markers are derived from SECRET_KEY, so they are the same in every worker (the cache is
shared) and no user text can contain them by chance or on purpose.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache as once

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# A day bounds anything outside the key (a new translation catalogue after a deploy).
TIMEOUT = 24 * 3600


@once
def markers() -> tuple[str, str]:
    """(csrf, time): hex only, so autoescaping leaves them as they are."""
    digest = salted_hmac("discussions.fragments", "markers").hexdigest()
    return f"csrf{digest[:24]}", f"time{digest[24:48]}"


@once
def _templates_digest(names: tuple[str, ...]) -> str:
    # A deploy that changes a template is a new key, not an old fragment served again.
    sources = "".join(get_template(name).template.source for name in names)
    return hashlib.blake2b(sources.encode(), digest_size=8).hexdigest()


def time_html(moment: datetime) -> SafeString:
    return format_html(
        '<time datetime="{}">{}</time>',
        format_date(timezone.localtime(moment), "c"),
        naturaltime(moment),
    )


def attach_html(
    request,
    items: Iterable,
    *,
    templates: tuple[str, ...],
    prefix: str,
    key: Callable[[object], tuple],
    context: Callable[[object], dict],
    moment: Callable[[object], datetime],
) -> None:
    """Set ``item.html`` on each item: one cache read for all, a render for each miss.

    ``templates[0]`` renders one item; the others are what it includes. ``key(item)`` must
    name every value the fragment shows; ``context(item)`` is what the template gets, with
    ``csrf_token`` and ``item_time`` (the time, swapped in per request) added here.
    """
    items = list(items)
    if not items:
        return
    csrf_marker, time_marker = markers()
    version = (_templates_digest(templates), get_language())
    keys = {}
    for item in items:
        digest = hashlib.blake2b(repr((version, key(item))).encode(), digest_size=16)
        keys[id(item)] = f"{prefix}:{item.pk}:{digest.hexdigest()}"
    try:
        found = cache.get_many(list(set(keys.values())))
    except Exception:  # a cache outage makes the page slower, never an error
        logger.warning("fragment cache unavailable", exc_info=True)
        found = {}
    missing = {}
    template = get_template(templates[0])
    for item in items:
        html = found.get(keys[id(item)])
        if html is None:
            values = {**context(item), "csrf_token": csrf_marker, "item_time": time_marker}
            html = missing[keys[id(item)]] = str(template.render(values))
        item.html = html
    if missing:
        try:
            cache.set_many(missing, TIMEOUT)
        except Exception:
            logger.warning("fragment cache unavailable", exc_info=True)
    # Only pages with buttons take a token (and so set the CSRF cookie).
    token = get_token(request) if any(csrf_marker in item.html for item in items) else ""
    for item in items:
        html = item.html.replace(time_marker, time_html(moment(item)))
        item.html = mark_safe(html.replace(csrf_marker, token) if token else html)  # noqa: S308
