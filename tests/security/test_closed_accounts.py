"""Tokens stop with their owner: a deactivated or removed account's calendar addresses,
unsubscribe links and guest passes answer 404/410 afterwards (unsubscribe links 410, with a
page saying the account is closed)."""

from datetime import date, time

import pytest

from accounts.models import User
from communities.models import GuestPass
from core.unsubscribe import make_token
from discussions import services as discussions
from discussions.permissions import threads as thread_policy
from rhythm import services as rhythm
from rhythm.models import CalendarToken
from tests.factories import ThreadFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(make_community, client, mailoutbox, django_capture_on_commit_callbacks):
    """A member with two calendar addresses and a guest of a private thread."""
    community, gardener = make_community(visibility="private", slug="circle")
    rhythm.create_meeting(
        author=gardener,
        community=community,
        details=rhythm.MeetingDetails(
            title="Case review",
            kind="regular",
            day=date(2030, 3, 5),
            start_time=time(10, 0),
            end_time=time(11, 0),
            timezone="Europe/London",
        ),
    )
    member = add_member(community).user
    mine = rhythm.create_calendar_token(user=member)
    theirs = rhythm.create_calendar_token(user=member, community=community)
    thread = ThreadFactory(community=community, author=gardener, title="Closing cases")
    guest = UserFactory(email="visitor@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        discussions.invite_thread_guest(
            actor=gardener, thread=thread, email=guest.email, message="Join us", days=30
        )
    token = mailoutbox[-1].body.split("/guest/")[1].split("/")[0]
    client.force_login(guest)
    assert client.post(f"/guest/{token}/").status_code == 302
    client.logout()
    return {
        "member": member,
        "guest": guest,
        "thread": thread,
        "calendars": [f"/calendar/{t.token}.ics" for t in (mine, theirs)],
        "guest_link": f"/guest/{token}/",
    }


def _unsubscribe(user) -> str:
    return f"/unsubscribe/{make_token(user_id=user.pk, scope='reminders')}/"


def test_everything_works_while_the_accounts_are_open(client, held):
    for url in held["calendars"]:
        response = client.get(url)
        assert response.status_code == 200
        assert b"Case review" in response.content
    assert client.get(_unsubscribe(held["member"])).status_code == 200
    assert thread_policy.can_view(held["guest"], held["thread"])


@pytest.mark.parametrize("how", ["save", "update"])
def test_deactivating_an_account_ends_its_tokens(client, held, how):
    member, guest = held["member"], held["guest"]
    for person in (member, guest):
        if how == "save":  # the admin's way: the account's tokens are revoked
            person.is_active = False
            person.save()
        else:  # a bulk update sends no signal: the reading side refuses them all the same
            User.objects.filter(pk=person.pk).update(is_active=False)

    for url in held["calendars"]:
        response = client.get(url)
        assert response.status_code == 404
        assert b"Case review" not in response.content
    assert client.get(_unsubscribe(member)).status_code == 410
    guest.refresh_from_db()
    assert not thread_policy.can_view(guest, held["thread"])
    if how == "save":
        assert not CalendarToken.objects.filter(user=member, revoked_at=None).exists()
        assert not GuestPass.objects.filter(user=guest, revoked_at=None).exists()
        assert client.get(held["guest_link"]).status_code == 410
        # Opening the account again does not bring the old addresses back.
        member.is_active = True
        member.save()
        assert all(client.get(url).status_code == 404 for url in held["calendars"])


def test_removing_an_account_ends_its_tokens(client, held):
    member, guest = held["member"], held["guest"]
    unsubscribe = _unsubscribe(member)

    member.delete()
    guest.delete()

    for url in held["calendars"]:
        assert client.get(url).status_code == 404
    assert client.get(unsubscribe).status_code == 410
    assert client.get(held["guest_link"]).status_code in {404, 410}
