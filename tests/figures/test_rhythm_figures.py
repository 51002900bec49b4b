"""The dashboard's rhythm figures lead to the meetings and the ledger rows they count."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from rhythm import services
from rhythm.models import Rsvp
from rhythm.recurrence import Pattern
from tests.factories import add_member
from tests.figures.conftest import build_world
from tests.figures.follow import assert_figures_lead_to_their_lists, figures, follow

NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
PERIOD = "start=2026-10-01&end=2026-11-20"
FIRST, THIRD = datetime(2026, 10, 6, 15, tzinfo=UTC), datetime(2026, 11, 3, 16, tzinfo=UTC)


def meeting(gardener, community, **overrides):
    fields = {
        "title": "Committee",
        "kind": "regular",
        "day": date(2026, 10, 6),  # a Tuesday
        "start_time": time(16, 0),
        "end_time": time(17, 0),
        "timezone": "Europe/London",
        "pattern": Pattern.FORTNIGHTLY,
    }
    details = services.MeetingDetails(**(fields | overrides))
    return services.create_meeting(author=gardener, community=community, details=details)


def rhythm_world(community, gardener, size: int) -> None:
    """An open fortnightly meeting with one cancelled and one recorded, and a members-only
    weekly one with answers and attendance: outsiders see the open one only."""
    people = build_world(community, size)["people"]
    with time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False):
        open_one = meeting(gardener, community)
        closed = meeting(
            gardener, community, title="Core group", pattern=Pattern.WEEKLY, members_only=True
        )
        for series in (open_one, closed):
            for person in people:
                services.rsvp_to_meeting(
                    user=person, series=series, original_start=FIRST, answer=Rsvp.Answer.GOING
                )
    services.cancel_occurrence(editor=gardener, series=open_one, original_start=THIRD)
    for series in (open_one, closed):
        services.record_attendance(
            editor=gardener,
            series=series,
            original_start=FIRST,
            attendee_ids=[p.pk for p in people[: size // 2 + 1]],
        )


@pytest.mark.parametrize("size", [3, 9])
def test_planned_recorded_attendances_and_answers_equal_their_lists(
    client, community, gardener, size
):
    with time_machine.travel(NOW, tick=False):
        rhythm_world(community, gardener, size)
        url = reverse("insights:dashboard", kwargs={"slug": community.slug}) + "?" + PERIOD
        client.force_login(gardener)
        found = assert_figures_lead_to_their_lists(client, url)
        counts = {
            kind: next(f.count for f in found if f"{kind}&" in f.href)
            for kind in ("planned=1", "recorded=1", "held=1", "verb=attended", "verb=rsvp")
        }
        # 6 and 20 October, 17 November open (3 November cancelled); seven weekly ones.
        assert counts["planned=1"] == 3 + 7
        assert counts["recorded=1"] == counts["held=1"] == 2
        assert counts["verb=attended"] == 2 * (size // 2 + 1)
        assert counts["verb=rsvp"] == 2 * size


def test_an_outsider_following_the_planned_figure_sees_the_open_meetings_and_n_more(
    client, community, gardener
):
    with time_machine.travel(NOW, tick=False):
        rhythm_world(community, gardener, 3)
        sponsor = add_member(community, role="sponsor").user
        client.force_login(sponsor)
        url = reverse("insights:dashboard", kwargs={"slug": community.slug}) + "?" + PERIOD
        planned = next(
            f for f in figures(client.get(url).content.decode()) if "planned=1" in f.href
        )
        client.logout()
        listed = follow(client, planned, url)
    assert (listed.rows, listed.more) == (3, 7)
