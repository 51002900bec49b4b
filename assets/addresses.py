"""Addresses of assets, for ``core.targets`` (registered in ready)."""

from assets.models import Asset


def asset_urls(ids: list[int]) -> dict[int, str]:
    found = Asset.objects.filter(pk__in=ids).select_related("community")
    return {a.pk: a.get_absolute_url() for a in found.only("community__slug")}
