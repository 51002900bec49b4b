"""The threads policy, viewer by thread: each answer, and the queryset agreeing with it."""

import pytest

from communities.standing import EveryMember
from discussions.models import Post, Thread
from discussions.permissions import posts, threads
from notifications.permissions import notifications
from tests.permissions.conftest import (
    SIGNED_IN,
    THREADS,
    VISIBILITIES,
    cells,
    reads_thread,
    replies_to_thread,
    sign_in,
)


@pytest.mark.parametrize(("who", "key"), cells(THREADS))
def test_view_and_the_queryset_agree(fresh, who, key):
    user, thread = fresh.viewer(who), fresh.threads[key]

    allowed = threads.can_view(user, thread)

    assert allowed is reads_thread(who, key)
    assert threads.visible(user).filter(pk=thread.pk).exists() is allowed
    if who in SIGNED_IN:  # the answer for many people at once (who hears of a post)
        assert (user.pk in notifications.readers(thread, [user.pk])) is allowed


@pytest.mark.parametrize(("who", "key"), cells(THREADS))
def test_what_a_viewer_may_do_in_a_thread(fresh, who, key):
    user, thread = fresh.viewer(who), fresh.threads[key]
    sees = reads_thread(who, key)

    assert threads.can_reply(user, thread) is replies_to_thread(who, key)
    # The member wrote every thread: the asker and the gardeners accept an answer.
    assert threads.can_accept_answer(user, thread) is (sees and who in {"member", "gardener"})
    assert threads.can_moderate(user, thread) is (who == "gardener")
    assert threads.can_invite_guests(user, thread) is (who == "gardener")


@pytest.mark.parametrize(("who", "key"), cells(THREADS))
def test_the_thread_page_answers_200_or_404(fresh, client, page_cache_off, who, key):
    sign_in(client, fresh, who)

    response = client.get(fresh.threads[key].get_absolute_url())

    assert response.status_code == (200 if reads_thread(who, key) else 404)


@pytest.mark.parametrize("who", ["stranger", "outsider", "member", "guest", "operator"])
def test_the_thread_list_and_search_list_what_the_policy_lets_one_open(
    fresh, client, page_cache_off, who
):
    sign_in(client, fresh, who)
    community = fresh.communities["public"]
    listing = client.get(f"/c/{community.slug}/threads/").content.decode()
    found = client.get("/search/", {"q": "worked"}).content.decode()

    for key, thread in fresh.threads.items():
        # A guest's members-only thread here is one they may open: it is listed for them.
        listed = thread.community == community and reads_thread(who, key)
        assert (thread.title in listing) is listed, key
        assert (thread.title in found) is reads_thread(who, key), key
    assert "Matrix public" in found  # the search did find something


def test_the_feed_shows_only_what_anyone_may_read(fresh, client):
    feed = client.get(f"/c/{fresh.communities['public'].slug}/feed/").content.decode()

    for key, thread in fresh.threads.items():
        assert (thread.title in feed) is reads_thread("stranger", key), key
    for visibility in ["unlisted", "private"]:
        assert client.get(f"/c/{fresh.communities[visibility].slug}/feed/").status_code == 404


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_digests_read_what_every_plain_member_may_read(fresh, visibility):
    """A digest reads a community's news once for all its members: through the same rule,
    asked for any plain member (no gardener's reach, no guest pass)."""
    community = fresh.communities[visibility]
    member = fresh.viewer("member")
    here = Thread.objects.filter(community=community)
    said_here = Post.objects.filter(thread__community=community)

    assert set(threads.visible(EveryMember(community), here)) == {
        t for t in here if threads.can_view(member, t)
    }
    assert set(posts.visible(EveryMember(community), said_here)) == {
        p for p in said_here.select_related("thread__community") if posts.can_view(member, p)
    }
