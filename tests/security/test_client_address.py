"""Limits per address count the visitor behind the proxy, and only a trusted proxy's word."""

import pytest
from django.test import Client, RequestFactory

from core.client_ip import client_ip
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_sign_ins_a_minute(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}


def _sign_in(person, forwarded_for: str) -> int:
    client = Client(HTTP_X_FORWARDED_FOR=forwarded_for)
    response = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    return response.status_code


def test_behind_one_proxy_each_visitor_has_their_own_sign_in_budget(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    assert [_sign_in(person, "10.0.0.1") for _ in range(2)] == [302, 302]
    assert _sign_in(person, "10.0.0.1") == 429
    assert _sign_in(person, "10.0.0.2") == 302  # someone else behind the same proxy


def test_without_a_trusted_proxy_a_made_up_header_earns_no_new_budget(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    person = UserFactory()
    assert [_sign_in(person, f"10.0.1.{n}") for n in range(2)] == [302, 302]
    assert _sign_in(person, "10.0.1.9") == 429


def test_the_site_s_own_limits_count_the_same_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.3")
    assert client_ip(request) == "10.0.0.3"  # the one the trusted proxy appended
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    assert settings.RATELIMIT_IP_META_KEY == "core.client_ip.client_ip"
