"""The rhythm figures: meetings planned, held and recorded, answers and attendance."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from communities.models import Activity, Community
from core.period import Period
from core.vocabulary import Verb
from rhythm.models import MeetingOccurrence, MeetingSeries
from rhythm.recurrence import starts_between


def rhythm_figures(community: Community, period: Period) -> dict:
    found = Activity.objects.filter(
        community=community,
        verb__in=[Verb.RSVP, Verb.ATTENDED],
        created_at__gte=period.since,
        created_at__lt=period.until,
    ).aggregate(
        rsvps=Count("created_at", filter=Q(verb=Verb.RSVP)),
        attended=Count("created_at", filter=Q(verb=Verb.ATTENDED)),
        held=Count("target_id", filter=Q(verb=Verb.ATTENDED), distinct=True),
        months=Count(TruncMonth("created_at"), filter=Q(verb=Verb.ATTENDED), distinct=True),
    )
    held = found["held"]
    found["per_meeting"] = round(found[Verb.ATTENDED] / held, 1) if held else None
    return found | _planned(community, period)


def _planned(community: Community, period: Period) -> dict:
    """Meetings the calendar planned in the period (less cancelled ones), and how many of
    them have their attendance recorded: two queries, the rules expanded in Python."""
    planned = set()
    for series in MeetingSeries.objects.filter(community=community, starts_at__lt=period.until):
        planned.update(
            (series.pk, start) for start in starts_between(series, period.since, period.until)
        )
    occurrences = MeetingOccurrence.objects.filter(
        series__community=community,
        original_start__gte=period.since,
        original_start__lt=period.until,
    )
    cancelled, recorded = set(), 0
    for series_id, start, status, recorded_at in occurrences.values_list(
        "series_id", "original_start", "status", "attendance_recorded_at"
    ):
        if status == MeetingOccurrence.Status.CANCELLED:
            cancelled.add((series_id, start))
        recorded += recorded_at is not None
    return {"planned": len(planned - cancelled), "recorded": recorded}
