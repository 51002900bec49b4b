"""Flags from members, and what gardeners do about them: nothing is deleted, all is logged."""

import pytest

from communities.models import Activity
from core.errors import ActionError
from core.vocabulary import Verb
from discussions import moderation
from discussions.models import Flag, ModerationAction
from tests.factories import UserFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(thread, answerer):
    return add_replies(thread, 1, authors=[answerer])[0]


def test_a_member_flags_a_post_once(reply, asker):
    moderation.flag_post(member=asker, post=reply, reason="unkind", note="Harsh")

    with pytest.raises(ActionError, match="already flagged"):
        moderation.flag_post(member=asker, post=reply, reason="spam")
    assert Flag.objects.filter(post=reply).count() == 1


def test_outsiders_cannot_flag(reply):
    with pytest.raises(ActionError):
        moderation.flag_post(member=UserFactory(), post=reply, reason="spam")


def test_an_unknown_reason_is_refused(reply, asker):
    with pytest.raises(ActionError, match="Choose a reason"):
        moderation.flag_post(member=asker, post=reply, reason="boring")


def test_hiding_keeps_the_text_resolves_flags_and_logs(reply, asker, gardener):
    moderation.flag_post(member=asker, post=reply, reason="unkind")

    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True, note="Tone")

    reply.refresh_from_db()
    assert reply.hidden and reply.body  # hidden, not deleted
    assert not Flag.objects.filter(post=reply, resolved_at=None).exists()
    action = ModerationAction.objects.get()
    assert (action.kind, action.actor, action.post, action.note) == (
        "hide_post",
        gardener,
        reply,
        "Tone",
    )


def test_hiding_the_accepted_answer_unaccepts_it(thread, reply, asker, gardener):
    from discussions.services import accept_answer

    accept_answer(actor=asker, thread=thread, post=reply)
    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)

    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_members_cannot_moderate(thread, reply, asker):
    with pytest.raises(ActionError):
        moderation.set_post_hidden(actor=asker, post=reply, hidden=True)
    with pytest.raises(ActionError):
        moderation.set_thread_switch(actor=asker, thread=thread, switch="locked", on=True)
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize("switch", ["locked", "pinned", "hidden"])
def test_thread_switches_are_logged_both_ways(thread, gardener, switch):
    moderation.set_thread_switch(actor=gardener, thread=thread, switch=switch, on=True)
    moderation.set_thread_switch(actor=gardener, thread=thread, switch=switch, on=False)

    thread.refresh_from_db()
    assert getattr(thread, switch) is False
    assert ModerationAction.objects.count() == 2


def test_the_member_sees_a_placeholder_and_the_gardener_the_text(
    community, thread, reply, asker, gardener, client
):
    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)

    client.force_login(asker)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "A gardener has hidden this post." in page
    assert reply.body_html not in page

    client.force_login(gardener)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Hidden from members" in page


def test_the_queue_is_for_gardeners_only(community, thread, reply, asker, gardener, client):
    moderation.flag_post(member=asker, post=reply, reason="confidential", note="Names a child")
    url = f"/c/{community.slug}/moderation/"

    client.force_login(asker)
    assert client.get(url).status_code == 403  # the community is theirs to see, not to moderate

    client.force_login(gardener)
    page = client.get(url).content.decode()
    assert "Names a child" in page
    assert "Shares confidential or identifying details" in page


def test_flag_hide_and_dismiss_through_the_pages(community, thread, reply, asker, gardener, client):
    base = f"{thread.get_absolute_url()}posts/{reply.number}/"
    client.force_login(asker)
    response = client.post(f"{base}flag/", {"reason": "unkind", "note": "Harsh"})
    assert response.status_code == 302

    client.force_login(gardener)
    client.post(f"{base}dismiss/")
    assert not Flag.objects.filter(resolved_at=None).exists()
    assert reply.__class__.objects.get(pk=reply.pk).hidden is False

    client.post(f"{base}hide/", {"hidden": "1", "next": "queue"})
    assert reply.__class__.objects.get(pk=reply.pk).hidden is True


def test_a_flag_without_a_reason_gets_a_400(thread, reply, asker, client):
    client.force_login(asker)
    response = client.post(f"{thread.get_absolute_url()}posts/{reply.number}/flag/", {})
    assert response.status_code == 400


def test_locked_thread_refuses_member_replies_but_not_gardeners(thread, asker, gardener):
    from discussions.services import reply_to_thread

    moderation.set_thread_switch(actor=gardener, thread=thread, switch="locked", on=True)
    thread.refresh_from_db()

    with pytest.raises(ActionError, match="locked"):
        reply_to_thread(author=asker, thread=thread, body="One more thing")
    assert reply_to_thread(author=gardener, thread=thread, body="Closing note").number == 2


def test_the_moderation_page_is_constant_in_flags(
    community, thread, gardener, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(gardener)
    url = f"/c/{community.slug}/moderation/"

    def count_with(flaggers: int) -> int:
        posts = add_replies(thread, flaggers, authors=[gardener])
        for post in posts:
            member = add_member(community).user
            moderation.flag_post(member=member, post=post, reason="spam")
            moderation.set_thread_switch(
                actor=gardener, thread=thread, switch="pinned", on=not thread.pinned
            )
            thread.refresh_from_db()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    assert count_with(2) == count_with(12)


def test_resolving_flags_is_recorded_privately_once_per_decision(reply, asker, gardener):
    other = add_member(reply.thread.community).user
    moderation.flag_post(member=asker, post=reply, reason="unkind")
    moderation.flag_post(member=other, post=reply, reason="spam")

    moderation.dismiss_flags(actor=gardener, post=reply)
    moderation.dismiss_flags(actor=gardener, post=reply)  # nothing left to resolve

    resolved = Activity.objects.get(verb=Verb.FLAG_RESOLVED)
    assert (resolved.actor, resolved.target_id, resolved.is_public) == (gardener, reply.pk, False)

    moderation.flag_post(member=asker, post=reply, reason="unkind")
    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)

    assert Activity.objects.filter(verb=Verb.FLAG_RESOLVED).count() == 2


def test_hiding_an_unflagged_post_resolves_nothing(reply, gardener):
    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)

    assert not Activity.objects.filter(verb=Verb.FLAG_RESOLVED).exists()
