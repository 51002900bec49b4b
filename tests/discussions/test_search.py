"""Search finds only what the person may open, highlights safely, on PostgreSQL and SQLite."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussions import moderation
from discussions.search import search_posts
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


def _titles(hits):
    return {hit.post.thread.title for hit in hits}


@pytest.fixture
def world():
    public = CommunityFactory(visibility="public")
    private = CommunityFactory(visibility="private")
    member = add_member(public).user
    ThreadFactory(community=public, title="Open thread", body="Refusal at the doorstep")
    ThreadFactory(
        community=public,
        title="Members thread",
        body="Refusal discussed among members",
        members_only=True,
    )
    ThreadFactory(community=private, title="Private thread", body="Refusal in supervision")
    return public, private, member


def test_anonymous_people_find_only_public_threads(world):
    assert _titles(search_posts(None, "refusal")) == {"Open thread"}


def test_members_find_members_only_threads_of_their_communities(world):
    _public, _private, member = world
    assert _titles(search_posts(member, "refusal")) == {"Open thread", "Members thread"}


def test_private_members_find_their_private_threads(world):
    _public, private, _member = world
    gardener = private.memberships.get().user
    assert "Private thread" in _titles(search_posts(gardener, "refusal"))


def test_hidden_posts_are_never_found(world):
    public, _private, member = world
    thread = ThreadFactory(community=public, title="Another", body="Opening words")
    reply = add_replies(thread, 1, authors=[member])[0]
    reply.body = "zebra secret"
    reply.save()
    gardener = public.memberships.filter(role="gardener").first().user
    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)

    assert search_posts(gardener, "zebra") == []
    assert search_posts(member, "zebra") == []


def test_the_snippet_is_escaped_and_highlighted(world):
    public, _private, _member = world
    ThreadFactory(community=public, title="XSS", body="<script>alert(1)</script> doorstep talk")

    hits = [h for h in search_posts(None, "doorstep") if h.post.thread.title == "XSS"]

    assert hits
    assert "<script>" not in hits[0].snippet
    assert "<mark>" in hits[0].snippet


def test_filters_by_community_and_behaviour(world):
    other = CommunityFactory(visibility="public")
    ThreadFactory(
        community=other,
        title="Elsewhere",
        body="Refusal too",
        behaviour_codes=["visits"],
    )

    assert _titles(search_posts(None, "refusal", community_id=other.pk)) == {"Elsewhere"}
    assert _titles(search_posts(None, "refusal", behaviour="visits")) == {"Elsewhere"}


def test_the_search_page(world, client):
    response = client.get("/search/", {"q": "refusal", "community": "nope", "behaviour": "x"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Open thread" in page
    assert "Private thread" not in page


def test_empty_and_absurd_queries_do_not_break(client):
    assert client.get("/search/").status_code == 200
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200
    assert client.get("/search/", {"q": '"unbalanced OR -'}).status_code == 200


def test_search_page_queries_are_constant_in_results(client):
    community = CommunityFactory(visibility="public")
    author = UserFactory()
    add_member(community, author)

    def count(n: int) -> int:
        for i in range(n):
            ThreadFactory(community=community, author=author, title=f"Lamp {i}", body="lamp oil")
        with CaptureQueriesContext(connection) as ctx:
            client.get("/search/", {"q": "lamp"})
        return len(ctx)

    assert count(2) == count(10)


def test_a_common_word_ranks_only_the_newest_matches(world, monkeypatch):
    """Ranking is bounded: with room for three candidates, the three newest matches are
    ranked (hidden and private posts never among them), whatever matched before."""
    from discussions import search

    public, _private, member = world
    thread = ThreadFactory(community=public, title="Lanterns", body="lantern")
    replies = add_replies(thread, 5, authors=[member])
    for n, reply in enumerate(replies):
        reply.body = "lantern " * (5 - n)  # the oldest reply ranks best
        reply.save()
    gardener = public.memberships.filter(role="gardener").first().user
    moderation.set_post_hidden(actor=gardener, post=replies[-1], hidden=True)
    monkeypatch.setattr(search, "CANDIDATES", 3)

    found = [hit.post.pk for hit in search_posts(member, "lantern")]

    if connection.vendor == "postgresql":
        assert set(found) == {replies[1].pk, replies[2].pk, replies[3].pk} | {
            thread.posts.get(number=1).pk  # its title matches too
        }
        assert found[0] == replies[1].pk  # ranked among the candidates
    assert replies[-1].pk not in found
