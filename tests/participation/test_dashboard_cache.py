"""The dashboard keeps its figures for a short while; any change to the ledger shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.ledger import rollups, writing
from communities.ledger.record import record_activity
from communities.models import Activity
from core.period import default_period
from core.vocabulary import Verb
from discussions import moderation
from discussions.services import create_thread, reply_to_thread
from insights.dashboard.cached import figures_for

pytestmark = pytest.mark.django_db


def figures(community):
    return figures_for(community, default_period(), now=timezone.now())


def test_a_second_view_reads_the_kept_figures(client, community, gardener, member):
    record_activity(community=community, actor=member, verb=Verb.REPLIED, thread_id=1)
    client.force_login(gardener)
    url = reverse("insights:dashboard", kwargs={"slug": community.slug})
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as computed:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).status_code == 200
    assert len(kept.captured_queries) + 20 < len(computed.captured_queries)


def test_a_new_activity_shows_at_once(community, member):
    record_activity(community=community, actor=member, verb=Verb.REPLIED, thread_id=1)
    assert figures(community).contributions == 1
    assert figures(community).contributions == 1  # kept
    record_activity(community=community, actor=member, verb=Verb.REPLIED, thread_id=1)
    assert figures(community).contributions == 2


def test_hiding_a_reply_shows_at_once(community, gardener, member):
    thread = create_thread(
        author=gardener,
        community=community,
        title="Who has run a visit?",
        body="Looking for advice.",
        behaviour_codes=["visits"],
    )
    reply = reply_to_thread(author=member, thread=thread, body="We did.")
    assert "visits" in figures(community).behaviours_evident
    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)
    assert "visits" not in figures(community).behaviours_evident


def test_a_rebuild_and_a_lost_counter_change_the_version(community, member):
    before = rollups.version(community.pk)
    # Written beside record_activity (a bulk load): the nightly rebuild counts it.
    with writing.allowed():
        Activity.objects.bulk_create(
            [
                Activity(
                    community=community, actor=member, verb=Verb.REPLIED, created_at=timezone.now()
                )
            ]
        )
    rollups.rebuild(community)
    assert figures(community).contributions == 1
    assert rollups.version(community.pk) != before
    cache.clear()  # evicted: a fresh number, never an old one again
    assert rollups.version(community.pk) > before
