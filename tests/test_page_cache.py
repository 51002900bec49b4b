"""Whole reading pages are served again, and never once something changed or to other eyes.

Each test views a page (keeping it), changes something or switches viewer, and views it
again: the second answer must fit the change and the viewer.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from communities.models import Community, GuestPass
from communities.models.choices import Visibility
from core import page_cache
from discussions import services
from discussions.models import Post
from tests.factories import ThreadFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(community, member):
    return ThreadFactory(
        community=community,
        author=member,
        title="Exit tickets that students actually fill in",
        body="Ours come back blank. What works for you?",
        behaviour_codes=["problem-solving"],
    )


def _get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def _pages(community, thread):
    return [
        community.get_absolute_url(),
        f"/c/{community.slug}/threads/",
        thread.get_absolute_url(),
        "/search/?q=tickets",
    ]


def test_each_reading_page_is_served_again_unchanged(client, community, thread):
    for url in _pages(community, thread):
        first = _get(client, url)
        assert first["X-Page-Cache"] == "miss", url
        again = _get(client, url)
        assert again["X-Page-Cache"] == "hit", url
        assert again.content == first.content
        assert not again.cookies, "an anonymous copy never sets a cookie"


def test_a_reply_posted_through_the_site_shows_at_once(client, community, thread, member):
    url = thread.get_absolute_url()
    _get(client, url)
    other = add_member(community).user
    client.force_login(other)
    _get(client, url)
    response = client.post(f"{url}reply/", {"body": "We grade them, briefly, every time."})
    assert response.status_code == 302
    assert b"We grade them, briefly" in client.get(url).content
    client.logout()
    assert b"We grade them, briefly" in _get(client, url).content


def test_a_change_made_outside_any_request_shows_at_once(client, community, thread, member):
    """A task or command writes through the models, not through a request."""
    url = thread.get_absolute_url()
    _get(client, url)
    _get(client, f"/c/{community.slug}/threads/")
    services.reply_to_thread(author=member, thread=thread, body="Written by a background job")
    assert b"Written by a background job" in _get(client, url).content
    Community.objects.filter(pk=community.pk).update(name="Renamed quietly")
    page = _get(client, community.get_absolute_url())
    # QuerySet.update sends no signal: such a change waits for the timeout...
    assert page["X-Page-Cache"] == "miss"  # ...but this page was never kept before it
    assert b"Renamed quietly" in page.content


def test_an_update_inside_a_request_retires_the_pages(client, community, thread, gardener):
    """A view that writes with QuerySet.update still renews the generation on its way out."""
    url = thread.get_absolute_url()
    _get(client, url)
    client.force_login(gardener)
    with mock.patch.object(page_cache, "community_slug_of", return_value="elsewhere"):
        client.post(f"{url}moderate/", {"switch": "locked", "on": "1"})
    client.logout()
    assert _get(client, url)["X-Page-Cache"] == "miss"


def test_signed_in_pages_are_never_kept_nor_served(client, community, thread, member):
    url = thread.get_absolute_url()
    assert _get(client, url)["X-Page-Cache"] == "miss"  # kept for anonymous visitors
    client.force_login(member)
    for _ in range(2):
        mine = _get(client, url)
        assert "X-Page-Cache" not in mine
        assert member.name.encode() in mine.content
    client.logout()
    anonymous = _get(client, url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert member.name.encode() not in anonymous.content.split(b"</header>")[0]


def test_an_anonymous_page_never_carries_a_csrf_cookie(community, thread):
    browser = Client(enforce_csrf_checks=True)
    for url in [*_pages(community, thread), "/"]:
        for _ in range(2):
            response = _get(browser, url)
            assert settings.CSRF_COOKIE_NAME not in response.cookies, url
            assert b"csrfmiddlewaretoken" not in response.content, url
        assert response["X-Page-Cache"] == "hit", url


def test_a_page_that_made_a_csrf_token_is_not_kept(client, community, thread):
    """A form's token on a page shared by every visitor would be one visitor's secret."""
    url = thread.get_absolute_url()
    # get_full_path runs as the key is made, before the view: a token asked for there is
    # one the page would carry.
    with mock.patch.object(
        page_cache.HttpRequest, "get_full_path", autospec=True, side_effect=_token_then_path
    ):
        for _ in range(2):
            response = _get(client, url)
            assert "X-Page-Cache" not in response
            assert settings.CSRF_COOKIE_NAME in response.cookies


def _token_then_path(request):
    from django.middleware.csrf import get_token

    get_token(request)  # as a page with a form would
    return request.path


def test_a_write_in_one_community_leaves_the_others_pages(
    client, community, thread, member, make_community
):
    other, other_gardener = make_community(visibility=Visibility.PUBLIC)
    theirs = ThreadFactory(community=other, author=other_gardener, title="Elsewhere entirely")
    mine = [
        thread.get_absolute_url(),
        community.get_absolute_url(),
        f"/c/{community.slug}/threads/",
    ]
    site = ["/", "/search/?q=tickets"]
    elsewhere = [theirs.get_absolute_url(), other.get_absolute_url()]
    for url in mine + site + elsewhere:
        _get(client, url)
    services.reply_to_thread(author=member, thread=thread, body="A reply in the first one")
    for url in mine + site:
        assert _get(client, url)["X-Page-Cache"] == "miss", url
    for url in elsewhere:
        assert _get(client, url)["X-Page-Cache"] == "hit", url
    assert b"A reply in the first one" in _get(client, thread.get_absolute_url()).content


def test_a_signed_in_post_retires_the_community_it_was_sent_to(
    client, community, thread, make_community
):
    other, other_gardener = make_community(visibility=Visibility.PUBLIC)
    theirs = ThreadFactory(community=other, author=other_gardener)
    for url in (thread.get_absolute_url(), theirs.get_absolute_url(), "/"):
        _get(client, url)
    client.force_login(other_gardener)
    # Nothing the signals see: only the address says where the write was.
    with mock.patch.object(page_cache, "model_changed"):
        response = client.post(
            f"{theirs.get_absolute_url()}moderate/", {"switch": "locked", "on": "1"}
        )
    assert response.status_code < 400
    client.logout()
    assert _get(client, theirs.get_absolute_url())["X-Page-Cache"] == "miss"
    assert _get(client, "/")["X-Page-Cache"] == "miss"
    assert _get(client, thread.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_row_with_no_community_retires_everything(client, community, thread, member):
    _get(client, thread.get_absolute_url())
    member.display_name = "A new name shown everywhere"
    member.save()
    page = _get(client, thread.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"


def test_rows_find_their_community(community, thread, member):
    reply = services.reply_to_thread(author=member, thread=thread, body="Where am I?")
    fresh = Post.objects.get(pk=reply.pk)  # nothing loaded: one query finds the community
    assert page_cache.community_slug_of(fresh) == community.slug
    assert page_cache.community_slug_of(thread) == community.slug
    assert page_cache.community_slug_of(community) == community.slug
    assert page_cache.community_slug_of(member) is None


def test_a_write_is_retired_again_when_it_commits(client, community, thread):
    """A reader rendering between the save and the commit kept the old rows: retired too."""
    url = thread.get_absolute_url()
    thread.title = "Renamed before the commit"
    thread.save()
    thread.save()
    assert _get(client, url)["X-Page-Cache"] == "miss"  # the reader in between
    assert _get(client, url)["X-Page-Cache"] == "hit"
    # The test's transaction never commits: run what its commit would.
    pending = [
        func
        for _sids, func, _robust in connection.run_on_commit
        if isinstance(func, page_cache._RetireOnCommit)
    ]
    assert len(pending) == 1, "one renewal per transaction, however many saves"
    pending[0]()
    assert _get(client, url)["X-Page-Cache"] == "miss"
    assert _get(client, "/")["X-Page-Cache"] == "miss"


def test_a_private_community_page_never_reaches_an_outsider(client, make_community, outsider):
    private, gardener = make_community(visibility=Visibility.PRIVATE)
    thread = ThreadFactory(community=private, author=gardener, title="Only for us")
    client.force_login(gardener)
    _get(client, thread.get_absolute_url())
    _get(client, thread.get_absolute_url())
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert b"Only for us" not in client.get("/search/?q=only").content


def test_a_page_with_a_flash_message_is_neither_kept_nor_skipped(client, community, thread):
    member = add_member(community).user
    client.force_login(member)
    url = thread.get_absolute_url()
    _get(client, url)  # kept, without a message
    response = client.post(f"{url}reply/", {"body": "A reply with a confirmation"}, follow=True)
    assert response.status_code == 200
    shown = response.content
    assert b'class="messages"' in shown, "the confirmation is shown, not a kept copy"
    again = _get(client, url)
    assert b'class="messages"' not in again.content, "and shown once only"


def test_htmx_requests_are_not_served_from_the_cache(client, community, thread):
    url = f"/c/{community.slug}/threads/"
    _get(client, url)
    response = _get(client, url, HTTP_HX_REQUEST="true")
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"


def test_hidden_posts_stay_hidden_for_those_already_served(client, community, thread, gardener):
    reply = add_replies(thread, 1)[0]
    reply.body_html = "<p>Something to hide</p>"
    reply.save()
    url = thread.get_absolute_url()
    assert b"Something to hide" in _get(client, url).content
    client.force_login(gardener)
    client.post(f"{url}posts/{reply.number}/hide/", {"hidden": "1", "note": "off topic"})
    client.logout()
    assert Post.objects.get(pk=reply.pk).hidden
    assert b"Something to hide" not in _get(client, url).content


def test_a_guest_pass_page_is_never_kept(client, make_community, outsider):
    """A pass ends with time, not with a write: its pages must not outlive it."""
    public, gardener = make_community(visibility=Visibility.PUBLIC)
    thread = ThreadFactory(community=public, author=gardener, members_only=True)
    GuestPass.objects.create(
        community=public,
        email=outsider.email,
        target_type=GuestPass.Target.THREAD,
        target_id=thread.pk,
        title=thread.title,
        url=thread.get_absolute_url(),
        token_hash="x" * 64,
        invited_by=gardener,
        user=outsider,
        accepted_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(outsider)
    for _ in range(3):
        response = _get(client, thread.get_absolute_url())
        assert "X-Page-Cache" not in response
    GuestPass.objects.filter(user=outsider).update(expires_at=timezone.now())
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_addresses_with_unknown_parameters_are_not_kept(client, community, thread):
    url = f"{thread.get_absolute_url()}?utm={'x' * 50}"
    for _ in range(2):
        assert "X-Page-Cache" not in _get(client, url)
    assert _get(client, f"{thread.get_absolute_url()}?page=1")["X-Page-Cache"] == "miss"


def test_refused_or_anonymous_posts_do_not_empty_the_cache(client, community, thread, member):
    url = thread.get_absolute_url()
    _get(client, url)
    client.post(f"{url}reply/", {"body": "anonymous"})
    Client(enforce_csrf_checks=True).post("/search/", {"q": "x"})
    assert _get(client, url)["X-Page-Cache"] == "hit"


def test_opening_a_notification_retires_nothing(client, community, thread, member):
    other = add_member(community).user
    services.reply_to_thread(author=other, thread=thread, body="A reply that notifies")
    notification = member.notifications.get()
    url = community.get_absolute_url()
    _get(client, url)
    client.force_login(member)
    client.get(f"/notifications/{notification.pk}/")
    notification.refresh_from_db()
    assert notification.read_at is not None
    client.logout()
    assert _get(client, url)["X-Page-Cache"] == "hit"


def test_an_app_may_exclude_viewers(client, community, thread):
    url = thread.get_absolute_url()
    with mock.patch.object(page_cache, "_never_keep", [lambda user: True]):
        for _ in range(2):
            assert "X-Page-Cache" not in _get(client, url)
    assert _get(client, url)["X-Page-Cache"] == "miss"


@override_settings(PAGE_CACHE_SECONDS=0)
def test_off_when_the_setting_is_zero(client, community, thread):
    _get(client, thread.get_absolute_url())
    assert "X-Page-Cache" not in _get(client, thread.get_absolute_url())


def test_a_cache_outage_only_makes_the_page_slower(client, community, thread):
    with mock.patch.object(cache, "get", side_effect=ConnectionError("cache down")):
        response = _get(client, thread.get_absolute_url())
    assert thread.title.encode() in response.content
