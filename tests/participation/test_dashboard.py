"""The dashboard: who may see it, the period, figures on a hand-built ledger, the CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from communities.ledger import rollups, writing
from communities.models.choices import Role
from core.period import parse_period
from core.vocabulary import Target, Verb
from insights.dashboard.figures import compute
from insights.dashboard.health import assess
from tests.factories import CommunityFactory, add_member

pytestmark = pytest.mark.django_db


def url(community, name="dashboard"):
    return reverse(f"insights:{name}", kwargs={"slug": community.slug})


def test_sponsors_and_gardeners_only(client, community, gardener, sponsor, member, outsider):
    for person in (gardener, sponsor):
        client.force_login(person)
        assert client.get(url(community)).status_code == 200
        assert client.get(url(community, "dashboard_csv")).status_code == 200
    for person in (member, outsider):
        client.force_login(person)
        assert client.get(url(community)).status_code == 404
        assert client.get(url(community, "dashboard_csv")).status_code == 404
    client.logout()
    assert client.get(url(community)).status_code == 404
    assert client.get(url(community, "dashboard_csv")).status_code == 404


def test_private_community_dashboard_is_404_to_outsiders(client, make_community, outsider):
    private, gardener = make_community(visibility="private", join_policy="invite")
    client.force_login(outsider)
    assert client.get(url(private)).status_code == 404
    client.force_login(gardener)
    assert client.get(url(private)).status_code == 200


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-05-01", "2026-04-01", b"start date is after the end date"),
        ("yesterday", "2026-04-01", b"is not a date"),
        ("1901-01-01", "1901-02-01", b"2000 or later"),
        ("2001-01-01", "2026-01-01", b"at most three years"),
        ("2026-01-01", "2999-01-01", b"in the future"),
        ("2026-02-30", "", b"is not a date"),
    ],
)
def test_bad_periods_get_a_clear_400(client, community, gardener, start, end, message):
    client.force_login(gardener)
    response = client.get(url(community), {"start": start, "end": end})
    assert response.status_code == 400
    assert message in response.content
    csv_response = client.get(url(community, "dashboard_csv"), {"start": start, "end": end})
    assert csv_response.status_code == 400


@pytest.mark.parametrize("start", [None, "0001-01-01"])
def test_an_end_date_in_the_year_1_gets_a_clear_400(client, community, sponsor, start):
    client.force_login(sponsor)
    query = {"end": "0001-01-01"} | ({"start": start} if start else {})
    for name in ("dashboard", "dashboard_csv"):
        response = client.get(url(community, name), query)
        assert response.status_code == 400
        assert b"end date in the year 2000 or later" in response.content


def test_figures_on_a_hand_built_ledger(community, gardener, ledger):
    newcomer, helper, quiet = (add_member(community).user for _ in range(3))
    # A newcomer's problem answered in 3 hours by two people: problem solving is evident.
    ledger(newcomer, Verb.THREAD_STARTED, 10, thread_id=1, behaviour="problem-solving", title="Q")
    ledger(helper, Verb.REPLIED, 10, hours=-3, thread_id=1, behaviour="problem-solving")
    # A visit proposed but nobody joined in: a request, not yet a behaviour of the community.
    ledger(quiet, Verb.THREAD_STARTED, 5, thread_id=2, behaviour="visits", title="Visit?")
    ledger(helper, Verb.VALUE_STORY, 4)
    period = parse_period(None, None)
    figures = compute(community, period)
    assert figures.behaviours_evident == {"problem-solving"}
    assert [t.title for t in figures.unanswered] == ["Visit?"]
    names = {n["username"]: n for n in figures.newcomers}
    assert names[newcomer.username]["hours_to_response"] == pytest.approx(3.0, abs=0.01)
    assert figures.median_first_response_hours == pytest.approx(3.0, abs=0.01)
    assert figures.active_members == 3
    assert figures.contributions == 4
    assert sum(w.contributions for w in figures.weeks) == 4
    principles = assess(figures, now=timezone.now())
    assert len(principles) == 9
    assert {p.status for p in principles} <= {"good", "watch", "act"}
    gardening = principles[7]
    assert "3.0 hours" in gardening.proxy


def test_behaviours_panel_names_the_missing_with_a_suggestion(client, community, gardener, ledger):
    member = add_member(community).user
    ledger(member, Verb.THREAD_STARTED, 3, thread_id=5, behaviour="visits")
    ledger(gardener, Verb.REPLIED, 2, thread_id=5, behaviour="visits")
    client.force_login(gardener)
    page = client.get(url(community)).content.decode()
    assert "1 of the 9 is evident" in page
    assert "Start a thread asking what the community does not yet know" in page
    assert "<svg" in page and "<table" in page


def test_pyramid_counts_members_apart_from_staff_and_moves(community, gardener, sponsor):
    from communities import services

    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level="active", reason="Leads the visits"
    )
    figures = compute(community, parse_period(None, None))
    counts = {row["level"]: row["count"] for row in figures.pyramid}
    assert counts["active"] == 1 and figures.pyramid_members == 1
    assert figures.staff_count == 2
    assert (figures.moved_inward, figures.moved_outward) == (1, 0)


def test_csv_has_the_weekly_figures(client, community, gardener, ledger):
    member = add_member(community).user
    ledger(member, Verb.THREAD_STARTED, 1, thread_id=1)
    ledger(member, Verb.REPLIED, 1, thread_id=1)
    ledger(gardener, Verb.ATTENDED, 1, target_type=Target.MEETING_OCCURRENCE, target_id=3)
    client.force_login(gardener)
    today = timezone.now().date()
    response = client.get(
        url(community, "dashboard_csv"),
        {"start": (today - timedelta(days=13)).isoformat(), "end": today.isoformat()},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) in (2, 3)  # the weeks the fortnight touches
    assert sum(int(r["contributions"]) for r in rows) == 3
    assert sum(int(r["threads_started"]) for r in rows) == 1
    assert sum(int(r["meetings_attended"]) for r in rows) == 1
    assert max(int(r["active_members"]) for r in rows) >= 1


def test_opening_the_dashboard_counts_for_sponsorship(client, community, sponsor):
    client.force_login(sponsor)
    client.get(url(community))
    assert community.memberships.get(user=sponsor).dashboard_seen_at is not None


def test_dashboard_queries_do_not_grow_with_the_ledger(client, django_assert_max_num_queries):
    from communities.models import Activity

    def build(size):
        community = CommunityFactory()
        gardener = community.memberships.get(role=Role.GARDENER).user
        now = timezone.now()
        rows = []
        for n in range(size):
            person = add_member(community).user
            rows += [
                Activity(
                    community=community,
                    actor=person,
                    verb=Verb.THREAD_STARTED,
                    thread_id=size * 1000 + n,  # thread ids are unique site-wide
                    behaviour="problem-solving",
                    title=f"T{n}",
                    created_at=now - timedelta(days=n % 80 + 1),
                ),
                Activity(
                    community=community,
                    actor=gardener,
                    verb=Verb.REPLIED,
                    thread_id=size * 1000 + n,  # thread ids are unique site-wide
                    behaviour="problem-solving",
                    created_at=now - timedelta(days=n % 80 + 1, hours=-2),
                ),
                Activity(
                    community=community,
                    actor=person,
                    verb=Verb.ASSET_USED,
                    target_type=Target.ASSET,
                    target_id=n % 3,
                    title="A",
                    created_at=now - timedelta(days=n % 60 + 1),
                ),
            ]
        with writing.allowed():
            Activity.objects.bulk_create(rows)
        rollups.rebuild(community)  # bulk rows skip record_activity: count them as nightly
        return community, gardener

    small, small_gardener = build(3)
    large, large_gardener = build(40)
    client.force_login(small_gardener)
    client.get(url(small))
    # A fixed budget for the page (the people, rhythm and reuse panels add a few each, the
    # addresses of what it links one a kind); what matters is that the large ledger needs no
    # more than the small one.
    cache.clear()  # count the figures' queries, not a cached page
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url(small)).status_code == 200
    small_count = len(captured.captured_queries)
    client.force_login(large_gardener)
    client.get(url(large))
    cache.clear()
    with django_assert_max_num_queries(small_count) as captured:
        assert client.get(url(large)).status_code == 200


def test_headline_figures_speak_in_the_singular_for_one(client, community, gardener):
    from tests.factories import ThreadFactory

    newcomer = add_member(community).user
    ThreadFactory(community=community, author=newcomer)
    client.force_login(gardener)
    page = client.get(url(community)).content.decode()
    assert "<strong>1</strong> newcomer</a></li>" in page
    assert "<strong>1</strong> person contributed" in page
