"""One row per submit: a form sent twice (a double click, a retried POST) acts once.

Each form that creates something carries a random token (``{% submit_once %}``, a hidden
field). A view marked ``@submitted_once(kind)`` claims the token in a ``core.Submission``
row, unique on the token, inside the very transaction that then creates the row, before
it: on PostgreSQL an identical POST sent meanwhile blocks on the unique index until the
first commits, then finds the claim and answers as the first did (a redirect to what it
created; for htmx, ``HX-Redirect``). The view says what it made with ``record``; a POST
that records nothing (a form error, a refusal) rolls back, so the token stays unused and
the re-rendered form keeps it. A token claimed by another person, or for another kind of
form or other content, is refused with 400 and says nothing of the first result. A POST
without a token (API clients, pages rendered before tokens) is handled as before.
"""

import hashlib
import re
import secrets
from collections.abc import Callable
from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.models import Submission

FIELD = "submit_token"
_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
# Not part of what was sent: the CSRF token is masked afresh on every page.
_IGNORED = frozenset({FIELD, "csrfmiddlewaretoken"})


def new_token() -> str:
    return secrets.token_urlsafe(24)


def form_token(request: HttpRequest | None) -> str:
    """The token for a form on this page: the one just posted while it is still unused
    (the form came back with errors), else a fresh one."""
    claim = getattr(request, "_submission", None)
    if claim is not None and not claim.recorded:
        return claim.token
    return new_token()


def renew_tokens(content: bytes) -> bytes:
    """A page served again from the page cache gets fresh tokens: two tabs never share one."""
    marker = f'name="{FIELD}" value="'.encode()
    if marker not in content:
        return content
    pattern = re.compile(re.escape(marker) + rb"[A-Za-z0-9_-]+")
    return pattern.sub(lambda _match: marker + new_token().encode(), content)


def record(request: HttpRequest, obj: models.Model, address: str | None = None) -> None:
    """The view made ``obj``: a retry of this POST will be sent to ``address`` (by default
    the object's own page). Call it inside the view, once the row exists."""
    claim = getattr(request, "_submission", None)
    if claim is None:
        return
    claim.content_type = ContentType.objects.get_for_model(obj)
    claim.object_id = obj.pk
    claim.address = address or obj.get_absolute_url()
    claim.save(update_fields=["content_type", "object_id", "address"])
    claim.recorded = True


def redirect_to(request: HttpRequest, address: str) -> HttpResponse:
    """The answer to a retry: where the first POST led."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = address
        return response
    return redirect(address)


def submitted_once(
    kind: str, *, answer: Callable[[HttpRequest, str], HttpResponse] = redirect_to
) -> Callable[[Callable], Callable]:
    """Make a creating view act once per form token (see the module). ``answer`` builds
    the reply to a retry from the first result's address."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            token = request.POST.get(FIELD, "") if request.method == "POST" else ""
            if not token or not request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if not _SHAPE.fullmatch(token):
                return _refused(request)
            fingerprint = _fingerprint(request)
            with transaction.atomic():
                try:
                    # Blocks on the unique index while an identical POST is still open.
                    with transaction.atomic():
                        claim = Submission.objects.create(
                            token=token, user=request.user, kind=kind, fingerprint=fingerprint
                        )
                except IntegrityError:
                    claim = None
                else:
                    claim.recorded = False
                    request._submission = claim
                    response = view(request, *args, **kwargs)
                    if not claim.recorded:
                        transaction.set_rollback(True)  # nothing made: the token stays unused
                    return response
            first = Submission.objects.filter(token=token).first()
            if (
                first is None
                or first.user_id != request.user.pk
                or first.kind != kind
                or first.fingerprint != fingerprint
                or not first.address
            ):
                return _refused(request)
            return answer(request, first.address)

        return wrapper

    return decorate


def _fingerprint(request: HttpRequest) -> str:
    """A digest of what the form sent, files by name and size: a retry sends the same."""
    digest = hashlib.sha256(request.path.encode())
    for name in sorted(set(request.POST) - _IGNORED):
        for value in request.POST.getlist(name):
            digest.update(f"\0{name}={value}".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"\0{name}:{upload.name}:{upload.size}".encode())
    return digest.hexdigest()


def _refused(request: HttpRequest) -> HttpResponse:
    reason = _(
        "This form was already sent, by someone else or with other content. "
        "Reload the page and send it again."
    )
    return render(request, "400.html", {"reason": reason}, status=400)
