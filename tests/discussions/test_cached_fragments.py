"""Thread pages and thread lists reuse rendered HTML, and never a copy that no longer fits.

Every test first views the page (filling the cache), changes something through the
services, then views it again: the second view must show the change, for the right eyes.
"""

import re

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from discussions import moderation, services
from discussions.fragments import markers
from discussions.models import Post
from tests.factories import add_member, add_replies

# The fragments themselves, under whole pages: those are tested in tests/test_page_cache.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def reply(thread, answerer):
    return add_replies(thread, 1, authors=[answerer])[0]


def _page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _post_html(page: str, number: int) -> str:
    match = re.search(rf'<article[^>]*id="post-{number}".*?</article>', page, re.S)
    assert match, f"post {number} is not on the page"
    return match.group(0)


def test_the_second_view_renders_no_post_template(client, thread, reply):
    _page(client, thread)
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        _page(client, thread)
    finally:
        template_rendered.disconnect(record)
    assert "discussions/_partials/post.html" not in rendered


def test_an_edit_shows_at_once(client, thread, reply, answerer):
    assert "Rewritten answer" not in _page(client, thread)

    services.edit_post(editor=answerer, post=reply, body="Rewritten answer")

    html = _post_html(_page(client, thread), 2)
    assert "Rewritten answer" in html
    assert "edited" in html


def test_a_hidden_post_is_not_served_from_a_gardeners_copy(client, thread, reply, gardener, asker):
    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)
    body = reply.body[:40]
    client.force_login(gardener)
    assert body in _post_html(_page(client, thread), 2)  # the gardener sees it, marked

    client.force_login(asker)
    html = _post_html(_page(client, thread), 2)
    assert body not in html
    assert "A gardener has hidden this post." in html
    client.logout()
    assert body not in _page(client, thread)


def test_hide_and_unhide_show_at_once(client, thread, reply, gardener):
    body = reply.body[:40]
    assert body in _page(client, thread)

    moderation.set_post_hidden(actor=gardener, post=Post.objects.get(pk=reply.pk), hidden=True)
    assert body not in _page(client, thread)

    moderation.set_post_hidden(actor=gardener, post=Post.objects.get(pk=reply.pk), hidden=False)
    assert body in _page(client, thread)


def test_a_helpful_mark_shows_at_once_for_the_marker_and_for_others(
    client, thread, reply, asker, community
):
    other = add_member(community).user
    client.force_login(other)
    assert "You found this helpful" not in _page(client, thread)
    client.force_login(asker)
    assert "You found this helpful" not in _page(client, thread)

    services.toggle_helpful(member=asker, post=Post.objects.get(pk=reply.pk))

    mine = _post_html(_page(client, thread), 2)
    assert "You found this helpful" in mine and "· 1" in mine
    client.force_login(other)
    theirs = _post_html(_page(client, thread), 2)
    assert "You found this helpful" not in theirs and "· 1" in theirs
    client.logout()
    assert "1 person found this helpful" in _post_html(_page(client, thread), 2)


def test_an_accepted_answer_shows_at_once(client, thread, reply, asker):
    assert "Accepted answer" not in _page(client, thread)

    services.accept_answer(actor=asker, thread=thread, post=reply)

    assert "Accepted answer" in _page(client, thread)


def test_a_renamed_author_shows_at_once(client, thread, reply, answerer):
    _page(client, thread)

    User.objects.filter(pk=answerer.pk).update(display_name="Renamed Person")

    assert "Renamed Person" in _post_html(_page(client, thread), 2)


def test_own_posts_get_edit_others_get_flag_from_the_same_cache(
    client, thread, reply, asker, answerer
):
    client.force_login(answerer)
    mine = _post_html(_page(client, thread), 2)
    assert "Edit" in mine and "Flag" not in mine
    client.force_login(asker)
    theirs = _post_html(_page(client, thread), 2)
    assert "Edit" not in theirs and "Flag" in theirs


def test_buttons_carry_this_visitors_csrf_token(client, thread, reply, asker):
    client.force_login(asker)
    _page(client, thread)
    page = _page(client, thread)  # from the cache
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert tokens and all(len(token) == 64 for token in tokens)
    assert not any(marker in page for marker in markers())


def test_times_are_fresh_and_in_the_viewers_zone(client, thread, reply, asker):
    asker.timezone = "Asia/Tokyo"
    asker.save(update_fields=["timezone"])
    _page(client, thread)
    client.force_login(asker)
    html = _post_html(_page(client, thread), 2)
    assert re.search(r'<time datetime="[^"]+\+09:00">', html)
    assert "now" in html or "ago" in html


def test_a_cached_page_costs_no_more_queries(client, thread, reply, asker):
    add_replies(thread, 5)
    client.force_login(asker)
    with CaptureQueriesContext(connection) as cold:
        _page(client, thread)
    with CaptureQueriesContext(connection) as warm:
        _page(client, thread)
    assert len(warm) <= len(cold)


# --- rows of the thread list ----------------------------------------------------------


def _list(client, community) -> str:
    response = client.get(f"/c/{community.slug}/threads/")
    assert response.status_code == 200
    return response.content.decode()


def _row(page: str, title: str) -> str:
    rows = re.findall(r'<li class="card thread-row">.*?</li>', page, re.S)
    [row] = [row for row in rows if title in row]
    return row


def test_a_reply_shows_in_the_list_at_once(client, community, thread, answerer):
    assert "0 replies" in _row(_list(client, community), thread.title)

    services.reply_to_thread(author=answerer, thread=thread, body="Try a paper quiz")

    row = _row(_list(client, community), thread.title)
    assert "1 reply" in row and answerer.name in row


def test_pinning_locking_and_answering_show_in_the_list_at_once(
    client, community, thread, reply, gardener, asker
):
    _list(client, community)

    moderation.set_thread_switch(actor=gardener, thread=thread, switch="pinned", on=True)
    moderation.set_thread_switch(actor=gardener, thread=thread, switch="locked", on=True)
    services.accept_answer(actor=asker, thread=thread, post=reply)

    row = _row(_list(client, community), thread.title)
    assert "Pinned" in row and "Locked" in row and "Answered" in row


def test_a_hidden_thread_leaves_the_list_and_shows_marked_to_gardeners(
    client, community, thread, gardener
):
    _list(client, community)

    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=True)

    assert thread.title not in _list(client, community)
    client.force_login(gardener)
    assert "Hidden" in _row(_list(client, community), thread.title)


def test_list_rows_render_once(client, community, thread):
    _list(client, community)
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        _list(client, community)
    finally:
        template_rendered.disconnect(record)
    assert "discussions/_partials/thread_row.html" not in rendered


def test_a_cache_outage_slows_the_page_but_does_not_break_it(client, thread, reply, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "set_many", down)
    assert reply.body[:40] in _page(client, thread)
