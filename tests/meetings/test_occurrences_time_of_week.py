"""The meetings list does not depend on the moment of the week it is read."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
import time_machine

from rhythm import occurrences

pytestmark = pytest.mark.django_db

# The fortnightly committee meets on Tuesdays 6 and 20 October 2026, 16:00-17:00 London.
MOMENTS = [
    datetime(2026, 10, 5, 9, 0, tzinfo=UTC),  # the day before
    datetime(2026, 10, 6, 15, 30, tzinfo=UTC),  # during the meeting (16:30 London)
    datetime(2026, 10, 6, 18, 0, tzinfo=UTC),  # the Tuesday evening after it
    datetime(2026, 10, 11, 23, 59, tzinfo=UTC),  # the Sunday night between
]


@pytest.mark.parametrize("now", MOMENTS, ids=lambda m: m.strftime("%a-%H%M"))
def test_each_series_shows_as_many_upcoming_as_asked(make_meeting, member, now):
    series = make_meeting()
    with time_machine.travel(now, tick=False):
        found = occurrences.upcoming(
            series.community.meeting_series.all(), viewer=member, limit=12, per_series=3
        )
    assert len(found) == 3
    assert all(o.end > now for o in found)
    assert [o.start for o in found] == sorted(o.start for o in found)
    # Every other Tuesday at 16:00 London time, across the change of the clocks.
    london = [o.start.astimezone(ZoneInfo("Europe/London")) for o in found]
    assert {(d.weekday(), d.hour) for d in london} == {(1, 16)}
    assert all(b.date() - a.date() == timedelta(weeks=2) for a, b in pairwise(london))
