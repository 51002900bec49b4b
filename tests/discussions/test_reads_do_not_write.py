"""Reading never writes: the pages the benchmark loads run no INSERT, UPDATE or DELETE,
for a visitor and for a signed-in member (no view counters, no read markers)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ThreadFactory, add_member, add_replies

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE")


@pytest.fixture
def conversation(community):
    people = [add_member(community).user for _ in range(3)]
    thread = ThreadFactory(
        community=community,
        author=people[0],
        title="Deployment pipeline checklist",
        body="Our deployment pipeline stalls on the migration step.",
        behaviour_codes=["problem-solving"],
        tags=["pipeline"],
    )
    add_replies(thread, 35, authors=people)  # two pages of posts
    return thread


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_reading_pages_writes_nothing(community, conversation, client, who):
    if who == "member":
        client.force_login(add_member(community).user)
    url = conversation.get_absolute_url()
    pages = [
        community.get_absolute_url(),
        f"/c/{community.slug}/threads/",
        url,
        f"{url}?page=2",
        f"{url}?post=33",
        "/search/?q=deployment+pipeline",
    ]
    for page in pages:
        for attempt in ("first", "repeat"):  # a first visit must not write either
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page)
            assert response.status_code == 200, page
            writes = [
                q["sql"]
                for q in captured.captured_queries
                if q["sql"].lstrip().upper().startswith(WRITES)
            ]
            assert not writes, f"{who} GET {page} ({attempt}) wrote:\n" + "\n".join(writes)
