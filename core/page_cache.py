"""Whole reading pages served again to anonymous visitors, retired per community.

A community's home, its thread list, a thread, the site home and search are read by
visitors who are not signed in far more often than anything changes. A view marked
``@whole_page_cached(scope=...)`` is kept for ``PAGE_CACHE_SECONDS`` (short: 60 by default)
for anonymous visitors only; a signed-in request is never served from it nor stored in it,
so a kept page never holds anyone's name, badge, CSRF token or one-submit token.

Its key is the address with its query string, the language, the time zone and the
*generations* of its scope, tokens replaced when something the page may show changes:

- ``scope="community"`` (the community's slug is the URL's ``slug``): the community's
  generation and the "everything" generation;
- ``scope="site"`` (pages that show every community): the site generation.

A model saved (or a membership deleted) in community X renews X's generation and the site
generation, at once and again once the transaction commits (a reader that rendered the old
rows in between stored them under the generation retired here); community Y's pages stay.
A row with no community (a user's display name shows everywhere) renews everything. A
signed-in request that may write (any method but GET, HEAD, OPTIONS, TRACE) and succeeded
renews the community of its address (``/c/<slug>/…``), else everything: views that write
with ``QuerySet.update`` send no signal. Opening a notification renews nothing: anonymous
pages show no notifications. A lookup costs two cache round trips (the generations with
``get_many``, then the page).

What no generation sees is bounded by the timeout: relative times ("3 minutes ago"),
``QuerySet.update`` and deletes outside a signed-in request, what a page shows of another
community. Deletes send no signal here on purpose: a delete listener would make Django load
every cascaded row (the ledger's roll-ups delete in bulk); only a membership's delete is
listened to.

Not kept: anything but a 200 HTML answer, an answer that sets a cookie, changes the session,
made a CSRF token (it would be one visitor's secret) or shows a flash message, an answer to
an htmx request, a page for a viewer an app excludes (``never_keep_pages_for``). A request
with a flash message waiting is never answered from the cache. Nothing here writes to the
database; mapping a row to its community may read one row.

The generations live in the cache, so every process that serves pages or writes must see the
same cache: the setting defaults to off unless the cache is Redis.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable
from typing import Literal

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections, models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from core.submissions import renew_tokens

logger = logging.getLogger(__name__)

Scope = Literal["community", "site"]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
EVERYTHING_KEY = "page-cache:gen:all"
SITE_KEY = "page-cache:gen:site"
# Bookkeeping no page shows: Django's own tables, form-token claims, mail claims.
QUIET_APPS = frozenset({"sessions", "admin", "contenttypes"})
QUIET_MODELS = frozenset({"core.submission", "core.mailclaim"})
# The foreign keys that lead from a row towards its community, tried in this order.
COMMUNITY_MODEL = "communities.community"
TOWARDS_COMMUNITY = ("community", "thread", "post", "asset", "occurrence", "series", "membership")


def whole_page_cached(
    *, scope: Scope, query: tuple[str, ...] = ()
) -> Callable[[Callable], Callable]:
    """Mark a reading view whose whole anonymous answer may be served again (see the module).

    ``scope`` says which writes retire it: "community" (the URL's ``slug``) or "site".
    ``query`` names the parameters the view reads; an address with any other is rendered
    afresh and not kept, so made-up query strings cannot fill the cache.
    """
    if scope not in ("community", "site"):
        raise ValueError(f"unknown page cache scope: {scope!r}")

    def mark(view: Callable) -> Callable:
        view.whole_page_cached = (scope, frozenset(query))
        return view

    return mark


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _community_key(slug: str) -> str:
    return f"page-cache:gen:c:{slug}"


def generations(keys: list[str]) -> list[str]:
    """The current tokens under ``keys`` (one round trip once they exist)."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many(missing))
    return [found.get(key, "") for key in keys]


def retire(slugs: frozenset[str | None]) -> None:
    """Retire the pages of these communities (``None``: everything) and the site pages."""
    keys = {SITE_KEY} | {EVERYTHING_KEY if s is None else _community_key(s) for s in slugs}
    try:
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
    except Exception:  # a cache outage must not break the write that called us
        logger.warning("page cache: could not renew the generations", exc_info=True)


class _RetireOnCommit:
    """One per transaction: the communities its writes touched, retired once it commits."""

    def __init__(self) -> None:
        self.slugs: set[str | None] = set()

    def __call__(self) -> None:
        retire(frozenset(self.slugs))


def retire_now_and_on_commit(slug: str | None, using: str = "default") -> None:
    """For a model write: at once (readers inside this transaction, and tests, which never
    commit) and after the commit (a reader that rendered the old rows in between stored
    them under the generation retired here)."""
    if not seconds():
        return
    retire(frozenset({slug}))
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    pending = next(
        (f for _sids, f, _robust in connection.run_on_commit if isinstance(f, _RetireOnCommit)),
        None,
    )
    if pending is None:
        pending = _RetireOnCommit()
        transaction.on_commit(pending, using=using)
    pending.slugs.add(slug)


# Community id -> slug, filled as communities are saved or looked up. A slug changes only
# in the admin; another process keeps the old one until restarted, and meanwhile the new
# address's pages wait for the timeout.
_slugs: dict[int, str] = {}


def _slug_of(community_id: int | None) -> str | None:
    if community_id is None:
        return None
    if community_id not in _slugs:
        community = apps.get_model(COMMUNITY_MODEL)
        slug = community.objects.filter(pk=community_id).values_list("slug", flat=True).first()
        if slug is None:
            return None
        _slugs[community_id] = slug
    return _slugs[community_id]


def _towards_community(model: type[models.Model]) -> list[str] | None:
    """The foreign keys from ``model`` to Community ([] for Community), None if none lead."""
    path: list[str] = []
    while model._meta.label_lower != COMMUNITY_MODEL:
        fields = {f.name: f for f in model._meta.concrete_fields if f.is_relation}
        step = next((name for name in TOWARDS_COMMUNITY if name in fields), None)
        if step is None or len(path) > 4:
            return None
        path.append(step)
        model = fields[step].related_model
    return path


def community_slug_of(instance: models.Model) -> str | None:
    """The slug of the community whose pages show ``instance``; None: it may show anywhere.

    Follows relations already loaded for free; the rest costs one small query.
    """
    content_type_id = getattr(instance, "content_type_id", None)
    if content_type_id and getattr(instance, "object_id", None):  # a tag on a thread
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            return None
        path = _towards_community(model)
        if path is None:
            return None
        if not path:
            return _slug_of(int(instance.object_id))
        lookup = "__".join([*path[:-1], f"{path[-1]}_id"])
        found = model._default_manager.filter(pk=instance.object_id).values_list(lookup, flat=True)
        return _slug_of(found.first())
    path = _towards_community(type(instance))
    if path is None:
        return None
    if not path:
        _slugs[instance.pk] = instance.slug
        return instance.slug
    for position, name in enumerate(path):
        field = instance._meta.get_field(name)
        if position == len(path) - 1:
            if field.is_cached(instance) and getattr(instance, name) is not None:
                community = getattr(instance, name)
                _slugs[community.pk] = community.slug
                return community.slug
            return _slug_of(getattr(instance, field.attname))
        if not field.is_cached(instance):
            rest = path[position + 1 :]
            lookup = "__".join([*rest[:-1], f"{rest[-1]}_id"])
            related = field.related_model._default_manager.filter(
                pk=getattr(instance, field.attname)
            )
            return _slug_of(related.values_list(lookup, flat=True).first())
        instance = getattr(instance, name)
        if instance is None:
            return None
    return None


def model_changed(sender, instance=None, using: str = "default", **kwargs) -> None:
    """Receiver for post_save, m2m_changed and a membership's post_delete (see
    ``CopsiteConfig.ready``)."""
    if sender._meta.app_label in QUIET_APPS or sender._meta.label_lower in QUIET_MODELS:
        return
    if not kwargs.get("action", "post_").startswith("post_") or not seconds():
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # a sign-in: no page shows it
    try:
        slug = community_slug_of(instance) if instance is not None else None
    except Exception:  # never break the write: retiring everything is always right
        logger.warning("page cache: no community for %r", sender, exc_info=True)
        slug = None
    retire_now_and_on_commit(slug, using)


def _key(request: HttpRequest, scope: Scope, slug: str | None) -> str | None:
    if scope == "community":
        if not slug:
            return None
        tokens = generations([EVERYTHING_KEY, _community_key(slug)])
    else:
        tokens = generations([SITE_KEY])
    where = "|".join(
        (
            request.get_full_path(),
            get_language() or "",
            timezone.get_current_timezone_name(),
            *tokens,
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
        and not request.user.is_authenticated
        and not (session is not None and session.modified)
        # A CSRF token on a page shared by all visitors would be one visitor's secret.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not (storage is not None and (storage.used or storage._queued_messages))
        and not any(predicate(request.user) for predicate in _never_keep)
    )


def _posted_to(request: HttpRequest) -> str | None:
    """The community slug of the address a request went to, if it has one."""
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("slug") if match is not None else None


class PageCacheMiddleware:
    """Serve and keep anonymous pages of views marked ``@whole_page_cached``; renew the
    generations after a signed-in request that may have written. Last in ``MIDDLEWARE``:
    the viewer, language and time zone are known by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            # Writes by signed-in people (QuerySet.update sends no signal). Refused or
            # anonymous posts write nothing a page shows, and must not empty the cache.
            if seconds() and response.status_code < 400 and request.user.is_authenticated:
                retire(frozenset({_posted_to(request)}))
            return response
        key = getattr(request, "_page_cache_key", None)
        if key and _keepable(request, response):
            try:
                cache.set(key, (response.content, response["Content-Type"]), seconds())
                _label(response, "miss")
            except Exception:
                logger.warning("page cache: could not keep %s", request.path, exc_info=True)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        marked = getattr(view_func, "whole_page_cached", None)
        if marked is None:
            return None
        scope, known = marked
        if (
            not known.issuperset(request.GET.keys())
            or request.method != "GET"
            or not seconds()
            or getattr(request, "htmx", False)
            or request.user.is_authenticated
            or _messages_waiting(request)
        ):
            return None
        try:
            key = _key(request, scope, view_kwargs.get("slug"))
            kept = cache.get(key) if key else None
        except Exception:
            logger.warning("page cache: lookup failed for %s", request.path, exc_info=True)
            return None
        if kept is None:
            request._page_cache_key = key
            return None
        content, content_type = kept
        response = HttpResponse(renew_tokens(content), content_type=content_type)
        _label(response, "hit")
        return response


def _label(response: HttpResponse, outcome: str) -> None:
    # Off in production: on a shared anonymous copy it would tell who searched what.
    if getattr(settings, "PAGE_CACHE_HEADER", False):
        response["X-Page-Cache"] = outcome
