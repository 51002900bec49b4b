"""Addresses of meetings and their occurrences, for ``core.targets`` (registered in ready)."""

from core.targets import Shown
from rhythm.models import MeetingOccurrence, MeetingSeries


def meeting_urls(ids: list[int]) -> dict[int, str]:
    found = MeetingSeries.objects.filter(pk__in=ids).select_related("community")
    return {s.pk: s.get_absolute_url() for s in found.only("community__slug")}


def occurrence_urls(ids: list[int]) -> dict[int, str]:
    """An occurrence is shown as its meeting's page."""
    found = MeetingOccurrence.objects.filter(pk__in=ids).select_related("series__community")
    return {o.pk: o.series.get_absolute_url() for o in found.only("series__community__slug")}


def meeting_standing(ids: list[int]) -> dict[int, Shown]:
    found = MeetingSeries.objects.filter(pk__in=ids).values_list("pk", "members_only")
    return {pk: Shown(open=not members_only) for pk, members_only in found}


def occurrence_standing(ids: list[int]) -> dict[int, Shown]:
    found = MeetingOccurrence.objects.filter(pk__in=ids).values_list("pk", "series__members_only")
    return {pk: Shown(open=not members_only) for pk, members_only in found}
