"""The meetings policy, viewer by meeting: each answer, and the queryset agreeing with it."""

import pytest

from rhythm import occurrences
from rhythm.permissions import meetings
from tests.permissions.conftest import MEETINGS, answers_meeting, cells, reads_meeting, sign_in


@pytest.mark.parametrize(("who", "key"), cells(MEETINGS))
def test_view_and_the_queryset_agree(fresh, who, key):
    user, series = fresh.viewer(who), fresh.meetings[key]

    allowed = meetings.can_view(user, series)

    assert allowed is reads_meeting(who, key)
    assert meetings.visible(user).filter(pk=series.pk).exists() is allowed
    assert occurrences.visible_series(user).filter(pk=series.pk).exists() is allowed


@pytest.mark.parametrize(("who", "key"), cells(MEETINGS))
def test_who_answers_and_who_keeps_the_rhythm(fresh, who, key):
    user, series = fresh.viewer(who), fresh.meetings[key]

    assert meetings.can_rsvp(user, series) is answers_meeting(who, key)
    assert meetings.can_edit(user, series) is (who == "gardener")


@pytest.mark.parametrize(("who", "key"), cells(MEETINGS))
def test_the_meeting_page_answers_200_or_404(fresh, client, who, key):
    sign_in(client, fresh, who)

    response = client.get(fresh.meetings[key].get_absolute_url())

    assert response.status_code == (200 if reads_meeting(who, key) else 404)


@pytest.mark.parametrize("who", ["stranger", "outsider", "member", "guest"])
def test_the_public_calendar_lists_only_open_meetings(fresh, client, who):
    sign_in(client, fresh, who)
    community = fresh.communities["public"]

    body = client.get(f"/c/{community.slug}/meetings.ics").content.decode()

    assert "Matrix public" in body
    assert "Matrix public-members-only" not in body


@pytest.mark.parametrize(("who", "key"), cells(MEETINGS))
def test_editing_answers_not_found_before_not_allowed(fresh, client, who, key):
    sign_in(client, fresh, who)
    series = fresh.meetings[key]

    response = client.post(f"{series.get_absolute_url()}edit/", {})

    if who == "stranger":  # every address asks a stranger to sign in first
        assert response.status_code == 302
    elif not reads_meeting(who, key):
        assert response.status_code == 404
    elif who != "gardener":
        assert response.status_code == 403
