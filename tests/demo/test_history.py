"""The demo's history is real content: every ledger row and every link leads somewhere."""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from assets.models import Asset
from communities.models import Activity, Community, Membership
from communities.models.choices import Role
from demo.history_data import THREADS
from discussions.models import Post, Thread
from insights.models import Gap, ValueStory
from rhythm.models import MeetingOccurrence, MeetingSeries

pytestmark = pytest.mark.django_db

TARGETS = {
    "thread": Thread,
    "post": Post,
    "asset": Asset,
    "meeting": MeetingSeries,
    "meeting-occurrence": MeetingOccurrence,
    "gap": Gap,
    "value_story": ValueStory,
}


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def _gardener(community: Community):
    return Membership.objects.filter(community=community, role=Role.GARDENER).first().user


def test_every_ledger_row_points_at_a_row_that_exists(seeded):
    for target_type, model in TARGETS.items():
        rows = Activity.objects.filter(target_type=target_type)
        ids = set(rows.values_list("target_id", flat=True))
        found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        assert ids - found == set(), target_type


def test_recent_activity_links_answer_a_gardener(seeded, client):
    for community in Community.objects.all():
        client.force_login(_gardener(community))
        page = client.get(f"/c/{community.slug}/")
        assert page.status_code == 200
        for activity in page.context["activity"]:
            if activity.url:
                assert client.get(activity.url).status_code == 200, activity.url


def test_feed_entry_links_answer_a_gardener(seeded, client):
    for community in Community.objects.filter(visibility="public"):
        client.force_login(_gardener(community))
        feed = client.get(f"/c/{community.slug}/feed/")
        assert feed.status_code == 200
        entries = re.findall(r'<entry><title>.*?<link href="([^"]+)"', feed.content.decode())
        assert entries
        for link in entries:
            parts = urlsplit(link.replace("&amp;", "&"))
            path = f"{parts.path}?{parts.query}" if parts.query else parts.path
            assert client.get(path).status_code == 200, link


def test_the_committee_story_is_in_the_content(seeded):
    committee = Community.objects.get(slug="northfield-elearning")
    threads = Thread.objects.filter(community=committee)
    assert threads.filter(title__icontains="flipped-classroom visit").exists()
    assert MeetingSeries.objects.filter(community=committee, kind="visit").exists()
    visit = threads.get(title__icontains="flipped-classroom visit").created_at
    # Quiet in the autumn, woken up by the visit.
    assert (
        threads.filter(created_at__gt=visit).count()
        > 2
        * threads.filter(created_at__lt=visit, created_at__gt=visit - timedelta(weeks=12)).count()
    )
    owen = Post.objects.filter(thread__community=committee, author__username="owen")
    latest = owen.order_by("-created_at").first().created_at
    assert (Post.objects.latest("created_at").created_at - latest).days > 90  # gone quiet
    titles = [t[3] for t in THREADS["northfield-elearning"]]
    for thread in threads.filter(title__in=titles):
        assert thread.reply_count >= 1, thread.title
    newcomer = threads.get(author__username="jonas")
    answer = Post.objects.filter(thread=newcomer, number=2).first()
    assert (answer.created_at - newcomer.created_at).total_seconds() < 5 * 3600
    exchange = Community.objects.get(slug="social-work-practice")
    assert Thread.objects.filter(community=exchange).count() >= 13
    assert MeetingSeries.objects.filter(community=exchange, kind="regular").exists()


def test_a_second_run_adds_no_history(seeded):
    before = (Thread.objects.count(), Post.objects.count(), Activity.objects.count())
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "History for Northfield e-learning committee: already there." in out.getvalue()
    assert (Thread.objects.count(), Post.objects.count(), Activity.objects.count()) == before
