"""The visitor's address, for limits counted per address.

Behind a TLS-terminating proxy REMOTE_ADDR is the proxy's own, so every signed-out visitor
would share one budget: with TRUSTED_PROXY_COUNT proxies in front (ALLAUTH_TRUSTED_PROXY_COUNT),
the address is the one the nearest of them appended to X-Forwarded-For. allauth's sign-in
limits read it this way; django-ratelimit is pointed here so both count the same address.
"""

from allauth.account.adapter import get_adapter
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    return get_adapter(request).get_client_ip(request)
