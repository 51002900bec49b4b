"""The meetings list does not depend on the moment of the week it is read."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
import time_machine

from rhythm import occurrences
from tests.moments import at_each_moment

pytestmark = pytest.mark.django_db


@at_each_moment
def test_each_series_shows_as_many_upcoming_as_asked(make_meeting, member, moment):
    now = moment.at
    with time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False):
        series = make_meeting()
    with moment.travel():
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


@at_each_moment
def test_a_meeting_is_either_coming_up_or_past_never_both(client, make_meeting, member, moment):
    """While it is under way it is coming up (marked so); once ended, it is past."""
    now = moment.at
    with time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False):
        series = make_meeting()
    client.force_login(member)
    with moment.travel():
        page = client.get(f"/c/{series.community.slug}/meetings/")
    coming, past = page.context["upcoming"], page.context["past"]
    assert all(o.end > now for o in coming)
    assert all(o.end <= now for o in past)
    assert not {o.original_start for o in coming} & {o.original_start for o in past}
    under_way = [o for o in coming if o.start <= now]
    assert ("Under way" in page.content.decode()) == bool(under_way)
    if moment.name == "tuesday-during":
        assert len(under_way) == 1 and under_way[0].original_start == datetime(
            2026, 10, 6, 15, tzinfo=UTC
        )
        assert past == []  # the first meeting of the series has not ended yet
