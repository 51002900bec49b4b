"""Who may see which thread: pages answer 404 to those who may not, lists never show them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from communities import permissions
from discussions.models import Flag, Thread
from discussions.permissions import threads as thread_policy
from tests.factories import ThreadFactory, UserFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(community, gardener, asker):
    """One thread of each kind in a public community, titled by kind."""
    made = {
        kind: ThreadFactory(
            community=community, author=asker, title=f"The {kind} thread", members_only=only
        )
        for kind, only in [("open", False), ("members-only", True)]
    }
    for kind, only in [("hidden", False), ("hidden-members-only", True)]:
        made[kind] = ThreadFactory(
            community=community, author=asker, title=f"The {kind} thread", members_only=only
        )
        Thread.objects.filter(pk=made[kind].pk).update(hidden=True)
        made[kind].refresh_from_db()
    return made


# Which kinds each viewer may open.
EXPECTED = {
    "anonymous": {"open"},
    "outsider": {"open"},
    "member": {"open", "members-only"},
    "gardener": {"open", "members-only", "hidden", "hidden-members-only"},
}


@pytest.fixture
def viewers(community, gardener):
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "member": add_member(community).user,
        "gardener": gardener,
    }


@pytest.mark.parametrize("who", list(EXPECTED))
def test_thread_pages_open_only_for_those_who_may_see_them(threads, viewers, client, who):
    if viewers[who] is not None:
        client.force_login(viewers[who])

    for kind, thread in threads.items():
        response = client.get(thread.get_absolute_url())
        expected = 200 if kind in EXPECTED[who] else 404
        assert response.status_code == expected, (who, kind)
        if expected == 404:
            assert thread.title not in response.content.decode()


@pytest.mark.parametrize("who", list(EXPECTED))
def test_the_list_shows_exactly_the_threads_one_may_open(threads, viewers, community, client, who):
    viewer = viewers[who]
    if viewer is not None:
        client.force_login(viewer)

    content = client.get(f"/c/{community.slug}/threads/").content.decode()

    shown = {kind for kind, thread in threads.items() if thread.title in content}
    assert shown == EXPECTED[who]
    # The permission function and the queryset filter agree, thread by thread.
    user = viewer or AnonymousUser()
    permissions.forget_memberships(user)
    allowed = {kind for kind, t in threads.items() if thread_policy.can_view(user, t)}
    listed = set(thread_policy.visible(user).values_list("title", flat=True))
    assert allowed == EXPECTED[who]
    assert listed == {threads[kind].title for kind in EXPECTED[who]}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("query", ["?unanswered=1", "?behaviour=problem-solving", "?page=2"])
def test_filtered_lists_never_leak_either(threads, viewers, community, client, who, query):
    if viewers[who] is not None:
        client.force_login(viewers[who])

    content = client.get(f"/c/{community.slug}/threads/{query}").content.decode()

    for kind, thread in threads.items():
        if kind not in EXPECTED[who]:
            assert thread.title not in content


def test_a_gardener_sees_which_threads_are_hidden(threads, community, gardener, client):
    client.force_login(gardener)

    response = client.get(f"/c/{community.slug}/threads/")

    assert "Hidden" in response.content.decode()
    assert "Members only" in response.content.decode()


def test_a_hidden_thread_refuses_replies_from_members(threads, community, client):
    member = add_member(community).user
    client.force_login(member)
    hidden = threads["hidden"]

    response = client.post(f"{hidden.get_absolute_url()}reply/", {"body": "Hello?"})

    assert response.status_code == 404
    assert hidden.posts.count() == 1


# --- a community one cannot see -------------------------------------------------------


@pytest.fixture(params=["private", "unlisted"])
def closed(request, make_community):
    community, gardener = make_community(visibility=request.param)
    thread = ThreadFactory(community=community, author=gardener, title="Inside the circle")
    add_replies(thread, 1)
    return community, thread


def _read_urls(community, thread):
    base = f"/c/{community.slug}/threads/"
    item = f"{base}{thread.pk}/"
    return [base, f"{base}?behaviour=problem-solving", item, f"{item}?post=2"]


def _every_url(community, thread):
    """Every discussions address, with the method it answers; read pages first."""
    base = f"/c/{community.slug}/threads/"
    item = f"{base}{thread.pk}/"
    return [("get", url) for url in _read_urls(community, thread)] + [
        ("get", f"{base}new/"),
        ("post", f"{base}new/"),
        ("post", f"{item}reply/"),
        ("post", f"{item}accept/2/"),
        ("get", f"{item}posts/1/edit/"),
        ("post", f"{item}posts/1/edit/"),
        ("get", f"{item}posts/2/flag/"),
        ("post", f"{item}posts/2/flag/"),
        ("post", f"{item}posts/2/hide/"),
        ("post", f"{item}posts/2/dismiss/"),
        ("post", f"{item}moderate/"),
        ("get", f"/c/{community.slug}/moderation/"),
    ]


def test_every_discussions_url_in_a_closed_community_is_not_found_for_outsiders(
    closed, outsider, client
):
    community, thread = closed
    client.force_login(outsider)

    for method, url in _every_url(community, thread):
        data = {"title": "x", "body": "x", "behaviours": [1], "reason": "spam", "hidden": "1"}
        data |= {"switch": "locked", "on": "1"}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 404, (method, url)
        assert "Inside the circle" not in response.content.decode()
    thread.refresh_from_db()
    assert (thread.reply_count, thread.accepted_answer_id, thread.locked) == (1, None, False)
    assert not thread.posts.filter(hidden=True).exists()
    assert not Flag.objects.exists()
    assert Thread.objects.count() == 1


def test_closed_community_pages_are_not_found_for_visitors(closed, client):
    community, thread = closed

    for url in _read_urls(community, thread):
        assert client.get(url).status_code == 404


def test_sign_in_pages_do_not_reveal_that_a_closed_community_exists(closed, client):
    community, thread = closed

    read = _read_urls(community, thread)
    for method, url in _every_url(community, thread):
        if url in read:
            continue  # read pages: checked above, plain 404
        real = getattr(client, method)(url)
        made_up = getattr(client, method)(url.replace(community.slug, "no-such-community"))
        assert real.status_code == made_up.status_code == 302, (method, url)
        assert real["Location"].startswith("/accounts/login/")
