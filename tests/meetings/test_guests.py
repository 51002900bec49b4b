"""A guest invited to one meeting sees it and answers, and nothing else of the community."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from communities.models import GuestPass
from communities.services.guests import invite_guest, revoke_guest_pass
from core.errors import ActionError
from core.vocabulary import Target
from rhythm import services
from rhythm.models import Rsvp
from tests.factories import UserFactory, add_member
from tests.meetings.conftest import details

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)
STAMP = "20261006T150000Z"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def private_meeting(make_community):
    community, gardener = make_community(visibility="private", slug="supervision-circle")
    series = services.create_meeting(author=gardener, community=community, details=details())
    other = services.create_meeting(
        author=gardener, community=community, details=details(title="Members' session")
    )
    return community, gardener, series, other


@pytest.fixture
def speaker():
    return UserFactory(email="speaker@example.org", display_name="Sam Speaker")


def _invite(client, gardener, series, mailoutbox, capture):
    client.force_login(gardener)
    with capture(execute=True):
        response = client.post(
            f"{series.get_absolute_url()}guests/",
            {"email": "speaker@example.org", "days": 30, "message": "Would you lead a session?"},
        )
    assert response.status_code == 302
    return mailoutbox[-1].body.split("/guest/")[1].split("/")[0]


def test_a_guest_sees_the_meeting_answers_and_sees_nothing_else(
    private_meeting, speaker, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener, series, other = private_meeting
    token = _invite(client, gardener, series, mailoutbox, django_capture_on_commit_callbacks)
    assert "a meeting" in mailoutbox[-1].body

    client.force_login(speaker)
    assert client.get(series.get_absolute_url()).status_code == 404
    accepted = client.post(f"/guest/{token}/")
    assert accepted.url == series.get_absolute_url()

    page = client.get(series.get_absolute_url())
    assert page.status_code == 200
    assert "You are a guest at this meeting" in page.content.decode()
    base = series.get_absolute_url()
    assert client.get(f"{base}{STAMP}/").status_code == 200
    response = client.post(f"{base}{STAMP}/rsvp/", {"answer": "going"})
    assert response.status_code == 302
    assert Rsvp.objects.get(user=speaker).answer == "going"

    slug = community.slug
    for path in (
        f"/c/{slug}/",
        f"/c/{slug}/meetings/",
        other.get_absolute_url(),
        f"/c/{slug}/threads/",
        f"/c/{slug}/assets/",
        f"{base}guests/",
    ):
        assert client.get(path).status_code == 404, path
    # The guest sees this meeting, so changing it is refused rather than hidden.
    assert client.get(f"{base}edit/").status_code == 403
    assert (
        client.post(f"{other.get_absolute_url()}{STAMP}/rsvp/", {"answer": "going"}).status_code
        == 404
    )


def test_the_meeting_calendar_download_works_for_its_guest(
    private_meeting, speaker, client, mailoutbox, django_capture_on_commit_callbacks
):
    _community, gardener, series, _other = private_meeting
    token = _invite(client, gardener, series, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(speaker)
    client.post(f"/guest/{token}/")

    url = reverse(
        "rhythm:meeting_calendar",
        kwargs={"slug": series.community.slug, "meeting_id": series.pk},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content


def test_ending_access_closes_the_meeting(
    private_meeting, speaker, client, mailoutbox, django_capture_on_commit_callbacks
):
    _community, gardener, series, _other = private_meeting
    token = _invite(client, gardener, series, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(speaker)
    client.post(f"/guest/{token}/")

    revoke_guest_pass(actor=gardener, guest_pass=GuestPass.objects.get())

    assert client.get(series.get_absolute_url()).status_code == 404


def test_only_gardeners_invite_guests_to_meetings(private_meeting, client):
    community, _gardener, series, _other = private_meeting
    member = add_member(community).user
    client.force_login(member)

    assert client.get(f"{series.get_absolute_url()}guests/").status_code == 404
    assert not GuestPass.objects.exists()


def test_bad_guest_invitations_for_meetings_get_a_400(private_meeting, client):
    _community, gardener, series, _other = private_meeting
    client.force_login(gardener)

    response = client.post(f"{series.get_absolute_url()}guests/", {"email": "nope", "days": -3})

    assert response.status_code == 400
    assert not GuestPass.objects.exists()


def test_a_guest_cannot_pass_the_invitation_on(
    private_meeting, speaker, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener, series, _other = private_meeting
    token = _invite(client, gardener, series, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(speaker)
    client.post(f"/guest/{token}/")
    with pytest.raises(ActionError):
        invite_guest(
            actor=speaker,
            community=community,
            email="friend@example.org",
            target_type=Target.MEETING,
            target_id=series.pk,
            title=series.title,
            url=series.get_absolute_url(),
        )
