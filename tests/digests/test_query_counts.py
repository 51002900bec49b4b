"""A digest costs a fixed number of queries, whatever the number of threads, assets,
meetings or members; a community's run claims its digests fifty at a time."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assets import services as assets
from digests import selectors
from digests.models import Kind, SentDigest
from digests.tasks import send_community_digests
from tests.digests.conftest import IN_PERIOD, PERIOD_START, RUN, at, meeting, thread
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db

# Threads and their behaviours, opening posts, assets, reuses, meetings (four reads),
# newcomers, the member's own activity and their last digest.
DIGEST_QUERIES = 12
CODES = (["problem-solving"], ["visits", "documentation-projects"], ["requests-for-information"])


def grow(community, gardener, writer, asker, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        thread(community, writer, f"Thread {i}", codes=CODES[i % 3])
        with at(IN_PERIOD + timedelta(minutes=i)):
            asset = assets.publish_asset(
                author=writer,
                community=community,
                title=f"Asset {i}",
                kind="link",
                url=f"https://example.org/{i}",
            )
            assets.report_use(user=asker, asset=asset)
            add_member(community, user=UserFactory())
        meeting(community, gardener, f"Meeting {i}", date(2026, 11, 17) + timedelta(days=i % 10))


def digest_queries(community, gardener) -> int:
    membership = community.memberships.select_related("user", "community").get(user=gardener)
    with at(RUN), CaptureQueriesContext(connection) as captured:
        digest = selectors.member_digest(membership, period_start=PERIOD_START, now=RUN)
    assert digest is not None and digest.questions and digest.newcomers and digest.meetings
    return len(captured)


def test_one_members_digest_costs_the_same_for_few_and_many(
    community, gardener, writer, asker, django_assert_max_num_queries
):
    grow(community, gardener, writer, asker, 3)
    few = digest_queries(community, gardener)
    grow(community, gardener, writer, asker, 20, start=3)
    many = digest_queries(community, gardener)
    assert few == many, (few, many)
    print(f"one digest: {few} queries")
    membership = community.memberships.select_related("user", "community").get(user=gardener)
    with at(RUN), django_assert_max_num_queries(DIGEST_QUERIES):
        selectors.member_digest(membership, period_start=PERIOD_START, now=RUN)


def run_queries(community) -> tuple[int, int]:
    with at(RUN), CaptureQueriesContext(connection) as captured:
        sent = send_community_digests(community.pk, Kind.WEEKLY, RUN.isoformat())
    return len(captured), sent


def test_a_community_run_costs_the_same_for_few_and_many_members(
    community, gardener, writer, asker
):
    grow(community, gardener, writer, asker, 3)
    few_queries, few_sent = run_queries(community)
    SentDigest.objects.all().delete()  # run the same period again, with more members
    with at(IN_PERIOD):
        for _ in range(15):
            add_member(community, user=UserFactory())
    thread(community, writer, "One more", when=IN_PERIOD + timedelta(hours=5))
    many_queries, many_sent = run_queries(community)
    assert many_sent > few_sent
    print(f"{few_sent} digests: {few_queries} queries; {many_sent}: {many_queries}")
    # All are claimed in one insert and one read; each sent one costs one query, its mark
    # as sent, which a crash-safe send cannot batch (core/claims.py).
    assert many_queries - few_queries == many_sent - few_sent
