from datetime import UTC, date, datetime, time

import pytest
import time_machine
from icalendar import Calendar

from rhythm import services
from rhythm.models import CalendarToken
from tests.factories import add_member

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)
FIRST = datetime(2026, 10, 6, 15, tzinfo=UTC)
SECOND = datetime(2026, 10, 20, 15, tzinfo=UTC)
THIRD = datetime(2026, 11, 3, 16, tzinfo=UTC)  # after the clocks went back


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return cal, [c for c in cal.walk("VEVENT")]


def test_public_calendar_has_rrule_exdate_and_recurrence_id(client, make_meeting, gardener):
    series = make_meeting(place="Room 12", online_url="https://meet.example.org/x")
    make_meeting(title="Inner circle", members_only=True)
    services.cancel_occurrence(editor=gardener, series=series, original_start=SECOND)
    services.move_occurrence(
        editor=gardener,
        series=series,
        original_start=THIRD,
        day=date(2026, 11, 4),
        start_time=time(17, 0),
        note="Moved for the open evening",
    )
    cal, found = events(client.get(f"/c/{series.community.slug}/meetings.ics"))
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    master = next(e for e in found if "RRULE" in e)
    assert [e["SUMMARY"] for e in found] == [
        f"Committee · {series.community.name}",
        f"Committee · {series.community.name}",
    ]  # the members-only meeting is not in the public calendar
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["INTERVAL"] == [2]
    assert master.decoded("DTSTART") == FIRST
    assert str(master["DTSTART"].params["TZID"]) == "Europe/London"
    assert master.decoded("DTEND") == datetime(2026, 10, 6, 16, tzinfo=UTC)
    assert master["LOCATION"] == "Room 12, https://meet.example.org/x"
    assert [d.dt for d in master["EXDATE"].dts] == [SECOND]
    moved = next(e for e in found if "RECURRENCE-ID" in e)
    assert moved["UID"] == master["UID"]
    assert moved.decoded("RECURRENCE-ID") == THIRD
    assert moved.decoded("DTSTART") == datetime(2026, 11, 4, 17, tzinfo=UTC)
    assert "open evening" in moved["DESCRIPTION"]
    assert master["SEQUENCE"] == moved["SEQUENCE"] == 2


def test_single_meeting_download(client, make_meeting, gardener):
    series = make_meeting(pattern="once")
    _cal, found = events(client.get(f"/c/{series.community.slug}/meetings/{series.pk}/meeting.ics"))
    assert len(found) == 1 and "RRULE" not in found[0]
    services.cancel_occurrence(editor=gardener, series=series, original_start=FIRST)
    _cal, found = events(client.get(f"/c/{series.community.slug}/meetings/{series.pk}/meeting.ics"))
    assert found[0]["STATUS"] == "CANCELLED"


def test_private_community_calendar_is_404_to_everyone_without_a_token(
    client, make_community, make_meeting
):
    private, gardener = make_community(visibility="private", join_policy="invite")
    make_meeting(author=gardener, in_community=private)
    assert client.get(f"/c/{private.slug}/meetings.ics").status_code == 404
    client.force_login(gardener)
    # Even a member: feed readers have no session, so the private feed uses a secret address.
    assert client.get(f"/c/{private.slug}/meetings.ics").status_code == 404


def test_private_feed_token_works_until_revoked(client, make_community, make_meeting):
    private, gardener = make_community(visibility="private", join_policy="invite")
    make_meeting(author=gardener, in_community=private, members_only=True)
    token = services.create_calendar_token(user=gardener, community=private)
    _cal, found = events(client.get(f"/calendar/{token.token}.ics"))
    assert len(found) == 1
    services.revoke_calendar_token(user=gardener, token_id=token.pk)
    assert client.get(f"/calendar/{token.token}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_personal_feed_has_all_my_communities_and_a_new_one_replaces_the_old(
    client, make_community, make_meeting, member
):
    first, gardener_a = make_community(visibility="private", join_policy="invite")
    second, gardener_b = make_community()
    other, gardener_c = make_community()
    add_member(first, member)
    add_member(second, member)
    make_meeting(author=gardener_a, in_community=first, title="A", members_only=True)
    make_meeting(author=gardener_b, in_community=second, title="B")
    make_meeting(author=gardener_c, in_community=other, title="Not mine")
    old = services.create_calendar_token(user=member)
    new = services.create_calendar_token(user=member)
    assert client.get(f"/calendar/{old.token}.ics").status_code == 404
    _cal, found = events(client.get(f"/calendar/{new.token}.ics"))
    assert sorted(str(e["SUMMARY"]).split(" · ")[0] for e in found) == ["A", "B"]
    assert CalendarToken.objects.filter(user=member, revoked_at__isnull=True).count() == 1


def test_a_member_who_left_loses_the_private_feed(client, make_community, make_meeting):
    private, _gardener = make_community(visibility="private", join_policy="invite")
    someone = add_member(private)
    token = services.create_calendar_token(user=someone.user, community=private)
    someone.delete()
    assert client.get(f"/calendar/{token.token}.ics").status_code == 404


def test_outsiders_cannot_make_a_token_for_someone_elses_community(make_community, outsider):
    private, _gardener = make_community(visibility="private", join_policy="invite")
    from core.errors import ActionError

    with pytest.raises(ActionError) as refused:
        services.create_calendar_token(user=outsider, community=private)
    assert refused.value.status == 404


def test_calendar_settings_page_creates_and_revokes_feeds(client, member):
    client.force_login(member)
    assert client.get("/calendar/").status_code == 200
    client.post("/calendar/feeds/")
    token = CalendarToken.objects.get(user=member)
    page = client.get("/calendar/").content.decode()
    assert f"/calendar/{token.token}.ics" in page
    client.post(f"/calendar/feeds/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.post(f"/calendar/feeds/{token.pk}/revoke/", follow=True).status_code == 404
    assert client.post("/calendar/feeds/", {"community": "no-such"}).status_code == 404
