"""Addresses of meetings and their occurrences, for ``core.targets`` (registered in ready)."""

from rhythm.models import MeetingOccurrence, MeetingSeries


def meeting_urls(ids: list[int]) -> dict[int, str]:
    found = MeetingSeries.objects.filter(pk__in=ids).select_related("community")
    return {s.pk: s.get_absolute_url() for s in found.only("community__slug")}


def occurrence_urls(ids: list[int]) -> dict[int, str]:
    """An occurrence is shown as its meeting's page."""
    found = MeetingOccurrence.objects.filter(pk__in=ids).select_related("series__community")
    return {o.pk: o.series.get_absolute_url() for o in found.only("series__community__slug")}
