from datetime import UTC, datetime

import pytest
import time_machine

from communities.models import Activity
from rhythm import services
from rhythm.models import Attendance, MeetingOccurrence, MeetingSeries, Rsvp

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)
FIRST = datetime(2026, 10, 6, 15, tzinfo=UTC)
STAMP = "20261006T150000Z"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


FORM = {
    "title": "E-learning committee",
    "kind": "regular",
    "day": "2026-10-06",
    "start_time": "16:00",
    "end_time": "17:00",
    "timezone": "Europe/London",
    "pattern": "fortnightly",
    "agenda": "1. What we tried",
    "place": "Room B12",
}


def test_gardener_schedules_through_the_form(client, community, gardener):
    client.force_login(gardener)
    assert client.get(f"/c/{community.slug}/meetings/new/").status_code == 200
    response = client.post(f"/c/{community.slug}/meetings/new/", FORM)
    series = MeetingSeries.objects.get()
    assert response.status_code == 302 and response["Location"] == series.get_absolute_url()
    page = client.get(series.get_absolute_url())
    assert "Every other week" in page.content.decode()
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_time": "15:00"}, "ends before it starts"),
        ({"timezone": "Mars/Base"}, "Select a valid choice"),
        ({"online_url": "javascript:alert(1)"}, "starting with http:// or https://"),
        ({"pattern": "advanced", "advanced_rule": "FREQ=OFTEN"}, "could not be read"),
        ({"pattern": "advanced", "advanced_rule": "FREQ=DAILY"}, "calmer rhythm"),
        ({"day": "2026-13-45"}, "valid date"),
    ],
)
def test_bad_input_answers_400_with_the_reason_and_keeps_the_text(
    client, community, gardener, change, message
):
    client.force_login(gardener)
    response = client.post(f"/c/{community.slug}/meetings/new/", FORM | change)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "1. What we tried" in body  # nothing typed is lost
    assert not MeetingSeries.objects.exists()


def test_members_cannot_open_the_form(client, community, member):
    client.force_login(member)
    # Members see the community, so they are told why rather than shown nothing.
    response = client.get(f"/c/{community.slug}/meetings/new/")
    assert response.status_code == 403
    assert client.post(f"/c/{community.slug}/meetings/new/", FORM).status_code == 403
    assert not MeetingSeries.objects.exists()


def test_meetings_page_lists_upcoming_and_the_home_shows_the_next(
    client, community, make_meeting, member
):
    make_meeting()
    client.force_login(member)
    page = client.get(f"/c/{community.slug}/meetings/").content.decode()
    assert "Committee" in page and "Tuesday 6 October 2026, 15:00" in page  # member is UTC
    home = client.get(f"/c/{community.slug}/").content.decode()
    assert "Next meeting" in home and f"/meetings/1/{STAMP}/" in home.replace(
        f"/meetings/{MeetingSeries.objects.get().pk}/", "/meetings/1/"
    )


def test_times_show_in_the_members_time_zone(client, community, make_meeting, member):
    member.timezone = "America/New_York"
    member.save()
    make_meeting()
    client.force_login(member)
    page = client.get(f"/c/{community.slug}/meetings/").content.decode()
    assert "Tuesday 6 October 2026, 11:00" in page


