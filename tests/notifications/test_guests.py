"""A guest of one thread hears of what they can read there, and of nothing else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import GuestPass
from discussions import services as discussions
from notifications.models import Notification
from notifications.selectors import visible_notifications
from tests.factories import ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle(make_community):
    community, gardener = make_community(visibility="private")
    thread = ThreadFactory(community=community, author=gardener, title="Closing cases well")
    other = ThreadFactory(community=community, author=gardener, title="Only for us")
    return community, gardener, thread, other


@pytest.fixture
def guest(circle):
    community, gardener, thread, _other = circle
    person = UserFactory(username="visitor")
    GuestPass.objects.create(
        community=community,
        email=person.email,
        target_type=GuestPass.Target.THREAD,
        target_id=thread.pk,
        title=thread.title,
        url=thread.get_absolute_url(),
        token_hash="x" * 64,
        invited_by=gardener,
        user=person,
        expires_at=timezone.now() + timedelta(days=30),
        accepted_at=timezone.now(),
    )
    return person


def test_a_guest_mentioned_in_their_thread_is_notified(circle, guest):
    _community, gardener, thread, _other = circle
    discussions.reply_to_thread(author=gardener, thread=thread, body="What do you think, @visitor?")

    assert visible_notifications(guest).count() == 1


def test_a_guest_mentioned_in_another_thread_is_not(circle, guest):
    _community, gardener, _thread, other = circle
    discussions.reply_to_thread(author=gardener, thread=other, body="Ask @visitor?")

    assert not Notification.objects.filter(recipient=guest).exists()


def test_a_guests_notifications_go_when_the_pass_ends(circle, guest):
    _community, gardener, thread, _other = circle
    discussions.reply_to_thread(author=gardener, thread=thread, body="Over to you, @visitor.")

    GuestPass.objects.update(revoked_at=timezone.now())

    assert visible_notifications(guest).count() == 0


def test_the_guest_rule_reads_the_thread_not_the_notification_id(circle, guest, make_community):
    """A notification whose own id equals the guest's thread id is not let through by it."""
    _community, _gardener, thread, _other = circle
    elsewhere, stranger = make_community(visibility="private")
    hidden_from_guest = ThreadFactory(community=elsewhere, author=stranger)
    Notification.objects.create(
        pk=thread.pk,
        recipient=guest,
        kind="mention",
        community=elsewhere,
        thread_id=hidden_from_guest.pk,
        post_id=hidden_from_guest.pk,
        title="x",
        url="/",
        email="off",
    )

    assert visible_notifications(guest).count() == 0
