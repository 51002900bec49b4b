"""How often one person may do an action that reaches other people (mail, a queue).

Counted in the shared cache by django-ratelimit, per signed-in person (per address when
signed out), on POSTs only. New accounts get the stricter rate, as on Discourse, where
brand-new users may start only a few topics a day: most floods come from fresh accounts.
The numbers are settings (``RATE_LIMITS``); a refusal answers 429 with a page in words.
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django_ratelimit.decorators import ratelimit

GROUP_PREFIX = "copsite."


def _rate(group: str, request: HttpRequest) -> str | None:
    established, new = settings.RATE_LIMITS[group.removeprefix(GROUP_PREFIX)]
    user = request.user
    if user.is_authenticated and user.is_staff:
        return None  # operators clearing up after a flood are not part of it
    young = timedelta(days=settings.RATE_LIMIT_NEW_ACCOUNT_DAYS)
    if user.is_authenticated and user.date_joined > timezone.now() - young:
        return new
    return established


def limited(action: str) -> Callable:
    """Decorate the view that does ``action`` (a key of ``settings.RATE_LIMITS``)."""
    if action not in settings.RATE_LIMITS:
        raise KeyError(f"no rate limit is set for {action!r}")
    return ratelimit(
        group=GROUP_PREFIX + action, key="user_or_ip", rate=_rate, method="POST", block=True
    )
