"""Actions that reach other people are limited per person, more tightly for new accounts."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from communities.models import GuestPass, Invitation, JoinRequest
from discussions.models import Behaviour, Flag, Post, Thread
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db

ACTIONS = ["join", "invite", "guest_invite", "flag", "thread", "reply"]


@pytest.fixture(autouse=True)
def _tight_limits(settings):
    """Two a day for an established account, one for a new one."""
    settings.RATE_LIMITS = {action: ("2/d", "1/d") for action in ACTIONS}
    settings.RATE_LIMIT_NEW_ACCOUNT_DAYS = 1


def _established(user):
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    return user


def _thread_form(title: str) -> dict:
    code = Behaviour.objects.get(code="problem-solving").pk
    return {"title": title, "body": "What would you try?", "behaviours": [code], "tags": ""}


def _refused_in_words(response) -> None:
    assert response.status_code == 429
    assert "Slow down a little" in response.content.decode()
    assert response["Retry-After"]


def test_a_new_account_starts_one_thread_then_is_asked_to_slow_down(community, client):
    newcomer = add_member(community).user
    client.force_login(newcomer)
    url = f"/c/{community.slug}/threads/new/"
    assert client.post(url, _thread_form("First question")).status_code == 302
    _refused_in_words(client.post(url, _thread_form("Second question")))
    assert Thread.objects.filter(community=community, author=newcomer).count() == 1
    assert client.get(url).status_code == 200  # reading the form is never limited


def test_an_established_account_has_the_looser_limit(community, client):
    regular = _established(add_member(community).user)
    client.force_login(regular)
    url = f"/c/{community.slug}/threads/new/"
    for title in ["One", "Two"]:
        assert client.post(url, _thread_form(f"Question {title}")).status_code == 302
    _refused_in_words(client.post(url, _thread_form("Question Three")))
    assert Thread.objects.filter(author=regular).count() == 2


def test_the_limit_is_each_persons_own(community, client):
    thread = ThreadFactory(community=community)
    first, second = add_member(community).user, add_member(community).user
    for person in (first, second):
        client.force_login(person)
        reply = f"{thread.get_absolute_url()}reply/"
        assert client.post(reply, {"body": f"From {person.pk}"}).status_code == 302
    _refused_in_words(client.post(reply, {"body": "And again"}))
    assert Post.objects.filter(thread=thread, number__gt=1).count() == 2


def test_re_requesting_to_join_in_a_loop_mails_the_gardeners_once(
    client, django_capture_on_commit_callbacks
):
    community = CommunityFactory(join_policy="request")
    asker = UserFactory()
    client.force_login(asker)
    mail.outbox.clear()
    request = f"/c/{community.slug}/request/"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(request, {"message": "Hi"}).status_code == 302
    client.post(f"/c/{community.slug}/request/withdraw/")
    with django_capture_on_commit_callbacks(execute=True):
        _refused_in_words(client.post(request, {"message": "Hi again"}))
    assert JoinRequest.objects.filter(user=asker).count() <= 1
    assert len(mail.outbox) == 1


def test_flags_are_limited(community, client):
    thread = ThreadFactory(community=community)
    flagger = add_member(community).user
    client.force_login(flagger)
    url = f"{thread.get_absolute_url()}posts/1/flag/"
    assert client.post(url, {"reason": "unkind", "note": ""}).status_code == 302
    other = ThreadFactory(community=community)
    _refused_in_words(
        client.post(f"{other.get_absolute_url()}posts/1/flag/", {"reason": "unkind", "note": ""})
    )
    assert Flag.objects.count() == 1


def test_invitations_and_guest_invitations_are_limited(community, gardener, client):
    _established(gardener)
    client.force_login(gardener)
    invite = f"/c/{community.slug}/invite/"
    for n in range(2):
        client.post(invite, {"email": f"p{n}@example.org", "role": "member"})
    _refused_in_words(client.post(invite, {"email": "p9@example.org", "role": "member"}))
    assert Invitation.objects.filter(community=community).count() == 2

    thread = ThreadFactory(community=community)
    guests = f"{thread.get_absolute_url()}guests/"
    for n in range(2):
        client.post(guests, {"email": f"g{n}@example.org", "days": 5})
    _refused_in_words(client.post(guests, {"email": "g9@example.org", "days": 5}))
    assert GuestPass.objects.count() == 2


def test_operators_are_not_limited(community, client):
    operator = add_member(community, UserFactory(is_staff=True)).user
    client.force_login(operator)
    url = f"/c/{community.slug}/threads/new/"
    for n in range(3):
        assert client.post(url, _thread_form(f"Tidy-up note {n}")).status_code == 302
