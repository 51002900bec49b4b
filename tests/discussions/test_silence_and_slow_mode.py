"""Gardeners cool things down: a member paused from posting, a thread in slow mode."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from core.errors import ActionError
from discussions import moderation, services
from discussions.models import ModerationAction, Post
from notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def _membership(community, user):
    return Membership.objects.get(community=community, user=user)


def test_a_silenced_member_reads_but_cannot_post(community, thread, asker, gardener, client):
    moderation.silence_member(
        actor=gardener, membership=_membership(community, asker), days=3, note="Cool off"
    )

    with pytest.raises(ActionError, match="paused your posting"):
        services.reply_to_thread(author=asker, thread=thread, body="But wait")
    with pytest.raises(ActionError, match="paused your posting"):
        services.create_thread(
            author=asker,
            community=community,
            title="New",
            body="Hello",
            behaviour_codes=["visits"],
        )
    client.force_login(asker)
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 200
    assert "paused your posting" in page.content.decode()
    action = ModerationAction.objects.get(kind="silence")
    assert (action.member, action.note) == (asker, "Cool off")


def test_the_silence_ends_by_itself(community, thread, asker, gardener):
    membership = _membership(community, asker)
    moderation.silence_member(actor=gardener, membership=membership, days=1)
    Membership.objects.filter(pk=membership.pk).update(
        silenced_until=timezone.now() - timedelta(minutes=1)
    )

    assert services.reply_to_thread(author=asker, thread=thread, body="Back again").number == 2


def test_zero_days_lifts_it(community, thread, asker, gardener):
    membership = _membership(community, asker)
    moderation.silence_member(actor=gardener, membership=membership, days=5)
    moderation.silence_member(actor=gardener, membership=membership, days=0)

    assert services.reply_to_thread(author=asker, thread=thread, body="Thanks").number == 2
    assert ModerationAction.objects.filter(kind="unsilence").exists()


@pytest.mark.parametrize("days", [-1, 91])
def test_out_of_range_days_are_refused(community, asker, gardener, days):
    with pytest.raises(ActionError, match="between 0 and 90"):
        moderation.silence_member(
            actor=gardener, membership=_membership(community, asker), days=days
        )


def test_gardeners_cannot_be_silenced_and_members_cannot_silence(
    community, asker, answerer, gardener
):
    with pytest.raises(ActionError):
        moderation.silence_member(
            actor=gardener, membership=_membership(community, gardener), days=1
        )
    with pytest.raises(ActionError):
        moderation.silence_member(actor=asker, membership=_membership(community, answerer), days=1)


def test_silence_through_the_people_page(community, asker, gardener, client):
    membership = _membership(community, asker)
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/moderation/silence/{membership.pk}/", {"days": "2", "note": ""}
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_silenced
    bad = client.post(f"/c/{community.slug}/moderation/silence/{membership.pk}/", {"days": "x"})
    assert bad.status_code == 302  # with the message, nothing changed
    membership.refresh_from_db()
    assert membership.is_silenced


def test_huge_numbers_get_the_range_message(community, thread, asker, gardener, client):
    membership = _membership(community, asker)
    client.force_login(gardener)
    huge = "9" * 5000

    silenced = client.post(
        f"/c/{community.slug}/moderation/silence/{membership.pk}/", {"days": huge}, follow=True
    )
    slowed = client.post(
        f"/c/{community.slug}/threads/{thread.pk}/slow-mode/", {"seconds": huge}, follow=True
    )

    assert silenced.status_code == slowed.status_code == 200
    assert "Choose between 0 and" in silenced.content.decode()
    assert "Choose a pause between 0 seconds and one day" in slowed.content.decode()
    membership.refresh_from_db()
    thread.refresh_from_db()
    assert not membership.is_silenced
    assert not ModerationAction.objects.exists()


def test_slow_mode_allows_one_reply_per_window(thread, asker, answerer, gardener):
    moderation.set_slow_mode(actor=gardener, thread=thread, seconds=300)
    thread.refresh_from_db()

    services.reply_to_thread(author=answerer, thread=thread, body="First thought")
    with pytest.raises(ActionError, match="slow mode"):
        services.reply_to_thread(author=answerer, thread=thread, body="Second thought")
    # Others, and gardeners, are not held back by someone else's reply.
    services.reply_to_thread(author=asker, thread=thread, body="My turn")
    services.reply_to_thread(author=gardener, thread=thread, body="Note from the gardener")
    services.reply_to_thread(author=gardener, thread=thread, body="And another")
    assert Post.objects.filter(thread=thread).count() == 5


def test_slow_mode_double_submit_still_returns_the_same_post(thread, answerer, gardener):
    moderation.set_slow_mode(actor=gardener, thread=thread, seconds=300)
    thread.refresh_from_db()

    first = services.reply_to_thread(author=answerer, thread=thread, body="Same words")
    again = services.reply_to_thread(author=answerer, thread=thread, body="Same words")

    assert first.pk == again.pk


def test_slow_mode_bounds_and_permission(thread, asker, gardener):
    with pytest.raises(ActionError):
        moderation.set_slow_mode(actor=asker, thread=thread, seconds=60)
    with pytest.raises(ActionError):
        moderation.set_slow_mode(actor=gardener, thread=thread, seconds=10**6)


def test_a_silenced_member_cannot_edit_and_so_mentions_nobody(
    community, thread, asker, gardener, client, mailoutbox, django_capture_on_commit_callbacks
):
    post = thread.posts.get(number=1)
    moderation.silence_member(actor=gardener, membership=_membership(community, asker), days=3)

    body = f"{post.body} @{gardener.username}"
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ActionError, match="paused your posting"),
    ):
        services.edit_post(editor=asker, post=post, body=body)
    client.force_login(asker)
    edit_url = reverse(
        "discussions:edit_post",
        kwargs={"slug": community.slug, "thread_id": thread.pk, "number": post.number},
    )
    response = client.post(edit_url, {"body": f"Changed @{gardener.username}"})

    assert response.status_code == 403
    assert Post.objects.get(pk=post.pk).body == post.body
    assert not Notification.objects.filter(recipient=gardener, kind=Kind.MENTION).exists()
    assert mailoutbox == []
    page = client.get(thread.get_absolute_url()).content.decode()
    assert edit_url not in page
