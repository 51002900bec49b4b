"""Period boundaries (UTC) and times shown in the member's own time zone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from digests.models import Kind
from digests.periods import last_full_week, period_start
from digests.tasks import send_community_digests
from tests.digests.conftest import PERIOD_START, RUN, at, meeting, thread

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "now, kind, start",
    [
        (RUN, Kind.WEEKLY, PERIOD_START),
        (RUN + timedelta(days=6, hours=17), Kind.WEEKLY, PERIOD_START),  # Sunday night
        (RUN - timedelta(hours=6, seconds=1), Kind.WEEKLY, PERIOD_START - timedelta(days=7)),
        (RUN, Kind.DAILY, datetime(2026, 11, 15, tzinfo=UTC)),
        (datetime(2026, 11, 16, 23, 59, tzinfo=UTC), Kind.DAILY, datetime(2026, 11, 15, tzinfo=UTC)),  # noqa: E501
    ],
)
def test_period_starts(now, kind, start):
    assert period_start(kind, now) == start


def test_the_sponsor_week_is_monday_to_sunday():
    assert last_full_week(RUN) == (date(2026, 11, 9), date(2026, 11, 15))


def test_the_period_starts_at_midnight_utc(community, reader, asker):
    thread(community, asker, "A minute too early", when=PERIOD_START - timedelta(minutes=1))
    thread(community, asker, "Just in time", when=PERIOD_START)
    with at(RUN):
        send_community_digests(community.pk, Kind.WEEKLY, RUN.isoformat())
    [message] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Just in time" in message.body and "A minute too early" not in message.body


def test_times_are_shown_in_the_members_time_zone(community, gardener, reader, asker):
    reader.timezone = "Pacific/Auckland"
    reader.save(update_fields=["timezone"])
    thread(community, asker, "Something new")
    meeting(community, gardener, "Committee", date(2026, 11, 20), hour=16)  # 16:00 UTC
    with at(RUN):
        send_community_digests(community.pk, Kind.WEEKLY, RUN.isoformat())
    [message] = [m for m in mail.outbox if m.to == [reader.email]]
    # 16:00 UTC on Friday is 05:00 on Saturday in Auckland (summer time, UTC+13).
    assert "Saturday 21 November, 05:00 (NZDT)" in message.body
    assert "Monday 9 November, 13:00" in message.body  # the period start, local time


def test_meetings_of_the_next_fourteen_days(community, gardener, reader, asker):
    thread(community, asker, "Something new")
    meeting(community, gardener, "Just inside", date(2026, 11, 30), hour=5)
    meeting(community, gardener, "Just outside", date(2026, 11, 30), hour=7)
    with at(RUN):
        send_community_digests(community.pk, Kind.WEEKLY, RUN.isoformat())
    [message] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Just inside" in message.body and "Just outside" not in message.body
