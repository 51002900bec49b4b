"""The daily digest: one email per member, each notification at most once, only what they see."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from communities import services as community_services
from core.unsubscribe import make_token, unsubscribe_url
from discussions import services as discussions
from notifications import services
from notifications.models import Delivery, Kind, Notification
from notifications.selectors import pending_digest_notifications
from notifications.tasks import send_notification_digest, send_notification_digests
from tests.factories import CommunityFactory, ThreadFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(community):
    person = add_member(community).user
    services.follow_behaviour(
        user=person, community=community, behaviour_code="visits", follow=True
    )
    return person


def followed_thread(community, author, title):
    return ThreadFactory(
        community=community, author=author, title=title, behaviour_codes=["visits"]
    )


def pending(user):
    return list(
        pending_digest_notifications(user_id=user.pk, since=timezone.now() - timedelta(days=1))
    )


def test_one_email_lists_the_waiting_rows_by_community(community, asker, follower, mailoutbox):
    other = CommunityFactory(name="Another staffroom")
    add_member(other, user=follower)
    services.follow_behaviour(user=follower, community=other, behaviour_code="visits", follow=True)
    first = followed_thread(community, asker, "Quizzes nobody opens")
    second = followed_thread(community, asker, "Homework clubs")
    elsewhere = followed_thread(other, other.memberships.first().user, "Reading aloud")

    assert send_notification_digests() == 1

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [follower.email]
    assert "3 things" in mail.subject
    html = mail.alternatives[0][0]
    for thread in (first, second, elsewhere):
        assert thread.title in mail.body
        assert thread.get_absolute_url() in mail.body
        assert thread.get_absolute_url() in html
    assert "in a behaviour you follow" in mail.body
    assert community.name in html and other.name in html
    # grouped: each community's heading, then its threads (communities in name order)
    sections = mail.body.split("== ")[1:]
    assert [section.split(" ==")[0] for section in sections] == [other.name, community.name]
    assert elsewhere.title in sections[0] and first.title not in sections[0]
    assert first.title in sections[1] and second.title in sections[1]
    assert reverse("notifications:preferences") in mail.body
    assert reverse("notifications:preferences") in html
    assert not Notification.objects.filter(recipient=follower, emailed_at=None).exists()


def test_replies_chosen_for_the_digest_go_in_it(thread, asker, answerer, mailoutbox):
    services.set_email_preference(user=asker, kind=Kind.REPLY, delivery=Delivery.DIGEST)
    discussions.reply_to_thread(author=answerer, thread=thread, body="For the digest.")
    assert mailoutbox == []  # nothing at once

    send_notification_digests()

    assert [m.to for m in mailoutbox] == [[asker.email]]
    assert "replied to your thread" in mailoutbox[0].body


def test_a_second_run_sends_nothing(community, asker, follower, mailoutbox):
    followed_thread(community, asker, "Once")

    send_notification_digests()
    assert send_notification_digests() == 0
    assert send_notification_digest(follower.pk) == 0

    assert len(mailoutbox) == 1


def test_nothing_pending_sends_nothing(community, asker, follower, mailoutbox):
    ThreadFactory(community=community, author=asker, behaviour_codes=["problem-solving"])
    assert send_notification_digests() == 0
    assert mailoutbox == []


def test_read_rows_stay_out(community, asker, follower, mailoutbox):
    followed_thread(community, asker, "Already seen")
    services.mark_all_notifications_read(user=follower)

    send_notification_digests()

    assert mailoutbox == []


def test_a_second_run_over_the_same_rows_sends_nothing(community, asker, follower, mailoutbox):
    followed_thread(community, asker, "Raced")
    assert send_notification_digest(follower.pk) == 1
    Notification.objects.filter(recipient=follower).update(emailed_at=None)  # as if unmarked
    assert send_notification_digest(follower.pk) == 0  # the claim for these rows is sent
    assert len(mailoutbox) == 1


def test_a_failed_send_releases_the_claim(community, asker, follower, mailoutbox):
    followed_thread(community, asker, "Retry me")

    failing = mock.patch("notifications.tasks.send_templated_mail", side_effect=OSError("smtp"))
    with failing, pytest.raises(OSError):
        send_notification_digest(follower.pk)
    assert Notification.objects.get(recipient=follower).emailed_at is None

    assert send_notification_digest(follower.pk) == 1
    assert len(mailoutbox) == 1


def test_rows_they_can_no_longer_see_are_left_out(
    community, asker, follower, gardener, make_community, mailoutbox
):
    private, private_gardener = make_community(visibility="private")
    add_member(private, user=follower)
    services.follow_behaviour(
        user=follower, community=private, behaviour_code="visits", follow=True
    )
    followed_thread(private, private_gardener, "Behind closed doors")
    hidden = followed_thread(community, asker, "Hidden by a gardener")
    post_hidden = followed_thread(community, asker, "Post hidden")
    visible = followed_thread(community, asker, "Still here")
    community_services.leave_community(user=follower, community=private)
    services.set_thread_notifications_hidden(thread_id=hidden.pk, hidden=True)
    services.set_post_notifications_hidden(post_id=post_hidden.posts.get().pk, hidden=True)

    send_notification_digests()

    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert visible.title in body
    for title in ("Behind closed doors", hidden.title, post_hidden.title):
        assert title not in body
    assert "1 thing" in mailoutbox[0].subject


def test_someone_who_sees_none_of_it_gets_nothing(make_community, mailoutbox):
    private, private_gardener = make_community(visibility="private")
    follower = add_member(private).user
    services.follow_behaviour(
        user=follower, community=private, behaviour_code="visits", follow=True
    )
    followed_thread(private, private_gardener, "Gone")
    community_services.leave_community(user=follower, community=private)

    send_notification_digests()

    assert mailoutbox == []


def test_inactive_members_get_no_digest(community, asker, follower, mailoutbox):
    followed_thread(community, asker, "Nobody home")
    follower.is_active = False
    follower.save(update_fields=["is_active"])

    assert send_notification_digests() == 0
    assert mailoutbox == []


def test_the_digest_carries_its_one_click_unsubscribe(community, asker, follower, mailoutbox):
    followed_thread(community, asker, "Link")

    # The signed link carries its second: stop the clock so both are signed alike.
    with time_machine.travel(timezone.now(), tick=False):
        send_notification_digests()
        expected = unsubscribe_url(user_id=follower.pk, scope="notify-digest")
    mail = mailoutbox[0]
    assert mail.extra_headers["List-Unsubscribe"] == f"<{expected}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert expected in mail.body


def test_unsubscribing_from_the_digest_turns_digest_kinds_off(client, asker):
    services.set_email_preference(user=asker, kind=Kind.REPLY, delivery=Delivery.DIGEST)
    url = reverse(
        "unsubscribe", kwargs={"token": make_token(user_id=asker.pk, scope="notify-digest")}
    )

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    prefs = services.email_preferences(asker)
    assert prefs[Kind.REPLY] == Delivery.OFF
    assert prefs[Kind.FOLLOWED] == Delivery.OFF
    assert prefs[Kind.MENTION] == Delivery.IMMEDIATELY
    assert prefs[Kind.ACCEPTED] == Delivery.IMMEDIATELY


def test_the_digest_handler_is_idempotent_and_stops_what_waits(community, asker, follower):
    followed_thread(community, asker, "Waiting")

    first = services.unsubscribe_from_digest(follower, "notify-digest")
    second = services.unsubscribe_from_digest(follower, "notify-digest")

    assert first == second
    assert "digest" in first
    assert pending(follower) == []


def test_queries_do_not_grow_with_the_rows(
    community, asker, follower, django_assert_max_num_queries, mailoutbox
):
    followed_thread(community, asker, "First")
    with django_assert_max_num_queries(8) as few:
        send_notification_digests()
    for number in range(6):
        followed_thread(community, asker, f"More {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        send_notification_digests()
    assert len(mailoutbox) == 2


def test_the_beat_sends_digests_daily_at_seven_utc():
    entry = settings.CELERY_BEAT_SCHEDULE["send-notification-digests"]
    assert entry["task"] == "notifications.tasks.send_notification_digests"
    assert entry["task"] == send_notification_digests.name
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert settings.CELERY_TIMEZONE == "UTC"
