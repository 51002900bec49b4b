"""Every link the demo shows a reader leads somewhere, for every demo role.

Starting from the pages a person lands on (the home page, each community home and its
threads, feed, library, meetings, members, dashboard and its CSV, knowledge map, stories)
the crawl opens every link shown, as the person it was shown to, and then the links of the
digests a send run mails them. Nothing may answer 404 or 500.
"""

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from communities.models import Community
from digests.models import Kind
from digests.tasks import send_community_digests
from tests.demo.crawl import Crawl, links_in

ROLES = [
    None,  # signed out
    "amara@example.org",
    "elena@example.org",
    "joy@example.org",
    "lena@example.org",
    "marta@example.org",
    "dev@example.org",
    "fatima@example.org",
    "admin@example.org",
]
COMMUNITY_PAGES = [
    "",
    "threads/",
    "feed/",
    "assets/",
    "meetings/",
    "members/",
    "dashboard/",
    "dashboard.csv",
    "knowledge/",
    "stories/",
]


def _start_pages() -> list[str]:
    slugs = Community.objects.order_by("slug").values_list("slug", flat=True)
    return ["/", "/communities/"] + [
        f"/c/{slug}/{page}" for slug in slugs for page in COMMUNITY_PAGES
    ]


def _crawl(email: str | None) -> Crawl:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    crawl = Crawl(client)
    crawl.follow(_start_pages(), depth=1)
    return crawl


@pytest.mark.parametrize("email", ROLES, ids=lambda email: (email or "anonymous").split("@")[0])
def test_no_link_shown_leads_nowhere(demo_world, email):
    crawl = _crawl(email)
    assert len(crawl.answers) > 20
    assert crawl.broken == []


def test_no_link_in_a_send_runs_digests_leads_nowhere(demo_world):
    mail.outbox.clear()
    for community in Community.objects.all():
        for kind in (Kind.DAILY, Kind.WEEKLY, Kind.SPONSOR):
            send_community_digests(community.pk, kind)
    assert mail.outbox, "a send run over the demo mails someone"
    broken = []
    for message in mail.outbox:
        reader = Client()
        reader.force_login(User.objects.get(email=message.to[0]))
        crawl = Crawl(reader)
        crawl.follow_letter(message, name=f"{message.subject} to {message.to[0]}")
        broken += crawl.broken
    assert broken == []


def test_the_crawl_reports_a_link_that_leads_nowhere(db):
    page = '<a href="/c/nowhere/">x</a> <a href="https://elsewhere.example/">y</a>'
    page += '<a href="#top">z</a> <a href="mailto:x@example.org">m</a>'
    assert links_in(page, "/") == ["/c/nowhere/"]
    crawl = Crawl(Client())
    crawl.open("/c/nowhere/", shown_on="/")
    assert crawl.broken == ["/c/nowhere/ answered 404 (shown on /)"]
