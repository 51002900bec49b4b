"""Whole reading pages served again while nothing on the site has changed.

A community's home, its thread list, a thread and search are read far more often than
anything on the site changes. A view marked ``@whole_page_cached`` is kept for
``PAGE_CACHE_SECONDS`` under a key made of:

- the site's *content generation*, a token replaced whenever one of our models is saved or
  a membership deleted (again once the transaction commits), and after every signed-in
  request that may write (any method but GET, HEAD, OPTIONS, TRACE) and succeeded, so a
  page rendered before a change is never looked up after it, whoever made the change;
- the address with its query string, the language and the time zone;
- the viewer: "anonymous", or the member's id with a digest of their session and CSRF
  secret, so each signed-in person, in each browser, gets their own copy and never anyone
  else's. A kept copy remembers the CSRF secret its forms were made with and hands that
  cookie back, so a browser that had none still posts those forms successfully; its
  one-submit tokens are made afresh (core/submissions.py), so two tabs never share one.

What the generation cannot see is bounded by the timeout: relative times ("3 minutes
ago") and background writes that bypass model signals (``QuerySet.update``, deletes).
Deletes send no signal here on purpose: a delete listener would make Django load every
cascaded row (the ledger's roll-ups delete in bulk); only a membership's delete, which
ends someone's access, is listened to.

Not kept: anything but a 200 HTML answer, an answer that sets a cookie, changes the
session or shows a flash message, an answer to an htmx request, a page for someone holding
a guest pass (it ends with time, not with a write). A request with a flash message waiting
is never answered from the cache. Nothing here writes to the database.

The generation lives in the cache, so every process that serves pages or writes must see
the same cache: the setting defaults to off unless the cache is Redis.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from core.submissions import renew_tokens

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Django's own bookkeeping tables say nothing a cached page shows.
QUIET_APPS = frozenset({"sessions", "admin", "contenttypes"})


def whole_page_cached(*, query: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
    """Mark a reading view whose whole answer may be served again (see the module).

    ``query`` names the parameters the view reads; an address with any other is rendered
    afresh and not kept, so made-up query strings cannot fill the cache.
    """

    def mark(view: Callable) -> Callable:
        view.whole_page_cached = frozenset(query)
        return view

    return mark


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token or ""


def bump() -> None:
    """Retire every cached page: a new generation names none of them."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # a cache outage must not break the write that called us
        logger.warning("page cache: could not renew the generation", exc_info=True)


def bump_now_and_on_commit(using: str = "default") -> None:
    """For a model write: at once (readers inside this transaction, and tests, which never
    commit) and after the commit (a reader that rendered the old rows in between stored
    them under the generation retired here)."""
    if not seconds():
        return
    bump()
    connection = connections[using]
    if connection.in_atomic_block and not any(
        func is bump for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(bump, using=using)


def model_changed(sender, using: str = "default", **kwargs) -> None:
    """Receiver for post_save, m2m_changed and a membership's post_delete (see
    ``CopsiteConfig.ready``)."""
    if sender._meta.app_label in QUIET_APPS:
        return
    if kwargs.get("action", "post_").startswith("post_"):
        bump_now_and_on_commit(using)


def _viewer(request: HttpRequest) -> str:
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    # Per browser session: its forms carry tokens of that browser's CSRF secret.
    session = f"{request.session.session_key}|{request.META.get('CSRF_COOKIE', '')}"
    return f"{user.pk}.{hashlib.blake2b(session.encode(), digest_size=8).hexdigest()}"


def _key(request: HttpRequest) -> str:
    where = "|".join(
        (
            request.get_full_path(),
            get_language() or "",
            timezone.get_current_timezone_name(),
            _viewer(request),
            generation(),
        )
    )
    return "page-cache:" + hashlib.blake2b(where.encode(), digest_size=16).hexdigest()


def _messages_waiting(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


# Viewers whose pages are never kept, named by the apps that know them (an access that ends
# with time rather than with a write, such as a guest pass): ``never_keep_pages_for``.
_never_keep: list[Callable[[object], bool]] = []


def never_keep_pages_for(predicate: Callable[[object], bool]) -> None:
    """Never keep a page for a user for whom ``predicate(user)`` is true."""
    if predicate not in _never_keep:
        _never_keep.append(predicate)


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    storage = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not (session is not None and session.modified)
        # A CSRF token on a page shared by all visitors would be one visitor's secret.
        and (request.user.is_authenticated or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not (storage is not None and (storage.used or storage._queued_messages))
        and not any(predicate(request.user) for predicate in _never_keep)
    )


class PageCacheMiddleware:
    """Serve and keep pages of views marked ``@whole_page_cached``; renew the generation
    after a request that may have written. Last in ``MIDDLEWARE``: the viewer, language
    and time zone are known by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            # Writes by signed-in people (QuerySet.update sends no signal). Refused or
            # anonymous posts write nothing a page shows, and must not empty the cache.
            if seconds() and response.status_code < 400 and request.user.is_authenticated:
                bump()
            return response
        key = getattr(request, "_page_cache_key", None)
        if key and _keepable(request, response):
            try:
                secret = request.META.get("CSRF_COOKIE") if request.user.is_authenticated else None
                kept = (response.content, response["Content-Type"], secret)
                cache.set(key, kept, seconds())
                _label(response, "miss")
            except Exception:
                logger.warning("page cache: could not keep %s", request.path, exc_info=True)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        known = getattr(view_func, "whole_page_cached", None)
        if (
            known is None
            or not known.issuperset(request.GET.keys())
            or request.method != "GET"
            or not seconds()
            or getattr(request, "htmx", False)
            or _messages_waiting(request)
        ):
            return None
        try:
            key = _key(request)
            kept = cache.get(key) if key else None
        except Exception:
            logger.warning("page cache: lookup failed for %s", request.path, exc_info=True)
            return None
        if kept is None:
            request._page_cache_key = key
            return None
        content, content_type, secret = kept
        if secret:
            # The page's forms carry tokens of this secret: give (or renew) the browser's
            # cookie, as rendering the page would have.
            request.META["CSRF_COOKIE"] = secret
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        response = HttpResponse(renew_tokens(content), content_type=content_type)
        _label(response, "hit")
        return response


def _label(response: HttpResponse, outcome: str) -> None:
    # Off in production: on a shared anonymous copy it would tell who searched what.
    if getattr(settings, "PAGE_CACHE_HEADER", False):
        response["X-Page-Cache"] = outcome
