"""Addresses of this app's ledger targets, for ``core.targets`` (registered in ready)."""

from django.contrib.auth import get_user_model

from communities.models import Community, Membership


def community_urls(ids: list[int]) -> dict[int, str]:
    return {c.pk: c.get_absolute_url() for c in Community.objects.filter(pk__in=ids).only("slug")}


def membership_urls(ids: list[int]) -> dict[int, str]:
    """A membership is shown as its member's profile."""
    found = Membership.objects.filter(pk__in=ids).select_related("user")
    return {m.pk: m.user.get_absolute_url() for m in found.only("user__username")}


def user_urls(ids: list[int]) -> dict[int, str]:
    people = get_user_model().objects.filter(pk__in=ids).only("username")
    return {u.pk: u.get_absolute_url() for u in people}
