"""The meetings pages' query counts do not grow with the number of meetings or answers."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rhythm import occurrences, services
from tests.factories import add_member

pytestmark = pytest.mark.usefixtures("page_cache_off")

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)


def _build(community, gardener, size: int) -> None:
    people = [add_member(community).user for _ in range(size)]
    for number in range(size):
        series = services.create_meeting(
            author=gardener,
            community=community,
            details=_details(number),
        )
        upcoming = occurrences.upcoming(
            occurrences.visible_series(gardener, community).filter(pk=series.pk),
            viewer=None,
            limit=2,
        )
        for person in people:
            services.rsvp_to_meeting(
                user=person,
                series=series,
                original_start=upcoming[0].original_start,
                answer="going",
            )
        services.cancel_occurrence(
            editor=gardener, series=series, original_start=upcoming[-1].original_start
        )
        # A past meeting with attendance.
        past = services.create_meeting(
            author=gardener,
            community=community,
            details=_details(number, day=date(2026, 9, 1) + timedelta(days=number)),
        )
        services.record_attendance(
            editor=gardener,
            series=past,
            original_start=past.starts_at,
            attendee_ids=[p.pk for p in people],
            notes_url="https://notes.example.org/x",
        )


def _details(number, day=None):
    from tests.meetings.conftest import details

    pattern = ["weekly", "fortnightly", "monthly", "once"][number % 4]
    if day is not None:
        pattern = "once"
    return details(
        title=f"Meeting {number}",
        day=day or date(2026, 10, 5) + timedelta(days=number),
        pattern=pattern,
    )


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["meetings/", "", "meetings.ics", "first/"])
def test_meetings_pages_queries_are_constant(client, community, gardener, member, page):
    counts = []
    with time_machine.travel(NOW, tick=False):
        client.force_login(member)
        for size in (2, 8):
            _build(community, gardener, size if not counts else size - 2)
            url = f"/c/{community.slug}/{page}"
            if page == "first/":
                url = community.meeting_series.order_by("pk").first().get_absolute_url()
            counts.append(_queries(client, url))
    # Never more for more rows (the home's activity list looks addresses up once per kind
    # of target it shows, so fewer kinds in a fuller list may cost one less).
    assert counts[1] <= counts[0], counts


def test_meetings_page_budget(client, community, gardener, member, django_assert_max_num_queries):
    with time_machine.travel(NOW, tick=False):
        _build(community, gardener, 6)
        client.force_login(member)
        client.get(f"/c/{community.slug}/meetings/")
        # 13 for the page, plus the unread-notifications count in the header.
        with django_assert_max_num_queries(14):
            client.get(f"/c/{community.slug}/meetings/")
