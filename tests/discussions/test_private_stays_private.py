"""What was said in private, or hidden by a gardener, stays out of sight when things change."""

import pytest

from communities.models import Activity
from communities.services import update_community
from core.vocabulary import Target, Verb
from discussions import moderation
from tests.factories import CommunityFactory, ThreadFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


def test_a_hidden_thread_leaves_members_activity_lists(community, gardener, client):
    asker = add_member(community).user
    thread = ThreadFactory(community=community, author=asker, title="Zebra title")
    add_replies(thread, 1, authors=[gardener])
    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=True)
    client.force_login(add_member(community).user)

    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "Zebra title" not in client.get(community.get_absolute_url()).content.decode()
    assert "Zebra title" not in client.get("/").content.decode()
    assert Activity.objects.filter(title="Zebra title", withdrawn=False).count() == 0

    client.force_login(gardener)  # gardeners still see it, to undo it
    assert "Zebra title" in client.get(community.get_absolute_url()).content.decode()

    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=False)
    assert Activity.objects.filter(title="Zebra title", withdrawn=True).count() == 0


def test_a_hidden_post_leaves_members_activity_lists(community, gardener, client):
    thread = ThreadFactory(community=community, title="Open question")
    post = add_replies(thread, 1, authors=[add_member(community).user])[0]

    moderation.set_post_hidden(actor=gardener, post=post, hidden=True)

    row = Activity.objects.get(target_type=Target.POST, target_id=post.pk, verb=Verb.REPLIED)
    assert row.withdrawn and not row.is_public


def test_a_thread_moved_out_of_a_private_community_stays_for_members(gardener, community, client):
    private = CommunityFactory(visibility="private", creator=gardener)
    thread = ThreadFactory(community=private, author=gardener, title="Circle case")

    moderation.move_thread(actor=gardener, thread=thread, to=community)

    thread.refresh_from_db()
    assert thread.members_only
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "Circle case" not in client.get(f"/c/{community.slug}/feed/").content.decode()


def test_opening_a_private_community_does_not_publish_its_old_threads(gardener, client):
    private = CommunityFactory(visibility="private", creator=gardener)
    thread = ThreadFactory(community=private, author=gardener, title="Circle notes")

    update_community(actor=gardener, community=private, visibility="public")

    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "Circle notes" not in client.get("/search/?q=circle").content.decode()
    client.force_login(gardener)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Members only" in page  # and now that it is public, the badge says so
