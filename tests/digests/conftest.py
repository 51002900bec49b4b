from datetime import UTC, date, datetime, time

import pytest
import time_machine

from rhythm import services as meetings
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member

# The weekly run under test: Monday 16 November 2026, 06:00 UTC. Its period starts on
# Monday 9 November, 00:00 UTC.
SET_UP = datetime(2026, 11, 1, 9, tzinfo=UTC)
IN_PERIOD = datetime(2026, 11, 12, 10, tzinfo=UTC)
RUN = datetime(2026, 11, 16, 6, tzinfo=UTC)
PERIOD_START = datetime(2026, 11, 9, tzinfo=UTC)


def at(when: datetime):
    return time_machine.travel(when, tick=False)


@pytest.fixture
def place(db):
    """A community set up well before the period: a gardener, a reader and two writers."""
    with at(SET_UP):
        community = CommunityFactory(name="Northfield staffroom", slug="northfield")
        reader = add_member(community, user=UserFactory(username="reader")).user
        asker = add_member(community, user=UserFactory(username="asker")).user
        writer = add_member(community, user=UserFactory(username="writer")).user
    gardener = community.memberships.get(role="gardener").user
    return community, gardener, reader, asker, writer


@pytest.fixture
def community(place):
    return place[0]


@pytest.fixture
def reader(place):
    return place[2]


@pytest.fixture
def asker(place):
    return place[3]


@pytest.fixture
def writer(place):
    return place[4]


@pytest.fixture
def gardener(place):
    return place[1]


def thread(community, author, title, codes=("problem-solving",), when=IN_PERIOD, **kwargs):
    with at(when):
        return ThreadFactory(
            community=community, author=author, title=title, behaviour_codes=list(codes), **kwargs
        )


def meeting(community, author, title, day: date, hour: int = 16, when=SET_UP, **overrides):
    fields = {
        "title": title,
        "kind": "regular",
        "day": day,
        "start_time": time(hour, 0),
        "end_time": time(hour + 1, 0),
        "timezone": "UTC",
        "pattern": "once",
    } | overrides
    with at(when):
        return meetings.create_meeting(
            author=author, community=community, details=meetings.MeetingDetails(**fields)
        )
