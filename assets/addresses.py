"""Addresses of assets, for ``core.targets`` (registered in ready)."""

from assets.models import Asset
from core.targets import Shown


def asset_urls(ids: list[int]) -> dict[int, str]:
    found = Asset.objects.filter(pk__in=ids).select_related("community")
    return {a.pk: a.get_absolute_url() for a in found.only("community__slug")}


def asset_standing(ids: list[int]) -> dict[int, Shown]:
    found = Asset.objects.filter(pk__in=ids).values_list("pk", "visibility")
    return {pk: Shown(open=visibility == Asset.Visibility.PUBLIC) for pk, visibility in found}
