"""The seven forms that create something, each as a POST a person can send twice."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.test import Client
from django.urls import reverse

from assets.models import Asset
from discussions.models import Behaviour, Post, Thread
from insights.models import Gap, ValueStory
from proposals.models import Proposal
from rhythm import services as rhythm_services
from rhythm.models import Rsvp
from rhythm.recurrence import Pattern
from tests.assets.conftest import pdf
from tests.factories import ThreadFactory

TOKEN = re.compile(r'name="submit_token" value="([^"]+)"')


@dataclass
class Case:
    page: str  # where the form is rendered
    action: str  # where it posts
    data: Callable[[], dict]  # a fresh copy each time (an upload is read once)
    rows: Callable[[], int]
    bad: dict = field(default_factory=dict)  # what makes the form come back with errors


def token_on(client: Client, page: str) -> str:
    response = client.get(page)
    assert response.status_code == 200, page
    found = TOKEN.findall(response.content.decode())
    assert found, f"no submit token on {page}"
    return found[-1]


def _meeting(community, gardener):
    day = (datetime.now(UTC) + timedelta(days=7)).date()
    series = rhythm_services.create_meeting(
        author=gardener,
        community=community,
        details=rhythm_services.MeetingDetails(
            title="Committee",
            kind="regular",
            day=day,
            start_time=time(16, 0),
            end_time=time(17, 0),
            timezone="UTC",
            pattern=Pattern.ONE_OFF,
        ),
    )
    return series, f"{day:%Y%m%d}T160000Z"


def build(kind: str, community, member, gardener) -> Case:
    slug = community.slug
    if kind == "thread":
        behaviour = Behaviour.objects.get(code="problem-solving")
        return Case(
            page=reverse("discussions:new", kwargs={"slug": slug}),
            action=reverse("discussions:new", kwargs={"slug": slug}),
            data=lambda: {
                "title": "How do you run a retro?",
                "body": "We tried a few formats.",
                "behaviours": [behaviour.pk],
                "tags": "retro",
            },
            rows=Thread.objects.count,
            bad={"title": ""},
        )
    if kind == "reply":
        thread = ThreadFactory(community=community, author=gardener)
        return Case(
            page=thread.get_absolute_url(),
            action=reverse("discussions:reply", kwargs={"slug": slug, "thread_id": thread.pk}),
            data=lambda: {"body": "Try a silent retro first."},
            rows=Post.objects.filter(thread=thread).count,
            bad={"body": ""},
        )
    if kind == "asset":
        return Case(
            page=reverse("assets:new", kwargs={"slug": slug}),
            action=reverse("assets:new", kwargs={"slug": slug}),
            data=lambda: {
                "kind": "file",
                "title": "Retro plan",
                "summary": "A plan.",
                "tags": "",
                "behaviour": "",
                "licence": "cc-by-4.0",
                "visibility": "public",
                "file": pdf(),
            },
            rows=Asset.objects.count,
            bad={"title": ""},
        )
    if kind == "story":
        stories = reverse("insights:stories", kwargs={"slug": slug})
        return Case(
            page=stories,
            action=stories,
            data=lambda: {
                "what_happened": "A retro format from here.",
                "what_changed": "Our team talks more.",
                "kind": ValueStory.Kind.APPLIED,
                "link": "",
            },
            rows=ValueStory.objects.count,
            bad={"what_happened": ""},
        )
    if kind == "gap":
        knowledge = reverse("insights:knowledge", kwargs={"slug": slug})
        return Case(
            page=knowledge,
            action=knowledge,
            data=lambda: {"title": "Nobody knows the grading tool", "description": ""},
            rows=Gap.objects.count,
            bad={"title": ""},
        )
    if kind == "proposal":
        return Case(
            page=reverse("proposals:new"),
            action=reverse("proposals:new"),
            data=lambda: {
                "title": "Retro practitioners",
                "domain": "Running retrospectives",
                "audience": "Team leads",
                "why_now": "",
                "visibility": "public",
            },
            rows=Proposal.objects.count,
            bad={"title": ""},
        )
    if kind == "meeting-answer":
        series, stamp = _meeting(community, gardener)
        page = reverse(
            "rhythm:occurrence", kwargs={"slug": slug, "meeting_id": series.pk, "stamp": stamp}
        )
        return Case(
            page=page,
            action=page + "rsvp/",
            data=lambda: {"answer": "going"},
            rows=Rsvp.objects.filter(user=member).count,
            bad={"answer": "perhaps"},
        )
    raise ValueError(kind)


KINDS = ["thread", "reply", "asset", "story", "gap", "proposal", "meeting-answer"]