def test_rsvp_without_javascript_redirects_with_a_message(client, make_meeting, member):
    series = make_meeting()
    client.force_login(member)
    url = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/"
    response = client.post(url + "rsvp/", {"answer": "going"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "your answer is saved" in response.content.decode()
    assert Rsvp.objects.get(user=member).answer == "going"
    assert Activity.objects.filter(verb=Activity.Verb.RSVP, actor=member).exists()


def test_rsvp_with_htmx_returns_the_buttons(client, make_meeting, member):
    series = make_meeting()
    client.force_login(member)
    url = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/rsvp/"
    response = client.post(url, {"answer": "maybe"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'value="maybe" class="" aria-pressed="true"' in body
    assert "0 going, 1 maybe" in body  # the counts update with the buttons


def test_names_of_who_is_coming_are_for_members(client, make_meeting, member):
    series = make_meeting()
    services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="going")
    url = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/"
    page = client.get(url).content.decode()
    assert "1 going" in page and member.name not in page
    client.force_login(member)
    assert (
        f'{member.name} <span class="muted small">Going</span>' in client.get(url).content.decode()
    )


def test_rsvp_to_a_cancelled_occurrence_is_refused(client, make_meeting, gardener, member):
    series = make_meeting()
    services.cancel_occurrence(editor=gardener, series=series, original_start=FIRST)
    client.force_login(member)
    url = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/rsvp/"
    response = client.post(url, {"answer": "going"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "cancelled" in response.content.decode()
    response = client.post(url, {"answer": "going"}, follow=True)
    assert "cancelled" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_rsvp_to_an_invisible_communitys_meeting_is_404(
    client, make_community, make_meeting, outsider
):
    private, gardener = make_community(visibility="private", join_policy="invite")
    series = make_meeting(author=gardener, in_community=private)
    client.force_login(outsider)
    base = f"/c/{private.slug}/meetings/{series.pk}/"
    assert client.post(base + f"{STAMP}/rsvp/", {"answer": "going"}).status_code == 404
    assert client.get(base).status_code == 404
    assert client.get(base + "meeting.ics").status_code == 404
    assert client.get(f"/c/{private.slug}/meetings/").status_code == 404
    assert not Rsvp.objects.exists()


def test_members_only_meeting_is_404_to_outsiders_of_a_public_community(
    client, make_meeting, outsider
):
    series = make_meeting(members_only=True)
    client.force_login(outsider)
    assert client.get(series.get_absolute_url()).status_code == 404
    page = client.get(f"/c/{series.community.slug}/meetings/").content.decode()
    assert "Committee" not in page


def test_bad_occurrence_addresses_are_404(client, make_meeting, member):
    series = make_meeting()
    client.force_login(member)
    base = f"/c/{series.community.slug}/meetings/{series.pk}/"
    assert client.get(base + "20261006T160000Z/").status_code == 404  # not an occurrence
    assert client.get(base + "yesterday/").status_code == 404
    assert client.post(base + "junk/rsvp/", {"answer": "going"}).status_code == 404
    response = client.post(base + f"{STAMP}/rsvp/", {"answer": "perhaps"}, follow=True)
    assert response.status_code == 200 and "Answer going, maybe or not going" in (
        response.content.decode()
    )
    assert client.get(f"/c/{series.community.slug}/meetings/999999/").status_code == 404


@pytest.mark.parametrize("stamp", ["99991231T235959Z", "00010101T000000Z", "18991231T230000Z"])
@pytest.mark.parametrize(
    ("method", "action"),
    [
        ("get", ""),
        ("post", "rsvp/"),
        ("post", "cancel/"),
        ("post", "move/"),
        ("post", "restore/"),
        ("post", "attendance/"),
    ],
)
def test_occurrence_addresses_at_the_ends_of_time_are_404(
    client, make_meeting, gardener, stamp, method, action
):
    series = make_meeting()
    client.force_login(gardener)
    url = f"/c/{series.community.slug}/meetings/{series.pk}/{stamp}/{action}"
    assert getattr(client, method)(url, {"answer": "going"}).status_code == 404
    assert not MeetingOccurrence.objects.exists()


def test_anonymous_rsvp_goes_to_sign_in(client, make_meeting):
    series = make_meeting()
    url = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/rsvp/"
    response = client.post(url, {"answer": "going"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_gardener_cancels_moves_and_restores_through_the_page(client, make_meeting, gardener):
    series = make_meeting()
    client.force_login(gardener)
    base = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/"
    page = client.get(base).content.decode()
    assert "Cancel this meeting" in page and "Move this meeting" in page
    client.post(base + "cancel/", {"cancel-note": "Inset day"})
    row = MeetingOccurrence.objects.get()
    assert (row.status, row.note) == ("cancelled", "Inset day")
    assert "Inset day" in client.get(f"/c/{series.community.slug}/meetings/").content.decode()
    client.post(base + "restore/")
    client.post(base + "move/", {"move-day": "2026-10-07", "move-start_time": "17:00"})
    row.refresh_from_db()
    assert row.moved_to == datetime(2026, 10, 7, 16, tzinfo=UTC)
    response = client.post(
        base + "move/", {"move-day": "", "move-start_time": "17:00"}, follow=True
    )
    assert "Give the new date" in response.content.decode()


def test_members_cannot_use_gardener_tools(client, make_meeting, member):
    series = make_meeting()
    client.force_login(member)
    base = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/"
    assert client.post(base + "cancel/").status_code == 403
    assert client.get(f"/c/{series.community.slug}/meetings/{series.pk}/edit/").status_code == 403
    assert not MeetingOccurrence.objects.exists()


def test_gardener_records_attendance_after_the_meeting(client, make_meeting, gardener, member):
    series = make_meeting()
    client.force_login(gardener)
    base = f"/c/{series.community.slug}/meetings/{series.pk}/{STAMP}/"
    with time_machine.travel(datetime(2026, 10, 7, tzinfo=UTC), tick=False):
        page = client.get(base).content.decode()
        assert "Record attendance" in page
        client.post(
            base + "attendance/",
            {"attendees": [member.pk, gardener.pk], "notes_url": "https://notes.example.org/a"},
        )
        page = client.get(f"/c/{series.community.slug}/meetings/").content.decode()
    assert Attendance.objects.count() == 2
    assert "2 attended" in page and "https://notes.example.org/a" in page


def test_gardener_edits_a_meeting(client, make_meeting, gardener):
    series = make_meeting()
    client.force_login(gardener)
    url = f"/c/{series.community.slug}/meetings/{series.pk}/edit/"
    page = client.get(url).content.decode()
    assert "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" in page
    response = client.post(url, FORM | {"title": "Renamed", "pattern": "weekly"})
    assert response.status_code == 302
    series.refresh_from_db()
    assert (series.title, series.rrule) == ("Renamed", "FREQ=WEEKLY;BYDAY=TU")
    assert client.post(url, FORM | {"end_time": "10:00"}).status_code == 400


def test_visit_prefill_links_back_to_a_local_thread_only(client, community, gardener):
    client.force_login(gardener)
    query = "kind=visit&title=Visit+Eastside&thread=/c/x/threads/4/"
    url = f"/c/{community.slug}/meetings/new/?{query}"
    page = client.get(url).content.decode()
    assert "Proposed in the thread [Visit Eastside](/c/x/threads/4/)" in page
    assert 'value="visit" selected' in page or 'value="visit" checked' in page
    page = client.get(
        f"/c/{community.slug}/meetings/new/?kind=visit&thread=//evil.example/x"
    ).content.decode()
    assert "evil.example" not in page
