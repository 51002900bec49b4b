from datetime import timedelta

import pytest
from django.utils import timezone

from communities import services as community_services
from discussions import services as discussions
from notifications import services
from notifications.models import Delivery, Kind, Notification
from notifications.selectors import pending_digest_notifications
from tests.factories import ThreadFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(community):
    person = add_member(community).user
    services.follow_behaviour(
        user=person, community=community, behaviour_code="visits", follow=True
    )
    return person


def test_digest_rows_wait_for_the_digest(community, asker, follower, thread, answerer):
    start = timezone.now() - timedelta(minutes=1)
    followed = ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])
    services.set_email_preference(user=asker, kind=Kind.REPLY, delivery=Delivery.DIGEST)
    discussions.reply_to_thread(author=answerer, thread=thread, body="For the digest.")

    pending = pending_digest_notifications(user_id=follower.pk, since=start)
    assert [n.thread_id for n in pending] == [followed.pk]
    assert pending_digest_notifications(user_id=asker.pk, since=start).count() == 1
    assert pending_digest_notifications(user_id=follower.pk, since=timezone.now()).count() == 0


def test_claimed_read_or_immediate_rows_are_not_pending(
    community, asker, follower, answerer, thread
):
    start = timezone.now() - timedelta(minutes=1)
    ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])
    discussions.reply_to_thread(author=answerer, thread=thread, body="Immediate.")

    assert pending_digest_notifications(user_id=asker.pk, since=start).count() == 0
    rows = pending_digest_notifications(user_id=follower.pk, since=start)
    assert Notification.objects.filter(pk__in=rows.values("pk")).update(emailed_at=timezone.now())
    assert pending_digest_notifications(user_id=follower.pk, since=start).count() == 0


def test_rows_from_a_private_community_left_are_not_pending(make_community):
    private, gardener = make_community(visibility="private")
    follower = add_member(private).user
    services.follow_behaviour(
        user=follower, community=private, behaviour_code="visits", follow=True
    )
    start = timezone.now() - timedelta(minutes=1)
    ThreadFactory(community=private, author=gardener, behaviour_codes=["visits"])
    assert pending_digest_notifications(user_id=follower.pk, since=start).count() == 1

    community_services.leave_community(user=follower, community=private)

    assert pending_digest_notifications(user_id=follower.pk, since=start).count() == 0


def test_the_selector_is_one_query(community, follower, asker, django_assert_num_queries):
    start = timezone.now() - timedelta(minutes=1)
    for _ in range(3):
        ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])
    with django_assert_num_queries(1):
        rows = list(pending_digest_notifications(user_id=follower.pk, since=start))
        assert [n.community.name for n in rows]
