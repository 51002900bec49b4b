"""The rhythm figures: meetings planned, held and recorded, answers and attendance."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from communities import counted
from communities.models import Community
from core.period import Period
from core.vocabulary import Verb
from rhythm import occurrences
from rhythm.models import MeetingSeries


def rhythm_figures(community: Community, period: Period) -> dict:
    # The ledger's rows, as the activity lists behind the figures read them.
    found = counted.in_period(community, period, [Verb.RSVP, Verb.ATTENDED]).aggregate(
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
    them have their attendance recorded: the rules the meetings lists behind them use."""
    every = MeetingSeries.objects.filter(community=community)
    return {
        "planned": len(occurrences.planned_in(every, period)),
        "recorded": occurrences.recorded_in(every, period).count(),
    }
