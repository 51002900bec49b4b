import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from communities import selectors
from copsite.celery import app
from core import unsubscribe as unsubscribing
from core.links import local_path
from core.page_cache import whole_page_cached

logger = logging.getLogger(__name__)


@whole_page_cached(scope="site")
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home_public.html", {"communities": selectors.public_communities()})
    memberships = list(selectors.memberships_of(request.user))
    communities = [m.community for m in memberships]
    return render(
        request,
        "home.html",
        {
            "memberships": memberships,
            "activity": selectors.recent_activity(communities, viewer=request.user, limit=20),
            "suggestions": selectors.public_communities(limit=6) if not memberships else [],
            "my_requests": selectors.my_pending_requests(request.user),
            "awaiting": selectors.requests_awaiting(request.user),
            "guest_passes": selectors.my_guest_passes(request.user),
        },
    )


def _broker_ok() -> bool:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # any transport error means "not reachable"
        logger.warning("healthz: broker unreachable", exc_info=True)
        return False


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except Exception:
        logger.warning("healthz: database unreachable", exc_info=True)
        return False


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and the run command: database and broker reachable."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{k: "ok" if v else "down" for k, v in checks.items()},
        },
        status=200 if healthy else 503,
    )


def _error(request, template: str, status: int, **context) -> HttpResponse:
    return HttpResponse(
        loader.render_to_string(template, {"SITE_NAME": settings.SITE_NAME, **context}, request),
        status=status,
    )


def bad_request(request, exception=None):
    return _error(request, "400.html", 400)


def permission_denied(request, exception=None):
    """The one answer for what a person can see but may not do, with the policy's reason
    (``copsite.policies.require``); Django's own refusals carry none."""
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    return _error(request, "403.html", 403, reason=reason)


def rate_limited(request, exception=None):
    """Too many of one action in a short time (core/ratelimits.py): say so, and when to retry."""
    response = _error(request, "429.html", 429)
    response["Retry-After"] = "600"
    return response


def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


def server_error(request):
    # Rendered without the request context: the failure may have come from it.
    return HttpResponse(
        loader.render_to_string("500.html", {"SITE_NAME": settings.SITE_NAME}), status=500
    )


# Mail clients send the RFC 8058 one-click POST without a CSRF token; the signed token in
# the address is what authorises it, and it can only turn mail off.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        asked = unsubscribing.read_token(token)
    except unsubscribing.ExpiredToken:
        return render(request, "unsubscribe/invalid.html", {"expired": True}, status=410)
    except unsubscribing.ClosedAccount:
        return render(request, "unsubscribe/invalid.html", {"closed": True}, status=410)
    except unsubscribing.BadToken:
        return render(request, "unsubscribe/invalid.html", {"expired": False}, status=400)
    if request.method == "GET":
        # Link scanners follow GET links: only a POST turns anything off.
        return render(request, "unsubscribe/confirm.html", {"person": asked.user})
    done = unsubscribing.apply(asked)
    return render(request, "unsubscribe/done.html", {"person": asked.user, "done": done})


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site signs people in through the site's own login, so its rate limits and
    lockout guard the operators' accounts too."""
    next_url = local_path(request.GET.get("next", ""), host=request.get_host())
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied(_("This account has no access to the admin site."))
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
