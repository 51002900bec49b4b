"""Period boundaries (UTC) and times shown in the member's own time zone."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core import mail

from digests.models import Kind
from digests.periods import last_full_week, period_start
from digests.tasks import send_community_digests
from tests.digests.conftest import PERIOD_START, RUN, at, meeting, thread
from tests.factories import CommunityFactory, UserFactory, add_member
from tests.moments import at_each_moment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "now, kind, start",
    [
        (RUN, Kind.WEEKLY, PERIOD_START),
        (RUN + timedelta(days=6, hours=17), Kind.WEEKLY, PERIOD_START),  # Sunday night
        (RUN - timedelta(hours=6, seconds=1), Kind.WEEKLY, PERIOD_START - timedelta(days=7)),
        (RUN, Kind.DAILY, datetime(2026, 11, 15, tzinfo=UTC)),
        (
            datetime(2026, 11, 16, 23, 59, tzinfo=UTC),
            Kind.DAILY,
            datetime(2026, 11, 15, tzinfo=UTC),
        ),
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


# --- at every moment of tests/moments.py, not only at the Monday run above -------------------


@at_each_moment
def test_the_periods_at(moment):
    now = moment.at
    weekly = period_start(Kind.WEEKLY, now)
    assert (weekly.weekday(), weekly.time(), weekly.tzinfo) == (0, time.min, UTC)
    assert timedelta(days=7) <= now - weekly < timedelta(days=14)
    daily = period_start(Kind.DAILY, now)
    assert daily == datetime.combine(now.date() - timedelta(days=1), time.min, tzinfo=UTC)
    monday, sunday = last_full_week(now)
    assert (monday.weekday(), sunday - monday) == (0, timedelta(days=6))
    assert timedelta(days=1) <= now.date() - sunday <= timedelta(days=7)
    assert monday == weekly.date()


@at_each_moment
def test_a_run_at_any_moment_mails_what_came_in_its_period(moment):
    now = moment.at
    with at(now - timedelta(days=30)):
        community = CommunityFactory(name="Northfield staffroom", slug="northfield")
        reader = add_member(community, user=UserFactory(username="reader")).user
        asker = add_member(community, user=UserFactory(username="asker")).user
    gardener = community.memberships.get(role="gardener").user
    start = period_start(Kind.WEEKLY, now)
    thread(community, asker, "A minute too early", when=start - timedelta(minutes=1))
    thread(community, asker, "Just in time", when=start)
    thread(community, asker, "An hour ago", when=now - timedelta(hours=1))
    # Half-hour meetings two hours either side of the fortnight's end: none crosses midnight.
    inside, outside = now + timedelta(days=14, hours=-2), now + timedelta(days=14, hours=2)
    for title, when in (("Just inside", inside), ("Just outside", outside)):
        begins = when.replace(second=0, microsecond=0)
        meeting(
            community,
            gardener,
            title,
            when.date(),
            when=now - timedelta(days=2),
            start_time=begins.time(),
            end_time=(begins + timedelta(minutes=30)).time(),
        )
    with at(now):
        send_community_digests(community.pk, Kind.WEEKLY, now.isoformat())
    [message] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Just in time" in message.body and "An hour ago" in message.body
    assert "A minute too early" not in message.body
    assert "Just inside" in message.body and "Just outside" not in message.body
