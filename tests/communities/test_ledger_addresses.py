"""The ledger names targets by id and works out their addresses when read: in a fixed
number of queries, and never as a link to something that is gone."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities import selectors
from communities.ledger.addresses import with_urls
from communities.models import Activity
from core import targets
from core.vocabulary import Target
from discussions.models import Thread
from tests.factories import CommunityFactory, ThreadFactory, add_member, add_replies

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def test_no_address_is_stored_and_every_target_has_a_resolver():
    with pytest.raises(FieldDoesNotExist):
        Activity._meta.get_field("url")
    assert targets.registered() >= set(Target.values)


def test_rows_are_keyed_by_their_thread():
    thread = ThreadFactory()
    reply = add_replies(thread, 1)[0]
    rows = Activity.objects.filter(thread_id=thread.pk).order_by("pk")
    assert [(r.target_type, r.target_id) for r in rows] == [
        (Target.THREAD, thread.pk),
        (Target.POST, reply.pk),
    ]
    assert [r.url for r in with_urls(rows)] == [
        thread.get_absolute_url(),
        reply.get_absolute_url(),
    ]


def test_a_row_whose_target_is_gone_is_shown_as_text(client):
    community = CommunityFactory()
    kept = ThreadFactory(community=community, title="Still here")
    gone = ThreadFactory(community=community, title="Taken down")
    Thread.objects.filter(pk=gone.pk).delete()

    page = client.get(community.get_absolute_url()).content.decode()
    assert f'href="{kept.get_absolute_url()}">Still here' in page
    assert "Taken down" in page
    assert f'href="{gone.get_absolute_url()}"' not in page

    feed = client.get(f"/c/{community.slug}/feed/").content.decode()
    links = [urlsplit(link).path for link in re.findall(r'<entry>.*?<link href="([^"]+)"', feed)]
    assert gone.get_absolute_url() not in links
    assert kept.get_absolute_url() in links


def _activity_queries(viewer, communities) -> int:
    with CaptureQueriesContext(connection) as captured:
        rows = selectors.recent_activity(communities, viewer=viewer, limit=50)
    assert rows
    return len(captured.captured_queries)


def test_an_activity_list_costs_the_same_for_many_rows():
    community = CommunityFactory()
    viewer = add_member(community).user
    add_replies(ThreadFactory(community=community), 1)
    small = _activity_queries(viewer, [community])  # one query per kind of target
    for _n in range(6):
        thread = ThreadFactory(community=community)
        add_replies(thread, 2)
        add_member(community)
    assert _activity_queries(viewer, [community]) == small
