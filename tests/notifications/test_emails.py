"""Immediate emails: sent on commit, exactly once, with one-click unsubscribe."""

from unittest import mock

import pytest
from django.urls import reverse

from core.unsubscribe import make_token, unsubscribe_url
from discussions import moderation
from discussions import services as discussions
from notifications import services
from notifications.models import Delivery, Kind, Notification
from notifications.tasks import send_notification_email

pytestmark = pytest.mark.django_db


def reply_and_send(thread, author, body, capture):
    with capture(execute=True):
        return discussions.reply_to_thread(author=author, thread=thread, body=body)


def test_a_reply_emails_the_author_once_after_commit(
    thread, asker, answerer, mailoutbox, django_capture_on_commit_callbacks
):
    post = reply_and_send(
        thread, answerer, "Try short quizzes.", django_capture_on_commit_callbacks
    )

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [asker.email]
    assert "replied to your thread" in mail.subject
    assert post.get_absolute_url() in mail.body
    assert "Try short quizzes." in mail.body
    assert reverse("notifications:preferences") in mail.body
    html = mail.alternatives[0][0]
    assert reverse("notifications:preferences") in html
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.extra_headers["List-Unsubscribe"].startswith("<http")
    assert Notification.objects.get(recipient=asker).emailed_at is not None


def test_nothing_is_sent_before_commit(thread, answerer, mailoutbox):
    discussions.reply_to_thread(author=answerer, thread=thread, body="Not yet.")
    assert mailoutbox == []


def test_a_redelivered_task_sends_once(thread, asker, answerer, mailoutbox):
    discussions.reply_to_thread(author=answerer, thread=thread, body="Once only.")
    notification = Notification.objects.get(recipient=asker)

    send_notification_email(notification.pk)
    send_notification_email(notification.pk)

    assert len(mailoutbox) == 1


def test_a_failed_send_releases_the_claim_for_the_retry(thread, asker, answerer, mailoutbox):
    discussions.reply_to_thread(author=answerer, thread=thread, body="Retry me.")
    notification = Notification.objects.get(recipient=asker)

    failing = mock.patch("notifications.tasks.send_templated_mail", side_effect=OSError("smtp"))
    with failing, pytest.raises(OSError):
        send_notification_email(notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is None

    send_notification_email(notification.pk)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("delivery", [Delivery.DIGEST, Delivery.OFF])
def test_digest_and_off_send_nothing_now(
    thread, asker, answerer, mailoutbox, django_capture_on_commit_callbacks, delivery
):
    services.set_email_preference(user=asker, kind=Kind.REPLY, delivery=delivery)
    reply_and_send(thread, answerer, "Later.", django_capture_on_commit_callbacks)

    assert mailoutbox == []


def test_read_before_the_worker_runs_is_not_emailed(thread, asker, answerer, mailoutbox):
    discussions.reply_to_thread(author=answerer, thread=thread, body="Seen already.")
    notification = Notification.objects.get(recipient=asker)
    services.mark_notification_read(user=asker, notification_id=notification.pk)

    send_notification_email(notification.pk)

    assert mailoutbox == []


def test_hidden_before_the_worker_runs_is_not_emailed(
    thread, gardener, asker, answerer, mailoutbox
):
    post = discussions.reply_to_thread(author=answerer, thread=thread, body="Spam.")
    moderation.set_post_hidden(actor=gardener, post=post, hidden=True)

    send_notification_email(Notification.objects.get(recipient=asker).pk)

    assert mailoutbox == []


def test_a_missing_notification_is_a_no_op(mailoutbox):
    send_notification_email(987654)
    assert mailoutbox == []


def test_a_mention_and_a_reply_send_two_emails_to_two_people(
    thread, asker, answerer, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    reply_and_send(thread, answerer, "@colleague and @asker", django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([asker.email, colleague.email])
    assert all("mentioned you" in m.subject for m in mailoutbox)


def test_the_unsubscribe_link_names_the_kind(thread, asker, answerer, mailoutbox):
    discussions.reply_to_thread(author=answerer, thread=thread, body="Link.")
    send_notification_email(Notification.objects.get(recipient=asker).pk)

    expected = unsubscribe_url(user_id=asker.pk, scope="notify:reply")
    assert mailoutbox[0].extra_headers["List-Unsubscribe"] == f"<{expected}>"


def test_one_click_unsubscribe_turns_that_kind_off(client, asker):
    url = reverse(
        "unsubscribe", kwargs={"token": make_token(user_id=asker.pk, scope="notify:reply")}
    )

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    prefs = services.email_preferences(asker)
    assert prefs["reply"] == Delivery.OFF
    assert prefs["mention"] == Delivery.IMMEDIATELY


def test_the_handler_is_idempotent_and_says_what_changed(asker):
    first = services.unsubscribe_from_kind(asker, "notify:mention")
    second = services.unsubscribe_from_kind(asker, "notify:mention")

    assert first == second
    assert "mentions of me" in first
    assert services.email_preferences(asker)["mention"] == Delivery.OFF


def test_an_unknown_kind_turns_every_notification_email_off(asker):
    services.unsubscribe_from_kind(asker, "notify:whatever")
    assert set(services.email_preferences(asker).values()) == {Delivery.OFF}


def test_a_forged_unsubscribe_link_is_400(client, asker):
    token = make_token(user_id=asker.pk, scope="notify:reply") + "x"
    response = client.post(reverse("unsubscribe", kwargs={"token": token}))
    assert response.status_code == 400
    assert services.email_preferences(asker)["reply"] == Delivery.IMMEDIATELY
