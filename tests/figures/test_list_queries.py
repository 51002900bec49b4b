"""The lists behind figures cost the same number of queries for a small and a large world."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Community
from tests.factories import CommunityFactory
from tests.figures.conftest import build_world, sponsor

pytestmark = pytest.mark.usefixtures("page_cache_off")

LISTS = [
    ("discussions:list", "evident=problem-solving"),
    ("discussions:list", "waiting=1"),
    ("communities:members", "contributed=1"),
    ("communities:members", "newcomers=1"),
    ("communities:members", "level=peripheral&role=member"),
    ("communities:members", "moved=inward"),
    ("communities:members", "quiet=1"),
    ("communities:members", "back=1"),
    ("communities:activity", "contributed=1"),
    ("communities:activity", "verb=replied&actor=nobody"),
    ("communities:activity", "contributed=1&public=1"),
    ("rhythm:meetings", "planned=1"),
    ("rhythm:meetings", "recorded=1"),
    ("communities:activity", "verb=rsvp"),
    ("assets:library", "reused=1"),
    ("insights:stories", "kind=immediate"),
    ("insights:stories", "start=2000-01-01"),
]


def _queries(client, community: Community, name: str, query: str) -> int:
    url = reverse(name, kwargs={"slug": community.slug}) + "?" + query
    client.get(url)  # warm: the first view of a page notes the visit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert b"filter-note" in response.content, url
    return len(captured)


@pytest.mark.parametrize(("name", "query"), LISTS)
def test_a_figure_list_costs_the_same_for_few_and_many(client, db, name, query):
    small, large = CommunityFactory(), CommunityFactory()
    build_world(small, 3)
    build_world(large, 20)
    counts = []
    for community in (small, large):
        client.force_login(sponsor(community))
        counts.append(_queries(client, community, name, query))
    assert counts[0] == counts[1], counts
