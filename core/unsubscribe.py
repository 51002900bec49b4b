"""Signed one-click unsubscribe links for every mail sent to a member.

A link names a person and a *scope* ("digest:42", "reminders", "notify:reply"); the app
that sends that mail declares, on its AppConfig, what turning it off means:

    def unsubscribe_scopes(self) -> dict[str, Callable[[User, str], str]]

mapping the scope's prefix (before ":") to a handler that applies the opt-out and returns
a sentence for the confirmation page. Tokens are signed, so nobody can unsubscribe someone
else, and they expire, so an old forwarded mail stops working.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from core.links import absolute_url

SALT = "core.unsubscribe"
MAX_AGE = 60 * 60 * 24 * 90  # seconds: a quarter's worth of old mail keeps working


class BadToken(Exception):
    """The link was altered, names nobody, or names a mail nobody sends."""


class ExpiredToken(Exception):
    """The link was genuine but is too old."""


class ClosedAccount(Exception):
    """The link was genuine, but the account it was mailed to is closed (or removed): that
    account gets no mail any more, as its calendar addresses and guest passes ended with it."""


@dataclass(frozen=True)
class Unsubscribe:
    user: object
    scope: str
    handler: Callable


def make_token(*, user_id: int, scope: str) -> str:
    return signing.dumps({"u": user_id, "s": scope}, salt=SALT, compress=True)


def unsubscribe_url(*, user_id: int, scope: str) -> str:
    path = reverse("unsubscribe", kwargs={"token": make_token(user_id=user_id, scope=scope)})
    return absolute_url(path)


def _handler_for(scope: str) -> Callable | None:
    prefix = scope.split(":", 1)[0]
    for config in apps.get_app_configs():
        declared = getattr(config, "unsubscribe_scopes", None)
        handler = declared().get(prefix) if callable(declared) else None
        if handler is not None:
            return handler
    return None


def read_token(token: str) -> Unsubscribe:
    """What a link asks to turn off; raises BadToken, ExpiredToken or ClosedAccount."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError) as error:
        raise BadToken from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), str):
        raise BadToken
    handler = _handler_for(data["s"])
    if handler is None:
        raise BadToken
    # Only real accounts are ever signed for, so a genuine link naming nobody active names
    # an account closed or removed since.
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise ClosedAccount
    return Unsubscribe(user=user, scope=data["s"], handler=handler)


def apply(unsubscribe: Unsubscribe) -> str:
    """Turn the mail off (idempotent) and say what changed."""
    return unsubscribe.handler(unsubscribe.user, unsubscribe.scope)
