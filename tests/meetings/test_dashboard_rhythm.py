"""The dashboard's rhythm: meetings planned against meetings with attendance recorded, and
the host's participation point."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from communities.models import Activity
from core.period import Period
from insights.dashboard.figures import compute
from rhythm import services

pytestmark = pytest.mark.django_db

FIRST = datetime(2026, 10, 6, 15, tzinfo=UTC)
THIRD = datetime(2026, 11, 3, 16, tzinfo=UTC)  # 16:00 London winter time


def test_planned_against_recorded_and_hosting_counts_once(make_meeting, gardener, member):
    with time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False):
        series = make_meeting()  # fortnightly on Tuesdays from 6 October
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=UTC), tick=False):
        services.cancel_occurrence(editor=gardener, series=series, original_start=THIRD)
        for attendees in ([member.pk], [member.pk, gardener.pk]):  # recorded, then corrected
            services.record_attendance(
                editor=gardener, series=series, original_start=FIRST, attendee_ids=attendees
            )
        rhythm = compute(series.community, Period(date(2026, 10, 1), date(2026, 11, 20))).rhythm
    # 6 and 20 October, 17 November; 3 November was cancelled.
    assert (rhythm["planned"], rhythm["recorded"], rhythm["held"]) == (3, 1, 1)
    hosted = Activity.objects.filter(verb=Activity.Verb.MEETING_HOSTED)
    assert list(hosted.values_list("actor_id", flat=True)) == [gardener.pk]
