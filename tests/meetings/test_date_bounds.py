"""Dates at the ends of the calendar are refused with a message, never a 500."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from core.errors import ActionError
from rhythm import services
from rhythm.models import MeetingOccurrence, MeetingSeries
from tests.meetings.conftest import details

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)
STAMP = "20261006T150000Z"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1999, 12, 31), date(9999, 12, 31)])
def test_a_first_meeting_far_from_now_is_refused(community, gardener, day):
    with pytest.raises(ActionError, match="between 2000 and 2100"):
        services.create_meeting(
            author=gardener,
            community=community,
            details=details(day=day, timezone="Pacific/Honolulu"),
        )
    assert not MeetingSeries.objects.exists()


def test_the_form_says_so_with_a_400(client, community, gardener):
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/meetings/new/",
        {
            "title": "Far away",
            "kind": "regular",
            "day": "9999-12-31",
            "start_time": "23:00",
            "end_time": "23:30",
            "timezone": "Pacific/Honolulu",
            "pattern": "weekly",
        },
    )

    assert response.status_code == 400
    assert "between 2000 and 2100" in response.content.decode()


def test_moving_an_occurrence_to_year_9999_is_refused_and_the_pages_stay_up(
    client, make_meeting, gardener
):
    series = make_meeting()
    client.force_login(gardener)
    base = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/"

    response = client.post(
        base + "move/", {"move-day": "9999-12-31", "move-start_time": "23:30"}, follow=True
    )

    assert "between 2000 and 2100" in response.content.decode()
    assert not MeetingOccurrence.objects.filter(status="moved").exists()
    for path in (f"/c/{series.community.slug}/", f"/c/{series.community.slug}/meetings/", base):
        assert client.get(path).status_code == 200


def test_editing_a_fortnightly_meeting_shows_every_other_week(client, make_meeting, gardener):
    series = make_meeting()  # fortnightly on Tuesdays, Europe/London
    client.force_login(gardener)

    form = client.get(f"{series.get_absolute_url()}edit/").context["form"]

    assert form.initial["pattern"] == "fortnightly"


def test_a_new_meeting_starts_in_the_time_zone_the_community_meets_in(
    client, make_meeting, gardener
):
    gardener.timezone = "UTC"
    gardener.save()
    series = make_meeting(timezone="Europe/London")
    client.force_login(gardener)

    form = client.get(f"/c/{series.community.slug}/meetings/new/").context["form"]

    assert form.initial["timezone"] == "Europe/London"
