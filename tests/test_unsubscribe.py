"""Signed one-click unsubscribe links (RFC 8058) shared by every member email."""

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client

from core import unsubscribe
from core.mail import send_templated_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def turned_off(monkeypatch):
    """An app that sends "digest:<id>" mail, recording what it was asked to turn off."""
    calls = []

    def handler(user, scope):
        calls.append((user.pk, scope))
        return f"No more digests ({scope})."

    config = apps.get_app_config("accounts")
    monkeypatch.setattr(config, "unsubscribe_scopes", lambda: {"digest": handler}, raising=False)
    return calls


def _path(url: str) -> str:
    return urlsplit(url).path


def test_mail_with_an_unsubscribe_url_carries_the_one_click_headers(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    url = "https://copsite.example.org/unsubscribe/abc/"

    send_templated_mail(
        template_prefix="communities/email/request_decided",
        context={},
        to=["a@example.org"],
        unsubscribe_url=url,
    )

    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"] == f"<{url}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_link_asks_first_and_a_post_turns_the_mail_off(client, turned_off):
    person = UserFactory()
    path = _path(unsubscribe.unsubscribe_url(user_id=person.pk, scope="digest:42"))

    page = client.get(path)
    assert page.status_code == 200
    assert "Stop these emails?" in page.content.decode()
    assert turned_off == []

    done = client.post(path)
    assert done.status_code == 200
    assert "No more digests (digest:42)." in done.content.decode()
    assert turned_off == [(person.pk, "digest:42")]


def test_mail_clients_one_click_post_needs_no_csrf_token(turned_off):
    person = UserFactory()
    path = _path(unsubscribe.unsubscribe_url(user_id=person.pk, scope="digest:7"))
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert turned_off == [(person.pk, "digest:7")]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-3] + ("aaa" if not t.endswith("aaa") else "bbb"),
        lambda t: t[:10],
        lambda t: "not-a-token",
    ],
)
def test_a_forged_or_cut_link_gets_a_clear_400(client, turned_off, mangle):
    person = UserFactory()
    token = unsubscribe.make_token(user_id=person.pk, scope="digest:1")

    for method in (client.get, client.post):
        response = method(f"/unsubscribe/{mangle(token)}/")
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert turned_off == []


def test_an_expired_link_gets_410(client, turned_off, monkeypatch):
    person = UserFactory()
    token = unsubscribe.make_token(user_id=person.pk, scope="digest:1")
    monkeypatch.setattr(unsubscribe, "MAX_AGE", -1)

    response = client.post(f"/unsubscribe/{token}/")

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert turned_off == []


def test_a_mail_nobody_sends_is_refused(client, turned_off):
    person = UserFactory()
    unknown = unsubscribe.make_token(user_id=person.pk, scope="newsletter")

    assert client.post(f"/unsubscribe/{unknown}/").status_code == 400
    assert turned_off == []


def test_a_closed_or_removed_accounts_link_is_gone_with_a_page_in_words(client, turned_off):
    """Like the calendar addresses and guest passes a closed account held: the link ended
    with the account, and the page says so rather than calling the link broken."""
    closed = UserFactory()
    removed = UserFactory()
    gone = unsubscribe.make_token(user_id=closed.pk, scope="digest:1")
    nobody = unsubscribe.make_token(user_id=removed.pk, scope="digest:1")
    closed.is_active = False
    closed.save()
    removed.delete()

    for token in (gone, nobody):
        for method in (client.get, client.post):
            response = method(f"/unsubscribe/{token}/")
            assert response.status_code == 410
            page = response.content.decode()
            assert "This account is closed" in page
            assert "no more email" in page
            assert "does not work" not in page
    assert turned_off == []


def test_other_methods_are_refused(client, turned_off):
    token = unsubscribe.make_token(user_id=UserFactory().pk, scope="digest:1")

    assert client.put(f"/unsubscribe/{token}/").status_code == 405
